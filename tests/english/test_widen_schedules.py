"""Issue 17, widening by construct: calendars said with a tail ('every month, first day'), momentum lookbacks and
counts said loosely, and tranches said by what they avoid ('not in one go'). Each is read by family, or ends in a
question naming the phrase; each case failed before this change."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.offline import translate_offline

WEIGHTS = "60% SPY, 40% TLT"


def _read(english: str) -> str:
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    compile_text(translation.rbl)
    return translation.rbl


# ---- tranches said by what they avoid --------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalanced monthly. We'd prefer not to rebalance in one go: split each rebalance into 5 daily slices.",
    f"{WEIGHTS}, monthly. Don't dump your whole rebal in one candle, trade each rebalance over 5 days.",
    f"{WEIGHTS}, monthly, each rebalance traded over 5 days; I hate the idea of dumping everything on one day's price.",
])
def test_not_in_one_go_beside_a_count_restates_the_tranches(english):
    assert "trade over 5 bars" in _read(english)


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, monthly, each rebalance traded over 4 days so we don't move the price.",
    f"{WEIGHTS}, monthly, each rebalance traded over 4 days to reduce market impact.",
])
def test_why_the_trades_are_spread_is_no_fact_of_its_own(english):
    assert "trade over 4 bars" in _read(english)


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
