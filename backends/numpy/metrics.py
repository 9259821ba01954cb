"""Performance metrics of K NAV rows at once (one variant is the K = 1 case), with their conventions."""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy.calendar import unit_numbers

DAYS_PER_YEAR = 365.25

CONVENTIONS = {
    "cagr_basis": "calendar: (NAV_end / NAV_start) ** (365.25 / calendar days) - 1",
    "risk_free_rate": "0 (Sharpe and Sortino use excess return over 0)",
    "volatility": "sample stdev (ddof 1) of bar returns x sqrt(periods per year)",
    "sortino": "mean bar return x P / (sqrt(mean(min(r, 0)^2)) x sqrt(P))",
    "turnover": "one-sided: (buys + sells) / 2 / NAV before each rebalance, summed, per year; "
                "the initial purchase is not counted",
    "counts": "rebalances: the REBALANCE decisions; orders: their nonzero orders, one per asset traded (the "
              "initial purchase and a kill switch's sale are listed among the trades but not counted, as in "
              "turnover)",
    "drawdown_duration": "longest stretch below a previous NAV peak, in bars and calendar days",
    "costs_bps_per_year": "total costs / mean NAV / years x 10,000",
    "tracking_error": "stdev (ddof 1) of (return - benchmark return) x sqrt(P); "
                      "information ratio = mean excess x P / tracking error",
    "period": "from the first decision bar (after the warm-up) to the last bar",
}

# Every function below reduces along the last axis: a (n,) series gives a scalar, (K, n) rows give (K,).
# Row reductions over a contiguous last axis use the same pairwise sums as one series, so a sweep's
# row k equals the single run of variant k bit for bit.


def periods_per_year(dates: np.ndarray) -> float:
    """Median number of bars per calendar year, over the full years when there are at least three.
    Intraday bars spanning fewer: bars per 365.25 days of the span they cover (a part of a year holds
    a part of its bars: 500,000 one-minute bars are not 500,000 a year)."""
    years = unit_numbers(dates, "Y")
    _, counts = np.unique(years, return_counts=True)
    if len(counts) < 3 and np.datetime_data(dates.dtype)[0] != "D" and len(dates) > 1:
        span = float((dates[-1] - dates[0]) / np.timedelta64(1, "s")) / 86400.0
        return float(round((len(dates) - 1) * DAYS_PER_YEAR / span))
    full = counts[1:-1] if len(counts) >= 3 else counts
    return float(np.median(full))


def returns(nav: np.ndarray) -> np.ndarray:
    return nav[..., 1:] / nav[..., :-1] - 1.0


def calendar_days(dates: np.ndarray) -> float:
    return float((dates[-1] - dates[0]).astype("timedelta64[D]").astype(np.int64))


def cagr(nav: np.ndarray, dates: np.ndarray, days: float | None = None):
    days = calendar_days(dates) if days is None else days
    if days <= 0:
        return np.full(nav.shape[:-1], np.nan)[()]
    return (nav[..., -1] / nav[..., 0]) ** (DAYS_PER_YEAR / days) - 1.0


def _mean(x: np.ndarray):
    """np.mean along the last axis (the same sum / n) without its Python-level overhead."""
    return np.add.reduce(x, axis=-1) / x.shape[-1]


def moments(x: np.ndarray):
    """(mean, sample stdev with ddof 1) along the last axis, by np.mean's and np.std's own arithmetic
    (sum / n; squared deviations summed / (n - 1), square root); NaN with too few values."""
    n = x.shape[-1]
    if n < 2:
        mean = _mean(x) if n else np.full(x.shape[:-1], np.nan)
        return mean[()], np.full(x.shape[:-1], np.nan)[()]
    mean = np.add.reduce(x, axis=-1, keepdims=True) / n
    deviation = x - mean
    deviation *= deviation
    return mean[..., 0][()], np.sqrt(np.add.reduce(deviation, axis=-1) / (n - 1))[()]


def _ratio(numerator, denominator):
    """numerator / denominator where the denominator is > 0, else NaN (zero or no dispersion); no
    division by zero is made, so none warns."""
    out = np.full(np.shape(denominator), np.nan)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)[()]


