"""Intraday strategies end to end: each calendar rule on the bundled SYNTHETIC H1 bars agrees with the
reference simulator, and a band strategy on 10 assets x 500,000 one-minute bars runs."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy import backtest
from rbl.backends.numpy.readers import DataError
from rbl.dsl.compiler import compile_text
from tests.backtest.agreement import assert_engine_matches_reference

EXAMPLE = Path(__file__).parents[2] / "examples" / "intraday_band.rbl"
RULES = ["check every 4 hours\n    when drift > 2pp", "check daily\n    when drift > 1pp", "when hourly",
         "when monthly", "when 3rd trading day of month", "when weekly on wednesday",
         "when last trading day of week", "check every 12 hours\n    when drift > 1pp"]


def strategy(rule: str) -> str:
    return EXAMPLE.read_text().replace("    check every 4 hours\n    when drift > 2.7pp", f"    {rule}")


@pytest.mark.parametrize("rule", RULES)
def test_calendar_rules_on_h1_bars_match_the_reference(rule):
    _, reference, _ = assert_engine_matches_reference(compile_text(strategy(rule)))
    assert len(reference.trades) > 3                       # the rule fired after the initial trade


def test_the_trace_prints_bar_times():
    record = backtest(EXAMPLE).trace_records()[0]
    assert record.date == "2021-01-04T00:00:00"


def test_an_hours_rule_on_daily_data_is_a_data_error():
    text = strategy("check hourly\n    when drift > 2pp").replace('"EURUSD_H1"', '"EURUSD"').replace(
        '"GBPUSD_H1"', '"GBPUSD"').replace('"XAUUSD_H1"', '"XAUUSD"')
    with pytest.raises(DataError, match="'check hourly' needs intraday bars, but the data has daily bars"):
        backtest(compile_text(text))


def test_periods_per_year_are_inferred_from_h1_bars():
    manifest = backtest(EXAMPLE).run.manifest
    assert manifest["periods_per_year"] == 6240.0          # 24 bars x 260 weekdays
    assert manifest["first_bar"] == "2021-01-04T00:00:00"


BAND = '''rbl 1
strategy "10 x M1 band"
{assets}
target: equal weight {names}
rebalance:
    check hourly
    when drift > 2pp
'''


def test_ten_assets_by_500_000_one_minute_bars():
    rng = np.random.default_rng(7)
    stamps = pd.date_range("2020-01-01", periods=500_000, freq="min")
    prices = 100 * np.exp(np.cumsum(rng.normal(0, 0.0005, (500_000, 10)), axis=0))
    names = [f"A{i}" for i in range(10)]
    frame = pd.DataFrame(prices, index=stamps, columns=names)
    text = BAND.format(assets="\n".join(f'asset {n} column "{n}"' for n in names), names=", ".join(names))
    started = time.perf_counter()
    result = backtest(compile_text(text), frame)
    seconds = time.perf_counter() - started
    assert len(result.nav) == 500_000 and result.metrics["rebalances"] > 0
    assert result.run.manifest["first_bar"] == "2020-01-01T00:00:00"
    assert seconds < 60, f"{seconds:.1f} s"
