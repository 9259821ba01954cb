"""Lowering of sleeves (docs/semantics.md, Sleeves): each sleeve's targets, shares and own rules,
and the strategy's rules read per sleeve."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.ir.analysis import band_of, is_per_asset, lets_of, sleeve_holdings
from rbl.dsl.ir.walk import walk
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
    rules = [x.rebalance for x in sleeves_of(strategy)]
    breached = ", ".join("true" if r.scope is ir.TradeScope.BREACHED else "false" for r in rules)
    edge = ", ".join("true" if r.to is ir.RebalanceTo.BAND_EDGE else "false" for r in rules)
    tranches = ", ".join(str(r.tranches) for r in rules)
    return [Stmt("string g_sleeve[RBL_SLEEVES];             // sleeve names, in declared order"),
            Stmt(f"int    g_owner[RBL_HOLDINGS] = {{{owned}}};  // the sleeve owning each holding (-1: none)"),
            Stmt(f"bool   g_sbreached_only[RBL_SLEEVES] = {{{breached}}};  // its own `trade breached assets`"),
            Stmt(f"bool   g_sedge[RBL_SLEEVES] = {{{edge}}};  // its own `to band edge`"),
            Stmt("bool   g_sbreached[RBL_HOLDINGS];       // its sleeve's when holds for the holding"),
            Stmt("double g_sband[RBL_HOLDINGS];           // its sleeve's band for the holding (`to band edge`)"),
            Stmt(f"int    g_stranches[RBL_SLEEVES] = {{{tranches}}};  // each sleeve's `trade over N bars`")]


def sleeve_names(strategy: ir.Strategy) -> list[Stmt]:
    return [Stmt(f"g_sleeve[{k}] = {mql_string(s.name)};") for k, s in enumerate(sleeves_of(strategy))]


def targets_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """Each sleeve's check, then its scheme into g_raw and its inner targets on its own check bars,
    its share on the strategy's (both on the first decision); then the composed w* of those in effect."""
    body: list[Stmt] = []
    weights = WeightsLowerer(low)
    for k, sleeve in enumerate(sleeves_of(strategy)):
        with low.reading(*SLEEVE_MIX), low.ranging(_owned(strategy, sleeve), k):
            body += _sleeve_check(sleeve, k, low)
        body += [Stmt(f"if(g_evaluate_all || g_scheck[{k}])"), Stmt("{")]
        body += weights.lower(sleeve.target, 1) + [Stmt(f"RblSleeveMix({k});", 1), Stmt("}")]
        body += [Stmt("if(g_evaluate_all || g_check)"),
                 Stmt(f"g_share[{k}] = {low.value(sleeve.weight, Ctx(s=AT))};", 1, low.spans.line(sleeve))]
    body.append(Stmt("RblComposeTargets();"))
    return Function("void", "RblTargets", (), tuple(body))


def sleeve_rules_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """g_swhen[k]: each sleeve's own when, read on its own mix (its check was read before the targets),
    its aggregates over its own holdings, its `since rebalance` from its own trades."""
    body: list[Stmt] = []
    with low.reading(*SLEEVE_MIX):
        for k, sleeve in enumerate(sleeves_of(strategy)):
            with low.ranging(_owned(strategy, sleeve), k):
                body += _sleeve_when(sleeve, k, low)
    return Function("void", "RblSleeveRules", (), tuple(body))


def _owned(strategy: ir.Strategy, sleeve: ir.Sleeve) -> tuple[tuple[int, str], ...]:
    """(index, name) of the holdings the sleeve owns, what its aggregates range over."""
    holdings = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    owned = sleeve_holdings(sleeve, strategy)
    return tuple((h, name) for h, name in enumerate(holdings) if name in owned)


def _sleeve_check(sleeve: ir.Sleeve, k: int, low: ExprLowerer) -> list[Stmt]:
    check = sleeve.rebalance.check
    if is_per_asset(check, lets_of(low.strategy)):
        raise Unsupported(f"{low.spans.where(check)}: `check` must be true/false for the whole sleeve")
    return [Stmt(f"g_scheck[{k}] = {low.value(check, Ctx(s=AT))};", rbl_line=low.spans.line(check))]


def _sleeve_when(sleeve: ir.Sleeve, k: int, low: ExprLowerer) -> list[Stmt]:
    when, r = sleeve.rebalance.when, sleeve.rebalance
    line = low.spans.line(when)
    if not low.needs_holding(when):
        return [Stmt(f"g_swhen[{k}] = {low.value(when, Ctx(s=AT))};", rbl_line=line)]
    if r.scope is ir.TradeScope.ALL and r.to is ir.RebalanceTo.TARGET:
        return [Stmt(f"g_swhen[{k}] = false;"), Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"),
                Stmt(f"if(g_owner[h] == {k} && {low.value(when, Ctx(s=AT, per_asset=True))})", 1, line),
                Stmt(f"g_swhen[{k}] = true;", 2)]
    return _sleeve_when_per_holding(sleeve, k, low)


