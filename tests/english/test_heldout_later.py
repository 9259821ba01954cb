"""The sixth held-out set (heldout_later.txt) is well formed. Structure only: its score's floors are in
test_heldout_scores.py (issue 17; scored once by the lead, in session 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

PATH = Path(__file__).resolve().parent / "data" / "heldout_later.txt"
CASES = load_cases(PATH)
STRATEGIES = [case for case in CASES if case.question is None]


def test_the_set_has_forty_entries_with_ids_l01_to_l40():
    assert [case.id for case in CASES] == [f"l{n:02d}" for n in range(1, 41)]


def test_every_entry_is_tagged_heldout_with_a_topic_and_a_voice():
    for case in CASES:
        assert case.phrasing == "heldout", case.id
        assert case.options.get("topic") and case.options.get("voice"), case.id
        assert case.english, case.id


def test_eight_entries_are_questions_tagged_missing_or_ambiguous():
    questions = [case for case in CASES if case.question is not None]
    assert len(questions) == 8
    for case in questions:
        assert case.ambiguity in {"missing", "ambiguous"}, case.id
        assert case.question and not case.body, case.id


def test_strategy_entries_are_tagged_none():
    assert len(STRATEGIES) == 32
    assert all(case.ambiguity == "none" and case.body for case in STRATEGIES)


@pytest.mark.parametrize("case", STRATEGIES, ids=lambda case: case.id)
def test_every_intended_strategy_compiles(case):
    compile_text(case.rbl, path=f"{PATH.name}:{case.id}")
