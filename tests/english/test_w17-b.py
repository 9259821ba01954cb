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
