"""The calendar walk: when only static rules (calendar, prices) decide, static targets are traded to
with proportional costs only, every rebalance is solved at once: trade days are known up front,
holdings are constant between them, and each rebalance's cost depends only on scale-free weights.

Not bit for bit the block walk (sums and products are grouped differently); its tolerance, tested on
the bundled data: every NAV within 1e-12 relative of the general engine, the same trade days and
events, the same orders within 1e-12 of the value traded. It declines (the fast walk runs instead)
where its premises fail: see `applies` and the checks in `CalendarWalk.run`."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from backends.numpy.engine import EVENTS, Trade
from backends.numpy.orders import order_cost
from dsl import ir

_INITIAL, _REBALANCE, _HOLD = EVENTS.index("INITIAL"), EVENTS.index("REBALANCE"), EVENTS.index("HOLD")
_FLOOR = 1e-9           # the order-size floor of docs/semantics.md, as a share of the value traded
_STEP = 1e-12           # the fixed point's stopping step, as a share of the value traded
_SETTLED = 1e-15       # a share of the value that stopped moving between two solutions of the chain
_WIDE = 64              # from this many assets on, bars on rows (the assets' axis is long enough)
_NEAR = 1e-6            # a weight gap this close (relatively) to the floor could round either way


def applies(walk) -> bool:
    """True for one variant whose decisions read no path (the fast walk's `fire` is fixed), trading
    every asset to static targets with costs in bps only (no fee per order, minimum trade, lots)."""
    e, s = walk.e, walk.e.s
    costs = e.costs
    return (e.K == 1 and walk.when_static and e.band_expr is None
            and s.rebalance.scope is ir.TradeScope.ALL and s.rebalance.to is ir.RebalanceTo.TARGET
            and costs.fee == 0.0 and costs.min_trade == 0.0 and not costs.has_lots)


class Plan(NamedTuple):
    """One variant's solved trades: decided on `decisions`, traded on `bars` with V before each trade
    `value`, V'/V `x` and the orders `keep` (False: under the size floor, dropped); `landed`: every
    dropped order was already nil, so the holdings after each trade are exactly on target."""

    decisions: np.ndarray
    bars: np.ndarray
    value: np.ndarray
    x: np.ndarray
    keep: np.ndarray
    landed: bool


class CalendarWalk:
    """All trades of one variant from its fixed decision bars, then every bar's facts at once."""

    def __init__(self, walk) -> None:
        self.walk, self.e, self.sim = walk, walk.e, walk.sim
        self.T, self.N = walk.T, walk.N
        self.next_open = walk.next_open

    def run(self) -> bool:
        """Fill the simulation; False (nothing written) when a premise fails on this data."""
        t0 = self.e.t0
        fire = self.walk.fire[0].copy()
        fire[:t0], fire[t0] = False, True
        plan = self.plan(np.flatnonzero(fire))
        if plan is None:
            return False
        self.write(0, plan)
        return True

    def plan(self, decisions: np.ndarray) -> Plan | None:
        """The solved trades of one variant deciding on `decisions` (t0 first), or None."""
        e = self.e
        bars = decisions[decisions < self.T - 1] if self.next_open else decisions
        omega = self.walk.target[0, bars, :self.N]
        if not np.isfinite(omega).all():
            return None
        solved = _solve(e.close[bars], omega, e.costs.rate)
        if solved is None:
            return None
        value, x, keep, landed = solved
        return Plan(decisions, bars, e.s.capital.value * value, x, keep, landed)

    def write(self, k: int, plan: Plan, drift: bool = True):
        """NAV, facts and trades of variant k from its plan (the per-bar drift only if `drift`); returns
        its holdings (trade bars, quantities and cash of each holding period) for a drift later."""
        decisions, bars, value, x, keep, _ = plan
        e, sim, t0, capital = self.e, self.sim, self.e.t0, self.e.s.capital.value
        prices = e.close[bars]
        q, dq = _holdings(value[:, None] * x[:, None] * self.walk.target[0, bars, :self.N] / prices, keep)
        cost = order_cost(dq, prices, e.costs) if len(bars) else np.zeros(0)
        cash = capital - np.cumsum(np.einsum("kn,kn->k", dq, prices) + cost)
        held = bars, np.vstack([np.zeros(self.N), q]), np.concatenate([[capital], cash])
        self._bars(k, *held, drift)
        exec_shift = 1 if self.next_open else 0
        sim.event[k, t0:] = _HOLD
        sim.event[k, decisions] = _REBALANCE
        sim.event[k, t0] = _INITIAL
        events = [EVENTS[_REBALANCE]] * len(bars)
        if len(bars) and bars[0] == t0:
            events[0] = EVENTS[_INITIAL]
        sim.trades.extend(map(Trade, [k] * len(bars), bars.tolist(), (bars + exec_shift).tolist(), events, dq,
                              prices, cost.tolist(), value.tolist()))
        return held

    def _bars(self, k: int, bars, q, cash, drift: bool) -> None:
        """Pre-trade NAV, drift and drawdown of every walked bar; NAV after the trade for `trade at close`."""
        e, sim, t0, walk = self.e, self.sim, self.e.t0, self.walk
        if drift or self.N < _WIDE:
            parts, cash_held, nav = self._values(bars, q, cash)
        else:
            nav = self._nav(bars, q, cash)
        sim.nav[k, t0:] = nav
        if not self.next_open and len(bars):
            sim.nav[k, bars] = cash[1:] + np.einsum("kn,kn->k", q[1:], e.close[bars])
        peak = np.maximum(e.s.capital.value, np.maximum.accumulate(nav))
        sim.drawdown[k, t0:] = 1.0 - nav / peak
        if drift:
            sim.max_drift[k, t0:] = self._top(parts, cash_held, nav)
        sim.check[k, t0:], sim.when[k, t0:] = walk.check[k, t0:], walk.when[k, t0:]
        if e.record:
            sim.targets[k, t0:] = walk.target[0, t0:]

    def drift(self, bars, q, cash) -> np.ndarray:
        """The largest drift on every walked bar of holdings returned by `write`."""
        parts, cash_held, nav = self._values(bars, q, cash)
        return self._top(parts, cash_held, nav)

    def _nav(self, bars, q, cash) -> np.ndarray:
        """NAV alone before the trade on every walked bar: one matrix-vector product per holding
        period (many assets: no bars x assets temporary). einsum, not BLAS: the threaded gemv's latency
        swings tenfold on a busy machine."""
        t0, close = self.e.t0, self.e.close
        edges = [t0, *(bars + 1).tolist(), self.T]
        nav = np.empty(self.T - t0)
        for j, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
            np.einsum("tn,n->t", close[a:b], q[j], out=nav[a - t0:b - t0])
            nav[a - t0:b - t0] += cash[j]
        return nav

    def _values(self, bars, q, cash):
        """(value of each asset, cash, NAV) before the trade on every walked bar. Few assets: assets on
        rows and bars on columns, so that every broadcast runs along the long axis; many: bars on rows."""
        t0, close = self.e.t0, self.e.close
        lengths = np.diff(np.concatenate([[t0], bars + 1, [self.T]]))   # holdings k: after trade k-1's bar
        cash_held = np.repeat(cash, lengths)
        if self.N >= _WIDE:
            parts = np.repeat(q, lengths, axis=0)
            parts *= close[t0:]
            return parts, cash_held, np.add.reduce(parts, axis=1) + cash_held
        parts = np.repeat(q.T, lengths, axis=1)
        parts *= close[t0:].T
        return parts, cash_held, np.add.reduce(parts, axis=0) + cash_held

    def _top(self, parts, cash_held, nav) -> np.ndarray:
        """max over holdings of |weight - target| (the parts are overwritten)."""
        target = self.walk.target[0, self.e.t0:]
        constant = target.strides[0] == 0                       # constant targets: one row
        if self.N >= _WIDE:
            if self.e.s.cash:
                parts = np.concatenate([parts, cash_held[:, None]], axis=1)
            parts /= nav[:, None]
            parts -= target[0] if constant else target
            return np.maximum.reduce(np.abs(parts, out=parts), axis=1)
        if self.e.s.cash:
            parts = np.vstack([parts, cash_held[None]])
        parts /= nav
        parts -= target[:1].T if constant else target.T
        return np.maximum.reduce(np.abs(parts, out=parts), axis=0)


def _solve(prices, omega, rate):
    """(V before each trade, V'/V, orders kept, every dropped order nil) of the trades on `prices` (rows) to `omega`, or None.

    Trade k sees the weights w_k its predecessor's holdings drifted to; its post-trade value V' solves
    V' = V - rate sum_big |omega V' - w V| with V = 1. w_{k+1} depends on trade k only through its
    value fractions, so the chain is solved for all trades at once and repeated until no weight moves
    (a causal recurrence: each repetition fixes at least one more trade exactly, and costs damp the rest).
    Assets are rows and trades columns, so that every operation runs along the long axis.
    """
    n, N = omega.shape
    omega = np.ascontiguousarray(omega.T)
    growth = np.ascontiguousarray((prices[1:] / prices[:-1]).T)
    w, cash_before = np.zeros((N, n)), np.ones(n)
    for _ in range(min(n + 2, 100)):
        x, keep = _post_trade_share(w, omega, rate)
        held = np.where(keep, omega * x, w)
        moved = held - w
        cash_after = cash_before - np.add.reduce(moved, axis=0)
        if rate != 0.0:
            cash_after -= rate * np.add.reduce(np.abs(moved), axis=0)
        grown = held[:, :-1] * growth
        ratio = np.add.reduce(grown, axis=0) + cash_after[:-1]          # V_{k+1} / V_k
        new_w, new_cash = np.zeros((N, n)), np.ones(n)
        np.divide(grown, ratio, out=new_w[:, 1:])
        np.divide(cash_after[:-1], ratio, out=new_cash[1:])
        if _settled(new_w, w) and _settled(new_cash, cash_before):
            order = np.abs(omega * x - w)
            if _near_floor(np.abs(omega - w)) or _near_floor(order):
                return None
            landed = not (~keep & (order != 0.0)).any()
            return np.cumprod(np.concatenate([[1.0], ratio]))[:n], x, keep.T, landed
        w, cash_before = new_w, new_cash
    return None


def _settled(new: np.ndarray, old: np.ndarray) -> bool:
    """No share of the value moved by more than 1e-15 of that value (or of itself when larger): the
    rounding noise left, three orders below the NAV tolerance."""
    return bool((np.abs(new - old) <= _SETTLED * np.maximum(1.0, np.abs(new))).all())


def _post_trade_share(w, omega, rate):
    """V'/V of every trade (columns) by the engine's fixed point (from 1, until a step is below
    1e-12), and the orders at or above the size floor."""
    x = np.ones(w.shape[1])
    if rate != 0.0:
        big = np.abs(omega - w) >= _FLOOR
        active = np.ones(len(x), bool)
        for _ in range(50):
            new = 1.0 - rate * np.add.reduce(np.where(big, np.abs(omega * x - w), 0.0), axis=0)
            step = np.abs(new - x)
            x = np.where(active, new, x)
            active &= step >= _STEP
            if not active.any():
                break
    return x, np.abs(omega * x - w) >= _FLOOR


def _near_floor(gap: np.ndarray) -> bool:
    """Whether a weight gap lies so near the size floor that the engine's rounding could put it on
    the other side."""
    return bool((np.abs(gap - _FLOOR) <= _NEAR * _FLOOR).any())


def _holdings(target_q, keep):
    """Quantities after each trade (a dropped order keeps the previous quantity) and the orders."""
    n, N = target_q.shape
    if keep.all():
        return target_q, np.diff(target_q, axis=0, prepend=0.0)
    last = np.maximum.accumulate(np.where(keep, np.arange(1, n + 1)[:, None], 0), axis=0)
    q = np.vstack([np.zeros((1, N)), target_q])[last, np.arange(N)]
    dq = np.diff(np.vstack([np.zeros((1, N)), q]), axis=0)
    return q, np.where(keep, dq, 0.0)
