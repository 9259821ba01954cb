"""Lowering of sleeves (docs/semantics.md, Sleeves): each sleeve's targets, shares and own rules,
and the strategy's rules read per sleeve."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.ir.analysis import is_per_asset, lets_of, sleeve_holdings
from rbl.backends.mql5.lower_expr import Ctx, ExprLowerer
from rbl.backends.mql5.lower_weights import AT, WeightsLowerer
from rbl.backends.mql5.program import Function, Stmt, Unsupported
from rbl.backends.mql5.writer import mql_string

SLEEVE_MIX = ("g_x", "g_m")          # a sleeve's rules: weight = x_i, target = m_i, per holding
SLEEVE_SHARES = ("g_su", "g_share")  # the strategy's rules: weight = u_s, target = W_s, per sleeve


def sleeves_of(strategy: ir.Strategy) -> tuple[ir.Sleeve, ...]:
    target = strategy.target
    return target.sleeves if isinstance(target, ir.SleeveWeights) else ()


def owners(strategy: ir.Strategy) -> list[int]:
    """The index of the sleeve owning each holding (assets, then the cash sleeve), -1 for none."""
    names = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    owner = {name: k for k, sleeve in enumerate(sleeves_of(strategy)) for name in sleeve_holdings(sleeve, strategy)}
    return [owner.get(name, -1) for name in names]


def sleeve_globals(strategy: ir.Strategy) -> list[Stmt]:
    owned = ", ".join(str(k) for k in owners(strategy))
    return [Stmt("string g_sleeve[RBL_SLEEVES];             // sleeve names, in declared order"),
            Stmt(f"int    g_owner[RBL_HOLDINGS] = {{{owned}}};  // the sleeve owning each holding (-1: none)")]


def sleeve_names(strategy: ir.Strategy) -> list[Stmt]:
    return [Stmt(f"g_sleeve[{k}] = {mql_string(s.name)};") for k, s in enumerate(sleeves_of(strategy))]


def targets_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """Each sleeve's check, then its scheme into g_raw and its inner targets on its own check bars,
    its share on the strategy's (both on the first decision); then the composed w* of those in effect."""
    body: list[Stmt] = []
    weights = WeightsLowerer(low)
    for k, sleeve in enumerate(sleeves_of(strategy)):
        with low.reading(*SLEEVE_MIX):
            body += _sleeve_check(sleeve, k, low)
        body += [Stmt(f"if(g_evaluate_all || g_scheck[{k}])"), Stmt("{")]
        body += weights.lower(sleeve.target, 1) + [Stmt(f"RblSleeveMix({k});", 1), Stmt("}")]
        body += [Stmt("if(g_evaluate_all || g_check)"),
                 Stmt(f"g_share[{k}] = {low.value(sleeve.weight, Ctx(s=AT))};", 1, low.spans.line(sleeve))]
    body.append(Stmt("RblComposeTargets();"))
    return Function("void", "RblTargets", (), tuple(body))


def sleeve_rules_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """g_swhen[k]: each sleeve's own when, read on its own mix (its check was read before the targets)."""
    body: list[Stmt] = []
    with low.reading(*SLEEVE_MIX):
        for k, sleeve in enumerate(sleeves_of(strategy)):
            body += _sleeve_when(sleeve, k, low)
    return Function("void", "RblSleeveRules", (), tuple(body))


def _sleeve_check(sleeve: ir.Sleeve, k: int, low: ExprLowerer) -> list[Stmt]:
    check = sleeve.rebalance.check
    if is_per_asset(check, lets_of(low.strategy)):
        raise Unsupported(f"{low.spans.where(check)}: `check` must be true/false for the whole sleeve")
    return [Stmt(f"g_scheck[{k}] = {low.value(check, Ctx(s=AT))};", rbl_line=low.spans.line(check))]


def _sleeve_when(sleeve: ir.Sleeve, k: int, low: ExprLowerer) -> list[Stmt]:
    when = sleeve.rebalance.when
    line = low.spans.line(when)
    if not low.needs_holding(when):
        return [Stmt(f"g_swhen[{k}] = {low.value(when, Ctx(s=AT))};", rbl_line=line)]
    return [Stmt(f"g_swhen[{k}] = false;"), Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"),
            Stmt(f"if(g_owner[h] == {k} && {low.value(when, Ctx(s=AT, per_asset=True))})", 1, line),
            Stmt(f"g_swhen[{k}] = true;", 2)]


def when_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """The strategy's `when`, read per sleeve: it holds when it holds for any sleeve."""
    when = strategy.rebalance.when
    line = low.spans.line(when)
    with low.reading(*SLEEVE_SHARES):
        if not low.needs_holding(when):
            body = [Stmt(f"return {low.value(when, Ctx(s=AT))};", rbl_line=line)]
        else:
            body = [Stmt("bool any = false;"), Stmt("for(int h = 0; h < RBL_SLEEVES; h++)"),
                    Stmt(f"any = any || {low.value(when, Ctx(s=AT, per_asset=True))};", 1, line),
                    Stmt("return any;")]
    return Function("bool", "RblWhen", (), tuple(body))
