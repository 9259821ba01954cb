"""The Python API: `backtest(strategy, prices, **params) -> Result` and `sweep(...) -> SweepResult`."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from backends.numpy import metrics as m
from backends.numpy.panel import Panel, load_panel
from backends.numpy.engine import Engine
from backends.numpy.progress import Report
from backends.numpy.evaluate import EngineError
from backends.numpy.readers import DataError
from backends.numpy.results import Result, Run
from dsl import ir
from dsl.compiler import compile_file
from dsl.ir.checked import CheckedStrategy

PricesLike = None | str | Path | list | pd.DataFrame | Panel

_SCALE = {"%": 0.01, "pp": 0.01, "bps": 1e-4, "bp": 1e-4, "x": 1.0}
_UNIT_SCALE = {ir.Unit.PERCENT: 0.01, ir.Unit.PP: 0.01, ir.Unit.BPS: 1e-4}


def _checked(strategy: CheckedStrategy | str | Path) -> CheckedStrategy:
    return strategy if isinstance(strategy, CheckedStrategy) else compile_file(strategy)


def panel_for(s: ir.Strategy, prices: PricesLike, start=None, end=None) -> Panel:
    """The price panel of the strategy's asset columns, from files, a DataFrame or the bundled data."""
    columns = list(dict.fromkeys(a.column for a in s.assets))
    if isinstance(prices, Panel):
        panel = prices
    elif isinstance(prices, pd.DataFrame):
        panel = _from_frame(prices, columns)
    else:
        paths = [prices] if isinstance(prices, (str, Path)) else list(prices or [])
        panel = load_panel(columns, [Path(p) for p in paths])
    return panel.between(start, end)


def _from_frame(frame: pd.DataFrame, columns: list[str]) -> Panel:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"the DataFrame has no column {', '.join(missing)}")
    values = frame[columns].to_numpy(np.float64)
    if not (values > 0).all():
        raise DataError("the DataFrame has missing, zero or negative prices")
    dates = pd.DatetimeIndex(frame.index).to_numpy().astype("datetime64[D]")
    if (np.diff(dates).astype(np.int64) <= 0).any():
        raise DataError("the DataFrame's dates must be unique and increasing")
    return Panel(dates, values, tuple(columns), ("DataFrame",))


def param_value(param: ir.Param, value) -> float:
    """A parameter value as stored in the IR: '3pp' -> 0.03; a bare number is in the param's unit."""
    if not isinstance(value, str):
        return float(value)
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(%|pp|bps|bp|x|)\s*", value)
    if match is None:
        raise ValueError(f"cannot read '{value}' as a value of param '{param.name}' (e.g. 3pp)")
    number, unit = float(match.group(1)), match.group(2)
    scale = _SCALE[unit] if unit else _UNIT_SCALE.get(param.default.unit, 1.0)
    return number * scale


