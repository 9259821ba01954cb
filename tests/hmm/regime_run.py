"""A strategy's regime values and decisions on the bundled data, whole or cut at a date (tests only)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rbl.backends.numpy import backtest
from rbl.backends.numpy import regimes
from rbl.backends.numpy.api import _asset_prices
from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.engine import Engine
from rbl.dsl.compiler import compile_file

DATA = Path(__file__).parent / "data"


def checked(name: str):
    return compile_file(DATA / name)


def panel(strategy, end: str | None = None):
    return load_prices([a.column for a in strategy.strategy.assets], None, None, end, 0)[0]


def probabilities(strategy, end: str | None = None, regime: str = "market") -> tuple[np.ndarray, np.ndarray]:
    """(dates, (T, states) filtered probabilities) of variant 0, as the engine computes them."""
    p = panel(strategy, end)
    engine = Engine(strategy, p.dates, _asset_prices(p, strategy.strategy), {}, 252.0, False)
    return p.dates, regimes.variants(strategy.strategy.regime(regime), engine.ev)[0]


def decisions(strategy, end: str | None = None) -> list:
    return backtest(strategy, end=end).trace_records()
