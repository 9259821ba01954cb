"""Issue 17, widening by construct: drift bands said loosely (counts of drifting assets, total drift, relative bands,
per-asset bands, the trade policy on a breach). Each family is read, or ends in a question naming the phrase."""

from __future__ import annotations

import pytest

from rbl.dsl.english.chatter import carries_meaning
from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


# ---- a count of drifting assets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("Equal weight QQQ, IWM, EFA, TLT. Rebalance when at least 2 of the 4 are off target by more than 3pp.",
     "when count of (drift > 3pp) >= 2"),
    ("Equal weight QQQ, IWM, EFA, TLT, GLD: trade only when at least 3 of my 5 funds more than 4 points off target.",
     "when count of (drift > 4pp) >= 3"),
    ("Equal weight VTI, VXUS, BND. Rebalance once 2 or more of them are outside a 5pp band.",
     "when count of (drift > 5pp) >= 2"),
])
def test_a_count_of_assets_said_with_its_distance_after_or_as_a_band(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Equal weight QQQ, IWM, EFA, TLT; rebalance when at least 2 are more than 3pp off (one stray fund alone doesn't count).",
    "Equal weight QQQ, IWM, EFA, TLT. Don't trade for a single outlier, only when at least 2 are more than 3pp off.",
    "Equal weight QQQ, IWM, EFA, TLT; rebalance when at least 2 are more than 3pp off - 1 alone is not worth the fees.",
])
def test_one_asset_alone_not_being_enough_restates_the_count(english):
    assert "when count of (drift > 3pp) >= 2" in rbl_of(english)


def test_one_asset_alone_beside_a_single_asset_band_is_not_taken():
    """'one fund alone isn't enough' beside a plain band contradicts it: never read away."""
    assert translate_offline("Equal weight QQQ, IWM, EFA; rebalance when any asset is more than 3pp off; "
                             "one fund alone isn't enough.").rbl is None


# ---- 'N each' as percent weights ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "QQQ/IWM/EFA/TLT 25 each, rebalance monthly.",
    "25 each of QQQ, IWM, EFA and TLT, rebalanced monthly.",
])
def test_a_whole_number_each_adding_up_to_100_is_a_percent_each(english):
    assert "target:\n    QQQ 25%\n    IWM 25%\n    EFA 25%\n    TLT 25%\n" in rbl_of(english)


def test_a_whole_number_each_not_adding_up_to_100_is_not_a_weight():
    assert "'QQQ/IWM/EFA 25 each'" in question_of("QQQ/IWM/EFA 25 each, rebalance monthly.")


# ---- total drift -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "50% VTI, 50% BND, checked monthly; rebalance when the total one-way drift is above 3pp.",
    "VTI 50 / BND 50. Monthly check, trade when the overall 1-way deviation exceeds 3 percentage points.",
])
def test_a_total_drift_said_one_way(english):
    assert "when sum of drift / 2 > 3pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 50 / BND 50, checked monthly. I use total portfolio drift instead of individual bands; rebalance when the "
    "total drift exceeds 3pp.",
    "VTI 50 / BND 50, checked monthly. We replace per-fund bands with a portfolio-level trigger: rebalance if the "
    "total drift is over 3pp.",
])
def test_the_total_drift_named_again_beside_its_size(english):
    assert "when sum of drift / 2 > 3pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 50 / BND 50, checked monthly. I go by total portfolio drift rather than per-asset bands.",
    "VTI 50 / BND 50. We moved to a portfolio-level gate instead of separate bands; the number is still open.",
])
def test_a_total_drift_with_no_size_asks_how_far(english):
    assert "How far may the portfolio drift in total" in question_of(english)


def test_the_answer_to_the_total_drift_question_completes_a_sentence():
    english = "VTI 50 / BND 50, checked monthly. I go by total portfolio drift rather than per-asset bands."
    translation = translate_offline(english)
    answered = f"{english} {translation.frame.format('3pp')}"
    assert "when sum of drift / 2 > 3pp" in rbl_of(answered)


