"""Changes to a description that cannot change its strategy do not change what the reader writes (metamorphic
properties on the dev set: a wrong strategy is the reader's worst failure, and these find one without an intended
answer). A question is allowed: a class word ('the gold leg') or a fund said in words ('the S&P fund') no longer
names a made-up ticker. Session 15 ran them on every dev case the reader reads (1,186 strategies): none returned a
different strategy. CI runs every 6th case."""

import re

import pytest

from rbl.dsl.english.evalset import load_cases
from rbl.dsl.english.offline import translate_offline

# Made-up tickers no rule knows: the reader must place them by where they stand, not by what they are.
FRESH_TICKERS = ("QWER", "ZXCV", "ASDF", "POIU", "LKJH", "MNBV", "TYUI", "GHJK")


def _read_cases() -> list[tuple[str, str, str]]:
    read = []
    for case in load_cases()[::6]:
        translation = translate_offline(case.english) if case.question is None else None
        if translation and translation.rbl:
            read.append((case.id, case.english, translation.rbl))
    return read


READ = _read_cases()


def _rules(rbl: str) -> str:
    """The strategy's rules: every line but the name, the asset declarations, the comments and the year length (a
    coin's 365-day year comes from knowing the coin, which a made-up ticker is not)."""
    return "\n".join(line for line in rbl.splitlines()
                     if line.strip() and not line.startswith(("#", "strategy", "asset ", "annualize ")))


def _renamed(english: str, rbl: str) -> tuple[str, dict[str, str]]:
    """`english` with each declared asset it names by ticker (CASH aside) replaced by a fresh ticker; the renames."""
    named = [name for name in re.findall(r"^asset ([A-Z][A-Z0-9_]*)", rbl, re.M) if re.search(rf"\b{name}\b", english)]
    renames = dict(zip(named, FRESH_TICKERS))
    for old, new in renames.items():
        english = re.sub(rf"\b{old}\b", new, english)
    return english, renames


@pytest.mark.parametrize("case_id, english, rbl", READ, ids=[case_id for case_id, _, _ in READ])
def test_renaming_the_tickers_renames_them_in_the_strategy_and_changes_no_rule(case_id, english, rbl):
    renamed, renames = _renamed(english, rbl)
    translation = translate_offline(renamed)
    if translation.rbl is None:
        assert translation.question, translation.error
        return
    rules = _rules(translation.rbl)
    for old, new in renames.items():
        rules = re.sub(rf"\b{new}\b", old, rules)
    assert rules == _rules(rbl)


@pytest.mark.parametrize("case_id, english, rbl", READ, ids=[case_id for case_id, _, _ in READ])
def test_a_greeting_and_a_thanks_around_the_description_change_no_rule(case_id, english, rbl):
    translation = translate_offline(f"Hi, {english.strip()} Thanks!")
    if translation.rbl is None:
        assert translation.question, translation.error
        return
    assert _rules(translation.rbl) == _rules(rbl)


def test_almost_every_description_with_its_tickers_renamed_still_reads():
    """The properties above allow a question; this keeps them from passing on a reader that only asks."""
    asked = [case_id for case_id, english, rbl in READ if translate_offline(_renamed(english, rbl)[0]).rbl is None]
    assert len(asked) <= len(READ) // 50, asked
