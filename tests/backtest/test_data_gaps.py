"""The declared gap policy, on the bundled real prices with injected gaps: `--ffill N` carries a price
over at most N missing bars, says so in the manifest, and beyond N stops naming file, row and column."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import api
from rbl.backends.numpy.panel import bundled_files, load_panel
from rbl.backends.numpy.readers import DataError
from rbl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STRATEGY = EXAMPLES / "threshold_60_40.rbl"          # SPY and UST10 from us_multi_asset_1993_2017.csv
REAL = next(p for p in bundled_files() if p.name == "us_multi_asset_1993_2017.csv")


def with_cells(tmp_path: Path, rows: list[int], column: str, value: str = "", name="gappy.csv") -> Path:
    """The real file with the given file rows (1 = header) of `column` replaced by `value`."""
    lines = REAL.read_text().splitlines()
    index = lines[0].split(",").index(column)
    for row in rows:
        cells = lines[row - 1].split(",")
        cells[index] = value
        lines[row - 1] = ",".join(cells)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def carried_over(tmp_path: Path, rows: list[int], column: str) -> Path:
    """What the fill must equal: the missing cells holding the last price before them, by hand."""
    lines = REAL.read_text().splitlines()
    index = lines[0].split(",").index(column)
    last = lines[min(rows) - 2].split(",")[index]
    return with_cells(tmp_path, rows, column, last, name="by_hand.csv")


def rbl(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_without_a_policy_a_gap_is_an_error_naming_file_row_and_column(tmp_path):
    gappy = with_cells(tmp_path, [200], "SPY")
    out = rbl("backtest", STRATEGY, "--data", gappy)
    assert out.exit_code == 1
    assert f"{gappy}: row 200, column SPY: the price is missing" in out.output and "--ffill N" in out.output


def test_a_gap_within_the_limit_equals_the_last_price_carried_over_by_hand(tmp_path):
    gappy = with_cells(tmp_path, [200, 201], "SPY")
    filled = api.backtest(STRATEGY, gappy, ffill=2)
    by_hand = api.backtest(STRATEGY, carried_over(tmp_path, [200, 201], "SPY"))
    np.testing.assert_array_equal(filled.nav.to_numpy(), by_hand.nav.to_numpy())
    assert len(filled.nav) == len(by_hand.nav)


def test_the_manifest_states_the_policy_and_how_many_prices_were_filled(tmp_path):
    gappy = with_cells(tmp_path, [200, 201, 5000], "UST10")
    out = rbl("backtest", STRATEGY, "--data", gappy, "--ffill", "2", "--json")
    assert json.loads(out.output)["manifest"]["missing_prices"] == \
        "forward-fill at most 2 bars in a row (--ffill 2): 3 missing prices filled"


def test_without_ffill_the_manifest_says_gaps_are_errors():
    out = rbl("backtest", STRATEGY, "--json", "--start", "2016-01-01")
    assert json.loads(out.output)["manifest"]["missing_prices"].startswith("none: a missing price is an error")


def test_a_gap_longer_than_the_limit_names_the_first_bar_beyond_it(tmp_path):
    gappy = with_cells(tmp_path, [300, 301, 302], "SPY")
    out = rbl("backtest", STRATEGY, "--data", gappy, "--ffill", "2")
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert f"{gappy}: row 302, column SPY: the price is missing (more than 2 bars in a row)" in out.output


def test_the_fill_never_covers_text_where_a_price_belongs(tmp_path):
    gappy = with_cells(tmp_path, [400], "UST10", value="n/a")
    out = rbl("backtest", STRATEGY, "--data", gappy, "--ffill", "5")
    assert out.exit_code == 1 and "row 400, column UST10: the price is 'n/a'" in out.output


def test_a_gap_on_the_first_row_has_nothing_to_carry_over(tmp_path):
    gappy = with_cells(tmp_path, [2], "SPY")
    out = rbl("backtest", STRATEGY, "--data", gappy, "--ffill", "3")
    assert out.exit_code == 1 and "row 2, column SPY: the price is missing" in out.output


def test_a_sweep_takes_the_same_policy(tmp_path):
    gappy = with_cells(tmp_path, [250], "SPY")
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--data", gappy, "--ffill", "1", "--param", "band=4pp:5pp:1pp",
              "--json")
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)) == 2


def test_a_negative_limit_is_a_usage_error(tmp_path):
    out = rbl("backtest", STRATEGY, "--ffill", "-1")
    assert out.exit_code == 2 and "--ffill takes a number of bars from 0 to 1000000" in out.output


def test_a_dataframe_takes_the_same_policy():
    frame = pd.read_csv(REAL, index_col="date", parse_dates=True)
    frame.iloc[300:302, frame.columns.get_loc("SPY")] = np.nan
    assert api.backtest(STRATEGY, frame, ffill=2).run.manifest["missing_prices"].endswith("2 missing prices filled")
    with pytest.raises(DataError, match="column SPY"):
        api.backtest(STRATEGY, frame, ffill=1)


def test_an_infinite_price_is_refused_with_its_row_and_column(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("date,SPY\n2020-01-02,100\n2020-01-03,inf\n2020-01-06,101\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 3, column SPY: the price is 'inf'"):
        load_panel(["SPY"], [path])


def test_the_gap_policy_fills_empty_cells_but_never_text(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("date,SPY\n2020-01-02,100\n2020-01-03,n/a\n2020-01-06,101\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 3, column SPY: the price is 'n/a'"):
        load_panel(["SPY"], [path], ffill=2)
