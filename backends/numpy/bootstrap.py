"""Monte Carlo over bootstrapped price paths (`--bootstrap N --block L`): every variant run on N stationary
block-bootstrapped paths of the assets' joint bar returns; the distribution of one metric per variant."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rbl.backends.numpy import chunks
from rbl.backends.numpy.panel import Panel

MAX_PATHS = 10_000


def path_close(close: np.ndarray, path: int, block: float, seed: int, levels: np.ndarray | None = None) -> np.ndarray:
    """Path `path` of a stationary bootstrap (Politis and Romano 1994) of the (T, N) prices: the bar
    returns close[t] / close[t-1] of all assets together are drawn in blocks of the same bars (so the
    assets keep their cross-correlation), each block starting at a uniform bar and of geometric length
    with mean `block`, wrapping circularly past the last return; the prices are rebuilt from the first
    bar's by compounding the drawn returns. The generator of path p is seeded by (seed, p), so any
    process builds path p alone and bit for bit. Columns marked in `levels` (signals, not prices) take the
    drawn bars' own values, gaps included."""
    with np.errstate(divide="ignore", invalid="ignore"):
        gross = close[1:] / close[:-1]
    n = len(gross)
    rng = np.random.default_rng([seed, path])
    starts, fresh = rng.integers(0, n, n), rng.random(n) < 1.0 / block
    fresh[0] = True
    index = np.empty(n, dtype=np.int64)
    for t in range(n):                  # a new block, or the next return of the current one
        index[t] = starts[t] if fresh[t] else (index[t - 1] + 1) % n
    out = np.vstack([close[:1], close[0] * np.cumprod(gross[index], axis=0)])
    if levels is not None and levels.any():
        out[1:, levels] = close[1:][index][:, levels]
    return out


def path_panel(panel: Panel, path: int, block: float, seed: int, signals: tuple[str, ...] = ()) -> Panel:
    levels = np.array([c in signals for c in panel.columns])
    return replace(panel, close=path_close(panel.close, path, block, seed, levels),
                   sources=(*panel.sources, f"bootstrap path {path} (block {block:g}, seed {seed})"))


def path_chunk(job: tuple, grid: dict):
    """One chunk of one path (the path index rides in the grid as `_path`): what a worker runs."""
    from rbl.backends.numpy.api import run_chunk
    checked, panel, gaps, block, seed = job
    params = {k: v for k, v in grid.items() if k != "_path"}
    from rbl.backends.numpy.api import signal_columns
    drawn = path_panel(panel, int(grid["_path"][0]), block, seed, signal_columns(checked.strategy))
    return run_chunk(checked, drawn, gaps, params, 0)


def _in_process(job: tuple, grids: list[dict]) -> list:
    from rbl.backends.numpy.workers import SweepStopped
    parts = []
    try:
        for grid in grids:
            parts.append(path_chunk(job, grid))
    except KeyboardInterrupt:
        done = sum(len(g["_path"]) for g in grids[:len(parts)])
        raise SweepStopped.interrupted(done, sum(len(g["_path"]) for g in grids)) from None
    return parts


@dataclass
class Bootstrap:
    """`values` (paths, K): the metric of every variant on every path; the grid; the conventions."""

    grid: dict[str, np.ndarray]
    metric: str
    values: np.ndarray
    block: float
    seed: int

    def summary(self) -> dict[str, np.ndarray]:
        v = self.values
        return {"min": np.nanmin(v, 0), "p5": np.nanpercentile(v, 5, 0), "median": np.nanmedian(v, 0),
                "mean": np.nanmean(v, 0), "p95": np.nanpercentile(v, 95, 0), "max": np.nanmax(v, 0)}


def bootstrap(checked, panel: Panel, gaps: str, grid: dict[str, np.ndarray], paths: int, block: float, seed: int,
              metric: str, budget: int, pool=None) -> Bootstrap:
    """Every variant on every path, in chunks; on a pool of width > 1 the (path, chunk) pairs run there."""
    from rbl.backends.numpy import api
    K = len(next(iter(grid.values())))
    width = pool.width if pool is not None else 1
    plan = chunks.plan(K, len(panel.dates), api._holdings(checked.strategy), len(grid), 0, budget, width)
    grids = [{**api._pick(grid, a, b), "_path": np.full(b - a, p)} for p in range(paths) for a, b in plan.chunks()]
    job = (checked, panel, gaps, block, seed)
    if pool is not None and pool.width > 1:
        path_chunk(job, {k: v[:1] for k, v in grids[0].items()})       # numba compiled here, once
        parts = pool.run(job, grids, None, warmed=True, chunk=path_chunk)
    else:
        parts = _in_process(job, grids)
    per_path = len(plan.chunks())
    values = np.array([np.concatenate([part.columns[metric] for _, part in parts[p * per_path:(p + 1) * per_path]])
                       for p in range(paths)])
    return Bootstrap(grid, metric, values, block, seed)


def table(strategy, result: Bootstrap):
    """One row per variant: its params as written and the metric's distribution over the paths."""
    import pandas as pd

    from rbl.backends.numpy.params import written
    rows = {name: [written(strategy.param(name), v, strategy.currency) for v in values] for name, values in result.grid.items()}
    return pd.DataFrame({**rows, **{f"{result.metric}_{k}": v for k, v in result.summary().items()}})


def text(result: Bootstrap, frame) -> str:
    paths = len(result.values)
    return (f"{frame.to_string(index=False, float_format=lambda x: f'{x:.4f}')}\n\n{result.metric} of each variant on "
            f"{paths:,} stationary block-bootstrap paths (mean block {result.block:g} bars, seed {result.seed}): "
            "all assets' bar returns resampled by the same bars")


def check(paths: int, block: float) -> None:
    from rbl.backends.numpy.params import ParamError
    if not 1 <= paths <= MAX_PATHS:
        raise ParamError(f"--bootstrap takes a number of paths from 1 to {MAX_PATHS:,}, got {paths}")
    if not block >= 1:
        raise ParamError(f"--block takes a mean block length of at least 1 bar, got {block:g}")
