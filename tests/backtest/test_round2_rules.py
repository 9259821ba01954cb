"""Issue 12's engine defects, each reproduced first: with a cash sleeve and `trade breached assets`, a
breach of the cash holding alone recorded a REBALANCE with no orders."""

from __future__ import annotations

import pytest

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


PARAM_COST = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
capital 1000 USD
param fee = 10 bps from 0 bps to 50 bps step 10 bps
param ticket = 1 USD from 0 USD to 2 USD step 1 USD
execution decide at close, trade at close
target:
    A 50%
    B 50%
costs:
    commission fee
    commission ticket per order
"""


def test_a_parameter_sets_a_cost_and_a_sweep_takes_each_value():
    from rbl.backends.numpy import sweep
    from tests.backtest.tiny import prices, strategy
    checked, frame = strategy(PARAM_COST), prices(A=[100.0, 100.0], B=[100.0, 100.0])
    # V' = V - k V' - 2 F: at 10 bps and 1 USD, V' = 998 / 1.001
    one = run(PARAM_COST, A=[100.0, 100.0], B=[100.0, 100.0])
    assert one.costs == pytest.approx(1000 - 998 / 1.001, rel=1e-9)
    grid = sweep(checked, frame, fee=("0bps", "50bps", "25bps"))
    assert grid.table["fee"].tolist() == [0.0, 0.0025, 0.005]
    for i, fee in enumerate(grid.table["fee"]):          # each variant pays its own rate (and 1 USD twice)
        assert grid.result(i).costs == pytest.approx(1000 - 998 / (1 + fee), rel=1e-9)


def test_a_parameter_cost_matches_the_reference_simulator():
    import numpy as np
    import pandas as pd

    from rbl.backends.numpy import backtest
    from rbl.dsl.compiler import compile_text
    from tests.backtest.reference_sim import ReferenceSim, load_columns
    text = ('rbl 1\nstrategy "p"\nasset SPY column "SPY" symbol "SPY"\nasset UST10 column "UST10" symbol "UST10"\n'
            "param fee = 10 bps from 0 bps to 50 bps step 5 bps\ntarget:\n    SPY 60%\n    UST10 40%\n"
            "rebalance:\n    when drift > 2pp\ncosts:\n    commission fee\n    spread fee\n")
    checked = compile_text(text)
    dates, closes = load_columns(["SPY", "UST10"])
    frame = pd.DataFrame(closes, columns=["SPY", "UST10"], index=pd.DatetimeIndex(dates))
    for fee in (0.001, 0.004):
        expected = np.array(ReferenceSim(checked, dates, closes, params={"fee": fee}).run())
        np.testing.assert_allclose(backtest(checked, frame, fee=fee).nav.to_numpy(), expected, rtol=1e-9, atol=0)
