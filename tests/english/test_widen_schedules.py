"""Issue 17, widening by construct: calendars said with a tail ('every month, first day'), momentum lookbacks and
counts said loosely, and tranches said by what they avoid ('not in one go'). Each is read by family, or ends in a
question naming the phrase. Each case failed before this change, except those marked as guards (phrasings the
family's new rules must not disturb)."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import rbl_of

WEIGHTS = "60% SPY, 40% TLT"


# ---- tranches said by what they avoid --------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced monthly. We'd prefer not to rebalance in one go: split each rebalance into 5 daily slices.",
    f"{WEIGHTS}, monthly. Don't dump your whole rebal in one candle, trade each rebalance over 5 days.",
    f"{WEIGHTS}, monthly, each rebalance traded over 5 days; I hate the idea of dumping everything on one day's price.",
])
def test_not_in_one_go_beside_a_count_restates_the_tranches(english):
    assert "trade over 5 bars" in rbl_of(english)


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, monthly, each rebalance traded over 4 days so we don't move the price.",
    f"{WEIGHTS}, monthly, each rebalance traded over 4 days to reduce market impact.",
])
def test_why_the_trades_are_spread_is_no_fact_of_its_own(english):
    assert "trade over 4 bars" in rbl_of(english)


@pytest.mark.parametrize("english, phrase", [
    (f"{WEIGHTS}, monthly; we'd prefer not to rebalance in one go.", "in 1 go"),
    (f"{WEIGHTS}, monthly; don't trade the whole rebalance in a single candle.", "single candle"),
    (f"{WEIGHTS}, monthly, but please spread each rebalance over a few days.", "a few days"),
])
def test_a_spread_without_a_count_is_a_question(english, phrase):
    translation = translate_offline(english)
    assert translation.rbl is None
    assert "how many trading days" in translation.question
    assert phrase in translation.phrase


def test_the_question_about_a_spread_quotes_the_words_it_asks_about():
    question = translate_offline(f"{WEIGHTS}, quarterly, but spread each rebalance over a few days.").question
    assert "'spread each rebalance over a few days'" in question


# ---- calendars said with their day apart -----------------------------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("80 qqq 20 gld, rebal every month, first day.", "when monthly"),
    (f"{WEIGHTS}, rebalance each quarter, on the first trading day.", "when quarterly"),
    (f"{WEIGHTS}, please rebalance one time per year.", "when annually"),
    (f"{WEIGHTS}, rebalanced monthly, the 3rd trading day.", "when 3rd trading day of month"),
    (f"{WEIGHTS}, every quarter, on the second trading day of the quarter.", "when 2nd trading day of quarter"),
    (f"{WEIGHTS}, monthly rebalance on the third trading day.", "when 3rd trading day of month"),
    (f"{WEIGHTS}, rebalance on the 3rd trading day, every month.", "when 3rd trading day of month"),
])
def test_a_calendar_and_its_day_said_apart_are_one_schedule(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english, expected", [
    (f"{WEIGHTS} | rebal = end of each year (last trading day)", "when last trading day of year"),
    (f"{WEIGHTS}, reset it every friday at the close of the week.", "when weekly on friday"),
    (f"{WEIGHTS}, rebal on the last trading day of each month instead of the 1st.", "when last trading day of month"),
    (f"{WEIGHTS}, rebalanced on the second trading day of each quarter rather than on the first.",
     "when 2nd trading day of quarter"),
])
def test_the_day_a_calendar_means_said_twice_or_against_another_is_read_once(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english, expected", [
    (f"{WEIGHTS}, rebalanced on the 5th trading day of every month; rebalancing a few days into the month avoids the "
     "turn-of-month flows.", "when 5th trading day of month"),
    (f"{WEIGHTS}, rebalanced on the 3rd trading day of each month, which dodges the month-start rush.",
     "when 3rd trading day of month"),
])
def test_why_the_first_is_not_the_day_is_no_fact_of_its_own(english, expected):
    assert expected in rbl_of(english)


def test_a_reason_against_the_first_beside_a_first_day_schedule_stays_a_question():
    translation = translate_offline(f"{WEIGHTS}, monthly, which avoids the turn-of-month flows.")
    assert translation.rbl is None


@pytest.mark.parametrize("english, expected", [
    (f"{WEIGHTS}. Honestly I don't want it traded more than once a quarter, so let's make it the first trading day of "
     "each quarter.", "when quarterly"),
    (f"{WEIGHTS}. We don't want it rebalanced more often than once a year: the first trading day of the year.",
     "when annually"),
])
def test_a_cap_that_is_the_schedule_reads_as_the_schedule(english, expected):
    assert expected in rbl_of(english)


def test_a_cap_that_differs_from_the_schedule_is_a_question():
    translation = translate_offline(f"{WEIGHTS}. I don't want it traded more than once a quarter; rebalance monthly.")
    assert "several schedules" in translation.question


def test_a_wish_that_restates_the_schedule_is_no_fact_of_its_own():
    english = f"{WEIGHTS}, rebalance it once a year on the first trading day of the year, she doesn't want it touched more than that."
    assert "when annually" in rbl_of(english)


@pytest.mark.parametrize("english, phrase", [
    (f"{WEIGHTS}, rebalanced a few days into the month.", "a few days into the month"),
    (f"{WEIGHTS}, every quarter, first day of the month.", "first day of the month"),
    (f"{WEIGHTS}, rebalanced monthly, the 5th day.", "the 5th day"),
    (f"{WEIGHTS}, quarterly rebalancing on the 2nd trading day of the month.", "2nd trading day of the month"),
])
def test_a_day_the_text_does_not_pin_down_is_a_question(english, phrase):
    translation = translate_offline(english)
    assert translation.rbl is None
    assert phrase in translation.question


def test_a_few_days_into_the_month_beside_the_nth_trading_day_is_that_day():
    english = f"{WEIGHTS}, rebalanced on the 5th trading day of every month: a few days into the month."
    assert "when 5th trading day of month" in rbl_of(english)


@pytest.mark.parametrize("english, expected", [
    (f"Thank you for meeting with my husband and me on Tuesday. {WEIGHTS}, rebalanced on the 3rd trading day of each "
     "month.", "when 3rd trading day of month"),
    (f"{WEIGHTS}, rebalanced on the 3rd trading day of each month, since our salaries arrive at the start of the month.",
     "when 3rd trading day of month"),
    (f"{WEIGHTS}, rebalanced on the 5th business day of each month, because on the first days my salary arrives.",
     "when 5th trading day of month"),
])
def test_a_day_named_as_an_event_or_a_reason_is_no_second_schedule(english, expected):
    assert expected in rbl_of(english)


# guard: already read before this change
def test_a_weekday_said_as_the_rule_is_still_the_schedule():
    assert "when weekly on tuesday" in rbl_of(f"{WEIGHTS}, rebalance on Tuesday.")


# guard: already a question before this change
def test_a_pension_at_the_start_of_the_month_beside_mid_month_stays_a_question():
    translation = translate_offline(f"{WEIGHTS}; rebalance mid-month, as my pension arrives at the start of the month.")
    assert translation.rbl is None
    assert "mid-month" in translation.question


# ---- momentum lookbacks and counts -----------------------------------------------------------------------------

DUAL = "Each month, hold whichever of SPY, EFA has the higher 12m return, but only if it beats BIL"
DUAL_TARGET = "target: top 1 by return(price, 12 months) of SPY, EFA while return(price, 12 months) > return(BIL, 12 months) else IEF"


@pytest.mark.parametrize("english", [
    f"{DUAL} over 12m; if not, hold IEF.",
    f"{DUAL} over the last 12 months; otherwise hold IEF.",
])
def test_the_bar_of_dual_momentum_said_over_the_ranking_window(english):
    assert DUAL_TARGET in rbl_of(english)


def test_a_bar_said_over_another_window_than_the_ranking_is_a_question():
    translation = translate_offline(f"{DUAL} over 6 months; if not, hold IEF.")
    assert translation.rbl is None
    assert "'6 months'" in translation.question


# guard: already read before this change
@pytest.mark.parametrize("english", [
    "Monthly, hold the strongest 2 of SPY, EFA, EEM over 12m.",
    "Monthly, hold the 2 best performers of SPY, EFA, EEM by their 12-month return.",
])
def test_a_count_and_a_lookback_said_loosely_rank_the_assets(english):
    assert "target: top 2 by return(price, 12 months) of SPY, EFA, EEM" in rbl_of(english)


# guard: already a question before this change
@pytest.mark.parametrize("english", [
    "Monthly, hold the best performers of SPY, EFA, EEM, GLD by 12-month return.",
    "Each week hold the top performers out of SOL, BTC, ETH, AVAX, by 30 day return.",
])
def test_performers_with_no_count_is_a_question(english):
    assert "How many of the assets" in translate_offline(english).question
