"""Issue 17, widening by construct after the blind dev batch v11: the core rules (schedules, bands, weights, approval,
long only, leverage) said in ways the reader did not know. Each family is read in the shapes traders use, or ends in a
question naming the phrase. The phrasings are not the dev set's; guards (marked) keep the family's edges."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of

WEIGHTS = "60% SPY, 40% TLT"


# ---- a period-end calendar said again by what it is before ------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}. Rebalance on the last trading day of each quarter, just before the quarter ends.",
    f"{WEIGHTS}, traded on the last trading day of every quarter (so right before the quarter is over).",
])
def test_a_quarter_end_said_again_as_right_before_the_quarter_closes(english):
    assert "when last trading day of quarter" in rbl_of(english)


def test_a_month_end_said_again_as_just_before_the_month_closes():
    assert "when last trading day of month" in rbl_of(f"{WEIGHTS}: rebalance on the last trading day of the month, "
                                                       "shortly before the month closes.")


# ---- the four quarter months named -------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}; rebalance at the start of January, April, July and October.",
    f"{WEIGHTS}, rebalanced in Jan/Apr/Jul/Oct.",
    f"{WEIGHTS}. Trades go in on the first trading day of October, January, April and July.",
])
def test_the_quarter_start_months_named_are_quarterly(english):
    assert "when quarterly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}; rebalance at the end of March, June, September and December.",
    f"{WEIGHTS}, rebalanced on the last trading day of Mar, Jun, Sep and Dec.",
])
def test_the_quarter_end_months_named_at_their_end_are_the_last_day_of_each_quarter(english):
    assert "when last trading day of quarter" in rbl_of(english)


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}; rebalance in March, June, September and December.",     # start or end of those months: unsaid
    f"{WEIGHTS}; rebalance at the start of February, May, August and November.",
    f"{WEIGHTS}; rebalance at the end of January, April, July and October.",
])
def test_other_months_named_stay_a_question(english):
    # guard: rbl has no month names; only the months its quarter calendars trade in are read
    assert "no month names" in question_of(english)


@pytest.mark.parametrize("english", [
    "My savings: 70% VTI and 30% BND. Please set them right again every quarter.",
    "My savings: 70% VTI and 30% BND, put straight once a quarter.",
])
def test_a_letter_asking_the_mix_be_set_right_again_is_a_rebalance(english):
    assert "when quarterly" in rbl_of(english)


# ---- the Nth trading day of January ------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced once a year on the 5th trading day of January.",
    f"{WEIGHTS}. Yearly rebalance, on the fifth business day in January.",
])
def test_the_nth_trading_day_of_january_is_that_day_of_the_year(english):
    assert "when 5th trading day of year" in rbl_of(english)


def test_a_day_past_januarys_trading_days_is_a_question():
    assert "January has" in question_of(f"{WEIGHTS}, rebalanced on the 25th trading day of January.")


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced on the 4th trading day of each month, once the month-start rush has passed.",
    f"{WEIGHTS}, rebalanced on the 8th trading day of the year, after the new-year volatility dies down.",
])
def test_why_a_later_day_is_chosen_adds_nothing(english):
    assert "trading day of" in rbl_of(english)


# ---- a band reached ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, checked daily; rebalance once the drift reaches 5 percentage points.",
    f"{WEIGHTS}, looked at weekly, rebalanced when the deviation from target hits 5pp.",
])
def test_a_band_said_as_the_drift_reaching_its_edge(english):
    assert "when drift > 5pp" in rbl_of(english)


# ---- a split corrected ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 70 TLT 30... sorry, 65/35. Rebalance quarterly.",
    "VTI 80 BND 20, no wait, make that 65/35, rebalanced quarterly.",
])
def test_holdings_corrected_by_a_split_take_its_numbers(english):
    rbl = rbl_of(english)
    assert "65%" in rbl and "35%" in rbl and "70%" not in rbl and "80%" not in rbl


def test_a_split_with_other_parts_than_the_holdings_is_no_correction():
    # guard: three holdings corrected to a two-part split cannot be placed
    question_of("SPY 50% TLT 30% GLD 20%, no wait, make that 60/40. Rebalance quarterly.")


# ---- long only said with the case it covers ---------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, quarterly. No shorting, even when the optimiser spits out a small negative weight.",
    f"{WEIGHTS}, quarterly. Long only, full stop, even if rounding gives a slightly negative position.",
])
def test_long_only_even_when_a_weight_comes_out_negative(english):
    assert "long only" in rbl_of(english)


# ---- approval said as automatic execution refused ---------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, monthly. Don't auto-trade anything: forward the orders to me for approval first.",
    f"{WEIGHTS}, monthly. It must not auto-execute by itself; send the order list to her for sign-off.",
])
def test_automatic_execution_refused_is_approval(english):
    assert "mode alert" in rbl_of(english)


# ---- exposure of the equity, its cap said again -----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, monthly, total exposure 2x our capital, never more than 2x.",
    f"{WEIGHTS}, monthly; gross exposure 1.3x my equity, and not above 1.3x.",
])
def test_an_exposure_of_my_equity_with_its_cap_said_again(english):
    rbl = rbl_of(english)
    assert "exposure " in rbl and "max leverage" in rbl


def test_a_cap_other_than_the_exposure_stays_a_question():
    # guard: a different cap beside the exposure is not the same cap said again
    question_of(f"{WEIGHTS}, monthly, total exposure 2x our capital, never more than 3x.")


# ---- a cooldown said as a count in a window ---------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalance when drift exceeds 5pp, but at most one trade within any 15 trading days.",
    f"{WEIGHTS}; rebalance when either drifts more than 5 points, no more than 1 rebalance in any 15 trading days.",
])
def test_no_more_than_one_rebalance_in_any_n_trading_days_is_a_cooldown(english):
    assert "when drift > 5pp and bars since rebalance >= 15" in rbl_of(english)


def test_who_insists_on_the_cooldown_and_why_add_nothing():
    rbl = rbl_of(f"{WEIGHTS}; rebalance when drift exceeds 5pp, and the client insists on no more than 1 rebalance in "
                 "any 15 trading days because she hates the paperwork.")
    assert "when drift > 5pp and bars since rebalance >= 15" in rbl


# ---- the band named by its size again ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}. It rebalances when one side is 4 points off; please keep the 4-point rule, checked daily.",
    f"{WEIGHTS}, rebalanced when any asset drifts 4pp from target. Stick with your 4pp threshold, checked weekly.",
])
def test_the_band_named_by_its_size_again_is_the_same_band(english):
    assert "when drift > 4pp" in rbl_of(english)


def test_another_size_named_as_a_rule_is_not_the_band():
    # guard: 'the 6% rule' beside a 4-point band is not that band said again
    question_of(f"{WEIGHTS}. It rebalances when one side is 4 points off; please keep the 6% rule, checked daily.")


# ---- only the breached holding, named by what it is -------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 50%, BND 30%, GLD 20%, checked daily. If any fund is more than 5pp off target, trade only that stock back to "
    "its target; leave the others alone.",
    "BTC 60%, ETH 40%, checked daily, rebalance when one drifts 10pp; then trade only that coin, leave the others alone.",
])
def test_only_that_etf_or_coin_is_the_breached_asset(english):
    assert "trade breached assets" in rbl_of(english)


# ---- back to the band's edge, the target refused ----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 60 / TLT 40, band 5pp, checked daily. When it breaks I don't go back to 60/40, I just sell or buy to the edge "
    "of the band.",
    "SPY 60 / TLT 40, band 5pp, checked daily; we never go back to the target, we only trim and add back to the edge "
    "of the band.",
])
def test_not_back_to_the_split_only_to_the_edge_is_to_band_edge(english):
    assert "to band edge" in rbl_of(english)


# ---- a cap named, then its level, and where the cut goes --------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY, TLT and GLD equal weight, monthly. I want a limit, so nothing is over 40%, and anything trimmed off goes to "
    "the other 2 rather than sitting in cash.",
    "SPY, TLT and GLD equal weight, monthly. Add a ceiling: nothing above 40%; whatever is clipped goes to the other "
    "assets.",
])
def test_a_cap_named_with_the_cut_spread_over_the_others(english):
    assert "max weight 40%, excess to other assets" in rbl_of(english)


def test_why_a_cap_is_wanted_adds_nothing():
    rbl = rbl_of("SPY, TLT and GLD equal weight, monthly. Issue is GLD grows too big when markets panic. So a cap: "
                 "nothing above 40%.")
    assert "max weight 40%" in rbl


# ---- one asset's cap said before the asset ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% SPY 40% GLD, monthly. No more than 25% in GLD, anything over that sits in cash.",
    "60% SPY 40% GLD, monthly; never more than 25% in GLD whatever happens.",
])
def test_never_more_than_n_percent_in_an_asset_is_its_cap(english):
    assert "max weight GLD 25%" in rbl_of(english)


# ---- a range said with other comparatives -----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "25% each in VTI, TLT, GLD and cash. I look every day and rebalance if some part is lower than 15% or higher than 35%.",
    "25% each in VTI, TLT, GLD and cash, checked daily, rebalance if any asset is less of 15% or more of 35%.",
])
def test_a_range_said_as_lower_or_higher_than(english):
    assert "when weight < 15% or weight > 35%" in rbl_of(english)


# ---- a band sweep said as widths to try, with its default -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60/40 SPY/IEF, check monthly, sweep band sizes from 2pp to 8pp in 2pp steps (default: 6pp).",
    "60/40 SPY/IEF, band checked monthly, test widths 2pp to 8pp in 2pp steps, with a default of 6pp.",
])
def test_widths_to_try_with_a_default_are_a_band_parameter(english):
    rbl = rbl_of(english)
    assert "param band = 6pp from 2pp to 8pp step 2pp" in rbl and "when drift > band" in rbl


def test_a_default_outside_the_sweep_is_a_question():
    assert "outside the sweep" in question_of("60/40 SPY/IEF, check monthly, try widths 2pp to 8pp in 2pp steps, "
                                              "default 12pp.")


# ---- the 5/25 rule spelled out, 'what comes first' --------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60% BND 40%, checked daily. Rebalance when an asset is 4 points off target, or 20% of its target off, "
    "whichever happens first.",
    "VTI 60% BND 40%, checked daily. A fund counts as breached if it is 4pp away from the target, or 20% of its "
    "target away, what comes first.",
])
def test_points_or_a_share_of_target_whichever_first_is_the_smaller_band(english):
    assert "when drift > min(4pp, 20% of target)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60% BND 40%, checked daily, rebalance when an asset drifts 5pp; then everything goes back to the target, not "
    "just the breached fund.",
    "VTI 60% BND 40%, checked daily, rebalance when an asset drifts 5pp. The whole portfolio goes back to target, not "
    "only the one asset.",
])
def test_a_full_rebalance_said_with_what_it_is_not(english):
    assert "when drift > 5pp" in rbl_of(english)


# ---- only the breached leg trimmed to the band's edge, not to the split -----------------------------------------

@pytest.mark.parametrize("english", [
    "SPY/TLT 60/40, check daily; when a leg drifts past 5pp I only trim that leg back to the edge of the band, not all "
    "the way to 60/40.",
    "SPY/TLT 60/40, checked daily, band 5pp: we trim only that position back to the edge of the band, rather than to "
    "60/40.",
])
def test_trimming_only_that_leg_to_the_edge_is_breached_to_band_edge(english):
    rbl = rbl_of(english)
    assert "to band edge" in rbl and "trade breached assets" in rbl


# ---- execution said in a desk's shorthand -----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, monthly; orders fill next morning, as always.",
    f"{WEIGHTS}, monthly. Fills next open as usual.",
])
def test_fills_next_open_is_the_next_open(english):
    assert "execution decide at close, trade at next open" in rbl_of(english)


# ---- a wish for few trades beside the rule that keeps them few --------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60% BND 40%, rebalance quarterly; the client doesn't want lots of trading.",
    "VTI 60% BND 40%, checked daily, rebalanced when an asset drifts 5pp, so I do not like too many trades.",
])
def test_a_wish_for_few_trades_beside_a_rule_adds_nothing(english):
    rbl_of(english)


def test_a_wish_for_few_trades_alone_stays_a_question():
    # guard: with no rule, the wish says nothing about when to trade
    assert "frequent trading" in question_of("VTI 60% BND 40%. They do not want frequent trading.")


# ---- two schedules named: the question is the choice between them ----------------------------------------------

@pytest.mark.parametrize("english", [
    "50% VTI 50% BND. Rebalance weekly or monthly, not sure which yet.",
    "50% VTI 50% BND, rebalanced either monthly or weekly, I haven't made up my mind.",
])
def test_two_schedules_named_ask_which_of_the_two(english):
    assert "monthly or weekly on monday" in question_of(english)


# ---- the weights left to the reader -----------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I hold VTI and BND. Rebalance quarterly. How much in each, you choose based on my risk profile.",
    "VTI and BND, monthly rebalance; what split for both, you suggest.",
])
def test_weights_left_to_the_reader_are_asked(english):
    assert "What target weights" in question_of(english)


# ---- a yearly fee the writer paid before, excluded --------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% VTI 40% BND, monthly. We were paying a 1% yearly advisory fee, so please don't model that one.",
    "60% VTI 40% BND, monthly. I paid a 0.8% annual platform fee, which is why I'm switching; do not count that fee.",
])
def test_a_yearly_fee_paid_before_and_excluded_is_not_charged(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "commission" not in rbl
