"""Issue 17, widening by construct (blind batch v9, the rest): a writer doubting the day just said, a split said to be
still undecided. Each family is read, or ends in a question naming what is missing."""

from __future__ import annotations

import pytest

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
