"""The reference simulator for strategies with sleeves: docs/semantics.md *Sleeves*, in plain loops.

Like `reference_sim.py` it shares no code with backends/numpy; it reuses that simulator's expressions,
schemes and standard order algorithm, and reads each sleeve's holdings from the IR's analysis.
"""

from __future__ import annotations

import math

from rbl.dsl import ir
from rbl.dsl.ir.analysis import sleeve_holdings
from tests.backtest.reference_sim import ReferenceSim


def reference_for(checked, dates, closes, params=None, signals=None) -> ReferenceSim:
    """The sleeve simulator for a strategy with sleeves, else the plain one (signals: see ReferenceSim)."""
    if isinstance(checked.strategy.target, ir.SleeveWeights):
        return SleeveReferenceSim(checked, dates, closes, params, signals)
    return ReferenceSim(checked, dates, closes, params, signals)


class SleeveReferenceSim(ReferenceSim):
    def __init__(self, checked, dates, closes, params=None, signals=None):
        super().__init__(checked, dates, closes, params, signals)
        self.sleeves = list(self.s.target.sleeves)
        self.owned = {sl.name: list(sleeve_holdings(sl, self.s)) for sl in self.sleeves}
        self.flags = {}              # bar -> 'core:01,satellite:11'
        self.composed = {}           # bar -> {asset: w*}
        self.mixes, self.shares = {}, {}     # each sleeve's mix and share in effect
        self.scope, self.counting = None, None   # the elements the rule read now ranges over; whose trades it counts
        self.sleeve_fire, self.firing = {}, []     # each sleeve's last firing bar; the sleeves firing on this bar
        self.sleft = {sl.name: 0 for sl in self.sleeves}     # `trade over N bars`: each sleeve's slices left
        self.tranches = {sl.name: sl.rebalance.tranches for sl in self.sleeves}

    # ---- aggregates and since rebalance per rule (docs/semantics.md, *Sleeves*) ----------------
    @property
    def last_fire(self):
        return self.sleeve_fire[self.counting] if self.counting else self._last_fire

    @last_fire.setter
    def last_fire(self, t):
        """ReferenceSim.run sets it before the first decision and on every bar that fires: every sleeve's
        count restarts then too, except on a REBALANCE, where only the sleeves that fired restart."""
        self._last_fire = t
        for sl in self.sleeves:
            if not self.started or self.events.get(t) == "KILL" or sl.name in self.firing:
                self.sleeve_fire[sl.name] = t

    def ev_Aggregate(self, e, t, h):
        holdings = self.holdings
        self.holdings = [x for x in self.scope if not e.assets or x in e.assets]
        try:
            return super().ev_Aggregate(e.model_copy(update={"assets": ()}), t, h)
        finally:
            self.holdings = holdings

    # ---- `trade over N bars` in a sleeve: ReferenceSim.run reads `left` and calls `next_slice` -----------
    @property
    def left(self):
        return sum(self.sleft.values())

    @left.setter
    def left(self, value):
        """The run loop clears `left` on every decision; with sleeves only some decisions end slices
        (`start_slices` says which)."""

    def next_slice(self, prices):
        """Every sleeve with slices left trades what is left of each of its orders over its slices left,
        lots toward zero, under the size floor (at the portfolio's value) kept for later."""
        V = self.cash + sum(self.q[a] * prices[i] for i, a in enumerate(self.assets))
        floor = max(self.cost("min_trade"), 1e-9 * V)
        dq = {}
        for name, n in self.sleft.items():
            if n == 0:
                continue
            for a in self.owned[name]:
                if a == self.s.cash:
                    continue
                d, lot = self.rest[a] / n, self.s.asset(a).lot
                if lot:
                    d = math.copysign(math.floor(abs(d) / lot + 1e-9) * lot, d)
                if abs(d) * prices[self.assets.index(a)] < floor:
                    d = 0.0
                if d:
                    dq[a] = d
                self.rest[a] -= d
            self.sleft[name] = n - 1
        return dq

    def start_slices(self, prices, dq, firing, everything):
        """The first decision and a move between sleeves trade at once and end every sleeve's slices; a
        firing sleeve with `trade over N` keeps its raw orders for N slices; every sleeve with slices left
        trades its next one now."""
        for name in self.sleft:
            if everything:
                self.sleft[name] = 0
            elif name in firing and self.tranches[name] > 1:
                owned = [a for a in self.owned[name] if a != self.s.cash]
                self.rest.update({a: dq.pop(a, 0.0) for a in owned})
                self.sleft[name] = self.tranches[name]
        sliced = [a for name, n in self.sleft.items() if n for a in self.owned[name]]
        for a in sliced:
            dq.pop(a, None)
        return {**dq, **self.next_slice(prices)} if sliced else dq

    # ---- targets -------------------------------------------------------------------------
    def mix(self, sl, t):
        """m: the sleeve's own weights over the holdings it owns (owned cash: 1 - sum of risky)."""
        w = self.scheme(sl.target, t)
        m = {h: w[h] for h in self.owned[sl.name] if h != self.s.cash}
        if self.s.cash in self.owned[sl.name]:
            m[self.s.cash] = 1 - sum(m.values())
        return m

    def compose(self, mixes, shares):
        w = {a: 0.0 for a in self.assets}
        for sl in self.sleeves:
            for h, v in mixes[sl.name].items():
                if h != self.s.cash:
                    w[h] = shares[sl.name] * v
        if self.s.cash:
            w[self.s.cash] = 1 - sum(w[a] for a in self.assets)
        return w

    # ---- values and triggers -------------------------------------------------------------------
    def values(self, prices):
        v = {a: self.q[a] * prices[i] for i, a in enumerate(self.assets)}
        if self.s.cash:
            v[self.s.cash] = self.cash
        return v

    def rules_hold(self, rules, t, scope, counting=None):
        self.scope, self.counting = scope, counting
        check = bool(self.ev(rules.check, t, None))
        when = any(bool(self.ev(rules.when, t, h)) for h in scope)
        self.scope = self.counting = None
        return check, when

    def sleeve_flags(self, t, values, mixes):
        flags = {}
        self.destinations = {}
        for sl in self.sleeves:
            owned = self.owned[sl.name]
            total = sum(values[h] for h in owned)
            self.cur_weight = {h: values[h] / total if total != 0 else 0.0 for h in owned}
            self.cur_target = mixes[sl.name]
            breached_only = sl.rebalance.scope.value == "breached"
            fires_on = [h for h in owned if h != self.s.cash] if breached_only else owned
            flags[sl.name] = self.rules_hold(sl.rebalance, t, fires_on, sl.name)
            self.destinations[sl.name] = self.destination(sl, t, owned, breached_only)
        return flags

    def destination(self, sl, t, owned, breached_only):
        """(traded assets, omega) of the sleeve trading on its own, read in its view: with `trade breached
        assets` the assets its when holds for, with `to band edge` each one's band edge on its side."""
        self.scope, self.counting = owned, sl.name
        r, assets = sl.rebalance, [h for h in owned if h != self.s.cash]
        traded = [a for a in assets if not breached_only or self.ev(r.when, t, a)]
        omega = {a: self.cur_target[a] for a in assets}
        if r.to.value == "band_edge":
            for a in traded:
                gap = self.cur_weight[a] - self.cur_target[a]
                if gap:
                    omega[a] += math.copysign(self.ev(r.when.right, t, a), gap)
        self.scope = self.counting = None
        return traded, omega

    def parent_flags(self, t, values, shares):
        self.cur_weight = {sl.name: sum(values[h] for h in self.owned[sl.name]) / self.nav_now
                           for sl in self.sleeves}
        self.cur_target = dict(shares)
        return self.rules_hold(self.s.rebalance, t, list(shares))

    # ---- the bar loop (ReferenceSim.run) -------------------------------------------------
    def decide(self, t):
        """Bar t fires on its first decision, the strategy's own rule, or a sleeve's; the orders follow
        the three cases of docs/semantics.md."""
        values = self.values(self.C[t])
        self.cur_weight = {h: values[h] / self.nav_now for h in values}
        self.update_states(t)
        first = not self.started                # the first decision: t0, or the first bar no signal holds
        for sl in self.sleeves:                 # the targets in effect: a mix anew on its sleeve's check bars
            self.counting = sl.name
            looks = self.ev(sl.rebalance.check, t, None)
            self.counting = None
            if first or looks:
                self.mixes[sl.name] = self.mix(sl, t)
        if first or self.ev(self.s.rebalance.check, t, None):      # the shares on the strategy's
            self.shares = {sl.name: self.ev(sl.weight, t, None) for sl in self.sleeves}
        mixes, shares = dict(self.mixes), dict(self.shares)
        self.composed[t] = self.compose(mixes, shares)
        flags = self.sleeve_flags(t, values, mixes)
        self.flags[t] = ",".join(f"{n}:{int(c)}{int(w)}" for n, (c, w) in flags.items())
        parent = all(self.parent_flags(t, values, shares))
        firing = [n for n, (c, w) in flags.items() if c and w]
        self.firing = firing

        def orders(prices):
            if first:
                dq = self.standard(self.q, self.cash, prices, self.composed[t], self.assets)
            elif parent:
                dq = self.standard(self.q, self.cash, prices, self.parent_omega(prices, mixes, shares, firing),
                                   self.assets)
            else:
                dq = self.sleeve_orders(prices, mixes, firing)
            return self.start_slices(prices, dq, firing, first or parent)
        return first or parent or bool(firing), orders

    def parent_omega(self, prices, mixes, shares, firing):
        """omega = W_s y_i: y = m for firing sleeves, else the mix at the execution prices."""
        values = self.values(prices)
        omega = {a: 0.0 for a in self.assets}
        for sl in self.sleeves:
            owned = self.owned[sl.name]
            total = sum(values[h] for h in owned)
            for h in owned:
                if h == self.s.cash:
                    continue
                y = mixes[sl.name][h] if sl.name in firing or total == 0 else values[h] / total
                omega[h] = shares[sl.name] * y
        return omega

    def sleeve_orders(self, prices, mixes, firing):
        """Each firing sleeve rebalanced as a portfolio of its own, from the pre-trade holdings."""
        dq = {}
        for name in firing:
            owned = self.owned[name]
            q = {a: self.q[a] if a in owned else 0.0 for a in self.assets}
            cash = self.cash if self.s.cash in owned else 0.0
            traded, edges = self.destinations[name]
            omega = {a: edges.get(a, 0.0) for a in self.assets}
            raw = self.tranches[name] > 1                       # sliced later: the orders before lots
            dq.update(self.standard(q, cash, prices, omega, traded, raw))
        return dq
