"""Walk-forward analysis of a sweep: in each window the best variant of the train part (by the sort
metric) runs on the test part that follows; the test parts' returns are stitched into one
out-of-sample curve, set beside the full-period winner (docs/backtest.md, "Walk-forward")."""

from __future__ import annotations

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
    train parts of `train` length before each (anchored: from the first decision bar)."""
    start, index, out = pd.Timestamp(dates[first]), pd.DatetimeIndex(dates), []
    while True:
        begin = start + train + test * len(out)
        a = int(index.searchsorted(begin))
        if a >= len(dates):
            return out
        b = int(index.searchsorted(begin + test))
        t = first if anchored else max(first, int(index.searchsorted(begin - train)))
        out.append(Window(t, a, b))


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


@dataclass
class _Piece:
    """The returns of one variant run from bar a - 1 to b - 1 and its trade totals."""

    returns: np.ndarray
    benchmark: np.ndarray | None
    turnover: float
    rebalances: int
    orders: int
    costs: float            # in the run's own capital units


def _piece(checked, panel: Panel, gaps: str, params: dict[str, np.ndarray], a: int, b: int) -> _Piece:
    """The variant's first decision on bar a - 1, its warm-up from the bars before (no bar from a on)."""
    w = checked.warmup_bars
    run = api.simulate(checked, _slice(panel, a - 1 - w, b), api._params(checked.strategy, params),
                       record=False, gaps=gaps)
    t0, totals = run.sim.t0, run.totals
    return _Piece(m.returns(run.sim.nav[0, t0:]), run.benchmark_returns(0), float(totals.turnover[0]),
                  int(totals.rebalances[0]), int(totals.orders[0]), float(totals.costs[0]))


def _stitch(pieces: list[_Piece], capital: float, dates: np.ndarray, P: float) -> tuple[np.ndarray, dict]:
    """One NAV from the pieces' returns; costs scaled by the NAV each piece starts from."""
    r = np.concatenate([p.returns for p in pieces])
    nav = capital * np.concatenate([[1.0], np.cumprod(1.0 + r)])
    starts = np.cumsum([0] + [len(p.returns) for p in pieces[:-1]])
    costs = sum(p.costs * nav[s] / capital for p, s in zip(pieces, starts))
    bench = [p.benchmark for p in pieces]
    bench = None if any(b is None for b in bench) else np.concatenate(bench)[None]
    totals = ([sum(p.turnover for p in pieces)], [sum(p.rebalances for p in pieces)],
              [sum(p.orders for p in pieces)], [costs])
    return nav, m.summaries(nav[None], dates, P, bench, *totals)[0]


def _choice(checked, panel: Panel, gaps: str, grid, window: Window, metric: str, budget: int, P: float, pool):
    """The train part's best variant (a chunked sweep on its bars with their warm-up before, on `pool`
    when given) and its test piece."""
    w = checked.warmup_bars
    first, scores, _, _ = api.run_grid(checked, _slice(panel, window.train - w, window.test), gaps, grid,
                                       budget, 0, pool=pool)
    columns = scores.columns()
    k = _best(columns[metric], metric)
    piece = _piece(checked, panel, gaps, _one(grid, k), window.test, window.end)
    dates = panel.dates
    in_sharpe = float(columns["sharpe"][k] * np.sqrt(P / first.periods_per_year))
    choice = Choice(str(dates[window.train]), str(dates[window.test - 1]), str(dates[window.test]),
                    str(dates[window.end - 1]), {n: float(v[k]) for n, v in grid.items()},
                    float(columns[metric][k]), in_sharpe, float(m.sharpe(piece.returns, P)),
                    float(np.prod(1.0 + piece.returns) - 1.0))
    return choice, piece


def walk_forward(checked, panel: Panel, gaps: str, grid: dict[str, np.ndarray], train: pd.DateOffset,
                 test: pd.DateOffset, anchored: bool, metric: str, budget: int, progress=None,
                 pool=None) -> WalkForward:
    """Every window's choice and test piece, the stitched curve and the full-period winner beside it.
    `pool` (workers.pool) runs the sweeps' chunks; the choices are the same bit for bit."""
    api._enough_bars(panel, checked.warmup_bars)
    s = checked.strategy
    P = float(s.annualize_days) if s.annualize_days else m.periods_per_year(panel.dates)
    found = windows(panel.dates, checked.warmup_bars, train, test, anchored)
    if not found:
        raise DataError(f"--walk-forward: the data after the warm-up, {panel.dates[checked.warmup_bars]} .. "
                        f"{panel.dates[-1]}, is shorter than one train span plus a test bar")
    choices, pieces = [], []
    for i, window in enumerate(found):
        choice, piece = _choice(checked, panel, gaps, grid, window, metric, budget, P, pool)
        choices.append(choice)
        pieces.append(piece)
        if progress is not None:
            progress("windows", i + 1, len(found))
    first_bar = found[0].test - 1
    dates = panel.dates[first_bar:]
    nav, stitched = _stitch(pieces, s.capital.value, dates, P)
    first, scores, _, _ = api.run_grid(checked, panel, gaps, grid, budget, 0, pool=pool)     # the full-period winner
    columns = scores.columns()
    k = _best(columns[metric], metric)
    winner = _piece(checked, panel, gaps, _one(grid, k), first_bar + 1, len(panel.dates))
    winner_nav, same_span = _stitch([winner], s.capital.value, dates, P)
    return WalkForward(choices, metric, anchored, dates, nav, winner_nav, stitched,
                       {n: float(v[k]) for n, v in grid.items()},
                       {name: float(values[k]) for name, values in columns.items()}, same_span, first.manifest)
