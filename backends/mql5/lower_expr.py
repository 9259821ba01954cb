"""Lowering of IR expressions to MQL5: one method per node type, series become functions of the
bar shift `s` (and of the holding `h` when per-asset), so nested indicators read closed bars only."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace

from rbl.dsl import ir
from rbl.dsl.check.warmup import lookback_bars
from rbl.dsl.ir.analysis import is_per_asset, walk_per_bar
from rbl.backends.mql5.program import Function, Program, Stmt, Unsupported, used_params
from rbl.backends.mql5.spans import SpanMap
from rbl.backends.mql5.writer import mql_double

ARGS = (("const int", "s"), ("const int", "h"))
UNIT_SCALE = {ir.Unit.PERCENT: 0.01, ir.Unit.PP: 0.01, ir.Unit.OF_TARGET: 0.01, ir.Unit.BPS: 0.0001}
_BOOL_NODES = (ir.Compare, ir.Logic, ir.Not, ir.BoolLit, ir.CalendarRule, ir.RegimeIs)
_PERIOD = {ir.Period.WEEK: "RBL_WEEK", ir.Period.MONTH: "RBL_MONTH", ir.Period.QUARTER: "RBL_QUARTER",
           ir.Period.YEAR: "RBL_YEAR"}
_WEEKDAY = {d: i + 1 for i, d in enumerate(ir.Weekday)}


@dataclass(frozen=True)
class Ctx:
    """Where an expression is evaluated: `s` is the shift expression; `shifted` inside a window."""

    s: str = "s"
    per_asset: bool = False
    shifted: bool = False


def input_name(param: str) -> str:
    return "Inp" + "".join(part[:1].upper() + part[1:] for part in param.split("_"))


class ExprLowerer:
    """Turns expressions into MQL5 expression text, adding helper functions to the program."""

    def __init__(self, strategy: ir.Strategy, program: Program, spans: SpanMap) -> None:
        self.strategy, self.program, self.spans = strategy, program, spans
        self.assets = {a.name: i for i, a in enumerate(strategy.assets)}
        self.signals = {x.name: m for m, x in enumerate(strategy.signals)}
        self.params = {p.name: p for p in strategy.params}
        self.lets = {x.name: x.value for x in strategy.lets}
        self.states = {x.name for x in strategy.states}
        self._memo: dict[str, Function] = {}
        self.weight_array, self.target_array = "g_w", "g_tgt"
        # with sleeves, the rule being lowered: what its aggregates range over ((index, name) into the
        # arrays it reads) and the sleeve whose trades its `since rebalance` counts from (None: any trade)
        self.elements: tuple[tuple[int, str], ...] | None = None
        self.sleeve: int | None = None

    @contextmanager
    def reading(self, weight_array: str, target_array: str):
        """`weight`, `target` and `drift` read these arrays inside the block (a sleeve's own mix,
        or the sleeves' shares for the strategy's rules); `h` indexes them."""
        saved = self.weight_array, self.target_array
        self.weight_array, self.target_array = weight_array, target_array
        try:
            yield self
        finally:
            self.weight_array, self.target_array = saved

    @contextmanager
    def ranging(self, elements: tuple[tuple[int, str], ...], sleeve: int | None):
        """Aggregates range over `elements` and `since rebalance` counts from `sleeve`'s trades inside."""
        saved = self.elements, self.sleeve
        self.elements, self.sleeve = elements, sleeve
        try:
            yield self
        finally:
            self.elements, self.sleeve = saved

    # --- entry points -------------------------------------------------------------------------
    def value(self, expr: ir.Expr, ctx: Ctx) -> str:
        method = getattr(self, "_" + type(expr).__name__.lower(), None)
        if method is None:
            raise Unsupported(f"{self.spans.where(expr)}: the MQL5 backend has no rule for "
                              f"{type(expr).__name__} nodes")
        return method(expr, ctx)

    def is_bool(self, expr: ir.Expr) -> bool:
        if isinstance(expr, ir.Ref):
            return expr.name in self.states or (expr.name in self.lets and self.is_bool(self.lets[expr.name]))
        if isinstance(expr, ir.IfElse):
            return self.is_bool(expr.then)
        return isinstance(expr, _BOOL_NODES)

    def function(self, key_node: ir.Node, kind: str, returns: str, body: list[Stmt], comment_node: ir.Node,
                 per_asset: bool) -> Function:
        """A helper function, shared by identical expressions; named in creation order."""
        key = f"{kind}|{per_asset}|{key_node.model_dump_json()}|" + "\n".join(b.text for b in body)
        if key not in self._memo:
            candidates = ARGS if per_asset else ARGS[:1]
            name = f"RblE{len(self._memo) + 1}"
            self._memo[key] = self.program.add(Function(
                returns, name, used_params(body, candidates), tuple(body),
                self.spans.snippet(comment_node), self.spans.line(comment_node)))
        return self._memo[key]

    def series(self, expr: ir.Expr, ctx: Ctx) -> Function:
        """`expr` as a function of the shift, for windows and lags (an existing one when it is one)."""
        per_asset = ctx.per_asset and self.needs_holding(expr)
        text = self.value(expr, Ctx(per_asset=per_asset, shifted=True))
        same = next((f for f in self._memo.values() if f.call(s="s", h="h") == text), None)
        if same is not None:
            return same
        returns = "bool" if self.is_bool(expr) else "double"
        body = [Stmt(f"return {text};", rbl_line=self.spans.line(expr))]
        return self.function(expr, "series", returns, body, expr, per_asset)

    def needs_holding(self, expr: ir.Node) -> bool:
        """True when `expr` depends on the holding: a per-asset series or an `x% of target`."""
        if is_per_asset(expr, self.lets):
            return True
        for node in walk_per_bar(expr):
            if isinstance(node, ir.Quantity) and node.unit is ir.Unit.OF_TARGET:
                return True
            if isinstance(node, ir.Ref) and node.name in self.lets and self.needs_holding(self.lets[node.name]):
                return True
        return False

    def window(self, expr: ir.Expr) -> str:
        if isinstance(expr, ir.Quantity):
            return str(max(1, lookback_bars(expr)))
        if isinstance(expr, ir.Ref) and expr.name in self.params:
            per_bar = ir.BARS_PER_UNIT.get(self.params[expr.name].default.unit, 1)
            return f"RblBars({input_name(expr.name)} * {mql_double(float(per_bar))})"
        raise Unsupported(f"{self.spans.where(expr)}: a window must be a number of bars or a parameter")

    def _call_at(self, fn: Function, ctx: Ctx, s: str) -> str:
        return fn.call(s=s, h="h")

    # --- leaves -------------------------------------------------------------------------------
    def _quantity(self, node: ir.Quantity, ctx: Ctx) -> str:
        if node.unit is ir.Unit.OF_TARGET:
            self._need_asset(node, ctx, "'% of target'")
            return f"({mql_double(node.value)} * {self.target_array}[h])"
        return mql_double(node.value)

    def _boollit(self, node: ir.BoolLit, ctx: Ctx) -> str:
        return "true" if node.value else "false"

    def _ref(self, node: ir.Ref, ctx: Ctx) -> str:
        if node.name in self.params:
            unit = self.params[node.name].default.unit
            scale = UNIT_SCALE.get(unit)
            name = input_name(node.name)
            return f"({name} * {mql_double(scale)})" if scale else name
        if node.name in self.lets:
            return self._let(node, ctx)
        if node.name in self.states:
            self._not_shifted(node, ctx, f"the state '{node.name}'")
            return f"g_st_{node.name}"
        if node.name in self.assets:
            return f"RblClose({self.assets[node.name]}, {ctx.s})"
        if node.name in self.signals:
            return f"RblSignal({self.signals[node.name]}, {ctx.s})"
        raise Unsupported(f"{self.spans.where(node)}: '{node.name}' cannot be used as a value in MQL5")

    def _regimeis(self, node: ir.RegimeIs, ctx: Ctx) -> str:
        from rbl.backends.mql5.lower_regimes import state_index
        self._not_shifted(node, ctx, f"the regime '{node.regime}'")
        return "RblRegimeIs({}, {})".format(*state_index(self.strategy, node))

    def _regimeprobability(self, node: ir.RegimeProbability, ctx: Ctx) -> str:
        from rbl.backends.mql5.lower_regimes import state_index
        self._not_shifted(node, ctx, f"the regime '{node.regime}'")
        return "RblRegimeProbability({}, {})".format(*state_index(self.strategy, node))

    def _let(self, node: ir.Ref, ctx: Ctx) -> str:
        value = self.lets[node.name]
        returns = "bool" if self.is_bool(value) else "double"
        per_asset = ctx.per_asset and self.needs_holding(value)
        inner = Ctx(per_asset=per_asset, shifted=ctx.shifted)
        body = [Stmt(f"return {self.value(value, inner)};", rbl_line=self.spans.line(value))]
        fn = self.function(value, f"let {node.name}", returns, body, value, per_asset)
        return self._call_at(fn, ctx, ctx.s)

    def _seriesref(self, node: ir.SeriesRef, ctx: Ctx) -> str:
        kind = node.series
        if kind is ir.Series.PRICE:
            self._need_asset(node, ctx, "price")
            return f"RblPrice({ctx.s}, h)"
        if kind is ir.Series.BASKET:
            return f"RblBasket({ctx.s})"
        if kind is ir.Series.PORTFOLIO:
            raise Unsupported(f"{self.spans.where(node)}: the MQL5 backend supports 'portfolio' only "
                              f"as drawdown(portfolio)")
        self._need_asset(node, ctx, kind.value)
        self._not_shifted(node, ctx, f"'{kind.value}'")
        if kind is ir.Series.BAND:
            return self._asset_band(node, ctx)
        weight, target = f"{self.weight_array}[h]", f"{self.target_array}[h]"
        if kind is ir.Series.WEIGHT:
            return weight
        if kind is ir.Series.TARGET:
            return target
        return f"MathAbs({weight} - {target})"

    def _asset_band(self, node: ir.SeriesRef, ctx: Ctx) -> str:
        """`its band`: one branch per row of `bands:`; a holding without a row never breaches."""
        holding = Ctx(s=ctx.s, per_asset=True)
        body = [Stmt(f"if(h == {self.assets[row.asset]}) return {self.value(row.band, holding)};",
                     rbl_line=self.spans.line(row)) for row in self.strategy.bands]
        body.append(Stmt("return DBL_MAX;"))
        fn = self.function(node, "bands", "double", body, self.strategy.bands[0], per_asset=True)
        return fn.call(s=ctx.s, h="h")

    def _calendarrule(self, node: ir.CalendarRule, ctx: Ctx) -> str:
        """On intraday bars a rule about days picks the day's first bar (runtime_intraday.mqh)."""
        intraday = self.program.timeframe != "D1"
        if node.rule == "hours":
            return f"RblHoursRule({node.n}, {ctx.s})"
        if node.rule == "daily":
            return f"RblFirstOfDay({ctx.s})" if intraday and not node.unwritten else "true"
        if node.rule == "weekday":
            return f"RblWeekdayRule({_WEEKDAY[node.weekday]}, {ctx.s})"
        if node.rule == "nth":
            nth = "RblNthDayOfPeriod" if intraday else "RblNthOfPeriod"
            return f"{nth}({_PERIOD[node.period]}, {node.n}, {ctx.s})"
        return f"RblLastOfPeriod({_PERIOD[node.period]}, {ctx.s})"

    # --- operators ----------------------------------------------------------------------------
    def _neg(self, node: ir.Neg, ctx: Ctx) -> str:
        return f"(-{self.value(node.operand, ctx)})"

    def _not(self, node: ir.Not, ctx: Ctx) -> str:
        return f"(!{self.value(node.operand, ctx)})"

    def _arith(self, node: ir.Arith, ctx: Ctx) -> str:
        left, right = self.value(node.left, ctx), self.value(node.right, ctx)
        if node.op is ir.ArithOp.DIV:
            return f"RblDiv({left}, {right})"
        return f"({left} {node.op.value} {right})"

    def _compare(self, node: ir.Compare, ctx: Ctx) -> str:
        return f"({self.value(node.left, ctx)} {node.op.value} {self.value(node.right, ctx)})"

    def _logic(self, node: ir.Logic, ctx: Ctx) -> str:
        joiner = " && " if node.op is ir.LogicOp.AND else " || "
        return "(" + joiner.join(self.value(x, ctx) for x in node.operands) + ")"

    def _ifelse(self, node: ir.IfElse, ctx: Ctx) -> str:
        parts = (self.value(node.cond, ctx), self.value(node.then, ctx), self.value(node.otherwise, ctx))
        return "({} ? {} : {})".format(*parts)

    def _aggregate(self, node: ir.Aggregate, ctx: Ctx) -> str:
        """A function of the shift that loops over the holdings in order, as the backtester reduces (over
        the listed ones only with `in A, B`, through an index array)."""
        x = self.value(node.operand, Ctx(per_asset=True, shifted=ctx.shifted))
        line = self.spans.line(node)
        body = [Stmt("double acc = 0.0;")]
        if node.assets or self.elements is not None:
            listed = [str(h) for h, name in self._elements() if not node.assets or name in node.assets]
            body += [Stmt(f"const int listed[{len(listed)}] = {{{', '.join(listed)}}};"),
                     Stmt(f"for(int j = 0; j < {len(listed)}; j++)"), Stmt("{"), Stmt("const int h = listed[j];", 1)]
            inner = _AGGREGATE_BODY[node.op](x, line, "j == 0")
            body += inner[1:-1] if inner[0].text == "{" else inner      # already inside the loop's braces
            body.append(Stmt("}"))
            count = str(len(listed))
        else:
            body.append(Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"))
            body += _AGGREGATE_BODY[node.op](x, line, "h == 0")
            count = "RBL_HOLDINGS"
        body.append(Stmt(f"return acc / {count};" if node.op is ir.AggregateOp.MEAN else "return acc;"))
        fn = self.function(node, f"{node.op.value} of", "double", body, node, per_asset=False)
        return fn.call(s=ctx.s, h="h")

    def _elements(self) -> tuple[tuple[int, str], ...]:
        """(index, name) of what an aggregate ranges over: the rule's elements, else every holding."""
        if self.elements is not None:
            return self.elements
        holdings = [a.name for a in self.strategy.assets] + ([self.strategy.cash] if self.strategy.cash else [])
        return tuple(enumerate(holdings))

    def _sincerebalance(self, node: ir.SinceRebalance, ctx: Ctx) -> str:
        self._not_shifted(node, ctx, f"'{node.unit} since rebalance'")
        if self.sleeve is not None:     # a sleeve's rule: from that sleeve's own trades
            k = self.sleeve
            return f"g_ssince[{k}]" if node.unit == "bars" else f"(g_today - g_sfire_day[{k}])"
        return SINCE_FIRE if node.unit == "bars" else "(g_today - g_fire_day)"

    def _lag(self, node: ir.Lag, ctx: Ctx) -> str:
        return self._call_at(self.series(node.operand, ctx), ctx, f"{ctx.s} + {node.bars}")

    def _call(self, node: ir.Call, ctx: Ctx) -> str:
        from rbl.backends.mql5.lower_calls import lower_call
        return lower_call(self, node, ctx)

    # --- guards -------------------------------------------------------------------------------
    def _need_asset(self, node: ir.Node, ctx: Ctx, what: str) -> None:
        if not ctx.per_asset:
            raise Unsupported(f"{self.spans.where(node)}: {what} needs a per-asset context here")

    def _not_shifted(self, node: ir.Node, ctx: Ctx, what: str) -> None:
        if ctx.shifted:
            raise Unsupported(f"{self.spans.where(node)}: the MQL5 backend cannot evaluate {what} "
                              f"on past bars (inside a window or a lag)")


SINCE_FIRE = "g_since_fire"     # bars since rebalance (lower.py keeps it: states hooks, check, when)


def _sum_body(x: str, line: int | None, first: str) -> list[Stmt]:
    return [Stmt(f"acc += {x};", 1, line)]


def _extreme_body(compare: str):
    def body(x: str, line: int | None, first: str) -> list[Stmt]:
        return [Stmt("{"), Stmt(f"const double x = {x};", 1, line),
                Stmt(f"if({first} || (acc == acc && (x {compare} acc || x != x)))", 1), Stmt("acc = x;", 2),
                Stmt("}")]
    return body


def _count_body(x: str, line: int | None, first: str) -> list[Stmt]:
    return [Stmt(f"if({x})", 1, line), Stmt("acc += 1.0;", 2)]


# max/min: a NaN operand wins, as the backtester's np.max/np.min
_AGGREGATE_BODY = {ir.AggregateOp.SUM: _sum_body, ir.AggregateOp.MEAN: _sum_body,
                   ir.AggregateOp.MAX: _extreme_body(">"), ir.AggregateOp.MIN: _extreme_body("<"),
                   ir.AggregateOp.COUNT: _count_body}


def scalar(ctx: Ctx) -> Ctx:
    return replace(ctx, per_asset=False)
