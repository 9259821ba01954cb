"""The offline reader widened by construct family (issue 17): volatility targets, drawdown brakes and kill switches,
volatility and HMM regimes, signals, each said in many words. Each test gives phrasings of one family that are not
dev cases; each family keeps one phrasing that must stay a question."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


# ---- volatility targets: the window before or after the word, the level after a verb, a ceiling beside ----------

@pytest.mark.parametrize("english, exposure", [
    ("Hold 70% SPY and 30% IEF and scale the whole portfolio so that its realised volatility, measured over 60 days, "
     "targets 12% a year, with exposure never exceeding 1.5 times equity; any remainder is held in cash. Monthly.",
     "exposure min(12% / vol(basket, 60 days), 1.5x)"),
    ("60% SPY and 40% AGG, monthly. Scale the mix so that its volatility, measured over the last 20 trading days and "
     "annualised, sits near 10%, up to a ceiling of 1.5 times the account.",
     "exposure min(10% / vol(basket, 20 days), 1.5x)"),
    ("The portfolio holds 60% SPY and 40% IEF and targets 8% annualised volatility measured over 60 days, rebalanced "
     "monthly. Gross exposure must not exceed 1.2 times equity at any time.",
     "exposure min(8% / vol(basket, 60 days), 1.2x)"),
])
def test_a_volatility_target_said_in_many_words(english, exposure):
    rbl = rbl_of(english)
    assert exposure in rbl and "when monthly" in rbl


def test_what_a_volatility_target_does_said_beside_it_is_no_new_fact():
    rbl = rbl_of("60% SPY and 40% AGG, monthly. Scale the mix so that its 20-day volatility sits near 12%; when markets "
                 "are quiet that means borrowing, up to a ceiling of 1.5x the account, and when they are stormy, holding cash.")
    assert "exposure min(12% / vol(basket, 20 days), 1.5x)" in rbl


def test_a_volatility_target_at_a_sensible_level_stays_a_question():
    assert "What annual volatility" in question_of(
        "60% SPY and 40% IEF scaled so that its volatility stays at a sensible level, using 60-day volatility and at "
        "most 1.5x leverage, rebalanced monthly.")


# ---- drawdown brakes: the share kept in words or said twice, the rest in cash, the way back ---------------------

@pytest.mark.parametrize("english, kept, back", [
    ("60% SPY, 40% TLT, monthly. If the account is 20% below its high, I halve exposure (rest in cash); once it is "
     "back within 10% of the high, full exposure again.", "50%", "<= 10%"),
    ("60% SPY, 40% TLT, monthly. If the portfolio falls 20% from its peak, cut exposure to half and hold the rest in "
     "cash; go back to full exposure once the drawdown has recovered to 10%.", "50%", "<= 10%"),
    ("80/20 SPY/IEF monthly. When the fund's down fifteen percent from its high, go to a quarter exposure, um, 25 "
     "percent, rest cash, and come back to full once the drawdown's under five percent.", "25%", "< 5%"),
    ("60% SPY and 40% AGG, quarterly. If the portfolio's drawdown from its peak reaches 10%, exposure shall be "
     "reduced to 60% of normal, the remainder held in cash; full exposure resumes once the drawdown has recovered "
     "to 3% or less.", "60%", "<= 3%"),
])
def test_a_drawdown_brake_said_in_many_words(english, kept, back):
    rbl = rbl_of(english)
    assert f"exposure if defensive then {kept} else 100%" in rbl
    assert f"false when drawdown(portfolio) {back}\n" in rbl       # 'under five percent' strictly under


def test_a_brake_whose_share_is_said_twice_differently_is_not_read():
    english = ("60% SPY, 40% TLT, monthly. If the portfolio falls 20% from its peak, cut exposure to half, um, 40%, "
               "rest in cash; go back to full exposure once the drawdown has recovered to 10%.")
    assert translate_offline(english).rbl is None


# ---- kill switches: 'sell it all', a closing remark, a fall with no depth asks ----------------------------------

@pytest.mark.parametrize("english, cut", [
    ("70 qqq 30 tlt, monthly. if i'm down 25% from the top just sell it all and stop, i'm done at that point", "25%"),
    ("60% SPY 40% TLT, monthly. If it ever drops 20% from the peak, flatten everything and stop the bot.", "20%"),
])
def test_a_kill_switch_said_in_many_words(english, cut):
    assert f"max drawdown {cut}" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "50% VTI and 50% BND, quarterly, and if it falls a lot, please sell everything so I don't lose my savings.",
    "Hold 50% SPY and 50% AGG, rebalanced quarterly, and if the markets really crash just get me out completely.",
])
def test_a_fall_with_no_depth_before_a_kill_switch_asks_how_deep(english):
    assert "How deep a fall" in question_of(english)


# ---- signals: a column declared in many words, named again as the subject, how old a value may be ---------------

@pytest.mark.parametrize("english, stale", [
    ("The mood score is in the column mood_score. If the 5-day average of the score is above 0, hold 70% SPY and 30% "
     "AGG; otherwise 40% SPY and 60% AGG. Monthly. If the score is more than 2 days old, don't act on it.", 2),
    ("The fear ratio is in the column fear_ratio. If the ratio is above 1, hold 30% SPY and 70% TLT; otherwise 70% "
     "SPY and 30% TLT. Monthly. Tolerate values up to 5 days old.", 5),
    ("The carry spread is supplied in the data column carry. If carry is above 0, hold 60% SPY and 40% TLT; otherwise "
     "40% SPY and 60% TLT. Monthly. If the spread hasn't updated in 3 days, don't trade on it.", 3),
])
def test_a_signals_staleness_said_as_a_rule_about_old_values(english, stale):
    rbl = rbl_of(english)
    assert f"stale after {stale} bars" in rbl and "SPY" in rbl and "when monthly" in rbl


def test_the_column_named_again_is_the_signal():
    rbl = rbl_of("My model writes a forecast into a column called ml_forecast. If ml_forecast is above 0, hold 100% QQQ; "
                 "otherwise 100% IEF. Rebalance daily. Don't use data older than 1 day.")
    assert 'signal ML_FORECAST column "ml_forecast" stale after 1 bar' in rbl
    assert "if ML_FORECAST > 0:" in rbl


def test_a_one_word_aside_after_the_signals_condition_is_a_name_for_it():
    rbl = rbl_of("The vix term structure ratio is in the column vix_ratio. If vix_ratio is above 1 (backwardation), go "
                 "30% SPY / 70% TLT, otherwise 70% SPY / 30% TLT. Monthly.")
    assert "if VIX_RATIO > 1:" in rbl


def test_a_staleness_with_no_column_stays_a_question():
    assert "which data column" in question_of(
        "If the score is above 0 hold 70% SPY and 30% TLT, otherwise 30% SPY and 70% TLT, monthly. If the score is more "
        "than 2 days old, don't act on it.")


# ---- regimes: a volatility switch beside 'no HMM', the other of two states, the model's sayings, bands by state -----

def test_a_volatility_switch_said_beside_no_hmm_is_no_regime_model():
    rbl = rbl_of("My rule is simple, no HMM nonsense. If SPY's 20-day volatility is above 25%, hold 40% SPY and 60% IEF; "
                 "otherwise 80% SPY and 20% IEF. Rebalanced weekly on Wednesday.")
    assert "regime" not in rbl and "vol(SPY, 20 days) > 25%" in rbl


@pytest.mark.parametrize("english", [
    "2-state HMM on SPY 20-day vol and SPY daily returns, fit on a rolling 3 year window, refit every 6 months. In the "
    "calm regime hold 80/20 SPY/TLT, in the turbulent one 30/70. Rebalance weekly on Friday.",
    "A two-state HMM on SPY's 20-day volatility and its daily return, fit on a rolling 3 year window, refit every 6 "
    "months. In the calm state hold 80/20 SPY/TLT; in the turbulent state 30/70. Rebalance weekly on Friday.",
])
def test_in_a_two_state_model_the_other_state_is_the_otherwise(english):
    rbl = rbl_of(english)
    assert "states 2, fit rolling 3 years, refit every 6 months" in rbl
    assert "if market is calm:\n        SPY 80%\n        TLT 20%\n    else:\n        SPY 30%" in rbl


def test_in_a_three_state_model_the_other_state_is_not_the_otherwise():
    assert translate_offline(
        "3-state HMM on SPY 20-day vol and SPY daily returns, fit on a rolling 3 year window, refit every 6 months. In the "
        "calm regime hold 80/20 SPY/TLT, in the turbulent one 30/70. Rebalance weekly on Friday.").rbl is None


@pytest.mark.parametrize("english, band", [
    ("A three-state hidden Markov model of SPY's 20-day volatility and daily return, fitted on a rolling 5-year window "
     "and refitted every 6 months. For 50% SPY / 50% TLT, checked daily, the rebalancing band is 3 percentage points "
     "when the probability of the turbulent state exceeds 60%, and 6 points otherwise.",
     "drift > (if market.probability(turbulent) > 60% then 3pp else 6pp)"),
    ("A 3-state HMM on SPY's 20-day volatility and its daily return, fitted on an expanding window once 3 years are "
     "available and refitted annually. 60% SPY and 40% TLT, rebalanced when any asset drifts more than 3 percentage "
     "points if the probability of the turbulent state exceeds 50%, and 6 points otherwise, checked daily.",
     "drift > (if market.probability(turbulent) > 50% then 3pp else 6pp)"),
])
def test_a_band_by_the_probability_of_a_state_said_in_many_words(english, band):
    rbl = rbl_of(english)
    assert band in rbl and "check daily" in rbl


def test_when_the_model_says_the_market_is_calm():
    rbl = rbl_of("60% SPY / 40% AGG. Fit a 2-state HMM on SPY's 20-day volatility and its daily return, using all data so "
                 "far once 3 years are available, refitted every year. When the model says the market is calm, check "
                 "monthly; otherwise check weekly on Mondays. Rebalance on a 5pp band either way.")
    assert "check if market is calm then monthly else weekly on monday" in rbl
    assert "fit expanding 3 years, refit every 1 year" in rbl


# ---- leverage: the exposure said as 'at 1.3x exposure', a cap beside it --------------------------------------------

@pytest.mark.parametrize("english, exposure, cap", [
    ("Run the 60/40 SPY/TLT mix at 1.3x exposure, with a hard ceiling on leverage at 1.5x should anything drift. Monthly.",
     "1.3x", "1.5x"),
    ("60/40 SPY/TLT at 1.2 times exposure, monthly.", "1.2x", "1.2x"),
])
def test_an_exposure_said_as_times_the_equity(english, exposure, cap):
    rbl = rbl_of(english)
    assert f"exposure {exposure}" in rbl and f"max leverage {cap}" in rbl


def test_up_to_an_exposure_is_a_cap_not_the_exposure():
    rbl = rbl_of("60/40 SPY/TLT, up to 1.5x exposure, monthly.")
    assert "max leverage 1.5x" in rbl and "\nexposure" not in rbl


def test_a_bare_column_as_a_sentence_of_its_own_declares_a_signal():
    rbl = rbl_of("Column mood. If it's above 30 hold 30% SPY 70% TLT, else 70% SPY 30% TLT. Monthly.")
    assert 'signal MOOD column "mood"' in rbl and "if MOOD > 30:" in rbl
