"""The final blind held-out set (issue 17): its structure only. It is scored once, by the lead, elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

SET_PATH = Path(__file__).resolve().parent / "data" / "heldout_final.txt"
CASES = load_cases(SET_PATH)
STRATEGIES = [case for case in CASES if case.question is None]
QUESTIONS = [case for case in CASES if case.question is not None]


def test_the_set_has_forty_entries_with_unique_ids_z01_to_z40():
    assert [case.id for case in CASES] == [f"z{n:02d}" for n in range(1, 41)]


def test_every_entry_is_tagged_heldout_with_a_topic_a_voice_and_english():
    for case in CASES:
        assert case.phrasing == "heldout", case.id
        assert case.options.get("topic") and case.options.get("voice"), case.id
        assert case.english, case.id


def test_eight_entries_are_questions_tagged_missing_or_ambiguous():
    assert len(QUESTIONS) == 8
    for case in QUESTIONS:
        assert case.ambiguity in {"missing", "ambiguous"}, case.id
        assert case.question and not case.body, case.id


def test_the_thirty_two_strategy_entries_are_tagged_none():
    assert len(STRATEGIES) == 32
    assert all(case.ambiguity == "none" for case in STRATEGIES)


@pytest.mark.parametrize("case", STRATEGIES, ids=lambda case: case.id)
def test_every_intended_strategy_compiles(case):
    compile_text(case.rbl, path=f"{case.id}.rbl")
