"""The offline reader widened by chatter family (issue 17, v9 batch): the words around a strategy that carry no fact --
typos of words the rules read, figures told as history or refused, hand-over and life context, document furniture.
Each test gives phrasings of one family that are not dev cases, and a chatter-looking sentence that carries a limit is
still read or asked."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- typos of words the rules read (the typo map in normalize.py) ----------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60 / BND 40, chek it every wensday and rebalance if somthing is more than 4 pts off.",
    "i wnat 60% VTI and 40% BND, chek it every wednsday, rebalance only if somehting is 4 points off.",
])
def test_typos_of_a_weekday_check_are_read(english):
    rbl = rbl_of(english)
    assert "check weekly on wednesday" in rbl and "when drift > 4pp" in rbl


@pytest.mark.parametrize("english", [
    "VTI 70, BND 30, rebalance on the first trading day of each monht.",
    "i wnat VTI 70% and BND 30% and rebalnce once a quater.",
])
def test_typos_of_a_calendar_are_read(english):
    assert "when monthly" in rbl_of(english) or "when quarterly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "equal wieght these funds VTI VEA VWO and rebalance every quarter.",
    "I want to equal weight these stocks: KO, PEP and MCD, rebalanced monthly.",
])
def test_equal_weight_before_a_named_group_is_the_scheme(english):
    assert "target: equal weight" in rbl_of(english)


# ---- a figure told as history, refused or disowned ---------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% VTI, 40% BND, rebalanced quarterly. My previous broker charged 9 usd a trade, glad that's over.",
    "VTI 60 BND 40 quarterly; our former adviser charged 1.5% a year, which is why we moved.",
])
def test_a_past_providers_fee_is_no_cost(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "60% VTI, 40% BND, rebalanced monthly. The client turned down the 0.9% advisory fee.",
    "VTI 60 / BND 40 monthly. We declined the 1% wrap fee; commission is 2 bps.",
])
def test_a_declined_fee_is_no_cost(english):
    rbl = rbl_of(english)
    assert "1%" not in rbl and "0.9%" not in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "SPY 60% TLT 40%, rebalance monthly. It was a 15% drift band at my previous firm, far too loose.",
    "SPY 60% TLT 40%, rebalance monthly. We ran a 10% vol target at my last job.",
])
def test_a_setting_from_an_old_job_is_not_the_strategys(english):
    rbl = rbl_of(english)
    assert "drift" not in rbl and "vol(" not in rbl


@pytest.mark.parametrize("english", [
    "VTI 50%, VXUS 20%, BND 30%, rebalanced quarterly. The stamp duty I pay on deposits is 0.5% but that is not part of "
    "the strategy.",
    "VTI 50%, VXUS 20%, BND 30%, rebalanced quarterly. My platform takes 0.3% a year; not relevant to the strategy.",
])
def test_a_figure_disowned_by_its_sentence_is_skipped(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "when quarterly" in rbl


def test_a_current_fee_is_still_a_cost():
    # no history or disclaimer: the broker's fee is the strategy's cost
    rbl = rbl_of("60% VTI, 40% BND, rebalanced quarterly. My broker charges 5 usd a trade.")
    assert "commission 5 USD per order" in rbl


@pytest.mark.parametrize("english", [
    "SPY 50 / TLT 50, rebalance when anything is 5% off, checked daily, but at most once every 20 days. my wife hates "
    "seeing 30 trades a year haha",
    "SPY 50 / TLT 50, rebalance when anything is 5% off, checked daily, but at most once every 20 days. My tax guy "
    "complains about all the little trades.",
])
def test_someones_feelings_about_trading_set_no_limit(english):
    assert "days since rebalance >= 20" in rbl_of(english)


# ---- hand-over and life context ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Passing the income portfolio over to you while I'm away on maternity leave. SCHD 60%, BND 40%, rebalanced monthly.",
    "Handing my account over to Lee, I'll be out on sick leave until June. VTI 70% BND 30%, quarterly rebalance.",
])
def test_a_hand_over_is_chatter(english):
    rbl = rbl_of(english)
    assert "target:" in rbl


@pytest.mark.parametrize("english", [
    "Our policy is 60% VTI and 40% BND, rebalanced on the first trading day of each quarter. I've served on this "
    "committee for 15 years and we have never missed a rebalance.",
    "We have sat on the board 30 years. The scheme holds 50% SPY and 50% AGG, rebalanced annually.",
])
def test_a_tenure_is_chatter(english):
    assert "target:" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Sorry if this is a stupid question, but can I hold 60% VTI and 40% BND and rebalance every quarter?",
    "Everyone groans when I say this, but I hold 50% SPY and 50% GLD, rebalanced monthly.",
    "We're 45 now, so 60% VTI and 40% BND, rebalanced yearly.",
    "Please keep equal weights in the three funds my late husband picked: VTI, VEA and BND, rebalanced every year.",
])
def test_asides_about_the_writer_are_chatter(english):
    assert "target" in rbl_of(english)


def test_an_age_beside_a_weight_is_not_skipped():
    # 'we're 60 in VTI' is a weight, not an age: never skipped as one (here it is asked about)
    assert "we're 60 in VTI" in question_of("We're 60 in VTI and 40 in BND, rebalanced yearly.")


@pytest.mark.parametrize("english", [
    "I am 74 and worked as a nurse for 35 years. Please hold 50% VTI and 50% BND, rebalanced every quarter.",
    "We lived through 2000 and 2008, when we lost almost half. So: 40% SPY, 60% IEF, rebalanced yearly.",
    "I'm originally from Portugal and I invest mostly in ETFs in Europe. VTI 60%, BND 40%, rebalanced monthly.",
    "Still working out what a drift band even means, honestly. Just hold 60% VTI and 40% BND and rebalance quarterly.",
])
def test_the_writers_life_is_chatter(english):
    assert "target:" in rbl_of(english)


def test_a_loss_said_as_a_condition_is_still_read():
    # no year or skipped story before it: 'when we lost 20%' is the trader's condition, never a story
    question = question_of("Hold 60% SPY and 40% IEF, rebalanced monthly; when we lost 20% from the top, what then?")
    assert question


# ---- the day money reaches the writer --------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I get my salary on the 25th. Hold VTI 80% and BND 20%, rebalanced on the last trading day of each month.",
    "We receive our pension on the 3rd; please keep 40% VIG, 60% BND and rebalance on the 5th trading day of every month, "
    "after the pension has arrived.",
])
def test_a_pay_day_is_not_the_schedule(english):
    rbl = rbl_of(english)
    assert "last trading day of month" in rbl or "5th trading day of month" in rbl


def test_a_pay_day_alone_sets_no_schedule():
    # the pay day is the writer's, not the strategy's: with no other schedule the reader asks when to rebalance
    assert "When should it rebalance" in question_of("I get my salary on the 25th. Hold VTI 80% and BND 20%.")


# ---- rebalancing said as putting things back ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Keep 50% VTI and 50% BND, put back in order on the first trading day of every month.",
    "Hold VTI, VEA and BND in equal amounts and make them equal again every quarter.",
])
def test_putting_things_back_is_a_rebalance(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl or "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "60% VTI, 40% BND, rebalanced quarterly. The platform charges 2 dollars per order; please account for that.",
    "VTI 60 BND 40 quarterly, my broker charges 1 dollar per trade, allow for it.",
])
def test_a_cost_asked_to_be_counted_is_read(english):
    assert "USD per order" in rbl_of(english)


# ---- document furniture: numbered headings, subject lines, letters and minutes -----------------------------------------

@pytest.mark.parametrize("english", [
    "3.1 Target Mix. The plan holds 60% VTI and 40% BND. 3.2 Review. It is rebalanced on the first trading day of each "
    "quarter.",
    "2.4 Portfolio construction. Hold SPY 50%, EFA 20%, AGG 30%, rebalanced annually. 2.5 notwithstanding 2.4, costs are "
    "assumed at 3 bps commission.",
])
def test_a_numbered_heading_is_furniture(english):
    assert "target:" in rbl_of(english)


def test_a_numbered_heading_that_carries_a_schedule_is_not_skipped():
    # '3.2 Monthly review.' says when to check: never skipped as furniture, it is read
    assert "check monthly" in rbl_of("3.1 Mix. Hold 60% VTI and 40% BND. 3.2 Monthly review. Rebalance quarterly.")


@pytest.mark.parametrize("english", [
    "To: Trading desk\nFrom: Risk\nRe: Income model - rebalancing\nHold 50% SCHD and 50% BND, rebalanced monthly.",
    "Memo - limits on the family trust account, 88231, the trust holds 70% VTI and 30% BND, rebalanced quarterly.",
])
def test_a_subject_line_is_furniture(english):
    assert "target:" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Dear Mr Obi, this letter sets out the terms of your managed account. We will hold 60% VTI and 40% BND, rebalanced "
    "on the first trading day of each quarter.",
    "The Riverside Credit Union board approved the following: 45% SPY, 55% AGG, rebalanced annually.",
    "Schedule C - Income Sleeve. The manager holds 50% SCHD and 50% VIG, rebalanced monthly.",
    "Trading instructions, portfolio \"Cautious 30\". Hold 30% VTI and 70% BND, rebalanced monthly.",
])
def test_what_a_document_is_is_furniture(english):
    assert "target:" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "The income model (SCHD 60%, BND 40%, rebalanced monthly) is subject to a firm drawdown limit: if the account falls "
    "25% from its peak, sell everything and stop.",
    "The growth mix, QQQ 70% and TLT 30%, rebalanced monthly, is subject to a hard stop: should it fall 30% from its "
    "high, liquidate and stop.",
])
def test_a_limit_announced_before_its_rule_is_read(english):
    assert "max drawdown" in rbl_of(english)


def test_a_subject_line_with_a_limit_is_not_skipped():
    # a subject line holding a negation is no furniture: the reader asks about it, never drops it
    assert "growth model" in question_of("Growth model - no leverage. Hold QQQ 60% and TLT 40%, rebalanced monthly.")


# ---- a customer's question, answered after it ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Q: How often do you look at my account?\nA: We hold 60% VTI and 40% BND and rebalance on the first trading day of each "
    "quarter.",
    "Q: Why do I see small trades in my statement?\nA: Your portfolio is 50% VTI, 50% BND, rebalanced whenever a fund is "
    "more than 5 percentage points from its target, checked daily.",
])
def test_a_customers_question_is_furniture(english):
    assert "target:" in rbl_of(english)



# ---- a hand-over note: a corrected list of holdings, a birthday ------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The growth book: QQQ 60, VTI 40 - no wait, sorry, we changed it in May: QQQ 50, VTI 50. Rebalanced monthly.",
    "Holdings: SPY 70% and TLT 30%... scratch that, SPY 65% and TLT 35%. Rebalance quarterly.",
])
def test_a_corrected_list_of_holdings_takes_the_second(english):
    rbl = rbl_of(english)
    assert ("QQQ 50%" in rbl and "VTI 50%" in rbl) or ("SPY 65%" in rbl and "TLT 35%" in rbl)


def test_a_correction_naming_other_assets_is_not_taken_as_one():
    # the second list names another asset: no correction is read, so the reader asks (two weights for SPY)
    question = question_of("SPY 70, TLT 30 - no wait, sorry: SPY 60, GLD 40. Rebalance quarterly.")
    assert question


@pytest.mark.parametrize("english", [
    "Cover notes for Raj. VTI 60%, BND 40%, rebalanced quarterly. Oh, and my wedding anniversary is on the 12th, send "
    "flowers.",
    "The client's birthday is the 3rd, so please send a card. The book holds 50% SCHD and 50% BND, rebalanced monthly.",
])
def test_a_birthday_is_not_a_schedule(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl or "when monthly" in rbl


# ---- crypto chat: a bag is a position, the bot is who trades, the order book is the reason ------------------------------

@pytest.mark.parametrize("english", [
    "bags: BTC 70, ETH 30. bot checks daily and rebalances if any bag is more than 10 pts off",
    "70/30 BTC/ETH, the bot looks every day, rebalance when either bag drifts over 10 points",
])
def test_crypto_bags_and_the_bot(english):
    assert "when drift > 10pp" in rbl_of(english)


def test_the_reason_for_tranches_is_chatter():
    rbl = rbl_of("BTC 50, ETH 50, rebalance monthly, but split it into 3 daily chunks so we don't eat the order book.")
    assert "trade over 3 bars" in rbl


# ---- chat around the holdings -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "just bought VTI, VXUS and BND! rebalance them every quarter please",
    "We finally purchased SPY and IEF. Rebalance once a year.",
])
def test_holdings_told_as_a_purchase_ask_for_the_weights(english):
    assert "target weight" in question_of(english)


@pytest.mark.parametrize("english", [
    "Trading a forex basket: EURUSD 50%, GBPUSD 50%, rebalanced monthly.",
    "I run my crypto book: BTC 60%, ETH 40%, rebalance weekly.",
])
def test_a_basket_named_before_its_holdings_is_a_title(english):
    assert "target:" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "The drift idea is fine by me. 60 VTI, 40 BND, rebalance if anything is 5 points off, checked daily.",
    "Okay, the threshold part is agreed. VTI 60% and BND 40%, rebalance when any asset is 5 points off, check daily. In "
    "2022 it would have rebalanced about 7 times in a year.",
])
def test_agreeing_and_what_an_idea_would_have_done_are_chatter(english):
    assert "when drift > 5pp" in rbl_of(english)


# ---- desk shorthand and a temper ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "rebal VTI/BND back to 70/30 on the 3rd td of the mth",
    "VTI 70 BND 30, rebalance on the 3rd td of each mnth, chk w/ me first is not needed",
])
def test_desk_shorthand_for_a_trading_day_is_read(english):
    assert "3rd trading day of month" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold 60% VTI and 40% BND. I'd rather not fiddle with it unless I have to, so rebalance only if either fund drifts "
    "more than 5 percentage points, checked daily.",
    "We paid a 1.5% fee to our previous adviser for years, so we're happy to be doing this ourselves. VTI 60%, BND 40%, "
    "rebalanced quarterly.",
])
def test_a_temper_and_a_past_fee_are_chatter(english):
    assert "costs:" not in rbl_of(english)


def test_a_wish_not_to_trade_with_a_condition_is_still_asked():
    # 'unless it drifts 5 points' is a condition with a number: never skipped as a temper (here it is asked about)
    question = question_of("Hold 60% VTI and 40% BND. I'd rather not trade unless it drifts more than 5 percentage "
                           "points, checked daily.")
    assert "rather not trade unless" in question


def test_a_request_said_as_a_question_is_read():
    # 'can you rebalance ... monthly?' asks for the schedule: never skipped as a customer's question
    assert "when monthly" in rbl_of("Can you rebalance my account monthly? VTI 60% BND 40%.")


def test_a_subject_line_that_gives_an_order_is_not_skipped():
    assert "sell everything" in question_of("Sell everything - stop the strategy. VTI 60% BND 40% monthly.")


def test_a_disowned_holding_is_asked_not_dropped():
    # the disclaimer names a holding the text gives a weight: the reader asks rather than guess which part is meant
    question = question_of("Hold SPY 50%, TLT 40% and GLD 10%, but the GLD part is not part of the strategy. Rebalance "
                           "monthly.")
    assert "not part of the strategy" in question


@pytest.mark.parametrize("english", [
    "pls set up 70/30 VTI/BND, rebal if anything 5 pts off, chk dly",
    "VTI 70 / BND 30. chk dly, rebalance when any asset drifts 5 points",
])
def test_desk_shorthand_for_daily_is_read(english):
    assert "check daily" in rbl_of(english)


def test_a_split_after_were_is_not_an_age():
    # "we're 50 50 in VTI and BND" gives weights: never skipped as an age (here it is asked about)
    assert "we're 50 50" in question_of("We're 50 50 in VTI and BND, rebalanced yearly.")


@pytest.mark.parametrize("english", [
    "2.1 Allocation. Hold 60% VTI and 40% BND, rebalanced on the first trading day of each calendar quarter. 2.2 Before "
    "2015 we used a 50/50 mix; that mix was retired and must not be used again.",
    "Hold 65% SPY and 35% AGG, rebalanced every calendar year. Prior to 2018 the fund used a 40/60 split; the old split "
    "has been withdrawn.",
])
def test_an_old_allocation_retired_after_its_story_is_chatter(english):
    rbl = rbl_of(english)
    assert "50%" not in rbl and "40%" not in rbl.replace("BND 40%", "")


def test_a_retired_allocation_with_no_story_before_it_is_asked():
    # the split it retires is not told as history: the reader sees another split beside the weights and asks about it
    question = question_of("Hold 60% VTI and 40% BND, rebalanced quarterly; the 70/30 allocation is superseded and shall "
                           "not be used.")
    assert "two target weights" in question or "70/30" in question
