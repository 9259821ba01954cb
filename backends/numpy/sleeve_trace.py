"""The result of a strategy with sleeves: trace records carry `sleeves=name:CW,...` and a why text that
says which sleeves traded and how many times each has rebalanced so far."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

import numpy as np

from rbl.backends.numpy.simulation import EVENTS
from rbl.backends.numpy.results import Result, Run
from rbl.backends.trace import TraceRecord
from rbl.dsl import ir


def result_for(run: Run, variant: int = 0, params: dict[str, float] | None = None) -> Result:
    """A `SleeveResult` for a strategy with sleeves, else a plain `Result`."""
    sleeved = isinstance(run.strategy.target, ir.SleeveWeights)
    return (SleeveResult if sleeved else Result)(run, variant, params)


class SleeveResult(Result):
    """A `Result` whose trace says, per sleeve, its own check and when and its rebalances."""

    @cached_property
    def sleeve_names(self) -> list[str]:
        return [sl.name for sl in self.strategy.target.sleeves]

    @cached_property
    def sleeve_rebalanced(self) -> np.ndarray:
        """(T, S) bool: the bars where a sleeve traded to its own targets (its check and when held)."""
        sim, k = self.run.sim, self.k
        traded = sim.event[k] == EVENTS.index("REBALANCE")
        return traded[:, None] & sim.sleeve_flags[k].all(axis=-1)

    @cached_property
    def sleeve_rebalances(self) -> dict[str, int]:
        """How many times each sleeve traded to its own targets after the first decision bar."""
        return dict(zip(self.sleeve_names, map(int, self.sleeve_rebalanced.sum(axis=0))))

    def sleeves_field(self, t: int) -> str:
        flags = self.run.sim.sleeve_flags[self.k, t]
        return ",".join(f"{name}:{int(c)}{int(w)}" for name, (c, w) in zip(self.sleeve_names, flags))

    def _record(self, t: int, trade) -> TraceRecord:
        """A bar that waits for a signal evaluates no sleeve: its record has no `sleeves=` field (a KILL
        on such a bar neither; after a kill, bars are DONE and have it), as the EA's."""
        sim = self.run.sim
        if t in sim.waiting and EVENTS[sim.event[self.k, t]] in ("WAIT", "KILL"):
            return super()._record(t, trade)
        return replace(super()._record(t, trade), sleeves=self.sleeves_field(t))

    def _why(self, t: int, event: str) -> str:
        if event == "TRANCHE":
            return "a slice of a sleeve's earlier decision (trade over N bars)"
        base = super()._why(t, event)
        if event not in ("REBALANCE", "HOLD"):
            return base
        sim, k = self.run.sim, self.k
        parent = "parent: " + base
        if event == "REBALANCE" and sim.check[k, t] and sim.when[k, t]:
            parent += ", every sleeve back to its share"
        counts = self.sleeve_rebalanced[:t + 1].sum(axis=0)
        moved = [f"{name} rebalanced (#{n})" for name, n, hit in
                 zip(self.sleeve_names, counts, self.sleeve_rebalanced[t]) if hit]
        return "; ".join([parent, *moved]) if moved else parent + "; no sleeve fires"
