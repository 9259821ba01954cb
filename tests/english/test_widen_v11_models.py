"""Issue 17, widening by construct from the blind dev batch v11: the model constructs said in ways the reader did not
know (a trend filter's fallback said of the asset below its average, risk parity said as each asset bringing the same
risk, a volatility target scaling 'total exposure' or the vol 'of the basket', its ceiling said as a limit)."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


# ---- a trend filter's fallback said of the asset below its average ----------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weights in VTI, VEA and BND, each held only while its price is above its 150-day simple moving average; "
    "any asset below its average is to be held in cash instead. Monthly.",
    "Equal weight VTI, VEA, BND, each held only while its price is above its 150-day moving average; any asset under "
    "its moving average shall be kept in cash. Rebalance monthly.",
])
def test_the_asset_below_its_average_said_held_in_cash(english):
    assert "target: equal weight VTI, VEA, BND while price > sma(price, 150 days) else CASH" in rbl_of(english)


# ---- risk parity said as each asset bringing the same risk -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Weights for VTI, TLT and GLD: every asset shall bring the same risk, covariance over the last 90 days. Monthly.",
    "VTI, TLT, GLD, where each fund should carry the same amount of risk, using a 90-day window. Rebalance monthly.",
])
def test_each_asset_bringing_the_same_risk_is_risk_parity(english):
    assert "target: risk parity(90 days) VTI, TLT, GLD" in rbl_of(english)


def test_the_same_risk_restating_a_named_risk_parity_is_taken_with_it():
    english = ("Risk parity on VTI, TLT and GLD, so each one should contribute the same amount of risk; 90-day "
               "covariance; rebalance monthly.")
    assert "target: risk parity(90 days) VTI, TLT, GLD" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Risk parity across VTI, TLT, GLD, IEF. Use the last 30 trading days to estimate it, and shrink the correlations. "
    "Monthly.",
    "Equal risk contribution for VTI, TLT, GLD, IEF; use the past 30 days to estimate the covariance and shrink the "
    "covariance matrix. Rebalance monthly.",
])
def test_a_window_used_to_estimate_and_shrinkage_said_as_a_verb(english):
    assert "target: risk parity(30 days, shrunk) VTI, TLT, GLD, IEF" in rbl_of(english)


# ---- a volatility target scaling total exposure ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The vol-targeted 70/30 (VTI/BND): scale total exposure so the basket's 40-day realized vol targets 9% annualised, "
    "capped at 1.5x gross. Rebalance monthly.",
    "70% VTI, 30% BND. Scale gross exposure so the 40-day realised volatility of the 70/30 basket targets 9% a year, "
    "never more than 1.5x. Monthly.",
])
def test_total_exposure_scaled_to_the_baskets_vol_with_its_ceiling_as_a_limit(english):
    rbl = rbl_of(english)
    assert "exposure min(9% / vol(basket, 40 days), 1.5x)" in rbl
    assert "max leverage 1.5x" in rbl


def test_a_ceiling_said_as_a_limit_against_another_leverage_cap_is_asked():
    english = ("70% VTI, 30% BND, no leverage. Scale total exposure so the basket's 40-day realized vol targets 9% "
               "annualised, capped at 1.5x gross. Monthly.")
    assert "which maximum leverage is meant" in question_of(english)


# ---- a drawdown state's way back said as the fall recovering -----------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% VTI and 40% BND, monthly. Should the account fall 20% below its highest value, move half of everything into "
    "cash, and only return to the full investment once the fall has recovered to within 8% of that high.",
    "60% VTI, 40% BND, rebalanced monthly. If the portfolio drops 20% from its peak, put half in cash; go back to full "
    "exposure when the decline has recovered to within 8% of the peak.",
])
def test_the_way_back_said_as_the_fall_recovering_to_within_n_of_the_high(english):
    rbl = rbl_of(english)
    assert "true when drawdown(portfolio) >= 20%" in rbl
    assert "false when drawdown(portfolio) <= 8%" in rbl
    assert "exposure if defensive then 50% else 100%" in rbl


# ---- a kill switch on 'the book', flattened ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 50 / TLT 50, monthly. Hard stop from risk: if the book is ever down 30% from its high-water mark, flatten "
    "everything and stop trading it. No re-entry without PM sign-off.",
    "50% SPY, 50% TLT, rebalance monthly. If the book is down 30% from its peak, flatten everything and stop trading it; "
    "no re-entry without risk approval.",
])
def test_the_book_down_from_its_high_water_mark_flattened_is_a_kill_switch(english):
    assert "max drawdown 30%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Handover. Risk-parity-lite book: SPY 40 / TLT 40 / GLD 20, monthly.",
    "Note to the desk. The risk-parity-ish sleeve: 40% SPY, 40% TLT, 20% GLD, rebalanced monthly.",
])
def test_a_name_made_of_risk_parity_is_no_risk_parity(english):
    """The name is asked about (or read as a title), never a risk parity asking for its covariance window."""
    translation = translate_offline(english)
    assert "risk parity" not in (translation.rbl or "")
    assert "covariance" not in (translation.question or "")


# ---- tranches: the single day they replace, and why -------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VOO 60%, BND 40%, monthly; each rebalance shall be executed in four equal daily instalments rather than in a "
    "single day.",
    "60% VOO and 40% BND, rebalanced monthly, trades done in 4 daily tranches instead of on one day.",
])
def test_tranches_said_against_a_single_day(english):
    assert "trade over 4 bars" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Given the size of our positions relative to daily volume in the small-cap fund, each rebalance is executed in 4 "
    "daily tranches. VOO 60%, IWM 40%, monthly.",
    "VOO 60%, IWM 40%, monthly, in 4 daily tranches because of the size of the fund's orders relative to average "
    "volume.",
])
def test_the_size_against_volume_is_the_reason_for_tranches(english):
    assert "trade over 4 bars" in rbl_of(english)


# ---- a regime model: the state taken as the most probable one, and its order said ------------------------------

@pytest.mark.parametrize("english", [
    "60/40 SPY/IEF. Fit a 2-state HMM on SPY's 20-day realized vol and its daily return, rolling window of 3 years, "
    "refit every 3 months. When the HMM says turbulent (most probable state): SPY 20 / IEF 80. Otherwise SPY 60 / "
    "IEF 40. Monthly.",
    "60/40 SPY/IEF. Fit a 2-state HMM on SPY's 20-day realized vol and its daily return, rolling window of 3 years, "
    "refit every 3 months. If the model says turbulent, the likeliest state, SPY 20 / IEF 80; otherwise SPY 60 / "
    "IEF 40. Monthly.",
])
def test_the_state_said_with_the_most_probable_state(english):
    assert "    if market is turbulent:\n        SPY 20%\n        IEF 80%\n" in rbl_of(english)


@pytest.mark.parametrize("extra", [
    'States ordered by mean vol, so "turbulent" is the high-vol state. Diagonal covariance is fine.',
    "States sorted by average volatility, so calm is the low-vol state. A diagonal covariance would be ok.",
])
def test_the_model_order_and_its_diagonal_covariance_said_as_allowed(extra):
    english = ("Fit a 2-state HMM on SPY's 20-day realized vol and its daily return, rolling window of 3 years, refit "
               f"every 3 months. {extra} When the HMM says turbulent: SPY 20 / IEF 80. Otherwise SPY 60 / IEF 40. "
               "Monthly.")
    assert "regime market = hmm(vol(SPY, 20 days), return(SPY, 1 day), states 2" in rbl_of(english)


# ---- a signal: its column said as where it lands, an average defined in a step of its own, how old it may be ----

@pytest.mark.parametrize("english", [
    "I have a fear-greed score that lands in my data file as a column called FEARGREED (positive = greed, negative = "
    "fear). SPY and TLT. Take the 5-day simple average of the score. If that average is above 0, hold 70% SPY / 30% "
    "TLT; otherwise 30% SPY / 70% TLT. Rebalance monthly.",
    "My macro score arrives in the data file as a column called MACRO_SCORE. SPY and TLT. First, compute the 5-day "
    "average of the score; if the average is above 0, hold 70% SPY / 30% TLT, otherwise 30% SPY / 70% TLT. Monthly.",
])
def test_a_signal_landing_as_a_column_and_its_average_defined_apart(english):
    rbl = rbl_of(english)
    assert "    if sma(" in rbl and ", 5 days) > 0:\n        SPY 70%\n        TLT 30%\n" in rbl


@pytest.mark.parametrize("english", [
    "The score is in column fear_index. If it is above 0, hold 70% SPY / 30% TLT; otherwise 30% SPY / 70% TLT. "
    "Monthly. The feed sometimes misses a day. Carry the last value forward for up to 2 days; if it's older than that, "
    "don't trade until it's back.",
    "The score is in column fear_index. If it is above 0, hold 70% SPY / 30% TLT; otherwise 30% SPY / 70% TLT. "
    "Monthly. Carry the last value forward for up to 2 days, if it is older than that, just wait.",
])
def test_how_long_a_value_is_carried_and_what_happens_after(english):
    assert 'signal FEAR_INDEX column "fear_index" stale after 2 bars' in rbl_of(english)


# ---- dual momentum told as a napkin explanation ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Once a month you compare SPY with EFA over the past 12 months and pick the winner. Then you ask a second "
    "question: did the winner beat T-bills (I use SHV as the yardstick) over the same 12 months? If yes, you hold the "
    "winner, all in. If not, you hide in AGG until next month.",
    "Every month we compare US stocks (SPY) to foreign stocks (EFA) over the last 12 months and take the winner. Then we "
    "check: did it beat SHV over the same 12 months? If so, hold it. If not, you hide in AGG.",
])
def test_dual_momentum_with_its_bar_asked_as_a_question(english):
    assert ("target: top 1 by return(price, 12 months) of SPY, EFA while return(price, 12 months) > "
            "return(SHV, 12 months) else AGG") in rbl_of(english)


def test_the_bar_said_again_as_never_held():
    english = ("Monthly, compare SPY with EFA over the past 12 months and pick the winner. Then ask a second question: "
               "did the winner beat T-bills (I use BIL as the hurdle) over the same 12 months? If yes, hold the winner. "
               "If not, hide in AGG. I never hold BIL itself, it's just the hurdle.")
    rbl = rbl_of(english)
    assert "return(BIL, 12 months) else AGG" in rbl and "asset TBILL" not in rbl


# ---- a top N held in a split of equal parts, with an absolute momentum filter ------------------------------------

@pytest.mark.parametrize("english", [
    "Universe is QQQ, EFA, EEM and TLT. Monthly, rank them by 6-month return and hold the top two, half and half.",
    "QQQ, EFA, EEM, TLT: every month hold the top 2 by 6-month return, 50/50.",
])
def test_a_top_two_said_half_and_half_is_the_equal_top_two(english):
    assert "target: top 2 by return(price, 6 months) of QQQ, EFA, EEM, TLT" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Universe is QQQ, EFA, EEM and TLT. Monthly, hold the top 2 by 6-month return. Each of the 2 is only held while its "
    "6-month return is positive, like above zero; otherwise its half goes to cash instead.",
    "QQQ, EFA, EEM, TLT: monthly, the top 2 by 6-month return, each of the two held only while its 6-month return is "
    "positive, otherwise its half goes to cash.",
])
def test_each_of_the_top_n_held_while_its_return_is_positive(english):
    assert ("target: top 2 by return(price, 6 months) of QQQ, EFA, EEM, TLT while return(price, 6 months) > 0% else "
            "CASH") in rbl_of(english)


def test_the_fallback_said_against_another_class_rules_that_class_out():
    english = ("QQQ, EFA, EEM, TLT: monthly, the top 2 by 6-month return, each of the two held only while its 6-month "
               "return is positive, otherwise its half goes to cash instead. Cash, not bonds.")
    rbl = rbl_of(english)
    assert "BONDS" not in rbl and "else CASH" in rbl


# ---- a volatility regime: the state named, then defined ----------------------------------------------------------

@pytest.mark.parametrize("english", [
    "We have 70% VTI and 30% BND. When the market is jumpy, and I define jumpy as the VTI 30-day volatility being above "
    "the 75% of its values of the last year, I want to check every week on friday with a band of 2 percentage points. "
    "When the market is calm I check only monthly, the first trading day, with a band of 5 percentage points.",
    "70% VTI, 30% BND. When markets are jumpy, and we define jumpy as VTI's 30-day volatility being above its 75th "
    "percentile of its own trailing 1-year history, check every week on friday with a 2pp band; otherwise check monthly "
    "with a 5pp band.",
])
def test_a_state_named_then_defined_inside_its_rule(english):
    rbl = rbl_of(english)
    assert "let jumpy = percentile(vol(VTI, 30 days), 1 year) > 75%" in rbl
    assert "check if jumpy then weekly on friday else monthly" in rbl
    assert "when drift > (if jumpy then 2pp else 5pp)" in rbl


@pytest.mark.parametrize("english", [
    "Normally: 60% SPY / 40% IEF. When markets are turbulent, defined as SPY's 20-day volatility being in the top 20% "
    "of its own past year, the model moves to 30% SPY / 70% IEF. Rebalance monthly.",
    "Usually 60% SPY / 40% IEF; when markets are turbulent, meaning SPY's 20-day volatility is in the top 20% of its "
    "past year, we go 30% SPY / 70% IEF. Monthly.",
])
def test_turbulence_named_then_defined_with_the_usual_mix_before(english):
    rbl = rbl_of(english)
    assert "let turbulent = percentile(vol(SPY, 20 days), 1 year) > 80%" in rbl
    assert "    if turbulent:\n        SPY 30%\n        IEF 70%\n    else:\n        SPY 60%\n        IEF 40%\n" in rbl


# ---- inverse volatility after the mix it replaces ----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "For years I held VTI, VEA and BND in equal parts. So here's the change: each fund now gets a weight proportional "
    "to the inverse of its 60-day volatility, rebalanced monthly.",
    "I used to hold VTI, VEA and BND equally. Now each fund gets a weight proportional to the inverse of its 60-day "
    "volatility, rebalanced monthly.",
])
def test_the_mix_held_before_the_change_is_not_the_strategys(english):
    assert "target: inverse volatility(60 days) VTI, VEA, BND" in rbl_of(english)


def test_the_mix_held_before_without_a_change_said_is_still_read():
    """No change said: the old mix stays a weighting, and beside another scheme the reader asks."""
    english = ("For years I held VTI, VEA and BND in equal parts. Each fund gets a weight proportional to the inverse "
               "of its 60-day volatility, rebalanced monthly.")
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "VTI, VEA, BND weighted by the inverse of their 60-day volatility, monthly. Quieter funds get more money, jumpier "
    "ones less.",
    "Inverse 60-day volatility weights for VTI, VEA and BND, rebalanced monthly; calmer assets get more weight, the "
    "noisier ones get less.",
])
def test_the_calmer_getting_more_restates_inverse_volatility(english):
    assert "target: inverse volatility(60 days) VTI, VEA, BND" in rbl_of(english)


# ---- a momentum title run into its universe; the top N 'equally weighted' --------------------------------------

@pytest.mark.parametrize("english", [
    "Momentum rotation I've been paper trading for 6 months\nUniverse: XLK, XLF, XLV, XLE. Monthly, hold the top 2 by "
    "3-month return.",
    "Momentum strategy we've been running for 3 years\nUniverse: XLK, XLF, XLV, XLE. Each month hold the top 2 by "
    "3-month return.",
])
def test_a_construct_title_with_how_long_it_ran_before_the_next_heading(english):
    assert "target: top 2 by return(price, 3 months) of XLK, XLF, XLV, XLE" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "XLK, XLF, XLV, XLE: each month rank them by 3-month return and hold the top 2, equally weighted.",
    "Monthly: of XLK, XLF, XLV and XLE hold the top 2 by 3-month return, equally weighted.",
])
def test_the_top_n_said_equally_weighted(english):
    assert "target: top 2 by return(price, 3 months) of XLK, XLF, XLV, XLE" in rbl_of(english)
