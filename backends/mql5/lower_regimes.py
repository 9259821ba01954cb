"""Lowering of learned regimes: the defines that size the runtime's arrays (runtime_hmm.mqh), the
`RblRegimes` hook that stores each regime's observations per bar and fits and filters it, and the
readers `market is calm` and `market.probability(turbulent)`."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.regimes import setting_values
from rbl.dsl.check.warmup import regime_observed_from
from rbl.backends.mql5.lower_expr import Ctx, ExprLowerer
from rbl.backends.mql5.program import Function, Stmt

HISTORY_BARS = 40000      # joint bars an EA with a regime loads on each decision: its whole history


def regime_defines(strategy: ir.Strategy) -> list[tuple[str, str, str]]:
    if not strategy.regimes:
        return []
    states = max(max(setting_values(r.states, strategy)) for r in strategy.regimes)
    observations = max(len(r.observations) for r in strategy.regimes)
    return [("RBL_REGIMES", str(len(strategy.regimes)), "learned regimes, in declared order"),
            ("RBL_HMM_K", str(int(states)), "the most states of a regime"),
            ("RBL_HMM_D", str(observations), "the most observations of a regime")]


def regimes_hook(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """Each decision: the observations of the bars not seen yet, then the regime at the decision bar."""
    body = [Stmt("const int t = RblRegimeBar();")]
    for r, regime in enumerate(strategy.regimes):
        line = low.spans.line(regime)
        settings = ", ".join([str(r)] + [low.window(a) for a in (regime.states, regime.window, regime.refit)] +
                             [str(regime_observed_from(regime, strategy)), str(len(regime.observations)),
                              "true" if regime.fit == "expanding" else "false",
                              "true" if regime.full else "false"])
        body += [Stmt(f"RblRegimeSettings({settings});", rbl_line=line),
                 Stmt(f"for(int b = RblRegimeSeen({r}, t); b <= t; b++)", rbl_line=line), Stmt("{")]
        body += [Stmt(f"g_rx[{r}][b][{d}] = {low.series(x, Ctx()).call(s='g_have - 1 - b', h='h')};", 1,
                      low.spans.line(x)) for d, x in enumerate(regime.observations)]
        body += [Stmt("}"), Stmt(f"RblRegimeAt({r}, t);", rbl_line=line)]
    return Function("void", "RblRegimes", (), tuple(body))


def state_index(strategy: ir.Strategy, node: ir.RegimeIs | ir.RegimeProbability) -> tuple[int, str]:
    """(the regime's index, the state's index as MQL5 text; `turbulent` is the last of g_rk states)."""
    r = next(i for i, x in enumerate(strategy.regimes) if x.name == node.regime)
    if node.state == "turbulent":
        return r, f"g_rk[{r}] - 1"
    return r, "1" if node.state == "normal" else str(ir.regime_state_index(node.state, ir.MAX_REGIME_STATES))
