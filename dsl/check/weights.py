"""Target weights: every branch and outcome sums to 100%, each weight in range, sizes that fit."""

from __future__ import annotations

import itertools
import math

from rbl.dsl import ir
from rbl.dsl.check.consts import cond_key, const_value
from rbl.dsl.check.context import CheckContext, repeats
from rbl.dsl.check.warmup import lookback_bars
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import format_expr, number
from rbl.dsl.ir.walk import walk

_TOLERANCE = 1e-9
_MAX_OUTCOMES = 6      # at most 2**6 combinations of per-entry `if` conditions are enumerated


def check_weights(ctx: CheckContext) -> list[Diagnostic]:
    params = {p.name: p for p in ctx.strategy.params}
    return (list(_visit(ctx, ctx.strategy.target, (), params)) + _short_risk_parity(ctx, params)
            + _unbounded_leverage(ctx, params))


def _unbounded_leverage(ctx: CheckContext, params) -> list[Diagnostic]:
    """W0417: a weight or an exposure computed from data has no most it can be, and no `max leverage`
    caps it: one spike (a signal in the wrong units) levers the account to whatever it says, in the
    backtest and in the EA alike. Once per strategy, at the first such expression."""
    s = ctx.strategy
    if s.constraints.max_leverage is not None:
        return []
    lets = {x.name: x.value for x in s.lets}
    computed = [e.weight for e in ctx.nodes_of(ir.WeightEntry)] + ([s.exposure] if s.exposure is not None else [])
    for expr in computed:
        if _most(expr, params, lets) is None:
            what = "exposure" if expr is s.exposure else "weight"
            return [Diagnostic(
                "W0417", f"this {what} is computed from data and has no upper bound, and no 'max leverage' "
                "caps the portfolio: one outlier in the data levers the account as far as it says",
                expr.span, help="declare the most you accept under 'constraints:', e.g. 'max leverage 1x', "
                                "or bound it, e.g. 'min(..., 60%)'")]
    return []


_ANY = (-math.inf, math.inf)


def _most(expr: ir.Expr, params, lets) -> float | None:
    """An upper bound of `expr` on every bar when the expression itself gives one, else None."""
    top = _span_of(expr, params, lets, frozenset())[1]
    return None if math.isinf(top) else top


def _span_of(expr: ir.Expr, params, lets, seen: frozenset[str]) -> tuple[float, float]:
    """(lowest, highest) `expr` can be on any bar, from its constants, params (their range), lets,
    `if` branches, min/max/clamp and arithmetic; an end data decides (a price, a signal) is infinite."""
    value = const_value(expr, params)
    if isinstance(value, float):
        return value, value
    if isinstance(expr, ir.Ref) and expr.name in params:
        return params[expr.name].lo.value, params[expr.name].hi.value
    if isinstance(expr, ir.Ref) and expr.name in lets and expr.name not in seen:
        return _span_of(lets[expr.name], params, lets, seen | {expr.name})
    parts = [_span_of(x, params, lets, seen) for x in _operands(expr)]
    if not parts:
        return _ANY
    if isinstance(expr, ir.IfElse):
        return min(parts[0][0], parts[1][0]), max(parts[0][1], parts[1][1])
    if isinstance(expr, ir.Neg):
        return -parts[0][1], -parts[0][0]
    if isinstance(expr, ir.Call) and expr.func is ir.Func.CLAMP:
        return max(parts[0][0], parts[1][0]), min(parts[0][1], parts[2][1])
    if isinstance(expr, ir.Call):
        pick = max if expr.func is ir.Func.MAX else min
        return pick(p[0] for p in parts), pick(p[1] for p in parts)
    (a, b), (c, d) = parts
    if expr.op is ir.ArithOp.ADD:
        return a + c, b + d
    if expr.op is ir.ArithOp.SUB:
        return a - d, b - c
    if expr.op is ir.ArithOp.DIV:
        if c <= 0 <= d:
            return _ANY                                     # the divisor can be 0
        c, d = 1 / d, 1 / c
    ends = [x * y if x and y else 0.0 for x in (a, b) for y in (c, d)]
    return min(ends), max(ends)


def _operands(expr: ir.Expr) -> list[ir.Expr]:
    """What `_span_of` combines; [] for what it does not bound."""
    if isinstance(expr, ir.IfElse):
        return [expr.then, expr.otherwise]
    if isinstance(expr, ir.Neg):
        return [expr.operand]
    if isinstance(expr, ir.Call) and expr.func in (ir.Func.MIN, ir.Func.MAX, ir.Func.CLAMP):
        return list(expr.args)
    if isinstance(expr, ir.Arith):
        return [expr.left, expr.right]
    return []


def _short_risk_parity(ctx: CheckContext, params) -> list[Diagnostic]:
    """E0414: n bars give n - 1 independent centred returns, so with N >= n assets the sample covariance
    is singular and equal risk contributions need not exist (a positive vector in its null space makes
    the ERC objective unbounded): the weights would be wherever the solver's sweep cap stops. An error,
    not a warning, because what `rbl check` accepts must have a defined answer; `shrunk` gives one."""
    found = []
    for node in ctx.nodes_of(ir.RiskParityWeights):
        window = node.lookback
        if isinstance(window, ir.Ref) and window.name in params:
            window = params[window.name].lo                 # the shortest window the param can take
        if node.shrunk or not isinstance(window, ir.Quantity):
            continue
        bars, assets = lookback_bars(window), len(node.assets)
        if bars <= assets:
            found.append(Diagnostic(
                "E0414", f"risk parity over {assets} assets with a window of {bars} bars: the covariance of "
                f"{bars - 1} independent returns is singular, and equal risk contributions need not exist",
                node.lookback.span or node.span,
                help=f"add ', shrunk' (correlations shrunk toward zero) or use a window longer than {assets} bars"))
    return found


