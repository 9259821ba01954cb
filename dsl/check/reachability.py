"""Branches that can never be taken: an `if` whose condition is a constant (W0701)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.consts import const_value
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic


def check_reachability(ctx: CheckContext) -> list[Diagnostic]:
    params = {p.name: p for p in ctx.strategy.params}
    found = []
    for node in ctx.nodes_of(ir.BranchWeights, ir.IfElse):
        value = const_value(node.cond, params)
        if isinstance(value, bool):
            dead = node.otherwise if value else node.then
            found.append(Diagnostic(
                "W0701", f"this branch is never used: the condition is always {str(value).lower()}",
                dead.span or node.span, help="remove the branch, or make the condition depend on data"))
    return found
