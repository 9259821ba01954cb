"""Inline SVG charts for the HTML reports: line charts over dates and a labelled scatter (no scripts)."""

from __future__ import annotations

import html

import numpy as np

W, H = 900, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 28
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


def _y_grid(lo: float, hi: float, y_fmt, log: bool = False) -> str:
    """Four horizontal lines with their values ('-0%' is printed as '0%'); `y_fmt` a format or function."""
    levels = np.linspace(lo, hi, 4)
    show = y_fmt if callable(y_fmt) else y_fmt.format
    return "".join(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>'
                   + _text(LEFT - 6, y + 4, show(10 ** v if log else (0.0 if abs(v) < 1e-9 * (abs(hi - lo) or 1)
                                                                       else v)), anchor="end")
                   for v, y in zip(levels, _y(levels, lo, hi)))


def _year_ticks(dates: np.ndarray) -> str:
    """A tick and label at the first bar of every year (every few years on long histories)."""
    years = dates.astype("datetime64[Y]")
    firsts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    step = max(1, int(np.ceil(len(firsts) / 12)))
    xs = _x(np.arange(len(dates), dtype=float), 0, len(dates) - 1)
    return "".join(f'<line x1="{xs[i]:.1f}" x2="{xs[i]:.1f}" y1="{TOP}" y2="{H - BOTTOM}" stroke="#eeeeee"/>'
                   + _text(xs[i], H - BOTTOM + 14, str(years[i]), anchor="middle")
                   for i in firsts[::step])


def _legend(names: list[str], colours: list[str]) -> str:
    """An HTML legend above the chart: it wraps however long the names are."""
    items = "".join(f"<span style='margin-right:18px;white-space:nowrap;color:{colour}'>"
                    f"<span style='display:inline-block;width:14px;height:3px;background:{colour};"
                    f"vertical-align:middle;margin-right:5px'></span>{html.escape(name)}</span>"
                    for name, colour in zip(names, colours))
    return f"<div style='font-size:13px;margin:4px 0'>{items}</div>"


def line_chart(title: str, dates: np.ndarray, series: dict[str, np.ndarray], y_fmt="{:.2f}",
               emphasis: str | None = None, log_when: float = 0.0) -> str:
    """One line per series over the dates; the `emphasis` series is drawn last, thicker, in red. With
    `log_when` R > 0 the axis is logarithmic when the values span more than R times (long equity curves)."""
    finite = np.concatenate([v[np.isfinite(v)] for v in series.values()])
    lo, hi = float(finite.min()), float(finite.max())
    log = bool(log_when) and lo > 0 and hi / lo > log_when
    if log:
        series, lo, hi = {k: np.log10(v) for k, v in series.items()}, np.log10(lo), np.log10(hi)
        title += " (log scale)"
    xs = _x(np.arange(len(dates), dtype=float), 0, len(dates) - 1)
    step = max(1, len(dates) // _MAX_POINTS)
    order = sorted(series, key=lambda name: name == emphasis)
    palette = [c for c in COLOURS if c != "#d62728"] if emphasis else list(COLOURS)   # red means best
    colours = {name: BEST if name == emphasis else palette[i % len(palette)] for i, name in enumerate(series)}
    lines = []
    for name in order:
        ys = _y(np.nan_to_num(series[name], nan=lo), lo, hi)
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(xs[::step], ys[::step]))
        width = 2.2 if name == emphasis else 1.2
        lines.append(f'<polyline fill="none" stroke="{colours[name]}" stroke-width="{width}" points="{points}"/>')
    body = _y_grid(lo, hi, y_fmt, log) + _year_ticks(dates) + "".join(lines)
    legend = _legend(list(series), list(colours.values())) if len(series) > 1 else ""
    return f"<h2>{html.escape(title)}</h2>{legend}{_svg(body)}"


def _label(x: float, y: float, label: str, best: bool) -> str:
    """Right of the dot, or left of it in the right quarter so that it stays inside the chart."""
    left = x > LEFT + 0.75 * (W - LEFT - RIGHT)
    style = ' font-weight="bold" fill="#c0392b"' if best else ""
    return _text(x - 7 if left else x + 7, y - 6, label, 11, "end" if left else "start", style)


def scatter(x: np.ndarray, y: np.ndarray, labels: list[str], highlight: list[bool], x_title: str,
            y_title: str, shown: list[bool]) -> str:
    """Labelled points (percent values); highlighted points are larger and red; `shown` picks labels."""
    lo_x, hi_x, lo_y, hi_y = x.min(), x.max(), y.min(), y.max()
    pad_x, pad_y = (hi_x - lo_x) * 0.05 or 0.1, (hi_y - lo_y) * 0.08 or 0.1
    px, py = _x(x, lo_x - pad_x, hi_x + pad_x), _y(y, lo_y - pad_y, hi_y + pad_y)
    levels_x = np.linspace(lo_x, hi_x, 4)
    grid = _y_grid(lo_y - pad_y, hi_y + pad_y, "{:.1f}%") + "".join(
        _text(a, H - BOTTOM + 14, f"{v:.2f}%", anchor="middle") for v, a in zip(levels_x, _x(levels_x, lo_x - pad_x,
                                                                                               hi_x + pad_x)))
    dots = "".join(
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{6 if best else 3.5}" fill="{BEST if best else COLOURS[0]}"/>'
        + (_label(a, b, label, best) if show or best else "")
        for a, b, label, best, show in zip(px, py, labels, highlight, shown))
    titles = _text(W - RIGHT, 16, x_title, 12, "end") + _text(4, 16, y_title, 12)
    return _svg(grid + titles + dots)