def volatility(r: np.ndarray, P: float):
    return moments(r)[1] * np.sqrt(P)


def sharpe(r: np.ndarray, P: float):
    return _ratio(*moments(r)) * np.sqrt(P)


def sortino(r: np.ndarray, P: float, mean=None):
    """Mean over the downside deviation, annualized; `mean` of r when already known."""
    if r.shape[-1] == 0:
        return np.full(r.shape[:-1], np.nan)[()]
    mean = _mean(r) if mean is None else mean
    downside = np.minimum(r, 0.0)
    downside *= downside
    return _ratio(mean * np.sqrt(P), np.sqrt(_mean(downside)))


def drawdowns(nav: np.ndarray) -> np.ndarray:
    peak = np.maximum.accumulate(nav, axis=-1)
    np.divide(nav, peak, out=peak)
    return np.subtract(1.0, peak, out=peak)


def max_drawdown_duration(nav: np.ndarray, dates: np.ndarray, dd: np.ndarray | None = None):
    """(bars, calendar days) of the longest stretch spent below a previous peak: from the last bar at
    the peak to the recovery bar (or the last bar, when the row ends below its peak)."""
    dd = drawdowns(nav) if dd is None else dd
    rows = dd.reshape(-1, dd.shape[-1])
    K, n = rows.shape
    below = np.zeros((K, n + 1), dtype=bool)    # a closing column: no stretch runs into the next row
    np.greater(rows[:, 1:], 0, out=below[:, 1:n])          # the first bar is its own peak
    flat = below.ravel()
    here, then = flat[:-1], flat[1:]
    row, peak = np.divmod(np.flatnonzero(then > here), n + 1)     # last bar at the peak, row by row
    end = np.minimum(np.flatnonzero(here > then) % (n + 1) + 1, n - 1)   # the recovery bar, or the last
    ticks = dates.view(np.int64)                # datetime64 arithmetic takes NumPy's slow generic path
    bars, longest = np.zeros(K, dtype=np.int64), np.zeros(K, dtype=np.int64)
    np.maximum.at(bars, row, end - peak)
    np.maximum.at(longest, row, ticks[end] - ticks[peak])
    unit, count = np.datetime_data(dates.dtype)
    days = longest.astype(f"m8[{count}{unit}]").astype("timedelta64[D]").astype(np.int64)
    return bars.reshape(dd.shape[:-1])[()], days.reshape(dd.shape[:-1])[()]


def tracking(r: np.ndarray, benchmark: np.ndarray, P: float):
    """(tracking error, information ratio) against benchmark returns on the same bars."""
    mean, sd = moments(r - benchmark)
    te = sd * np.sqrt(P)
    return te, _ratio(mean * P, te)


def columns(nav: np.ndarray, dates: np.ndarray, P: float, benchmark: np.ndarray | None, turnover_sum,
            rebalances, orders, costs) -> dict[str, np.ndarray]:
    """Every headline metric of K variants as (K,) columns: `nav` (K, n) from the first decision bar,
    `benchmark` (K or 1, n - 1) bar returns aligned with nav[:, 1:] (or None), the trade totals (K,)."""
    r, dd_path, costs = returns(nav), drawdowns(nav), np.asarray(costs, dtype=np.float64)
    (mean, sd), days = moments(r), calendar_days(dates)
    years = days / DAYS_PER_YEAR
    dd, growth = dd_path.max(axis=-1), cagr(nav, dates, days)
    bars, under_water = max_drawdown_duration(nav, dates, dd_path)
    no_benchmark = np.full(len(nav), np.nan)
    te, ir = tracking(r, benchmark, P) if benchmark is not None else (no_benchmark, no_benchmark)
    return {
        "total_return": nav[:, -1] / nav[:, 0] - 1.0, "cagr": growth, "volatility": sd * np.sqrt(P),
        "sharpe": _ratio(mean, sd) * np.sqrt(P), "sortino": sortino(r, P, mean), "calmar": _ratio(growth, dd),
        "max_drawdown": dd, "max_drawdown_bars": bars, "max_drawdown_days": under_water,
        "turnover": _per_year(np.asarray(turnover_sum, dtype=np.float64), years),
        "rebalances": np.asarray(rebalances, dtype=np.int64), "orders": np.asarray(orders, dtype=np.int64),
        "costs": costs, "costs_bps_per_year": _per_year(costs / _mean(nav), years) * 1e4,
        "tracking_error": te, "information_ratio": ir,
    }


