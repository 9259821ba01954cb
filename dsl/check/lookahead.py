"""Data not yet known when the decision is made, under the declared execution timing (E0501).
`trade at open` after a close decision is refused while building the IR (dsl/to_ir.py)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import calendar



def check_lookahead(ctx: CheckContext) -> list[Diagnostic]:
    """`last trading day of P` is only known when the next bar opens, so it needs that timing."""
    if ctx.strategy.execution.trade_at is ir.TradeAt.NEXT_OPEN:
        return []
    return [Diagnostic("E0501", f"'{calendar(node)}' is only known once the next bar opens", node.span,
                       help="trade at next open ('execution decide at close, trade at next open'), "
                            f"or use 'first trading day of {node.period.value}'")
            for node in ctx.nodes_of(ir.CalendarRule) if node.rule == "last"]
