"""Session 17 (w17-b): conditions, fallbacks and execution timing read by family: the trades said to happen at the
decision's close or at the next open in the ways traders say it. Every phrasing here is in neither the dev set nor the
matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of

MIX = "SPY 55%, TLT 45%, rebalanced on the first trading day of each month."


# ---- execution: the trades said to happen at the decision's own close ----------------------------------------------
@pytest.mark.parametrize("said", [
    "Execute at the close of the rebalance day.",
    "I want the orders filled at the same day's closing price, not the next morning's open.",
    "Trades get placed in the closing auction on the day the signal fires.",
    "I'd rather get filled at the close than at the next open.",
])
def test_the_trades_said_done_at_the_decisions_close(said):
    assert "execution decide at close, trade at close\n" in rbl_of(f"{MIX} {said}")


def test_a_weekdays_close_is_the_decisions_close_when_the_schedule_names_that_day():
    assert "execution decide at close, trade at close\n" in rbl_of(
        "SPY 55 / TLT 45, rebalanced every Wednesday; I want the trades done at Wednesday's close.")


def test_a_weekdays_close_the_schedule_does_not_name_is_asked_about():
    assert "friday's close" in question_of("SPY 55 / TLT 45, rebalanced monthly; trades at Friday's close.")


# ---- execution: the trades said to happen at the next open -------------------------------------------------------
@pytest.mark.parametrize("said", [
    "Orders execute on the open of the next trading day.",
    "The trades should be done at the following session's open.",
])
def test_the_trades_said_done_at_the_next_open(said):
    assert "execution decide at close, trade at next open\n" in rbl_of(f"{MIX} {said}")


# ---- a per-asset trend filter said as what happens to the losers -------------------------------------------------
FOUR = "VTI, VEA, BND and VNQ at 25% each, rebalanced monthly."
EACH_150_CASH = "while price > sma(price, 150 days) else CASH"


@pytest.mark.parametrize("said", [
    "Whatever is under its 150-day MA goes to cash.",
    "Anything trading below its 150d SMA gets sold and its slice sits in cash until it's back above.",
    "Any holding under its 150 day sma is sold and the money stays in cash until it climbs back above.",
    "Funds below their 150-day SMA are sold to cash.",
    "Anything under the 150dma gets cut to cash.",
])
def test_the_losers_said_sold_or_moved_to_cash(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


@pytest.mark.parametrize("said", [
    "Sell any fund that closes below its 150-day SMA, buy it back when it recovers.",
    "Sell whatever is below its 150-day moving average and sit in cash till it's above again.",
])
def test_the_losers_said_sold_first_hold_cash(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


@pytest.mark.parametrize("said", [
    "Drop anything trading under the 150-day, park that in cash.",
    "If a fund trades below its 150-day SMA, sell it and keep its 25% in cash until it's back above.",
])
def test_the_losers_dropped_with_their_money_said_parked_in_cash(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


def test_each_asset_only_held_above_its_average_with_no_while():
    assert EACH_150_CASH in rbl_of(f"{FOUR} Each asset only held above its 150 dma, otherwise its share is cash.")


@pytest.mark.parametrize("said", [
    "Drop anything trading under the 150-day.",
    "Anything below its 150-day SMA gets sold and redistributed to the others.",
])
def test_the_losers_dropped_with_no_place_for_their_money_is_asked(said):
    question_of(f"{FOUR} {said}")


def test_a_recovery_at_another_level_than_the_average_is_asked():
    assert "2%" in question_of(f"{FOUR} Sell anything below its 150-day SMA until it's 2% above it.")


# ---- a trend filter whose fallback is another asset of the mix, said as moving the weight --------------------------
QQQ_TO_SHY = "target:\n    QQQ 65% while price > sma(price, 9 months) else SHY\n    SHY 35%\n"


@pytest.mark.parametrize("english", [
    "65% QQQ, 35% SHY, monthly. If QQQ drops under its 9-month moving average, shift its 65% into SHY, and move it back once QQQ is above again.",
    "QQQ 65 / SHY 35 rebalanced monthly; rotate QQQ's share to SHY while it's below its 9m SMA",
    "65/35 QQQ/SHY monthly, swap QQQ for SHY when it's below its 9-month SMA",
    "65% QQQ and 35% SHY, rebalance monthly. When QQQ closes below its 9-month SMA, sell QQQ and buy SHY with the proceeds, "
    "and reverse once QQQ recovers.",
])
def test_an_assets_weight_moved_to_another_of_the_mix_below_its_average(english):
    assert QQQ_TO_SHY in rbl_of(english)


def test_a_share_moved_that_is_not_the_assets_weight_is_not_read_as_a_filter():
    assert "while" not in (_rbl_or_none("50% QQQ 50% SHY monthly; if QQQ is below its 200-day SMA, move its 60% into SHY") or "")


def test_moving_another_asset_than_the_one_below_its_average_is_not_a_filter_on_it():
    assert "while" not in (_rbl_or_none("60% QQQ 40% SHY monthly; move QQQ to SHY when SPY is below its 200-day SMA") or "")


def _rbl_or_none(english: str) -> str | None:
    from rbl.dsl.english.offline import translate_offline

    return translate_offline(english).rbl


# ---- a filter on the picks of a ranking ---------------------------------------------------------------------------
RANKED = "top 2 of XLK XLE XLF XLV XLY XLP by 3-month return, rebalanced monthly"
PICKS_50_CASH = "target: top 2 by return(price, 3 months) of XLK, XLE, XLF, XLV, XLY, XLP while price > sma(price, 50 days) else CASH"


@pytest.mark.parametrize("said", [
    "but only the ones above their 50d SMA, the rest goes to cash",
    "keep only the picks above their 50-day SMA; the rest sits in cash",
    "only those trading above their 50-day SMA; anything else in cash",
])
def test_the_picks_kept_said_as_the_ones_above_their_average(said):
    assert PICKS_50_CASH in rbl_of(f"{RANKED}, {said}.")


@pytest.mark.parametrize("said", [
    "excluding any that are under their 50d SMA (cash instead)",
    "a pick below its 50-day SMA is replaced by cash",
])
def test_the_picks_left_out_said_as_excluded_or_replaced(said):
    assert PICKS_50_CASH in rbl_of(f"{RANKED}; {said}.")


def test_the_picks_kept_with_no_place_for_the_rest_is_asked():
    assert "where should the weight go" in question_of(f"{RANKED}, but only the ones above their 50d SMA.")


# ---- batch 2: more of the same families ---------------------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "Anything trading below its 150-day SMA is sold; it's bought back when it closes above again.",
    "Each fund must be above its 150-day SMA to be held; if not, its weight goes to cash.",
    "Only hold funds that are above their 150-day SMA; the rest is cash.",
    "Positions under their 150-day SMA are moved to cash.",
    "Any ETF closing the month below its 150-day SMA is sold and held as cash until it closes a month above.",
    "If any of them closes under its 150-day SMA, that one goes to cash.",
    "Sell the ones below their 150dma and hold cash.",
    "Whatever's below its 150-day SMA goes to cash.",
])
def test_more_ways_the_losers_go_to_cash(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


@pytest.mark.parametrize("said", [
    "Trend filter: 150-day SMA per asset, below it = cash.",
    "Apply a 150-day SMA filter to each: below it, cash.",
    "150-day SMA filter on every fund -> under it goes to cash.",
])
def test_the_filter_said_as_a_spec_line_per_asset(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


@pytest.mark.parametrize("english", [
    "65% QQQ, 35% SHY, rebalanced monthly. If QQQ closes the month below its 9-month SMA, its weight shifts into SHY until it's back above.",
    "QQQ 65 SHY 35 monthly; QQQ below 9m SMA => QQQ's slice goes to SHY",
    "65% QQQ, 35% SHY, monthly. Whenever QQQ trades under its 9-month moving average, I rotate QQQ into SHY; when QQQ gets back "
    "above it, I rotate back.",
    "65% QQQ, 35% SHY, monthly. Hold QQQ while it's above its 9-month SMA, otherwise put its 65% in SHY.",
    "65% QQQ, 35% SHY, monthly. If QQQ is below its 9-month SMA, the QQQ allocation goes to SHY instead.",
    "65% QQQ, 35% SHY, monthly. QQQ gets swapped into SHY whenever it is below its 9-month SMA.",
    "65% QQQ, 35% SHY, monthly. Replace QQQ with SHY while QQQ is under its 9-month SMA.",
])
def test_more_ways_an_assets_weight_moves_to_another_of_the_mix(english):
    assert QQQ_TO_SHY in rbl_of(english)


def test_a_condition_below_the_average_is_never_read_as_holding_only_below_it():
    english = "60% SPY 40% AGG monthly; if SPY is below its 200-day SMA, move 20% into TLT"
    assert "SPY < sma" not in question_of(english)


@pytest.mark.parametrize("said", [
    "a pick under its 50-day SMA is swapped for cash",
    "only buy a winner if it's above its 50-day SMA, otherwise that slot is cash",
    "filtered by the 50-day SMA (below = cash)",
    "winners below their 50-day SMA sit in cash instead",
    "any of the two under its 50-day SMA goes to cash until the next rebalance",
])
def test_more_ways_the_picks_are_filtered(said):
    assert PICKS_50_CASH in rbl_of(f"{RANKED}; {said}.")


# ---- batch 3: emails and arrows ------------------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Hello, I'd like 65% QQQ and 35% SHY, monthly. When QQQ drops below its 9-month moving average, please move the QQQ portion "
    "into SHY, and move it back when QQQ recovers. Regards",
    "QQQ/SHY 65/35 monthly; QQQ below its 9m sma -> its 65% to SHY",
])
def test_the_weight_moved_said_in_an_email_or_by_an_arrow(english):
    assert QQQ_TO_SHY in rbl_of(english)


def test_an_arrow_after_an_asset_below_its_average_is_not_read_as_holding_it_only_below():
    assert "< sma" not in (_rbl_or_none("QQQ/SHY 65/35 monthly; QQQ below its 9m sma -> its 65% to SHY") or "")


@pytest.mark.parametrize("said", [
    "Anything under its 150-day SMA is sold at month end and the cash is held until it gets back above.",
    "If an asset closes below its 150-day SMA it is sold and the money sits in cash; it is bought back once it closes above.",
])
def test_the_sales_money_said_held_as_cash(said):
    assert EACH_150_CASH in rbl_of(f"{FOUR} {said}")


def test_the_picks_below_their_average_said_by_an_arrow():
    assert PICKS_50_CASH in rbl_of(f"{RANKED}; picks under their 50d SMA -> cash")


@pytest.mark.parametrize("said", [
    "with orders executed at that day's close rather than Monday's open.",
    "Trades should go through at the close, same day as the signal.",
    "executing at the close rather than the next day.",
])
def test_more_ways_the_trades_are_said_done_at_the_close(said):
    assert "execution decide at close, trade at close\n" in rbl_of(f"SPY 55 / TLT 45, rebalanced every Friday, {said}")


# ---- an order said not to be given is never read as the filter ----------------------------------------------------
@pytest.mark.parametrize("said", [
    "Don't sell anything below its 150-day SMA.",
    "We never move a fund under its 150-day SMA to cash.",
])
def test_a_negated_sale_of_the_losers_is_asked_about(said):
    question_of(f"{FOUR} {said}")


def test_a_negated_swap_is_asked_about():
    question_of("65% QQQ, 35% SHY, monthly. I never swap QQQ for SHY when it's below its 9-month SMA.")
