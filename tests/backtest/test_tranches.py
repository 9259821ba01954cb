"""`trade over N bars`: a decision's orders in N slices, on its bar and the next decision bars, each at its own
bar's prices and costs, in lots and above the minimum trade per slice; a new decision replaces what is left.
Hand-computed tiny cases, and the engine against the independent reference simulator to 1e-9."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_file
from tests.backtest.agreement import assert_engine_matches_reference
from tests.backtest.tiny import run

BASE = """asset A column "A" symbol "A"{lot}
asset B column "B" symbol "B"{lot}
capital 1000 USD
execution decide at close, trade at close
target:
    A 50%
    B 50%
rebalance:
    when {when}
    trade over 4 bars
{costs}"""
FLAT = dict(A=[10.0] * 6, B=[10.0] * 6)


def strategy(when="drift > 60pp", lot="", costs=""):
    return BASE.format(when=when, lot=lot, costs=costs)


def orders(result):
    return [(r.event, r.orders.get("A", 0.0), r.orders.get("B", 0.0)) for r in result.trace_records()]


def test_the_first_decision_is_traded_in_four_equal_slices_on_four_bars():
    # 500 of each asset to buy at 10: 12.5 a slice
    assert orders(run(strategy(), **FLAT)) == [("INITIAL", 12.5, 12.5)] + [("TRANCHE", 12.5, 12.5)] * 3 + \
        [("HOLD", 0.0, 0.0)] * 2


def test_each_slice_is_priced_and_costed_at_its_own_bar():
    # the orders are decided at 10 (50 units of A); A costs 20 from bar 1: the slices are still 12.5 units,
    # bought at 20, and each pays 10 bps of its own notional
    result = run(strategy(costs="costs:\n    commission 10 bps\n"), A=[10.0, 20, 20, 20, 20, 20], B=[10.0] * 6)
    trades = result.trades
    units = [t.quantities[0] for t in trades]
    assert units == pytest.approx([units[0]] * 4, rel=1e-12) and 12.48 < units[0] < 12.5   # V' pays the costs
    assert [t.prices[0] for t in trades] == [10.0, 20.0, 20.0, 20.0]
    for t in trades:
        assert t.cost == pytest.approx(0.001 * sum(abs(t.quantities) * t.prices), rel=1e-12)


def test_lots_round_each_slice_and_the_last_slice_trades_the_rest():
    # 50 units each in lots of 1: 50/4 = 12.5 -> 12; 38/3 -> 12; 26/2 = 13; the last: 13
    result = run(strategy(lot=" lot 1"), **FLAT)
    assert [a for _, a, _ in orders(result)][:4] == [12.0, 12.0, 13.0, 13.0]


def test_a_slice_under_the_minimum_trade_is_skipped_and_left_for_the_next():
    # 500 USD of each to buy under a 170 USD minimum: 500/4 = 125 and 500/3 = 167 are skipped, then
    # 500/2 = 250 and the last 250 trade
    result = run(strategy(costs="costs:\n    minimum trade 170 USD\n"), **FLAT)
    assert orders(result)[:4] == [("INITIAL", 0.0, 0.0), ("TRANCHE", 0.0, 0.0), ("TRANCHE", 25.0, 25.0),
                                  ("TRANCHE", 25.0, 25.0)]


def test_a_new_decision_replaces_the_slices_left():
    # two slices held (25 units each, 500 cash); A doubles on bar 2: weights 0.4 and 0.2, a drift of 30pp
    # fires a new decision there, sliced in four from that bar's holdings
    result = run(strategy(when="drift > 20pp and bars since rebalance >= 2"), A=[10.0, 10, 20, 20, 20, 20, 20],
                 B=[10.0] * 7)
    events = [r.event for r in result.trace_records()]
    assert events[:3] == ["INITIAL", "TRANCHE", "REBALANCE"]
    assert [t.decision for t in result.trades][2:] == [2] * len(result.trades[2:])
    assert [t.part for t in result.trades][2:5] == [1, 2, 3]


def test_a_trade_record_carries_its_decision_and_slice():
    result = run(strategy(), **FLAT)
    assert [(t.bar, t.decision, t.part) for t in result.trades] == [(0, 0, 1), (1, 0, 2), (2, 0, 3), (3, 0, 4)]
    table = result.trade_table
    assert set(table["decided"].astype(str)) == {"2020-01-06"}
    assert list(table["filled"].astype(str).unique()) == ["2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09"]
    why = [r.why for r in result.trace_records()][:2]
    assert why == ["first decision bar: trade into the targets; slice 1 of 4",
                   "slice 2 of 4 of the decision of 2020-01-06"]


def test_the_kill_switch_closes_everything_at_once_and_ends_the_slices():
    body = strategy() + "constraints:\n    max drawdown 20%\n"
    result = run(body, A=[10.0, 10, 1, 1, 1, 1], B=[10.0] * 6)       # bar 2: 25 + 250 + 500, down 22.5%
    assert [r.event for r in result.trace_records()] == ["INITIAL", "TRANCHE", "KILL", "DONE", "DONE", "DONE"]
    kill = result.trades[-1]
    assert kill.part == 0 and list(kill.quantities) == [-25.0, -25.0]     # the two slices held


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tranche_band.rbl"


def test_the_engine_agrees_with_the_reference_on_the_example():
    result, reference, dates = assert_engine_matches_reference(compile_file(EXAMPLE))
    assert {r.date: r.event for r in result.trace_records()} == {str(dates[t]): e for t, e in reference.events.items()}
    assert sum(r.event == "TRANCHE" for r in result.trace_records()) > 50


def test_a_rebalances_slices_count_in_its_turnover_and_orders_and_the_initial_ones_do_not():
    result = run(strategy(when="drift > 20pp and bars since rebalance >= 2"), A=[10.0, 10, 20, 20, 20, 20, 20],
                 B=[10.0] * 7)
    counted = [t for t in result.trades if t.decision == 2]             # the REBALANCE of bar 2 and its slices
    assert [t.event for t in counted][:2] == ["REBALANCE", "TRANCHE"]
    turnover = sum(sum(abs(t.quantities * t.prices)) / 2 / t.value_before for t in counted)
    assert result.run.totals.rebalances[0] == 1
    assert result.run.totals.orders[0] == sum(int((t.quantities != 0).sum()) for t in counted)
    assert result.run.totals.turnover[0] == pytest.approx(turnover, rel=1e-12)
