"""The offline reader widened by construct family (issue 17): calendars said in pieces or said twice, the nth trading
day of a week, and what writers say beside a schedule. Each test gives phrasings of one family that are not dev cases;
a family that can mean two things keeps a phrasing that must stay a question."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
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


# ---- inverse volatility with its window after the word, and what it does said beside it ---------------------------

@pytest.mark.parametrize("english, scheme", [
    ("Weight SPY, EFA and IEF in inverse proportion to their volatility over the last 90 trading days; rebalance monthly.",
     "inverse volatility(90 days) SPY, EFA, IEF"),
    ("Each of QQQ, TLT and GLD is sized inversely to its realised volatility measured over the past 30 days, reset "
     "quarterly.", "inverse volatility(30 days) QQQ, TLT, GLD"),
])
def test_inverse_volatility_with_the_window_after_the_word(english, scheme):
    assert scheme in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Size SPY, TLT and GLD in inverse proportion to their 60-day volatility, which means the steadier funds get more "
    "weight. Monthly.",
    "SPY, IEF and DBC weighted inversely to their 20-day volatility, so the quieter ones receive more; this leans the "
    "book towards the calmer assets. Rebalance monthly.",
])
def test_what_inverse_volatility_does_said_beside_it_is_no_new_fact(english):
    assert "target: inverse volatility(" in rbl_of(english)


def test_inverse_volatility_with_no_window_stays_a_question():
    assert "inverse proportion to their volatility" in question_of(
        "Weight SPY, TLT and GLD in inverse proportion to their volatility, monthly.")


# ---- a regime model: the state after 'its', the verb with its subject and mix, 'otherwise it does so' ------------

HMM = ("A 3-state hidden Markov model on SPY's 20-day volatility, fitted on all data once 3 years exist, refitted "
       "every year. ")


@pytest.mark.parametrize("english", [
    HMM + "In its quietest state it holds 70% SPY and 30% TLT; in any other state, 30% SPY and 70% TLT. Monthly.",
    HMM + "In our calm state we run 70% SPY and 30% TLT, otherwise 30% SPY and 70% TLT. Rebalance monthly.",
])
def test_a_regime_state_after_a_possessive(english):
    rbl = rbl_of(english)
    assert "if market is calm:" in rbl and "SPY 70%" in rbl


@pytest.mark.parametrize("english, rule", [
    (HMM + "In the calm state the desk rebalances its 60/40 SPY/TLT mix only monthly; otherwise it does so every "
     "Thursday.", "when if market is calm then monthly else weekly on thursday"),
    (HMM + "When the model says turbulent we check the 60/40 SPY/TLT book weekly, otherwise monthly. Band 5 points.",
     "check if market is turbulent then weekly on monday else monthly"),
])
def test_a_regime_cadence_with_a_subject_and_the_mix_named(english, rule):
    rbl = rbl_of(english)
    assert rule in rbl and "SPY 60%" in rbl and "TLT 40%" in rbl


@pytest.mark.parametrize("english", [
    "Hold 60% SPY and 40% IEF. A 2-state HMM is fitted to the S&P 500 ETF's 20-day volatility, refitting every year "
    "on all data since the start (the first fit needs 3 years). When it says turbulent rebalance weekly, otherwise "
    "monthly.",
    "Hold 60% VOO and 40% IEF. A 2-state HMM on the S&P fund's 20-day volatility, all data from the beginning, first "
    "fit needs 3 years, retraining every year. When it says turbulent rebalance weekly, otherwise monthly.",
])
def test_the_sp500_fund_named_by_what_it_is_and_the_fit_said_in_words(english):
    rbl = rbl_of(english)
    assert "states 2, fit expanding 3 years, refit every 1 year)" in rbl
    assert "hmm(vol(SPY, 20 days)" in rbl or "hmm(vol(VOO, 20 days)" in rbl


def test_the_sp500_fund_with_two_such_funds_held_is_not_guessed():
    english = ("Hold 30% SPY, 30% VOO and 40% IEF. A 2-state HMM on the S&P 500 ETF's 20-day volatility, refitted every "
               "year. When it says turbulent rebalance weekly, otherwise monthly.")
    translation = translate_offline(english)
    assert translation.rbl is None or "hmm(vol(SPY" not in translation.rbl and "hmm(vol(VOO" not in translation.rbl


# ---- turbulence said by what it is: an asset's volatility in the top of its one-year range ------------------------

@pytest.mark.parametrize("english, let, rule", [
    ("QQQ 70 / IEF 30. If QQQ's 20-day vol is in its top 20% over the last year, check daily with a 2pp band; "
     "otherwise check monthly with a 5pp band.", "let turbulent = percentile(vol(QQQ, 20 days), 1 year) > 80%",
     "check if turbulent then daily else monthly"),
    ("60% SPY and 40% AGG. When SPY's 10-day volatility is in the top 10% of its one-year range, then we want to "
     "check weekly with a tight band, 2 points; otherwise monthly with 6 points.",
     "let turbulent = percentile(vol(SPY, 10 days), 1 year) > 90%", "check if turbulent then weekly on monday else monthly"),
])
def test_turbulence_said_by_what_it_is_switches_the_cadence(english, let, rule):
    rbl = rbl_of(english)
    assert let in rbl and rule in rbl


@pytest.mark.parametrize("english", [
    "When SPY's 20-day vol is in the top 20% of its one-year range, hold 30/70 SPY/IEF; otherwise 60/40. Monthly.",
    "If SPY's 20-day volatility is in its top 20% over the past year, go 30/70 SPY/IEF, otherwise 60/40. Rebalance "
    "monthly.",
])
def test_turbulence_said_by_what_it_is_switches_the_target(english):
    rbl = rbl_of(english)
    assert "let turbulent = percentile(vol(SPY, 20 days), 1 year) > 80%" in rbl
    assert "if turbulent:" in rbl and "SPY 30%" in rbl and "SPY 60%" in rbl


def test_turbulence_with_only_one_state_said_stays_a_question():
    question_of("60/40 SPY/IEF. When SPY's 20-day vol is in the top 20% of its one-year range, check weekly with a "
                "2pp band; otherwise check monthly.")


# ---- the day a memo was written ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Memo, Friday morning. 60% VTI, 40% BND, rebalance quarterly.",
    "Notes (Wednesday): hold 50% SPY and 50% IEF, rebalanced monthly.",
])
def test_the_day_a_memo_was_written_is_no_schedule(english):
    rbl = rbl_of(english)
    assert "weekly" not in rbl


@pytest.mark.parametrize("english", [
    "The volatility switch. SPY 60 IEF 40; if SPY's 20-day vol is in the top 20% of its last year, check daily with a "
    "2pp band, otherwise check monthly with a 5pp band.",
    "My vol regime: 60/40 SPY/IEF, when SPY's 20-day vol is in its top 20% over the last year check weekly with a 3pp "
    "band; otherwise check monthly with a 6pp band.",
])
def test_a_name_for_the_turbulence_rule_is_its_label(english):
    assert "percentile(vol(SPY, 20 days), 1 year)" in rbl_of(english)


def test_a_volatility_label_with_no_volatility_rule_stays_a_question():
    assert "volatility thing" in question_of("Hold 50% SPY and 50% IEF, rebalanced monthly. The volatility thing, for later.")


# ---- a scheme said again, and 'redo it' ----------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Weight QQQ, IEF and GLD by the inverse of their 90 day volatility, so inverse vol, 90 days, rebalanced monthly.",
    "Size SPY and TLT by the inverse of their 20-day volatility -- yeah, inverse volatility, 20 days -- monthly.",
])
def test_an_inverse_volatility_scheme_said_again_with_its_window(english):
    assert "target: inverse volatility(" in rbl_of(english)


def test_an_inverse_volatility_scheme_said_again_with_another_window_stays_a_question():
    assert "90 days" in question_of(
        "Weight SPY, TLT and GLD by the inverse of their 60-day volatility, yeah, inverse vol, 90 days, monthly.")


@pytest.mark.parametrize("english", [
    "60% VTI and 40% BND; redo it every quarter.",
    "Hold SPY 70 and AGG 30 and re-do it every month.",
])
def test_redo_it_with_a_schedule(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl or "when monthly" in rbl
