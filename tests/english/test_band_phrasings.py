"""Per-asset bands in English: lists of assets with their bands, ranges centred on the target,
a weight with its own +/-, a shared band beside the named ones; and `rbl explain` reads them back."""

from __future__ import annotations

import re

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.offline import translate_offline
from rbl.dsl.explain import explain
from tests.english.reading import question_of

STRATEGY_60_40 = "60% SPY, 40% TLT. "


def bands_of(english: str) -> str:
    """The `bands:` section of the translation, which must pass the checks and read 'its band'."""
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    compile_text(translation.rbl)
    assert "    when drift > its band\n" in translation.rbl
    return re.search(r"bands:\n((?:    .*\n)+)", translation.rbl).group(1)


@pytest.mark.parametrize("english", ["SPY may drift 5 points, TLT 4.",
                                     "A 5pp band on SPY and 4pp on TLT.",
                                     "Bands: SPY 5pp, TLT 4pp.",
                                     "SPY can move 5 percentage points and TLT 4."])
def test_a_list_of_assets_with_their_bands_is_a_bands_section(english):
    assert bands_of(STRATEGY_60_40 + english) == "    SPY 5pp\n    TLT 4pp\n"


def test_a_number_without_a_unit_takes_the_unit_of_the_band_before_it():
    assert bands_of(STRATEGY_60_40 + "SPY may drift 20% of its target, TLT 25") == (
        "    SPY 20% of target\n    TLT 25% of target\n")


def test_a_fraction_of_the_target_is_a_relative_band():
    assert "TLT 25% of target" in bands_of(STRATEGY_60_40 + "SPY may drift 5 points, TLT a quarter of its target.")


def test_a_bare_percent_band_is_read_as_points_and_said_so():
    translation = translate_offline(STRATEGY_60_40 + "SPY may drift 5%, TLT 4%.")
    assert "    SPY 5pp\n    TLT 4pp\n" in translation.rbl
    assert "5% read as 5 percentage points, not 5% of the target" in translation.assumptions


def test_a_symmetric_range_around_the_target_is_the_target_plus_or_minus_a_band():
    translation = translate_offline("Keep SPY between 55% and 65% and TLT between 37% and 43%; 60/40 SPY/TLT.")
    assert "bands:\n    SPY 5pp\n    TLT 3pp\n" in translation.rbl
    assert any("its 60% target plus or minus 5 percentage points" in a for a in translation.assumptions)


def test_a_range_around_equal_weights_uses_the_equal_share():
    assert bands_of("Equal weight SPY and TLT, keep SPY between 45% and 55% and TLT between 40% and 60%.") == (
        "    SPY 5pp\n    TLT 10pp\n")


def test_an_off_centre_range_is_one_question_naming_it_never_a_guess():
    question = question_of("60% SPY 40% TLT; keep SPY between 50% and 65% and TLT between 35% and 45%.")
    assert "not centred" in question and "SPY 50%-65% around a 60% target" in question
    assert "TLT 35%" not in question


def test_a_range_without_target_weights_asks_for_the_targets():
    assert "what target weight" in question_of("Keep SPY between 55% and 65% and TLT between 35% and 45%.").lower()


def test_a_band_without_any_unit_is_a_question():
    assert "percentage points (5pp) or a percentage of its target" in question_of(STRATEGY_60_40 + "SPY may drift 5, TLT 4.")


def test_a_bare_percent_after_a_relative_band_is_a_question():
    assert "like the band before it" in question_of(STRATEGY_60_40 + "SPY may drift 20% of its target, TLT 10%.")


def test_a_weight_plus_or_minus_points_is_a_weight_and_its_band():
    translation = translate_offline("SPY 60% +/- 5 and TLT 40% ± 4, monthly checks.")
    assert "    SPY 60%\n    TLT 40%\n" in translation.rbl
    assert "bands:\n    SPY 5pp\n    TLT 4pp\n" in translation.rbl and "check monthly" in translation.rbl


def test_a_shared_band_fills_the_assets_without_their_own():
    translation = translate_offline("40/40/20 SPY, TLT and GLD; rebalance when anything drifts over 5 points, "
                                    "but GLD may drift 8 points.")
    assert "bands:\n    SPY 5pp\n    TLT 5pp\n    GLD 8pp\n" in translation.rbl
    assert any("(SPY, TLT) keep the shared band, 5pp" in a for a in translation.assumptions)


def test_two_bands_for_one_asset_is_a_question():
    assert "two bands" in question_of(STRATEGY_60_40 + "SPY may drift 5 points, TLT 4, SPY 3.")


@pytest.mark.parametrize("english", ["Only trade the one that broke its band back to the edge.",
                                     "When one breaks its band, trade only that one back to the edge of its band.",
                                     "Rebalance only the breached ones back to the band edge."])
def test_trading_only_the_breached_asset_back_to_the_edge(english):
    rbl = translate_offline(STRATEGY_60_40 + "SPY may drift 5 points, TLT 4. " + english).rbl
    assert "    to band edge\n    trade breached assets\n" in rbl


def test_explain_says_each_band_and_the_range_it_keeps_around_a_fixed_target():
    rbl = translate_offline(STRATEGY_60_40 + "SPY may drift 5 points, TLT a quarter of its target.").rbl
    text = explain(compile_text(rbl).strategy)
    assert "more than its own band (5 percentage points for SPY and 25% of the target weight for TLT)" in text
    assert "- Band of SPY: 5 percentage points (55% to 65% around its 60% target)\n" in text
    assert "- Band of TLT: 25% of the target weight (30% to 50% around its 40% target)\n" in text


def test_explain_names_the_assets_without_a_band():
    rbl = translate_offline("50/30/20 SPY, TLT and GLD; SPY may drift 5 points, TLT 4.").rbl
    text = explain(compile_text(rbl).strategy)
    assert "(5 percentage points for SPY and 4 percentage points for TLT; GLD has none)" in text
    assert "- No band for GLD: its drift alone never triggers a rebalance\n" in text


def test_the_explained_bands_translate_back_to_the_same_bands():
    rbl = translate_offline(STRATEGY_60_40 + "SPY may drift 5 points, TLT a quarter of its target. "
                            "Only trade the one that broke its band back to the edge.").rbl
    bullets = [line[2:] for line in explain(compile_text(rbl).strategy).splitlines()
               if line.startswith(("- Band of", "- Trade:"))]
    again = translate_offline(STRATEGY_60_40 + ". ".join(b.replace("Trade: ", "Trade ") for b in bullets) + ".")
    assert compile_text(again.rbl).strategy.model_dump(exclude={"name"}) == \
        compile_text(rbl).strategy.model_dump(exclude={"name"})
