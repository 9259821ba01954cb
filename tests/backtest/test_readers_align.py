"""Several --data files with different dates: a declared policy (issue 13). By default an error that
names which file lacks which dates; --align intersect and --align ffill N are explicit, and the
manifest says what they dropped or filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.backends.numpy.align import Align, Aligned
from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.readers import DataError
from rbl.cli import app

DAILY = "date,SPY\n" + "".join(f"2020-01-{d:02d},{100 + d}\n" for d in range(1, 31))
MONTHLY = "date,UST10\n2020-01-01,50\n2020-01-15,51\n2020-01-30,52\n"


def files(tmp_path: Path) -> list[Path]:
    spy, bonds = tmp_path / "spy.csv", tmp_path / "bonds.csv"
    spy.write_text(DAILY)
    bonds.write_text(MONTHLY)
    return [spy, bonds]


def test_by_default_differing_dates_are_an_error_naming_the_dates(tmp_path):
    with pytest.raises(DataError, match=r"bonds.csv lacks 27 dates \(2020-01-02, 2020-01-03, 2020-01-04 and "
                                        r"24 more\)\. Choose how to align them: --align intersect"):
        load_prices(["SPY", "UST10"], files(tmp_path))


def test_intersect_keeps_common_dates_and_says_what_it_dropped(tmp_path):
    panel, policy = load_prices(["SPY", "UST10"], Aligned(tuple(files(tmp_path)), Align("intersect")))
    assert [str(d) for d in panel.dates] == ["2020-01-01", "2020-01-15", "2020-01-30"]
    assert "--align intersect: 27 dates not in every file dropped" in policy
    assert "spy.csv 27, bonds.csv 0" in policy


def test_ffill_carries_prices_over_at_most_n_dates(tmp_path):
    panel, policy = load_prices(["SPY", "UST10"], Aligned(tuple(files(tmp_path)), Align("ffill", 15)))
    assert len(panel.dates) == 30 and panel.close[1].tolist() == [102.0, 50.0]
    assert "--align ffill 15: dates filled per file: spy.csv 0, bonds.csv 27" in policy
    with pytest.raises(DataError, match=r"bonds.csv: lacks more than 5 dates in a row from 2020-01-07"):
        load_prices(["SPY", "UST10"], Aligned(tuple(files(tmp_path)), Align("ffill", 5)))


@pytest.mark.parametrize("text", ["ffill", "ffill 0", "ffill 99999999999999999999", "union", "ffill -3"])
def test_a_bad_policy_says_what_is_expected(text):
    with pytest.raises(ValueError, match="--align takes 'intersect', 'ffill N'"):
        Align.parse(text)


def test_the_cli_takes_align_and_the_manifest_records_it(tmp_path):
    spy, bonds = files(tmp_path)
    strategy = Path(__file__).parents[2] / "examples" / "classic_60_40.rbl"
    runner = CliRunner()
    refused = runner.invoke(app, ["backtest", str(strategy), "--data", str(spy), "--data", str(bonds)])
    assert refused.exit_code == 1 and "bonds.csv lacks 27 dates" in refused.output
    done = runner.invoke(app, ["backtest", str(strategy), "--data", str(spy), "--data", str(bonds),
                               "--align", "ffill 20", "--json"])
    assert done.exit_code == 0, done.output
    assert "--align ffill 20: dates filled per file: spy.csv 0, bonds.csv 27" in done.output
    bad = runner.invoke(app, ["backtest", str(strategy), "--data", str(spy), "--align", "sometimes"])
    assert bad.exit_code == 2 and "--align takes 'intersect', 'ffill N'" in bad.output
