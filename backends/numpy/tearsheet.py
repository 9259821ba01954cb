"""The backtest report's tearsheet sections: equity against the benchmark, drawdowns, monthly and yearly
returns, rolling Sharpe and volatility, weights (HTML strings; the page around them is report.py's)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.charts import line_chart, money, stacked_area

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TOP_WEIGHTS = 7             # assets drawn one by one in the weights chart; the rest is 'other'
WORST = 5                   # drawdown periods listed


@dataclass
class Curves:
    """One variant from its first decision bar: NAV, dates, the benchmark's NAV (None without one) and
    the decision bars (indices into nav) of its rebalances."""

    nav: np.ndarray
    dates: np.ndarray
    benchmark: np.ndarray | None
    benchmark_name: str
    rebalances: np.ndarray
    periods_per_year: float
    currency: str

    @classmethod
    def of(cls, result) -> Curves:
        run, k, t0 = result.run, result.k, result.run.sim.t0
        nav = run.sim.nav[k, t0:]
        returns = run.benchmark_returns(k)
        bench = None if returns is None else nav[0] * np.r_[1.0, np.cumprod(1.0 + returns)]
        asset = result.strategy.benchmark.asset
        name = f"benchmark ({asset})" if asset else "benchmark (the targets, rebalanced every bar, no costs)"
        # the rebalances that traded (the Rebalances metric): a decision on the last bar has no fill
        rebalances = np.array([t.bar - t0 for t in result.trades if t.event == "REBALANCE"], dtype=np.int64)
        return cls(nav, run.dates[t0:], bench, name, rebalances, run.periods_per_year, result.strategy.currency)


def sections(result) -> list[str]:
    c = Curves.of(result)
    return [equity(c), equity(c, log=True), drawdown(c), monthly(c), yearly(c), rolling(c), weights(result)]


def equity(c: Curves, log: bool = False) -> str:
    series = {"strategy": c.nav, **({c.benchmark_name: c.benchmark} if c.benchmark is not None else {})}
    note = ("" if log else f"circles: the {len(c.rebalances):,} rebalances; right: the final values; ") + (
        "equal steps are equal growth rates" if log else f"in {c.currency}")
    return line_chart("Equity (NAV)", c.dates, series, money(c.currency), log=log, end_values=True,
                      markers=None if log else c.rebalances, note=note)


def drawdown(c: Curves) -> str:
    chart = line_chart("Drawdown", c.dates, {"drawdown": c.nav / np.maximum.accumulate(c.nav) - 1}, "{:.0%}")
    rows = "".join(_drawdown_row(c, *period) for period in m.drawdown_periods(c.nav, WORST))
    head = ("<tr><th>start (peak)</th><th>trough</th><th>recovery</th><th>depth</th><th>length (bars)</th>"
            "<th>length (days)</th></tr>")
    table = (f"<h2>Worst drawdowns</h2><p class='note'>the {WORST} deepest: from the last bar at a peak to the "
             "first bar back at it (or to the last bar, not recovered)</p>"
             f"<table class='drawdowns'>{head}{rows}</table>" if rows else "")
    return chart + table


def _drawdown_row(c: Curves, start: int, trough: int, recovery: int | None, depth: float) -> str:
    end = len(c.nav) - 1 if recovery is None else recovery
    days = int((c.dates[end] - c.dates[start]).astype("timedelta64[D]").astype(np.int64))
    back = "not recovered" if recovery is None else str(c.dates[recovery].astype("datetime64[D]"))
    return (f"<tr><td>{c.dates[start].astype('datetime64[D]')}</td><td>{c.dates[trough].astype('datetime64[D]')}"
            f"</td><td>{back}</td><td>{pct(-depth)}</td><td>{end - start:,}</td><td>{days:,}</td></tr>")


def _shade(value: float, scale: float) -> str:
    if not np.isfinite(value):
        return ""
    strength = min(abs(value) / scale, 1.0) if scale > 0 else 0.0
    hue = 130 if value >= 0 else 0
    return f" style='background:hsl({hue},55%,{96 - 36 * strength:.0f}%)'"


def pct(value: float, digits: int = 2) -> str:
    """A percentage as shown, never '-0.0%' (a tiny loss rounds to 0)."""
    text = f"{value:.{digits}%}"
    return text[1:] if text.startswith("-") and not text.strip("-0.%") else text


def _cell(value: float | None, scale: float) -> str:
    if value is None or not np.isfinite(value):
        return "<td></td>"
    return f"<td{_shade(value, scale)}>{pct(value, 1)}</td>"


def monthly(c: Curves) -> str:
    months = dict(m.period_returns(c.nav, c.dates, "M"))
    years = dict(m.period_returns(c.nav, c.dates, "Y"))
    scale = max((abs(v) for v in months.values()), default=0.0)
    head = "<tr><th>year</th>" + "".join(f"<th>{name}</th>" for name in MONTHS) + "<th>whole year</th></tr>"
    rows = "".join(f"<tr><th>{1970 + y}</th>" + "".join(_cell(months.get(y * 12 + i), scale) for i in range(12))
                   + _cell(years[y], max(scale * 3, 1e-12)) + "</tr>" for y in sorted(years))
    return ("<h2>Monthly returns</h2><p class='note'>each month's last NAV over the previous month's last NAV; "
            "the first month from the first decision bar; green up, red down</p>"
            f"<table class='heatmap'>{head}{rows}</table>")


def yearly(c: Curves) -> str:
    years = m.period_returns(c.nav, c.dates, "Y")
    bench = dict(m.period_returns(c.benchmark, c.dates, "Y")) if c.benchmark is not None else {}
    rows = "".join(f"<tr><th>{1970 + y}</th><td>{pct(r)}</td>" + (
        f"<td>{pct(bench[y])}</td><td>{_signed(r - bench[y])}</td>" if bench else "") + "</tr>" for y, r in years)
    # the benchmark's long name goes in the note: as a header it stretched its column across the page
    head = "<tr><th>year</th><th>strategy</th>" + ("<th>benchmark</th><th>difference</th>" if bench else "") + "</tr>"
    named = f"; {html.escape(c.benchmark_name)}" if bench else ""
    return (f"<h2>Yearly returns</h2><p class='note'>calendar years; the first and last may be partial{named}</p>"
            f"<table class='yearly'>{head}{rows}</table>")


def _signed(value: float) -> str:
    """A difference in percent with its sign, '0.00%' rather than '-0.00%'."""
    return "0.00%" if round(value * 100, 2) == 0 else f"{value:+.2%}"


def rolling(c: Curves) -> str:
    window = round(c.periods_per_year)
    r = m.returns(c.nav)
    sharpe, vol = m.rolling_sharpe_volatility(r, window, c.periods_per_year)
    note = (f"over the last {window} bars (12 months at {c.periods_per_year:g} bars a year), annualized; "
            "rf 0; sample stdev")
    return (line_chart("Rolling 12-month Sharpe", c.dates[1:], {"Sharpe": sharpe}, "{:.1f}", note=note)
            + line_chart("Rolling 12-month volatility", c.dates[1:], {"volatility": vol}, "{:.0%}"))


def grouped_weights(frame, top: int = TOP_WEIGHTS) -> dict[str, np.ndarray]:
    """The `top` assets by mean weight one by one, the rest summed as 'other', then cash when held."""
    cash = frame["cash"].to_numpy() if "cash" in frame else None
    assets = frame.drop(columns=["cash"], errors="ignore")
    order = list(assets.abs().mean().sort_values(ascending=False, kind="stable").index)
    out = {name: assets[name].to_numpy() for name in order[:top]}
    if len(order) > top:
        out["other"] = assets[order[top:]].sum(axis=1).to_numpy()
    if cash is not None and (np.abs(cash) > 1e-9).any():
        out["cash"] = cash
    return out


def weights(result) -> str:
    frame = result.weights.iloc[result.run.sim.t0:]
    series = grouped_weights(frame)
    dates = result.run.dates[result.run.sim.t0:]
    more = frame.shape[1] - 1 - TOP_WEIGHTS
    note = (f"the {TOP_WEIGHTS} largest by mean weight; 'other': the other {more}" if more > 0 else
            "every asset") + "; at each bar's close"
    if min(float(np.nanmin(v)) for v in series.values()) < -1e-9:     # shorts or borrowing: lines, not a stack
        return line_chart("Weights", dates, series, "{:.0%}", note=note + "; lines: some weights are negative")
    return stacked_area("Weights", dates, series, note=note)
