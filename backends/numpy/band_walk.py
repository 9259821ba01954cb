"""The band walk: `when drift > band` with one band per variant, constant targets, every asset traded
to target and costs in bps only. A trade lands on the targets whatever it costs (V' is spent in the
target proportions), so the drift path after it depends only on its bar: each variant's trade days
are found first, variants starting from the same bar sharing one scan, then every variant's trades
are solved at once and recorded as the calendar walk does.

Not bit for bit the fast walk; the calendar walk's tolerance (1e-12 on every NAV, the same trade days
and events). It declines where a drift comes within 1e-12 of its band (the engine's rounding could
compare it the other way), where an order is dropped under the size floor (the holdings would then
miss the targets) and, after writing, if any recorded `when` disagrees with the trade days found."""

from __future__ import annotations

import heapq

import numpy as np

from backends.numpy.calendar_walk import CalendarWalk
from backends.numpy.evaluate import EngineError
from backends.numpy.fastwalk_record import Deferred
from dsl import ir

_TIE = 1e-12


def applies(walk) -> bool:
    """True for a scalar band per variant on constant targets shared by all variants, trading all
    assets to target with costs in bps only."""
    e, s = walk.e, walk.e.s
    if walk.when_static or walk.scalar_band is None or walk.target.shape[0] != 1:
        return False
    costs = e.costs
    if s.rebalance.scope is not ir.TradeScope.ALL or s.rebalance.to is not ir.RebalanceTo.TARGET or \
            costs.fee != 0.0 or costs.min_trade != 0.0 or costs.has_lots:
        return False
    target = walk.target[0, e.t0:]
    return target.strides[0] == 0 or bool((target == target[:1]).all())


