"""Session 19 (w19-c): phrasings from the misses of the blind v14 batch, said in other words: the decision said on
'that day's close', and a benchmark named by the tracking error measured against it."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- the decision said on the day's close ---------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "60/40 spy/tlt, rebalance monthly. decide on that day's close and trade at that same close",
    "SPY 60% TLT 40%, monthly rebalance; decide on the same day's close and fill at the same close, not the next open",
    "spy 60 tlt 40 rebalanced monthly, decide at that day's close and execute at that close",
])
def test_deciding_on_that_days_close_and_filling_there_trades_at_the_close(english):
    assert "execution decide at close, trade at close" in rbl_of(english)


def test_deciding_on_that_days_close_and_filling_next_open_trades_at_the_open():
    rbl = rbl_of("60/40 spy/tlt, rebalance monthly. decide on that day's close and fill at the next open")
    assert "execution decide at close, trade at next open" in rbl


# ---- a benchmark named by the tracking error measured against it -------------------------------------------------
@pytest.mark.parametrize("english", [
    "70/30 QQQ/IEF, rebalanced monthly; measure tracking error against QQQ.",
    "QQQ 70% IEF 30%, rebalance monthly, and measure the tracking error versus QQQ",
    "70/30 qqq/ief monthly rebalance, compare the tracking error with QQQ",
])
def test_tracking_error_measured_against_an_asset_names_the_benchmark(english):
    assert "benchmark QQQ" in rbl_of(english)


def test_tracking_error_against_two_assets_is_asked():
    assert "QQQ and IEF" in question_of("70/30 QQQ/IEF, rebalanced monthly; measure tracking error against QQQ and IEF.")


def test_deciding_on_the_previous_close_is_asked():
    assert "yesterday's close" in question_of("60/40 spy/tlt, rebalance monthly. decide on yesterday's close and trade "
                                              "at today's close")


# ---- 'rebalance all 3 back to target': every asset, when the text names that many -----------------------------------
@pytest.mark.parametrize("english", [
    "QQQ 50%, IEF 30%, GLD 20%; rebalance all three back to target when any holding drifts more than 5pp. Check daily.",
    "spy 60 tlt 40, rebalance all 2 back to their targets when any asset is more than 5 points off, checked daily",
    "Weights VTI 40%, BND 40%, GLD 20%. When any fund drifts over 5pp, rebalance all 3 back to target.",
])
def test_rebalancing_all_n_named_assets_back_to_target_is_a_full_rebalance(english):
    rbl = rbl_of(english)
    assert "when drift > 5pp" in rbl
    assert "trade breached assets" not in rbl and "to band edge" not in rbl


def test_rebalancing_all_3_of_4_named_assets_is_asked():
    english = "QQQ 40%, IEF 30%, GLD 20%, TLT 10%; rebalance all 3 back to target when any holding drifts more than 5pp"
    assert "all 3" in question_of(english)


def test_a_relative_band_said_again_as_relative_drift_reads():
    english = "QQQ 50%, IEF 50%; rebalance when either is off its target by more than 20% of that target (relative drift)"
    assert "when drift > 20% of target" in rbl_of(english)


# ---- a cap's excess spread over the others, said with an -ing verb -----------------------------------------------
@pytest.mark.parametrize("english", [
    "Weight XLE, XLF, XLK and XLU equally, rebalance monthly. Cap any one of them at 30%, spreading whatever is cut "
    "over the other three.",
    "equal weight XLE XLF XLK XLU, monthly; cap each at 30%, redistributing the excess over the other assets",
    "Equal-weight XLE, XLF, XLK, XLU and rebalance monthly. Cap each at 30%, handing whatever gets trimmed to the others.",
])
def test_a_caps_excess_spread_over_the_others_with_an_ing_verb_goes_to_them(english):
    assert "max weight 30%, excess to other assets" in rbl_of(english)


def test_whatever_is_cut_spread_into_cash_stays_in_cash():
    rbl = rbl_of("Weight XLE, XLF, XLK and XLU equally, rebalance monthly. Cap any one of them at 30%, putting whatever "
                 "is cut into cash.")
    assert "max weight 30%\n" in rbl and "excess to other assets" not in rbl


# ---- each asset's own band, announced before the list ----------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "SPY 60%, TLT 40%. I'd like a different tolerance for each fund: SPY 5pp, TLT 3pp. If one breaks its own band, "
    "rebalance everything back to target. Check daily.",
    "SPY 60 / TLT 40, with a separate band per holding: SPY 5 points, TLT 3 points; when either breaks its band, "
    "rebalance everything to target, checked daily",
    "Weights SPY 60%, TLT 40%; I want an individual threshold for each asset: SPY 5pp, TLT 3pp. Check daily and "
    "rebalance everything back to target when any asset breaks its own band.",
])
def test_a_different_tolerance_for_each_fund_listed_after_a_colon_is_each_assets_own_band(english):
    rbl = rbl_of(english)
    assert "bands:\n    SPY 5pp\n    TLT 3pp\n" in rbl
    assert "when drift > its band" in rbl


def test_a_different_tolerance_for_each_fund_with_no_bands_given_is_asked():
    assert "tolerance" in question_of("SPY 60%, TLT 40%. I'd like a different tolerance for each fund. Check daily and "
                                      "rebalance everything back to target when any asset breaks its own band.")


# ---- a ticker that starts like a sign-off is no sign-off -------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Rebalance my mix once a year. It's 25% each in SPY, TLT, GLD and BIL.",
    "rebalance yearly, 25% each in VTI, TLT, GLD and BIL",
    "Please rebalance annually: 25% each in QQQ, IEF, GLD and BIL.",
])
def test_a_list_ending_in_gld_keeps_every_asset(english):
    rbl = rbl_of(english)
    assert "asset GLD" in rbl and "asset BIL" in rbl


def test_a_good_luck_after_the_rules_is_still_a_sign_off():
    rbl = rbl_of("SPY 60 TLT 40, rebalance monthly. Thanks, GL")
    assert "    SPY 60%\n    TLT 40%\n" in rbl


def test_equal_weight_of_a_list_ending_in_gld_and_bil_holds_all_three():
    rbl = rbl_of("rebalance monthly, equal weight SPY, GLD and BIL")
    assert "target: equal weight SPY, GLD, BIL" in rbl


# ---- a ranking given two counts is asked, naming both ------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "monthly: hold the top 2 or 3 of SPY, QQQ, IWM, EFA by 6-month return, equal weight",
    "each month buy the best 3 or 4 of SPY, QQQ, IWM, EFA, EEM by 12-month return",
    "rotate monthly into the top 2 to 3 of XLK XLF XLE XLV by 3-month return",
])
def test_a_top_n_said_with_two_counts_asks_how_many(english):
    assert "How many" in question_of(english)


def test_a_top_n_with_one_count_is_read():
    assert "top 2 by return(price, 6 months)" in rbl_of("monthly: hold the top 2 of SPY, QQQ, IWM, EFA by 6-month "
                                                        "return, equal weight")


# ---- the rest of an asset given only a range: the range's asset is asked -------------------------------------------
@pytest.mark.parametrize("english", [
    "tlt somewhere between 30 and 40%, rest in spy, rebal quarterly",
    "keep TLT anywhere from 30 to 40%, the rest in SPY, rebalance quarterly",
    "TLT somewhere from 30 to 40%, the remainder in SPY; quarterly rebalance",
])
def test_the_rest_beside_a_range_asks_the_ranged_assets_weight(english):
    assert "What target weight should TLT have" in question_of(english)


def test_the_rest_beside_a_fixed_weight_is_read():
    assert "    TLT 35%\n    SPY 65%\n" in rbl_of("TLT 35%, rest in SPY, rebalance quarterly")
