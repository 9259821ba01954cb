"""The engine: one pass of a checked strategy over a price matrix, for K parameter variants at once.

It prepares what the path loop reads (program.py: series and a register program), runs the loop
(path_loop.py) and returns the simulation."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from rbl.backends.numpy import jit, path_loop, signals
from rbl.backends.numpy.evaluate import Context, EngineError, Evaluator
from rbl.backends.numpy.orders import CostModel
from rbl.backends.numpy.program import Program, literal_costs, variant_costs
from rbl.backends.numpy.simulation import EVENTS, Simulation, TradeColumns
from rbl.backends.numpy.weights import final_targets
from rbl.dsl import ir
from rbl.dsl.ir.analysis import band_of, is_per_asset, sleeve_holdings, sleeves_of
from rbl.dsl.ir.checked import CheckedStrategy
from rbl.dsl.ir.walk import children, walk


def _check_supported(s: ir.Strategy) -> None:
    parts = [child for child in children(s) if not isinstance(child, ir.Asset)]   # assets hold no rules
    uses_last = any(isinstance(n, ir.CalendarRule) and n.rule == "last" for part in parts for n in walk(part))
    if uses_last and s.execution.trade_at is not ir.TradeAt.NEXT_OPEN:
        raise EngineError("'last trading day of ...' needs 'trade at next open'")


_SAID: list[str] = []


def _say_once_if_numba_is_missing() -> None:
    if jit.MISSING and not _SAID:
        _SAID.append(jit.MISSING)
        print(f"rbl: numba could not be loaded ({jit.MISSING}); the backtest runs the same loop as "
              "plain Python: the same results, far slower. Reinstall it: pip install --force-reinstall numba",
              file=sys.stderr)


def scheduled(values: np.ndarray, schedule: np.ndarray) -> np.ndarray:
    """A (K | 1, T | 1, H') series as one variant's: on bar t the values of variant schedule[t]."""
    if values.shape[0] == 1:
        return values
    bars = np.arange(len(schedule)) if values.shape[1] > 1 else 0
    return values[schedule, bars][None]


@dataclass(frozen=True)
class LoopProgram:
    """What the path loop runs: the program, its parts, the state rules and the registers of each role."""

    program: Program
    phases: list[int]           # 0, then the ends of: state rules, checks, targets, each sleeve's rules, the decisions
    rules: np.ndarray           # (R, 3) state, becomes, condition register
    roles: list[int]            # registers of check, when, band (-1: none), dynamic targets (-1: none), the
                                # strategy's last firing bar (-1: nothing reads `since rebalance`)
    sleeves: np.ndarray         # (S, 9) each sleeve's mix, share, check and when registers, its last firing bar,
                                # its policy: breached assets only, to the band edge, its band register; its
                                # `trade over N bars`
    member: np.ndarray          # (S, H) the holdings each sleeve owns
    target_series: int          # the static targets' series (-1: computed by the program)


class Engine:
    """One pass of a checked strategy over a price matrix, for K parameter variants at once."""

    def __init__(self, checked: CheckedStrategy, dates, close, params: dict[str, np.ndarray],
                 periods_per_year: float, record: bool = True, signal_values: np.ndarray | None = None,
                 schedule: np.ndarray | None = None) -> None:
        """`schedule` (T,) makes one path of the K variants: on bar t it reads variant schedule[t]'s
        values, holdings and states carried across a switch (a walk-forward as a trader lives it)."""
        s = checked.strategy
        _check_supported(s)
        self.s, self.close, self.record = s, close, record
        raw = signal_values if signal_values is not None else np.zeros((len(dates), 0))
        self.raw_signals, self.waits = raw, signals.waits(s, raw)
        self.ctx = Context(s, dates, close, params, periods_per_year, signals.carried(raw))
        self.ev = Evaluator(self.ctx)
        self.ev.first_decision, self.ev.waits = checked.warmup_bars, self.waits
        self.targets_read_path = any(self.ev.is_dynamic(x) for x in (s.target, s.exposure) if x is not None)
        # a check that reads the path picks the bars of the targets in effect as the loop goes: the loop
        # holds them, and what reads them reads its register
        self.ev.targets_dynamic = self.targets_read_path or self.ev.is_dynamic(s.rebalance.check)
        self.ev._dynamic.clear()
        self.costs = CostModel.of(literal_costs(s, params))
        self.band_expr = band_of(s.rebalance)
        self.t0 = checked.warmup_bars
        T, self.K = len(dates), self.ctx.K
        self.schedule = schedule
        if schedule is not None:
            self._check_schedule(schedule, T)
            self.K = 1
        if self.t0 >= T:
            raise EngineError(f"the data has {T} bars but the warm-up needs {self.t0} before the first decision")
        self._check_rules()

    def _check_schedule(self, schedule: np.ndarray, T: int) -> None:
        if schedule.shape != (T,) or schedule.min() < 0 or schedule.max() >= self.ctx.K:
            raise EngineError(f"internal: a schedule of {schedule.shape} over {T} bars and {self.ctx.K} variants")
        if any(isinstance(getattr(self.s.costs, f), ir.Ref) for f in type(self.s.costs).model_fields):
            raise EngineError("a param in 'costs:' cannot switch in the middle of a run: sweep it without "
                              "--walk-forward, or write the cost as a number")

    def _check_rules(self) -> None:
        if is_per_asset(self.s.rebalance.check, self.ctx.lets):
            raise EngineError("'check' must be the same for every asset (no drift/weight/target/price)")
        for state in self.s.states:
            for r in state.rules:
                if any(isinstance(n, ir.Ref) and n.name in self.ctx.states for n in walk(r.when)):
                    raise EngineError(f"a rule of state '{state.name}' reads a state, which is not supported")

    def run(self) -> Simulation:
        _say_once_if_numba_is_missing()
        lp = self._program()
        if self.schedule is not None:
            lp.program.series = [scheduled(values, self.schedule) for values in lp.program.series]
        data, meta = lp.program.pack()
        s, prog = self.s, lp.program
        max_dd = s.constraints.max_drawdown
        initial = sum(int(st.initial) << i for i, st in enumerate(s.states))
        settings = np.array([self.t0, s.execution.trade_at is ir.TradeAt.NEXT_OPEN, s.capital.value,
                             self.costs.rate, self.costs.fee, self.costs.min_trade,
                             max_dd.value if max_dd is not None else np.nan,
                             s.rebalance.scope is ir.TradeScope.BREACHED, s.rebalance.to is ir.RebalanceTo.BAND_EDGE,
                             self.K, lp.target_series, initial, s.rebalance.tranches], np.float64)
        if any(isinstance(getattr(s.costs, f), ir.Ref) for f in type(s.costs).model_fields if f != "span"):
            settings = np.concatenate([settings, variant_costs(s, self.ctx.params, self.K).ravel()])
        lots = np.asarray(self.costs.lots, np.float64) if self.costs.lots.size else np.zeros(self.close.shape[1])
        sizes = np.array([max(prog.registers, 1), len(self.ctx.holdings), len(s.states)], np.int64)
        out = self._outputs(len(lp.sleeves))
        trades = path_loop.run(np.ascontiguousarray(self.close, np.float64), data, meta,
                               np.array(prog.code, np.int64).reshape(-1, 5), np.array(prog.widths or [1], np.int64),
                               np.array(prog.consts or [0.0]), sizes,
                               np.array(lp.phases, np.int64), lp.rules, np.array(lp.roles, np.int64), lp.sleeves,
                               lp.member, settings, lots, self.waits, self.record, *out)
        return self._simulation(*out, trades)

    def _outputs(self, S: int) -> tuple[np.ndarray, ...]:
        """What the loop fills: NAV, drawdown, top drift, band (K, T); check and when (2, K, T); each
        sleeve's check and when (K, T, S, 2); events (K, T); targets (K, T, H) when recorded; per variant
        the bar whose orders were not finite (-1: none)."""
        K, T, H = self.K, len(self.ctx.dates), len(self.ctx.holdings)
        recorded = (K, T) if self.record else (1, 1)
        return (np.zeros((K, T)), np.zeros((K, T)), np.zeros((K, T)), np.full((K, T), np.nan),
                np.zeros((2, K, T), np.bool_), np.zeros((K, T, S, 2) if S else (1, 1, 1, 2), np.bool_),
                np.zeros((K, T), np.int8), np.full(recorded + (H,), np.nan), np.full(K, -1, np.int64))

    def _program(self) -> "LoopProgram":
        """The program in the loop's parts: state rules, checks, targets, each sleeve's rules, the decisions."""
        s, ev = self.s, self.ev
        sleeved = isinstance(s.target, ir.SleeveWeights)
        if sleeved:                      # 'target' and 'weight' mean what each rule's view gives them
            ev.targets_dynamic = True
            ev._dynamic.clear()
        prog = Program(ev)
        target_series = -1
        if sleeved and not any(ev.is_dynamic(x) for sl in s.target.sleeves
                               for x in (sl.target, sl.weight, sl.rebalance.check, s.rebalance.check)):
            ev.static_targets = final_targets(ev)            # the benchmark of a sweep (nothing recorded)
        elif not ev.targets_dynamic:
            target_series = prog.static_targets()
        if self.targets_read_path or sleeved:
            prog.reading_target_is_an_error = "a state rule reads the target weights (or the drift), " \
                                              "which read the states"
        index = {st.name: i for i, st in enumerate(s.states)}
        rules = [(index[st.name], int(r.becomes), prog.value(r.when)) for st in s.states for r in st.rules]
        prog.reading_target_is_an_error = None
        phases = [0, len(prog.code)]
        checks = self._checks(prog)
        phases.append(len(prog.code))
        member = np.zeros((0, len(self.ctx.holdings)), np.bool_)
        sleeves, target_reg = np.zeros((0, 9), np.int64), -1
        if sleeved:
            member = np.array([[h in sleeve_holdings(sl, s) for h in self.ctx.holdings] for sl in s.target.sleeves])
            owns_cash = member[:, -1] if s.cash else np.zeros(len(member), bool)
            parts = [(prog.sleeve_mix(sl, bool(cash)), prog.value(sl.weight))
                     for sl, cash in zip(s.target.sleeves, owns_cash)]
            phases.append(len(prog.code))
            views = []
            for sl, check, owned in zip(s.target.sleeves, checks[1:], member):
                prog.new_view({h: i for i, h in enumerate(self.ctx.holdings) if owned[i]}, sl.name)
                views.append((check, prog.value(sl.rebalance.when), *self._sleeve_policy(prog, sl.rebalance)))
                phases.append(len(prog.code))
            prog.new_view({sl.name: k for k, sl in enumerate(s.target.sleeves)})
            sleeves = np.array([(*p, *v[:2], prog.last_fire_register(sl.name), *v[2:], sl.rebalance.tranches)
                                for p, v, sl in zip(parts, views, s.target.sleeves)], np.int64)
        else:
            target_reg = prog.targets() if ev.targets_dynamic else -1
            phases.append(len(prog.code))
        roles = [checks[0], prog.value(s.rebalance.when),
                 prog.value(self.band_expr) if self.band_expr is not None else -1, target_reg]
        roles.append(prog.last_fire_register(None))
        phases.append(len(prog.code))
        return LoopProgram(prog, phases, np.array(rules, np.int64).reshape(-1, 3), roles, sleeves, member,
                           target_series)

    @staticmethod
    def _sleeve_policy(prog: Program, r: ir.Rebalance) -> tuple[int, int, int]:
        """A sleeve's own policy: trades only its breached assets (1/0), to the band edge (1/0), the
        register of its band (-1: none), read in the sleeve's view."""
        band = band_of(r) if r.to is ir.RebalanceTo.BAND_EDGE else None
        return (int(r.scope is ir.TradeScope.BREACHED), int(band is not None),
                prog.value(band) if band is not None else -1)

    def _checks(self, prog: Program) -> list[int]:
        """The registers of the strategy's check and each sleeve's, computed after the states and before
        the targets (which are evaluated on check bars only); what they read of the path is read again
        by what follows, after the bar's targets are known."""
        rules = [(None, self.s.rebalance)] + [(sl.name, sl.rebalance) for sl in sleeves_of(self.s)]
        registers = []
        for name, r in rules:            # a sleeve's `since rebalance` counts from its own trades
            prog.new_view(since=name)
            registers.append(prog.value(r.check))
        prog.new_view()
        return registers

    def _simulation(self, nav, drawdown, drift, band, flags, sleeve_flags, event, targets, broken,
                    trades) -> Simulation:
        self._refuse_broken(broken, targets)
        t0 = self.t0
        nav[:, :t0] = self.s.capital.value
        sim = Simulation(t0, nav, flags[0], flags[1], drift, band if self.record else np.full_like(band, np.nan),
                         drawdown, event, targets if self.record else None,
                         sleeve_flags if isinstance(self.s.target, ir.SleeveWeights) else None,
                         self._waiting() if self.record else {})
        order = np.lexsort((trades[:, 0], trades[:, 1]))
        trades = trades[order]
        variant, bar = trades[:, 0].astype(np.int64), trades[:, 1].astype(np.int64)
        cols = path_loop.TRADE_COLUMNS
        next_open = self.s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        codes = event[variant, bar]
        sim.set_trade_columns(TradeColumns(variant, bar, bar + 1 if next_open else bar,
                                           np.array(EVENTS, dtype=object)[codes].astype(str),
                                           trades[:, cols:], self.close[bar], trades[:, 2], trades[:, 3],
                                           trades[:, 5].astype(np.int64), trades[:, 6].astype(np.int64)))
        return sim

    def _waiting(self) -> dict[int, str]:
        """Why each bar that waits for a signal waits (the trace's reason)."""
        if not self.waits.any():
            return {}
        return {t: why for t, why in signals.why_waiting(self.s, self.raw_signals, self.ctx.dates).items()
                if t >= self.t0}

    def _refuse_broken(self, broken: np.ndarray, targets: np.ndarray) -> None:
        """Orders that are not finite stop the run with the bar and what the targets were there."""
        if (broken < 0).all():
            return
        k = int(np.flatnonzero(broken >= 0)[0])
        t = int(broken[k])
        where = f" (variant {k + 1} of the sweep)" if self.K > 1 else ""
        shown = ""
        if targets.shape[1] > t:
            values = ", ".join(f"{h} {v:.6g}" for h, v in zip(self.ctx.holdings, targets[min(k, len(targets) - 1), t]))
            shown = f": the targets there were {values}"
        raise EngineError(f"the orders on {self.ctx.dates[t]}{where} are not finite{shown}; an expression "
                          "divided by zero or overflowed on that bar (a volatility of 0, a weight over a price "
                          "of 0): guard it, e.g. max(vol(...), 0.1%)")
