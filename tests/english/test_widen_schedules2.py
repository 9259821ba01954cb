"""Issue 17, widening by construct (second pass, rounds 6-8): total drift said by its definition, cooldowns,
weekday and time-of-day schedules, tranches and momentum said loosely. Each family is read in the shapes traders
use, or ends in a question naming the phrase. Each case failed before this change, except those marked as guards
(phrasings the family's new rules must not disturb)."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of

WEIGHTS = "60% SPY, 40% TLT"


# ---- total drift said by its definition --------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, check monthly, and only rebalance if the total drift (sum of absolute drifts over two, i.e. one-way "
    "turnover) is above 3 points.",
    f"{WEIGHTS}, reviewed quarterly; a rebalance takes place only where the total drift of the portfolio (half the sum "
    "of the absolute deviations) exceeds 3 percentage points.",
    f"{WEIGHTS}, look every month and rebalance only when the sum of the absolute weight deviations divided by two "
    "exceeds 3 percentage points.",
    f"{WEIGHTS}, check monthly, rebalance when the overall turnover needed exceeds 3pp.",
])
def test_total_drift_said_by_its_definition_is_half_the_sum_of_the_drifts(english):
    assert "when sum of drift / 2 > 3pp" in rbl_of(english)


def test_a_total_drift_gate_written_as_a_formula_with_what_it_skips():
    rbl = rbl_of(f"{WEIGHTS}: check on the last trading day of each month and only trade if sum of |drift| / 2 > 3pp. "
                 "otherwise skip the month")
    assert "check last trading day of month\n    when sum of drift / 2 > 3pp" in rbl


def test_the_sum_of_the_drifts_alone_is_the_sum_itself():
    # guard: the sum said without halving stays the whole sum
    assert "when sum of drift > 10pp" in rbl_of(f"{WEIGHTS}, check monthly, rebalance when the sum of the absolute "
                                                 "drifts exceeds 10 percentage points.")


def test_a_total_drift_defined_as_the_whole_sum_is_a_question():
    # rbl's total drift is half the sum; a writer who defines it as the sum means a band twice as wide
    assert "whole sum" in question_of(f"{WEIGHTS}, check monthly, rebalance if the total drift (the sum of the "
                                      "absolute deviations) exceeds 4pp.")


# ---- tranches said loosely ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced quarterly, and each rebalance be executed in equal slices over 5 trading days.",
    f"{WEIGHTS}, monthly; all rebalance orders must be worked over 5 sessions rather than at once.",
    f"{WEIGHTS}, monthly; orders are sliced evenly over 5 trading days.",
    f"{WEIGHTS}, monthly, scale in over 5 sessions.",
    f"{WEIGHTS}, monthly, split the orders across a week.",
])
def test_a_rebalance_spread_over_days_or_sessions_is_tranches(english):
    assert "trade over 5 bars" in rbl_of(english)


def test_a_rebalance_split_into_days_is_one_tranche_a_day():
    assert "trade over 3 bars" in rbl_of(f"{WEIGHTS}, monthly, so please split each rebalancing into 3 days equally.")


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, weekly, and spread each rebalance over 4 days so we don't nuke the book.",
    f"{WEIGHTS}, monthly. I am afraid of moving the market, so please spread each rebalance over 4 days.",
    f"{WEIGHTS}, quarterly, and when we rebalance we don't dump it all in one go, we spread the trades over 4 days.",
])
def test_why_a_rebalance_is_spread_restates_its_tranches(english):
    assert "trade over 4 bars" in rbl_of(english)


def test_a_rebalance_split_into_parts_with_no_days_stays_a_question():
    assert "split each rebalance into 3 parts" in question_of(f"{WEIGHTS}, monthly, split each rebalance into 3 parts.")


# ---- cooldowns ---------------------------------------------------------------------------------------------------

BAND = f"{WEIGHTS}, rebalance whenever any asset is more than 3pp off target"


@pytest.mark.parametrize("english, spacing", [
    (f"{BAND}, but never within 10 trading days of the last rebalance.", "bars since rebalance >= 10"),
    (f"{BAND}, but not more than once every 3 weeks.", "bars since rebalance >= 3 weeks"),
    (f"{BAND}, min 2 weeks apart.", "bars since rebalance >= 2 weeks"),
    (f"{BAND}, at least 3 bars apart.", "bars since rebalance >= 3"),
])
def test_a_cooldown_spaces_out_the_band(english, spacing):
    assert f"when drift > 3pp and {spacing}" in rbl_of(english)


def test_a_cooldown_in_days_counts_calendar_days():
    assert "days since rebalance >= 10" in rbl_of(f"{BAND}, but never within 10 days of the last rebalance.")


def test_dont_trade_more_than_once_a_month_beside_a_daily_check_is_a_cooldown():
    assert "bars since rebalance >= 1 month" in rbl_of(f"{BAND}, checked daily; don't trade more than once a month.")


def test_dont_trade_more_than_once_a_month_with_no_check_cadence_is_a_question():
    # checking the band monthly, or a daily check with a month between trades: two readings, two strategies
    assert "once a month" in question_of(f"{BAND}. Please, don't trade more than once a month.")


# ---- weekday and time-of-day schedules ----------------------------------------------------------------------------

@pytest.mark.parametrize("english, rule", [
    (f"{WEIGHTS}, rebalance every tuesday.", "when weekly on tuesday"),
    (f"{WEIGHTS}. For the rebalance, please do it every Wednesday of the week.", "when weekly on wednesday"),
    (f"{WEIGHTS}, rebalance on the first trading day of the week.", "when 1st trading day of week"),
    (f"{WEIGHTS}, rebalance each friday after close.", "when weekly on friday"),
    (f"{WEIGHTS}, rebal every friday close.", "when weekly on friday"),
])
def test_a_weekday_schedule_said_loosely(english, rule):
    assert rule in rbl_of(english)


@pytest.mark.parametrize("english, rule", [
    (f"{WEIGHTS}. Rebalancing, please perform it at the last business day of each month.",
     "when last trading day of month"),
    (f"{WEIGHTS}. Once a year, first trading day of January, I put it back.", "when annually"),
    (f"{WEIGHTS}, rebalance at the quarter start.", "when quarterly"),
])
def test_a_calendar_said_loosely(english, rule):
    assert rule in rbl_of(english)


def test_a_check_at_each_month_start_is_the_check_cadence():
    assert "check monthly\n    when drift > 5pp" in rbl_of(f"{WEIGHTS}, check at each month start, rebalance when "
                                                            "any asset drifts more than 5pp.")


def test_a_close_after_a_daily_check_is_the_default_decision_time():
    translation = translate_offline(f"{WEIGHTS}, rebalance when any asset drifts more than 5pp, checking it every day "
                                    "after close.")
    assert "check daily" in translation.rbl and "execution" not in translation.rbl
    assert any("next open" in a for a in translation.assumptions)


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced weekly on Sunday... sorry, Monday.",
    f"{WEIGHTS}, rebalance every Sunday, no wait, every Monday.",
])
def test_a_weekday_the_writer_corrects_is_the_corrected_day(english):
    assert "when weekly on monday" in rbl_of(english)


@pytest.mark.parametrize("english, phrase", [
    (f"{WEIGHTS}, rebal sunday.", "sunday"),
    (f"{WEIGHTS}, rebalance weekly on Saturday.", "saturday"),
    (f"{WEIGHTS}, rebalance weekly on Monday... sorry, Sunday.", "sunday"),
])
def test_a_day_with_no_trading_is_a_question_naming_it(english, phrase):
    assert phrase in question_of(english).lower()


def test_at_the_close_after_a_calendar_is_not_taken_for_the_decision_time():
    # guard: 'rebalance monthly at the close' may mean trading at that close; the reader does not guess
    assert translate_offline(f"{WEIGHTS}, rebalance every friday at the close.").rbl is None


# ---- momentum said loosely ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english, target", [
    ("Each month hold the 2 of the 5 factor funds MTUM, QUAL, SIZE, USMV and VLUE with the highest return over the "
     "last 3 months, in equal parts.", "target: top 2 by return(price, 3 months) of MTUM, QUAL, SIZE, USMV, VLUE"),
    ("Take from AAPL, MSFT, JPM, KO, XOM, PG the 2 with the best 3-month return, equal weights, monthly.",
     "target: top 2 by return(price, 3 months) of AAPL, MSFT, JPM, KO, XOM, PG"),
    ("Each month the four names with the best 6-month return among AAPL, MSFT, JNJ, JPM, KO and PG are held in equal "
     "parts.", "target: top 4 by return(price, 6 months) of AAPL, MSFT, JNJ, JPM, KO, PG"),
])
def test_a_count_of_the_best_said_around_the_list(english, target):
    assert target in rbl_of(english)


@pytest.mark.parametrize("english, span", [
    ("Top 3 momentum stocks out of AAPL MSFT AMD LLY XOM with a 6 month lookback, monthly.", "6 months"),
    ("Hold the top 2 of SPY, EFA, EEM, TLT, lookback 6 months, monthly.", "6 months"),
    ("Hold the 2 best of SPY, EFA, EEM, TLT by past year's return, monthly.", "1 year"),
    ("Hold the top two of SPY, EFA, EEM, TLT by 6-mo perf, monthly.", "6 months"),
])
def test_a_ranking_lookback_said_loosely(english, span):
    assert f"by return(price, {span})" in rbl_of(english)


def test_the_top_few_is_a_question_of_how_many():
    assert "How many" in question_of("Momentum on the top few of AAPL MSFT KO JNJ XOM WMT by 6-month return, monthly.")
