"""Self-contained HTML reports (inline SVG, no scripts): equity, drawdown, weights, trades; a sweep's
turnover-versus-tracking-error frontier."""

from __future__ import annotations

import html

import numpy as np

from backends.numpy.params import written
from backends.numpy.render import _ROWS, LOWER_IS_BETTER, best_metric, fmt, sweep_columns

_W, _H, _PAD = 900, 220, 40
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf")
_STYLE = ("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}"
          "td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}"
          "h2{margin-top:28px}svg{background:#fafafa;border:1px solid #ddd}.note{color:#666;font-size:90%}"
          "tr.best td{background:#fdecea;font-weight:bold}")
_DOT, _BEST = "#1f77b4", "#c0392b"


def _scale(values: np.ndarray, lo: float, hi: float, size: float) -> np.ndarray:
    span = (hi - lo) or 1.0
    return (values - lo) / span * size


def _polyline(x: np.ndarray, y: np.ndarray, lo: float, hi: float, colour: str) -> str:
    xs = _PAD + _scale(x, x.min(), x.max(), _W - 2 * _PAD)
    ys = _H - _PAD - _scale(y, lo, hi, _H - 2 * _PAD)
    step = max(1, len(xs) // 1500)       # keep the file small: at most ~1500 points per line
    points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(xs[::step], ys[::step]))
    return f'<polyline fill="none" stroke="{colour}" stroke-width="1.2" points="{points}"/>'


def _chart(title: str, series: dict[str, np.ndarray], labels: tuple[str, str], y_fmt="{:.2f}") -> str:
    values = np.concatenate([v[np.isfinite(v)] for v in series.values()])
    lo, hi = float(values.min()), float(values.max())
    x = np.arange(len(next(iter(series.values()))), dtype=float)
    lines = [_polyline(x, np.nan_to_num(v, nan=lo), lo, hi, _COLOURS[i % 10]) for i, v in enumerate(series.values())]
    legend = "".join(f'<text x="{_PAD + 110 * i}" y="14" fill="{_COLOURS[i % 10]}" font-size="12">'
                     f"{html.escape(n)}</text>" for i, n in enumerate(series))
    axis = (f'<text x="4" y="{_PAD}" font-size="11">{y_fmt.format(hi)}</text>'
            f'<text x="4" y="{_H - _PAD}" font-size="11">{y_fmt.format(lo)}</text>'
            f'<text x="{_PAD}" y="{_H - 8}" font-size="11">{labels[0]}</text>'
            f'<text x="{_W - _PAD - 70}" y="{_H - 8}" font-size="11">{labels[1]}</text>')
    return (f"<h2>{html.escape(title)}</h2><svg width='{_W}' height='{_H}' xmlns='http://www.w3.org/2000/svg'>"
            f"{legend}{axis}{''.join(lines)}</svg>")


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n")


def _manifest(manifest: dict) -> str:
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td style='text-align:left'>{html.escape(str(v))}</td></tr>"
                   for k, v in manifest.items())
    return f"<h2>Conventions</h2><table>{rows}</table>"


def backtest_report(result) -> str:
    t0 = result.run.sim.t0
    nav = result.nav.to_numpy()[t0:]
    dates = (str(result.index[t0].date()), str(result.index[-1].date()))
    metrics = "".join(f"<tr><th>{label}</th><td>{fmt(result.metrics[key], kind)}</td></tr>"
                      for key, label, kind in _ROWS)
    weights = result.weights.iloc[t0:]
    trades = result.trade_table
    shown = trades.head(500)
    body = [f"<table>{metrics}</table>",
            _chart("Equity (NAV)", {"NAV": nav}, dates, "{:,.0f}"),
            _chart("Drawdown", {"drawdown": -(1 - nav / np.maximum.accumulate(nav))}, dates, "{:.1%}"),
            _chart("Weights", {c: weights[c].to_numpy() for c in weights.columns}, dates, "{:.0%}"),
            f"<h2>Trades</h2><p class='note'>{len(trades)} orders"
            f"{'; the first 500 shown' if len(trades) > 500 else ''}</p>",
            shown.to_html(index=False, float_format=lambda v: f"{v:,.4f}", border=0),
            _manifest(result.run.manifest)]
    return _page(f"Backtest: {result.strategy.name}", "".join(body))


