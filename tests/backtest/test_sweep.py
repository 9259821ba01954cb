"""A sweep of K variants is one pass whose every variant equals its own single run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rbl.backends.numpy import backtest, sweep
from rbl.dsl.compiler import compile_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["band_sweep"])
def test_each_variant_of_a_sweep_equals_a_single_run(name):
    checked = compile_file(EXAMPLES / f"{name}.rbl")
    result = sweep(checked, band=("1pp", "10pp", "3pp"))
    assert result.run.sim.nav.shape[0] == 4
    for k, band in enumerate(result.grid["band"]):
        single = backtest(checked, band=band)
        np.testing.assert_allclose(result.run.sim.nav[k], single.nav.to_numpy(), rtol=1e-12)
        assert [t.bar for t in result.result(k).trades] == [t.bar for t in single.trades]


def test_the_declared_range_is_the_default_grid():
    result = sweep(EXAMPLES / "band_sweep.rbl")
    assert np.allclose(result.grid["band"], np.arange(1, 11) / 100)
    assert list(result.table.columns[:2]) == ["band", "total_return"]
