"""The engine: one pass of a checked strategy over a price matrix, for K parameter variants at once.

It prepares what the path loop reads (program.py: series and a register program), runs the loop
(path_loop.py) and returns the simulation. Strategies with sleeves walk in sleeves.py."""

from __future__ import annotations

import sys

import numpy as np

from backends.numpy import path_loop
from backends.numpy.evaluate import Context, EngineError, Evaluator
from backends.numpy.orders import CostModel
from backends.numpy.program import Program
from backends.numpy.simulation import EVENTS, Simulation, TradeColumns
from dsl import ir
from dsl.ir.analysis import band_of, is_per_asset
from dsl.ir.checked import CheckedStrategy
from dsl.ir.walk import children, walk


def _check_supported(s: ir.Strategy) -> None:
    parts = [child for child in children(s) if not isinstance(child, ir.Asset)]   # assets hold no rules
    uses_last = any(isinstance(n, ir.CalendarRule) and n.rule == "last" for part in parts for n in walk(part))
    if uses_last and s.execution.trade_at is not ir.TradeAt.NEXT_OPEN:
        raise EngineError("'last trading day of ...' needs 'trade at next open'")


_SAID: list[str] = []


def _say_once_if_numba_is_missing() -> None:
    if path_loop.NUMBA_MISSING and not _SAID:
        _SAID.append(path_loop.NUMBA_MISSING)
        print(f"rbl: numba could not be loaded ({path_loop.NUMBA_MISSING}); the backtest runs the same loop as "
              "plain Python: the same results, far slower. Reinstall it: pip install --force-reinstall numba",
              file=sys.stderr)


class Engine:
    """One pass of a checked strategy over a price matrix, for K parameter variants at once."""

    def __init__(self, checked: CheckedStrategy, dates, close, params: dict[str, np.ndarray],
                 periods_per_year: float, record: bool = True) -> None:
        s = checked.strategy
        _check_supported(s)
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
        self._check_rules()

    def _check_rules(self) -> None:
        if is_per_asset(self.s.rebalance.check, self.ctx.lets):
            raise EngineError("'check' must be the same for every asset (no drift/weight/target/price)")
        for state in self.s.states:
            for r in state.rules:
                if any(isinstance(n, ir.Ref) and n.name in self.ctx.states for n in walk(r.when)):
                    raise EngineError(f"a rule of state '{state.name}' reads a state, which is not supported")

    def run(self) -> Simulation:
        if isinstance(self.s.target, ir.SleeveWeights):     # sleeves walk their own way
            from backends.numpy.sleeves import SleeveWalk
            return SleeveWalk(self).run()
        return self._loop()

    def _program(self) -> tuple[Program, list[int], np.ndarray, list[int]]:
        """The program in the loop's three phases: state rules, targets, decisions."""
        s, prog = self.s, Program(self.ev)
        if self.ev.targets_dynamic:
            prog.reading_target_is_an_error = "a state rule reads the target weights (or the drift), " \
                                              "which read the states"
        target_series = prog.static_targets() if not self.ev.targets_dynamic else -1
        index = {st.name: i for i, st in enumerate(s.states)}
        rules = [(index[st.name], int(r.becomes), prog.value(r.when)) for st in s.states for r in st.rules]
        prog.reading_target_is_an_error = None
        phases = [len(prog.code)]
        target_reg = prog.targets() if self.ev.targets_dynamic else -1
        phases.append(len(prog.code))
        roles = [prog.value(s.rebalance.check), prog.value(s.rebalance.when),
                 prog.value(self.band_expr) if self.band_expr is not None else -1, target_reg, -1]
        phases.append(len(prog.code))
        return prog, phases, np.array(rules, np.int64).reshape(-1, 3), [roles, target_series]

    def _loop(self) -> Simulation:
        _say_once_if_numba_is_missing()
        prog, phases, rules, (roles, target_series) = self._program()
        data, meta = prog.pack()
        s, H = self.s, len(self.ctx.holdings)
        code = np.array(prog.code, np.int64).reshape(-1, 5)
        max_dd = s.constraints.max_drawdown
        initial = sum(int(st.initial) << i for i, st in enumerate(s.states))
        settings = np.array([self.t0, s.execution.trade_at is ir.TradeAt.NEXT_OPEN, s.capital.value,
                             self.costs.rate, self.costs.fee, self.costs.min_trade,
                             max_dd.value if max_dd is not None else np.nan,
                             s.rebalance.scope is ir.TradeScope.BREACHED, s.rebalance.to is ir.RebalanceTo.BAND_EDGE,
                             self.K, target_series, initial], np.float64)
        lots = np.asarray(self.costs.lots, np.float64) if self.costs.lots.size else np.zeros(self.close.shape[1])
        out = path_loop.run(np.ascontiguousarray(self.close, np.float64), data, meta, code,
                            np.array(prog.consts or [0.0]), np.array([max(prog.registers, 1), H, len(s.states)],
                                                                     np.int64),
                            np.array(phases, np.int64), rules, np.array(roles, np.int64), settings, lots,
                            self.record)
        return self._simulation(*out)

    def _simulation(self, nav, drawdown, drift, band, flags, event, targets, trades) -> Simulation:
        t0 = self.t0
        nav[:, :t0] = self.s.capital.value
        sim = Simulation(t0, nav, flags[0], flags[1], drift, band if self.record else np.full_like(band, np.nan),
                         drawdown, event, targets if self.record else None)
        order = np.lexsort((trades[:, 0], trades[:, 1]))
        trades = trades[order]
        variant, bar = trades[:, 0].astype(np.int64), trades[:, 1].astype(np.int64)
        next_open = self.s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        codes = event[variant, bar]
        sim.set_trade_columns(TradeColumns(variant, bar, bar + 1 if next_open else bar,
                                           np.array(EVENTS, dtype=object)[codes].astype(str),
                                           trades[:, 5:], self.close[bar], trades[:, 2], trades[:, 3]))
        return sim