# ---- relative bands said loosely -------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "70/30 VTI/BND, rebalance when a fund is 20% of its target away from it.",
    "70/30 VTI/BND; rebalance once either gets more than 20% of its target weight away from its target.",
])
def test_a_relative_band_said_as_a_share_of_the_target_away(english):
    assert "when drift > 20% of target" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "70/30 VTI/BND, rebalance when a fund deviates relatively by more than 20% from its target.",
    "70/30 VTI/BND; trade if either drifts in relative terms by over 20% from its target weight.",
])
def test_a_relative_band_said_with_relatively(english):
    assert "when drift > 20% of target" in rbl_of(english)


@pytest.mark.parametrize("english, expected", [
    ("70/30 VTI/BND, rebalance when either is off by more than a fifth of its target.", "drift > 20% of target"),
    ("70/30 VTI/BND; rebalance once a fund drifts by a quarter of its own weight.", "drift > 25% of target"),
])
def test_a_relative_band_said_as_a_fraction(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english", [
    "70/30 VTI/BND, rebalance when either is off by more than 20% of its target (relative, not points).",
    "70/30 VTI/BND, rebalance when either drifts more than 20% of its target, relative. Checked daily.",
])
def test_relative_said_again_after_a_relative_band(english):
    assert "when drift > 20% of target" in rbl_of(english)


def test_relative_said_after_an_absolute_band_is_not_taken():
    assert translate_offline("70/30 VTI/BND, rebalance when either drifts more than 5pp, relative.").rbl is None


def test_a_share_of_the_target_beside_a_per_asset_band_is_not_a_shared_band():
    """'GLD 25% of target' in a list of bands is GLD's own band, never the band of every asset."""
    rbl = rbl_of("50% SPY, 30% TLT, 20% GLD. Bands: SPY 5pp, TLT 4pp, GLD 25% of target. Check daily.")
    assert "GLD 25% of target" in rbl and "when drift > its band" in rbl


# ---- the 5/25 rule said with its second leg as 'by' -------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "50/50 VTI/BND, rebalance a fund when it's off by 5pp or by 25% of its target, whichever is smaller.",
    "50/50 VTI/BND; rebalance when either drifts 5 points or by 25% of its target, whichever comes first.",
])
def test_the_five_25_rule_with_by_before_its_relative_leg(english):
    assert "when drift > min(5pp, 25% of target)" in rbl_of(english)


# ---- per-asset bands with their rule said in words ---------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "50 VTI 30 BND 20 GLD. Bands: VTI 5pp, BND 4pp, GLD 3pp. Check daily, rebalance everything if any holding is outside of its own band.",
    "50 VTI 30 BND 20 GLD; VTI may drift 5 points, BND 4, GLD 3; rebalance whenever a fund breaches its band.",
])
def test_the_rule_of_per_asset_bands_said_in_words(english):
    assert "when drift > its band" in rbl_of(english)


def test_weights_read_by_different_rules_keep_the_order_the_text_names_them():
    assert "target:\n    SPY 40%\n    IEI 20%\n    IEF 20%\n    TLT 20%\n" in rbl_of(
        "40% SPY, 20% each in IEI, IEF and TLT, rebalanced monthly.")


# ---- trading only the breached assets, said with who is left alone -----------------------------------------------

@pytest.mark.parametrize("english", [
    "70/30 VTI/BND, 5pp band checked daily; when it trips just touch the fund that's out of line, leave the other one alone.",
    "70/30 VTI/BND, 5pp band, daily; on a breach only rebalance the holding that is out of whack, the others stay where they are.",
])
def test_only_the_asset_out_of_line_is_traded(english):
    assert "trade breached assets" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "50% VTI, 30% BND, 20% GLD with a tolerance of 4pp; when a holding breaches its tolerance only that holding is "
    "to be traded, the others being left undisturbed.",
    "50% VTI, 30% BND, 20% GLD, 4pp band; if any fund breaks its band only that fund gets rebalanced.",
])
def test_only_that_holding_is_traded_said_in_the_passive(english):
    assert "trade breached assets" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "50% VTI, 30% BND, 20% GLD, 3pp band checked daily: when it fires, buy or sell nothing except what's out of line.",
    "50% VTI, 30% BND, 20% GLD, 3pp band; trade nothing but the funds that are outside their band; the funds inside "
    "their band stay as they are.",
])
def test_nothing_except_the_assets_out_of_band_is_traded(english):
    assert "trade breached assets" in rbl_of(english)


