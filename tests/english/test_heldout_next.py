"""The next blind held-out set (issue 17) is well formed: structure only, never scored here.

tests/english/data/heldout_next.txt was written without seeing the translator and is kept for the
next session to score once; these tests read its structure and compile its intended strategies, and
never run the translator on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

SET = Path(__file__).resolve().parent / "data" / "heldout_next.txt"
CASES = load_cases(SET)
STRATEGIES = [case for case in CASES if case.question is None]
QUESTIONS = [case for case in CASES if case.question is not None]


def test_the_set_has_forty_entries_with_ids_n01_to_n40():
    assert [case.id for case in CASES] == [f"n{number:02d}" for number in range(1, 41)]


def test_every_entry_is_a_held_out_phrasing_with_a_topic_and_a_voice():
    for case in CASES:
        assert case.phrasing == "heldout", case.id
        assert case.english, case.id
        assert case.options.get("topic") and case.options.get("voice"), case.id


def test_eight_entries_are_questions_tagged_missing_or_ambiguous():
    assert len(QUESTIONS) == 8
    for case in QUESTIONS:
        assert case.ambiguity in {"missing", "ambiguous"}, case.id
        assert case.question.strip() and not case.body, case.id


def test_the_thirty_two_strategy_entries_are_tagged_none_and_have_a_body():
    assert len(STRATEGIES) == 32
    for case in STRATEGIES:
        assert case.ambiguity == "none" and case.body, case.id


@pytest.mark.parametrize("case", STRATEGIES, ids=lambda case: case.id)
def test_every_intended_strategy_compiles(case):
    compile_text(case.rbl, f"{SET.name}:{case.id}")
