"""Chatter around a strategy is skipped and listed; meaningful words no rule reads are a question naming them
(issue 17: a trader's message is mostly words that are not the strategy)."""

import pytest

from rbl.dsl.english.chatter import carries_meaning
from rbl.dsl.english.offline import translate_offline

STRATEGY = "70% VTI and 30% BND, rebalanced every quarter."


def test_background_and_sign_offs_around_a_strategy_are_skipped():
    translation = translate_offline("Hey guys, long time lurker here. I finally got around to automating my boring "
                                    f"portfolio. {STRATEGY} My wife thinks I'm crazy lol. Any thoughts appreciated!")
    assert "VTI 70%" in translation.rbl and "when quarterly" in translation.rbl


def test_the_skipped_clauses_are_listed_as_written():
    translation = translate_offline(f"My wife thinks I'm crazy. {STRATEGY}")
    skipped = next(a for a in translation.assumptions if a.startswith("not read as part of the strategy"))
    assert "'my wife thinks i'm crazy'" in skipped


def test_a_strategy_with_no_chatter_lists_nothing_skipped():
    translation = translate_offline(STRATEGY)
    assert not any(a.startswith("not read") for a in translation.assumptions)


@pytest.mark.parametrize("aside, phrase", [
    ("Please never touch the bonds.", "never touch the bonds"),
    ("Skip December.", "skip december"),
    ("Sell it all if things get scary.", "sell it all if things get scary"),
    ("My client is 45 and retires at 60.", "my client is 45 and retires at 60"),
])
def test_an_aside_with_a_trading_word_a_negation_or_a_number_is_asked_about(aside, phrase):
    translation = translate_offline(f"{STRATEGY} {aside}")
    assert translation.rbl is None and f"'{phrase}'" in translation.question.lower()


def test_a_negation_that_negates_chatter_is_chatter():
    translation = translate_offline(f"I can't find the link now. {STRATEGY}")
    assert translation.rbl is not None


def test_a_leverage_sentence_is_never_skipped():
    translation = translate_offline(f"{STRATEGY} We can't use leverage in this account.")
    if translation.rbl is None:
        assert "can't use leverage" in translation.question
    else:
        assert "max leverage 1x" in translation.rbl


@pytest.mark.parametrize("word", ["never", "don't", "5", "12%", "rebalancing", "volatility", "friday", "cap",
                                  "fees", "drawdown", "unless", "leverage", "approve", "cash"])
def test_words_that_could_change_the_trades_carry_meaning(word):
    assert carries_meaning(word)


@pytest.mark.parametrize("word", ["wife", "crazy", "lurker", "office", "spreadsheet", "understand", "thoughts",
                                  "address", "topic", "ethics"])
def test_everyday_words_carry_none(word):
    assert not carries_meaning(word)
