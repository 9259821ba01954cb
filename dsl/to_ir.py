"""Lark tree -> IR. Builds nodes with spans; reports only what the IR cannot hold (a section twice)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from lark import Token, Tree

from rbl.dsl import ir
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.source import Span

# Unit word -> (unit, power of ten that turns the written number into the stored value).
_UNITS: dict[str, tuple[ir.Unit, int]] = {
    "%": (ir.Unit.PERCENT, -2), "pp": (ir.Unit.PP, -2), "bps": (ir.Unit.BPS, -4),
    "bp": (ir.Unit.BPS, -4), "x": (ir.Unit.TIMES, 0), "days": (ir.Unit.BARS, 0),
    "day": (ir.Unit.BARS, 0), "bars": (ir.Unit.BARS, 0), "bar": (ir.Unit.BARS, 0),
    "weeks": (ir.Unit.WEEKS, 0), "week": (ir.Unit.WEEKS, 0), "months": (ir.Unit.MONTHS, 0),
    "month": (ir.Unit.MONTHS, 0), "years": (ir.Unit.YEARS, 0), "year": (ir.Unit.YEARS, 0),
}


def _span(item: Any) -> Span | None:
    if isinstance(item, Token):
        return Span(start=item.start_pos, end=item.end_pos)
    if isinstance(item, Tree) and not item.meta.empty:
        return Span(start=item.meta.start_pos, end=item.meta.end_pos)
    return getattr(item, "span", None)


def _cover(meta: Any) -> Span | None:
    return None if meta.empty else Span(start=meta.start_pos, end=meta.end_pos)


def _number(token: Token, exponent: int = 0) -> float:
    # Decimal scaling keeps 7.5% as 0.075 exactly as written, not 0.07500000000000001.
    return float(Decimal(token.value).scaleb(exponent))


class _ToIR:
    """One method per grammar rule, called with the node's meta and its children already built; each
    returns an IR node (or a tagged piece of a section). A rule without a method stays a Tree.

    `build` is a plain bottom-up walk, what lark's `Transformer` with `v_args(meta=True)` does, minus
    the wrapper lark builds around the method at every node (a quarter of the IR's time)."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.amounts: list[tuple[str, Span]] = []      # every money literal's currency, checked at the end
        self._rules = {name: getattr(self, name) for name in _rule_methods(type(self))}

    def build(self, tree: Tree) -> Any:
        children = [self.build(c) if isinstance(c, Tree) else c for c in tree.children]
        rule = self._rules.get(tree.data)
        return rule(tree.meta, children) if rule is not None else Tree(tree.data, children, tree.meta)

    # ---- expressions -----------------------------------------------------------
    def quantity(self, meta, children):
        number, unit = children
        if unit is None:
            return ir.Quantity(value=_number(number), unit=ir.Unit.NONE, span=_cover(meta))
        kind, exponent = _UNITS[unit.value]
        return ir.Quantity(value=_number(number, exponent), unit=kind, span=_cover(meta))

    def of_target(self, meta, children):
        number, unit = children
        unit_kind, exponent = _UNITS[unit.value]
        if unit_kind is not ir.Unit.PERCENT:
            self.diagnostics.append(Diagnostic(
                "E0302", f"'{unit.value} of target' has no meaning", _cover(meta),
                help=f"a relative band is a percentage of the target, e.g. '{number.value}% of target'"))
        return ir.Quantity(value=_number(number, exponent), unit=ir.Unit.OF_TARGET, span=_cover(meta))

    def money(self, meta, children):
        number, currency = children
        self.amounts.append((currency.value, _cover(meta)))
        return ("money", ir.Quantity(value=_number(number), unit=ir.Unit.MONEY, span=_cover(meta)),
                currency.value)

    def ref(self, meta, children):
        return ir.Ref(name=children[0].value, span=_cover(meta))

    def series(self, meta, children):
        word = children[0].value
        series = ir.Series.BAND if word == "its band" else ir.Series(word)
        return ir.SeriesRef(series=series, span=_cover(meta))

    def bool_lit(self, meta, children):
        return ir.BoolLit(value=children[0].value == "true", span=_cover(meta))

    def call(self, meta, children):
        func, *args = children
        return ir.Call(func=ir.Func(func.value), args=tuple(map(_plain, args)), span=_cover(meta))

    def aggregate(self, meta, children):
        word, operand, assets = children
        if word.type == "FUNC" and word.value not in ("max", "min"):
            self.diagnostics.append(Diagnostic(
                "E0204", f"'{word.value} of' is not a reduction over the holdings", _span(word),
                help=f"write '{word.value}(x, window)' for the indicator; the reductions are 'sum of', "
                     "'mean of', 'max of', 'min of' and 'count of'"))
            return ir.Call(func=ir.Func(word.value), args=(_plain(operand),), span=_cover(meta))
        return ir.Aggregate(op=ir.AggregateOp(word.value), operand=_plain(operand), assets=assets or (),
                            span=_cover(meta))

    def since_rebalance(self, meta, children):
        return ir.SinceRebalance(unit=children[0].value, span=_cover(meta))

    def lag(self, meta, children):
        operand, bars = children
        return ir.Lag(operand=_plain(operand), bars=int(bars.value), span=_cover(meta))

    def neg(self, meta, children):
        return ir.Neg(operand=_plain(children[0]), span=_cover(meta))

    def not_op(self, meta, children):
        return ir.Not(operand=_plain(children[0]), span=_cover(meta))

    def _arith(op):  # noqa: N805 - a factory for the four arithmetic rules
        def build(self, meta, children):
            return ir.Arith(op=op, left=_plain(children[0]), right=_plain(children[1]), span=_cover(meta))
        return build

    add, sub = _arith(ir.ArithOp.ADD), _arith(ir.ArithOp.SUB)
    mul, div = _arith(ir.ArithOp.MUL), _arith(ir.ArithOp.DIV)

    def compare(self, meta, children):
        left, op, right = children
        return ir.Compare(op=ir.CompareOp(op.value), left=_plain(left), right=_plain(right), span=_cover(meta))

    def _logic(op):  # noqa: N805
        def build(self, meta, children):
            if len(children) == 1:
                return children[0]
            return ir.Logic(op=op, operands=tuple(map(_plain, children)), span=_cover(meta))
        return build

    or_op, and_op = _logic(ir.LogicOp.OR), _logic(ir.LogicOp.AND)

    def if_expr(self, meta, children):
        cond, then, otherwise = children
        return ir.IfElse(cond=_plain(cond), then=_plain(then), otherwise=_plain(otherwise), span=_cover(meta))

    def cal_daily(self, meta, children):
        return ir.CalendarRule(rule="daily", span=_cover(meta))

    def cal_weekday(self, meta, children):
        return ir.CalendarRule(rule="weekday", weekday=ir.Weekday(children[0].value), span=_cover(meta))

    def cal_periodic(self, meta, children):
        period = {"monthly": "month", "quarterly": "quarter", "annually": "year"}[children[0].value]
        return ir.CalendarRule(rule="nth", n=1, period=ir.Period(period), span=_cover(meta))

    def cal_nth(self, meta, children):
        ordinal, period = children
        n = 1 if ordinal.value == "first" else int(re.match(r"\d+", ordinal.value).group())
        return ir.CalendarRule(rule="nth", n=n, period=ir.Period(period.value), span=_cover(meta))

    def cal_last(self, meta, children):
        return ir.CalendarRule(rule="last", period=ir.Period(children[0].value), span=_cover(meta))

    def cal_hourly(self, meta, children):
        return ir.CalendarRule(rule="hours", n=1, span=_cover(meta))

    def cal_hours(self, meta, children):
        return ir.CalendarRule(rule="hours", n=int(children[0].value), span=_cover(meta))

    # ---- declarations ---------------------------------------------------------
    def header(self, meta, children):
        version, name = children
        return ("header", int(version.value), name.value[1:-1], _span(version))

    def asset_column(self, meta, children):
        return ("column", children[0].value[1:-1])

    def asset_symbol(self, meta, children):
        return ("symbol", children[0].value[1:-1])

    def asset_lot(self, meta, children):
        return ("lot", _number(children[0]))

    def asset_decl(self, meta, children):
        name, *options = children
        fields = dict(options)
        return ("asset", ir.Asset(name=name.value, column=fields.get("column", name.value),
                                  symbol=fields.get("symbol", name.value), lot=fields.get("lot"),
                                  span=_span(name)))

    def signal_stale(self, meta, children):
        return int(children[0].value)

    def signal_decl(self, meta, children):
        name, column, stale = children
        return ("signal", ir.Signal(name=name.value, column=column.value[1:-1], stale_bars=stale or 0,
                                    span=_span(name)))

    def cash_decl(self, meta, children):
        return ("cash", children[0].value, _span(children[0]))

    def capital_decl(self, meta, children):
        amount, currency = children
        return ("capital", ir.Quantity(value=_number(amount), unit=ir.Unit.MONEY, span=_span(amount)),
                currency.value, _cover(meta))

    def param_decl(self, meta, children):
        name, default, lo, hi, step = (_plain(c) for c in children)
        return ("param", ir.Param(name=name.value, default=default, lo=lo, hi=hi, step=step,
                                  span=_span(name)))

    def let_decl(self, meta, children):
        name, value = children
        return ("let", ir.Let(name=name.value, value=_plain(value), span=_span(name)))

    def regime_decl(self, meta, children):
        name, *rest, fit, window, refit = children
        covariance = {}
        if isinstance(rest[-1], tuple):     # `covariance WORD` after the states
            (word,) = rest.pop()
            covariance = dict(covariance=word.value, covariance_span=_span(word))
        *observations, states = rest
        return ("regime", ir.Regime(name=name.value, observations=tuple(map(_plain, observations)),
                                    states=_plain(states), fit=fit.value, window=_plain(window),
                                    refit=_plain(refit), span=_span(name), **covariance))

    def regime_covariance(self, meta, children):
        return tuple(children)

    def regime_state_name(self, meta, children):
        return children[0].value

    def regime_state_number(self, meta, children):
        return f"state {int(children[0].value)}"

    def regime_is(self, meta, children):
        regime, state = children
        return ir.RegimeIs(regime=regime.value, state=state, span=_cover(meta))

    def regime_probability(self, meta, children):
        regime, state = children
        return ir.RegimeProbability(regime=regime.value, state=state, span=_cover(meta))

    def state_rule(self, meta, children):
        becomes, when = children
        return ir.StateRule(becomes=becomes.value == "true", when=_plain(when), span=_cover(meta))

    def state_decl(self, meta, children):
        name, initial, *rules = children
        return ("state", ir.State(name=name.value, initial=initial.value == "true", rules=tuple(rules),
                                  span=_span(name)))

    def execution_decl(self, meta, children):
        decide, trade = children
        if decide.value == "open":
            self.diagnostics.append(Diagnostic(
                "E0502", "rbl decides at a bar's close, not at its open", _span(decide),
                help="write 'execution decide at close, trade at next open': the decision uses the close "
                     "and the orders fill at the next bar's open"))
        if trade.value == "open":
            self.diagnostics.append(Diagnostic(
                "E0501", "a decision made at the close cannot trade at that bar's open", _span(trade),
                help="write 'execution decide at close, trade at next open'"))
        trade_at = ir.TradeAt.CLOSE if trade.value == "close" else ir.TradeAt.NEXT_OPEN
        return ("execution", {"trade_at": trade_at}, _cover(meta))

    def mode_decl(self, meta, children):
        return ("mode", ir.Mode(children[0].value), _cover(meta))

    def annualize_decl(self, meta, children):
        return ("annualize", int(children[0].value), _cover(meta))

    def benchmark_asset(self, meta, children):
        return ir.Benchmark(asset=children[0].value, span=_cover(meta))

    def benchmark_targets(self, meta, children):
        return ir.Benchmark(span=_cover(meta))

    def benchmark_decl(self, meta, children):
        return ("benchmark", children[0], _cover(meta))

    # ---- weights ----------------------------------------------------------------
    def name_list(self, meta, children):
        return tuple(c.value for c in children)

    def hold_filter(self, meta, children):
        cond, fallback = children
        return ir.HoldFilter(cond=_plain(cond), fallback=fallback.value if fallback else None,
                             span=_cover(meta))

    def weight_entry(self, meta, children):
        asset, weight, *hold = children
        return ir.WeightEntry(asset=asset.value, weight=_plain(weight), hold=hold[0] if hold else None,
                              span=_cover(meta))

    def fixed_weights(self, meta, children):
        return ir.FixedWeights(entries=tuple(children), span=_cover(meta))

    def equal_scheme(self, meta, children):
        assets, hold = children
        return ir.EqualWeights(assets=assets, hold=hold, span=_cover(meta))

    def inverse_vol_scheme(self, meta, children):
        lookback, assets, hold = children
        return ir.InverseVolWeights(lookback=_plain(lookback), assets=assets, hold=hold, span=_cover(meta))

    def risk_parity_scheme(self, meta, children):
        lookback, shrunk, assets, hold = children
        return ir.RiskParityWeights(lookback=_plain(lookback), shrunk=shrunk is not None, assets=assets,
                                    hold=hold, span=_cover(meta))

    def risk_estimator(self, meta, children):
        return True

    def select_scheme(self, meta, children):
        side, n, by, assets, hold = children
        return ir.SelectWeights(side=ir.RankSide(side.value), n=int(n.value), by=_plain(by), assets=assets,
                                hold=hold, span=_cover(meta))

    def weights_if(self, meta, children):
        cond, then, otherwise = children
        return ir.BranchWeights(cond=_plain(cond), then=then, otherwise=otherwise, span=_cover(meta))

    weights_elif = weights_if

    def target_decl(self, meta, children):
        return ("target", children[0], _cover(meta))

    def exposure_decl(self, meta, children):
        return ("exposure", _plain(children[0]), _cover(meta))

    # ---- rebalancing, costs, constraints --------------------------------------------
    def check_rule(self, meta, children):
        return ("check", _plain(children[0]))

    def when_rule(self, meta, children):
        return ("when", _plain(children[0]))

    def to_rule(self, meta, children):
        to = ir.RebalanceTo.TARGET if children[0].value == "target" else ir.RebalanceTo.BAND_EDGE
        return ("to", to, ("to_span", _span(children[0])))

    def scope_rule(self, meta, children):
        return ("scope", ir.TradeScope(children[0].value), ("scope_span", _span(children[0])))

    def tranche_rule(self, meta, children):
        return ("tranches", int(children[0].value), ("tranches_span", _cover(meta)))

    def rebalance_block(self, meta, children):
        fields = dict(rule[:2] for rule in children)
        fields.update(rule[2] for rule in children if len(rule) == 3)
        return ("rebalance", ir.Rebalance(**fields, span=_cover(meta)), _cover(meta))

    def sleeve_decl(self, meta, children):
        name, weight, *sections = children
        found: dict[str, Any] = {}
        for tag, value, span in sections:
            if tag in found:
                self.diagnostics.append(Diagnostic(
                    "E0201", f"'{tag}' is declared twice in sleeve '{name.value}'", span,
                    help=f"keep one '{tag}' section in the sleeve and merge the other into it"))
            found.setdefault(tag, value)
        missing = [tag for tag in ("target", "rebalance") if tag not in found]
        for tag in missing:
            self.diagnostics.append(Diagnostic(
                "E0205", f"sleeve '{name.value}' has no '{tag}:' section", _span(name),
                help=_SLEEVE_SECTION_HELP[tag]))
        if missing:
            return ("sleeve", None)
        return ("sleeve", ir.Sleeve(name=name.value, weight=_plain(weight), target=found["target"],
                                    rebalance=found["rebalance"], span=_span(name)))

    def band_entry(self, meta, children):
        asset, band = children
        return ir.BandEntry(asset=asset.value, band=_plain(band), span=_cover(meta))

    def bands_block(self, meta, children):
        return ("bands", tuple(children), _cover(meta))

    def commission_rule(self, meta, children):
        return ("commission", _plain(children[0]))

    def order_fee_rule(self, meta, children):
        return ("per_order", _plain(children[0]))

    def spread_rule(self, meta, children):
        return ("spread", _plain(children[0]))

    def slippage_rule(self, meta, children):
        return ("slippage", _plain(children[0]))

    def min_trade_rule(self, meta, children):
        return ("min_trade", _plain(children[0]))

    def costs_block(self, meta, children):
        return ("costs", ir.Costs(**dict(children), span=_cover(meta)), _cover(meta))

    def long_only_rule(self, meta, children):
        return ("long_only", True)

    def cap_excess(self, meta, children):
        excess = ir.CapExcess.CASH if children[0].value == "cash" else ir.CapExcess.OTHERS
        return excess, _span(children[0])

    def max_weight_rule(self, meta, children):
        asset, weight, excess = children
        if asset is None:
            return ("max_weight", _plain(weight), excess)
        cap = ir.AssetCap(asset=asset.value, weight=_plain(weight), span=_cover(meta))
        return ("asset_cap", cap, excess)

    def max_leverage_rule(self, meta, children):
        return ("max_leverage", _plain(children[0]))

    def cash_buffer_rule(self, meta, children):
        return ("cash_buffer", _plain(children[0]))

    def kill_switch_rule(self, meta, children):
        return ("max_drawdown", _plain(children[0]))

    def constraints_block(self, meta, children):
        fields: dict[str, Any] = {}
        caps, excesses = [], []
        for rule in children:
            if rule[0] == "asset_cap":
                caps.append(rule[1])
            else:
                fields[rule[0]] = rule[1]
            if len(rule) == 3 and rule[2] is not None:
                excesses.append(rule[2])
        if caps:
            fields["asset_caps"] = tuple(caps)
        if excesses:
            fields["excess"] = excesses[0][0]
        for excess, span in excesses[1:]:
            if excess is not excesses[0][0]:
                self.diagnostics.append(Diagnostic(
                    "E0201", "the excess over the caps goes to cash on one line and to other assets on another",
                    span, help="write ', excess to other assets' (or 'to cash') the same way on every 'max weight'"))
        return ("constraints", ir.Constraints(**fields, span=_cover(meta)), _cover(meta))


_SLEEVE_SECTION_HELP = {
    "target": "give the sleeve its weights, e.g. 'target:' then '    SPY 60%' lines (shares of the sleeve)",
    "rebalance": "give the sleeve its own schedule, e.g. 'rebalance:' then '    check monthly'",
}


def _rule_methods(cls: type) -> list[str]:
    return [name for name, value in vars(cls).items() if not name.startswith("_") and callable(value)
            and name != "build"]


def _plain(value: Any) -> Any:
    """Money literals travel as (tag, quantity, currency); inside expressions only the quantity counts."""
    return value[1] if isinstance(value, tuple) and value and value[0] == "money" else value


def build_strategy(tree: Tree) -> tuple[ir.Strategy | None, list[Diagnostic]]:
    """Assemble the Strategy from the transformed statements."""
    transformer = _ToIR()
    start = transformer.build(tree)
    header, *statements = start.children
    _, version, name, version_span = header
    fields: dict[str, Any] = {"version": version, "name": name, "assets": [], "signals": [], "params": [],
                              "lets": [], "states": [], "regimes": [], "sleeves": []}
    seen: dict[str, Span | None] = {}
    diagnostics: list[Diagnostic] = transformer.diagnostics
    for statement in statements:
        tag = statement[0]
        if tag in ("asset", "signal", "param", "let", "state", "regime", "sleeve"):
            fields[tag + "s"].append(statement[1])
            continue
        span = statement[-1]
        if tag in seen:
            diagnostics.append(Diagnostic("E0201", f"'{tag}' is declared twice", span,
                                          help=f"keep one '{tag}' section and merge the other into it"))
            continue
        seen[tag] = span
        _store_section(fields, statement)
    sleeves = fields.pop("sleeves")
    if sleeves:
        diagnostics += _sleeve_target(fields, sleeves, seen.get("target"))
        if "rebalance" not in seen:     # no rule of the strategy's own: only the sleeves' rules trade
            fields["rebalance"] = NEVER_BETWEEN_SLEEVES
    if "target" not in fields:
        if sleeves:     # every sleeve was incomplete; its own diagnostic says why
            return None, diagnostics
        diagnostics.append(Diagnostic("E0205", "the strategy has no target weights", Span(start=0, end=0),
                                      help="add a section such as 'target:' followed by '    SPY 60%' lines"))
        return None, diagnostics
    diagnostics += _foreign_amounts(transformer.amounts, fields.get("currency", "USD"))
    execution = fields.pop("_execution", {})
    fields["execution"] = ir.Execution(**execution, span=seen.get("execution") or seen.get("mode"))
    for key in ("assets", "signals", "params", "lets", "states", "regimes"):
        fields[key] = tuple(fields[key])
    return ir.Strategy(**fields, span=version_span), diagnostics


def _foreign_amounts(amounts: list[tuple[str, Span]], currency: str) -> list[Diagnostic]:
    """Amounts are numbers in the account's currency (the capital's): one written in another would be
    read as that many units of the account's currency, with no conversion."""
    return [Diagnostic("E0302", f"this amount is in {code}, but the account's currency is {currency}",
                       span, help=f"write it in {currency} (rbl converts no currency), or declare "
                       f"'capital ... {code}' if the account is in {code}")
            for code, span in amounts if code != currency]


# The strategy's own rule when a file with sleeves writes none: it never moves money between them (without
# it the default `when true` rescaled every sleeve to its share on every bar).
NEVER_BETWEEN_SLEEVES = ir.Rebalance(when=ir.BoolLit(value=False))


def _sleeve_target(fields: dict[str, Any], sleeves: list, target_span: Span | None) -> list[Diagnostic]:
    """With sleeves, the strategy's target is the sleeves themselves; a top-level target is an error."""
    if target_span is not None:
        return [Diagnostic("E0411", "a strategy with sleeves takes its targets from them", target_span,
                           help="move these weights into a sleeve's 'target:', or remove the sleeves")]
    complete = tuple(sleeve for sleeve in sleeves if sleeve is not None)
    if len(complete) == len(sleeves):
        fields["target"] = ir.SleeveWeights(sleeves=complete, span=complete[0].span)
    return []


def _store_section(fields: dict[str, Any], statement: tuple) -> None:
    tag, value = statement[0], statement[1]
    if tag == "execution":
        fields.setdefault("_execution", {}).update(value)
    elif tag == "mode":
        fields.setdefault("_execution", {})["mode"] = value
    elif tag == "capital":
        fields["capital"], fields["currency"] = value, statement[2]
    elif tag == "annualize":
        fields["annualize_days"] = value
    elif tag == "cash":
        fields["cash"] = value
    else:
        fields[tag] = value
