"""The Python API: `backtest(strategy, prices, **params) -> Result` and `sweep(...) -> SweepResult`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from backends.numpy import metrics as m
from backends.numpy.engine import Engine
from backends.numpy.evaluate import EngineError
from backends.numpy.inputs import NO_FILL, PricesLike, load_prices
from backends.numpy.panel import Panel
from backends.numpy.params import ParamError, grid_of, param_value, settings  # noqa: F401 (re-exported)
from backends.numpy.progress import Report
from backends.numpy.readers import DataError
from backends.numpy.results import Result, Run
from backends.numpy.sleeve_trace import result_for
from dsl import ir
from dsl.compiler import compile_file
from dsl.ir.checked import CheckedStrategy

def _checked(strategy: CheckedStrategy | str | Path) -> CheckedStrategy:
    return strategy if isinstance(strategy, CheckedStrategy) else compile_file(strategy)


def _columns(s: ir.Strategy) -> list[str]:
    return list(dict.fromkeys(a.column for a in s.assets))


def panel_for(s: ir.Strategy, prices: PricesLike, start=None, end=None, ffill: int = 0) -> Panel:
    """The price panel of the strategy's asset columns, from files, a DataFrame or the bundled data."""
    return load_prices(_columns(s), prices, start, end, ffill)[0]


def _params(s: ir.Strategy, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every declared param as a (K,) array: the given values, the default for the others."""
    return {p.name: np.atleast_1d(values.get(p.name, p.default.value)).astype(np.float64) for p in s.params}


def _manifest(s: ir.Strategy, panel: Panel, P: float, warmup: int, gaps: str) -> dict:
    return {
        "data": list(panel.sources), "missing_prices": gaps,
        "first_bar": str(panel.dates[0]), "last_bar": str(panel.dates[-1]),
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


def _enough_bars(panel: Panel, warmup: int) -> None:
    """The warm-up (the longest lookback) must leave at least one decision bar in the window."""
    if len(panel.dates) <= warmup:
        raise DataError(f"the data from {panel.dates[0]} to {panel.dates[-1]} has {len(panel.dates)} bars, but "
                        f"the strategy's lookbacks need {warmup} bars of warm-up before its first decision "
                        "(start earlier or pass longer data)")


def _asset_prices(panel: Panel, s: ir.Strategy) -> np.ndarray:
    """The (T, N) prices of the strategy's assets in their order: the panel's own matrix, read-only,
    when its columns are exactly those (no copy), else the selected columns."""
    order = [panel.columns.index(a.column) for a in s.assets]
    if order != list(range(panel.close.shape[1])):
        return panel.close[:, order]
    view = panel.close.view()
    view.flags.writeable = False        # the walks only read prices; a write would change the caller's panel
    return view


def simulate(checked: CheckedStrategy, panel: Panel, params: dict[str, np.ndarray], record: bool,
             progress: Report | None = None, gaps: str = NO_FILL) -> Run:
    s = checked.strategy
    _enough_bars(panel, checked.warmup_bars)
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    close = _asset_prices(panel, s)
    engine = Engine(checked, panel.dates, close, params, float(s.annualize_days or 252), record)
    if progress is not None:
        progress("simulating", 0, 0)          # the engine's walk has no stable hook: "under way"
    sim = engine.run()
    if progress is not None:
        variants = sim.nav.shape[0]
        progress("simulating", variants, variants)
    bench = sim.targets if sim.targets is not None else engine.ev.static_targets
    return Run(s, panel.dates, close, sim, P, _manifest(s, panel, P, checked.warmup_bars, gaps), bench)


def backtest(strategy: CheckedStrategy | str | Path, prices: PricesLike = None, *, start: str | None = None,
             end: str | None = None, ffill: int = 0, progress: Report | None = None, **params) -> Result:
    """Backtest one strategy: `backtest("examples/threshold_60_40.rbl")` runs on the bundled data.

    Params are text as written (`band="3pp"`) or stored values (`band=0.03`); `ffill=N` carries a price
    over at most N missing bars; `progress(what, done, total)` is called as the work advances (total 0:
    under way, size unknown).
    """
    checked = _checked(strategy)
    s = checked.strategy
    values = settings(s, params)
    panel, gaps = load_prices(_columns(s), prices, start, end, ffill)
    run = simulate(checked, panel, _params(s, values), record=True, progress=progress, gaps=gaps)
    return result_for(run, 0, {k: float(v[0]) for k, v in _params(s, values).items()})


class SweepResult:
    """Every variant of a sweep: `table` (one row per variant: params then metrics) and `result(i)`."""

    def __init__(self, run: Run, grid: dict[str, np.ndarray], progress: Report | None = None) -> None:
        self.run, self.grid = run, grid
        K = run.sim.nav.shape[0]
        self.results = [result_for(run, k, {n: float(v[k]) for n, v in grid.items()}) for k in range(K)]
        params = {name: np.asarray(values, dtype=np.float64) for name, values in grid.items()}
        self.table = pd.DataFrame({**params, **self._metrics()})
        if progress is not None:
            progress("metrics", K, K)         # every variant scored at once

    def _metrics(self) -> dict[str, np.ndarray]:
        """Every variant's metrics as columns, from one pass over the (K, bars) NAV rows."""
        run, t0, totals = self.run, self.run.sim.t0, self.run.totals
        return m.columns(run.sim.nav[:, t0:], run.dates[t0:], run.periods_per_year, run.benchmark_matrix(),
                         totals.turnover, totals.rebalances, totals.orders, totals.costs)

    def result(self, i: int) -> Result:
        return self.results[i]


def sweep(strategy: CheckedStrategy | str | Path, prices: PricesLike = None, *, start=None, end=None,
          ffill: int = 0, progress: Report | None = None, **ranges) -> SweepResult:
    """All variants in one pass: `sweep(path, band=("1pp", "10pp", "1pp"))`."""
    checked = _checked(strategy)
    s = checked.strategy
    grid = grid_of(s, ranges)
    panel, gaps = load_prices(_columns(s), prices, start, end, ffill)
    run = simulate(checked, panel, _params(s, grid), record=False, progress=progress, gaps=gaps)
    return SweepResult(run, grid, progress)


__all__ = ["backtest", "sweep", "DataError", "EngineError", "ParamError"]
