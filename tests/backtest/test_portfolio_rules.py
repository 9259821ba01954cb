"""Aggregates over the holdings (`sum of drift`) and `bars since rebalance`: hand-computed tiny cases,
and the engine against the independent reference simulator, on the bundled data, to 1e-9."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import backtest
from rbl.dsl.compiler import compile_text
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.backtest.tiny import run

THREE = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
asset C column "C" symbol "C"
capital 1000 USD
execution decide at close, trade at close
target:
    A 50%
    B 25%
    C 25%
"""


def events(result):
    return [r.event for r in result.trace_records()]


def test_sum_of_drift_counts_every_holding():
    # bar 1: A doubles: weights 2/3, 1/6, 1/6 against 1/2, 1/4, 1/4; total drift = (1/6 + 1/12 + 1/12) / 2 = 1/6
    body = THREE + "rebalance:\n    when sum of drift / 2 > 16pp\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "REBALANCE"]
    body = THREE + "rebalance:\n    when sum of drift / 2 > 17pp\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "HOLD"]


def test_max_drift_alone_would_miss_what_the_l1_gate_sees():
    # max drift is 1/6 = 16.7pp; the L1 total is also 1/6, but the count of drifts over 8pp is 3
    body = THREE + "rebalance:\n    when count of (drift > 8pp) >= 3\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "REBALANCE"]
    body = THREE + "rebalance:\n    when max of drift > 17pp\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "HOLD"]


def test_mean_and_min_of_a_price_series_are_one_value_per_bar():
    # mean of return(price, 1 day) on bar 1: (1.0 + 0 + -0.5) / 3 = 1/6 > 10%; min of it is -50%
    body = THREE + "rebalance:\n    when mean of return(price, 1 day) > 10% and min of return(price, 1 day) < -40%\n"
    result = run(body, A=[100.0, 100.0, 200.0], B=[100.0] * 3, C=[100.0, 100.0, 50.0])
    assert events(result) == ["INITIAL", "REBALANCE"]


def test_bars_since_rebalance_spaces_the_trades():
    # every bar breaches a 1pp band (A doubles each bar), but trades are at least 3 bars apart
    body = THREE + "rebalance:\n    when drift > 1pp and bars since rebalance >= 3\n"
    a = [100.0 * 2 ** t for t in range(9)]
    result = run(body, A=a, B=[100.0] * 9, C=[100.0] * 9)
    assert events(result) == ["INITIAL", "HOLD", "HOLD", "REBALANCE", "HOLD", "HOLD", "REBALANCE", "HOLD", "HOLD"]


def test_bars_since_rebalance_counts_from_the_decision_bar_under_next_open():
    body = THREE.replace("trade at close", "trade at next open") + \
        "rebalance:\n    when drift > 1pp and bars since rebalance >= 2\n"
    a = [100.0 * 2 ** t for t in range(6)]
    result = run(body, A=a, B=[100.0] * 6, C=[100.0] * 6)
    assert events(result) == ["INITIAL", "HOLD", "REBALANCE", "HOLD", "REBALANCE", "HOLD"]


def test_days_since_rebalance_counts_calendar_days_between_the_decision_dates():
    # business days from Monday 2020-01-06: a weekend lies between bar 4 (Friday) and bar 5 (Monday)
    body = THREE + "rebalance:\n    when drift > 1pp and days since rebalance >= 5\n"
    a = [100.0 * 2 ** t for t in range(8)]
    result = run(body, A=a, B=[100.0] * 8, C=[100.0] * 8)
    # Mon 6 INITIAL; Sat 11 is 5 days on, so Mon 13 (bar 5) fires; then 5 days on is Sat 18: none by Wed 15
    assert events(result) == ["INITIAL", "HOLD", "HOLD", "HOLD", "HOLD", "REBALANCE", "HOLD", "HOLD"]


def test_a_state_can_read_the_bars_since_rebalance():
    body = THREE + "state stale = false:\n    true when bars since rebalance >= 2\n    false when bars since " \
        "rebalance < 2\nrebalance:\n    when stale\n"
    result = run(body, A=[100.0] * 6, B=[100.0] * 6, C=[100.0] * 6)
    # states update before the rules: bar 2 reads 2 bars since INITIAL; after it fires, 1 and 2 again
    assert events(result) == ["INITIAL", "HOLD", "REBALANCE", "HOLD", "REBALANCE", "HOLD"]


