"""The offline reader widened by construct family (issue 17): calendars said in pieces or said twice, the nth trading
day of a week, and what writers say beside a schedule. Each test gives phrasings of one family that are not dev cases;
a family that can mean two things keeps a phrasing that must stay a question."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a period said bare and, elsewhere, its one day ---------------------------------------------------------------

@pytest.mark.parametrize("english, rule", [
    ("My broker says weekly is best, so rebalance my 60% SPY and 40% AGG every Wednesday.", "when weekly on wednesday"),
    ("VTI 70 BND 30. Weekly rebalance please; the orders should go in on Fridays.", "when weekly on friday"),
    ("SPY 60, AGG 40, rebalanced once a month. The trades go in on the 4th trading day of each month.",
     "when 4th trading day of month"),
    ("Hold 50% QQQ and 50% TLT and rebalance quarterly; we do it on the last trading day of the quarter.",
     "when last trading day of quarter"),
])
def test_a_period_said_bare_takes_the_day_said_apart(english, rule):
    assert rule in rbl_of(english)


def test_two_days_in_one_period_stay_a_question():
    assert "several schedules" in question_of(
        "Weekly rebalancing of 60% SPY and 40% AGG: on Mondays, and on Thursdays as well.")


# ---- the first day of a month, quarter or year calendar said again -----------------------------------------------

@pytest.mark.parametrize("english, rule", [
    ("60% VTI, 40% BND. Check it once a quarter on the first trading day and rebalance when any fund is 5 percentage "
     "points off target.", "check quarterly"),
    ("alex: 70/30 SPY/IEF monthly?\nsam: monthly = 1st trading day right?\nalex: yes", "when monthly"),
    ("VTI 50 VXUS 30 BND 20, rebalanced yearly (first business day).", "when annually"),
])
def test_the_first_day_said_after_its_calendar_is_that_calendar(english, rule):
    assert rule in rbl_of(english)


def test_the_first_day_beside_a_weekly_calendar_stays_a_question():
    assert "first trading day" in question_of("60% SPY and 40% AGG, rebalanced every Tuesday on the first trading day.")


# ---- the nth trading day of a week ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english, rule", [
    ("Equal weight SPY, EFA and AGG, rebalanced on the 3rd trading day of every week.", "when 3rd trading day of week"),
    ("70% QQQ, 30% IEF; trade on the second trading day of each week.", "when 2nd trading day of week"),
])
def test_the_nth_trading_day_of_a_week(english, rule):
    assert rule in rbl_of(english)


# ---- trading and business misspelt ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english, rule", [
    ("spy 60 agg 40 rebal 3rd tradng day of each month pls", "when 3rd trading day of month"),
    ("VTI 80 BND 20, rebalance on the 2nd buisness day of the quarter", "when 2nd trading day of quarter"),
])
def test_trading_and_business_misspelt(english, rule):
    assert rule in rbl_of(english)


# ---- a day named for a meeting, after a preposition -----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Following the call we had on Monday, please hold 60% VTI and 40% BND and rebalance monthly.",
    "Since our meeting last Wednesday I'd like 70% SPY and 30% AGG, rebalanced quarterly.",
])
def test_a_day_named_for_a_meeting_is_no_schedule(english):
    rbl = rbl_of(english)
    assert "weekly" not in rbl and ("when monthly" in rbl or "when quarterly" in rbl)


# ---- what writers say beside a schedule ---------------------------------------------------------------------------

@pytest.mark.parametrize("english, rule", [
    ("60% VTI and 40% BND, rebalanced on the first trading day of each quarter. No trades in between.", "when quarterly"),
    ("Rules: SPY 50, IEF 50. Rebalance every Friday. That is it, nothing else trades... no further trading.",
     "when weekly on friday"),
])
def test_no_other_trading_beside_a_schedule_restates_it(english, rule):
    assert rule in rbl_of(english)


def test_no_other_trading_unless_something_stays_a_question():
    assert "unless" in question_of("VTI 60 BND 40 rebalanced quarterly, no other trading unless VTI moves 10 points.")


@pytest.mark.parametrize("english", [
    "Dad's account: VTI 60 BND 40, rebalance once a year. Don't touch it in between, he gets nervous.",
    "SPY 50 / TLT 50 monthly -- do not touch in between, she worries.",
])
def test_why_not_to_touch_in_between_is_no_new_fact(english):
    rbl = rbl_of(english)
    assert "when annually" in rbl or "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "Please set up 60% VTI and 40% BND, rebalanced monthly. No rush, when you get a chance is fine.",
    "VTI 70 BND 30 quarterly. Once you find a moment would be great.",
])
def test_when_you_get_a_chance_is_no_fact(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl or "when quarterly" in rbl