def _params(s: ir.Strategy, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    known = {p.name: p for p in s.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown param {', '.join(unknown)} (the strategy declares "
                         f"{', '.join(known) or 'none'})")
    return {name: np.atleast_1d(values.get(name, p.default.value)).astype(np.float64)
            for name, p in known.items()}


def _manifest(s: ir.Strategy, panel: Panel, P: float, warmup: int) -> dict:
    return {
        "data": list(panel.sources), "first_bar": str(panel.dates[0]), "last_bar": str(panel.dates[-1]),
        "bars": len(panel.dates), "warmup_bars": warmup,
        "first_decision": str(panel.dates[min(warmup, len(panel.dates) - 1)]),
        "periods_per_year": P,
        "periods_per_year_source": "declared (annualize)" if s.annualize_days else
        "inferred: median bars per calendar year",
        "execution": f"decide at {s.execution.decide_at.value}, trade at "
                     f"{s.execution.trade_at.value.replace('_', ' ')}",
        "open_prices": "close-only data: open[t] = close[t-1]",
        "mode": "alert strategies are simulated as if every alert were approved" if
        s.execution.mode is ir.Mode.ALERT else "trade",
        "costs": "self-financing, landing exactly on target: V' = V - sum(k |w V' - q P| + fee)",
        "benchmark": s.benchmark.asset or "the targets rebalanced every bar, no costs",
        **m.CONVENTIONS,
    }


class ObservedEngine(Engine):
    """The engine, reporting after each block how many bars it has walked (for a progress bar)."""

    report: Report

    def _block(self, a: int, b: int, sim) -> int:
        walked = super()._block(a, b, sim)
        self.report("simulating", a + walked + 1 - self.t0, len(self.ctx.dates) - self.t0)
        return walked


def _engine(checked: CheckedStrategy, panel: Panel, close, params, record: bool, progress: Report | None):
    s = checked.strategy
    arguments = (checked, panel.dates, close, params, float(s.annualize_days or 252), record)
    if progress is None:
        return Engine(*arguments)
    engine = ObservedEngine(*arguments)
    engine.report = progress
    return engine


def simulate(checked: CheckedStrategy, panel: Panel, params: dict[str, np.ndarray], record: bool,
             progress: Report | None = None) -> Run:
    s = checked.strategy
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    close = panel.close[:, [panel.columns.index(a.column) for a in s.assets]]
    engine = _engine(checked, panel, close, params, record, progress)
    sim = engine.run()
    bench = sim.targets if sim.targets is not None else engine.ev.static_targets
    return Run(s, panel.dates, close, sim, P, _manifest(s, panel, P, checked.warmup_bars), bench)


def backtest(strategy: CheckedStrategy | str | Path, prices: PricesLike = None, *, start: str | None = None,
             end: str | None = None, progress: Report | None = None, **params) -> Result:
    """Backtest one strategy: `backtest("examples/threshold_60_40.rbl")` runs on the bundled data.

    `progress(what, done, total)` is called as the bars are walked (the CLI draws a bar with it).
    """
    checked = _checked(strategy)
    s = checked.strategy
    values = {name: param_value(s.param(name), v) if s.param(name) else v for name, v in params.items()}
    run = simulate(checked, panel_for(s, prices, start, end), _params(s, values), record=True,
                   progress=progress)
    return Result(run, 0, {k: float(v[0]) for k, v in _params(s, values).items()})


class SweepResult:
    """Every variant of a sweep: `table` (one row per variant: params then metrics) and `result(i)`."""

    def __init__(self, run: Run, grid: dict[str, np.ndarray], progress: Report | None = None) -> None:
        self.run, self.grid = run, grid
        K = run.sim.nav.shape[0]
        self.results = [Result(run, k, {n: float(v[k]) for n, v in grid.items()}) for k in range(K)]
        self.table = pd.DataFrame([self._row(k, progress) for k in range(K)])

    def _row(self, k: int, progress: Report | None) -> dict:
        row = {**self.results[k].params, **self.results[k].metrics}
        if progress is not None:
            progress("metrics", k + 1, len(self.results))
        return row

    def result(self, i: int) -> Result:
        return self.results[i]


def grid_of(s: ir.Strategy, ranges: dict[str, tuple]) -> dict[str, np.ndarray]:
    """The cartesian grid of the swept params (declared ranges when none are given), flattened to K."""
    ranges = ranges or {p.name: (p.lo.value, p.hi.value, p.step.value) for p in s.params}
    axes = {}
    for name, (lo, hi, step) in ranges.items():
        if s.param(name) is None:
            raise ValueError(f"unknown param {name}")
        lo, hi, step = (param_value(s.param(name), x) for x in (lo, hi, step))
        if step <= 0 or hi < lo:
            raise ValueError(f"param {name}: the range needs lo <= hi and a positive step")
        count = int(np.floor((hi - lo) / step + 1e-9)) + 1
        axes[name] = np.round(lo + step * np.arange(count), 12)
    combos = list(itertools.product(*axes.values()))
    return {name: np.array([c[i] for c in combos]) for i, name in enumerate(axes)}


def sweep(strategy: CheckedStrategy | str | Path, prices: PricesLike = None, *, start=None, end=None,
          progress: Report | None = None, **ranges) -> SweepResult:
    """All variants in one pass: `sweep(path, band=("1pp", "10pp", "1pp"))`."""
    checked = _checked(strategy)
    s = checked.strategy
    grid = grid_of(s, ranges)
    run = simulate(checked, panel_for(s, prices, start, end), _params(s, grid), record=False,
                   progress=progress)
    return SweepResult(run, grid, progress)


__all__ = ["backtest", "sweep", "DataError", "EngineError"]
