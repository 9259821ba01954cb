"""Issue 12's engine defects, each reproduced first: with a cash sleeve and `trade breached assets`, a
breach of the cash holding alone recorded a REBALANCE with no orders."""

from __future__ import annotations

from tests.backtest.tiny import run

WITH_CASH = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
cash CASH
capital 1000 USD
execution decide at close, trade at close
target:
    A 40%
    B 40%
    CASH 20%
rebalance:
    when drift > 5pp
    trade breached assets
"""


def test_a_breach_of_the_cash_alone_does_not_fire_a_breached_assets_rebalance():
    # A and B both x1.5: weights 3/7, 3/7, 1/7: drifts 2.9pp, 2.9pp and 5.7pp (the cash alone)
    result = run(WITH_CASH, A=[100.0, 150.0], B=[100.0, 150.0])
    record = result.trace_records()[1]
    assert (record.event, record.when) == ("HOLD", False)
    assert len(result.trades) == 1


def test_a_breach_of_a_risky_asset_still_fires_and_trades_it_alone():
    result = run(WITH_CASH, A=[100.0, 130.0], B=[100.0, 100.0])   # A 6.4pp over, B and cash not
    assert result.trace_records()[1].event == "REBALANCE"
    trade = result.trades[1]
    assert trade.quantities[0] != 0 and trade.quantities[1] == 0


def test_with_all_assets_traded_a_cash_breach_still_fires():
    result = run(WITH_CASH.replace("trade breached assets", "trade all assets"), A=[100.0, 150.0], B=[100.0, 150.0])
    assert result.trace_records()[1].event == "REBALANCE"
