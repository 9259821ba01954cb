"""The offline reader widened by construct family from the blind dev batch v9 (issue 17, session 11): drift bands,
counts, the trade policy, approval, schedules and cooldowns said in ways the reader did not know. Each test gives
phrasings of one family that are not dev cases."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- relative bands: the -ing verb, 'of more than', 'relatively to its target' ------------------------------------

@pytest.mark.parametrize("english", [
    "I hold 60% of VWCE and 40% of AGGH. Please rebalance when a fund is drifting of more than 20% relatively to its "
    "target weight. Check every day.",
    "SPY 70%, BND 30%. Rebalance if one position is deviating more than 20% relative to its target weight, not in "
    "points, checked daily.",
])
def test_a_relative_band_said_with_the_ing_verb(english):
    assert "when drift > 20% of target" in rbl_of(english)


# ---- a band in points said again against the relative reading ---------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60 BND 40, rebalance when either drifts more than 5 points, checked daily. 5 points, not 5% of the target.",
    "SPY 50% QQQ 20% TLT 30%. Checked daily, rebalance when any asset is more than 4 percentage points off target; "
    "points, not a percentage of the target.",
])
def test_points_said_again_against_relative(english):
    rbl = rbl_of(english)
    assert "of target" not in rbl and "pp" in rbl


def test_a_different_relative_number_beside_points_is_still_asked():
    # '4% of the target' beside a 5-point band is another number, not the band said again
    question = question_of("VTI 60 BND 40, rebalance when either drifts more than 5 points. not 4% of the target")
    assert "4%" in question


# ---- count of assets out of band: 'each', and one alone said as not enough ----------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 40 VXUS 20 BND 30 GLD 10. I won't trade if just one fund drifts. Only if at least 2 of them are each more "
    "than 4 points off target, then rebalance everything. Check daily.",
    "Equal weight SPY QQQ IWM EFA. rebalance all only if 2+ names are each more than 3pp off target (1 fund off: "
    "no trade).",
])
def test_a_count_of_assets_each_off_target(english):
    assert "count of (drift > " in rbl_of(english)


# ---- the trade policy: the whole portfolio back to target; the band called 'it' ------------------------------------

@pytest.mark.parametrize("english", [
    "We hold 50% VTI, 30% VEA and 20% BND. Whenever any of them is more than 5 points away from its target, "
    "everything gets brought back to target.",
    "SPY 60 / AGG 40 with a 4 point band, checked daily; the whole portfolio goes back to its targets.",
])
def test_the_whole_portfolio_back_to_target_is_a_full_rebalance(english):
    rbl = rbl_of(english)
    assert "trade breached assets" not in rbl and "drift > " in rbl


@pytest.mark.parametrize("english", [
    "VTI 50 VXUS 30 BND 20, a 4 point band, checked daily. If a fund crosses it, only the fund that crossed it "
    "trades, the others stay put.",
    "SPY 60 AGG 40 with a 5 point band, daily. When any asset breaches it, only the asset that breached its band "
    "is traded; the others are left alone.",
])
def test_only_the_asset_that_broke_the_band_trades(english):
    assert "trade breached assets" in rbl_of(english)


# ---- approval: the machine that must not trade; no order without the client's approval ----------------------------

@pytest.mark.parametrize("english", [
    "40% VTI, 40% BND, 20% GLD, rebalanced monthly. The bot must not send the orders on its own.",
    "VT 80% BNDW 20%, quarterly. The software shall not execute; the orders go to me for approval first.",
    "SPY 60% AGG 40% monthly. No trade will be executed without your prior approval of the order list.",
])
def test_approval_said_as_what_the_machine_must_not_do(english):
    assert "mode alert" in rbl_of(english)


# ---- schedules: a weekday in a ticket's shorthand ----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 60 / TLT 40 | review weds only | act if any leg drifts more than 3pp",
    "VTI 70 BND 30, check thursdays only, rebalance when any asset drifts more than 5 points",
])
def test_a_check_on_a_bare_weekday(english):
    assert "check weekly on " in rbl_of(english)


@pytest.mark.parametrize("english", ["70/30 vti bnd, rebalance every thu", "spy 50 tlt 50 rebalanced each wed"])
def test_a_weekday_abbreviated_after_every(english):
    assert "when weekly on " in rbl_of(english)


def test_a_mail_header_day_is_no_schedule():
    rbl = rbl_of("> On Fri, Dr. Ames wrote:\n> Equal weight SPY, TLT and GLD, rebalanced quarterly.")
    assert "when quarterly" in rbl


# ---- a band named after its size: 'more than 2.5% drift' ---------------------------------------------------------

@pytest.mark.parametrize("english", [
    "GLD 10 / SPY 50 / IEF 40, daily, rebalance if any leg has more than 3 points of drift",
    "VTI 60 BND 40: rebalance when a holding shows over 4pp of deviation from target",
])
def test_a_band_named_after_its_size(english):
    assert "when drift > " in rbl_of(english)


# ---- cooldowns: 'after any rebalance don't do another one for N days' --------------------------------------------

@pytest.mark.parametrize("english", [
    "VOO 70 BNDX 30 on a 5 point band, checked daily, but after any rebalance don't do another one for at least 20 "
    "trading days, even if it breaches again.",
    "SPY 60 AGG 40, 4pp band, daily; following a rebalance, do not allow another for 30 trading days.",
])
def test_a_cooldown_after_any_rebalance(english):
    assert "bars since rebalance >= " in rbl_of(english)


# ---- 'don't rebalance on ...' is a reason or a calendar refused, not a never ---------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60% VXUS 40%. We do not rebalance on a fixed schedule. Every day we check, and if any fund is more than 5 "
    "points off its target we rebalance.",
    "SPY 50 TLT 50, rebalance when either drifts more than 6 points (checked daily), not on a calendar.",
])
def test_no_calendar_beside_a_band_is_not_a_never(english):
    assert "when drift > " in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 40%, IEF 30%, TLT 20%, GLD 10%, reviewed monthly. Don't rebalance on the drift of one fund; rebalance only "
    "if the total drift exceeds 3 percentage points.",
    "VTI 50 VEA 25 BND 25, checked monthly. Never trade for a single holding: rebalance when the total drift is over "
    "4pp.",
])
def test_one_asset_alone_beside_a_total_drift(english):
    assert "sum of drift / 2 > " in rbl_of(english)


def test_never_rebalance_is_still_a_never():
    assert "when false" in rbl_of("Buy 60% VTI and 40% BND and never rebalance.")


# ---- someone else's rule set against the writer's: never a second rebalancing rule ---------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60% BND 40%, rebalance when any fund drifts more than 5 points, checked daily. My brother keeps telling "
    "me a 10% band but I prefer mine.",
    "Minutes. SPY 50%, IEF 30%, GLD 20%, rebalanced when any holding is more than 20% of its target off, checked "
    "daily. The motion carried 3-2, Ms. Olsen dissenting, preferring a quarterly calendar.",
])
def test_someone_elses_preferred_rule_is_not_read(english):
    rbl = rbl_of(english)
    assert "when drift > " in rbl and " or " not in rbl and "quarterly" not in rbl


def test_a_preference_the_writer_takes_is_still_read():
    # 'my adviser likes 60/40' with no 'but I prefer ...' is the writer's own mix, not someone else's rule
    assert "SPY 60%" in rbl_of("My adviser likes 60% SPY and 40% AGG, rebalanced quarterly.")


# ---- 5/25 said the long way, and the band defined for a position ---------------------------------------------------

@pytest.mark.parametrize("english", [
    "QQQ 40%, TLT 60%. Rebalance whenever any one has gone out by 5 percentage points or by 25% of its own target, "
    "whichever is first. Checked daily.",
    "SPY 70 AGG 30: rebalance when either drifts by 4 percentage points or by 20% of its own target weight, "
    "whichever is coming first; daily checking.",
])
def test_points_or_a_share_of_its_own_target(english):
    assert "when drift > min(" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "For the balanced fund (VTI 50%, BND 50%) an asset shall be deemed out of tolerance when it differs from its "
    "target by more than 20% of that target. Checked daily. Only the out-of-band positions are to be traded, "
    "the rest are left alone.",
    "SPY 60% IEF 40%. A holding will be considered in breach if it drifts more than 5pp from target, checked daily; "
    "only breached holdings get rebalanced.",
])
def test_a_band_defined_for_a_position_and_only_breached_ones_traded(english):
    rbl = rbl_of(english)
    assert "when drift > " in rbl and "trade breached assets" in rbl


# ---- a measure taken on daily data is no schedule -----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Weight SPY, EFA and IEF by inverse volatility (60-day vol of daily returns), rebalanced monthly.",
    "Inverse volatility weights on SPY, TLT and GLD, 20-day volatility of daily closes, rebalance quarterly.",
])
def test_daily_returns_are_no_schedule(english):
    rbl = rbl_of(english)
    assert "daily" not in rbl and "inverse volatility" in rbl


# ---- typos of the core words -------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60 VTI / 40 BND, chek it every wensday and rebalance if somthing is more than 4 points off.",
    "spy 70 tlt 30, chck weekly on wednsday, rebal only if smthing drifts more than 5 pts",
])
def test_typos_of_check_wednesday_something(english):
    rbl = rbl_of(english)
    assert "check weekly on wednesday" in rbl and "when drift > " in rbl


@pytest.mark.parametrize("english", [
    "VTI 60, BND 40. rebalance on the first trading day of each mounth. my broker charges 0.1% commision and about "
    "3 bps of slipage.",
    "SPY 50 AGG 50 rebalanced every monht, comission 4 bps, slipage 2 bps",
])
def test_typos_of_month_commission_slippage(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl and "commission " in rbl and "slippage " in rbl


# ---- a former broker's or manager's charge is no cost of this strategy --------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60 BND 40 rebalanced quarterly, commission 1 bps. My old broker was 10 usd a trade, glad that's over.",
    "SPY 50% IEF 50%, monthly. The previous broker charged 0.5%; not relevant to this portfolio.",
])
def test_a_former_charge_is_not_read_as_a_cost(english):
    rbl = rbl_of(english)
    assert "USD per order" not in rbl and "100 bps" not in rbl


# ---- the reason for an nth trading day: the pension arriving -----------------------------------------------------

@pytest.mark.parametrize("english", [
    "I get my pension on the 1st. Hold 60% VTI and 40% BND, rebalanced on the 3rd trading day of each month.",
    "Hold 50% VIG and 50% BND, put back in order on the 2nd trading day of every month, once the salary has arrived.",
])
def test_the_pension_arriving_is_the_reason_for_the_day(english):
    assert "trading day of month" in rbl_of(english)


# ---- a cap said as what one asset may never hold ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weight VTI, VEA, BND, rebalanced quarterly. I don't want more than 40% in one single fund.",
    "SPY, TLT and GLD by inverse volatility over 60 days, monthly; the portfolio shall not hold more than 45% in "
    "any single position.",
])
def test_a_cap_on_any_one_asset(english):
    assert "max weight 4" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Risk parity over SPY, IEF and GLD with a 60-day covariance, monthly, at most 40% in any single asset. Any excess above "
    "the cap is to be redistributed across the other holdings, not held in cash.",
    "Inverse volatility SPY QQQ TLT, 30 days, monthly, max 50% per asset; the excess over the limit will be "
    "spread over the other assets.",
])
def test_excess_above_the_cap_to_the_others(english):
    assert "excess to other assets" in rbl_of(english)


# ---- a band chosen with no size is a question about how far ------------------------------------------------------

@pytest.mark.parametrize("english", [
    "50% VTI, 50% BND. I read that I should use a threshold instead of a calendar, so it rebalances when it drifts "
    "past the threshold. What threshold should I use?",
    "pls set up 70/30 VT/BNDW, drift-triggered rebalancing, check dly. tolerance to be agreed with client, don't guess",
    "SPY 60% AGG 40%, checked every day, rebalanced when the drift becomes \"significant\".",
])
def test_a_band_with_no_size_asks_how_far(english):
    assert "How far may an asset drift" in question_of(english)


# ---- the way back from a drawdown brake -------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 60% AGG 40%, monthly. If the portfolio drops 15% from its peak, move half of it to cash; we only go back "
    "to full exposure once the drawdown has come back to within 5%.",
    "VTI 50% BND 50%, quarterly. If the portfolio falls 10% from its peak, move half of it into cash; once the loss "
    "has recovered to within 3% of the peak, go back to fully invested.",
])
def test_the_recovery_said_as_coming_back_to_within(english):
    rbl = rbl_of(english)
    assert "false when drawdown(portfolio) <= " in rbl


# ---- a kill switch named again beside its depth --------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "QQQ 60 / TLT 40, 5pp band checked daily. If the account drops 30% from peak, sell everything - that's the hard "
    "stop.",
    "SPY 70 AGG 30 monthly. If the portfolio falls 25% from its peak, liquidate everything; that is the kill switch, "
    "it's in the risk limits.",
])
def test_a_kill_switch_named_again_is_one_stop(english):
    assert "max drawdown " in rbl_of(english)


# ---- a fee paid to a former adviser ------------------------------------------------------------------------------

def test_a_fee_paid_to_a_former_adviser_is_no_cost():
    for english in ("VTI 60 BND 40, monthly. I paid a 1.5% fee to my previous adviser for years.",
                    "SPY 50 TLT 50 quarterly; we used to pay a 1% fee to our old manager."):
        assert "costs:" not in rbl_of(english)


# ---- a total drift said as the arithmetic, and its name said after it ---------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 40%, VEA 30%, BND 30%, checked monthly; rebalance only when all the deviations from target, added up and "
    "halved, come to more than 3 points - our consultant calls it the one-way turnover test.",
    "SPY 50% IEF 50%, checked at each month end (the last trading day); rebalance when the drifts, summed and "
    "divided by 2, add up to more than 5 points. Commission is assumed at 3 bps.",
])
def test_a_total_drift_added_up_and_halved(english):
    rbl = rbl_of(english)
    assert "sum of drift / 2 > " in rbl


# ---- the longest a drift rule may go without a rebalance ----------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60% BND 40%, rebalanced when any asset drifts more than 4pp, checked daily. Notwithstanding the above, the "
    "portfolio shall be rebalanced if 200 calendar days pass without a rebalance.",
    "SPY 50% AGG 50%: rebalance when either is more than 5 points off target, as observed daily; rebalancing in any "
    "case after 365 days.",
])
def test_the_longest_gap_without_a_rebalance(english):
    rbl = rbl_of(english)
    assert " or days since rebalance >= " in rbl and "check daily" in rbl


def test_the_longest_gap_without_a_drift_rule_is_asked():
    question = question_of("SPY 60 AGG 40. The portfolio shall be rebalanced if 90 calendar days pass without a "
                           "rebalance.")
    assert "before the 90 days" in question


# ---- a yearly fee on the assets is no trading cost ----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weight VTI VEA BND, rebalance quarterly. Client pays 40 bps/year advisory, not a trading cost.",
    "60% SPY 40% IEF, monthly. The annual management fee is 0.75%, billed quarterly.",
])
def test_a_management_fee_is_no_trading_cost(english):
    assert "costs:" not in rbl_of(english)


def test_365_days_as_a_span_is_no_annualisation():
    rbl = rbl_of("SPY 50% AGG 50%, rebalance when either drifts more than 5 points, checked daily, and rebalance "
                 "anyway every 365 days.")
    assert "annualize" not in rbl


# ---- per-asset bands said as tolerances, and the breached one brought back ------------------------------------------

@pytest.mark.parametrize("english", [
    "Basket: EURUSD 50, USDJPY 50. Tolerances differ by pair: EURUSD 2 points, USDJPY 3 points. Check every day, and "
    "when one's out, bring only that one back to the edge of its own band.",
    "Model: VTI 60%, BND 40%. Tolerance per asset class: VTI 5pp, BND 4pp. Monitor daily; when any asset breaches its "
    "tolerance, trade that asset only back to target, not the full book.",
])
def test_tolerances_per_asset_and_only_the_breached_one(english):
    rbl = rbl_of(english)
    assert "bands:" in rbl and "when drift > its band" in rbl and "trade breached assets" in rbl


def test_a_band_list_after_band_of_keeps_every_asset():
    rbl = rbl_of("SPY 50, IEF 30, GLD 20. Each asset has its own tolerance: SPY +/-5 points, IEF +/-3, GLD +/-4. "
                 "Checked daily.")
    assert "IEF 3pp" in rbl and "GLD 4pp" in rbl


@pytest.mark.parametrize("english", [
    "VTI 50 BND 50, 5 point band, checked daily; when one breaks, only trade that one. Don't touch the others.",
    "SPY 60 AGG 40 with a 4pp band, daily. If an asset breaks its band, trade only that asset; never move the rest.",
])
def test_dont_touch_the_others_beside_breached(english):
    assert "trade breached assets" in rbl_of(english)


def test_a_declined_wrap_fee_and_execution_at_bps():
    rbl = rbl_of("VTI 60% BND 40%, quarterly. Client declined the 1.25% AUM wrap; execution at 2 bps commission. "
                 "No shorting any asset.")
    assert "commission 2 bps" in rbl and "long only" in rbl and "125" not in rbl


# ---- a ticket's shorthand for the rule, and a full rebalance said of all asset classes ------------------------------

@pytest.mark.parametrize("english", [
    "RBAL QQQ/IEF 50/50 | chk dly | trig: any leg >3pp off tgt | full rebal, all legs",
    "REBAL SPY/AGG 70/30, check daily, trig: any leg more than 5pp off target, full rebalance, all assets",
])
def test_a_ticket_rebalance_and_trigger(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl and "when drift > " in rbl and "asset RBAL" not in rbl and "asset REBAL" not in rbl


@pytest.mark.parametrize("english", [
    "Each asset class (SPY 60%, AGG 40%) has a rebalancing threshold equal to the lesser of 4 percentage points or "
    "20 percent of its target weight. The adviser shall monitor allocations daily; a breach of any threshold triggers "
    "a rebalance of all asset classes to target.",
    "Every holding (VTI 50%, BND 50%) has a drift band of the smaller of 5pp and 25% of its target; allocations are "
    "checked daily and any breach triggers a rebalance of all holdings back to target.",
])
def test_the_lesser_of_points_and_a_share_owned_by_each_class(english):
    rbl = rbl_of(english)
    assert "when drift > min(" in rbl and "trade breached assets" not in rbl


# ---- a drift said as 'has moved', a calendar refused as 'rather than trading on a calendar', the band that breaks ---

@pytest.mark.parametrize("english", [
    "Hold 50% VTI and 50% BND, reviewed monthly; rebalance only if a holding has moved more than 4 percentage points "
    "from its target.",
    "SPY 60% AGG 40%. Rather than trading on a calendar, rebalance when either has moved more than 5 points from "
    "target, checked daily.",
])
def test_has_moved_and_rather_than_a_calendar(english):
    assert "when drift > " in rbl_of(english)


@pytest.mark.parametrize("english", [
    "40% SPY, 60% AGG, checked daily with a 5 point band. When the band breaks, please only trade the fund that is "
    "out of line.",
    "VTI 70 BND 30, 4pp band, daily. If a band is breached, we only trade the ones that are out of band.",
])
def test_the_band_breaking_said_before_what_is_traded(english):
    assert "trade breached assets" in rbl_of(english)


@pytest.mark.parametrize("cooldown", ["We also won't start a new rebalance within 20 trading days of the last one.",
                                      "No further rebalance may be triggered within 20 trading days of the previous one.",
                                      "It will not begin another rebalance for 20 trading days."])
def test_a_cooldown_said_as_no_new_rebalance_started_within_a_span(cooldown):
    strategy = rbl_of(f"SPY 60%, AGG 40%, checked daily, rebalance when drift exceeds 5pp. {cooldown}")
    assert "when drift > 5pp and bars since rebalance >= 20" in strategy


@pytest.mark.parametrize("said, weights", [
    ("AAPL, MSFT, NVDA, JPM, XOM: NVDA 40%, the other four 15% each, rebalanced quarterly.",
     ["AAPL 15%", "MSFT 15%", "NVDA 40%", "JPM 15%", "XOM 15%"]),
    ("AAPL, MSFT, NVDA, JPM: NVDA 40%, the remaining ones 20% each, rebalanced quarterly.",
     ["AAPL 20%", "MSFT 20%", "NVDA 40%", "JPM 20%"]),
])
def test_the_other_assets_at_a_weight_each_are_the_ones_not_yet_weighted(said, weights):
    strategy = rbl_of(said)
    assert all(weight in strategy for weight in weights)


def test_the_other_assets_counted_wrong_are_asked_about():
    assert "20%" in question_of("AAPL, MSFT, NVDA, JPM: NVDA 40%, the other 2 20% each, rebalanced quarterly.")


def test_the_excess_sent_to_the_others_instead_of_cash():
    strategy = rbl_of("60% SPY, 20% EFA, 20% IEF, rebalanced quarterly, never more than 50% in any one fund, and the extra "
                      "can go into the other ones instead of sitting in cash.")
    assert "max weight 50%, excess to other assets" in strategy
