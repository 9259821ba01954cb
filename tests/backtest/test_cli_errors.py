"""Every mistake a user can make with `rbl backtest` / `rbl sweep` is one clear line, exit 1 for bad
input and 2 for a bad command line, never a traceback, and no file the user had is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAIN = EXAMPLES / "threshold_60_40.rbl"          # no params; SPY and UST10
BAND = EXAMPLES / "band_sweep.rbl"                # param band = 5pp from 1pp to 10pp step 1pp
TREND = EXAMPLES / "trend_filter.rbl"             # 10-month lookback: 210 bars of warm-up
DAYS = """rbl 1
strategy "Calm"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param lookback = 60 days from 20 days to 120 days step 20 days

let calm = vol(SPY, lookback) < 20%

target:
    SPY 60%
    AGG 40%

rebalance:
    when calm
"""


def rbl(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def one_line_error(out, code: int, *expected: str) -> None:
    lines = out.output.strip().splitlines()
    assert out.exit_code == code, out.output
    assert len(lines) == 1 and lines[0].startswith("error: "), out.output
    assert "Traceback" not in out.output
    for text in expected:
        assert text in lines[0], lines[0]


def prices(tmp_path: Path, text: str | bytes, name: str = "prices.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


# ---- malformed price files: exit 1, naming file, row and column -------------------------------------
def test_a_short_row(tmp_path):
    path = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, str(path), "row 3: 2 fields, but the header has 3")


def test_a_long_row(tmp_path):
    path = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1,1,7\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, "row 3: 4 fields, but the header has 3")


def test_text_in_a_price_column(tmp_path):
    path = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1,1.0.1\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, "row 3, column UST10: the price is '1.0.1'")


def test_a_utf16_file_is_read(tmp_path):
    """UTF-16, as MetaTrader 5 and Excel save text, is read (issue 13; it was refused)."""
    path = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1,1\n".encode("utf-16"))
    out = rbl("backtest", PLAIN, "--data", path)
    assert out.exit_code == 0 and "2020-01-01 .. 2020-01-02" in out.output


def test_bytes_that_are_not_utf8(tmp_path):
    path = prices(tmp_path, b"date,SPY,UST10\n2020-01-01,1,1\n\xe9t\xe9,1,1\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, "row 3: not UTF-8 or UTF-16")


def test_an_empty_file(tmp_path):
    path = prices(tmp_path, "")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, str(path), "the file is empty")


def test_a_header_without_rows(tmp_path):
    path = prices(tmp_path, "date,SPY,UST10\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, "a header but no rows of prices")


def test_a_semicolon_separated_file(tmp_path):
    path = prices(tmp_path, "date;SPY;UST10\n2020-01-01;1;1\n")
    one_line_error(rbl("backtest", PLAIN, "--data", path), 1, "row 1", "separated by semicolons")


def test_a_directory_as_data(tmp_path):
    one_line_error(rbl("backtest", PLAIN, "--data", tmp_path), 1, str(tmp_path), "is a directory")


def test_a_missing_data_file_is_a_usage_error(tmp_path):
    one_line_error(rbl("backtest", PLAIN, "--data", tmp_path / "nope.csv"), 2, "--data", "nope.csv: no such file")


def test_a_sweep_reads_data_the_same_way(tmp_path):
    path = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1\n")
    one_line_error(rbl("sweep", BAND, "--data", path), 1, "row 3: 2 fields")


# ---- bad --set: exit 2 ---------------------------------------------------------------------------------
def test_set_of_an_unknown_param():
    one_line_error(rbl("backtest", BAND, "--set", "width=3pp"), 2, "unknown param width", "declares band")


def test_set_outside_the_declared_range():
    one_line_error(rbl("backtest", BAND, "--set", "band=50pp"), 2, "band=50pp is outside the declared range 1pp..10pp")


@pytest.mark.parametrize("value", ["3bps", "3days", "3x"])
def test_set_in_the_wrong_unit(value):
    one_line_error(rbl("backtest", BAND, "--set", f"band={value}"), 2, "param 'band' is written in pp")


def test_set_of_something_that_is_not_a_number():
    one_line_error(rbl("backtest", BAND, "--set", "band=wide"), 2, "cannot read 'wide'", "e.g. 5pp")


FEE = PLAIN.read_text().replace("target:", "param fee = 1 EUR from 0 EUR to 10 EUR step 1 EUR\n\ntarget:") \
    .replace('strategy "Threshold 60/40"', 'strategy "Threshold 60/40"\ncapital 100000 EUR') + \
    "\ncosts:\n    commission fee per order\n"


def test_a_money_param_is_set_and_swept_in_the_accounts_currency(tmp_path):
    strategy = tmp_path / "fee.rbl"
    strategy.write_text(FEE)
    assert rbl("backtest", strategy, "--set", "fee=5 EUR").exit_code == 0
    swept = rbl("sweep", strategy, "--param", "fee=0EUR:10EUR:5EUR")
    assert swept.exit_code == 0 and "10 EUR" in swept.stdout and "USD" not in swept.stdout


def test_a_money_param_in_another_currency_is_refused(tmp_path):
    strategy = tmp_path / "fee.rbl"
    strategy.write_text(FEE)
    one_line_error(rbl("backtest", strategy, "--set", "fee=5 USD"), 2, "cannot read '5 USD'", "e.g. 1 EUR")


def test_set_without_a_value():
    one_line_error(rbl("backtest", BAND, "--set", "band"), 2, "--set expects NAME=VALUE")


def test_set_of_a_fraction_of_a_day(tmp_path):
    strategy = prices(tmp_path, DAYS, "calm.rbl")
    one_line_error(rbl("backtest", strategy, "--set", "lookback=60.5days"), 2, "a whole number of days")


# ---- bad --param: exit 2 -------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", ["band=1pp:10pp", "band=1pp:10pp:", "=1pp:2pp:1pp", "band"])
def test_param_that_is_not_lo_hi_step(spec):
    one_line_error(rbl("sweep", BAND, "--param", spec), 2, "--param expects NAME=LO:HI:STEP")


def test_param_running_backwards():
    one_line_error(rbl("sweep", BAND, "--param", "band=8pp:2pp:1pp"), 2, "needs LO <= HI and a positive STEP")


def test_param_with_a_zero_step():
    one_line_error(rbl("sweep", BAND, "--param", "band=1pp:3pp:0pp"), 2, "positive STEP")


def test_param_beyond_the_declared_range():
    one_line_error(rbl("sweep", BAND, "--param", "band=1pp:30pp:1pp"), 2, "band=30pp is outside the declared range")


def test_param_in_the_wrong_unit():
    one_line_error(rbl("sweep", BAND, "--param", "band=1%:3%:1%"), 2, "written in pp")


# ---- dates -----------------------------------------------------------------------------------------------
def test_start_after_end_is_a_usage_error():
    one_line_error(rbl("backtest", PLAIN, "--start", "2010-01-01", "--end", "2005-01-01"), 2,
                   "--start 2010-01-01 is after --end 2005-01-01")


def test_a_start_that_is_not_a_date():
    one_line_error(rbl("sweep", BAND, "--start", "2010-13-45"), 2, "--start '2010-13-45' is not a date")


def test_a_date_range_with_no_data_names_what_the_data_covers():
    one_line_error(rbl("backtest", PLAIN, "--start", "2030-01-01"), 1, "no bars between 2030-01-01 and the end",
                   "runs 1993-10-01 .. 2017-03-29")


def test_a_date_range_shorter_than_the_warm_up():
    one_line_error(rbl("backtest", TREND, "--start", "2017-01-01"), 1, "has 60 bars",
                   "need 210 bars of warm-up", "start earlier")


# ---- outputs ----------------------------------------------------------------------------------------------
def test_a_failed_run_overwrites_no_output(tmp_path):
    bad = prices(tmp_path, "date,SPY,UST10\n2020-01-01,1,x\n")
    outputs = {name: prices(tmp_path, "mine", name) for name in ("r.html", "t.txt")}
    one_line_error(rbl("backtest", PLAIN, "--data", bad, "--report", outputs["r.html"], "--trace",
                       outputs["t.txt"], "--force"), 1)
    assert all(path.read_text() == "mine" for path in outputs.values())


def test_a_failed_sweep_overwrites_no_csv(tmp_path):
    table = prices(tmp_path, "mine", "s.csv")
    one_line_error(rbl("sweep", BAND, "--param", "band=1pp:30pp:1pp", "--csv", table, "--force"), 2)
    assert table.read_text() == "mine"


def test_an_output_over_the_strategy_is_refused(tmp_path):
    strategy = prices(tmp_path, BAND.read_text(), "band.rbl")
    one_line_error(rbl("sweep", strategy, "--csv", strategy), 2, "is an input of this run")
    assert strategy.read_text() == BAND.read_text()


def test_an_output_that_is_a_directory(tmp_path):
    one_line_error(rbl("backtest", PLAIN, "--report", tmp_path), 2, "is a directory")


def test_an_output_in_a_missing_folder(tmp_path):
    one_line_error(rbl("backtest", PLAIN, "--start", "2017-01-01", "--trace", tmp_path / "no" / "t.txt"), 2,
                   "cannot write")



def test_a_sweep_too_fine_to_hold_in_memory_is_refused_before_it_runs():
    # sweeps run in chunks: only a grid whose kept rows exceed the memory budget is refused (issue 11)
    result = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=1pp:10pp:0.0000001pp"])
    assert result.exit_code == 2 and "90,000,001 variants" in result.output
