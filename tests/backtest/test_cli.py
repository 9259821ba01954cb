"""`rbl backtest` and `rbl sweep` from the command line: output, files written, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rbl.backends.trace import parse_trace
from rbl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def rbl(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_backtest_prints_a_table_with_the_conventions():
    out = rbl("backtest", EXAMPLES / "threshold_60_40.rbl")
    assert out.exit_code == 0, out.output
    assert "CAGR" in out.output and "periods_per_year: 252" in out.output
    assert "open[t] = close[t-1]" in out.output


def test_backtest_json_has_metrics_and_manifest():
    out = rbl("backtest", EXAMPLES / "classic_60_40.rbl", "--json", "--start", "2000-01-01")
    data = json.loads(out.output)
    assert data["manifest"]["first_bar"] == "2000-01-03"
    assert data["metrics"]["rebalances"] > 100


def test_backtest_writes_a_trace_that_parses(tmp_path):
    trace = tmp_path / "trace.txt"
    out = rbl("backtest", EXAMPLES / "threshold_60_40.rbl", "--trace", trace)
    assert out.exit_code == 0
    records = parse_trace(trace.read_text())
    assert records[0].event == "INITIAL" and len(records) == 5916


def test_set_changes_a_param():
    wide = json.loads(rbl("backtest", EXAMPLES / "band_sweep.rbl", "--json", "--set", "band=10pp").output)
    narrow = json.loads(rbl("backtest", EXAMPLES / "band_sweep.rbl", "--json", "--set", "band=1").output)
    assert wide["params"] == {"band": 0.1} and narrow["params"] == {"band": 0.01}
    assert narrow["metrics"]["rebalances"] > wide["metrics"]["rebalances"]


def test_bad_data_is_one_clear_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,SPY,UST10\n2020-01-01,1,1\n2020-01-02,1,oops\n")
    out = rbl("backtest", EXAMPLES / "threshold_60_40.rbl", "--data", bad)
    assert out.exit_code == 1
    assert "row 3, column UST10" in out.output and "Traceback" not in out.output


def test_missing_columns_are_named():
    out = rbl("backtest", EXAMPLES / "threshold_60_40.rbl", "--data", EXAMPLES.parent / "README.md")
    assert out.exit_code == 1 and "Traceback" not in out.output


def test_refuses_to_write_over_an_input(tmp_path):
    data = tmp_path / "prices.csv"
    data.write_text("date,SPY,UST10\n2020-01-01,1,1\n")
    out = rbl("backtest", EXAMPLES / "threshold_60_40.rbl", "--data", data, "--trace", data)
    assert out.exit_code == 2
    assert data.read_text().startswith("date,SPY")


def test_sweep_prints_one_row_per_variant_and_writes_csv(tmp_path):
    table = tmp_path / "sweep.csv"
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:6pp:2pp", "--sort", "sharpe",
              "--csv", table)
    assert out.exit_code == 0, out.output
    assert "3 variants in one pass" in out.output
    assert len(table.read_text().strip().splitlines()) == 4


def test_sweep_rejects_a_malformed_range():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=1pp-10pp")
    assert out.exit_code == 2 and "NAME=LO:HI:STEP" in out.output


def test_sweep_of_an_unknown_param_is_a_usage_error():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "width=1pp:2pp:1pp")
    assert out.exit_code == 2 and "unknown param width" in out.output
