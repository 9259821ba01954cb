"""Sleeves (core-satellite): each sleeve's mix, the composed targets, the sleeve and parent triggers and
the three order cases of docs/semantics.md *Sleeves*, walked in blocks of constant holdings like the
engine, vectorized over holdings and parameter variants (a Python loop runs over sleeves only)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backends.numpy.evaluate import Evaluator
from backends.numpy.orders import order_cost, rebalance_orders
from backends.numpy.simulation import EVENTS, Simulation, Trade
from backends.numpy.weights import scheme_weights
from dsl import ir
from dsl.ir.analysis import sleeve_holdings


def composed_weights(node: ir.SleeveWeights, ev: Evaluator) -> np.ndarray:
    """The risky part of w* = W_s m_i (each sleeve's scheme names only its own assets): (K, T, N)."""
    return sum(share(sleeve, ev) * scheme_weights(sleeve.target, ev) for sleeve in node.sleeves)


def share(sleeve: ir.Sleeve, ev: Evaluator) -> np.ndarray:
    """W_s, a scalar expression: (K, T, 1) with axes of size 1 broadcasting."""
    return np.asarray(ev.value(sleeve.weight), dtype=np.float64)[..., :1]


@dataclass(frozen=True)
class Layout:
    """Which holdings each sleeve owns: `member[s, h]`; `owns_cash[s]` when the sleeve owns the cash."""

    sleeves: tuple[ir.Sleeve, ...]
    member: np.ndarray          # (S, H) bool
    owns_cash: np.ndarray       # (S,) bool

    @classmethod
    def of(cls, s: ir.Strategy, holdings: tuple[str, ...]) -> "Layout":
        sleeves = s.target.sleeves
        member = np.array([[h in sleeve_holdings(sl, s) for h in holdings] for sl in sleeves], bool)
        owns_cash = member[:, -1] if s.cash else np.zeros(len(sleeves), bool)
        return cls(sleeves, member, owns_cash.copy())

    @property
    def names(self) -> list[str]:
        return [sl.name for sl in self.sleeves]


def owner_sums(values: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Per sleeve, the sum over the holdings it owns: (..., H) -> (..., S)."""
    return values @ member.T.astype(np.float64)


def mix_of(values: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, V_s): each holding's share of its own sleeve (0 when the sleeve is empty or owns it not)."""
    totals = owner_sums(values, member)
    per_holding = totals @ member.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(per_holding != 0, values / per_holding, 0.0)
    return x, totals


class SleeveWalk:
    """The engine's block walk for a strategy with sleeves: a block ends at the first bar that trades."""

    def __init__(self, engine) -> None:
        K, T, H, N = engine.K, len(engine.ctx.dates), len(engine.ctx.holdings), engine.close.shape[1]
        capital = engine.s.capital.value
        self.e = engine
        self.sim = sim = Simulation(engine.t0, np.full((K, T), capital), *(np.zeros((K, T), bool) for _ in range(2)),
                                    np.zeros((K, T)), np.full((K, T), np.nan), np.zeros((K, T)),
                                    np.zeros((K, T), np.int8), np.full((K, T, H), np.nan) if engine.record else None)
        self.q, self.cash = np.zeros((K, N)), np.full(K, capital)
        self.peak, self.killed = np.full(K, capital), np.zeros(K, bool)
        self.state_values = {st.name: np.full(K, st.initial) for st in engine.s.states}
        self.layout = Layout.of(engine.s, engine.ctx.holdings)
        ev = engine.ev
        ev.targets_dynamic = True            # 'target' reads the block's composed w* (set per block)
        ev._dynamic.clear()
        self.sleeve_ev = [Evaluator(engine.ctx, targets_dynamic=True) for _ in self.layout.sleeves]
        self.parent_ev = Evaluator(engine.ctx, targets_dynamic=True)
        self.static_mix = {i: self._mix(i) for i, sl in enumerate(self.layout.sleeves)
                           if not ev.is_dynamic(sl.target)}
        K, T, S = engine.K, len(engine.ctx.dates), len(self.layout.sleeves)
        sim.sleeve_flags = np.zeros((K, T, S, 2), bool)
        if ev.static_targets is None and len(self.static_mix) == S and not any(
                ev.is_dynamic(sl.weight) for sl in self.layout.sleeves):
            ev.static_targets = self._static_targets()     # the benchmark of a sweep (nothing recorded)

    def _static_targets(self) -> np.ndarray:
        """w* over every bar when no sleeve's mix or share reads the path: (K|1, T, H)."""
        env = {"mixes": list(self.static_mix.values())}
        T, H = len(self.e.ctx.dates), len(self.e.ctx.holdings)
        K = max(m.shape[0] for m in env["mixes"] + [share(sl, self.e.ev) for sl in self.layout.sleeves])
        env["mixes"] = [np.broadcast_to(m, (K, T, H)) for m in env["mixes"]]
        self._compose(env, (K, T, H))
        return env["target"]

    def run(self) -> Simulation:
        e, T = self.e, len(self.e.ctx.dates)
        a, size = e.t0, 32
        while a < T:
            b = min(T, a + size)
            f = self._block(a, b)
            size = min(2 * size, 2048) if f == b - a - 1 else max(32, 2 * (f + 1))
            a += f + 1
        return self.sim

    def _block(self, a: int, b: int) -> int:
        e = self.e
        env = self._environment(a, b)
        facts = self._decide(env, a)
        event = facts["fire"] | facts["kill"]
        f = int(np.where(event.any(axis=1), event.argmax(axis=1), b - a - 1).min())
        self._record(facts, env, a, f)
        self.sim.sleeve_flags[:, a:a + f + 1] = facts["flags"][:, :f + 1]
        self.peak = env["peak"][:, f, 0]
        for name, values in env["states"].items():
            self.state_values[name] = values[:, f, 0]
        acting = event[:, f]
        if acting.any():
            self._act(facts, env, a + f, f, acting)
        return f

    # ---- the block's values --------------------------------------------------------------
    def _mix(self, i: int) -> np.ndarray:
        """m of sleeve i over every holding (K|1, B|1, H): the cash, when owned, gets 1 - sum(risky)."""
        risky = np.asarray(scheme_weights(self.layout.sleeves[i].target, self.e.ev), dtype=np.float64)
        if len(self.e.ctx.holdings) == risky.shape[-1]:
            return risky
        cash = 1.0 - risky.sum(axis=-1, keepdims=True) if self.layout.owns_cash[i] else np.zeros(
            risky.shape[:-1] + (1,))
        return np.concatenate([risky, cash], axis=-1)

    def _block_mix(self, i: int, env: dict, shape: tuple) -> np.ndarray:
        if i not in self.static_mix:
            return np.broadcast_to(self._mix(i), shape)
        full = self.static_mix[i]
        return np.broadcast_to(full if full.shape[1] == 1 else full[:, env["rows"]], shape)

    def _environment(self, a: int, b: int) -> dict:
        e, rows = self.e, slice(a, b)
        C = e.close[rows]
        nav = self.cash[:, None] + self.q @ C.T
        values = self.q[:, None, :] * C[None]
        if e.s.cash:
            values = np.concatenate([values, np.broadcast_to(self.cash[:, None, None], nav.shape + (1,))], axis=-1)
        peak = np.maximum(self.peak[:, None], np.maximum.accumulate(nav, axis=1))
        env = {"rows": rows, "nav": nav[..., None], "peak": peak[..., None], "weight": values / nav[..., None],
               "states": {}, "values": values}
        e.ev.env = env
        env["states"] = self._states(env, b - a)
        e.ev.env = env
        self._targets(env, values.shape)
        return env

    def _targets(self, env: dict, shape: tuple) -> None:
        """Each sleeve's mix m, its share W and the composed w* (env 'target' and 'target_full')."""
        env["mixes"] = [self._block_mix(i, env, shape) for i in range(len(self.layout.sleeves))]
        self._compose(env, shape)

    def _compose(self, env: dict, shape: tuple) -> None:
        """W per sleeve and w* = W_s m_i from env 'mixes'; the cash, when declared, gets 1 - sum(risky)."""
        K, B, H = shape
        N = self.e.close.shape[1]
        env["shares"] = np.stack([np.broadcast_to(share(sl, self.e.ev)[..., 0], (K, B))
                                  for sl in self.layout.sleeves], axis=-1)
        risky = sum(env["shares"][..., i, None] * m[..., :N] for i, m in enumerate(env["mixes"]))
        if H > N:
            risky = np.concatenate([risky, 1.0 - risky.sum(axis=-1, keepdims=True)], axis=-1)
        env["target"] = env["target_full"] = risky

    # ---- triggers ------------------------------------------------------------------------
    def _decide(self, env: dict, a: int) -> dict:
        e, lay = self.e, self.layout
        K, B, H = env["weight"].shape
        x, totals = mix_of(env["values"], lay.member)
        u = totals / env["nav"]
        flags = np.zeros((K, B, len(lay.sleeves), 2), bool)
        for i, sl in enumerate(lay.sleeves):
            scope = {**env, "weight": x, "target": env["mixes"][i]}
            flags[..., i, 0], flags[..., i, 1] = self._rules(self.sleeve_ev[i], sl.rebalance, scope, lay.member[i])
        parent = {**env, "weight": u, "target": env["shares"]}
        check, when = self._rules(self.parent_ev, e.s.rebalance, parent, np.ones(u.shape[-1], bool))
        sleeve_fire = flags[..., 0] & flags[..., 1]
        fire = (check & when) | sleeve_fire.any(axis=-1)
        if a == e.t0:
            fire = fire.copy()
            fire[:, 0] = True
        dd = 1.0 - env["nav"][..., 0] / env["peak"][..., 0]
        kill = np.zeros((K, B), bool)
        if e.s.constraints.max_drawdown is not None:
            kill = dd >= e.s.constraints.max_drawdown.value
        live = ~self.killed[:, None]
        return {"drift": np.abs(u - env["shares"]), "check": check, "when": when, "parent": check & when,
                "flags": flags, "sleeve_fire": sleeve_fire, "dd": dd, "fire": fire & live & ~kill,
                "kill": kill & live}

    def _rules(self, ev: Evaluator, rules: ir.Rebalance, env: dict, scope: np.ndarray):
        """(check, when) of one rebalance block: a per-holding `when` holds when it holds for any in scope."""
        K, B = env["nav"].shape[:2]
        ev.env = env
        check = np.broadcast_to(np.asarray(ev.value(rules.check)).astype(bool)[..., 0], (K, B))
        when_h = np.broadcast_to(np.asarray(ev.value(rules.when)).astype(bool), (K, B, len(scope)))
        return check, (when_h & scope).any(axis=-1)

    # ---- the block's records and states ------------------------------------------------------
    def _states(self, env: dict, B: int) -> dict[str, np.ndarray]:
        """Each state through the block: the first rule that would change it and holds sets it."""
        e, out = self.e, {}
        for state in e.s.states:
            conds = [np.broadcast_to(e.ev.value(r.when).astype(bool)[..., 0], (e.K, B)) for r in state.rules]
            value, series = self.state_values[state.name].copy(), np.empty((e.K, B), bool)
            for t in range(B):
                changed = np.zeros(e.K, bool)
                for r, cond in zip(state.rules, conds):
                    hit = (value != r.becomes) & cond[:, t] & ~changed
                    value, changed = np.where(hit, r.becomes, value), changed | hit
                series[:, t] = value
            out[state.name] = series[..., None]
        return out

    def _record(self, facts: dict, env: dict, a: int, f: int) -> None:
        e, sim = self.e, self.sim
        rows, part = slice(a, a + f + 1), slice(0, f + 1)
        sim.nav[:, rows] = env["nav"][:, part, 0]
        sim.check[:, rows], sim.when[:, rows] = facts["check"][:, part], facts["when"][:, part]
        drift = facts["drift"][:, part]
        sim.max_drift[:, rows] = drift.max(axis=-1)
        sim.drawdown[:, rows] = facts["dd"][:, part]
        codes = np.where(self.killed[:, None], _code("DONE"), _code("HOLD"))
        sim.event[:, rows] = np.broadcast_to(codes, (e.K, f + 1))
        if e.record:
            sim.targets[:, rows] = env["target_full"][:, part]
            if e.band_expr is not None:
                band = np.broadcast_to(e.ev.value(e.band_expr), env["weight"].shape)[:, part]
                top = drift.argmax(axis=-1)[..., None]
                sim.band[:, rows] = np.take_along_axis(band, top, axis=-1)[..., 0]

    def _fill(self, rows, dq, prices, t, exec_bar, kill) -> None:
        sim = self.sim
        value_before = self.cash[rows] + self.q[rows] @ prices
        cost = order_cost(dq, prices, self.e.costs)
        self.cash[rows] -= dq @ prices + cost
        self.q[rows] += dq
        self.killed |= kill
        if exec_bar == t:               # trade at close: the bar's NAV is after the trade
            sim.nav[rows, t] = self.cash[rows] + self.q[rows] @ prices
        for i, k in enumerate(rows):
            sim.trades.append(Trade(int(k), t, exec_bar, EVENTS[sim.event[k, t]], dq[i], prices,
                                    float(cost[i]), float(value_before[i])))

    # ---- orders --------------------------------------------------------------------------
    def _act(self, facts: dict, env: dict, t: int, f: int, acting: np.ndarray) -> None:
        e, sim = self.e, self.sim
        kill = facts["kill"][:, f] & acting
        sim.event[acting, t] = _code("INITIAL") if t == e.t0 else _code("REBALANCE")
        sim.event[kill, t] = _code("KILL")
        next_open = e.s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        if next_open and t + 1 >= len(e.ctx.dates):
            self.killed |= kill
            return                      # no next open after the last bar
        prices = e.close[t]             # close-only data: O[t+1] = C[t]
        rows = np.flatnonzero(acting)
        dq = -self.q[rows]
        trading = ~kill[rows]
        if trading.any():
            dq[trading] = self._orders(facts, env, f, rows[trading], prices, t == e.t0)
        self._fill(rows, dq, prices, t, t + 1 if next_open else t, kill)

    def _orders(self, facts: dict, env: dict, f: int, rows: np.ndarray, prices: np.ndarray, initial: bool):
        """Case 1 (INITIAL) and case 2 (parent fires) trade everything; case 3 trades firing sleeves."""
        N, costs = len(prices), self.e.costs
        q, cash = self.q[rows], self.cash[rows]
        everything = np.ones((len(rows), N), bool)
        if initial:
            return rebalance_orders(q, cash, prices, env["target"][rows, f, :N], everything, costs)[0]
        dq = np.zeros((len(rows), N))
        parent = facts["parent"][rows, f]
        if parent.any():
            omega = self._parent_destination(facts, env, f, rows[parent], prices)
            dq[parent] = rebalance_orders(q[parent], cash[parent], prices, omega, everything[parent], costs)[0]
        if (~parent).any():
            dq[~parent] = self._sleeve_orders(facts, env, f, rows[~parent], prices)
        return dq

    def _parent_destination(self, facts, env, f, rows, prices) -> np.ndarray:
        """omega = W_s y_i: y = m for a firing sleeve, else its mix at the execution prices (m if empty)."""
        lay, N = self.layout, len(prices)
        values = self.q[rows] * prices
        if self.e.s.cash:
            values = np.concatenate([values, self.cash[rows, None]], axis=-1)
        mix, totals = mix_of(values, lay.member)
        member = lay.member.astype(np.float64)
        target_mix = sum(m[rows, f] * lay.member[i] for i, m in enumerate(env["mixes"]))
        use_target = ((facts["sleeve_fire"][rows, f] | (totals == 0)) @ member) > 0
        y = np.where(use_target, target_mix, mix)
        return (env["shares"][rows, f] @ member * y)[:, :N]

    def _sleeve_orders(self, facts, env, f, rows, prices) -> np.ndarray:
        """Each firing sleeve as a portfolio of its own, all from this bar's pre-trade holdings; merged."""
        lay, N, costs = self.layout, len(prices), self.e.costs
        q, cash = self.q[rows], self.cash[rows]
        dq = np.zeros((len(rows), N))
        for i, m in enumerate(env["mixes"]):
            fires = facts["sleeve_fire"][rows, f, i]
            if not fires.any():
                continue
            owned = lay.member[i, :N]
            q_s = np.where(owned, q[fires], 0.0)
            cash_s = cash[fires] if lay.owns_cash[i] else np.zeros(int(fires.sum()))
            traded = np.broadcast_to(owned, q_s.shape)
            dq[fires] += rebalance_orders(q_s, cash_s, prices, m[rows[fires], f, :N] * owned, traded, costs)[0]
        return dq


def _code(event: str) -> int:
    return EVENTS.index(event)
