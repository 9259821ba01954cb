"""The held-out English set (written without seeing the translator) and its measured floors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases
from rbl.dsl.english.evaluate import Score, evaluate, offline_translator

HELDOUT_PATH = Path(__file__).parent / "data" / "heldout_set.txt"
CASES = load_cases(HELDOUT_PATH)

# Measured once after the second pass (README.md, "English front end"; first pass: 3, 3, 3, 3), and
# after issue 17's round 2 (13 -> 16 -> 20; the set was not read while developing, only scored);
# raise them as the translator improves, lower them only with a reason in the commit. Raised in session 14 to what the
# reader scores now (28 of 32 IR-equal, 7/8); the set has been read since session 7, so this is a regression floor only.
FLOOR_PARSED, FLOOR_CHECKED, FLOOR_IR_EQUAL, FLOOR_QUESTIONS = 28, 28, 28, 7


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(offline_translator, "offline", CASES)


def test_the_set_has_40_heldout_descriptions_with_unique_ids():
    assert len(CASES) == 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.phrasing for c in CASES} == {"heldout"}


def test_about_a_fifth_of_the_set_expects_a_question():
    tags = Counter(c.ambiguity for c in CASES if c.question is not None)
    assert sum(tags.values()) == 8
    assert tags.keys() <= {"missing", "ambiguous"}


@pytest.mark.parametrize("case", [c for c in CASES if c.rbl], ids=lambda c: c.id)
def test_every_intended_strategy_passes_the_checks(case):
    compile_text(case.rbl)


def test_offline_translator_does_not_regress_on_the_heldout_set(score):
    assert score.strategies == 32
    assert score.parsed >= FLOOR_PARSED
    assert score.checked >= FLOOR_CHECKED
    assert score.ir_equal >= FLOOR_IR_EQUAL
    assert score.asked >= FLOOR_QUESTIONS


def test_every_strategy_the_translator_returns_is_the_intended_one(score):
    # A refusal or a question is safe; a checked strategy that differs from the intent is not.
    assert score.ir_equal == score.parsed, [m for m in score.misses if "could not place" not in m[1]]
