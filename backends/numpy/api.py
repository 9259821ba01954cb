"""The Python API: `backtest(strategy, prices, **params) -> Result` and `sweep(...) -> SweepResult`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rbl.backends.numpy import chunks
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy import overfitting as of
from rbl.backends.numpy.engine import Engine
from rbl.backends.numpy.evaluate import EngineError
from rbl.backends.numpy.inputs import NO_FILL, PricesLike, load_prices
from rbl.backends.numpy.panel import Panel, bundled_files
from rbl.backends.numpy.params import ParamError, grid_of, param_value, settings  # noqa: F401 (re-exported)
from rbl.backends.numpy.progress import Report
from rbl.backends.numpy.readers import DataError
from rbl.backends.numpy.results import Result, Run
from rbl.backends.numpy.sleeve_trace import result_for
from rbl.dsl import ir
from rbl.dsl.compiler import compile_file
from rbl.dsl.ir.checked import CheckedStrategy

def _checked(strategy: CheckedStrategy | str | Path) -> CheckedStrategy:
    return strategy if isinstance(strategy, CheckedStrategy) else compile_file(strategy)


def _columns(s: ir.Strategy) -> list[str]:
    """The data columns a strategy reads: its assets' prices, then its signals."""
    return list(dict.fromkeys([a.column for a in s.assets] + [x.column for x in s.signals]))


def signal_columns(s: ir.Strategy) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.column for x in s.signals))


def load_for(s: ir.Strategy, prices: PricesLike, start=None, end=None, ffill: int = 0) -> tuple[Panel, str]:
    """The panel of the strategy's columns (prices and signals) and the gap policy of the manifest."""
    from rbl.dsl.check.warmup import signal_reach
    read = tuple(x.column for x in s.signals if x.name in signal_reach(s))
    return load_prices(_columns(s), prices, start, end, ffill, signal_columns(s), read)


def panel_for(s: ir.Strategy, prices: PricesLike, start=None, end=None, ffill: int = 0) -> Panel:
    """The price panel of the strategy's asset columns, from files, a DataFrame or the bundled data."""
    return load_for(s, prices, start, end, ffill)[0]


def _params(s: ir.Strategy, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every declared param as a (K,) array: the given values, the default for the others."""
    return {p.name: np.atleast_1d(values.get(p.name, p.default.value)).astype(np.float64) for p in s.params}


def _manifest(s: ir.Strategy, panel: Panel, P: float, warmup: int, gaps: str) -> dict:
    return {
        "data": [_source(path) for path in panel.sources], "missing_prices": gaps,
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


def _source(path: str) -> str:
    """A data file as the manifest names it: the bundled files by name (not where pip put them)."""
    bundled = {str(p): p.name for p in bundled_files()}
    return f"bundled {bundled[path]}" if path in bundled else path


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


def signal_values(panel: Panel, s: ir.Strategy) -> np.ndarray:
    """The (T, M) values of the strategy's signals in declared order, gaps as NaN."""
    return panel.close[:, [panel.columns.index(x.column) for x in s.signals]]


def simulate(checked: CheckedStrategy, panel: Panel, params: dict[str, np.ndarray], record: bool,
             progress: Report | None = None, gaps: str = NO_FILL, schedule: np.ndarray | None = None) -> Run:
    """One pass of every variant of `params`; with `schedule` (T,), one path switching variants by bar
    (Engine)."""
    s = checked.strategy
    _enough_bars(panel, checked.warmup_bars)
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    close = _asset_prices(panel, s)
    engine = Engine(checked, panel.dates, close, params, float(s.annualize_days or 252), record,
                    signal_values(panel, s), schedule)
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
    panel, gaps = load_for(s, prices, start, end, ffill)
    run = simulate(checked, panel, _params(s, values), record=True, progress=progress, gaps=gaps)
    return result_for(run, 0, {k: float(v[0]) for k, v in _params(s, values).items()})


class SweepResult:
    """Every variant of a sweep: `table` (one row per variant: params, metrics, PSR and DSR),
    `statistics` (the trial-aware verdict, `overfitting.Trials`) and `result(i)` (variant i, bit for
    bit its row). `run` is the pass itself when the sweep took one chunk, else None."""

    def __init__(self, checked: CheckedStrategy, panel: Panel, gaps: str, grid: dict[str, np.ndarray],
                 first: Frame, scores: _Scores, plan: chunks.Plan, run: Run | None) -> None:
        self.checked, self.strategy, self.panel, self.gaps = checked, checked.strategy, panel, gaps
        self.grid, self.plan, self.run = grid, plan, run
        self.manifest, self.dates, self.t0 = first.manifest, first.dates, first.t0
        self.periods_per_year = first.periods_per_year
        self.statistics = scores.trials(self.periods_per_year, self.dates[self.t0:])
        params = {name: np.asarray(values, dtype=np.float64) for name, values in grid.items()}
        self.table = pd.DataFrame({**params, **scores.metrics, "psr": self.statistics.psr,
                                   "dsr": self.statistics.dsr})

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def _repr_html_(self) -> str:
        from rbl.backends.numpy.report import sweep_cell
        return sweep_cell(self)

    def params(self, i: int) -> dict[str, float]:
        return {name: float(values[i]) for name, values in self.grid.items()}

    def result(self, i: int) -> Result:
        """Variant i with its trades, trace and weights: read from the pass when the sweep took one
        chunk (which tests that a sweep's variant is its single run rely on), else run again alone;
        either way bit for bit its row of the table."""
        if not 0 <= i < len(self.table):
            raise IndexError(f"variant {i} of a sweep of {len(self.table)}")
        if self.run is not None:
            return result_for(self.run, i, self.params(i))
        one = {n: np.array([v]) for n, v in self.params(i).items()}
        run = simulate(self.checked, self.panel, _params(self.strategy, one), record=True, gaps=self.gaps)
        return result_for(run, 0, self.params(i))

    @property
    def results(self) -> _Variants:
        return _Variants(self)


class _Variants(Sequence):
    """The variants of a sweep as a sequence of `Result`s, each re-run when it is read."""

    def __init__(self, sweep: SweepResult) -> None:
        self.sweep = sweep

    def __len__(self) -> int:
        return len(self.sweep.table)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.sweep.result(k) for k in range(len(self))[i]]
        return self.sweep.result(i if i >= 0 else len(self) + i)


