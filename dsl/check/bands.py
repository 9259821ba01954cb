"""The `bands:` section: one row per asset, each a band like `when drift > B` would take, and
`its band` only where such a section exists."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext, repeats
from rbl.dsl.check.infer import Inferrer
from rbl.dsl.check.ranges import band_diagnostics
from rbl.dsl.diagnostics import Diagnostic


def check_bands(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    found = _duplicate_rows(s.bands) + _missing_section(ctx)
    params = {p.name: p for p in s.params}
    infer = Inferrer(ctx)
    for entry in s.bands:
        as_rule = _as_drift_rule(entry)
        infer.condition(as_rule, "a band")
        found += list(band_diagnostics(as_rule, params))
    return found + infer.diagnostics


def _as_drift_rule(entry: ir.BandEntry) -> ir.Compare:
    """A row `SPY 3pp` means what `drift > 3pp` means for SPY, so it is checked as that rule."""
    drift = ir.SeriesRef(series=ir.Series.DRIFT, span=entry.span)
    return ir.Compare(op=ir.CompareOp.GT, left=drift, right=entry.band, span=entry.span)


def _duplicate_rows(entries: tuple[ir.BandEntry, ...]) -> list[Diagnostic]:
    return [Diagnostic("E0201", f"'{asset}' has two rows in 'bands:'", entry.span, help="keep one band per asset")
            for asset, entry, _ in repeats((e.asset, e) for e in entries)]


def _missing_section(ctx: CheckContext) -> list[Diagnostic]:
    if ctx.strategy.bands:
        return []
    uses = [n for n in ctx.nodes_of(ir.SeriesRef) if n.series is ir.Series.BAND]
    return [Diagnostic("E0205", "'its band' needs a 'bands:' section", node.span,
                       help="add a 'bands:' section with one indented line per asset, e.g. 'SPY 3pp'") for node in uses[:1]]
