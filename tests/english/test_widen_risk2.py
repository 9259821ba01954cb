"""The offline reader widened by construct family, second pass (issue 17): leverage and gross exposure caps said as
limits on the writer's own use, per-asset caps, drawdown brakes, regimes, signals and sleeves said the ways the
round-6 writers said them. Each test gives phrasings that are not dev cases; each family keeps one near miss that
must stay a question."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


# ---- leverage and gross exposure caps: a limit on the writer's own use ----------------------------------------------

@pytest.mark.parametrize("english, cap", [
    ("Hold 70% QQQ and 30% TLT, rebalanced quarterly, never running more than 1.3x leverage.", "max leverage 1.3x"),
    ("60% SPY and 40% IEF, monthly. Gross exposure must never be above 150% of equity.", "max leverage 1.5x"),
    ("Equal weight SPY, EFA and GLD, monthly; total exposure may not exceed 100% of NAV in this account.",
     "max leverage 1x"),
])
def test_a_leverage_cap_said_as_a_limit_on_use(english, cap):
    assert cap in rbl_of(english)


def test_no_leverage_said_with_where_and_how_firmly_is_the_1x_cap_of_a_volatility_target():
    rbl = rbl_of("60% SPY and 40% IEF, scaled so that the 20-day vol targets 8% a year, monthly; we can't use any "
                 "leverage in this account at all.")
    assert "exposure min(8% / vol(basket, 20 days), 1x)" in rbl


def test_exposure_to_one_asset_class_as_a_share_of_nav_stays_a_question():
    assert "60%" in question_of("Hold 60% SPY and 40% TLT, monthly. Exposure to equities may never exceed 60% of NAV.")


# ---- per-asset caps: a limit on any one asset, or on one named asset ------------------------------------------------

@pytest.mark.parametrize("english, cap", [
    ("Equal weight SPY, EFA, EEM and GLD, monthly. No single fund may be more than 30% of the portfolio.",
     "max weight 30%"),
    ("Inverse volatility over 60 days on BTC, ETH and SOL, rebalanced weekly; cap any one coin at 40%.", "max weight 40%"),
    ("Risk parity over 120 days across SPY, TLT and GLD, monthly. I'd not be comfortable with any single holding above "
     "45% of the account.", "max weight 45%"),
])
def test_a_cap_on_any_one_asset(english, cap):
    rbl = rbl_of(english)
    assert f"    {cap}\n" in rbl and "excess to other assets" not in rbl


def test_a_cap_whose_excess_is_held_in_cash_declares_the_cash():
    rbl = rbl_of("Equal weight AAPL, MSFT, JNJ and KO, monthly; no single stock may exceed 30% of net assets, any excess "
                 "to be held in cash.")
    assert "cash CASH" in rbl and "max weight 30%" in rbl


def test_one_named_asset_capped_leaves_the_others_uncapped():
    rbl = rbl_of("Inverse volatility over 60 days across SPY, TLT and GLD, monthly; cap GLD at 20% and leave everything "
                 "else uncapped.")
    assert "max weight GLD 20%" in rbl and "max weight 20%" not in rbl


def test_being_fine_with_a_large_single_fund_is_no_cap_and_stays_a_question():
    assert "40%" in question_of("Inverse volatility over 60 days on SPY, TLT and GLD, monthly. I'm fine with any single "
                                "fund above 40% of the account.")


# ---- regimes: what changes per state, the weights said without % or as 'N% each' ------------------------------------

_HMM = "A 2-state HMM on SPY's 20-day vol and its daily return, rolling 3-year fit, refit yearly. "


@pytest.mark.parametrize("english, calm, other", [
    (_HMM + "In the calm state hold 80 SPY / 20 TLT, otherwise 40/60. Rebalance monthly.",
     ("SPY 80%", "TLT 20%"), ("SPY 40%", "TLT 60%")),
    (_HMM + "When the model says calm, 70 SPY and 30 TLT, otherwise 30 SPY and 70 TLT. Monthly.",
     ("SPY 70%", "TLT 30%"), ("SPY 30%", "TLT 70%")),
])
def test_a_regime_switch_with_weights_said_without_percent_signs(english, calm, other):
    rbl = rbl_of(english)
    assert "if market is calm:" in rbl and "fit rolling 3 years" in rbl
    branch, rest = rbl.split("else:")
    assert all(w in branch for w in calm) and all(w in rest for w in other)


def test_any_other_state_of_a_three_state_model_is_the_otherwise():
    rbl = rbl_of("A 3-state hidden Markov model on SPY's 20-day volatility and daily return, rolling 5-year window, refit "
                 "every year. In the calm state hold 90% SPY and 10% IEF; in any other state, 50% each. Monthly.")
    assert "states 3" in rbl and "if market is calm:" in rbl
    assert "SPY 50%" in rbl.split("else:")[1] and "IEF 50%" in rbl.split("else:")[1]


def test_bare_numbers_that_do_not_make_100_stay_a_question():
    assert "change" in question_of(_HMM + "In the calm state hold 80 SPY / 30 TLT, otherwise 40/60. Rebalance monthly.")


# ---- signals: the column named before the word, the branch said as 'zero or negative' --------------------------------

def test_a_signal_column_named_before_the_word_with_a_zero_or_negative_otherwise():
    rbl = rbl_of("The fund reads a news-sentiment score, the SENTIMENT column in its data feed. When the score's 20-day "
                 "average is positive the fund holds 80% SPY and 20% TLT; when it is zero or negative it flips to 40% SPY "
                 "and 60% TLT. Rebalanced monthly.")
    assert 'signal SENTIMENT column "SENTIMENT"' in rbl and "if sma(SENTIMENT, 20 days) > 0:" in rbl


def test_a_column_named_again_as_an_asset_is_no_signal():
    translation = translate_offline("Hold 60% SPY and 40% TLT, monthly; TLT's price series, the UST20 column, is in the "
                                    "data as UST20.")
    assert "signal" not in (translation.rbl or "")


# ---- drawdown brakes: the action before the trigger, a defensive mix, pulling the plug --------------------------------

def test_halving_gross_exposure_said_before_the_drawdown_that_triggers_it():
    rbl = rbl_of("Hold 60% SPY and 40% AGG, monthly. We will halve gross exposure once the portfolio's drawdown from its "
                 "peak reaches 12%, and restore full exposure only after the drawdown has recovered to 4% or less.")
    assert "true when drawdown(portfolio) >= 12%" in rbl and "false when drawdown(portfolio) <= 4%" in rbl
    assert "exposure if defensive then 50% else 100%" in rbl


def test_a_brake_that_moves_to_a_defensive_mix_switches_the_target():
    rbl = rbl_of("We keep 70% QQQ and 30% TLT, rebalanced monthly. If the portfolio falls 20% from its peak, we switch to a "
                 "defensive 40% QQQ / 60% TLT, and go back to the normal mix once the drawdown has recovered to 8%.")
    assert "if defensive:\n        QQQ 40%\n        TLT 60%\n    else:\n        QQQ 70%\n        TLT 30%" in rbl
    assert "exposure" not in rbl


def test_a_defensive_mix_of_other_assets_stays_a_question():
    assert "which mix" in question_of(
        "We keep 70% QQQ and 30% TLT, rebalanced monthly. If the portfolio falls 20% from its peak, we switch to a "
        "defensive 40% GLD / 60% SHY, and go back to the normal mix once the drawdown has recovered to 8%.")


@pytest.mark.parametrize("english", [
    "80% QQQ 20% TLT, rebalanced quarterly, and if it drops 25% from the high we're pulling the plug and going all cash.",
    "Hold 50% SPY and 50% IEF, monthly; if the whole thing falls 20% from its peak I'll pull the plug.",
])
def test_pulling_the_plug_at_a_drawdown_is_a_kill_switch(english):
    assert "max drawdown" in rbl_of(english)


# ---- sleeves: no money moving between them, said ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "A 70% core of SPY 60% and AGG 40% rebalanced annually; a 30% satellite with the top 3 of AAPL, MSFT, XOM, JNJ by "
    "6-month return, rebalanced monthly. No rebalancing between the sleeves.",
    "Two sleeves: a bond sleeve of 60% of assets, held 50% TLT and 50% IEF and rebalanced quarterly; and a growth sleeve "
    "of 40% of assets, held in equal weight across SPY, EFA and VNQ and rebalanced monthly. There is no rebalancing "
    "between the two sleeves.",
])
def test_no_rebalancing_between_the_sleeves_leaves_no_rule_between_them(english):
    rbl = rbl_of(english)
    assert rbl.count("rebalance:") == 2 and "sleeve" in rbl


def test_no_rebalancing_between_the_sleeves_beside_a_rule_between_them_stays_a_question():
    assert "no money moves between the sleeves" in question_of(
        "A 70% core of SPY 60% and AGG 40% rebalanced annually; a 30% satellite with the top 3 of AAPL, MSFT, XOM, JNJ "
        "by 6-month return, rebalanced monthly. No rebalancing between the sleeves. Bring the sleeves back to 70/30 when "
        "either drifts 5pp.")


# ---- regimes: the state said bare or as the most probable, the weights first -------------------------------------------

def test_a_two_state_model_with_each_states_weights_before_it():
    rbl = rbl_of("2-state HMM on QQQ 20-day vol, rolling 3-year fit, refit every 6 months: 60/40 QQQ/TLT when calm, "
                 "20/80 when turbulent, rebalanced monthly.")
    assert "regime market = hmm(vol(QQQ, 20 days), states 2, fit rolling 3 years, refit every 6 months)" in rbl
    assert "if market is calm:\n        QQQ 60%\n        TLT 40%\n    else:\n        QQQ 20%\n        TLT 80%" in rbl


def test_the_most_probable_state_and_observations_named_before_their_asset():
    rbl = rbl_of("We fit a 2-state Gaussian HMM to the 20-day volatility and daily return of SPY, rolling 4-year window, "
                 "refit yearly. The allocation is 75% SPY / 25% IEF while the calm state is most probable, else 35% SPY "
                 "/ 65% IEF, reviewed monthly.")
    assert "hmm(vol(SPY, 20 days), return(SPY, 1 day), states 2, fit rolling 4 years, refit every 1 year)" in rbl
    assert "if market is calm:" in rbl


def test_with_three_states_the_weights_of_one_more_state_are_no_otherwise_and_stay_a_question():
    assert "when turbulent" in question_of("3-state HMM on QQQ 20-day vol, rolling 3-year fit, refit every 6 months: 60/40 "
                                   "QQQ/TLT when calm, 20/80 when turbulent, rebalanced monthly.")


def test_a_brake_said_in_symbols_with_its_share_first():
    rbl = rbl_of("70/30 QQQ/TLT, go 40% exposure when drawdown >= 12%, back to full at at most 4%, 5pp band.")
    assert "true when drawdown(portfolio) >= 12%" in rbl and "false when drawdown(portfolio) <= 4%" in rbl
    assert "exposure if defensive then 40% else 100%" in rbl


def test_a_brake_said_in_symbols_with_no_way_back_stays_a_question():
    assert "go back to full exposure" in question_of("70/30 QQQ/TLT, go 40% exposure when drawdown >= 12%, 5pp band.")


def test_never_wanting_more_than_a_share_in_any_single_name_is_a_cap():
    assert "max weight 25%" in rbl_of("Equal weight AAPL, MSFT, JNJ, KO and PG, rebalanced quarterly; I never want more "
                                      "than 25% in any single name.")


def test_states_as_labels_and_a_refit_in_trading_days():
    rbl = rbl_of("2-state HMM on SPY 20-day vol, rolling 3-year fit, refit every 21 days. Calm: 80 SPY / 20 IEF. "
                 "Otherwise: 40 SPY / 60 IEF. Monthly.")
    assert "refit every 21 bars" in rbl and "if market is calm:\n        SPY 80%" in rbl


def test_a_state_label_with_a_word_for_no_state_stays_a_question():
    assert question_of("2-state HMM on SPY 20-day vol, rolling 3-year fit, refit yearly. Sideways: 80 SPY / 20 IEF. "
                       "Otherwise: 40 SPY / 60 IEF. Monthly.")
