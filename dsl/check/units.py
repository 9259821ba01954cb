"""Unit and type pass: every expression site gets the kind of value its place in the file needs."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.check.infer import Inferrer
from rbl.dsl.check.types import Kind, Type
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import walk_per_bar

_COST_KINDS = {"commission": {Kind.BPS, Kind.PERCENT}, "spread": {Kind.BPS, Kind.PERCENT},
               "slippage": {Kind.BPS, Kind.PERCENT}, "per_order": {Kind.MONEY},
               "min_trade": {Kind.MONEY}}
_COST_HELP = {Kind.BPS: "write it in basis points of traded notional, e.g. '10 bps'",
              Kind.MONEY: "write an amount with its currency, e.g. '10 USD'"}
_LIMIT_KINDS = {"max_weight": ({Kind.PERCENT, Kind.WEIGHT}, "a percentage of the portfolio, e.g. '25%'"),
                "cash_buffer": ({Kind.PERCENT, Kind.WEIGHT}, "a percentage of the portfolio, e.g. '2%'"),
                "max_leverage": ({Kind.NUMBER, Kind.PERCENT}, "a multiple of equity, e.g. '1.5x'"),
                "max_drawdown": ({Kind.PERCENT, Kind.LEVEL}, "a percentage, e.g. '20%'")}
_RATIO_KINDS = {Kind.NUMBER, Kind.PERCENT, Kind.LEVEL, Kind.UNKNOWN}


def check_units(ctx: CheckContext) -> list[Diagnostic]:
    infer = Inferrer(ctx)
    s = ctx.strategy
    for let in s.lets:
        infer.let_type(let.name)
    for state in s.states:
        for rule in state.rules:
            _scalar(infer, rule.when, infer.condition(rule.when, "a state rule"), f"state '{state.name}'")
    for regime in s.regimes:
        for obs in regime.observations:
            _observation(infer, obs, regime.name)
    _weights(infer, s.target)
    if s.exposure is not None:
        _exposure(infer, s.exposure)
    _rebalance(infer, s.rebalance)
    _costs(infer, s.costs)
    _limits(infer, s.constraints)
    return infer.diagnostics


def _scalar(infer: Inferrer, expr: ir.Node, t: Type, where: str) -> None:
    """Per-asset series only mean something per holding; `where` is evaluated once per bar."""
    if not t.per_asset:
        return
    culprit = next((n for n in walk_per_bar(expr) if _is_per_asset_leaf(infer, n)), expr)
    infer.error("E0206", f"{where} is one value per bar, but this is a value per asset", culprit,
                help="use an asset's own series (SPY, vol(SPY, 20 days)) or the portfolio here")


def _observation(infer: Inferrer, obs: ir.Node, regime: str) -> None:
    """A regime models numbers, one per bar."""
    t = infer.infer(obs)
    if t.kind is Kind.BOOL:
        infer.error("E0302", f"an observation of regime '{regime}' is true/false; the model needs a number",
                    obs, help="observe a series such as 'vol(SPY, 20 days)' or 'return(SPY, 1 day)'")
    _scalar(infer, obs, t, f"an observation of regime '{regime}'")


def _is_per_asset_leaf(infer: Inferrer, node: ir.Node) -> bool:
    if isinstance(node, ir.SeriesRef):
        return node.series in ir.PER_ASSET_SERIES
    return isinstance(node, ir.Ref) and node.name in infer.let_types and \
        bool(infer.let_types[node.name]) and infer.let_types[node.name].per_asset


def _weights(infer: Inferrer, weights: ir.Node) -> None:
    handler = globals()[f"_weights_{weights.kind}"]
    handler(infer, weights)
    hold = getattr(weights, "hold", None)
    if hold is not None:
        infer.condition(hold.cond, "'while'")


def _weights_fixed(infer: Inferrer, w: ir.FixedWeights) -> None:
    for entry in w.entries:
        _share(infer, entry.weight, "a weight")
        if entry.hold is not None:
            infer.condition(entry.hold.cond, "'while'")


def _share(infer: Inferrer, expr: ir.Node, what: str) -> None:
    t = infer.infer(expr)
    if t.kind is Kind.NUMBER:
        infer.error("E0304", f"{what} needs a unit", expr,
                    help="write it as a percentage of the portfolio, e.g. '60%'")
    elif t.kind not in (Kind.PERCENT, Kind.WEIGHT, Kind.UNKNOWN):
        infer.error("E0302", f"{what} is a percentage of the portfolio, not {t.kind.value}",
                    expr, help="write it like '60%'")


def _weights_equal(infer: Inferrer, w: ir.EqualWeights) -> None:
    return None


def _weights_inverse_vol(infer: Inferrer, w) -> None:
    t = infer.infer(w.lookback)
    infer.window(w.lookback, t)
    _scalar(infer, w.lookback, t, "a lookback")


_weights_risk_parity = _weights_inverse_vol


def _weights_select(infer: Inferrer, w: ir.SelectWeights) -> None:
    t = infer.infer(w.by)
    if t.kind is Kind.BOOL:
        infer.error("E0302", "assets are ranked by a number, not by true/false", w.by,
                    help="rank by an indicator, e.g. 'top 3 by return(price, 6 months) of ...'")


def _weights_sleeves(infer: Inferrer, w: ir.SleeveWeights) -> None:
    for sleeve in w.sleeves:
        _share(infer, sleeve.weight, "a sleeve's share")
        _scalar(infer, sleeve.weight, infer.infer(sleeve.weight), "a sleeve's share")
        _weights(infer, sleeve.target)
        _rebalance(infer, sleeve.rebalance)


def _rebalance(infer: Inferrer, r: ir.Rebalance) -> None:
    _scalar(infer, r.check, infer.condition(r.check, "'check'"), "'check'")
    infer.condition(r.when, "'when'")


def _weights_branch(infer: Inferrer, w: ir.BranchWeights) -> None:
    _scalar(infer, w.cond, infer.condition(w.cond, "'if'"), "the condition of a target 'if'")
    _weights(infer, w.then)
    _weights(infer, w.otherwise)


def _exposure(infer: Inferrer, expr: ir.Node) -> None:
    t = infer.infer(expr)
    if t.kind not in _RATIO_KINDS:
        infer.error("E0302", f"exposure is a multiple of the portfolio, not {t.kind.value}", expr,
                    help="write a multiple like '1.5x' or a percentage like '80%'")
    _scalar(infer, expr, t, "'exposure'")


def _costs(infer: Inferrer, costs: ir.Costs) -> None:
    for name, allowed in _COST_KINDS.items():
        q = getattr(costs, name)
        if q is None:
            continue
        if isinstance(q, ir.Ref) and q.name not in infer.ctx.params:
            infer.error("E0409", f"a cost is a number or a parameter, not '{q.name}'", q,
                        help="write the cost, e.g. '10 bps', or declare 'param NAME = 10 bps from 0 bps to "
                             "50 bps step 5 bps' to sweep it")
            continue
        kind = infer.infer(q).kind
        wanted = Kind.MONEY if Kind.MONEY in allowed else Kind.BPS
        if kind not in allowed:
            code = "E0304" if kind is Kind.NUMBER else "E0302"
            what = "needs a unit" if kind is Kind.NUMBER else f"is {wanted.value}, not {kind.value}"
            infer.error(code, f"this cost {what}", q, help=_COST_HELP[wanted])


def _limits(infer: Inferrer, constraints: ir.Constraints) -> None:
    _asset_caps(infer, constraints)
    _global_limits(infer, constraints)


def _asset_caps(infer: Inferrer, constraints: ir.Constraints) -> None:
    allowed, example = _LIMIT_KINDS["max_weight"]
    for cap in constraints.asset_caps:
        kind = infer.infer(cap.weight).kind
        if kind not in allowed:
            infer.error("E0302", f"'max weight {cap.asset}' cannot be {kind.value}", cap.weight, help=f"write {example}")


def _global_limits(infer: Inferrer, constraints: ir.Constraints) -> None:
    for name, (allowed, example) in _LIMIT_KINDS.items():
        q = getattr(constraints, name)
        if q is None:
            continue
        kind = infer.infer(q).kind
        if kind not in allowed:
            label = name.replace("_", " ")
            infer.error("E0302", f"'{label}' cannot be {kind.value}", q, help=f"write {example}")
