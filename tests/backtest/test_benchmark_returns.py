"""Benchmark returns, computed in blocks of bars, equal the whole-matrix formula sum_i w[t, i] r[t + 1, i]."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import api, results
from tests.conftest import EXAMPLES


def _whole(run: results.Run, k: int) -> np.ndarray:
    t0, n = run.sim.t0, run.close.shape[1]
    r = run.close[t0 + 1:] / run.close[t0:-1] - 1.0
    w = run.benchmark_weights[min(k, len(run.benchmark_weights) - 1), t0:-1, :n]
    return np.einsum("tn,tn->t", np.nan_to_num(w), r)


@pytest.mark.parametrize("name", ["classic_60_40", "inverse_volatility", "momentum_rotation"])
def test_blocks_of_bars_give_the_whole_matrix_benchmark(name, monkeypatch):
    monkeypatch.setattr(results, "_BLOCK", 7 * 3)           # several blocks, a short last one
    run = api.backtest(next(p for p in EXAMPLES if p.stem == name)).run
    np.testing.assert_allclose(run.benchmark_returns(0), _whole(run, 0), rtol=1e-13, atol=1e-16)


def test_a_sweep_computes_each_distinct_benchmark_once():
    result = api.sweep(next(p for p in EXAMPLES if p.stem == "band_sweep"))
    result.table
    assert list(result.run._benchmarks) == [0]              # ten variants, one shared target row
