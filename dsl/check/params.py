"""Parameters: a valid range in one unit, and a default inside it (E0404, E0405)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import format_expr


def check_params(ctx: CheckContext) -> list[Diagnostic]:
    return [d for p in ctx.strategy.params for d in _param(p)]


def _param(p: ir.Param) -> list[Diagnostic]:
    parts = {"default": p.default, "from": p.lo, "to": p.hi, "step": p.step}
    units = {q.unit for q in parts.values()}
    if len(units) > 1:
        written = ", ".join(f"{k} {format_expr(q)}" for k, q in parts.items())
        return [Diagnostic("E0405", f"parameter '{p.name}' mixes units ({written})", p.span,
                           help=f"write the default, range and step in one unit, e.g. "
                                f"'param {p.name} = 5pp from 1pp to 10pp step 1pp'")]
    found = []
    if p.lo.value > p.hi.value:
        found.append(Diagnostic("E0405", f"parameter '{p.name}' runs from {format_expr(p.lo)} down to "
                                f"{format_expr(p.hi)}", p.span, help="write the smaller bound after 'from'"))
    if p.step.value <= 0:
        found.append(Diagnostic("E0405", f"parameter '{p.name}' has step {format_expr(p.step)}", p.span,
                                help="the step must be above 0"))
    if not found and not p.lo.value <= p.default.value <= p.hi.value:
        found.append(Diagnostic("E0404", f"default {format_expr(p.default)} of '{p.name}' is outside "
                                f"{format_expr(p.lo)}..{format_expr(p.hi)}", p.default.span or p.span,
                                help="choose a default inside the range, or widen the range"))
    return found
