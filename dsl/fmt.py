"""The canonical layout of a strategy, printed from the IR; comments re-attached from the source."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rbl.dsl import ir
from rbl.dsl.ir.walk import walk
from rbl.dsl.source import SourceFile

INDENT = "    "
_UNIT_WORDS = {ir.Unit.BARS: "day", ir.Unit.WEEKS: "week", ir.Unit.MONTHS: "month", ir.Unit.YEARS: "year"}
_PERIODIC = {ir.Period.MONTH: "monthly", ir.Period.QUARTER: "quarterly", ir.Period.YEAR: "annually"}
# Binding strength of each expression form (higher binds tighter), mirroring grammar/rbl.lark.
_IF, _OR, _AND, _NOT, _COMPARE, _SUM, _PRODUCT, _UNARY, _POSTFIX, _ATOM = range(10)


def number(value: float, exponent: int = 0) -> str:
    """A float as the shortest decimal that reads back to it, scaled by 10**exponent."""
    return format(Decimal(repr(value)).scaleb(exponent).normalize(), "f")


def quantity(q: ir.Quantity, currency: str = "USD") -> str:
    u = q.unit
    if u is ir.Unit.NONE:
        return number(q.value)
    if u in (ir.Unit.PERCENT, ir.Unit.PP, ir.Unit.OF_TARGET):
        suffix = {ir.Unit.PERCENT: "%", ir.Unit.PP: "pp", ir.Unit.OF_TARGET: "% of target"}[u]
        return number(q.value, 2) + suffix
    if u is ir.Unit.BPS:
        return f"{number(q.value, 4)} bps"
    if u is ir.Unit.TIMES:
        return f"{number(q.value)}x"
    if u is ir.Unit.MONEY:
        return f"{number(q.value)} {currency}"
    word = _UNIT_WORDS[u]
    return f"{number(q.value)} {word}{'' if q.value == 1 else 's'}"


def numeric_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal(n: int) -> str:
    return "first" if n == 1 else numeric_ordinal(n)


def calendar(rule: ir.CalendarRule) -> str:
    if rule.rule == "daily":
        return "daily"
    if rule.rule == "weekday":
        return f"weekly on {rule.weekday.value}"
    if rule.rule == "last":
        return f"last trading day of {rule.period.value}"
    if rule.rule == "hours":
        return "hourly" if rule.n == 1 else f"every {rule.n} hours"
    if rule.n == 1 and rule.period in _PERIODIC:
        return _PERIODIC[rule.period]
    return f"{ordinal(rule.n)} trading day of {rule.period.value}"


@dataclass
class ExprPrinter:
    """Prints expressions with the fewest parentheses that parse back to the same tree."""

    currency: str = "USD"

    def __call__(self, expr: ir.Node, level: int = _IF) -> str:
        text, own = getattr(self, f"_{type(expr).__name__}")(expr)
        return f"({text})" if own < level else text

    def _Quantity(self, q):
        return quantity(q, self.currency), _ATOM

    def _Ref(self, ref):
        return ref.name, _ATOM

    def _SeriesRef(self, s):
        return ("its band" if s.series is ir.Series.BAND else s.series.value), _ATOM

    def _BoolLit(self, b):
        return ("true" if b.value else "false"), _ATOM

    def _CalendarRule(self, rule):
        return calendar(rule), _ATOM

    def _Call(self, call):
        return f"{call.func.value}({', '.join(self._argument(a) for a in call.args)})", _ATOM

    def _argument(self, arg):
        """An argument; one holding `sum of x in A, B` is parenthesised, or its list would take the next one."""
        text = self(arg)
        listed = any(isinstance(n, ir.Aggregate) and n.assets for n in walk(arg))
        return f"({text})" if listed and not (text.startswith("(") and text.endswith(")")) else text

    def _Aggregate(self, node):
        text = f"{node.op.value} of {self(node.operand, _UNARY)}"
        if node.assets:         # the list ends at the first word that is not ', NAME': parenthesised inside
            return f"{text} in {', '.join(node.assets)}", _IF
        return text, _UNARY

    def _SinceRebalance(self, node):
        return f"{node.unit} since rebalance", _ATOM

    def _RegimeIs(self, node):
        return f"{node.regime} is {node.state}", _COMPARE

    def _RegimeProbability(self, node):
        return f"{node.regime}.probability({node.state})", _ATOM

    def _Lag(self, lag):
        return f"{self(lag.operand, _ATOM)}[{lag.bars}]", _POSTFIX

    def _Neg(self, neg):
        return f"-{self(neg.operand, _UNARY)}", _UNARY

    def _Not(self, node):
        return f"not {self(node.operand, _NOT)}", _NOT

    def _Arith(self, node):
        own = _SUM if node.op in (ir.ArithOp.ADD, ir.ArithOp.SUB) else _PRODUCT
        return f"{self(node.left, own)} {node.op.value} {self(node.right, own + 1)}", own

    def _Compare(self, node):
        return f"{self(node.left, _SUM)} {node.op.value} {self(node.right, _SUM)}", _COMPARE

    def _Logic(self, node):
        own = _OR if node.op is ir.LogicOp.OR else _AND
        return f" {node.op.value} ".join(self(x, own + 1) for x in node.operands), own

    def _IfElse(self, node):
        return f"if {self(node.cond, _OR)} then {self(node.then)} else {self(node.otherwise)}", _IF


def format_expr(expr: ir.Node, currency: str = "USD") -> str:
    return ExprPrinter(currency)(expr)


@dataclass(frozen=True)
class Line:
    """One output line; `anchor` is the source offset of the node it prints (for comments)."""

    text: str
    anchor: int | None = None


def _covariance(r: ir.Regime) -> str:
    """`, covariance WORD` as written; the default (diagonal) is not added when it was not written."""
    return f", covariance {r.covariance}" if r.covariance_span or r.covariance != "diagonal" else ""


def _at(node: ir.Node | None) -> int | None:
    return node.span.start if node is not None and node.span is not None else None


class Layout:
    """Prints a strategy section by section, in the canonical order, one blank line between groups."""

    def __init__(self, strategy: ir.Strategy, written: frozenset[str]):
        self.s, self.written = strategy, written
        self.expr = ExprPrinter(strategy.currency)

    def lines(self) -> list[Line]:
        groups = [self.header(), self.universe(), self.account(), self.params(), self.regimes(), self.lets(),
                  *self.states(), self.execution(), self.benchmark(), *self.targets(), self.exposure(),
                  self.bands(), self.rebalance(self.s.rebalance), self.costs(), self.constraints()]
        out: list[Line] = []
        for group in filter(None, groups):
            out += ([Line("")] if out else []) + group
        return out

    def keep(self, rule: str, non_default: bool) -> bool:
        return non_default or rule in self.written

    def header(self) -> list[Line]:
        return [Line(f"rbl {self.s.version}", _at(self.s)), Line(f'strategy "{self.s.name}"')]

    def universe(self) -> list[Line]:
        lines = [Line(f'asset {a.name} column "{a.column}" symbol "{a.symbol}"'
                      + (f" lot {number(a.lot)}" if a.lot is not None else ""), _at(a)) for a in self.s.assets]
        lines += [Line(f'signal {x.name} column "{x.column}"'
                       + (f" stale after {x.stale_bars} bar{'s' if x.stale_bars != 1 else ''}" if x.stale_bars else ""),
                       _at(x)) for x in self.s.signals]
        return lines + ([Line(f"cash {self.s.cash}")] if self.s.cash else [])

    def account(self) -> list[Line]:
        s, lines = self.s, []
        if self.keep("capital_decl", s.capital.value != 100_000.0 or s.currency != "USD"):
            lines.append(Line(f"capital {number(s.capital.value)} {s.currency}", _at(s.capital)))
        if s.annualize_days is not None:
            unit = "days" if s.annualize_days <= 366 else "bars"     # more than a year of days: bars
            lines.append(Line(f"annualize {s.annualize_days} {unit}"))
        return lines

    def params(self) -> list[Line]:
        q = self.expr
        return [Line(f"param {p.name} = {q(p.default)} from {q(p.lo)} to {q(p.hi)} step {q(p.step)}", _at(p))
                for p in self.s.params]

    def regimes(self) -> list[Line]:
        q = self.expr
        return [Line(f"regime {r.name} = hmm({', '.join(q(x) for x in r.observations)}, states {q(r.states)}"
                     f"{_covariance(r)}, fit {r.fit} {q(r.window)}, refit every {q(r.refit)})", _at(r))
                for r in self.s.regimes]

    def lets(self) -> list[Line]:
        return [Line(f"let {x.name} = {self.expr(x.value)}", _at(x)) for x in self.s.lets]

    def states(self) -> list[list[Line]]:
        return [[Line(f"state {st.name} = {_bool(st.initial)}:", _at(st))]
                + [Line(f"{INDENT}{_bool(r.becomes)} when {self.expr(r.when)}", _at(r)) for r in st.rules]
                for st in self.s.states]

    def execution(self) -> list[Line]:
        e, lines = self.s.execution, []
        if self.keep("execution_decl", e.trade_at is not ir.TradeAt.NEXT_OPEN):
            trade = "next open" if e.trade_at is ir.TradeAt.NEXT_OPEN else e.trade_at.value
            lines.append(Line(f"execution decide at {e.decide_at.value}, trade at {trade}"))
        if self.keep("mode_decl", e.mode is not ir.Mode.TRADE):
            lines.append(Line(f"mode {e.mode.value}"))
        return lines

    def benchmark(self) -> list[Line]:
        b = self.s.benchmark
        if not self.keep("benchmark_decl", b.asset is not None):
            return []
        return [Line(f"benchmark {b.asset or 'targets daily'}", _at(b))]

    def targets(self) -> list[list[Line]]:
        t = self.s.target
        if isinstance(t, ir.SleeveWeights):
            return [self.sleeve(sleeve) for sleeve in t.sleeves]
        return [self.target(t, 0)]

    def sleeve(self, sleeve: ir.Sleeve) -> list[Line]:
        head = Line(f"sleeve {sleeve.name} {self.expr(sleeve.weight)}:", _at(sleeve))
        return [head] + self.target(sleeve.target, 1) + self.rebalance(sleeve.rebalance, 1, required=True)

    def target(self, t, depth: int) -> list[Line]:
        pad = INDENT * depth
        if isinstance(t, (ir.FixedWeights, ir.BranchWeights)):
            return [Line(f"{pad}target:", _at(t) if isinstance(t, ir.BranchWeights) else None)] \
                + self.weights(t, depth + 1)
        return [Line(f"{pad}target: {self.scheme(t)}", _at(t))]

    def weights(self, w, depth: int, keyword: str = "if") -> list[Line]:
        pad = INDENT * depth
        if isinstance(w, ir.FixedWeights):
            return [Line(f"{pad}{e.asset} {self.expr(e.weight)}{self.hold(e.hold)}", _at(e)) for e in w.entries]
        if not isinstance(w, ir.BranchWeights):
            return [Line(f"{pad}{self.scheme(w)}", _at(w))]
        lines = [Line(f"{pad}{keyword} {self.expr(w.cond)}:", _at(w.cond))] + self.weights(w.then, depth + 1)
        if isinstance(w.otherwise, ir.BranchWeights):
            return lines + self.weights(w.otherwise, depth, "elif")
        return lines + [Line(f"{pad}else:")] + self.weights(w.otherwise, depth + 1)

    def scheme(self, w) -> str:
        names = ", ".join(w.assets)
        if isinstance(w, ir.EqualWeights):
            head = "equal weight"
        elif isinstance(w, ir.InverseVolWeights):
            head = f"inverse volatility({self.expr(w.lookback)})"
        elif isinstance(w, ir.RiskParityWeights):
            head = f"risk parity({self.expr(w.lookback)}{', shrunk' if w.shrunk else ''})"
        else:
            return f"{w.side.value} {w.n} by {self.expr(w.by, _OR)} of {names}{self.hold(w.hold)}"
        return f"{head} {names}{self.hold(w.hold)}"

    def hold(self, hold: ir.HoldFilter | None) -> str:
        if hold is None:
            return ""
        return f" while {self.expr(hold.cond, _OR)}" + (f" else {hold.fallback}" if hold.fallback else "")

    def exposure(self) -> list[Line]:
        e = self.s.exposure
        return [] if e is None else [Line(f"exposure {self.expr(e)}", _at(e))]

    def bands(self) -> list[Line]:
        rows = [Line(f"{INDENT}{b.asset} {self.expr(b.band)}", _at(b)) for b in self.s.bands]
        return [Line("bands:", _at(self.s.bands[0]))] + rows if rows else []

    def rebalance(self, r: ir.Rebalance, depth: int = 0, required: bool = False) -> list[Line]:
        if isinstance(self.s.target, ir.SleeveWeights) and depth == 0 and _dump(r) == _NO_PARENT_RULE:
            return []               # sleeves without a rule of the strategy's own (to_ir's NEVER_BETWEEN_SLEEVES)
        # `written` is file-wide, so a sleeve's section (always written) prints only what it changes.
        keep = (lambda rule, non_default: non_default) if required else self.keep
        pad, rules = INDENT * (depth + 1), []
        when_written = keep("when_rule", r.when != ir.BoolLit(value=True))
        if keep("check_rule", r.check != ir.Rebalance().check) or (required and not when_written):
            rules.append(Line(f"{pad}check {self.expr(r.check)}", _at(r.check)))
        if when_written:
            rules.append(Line(f"{pad}when {self.expr(r.when)}", _at(r.when)))
        if keep("to_rule", r.to is not ir.RebalanceTo.TARGET):
            rules.append(Line(f"{pad}to {r.to.value.replace('_', ' ')}"))
        if keep("scope_rule", r.scope is not ir.TradeScope.ALL):
            rules.append(Line(f"{pad}trade {r.scope.value} assets"))
        if r.tranches != 1:
            rules.append(Line(f"{pad}trade over {r.tranches} bar{'s' if r.tranches != 1 else ''}"))
        return [Line(f"{INDENT * depth}rebalance:", _at(r))] + rules if rules else []

    def costs(self) -> list[Line]:
        c, q = self.s.costs, self.expr
        rows = [("commission {}", c.commission), ("commission {} per order", c.per_order),
                ("spread {}", c.spread), ("slippage {}", c.slippage), ("minimum trade {}", c.min_trade)]
        lines = [Line(INDENT + text.format(q(v)), _at(v)) for text, v in rows if v is not None]
        return [Line("costs:", _at(c))] + lines if lines else []

    def constraints(self) -> list[Line]:
        c, q = self.s.constraints, self.expr
        lines = [Line(f"{INDENT}long only")] if self.keep("long_only_rule", not c.long_only) else []
        rows = [("max weight", c.max_weight), ("max leverage", c.max_leverage),
                ("cash buffer", c.cash_buffer), ("max drawdown", c.max_drawdown)]
        lines += [Line(f"{INDENT}{text} {q(v)}", _at(v)) for text, v in rows if v is not None]
        caps = [Line(f"{INDENT}max weight {cap.asset} {q(cap.weight)}", _at(cap)) for cap in c.asset_caps]
        at = 1 if self.keep("long_only_rule", not c.long_only) else 0
        lines[at + (c.max_weight is not None):at + (c.max_weight is not None)] = caps
        if c.excess is ir.CapExcess.OTHERS:     # said once, on the first 'max weight' line
            lines[at] = Line(lines[at].text + ", excess to other assets", lines[at].anchor)
        return [Line("constraints:", _at(c))] + lines if lines else []


def _dump(node: ir.Node) -> dict:
    return node.model_dump(mode="json")


_NO_PARENT_RULE = _dump(ir.Rebalance(when=ir.BoolLit(value=False)))


def _bool(value: bool) -> str:
    return "true" if value else "false"


def strategy_lines(strategy: ir.Strategy, written: frozenset[str] = frozenset()) -> list[Line]:
    return Layout(strategy, written).lines()


def format_strategy(strategy: ir.Strategy, written: frozenset[str] = frozenset()) -> str:
    """The canonical .rbl text of a strategy. `written` names default-valued statements the source
    spelled out (grammar rule names such as 'check_rule' or 'long_only_rule'); they are kept."""
    return "".join(line.text + "\n" for line in strategy_lines(strategy, written))


def format_source(source: SourceFile) -> str:
    """The canonical text of a source file with its comments kept. Raises CompileError when the
    file does not parse or build an IR: the formatter never guesses."""
    from rbl.dsl.fmt_comments import format_with_comments
    return format_with_comments(source)
