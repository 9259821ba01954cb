"""The metrics one variant at a time, as backends/numpy/metrics.py and results.py computed them before
the sweep table became one pass over K rows (commit fe8d738): the oracle the vectorized table must equal.
Plain scalar code over one NAV series and that variant's own trades; shares nothing with the engine."""

from __future__ import annotations

import numpy as np

DAYS_PER_YEAR = 365.25


def _days(dates: np.ndarray) -> float:
    return float((dates[-1] - dates[0]).astype("timedelta64[D]").astype(np.int64))


def _drawdowns(nav: np.ndarray) -> np.ndarray:
    return 1.0 - nav / np.maximum.accumulate(nav)


def duration(nav: np.ndarray, dates: np.ndarray) -> tuple[int, int]:
    below = np.r_[False, _drawdowns(nav)[1:] > 0, False]
    starts = np.flatnonzero(~below[:-1] & below[1:])
    ends = np.minimum(np.flatnonzero(below[:-1] & ~below[1:]) + 1, len(nav) - 1)
    if not len(starts):
        return 0, 0
    days = (dates[ends] - dates[starts]).astype("timedelta64[D]").astype(np.int64)
    return int((ends - starts).max()), int(days.max())


def _std(x: np.ndarray) -> float:
    return float(np.std(x, ddof=1)) if len(x) > 1 else float("nan")


def _ratios(r: np.ndarray, P: float) -> tuple[float, float]:
    """(Sharpe, Sortino)."""
    sd = np.std(r, ddof=1) if len(r) > 1 else 0.0
    sharpe = float(np.mean(r) / sd * np.sqrt(P)) if sd > 0 else float("nan")
    downside = np.sqrt(np.mean(np.minimum(r, 0.0) ** 2)) if len(r) else 0.0
    sortino = float(np.mean(r) * np.sqrt(P) / downside) if downside > 0 else float("nan")
    return sharpe, sortino


def _tracking(r: np.ndarray, benchmark: np.ndarray | None, P: float) -> tuple[float, float]:
    if benchmark is None:
        return float("nan"), float("nan")
    excess = r - benchmark
    te = _std(excess) * float(np.sqrt(P))
    return te, float(np.mean(excess) * P / te) if te > 0 else float("nan")


def trade_totals(trades: list) -> tuple[float, int, int, float]:
    """(turnover sum, rebalances, orders, costs) of one variant's own trades."""
    rebalances = [t for t in trades if t.event == "REBALANCE"]
    costs = float(sum(t.cost for t in trades))
    if not rebalances:
        return 0.0, 0, 0, costs
    quantities = np.array([t.quantities for t in rebalances])
    notional = np.abs(quantities * np.array([t.prices for t in rebalances]))
    values = np.array([t.value_before for t in rebalances])
    turnover = float(np.sum(notional.sum(axis=1) / 2 / values))
    return turnover, len(rebalances), int(np.count_nonzero(quantities)), costs


def summary(nav: np.ndarray, dates: np.ndarray, P: float, benchmark: np.ndarray | None,
            turnover_sum: float, rebalances: int, orders: int, costs: float) -> dict:
    r = nav[1:] / nav[:-1] - 1.0
    days = _days(dates)
    years = days / DAYS_PER_YEAR
    dd = float(_drawdowns(nav).max())
    growth = float((nav[-1] / nav[0]) ** (DAYS_PER_YEAR / days) - 1.0) if days > 0 else float("nan")
    bars, under = duration(nav, dates)
    sharpe, sortino = _ratios(r, P)
    te, ir = _tracking(r, benchmark, P)
    return {
        "total_return": float(nav[-1] / nav[0] - 1.0), "cagr": growth,
        "volatility": float(_std(r) * np.sqrt(P)), "sharpe": sharpe, "sortino": sortino,
        "calmar": growth / dd if dd > 0 else float("nan"), "max_drawdown": dd,
        "max_drawdown_bars": bars, "max_drawdown_days": under,
        "turnover": turnover_sum / years if years > 0 else float("nan"),
        "rebalances": rebalances, "orders": orders, "costs": costs,
        "costs_bps_per_year": costs / float(np.mean(nav)) / years * 1e4 if years > 0 else float("nan"),
        "tracking_error": te, "information_ratio": ir,
    }
