"""Data not yet known when the decision is made, under the declared execution timing (E0501)."""

from __future__ import annotations

from dsl import ir
from dsl.check.context import CheckContext
from dsl.diagnostics import Diagnostic
from dsl.fmt import calendar
from dsl.ir.walk import children, walk

_CLOSE_SERIES = {ir.Series.PRICE, ir.Series.PORTFOLIO, ir.Series.BASKET}


def check_lookahead(ctx: CheckContext) -> list[Diagnostic]:
    e = ctx.strategy.execution
    found = _last_day(ctx, e) + _same_bar_open(ctx, e)
    if e.decide_at is ir.DecideAt.OPEN:
        found += [Diagnostic("E0501", f"'{_name(node)}' is this bar's close, not known at its open",
                             node.span, help=f"use yesterday's close, '{_name(node)}[1]', "
                                             "or decide at close")
                  for node in _unlagged_closes(ctx, ctx.strategy)]
    return found


def _last_day(ctx: CheckContext, e: ir.Execution) -> list[Diagnostic]:
    if e.trade_at is ir.TradeAt.NEXT_OPEN:
        return []
    return [Diagnostic("E0501", f"'{calendar(node)}' is only known once the next bar opens", node.span,
                       help="trade at next open ('execution decide at close, trade at next open'), "
                            f"or use 'first trading day of {node.period.value}'")
            for node in walk(ctx.strategy) if isinstance(node, ir.CalendarRule) and node.rule == "last"]


def _same_bar_open(ctx: CheckContext, e: ir.Execution) -> list[Diagnostic]:
    if e.decide_at is ir.DecideAt.CLOSE and e.trade_at is ir.TradeAt.OPEN:
        return [Diagnostic("E0501", "a decision made at the close cannot trade at that bar's open",
                           ctx.strategy.span, help="write 'execution decide at close, trade at next open'")]
    return []


def _name(node: ir.Node) -> str:
    return node.name if isinstance(node, ir.Ref) else node.series.value


def _unlagged_closes(ctx: CheckContext, node: ir.Node):
    """Asset closes, `price`, `portfolio` and `basket` that are not under a lag of 1 bar or more."""
    if isinstance(node, ir.Lag) and node.bars >= 1:
        return
    if isinstance(node, ir.Ref) and node.name in ctx.assets:
        yield node
    elif isinstance(node, ir.SeriesRef) and node.series in _CLOSE_SERIES:
        yield node
    for child in children(node):
        yield from _unlagged_closes(ctx, child)
