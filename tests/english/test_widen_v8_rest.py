"""The offline reader widened on the blind v8 batch's remaining misses (issue 17, session 11): expert voices that write
a rule as its formula, an aside or a terse list. Each test gives phrasings that are not dev cases."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a volatility target written as its formula: 'exposure = min(10% / vol over 20 days, 1.5x)' ---------------------

@pytest.mark.parametrize("english, exposure", [
    ("70/30 VTI/BND with vol targeting: exposure = min(12% / 60-day portfolio vol, 2x), monthly.",
     "exposure min(12% / vol(basket, 60 days), 2x)"),
    ("SPY 60 TLT 40. exposure = 8% / realised volatility of the basket over 40 days. rebalance quarterly",
     "exposure 8% / vol(basket, 40 days)"),
])
def test_a_volatility_target_written_as_its_formula(english, exposure):
    rbl = rbl_of(english)
    assert exposure in rbl
    assert "max leverage" not in rbl       # the cap inside min( ) is the formula's, not a separate constraint


def test_a_volatility_target_formula_without_a_window_asks_for_it():
    assert "lookback" in question_of("50/50 SPY/TLT, exposure = min(10% / portfolio vol, 1.5x), monthly.")


# ---- why a limit is there, said after it: 'otherwise we churn fees in chop' ------------------------------------------

@pytest.mark.parametrize("english", [
    "60/40 SPY/AGG, band 5pp with at least 20 bars between trades, otherwise we'd bleed commissions in sideways markets.",
    "SPY 60 AGG 40; 5pp band, min 20 bars between rebalances or else we just churn fees.",
])
def test_the_cost_of_trading_too_often_said_as_a_reason_is_no_rule(english):
    assert "when drift > 5pp and bars since rebalance >= 20" in rbl_of(english)


def test_an_otherwise_that_names_a_holding_stays_read():
    rbl = rbl_of("Hold 100% SPY while SPY is above its 200-day moving average, otherwise 100% IEF, monthly.")
    assert "IEF" in rbl


# ---- where the account sits and how long the chore takes --------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I hold 60/40 SPY/AGG inside my Roth IRA account and rebalance quarterly.",
    "Holding 80/20 VTI/BND in a tax-deferred account, rebalanced annually; it takes me about 5 minutes.",
])
def test_the_kind_of_account_and_the_time_a_chore_takes_are_no_rule(english):
    rbl = rbl_of(english)
    assert "rebalance:" in rbl and ("quarterly" in rbl or "annually" in rbl)


def test_a_tax_rule_beside_the_account_stays_a_question():
    assert question_of("Hold 60/40 SPY/AGG in a taxable account, rebalance quarterly, and harvest tax losses above $3,000.")


# ---- a terse list's item that is only a cost: 'monthly, 5 bps.' ---------------------------------------------------

@pytest.mark.parametrize("english, cost", [
    ("SPY/TLT 60/40; quarterly; 3bp", "commission 3 bps"),
    ("60/40 SPY AGG, rebalance when drift > 5pp, tc: 8 bps", "commission 8 bps"),
])
def test_a_bare_cost_in_a_terse_list_is_the_commission(english, cost):
    assert cost in rbl_of(english)


def test_a_bare_spread_keeps_its_kind():
    rbl = rbl_of("SPY/TLT 60/40, quarterly, 4 bps spread.")
    assert "spread 4 bps" in rbl and "commission" not in rbl


# ---- conditional weights with the state named in between and 'otherwise we stay 50/50' ------------------------------

@pytest.mark.parametrize("english", [
    "When QQQ's 20-day vol is above 30% we call it risk-off and move to 20% QQQ, 80% IEF; otherwise we stay 60/40. "
    "Rebalance weekly.",
    "If QQQ's 20-day vol is above 30%, we treat it as a stressed regime and go to 20% QQQ, 80% IEF, otherwise stay at "
    "60/40. Weekly.",
])
def test_conditional_weights_with_the_state_named_and_the_else_as_stay(english):
    rbl = rbl_of(english)
    assert "if vol(QQQ, 20 days) > 30%:" in rbl
    assert "QQQ 20%" in rbl and "IEF 80%" in rbl and "QQQ 60%" in rbl and "IEF 40%" in rbl


# ---- a kill switch said in the third person: 'it liquidates everything and stops' ----------------------------------

@pytest.mark.parametrize("english", [
    "QQQ 70 TLT 30, monthly; if the portfolio ever falls 25% from its peak the bot liquidates everything and stops.",
    "60/40 SPY/AGG quarterly, and should it drop 25% from the high it liquidates the lot and stops trading.",
])
def test_a_kill_switch_said_in_the_third_person(english):
    assert "max drawdown 25%" in rbl_of(english)


# ---- drift said as 'has strayed by more than 3pp'; no borrowing said of the account ----------------------------------

@pytest.mark.parametrize("english", [
    "70% VTI and 30% BND, brought back to target whenever a fund has strayed by more than 4 percentage points.",
    "VTI 70 / BND 30: rebalance once any holding has wandered more than 4pp from target.",
])
def test_drift_said_as_having_strayed(english):
    assert "when drift > 4pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold 60% SPY and 40% IEF, rebalanced quarterly. Under no circumstances may the portfolio borrow money.",
    "60/40 SPY/IEF, quarterly; the account must never borrow to invest.",
])
def test_no_borrowing_said_of_the_account_is_no_leverage(english):
    assert "max leverage 1x" in rbl_of(english)


# ---- a bad experience that sent the writer here: 'after getting wrecked by a "proven" options course' ---------------

@pytest.mark.parametrize("english", [
    "After being burned by meme stocks I'm getting back to basics: 60% VTI, 40% BND, rebalance every quarter.",
    "after getting rekt by a discord signals group we went back to basics. VTI 60 BND 40, quarterly.",
])
def test_a_bad_experience_before_the_plan_is_background(english):
    rbl = rbl_of(english)
    assert "VTI 60%" in rbl and "when quarterly" in rbl


def test_a_rule_after_the_bad_experience_is_still_read():
    assert "max leverage 1x" in rbl_of("After getting burned by leverage I never use margin. 60/40 SPY/AGG quarterly.")