@dataclass(frozen=True)
class Part:
    """What a sweep keeps of one chunk (small, picklable: what a worker sends back): the metric columns,
    the return shape for PSR and the per-block return moments for CSCV."""

    columns: dict[str, np.ndarray]
    skew: np.ndarray
    kurt: np.ndarray
    mean: np.ndarray | None
    m2: np.ndarray | None
    returns: int
    size: int                   # bars per CSCV block; 0 when the bars are too few (under 4 per block)


def score(run: Run, blocks: int) -> Part:
    """The part of a chunk's run that the sweep keeps (never a NAV row)."""
    t0, totals = run.sim.t0, run.totals
    nav = run.sim.nav[:, t0:]
    columns = m.columns(nav, run.dates[t0:], run.periods_per_year, run.benchmark_matrix(),
                        totals.turnover, totals.rebalances, totals.orders, totals.costs)
    r = m.returns(nav)
    skew, kurt = of.shape(r)
    enough = blocks and r.shape[1] >= 4 * blocks
    size, mean, m2 = of.block_moments(r, blocks) if enough else (0, None, None)
    return Part(columns, skew, kurt, mean, m2, r.shape[1], size)


@dataclass
class _Scores:
    """What a sweep keeps of each chunk: the metric columns, the return shape for PSR and the
    per-block return moments for CSCV (never a NAV row)."""

    blocks: int
    metrics: dict[str, np.ndarray] = field(default_factory=dict)
    parts: list = field(default_factory=list)
    returns: int = 0
    size: int = 0               # bars per CSCV block; 0 when the bars are too few (under 4 per block)

    def add(self, run: Run) -> None:
        self.take(score(run, self.blocks))

    def take(self, part: Part) -> None:
        """A chunk's part, appended: the parts must come in chunk order (the table's rows follow them)."""
        self.returns, self.size = part.returns, part.size
        self.parts.append((part.columns, part.skew, part.kurt, part.mean, part.m2))

    def _joined(self, i: int) -> np.ndarray:
        return np.concatenate([part[i] for part in self.parts])

    def columns(self) -> dict[str, np.ndarray]:
        """Every variant's metrics as (K,) columns, the chunks' rows in order."""
        self.metrics = {name: np.concatenate([part[0][name] for part in self.parts]) for name in self.parts[0][0]}
        return self.metrics

    def trials(self, P: float, dates: np.ndarray) -> of.Trials:
        self.columns()
        sharpe = self.metrics["sharpe"] / np.sqrt(P)
        pbo = of.cscv(self._joined(3), self._joined(4), self.size) if self.size and len(sharpe) > 1 else None
        years = m.calendar_days(dates) / m.DAYS_PER_YEAR
        return of.trials(sharpe, self.returns, self._joined(1), self._joined(2), P, years, pbo)


def _holdings(s: ir.Strategy) -> int:
    return len(s.assets) + (1 if s.cash else 0)


def _pick(grid: dict[str, np.ndarray], a: int, b: int) -> dict[str, np.ndarray]:
    return {name: values[a:b] for name, values in grid.items()}


