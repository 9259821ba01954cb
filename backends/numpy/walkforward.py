"""Walk-forward analysis of a sweep: in each window the best variant of the train part (by the sort
metric) runs on the test part that follows; the test parts' returns are stitched into one
out-of-sample curve, set beside the full-period winner (docs/backtest.md, "Walk-forward")."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rbl.backends.numpy import api
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.panel import Panel
from rbl.backends.numpy.params import ParamError
from rbl.backends.numpy.readers import DataError

_SPAN = re.compile(r"\s*(\d+)\s*([ymwd])\s*", re.IGNORECASE)
_OFFSET = {"y": "years", "m": "months", "w": "weeks", "d": "days"}


def spans(text: str) -> tuple[pd.DateOffset, pd.DateOffset]:
    """`5y:1y` -> (train, test) calendar spans; units y, m (months), w, d (calendar days)."""
    parts = text.split(":")
    found = [_SPAN.fullmatch(p) for p in parts]
    if len(parts) != 2 or not all(found) or any(int(f.group(1)) == 0 for f in found):
        raise ParamError(f"--walk-forward expects TRAIN:TEST spans such as 5y:1y or 36m:6m (units y, m, w, d), "
                         f"got '{text}'")
    return tuple(pd.DateOffset(**{_OFFSET[f.group(2).lower()]: int(f.group(1))}) for f in found)


@dataclass(frozen=True)
class Window:
    """Bars [train, test) train, [test, end) test; the chosen variant decides first on bar test - 1
    (the last train bar, whose close the choice has seen) so the stitched returns have no gap."""

    train: int
    test: int
    end: int


def windows(dates: np.ndarray, first: int, train: pd.DateOffset, test: pd.DateOffset,
            anchored: bool) -> list[Window]:
    """Test parts of `test` length back to back from `train` after the first decision bar; rolling
    train parts of `train` length before each (anchored: from the first decision bar). A test part
    without a bar (a weekend) is no window; a train part without one cannot choose: an error."""
    start, index, out = pd.Timestamp(dates[first]), pd.DatetimeIndex(dates), []
    for j in itertools.count():
        begin = start + train + test * j
        a = int(index.searchsorted(begin))
        if a >= len(dates):
            return out
        b = int(index.searchsorted(begin + test))
        t = first if anchored else max(first, int(index.searchsorted(begin - train)))
        if t == a:
            raise DataError(f"--walk-forward: the train span {_written(train)} before {dates[a]} has no bar (the "
                             "data has a longer gap there); use a longer train span")
        if a < b:
            out.append(Window(t, a, b))


def _written(span: pd.DateOffset) -> str:
    return "".join(f"{n}{unit[0]}" for unit, n in span.kwds.items())


@dataclass(frozen=True)
class Choice:
    """One window: its dates, the variant the train part chose, in-sample and out-of-sample figures."""

    train_from: str
    train_to: str
    test_from: str
    test_to: str
    params: dict[str, float]
    in_sample: float            # the sort metric on the train part
    in_sample_sharpe: float
    out_of_sample_sharpe: float
    out_of_sample_return: float


@dataclass(frozen=True)
class WalkForward:
    choices: list[Choice]
    metric: str
    anchored: bool
    dates: np.ndarray                      # the stitched curve's bars (from the first choice on)
    nav: np.ndarray                        # stitched out-of-sample NAV
    winner_nav: np.ndarray                 # the full-period winner over the same bars
    stitched: dict[str, float]
    winner_params: dict[str, float]
    winner_full: dict[str, float]          # the full-period winner's metrics over the whole data
    winner_same_span: dict[str, float]     # ... and over the stitched bars
    manifest: dict


def _best(values: np.ndarray, metric: str) -> int:
    from rbl.backends.numpy.render import LOWER_IS_BETTER
    scores = values * (-1.0 if metric in LOWER_IS_BETTER else 1.0)
    return int(np.nanargmax(scores)) if not np.isnan(scores).all() else 0


def _slice(panel: Panel, a: int, b: int) -> Panel:
    return Panel(panel.dates[a:b], panel.close[a:b], panel.columns, panel.sources)


def _one(grid: dict[str, np.ndarray], k: int) -> dict[str, np.ndarray]:
    return {name: values[k:k + 1] for name, values in grid.items()}


def _best_of_train(checked, panel: Panel, gaps: str, grid, window: Window, metric: str, budget: int, P: float,
                   pool) -> tuple[int, float, float]:
    """The train part's best variant by `metric` (a chunked sweep on its bars with their warm-up before,
    on `pool` when given): (its index in the grid, its metric, its Sharpe at the whole data's P)."""
    w = checked.warmup_bars
    first, scores, _, _ = api.run_grid(checked, _slice(panel, window.train - w, window.test), gaps, grid,
                                       budget, 0, pool=pool)
    columns = scores.columns()
    k = _best(columns[metric], metric)
    return k, float(columns[metric][k]), float(columns["sharpe"][k] * np.sqrt(P / first.periods_per_year))


def schedule(found: list[Window], start: int, end: int) -> np.ndarray:
    """Bar t of [start, end) -> the window whose choice decides on t: window j from its first decision
    (the last train bar, test_j - 1) until the next window's; the warm-up bars before read the first."""
    firsts = np.array([w.test - 1 for w in found])
    return np.maximum(np.searchsorted(firsts, np.arange(start, end), side="right") - 1, 0)


def _one_path(checked, panel: Panel, gaps: str, params: dict[str, np.ndarray], first_bar: int,
              switches: list[Window] | None, P: float):
    """One run deciding first on `first_bar` (its warm-up from the bars before) to the data's end: the
    NAV from that bar and its metrics. With `switches`, the params (one variant per window) switch at
    each window's first decision and holdings and states carry on."""
    start = first_bar - checked.warmup_bars
    plan = schedule(switches, start, len(panel.dates)) if switches else None
    run = api.simulate(checked, _slice(panel, start, len(panel.dates)), api._params(checked.strategy, params),
                       record=True, gaps=gaps, schedule=plan)
    t0, totals = run.sim.t0, run.totals
    nav = run.sim.nav[0, t0:]
    bench = run.benchmark_returns(0)
    metrics = m.summaries(nav[None], panel.dates[first_bar:], P, None if bench is None else bench[None],
                          totals.turnover[:1], totals.rebalances[:1], totals.orders[:1], totals.costs[:1])[0]
    return nav, metrics


def _choice(panel: Panel, window: Window, first_bar: int, nav: np.ndarray, params: dict[str, float],
            in_sample: float, in_sharpe: float, P: float) -> Choice:
    """A window's figures; out of sample: the carried path's returns over the window's test bars."""
    a, b = window.test - first_bar, window.end - first_bar
    r = nav[a:b] / nav[a - 1:b - 1] - 1.0
    dates = panel.dates
    return Choice(str(dates[window.train]), str(dates[window.test - 1]), str(dates[window.test]),
                  str(dates[window.end - 1]), params, in_sample, in_sharpe, float(m.sharpe(r, P)),
                  float(np.prod(1.0 + r) - 1.0))


def walk_forward(checked, panel: Panel, gaps: str, grid: dict[str, np.ndarray], train: pd.DateOffset,
                 test: pd.DateOffset, anchored: bool, metric: str, budget: int, progress=None,
                 pool=None) -> WalkForward:
    """Every window's choice; the out-of-sample path, one run whose params switch to each window's
    choice at its first decision (holdings and states carry on, as a trader who changes the EA's inputs
    lives it); the full-period winner beside it. `pool` (workers.pool) runs the sweeps' chunks; the
    choices are the same bit for bit."""
    api._enough_bars(panel, checked.warmup_bars)
    s = checked.strategy
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    found = windows(panel.dates, checked.warmup_bars, train, test, anchored)
    if not found:
        raise DataError(f"--walk-forward: the data after the warm-up, {panel.dates[checked.warmup_bars]} .. "
                        f"{panel.dates[-1]}, is shorter than one train span plus a test bar")
    picks = []
    for i, window in enumerate(found):
        picks.append(_best_of_train(checked, panel, gaps, grid, window, metric, budget, P, pool))
        if progress is not None:
            progress("windows", i + 1, len(found))
    first_bar = found[0].test - 1
    chosen = {name: values[[k for k, _, _ in picks]] for name, values in grid.items()}
    nav, stitched = _one_path(checked, panel, gaps, chosen, first_bar, found, P)
    choices = [_choice(panel, window, first_bar, nav, {n: float(grid[n][k]) for n in grid}, score, sharpe, P)
               for window, (k, score, sharpe) in zip(found, picks)]
    first, scores, _, _ = api.run_grid(checked, panel, gaps, grid, budget, 0, pool=pool)     # the full-period winner
    columns = scores.columns()
    k = _best(columns[metric], metric)
    winner_nav, same_span = _one_path(checked, panel, gaps, _one(grid, k), first_bar, None, P)
    return WalkForward(choices, metric, anchored, panel.dates[first_bar:], nav, winner_nav, stitched,
                       {n: float(v[k]) for n, v in grid.items()},
                       {name: float(values[k]) for name, values in columns.items()}, same_span, first.manifest)
