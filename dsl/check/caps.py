"""Caps of `max weight`: one per asset, none on the cash sleeve (E0201, E0409), and caps that can hold
the weights when their excess is spread over the other assets (E0412)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import format_expr
from rbl.dsl.ir.analysis import asset_caps
from rbl.dsl.ir.walk import walk

TOLERANCE = 1e-12


def check_caps(ctx: CheckContext) -> list[Diagnostic]:
    s, c = ctx.strategy, ctx.strategy.constraints
    found = _twice(c) + _cash(s, c)
    if c.excess is ir.CapExcess.OTHERS and not found:
        found += [d for leaf in _leaves(s.target) if (d := _infeasible(s, c, leaf)) is not None]
    return found


def _twice(c: ir.Constraints) -> list[Diagnostic]:
    seen: set[str] = set()
    found = []
    for cap in c.asset_caps:
        if cap.asset in seen:
            found.append(Diagnostic("E0201", f"'{cap.asset}' has two 'max weight' lines", cap.span,
                                    help="keep one cap per asset"))
        seen.add(cap.asset)
    return found


def _cash(s: ir.Strategy, c: ir.Constraints) -> list[Diagnostic]:
    return [Diagnostic("E0409", f"the cash sleeve '{cap.asset}' has no cap", cap.span,
                       help="cash holds what the risky weights leave; cap the assets, or use 'cash buffer'")
            for cap in c.asset_caps if cap.asset == s.cash]


def _leaves(weights: ir.Node):
    """The weight blocks a bar may hold: every branch of a target `if`."""
    if isinstance(weights, ir.BranchWeights):
        yield from _leaves(weights.then)
        yield from _leaves(weights.otherwise)
    elif not isinstance(weights, ir.SleeveWeights):
        yield weights


def _infeasible(s: ir.Strategy, c: ir.Constraints, leaf: ir.Node) -> Diagnostic | None:
    """When the assets a block holds are known before the data (not a hold filter, not computed
    weights), their caps must hold its risky weight; otherwise the excess would have nowhere to go."""
    held = _static_holding(s, leaf)
    if held is None:
        return None
    weight, assets, count = held
    caps = dict(zip((a.name for a in s.assets), asset_caps(s)))
    room = sum(sorted((caps[a] for a in assets), reverse=True)[:count])
    if room + TOLERANCE >= weight:
        return None
    shown = c.max_weight if c.max_weight is not None else c.asset_caps[0].weight
    return Diagnostic(
        "E0412", f"the caps hold at most {room * 100:.10g}% of the {weight * 100:.10g}% these "
                 f"{count} assets are given", leaf.span or shown.span,
        notes=(f"with ', excess to other assets' the weight above a cap moves to the uncapped assets; "
               f"here every asset reaches its cap (max weight {format_expr(shown)})",),
        help="raise the caps, hold more assets, or let the excess go to cash (drop ', excess to other assets')")


def _static_holding(s: ir.Strategy, leaf: ir.Node) -> tuple[float, tuple[str, ...], int] | None:
    """(risky weight, the assets that may carry it, how many do) of a block whose members are fixed."""
    if any(isinstance(n, ir.HoldFilter) for n in walk(leaf)):
        return None
    risky = {a.name for a in s.assets}
    if isinstance(leaf, ir.FixedWeights):
        entries = [e for e in leaf.entries if e.asset in risky]
        if not all(isinstance(e.weight, ir.Quantity) for e in entries):
            return None
        held = tuple(e.asset for e in entries if e.weight.value > 0)
        return sum(e.weight.value for e in entries), held, len(held)
    assets = tuple(a for a in getattr(leaf, "assets", ()) if a in risky)
    if isinstance(leaf, ir.SelectWeights):
        return 1.0, assets, min(leaf.n, len(assets))
    return (1.0, assets, len(assets)) if assets else None
