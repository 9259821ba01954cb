"""Per-asset bands in words: each asset's band, the range it keeps around a fixed target, and who has none."""

from __future__ import annotations

from decimal import Decimal

from rbl.dsl import ir
from rbl.dsl.english.phrases import plain_number
from rbl.dsl.ir.walk import walk


def uses_own_band(node: ir.Node) -> bool:
    """Whether a rule reads `its band` (so the paragraph should say what each band is)."""
    return any(isinstance(n, ir.SeriesRef) and n.series is ir.Series.BAND for n in walk(node))


def fixed_targets(strategy: ir.Strategy) -> dict[str, Decimal]:
    """Each asset's target weight in percent, when the target is a plain table of numbers."""
    w = strategy.target
    if not isinstance(w, ir.FixedWeights):
        return {}
    return {e.asset: Decimal(plain_number(e.weight.value, 2)) for e in w.entries
            if isinstance(e.weight, ir.Quantity) and e.weight.unit is ir.Unit.PERCENT and e.hold is None}


def band_range(band: ir.Expr, target: Decimal | None) -> str:
    """' (55% to 65% around its 60% target)' for a fixed band on a fixed target, else ''."""
    if target is None or not isinstance(band, ir.Quantity):
        return ""
    if band.unit is ir.Unit.PP:
        half = Decimal(plain_number(band.value, 2))
    elif band.unit is ir.Unit.OF_TARGET:
        half = target * Decimal(plain_number(band.value, 2)) / 100
    else:
        return ""
    low, high = max(target - half, Decimal(0)), target + half
    return f" ({_pct(low)} to {_pct(high)} around its {_pct(target)} target)"


def unbanded(strategy: ir.Strategy) -> list[str]:
    """Assets with no row in `bands:`: their drift alone never triggers a rebalance."""
    banded = {b.asset for b in strategy.bands}
    return [a.name for a in strategy.assets if a.name not in banded] if strategy.bands else []


def _pct(value: Decimal) -> str:
    return f"{plain_number(float(value))}%"
