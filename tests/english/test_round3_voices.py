"""Round 3 (issue 17): the reader widened by construct for voices unlike the first dev sets: emails to a broker,
forum posts, chat one-liners with typos and shorthand, non-native English, verbose advisers, client requests.
Each test gives a couple of phrasings of one family that are not dev cases."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.offline import translate_offline


def reading(english: str):
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    compile_text(translation.rbl)
    return translation


def rbl_of(english: str) -> str:
    return reading(english).rbl


def question_of(english: str) -> str:
    translation = translate_offline(english)
    assert translation.rbl is None and translation.question, translation.error or translation.rbl
    return translation.question


# ---- letters and posts: the greeting, the closing with a name, a closing request for an opinion carry no fact ----

@pytest.mark.parametrize("english", [
    "Dear Sir or Madam, please hold 60% SPY and 40% TLT, rebalanced monthly. Yours sincerely, A. Smith",
    "Hello team, 60% SPY and 40% TLT, rebalance monthly please. Best regards, Jan de Vries",
    "60% SPY and 40% TLT, rebalanced monthly. Does that make sense?",
    "My setup: 60% SPY / 40% TLT, rebalanced monthly. What do you think?",
])
def test_letters_and_posts_around_a_strategy_are_skipped(english):
    rbl = rbl_of(english)
    assert "SPY 60%" in rbl and "TLT 40%" in rbl and "when monthly" in rbl


def test_a_question_that_carries_a_fact_is_not_skipped_as_chatter():
    assert "What is the 10% for" in question_of("70 VTI 30 BND and rebalance at 10%, right?")


# ---- chat: shorthand, typos, tickers in lowercase (said back) ---------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("60/40 vti/bnd, rebalnce every qtr", ["VTI 60%", "BND 40%", "when quarterly"]),
    ("eq-wt SPY QQQ GLD mthly, 5bps comm, 2bps slip", ["equal weight SPY, QQQ, GLD", "when monthly",
                                                       "commission 5 bps", "slippage 2 bps"]),
    ("top2 of SPY EFA EEM by 6m ret, rebal last trading day of month", [
        "top 2 by return(price, 6 months) of SPY, EFA, EEM", "when last trading day of month"]),
])
def test_chat_shorthand_reads_as_the_words_it_stands_for(english, expected):
    rbl = rbl_of(english)
    for line in expected:
        assert line in rbl


def test_a_lowercase_ticker_is_read_and_said_back():
    translation = reading("50/50 qqq gld, rebal monthly")
    assert "QQQ 50%" in translation.rbl and "GLD 50%" in translation.rbl
    assert "'qqq' read as the ticker QQQ" in translation.assumptions


def test_only_well_known_tickers_are_read_in_lowercase():
    assert "Which 2 assets" in question_of("50/50 foo bar, rebalance monthly")
