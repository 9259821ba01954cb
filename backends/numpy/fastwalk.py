"""The fast walk for the common case (static targets, check and bands, no states, no kill switch, a
`when` that reads at most weights and drift): variants with identical holdings share one scan, a
variant that fires splits off without cutting the others' blocks, and everything recorded that does
not drive a decision is computed once over all bars at the end."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backends.numpy import compiled_walk
from backends.numpy.fastwalk_record import Recorder
from backends.numpy.engine import EVENTS, Trade
from backends.numpy.orders import rebalance, rebalance_row
from dsl import ir
from dsl.ir.walk import walk

_ALLOWED_SERIES = {ir.Series.DRIFT, ir.Series.WEIGHT, ir.Series.TARGET, ir.Series.PRICE, ir.Series.BASKET,
                   ir.Series.BAND}
_INITIAL, _REBALANCE = EVENTS.index("INITIAL"), EVENTS.index("REBALANCE")


def applies(engine) -> bool:
    """True when the strategy's only path dependence is weights/drift inside `when`."""
    s, ev = engine.s, engine.ev
    if s.states or s.constraints.max_drawdown is not None or ev.targets_dynamic:
        return False
    if ev.is_dynamic(s.rebalance.check):
        return False
    if engine.band_expr is not None and ev.is_dynamic(engine.band_expr):
        return False
    bands = [row.band for row in getattr(s, "bands", ())]
    return all(_reads_only_weights(x, ev.ctx.lets) for x in [s.rebalance.when, *bands])


def _reads_only_weights(expr: ir.Node, lets: dict, seen: frozenset = frozenset()) -> bool:
    for node in walk(expr):
        if isinstance(node, ir.SeriesRef) and node.series not in _ALLOWED_SERIES:
            return False
        if isinstance(node, ir.Ref) and node.name in lets and node.name not in seen:
            if not _reads_only_weights(lets[node.name], lets, seen | {node.name}):
                return False
    return True


@dataclass
class Group:
    """Variants that hold exactly the same quantities and cash from bar `start` on."""

    members: np.ndarray      # (G,) variant indices
    start: int
    q: np.ndarray            # (N,)
    cash: float
    size: int = 32           # bars of the next block: the general engine's rule, so its products match


@dataclass
class Segment:
    """Bars start..start+n-1 of `members`, walked with holdings q and cash (pre-trade NAV `nav`)."""

    members: np.ndarray
    start: int
    q: np.ndarray
    cash: float
    nav: np.ndarray


