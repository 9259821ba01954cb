"""Facts about IR expressions that every backend needs: per-asset or scalar, the band of a rule."""

from __future__ import annotations

from dsl import ir
from dsl.ir.walk import walk


def is_per_asset(expr: ir.Node, lets: dict[str, ir.Expr]) -> bool:
    """True when `expr` takes a value per holding (it mentions drift, weight, target or price,
    directly or through a `let`)."""
    for node in walk(expr):
        if isinstance(node, ir.SeriesRef) and node.series in ir.PER_ASSET_SERIES:
            return True
        if isinstance(node, ir.Ref) and node.name in lets and is_per_asset(lets[node.name], lets):
            return True
    return False


def band_of(rebalance: ir.Rebalance) -> ir.Expr | None:
    """The band B of a `when drift > B` (or `>=`) rule, which `to band edge` trades back to."""
    when = rebalance.when
    if (isinstance(when, ir.Compare) and when.op in (ir.CompareOp.GT, ir.CompareOp.GE)
            and isinstance(when.left, ir.SeriesRef) and when.left.series is ir.Series.DRIFT):
        return when.right
    return None


def lets_of(strategy: ir.Strategy) -> dict[str, ir.Expr]:
    return {let.name: let.value for let in strategy.lets}