def _sleeve_when_per_holding(sleeve: ir.Sleeve, k: int, low: ExprLowerer) -> list[Stmt]:
    """A sleeve with its own policy keeps where its when holds and, to the band edge, each band; with
    `trade breached assets` the cash holding is not traded, so its breach alone cannot fire."""
    r, per_asset = sleeve.rebalance, Ctx(s=AT, per_asset=True)
    body = [Stmt(f"g_sbreached[h] = {low.value(r.when, per_asset)};", 2, low.spans.line(r.when))]
    band = band_of(r)
    if r.to is ir.RebalanceTo.BAND_EDGE and band is not None:
        body.append(Stmt(f"g_sband[h] = {low.value(band, per_asset)};", 2, low.spans.line(band)))
    fires = "g_sbreached[h] && h < RBL_ASSETS" if r.scope is ir.TradeScope.BREACHED else "g_sbreached[h]"
    return [Stmt(f"g_swhen[{k}] = false;"), Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"),
            Stmt(f"if(g_owner[h] == {k})", 1), Stmt("{", 1), *body, Stmt(f"if({fires})", 2),
            Stmt(f"g_swhen[{k}] = true;", 3), Stmt("}", 1)]


def when_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """The strategy's `when`, read per sleeve: it holds when it holds for any sleeve."""
    when = strategy.rebalance.when
    line = low.spans.line(when)
    sleeves = tuple((k, x.name) for k, x in enumerate(sleeves_of(strategy)))
    with low.reading(*SLEEVE_SHARES), low.ranging(sleeves, None):
        if not low.needs_holding(when):
            body = [Stmt(f"const bool any = {low.value(when, Ctx(s=AT))};", rbl_line=line)]
        else:
            body = [Stmt("bool any = false;"), Stmt("for(int h = 0; h < RBL_SLEEVES; h++)"),
                    Stmt(f"any = any || {low.value(when, Ctx(s=AT, per_asset=True))};", 1, line)]
    if reads_since(strategy):
        body += _fired()
    return Function("bool", "RblWhen", (), tuple(body + [Stmt("return any;")]))


# ---- since rebalance per sleeve (docs/semantics.md, *Sleeves*) ------------------------------------
def reads_since(strategy: ir.Strategy, unit: str | None = None) -> bool:
    """Whether the strategy reads `bars since rebalance` or `days since rebalance` (or that unit only)."""
    return any(isinstance(n, ir.SinceRebalance) and unit in (None, n.unit) for n in walk(strategy))


def _fired() -> list[Stmt]:
    """Which counts restart on this decision (RblStatesSave restarts them): a sleeve's when it fires (or
    on INITIAL and KILL, g_fire_now before this), the strategy's on any trade."""
    return [Stmt("bool sleeve_fires = false;"), Stmt("for(int k = 0; k < RBL_SLEEVES; k++)"), Stmt("{"),
            Stmt("g_sfire[k] = g_fire_now || (!g_since_killed && g_scheck[k] && g_swhen[k]);", 1),
            Stmt("sleeve_fires = sleeve_fires || (g_scheck[k] && g_swhen[k]);", 1), Stmt("}"),
            Stmt("g_fire_now = g_fire_now || (!g_since_killed && ((g_check_now && any) || sleeve_fires));")]


def since_globals(strategy: ir.Strategy) -> list[Stmt]:
    out = [Stmt("double g_ssince[RBL_SLEEVES];   // each sleeve's bars since its own rebalance (persisted)"),
           Stmt("bool   g_sfire[RBL_SLEEVES];    // this decision restarts that sleeve's count")]
    if reads_since(strategy, "days"):
        out.append(Stmt("double g_sfire_day[RBL_SLEEVES]; // the day of each sleeve's last rebalance (persisted)"))
    return out


def _each(lines: list[tuple[str, int]]) -> list[Stmt]:
    """The lines (text, depth) once per sleeve k."""
    return [Stmt("for(int k = 0; k < RBL_SLEEVES; k++)"), Stmt("{")] + [Stmt(x, 1 + d) for x, d in lines] + \
        [Stmt("}")]


def since_update(strategy: ir.Strategy) -> list[Stmt]:
    """At the start of a decision, as the strategy's own count: 0 on the first, else one more."""
    days = [("if(!g_since_done)", 0), ("g_sfire_day[k] = g_today;", 1)] if reads_since(strategy, "days") else []
    return _each([("g_ssince[k] = g_since_done ? g_ssince[k] + 1.0 : 0.0;", 0), ("g_sfire[k] = false;", 0)] + days)


def since_save(strategy: ir.Strategy) -> list[Stmt]:
    days = reads_since(strategy, "days")
    restart = [("if(g_sfire[k])", 0), ("{", 0), ("g_ssince[k] = 0.0;", 1)]
    restart += [("g_sfire_day[k] = g_today;", 1)] if days else []
    save = [('RblSave(StringFormat("ssince%d", k), g_ssince[k]);', 0)]
    save += [('RblSave(StringFormat("sfire_day%d", k), g_sfire_day[k]);', 0)] if days else []
    return _each(restart + [("}", 0)] + save)


def since_load(strategy: ir.Strategy) -> list[Stmt]:
    lines = [('g_ssince[k] = RblLoad(StringFormat("ssince%d", k), 0.0);', 0), ("g_sfire[k] = false;", 0)]
    if reads_since(strategy, "days"):
        lines.append(('g_sfire_day[k] = RblLoad(StringFormat("sfire_day%d", k), 0.0);', 0))
    return _each(lines)


def since_waiting() -> list[Stmt]:
    """A bar that waits for a signal counts for every sleeve too (after the first decision)."""
    return _each([("g_sfire[k] = false;", 0), ("if(g_since_done)", 0), ("g_ssince[k] += 1.0;", 1)])