def test_out_of_line_alone_is_still_a_band_without_a_size():
    assert "How far may an asset drift" in question_of("70/30 VTI/BND, rebalance when it gets out of line.")


# ---- the band edge said loosely --------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "65/35 VTI/BND, 4pp band, daily check; when it breaches we only rebalance back to the edge of the band.",
    "65/35 VTI/BND with a 4pp band. If it breaks, I only go back to the edge of the band, not all the way to target.",
])
def test_only_going_back_to_the_edge_with_no_asset_named_is_the_band_edge(english):
    rbl = rbl_of(english)
    assert "to band edge" in rbl and "trade breached assets" not in rbl


@pytest.mark.parametrize("english", [
    "65/35 VTI/BND, 4pp band. When it breaks don't go all the way back to 65/35, just bring it to the edge of the band.",
    "65/35 VTI/BND, 4pp band; on a breach do not trade fully back to target, only move them to the edge of their band.",
])
def test_not_all_the_way_back_then_to_the_edge_is_the_band_edge(english):
    assert "to band edge" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "50% VTI, 30% BND, 20% GLD. When one fund go outside 4pp band, only trade this asset and only back to the edge of band.",
    "50% VTI, 30% BND, 20% GLD, 4pp band: if any asset breaks, only rebalance this asset, back to the edge of band.",
])
def test_only_this_asset_back_to_the_edge_of_band(english):
    rbl = rbl_of(english)
    assert "to band edge" in rbl and "trade breached assets" in rbl


# ---- an absolute band said as the difference from the target -------------------------------------------------

@pytest.mark.parametrize("english", [
    "40% VTI, 40% BND, 20% GLD; rebalance when the difference from the target becomes more than 4 points.",
    "40% VTI, 40% BND, 20% GLD. Trade everything back when the gap to target weight is over 4pp.",
])
def test_an_absolute_band_said_as_the_difference_from_the_target(english):
    assert "when drift > 4pp" in rbl_of(english)


def test_a_relative_difference_from_the_target_is_not_an_absolute_band():
    assert "when drift > 4pp" not in (translate_offline(
        "40% VTI, 40% BND, 20% GLD; rebalance when the difference from the target is over 20% of its target.").rbl or "")


@pytest.mark.parametrize("said", [
    "SPY 60%, AGG 40%, checked daily: when a position drifts more than 3pp from target, that position alone should be "
    "traded, and only back to the edge of the band.",
    "SPY 60%, AGG 40%, checked daily. If a holding drifts more than 3pp, trade that holding alone, back to the band edge.",
])
def test_a_position_traded_alone_is_the_breached_one(said):
    strategy = rbl_of(said)
    assert "trade breached assets" in strategy and "to band edge" in strategy


def test_alone_is_never_skipped_as_chatter():
    """'alone' restricts what trades: unread, it is asked about, never dropped (v9-098 traded every asset)."""
    assert carries_meaning("alone") and carries_meaning("solely")


@pytest.mark.parametrize("others", ["leave everything else alone", "the remaining funds stay untouched",
                                    "leave all the others alone"])
def test_the_others_left_alone_beside_a_breached_only_rule_are_read_with_it(others):
    strategy = rbl_of(f"SPY 60%, AGG 40%, checked daily. If a holding drifts more than 3pp, rebalance only that asset, {others}.")
    assert "trade breached assets" in strategy


@pytest.mark.parametrize("said, band", [("SPY 60, AGG 40, checked daily, rebal at 5 pts drift.", "5pp"),
                                        ("SPY 60, AGG 40, checked daily, rebalance at a 4 point deviation.", "4pp")])
def test_a_band_said_as_the_drift_it_rebalances_at(said, band):
    assert f"when drift > {band}" in rbl_of(said)
