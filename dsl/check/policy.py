"""Rebalance policy and `basket`: each needs what it refers to (E0208, E0407, E0408); how many tranches a
decision may take (E0409; E0411 in a sleeved strategy's own rebalance, not in a sleeve's)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import band_of, is_per_asset, lets_of


def check_policy(ctx: CheckContext) -> list[Diagnostic]:
    s, found = ctx.strategy, []
    if not _fixed_constant(s):
        found += [Diagnostic("E0208", "'basket' needs fixed target weights", node.span,
                             help="'basket' holds the target weights every bar, so they must never change: "
                                  "write them as 'SPY 60%' lines without 'if' or 'while'")
                  for node in ctx.nodes_of(ir.SeriesRef) if node.series is ir.Series.BASKET]
    for r in _rules(s):
        if r.to is ir.RebalanceTo.BAND_EDGE and band_of(r) is None:
            found.append(Diagnostic("E0407", "'to band edge' needs a band", r.to_span or r.span,
                                    help="write the trigger as 'when drift > BAND', e.g. 'when drift > 5pp'"))
        if r.scope is ir.TradeScope.BREACHED and not is_per_asset(r.when, lets_of(s)):
            found.append(Diagnostic("E0408", "'trade breached assets' needs a per-asset 'when'",
                                    r.scope_span or r.span,
                                    help="a scalar 'when' breaches every asset; use drift, weight or price, "
                                         "e.g. 'when drift > 5pp'"))
    return found + _tranches(s)


def _rules(s: ir.Strategy) -> list[ir.Rebalance]:
    """The strategy's rebalance rule, then each sleeve's."""
    return [s.rebalance] + ([sl.rebalance for sl in s.target.sleeves] if isinstance(s.target, ir.SleeveWeights)
                            else [])


MAX_TRANCHES = 250          # bars: a year of daily slices


def _tranches(s: ir.Strategy) -> list[Diagnostic]:
    rules = _rules(s)
    found = [Diagnostic("E0409", f"'trade over {r.tranches} bars' must be 1 to {MAX_TRANCHES} bars",
                        r.tranches_span or r.span, help="write the number of bars to spread a decision's "
                                                        "orders over, e.g. 'trade over 5 bars'")
             for r in rules if not 1 <= r.tranches <= MAX_TRANCHES]
    if isinstance(s.target, ir.SleeveWeights) and s.rebalance.tranches != 1:
        r = s.rebalance
        found.append(Diagnostic("E0411", "'trade over' is not available in the rebalance that moves money "
                                "between sleeves", r.tranches_span or r.span,
                                help="the strategy's moves between sleeves trade at once; write 'trade over' "
                                     "in a sleeve's own 'rebalance:' to split that sleeve's rebalances"))
    return found


def _fixed_constant(s: ir.Strategy) -> bool:
    """True when the scheme's weights never change: fixed entries of literals or parameters."""
    if not isinstance(s.target, ir.FixedWeights):
        return False
    return all(e.hold is None and isinstance(e.weight, (ir.Quantity, ir.Ref)) for e in s.target.entries)
