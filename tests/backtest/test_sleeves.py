"""Sleeves in the backtester, hand-computed on a few bars (docs/semantics.md, *Sleeves*)."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import backtest, sweep
from tests.backtest.tiny import prices, run, strategy

FOUR = "".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in "ABCD")


def sleeves(core_when: str, satellite_when: str, parent_when: str, share: str = "50%", extra: str = "") -> str:
    return (FOUR + extra
            + f"sleeve core {share}:\n    target:\n        A 50%\n        B 50%\n"
            + f"    rebalance:\n        when {core_when}\n"
            + f"sleeve satellite 100% - {share}:\n    target:\n        C 50%\n        D 50%\n"
            + f"    rebalance:\n        when {satellite_when}\n"
            + f"rebalance:\n    when {parent_when}\n")


def orders(result, bar: int) -> dict[str, float]:
    trade = next(t for t in result.trades if t.bar == bar)
    return {a: q for a, q in zip(result.assets, trade.quantities) if q != 0}


def test_a_sleeve_alone_trades_only_its_own_assets_and_pays_its_own_cost():
    body = sleeves("drift > 5pp", "drift > 90pp", "drift > 50pp") + "costs:\n    commission 10 bps\n"
    result = run(body, A=[100, 150, 150], B=[100, 100, 100], C=[100, 100, 100], D=[100, 100, 100])
    Q = 100_000 / 1.001 / 4 / 100           # INITIAL: V' = V - k V', a quarter in each asset at 100
    assert orders(result, 0) == pytest.approx({a: Q for a in "ABCD"}, rel=1e-12)
    # bar 1: the core is 150Q:100Q (drift 10pp > 5pp); its V' = 250Q - k(25Q + 25Q) = 249.95Q
    assert orders(result, 1) == pytest.approx({"A": 0.5 * 249.95 * Q / 150 - Q, "B": 0.5 * 249.95 * Q / 100 - Q},
                                              rel=1e-12)
    assert result.trades[1].cost == pytest.approx(0.001 * (25.025 * Q + 24.975 * Q), rel=1e-12)
    assert result.holdings.iloc[2][["C", "D"]].tolist() == pytest.approx([Q, Q], rel=1e-15)
    assert result.nav.iloc[2] == pytest.approx(249.95 * Q + 200 * Q, rel=1e-12)   # cash stays 0


def test_a_sleeve_rebalance_is_traced_with_its_own_check_and_when():
    body = sleeves("drift > 5pp", "drift > 90pp", "drift > 50pp")
    record = run(body, A=[100, 150, 150], B=[100] * 3, C=[100] * 3, D=[100] * 3).trace_records()[1]
    assert (record.event, record.when, record.sleeves) == ("REBALANCE", False, "core:11,satellite:10")
    assert "core rebalanced (#1)" in record.why


SCALED = {"A": [100, 100, 100], "B": [100, 100, 100], "C": [100, 200, 200], "D": [100, 100, 100]}


def test_a_parent_rebalance_scales_a_sleeve_that_does_not_fire_keeping_its_mix():
    # bar 1: core 50,000, satellite 250 x 200 + 250 x 100 = 75,000 of 125,000: u = 40%/60%, drift 10pp
    result = run(sleeves("drift > 50pp", "drift > 50pp", "drift > 5pp"), **SCALED)
    expected = {"A": 312.5 - 250, "B": 312.5 - 250, "C": 125_000 / 3 / 200 - 250, "D": 125_000 / 6 / 100 - 250}
    assert orders(result, 1) == pytest.approx(expected, rel=1e-12)
    held = result.holdings.iloc[2]
    assert held["C"] * 200 / (held["D"] * 100) == pytest.approx(2.0, rel=1e-12)   # the satellite's 2:1 kept
    record = result.trace_records()[1]
    assert (record.when, record.max_drift, record.sleeves) == (True, pytest.approx(0.1), "core:10,satellite:10")


def test_a_parent_and_a_sleeve_firing_on_the_same_bar_send_that_sleeve_to_its_targets():
    # the satellite's own drift is 16.7pp > 10pp: its destination is W m = 25% each, the core keeps its mix
    result = run(sleeves("drift > 50pp", "drift > 10pp", "drift > 5pp"), **SCALED)
    assert orders(result, 1) == pytest.approx({"A": 62.5, "B": 62.5, "C": 156.25 - 250, "D": 312.5 - 250},
                                              rel=1e-12)
    assert result.trace_records()[1].sleeves == "core:10,satellite:11"


def test_the_targets_are_the_composed_weights():
    body = sleeves("drift > 50pp", "drift > 50pp", "drift > 5pp", share="core",
                   extra="param core = 70% from 40% to 80% step 10%\n")
    record = run(body, **SCALED).trace_records()[0]
    assert record.targets == pytest.approx({"A": 0.35, "B": 0.35, "C": 0.15, "D": 0.15})


def test_each_variant_of_a_sweep_over_a_sleeve_share_equals_its_single_run():
    body = sleeves("drift > 50pp", "drift > 10pp", "drift > 5pp", share="core",
                   extra="param core = 50% from 40% to 60% step 10%\ncosts:\n    commission 10 bps\n")
    checked, data = strategy(body), prices(A=[100, 90, 95, 120, 80], B=[100, 100, 101, 99, 100],
                                            C=[100, 200, 150, 260, 300], D=[100, 100, 80, 60, 100])
    swept = sweep(checked, data, core=("40%", "60%", "10%"))
    assert len(swept.results) == 3
    for variant, share in zip(swept.results, (0.4, 0.5, 0.6)):
        single = backtest(checked, data, core=share)
        np.testing.assert_allclose(variant.nav.to_numpy(), single.nav.to_numpy(), rtol=1e-12, atol=0)
        assert [t.bar for t in variant.trades] == [t.bar for t in single.trades]
        assert [r.sleeves for r in variant.trace_records()] == [r.sleeves for r in single.trace_records()]
        assert variant.metrics == pytest.approx(single.metrics, rel=1e-12)    # benchmark: the composed w*
    assert orders(swept.result(0), 0)["A"] == pytest.approx(0.4 * 0.5 * 100_000 / 100 * (1 / 1.001), rel=1e-12)


CASH_SLEEVE = ('asset A column "A" symbol "A"\nasset B column "B" symbol "B"\ncash CASH\n'
               "sleeve core 60%:\n    target:\n        A 100%\n    rebalance:\n        when drift > 50pp\n"
               "sleeve satellite 40%:\n    target:\n        B 100% while price > 100\n"
               "    rebalance:\n        check daily\n"
               "rebalance:\n    when drift > 50pp\n")


def test_a_sleeve_that_owns_the_cash_parks_its_money_there_and_back():
    result = run(CASH_SLEEVE, A=[100, 100, 100, 100], B=[110, 90, 120, 120])
    b = 40_000 / 110
    assert orders(result, 1) == pytest.approx({"B": -b})                   # B <= 100: the satellite sells
    assert orders(result, 2) == pytest.approx({"B": b * 90 / 120})         # and buys back with its cash
    assert result.holdings["A"].tolist() == pytest.approx([0, 600, 600, 600])   # the core never trades
    assert result.trace_records()[1].targets == pytest.approx({"A": 0.6, "B": 0.0})


def test_a_sleeve_that_owns_the_cash_counts_it_in_its_value():
    # bar 1: the satellite holds B worth 363.64 x 90 = 32,727 and no cash: u = 32,727 / 92,727
    result = run(CASH_SLEEVE.replace("drift > 50pp", "drift > 4pp"), A=[100, 100, 100], B=[110, 90, 90])
    record = result.trace_records()[1]
    assert record.max_drift == pytest.approx(0.4 - 32_727.2727 / 92_727.2727, rel=1e-6)
    assert (record.when, record.sleeves) == (True, "core:10,satellite:11")