def _visit(ctx, weights, path: tuple[str, ...], params):
    if isinstance(weights, ir.BranchWeights):
        cond = format_expr(weights.cond)
        yield from _visit(ctx, weights.then, path + (f"on the branch where '{cond}' holds",), params)
        yield from _visit(ctx, weights.otherwise, path + (f"on the branch where '{cond}' does not hold",),
                          params)
    elif isinstance(weights, ir.SleeveWeights):
        yield from _sleeve_shares(weights, params)
        for sleeve in weights.sleeves:
            yield from _visit(ctx, sleeve.target, path + (f"in sleeve '{sleeve.name}'",), params)
    elif isinstance(weights, ir.FixedWeights):
        yield from _duplicates([(e.asset, e.span) for e in weights.entries], "the target")
        yield from _ranges(weights, params)
        yield from _sums(ctx, weights, path, params)
    else:
        yield from _duplicates([(a, weights.span) for a in weights.assets], "this list")
        if isinstance(weights, ir.SelectWeights) and not 1 <= weights.n <= len(weights.assets):
            yield Diagnostic("E0406", f"cannot pick {weights.n} of {len(weights.assets)} assets",
                             weights.span, notes=path,
                             help=f"pick between 1 and {len(weights.assets)}, or list more assets")


def _sleeve_shares(weights: ir.SleeveWeights, params):
    shares = [const_value(sleeve.weight, params) for sleeve in weights.sleeves]
    for sleeve, share in zip(weights.sleeves, shares):
        if isinstance(share, float) and not 0 <= share <= 1:
            yield Diagnostic("E0402", f"sleeve share {number(share, 2)}% is out of range", sleeve.weight.span,
                             help="a sleeve's share is between 0% and 100% of the portfolio")
    if all(isinstance(share, float) for share in shares) and abs(sum(shares) - 1) > _TOLERANCE:
        gap = number(round(abs(1 - sum(shares)), 12), 2)
        yield Diagnostic("E0401", f"sleeve shares sum to {number(round(sum(shares), 12), 2)}%, not 100%",
                         weights.span, help=f"{'add' if sum(shares) < 1 else 'remove'} {gap}% across the "
                                            "sleeves so that they hold the whole portfolio")


def _duplicates(names: list[tuple[str, object]], where: str):
    for name, span, _ in repeats(names):
        yield Diagnostic("E0201", f"'{name}' is listed twice in {where}", span, help="list each asset once")


def _ranges(weights: ir.FixedWeights, params):
    for entry in weights.entries:
        for leaf in _weight_terms(entry.weight):
            value = const_value(leaf, params) if isinstance(leaf, (ir.Quantity, ir.Neg)) else None
            if isinstance(value, float) and not 0 <= value <= 1:
                yield Diagnostic("E0402", f"weight {number(value, 2)}% is out of range", leaf.span,
                                 help="a weight is between 0% and 100% of the portfolio; "
                                      "for leverage use 'exposure 1.5x'")


def _weight_terms(expr: ir.Expr):
    """The parts of a weight that are themselves weights: the outcomes of `if ... then ... else` and
    the terms of + and -. A condition, a function's arguments or a factor is not a weight."""
    if isinstance(expr, ir.IfElse):
        yield from _weight_terms(expr.then)
        yield from _weight_terms(expr.otherwise)
    elif isinstance(expr, ir.Arith) and expr.op in (ir.ArithOp.ADD, ir.ArithOp.SUB):
        yield from _weight_terms(expr.left)
        yield from _weight_terms(expr.right)
    else:
        yield expr


def _outcomes(weights: ir.FixedWeights):
    """Every combination of the `if` conditions inside the entries, as assumptions."""
    conds = {}
    for entry in weights.entries:
        for node in walk(entry.weight):
            if isinstance(node, ir.IfElse):
                conds.setdefault(cond_key(node.cond), node.cond)
    keys = list(conds)[:_MAX_OUTCOMES]
    for values in itertools.product((True, False), repeat=len(keys)):
        yield dict(zip(keys, values)), [(conds[k], v) for k, v in zip(keys, values)]


def _sums(ctx: CheckContext, weights: ir.FixedWeights, path, params):
    for assume, described in _outcomes(weights):
        values = [const_value(e.weight, params, assume) for e in weights.entries]
        if not all(isinstance(v, float) for v in values):
            return
        total = sum(values)
        if abs(total - 1) > _TOLERANCE:
            notes = path + tuple(f"when '{format_expr(c)}' is {str(v).lower()}" for c, v in described)
            yield Diagnostic("E0401", f"target weights sum to {number(round(total, 12), 2)}%, not 100%",
                             weights.span, notes=notes, help=_sum_help(ctx, total))
            return


def _sum_help(ctx: CheckContext, total: float) -> str:
    gap = number(round(abs(1 - total), 12), 2)
    if total < 1 and ctx.strategy.cash:
        return f"give the missing {gap}% to '{ctx.strategy.cash}', or raise the other weights"
    if total < 1:
        return f"add {gap}% to the weights, or declare a cash sleeve ('cash CASH') and give it {gap}%"
    return f"remove {gap}% from the weights; for leverage use 'exposure 1.5x' instead"
