"""Bands, constraints and account figures that cannot work: out-of-range literals (E0403, E0402, E0409)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import format_expr
from rbl.dsl.ir.walk import walk

_BAND_UNITS = {ir.Unit.PP, ir.Unit.OF_TARGET}


def check_ranges(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    params = {p.name: p for p in s.params}
    found = [d for node in ctx.nodes_of(ir.Compare) for d in band_diagnostics(node, params)]
    found += _limits(s.constraints)
    found += _account(s, ctx.nodes_of(ir.Call))
    return found + _empty_names(s)


def _empty_names(s: ir.Strategy) -> list[Diagnostic]:
    """`column ""` or `symbol ""` names no data column and no broker symbol: the run could only fail."""
    named = [(x, "column", x.column) for x in [*s.assets, *s.signals]] + [(a, "symbol", a.symbol) for a in s.assets]
    return [Diagnostic("E0409", f"'{node.name}' has an empty {what}", node.span,
                       help=f"write the {what} between the quotes, e.g. {what} \"{node.name}\""
                            + ("" if isinstance(node, ir.Signal) else ", or leave it out (it defaults to the name)"))
            for node, what, value in named if not value.strip()]


def band_diagnostics(compare: ir.Compare, params: dict[str, ir.Param]):
    """In `drift > B`, every pp or relative literal of B (and parameter bound) is in (0, 100%]."""
    sides = (compare.left, compare.right)
    if not any(isinstance(x, ir.SeriesRef) and x.series is ir.Series.DRIFT for x in sides):
        return
    other = sides[1] if isinstance(sides[0], ir.SeriesRef) else sides[0]
    for node in walk(other):
        quantities = [node] if isinstance(node, ir.Quantity) else []
        if isinstance(node, ir.Ref) and node.name in params:
            p = params[node.name]
            quantities = [p.default, p.lo, p.hi]
        for q in quantities:
            if q.unit in _BAND_UNITS and not 0 < q.value <= 1:
                yield Diagnostic("E0403", f"band {format_expr(q)} is out of range", node.span,
                                 help="a band is above 0 and at most 100pp (or 100% of target); "
                                      "a drift never exceeds 100pp")


def _out_of(code: str, q: ir.Quantity | None, ok, label: str, expected: str):
    if q is not None and not ok(q.value):
        yield Diagnostic(code, f"{label} {format_expr(q)} is out of range", q.span, help=f"use {expected}")


def _limits(c: ir.Constraints) -> list[Diagnostic]:
    caps = [d for cap in c.asset_caps for d in _out_of("E0402", cap.weight, lambda v: 0 < v <= 1,
                                                       f"max weight {cap.asset}", "a weight above 0% and at most 100%")]
    return caps + [*_out_of("E0402", c.max_weight, lambda v: 0 < v <= 1, "max weight", "a weight above 0% and at most 100%"),
            *_out_of("E0402", c.cash_buffer, lambda v: 0 <= v < 1, "cash buffer", "a buffer from 0% to below 100%"),
            *_out_of("E0409", c.max_leverage, lambda v: v > 0, "max leverage", "a multiple above 0, e.g. 1.5x"),
            *_out_of("E0409", c.max_drawdown, lambda v: 0 < v < 1, "max drawdown", "a drawdown between 0% and 100%")]


MAX_BARS_PER_YEAR = 366 * 1440        # one-minute bars every minute of a leap year


def _account(s: ir.Strategy, calls: list[ir.Call]) -> list[Diagnostic]:
    found = list(_out_of("E0409", s.capital, lambda v: v > 0, "capital", "an amount above 0"))
    if s.annualize_days is not None and not 1 <= s.annualize_days <= MAX_BARS_PER_YEAR:
        found.append(Diagnostic("E0409", f"'annualize {s.annualize_days} days' is out of range", s.span,
                                help="use 252 for trading days, 365 for a 7-day market, or the bars in a year "
                                     "on intraday data (6240 H1 bars on weekdays), at most 527040"))
    for node in calls:
        if len(node.args) == 2 and isinstance(node.args[1], ir.Quantity):
            window = node.args[1]
            if window.unit in (ir.Unit.BARS, ir.Unit.WEEKS, ir.Unit.MONTHS, ir.Unit.YEARS) and window.value < 1:
                found.append(Diagnostic("E0409", f"window {format_expr(window)} is too short", window.span,
                                        help="a window covers at least 1 bar, e.g. '20 days'"))
    return found
