"""IR expressions and calendar rules in canonical English, worded by the shared phrase table."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.fmt import calendar, numeric_ordinal
from rbl.dsl.english.phrases import (COMPARE, FUNC_ENGLISH, ORDINALS, SERIES_ENGLISH, WEEKDAY_ENGLISH,
                                 calendar_phrase, english_quantity)

_TIME_UNITS = (ir.Unit.BARS, ir.Unit.WEEKS, ir.Unit.MONTHS, ir.Unit.YEARS)
_ARITH_WORDS = {ir.ArithOp.ADD: "plus", ir.ArithOp.SUB: "minus", ir.ArithOp.MUL: "times",
                ir.ArithOp.DIV: "divided by"}


def calendar_english(rule: ir.CalendarRule) -> str:
    """A calendar rule in words: 'on the first trading day of each month'."""
    phrase = calendar_phrase(calendar(rule))
    if phrase is not None:
        return phrase.english
    if rule.rule == "weekday":
        return f"weekly, on the first trading day on or after {WEEKDAY_ENGLISH[rule.weekday]}"
    ordinal = ORDINALS.get(rule.n, numeric_ordinal(rule.n))
    return f"on the {ordinal} trading day of each {rule.period.value}"


class Speaker:
    """Turns expressions into English; one method per expression node kind."""

    def __init__(self, currency: str = "USD") -> None:
        self.currency = currency

    def expr(self, node: ir.Expr) -> str:
        return getattr(self, f"_{node.kind}")(node)

    def _quantity(self, node: ir.Quantity) -> str:
        return english_quantity(node.value, node.unit, self.currency)

    def _ref(self, node: ir.Ref) -> str:
        return node.name

    def _series(self, node: ir.SeriesRef) -> str:
        return SERIES_ENGLISH[node.series]

    def _bool(self, node: ir.BoolLit) -> str:
        return "always" if node.value else "never"

    def _call(self, node: ir.Call) -> str:
        grouped = node.func in (ir.Func.MIN, ir.Func.MAX, ir.Func.CLAMP)
        args = [self._grouped(a) if grouped else self.expr(a) for a in node.args]
        window = node.args[1] if len(node.args) > 1 else None
        adjective = self.expr(window) if window is not None else ""
        if isinstance(window, ir.Quantity) and window.unit in _TIME_UNITS:
            adjective = english_quantity(window.value, window.unit, adjective=True)
        if node.func is ir.Func.DRAWDOWN and len(args) == 2:
            return f"the drawdown of {args[0]} from its {adjective} high"
        return FUNC_ENGLISH[node.func].format(*args, w=adjective)

    def _regime_is(self, node: ir.RegimeIs) -> str:
        return f"{node.regime} is in its {node.state} state"

    def _regime_probability(self, node: ir.RegimeProbability) -> str:
        return f"the probability that {node.regime} is in its {node.state} state"

    def _lag(self, node: ir.Lag) -> str:
        return f"{self.expr(node.operand)} {node.bars} days earlier"

    def _neg(self, node: ir.Neg) -> str:
        return f"minus {self._grouped(node.operand)}"

    def _not(self, node: ir.Not) -> str:
        return f"not ({self.expr(node.operand)})"

    def _arith(self, node: ir.Arith) -> str:
        return f"{self._grouped(node.left)} {_ARITH_WORDS[node.op]} {self._grouped(node.right)}"

    def _compare(self, node: ir.Compare) -> str:
        return f"{self.expr(node.left)} {COMPARE[node.op].english} {self.expr(node.right)}"

    def _logic(self, node: ir.Logic) -> str:
        return f" {node.op.value} ".join(self._grouped(o) for o in node.operands)

    def _if(self, node: ir.IfElse) -> str:
        return f"(if {self.expr(node.cond)}: {self.expr(node.then)}; otherwise {self.expr(node.otherwise)})"

    def _calendar(self, node: ir.CalendarRule) -> str:
        return calendar_english(node)

    def _grouped(self, node: ir.Expr) -> str:
        """Parenthesise compound operands so 'a times (b plus c)' keeps its meaning."""
        text = self.expr(node)
        return f"({text})" if isinstance(node, (ir.Arith, ir.Logic, ir.Compare)) else text
