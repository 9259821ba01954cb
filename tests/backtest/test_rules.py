"""Hand-computed tiny cases (two assets, a few bars) that pin each rule of docs/semantics.md."""

from __future__ import annotations

import pytest

from tests.backtest.tiny import run

HALF_HALF = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
capital 1000 USD
target:
    A 50%
    B 50%
"""


def test_next_open_trades_at_the_previous_close_and_shows_in_the_next_bar():
    result = run(HALF_HALF, A=[100.0, 110.0, 121.0], B=[100.0, 100.0, 100.0])
    # by default every bar rebalances: bar 1 decides on 1050 and fills at bar 2's open, 110
    assert result.nav.tolist() == [1000.0, 1050.0, 525.0 / 110.0 * 121.0 + 525.0]
    assert result.holdings.iloc[0].tolist() == [0.0, 0.0]
    assert result.holdings.iloc[1].tolist() == [5.0, 5.0]


def test_trade_at_close_pays_its_costs_on_the_decision_bar():
    body = HALF_HALF + "execution decide at close, trade at close\ncosts:\n    commission 10 bps\n"
    result = run(body, A=[100.0, 100.0], B=[100.0, 100.0])
    # V' = V - 0.001 V'  ->  V' = 1000 / 1.001, and the cost is V - V'
    assert result.nav.iloc[0] == pytest.approx(1000 / 1.001, rel=1e-12)
    assert result.costs == pytest.approx(1000 - 1000 / 1.001, rel=1e-9)


def test_a_per_order_fee_comes_out_of_the_traded_value():
    body = HALF_HALF + "costs:\n    commission 1 USD per order\n"
    result = run(body, A=[100.0, 100.0], B=[100.0, 100.0])
    assert result.holdings.iloc[1].tolist() == pytest.approx([4.99, 4.99], rel=1e-12)
    assert result.nav.iloc[1] == pytest.approx(998.0, rel=1e-12)


def test_spread_counts_half_and_slippage_in_full():
    body = HALF_HALF + "costs:\n    spread 20 bps\n    slippage 5 bps\n"
    result = run(body, A=[100.0, 100.0], B=[100.0, 100.0])
    assert result.costs == pytest.approx(1000 - 1000 / 1.0015, rel=1e-9)


THREE_QUARTERS = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
capital 1000 USD
target:
    A 75%
    B 25%
rebalance:
    check daily
    when drift {op} 25pp
"""


def test_a_drift_exactly_at_the_band_does_not_breach_a_strict_band():
    # B triples: A is 750 of 1500 = 50%, exactly 25pp off its 75% target
    result = run(THREE_QUARTERS.format(op=">"), A=[100.0, 100.0, 100.0], B=[100.0, 100.0, 300.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "HOLD"]
    assert result.trace_records()[2].max_drift == 0.25


def test_a_drift_exactly_at_the_band_breaches_an_inclusive_band():
    result = run(THREE_QUARTERS.format(op=">="), A=[100.0, 100.0, 100.0], B=[100.0, 100.0, 300.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "REBALANCE"]


def test_a_zero_target_with_a_relative_band_never_fires_while_nothing_is_held():
    body = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
target:
    A 100%
    B 0%
rebalance:
    check daily
    when drift > 25% of target
"""
    result = run(body, A=[100.0, 50.0, 200.0, 10.0], B=[100.0, 300.0, 1.0, 100.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "HOLD", "HOLD"]


def test_lots_round_orders_toward_zero():
    body = HALF_HALF.replace('symbol "A"', 'symbol "A" lot 1')
    result = run(body, A=[30.0, 30.0], B=[100.0, 100.0])
    assert result.holdings.iloc[1].tolist() == [16.0, 5.0]       # 500 / 30 = 16.67 -> 16


def test_a_minimum_trade_drops_small_orders():
    body = HALF_HALF + "rebalance:\n    check daily\n    when drift > 1pp\ncosts:\n    minimum trade 30 USD\n"
    # bar 2: A +5% -> A is 525/1025 = 51.2%, 1.2pp off; each order is 12.5 USD < 30: nothing trades
    result = run(body, A=[100.0, 100.0, 105.0, 105.0], B=[100.0, 100.0, 100.0, 100.0])
    assert result.trace_records()[2].event == "REBALANCE"
    assert result.trace_records()[2].orders == {}
    assert result.holdings.iloc[3].tolist() == [5.0, 5.0]


def test_orders_list_sells_before_buys():
    body = HALF_HALF + "rebalance:\n    check daily\n    when drift > 5pp\n"
    result = run(body, A=[100.0, 100.0, 200.0, 200.0], B=[100.0, 100.0, 100.0, 100.0])
    orders = result.trace_records()[2].orders
    assert list(orders) == ["A", "B"]
    assert orders["A"] == pytest.approx(-1.25) and orders["B"] == pytest.approx(2.5)


def test_a_cash_buffer_scales_the_risky_weights_down():
    body = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
cash CASH
target: equal weight A, B
constraints:
    cash buffer 10%
"""
    record = run(body, A=[100.0, 100.0], B=[100.0, 100.0]).trace_records()[0]
    assert record.targets == pytest.approx({"A": 0.45, "B": 0.45})


def test_a_state_keeps_its_value_between_its_two_thresholds():
    body = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
state defensive = false:
    true when A < 90
    false when A > 95
target:
    A 50%
    B 50%
exposure if defensive then 50% else 100%
"""
    result = run(body, A=[100.0, 85.0, 92.0, 96.0, 93.0], B=[100.0] * 5)
    assert [r.targets["A"] for r in result.trace_records()] == [0.5, 0.25, 0.25, 0.5, 0.5]


def test_the_first_decision_waits_for_the_longest_lookback():
    body = HALF_HALF + "rebalance:\n    check daily\n    when A > sma(A, 3 days)\n"
    result = run(body, A=[100.0, 101.0, 102.0, 103.0, 104.0], B=[100.0] * 5)
    records = result.trace_records()
    assert [r.date for r in records][0] == "2020-01-09" and records[0].event == "INITIAL"
    assert result.nav.iloc[:4].tolist() == [1000.0] * 4


def test_the_kill_switch_closes_everything_and_stops():
    body = HALF_HALF + "rebalance:\n    check daily\n    when drift > 50pp\nconstraints:\n    max drawdown 20%\n"
    result = run(body, A=[100.0, 100.0, 50.0, 60.0, 80.0], B=[100.0, 100.0, 70.0, 70.0, 90.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "KILL", "DONE", "DONE"]
    assert result.holdings.iloc[-1].tolist() == [0.0, 0.0]
    assert result.nav.iloc[-1] == pytest.approx(600.0)     # sold at 50 and 70 with 5 of each