class FastWalk:
    """Walks each group of identical variants until one of its members fires, then splits it."""

    def __init__(self, engine, sim) -> None:
        self.e, self.sim = engine, sim
        ev, s = engine.ev, engine.s
        T = len(engine.ctx.dates)
        self.T, self.N, self.H = T, engine.close.shape[1], len(engine.ctx.holdings)
        self.target = ev.static_targets                                  # (1 or K, T, H)
        self.check = np.broadcast_to(ev.value(s.rebalance.check).astype(bool)[..., 0], (engine.K, T))
        self.when_static = not ev.is_dynamic(s.rebalance.when)
        if self.when_static:
            when = ev.value(s.rebalance.when).astype(bool)                  # (1 or K, T, 1 or H)
            self.when_h = np.broadcast_to(when, (engine.K, T, self.H))
            self.when = np.broadcast_to(when.any(axis=-1), (engine.K, T))   # before broadcasting: H times less
            self.fire = self.check & self.when
        else:
            self.when = np.zeros((engine.K, T), bool)
        self.scalar_band = _scalar_band(s.rebalance.when, ev)
        self.next_open = s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        self.segments: list[Segment] = []
        self.closes: list[tuple[np.ndarray, int, np.ndarray]] = []     # trade at close: post-trade NAVs

    def run(self) -> None:
        e = self.e
        if compiled_walk.applies(self) and compiled_walk.CompiledWalk(self).run():
            return
        stack = [Group(np.arange(e.K), e.t0, np.zeros(self.N), e.s.capital.value)]
        report = getattr(e, "report", None)         # set by the API when a progress bar is drawn
        while stack:
            group = stack.pop()
            stack.extend(self._advance(group))
            if report is not None:
                report("simulating", min((g.start for g in stack), default=self.T) - e.t0, self.T - e.t0)
        self.sim.trades.sort(key=lambda t: (t.bar, t.variant))
        Recorder(self).write()

    # ---- scanning ---------------------------------------------------------------------------
    def _advance(self, g: Group) -> list[Group]:
        """Walk g block by block until a member fires; return the groups that continue."""
        if len(g.members) == 1:
            return self._advance_one(g)
        while g.start < self.T:
            a = g.start
            b = min(self.T, a + g.size)
            C = self.e.close[a:b]
            nav = (g.cash + g.q[None] @ C.T)[0]     # (B,): the general engine's product, bit for bit
            fire, w = self._fire(g, a, b, C, nav)
            if a == self.e.t0:
                fire[:, 0] = True
            hit = fire.any(axis=1)
            first = np.where(hit, fire.argmax(axis=1), b - a)
            self._segments(g, a, nav, first)
            if not hit.any():
                g.start, g.size = b, min(2 * g.size, 2048)
                continue
            return self._split(g, a, first, hit, w)
        return []

    def _advance_one(self, g: Group) -> list[Group]:
        """`_advance` of a one-variant group: the same blocks and products, on its row alone."""
        k = int(g.members[0])
        while g.start < self.T:
            a = g.start
            b = min(self.T, a + g.size)
            C = self.e.close[a:b]
            nav = (g.cash + g.q[None] @ C.T)[0]
            if self.when_static:
                fire, w = self.fire[k, a:b], None
            else:
                fire, w = self._fire_one(g, k, a, b, C, nav)
            f = 0 if a == self.e.t0 else int(fire.argmax())
            if a != self.e.t0 and not fire[f]:
                self.segments.append(Segment(g.members, a, g.q, g.cash, nav))
                g.start, g.size = b, min(2 * g.size, 2048)
                continue
            self.segments.append(Segment(g.members, a, g.q, g.cash, nav[:f + 1]))
            return self._act(g, g.members, a, f, w)
        return []

    def _fire(self, g: Group, a: int, b: int, C: np.ndarray, nav: np.ndarray):
        members = g.members
        if self.when_static:
            return self.fire[members, a:b], None
        w = g.q * C / nav[:, None]
        if self.e.s.cash:
            w = np.concatenate([w, (g.cash / nav)[:, None]], axis=-1)
        w = w[None]                                                       # (1, B, H)
        when = self._when(g, a, b, w)
        self.when[members, a:b] = when
        return self.check[members, a:b] & when, w

    def _fire_one(self, g: Group, k: int, a: int, b: int, C: np.ndarray, nav: np.ndarray):
        """`_fire` of variant k alone: with a scalar band, its drift against its band in place."""
        if self.scalar_band is None:
            fire, w = self._fire(g, a, b, C, nav)
            return fire[0], w
        w = g.q * C
        w /= nav[:, None]
        if self.e.s.cash:
            w = np.concatenate([w, (g.cash / nav)[:, None]], axis=-1)
        drift = np.subtract(w, self.target[0 if self.target.shape[0] == 1 else k, a:b])
        top = np.abs(drift, out=drift).max(axis=-1)
        if np.isnan(top).any():
            fire, w = self._fire(g, a, b, C, nav)
            return fire[0], w
        op, band = self.scalar_band
        when = op(top, band[0 if band.shape[0] == 1 else k, 0, 0])
        self.when[k, a:b] = when
        return self.check[k, a:b] & when, w[None]

    def _when(self, g: Group, a: int, b: int, w: np.ndarray) -> np.ndarray:
        members = g.members
        if self.scalar_band is not None:
            top = np.abs(w - _rows(self.target, members)[:, a:b]).max(axis=-1)   # (1 or G, B)
            if not np.isnan(top).any():
                op, band = self.scalar_band
                return np.broadcast_to(op(top, _rows(band, members)[:, :, 0]), (len(members), b - a))
        when_h = self._when_h(a, b, w)
        return when_h[members].any(axis=-1)

    def _when_h(self, a: int, b: int, w: np.ndarray) -> np.ndarray:
        ev = self.e.ev
        ev.env = {"rows": slice(a, b), "weight": w, "states": {}}
        try:
            value = ev.value(self.e.s.rebalance.when).astype(bool)
        finally:
            ev.env = None
        return np.broadcast_to(value, (self.e.K, b - a, self.H))

    def _segments(self, g: Group, a: int, nav: np.ndarray, first: np.ndarray) -> None:
        """Each member owns bars a..a+first (its fire bar included); later bars belong to its next state."""
        ends = np.minimum(first + 1, len(nav))
        if (ends == ends[0]).all():
            self.segments.append(Segment(g.members, a, g.q, g.cash, nav[:ends[0]]))
            return
        for n in sorted(set(ends.tolist())):
            self.segments.append(Segment(g.members[ends == n], a, g.q, g.cash, nav[:n]))

    # ---- acting --------------------------------------------------------------------------------
    def _split(self, g: Group, a: int, first: np.ndarray, hit: np.ndarray, w) -> list[Group]:
        out = []
        waiting = ~hit
        if waiting.any():
            B = min(self.T, a + g.size) - a
            out.append(Group(g.members[waiting], a + B, g.q, g.cash, min(2 * g.size, 2048)))
        for f in sorted(set(first[hit].tolist())):
            out.extend(self._act(g, g.members[hit & (first == f)], a, f, w))
        return out

    def _act(self, g: Group, rows: np.ndarray, a: int, f: int, w) -> list[Group]:
        e, sim, t = self.e, self.sim, a + f
        code = _INITIAL if t == e.t0 else _REBALANCE
        sim.event[rows, t] = code
        B = min(self.T, a + g.size) - a
        size = min(2 * g.size, 2048) if f == B - 1 else max(32, 2 * (f + 1))
        if self.next_open and t + 1 >= self.T:
            return []                                       # no next open after the last bar
        prices = e.close[t]
        omega, traded = self._destination(g, rows, t, w[0, f] if w is not None else None)
        if len(rows) == 1:
            return self._act_one(g, rows, t, prices, omega, traded, size, EVENTS[code])
        if traded is None:
            traded = np.ones(omega.shape, bool)
        # members with the same destination trade once: a sweep's variant is bit for bit its single run
        first, inverse = _distinct_rows(np.concatenate([omega, traded], axis=1))
        omega, traded = omega[first], traded[first]
        q, cash = np.repeat(g.q[None], len(first), axis=0), np.full(len(first), g.cash)
        dq, cost, value_before = rebalance(q, cash, prices, omega, traded, e.costs)
        cash -= dq @ prices + cost
        q += dq
        exec_bar = t + 1 if self.next_open else t
        if exec_bar == t:                       # trade at close: the bar's NAV is after the trade
            self.closes.append((rows, t, (cash + q @ prices)[inverse]))
        for i, k in enumerate(rows):
            j = inverse[i]
            sim.trades.append(Trade(int(k), t, exec_bar, EVENTS[code], dq[j], prices, float(cost[j]),
                                    float(value_before[j])))
        if len(first) == 1:
            return [Group(rows, t + 1, q[0], float(cash[0]), size)]
        return [Group(rows[inverse == j], t + 1, q[j].copy(), float(cash[j]), size) for j in range(len(first))]

    def _act_one(self, g: Group, rows, t: int, prices, omega, traded, size: int, event: str) -> list[Group]:
        """One variant's trade: `_act` with the row arithmetic of `rebalance_row` (the same bits)."""
        q, cash = g.q[None].copy(), np.array([g.cash])
        dq, cost, value_before = rebalance_row(q, g.cash, prices, omega, traded, self.e.costs)
        cash -= dq @ prices + cost
        q += dq
        exec_bar = t + 1 if self.next_open else t
        if exec_bar == t:                       # trade at close: the bar's NAV is after the trade
            self.closes.append((rows, t, cash + q @ prices))
        self.sim.trades.append(Trade(int(rows[0]), t, exec_bar, event, dq[0], prices, float(cost[0]),
                                     float(value_before[0])))
        return [Group(rows, t + 1, q[0], float(cash[0]), size)]

    def _destination(self, g: Group, rows: np.ndarray, t: int, w):
        """Destination weights and traded assets of `rows` (w: the group's weights on bar t, (H,))."""
        e, N = self.e, self.N
        target = _rows(self.target, rows)[:, t, :N]
        if len(target) != len(rows):
            target = np.broadcast_to(target, (len(rows), N))
        traded = None                           # every asset
        if t == e.t0:
            return target, traded
        if e.s.rebalance.scope is ir.TradeScope.BREACHED:
            when_h = self.when_h if self.when_static else self._when_h(t, t + 1, w[None, None])
            traded = when_h[rows, t if self.when_static else 0, :N].copy()
        if e.s.rebalance.to is ir.RebalanceTo.BAND_EDGE:
            band = np.broadcast_to(e.ev.value(e.band_expr), (e.K, self.T, self.H))[rows, t, :N]
            weight = w[:N] if w is not None else self._weight(g, t)
            target = target + np.sign(weight - target) * band
        return target, traded


    def _weight(self, g: Group, t: int) -> np.ndarray:
        C = self.e.close[t:t + 1]
        nav = (g.cash + g.q[None] @ C.T)[0]
        return (g.q * C / nav[:, None])[0]


def _rows(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    return values if values.shape[0] == 1 else values[members]


def _distinct_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of each distinct row's first occurrence, each row's distinct-row number)."""
    if len(x) == 1 or (x == x[0]).all():
        return np.zeros(1, int), np.zeros(len(x), int)
    _, first, inverse = np.unique(x, axis=0, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _scalar_band(when: ir.Node, ev):
    """(comparison, (K, 1, 1) band) when `when` is `drift > band` with one band per variant."""
    ops = {ir.CompareOp.GT: np.greater, ir.CompareOp.GE: np.greater_equal}
    if not (isinstance(when, ir.Compare) and when.op in ops and isinstance(when.left, ir.SeriesRef)
            and when.left.series is ir.Series.DRIFT and not ev.is_dynamic(when.right)):
        return None
    band = ev.value(when.right)
    if band.shape[1:] != (1, 1):
        return None
    return ops[when.op], band
