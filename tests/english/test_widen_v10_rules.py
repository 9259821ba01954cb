"""The offline reader widened by core-construct family (issue 17, v10 batch): costs said per fill or per transaction,
the target split said again as where a rebalance goes, approval said by who must see the orders, a band shown by the
range it gives one asset, drift measured from 'policy', names for the split, a busy day the schedule avoids. Each test
gives phrasings of one family that are not dev cases; a phrasing that does not fit what was read is asked."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- costs: per fill, per transaction, at the securities company; spread and slippage as modelled ---------------------

@pytest.mark.parametrize("english", [
    "SPY 60%, AGG 40%, rebalance monthly. The exchange fee is 0.2% per fill.",
    "SPY 60%, AGG 40%, rebalance monthly. Commission of my securities firm is 0.2% per one transaction.",
])
def test_a_commission_per_fill_or_transaction_is_read(english):
    assert "commission 20 bps" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 70%, BND 30%, rebalance quarterly. Slippage is assumed 3 bps.",
    "VTI 70%, BND 30%, rebalance quarterly. Spread cost we model at 3 bps.",
])
def test_spread_or_slippage_as_modelled_is_read(english):
    rbl = rbl_of(english)
    assert "slippage 3 bps" in rbl or "spread 3 bps" in rbl


# ---- the target split said again as where a rebalance brings the portfolio --------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY and TLT 60/40, checked daily; if one drifts more than 5 points it goes back to 60/40.",
    "I hold SPY 70% and IEF 30%. Check daily, and at 4 points of drift everything goes back to 70/30.",
])
def test_the_split_said_again_after_back_to_is_the_target(english):
    rbl = rbl_of(english)
    assert "when drift >" in rbl and "target:" in rbl


@pytest.mark.parametrize("english", [
    "SPY 60%, TLT 40%, check daily, and at 5 points of drift it goes back to 50/50.",
    "SPY 70% and IEF 30%, monthly; then it resets back to 60/40.",
])
def test_another_split_after_back_to_is_asked(english):
    question_of(english)


# ---- approval said by who must see the orders ------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VOO 60%, BND 40%, rebalanced quarterly. He insists nothing is traded without him seeing it first.",
    "VOO 60%, BND 40%, rebalanced quarterly. The client demands that nothing gets executed without them approving it; "
    "send the proposed orders to him rather than executing them.",
])
def test_approval_said_by_who_sees_the_orders_is_alert_mode(english):
    assert "mode alert" in rbl_of(english)


# ---- a band shown by the range it gives one asset ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 50%, TLT 30%, GLD 20%. Check daily and rebalance when a holding is more than 25% of its target away "
    "(relative, so GLD may go from 15% to 25% before anything happens).",
    "SPY 50%, TLT 30%, GLD 20%, checked every day, rebalance when drift exceeds 25% of target, i.e. TLT fires outside "
    "22.5-37.5.",
])
def test_an_example_range_that_fits_the_relative_band_is_read(english):
    assert "when drift > 25% of target" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60%, TLT 40%. Check daily and rebalance when any asset drifts more than 5 points, so TLT may go from 35% "
    "to 45% before it trades.",
])
def test_an_example_range_that_fits_a_points_band_is_read(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 50%, TLT 30%, GLD 20%. Check daily and rebalance when a holding is more than 25% of its target away "
    "(relative, so GLD may go from 10% to 30% before anything happens).",
    "SPY 60%, TLT 40%, check daily, rebalance when drift exceeds 5 points, e.g. SPY fires outside 50-70.",
])
def test_an_example_range_that_does_not_fit_the_band_is_asked(english):
    assert "band" in question_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, checked daily; rebalance when either is more than 10% away from its own target weight, relative.",
    "VTI 60%, BND 40%, check daily. Rebalance if a fund is over 10% away from its target (relative, not absolute).",
])
def test_a_relative_band_said_as_away_from_its_target_then_relative_is_read(english):
    assert "when drift > 10% of target" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "IEF 50%, TLT 50%. Each fund has a tolerance of plus or minus 20% of its target weight; checked daily.",
    "IEF 50%, TLT 50%, monitored daily, every holding has a tolerance of +/- 20% of its target.",
])
def test_a_tolerance_of_plus_or_minus_a_share_of_the_target_is_relative(english):
    assert "when drift > 20% of target" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "IEF 50%, TLT 50%, check daily, 5 point bands. Only the fund that breaches its band is rebalanced back to target; "
    "the others are not traded.",
    "IEF 50%, TLT 50%, check daily, 5 point bands; only the position that crosses its tolerance is traded back to its "
    "target, the others aren't touched.",
])
def test_only_the_asset_that_breaches_its_band_is_traded(english):
    assert "trade breached assets" in rbl_of(english)


# ---- drift measured from policy ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Policy weights: ACWI 60%, AGG 40%. Rebalancing to policy weights is triggered whenever any asset class deviates "
    "by more than 3 percentage points from its policy weight. Checked daily.",
    "ACWI 60%, AGG 40%, reviewed daily. A rebalance is triggered when any asset class moves more than 3pp away from "
    "its target weight.",
])
def test_a_band_from_the_policy_weight_is_read(english):
    assert "when drift > 3pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "ACWI 60%, AGG 40%, monitored daily. An asset class shall be rebalanced when it deviates from policy by more than "
    "4 percentage points or by more than 20% of its policy weight, whichever threshold is reached first; in that "
    "event the entire portfolio is returned to policy weights.",
    "ACWI 60%, AGG 40%, checked daily: rebalance when a holding deviates from its target by 4pp or by over 20% of "
    "its policy weight, whichever is reached first.",
])
def test_points_or_a_share_of_the_policy_weight_is_the_lesser_band(english):
    assert "when drift > min(4pp, 20% of target)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "ACWI 60%, AGG 40%, checked daily: rebalance when a holding deviates by more than 20% of its policy weight.",
    "ACWI 60%, AGG 40%, daily check, rebalance if any fund drifts more than 20% of its strategic weight.",
])
def test_a_share_of_the_policy_weight_is_never_points(english):
    assert "when drift > 20% of target" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "The mix is VT 60%, BND 40%. When the gap grew big, please rebalance.",
    "VT 60%, BND 40%; when the difference got too large I want it rebalanced.",
])
def test_a_deviation_said_to_have_grown_big_asks_how_far(english):
    assert "How far" in question_of(english)


# ---- a name for the split ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Target ratio is VTI 70%, BND 30%. Rebalance quarterly.",
    "The ratios are: EWJ 50%, AGG 50%. Rebalanced every month.",
])
def test_a_ratio_naming_the_weights_is_read(english):
    rbl = rbl_of(english)
    assert "target:" in rbl and "%" in rbl


@pytest.mark.parametrize("english", [
    "Each month, please restore the ratio to VT 70% and BND 30%.",
    "Every Monday reset the composition back to VTI 80% and BND 20%.",
])
def test_restoring_the_ratio_to_weights_is_the_target(english):
    rbl = rbl_of(english)
    assert "target:" in rbl and "when " in rbl


def test_a_ratio_with_no_weights_beside_it_is_not_read():
    question_of("VTI and BND, rebalance monthly. The hedge ratio is unchanged.")


# ---- a day the schedule avoids ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%. Rebalance on the 2nd business day of every month; the 1st business day is too hectic for me.",
    "VTI 60%, BND 40%, rebalanced on the 4th trading day of each month. Because our payday is the 1st, the 1st trading "
    "day is busy for us.",
])
def test_a_busy_day_beside_another_schedule_is_the_day_not_meant(english):
    assert "trading day of month" in rbl_of(english)


# ---- a count of assets out of band at the same time ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 25%, VEA 25%, BND 25%, GLD 25%, checked daily. Rebalance only when at least 2 holdings are more than 4 "
    "percentage points off target at the same time; a single fund drifting alone doesn't count.",
    "VTI 25%, VEA 25%, BND 25%, GLD 25%. Check every day; rebalance if 3 or more are off target by more than 4pp "
    "simultaneously. One position straying alone is not enough.",
])
def test_a_count_out_of_band_at_the_same_time_is_read(english):
    assert "when count of (drift > 4pp) >=" in rbl_of(english)


# ---- a range of the whole fund, its subject, and nothing done inside it --------------------------------------------

@pytest.mark.parametrize("english", [
    "25% each in VTI, TLT, GLD and cash. Staff review holdings daily but rebalance only if any of the 4 falls below "
    "20% or rises above 30% of the fund; otherwise no action is taken.",
    "VTI 50%, TLT 50%, monitored daily; rebalance if either drops below 40% or goes above 60% of the portfolio, "
    "otherwise nothing happens.",
])
def test_a_range_of_the_fund_with_nothing_done_inside_is_read(english):
    assert "when weight <" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%. The examination takes place daily; rebalance when any fund drifts more than 5 points.",
    "VTI 60%, BND 40%. The review happens weekly; rebalance when drift exceeds 5pp.",
])
def test_the_check_said_as_a_noun_is_the_check_cadence(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl or "check weekly" in rbl


# ---- the longest time without a rebalance, said in months and days ----------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, checked daily, rebalanced when a fund is more than 5 points off. And if 9 months (270 days) "
    "go by without a rebalance, do one anyway.",
    "VTI 60%, BND 40%, daily check, 5pp band; if 90 days pass without any rebalance, run one regardless.",
])
def test_a_rebalance_forced_after_days_without_one_is_read(english):
    assert "or days since rebalance >=" in rbl_of(english)


# ---- the excess above a cap to the other stocks -----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weight AAPL, MSFT, NVDA, AMZN and META, rebalanced monthly. No single stock above 25%; if one is over, the "
    "extra should go into the other stocks rather than sit in cash.",
    "Equal weight AAPL, MSFT, NVDA, AMZN and META, monthly. Max weight 25%, and if any stock goes over, the excess "
    "will go to the other stocks rather than stay in cash.",
])
def test_the_excess_to_the_other_stocks_is_excess_to_other_assets(english):
    rbl = rbl_of(english)
    assert "excess to other assets" in rbl and "STOCKS" not in rbl


# ---- a cash reserve said as a liquidity reserve ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weight IEF, LQD and TLT, rebalanced quarterly. A liquidity reserve of 4% is to be held in cash at all times "
    "to meet claims.",
    "IEF 50%, TLT 50%, quarterly. A cash reserve of 4% shall be kept in cash to meet payouts.",
])
def test_a_liquidity_reserve_held_in_cash_is_a_cash_buffer(english):
    assert "cash buffer 4%" in rbl_of(english)


# ---- bare weights said twice; a fee of every trade --------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "70 VTI 30 BND? Yes. 70 VTI, 30 BND, rebalanced monthly.",
    "Plan: 50 SPY / 50 TLT, quarterly. Again: 50 SPY and 50 TLT.",
])
def test_bare_weights_said_twice_are_one_target(english):
    assert "target:" in rbl_of(english)


def test_bare_weights_said_twice_with_other_numbers_are_asked():
    question_of("70 VTI 30 BND, rebalanced monthly. Actually 60 VTI 40 BND.")


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, monthly. The broker takes 0.05% of every trade.",
    "VTI 60%, BND 40%, monthly; my broker charges 0.05% of each trade.",
])
def test_a_fee_of_every_trade_is_a_commission(english):
    assert "commission 5 bps" in rbl_of(english)


# ---- per-asset bands said 'for X the band is', and the rule they make ---------------------------------------------------

@pytest.mark.parametrize("english", [
    "The target weighting amounts to VTI 60 percent and BND 40 percent. For VTI the tolerance band is 4 percentage "
    "points, for BND 2 percentage points. Checked daily; only when a band is exceeded is it rebalanced, and then the "
    "whole portfolio back to the target weighting.",
    "VTI 60%, BND 40%, checked daily. For VTI the band amounts to 4pp, for BND to 2pp; if a band is breached, "
    "rebalance.",
])
def test_bands_said_for_each_asset_are_per_asset_bands(english):
    rbl = rbl_of(english)
    assert "VTI 4pp" in rbl and "BND 2pp" in rbl and "when drift > its band" in rbl


@pytest.mark.parametrize("english", [
    "For VTI 60% and BND 40%, rebalance monthly.",
    "Please set up for VTI 70%, for BND 30%, rebalanced quarterly.",
])
def test_a_weight_after_for_is_never_a_band(english):
    rbl = rbl_of(english)
    assert "bands:" not in rbl and "target:" in rbl


# ---- the split asked about or left for later; a bare split beside the weights -------------------------------------------

@pytest.mark.parametrize("english", [
    "Keep it to VTI and BND, rebalanced monthly. > What split would you like between them? > Let me think, set it up.",
    "VOO and BND, quarterly. The target weights will be set at the next meeting.",
])
def test_a_split_asked_about_or_left_for_later_asks_the_weights(english):
    assert "target weights" in question_of(english)


@pytest.mark.parametrize("english", [
    "SPY 70 / TLT 30, monthly. When the market crashes I switch it to 30/70.",
    "QQQ 60, IEF 40, quarterly; in a recession we go 40/60.",
])
def test_another_bare_split_beside_the_weights_is_asked(english):
    question_of(english)


@pytest.mark.parametrize("english", [
    "SPY 70 / TLT 30, rebalanced monthly, the usual 70/30.",
    "QQQ 60, IEF 40: a plain 60/40, quarterly.",
])
def test_the_same_bare_split_beside_the_weights_is_the_target_again(english):
    assert "target:" in rbl_of(english)


# ---- a total drift defined with '=' and its size said after -----------------------------------------------------------

@pytest.mark.parametrize("english", [
    "50 VTI / 50 BND. Each month I compute total drift = half the sum of the absolute deviations from target. If that's "
    "over 3 points, rebalance.",
    "VTI 50%, BND 50%, checked monthly: total drift (= how much a full rebalance would have to move), and when it "
    "exceeds 3pp I rebalance.",
])
def test_a_total_drift_defined_then_sized_is_read(english):
    assert "when sum of drift / 2 > 3pp" in rbl_of(english)


# ---- cash as the last item of a list of weights; the check said as what runs -------------------------------------------

@pytest.mark.parametrize("english", [
    "She wants 60% VOO, 25% BND and 15% kept in cash, rebalanced annually.",
    "70% VTI, 20% BND, 10% held in cash; rebalance every quarter.",
])
def test_cash_kept_as_the_last_weight_of_a_list_is_a_target_weight(english):
    rbl = rbl_of(english)
    assert "CASH 1" in rbl and "cash buffer" not in rbl


@pytest.mark.parametrize("english", [
    "Equal weight VTI, VEA and BND, rebalanced monthly, with 5% kept in cash.",
    "Equal weight VTI, VEA and BND, monthly, and always 5% kept in cash.",
])
def test_cash_kept_beside_a_scheme_is_a_cash_buffer(english):
    assert "cash buffer 5%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%. Drift check runs every day, trigger at 3 points off target.",
    "VTI 60%, BND 40%. The band check is run daily; rebalance when drift exceeds 3pp.",
])
def test_a_check_said_as_what_runs_is_the_check_cadence(english):
    assert "check daily" in rbl_of(english)


# ---- approval by a named committee; orders prepared only ------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Strategic allocation 50% IEF, 50% SPY, rebalanced quarterly. No order may be executed without prior approval of "
    "the IC committee.",
    "IEF 50%, SPY 50%, quarterly. The system shall prepare and submit proposed orders only.",
])
def test_approval_by_a_named_committee_or_orders_prepared_only_is_alert_mode(english):
    rbl = rbl_of(english)
    assert "mode alert" in rbl and "asset IC" not in rbl


# ---- one asset's range: that asset's, never every asset's ---------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, check daily, rebalance if VTI falls below 50% or rises above 70%.",
    "VTI 60%, BND 40%, checked every day; I do nothing unless VTI's weight goes outside 50 to 70.",
])
def test_one_assets_range_around_its_target_is_its_band(english):
    rbl = rbl_of(english)
    assert "VTI 10pp" in rbl and "weight <" not in rbl


@pytest.mark.parametrize("english", [
    "QQQ 50 / IEF 50, and I do nothing unless QQQ's weight goes outside 42 to 58. Check it daily.",
    "QQQ 50%, IEF 50%, daily check; rebalance if QQQ drops below 42% or goes above 58%.",
])
def test_one_of_two_halves_in_a_range_is_every_assets_range(english):
    assert "when weight < 42% or weight > 58%" in rbl_of(english)


def test_one_assets_range_off_its_target_is_asked():
    assert "not centred" in question_of("VTI 60%, BND 40%, check daily; rebalance if VTI's weight goes outside 55 to 70.")


# ---- a split corrected in the text ------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Correction: not 80/20, make it 75/25. SPY 75, AGG 25.\n> SPY 80, AGG 20, rebalance monthly.",
    "SPY 80, AGG 20, monthly. Sorry, a correction to my last note: not 80/20, I meant 75/25.",
])
def test_the_corrected_split_replaces_the_old_one(english):
    rbl = rbl_of(english)
    assert "SPY 75%" in rbl and "AGG 25%" in rbl


def test_a_correction_whose_old_split_is_said_another_way_is_asked():
    question_of("80% SPY, 20% AGG, monthly. Correction: not 80/20, make it 75/25.")


# ---- a weight with where it may go; leaving its range -----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI at 70%, allowed to move between 65% and 75%, and BND at 30%, allowed between 25% and 35%. If either leaves "
    "its range, please bring it back to target. Checked daily.",
    "70% VTI, may drift between 65% and 75%, and 30% BND, may drift between 25% and 35%; checked daily, rebalance when "
    "either is outside its range.",
])
def test_a_weight_with_where_it_may_go_is_its_band(english):
    rbl = rbl_of(english)
    assert "VTI 5pp" in rbl and "BND 5pp" in rbl and "when drift > its band" in rbl


# ---- the band and the full rebalance said again in a restatement -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Target: VTI 70%, BND 30%. Band: 4 percentage points. Check: daily. Again: 70/30, 4 points, every trading day, "
    "full rebalance to target when breached.",
    "VTI 70%, BND 30%, 4pp band, checked daily. To be clear: 4 pp, full rebalance when a band is breached.",
])
def test_the_band_said_again_in_a_restatement_is_the_same_band(english):
    assert "when drift > 4pp" in rbl_of(english)


def test_another_size_said_in_a_restatement_is_asked():
    question_of("VTI 70%, BND 30%, 4pp band, checked daily. To be clear: 70/30, 6 points, every trading day.")


@pytest.mark.parametrize("english", [
    "VTI 25%, TLT 25%, GLD 25%, BND 25%. Rebalance only if any holding falls below 20% or rises above 30%, as observed "
    "at any daily close, whereupon all 4 holdings shall be restored to 25%.",
    "VTI 50%, TLT 50%; checked at every daily close; rebalance if either goes below 45% or above 55%, and then all "
    "assets are reset to 50%.",
])
def test_all_restored_to_their_equal_share_is_the_target_again(english):
    assert "when weight <" in rbl_of(english)


def test_restored_to_a_share_that_is_not_the_target_is_asked():
    question_of("VTI 60%, TLT 40%; checked daily; rebalance if either goes below 30% or above 70%, whereupon all "
                "assets are restored to 50%.")


@pytest.mark.parametrize("english", [
    "My portfolio consists of VTI 60% and BND 40%. Daily is examined; with a deviation of more than 4 percentage "
    "points is rebalanced.",
    "VTI 60%, BND 40%, checked daily; at a drift of over 4pp it gets rebalanced.",
])
def test_a_deviation_of_more_than_points_is_rebalanced_is_the_band(english):
    assert "when drift > 4pp" in rbl_of(english)


def test_a_deviation_of_a_share_of_the_target_is_never_points():
    assert "when drift > 20% of target" in rbl_of("VTI 60%, BND 40%, checked daily; a deviation of more than 20% of its "
                                                   "target is rebalanced.")


# ---- a bot's small orders, approval, cooldown -----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, monthly. The bot skips any order under $25 because the broker rejects them anyway.",
    "VTI 60%, BND 40%, monthly; it ignores orders below 20 usd.",
])
def test_a_bot_that_skips_small_orders_has_a_minimum_trade(english):
    assert "minimum trade" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, monthly. It never places orders itself; it messages me the list.",
    "VTI 60%, BND 40%, quarterly. The bot doesn't send orders on its own.",
])
def test_a_bot_that_never_places_orders_itself_is_alert_mode(english):
    assert "mode alert" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, check daily, rebalance at 5 points of drift. Cooldown is 15 bars, meaning after it rebalances it "
    "won't rebalance again for at least 15 trading days even if the trigger fires.",
    "VTI 60%, BND 40%, daily check, 5pp band. The cool-down period is 15 trading days.",
])
def test_a_cooldown_said_as_its_length_spaces_the_rule(english):
    assert "bars since rebalance >= 15" in rbl_of(english)


def test_a_cooldown_explained_with_another_length_is_asked():
    question_of("VTI 60%, BND 40%, check daily, rebalance at 5 points of drift. Cooldown is 15 bars, meaning it won't "
                "rebalance again for at least 30 trading days.")
