"""Inline SVG charts for the HTML reports: line charts and stacked areas over dates with round axis ticks, and a
labelled scatter (no scripts)."""

from __future__ import annotations

import html
import itertools

import numpy as np

W, H = 900, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 76, 28, 28          # the right margin holds the final values (end_values)
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
BEST = "#c0392b"
_MAX_POINTS = 1500                      # per line, to keep the file small


def _x(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return LEFT + (values - lo) / ((hi - lo) or 1.0) * (W - LEFT - RIGHT)


def _y(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return H - BOTTOM - (values - lo) / ((hi - lo) or 1.0) * (H - TOP - BOTTOM)


def _text(x: float, y: float, text: str, size: int = 11, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{html.escape(text)}</text>")


def _svg(body: str) -> str:
    return f"<svg width='{W}' height='{H}' viewBox='0 0 {W} {H}' xmlns='http://www.w3.org/2000/svg'>{body}</svg>"


def compact(value: float) -> str:
    """Money on an axis: 19,908,602 -> '19.9M', 536,346 -> '536k'."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> np.ndarray:
    """Round values inside [lo, hi] about `count` apart: steps of 1, 2, 2.5 or 5 times a power of ten."""
    span = hi - lo
    if not np.isfinite(span) or span <= 0:
        return np.array([lo])
    raw = span / count
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = np.arange(np.ceil(lo / step - 1e-9) * step, hi + step * 1e-9, step)
    return np.where(np.abs(ticks) < step * 1e-9, 0.0, ticks)


def log_ticks(lo: float, hi: float) -> np.ndarray:
    """Round values inside [10**lo, 10**hi] (log10 bounds): 1, 2, 5 times powers of ten, or the powers
    alone when those are too many; nice linear ticks when the span holds fewer than two."""
    powers = 10.0 ** np.arange(np.floor(lo), np.ceil(hi) + 1)
    for mults in ((1, 2, 5), (1,)):
        values = np.array([m * p for p in powers for m in mults])
        values = values[(np.log10(values) >= lo - 1e-9) & (np.log10(values) <= hi + 1e-9)]
        if 2 <= len(values) <= 8 or (mults == (1,) and len(values) >= 2):
            return values
    return nice_ticks(10.0 ** lo, 10.0 ** hi, 4)


def _y_grid(lo: float, hi: float, y_fmt, log: bool = False) -> str:
    """Horizontal lines at round values with their labels; `y_fmt` a format or function."""
    show = y_fmt if callable(y_fmt) else y_fmt.format
    values = log_ticks(lo, hi) if log else nice_ticks(lo, hi)
    levels = np.log10(values) if log else values
    return "".join(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>'
                   + _text(LEFT - 6, y + 4, show(v), anchor="end")
                   for v, y in zip(values, _y(levels, lo, hi)))


def money(currency: str):
    """A money axis: round values in the account currency ('250k USD')."""
    return lambda value: f"{compact(value)} {currency}"


def _year_ticks(dates: np.ndarray) -> str:
    """A tick and label at the first bar of every year (every few years on long histories)."""
    years = dates.astype("datetime64[Y]")
    firsts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    step = max(1, int(np.ceil(len(firsts) / 12)))
    xs = _x(np.arange(len(dates), dtype=float), 0, len(dates) - 1)
    # a label centred on the plot's left edge would run into the lowest y label: it starts at the edge instead
    return "".join(f'<line x1="{xs[i]:.1f}" x2="{xs[i]:.1f}" y1="{TOP}" y2="{H - BOTTOM}" stroke="#eeeeee"/>'
                   + _text(xs[i], H - BOTTOM + 14, str(years[i]), anchor="start" if xs[i] < LEFT + 16 else "middle")
                   for i in firsts[::step])


def _legend(names: list[str], colours: list[str]) -> str:
    """An HTML legend above the chart: it wraps however long the names are."""
    items = "".join(f"<span style='margin-right:18px;white-space:nowrap;color:{colour}'>"
                    f"<span style='display:inline-block;width:14px;height:3px;background:{colour};"
                    f"vertical-align:middle;margin-right:5px'></span>{html.escape(name)}</span>"
                    for name, colour in zip(names, colours))
    return f"<div style='font-size:13px;margin:4px 0'>{items}</div>"


def _polylines(xs: np.ndarray, ys: np.ndarray, colour: str, width: float) -> str:
    """One polyline per run of finite values (a NaN leaves a gap, never a point at 'nan')."""
    finite = np.isfinite(ys)
    edges = np.flatnonzero(np.diff(np.r_[False, finite, False].astype(np.int8)))
    out = []
    for a, b in zip(edges[::2], edges[1::2]):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs[a:b], ys[a:b]))
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="{width}" points="{points}"/>')
    return "".join(out)


def _end_label(x: float, y: float, text: str, colour: str) -> str:
    """Right of the plot, beside the line's end: never over a line (a headless-Chromium screenshot showed
    labels drawn inside the plot covering the curves' last years)."""
    return _text(x + 4, y + 4, text, 11, "start", f' fill="{colour}" font-weight="bold"')


def _end_labels(series, shown, colours, y_fmt, lo: float, hi: float) -> str:
    """Each line's last finite value at its right end, labels pushed apart to stay readable."""
    show = y_fmt if callable(y_fmt) else y_fmt.format
    ends = []
    for name, values in series.items():
        finite = np.flatnonzero(np.isfinite(shown[name]))
        if len(finite):
            ends.append([float(_y(shown[name][finite[-1:]], lo, hi)[0]), show(float(values[finite[-1]])), name])
    ends.sort()
    for above, below in itertools.pairwise(ends):
        below[0] = max(below[0], above[0] + 13)
    return "".join(_end_label(W - RIGHT, y, text, colours[name]) for y, text, name in ends)


def line_chart(title: str, dates: np.ndarray, series: dict[str, np.ndarray], y_fmt="{:.2f}",
               emphasis: str | None = None, log_when: float = 0.0, log: bool | None = None,
               end_values: bool = False, markers: np.ndarray | None = None, note: str = "") -> str:
    """One line per series over the dates; the `emphasis` series is drawn last, thicker, in red. With
    `log_when` R > 0 the axis is logarithmic when the values span more than R times (long equity curves);
    `log` forces it either way. `end_values` labels each line's last value; `markers` (bar indices) are
    dots on the first series (the rebalances on an equity curve)."""
    finite = np.concatenate([v[np.isfinite(v)] for v in series.values()])
    if not len(finite):
        return f"<h2>{html.escape(title)}</h2><p class='note'>n/a: no finite values to draw</p>"
    lo, hi = float(finite.min()), float(finite.max())
    if log is None:
        log = bool(log_when) and lo > 0 and hi / lo > log_when
    log = bool(log) and lo > 0
    shown = {k: np.log10(np.where(v > 0, v, np.nan)) for k, v in series.items()} if log else series
    if log:
        lo, hi = np.log10(lo), np.log10(hi)
        title += " (log scale)"
    xs = _x(np.arange(len(dates), dtype=float), 0, len(dates) - 1)
    step = max(1, len(dates) // _MAX_POINTS)
    keep = np.unique(np.r_[np.arange(0, len(dates), step), len(dates) - 1])
    order = sorted(series, key=lambda name: name == emphasis)
    palette = [c for c in COLOURS if c != "#d62728"] if emphasis else list(COLOURS)   # red means best
    colours = {name: BEST if name == emphasis else palette[i % len(palette)] for i, name in enumerate(series)}
    lines = "".join(_polylines(xs[keep], _y(shown[name][keep], lo, hi), colours[name],
                               2.2 if name == emphasis else 1.2) for name in order)
    extra = ""
    if markers is not None and len(markers):
        first = next(iter(series))
        at = markers[np.linspace(0, len(markers) - 1, min(len(markers), _MAX_POINTS)).round().astype(int)]
        ys = _y(shown[first][at], lo, hi)
        extra += "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="none" stroke="#555"/>'
                         for x, y in zip(xs[at], ys) if np.isfinite(y))
    if end_values:
        extra += _end_labels(series, shown, colours, y_fmt, lo, hi)
    body = _y_grid(lo, hi, y_fmt, log) + _year_ticks(dates) + lines + extra
    legend = _legend(list(series), list(colours.values())) if len(series) > 1 else ""
    caption = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<h2>{html.escape(title)}</h2>{caption}{legend}{_svg(body)}"


def stacked_area(title: str, dates: np.ndarray, series: dict[str, np.ndarray], note: str = "") -> str:
    """Non-negative shares stacked bottom-up in the given order, the axis 0% to the largest total."""
    xs = _x(np.arange(len(dates), dtype=float), 0, len(dates) - 1)
    step = max(1, len(dates) // _MAX_POINTS)
    keep = np.unique(np.r_[np.arange(0, len(dates), step), len(dates) - 1])
    values = np.nan_to_num(np.clip(np.array(list(series.values()), dtype=float), 0.0, None))[:, keep]
    tops = np.cumsum(values, axis=0)
    hi = max(float(tops[-1].max()) if len(tops) else 1.0, 1e-9)
    colours = [COLOURS[i % len(COLOURS)] if name != "other" else "#bbbbbb" for i, name in enumerate(series)]
    areas = []
    for i, colour in enumerate(colours):
        upper = _y(tops[i], 0.0, hi)
        lower = _y(tops[i - 1] if i else np.zeros(len(keep)), 0.0, hi)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(np.r_[xs[keep], xs[keep][::-1]],
                                                            np.r_[upper, lower[::-1]]))
        areas.append(f'<polygon fill="{colour}" fill-opacity="0.85" stroke="none" points="{points}"/>')
    body = "".join(areas) + _y_grid(0.0, hi, "{:.0%}") + _year_ticks(dates)
    caption = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<h2>{html.escape(title)}</h2>{caption}{_legend(list(series), colours)}{_svg(body)}"


def _label(x: float, y: float, label: str, best: bool) -> str:
    """Right of the dot, or left of it in the right quarter so that it stays inside the chart."""
    left = x > LEFT + 0.75 * (W - LEFT - RIGHT)
    style = ' font-weight="bold" fill="#c0392b"' if best else ""
    return _text(x - 7 if left else x + 7, y - 6, label, 11, "end" if left else "start", style)


def _box(x: float, y: float, label: str) -> tuple[float, float, float, float]:
    """About where _label draws (7 px a character at 11 px, generous for bold)."""
    width = 7.0 * len(label)
    start = x - 7 - width if x > LEFT + 0.75 * (W - LEFT - RIGHT) else x + 7
    return start, y - 18, start + width, y - 3


def _apart(a, b) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def _labelled(px, py, labels, highlight, shown, taken: list) -> list[bool]:
    """The labels drawn: the best always, then each shown one that overlaps no label placed before it nor
    the titles (`taken`); a headless-Chromium check found a 4 x 5 grid's labels drawn over each other."""
    order = sorted(range(len(labels)), key=lambda i: not highlight[i])
    keep = [False] * len(labels)
    for i in order:
        box = _box(px[i], py[i], labels[i])
        if highlight[i] or (shown[i] and all(_apart(box, other) for other in taken)):
            keep[i] = True
            taken.append(box)
    return keep


def _x_grid(lo: float, hi: float) -> str:
    """Vertical lines at round percentages with their labels (not four evenly spaced odd values)."""
    values = nice_ticks(lo, hi)
    return "".join(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{H - BOTTOM}" stroke="#e4e4e4"/>'
                   + _text(x, H - BOTTOM + 14, f"{v:g}%", anchor="middle") for v, x in zip(values, _x(values, lo, hi)))


def scatter(x: np.ndarray, y: np.ndarray, labels: list[str], highlight: list[bool], x_title: str,
            y_title: str, shown: list[bool]) -> str:
    """Labelled points (percent values); highlighted points are larger and red; `shown` picks labels."""
    lo_x, hi_x, lo_y, hi_y = x.min(), x.max(), y.min(), y.max()
    pad_x, pad_y = (hi_x - lo_x) * 0.05 or 0.1, (hi_y - lo_y) * 0.08 or 0.1
    px, py = _x(x, lo_x - pad_x, hi_x + pad_x), _y(y, lo_y - pad_y, hi_y + pad_y)
    grid = _y_grid(lo_y - pad_y, hi_y + pad_y, "{:.1f}%") + _x_grid(lo_x - pad_x, hi_x + pad_x)
    titles = _text(W - RIGHT, 16, x_title, 12, "end") + _text(4, 16, y_title, 12)
    taken = [(W - RIGHT - 7.5 * len(x_title), 0, W - RIGHT, 20), (0, 0, 4 + 7.5 * len(y_title), 20)]
    drawn = _labelled(px, py, labels, highlight, shown, taken)
    dots = "".join(
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{6 if best else 3.5}" fill="{BEST if best else COLOURS[0]}"/>'
        + (_label(a, b, label, best) if draw else "")
        for a, b, label, best, draw in zip(px, py, labels, highlight, drawn))
    return _svg(grid + titles + dots)