def sweep(strategy: CheckedStrategy | str | Path, prices: PricesLike = None, *, start=None, end=None,
          ffill: int = 0, progress: Report | None = None, memory_budget: int = chunks.DEFAULT_BUDGET,
          pbo_blocks: int = 16, workers: int = 1, scheduler: str | None = None, **ranges) -> SweepResult:
    """Every variant of a grid, in chunks under `memory_budget` bytes: `sweep(path, band=("1pp", "10pp", "1pp"))`.

    Each chunk is one pass; of it the sweep keeps one row of metrics per variant and the per-block
    return moments of CSCV (`pbo_blocks` blocks, even). `progress` gets ("variants", done, total) after
    each chunk (a one-chunk sweep: the pass's own feed, then ("metrics", K, K)). `workers` > 1 runs the
    chunks on that many local processes, `scheduler="tcp://HOST:PORT"` on a Dask cluster (`workers.py`);
    the table is bit for bit the same."""
    from rbl.backends.numpy import workers as pools
    checked = _checked(strategy)
    _check_blocks(pbo_blocks)
    pool = pools.pool(workers, scheduler)
    grid = grid_of(checked.strategy, ranges, memory_budget, pbo_blocks)
    panel, gaps = load_for(checked.strategy, prices, start, end, ffill)
    with pool:
        first, scores, plan, run = run_grid(checked, panel, gaps, grid, memory_budget, pbo_blocks, progress,
                                            pool=pool)
    return SweepResult(checked, panel, gaps, grid, first, scores, plan, run)


@dataclass(frozen=True)
class Frame:
    """What every chunk of a sweep shares: the manifest, the bars, the first decision bar, P (kept
    instead of the first chunk's run, whose arrays would stay alive)."""

    manifest: dict
    dates: np.ndarray
    t0: int
    periods_per_year: float


def run_chunk(checked: CheckedStrategy, panel: Panel, gaps: str, grid: dict[str, np.ndarray],
              blocks: int) -> tuple[Frame, Part]:
    """One chunk's pass reduced to what the sweep keeps: what a worker runs and sends back."""
    run = simulate(checked, panel, _params(checked.strategy, grid), record=False, gaps=gaps)
    return Frame(run.manifest, run.dates, run.sim.t0, run.periods_per_year), score(run, blocks)


def run_grid(checked: CheckedStrategy, panel: Panel, gaps: str, grid: dict[str, np.ndarray], budget: int,
             blocks: int, progress: Report | None = None, adjust=None,
             pool=None) -> tuple[Frame, _Scores, chunks.Plan, Run | None]:
    """The chunked passes of a sweep: (what the chunks share, the kept scores, the plan, the run itself
    when there was one chunk in this process). `blocks` 0: no CSCV moments are kept (a walk-forward's
    train part); `adjust(run)` gives the run to score (timing luck: the bars' real dates); `pool` (a
    `workers` pool of width > 1) runs the chunks elsewhere and gives their parts back in chunk order."""
    s = checked.strategy
    K = len(next(iter(grid.values())))
    width = pool.width if pool is not None else 1
    plan = chunks.plan(K, len(panel.dates), _holdings(s), len(grid), blocks, budget, width)
    if pool is not None and pool.width > 1 and adjust is None:
        return _pooled(pool, (checked, panel, gaps, blocks), plan, grid, progress)
    scores, first, run, one = _Scores(blocks), None, None, plan.per_chunk >= K
    done = 0
    try:
        for a, b in plan.chunks():
            run = simulate(checked, panel, _params(s, _pick(grid, a, b)), record=False,
                           progress=progress if one else None, gaps=gaps)
            run = adjust(run) if adjust is not None else run
            first = first or Frame(run.manifest, run.dates, run.sim.t0, run.periods_per_year)
            scores.add(run)
            if not one:
                run = None                   # the chunk's arrays go before the next chunk is made
                chunks.release()
            done = b
            if progress is not None:
                progress("metrics" if one else "variants", b, K)
    except KeyboardInterrupt:
        from rbl.backends.numpy.workers import SweepStopped
        raise SweepStopped.interrupted(done, K) from None
    return first, scores, plan, run if one else None


def _pooled(pool, job: tuple, plan: chunks.Plan, grid: dict[str, np.ndarray],
            progress: Report | None) -> tuple[Frame, _Scores, chunks.Plan, None]:
    """The chunks run by a pool; the parts taken in chunk order whatever order they finished in."""
    scores = _Scores(job[3])
    done = pool.run(job, [_pick(grid, a, b) for a, b in plan.chunks()], progress)
    for _, part in done:
        scores.take(part)
    return done[0][0], scores, plan, None


def _check_blocks(blocks: int) -> None:
    if blocks < 2 or blocks % 2 or blocks > MAX_PBO_BLOCKS:
        raise ParamError(f"--pbo-blocks takes an even number from 2 to {MAX_PBO_BLOCKS}, got {blocks}")


MAX_PBO_BLOCKS = 20         # C(20, 10) = 184,756 splits; each is one ranking of every variant


__all__ = ["backtest", "sweep", "DataError", "EngineError", "ParamError"]
