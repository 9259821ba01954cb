"""Aggregates and `bars since rebalance` inside a strategy with sleeves, hand-computed on a few bars
(docs/semantics.md, *Sleeves*): a sleeve's `when` ranges over its holdings and counts from its own
trades, the strategy's `when` ranges over the sleeves and counts from any trade."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rbl.dsl.compiler import compile_file
from tests.backtest.agreement import assert_engine_matches_reference
from tests.backtest.test_sleeves import SCALED, orders, sleeves
from tests.backtest.tiny import run

EXAMPLE = Path(__file__).parents[2] / "examples" / "sleeve_cooldown.rbl"
EDGES = Path(__file__).parent / "data" / "sleeve_edges.rbl"

FLAT = {a: [100.0] * 9 for a in "ABCD"}      # nothing drifts: only the counters decide


def events(result) -> dict[int, tuple[str, str, bool]]:
    """bar -> (event, the sleeves' flags, the strategy's when) for every bar that is not a HOLD."""
    return {t: (r.event, r.sleeves, r.when) for t, r in enumerate(result.trace_records()) if r.event != "HOLD"}


def test_each_sleeve_counts_bars_since_its_own_rebalance():
    # core every 2 bars, satellite every 3: the core fires on 2, 4, 6, 8, the satellite on 3, 6
    result = run(sleeves("bars since rebalance >= 2", "bars since rebalance >= 3", "drift > 50pp"), **FLAT)
    assert {t: e[1] for t, e in events(result).items()} == {
        0: "core:10,satellite:10", 2: "core:11,satellite:10", 3: "core:10,satellite:11",
        4: "core:11,satellite:10", 6: "core:11,satellite:11", 8: "core:11,satellite:10"}


def test_the_strategys_count_restarts_on_any_trade_and_a_scaled_sleeve_keeps_its_own():
    # the strategy fires on bar 3 (3 since INITIAL) and scales the core, whose count goes on: it fires
    # on bar 4 (4 since INITIAL); the strategy's count restarts there: its next is bar 7, the core's bar 8
    result = run(sleeves("bars since rebalance >= 4", "drift > 50pp", "bars since rebalance >= 3"), **FLAT)
    assert events(result) == {0: ("INITIAL", "core:10,satellite:10", False),
                              3: ("REBALANCE", "core:10,satellite:10", True),
                              4: ("REBALANCE", "core:11,satellite:10", False),
                              7: ("REBALANCE", "core:10,satellite:10", True),
                              8: ("REBALANCE", "core:11,satellite:10", False)}


def test_a_sleeves_check_reads_its_own_count():
    # the core looks every 3 bars from its own last rebalance, the strategy every 4 from any trade:
    # the core fires on 3, 6; the strategy's count restarts there, so it never reaches 4
    core = sleeves("true", "drift > 50pp", "true").replace(
        "    rebalance:\n        when true\n", "    rebalance:\n        check bars since rebalance >= 3\n"
                                                      "        when true\n", 1)
    body = core.replace("rebalance:\n    when true\n", "rebalance:\n    check bars since rebalance >= 4\n"
                                                             "    when true\n")
    assert {t: e[1] for t, e in events(run(body, **FLAT)).items()} == {
        0: "core:01,satellite:10", 3: "core:11,satellite:10", 6: "core:11,satellite:10"}


def test_days_since_rebalance_counts_calendar_days_per_sleeve():
    # business days from Monday 2020-01-06: bar 4 is Friday (4 days), bar 5 the next Monday (7 days)
    result = run(sleeves("days since rebalance >= 7", "drift > 50pp", "drift > 50pp"), **FLAT)
    assert [t for t, e in events(result).items() if e[0] == "REBALANCE"] == [5]


def test_a_sleeves_aggregate_ranges_over_its_own_holdings():
    # bar 1: the satellite holds C:D at 2/3:1/3 against 1/2:1/2, half its summed drift is 1/6 = 16.67pp;
    # the core has not drifted
    fires = run(sleeves("sum of drift / 2 > 1pp", "sum of drift / 2 > 16.6pp", "drift > 50pp"), **SCALED)
    assert events(fires)[1] == ("REBALANCE", "core:10,satellite:11", False)
    holds = run(sleeves("sum of drift / 2 > 1pp", "sum of drift / 2 > 16.7pp", "drift > 50pp"), **SCALED)
    assert 1 not in events(holds)


def test_count_mean_and_in_read_the_sleeves_holdings_only():
    rule = "count of (weight > target) >= 1 and mean of drift > 16.6pp and max of drift in D > 16.6pp"
    fires = run(sleeves("drift > 50pp", rule, "drift > 50pp"), **SCALED)
    assert events(fires)[1][1] == "core:10,satellite:11"
    twice = run(sleeves("drift > 50pp", "count of (weight > target) >= 2", "drift > 50pp"), **SCALED)
    assert 1 not in events(twice)


def test_a_price_only_aggregate_in_a_sleeve_counts_its_own_assets():
    # C is at 200 from bar 1 on: the satellite counts it, the core does not
    result = run(sleeves("count of (price > 150) >= 1", "count of (price > 150) >= 1", "drift > 50pp"), **SCALED)
    assert events(result)[1][1] == "core:10,satellite:11"


def test_the_strategys_aggregate_ranges_over_the_sleeves():
    # bar 1: u = 40%/60% against 50%/50%: half the summed drift over the sleeves is 10pp
    fires = run(sleeves("drift > 50pp", "drift > 50pp", "sum of drift / 2 > 9.9pp"), **SCALED)
    assert events(fires)[1] == ("REBALANCE", "core:10,satellite:10", True)
    holds = run(sleeves("drift > 50pp", "drift > 50pp", "sum of drift / 2 > 10.1pp"), **SCALED)
    assert 1 not in events(holds)
    named = run(sleeves("drift > 50pp", "drift > 50pp", "max of weight in satellite > 59.9%"), **SCALED)
    assert events(named)[1][2] is True


def test_the_sleeve_cooldown_example_agrees_with_the_reference_on_every_rule():
    """examples/sleeve_cooldown.rbl on the bundled data: NAV to 1e-9, events and each sleeve's flags bar
    for bar, and each of the three rules (two aggregates, three counters) fires somewhere."""
    result, reference, dates = assert_engine_matches_reference(compile_file(EXAMPLE))
    bars, records = range(result.run.sim.t0, len(dates)), result.trace_records()
    assert {t: r.event for t, r in zip(bars, records)} == reference.events
    assert {t: r.sleeves for t, r in zip(bars, records)} == reference.flags
    rebalances = [r for r in records if r.event == "REBALANCE"]
    assert any(r.when for r in rebalances)
    assert any("core:11" in r.sleeves for r in rebalances) and any("satellite:11" in r.sleeves for r in rebalances)


# ---- a sleeve's own partial policies: breached assets, band edges --------------------------------
def test_a_sleeve_trades_back_to_its_band_edge():
    # bar 1: the satellite (75,000) holds C:D at 2/3:1/3 against 1/2:1/2, 16.7pp each beyond a 10pp band:
    # C goes to 60% and D to 40% of the sleeve, the core is left alone
    body = sleeves("drift > 50pp", "drift > 10pp", "drift > 50pp").replace(
        "        when drift > 10pp\n", "        when drift > 10pp\n        to band edge\n")
    assert orders(run(body, **SCALED), 1) == pytest.approx({"C": 0.6 * 75_000 / 200 - 250,
                                                            "D": 0.4 * 75_000 / 100 - 250}, rel=1e-12)


def test_a_sleeve_trades_only_its_breached_assets():
    # only C is above 60% of the satellite: it alone goes back to 50% of the sleeve's 75,000
    body = sleeves("drift > 50pp", "weight > 60%", "drift > 50pp").replace(
        "        when weight > 60%\n", "        when weight > 60%\n        trade breached assets\n")
    assert orders(run(body, **SCALED), 1) == pytest.approx({"C": 0.5 * 75_000 / 200 - 250}, rel=1e-12)


def test_a_sleeve_trades_its_breached_assets_to_their_band_edge():
    # the satellite (50,000) holds C 250, D 125, E 125 at 100; C rises to 130: V_s = 57,500, C is 6.5pp
    # over its 50% (a 5pp band), D and E 3.3pp under theirs: C alone goes to 55% of 57,500
    body = ("".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in "ABCDE")
            + "sleeve core 50%:\n    target:\n        A 50%\n        B 50%\n    rebalance:\n        when drift > 50pp\n"
            + "sleeve satellite 50%:\n    target:\n        C 50%\n        D 25%\n        E 25%\n"
            + "    rebalance:\n        when drift > 5pp\n        to band edge\n        trade breached assets\n")
    result = run(body, A=[100, 100, 100], B=[100, 100, 100], C=[100, 130, 130], D=[100, 100, 100],
                 E=[100, 100, 100])
    assert orders(result, 1) == pytest.approx({"C": (0.55 * 57_500 - 32_500) / 130}, rel=1e-12)


def test_sleeves_trading_breached_assets_to_the_band_edge_agree_with_the_reference():
    """tests/backtest/data/sleeve_edges.rbl on the bundled data: both partial policies inside sleeves,
    a cash sleeve the satellite owns and never trades."""
    result, reference, dates = assert_engine_matches_reference(compile_file(EDGES))
    bars, records = range(result.run.sim.t0, len(dates)), result.trace_records()
    assert {t: r.sleeves for t, r in zip(bars, records)} == reference.flags
    partial = [t for t in result.trades[1:] if 0 < np.count_nonzero(t.quantities[2:]) < 6]
    assert len(partial) > 100               # the satellite traded some of its assets only
    for trade, (_, dq, _) in zip(result.trades, reference.trades):
        expected = np.array([dq.get(a, 0.0) for a in result.assets])
        np.testing.assert_allclose(trade.quantities, expected, rtol=1e-9, atol=1e-9)
