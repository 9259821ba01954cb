"""The MetaTrader timeframe an EA decides on: from `rbl compile --timeframe`, or from the data's bars."""

from __future__ import annotations

import numpy as np

from rbl.backends.mql5.program import Unsupported

# MetaTrader's bar sizes that rbl compiles for, in seconds (PERIOD_M1 .. PERIOD_D1).
SECONDS = {"M1": 60, "M5": 300, "M15": 900, "M30": 1800, "H1": 3600, "H2": 7200, "H3": 10800,
           "H4": 14400, "H6": 21600, "H8": 28800, "H12": 43200, "D1": 86400}
DAILY = "D1"


def bar_seconds(timeframe: str) -> int:
    if timeframe not in SECONDS:
        raise Unsupported(f"timeframe {timeframe!r} is not one rbl compiles for; use one of "
                          f"{', '.join(SECONDS)}")
    return SECONDS[timeframe]


def is_intraday(timeframe: str) -> bool:
    return bar_seconds(timeframe) < SECONDS[DAILY]


def timeframe_of(dates: np.ndarray) -> str:
    """The timeframe of a panel's bars: D1 for daily data, else the most common step between bars
    (weekend and overnight gaps are rarer than the bar size); a step MetaTrader has no bars of is
    refused."""
    if np.datetime_data(dates.dtype)[0] == "D" or len(dates) < 2:
        return DAILY
    steps, counts = np.unique(np.diff(dates.astype("datetime64[s]").astype(np.int64)), return_counts=True)
    step = int(steps[counts.argmax()])
    name = next((n for n, s in SECONDS.items() if s == step), None)
    if name is None:
        raise Unsupported(f"the data's bars are {step} seconds apart, which is no MetaTrader timeframe "
                          f"({', '.join(SECONDS)})")
    return name
