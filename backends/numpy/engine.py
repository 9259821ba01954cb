"""The simulation: walks the bars in blocks over which holdings stay constant, vectorized over assets
and parameter variants (axis K); a block ends at the first bar where any variant trades."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from backends.numpy.evaluate import Context, EngineError, Evaluator
from backends.numpy.orders import CostModel, order_cost, rebalance_orders
from backends.numpy.weights import final_targets
from dsl import ir
from dsl.ir.analysis import band_of
from dsl.ir.checked import CheckedStrategy
from dsl.ir.walk import children, walk


@dataclass
class Trade:
    """One variant's orders on one decision bar: `bar` decides, `exec_bar` fills at `prices`."""

    variant: int
    bar: int
    exec_bar: int
    event: str
    quantities: np.ndarray          # (N,) signed
    prices: np.ndarray              # (N,)
    cost: float
    value_before: float             # V at the execution prices, before the trade


@dataclass(frozen=True)
class TradeColumns:
    """Every trade of a pass as columns (M rows, in bar then variant order): what totals over many
    variants read without making M objects."""

    variant: np.ndarray             # (M,) int
    bar: np.ndarray                 # (M,) int
    exec_bar: np.ndarray            # (M,) int
    event: np.ndarray               # (M,) str
    quantities: np.ndarray          # (M, N)
    prices: np.ndarray              # (M, N)
    cost: np.ndarray                # (M,)
    value_before: np.ndarray        # (M,)

    @classmethod
    def of(cls, trades: list[Trade]) -> "TradeColumns":
        def rows(name: str) -> np.ndarray:         # one concatenation: faster than np.array over rows
            return np.concatenate([getattr(t, name) for t in trades]).reshape(len(trades), -1) if trades \
                else np.zeros((0, 0))
        scalars = [np.array([getattr(t, name) for t in trades], dtype) for name, dtype in
                   (("variant", np.int64), ("bar", np.int64), ("exec_bar", np.int64), ("event", str),
                    ("cost", float), ("value_before", float))]
        variant, bar, exec_bar, event, cost, value = scalars
        return cls(variant, bar, exec_bar, event, rows("quantities"), rows("prices"), cost, value)

    def trades(self) -> list[Trade]:
        return list(map(Trade, self.variant.tolist(), self.bar.tolist(), self.exec_bar.tolist(),
                        self.event.tolist(), self.quantities, self.prices, self.cost.tolist(),
                        self.value_before.tolist()))


@dataclass
class Simulation:
    """Raw arrays of one pass: NAV per variant and bar, the per-bar decision facts and the trades
    (appended as objects by the engine's walks, or given as columns by the compiled walk)."""

    t0: int
    nav: np.ndarray                 # (K, T)
    check: np.ndarray               # (K, T) bool
    when: np.ndarray                # (K, T) bool
    max_drift: np.ndarray           # (K, T)
    band: np.ndarray                # (K, T) band at the most drifted holding (NaN without a band rule)
    drawdown: np.ndarray            # (K, T)
    event: np.ndarray               # (K, T) codes in EVENTS
    targets: np.ndarray | None      # (K, T, H) when recorded
    sleeve_flags: np.ndarray | None = None    # (K, T, S, 2) each sleeve's own check and when (sleeves only)
    _trades: list[Trade] = field(default_factory=list, repr=False)
    _columns: TradeColumns | None = field(default=None, repr=False)

    @property
    def trades(self) -> list[Trade]:
        """Every trade in bar then variant order; made from the columns on first use."""
        if self._columns is not None and not self._trades:
            self._trades.extend(self._columns.trades())
        return self._trades

    def trade_columns(self) -> TradeColumns:
        """The trades as columns, once the pass is over."""
        if self._columns is None:
            self._columns = TradeColumns.of(self._trades)
        return self._columns

    def set_trade_columns(self, columns: TradeColumns) -> None:
        """All trades at once (the compiled walk): objects are made only if something iterates them."""
        self._trades.clear()
        self._columns = columns


EVENTS = ("WARMUP", "INITIAL", "REBALANCE", "HOLD", "KILL", "DONE")
_CODE = {name: i for i, name in enumerate(EVENTS)}


def _check_supported(s: ir.Strategy, dates: np.ndarray) -> None:
    parts = [child for child in children(s) if not isinstance(child, ir.Asset)]   # assets hold no rules
    uses_last = any(isinstance(n, ir.CalendarRule) and n.rule == "last" for part in parts for n in walk(part))
    if uses_last and s.execution.trade_at is not ir.TradeAt.NEXT_OPEN:
        raise EngineError("'last trading day of ...' needs 'trade at next open'")


