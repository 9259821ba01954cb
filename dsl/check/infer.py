"""Type inference for expressions: each node gets a Type; mismatches become diagnostics."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.check.types import (AMBIGUOUS, BOOL, NEEDS_UNIT, RATIOS, SERIES_KINDS, UNIT_KINDS, UNKNOWN,
                             Kind, Type, join)
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.walk import walk

WINDOWED = {ir.Func.SMA, ir.Func.EMA, ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE}
_RATIO_ORDER = [Kind.NUMBER, Kind.PERCENT, Kind.LEVEL]
_LEVEL_FUNCS = {ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE, ir.Func.DRAWDOWN}

_UNIT_HELP = {
    Kind.DRIFT: "write a band in percentage points, e.g. '5pp', or relative, e.g. '25% of target'",
    Kind.OF_TARGET: "write a band in percentage points, e.g. '5pp', or relative, e.g. '25% of target'",
    Kind.WEIGHT: "write a weight as a percentage of the portfolio, e.g. '60%'",
    Kind.BARS: "write a window with its unit, e.g. '60 days', '12 weeks', '6 months' or '1 year'",
    Kind.BPS: "write a cost in basis points, e.g. '10 bps'",
    Kind.MONEY: "write an amount with its currency, e.g. '10 USD'",
}
_PAIR_HELP = {
    frozenset({Kind.PRICE, Kind.LEVEL}): "compare a price with a price (SPY > sma(SPY, 200 days)) "
                                         "or a return with a return (return(SPY, 20 days) > 5%)",
    frozenset({Kind.PRICE, Kind.PERCENT}): "a price is in money; compare its return instead, "
                                           "e.g. return(SPY, 20 days) > 5%",
    frozenset({Kind.DRIFT, Kind.BPS}): "bps are for costs; write a band in percentage points, "
                                       "e.g. '0.5pp' for 50 bps",
}


def percent_literals(expr: ir.Node, ctx: CheckContext):
    """The bare `%` literals (and %-valued parameters) an expression is made of."""
    for node in walk(expr):
        if isinstance(node, ir.Quantity) and node.unit is ir.Unit.PERCENT:
            yield node, f"'{_pct(node.value)}%'"
        elif isinstance(node, ir.Ref) and node.name in ctx.params:
            param = ctx.strategy.param(node.name)
            if param.default.unit is ir.Unit.PERCENT:
                yield node, f"parameter '{node.name}' ({_pct(param.default.value)}%)"


def _counts_bars(expr: ir.Node) -> bool:
    """A count of bars (not a window): `bars since rebalance`, which a plain number may be compared with."""
    return any(isinstance(n, ir.SinceRebalance) and n.unit == "bars" for n in walk(expr))


def _counts_days(expr: ir.Node) -> bool:
    return any(isinstance(n, ir.SinceRebalance) and n.unit == "days" for n in walk(expr))


def _pct(value: float) -> str:
    return f"{value * 100:.10g}"


class Inferrer:
    """Infers expression types for one strategy, collecting diagnostics as it goes."""

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self.diagnostics: list[Diagnostic] = []
        self.let_types: dict[str, Type | None] = {}   # None while a let is being inferred (cycles)
        self._lets = {x.name: x.value for x in ctx.strategy.lets}
        self._reported: set[int] = set()

    def error(self, code: str, message: str, node: ir.Node, help: str | None = None) -> None:
        if id(node) not in self._reported:
            self._reported.add(id(node))
            self.diagnostics.append(Diagnostic(code, message, node.span, help=help))

    def infer(self, expr: ir.Node) -> Type:
        handler = getattr(self, f"_{type(expr).__name__}", None)
        return handler(expr) if handler else UNKNOWN

    def let_type(self, name: str) -> Type:
        if name not in self.let_types:
            self.let_types[name] = None
            self.let_types[name] = self.infer(self._lets[name])
        return self.let_types[name] or UNKNOWN

    # ---- leaves ------------------------------------------------------------------
    def _Quantity(self, q: ir.Quantity) -> Type:
        return Type(UNIT_KINDS[q.unit])

    def _BoolLit(self, _: ir.BoolLit) -> Type:
        return BOOL

    def _CalendarRule(self, _: ir.CalendarRule) -> Type:
        return BOOL

    def _SeriesRef(self, s: ir.SeriesRef) -> Type:
        return Type(SERIES_KINDS[s.series], s.series in ir.PER_ASSET_SERIES)

    def _Ref(self, ref: ir.Ref) -> Type:
        ctx = self.ctx
        if ref.name in ctx.params:
            return Type(UNIT_KINDS[ctx.strategy.param(ref.name).default.unit])
        if ref.name in self._lets:
            return self.let_type(ref.name)
        if ref.name in ctx.states:
            return BOOL
        if ref.name in ctx.signals:
            return Type(Kind.NUMBER)
        if ref.name in ctx.assets:
            return Type(Kind.PRICE)
        if ref.name == ctx.strategy.cash:
            return Type(Kind.PRICE)
        return UNKNOWN

    # ---- operators -----------------------------------------------------------------
    def _Lag(self, lag: ir.Lag) -> Type:
        return self.infer(lag.operand)

    def _Neg(self, neg: ir.Neg) -> Type:
        t = self.infer(neg.operand)
        if t.kind is Kind.BOOL:
            self.error("E0303", "'-' needs a number, not true/false", neg, help="use 'not' to negate a condition")
        return t

    def _Not(self, node: ir.Not) -> Type:
        return BOOL.with_asset(self.condition(node.operand, "'not'").per_asset)

    def _Logic(self, node: ir.Logic) -> Type:
        types = [self.condition(x, f"'{node.op.value}'") for x in node.operands]
        return BOOL.with_asset(any(t.per_asset for t in types))

    def _Compare(self, node: ir.Compare) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        for side, t in ((node.left, left), (node.right, right)):
            if t.kind is Kind.BOOL:
                self.error("E0302", "a condition cannot be compared with '{}'".format(node.op.value), side,
                           help="compare numbers; combine conditions with 'and', 'or', 'not'")
                return BOOL.with_asset(left.per_asset or right.per_asset)
        self.unify(left, right, node.left, node.right, node, f"cannot compare {{}} with {{}}")
        return BOOL.with_asset(left.per_asset or right.per_asset)

    def _Arith(self, node: ir.Arith) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        per_asset = left.per_asset or right.per_asset
        verb = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}[node.op.value]
        for side, t in ((node.left, left), (node.right, right)):
            if t.kind is Kind.BOOL:
                self.error("E0302", f"cannot {verb} true/false values", side,
                           help="arithmetic works on numbers; use 'if C then X else Y' to choose a number")
                return UNKNOWN
        if node.op in (ir.ArithOp.ADD, ir.ArithOp.SUB):
            kind = self.unify(left, right, node.left, node.right, node, f"cannot {verb} {{}} and {{}}")
            return Type(kind, per_asset)
        return Type(self._scale(node, left.kind, right.kind, verb), per_asset)

    def _scale(self, node: ir.Arith, a: Kind, b: Kind, verb: str) -> Kind:
        """`*` and `/`: a ratio scales a value; a value divided by a like value is a ratio."""
        if Kind.UNKNOWN in (a, b):
            return Kind.UNKNOWN
        if node.op is ir.ArithOp.MUL:
            if a in RATIOS and b in RATIOS:
                return Kind.LEVEL if Kind.LEVEL in (a, b) else max(a, b, key=_RATIO_ORDER.index)
            if a in RATIOS or b in RATIOS:
                return b if a in RATIOS else a
        elif b in RATIOS:
            return a if b is Kind.NUMBER else (a if a not in RATIOS else Kind.NUMBER)
        elif a in RATIOS or join(a, b) is not None:
            return Kind.NUMBER
        self.error("E0302", f"cannot {verb} {a.value} by {b.value}", node,
                   help="multiply or divide by a plain number or a ratio, e.g. 5pp * 2")
        return Kind.UNKNOWN

    def _IfElse(self, node: ir.IfElse) -> Type:
        cond = self.condition(node.cond, "'if'")
        then, otherwise = self.infer(node.then), self.infer(node.otherwise)
        kind = self.unify(then, otherwise, node.then, node.otherwise, node,
                          "the branches of 'if' give {} and {}")
        return Type(kind, cond.per_asset or then.per_asset or otherwise.per_asset)

    def _Aggregate(self, node: ir.Aggregate) -> Type:
        word = f"'{node.op.value} of'"
        t = self.infer(node.operand)
        if node.op is ir.AggregateOp.COUNT:
            if t.kind not in (Kind.BOOL, Kind.UNKNOWN):
                self.error("E0303", f"{word} counts the holdings where a condition holds, not {t.kind.value}",
                           node.operand, help="write a condition in parentheses, e.g. 'count of (drift > its band)'")
        elif t.kind is Kind.BOOL:
            self.error("E0303", f"{word} needs a number, not true/false", node.operand,
                       help="count the holdings where a condition holds with 'count of (...)'")
        if not t.per_asset and t.kind is not Kind.UNKNOWN:
            self.error("E0212", f"{word} reduces a value per holding, but this is one value per bar",
                       node.operand, help="aggregate a per-asset series: 'sum of drift', 'max of weight', "
                                          "'mean of return(price, 6 months)', 'count of (drift > its band)'")
        if node.op is ir.AggregateOp.COUNT:
            return Type(Kind.NUMBER)
        return Type(t.kind if t.kind is not Kind.BOOL else Kind.UNKNOWN)

    def _SinceRebalance(self, node: ir.SinceRebalance) -> Type:
        return Type(Kind.BARS if node.unit == "bars" else Kind.NUMBER)

    def _RegimeIs(self, _: ir.RegimeIs) -> Type:
        return BOOL

    def _RegimeProbability(self, _: ir.RegimeProbability) -> Type:
        return Type(Kind.LEVEL)          # a probability, 0..1: compared with a percentage (> 60%)

    def _Call(self, call: ir.Call) -> Type:
        from rbl.dsl.check.calls import arity_problem
        if arity_problem(call) is not None:
            return UNKNOWN
        types = [self.infer(a) for a in call.args]
        per_asset = any(t.per_asset for t in types)
        if call.func in WINDOWED or (call.func is ir.Func.DRAWDOWN and len(call.args) == 2):
            self.window(call.args[1], types[1])
        if call.func in _LEVEL_FUNCS:
            return Type(Kind.LEVEL, per_asset)
        if call.func in (ir.Func.SMA, ir.Func.EMA, ir.Func.ABS):
            return Type(types[0].kind, per_asset)
        kind = types[0].kind
        for arg, t in zip(call.args[1:], types[1:]):
            kind = self.unify(Type(kind), t, call.args[0], arg, call,
                              f"{call.func.value}() mixes {{}} and {{}}") or Kind.UNKNOWN
        return Type(kind, per_asset)

    # ---- helpers --------------------------------------------------------------------
    def condition(self, expr: ir.Node, where: str) -> Type:
        t = self.infer(expr)
        if t.kind not in (Kind.BOOL, Kind.UNKNOWN):
            self.error("E0303", f"{where} needs a true/false condition, not {t.kind.value}", expr,
                       help="compare it with something, e.g. 'drift > 5pp' or 'SPY > sma(SPY, 200 days)'")
        return t

    def window(self, expr: ir.Node, t: Type) -> None:
        if t.kind in (Kind.BARS, Kind.UNKNOWN):
            return
        if t.kind is Kind.NUMBER:
            self.error("E0304", "a window needs a unit", expr, help=_UNIT_HELP[Kind.BARS])
        else:
            self.error("E0302", f"a window is a number of bars, not {t.kind.value}", expr,
                       help=_UNIT_HELP[Kind.BARS])

    def unify(self, a: Type, b: Type, left: ir.Node, right: ir.Node, node: ir.Node, message: str) -> Kind:
        kind = join(a.kind, b.kind)
        if kind is not None:
            return kind
        pair = frozenset({a.kind, b.kind})
        if pair == {Kind.BARS, Kind.NUMBER} and _counts_days(left if a.kind is Kind.NUMBER else right):
            self.error("E0302", "'days since rebalance' counts calendar days, not bars", node,
                       help="compare it with a plain number of days, e.g. 'days since rebalance >= 30' "
                            "('30 days' is 30 bars), or count bars with 'bars since rebalance'")
            return Kind.UNKNOWN
        if pair == {Kind.BARS, Kind.NUMBER} and _counts_bars(left if a.kind is Kind.BARS else right):
            return Kind.BARS             # 'bars since rebalance >= 20': a count of bars against a count
        if pair in AMBIGUOUS:
            self.ambiguous(left if a.kind is Kind.PERCENT else right)
        elif Kind.NUMBER in pair and (pair - {Kind.NUMBER}) <= NEEDS_UNIT:
            number, other = (left, b.kind) if a.kind is Kind.NUMBER else (right, a.kind)
            self.error("E0304", "this number needs a unit", number, help=_UNIT_HELP[other])
        else:
            self.error("E0302", message.format(a.kind.value, b.kind.value), node,
                       help=_PAIR_HELP.get(pair, "both sides must measure the same thing"))
        return Kind.UNKNOWN

    def ambiguous(self, expr: ir.Node) -> None:
        for literal, shown in percent_literals(expr, self.ctx):
            number = shown.split("(")[-1].strip("')%") if "(" in shown else shown.strip("'%")
            self.error("E0301", f"bare percentage {shown} in a band is ambiguous", literal,
                       help=f"write '{number}pp' for {number} percentage points of portfolio weight, "
                            f"or '{number}% of target' for {number}% of each asset's target weight")
