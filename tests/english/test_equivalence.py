"""Scoring a translation by backtest: the synthetic panel is long enough for any strategy's warm-up."""

from __future__ import annotations

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.equivalence import backtest_equivalent, comparable, ir_equivalent

LONG_WARMUP = """rbl 1
strategy "Trend"
asset SPY column "SPY" symbol "SPY.US"
asset AGG column "AGG" symbol "AGG.US"
target:
    if return(SPY, 5 years) > 0:
        SPY 60%
        AGG 40%
    else:
        SPY 20%
        AGG 80%
"""


def test_a_warm_up_longer_than_the_default_panel_is_scored_not_an_error():
    checked = compile_text(LONG_WARMUP)
    assert checked.warmup_bars > 900
    assert backtest_equivalent(checked, checked) is True


def test_a_cash_asset_nothing_refers_to_is_no_difference():
    body = "asset SPY\nasset AGG\n{cash}target:\n    SPY 60%\n    AGG 40%\nrebalance:\n    when monthly\nconstraints:\n    cash buffer 5%\n"
    declared, undeclared = (compile_text(f'rbl 1\nstrategy "s"\n' + body.format(cash=c)) for c in ("cash CASH\n", ""))
    assert ir_equivalent(declared.strategy, undeclared.strategy)


def test_a_cash_asset_the_target_holds_is_compared():
    held = compile_text('rbl 1\nstrategy "s"\nasset SPY\ncash CASH\ntarget:\n    SPY 90%\n    CASH 10%\nrebalance:\n    when monthly\n')
    assert comparable(held.strategy)["cash"] == "CASH"


SLEEVES = """rbl 1
strategy "s"
asset SPY
asset TLT
sleeve {first} 60%:
    target:
        TLT 100%
    rebalance:
        when quarterly
sleeve growth {share}:
    target:
        SPY 100%
    rebalance:
        when monthly
"""


def test_a_sleeve_is_compared_by_what_it_holds_not_by_its_name():
    named = [compile_text(SLEEVES.format(first=name, share="40%")).strategy for name in ("matching", "liability_matching")]
    assert ir_equivalent(*named)


def test_sleeves_that_hold_different_assets_are_different():
    bonds = compile_text(SLEEVES.format(first="bonds", share="40%")).strategy
    stocks = compile_text(SLEEVES.format(first="bonds", share="40%").replace("asset TLT", "asset TLT\nasset IEF").replace("TLT 100%", "IEF 100%")).strategy
    assert not ir_equivalent(bonds, stocks)


def test_assets_declared_in_another_order_are_the_same_assets():
    body = "target:\n    SPY 60%\n    AGG 40%\nrebalance:\n    when monthly\n"
    first, second = (compile_text(f'rbl 1\nstrategy "s"\n{decl}{body}').strategy
                     for decl in ("asset SPY\nasset AGG\n", "asset AGG\nasset SPY\n"))
    assert ir_equivalent(first, second)


BRAKE = """rbl 1
strategy "s"
asset SPY
asset IEF
cash CASH
state {name} = false:
    true when drawdown(portfolio) >= 10%
    false when drawdown(portfolio) {back}
target:
    SPY 50%
    IEF 50%
exposure if {name} then 40% else 100%
rebalance:
    when monthly
"""


def test_a_states_name_is_no_difference():
    brake, defensive = (compile_text(BRAKE.format(name=n, back="<= 3%")) for n in ("brake", "defensive"))
    assert ir_equivalent(brake.strategy, defensive.strategy)


def test_a_states_rules_are_compared():
    at_most, under = (compile_text(BRAKE.format(name="brake", back=b)) for b in ("<= 3%", "< 3%"))
    assert not ir_equivalent(at_most.strategy, under.strategy)
