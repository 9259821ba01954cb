"""Learned regimes in the backtest: a regime's filtered state probabilities on every bar, from models
fitted only at its refit bars (docs/semantics.md, *Learned regimes*).

The regime at bar t is the forward (filtered) probability P(state at t | observations of the fit
window's first bar .. t) under the model fitted at the last refit bar at or before t, on the
observations of bars up to that refit bar: nothing after t enters, so a run on data cut at t gives the
same values up to t. Bars before the first fit have no regime (NaN; inside the warm-up).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rbl.backends.numpy import hmm
from rbl.dsl import ir
from rbl.dsl.check.warmup import regime_observed_from


@dataclass(frozen=True)
class Schedule:
    """When a regime is fitted: observations known from bar `first`; the first fit at `first + window
    - 1`, then every `refit` bars; each fit on the window's bars (all since `first` when expanding)."""

    first: int
    window: int
    refit: int
    expanding: bool

    def refit_bars(self, T: int) -> range:
        return range(self.first + self.window - 1, T, self.refit)

    def fit_start(self, r: int) -> int:
        return self.first if self.expanding else r - self.window + 1


def filtered(x: np.ndarray, states: int, schedule: Schedule, full: bool = False) -> np.ndarray:
    """(T, states) filtered probabilities, NaN before the first fit: one fit per refit bar (full or
    diagonal covariance), then the forward filter from that fit's first bar to the bar before the next
    refit."""
    T = len(x)
    out = np.full((T, states), np.nan)
    bars = list(schedule.refit_bars(T))
    for r, following in zip(bars, bars[1:] + [T]):
        lo = schedule.fit_start(r)
        fit = hmm.fit(x[lo:r + 1], states, full=full)
        alpha, _ = hmm.forward(x[lo:following], fit.params)
        out[r:following] = alpha[r - lo:]
    return out


def fits(x: np.ndarray, states: int, schedule: Schedule, full: bool = False) -> list[hmm.Fit]:
    """The model of every refit bar (for tests and reports), in bar order."""
    return [hmm.fit(x[schedule.fit_start(r):r + 1], states, full=full) for r in schedule.refit_bars(len(x))]


def labels(probabilities: np.ndarray) -> np.ndarray:
    """(T,) the most probable state per bar (ties to the lower state), -1 where there is no model."""
    known = ~np.isnan(probabilities[:, 0])
    return np.where(known, np.argmax(np.where(known[:, None], probabilities, 0.0), axis=1), -1)


def variants(regime: ir.Regime, ev) -> list[np.ndarray]:
    """Every variant's (T, states) probabilities; variants with the same observations and settings
    share one computation (kept in `ev.memo`)."""
    key = ("regime", regime.name)
    if key not in ev.memo:
        ev.memo[key] = _variants(regime, ev)
    return ev.memo[key]


def _variants(regime: ir.Regime, ev) -> list[np.ndarray]:
    T = len(ev.ctx.dates)
    obs = [np.broadcast_to(ev.value(x), (np.shape(ev.value(x))[0], T, 1)) for x in regime.observations]
    settings = [ev.window(a) for a in (regime.states, regime.window, regime.refit)]
    first = regime_observed_from(regime, ev.ctx.strategy)
    K = max([len(o) for o in obs] + [len(s) for s in settings])
    done: dict[tuple, np.ndarray] = {}
    out = []
    for k in range(K):
        rows = tuple(min(k, len(o) - 1) for o in obs)
        states, window, refit = (int(s[min(k, len(s) - 1)]) for s in settings)
        key = (rows, states, window, refit)
        if key not in done:
            x = np.column_stack([o[row, :, 0] for o, row in zip(obs, rows)]).astype(np.float64)
            done[key] = filtered(x, states, Schedule(first, window, refit, regime.fit == "expanding"), regime.full)
        out.append(done[key])
    return out

