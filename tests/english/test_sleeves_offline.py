"""The offline translator on descriptions in named parts: sleeves, their shares, the rule between them."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.compiler import compile_text
from rbl.dsl.english.front import explained, translate
from rbl.dsl.english.offline import translate_offline
from rbl.dsl.english.parts import find_parts

CORE = "70% core in 60% SPY and 40% AGG rebalanced annually"
SATELLITE = "a 30% satellite holding the top 3 of AAPL, MSFT, XOM, JNJ by 6-month return, rebalanced monthly"
BETWEEN = "Bring the sleeves back to 70/30 when either drifts 5pp."
BRIEF = f"Core-satellite: {CORE}, and {SATELLITE}. {BETWEEN}"


def sleeves_of(english: str) -> tuple[ir.Strategy, dict[str, ir.Sleeve]]:
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    strategy = compile_text(translation.rbl).strategy
    return strategy, {s.name: s for s in strategy.target.sleeves}


def test_each_named_part_with_a_share_becomes_a_sleeve():
    _, sleeves = sleeves_of(BRIEF)
    assert list(sleeves) == ["core", "satellite"]
    assert [s.weight.value for s in sleeves.values()] == [0.70, 0.30]


def test_each_part_keeps_its_own_weights():
    _, sleeves = sleeves_of(BRIEF)
    assert "SPY 60%" in translate_offline(BRIEF).rbl and "AGG 40%" in translate_offline(BRIEF).rbl
    assert isinstance(sleeves["satellite"].target, ir.SelectWeights)


def test_each_part_keeps_its_own_schedule():
    rbl = translate_offline(BRIEF).rbl
    core, satellite = rbl.split("sleeve satellite")
    assert "check annually" in core and "check monthly" in satellite


def test_the_drift_between_the_parts_is_the_strategy_rule_in_points():
    rbl = translate_offline(BRIEF).rbl
    assert rbl.endswith("rebalance:\n    check daily\n    when drift > 5pp\n")


def test_a_calendar_between_the_parts_is_the_strategy_rule():
    assert translate_offline(f"{CORE}, and {SATELLITE}. Rebalance the sleeves quarterly.").rbl.endswith(
        "rebalance:\n    when quarterly\n")


def test_the_brief_passes_the_checks_and_reads_back_as_sleeves():
    translation = translate(BRIEF, offline=True)
    assert translation.ok
    assert "splits the portfolio into 2 sleeves, core with 70% and satellite with 30%" in explained(translation.rbl)


def test_the_rest_takes_the_share_the_others_leave():
    _, sleeves = sleeves_of(f"75% core in 60% SPY and 40% AGG rebalanced annually, and the rest in a satellite "
                            f"of equal weight QQQ, IWM, rebalanced monthly. {BETWEEN.replace('70/30 ', '')}")
    assert sleeves["satellite"].weight.value == 0.25


def test_a_split_restating_the_rest_is_read_as_the_shares():
    _, sleeves = sleeves_of("75% core in 60% SPY and 40% AGG rebalanced annually, and the rest in a satellite "
                            "of equal weight QQQ, IWM, rebalanced monthly. Bring the sleeves back to 75/25 yearly.")
    assert sleeves["satellite"].weight.value == 0.25


def test_shares_named_up_front_go_to_the_parts_named_after_them():
    _, sleeves = sleeves_of("Split the money 70/30 between a core and a satellite. The core holds 60% SPY and "
                            "40% AGG, rebalanced annually. The satellite holds equal weight QQQ, IWM, rebalanced "
                            "monthly. Rebalance the two once a year.")
    assert {n: s.weight.value for n, s in sleeves.items()} == {"core": 0.70, "satellite": 0.30}


def test_a_bucket_is_named_by_the_word_before_it():
    _, sleeves = sleeves_of("80% in a core bucket of equal weight VTI, BND rebalanced quarterly and 20% in a "
                            "gold bucket, 100% GLD, rebalanced annually; rebalance the buckets monthly.")
    assert list(sleeves) == ["core", "gold"]


def test_a_part_naming_one_asset_holds_all_of_it():
    translation = translate_offline(f"{CORE}, and a 30% satellite, all GLD, rebalanced monthly. {BETWEEN}")
    assert "        GLD 100%" in translation.rbl
    assert "satellite sleeve: all of the sleeve in GLD" in translation.assumptions


def test_costs_said_about_the_whole_go_to_the_whole_file():
    assert "costs:\n    commission 10 bps" in translate_offline(f"{BRIEF} 10 bps commission.").rbl


def test_a_part_with_no_schedule_is_a_question_naming_it():
    question = translate_offline(f"70% core in 60% SPY and 40% AGG, and {SATELLITE}. {BETWEEN}").question
    assert question.startswith("How often should the core sleeve rebalance its own holdings")


def test_shares_that_do_not_add_up_are_a_question():
    question = translate_offline(f"{CORE}, and {SATELLITE.replace('30%', '20%')}. "
                                 "Bring the sleeves back when either drifts 5pp.").question
    assert "shares add up to 90% (core 70%, satellite 20%), not 100%" in question


def test_no_rule_between_the_parts_is_a_question():
    assert translate_offline(f"{CORE}, and {SATELLITE}.").question.startswith(
        "When should money move between the sleeves")


def test_a_split_that_contradicts_the_shares_is_a_question():
    question = translate_offline(f"{CORE}, and {SATELLITE}. Bring the sleeves back to 60/40 annually.").question
    assert "60/40 here but 70/30" in question


def test_a_question_inside_a_part_names_the_part():
    question = translate_offline(f"{CORE}, and a 30% satellite holding the top 3 of AAPL, MSFT, XOM by momentum, "
                                 f"rebalanced monthly. {BETWEEN}").question
    assert question.startswith("In the satellite sleeve: Over what lookback")


def test_words_it_cannot_place_are_named_not_guessed():
    translation = translate_offline(f"{CORE}, and {SATELLITE}. Rebalance the sleeves when Mercury is retrograde.")
    assert translation.rbl is None and "when mercury is retrograde'" in translation.question


def test_one_named_part_alone_is_not_a_sleeved_description():
    assert find_parts("70% core in 60% @SPY and 40% @AGG rebalanced annually") is None


def test_a_hyphenated_core_satellite_is_not_a_part():
    layout = find_parts("core-satellite: 70% core in @SPY, 30% satellite in @AGG")
    assert [p.name for p in layout.parts] == ["core", "satellite"]
    assert layout.parts[0].share == 70
