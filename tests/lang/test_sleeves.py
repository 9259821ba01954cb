"""Sleeves: sub-portfolios with their own targets and schedule, as the checker and formatter see them."""

from __future__ import annotations

from pathlib import Path

from rbl.dsl import ir
from rbl.dsl.compiler import compile_text
from rbl.dsl.explain import explain
from rbl.dsl.fmt import format_strategy
from rbl.dsl.ir.analysis import sleeve_holdings
from tests.lang.helpers import HEAD, codes

CORE_SATELLITE = Path(__file__).parents[2] / "examples" / "core_satellite.rbl"
THIRD = 'asset MSFT column "MSFT" symbol "MSFT.US"\ncash CASH\n'


def sleeve(name: str, share: str, target: str, check: str = "monthly", extra: str = "") -> str:
    return (f"sleeve {name} {share}:\n    target:\n" + "".join(f"        {line}\n" for line in target.split(";"))
            + f"    rebalance:\n        check {check}\n" + extra)


TWO_SLEEVES = sleeve("core", "70%", "SPY 60%;AGG 40%", "annually") + sleeve("satellite", "30%", "MSFT 100%")


def sleeved(body: str) -> list[str]:
    return codes(body, HEAD + THIRD)


def test_two_sleeves_with_their_own_schedules_check():
    assert sleeved(TWO_SLEEVES + "rebalance:\n    when drift > 5pp\n") == []


def test_the_sleeves_become_the_strategys_target():
    target = compile_text(CORE_SATELLITE.read_text()).strategy.target
    assert isinstance(target, ir.SleeveWeights)
    assert [s.name for s in target.sleeves] == ["core", "satellite"]
    assert target.sleeves[1].rebalance.check.model_dump(mode="json") == {
        "kind": "calendar", "rule": "nth", "period": "month", "n": 1, "weekday": None}


def test_printing_a_sleeved_strategy_gives_back_the_same_ir():
    strategy = compile_text(CORE_SATELLITE.read_text()).strategy
    assert compile_text(format_strategy(strategy)).strategy.model_dump() == strategy.model_dump()


def test_sleeve_shares_that_do_not_sum_to_100_percent_are_an_error():
    assert sleeved(sleeve("core", "70%", "SPY 60%;AGG 40%") + sleeve("satellite", "20%", "MSFT 100%")) == ["E0401"]


def test_a_sleeves_own_weights_must_sum_to_100_percent_of_the_sleeve():
    assert sleeved(sleeve("core", "70%", "SPY 60%;AGG 30%") + sleeve("satellite", "30%", "MSFT 100%")) == ["E0401"]


def test_a_sleeve_share_may_be_a_parameter():
    body = "param core_share = 70% from 50% to 90% step 10%\n" + \
        sleeve("core", "core_share", "SPY 60%;AGG 40%") + sleeve("satellite", "100% - core_share", "MSFT 100%")
    assert sleeved(body) == []


def test_a_sleeve_share_needs_a_percentage():
    assert sleeved(sleeve("core", "70", "SPY 60%;AGG 40%") + sleeve("satellite", "30%", "MSFT 100%"))[0] == "E0304"


def test_an_asset_in_two_sleeves_is_an_error():
    assert sleeved(sleeve("core", "70%", "SPY 60%;AGG 40%") + sleeve("satellite", "30%", "SPY 100%")) == ["E0410"]


def test_two_sleeves_falling_back_to_the_cash_sleeve_share_it():
    body = sleeve("core", "70%", "SPY 60% while SPY > sma(SPY, 200 days);AGG 40%") + \
        sleeve("satellite", "30%", "MSFT 100% while MSFT > sma(MSFT, 200 days)")
    assert sleeved(body) == ["E0410"]


def test_a_sleeve_owns_the_cash_sleeve_its_hold_filter_falls_back_to():
    body = sleeve("core", "70%", "SPY 60% while SPY > sma(SPY, 200 days);AGG 40%") + \
        sleeve("satellite", "30%", "MSFT 100%")
    strategy = compile_text(HEAD + THIRD + body).strategy
    core, satellite = strategy.target.sleeves
    assert sleeve_holdings(core, strategy) == ("SPY", "AGG", "CASH")
    assert sleeve_holdings(satellite, strategy) == ("MSFT",)


def test_a_duplicate_sleeve_name_is_an_error():
    assert sleeved(sleeve("core", "70%", "SPY 60%;AGG 40%") + sleeve("core", "30%", "MSFT 100%")) == ["E0201"]


def test_a_sleeve_needs_its_own_rebalance_section():
    assert sleeved("sleeve core 100%:\n    target:\n        SPY 100%\n") == ["E0205"]


def test_a_top_level_target_beside_sleeves_is_an_error():
    assert sleeved("target:\n    SPY 100%\n" + TWO_SLEEVES) == ["E0411"]


def test_band_edges_and_breached_scope_are_a_sleeves_own_not_the_strategys():
    rules = "        when drift > 5pp\n        to band edge\n        trade breached assets\n"
    body = sleeve("core", "70%", "SPY 60%;AGG 40%", "daily", rules) + sleeve("satellite", "30%", "MSFT 100%")
    assert sleeved(body) == []
    between = "rebalance:\n    when drift > 5pp\n    to band edge\n    trade breached assets\n"
    assert sleeved(body + between) == ["E0411", "E0411"]


def test_exposure_is_refused_with_sleeves():
    assert sleeved(TWO_SLEEVES + "exposure 50%\n") == ["E0411"]


def test_the_strategys_rules_cannot_read_an_asset_price_per_sleeve():
    assert sleeved(TWO_SLEEVES + "rebalance:\n    when price > 100\n") == ["E0411"]


def test_a_sleeve_inside_a_sleeve_is_refused():
    strategy = compile_text(HEAD + THIRD + TWO_SLEEVES).strategy
    outer = strategy.target.sleeves[0]
    nested = outer.model_copy(update={"target": strategy.target})
    from rbl.dsl.check import check
    _, diagnostics = check(strategy.model_copy(update={"target": ir.SleeveWeights(sleeves=(nested,))}))
    assert "E0411" in [d.code for d in diagnostics]


def test_the_warm_up_counts_the_sleeves_lookbacks():
    assert compile_text(CORE_SATELLITE.read_text()).warmup_bars == 126


def test_explain_describes_each_sleeve_and_the_rule_between_them():
    text = explain(compile_text(CORE_SATELLITE.read_text()).strategy)
    assert "2 sleeves, core with 70% and satellite with 30%" in text
    assert "Sleeve satellite: it holds the 3 of" in text
    assert "for any sleeve, its drift from target is more than 5 percentage points" in text


def test_fmt_keeps_comments_inside_sleeves_and_adds_no_top_level_rules():
    from rbl.dsl.fmt import format_source
    from rbl.dsl.source import SourceFile
    text = (Path(__file__).parent / "data" / "sleeves_with_comments.rbl").read_text()
    formatted = format_source(SourceFile("c.rbl", text))
    assert "sleeve core 70%:  # seventy" in formatted and "        # once a year\n" in formatted
    assert "\nrebalance:" not in formatted
    assert format_source(SourceFile("c.rbl", formatted)) == formatted
