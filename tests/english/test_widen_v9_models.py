"""Issue 17, session 11, widening by construct (blind batch v9): the model constructs said in ways the reader did
not know -- a rotation's label naming its universe ('a rotation on XLK, XLE, ...'), a top N said with the assets
named before it ('the three with the best six-month return, a third each'), the rest sold, dual momentum's winner
of the assets named before, its bar failed ('if the winner's 12-month return doesn't beat BIL over the same year,
park everything in BND'), and the chatter around them. Each is read by family, or ends in a question."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of

GEM = "top 1 by return(price, 12 months) of {assets} while return(price, 12 months) > return(BIL, 12 months) else {fallback}"


# ---- momentum rotations -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Running a momentum rotation across QQQ, IWM, EFA, EEM. Monthly, hold the top 2 by 3-month return, equal weight.",
    "My plan is a sector rotation over QQQ, IWM, EFA and EEM: every month buy the top 2 by 3-month return, "
    "equally weighted.",
])
def test_a_rotation_label_naming_its_universe(english):
    assert "target: top 2 by return(price, 3 months) of QQQ, IWM, EFA, EEM" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "I own four funds - QQQ, IWM, EFA, EEM - and every month I buy the two with the best 3-month return, a half each.",
    "Universe is QQQ, IWM, EFA and EEM. Monthly I hold the 2 that have the highest 3-month return, equally weighted.",
])
def test_the_n_with_the_best_return_of_the_assets_named_before(english):
    assert "target: top 2 by return(price, 3 months) of QQQ, IWM, EFA, EEM" in rbl_of(english)


def test_a_share_each_that_is_not_even_is_not_equal_weight():
    english = "I own QQQ, IWM, EFA, EEM and every month I buy the two with the best 3-month return, a third each."
    with pytest.raises(AssertionError):
        rbl_of(english)


@pytest.mark.parametrize("english", [
    "Monthly, hold the top 2 of QQQ, IWM, EFA, EEM by 3-month return and dump everything else.",
    "Monthly, hold the top 2 of QQQ, IWM, EFA, EEM by 3-month return; the others go to zero.",
])
def test_the_rest_sold_after_a_top_n_is_the_same_fact(english):
    assert "target: top 2 by return(price, 3 months) of QQQ, IWM, EFA, EEM" in rbl_of(english)


# ---- dual momentum ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Assets: SPY and EFA. Every month hold whichever has the higher 12-month return, but only if that return beats "
    "BIL over the same 12 months; otherwise IEF.",
    "Two funds, SPY and EFA. Monthly, pick whichever did better over 12 months, as long as it beats BIL; otherwise "
    "hold IEF.",
])
def test_whichever_did_better_of_the_assets_named_before(english):
    assert GEM.format(assets="SPY, EFA", fallback="IEF") in rbl_of(english)


def test_whichever_did_better_with_other_assets_named_elsewhere_is_a_question():
    english = ("I also keep 10% in GLD. Assets: SPY and EFA. Every month hold whichever has the higher 12-month "
               "return, but only if that return beats BIL over the same 12 months; otherwise IEF.")
    assert "whichever has the higher 12-month return" in question_of(english)


@pytest.mark.parametrize("english", [
    "Monthly, look at SPY vs EFA over 12 months and put everything in whichever did better - but if the winner's "
    "12-month return doesn't beat BIL over the same year, park everything in IEF instead.",
    "Each month compare SPY and EFA over 12 months and put 100% into the winner; if its return does not beat "
    "BIL over the same 12 months, put it all in IEF.",
])
def test_the_bar_said_by_its_failure_with_the_winner_put_in(english):
    assert GEM.format(assets="SPY, EFA", fallback="IEF") in rbl_of(english)


def test_the_bar_failed_over_another_lookback_is_a_question():
    english = ("Monthly, compare SPY and EFA over 12 months and hold the winner; if the winner's 6-month return "
               "doesn't beat BIL, park everything in IEF.")
    assert "which lookback is meant for both" in question_of(english)


@pytest.mark.parametrize("english", [
    "Monthly: compare SPY and EFA over 12 months, hold the winner, but only if it beats SHV (T-bills); otherwise IEF.",
    "Monthly: compare SPY and EFA over 12 months, hold the winner, but only if it beats SGOV (treasury bills); "
    "otherwise IEF.",
])
def test_a_t_bill_fund_with_its_class_in_brackets_is_one_asset(english):
    rbl = rbl_of(english)
    assert "asset TBILL" not in rbl and "> return(S" in rbl


@pytest.mark.parametrize("english", [
    "I like the \"dual momentum\" thing I read about: monthly, compare SPY and EFA over 12 months, hold the winner, "
    "but only if it beats BIL; otherwise IEF.",
    "Dual momentum, no frills. Monthly: compare SPY and EFA over 12 months, hold the winner, but only if it beats "
    "BIL; otherwise IEF. Past performance is no guarantee of future results.",
])
def test_the_label_in_quotes_and_the_disclaimer_are_no_rule(english):
    assert GEM.format(assets="SPY, EFA", fallback="IEF") in rbl_of(english)


# ---- trend filters ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Three funds, VTI, VXUS and BND, a third each. I hold each one only while its price is above its 150-day moving "
    "average, and if it's below, that third goes to cash instead. Monthly.",
    "VTI, VXUS, BND equally. Each is held only while its price is above its 150-day moving average; when it is under "
    "its average, its share sits in cash. Rebalance monthly.",
])
def test_the_fallback_said_as_the_asset_share_going_to_cash(english):
    assert "while price > sma(price, 150 days) else CASH" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold VTI, VXUS and BND equally, rebalanced monthly. Each fund shall be held only while its closing price is above "
    "its 150-day moving average; otherwise its allocation shall be held in cash.",
    "VTI, VXUS, BND at a third each, monthly. An asset is held only while its closing price is above its 150-day moving "
    "average; otherwise its weight goes to cash.",
])
def test_the_asset_held_said_as_the_subject_with_its_allocation_to_cash(english):
    assert "while price > sma(price, 150 days) else CASH" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "When QQQ closes above its 100-day average I'm 80% QQQ, 20% TLT. When it closes below, I switch to 40% QQQ, 60% TLT. "
    "Weekly on Fridays.",
    "If QQQ is above its 100-day moving average we hold 80% QQQ, 20% TLT; when it's under, we move to 40% QQQ, 60% TLT. "
    "Rebalance weekly on Fridays.",
])
def test_the_other_branch_said_as_the_other_side_of_the_average(english):
    rbl = rbl_of(english)
    assert "if QQQ > sma(QQQ, 100 days):" in rbl and "QQQ 40%" in rbl


def test_the_other_branch_said_as_the_same_side_is_not_an_otherwise():
    english = ("When QQQ closes above its 100-day average I'm 80% QQQ, 20% TLT. When it closes above, I switch to "
               "40% QQQ, 60% TLT. Weekly on Fridays.")
    with pytest.raises(AssertionError):
        rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold VTI, VXUS and BND equally, but only while each is above its moving average, else cash. Monthly.",
    "VTI and BND 50/50; each is held only while its price is above its moving average, otherwise cash. Monthly.",
])
def test_a_moving_average_with_no_length_asks_its_lookback(english):
    assert "lookback" in question_of(english)


# ---- volatility targets -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("english, span, level", [
    ("70/30 QQQ TLT but scale exposure so the basket's 30 day vol targets 9% annualised, max 1.5x leverage, rest in "
     "cash. Check daily, rebalance when any asset drifts 4pp.", "30 days", "9%"),
    ("QQQ 70 / TLT 30, scaled up or down so that its 30-day realised volatility targets 9% annualised, max 1.5x "
     "leverage, rest in cash. Check daily, rebalance when any asset drifts 4pp.", "30 days", "9%"),
    ("QQQ 70 / TLT 30, scale the whole mix so it runs at about 9% annual volatility, measured over the last 30 days, "
     "max 1.5x leverage, rest in cash. Check daily, rebalance when any asset drifts 4pp.", "30 days", "9%"),
])
def test_a_volatility_target_said_as_scaling_the_mix(english, span, level):
    assert f"exposure min({level} / vol(basket, {span}), 1.5x)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "QQQ 70 / TLT 30, the vol-managed version: scale the whole mix so it runs at 9% annual volatility, measured over "
    "30 days. No leverage - never more than 100% invested, rest in cash. Monthly.",
    "QQQ 70 / TLT 30, scale the mix so it runs at 9% annual volatility, measured over 30 days. No margin, not more "
    "than 100% invested; the rest in cash. Monthly.",
])
def test_no_leverage_restated_as_never_more_than_all_invested(english):
    assert "exposure min(9% / vol(basket, 30 days), 1x)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60 / TLT 40, target 9% annualised vol using the basket's 30-day realised vol, max 1.5x leverage, rest in cash. "
    "Monthly. It was a 15% target at my previous firm, way too risky.",
    "SPY 60 / TLT 40, target 9% annualised vol using the basket's 30-day realised vol, max 1.5x leverage, rest in cash. "
    "Monthly. A trustee asked whether a 15% target had been considered; it was noted for a future meeting.",
])
def test_another_level_told_as_history_or_left_for_later_is_not_read(english):
    assert "exposure min(9% / vol(basket, 30 days), 1.5x)" in rbl_of(english)


# ---- drawdown states --------------------------------------------------------------------------------------------

BRAKE = "true when drawdown(portfolio) >= 15%\n    false when drawdown(portfolio) <= 5%"


@pytest.mark.parametrize("english", [
    "VTI 70 / BND 30, rebalanced monthly. If the portfolio drops 15% from its peak, move half of it into cash; once "
    "the loss has recovered to within 5% of the peak, go back to fully invested.",
    "VTI 70 / BND 30, monthly. If the account drops 15% from its peak, we halve our market exposure and hold the rest "
    "in cash; we only return to full exposure once the drawdown has come back to within 5%.",
])
def test_the_recovery_said_to_within_a_share_of_the_peak(english):
    assert BRAKE in rbl_of(english)


# ---- inverse volatility -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY, TLT, GLD - weight them by inverse of 45-day vol, rebalance monthly.",
    "SPY, TLT and GLD, weighted by the inverse of their 45-day volatility. Monthly.",
])
def test_weight_them_by_the_inverse_of_a_window_vol(english):
    assert "target: inverse volatility(45 days) SPY, TLT, GLD" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY, TLT, GLD. w_i = (1/sigma_i) / sum_j(1/sigma_j), sigma_i = 45d realised vol of daily rets. Monthly.",
    "Assets SPY, TLT, GLD; weight_i = 1/vol_i / sum_j 1/vol_j where vol_i is the 45-day volatility of daily returns. "
    "Rebalance monthly.",
])
def test_inverse_volatility_written_as_its_formula(english):
    rbl = rbl_of(english)
    assert "target: inverse volatility(45 days) SPY, TLT, GLD" in rbl and "when monthly" in rbl


def test_inverse_volatility_formula_with_no_window_asks_its_lookback():
    assert "lookback" in question_of("SPY, TLT, GLD. w_i = (1/sigma_i) / sum_j(1/sigma_j). Monthly.")


# ---- risk parity ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The RP book: equal-risk-contribution over SPY, TLT and GLD, 120-day covariance window, traded monthly.",
    "Handing over the RP sleeve - it's risk parity across SPY, TLT, GLD with a 120-day window, rebalanced monthly.",
])
def test_rp_is_risk_parity_not_a_ticker(english):
    rbl = rbl_of(english)
    assert "asset RP" not in rbl and "risk parity(120 days) SPY, TLT, GLD" in rbl


def test_a_bracketed_list_of_tickers_opening_the_text_is_no_forum_tag():
    translation = translate_offline("[SPY, TLT] 60/40, rebalanced monthly.")
    assert translation.rbl is not None or translation.question


# ---- signals ----------------------------------------------------------------------------------------------------

SWITCH = "if sma(MOOD, 5 days) > 0:\n        SPY 80%\n        TLT 20%\n    else:\n        SPY 40%\n        TLT 60%"


@pytest.mark.parametrize("english", [
    "The mix flips on the mood data, the column is called MOOD in my file. When its 5-day average is above zero, "
    "80% SPY, 20% TLT. When it's not, uh, flip it, 40 SPY, 60 TLT. Monthly.",
    "Weights follow the mood data, the column is called mood in the csv. If its 5-day average is above 0, 80% SPY, "
    "20% TLT; if it is not, 40% SPY, 60% TLT. Monthly.",
])
def test_a_signal_column_named_apart_and_its_otherwise_said_as_not(english):
    assert SWITCH in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Signal column mood. If its 5-day average is above 0, 80% SPY, 20% TLT, otherwise 40% SPY, 60% TLT. Monthly. If "
    "the mood value is missing, carry the last one over for, like, 2 days max; after that just wait.",
    "Signal column mood. If its 5-day average is above 0, 80% SPY, 20% TLT, otherwise 40% SPY, 60% TLT. Monthly. "
    "If the value is missing, carry it forward for 2 days; after that do nothing.",
])
def test_a_missing_value_carried_over_then_waiting_is_stale_after(english):
    assert 'signal MOOD column "mood" stale after 2 bars' in rbl_of(english)


# ---- tranches and sleeves ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% SPY, 40% TLT, checked daily; when any asset drifts more than 5pp the trades are split into 3 daily slices "
    "instead of 1.",
    "60% SPY, 40% TLT, daily check, rebalance when any asset drifts more than 5pp, in 3 daily tranches rather than "
    "one.",
])
def test_tranches_said_against_a_single_trade(english):
    assert "trade over 3 bars" in rbl_of(english)


SLEEVED = """sleeve satellite 30%:
    target: top 2 by return(price, 6 months) of QQQ, SMH, XLE, XLF
    rebalance:
        check monthly
        trade over 4 bars"""


@pytest.mark.parametrize("english", [
    "70% core in VTI 60 / BND 40 (within the core), rebalanced annually. 30% satellite is the top 2 of QQQ, SMH, XLE, "
    "XLF by 6-month return, redone monthly, trading the satellite changes in 4 daily slices. Move money between core "
    "and satellite when either is more than 5 points off its share, checked daily.",
    "A 70% core of VTI 60 / BND 40 inside the core, rebalanced annually. A 30% satellite holding the top 2 of QQQ, "
    "SMH, XLE and XLF by 6-month return, monthly, with its trades split into 4 daily tranches. Between core and "
    "satellite, rebalance when either is more than 5 points off its share, checked daily.",
])
def test_a_sleeve_spreads_its_own_trades(english):
    assert SLEEVED in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold QQQ, SMH and XLE equally, monthly.",
    "Equal weight XLE, SMH, QQQ; rebalance quarterly.",
])
def test_a_chat_acronym_between_tickers_is_a_ticker(english):
    assert "asset SMH" in rbl_of(english)


def test_a_chat_acronym_alone_is_no_ticker():
    assert "asset SMH" not in rbl_of("SMH, 60% SPY and 40% TLT, rebalanced monthly.")


# ---- regimes ----------------------------------------------------------------------------------------------------

HMM_SWITCH = "if market is calm:\n        QQQ 75%\n        TLT 25%\n    else:\n        QQQ 35%\n        TLT 65%"


@pytest.mark.parametrize("english", [
    "QQQ / TLT. Fit a 2-state HMM on QQQ's 20-day vol and daily return, expanding window, first fit after 3 years, "
    "refit yearly. When it says calm, 75/25; when turbulent, 35/65. Rebalance monthly.",
    "2-state hidden markov model on QQQ's 20-day volatility and daily return, expanding window from 3 years, refit "
    "every year. If the model says calm: 75% QQQ, 25% TLT, and if turbulent: 35% QQQ, 65% TLT. Monthly.",
])
def test_the_other_state_said_next_is_the_otherwise_in_a_2_state_model(english):
    assert HMM_SWITCH in rbl_of(english)


def test_the_other_state_said_next_in_a_3_state_model_is_not_an_otherwise():
    english = ("3-state HMM on QQQ's 20-day vol and daily return, expanding window from 3 years, refit yearly. When it "
               "says calm, 75/25 QQQ/TLT; when turbulent, 35/65. Rebalance monthly.")
    with pytest.raises(AssertionError):
        rbl_of(english)


@pytest.mark.parametrize("english", [
    "obs: 20d vol of QQQ, 1d return of QQQ. 2-state gaussian HMM, expanding window, first fit after 3y, refit yearly. "
    "if regime == calm: hold QQQ 75 / TLT 25, else QQQ 35 / TLT 65. Rebalance monthly.",
    "Inputs: 20-day realised vol of QQQ and daily return of QQQ; 2-state HMM, expanding window from 3 years, refit "
    "yearly; when state = calm, QQQ 75 / TLT 25, otherwise QQQ 35 / TLT 65. Monthly.",
])
def test_a_regime_written_as_code_with_its_inputs_listed(english):
    rbl = rbl_of(english)
    assert HMM_SWITCH in rbl and "hmm(vol(QQQ, 20 days), return(QQQ, 1 day), states 2" in rbl


def test_ticker_first_weights_that_do_not_make_100_are_not_read():
    english = ("obs: 20d vol of QQQ, 1d return of QQQ. 2-state HMM, expanding window from 3 years, refit yearly. "
               "if regime == calm: hold QQQ 75 / TLT 15, else QQQ 35 / TLT 65. Monthly.")
    with pytest.raises(AssertionError):
        rbl_of(english)


@pytest.mark.parametrize("english", [
    "Regime-conditioned tolerance. A 3-state HMM on SPY's 20-day realised volatility and daily return, rolling 4-year "
    "window, refit every 6 months. 60/40 SPY/IEF, checked daily, rebalanced when any asset drifts more than 2 points "
    "if the probability of the turbulent, highest-volatility, state exceeds 70%, and more than 4 points otherwise.",
    "Regime-aware rebalancing: a 3-state HMM on SPY's 20-day volatility and daily return, rolling 4-year window, "
    "refit every 6 months. 60/40 SPY/IEF, rebalanced when any asset drifts more than 2 points if the probability of "
    "the turbulent state exceeds 70%, and by more than 4 points otherwise; check daily.",
])
def test_a_regime_band_with_its_label_and_the_other_band_said_otherwise(english):
    assert "when drift > (if market.probability(turbulent) > 70% then 2pp else 4pp)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "BTC 60 / ETH 40, rebalance monthly. Crypto never sleeps so annualize on 365 days.",
    "SPY 60 / TLT 40, monthly; annualise over 365 calendar days.",
])
def test_annualizing_over_365_days_said_as_an_instruction(english):
    assert "annualize 365 days" in rbl_of(english)


# ---- a volatility state named by the text -----------------------------------------------------------------------

@pytest.mark.parametrize("english, name", [
    ("QQQ 70 / TLT 30. Define \"jumpy\" as QQQ's 30-day realized vol sitting above the 75th percentile of its own "
     "trailing 1-year history. When jumpy: check weekly on Fridays with a 2pp band. Otherwise: check monthly with a "
     "5pp band.", "jumpy"),
    ("QQQ 70 / TLT 30. A \"hot\" regime is defined as QQQ's 30-day volatility above the 75th percentile of its "
     "1-year history. In hot markets, check weekly on Fridays with a 2pp band; otherwise check monthly with a 5pp "
     "band.", "hot"),
])
def test_a_named_volatility_state_switches_the_checks_and_bands(english, name):
    rbl = rbl_of(english)
    assert f"let {name} = percentile(vol(QQQ, 30 days), 1 year) > 75%" in rbl
    assert f"check if {name} then weekly on friday else monthly" in rbl
    assert f"when drift > (if {name} then 2pp else 5pp)" in rbl


def test_a_named_volatility_state_with_one_band_asks_the_other():
    english = ("QQQ 70 / TLT 30. Define \"jumpy\" as QQQ's 30-day realized vol above the 75th percentile of its own "
               "1-year history. When jumpy: check weekly on Fridays with a 2pp band. Otherwise: check monthly.")
    assert "other market state" in question_of(english)
