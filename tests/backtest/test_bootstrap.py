"""`--bootstrap N --block L`: the paths resample all assets' bar returns by the same bars from a seeded
generator per path; each variant's value on a path is its sweep row on that path's prices; the
distribution is bit for bit the same on 2 worker processes; bad values are one line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import api, sweep, workers
from rbl.backends.numpy.bootstrap import bootstrap, path_close, path_panel
from rbl.cli import app
from rbl.dsl.compiler import compile_text
from tests.backtest.test_sweep_chunks import BAND, TWO


def _prices(bars=300, assets=3, seed=1):
    rng = np.random.default_rng(seed)
    return 100 * np.cumprod(1 + rng.normal(0, 0.01, (bars, assets)), axis=0)


def test_a_path_is_made_of_the_datas_joint_bar_returns_and_starts_at_its_first_prices():
    close = _prices()
    path = path_close(close, 3, 10.0, 42)
    gross, drawn = close[1:] / close[:-1], path[1:] / path[:-1]
    assert np.array_equal(path[0], close[0]) and path.shape == close.shape
    rows = {tuple(r) for r in np.round(gross, 12)}
    assert all(tuple(r) in rows for r in np.round(drawn, 12))       # every bar: one original bar, all assets


def test_paths_are_seeded_per_path_and_blocks_have_about_the_mean_length():
    close = _prices(bars=4000)
    assert np.array_equal(path_close(close, 5, 20.0, 1), path_close(close, 5, 20.0, 1))
    assert not np.array_equal(path_close(close, 5, 20.0, 1), path_close(close, 6, 20.0, 1))
    assert not np.array_equal(path_close(close, 5, 20.0, 1), path_close(close, 5, 20.0, 2))
    gross, drawn = close[1:] / close[:-1], path_close(close, 0, 20.0, 1)
    where = {tuple(r): i for i, r in enumerate(np.round(gross, 10))}
    index = np.array([where[tuple(r)] for r in np.round(drawn[1:] / drawn[:-1], 10)])
    breaks = np.count_nonzero((index[1:] - index[:-1]) % len(gross) != 1) + 1
    assert 12 < len(index) / breaks < 30                            # mean block length 20 (geometric)


def test_each_value_is_the_variants_sweep_row_on_that_paths_prices():
    checked = compile_text(TWO)
    panel = api.panel_for(checked.strategy, None, start="2005-01-01")
    grid = api.grid_of(checked.strategy, {"stock": ("40%", "80%", "20%"), "band": ("2pp", "10pp", "4pp")})
    result = bootstrap(checked, panel, "", grid, 3, 20.0, 9, "sharpe", 2**29)
    for p in range(3):
        alone = sweep(checked, path_panel(panel, p, 20.0, 9), stock=("40%", "80%", "20%"), band=("2pp", "10pp", "4pp"))
        assert np.array_equal(result.values[p], alone.table["sharpe"].to_numpy())


def test_two_workers_give_the_same_distribution_bit_for_bit():
    checked = compile_text(TWO)
    panel = api.panel_for(checked.strategy, None, start="2005-01-01")
    grid = api.grid_of(checked.strategy, {"stock": ("40%", "80%", "10%"), "band": ("1pp", "10pp", "3pp")})
    here = bootstrap(checked, panel, "", grid, 8, 20.0, 3, "cagr", 2**29)
    with workers.Local(2) as pool:
        there = bootstrap(checked, panel, "", grid, 8, 20.0, 3, "cagr", 2**29, pool)
    assert here.values.shape == (8, 20) and np.array_equal(here.values, there.values, equal_nan=True)


def test_the_cli_prints_one_row_per_variant_with_the_sort_metrics_spread():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:6pp:2pp", "--bootstrap", "5",
                                   "--block", "10", "--sort", "cagr", "--json"])
    rows = json.loads(out.stdout)
    assert out.exit_code == 0 and [r["band"] for r in rows] == ["2pp", "4pp", "6pp"]
    assert all(r["cagr_min"] <= r["cagr_median"] <= r["cagr_max"] for r in rows)


@pytest.mark.parametrize(("args", "message"), [
    (["--bootstrap", "-1"], "--bootstrap takes a number of paths from 1 to 10,000, got -1"),
    (["--bootstrap", "5", "--block", "0.5"], "--block takes a mean block length of at least 1 bar, got 0.5"),
    (["--bootstrap", "5", "--offsets", "3"], "--bootstrap is not combined with"),
])
def test_bad_bootstrap_values_are_one_line(args, message):
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:4pp:1pp", *args])
    assert out.exit_code == 2 and out.output.startswith(f"error: {message}") and "Traceback" not in out.output


def test_a_signal_column_takes_the_drawn_bars_own_values_not_compounded_returns():
    close = np.array([[10.0, 1.0], [11.0, -2.0], [13.0, np.nan], [16.0, 0.0], [20.0, 3.0]])   # distinct returns
    path = path_close(close, 3, 2.0, 7, levels=np.array([False, True]))
    assert np.array_equal(path[:, 0], path_close(close, 3, 2.0, 7)[:, 0])      # the price as before
    drawn = [int(np.argmin(np.abs(close[1:, 0] / close[:-1, 0] - path[t, 0] / path[t - 1, 0]))) for t in range(1, 5)]
    assert np.array_equal(path[1:, 1], close[1:, 1][drawn], equal_nan=True)
    assert path[0, 1] == 1.0
