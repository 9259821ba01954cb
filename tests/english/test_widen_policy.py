"""The offline reader widened by construct family (issue 17): approval (alert mode), cash buffers, leverage and the
other policy sentences, each said in many words. Each test gives phrasings of one family that are not dev cases."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- approval: said twice, as a bare refusal beside it, or as what never happens automatically -------------------

@pytest.mark.parametrize("english", [
    "55% VTI and 45% BND, rebalanced every quarter. Nothing is traded without me checking it first. Please just "
    "email me the list of trades and I'll confirm them.",
    "70% SPY / 30% IEF monthly. I want to approve each order before it goes out, and nothing gets placed without "
    "me confirming it first.",
])
def test_approval_said_twice_is_read_both_times(english):
    assert "mode alert" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "50/50 QQQ/TLT every month, alert mode: ping me the orders, do not trade.",
    "60% VTI 40% BND quarterly. Don't execute - just alert me.",
])
def test_a_bare_refusal_beside_approval_says_the_same(english):
    assert "mode alert" in rbl_of(english)


def test_a_refusal_that_limits_trading_is_not_taken_as_approval():
    # 'don't trade more than ...' is a limit on how often, not the refusal that restates approval
    question = question_of("60% SPY 40% AGG monthly, alert mode, don't trade more than twice a year.")
    assert "several schedules" in question


@pytest.mark.parametrize("english", [
    "Hold 40% SPY, 40% IEF and 20% GLD, rebalanced quarterly. Orders go to me for sign-off; nothing is executed "
    "automatically.",
    "VTI 70 / BND 30, annual rebalance. I approve every trade myself, nothing trades on its own.",
])
def test_nothing_executing_automatically_is_approval(english):
    assert "mode alert" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "spy 60 tlt 40 monthly but dont auto trade, send me the oders to confirm first",
    "VTI 50 BND 50 quarterly. Send me the orders to sign off on first.",
])
def test_orders_sent_to_ok_first_is_approval(english):
    assert "mode alert" in rbl_of(english)


# ---- chatter: filing words about a document or a meeting ------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Client instruction: 60% VTI and 40% BND, rebalanced quarterly. This instruction replaces the previous "
    "instruction of 12 May.",
    "Memo: hold 50% SPY and 50% IEF, rebalanced monthly. This memo supersedes the memo dated March 4, 2025.",
])
def test_a_document_replacing_an_earlier_one_is_filing(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl or "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "Committee minutes. Agreed: 60% SPY and 40% AGG, rebalanced quarterly. Next meeting: 3 February.",
    "Minutes of the investment meeting, June 12. The board agreed 70% VTI and 30% BND, rebalanced annually.",
])
def test_when_a_meeting_is_held_is_no_rebalancing_date(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl or "when annually" in rbl


def test_a_replaced_document_named_by_its_content_keeps_its_words():
    question = question_of("60% VTI and 40% BND, rebalanced quarterly. This memo replaces the 70/30 memo.")
    assert "70%" in question or "70/30" in question


# ---- sleeves: a part named by a hyphenated word -------------------------------------------------------------------

@pytest.mark.parametrize("english, name", [
    ("Two buckets: a capital-preservation bucket of 70%, 50% SHY and 50% IEF, rebalanced quarterly; and a 30% "
     "high-growth bucket, equal weight QQQ and SMH, rebalanced monthly. No rebalancing between the buckets.", "preservation"),
    ("We hold a 60% income-focused sleeve of 50% LQD and 50% HYG, rebalanced annually, and a growth sleeve of 40%, "
     "equal weight SPY and EFA, rebalanced monthly. No rebalancing between the sleeves.", "focused"),
])
def test_a_hyphenated_part_is_named_by_its_last_word(english, name):
    assert f"sleeve {name} " in rbl_of(english)


# ---- leverage: a cap said as a refusal or a wish, gross exposure in percent, the .rbl spelling of exposure ---------

@pytest.mark.parametrize("english, cap", [
    ("VTI 70 / BND 30 rebalanced quarterly, and I won't go over 1.5x leverage.", "max leverage 1.5x"),
    ("QQQ 50 IEF 50 monthly; we refuse to go above 2x leverage.", "max leverage 2x"),
    ("Hold 60% SPY and 40% IEF, rebalanced quarterly, but we don't want total leverage above 1.2x.", "max leverage 1.2x"),
])
def test_a_leverage_cap_said_as_a_refusal_or_wish(english, cap):
    assert cap in rbl_of(english)


@pytest.mark.parametrize("english, cap", [
    ("50% VTI, 50% BND, rebalanced monthly. Please make sure total exposure never goes above 100%.", "max leverage 1x"),
    ("SPY 60 / IEF 40 quarterly, gross exposure must stay below 150% at all times.", "max leverage 1.5x"),
])
def test_gross_exposure_in_percent_is_a_leverage_cap(english, cap):
    assert cap in rbl_of(english)


def test_exposure_to_an_asset_class_in_percent_is_no_leverage_cap():
    translation_question = question_of("SPY 60 / IEF 40 quarterly, exposure to equities never above 70%.")
    assert translation_question


@pytest.mark.parametrize("english, exposure", [
    ("QQQ 70%, IEF 30%, exposure 1.2x, max leverage 1.5x, quarterly.", "exposure 1.2x"),
    ("VTI 50 BND 50, monthly, exposure of 1.4x, leverage cap 1.4x.", "exposure 1.4x"),
])
def test_exposure_said_as_rbl_writes_it(english, exposure):
    rbl = rbl_of(english)
    assert exposure in rbl and "max leverage" in rbl


@pytest.mark.parametrize("english", [
    "60/40 VTI/BND monthly, never above 1.3x leverage; the custodian won't allow more.",
    "Hold 50% SPY and 50% TLT, rebalanced quarterly, max leverage 1.5x as per the account's margin agreement.",
    "SPY 60 TLT 40 monthly and leverage capped at 1.2x no matter what.",
])
def test_why_a_leverage_cap_is_there_adds_nothing(english):
    assert "max leverage 1" in rbl_of(english)


# ---- long only: a prohibition of short positions, and why -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weight VTI, VXUS and BND, rebalanced quarterly. The board does not allow short positions of any kind.",
    "SPY 50 / AGG 50 monthly. We won't accept short sales; our custodian doesn't support shorting anyway.",
])
def test_short_positions_not_permitted_is_long_only(english):
    assert "long only" in rbl_of(english)


def test_not_asking_for_approval_is_no_alert_mode():
    rbl = rbl_of("I hold 60% SPY and 40% TLT, rebalanced monthly. Not asking for approval, just sharing.")
    assert "mode alert" not in rbl


@pytest.mark.parametrize("english", [
    "Hold 60% VTI and 40% BND. Quarterly rebalancing as usual.",
    "SPY 70 IEF 30, rebalanced monthly, just like before.",
])
def test_a_schedule_said_as_before_is_that_schedule(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl or "when monthly" in rbl


# ---- cash buffer: a floor under the cash, a share of the fund kept in cash, what the cash is for -----------------

@pytest.mark.parametrize("english, buffer", [
    ("60% VTI and 40% BND, rebalanced quarterly, and don't let the cash fall under 3%.", "cash buffer 3%"),
    ("Equal weight SPY, EFA and AGG, monthly. Cash must never drop below 5%.", "cash buffer 5%"),
])
def test_a_floor_under_the_cash_is_a_cash_buffer(english, buffer):
    assert buffer in rbl_of(english)


def test_a_share_of_the_fund_kept_in_cash_is_a_cash_buffer():
    rbl = rbl_of("The board agreed that 6% of the portfolio be held in cash at all times, with 50% SPY and 50% IEF, "
                 "rebalanced quarterly.")
    assert "cash buffer 6%" in rbl


@pytest.mark.parametrize("english", [
    "VTI 60 BND 40 every quarter, and keep 3% in cash for the fees and the odd withdrawal.",
    "SPY 50 / IEF 50 monthly, I'd keep 4% in cash no matter what, just to sleep well.",
    "Hold 70% VTI and 30% BND, rebalanced annually; keep 2% in cash to cover school fees.",
])
def test_what_the_cash_buffer_is_for_adds_nothing(english):
    assert "cash buffer" in rbl_of(english)


# ---- max weight: a cap said as 'nothing more than', the excess spread or sat in cash, why it is there -------------

@pytest.mark.parametrize("english, cap", [
    ("Inverse volatility on VTI, VXUS, BND and GLD over 60 days, monthly; never more than 30% in a single fund.",
     "max weight 30%"),
    ("Risk parity 90 days across SPY, TLT, GLD and DBC, quarterly. Nothing more than 40% in any one asset, with anything "
     "above that spread across the others.", "max weight 40%, excess to other assets"),
    ("Inverse volatility over 60 days on SPY, QQQ, TLT and GLD, monthly. No single fund may be more than 35% of the "
     "account; whatever is above that should just sit in cash.", "max weight 35%"),
])
def test_a_cap_on_any_one_asset_in_more_words(english, cap):
    rbl = rbl_of(english)
    assert cap in rbl and (", excess" in cap or ", excess" not in rbl)


@pytest.mark.parametrize("english", [
    "Per the fund's risk limits, no single holding may exceed 30% of net assets. Inverse volatility over 60 days across "
    "AAPL, MSFT, KO and PG, monthly.",
    "Inverse volatility on SPY, TLT and GLD over 60 days, monthly. We're happy for the model to decide, but no single "
    "fund above 45% of the account.",
])
def test_why_a_weight_cap_is_there_adds_nothing(english):
    assert "max weight" in rbl_of(english)


def test_more_than_half_into_any_one_thing_stays_a_question():
    question_of("60% SPY and 40% AGG, quarterly. Never put more than half the money into any one thing.")


# ---- kill switch: the action said in the third person and with 'and stop', and why ------------------------------

@pytest.mark.parametrize("english", [
    "50/50 BTC ETH, rebalance when either is 10pp off; if the account ever drops 25% from the top it sells everything and "
    "stops.",
    "60% VTI, 40% BND quarterly. If the portfolio falls 20% below its high-water mark, everything is sold and trading "
    "stops. I'd much rather be out than lose more.",
])
def test_a_kill_switch_that_sells_and_stops(english):
    assert "max drawdown" in rbl_of(english)


def test_a_drawdown_brake_said_as_experienced_and_introduced():
    rbl = rbl_of("We're adding a circuit breaker to our 70/30 VTI/BND (quarterly rebalance). If the fund suffers a drawdown "
                 "of 15% or more, exposure is reduced to 50%, and it is restored to 100% once the drawdown is 5% or less.")
    assert "true when drawdown(portfolio) >= 15%" in rbl and "exposure if defensive then 50% else 100%" in rbl


# ---- costs: 'of commission', fees on whatever is traded, ticket fees per order, 'min trade:' -----------------------

@pytest.mark.parametrize("english, costs", [
    ("Backtest 60% VTI / 40% BND monthly and charge 5 bps of commission plus 2 bps of slippage per trade.",
     ("commission 5 bps", "slippage 2 bps")),
    ("SPY 50 TLT 50 quarterly; the broker's fee is 3 basis points on whatever gets traded.", ("commission 3 bps",)),
    ("60/40 SPY/AGG monthly, commission 1 bp, plus a $2 ticket fee per order.", ("commission 2 USD per order",)),
    ("SPY 70 / TLT 30 | rebalance: monthly | min trade: 25 USD", ("minimum trade 25 USD",)),
])
def test_costs_said_in_more_words(english, costs):
    rbl = rbl_of(english)
    assert all(cost in rbl for cost in costs)


# ---- leverage beside a volatility target, and rebalancing asked to wait without a length -------------------------

def test_no_leverage_beside_a_volatility_ceiling_is_a_question_about_leverage():
    question = question_of("70% SPY 30% TLT monthly, with a volatility target of 12% on 60-day vol, up to 2x. Our "
                           "account can't use leverage.")
    assert "leverage" in question


@pytest.mark.parametrize("english", [
    "60/40 VTI/BND, rebalance when either is 5pp off, but don't let it rebalance again too soon after the last one.",
    "SPY 50 TLT 50 on a 4pp band. Never trade too often.",
])
def test_rebalances_kept_apart_without_a_length_ask_how_many_days(english):
    assert "How many days" in question_of(english)


def test_the_approved_model_is_its_mix():
    rbl = rbl_of("Per our policy, orders must be sent for approval. The agreed model is 50% VTI / 50% BND, rebalanced "
                 "quarterly.")
    assert "mode alert" in rbl and "VTI 50%" in rbl


# ---- an unsized brake or kill switch: the condition first, the stop first, a reason after -------------------------

@pytest.mark.parametrize("english", [
    "VTI 70 BND 30, quarterly. If markets turn ugly, reduce the equity exposure by half until things improve.",
    "60/40 SPY/AGG monthly; when things get rough, trim the risk in half.",
])
def test_a_brake_with_its_condition_first_asks_how_deep(english):
    assert "How deep a fall" in question_of(english)


@pytest.mark.parametrize("english", [
    "SOL/ETH 50/50, rebal at 10pp. Make it stop everything if the account tanks too much.",
    "The EA needs a kill switch while I travel. SPY 60 TLT 40 monthly.",
])
def test_an_unsized_kill_switch_asks_how_deep(english):
    assert "How deep a fall" in question_of(english)


@pytest.mark.parametrize("said, minimum", [
    ("50/50 BTC/ETH, check daily, rebalance if either drifts over 8pp. skip dust trades under $20 lol", "20"),
    ("60% SPY, 40% AGG, rebalanced monthly; skip tiny orders below $50.", "50"),
])
def test_a_small_trade_skipped_by_its_size_is_a_minimum_trade(said, minimum):
    assert f"minimum trade {minimum} USD" in rbl_of(said)


@pytest.mark.parametrize("said", [
    "ETH 40 / SOL 30 / BTC 30, rebalanced monthly. If the whole port nukes 40% from ATH, sell everything, bot shuts off.",
    "SPY 60, AGG 40, rebalanced monthly. If my portfolio tanks 40% from the peak, sell everything and stop.",
])
def test_a_kill_switch_said_in_slang_is_a_max_drawdown(said):
    assert "max drawdown 40%" in rbl_of(said)