def _frontier(table, param: str) -> str:
    """Each variant at (tracking error, turnover), labelled as written; the best row's dot is red."""
    x, y = table["tracking_error"].to_numpy() * 100, table["turnover"].to_numpy() * 100
    xs = _PAD + _scale(x, x.min(), x.max(), _W - 2 * _PAD - 80)     # room for the last label
    ys = _H - _PAD - _scale(y, y.min(), y.max(), _H - 2 * _PAD)
    dots = "".join(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{6 if best else 4}" fill="{_BEST if best else _DOT}"/>'
                   f'<text x="{a + 6:.1f}" y="{b - 6:.1f}" font-size="11"{_bold(best)}>{html.escape(str(v))}</text>'
                   for a, b, v, best in zip(xs, ys, table[param], table["best"]))
    axis = (f'<text x="{_W / 2 - 80}" y="{_H - 8}" font-size="12">tracking error (%/yr) →</text>'
            f'<text x="4" y="14" font-size="12">↑ turnover (%/yr)</text>'
            f'<text x="{_PAD}" y="{_H - 8}" font-size="11">{x.min():.2f}%</text>'
            f'<text x="{_W - _PAD - 120}" y="{_H - 8}" font-size="11">{x.max():.2f}%</text>'
            f'<text x="4" y="{_H - _PAD}" font-size="11">{y.min():.1f}%</text>'
            f'<text x="4" y="{_PAD}" font-size="11">{y.max():.1f}%</text>')
    return (f"<h2>Turnover versus tracking error</h2><p class='note'>each dot is one value of {html.escape(param)}; "
            f"lower and further left is cheaper and closer to the benchmark; the best row is red</p>"
            f"<svg width='{_W}' height='{_H}' xmlns='http://www.w3.org/2000/svg'>{axis}{dots}</svg>")


def _bold(best: bool) -> str:
    return ' font-weight="bold" fill="#c0392b"' if best else ""


def _variants(table, params: list[str], sort: str | None) -> str:
    """The sweep table: params as written, metrics formatted, the best row highlighted."""
    columns = sweep_columns(sort)
    head = "".join(f"<th>{html.escape(p)}</th>" for p in params) + "".join(
        f"<th>{html.escape(h)}</th>" for _, h, _ in columns)
    rows = "".join(
        f"<tr{' class=best' if row['best'] else ''}>" + "".join(f"<td>{html.escape(str(row[p]))}</td>" for p in params)
        + "".join(f"<td>{fmt(row[c], k)}</td>" for c, _, k in columns) + "</tr>"
        for _, row in table.iterrows())
    metric = best_metric(sort)
    note = (f"highlighted: the best {metric} ({'lowest' if metric in LOWER_IS_BETTER else 'highest'})"
            f"{'' if sort else '; rbl sweep --sort METRIC picks another'}")
    return f"<h2>Variants</h2><p class='note'>{html.escape(note)}</p><table><tr>{head}</tr>{rows}</table>"


def sweep_report(sweep, table, sort: str | None = None) -> str:
    """`table` is `render.sweep_table(sweep, sort)`: the rows in the order and form the terminal shows."""
    param = next(iter(sweep.grid))
    written_of = dict(zip(sweep.table[param], (written(sweep.run.strategy.param(param), v)
                                               for v in sweep.table[param])))
    t0 = sweep.run.sim.t0
    dates = (str(sweep.run.dates[t0]), str(sweep.run.dates[-1]))
    navs = {f"{param}={written_of[r.params[param]]}": r.nav.to_numpy()[t0:] for r in sweep.results[:10]}
    body = [_frontier(table, param), _variants(table, list(sweep.grid), sort),
            _chart("Equity of each variant" + (" (the first 10)" if len(sweep.results) > 10 else ""),
                   navs, dates, "{:,.0f}"),
            _manifest(sweep.run.manifest)]
    return _page(f"Sweep: {sweep.run.strategy.name}", "".join(body))
