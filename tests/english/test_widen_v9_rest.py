"""Issue 17, widening by construct (blind batch v9, the rest): a writer doubting the day just said, a split said to be
still undecided. Each family is read, or ends in a question naming what is missing."""

from __future__ import annotations

import pytest

from rbl.dsl.english.normalize import normalize
from tests.english.reading import question_of, rbl_of


# ---- the writer doubting the trading day just said ------------------------------------------------------------

@pytest.mark.parametrize("english, days", [
    ("Hold 70% VTI and 30% BND, rebalancing on the 4th trading day of each quarter (or maybe the 5th?).", ("4th", "5th")),
    ("Hold 70% VTI and 30% BND, rebalance on the third trading day of every month, or the fourth, not sure.",
     ("third", "fourth")),
    ("60/40 SPY/AGG, rebal on the 2nd trading day of the month - or is it the 3rd? check with ops.", ("2nd", "3rd")),
])
def test_a_day_said_then_doubted_is_asked_not_guessed(english, days):
    question = question_of(english)
    assert "trading day" in question and all(day in question for day in days)


def test_a_day_said_without_doubt_is_still_read():
    assert "when 3rd trading day of month" in rbl_of(
        "Hold 70% VTI and 30% BND, rebalance on the third trading day of every month.")


# ---- the split said to be not decided yet ---------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Hold VTI and BND, rebalance quarterly. The weights are still being debated: my wife wants more in bonds, I want "
    "more in stocks.",
    "SPY and TLT, monthly rebalance. The exact allocation is under discussion (the board wants more in TLT).",
    "SPY and TLT, monthly rebalance, we haven't settled on the mix yet.",
])
def test_a_split_still_being_argued_about_asks_for_the_weights(english):
    question = question_of(english)
    assert "target weights" in question


# ---- minutes: a proposal adopted, a topic heading, members' preferences, a custodian's fee noted ------------------

@pytest.mark.parametrize("english, expected", [
    ("Minutes. The board proposed switching to 60% VTI and 40% BND, rebalanced annually. The proposal was approved "
     "unanimously.", "when annually"),
    ("Item 3. The CIO suggested moving to equal weight SPY, TLT and GLD, rebalanced quarterly. This was agreed.",
     "target: equal weight SPY, TLT, GLD"),
])
def test_a_proposal_the_next_sentence_adopts_is_the_decision(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Minutes. The board proposed switching to 60% VTI and 40% BND, rebalanced annually. Discussion continues.",
    "Item 3. The CIO suggested moving to equal weight SPY, TLT and GLD, rebalanced quarterly. To be revisited.",
])
def test_a_proposal_not_adopted_is_asked_about(english):
    assert "proposed" in question_of(english) or "suggested" in question_of(english)


@pytest.mark.parametrize("english", [
    "Minutes. Hold 60% VTI and 40% BND. Regarding the schedule: Dr. Osei pushed for monthly, whereas Mr. Lang preferred "
    "annually; no decision was taken.",
    "Item 2. Equal weight VTI, VEA and BND. As to timing, Ms. Park argued for quarterly while Mr. Diaz preferred annual.",
])
def test_members_preferring_different_schedules_under_a_topic_heading_ask_when(english):
    assert "When should it rebalance" in question_of(english)


def test_a_topic_heading_before_the_decided_schedule_is_read_past():
    assert "when monthly" in rbl_of("Item 4. Hold 50% SPY, 50% TLT. As to timing, monthly.")


@pytest.mark.parametrize("english", [
    "Hold 50% SPY, 50% TLT, monthly. The custodian's fee schedule (2 bps) was noted.",
    "Hold 50% SPY, 50% TLT, monthly; custody fees at 3 bps a year.",
])
def test_a_custodians_fee_is_a_fee_on_the_assets_not_a_trading_cost(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl and "costs:" not in rbl


# ---- a basket sized alike, the machine not let to trade, a waved-off grumble, a market's clock ------------------

@pytest.mark.parametrize("english", [
    "Trading EURUSD, GBPUSD and USDJPY with equal dollar exposure per pair, rebalance weekly.",
    "EURUSD, GBPUSD, USDJPY at equal notional, rebalance weekly.",
])
def test_equal_notional_or_dollar_exposure_is_equal_weight(english):
    assert "target: equal weight EURUSD, GBPUSD, USDJPY" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% SPY 40% TLT, monthly. Never let the bot place trades on its own; push the orders to me for approval.",
    "60% SPY 40% TLT, monthly. Don't let the algo send orders automatically.",
])
def test_not_letting_the_machine_trade_is_alert_mode(english):
    assert "mode alert" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% SPY 40% GLD, monthly. Fills on GLD are terrible at the open, oh well.",
    "60% EURUSD 40% USDJPY, monthly. The spreads are brutal around the rollover but whatever.",
])
def test_a_grumble_about_execution_waved_off_is_no_rule(english):
    assert "when monthly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Equal weight EURUSD, AUDUSD and USDCAD, rebalance daily; liquidity is thin after 5pm NY.",
    "Equal weight EURUSD, AUDUSD and USDCAD, rebalanced weekly at 4pm EST",
])
def test_a_markets_clock_is_not_an_asset(english):
    assert set(normalize(english).assets) == {"EURUSD", "AUDUSD", "USDCAD"}


# ---- costs: the trade as the subject of its fee, a minimum trade said as a suppression, and why -------------------

@pytest.mark.parametrize("english", [
    "60% SPY 40% TLT, monthly. Each trade is charged a fixed $5.",
    "60% SPY 40% TLT, monthly. Every order costs a flat $5 commission.",
])
def test_a_fee_said_with_the_trade_as_subject_is_a_per_order_commission(english):
    assert "commission 5 USD per order" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% SPY 40% TLT, monthly. Suppress trades under $500.",
    "60% SPY 40% TLT, monthly. Never place trades smaller than $500 - small trades aren't worth the commission.",
])
def test_a_suppressed_small_trade_is_a_minimum_trade_and_not_alert_mode(english):
    rbl = rbl_of(english)
    assert "minimum trade 500 USD" in rbl and "mode alert" not in rbl


# ---- a wish for time between trades ------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% SPY 40% TLT, rebalance when anything is 5 points off. We need some breathing room between rebalances: at "
    "least 20 trading days between rebalances.",
    "60% SPY 40% TLT, rebalance when anything is 5 points off. I'd like a pause between trades, so at least 20 trading "
    "days between rebalances.",
])
def test_a_wish_for_a_break_between_trades_with_its_length_is_the_spacing(english):
    assert "bars since rebalance >= 20" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% SPY 40% TLT, rebalance when anything is 5 points off. I want a break between trades.",
    "60% SPY 40% TLT, rebalance when anything is 5 points off; there should be a gap between rebalances.",
])
def test_a_wish_for_a_break_between_trades_without_a_length_asks_it(english):
    assert "How many days should pass between rebalances" in question_of(english)
