"""Signals in the backtest: the values a strategy reads (gaps carried over), their ages, and the bars where
a decision waits because a value it reads is older than the signal's `stale after` (docs/semantics.md,
*Signals*)."""

from __future__ import annotations

import numpy as np

from rbl.dsl import ir
from rbl.dsl.check.warmup import signal_reach


def carried(raw: np.ndarray) -> np.ndarray:
    """(T, M) each signal's last value at or before each bar (NaN before its first)."""
    T = raw.shape[0]
    seen = np.where(~np.isnan(raw), np.arange(T)[:, None], -1)
    last = np.maximum.accumulate(seen, axis=0)
    return np.where(last >= 0, raw[np.maximum(last, 0), np.arange(raw.shape[1])], np.nan)


def ages(raw: np.ndarray) -> np.ndarray:
    """(T, M) bars since each signal's last value (0: a value on this bar; inf: none yet)."""
    T = raw.shape[0]
    seen = np.where(~np.isnan(raw), np.arange(T)[:, None], -1)
    last = np.maximum.accumulate(seen, axis=0)
    return np.where(last >= 0, np.arange(T)[:, None] - last, np.inf)


def stale_reads(s: ir.Strategy, raw: np.ndarray) -> np.ndarray:
    """(T, M) True where a decision on that bar would read a value of signal m older than its staleness,
    at that bar or any of the bars its windows and lags reach back."""
    T, reach = raw.shape[0], signal_reach(s)
    age = ages(raw)
    out = np.zeros(raw.shape, np.bool_)
    for m, x in enumerate(s.signals):
        if x.name not in reach:
            continue                            # nothing reads it: it holds up nothing
        old = age[:, m] > x.stale_bars
        for j in range(reach[x.name] + 1):
            out[j:, m] |= old[:T - j]
            out[:j, m] = True
    return out


def waits(s: ir.Strategy, raw: np.ndarray) -> np.ndarray:
    """(T,) the bars where the decision waits for a signal."""
    if not s.signals:
        return np.zeros(raw.shape[0], np.bool_)
    return stale_reads(s, raw).any(axis=1)


def why_waiting(s: ir.Strategy, raw: np.ndarray, dates: np.ndarray) -> dict[int, str]:
    """The trace's reason on each bar that waits: the first signal read stale, its last value's date and age."""
    stale, age = stale_reads(s, raw), ages(raw)
    return {int(t): _why(s, stale[t], age[t], dates, int(t)) for t in np.flatnonzero(stale.any(axis=1))}


def _why(s: ir.Strategy, stale: np.ndarray, ages_now: np.ndarray, dates: np.ndarray, t: int) -> str:
    m = int(np.argmax(stale))
    x, age = s.signals[m], ages_now[m]
    limit = f"stale after {x.stale_bars} bar{'s' if x.stale_bars != 1 else ''}"
    if not np.isfinite(age):
        return f"signal {x.name} has no value yet: wait"
    if age <= x.stale_bars:
        return f"signal {x.name}: a bar its windows read has no value within {x.stale_bars} bars ({limit}): wait"
    return f"signal {x.name}: last value on {dates[t - int(age)]}, {int(age)} bars old ({limit}): wait"