def _per_year(total: np.ndarray, years: float) -> np.ndarray:
    return total / years if years > 0 else np.full(total.shape, np.nan)


def summaries(nav: np.ndarray, dates: np.ndarray, P: float, benchmark: np.ndarray | None, turnover_sum,
              rebalances, orders, costs) -> list[dict[str, float]]:
    """One dict of Python numbers per variant (row of `nav`); the arguments are those of `columns`."""
    lists = {name: values.tolist() for name, values in
             columns(nav, dates, P, benchmark, turnover_sum, rebalances, orders, costs).items()}
    return [dict(zip(lists, row)) for row in zip(*lists.values())]


def summary(nav: np.ndarray, dates: np.ndarray, P: float, benchmark: np.ndarray | None,
            turnover_sum: float, rebalances: int, orders: int, costs: float) -> dict[str, float]:
    """Every headline metric of one variant: the K = 1 case of `summaries`."""
    bench = None if benchmark is None else benchmark[None]
    return summaries(nav[None], dates, P, bench, [turnover_sum], [rebalances], [orders], [costs])[0]


# ---- tearsheet series of one NAV (the report's tables and charts; plain arrays in, plain lists out) ----------
def period_returns(nav: np.ndarray, dates: np.ndarray, unit: str) -> list[tuple[int, float]]:
    """(period number, return) per calendar month (`unit` "M") or year ("Y") the NAV spans: each period's
    last NAV over the previous period's last NAV (the first period over the first NAV), minus 1."""
    ids = unit_numbers(dates, unit)
    last = np.flatnonzero(np.r_[ids[1:] != ids[:-1], True])
    ends = nav[last]
    starts = np.r_[nav[0], ends[:-1]]
    return list(zip(ids[last].tolist(), (ends / starts - 1.0).tolist()))


def rolling_sharpe_volatility(r: np.ndarray, window: int, P: float) -> tuple[np.ndarray, np.ndarray]:
    """Sharpe (rf 0) and volatility, annualized, of the `window` bar returns ending at each bar (NaN before
    the first full window); sample stdev (ddof 1), as the headline metrics."""
    sharpe, vol = np.full(len(r), np.nan), np.full(len(r), np.nan)
    if window < 2 or len(r) < window:
        return sharpe, vol
    c1, c2 = np.r_[0.0, np.cumsum(r)], np.r_[0.0, np.cumsum(r * r)]
    s1, s2 = c1[window:] - c1[:-window], c2[window:] - c2[:-window]
    var = np.maximum(s2 - s1 * s1 / window, 0.0) / (window - 1)
    sd = np.sqrt(var)
    vol[window - 1:] = sd * np.sqrt(P)
    sharpe[window - 1:] = _ratio(s1 / window, np.where(sd > 1e-12, sd, 0.0)) * np.sqrt(P)
    return sharpe, vol


def drawdown_periods(nav: np.ndarray, top: int = 5) -> list[tuple[int, int, int | None, float]]:
    """The `top` deepest drawdowns as (peak bar, trough bar, recovery bar or None, depth): a drawdown runs
    from the last bar at a peak to the first bar back at or above it; deepest first."""
    peak = np.maximum.accumulate(nav)
    below = nav < peak
    periods, t, n = [], 0, len(nav)
    while t < n:
        if not below[t]:
            t += 1
            continue
        start = t - 1
        end = t
        while end < n and below[end]:
            end += 1
        trough = start + int(np.argmin(nav[start:end]))
        periods.append((start, trough, end if end < n else None, float(1.0 - nav[trough] / nav[start])))
        t = end
    return sorted(periods, key=lambda p: -p[3])[:top]
