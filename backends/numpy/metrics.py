"""Performance metrics from a NAV series, with the conventions each one uses stated in MANIFEST."""

from __future__ import annotations

import numpy as np

from backends.numpy.calendar import unit_numbers

DAYS_PER_YEAR = 365.25

CONVENTIONS = {
    "cagr_basis": "calendar: (NAV_end / NAV_start) ** (365.25 / calendar days) - 1",
    "risk_free_rate": "0 (Sharpe and Sortino use excess return over 0)",
    "volatility": "sample stdev (ddof 1) of bar returns x sqrt(periods per year)",
    "sortino": "mean bar return x P / (sqrt(mean(min(r, 0)^2)) x sqrt(P))",
    "turnover": "one-sided: (buys + sells) / 2 / NAV before each rebalance, summed, per year; "
                "the initial purchase is not counted",
    "drawdown_duration": "longest stretch below a previous NAV peak, in bars and calendar days",
    "costs_bps_per_year": "total costs / mean NAV / years x 10,000",
    "tracking_error": "stdev (ddof 1) of (return - benchmark return) x sqrt(P); "
                      "information ratio = mean excess x P / tracking error",
    "period": "from the first decision bar (after the warm-up) to the last bar",
}


def periods_per_year(dates: np.ndarray) -> float:
    """Median number of bars per calendar year, over the full years when there are at least three."""
    years = unit_numbers(dates, "Y")
    _, counts = np.unique(years, return_counts=True)
    full = counts[1:-1] if len(counts) >= 3 else counts
    return float(np.median(full))


def returns(nav: np.ndarray) -> np.ndarray:
    return nav[1:] / nav[:-1] - 1.0


def cagr(nav: np.ndarray, dates: np.ndarray) -> float:
    days = float((dates[-1] - dates[0]).astype("timedelta64[D]").astype(np.int64))
    return float((nav[-1] / nav[0]) ** (DAYS_PER_YEAR / days) - 1.0) if days > 0 else float("nan")


def volatility(r: np.ndarray, P: float) -> float:
    return float(np.std(r, ddof=1) * np.sqrt(P)) if len(r) > 1 else float("nan")


def sharpe(r: np.ndarray, P: float) -> float:
    sd = np.std(r, ddof=1) if len(r) > 1 else 0.0
    return float(np.mean(r) / sd * np.sqrt(P)) if sd > 0 else float("nan")


def sortino(r: np.ndarray, P: float) -> float:
    downside = np.sqrt(np.mean(np.minimum(r, 0.0) ** 2)) if len(r) else 0.0
    return float(np.mean(r) * np.sqrt(P) / downside) if downside > 0 else float("nan")


def drawdowns(nav: np.ndarray) -> np.ndarray:
    return 1.0 - nav / np.maximum.accumulate(nav)


def max_drawdown_duration(nav: np.ndarray, dates: np.ndarray) -> tuple[int, int]:
    """(bars, calendar days) of the longest stretch spent below a previous peak."""
    below = np.r_[False, drawdowns(nav)[1:] > 0, False]
    starts = np.flatnonzero(~below[:-1] & below[1:])           # last bar at the peak
    ends = np.minimum(np.flatnonzero(below[:-1] & ~below[1:]) + 1, len(nav) - 1)   # recovery (or the end)
    if not len(starts):
        return 0, 0
    days = (dates[ends] - dates[starts]).astype("timedelta64[D]").astype(np.int64)
    return int((ends - starts).max()), int(days.max())


def tracking(r: np.ndarray, benchmark: np.ndarray, P: float) -> tuple[float, float]:
    """(tracking error, information ratio) against benchmark returns on the same bars."""
    excess = r - benchmark
    te = float(np.std(excess, ddof=1) * np.sqrt(P)) if len(excess) > 1 else float("nan")
    ir = float(np.mean(excess) * P / te) if te > 0 else float("nan")
    return te, ir


def summary(nav: np.ndarray, dates: np.ndarray, P: float, benchmark: np.ndarray | None,
            turnover_sum: float, rebalances: int, orders: int, costs: float) -> dict[str, float]:
    """Every headline metric of one variant; `benchmark` holds bar returns aligned with nav[1:]."""
    r = returns(nav)
    years = float((dates[-1] - dates[0]).astype("timedelta64[D]").astype(np.int64)) / DAYS_PER_YEAR
    dd = float(drawdowns(nav).max())
    growth = cagr(nav, dates)
    bars, days = max_drawdown_duration(nav, dates)
    te, ir = tracking(r, benchmark, P) if benchmark is not None else (float("nan"), float("nan"))
    return {
        "total_return": float(nav[-1] / nav[0] - 1.0), "cagr": growth, "volatility": volatility(r, P),
        "sharpe": sharpe(r, P), "sortino": sortino(r, P),
        "calmar": growth / dd if dd > 0 else float("nan"), "max_drawdown": dd,
        "max_drawdown_bars": bars, "max_drawdown_days": days,
        "turnover": turnover_sum / years if years > 0 else float("nan"),
        "rebalances": rebalances, "orders": orders, "costs": costs,
        "costs_bps_per_year": costs / float(np.mean(nav)) / years * 1e4 if years > 0 else float("nan"),
        "tracking_error": te, "information_ratio": ir,
    }
