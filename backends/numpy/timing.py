"""Rebalance timing luck (Hoffstein et al.): a calendar strategy run with its rebalance day shifted by
0..N-1 bars, every variant at every offset; the spread of outcomes says how much of a ranking is the
luck of the day (docs/backtest.md, "Timing luck")."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rbl.backends.numpy import api
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.evaluate import EngineError
from rbl.backends.numpy.panel import Panel
from rbl.dsl import ir
from rbl.dsl.ir.walk import walk

MAX_OFFSETS = 63            # about a quarter of trading days


def calendar_rules(s: ir.Strategy) -> list[ir.CalendarRule]:
    """The calendar rules of the rebalance rule that pick fewer bars than every bar."""
    nodes = [n for part in (s.rebalance.check, s.rebalance.when) if part is not None for n in walk(part)]
    return [n for n in nodes if isinstance(n, ir.CalendarRule) and n.rule != "daily"]


def shifted(panel: Panel, k: int) -> Panel:
    """Bar t + k's prices under bar t's date: a calendar rule that picks bar t now trades k bars later
    (on the real calendar). The first k bars' prices are dropped; offset 0 is the panel itself."""
    if k == 0:
        return panel
    return Panel(panel.dates[:len(panel.dates) - k], panel.close[k:], panel.columns, panel.sources)


def real_dates(run, panel: Panel, k: int, P: float):
    """The run with the bars' own dates and the whole data's periods per year (for the metrics)."""
    return replace(run, dates=panel.dates[k:], periods_per_year=P) if k else run


@dataclass(frozen=True)
class TimingLuck:
    """`metrics[name]` (offsets, K): every variant's metric at every offset; `best` (offsets,): the
    variant the sort metric picks at each offset."""

    offsets: int
    metrics: dict[str, np.ndarray]
    best: np.ndarray
    metric: str
    grid: dict[str, np.ndarray]
    manifest: dict


def timing_luck(checked, panel: Panel, gaps: str, grid: dict[str, np.ndarray], offsets: int, metric: str,
                budget: int, progress=None) -> TimingLuck:
    from rbl.backends.numpy.walkforward import _best
    s = checked.strategy
    if not calendar_rules(s):
        raise EngineError("--offsets shifts the rebalance day of a calendar rule (monthly, weekly on "
                          "monday, ...); this strategy's rebalance rule has none")
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    rows, best, manifest = [], [], None
    for k in range(offsets):
        first, scores, _, _ = api.run_grid(checked, shifted(panel, k), gaps, grid, budget, 0,
                                           adjust=lambda run, k=k: real_dates(run, panel, k, P))
        columns = scores.columns()
        rows.append(columns)
        best.append(_best(columns[metric], metric))
        manifest = manifest or first.manifest
        if progress is not None:
            progress("offsets", k + 1, offsets)
    metrics = {name: np.stack([r[name] for r in rows]) for name in rows[0]}
    return TimingLuck(offsets, metrics, np.array(best), metric, grid, manifest)