class BandWalk:
    """Trade days of every variant by shared scans, then the calendar walk's solve and records."""

    def __init__(self, walk) -> None:
        self.walk, self.e, self.sim = walk, walk.e, walk.sim
        self.op, band = walk.scalar_band
        self.band = np.broadcast_to(band[:, 0, 0], (self.e.K,))
        target = walk.target[0, self.e.t0]
        self.omega = target[:walk.N]
        self.cash_value = 1.0 - float(np.add.reduce(self.omega))       # the cash share after a trade
        self.cash_target = float(target[walk.N]) if walk.H > walk.N else None

    def run(self) -> bool:
        """Fill the simulation; False (nothing left written) when a premise fails on this data."""
        decisions = self._decisions()
        if decisions is None:
            return False
        calendar = CalendarWalk(self.walk)
        plans = [calendar.plan(d) for d in decisions]
        if any(p is None or not p.landed for p in plans):
            return False
        record = self.e.record
        held = [calendar.write(k, plan, drift=record) for k, plan in enumerate(plans)]
        self.sim.trades.sort(key=lambda t: (t.bar, t.variant))
        if not record:                              # a sweep: drift and when only for a trace
            self._defer(calendar, held, decisions)
            return True
        if not self._consistent(decisions):
            self._erase()
            return False
        return True

    def _decisions(self) -> list[np.ndarray] | None:
        """Each variant's decision bars (t0 first), by one scan per distinct start bar; None on a tie."""
        e, T, t0 = self.e, self.walk.T, self.e.t0
        fires = [[t0] for _ in range(e.K)]
        starts, heap, previous = {t0: np.arange(e.K)}, [t0], {}     # previous: the start before, for block sizes
        while heap:
            t = heapq.heappop(heap)
            members = starts.pop(t)
            if self.walk.next_open and t >= T - 1:
                continue                                    # no trade after the last bar
            found = self._scan(t, members, max(32, 2 * (t - previous.get(t, t0))))
            if found is None:
                return None
            for bar, who in found:
                for k in who.tolist():
                    fires[k].append(bar)
                if bar in starts:
                    starts[bar] = np.concatenate([starts[bar], who])
                else:
                    starts[bar], previous[bar] = who, t
                    heapq.heappush(heap, bar)
        return [np.array(f) for f in fires]

    def _scan(self, t: int, members: np.ndarray, size: int):
        """(fire bar, variants) for the variants whose holdings were set on bar t, block by block."""
        if len(members) == 1:
            return self._scan_one(t, int(members[0]), size)
        e, T = self.e, self.walk.T
        scale = self.omega / e.close[t]                     # value per unit of price, per unit of V'
        a, found = t + 1, []
        band = self.band[members][:, None]
        while len(members) and a < T:
            b = min(T, a + size)
            drift = self._drift(scale, a, b)
            if not np.abs(drift - band).min() >= _TIE:     # a tie, or NaN
                return None
            fire = self.op(drift, band) & self.walk.check[members, a:b]
            hit = fire.any(axis=1)
            first = fire.argmax(axis=1) + a
            for bar in np.unique(first[hit]).tolist():
                found.append((bar, members[hit & (first == bar)]))
            members, band = members[~hit], band[~hit]
            a, size = b, min(2 * size, 2048)
        return found

    def _scan_one(self, t: int, k: int, size: int):
        """`_scan` of one variant: its scalar band, ties looked for up to its fire bar only."""
        e, T = self.e, self.walk.T
        scale = self.omega / e.close[t]
        band, check = float(self.band[k]), self.walk.check[k]
        a = t + 1
        while a < T:
            b = min(T, a + size)
            drift = self._drift(scale, a, b)
            fire = self.op(drift, band)
            fire &= check[a:b]
            f = int(fire.argmax())
            end = f + 1 if fire[f] else b - a
            if not np.abs(drift[:end] - band).min() >= _TIE:
                return None
            if fire[f]:
                return [(a + f, np.array([k]))]
            a, size = b, min(2 * size, 2048)
        return []

    def _drift(self, scale: np.ndarray, a: int, b: int) -> np.ndarray:
        """Largest drift on bars a..b-1 of holdings that were exactly on target (V' = 1)."""
        values = self.e.close[a:b] * scale
        nav = np.add.reduce(values, axis=1) + self.cash_value
        values /= nav[:, None]
        values -= self.omega
        drift = np.abs(values, out=values).max(axis=1)
        if self.cash_target is not None:
            drift = np.maximum(drift, np.abs(self.cash_value / nav - self.cash_target))
        return drift

    def _consistent(self, decisions: list[np.ndarray]) -> bool:
        """`when` from the recorded drift, and the decisions it implies equal the ones found."""
        sim, t0 = self.sim, self.e.t0
        sim.when[:, t0:] = self.op(sim.max_drift[:, t0:], self.band[:, None])
        if self.e.record:
            sim.band[:, t0:] = self.band[:, None]
        fire = sim.check[:, t0:] & sim.when[:, t0:]
        fire[:, 0] = True
        return all(np.array_equal(np.flatnonzero(row) + t0, d) for row, d in zip(fire, decisions))

    def _defer(self, calendar: CalendarWalk, held: list, decisions: list[np.ndarray]) -> None:
        """A sweep's drift and `when` (K x T x N), computed and checked when a trace first reads them."""
        sim, t0, facts = self.sim, self.e.t0, {}

        def compute() -> dict:
            if not facts:
                sim.max_drift, sim.when = np.zeros(sim.nav.shape), np.zeros(sim.nav.shape, bool)
                sim.max_drift[:, t0:] = np.stack([calendar.drift(*h) for h in held])
                if not self._consistent(decisions):
                    raise EngineError("internal error: the band walk's trade days disagree with its drift")
                facts.update(drift=sim.max_drift, when=sim.when)
            return facts
        sim.max_drift, sim.when = Deferred(lambda: compute()["drift"]), Deferred(lambda: compute()["when"])

    def _erase(self) -> None:
        """Undo what the fast walk does not overwrite: events and trades."""
        self.sim.event[:, self.e.t0:] = 0
        self.sim.trades.clear()
