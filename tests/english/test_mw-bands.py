"""Issue 17, session 15 (mw-bands): drift bands as traders say them in chat and email. Per-asset bands said in words
(with how far they reach, an intro naming them, a +/- or a slashed list, a band for the rest), an absolute band said as
what sets the rebalance off, a reason said after the policy, a benchmark said with its purpose, and the breached-only
policy said as a wish. Each family is read, or ends in a question naming the phrase."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of

THREE_BANDS = "bands:\n    SPY 5pp\n    IEF 4pp\n    GLD 3pp\n"
ITS_BAND = "when drift > its band"


# ---- per-asset bands said with how far they reach, after an intro that names them ------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 40 / IEF 30 / GLD 30. Each has its own tolerance: SPY may move 5 points in either direction, IEF 4 points, GLD 3 points.",
    "40% SPY, 30% IEF, 30% GLD. SPY can stray 5pp up or down, IEF 4pp and GLD 3pp.",
    "40% SPY, 30% IEF, 30% GLD; deviation limits: SPY 5pp either side, IEF 4pp, GLD 3pp.",
])
def test_per_asset_bands_with_how_far_they_reach_are_read(english):
    rbl = rbl_of(english)
    assert THREE_BANDS in rbl and ITS_BAND in rbl


@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD. Allowed drift: SPY 5pp / IEF 4pp / GLD 3pp.",
    "40% SPY, 30% IEF, 30% GLD. Asset-specific thresholds - SPY 5pp, IEF 4pp, GLD 3pp.",
])
def test_per_asset_bands_after_a_word_naming_them_are_read(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 40 / IEF 30 / GLD 30: SPY may drift 5pp, IEF 4pp, GLD 3pp before a full rebalance.",
    "40% SPY, 30% IEF, 30% GLD - allow SPY to move 5 points, IEF 4, GLD 3 before we trade.",
])
def test_per_asset_bands_said_as_how_far_before_rebalancing_are_read(english):
    rbl = rbl_of(english)
    assert THREE_BANDS in rbl and "trade breached assets" not in rbl and "to band edge" not in rbl


def test_a_full_rebalance_beside_a_breached_only_policy_is_asked():
    assert "full rebalance" in question_of("40% SPY, 30% IEF, 30% GLD; SPY may drift 5pp, IEF 4pp, GLD 3pp before a full "
                                           "rebalance, but only trade the breached asset.")


# ---- the band in the item: 'SPY gets a 5pp band', 'I'll tolerate 5pp on SPY', 'give SPY 5 points of room' ---------------

@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD. SPY has a 5pp band, IEF 4pp, GLD 3pp.",
    "40% SPY, 30% IEF, 30% GLD. SPY 5 point tolerance, IEF 4 points, GLD 3 points.",
])
def test_per_asset_bands_whose_first_item_names_the_band_are_read(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD. We'll accept 5pp of deviation on SPY, 4pp on IEF and 3pp on GLD.",
    "40% SPY, 30% IEF, 30% GLD. Give SPY 5pp of leeway, IEF 4 and GLD 3.",
])
def test_per_asset_bands_granted_by_the_writer_are_read(english):
    assert THREE_BANDS in rbl_of(english)


# ---- '+/-' after each asset, and slashed lists ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 40 IEF 30 GLD 30 - bands SPY ±5, IEF ±4, GLD ±3",
    "40% SPY, 30% IEF, 30% GLD; tolerance per fund: SPY +/- 5, IEF +/- 4, GLD +/- 3.",
])
def test_a_plus_or_minus_after_each_asset_is_its_band_in_points(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD. Drift bands 5/4/3pp for SPY/IEF/GLD.",
    "40% SPY, 30% IEF, 30% GLD. SPY/IEF/GLD tolerances: 5/4/3 points.",
])
def test_slashed_bands_go_to_the_slashed_assets_in_order(english):
    assert THREE_BANDS in rbl_of(english)


def test_slashed_bands_without_a_unit_ask_for_it():
    assert "percentage points" in question_of("40% SPY, 30% IEF, 30% GLD. Bands: 5/4/3 on SPY/IEF/GLD.")


def test_slashed_bands_fewer_than_the_assets_are_asked():
    assert "which band is each asset's" in question_of("40% SPY, 30% IEF, 30% GLD. Tolerances 5/3pp for SPY/IEF/GLD.")


# ---- one band for the assets not named ------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD; let SPY drift 5pp, the others may drift 3pp.",
    "40% SPY, 30% IEF, 30% GLD: tolerate 5pp of drift on SPY and 3pp for everything else.",
])
def test_a_band_for_the_rest_fills_the_assets_without_one(english):
    assert "bands:\n    SPY 5pp\n    IEF 3pp\n    GLD 3pp\n" in rbl_of(english)


def test_a_band_for_the_rest_and_another_shared_band_are_asked():
    assert "two bands" in question_of("40% SPY, 30% IEF, 30% GLD; let SPY drift 5pp and the rest 3pp; rebalance when any "
                                      "asset drifts 4pp.")


def test_the_rest_with_a_percent_weight_is_not_a_band():
    """'the rest 40%' is a weight, never a band for the rest."""
    assert "add up" in question_of("40% SPY, 30% IEF, 30% GLD. SPY may drift 5pp; the rest 40% in TLT.")


# ---- cash said to have no band ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 40, IEF 30, GLD 20, cash 10. Drift limits: SPY 5pp, IEF 4pp, GLD 3pp; no band for the cash.",
    "SPY 40, IEF 30, GLD 20, cash 10. SPY may drift 5pp, IEF 4pp, GLD 3pp. The cash gets no band of its own.",
])
def test_cash_with_no_band_beside_per_asset_bands_is_read(english):
    rbl = rbl_of(english)
    assert THREE_BANDS in rbl and "CASH 10%" in rbl


def test_cash_with_no_band_beside_one_shared_band_is_asked():
    """`drift > 5pp` reads the cash too, so 'no band for the cash' would change it: never skipped."""
    assert "CASH" in question_of("SPY 40, IEF 30, GLD 20, cash 10, rebalance when any asset drifts 5pp; the cash "
                                 "doesn't need a band.")


# ---- an absolute band said as what sets the rebalance off -----------------------------------------------------------------

@pytest.mark.parametrize("english, band", [
    ("VTI 70 / BND 30; rebalance upon any 6pp deviation.", "when drift > 6pp"),
    ("70/30 VTI/BND, trades triggered by a 4 point drift from target", "when drift > 4pp"),
    ("VTI 70 / BND 30, rebal after 3 points of drift", "when drift > 3pp"),
])
def test_an_absolute_band_said_as_what_sets_the_rebalance_off_is_read(english, band):
    assert band in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 70 / BND 30; rebalance upon a 25% relative deviation.",
    "70/30 VTI/BND, rebal on any 25% relative drift from target",
])
def test_a_relative_band_said_as_what_sets_the_rebalance_off_is_read(english):
    assert "when drift > 25% of target" in rbl_of(english)


def test_a_drift_with_no_unit_as_the_trigger_is_asked():
    assert "5" in question_of("70/30 VTI/BND, rebalance on a 5 drift")


# ---- a reason after the policy -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 50 / TLT 50 with a 5pp band, back to the band edge only - which minimizes trading costs.",
    "VTI 50 / TLT 50 with a 5pp band; trade back to the edge of the band, it keeps costs to a minimum.",
    "VTI 50 / TLT 50 with a 5pp band, only back to the band edge (fewer trades).",
])
def test_a_reason_for_the_policy_is_no_rule(english):
    assert "when drift > 5pp\n    to band edge" in rbl_of(english)


# ---- the breached-only policy said as a wish -------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 50 / TLT 50 with a 5pp band. When one breaks the band we only want to rebalance that holding.",
    "VTI 50 / TLT 50, 5pp band; if a fund goes out of its band I'd only like to fix that fund.",
])
def test_the_breached_only_policy_said_as_a_wish_is_read(english):
    assert "trade breached assets" in rbl_of(english)


def test_a_wish_to_trade_only_part_that_is_not_read_is_asked():
    assert "only want to sell it" in question_of("VTI 50 / TLT 50 with a 5pp band. If it breaks I only want to sell it.")


# ---- a benchmark said with its purpose --------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 70 / BND 30 with a 4 point band. Compare it with the same mix rebalanced daily, so I can see what the band saves.",
    "VTI 70 / BND 30 with a 4 point band; benchmark: the targets rebalanced each day, to gauge what the rule costs.",
])
def test_the_purpose_of_a_daily_rebalanced_benchmark_is_no_rule(english):
    rbl = rbl_of(english)
    assert "benchmark targets daily" in rbl and "when drift > 4pp" in rbl


def test_the_purpose_of_a_comparison_without_one_is_asked():
    assert "costs" in question_of("VTI 70 / BND 30 with a 4 point band so we can see what the band costs.")


# ---- a split whose parts do not match the assets named ----------------------------------------------------------------------

@pytest.mark.parametrize("english, named", [
    ("70/30 over VTI, VXUS and BND, rebalanced each quarter", "VTI, VXUS, BND"),
    ("50/30/20 in QQQ and IEF, monthly rebalance", "QQQ, IEF"),
])
def test_a_split_with_another_number_of_assets_asks_each_ones_weight(english, named):
    question = question_of(english)
    assert "target weight" in question and f"({named})" in question


def test_a_split_with_no_assets_asks_which_assets():
    assert "Which 2 assets" in question_of("An 80/20 portfolio please, rebalanced once a year.")


# ---- per-asset bands as the rule's condition ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD: rebal whenever SPY deviates by more than 5pp, IEF by 4pp or GLD by 3pp.",
    "40% SPY, 30% IEF, 30% GLD; trade if SPY gets 5 points away from target, IEF 4, or GLD 3.",
])
def test_per_asset_bands_said_as_the_condition_are_read(english):
    rbl = rbl_of(english)
    assert THREE_BANDS in rbl and ITS_BAND in rbl


def test_per_asset_drifts_joined_by_and_are_not_read_as_any():
    """'when SPY drifts 5pp, IEF 4pp and GLD 3pp' may mean all at once: never read as any one of them."""
    assert translate_offline_rbl("40% SPY, 30% IEF, 30% GLD; rebalance once SPY drifts 5pp, IEF 4pp and GLD 3pp.") is None


def translate_offline_rbl(english: str) -> str | None:
    from rbl.dsl.english.offline import translate_offline
    return translate_offline(english).rbl


# ---- a band beside each weight, in brackets; slashed bands in the order the assets are named -----------------------------

@pytest.mark.parametrize("english", [
    "SPY 40 (tolerance 5pp), IEF 30 (tolerance 4pp), GLD 30 (tolerance 3pp), checked daily",
    "Hold SPY 40% (band: 5 points), IEF 30% (band: 4 points) and GLD 30% (band: 3 points).",
])
def test_a_band_in_brackets_after_each_weight_is_read(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY/IEF/GLD 40/30/30 with 5pp/4pp/3pp bands",
    "40/30/30 SPY/IEF/GLD, tolerances: 5/4/3pp.",
])
def test_slashed_bands_alone_go_to_the_assets_in_the_order_named(english):
    assert THREE_BANDS in rbl_of(english)


def test_slashed_bands_alone_of_another_count_are_not_read():
    assert translate_offline_rbl("40/30/30 SPY/IEF/GLD, tolerances: 5/3pp.") is None


@pytest.mark.parametrize("english", [
    "Target SPY 40 / IEF 30 / GLD 30. Tolerances are set per asset: 5pp for SPY, 4pp for IEF, 3pp for GLD.",
    "SPY 40 / IEF 30 / GLD 30; the bands are as follows: 5pp on SPY, 4pp on IEF, 3pp on GLD.",
])
def test_per_asset_bands_after_a_sentence_saying_so_are_read(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 40 IEF 30 GLD 30, drift limits SPY 5pp, IEF 4pp, GLD 3pp; full rebalance when any gets breached.",
    "SPY 40 IEF 30 GLD 30 with SPY +/-5, IEF +/-4, GLD +/-3 - everything back to target when breached.",
])
def test_a_full_rebalance_when_breached_beside_per_asset_bands_is_read(english):
    rbl = rbl_of(english)
    assert THREE_BANDS in rbl and "trade breached assets" not in rbl


@pytest.mark.parametrize("english", [
    "SPY 40 / IEF 30 / GLD 30; drift limits of 5pp, 4pp and 3pp respectively.",
    "40% SPY, 30% IEF, 30% GLD with tolerances of 5, 4 and 3 points on SPY, IEF and GLD respectively.",
])
def test_listed_bands_said_respectively_go_to_the_assets_in_order(english):
    assert THREE_BANDS in rbl_of(english)


def test_listed_bands_said_respectively_of_another_count_are_not_read():
    assert translate_offline_rbl("40% SPY, 30% IEF, 30% GLD with drift limits of 5 and 3 points respectively.") is None


@pytest.mark.parametrize("english", [
    "VTI 70 BND 30, drift trigger: 6pp, check weekly",
    "VTI 70 BND 30 - 6 point drift trigger",
])
def test_a_band_named_as_the_trigger_is_read(english):
    assert "when drift > 6pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 50 / TLT 50, 5pp band; on a breach just nudge the offending fund back to the band edge.",
    "VTI 50 / TLT 50 with a 5pp band - we only pull that position back to the edge of its band.",
])
def test_the_breached_asset_moved_by_any_trading_verb_is_read(english):
    rbl = rbl_of(english)
    assert "to band edge" in rbl and "trade breached assets" in rbl


def test_the_breached_asset_moved_by_a_verb_not_read_is_asked():
    assert "drifting fund" in question_of("VTI 50 / TLT 50 with a 5pp band; on a breach only sell off the drifting fund.")


@pytest.mark.parametrize("english", [
    "SPY 40, IEF 30, GLD 30 - SPY drift limit 5pp, IEF drift limit 4pp, GLD drift limit 3pp",
    "40% SPY, 30% IEF, 30% GLD. SPY tolerance: 5 points, IEF tolerance: 4 points, GLD tolerance: 3 points.",
    "40% SPY, 30% IEF, 30% GLD; SPY has a 5pp band, IEF a 4pp band and GLD a 3pp band.",
])
def test_per_asset_bands_with_the_band_named_in_each_item_are_read(english):
    assert THREE_BANDS in rbl_of(english)


@pytest.mark.parametrize("english", [
    "40% SPY, 30% IEF, 30% GLD. We're comfortable letting SPY drift up to 5pp, IEF 4pp and GLD 3pp.",
    "40% SPY, 30% IEF, 30% GLD; i am fine with SPY moving 5 points either way, IEF 4 and GLD 3",
])
def test_per_asset_bands_said_as_what_the_writer_accepts_are_read(english):
    assert THREE_BANDS in rbl_of(english)


def test_per_asset_bands_breached_said_with_their_own_word_are_read():
    rbl = rbl_of("40% SPY, 30% IEF, 30% GLD. Drift limits per asset: SPY 5pp, IEF 4pp, GLD 3pp; if any asset crosses its limit, "
                 "rebalance.")
    assert THREE_BANDS in rbl and ITS_BAND in rbl


def test_limits_alone_before_per_asset_figures_are_asked():
    """'limits: SPY 5pp' may be a band or a cap on the weight: never read as either."""
    assert translate_offline_rbl("40% SPY, 30% IEF, 30% GLD. Limits per asset: SPY 5pp, IEF 4pp, GLD 3pp.") is None


def test_a_band_said_as_one_is_never_read_as_the_number_one():
    """'a 4pp one on BND': 'one' is the band, not 1 point."""
    assert translate_offline_rbl("VTI 60 BND 40; a 6pp band on VTI and a 4pp one on BND") is None


def test_before_we_trade_is_only_taken_after_a_band():
    """'... 5 points before we trade' restates the band; 'check with me before we trade' is another rule, never skipped."""
    assert "check with me" in question_of("60/40 SPY/TLT monthly, check with me before we trade")