class Engine:
    """One pass of a checked strategy over a price matrix, for K parameter variants at once."""

    def __init__(self, checked: CheckedStrategy, dates, close, params: dict[str, np.ndarray],
                 periods_per_year: float, record: bool = True) -> None:
        s = checked.strategy
        _check_supported(s, dates)
        self.s, self.close, self.record = s, close, record
        self.ctx = Context(s, dates, close, params, periods_per_year)
        self.ev = Evaluator(self.ctx)
        self.ev.targets_dynamic = any(self.ev.is_dynamic(x) for x in (s.target, s.exposure) if x is not None)
        self.ev._dynamic.clear()
        self.costs = CostModel.of(s)
        self.band_expr = band_of(s.rebalance)
        self.t0 = checked.warmup_bars
        T, self.K = len(dates), self.ctx.K
        if self.t0 >= T:
            raise EngineError(f"the data has {T} bars but the warm-up needs {self.t0} before the first decision")
        if not self.ev.targets_dynamic:
            self.ev.static_targets = final_targets(self.ev)
        self._check_rules()

    def _check_rules(self) -> None:
        lets = self.ctx.lets
        from dsl.ir.analysis import is_per_asset
        if is_per_asset(self.s.rebalance.check, lets):
            raise EngineError("'check' must be the same for every asset (no drift/weight/target/price)")
        for state in self.s.states:
            for r in state.rules:
                if any(isinstance(n, ir.Ref) and n.name in self.ctx.states for n in walk(r.when)):
                    raise EngineError(f"a rule of state '{state.name}' reads a state, which is not supported")

    def run(self) -> Simulation:
        K, T, N = self.K, len(self.ctx.dates), self.close.shape[1]
        H = len(self.ctx.holdings)
        capital = self.s.capital.value
        sim = Simulation(self.t0, np.full((K, T), capital), *(np.zeros((K, T), bool) for _ in range(2)),
                         np.zeros((K, T)), np.full((K, T), np.nan), np.zeros((K, T)),
                         np.zeros((K, T), np.int8), np.full((K, T, H), np.nan) if self.record else None)
        self.q, self.cash = np.zeros((K, N)), np.full(K, capital)
        self.peak, self.killed = np.full(K, capital), np.zeros(K, bool)
        self.state_values = {st.name: np.full(K, st.initial) for st in self.s.states}
        if isinstance(self.s.target, ir.SleeveWeights):     # sleeves walk their own way, never a fast path
            from backends.numpy.sleeves import SleeveWalk    # imports this module's EVENTS
            SleeveWalk(self, sim).run()
            return sim
        from backends.numpy import fastwalk      # imports this module's Trade
        if fastwalk.applies(self):
            fastwalk.FastWalk(self, sim).run()
            return sim
        a, size = self.t0, 32
        while a < T:
            b = min(T, a + size)
            f = self._block(a, b, sim)
            size = min(2 * size, 2048) if f == b - a - 1 else max(32, 2 * (f + 1))
            a += f + 1
        return sim

    # ---- one block --------------------------------------------------------------------
    def _block(self, a: int, b: int, sim: Simulation) -> int:
        """Evaluate bars a..b-1 with today's holdings; act on the first event; return its offset."""
        env = self._environment(a, b)
        facts = self._decide(env, a)
        event = facts["fire"] | facts["kill"]
        has = event.any(axis=1)
        f = int(np.where(has, event.argmax(axis=1), b - a - 1).min())
        self._record(sim, facts, env, a, f)
        self.peak = env["peak"][:, f, 0]
        for name, values in env["states"].items():
            self.state_values[name] = values[:, f, 0]
        acting = event[:, f]
        if acting.any():
            self._act(sim, facts, env, a + f, f, acting)
        return f

    def _environment(self, a: int, b: int) -> dict:
        rows = slice(a, b)
        C = self.close[rows]
        nav = self.cash[:, None] + self.q @ C.T
        w = self.q[:, None, :] * C[None] / nav[..., None]
        if self.s.cash:
            w = np.concatenate([w, (self.cash[:, None] / nav)[..., None]], axis=-1)
        peak = np.maximum(self.peak[:, None], np.maximum.accumulate(nav, axis=1))
        env = {"rows": rows, "nav": nav[..., None], "peak": peak[..., None], "weight": w, "states": {}}
        self.ev.env = env
        env["states"] = self._states(env, b - a)
        if self.ev.targets_dynamic:
            env["target"] = final_targets(self.ev)
        self.ev.env = env
        env["target_full"] = np.broadcast_to(self.ev.target(), w.shape)
        return env

    def _states(self, env: dict, B: int) -> dict[str, np.ndarray]:
        """Each state through the block: the first rule that would change it and holds sets it."""
        out = {}
        for state in self.s.states:
            conds = [np.broadcast_to(self.ev.value(r.when).astype(bool)[..., 0], (self.K, B))
                     for r in state.rules]
            value, series = self.state_values[state.name].copy(), np.empty((self.K, B), bool)
            for t in range(B):
                changed = np.zeros(self.K, bool)
                for r, cond in zip(state.rules, conds):
                    hit = (value != r.becomes) & cond[:, t] & ~changed
                    value, changed = np.where(hit, r.becomes, value), changed | hit
                series[:, t] = value
            out[state.name] = series[..., None]
        return out

    def _decide(self, env: dict, a: int) -> dict:
        K, (B, H) = self.K, env["weight"].shape[1:]
        ev, s = self.ev, self.s
        drift = np.abs(env["weight"] - env["target_full"])
        check = np.broadcast_to(ev.value(s.rebalance.check).astype(bool)[..., 0], (K, B))
        when_h = np.broadcast_to(ev.value(s.rebalance.when).astype(bool), (K, B, H))
        when = when_h.any(axis=-1)
        fire = check & when
        if a == self.t0:
            fire = fire.copy()
            fire[:, 0] = True
        dd = 1.0 - env["nav"][..., 0] / env["peak"][..., 0]
        kill = np.zeros((K, B), bool)
        if s.constraints.max_drawdown is not None:
            kill = dd >= s.constraints.max_drawdown.value
        live = ~self.killed[:, None]
        return {"drift": drift, "check": check, "when": when, "when_h": when_h, "dd": dd,
                "fire": fire & live & ~kill, "kill": kill & live}

    def _record(self, sim: Simulation, facts: dict, env: dict, a: int, f: int) -> None:
        rows, part = slice(a, a + f + 1), slice(0, f + 1)
        sim.nav[:, rows] = env["nav"][:, part, 0]
        sim.check[:, rows], sim.when[:, rows] = facts["check"][:, part], facts["when"][:, part]
        drift = facts["drift"][:, part]
        sim.max_drift[:, rows] = drift.max(axis=-1)
        sim.drawdown[:, rows] = facts["dd"][:, part]
        codes = np.where(self.killed[:, None], _CODE["DONE"], _CODE["HOLD"])
        sim.event[:, rows] = np.broadcast_to(codes, (self.K, f + 1))
        if self.record:
            sim.targets[:, rows] = env["target_full"][:, part]
            if self.band_expr is not None:
                band = np.broadcast_to(self.ev.value(self.band_expr), env["weight"].shape)[:, part]
                top = drift.argmax(axis=-1)[..., None]
                sim.band[:, rows] = np.take_along_axis(band, top, axis=-1)[..., 0]

    # ---- acting on the event bar -----------------------------------------------------------
    def _act(self, sim: Simulation, facts: dict, env: dict, t: int, f: int, acting: np.ndarray) -> None:
        kill = facts["kill"][:, f] & acting
        initial = t == self.t0
        sim.event[acting, t] = _CODE["INITIAL"] if initial else _CODE["REBALANCE"]
        sim.event[kill, t] = _CODE["KILL"]
        next_open = self.s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        if next_open and t + 1 >= len(self.ctx.dates):
            self.killed |= kill
            return                      # no next open after the last bar
        prices = self.close[t]          # close-only data: O[t+1] = C[t]
        exec_bar = t + 1 if next_open else t
        rows = np.flatnonzero(acting)
        dq = np.zeros((len(rows), len(prices)))
        trade_rows = ~kill[rows]
        if trade_rows.any():
            omega, traded = self._destination(facts, env, f, rows[trade_rows], initial)
            dq[trade_rows], _ = rebalance_orders(self.q[rows[trade_rows]], self.cash[rows[trade_rows]],
                                                 prices, omega, traded, self.costs)
        dq[~trade_rows] = -self.q[rows[~trade_rows]]
        self._fill(sim, rows, dq, prices, t, exec_bar, kill)

    def _destination(self, facts: dict, env: dict, f: int, rows: np.ndarray, initial: bool):
        N = self.close.shape[1]
        target = env["target_full"][rows, f, :N]
        traded = np.ones((len(rows), N), bool)
        if initial:
            return target, traded
        if self.s.rebalance.scope is ir.TradeScope.BREACHED:
            traded = facts["when_h"][rows, f, :N].copy()
        if self.s.rebalance.to is ir.RebalanceTo.BAND_EDGE:
            band = np.broadcast_to(self.ev.value(self.band_expr), env["weight"].shape)[rows, f, :N]
            weight = env["weight"][rows, f, :N]
            target = target + np.sign(weight - target) * band
        return target, traded

    def _fill(self, sim, rows, dq, prices, t, exec_bar, kill) -> None:
        value_before = self.cash[rows] + self.q[rows] @ prices
        cost = order_cost(dq, prices, self.costs)
        self.cash[rows] -= dq @ prices + cost
        self.q[rows] += dq
        self.killed |= kill
        if exec_bar == t:               # trade at close: the bar's NAV is after the trade
            sim.nav[rows, t] = self.cash[rows] + self.q[rows] @ prices
        for i, k in enumerate(rows):
            sim.trades.append(Trade(int(k), t, exec_bar, EVENTS[sim.event[k, t]], dq[i], prices,
                                    float(cost[i]), float(value_before[i])))
