"""Self-contained HTML reports (inline SVG, no scripts): equity, drawdown, weights, trades; a sweep's
turnover-versus-tracking-error frontier and its variants with the best row highlighted."""

from __future__ import annotations

import html
import os

import numpy as np

from rbl.backends.numpy.charts import compact, line_chart, scatter
from rbl.backends.numpy.params import written
from rbl.backends.numpy.render import (
    _ROWS,
    LOWER_IS_BETTER,
    best_metric,
    fmt,
    shown_rows,
    sweep_columns,
    sweep_table,
    verdict,
)

_STYLE = ("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:960px}"
          "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}"
          "th{text-align:left;white-space:nowrap}h2{margin-top:28px}svg{background:#fafafa;border:1px solid #ddd}"
          ".note{color:#666;font-size:90%}.sub{color:#444;margin-top:-8px}"
          "tr.best td{background:#fdecea;font-weight:bold;color:#8e2b20}"
          "table.conventions td{text-align:left}table.heatmap td{font-size:85%;min-width:44px}"
          ".wide{overflow-x:auto}")
_MAX_TRADES, _MAX_LINES, _MAX_LABELS, _MAX_ROWS = 500, 10, 12, 500


def _page(title: str, subtitle: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<p class='sub'>{html.escape(subtitle)}</p>{body}</body></html>\n")


def _convention(value) -> str:
    """A manifest value as shown: a local path by its file name only (a report is shared; the machine's
    folders are nobody's business)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(_convention, value))
    if isinstance(value, float):
        return f"{value:g}"
    return os.path.basename(value) if isinstance(value, str) and os.path.isabs(value) else str(value)


def _manifest(manifest: dict) -> str:
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(_convention(v))}</td></tr>"
                   for k, v in manifest.items())
    return f"<h2>Conventions</h2><table class='conventions'>{rows}</table>"


def _span(run) -> str:
    man = run.manifest
    return (f"{man['first_decision']} .. {man['last_bar']}, {man['bars']:,} bars (warm-up {man['warmup_bars']}); "
            f"{man['execution']}")


def order_counts(result) -> str:
    """The trade list's orders by event, the rebalances' being the Orders metric (one definition for the
    table, the JSON and the report)."""
    events = result.trade_table["event"].value_counts()
    rebalances, orders = int(result.metrics["rebalances"]), int(result.metrics["orders"])
    words = {"INITIAL": "at the initial purchase", "KILL": "at the kill switch's sale",
             "TRANCHE": "in the later slices of decisions (trade over N bars; a rebalance's count in its Orders)"}
    others = [f"{int(n):,} {words.get(e, 'at ' + e)}" for e, n in events.items() if e != "REBALANCE"]
    return "; ".join([f"{orders:,} orders at the {rebalances:,} rebalances (the Orders metric)", *others])


def _trades(result) -> str:
    trades = result.trade_table
    more = f"; the first {_MAX_TRADES} shown" if len(trades) > _MAX_TRADES else ""
    table = trades.head(_MAX_TRADES).to_html(index=False, float_format=lambda v: f"{v:,.4f}", border=0)
    return (f"<h2>Trades</h2><p class='note'>{len(trades):,} orders: {html.escape(order_counts(result))}{more}</p>"
            f"{table}")


def backtest_report(result) -> str:
    """The tearsheet: metrics, equity against the benchmark (linear and log), drawdowns and the worst five,
    monthly and yearly returns, rolling Sharpe and volatility, weights, trades and the conventions."""
    from rbl.backends.numpy.tearsheet import sections
    params = ", ".join(f"{k}={written(result.strategy.param(k), v, result.strategy.currency)}" for k, v in result.params.items())
    final = f"<tr><th>Final NAV</th><td>{result.nav.iloc[-1]:,.2f} {html.escape(result.strategy.currency)}</td></tr>"
    metrics = "".join(f"<tr><th>{label}</th><td>{fmt(result.metrics[key], kind)}</td></tr>"
                      for key, label, kind in _ROWS)
    body = [f"<h2>Metrics</h2><table class='metrics'>{final}{metrics}</table>", *sections(result),
            _trades(result), _manifest(result.run.manifest)]
    subtitle = _span(result.run) + (f"; params {params}" if params else "")
    return _page(f"Backtest: {result.strategy.name}", subtitle, "".join(body))


def result_cell(result) -> str:
    """A backtest in a notebook cell (`Result._repr_html_`): the metrics and the equity chart, no page."""
    from rbl.backends.numpy.tearsheet import Curves, equity
    final = f"<tr><th>Final NAV</th><td>{result.nav.iloc[-1]:,.2f} {html.escape(result.strategy.currency)}</td></tr>"
    metrics = "".join(f"<tr><th>{label}</th><td>{fmt(result.metrics[key], kind)}</td></tr>"
                      for key, label, kind in _ROWS)
    return (f"<div><b>{html.escape(result.strategy.name)}</b> <span>{html.escape(_span(result.run))}</span>"
            f"<table>{final}{metrics}</table>{equity(Curves.of(result))}</div>")


def sweep_cell(sweep, limit: int = 20) -> str:
    """A sweep in a notebook cell (`SweepResult._repr_html_`): the verdict in words and the table (of a
    large sweep the `limit` best rows by Sharpe), params as written."""
    table = sweep_table(sweep, None)
    words = "".join(f"<li>{html.escape(line)}</li>" for line in verdict(sweep, table, None))
    shown = shown_rows(table, None, limit)
    more = f"<p>{len(table) - len(shown):,} more rows in <code>.table</code></p>" if len(shown) < len(table) else ""
    return f"<div><b>{html.escape(sweep.strategy.name)}</b><ul>{words}</ul>{shown.to_html()}{more}</div>"


def _labels(table, params: list[str]) -> list[str]:
    return [", ".join(str(row[p]) for p in params) for _, row in table.iterrows()]


def _frontier(table, params: list[str]) -> str:
    """Each variant at (tracking error, turnover), labelled as written; the best row is red. Variants with
    either value n/a (no benchmark, too few bars) are left out, and the note says how many."""
    x, y = table["tracking_error"].to_numpy(dtype=float) * 100, table["turnover"].to_numpy(dtype=float) * 100
    drawn = np.isfinite(x) & np.isfinite(y)
    missing = int((~drawn).sum())
    dropped = (f"; {missing:,} variant{'s' if missing != 1 else ''} with tracking error or turnover n/a "
               "not drawn") if missing else ""
    title = "<h2>Turnover versus tracking error</h2>"
    if not drawn.any():
        return f"{title}<p class='note'>not drawn: tracking error or turnover is n/a for every variant</p>"
    total, table = _total(table), table[drawn]
    labels = _labels(table, params)
    every = max(1, int(np.ceil(len(labels) / _MAX_LABELS)))
    order = np.argsort(np.argsort(x[drawn], kind="stable"))
    chart = scatter(x[drawn], y[drawn], labels, list(table["best"]), "tracking error (%/yr) →", "↑ turnover (%/yr)",
                    [int(i) % every == 0 for i in order])
    shown = "" if len(table) + missing == total else f"; the {len(table) + missing:,} best by the table's metric"
    return (f"{title}<p class='note'>each dot is one variant "
            f"({html.escape(', '.join(params))}){shown}{dropped}; lower is cheaper, further left is closer to the "
            f"benchmark; red is the best row of the table below</p>{chart}")


def _total(table) -> int:
    return table.attrs.get("total", len(table))


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
            f"{'; sorted by it' if sort else '; rbl sweep --sort METRIC sorts and picks another'}")
    if len(table) < _total(table):
        note += f"; the {len(table):,} best of {_total(table):,} variants (--csv has every row)"
    return (f"<h2>Variants</h2><p class='note'>{html.escape(note)}</p>"
            f"<div class='wide'><table><tr>{head}</tr>{rows}</table></div>")


def _equity(sweep, table) -> str:
    """The best variant in red over at most ten others spread across the shown rows, each re-run."""
    t0, index = sweep.t0, table.index.to_numpy()
    best = int(index[table["best"].to_numpy()][0]) if table["best"].any() else None
    spread = index[np.linspace(0, len(index) - 1, min(_MAX_LINES, len(index))).round().astype(int)]
    picks = sorted(set(spread.tolist()) | ({best} if best is not None else set()))
    names = {k: ", ".join(f"{p}={written(sweep.strategy.param(p), v, sweep.strategy.currency)}" for p, v in sweep.params(k).items())
             for k in picks}
    total = _total(table)
    title = "Equity of each variant" + (f" ({len(picks)} of {total:,})" if len(picks) < total else "")
    curves = {names[k]: sweep.result(k).nav.to_numpy()[t0:] for k in picks}
    return line_chart(title, sweep.dates[t0:], curves, compact,
                      emphasis=names[best] if best is not None else None, log_when=10)


def _verdict(sweep, table, sort: str | None) -> str:
    """The trial-aware statistics first, in words (render.verdict), then the PBO logits."""
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in verdict(sweep, table, sort))
    return (f"<h2>Is the best variant more than luck?</h2><ul>{lines}</ul>"
            f"<p class='note'>DSR: deflated Sharpe ratio (Bailey and Lopez de Prado 2014); PBO: probability "
            f"of backtest overfitting by CSCV (Bailey, Borwein, Lopez de Prado, Zhu 2017); conventions and "
            f"formulas in docs/backtest.md</p>{_logits(sweep.statistics.pbo)}")


def _logits(pbo) -> str:
    """A histogram of the CSCV logits: mass left of 0 is the PBO."""
    if pbo is None or not len(pbo.logits):
        return ""
    finite = pbo.logits[np.isfinite(pbo.logits)]
    counts, edges = np.histogram(finite, bins=24)
    width, height, top = 640, 160, max(int(counts.max()), 1)
    span = edges[-1] - edges[0] or 1.0
    x = (lambda v: 20 + (v - edges[0]) / span * (width - 40))
    bars = "".join(
        f"<rect x='{x(a):.1f}' y='{height - 20 - c / top * (height - 40):.1f}' width='{max(x(b) - x(a) - 1, 1):.1f}' "
        f"height='{c / top * (height - 40):.1f}' fill='{'#c0392b' if b <= 0 else '#7f8c8d'}'/>"
        for a, b, c in zip(edges[:-1], edges[1:], counts))
    zero = (f"<line x1='{x(0.0):.1f}' y1='10' x2='{x(0.0):.1f}' y2='{height - 20}' stroke='#222'/>"
            if edges[0] <= 0 <= edges[-1] else "")
    axis = (f"<text x='{x(0.0):.1f}' y='{height - 4}' font-size='11' text-anchor='middle'>0</text>"
            if 60 <= x(0.0) <= width - 60 else "")      # not over the end labels
    axis += (f"<text x='20' y='{height - 4}' font-size='11'>{edges[0]:.2f}</text>"
             f"<text x='{width - 20}' y='{height - 4}' font-size='11' text-anchor='end'>{edges[-1]:.2f}</text>")
    return (f"<h2>Out-of-sample logits of the in-sample winner</h2><p class='note'>one per CSCV split "
            f"({len(pbo.logits):,}); red: at or below the out-of-sample median (logit &lt;= 0)</p>"
            f"<svg width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg'>{bars}{zero}{axis}</svg>")


_MAX_AXIS = 60          # a heatmap axis with more values than this is not drawn


def _heatmap(sweep, sort: str | None) -> str:
    """A two-parameter grid as cells shaded by the best metric (darker is better), the best outlined."""
    if len(sweep.grid) != 2:
        return ""
    (a, xs), (b, ys) = ((n, np.unique(v)) for n, v in sweep.grid.items())
    if len(xs) > _MAX_AXIS or len(ys) > _MAX_AXIS:
        return ""
    metric = best_metric(sort)
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    values = sweep.table[metric].to_numpy(dtype=float) * sign
    i, j = np.searchsorted(xs, sweep.grid[a]), np.searchsorted(ys, sweep.grid[b])
    cells = np.full((len(xs), len(ys)), np.nan)
    cells[i, j] = values
    if np.isnan(cells).all():
        return (f"<h2>{html.escape(metric)} over {html.escape(a)} and {html.escape(b)}</h2><p class='note'>not "
                f"drawn: {html.escape(metric)} is n/a for every variant</p>")
    low, high = np.nanmin(cells), np.nanmax(cells)
    size, left, top = min(36, 540 // max(len(xs), len(ys))), 90, 10
    shade = (lambda v: "#eee" if np.isnan(v) else
             f"hsl(210,60%,{95 - 60 * ((v - low) / (high - low) if high > low else 1.0):.0f}%)")
    best = np.unravel_index(np.nanargmax(cells), cells.shape) if not np.isnan(cells).all() else None
    rects = "".join(f"<rect x='{left + x * size}' y='{top + y * size}' width='{size}' height='{size}' "
                    f"fill='{shade(cells[x, y])}'><title>{html.escape(_cell(sweep, a, xs[x], b, ys[y]))}: "
                    f"{metric} {_value(cells[x, y] * sign)}</title></rect>"
                    for x in range(len(xs)) for y in range(len(ys)))
    if best is not None:
        rects += (f"<rect x='{left + best[0] * size}' y='{top + best[1] * size}' width='{size}' height='{size}' "
                  "fill='none' stroke='#c0392b' stroke-width='2'/>")
    every = max(1, int(np.ceil(max(len(xs), len(ys)) / 12)))
    across = [written(sweep.strategy.param(a), v, sweep.strategy.currency) for v in xs]
    # labels across stand side by side: one per cell only when the longest fits a cell (about 6 px a character)
    step = max(every, int(np.ceil((6 * max(map(len, across)) + 4) / size)))
    labels = "".join(f"<text x='{left + x * size + size / 2}' y='{top + len(ys) * size + 14}' font-size='10' "
                     f"text-anchor='middle'>{html.escape(across[x])}</text>"
                     for x in range(0, len(xs), step))
    labels += "".join(f"<text x='{left - 4}' y='{top + y * size + size / 2 + 4}' font-size='10' text-anchor='end'>"
                      f"{html.escape(written(sweep.strategy.param(b), ys[y], sweep.strategy.currency))}</text>"
                      for y in range(0, len(ys), every))
    width, height = left + len(xs) * size + 10, top + len(ys) * size + 40
    return (f"<h2>{html.escape(metric)} over {html.escape(a)} and {html.escape(b)}</h2><p class='note'>darker is "
            f"better; outlined: the best cell; {html.escape(a)} across, {html.escape(b)} down</p>"
            f"<svg width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg'>{rects}{labels}</svg>")


def _value(v: float) -> str:
    return f"{v:.4g}" if np.isfinite(v) else "n/a"


def _cell(sweep, a: str, x: float, b: str, y: float) -> str:
    return f"{a}={written(sweep.strategy.param(a), x, sweep.strategy.currency)}, {b}={written(sweep.strategy.param(b), y, sweep.strategy.currency)}"


def sweep_report(sweep, table, sort: str | None = None) -> str:
    """`table` is `render.sweep_table(sweep, sort)`: the rows in the order and form the terminal shows
    (of a large sweep, the best `_MAX_ROWS` of them)."""
    params = list(sweep.grid)
    shown = shown_rows(table, sort, _MAX_ROWS)
    shown.attrs["total"] = len(table)
    body = [_verdict(sweep, table, sort), _heatmap(sweep, sort), _frontier(shown, params),
            _variants(shown, params, sort),
            _equity(sweep, shown), _manifest(sweep.manifest)]
    man = sweep.manifest
    subtitle = (f"{len(table):,} variants; {man['first_decision']} .. {man['last_bar']}, {man['bars']:,} bars "
                f"(warm-up {man['warmup_bars']}); {man['execution']}")
    return _page(f"Sweep: {sweep.strategy.name}", subtitle, "".join(body))


def walk_forward_report(strategy, wf) -> str:
    """The windows' choices, the stitched out-of-sample curve against the full-period winner on the same
    bars, and both sets of metrics (the terminal's text, as a page)."""
    from rbl.backends.numpy.render import _WF_ROWS, _written_params
    windows = "".join(
        f"<tr><td>{c.train_from} .. {c.train_to}</td><td>{c.test_from} .. {c.test_to}</td>"
        f"<td>{html.escape(_written_params(strategy, c.params))}</td><td>{fmt(c.in_sample_sharpe, 'num')}</td>"
        f"<td>{fmt(c.out_of_sample_sharpe, 'num')}</td><td>{fmt(c.out_of_sample_return, 'pct')}</td></tr>"
        for c in wf.choices)
    head = "<tr><th>train</th><th>test</th><th>chosen</th><th>IS Sharpe</th><th>OOS Sharpe</th><th>OOS return</th></tr>"
    winner = _written_params(strategy, wf.winner_params)
    metrics = "".join(f"<tr><th>{label}</th><td>{fmt(wf.stitched[key], k)}</td><td>{fmt(wf.winner_same_span[key], k)}"
                      f"</td><td>{fmt(wf.winner_full[key], k)}</td></tr>" for key, label, k in _WF_ROWS)
    curves = {"walk-forward (out of sample)": wf.nav, f"full-period winner {winner} (look-ahead)": wf.winner_nav}
    body = [f"<h2>Windows</h2><p class='note'>best by {html.escape(wf.metric)} on each train part, run on the "
            f"test part after it</p><table>{head}{windows}</table>",
            line_chart("Stitched out-of-sample equity against the full-period winner", wf.dates, curves, compact,
                       emphasis="walk-forward (out of sample)", log_when=10),
            "<h2>Metrics</h2><table><tr><th></th><th>walk-forward OOS</th><th>winner, same bars</th>"
            f"<th>winner, all data</th></tr>{metrics}</table>",
            "<p class='note'>the out of sample is one path: each window's choice decides from the last train "
            "bar's close, and holdings carry over the switch (nothing is traded because the params changed); "
            "docs/backtest.md</p>",
            _manifest(wf.manifest)]
    kind = "anchored" if wf.anchored else "rolling"
    return _page(f"Walk-forward: {strategy.name}", f"{len(wf.choices)} windows, {kind}; {wf.dates[0]} .. "
                 f"{wf.dates[-1]}", "".join(body))


def timing_report(strategy, luck, table) -> str:
    """Timing luck as a page: the spread of CAGR and Sharpe of each variant over the rebalance offsets
    and whether the best variant depends on the day (render.timing_summary)."""
    from rbl.backends.numpy.render import TIMING_HEADS, timing_summary
    params = list(luck.grid)
    shown = table if len(table) <= _MAX_ROWS else table.nlargest(_MAX_ROWS, "sharpe_median").sort_index()
    head = "".join(f"<th>{html.escape(p)}</th>" for p in params) + "".join(
        f"<th>{html.escape(h)}</th>" for _, h, _ in TIMING_HEADS) + "<th>best at</th>"
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(row[p]))}</td>" for p in params)
                   + "".join(f"<td>{fmt(row[c], k)}</td>" for c, _, k in TIMING_HEADS)
                   + f"<td>{int(row['best_at'])}</td></tr>" for _, row in shown.iterrows())
    note = (f"each variant run {luck.offsets} times, its rebalance bar shifted by 0..{luck.offsets - 1} bars after "
            "the bar its calendar rule picks; offset 0 is the plain run; 'best at': the offsets at which it is the "
            f"best by {luck.metric}")
    body = [f"<h2>Is the ranking the luck of the rebalance day?</h2><p>{html.escape(timing_summary(luck, table))}</p>",
            f"<h2>Spread over the offsets</h2><p class='note'>{html.escape(note)}</p>"
            f"<table><tr>{head}</tr>{rows}</table>",
            _manifest(luck.manifest)]
    return _page(f"Timing luck: {strategy.name}", f"{len(table):,} variants x {luck.offsets} offsets", "".join(body))