def test_an_aggregate_over_listed_holdings_reads_only_them():
    # bar 1: A doubles: drifts A 1/6, B 1/12, C 1/12; over B and C only: sum 1/6, mean 1/12, max 1/12
    body = THREE + "rebalance:\n    when (mean of drift in B, C) > 8pp and (max of drift in B, C) < 9pp\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "REBALANCE"]
    body = THREE + "rebalance:\n    when (sum of drift in B, C) > 17pp\n"
    assert events(run(body, A=[100.0, 200.0], B=[100.0] * 2, C=[100.0] * 2)) == ["INITIAL", "HOLD"]


def test_aggregates_in_a_sweep_take_each_variants_path():
    body = THREE + "param band = 5pp from 5pp to 25pp step 20pp\nrebalance:\n    when sum of drift / 2 > band\n"
    checked = compile_text('rbl 1\nstrategy "tiny"\n' + body)
    import pandas as pd
    frame = pd.DataFrame({"A": [100.0, 200.0], "B": [100.0] * 2, "C": [100.0] * 2},
                         index=pd.bdate_range("2020-01-06", periods=2))
    assert events(backtest(checked, frame, band=0.05)) == ["INITIAL", "REBALANCE"]
    assert events(backtest(checked, frame, band=0.25)) == ["INITIAL", "HOLD"]


PORTFOLIO = """asset SPY column "SPY" symbol "SPY"
asset UST10 column "UST10" symbol "UST10"
asset UST20 column "UST20" symbol "UST20"
cash CASH
target:
    SPY 50%
    UST10 20%
    UST20 20%
    CASH 10%
costs:
    commission 5 bps
"""

CASES = {
    "l1": "rebalance:\n    check weekly on friday\n    when sum of drift / 2 > 1pp\n",
    "cooldown": "rebalance:\n    when drift > 2pp and bars since rebalance >= 15\n",
    "days": "rebalance:\n    when drift > 1pp and days since rebalance >= 30 or days since rebalance > 120\n",
    "band_count": "bands:\n    SPY 3pp\n    UST10 25% of target\n    UST20 2pp\nrebalance:\n"
                  "    when count of (drift > its band) >= 2 or (sum of drift) / 2 > 3pp\n",
    "count_mean": "rebalance:\n    when count of (drift > 1.5pp) >= 2 or mean of abs(weight - target) > 1pp\n",
    "since_in_target": "target:\n    if bars since rebalance > 30:\n        SPY 60%\n        UST10 40%\n    else:\n"
                       "        SPY 40%\n        UST10 60%\nrebalance:\n    when max of drift > 3pp\n",
    "price_mean": "let m = mean of return(price, 3 months)\nexposure if m > 0% then 100% else 50%\n"
                  "rebalance:\n    check monthly\n",
    "subsets": "let bonds = mean of return(price, 3 months) in UST10, UST20\n"
               "exposure if bonds > 0% then 100% else 80%\nrebalance:\n    check weekly on monday\n"
               "    when (sum of drift in UST10, UST20) > 2pp or (max of drift in SPY, CASH) > 3pp "
               "or (count of (drift > 1pp) in SPY, UST20) >= 2\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_engine_matches_the_reference_simulator(name):
    text = CASES[name]
    body = PORTFOLIO if "target:" not in text else PORTFOLIO.split("target:")[0] + \
        "costs:\n    commission 5 bps\n"
    checked = compile_text('rbl 1\nstrategy "ref"\n' + body + text)
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    dates, closes = dates[:1500], closes[:1500]
    reference = ReferenceSim(checked, dates, closes)
    expected = np.array(reference.run())
    import pandas as pd
    frame = pd.DataFrame(closes, columns=[a.column for a in checked.strategy.assets],
                         index=pd.DatetimeIndex(dates))
    result = backtest(checked, frame)
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    assert len(result.trades) > 5
