"""The EA on intraday bars: it decides on the data's timeframe (H1 here) with the backtester's calendar
rules, and `rbl verify` proves it bar for bar on the bundled SYNTHETIC H1 data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from rbl.backends.mql5.emit import Unsupported, emit_mql5
from rbl.backends.mql5.timeframe import timeframe_of
from rbl.backends.mql5.verify import verify
from rbl.cli import app
from rbl.dsl.compiler import compile_text

EXAMPLE = Path(__file__).parents[2] / "examples" / "intraday_band.rbl"


def strategy(rule: str) -> str:
    return EXAMPLE.read_text().replace("    check every 4 hours\n    when drift > 2.7pp", f"    {rule}")


def test_verify_proves_the_intraday_example_bar_for_bar():
    report = verify(compile_text(EXAMPLE.read_text()))
    assert report.ok, report.first_divergence
    assert report.bars == 20_039            # every H1 bar but the last, which has no next open
    assert report.deals == 21               # the initial purchase and 6 rebalances of 3 assets


@pytest.mark.parametrize("rule", ["when 3rd trading day of month", "when weekly on wednesday",
                                  "when last trading day of week", "check daily\n    when drift > 1pp"])
def test_verify_agrees_on_each_day_rule_on_h1_bars(rule):
    report = verify(compile_text(strategy(rule)))
    assert report.ok, report.first_divergence
    assert report.deals > 3


def test_the_ea_reads_h1_bars_and_prints_bar_times():
    mq5 = emit_mql5(compile_text(EXAMPLE.read_text()), timeframe="H1")
    assert "#define RBL_TIMEFRAME PERIOD_H1" in mq5 and "#define RBL_BAR_SECONDS 3600" in mq5
    assert "RblHoursRule(4, " in mq5


def test_a_daily_ea_is_unchanged_by_intraday_support():
    mq5 = emit_mql5(compile_text(strategy("when monthly")))
    assert "#define RBL_TIMEFRAME PERIOD_D1" in mq5 and "RblNthOfPeriod(RBL_MONTH, 1, " in mq5
    assert "RblFirstOfDay" not in mq5


def test_an_hours_rule_on_a_daily_ea_is_refused():
    with pytest.raises(Unsupported, match="'every 4 hours' needs intraday bars; compile with --timeframe H1"):
        emit_mql5(compile_text(EXAMPLE.read_text()))


def test_trade_at_close_on_intraday_bars_is_refused():
    text = EXAMPLE.read_text().replace("rebalance:", "execution decide at close, trade at close\n\nrebalance:")
    with pytest.raises(Unsupported, match="'trade at close' decides in a daily close window"):
        emit_mql5(compile_text(text), timeframe="H1")


def stamps(step: str, count: int = 50) -> np.ndarray:
    return np.arange(np.datetime64("2024-01-01T00:00:00"), count * np.timedelta64(1, step),
                     np.timedelta64(1, step)).astype("datetime64[s]")


def test_the_timeframe_of_the_data():
    assert timeframe_of(np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-02-01"))) == "D1"
    assert timeframe_of(stamps("h")) == "H1"
    assert timeframe_of(stamps("m")) == "M1"
    assert timeframe_of(stamps("m")[::15]) == "M15"
    with pytest.raises(Unsupported, match="the data's bars are 420 seconds apart"):
        timeframe_of(stamps("m")[::7])


def test_rbl_compile_takes_a_timeframe(tmp_path):
    path = tmp_path / "band.rbl"
    path.write_text(EXAMPLE.read_text())
    runner = CliRunner()
    done = runner.invoke(app, ["compile", str(path), "--target", "mql5", "--timeframe", "h1"])
    assert done.exit_code == 0 and "#define RBL_TIMEFRAME PERIOD_H1" in done.output
    refused = runner.invoke(app, ["compile", str(path), "--target", "mql5"])
    assert refused.exit_code == 1 and "needs intraday bars" in refused.output
    wrong = runner.invoke(app, ["compile", str(path), "--target", "mql5", "--timeframe", "H7"])
    assert wrong.exit_code == 1 and "timeframe 'H7' is not one rbl compiles for" in wrong.output


@pytest.mark.parametrize(("step", "timeframe"), [("1min", "M1"), ("15min", "M15")])
def test_verify_on_minute_bars(tmp_path, step, timeframe):
    rng = np.random.default_rng(3)
    stamps = pd.date_range("2024-01-02 09:00", periods=2000, freq=step)
    closes = 100 * np.exp(np.cumsum(rng.normal(0, 0.001, (2000, 2)), axis=0))
    path = tmp_path / "bars.csv"
    pd.DataFrame({"date": stamps.strftime("%Y-%m-%d %H:%M"), "A": closes[:, 0], "B": closes[:, 1]}).to_csv(
        path, index=False)
    checked = compile_text('rbl 1\nstrategy "m"\nasset A column "A"\nasset B column "B"\ntarget:\n    A 50%\n'
                           '    B 50%\nrebalance:\n    check hourly\n    when drift > 0.5pp\n')
    assert f"#define RBL_TIMEFRAME PERIOD_{timeframe}" in emit_mql5(checked, timeframe=timeframe)
    report = verify(checked, data=[str(path)])
    assert report.ok, report.first_divergence
    assert report.bars == 1999 and report.deals > 2
