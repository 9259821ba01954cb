"""Calendar rules that never fire: the n-th trading day of a period longer than any period (E0601);
`every N hours` that does not cut a day into equal blocks (E0602)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import calendar

# Most bars a period can hold: weekdays on an exchange calendar, every day on a 7-day market.
_TRADING_DAYS = {ir.Period.WEEK: 5, ir.Period.MONTH: 23, ir.Period.QUARTER: 66, ir.Period.YEAR: 262}
# `every N hours` blocks start at midnight, as MetaTrader's H2..H12 bars do: N must divide a day.
HOURS = (1, 2, 3, 4, 6, 8, 12)
_CALENDAR_DAYS = {ir.Period.WEEK: 7, ir.Period.MONTH: 31, ir.Period.QUARTER: 92, ir.Period.YEAR: 366}


def check_calendar(ctx: CheckContext) -> list[Diagnostic]:
    seven_day = (ctx.strategy.annualize_days or 252) >= 365
    most = _CALENDAR_DAYS if seven_day else _TRADING_DAYS
    rules = ctx.nodes_of(ir.CalendarRule)
    found = [_hours(node) for node in rules if node.rule == "hours" and node.n not in HOURS]
    for node in rules:
        if node.rule == "nth" and not 1 <= node.n <= most[node.period]:
            found.append(Diagnostic(
                "E0601", f"'{calendar(node)}' never fires", node.span,
                notes=(f"a {node.period.value} has at most {most[node.period]} trading days",),
                help=f"pick a day from first to {most[node.period]}th, or "
                     f"'last trading day of {node.period.value}'"))
    return found


def _hours(node: ir.CalendarRule) -> Diagnostic:
    return Diagnostic(
        "E0602", f"'{calendar(node)}' does not cut a day into equal blocks", node.span,
        notes=("blocks of hours start at midnight, as MetaTrader's H1..H12 bars do",),
        help="use hourly or every 2, 3, 4, 6, 8 or 12 hours (daily for 24)")
