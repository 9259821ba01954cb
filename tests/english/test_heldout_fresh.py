"""The fresh held-out set (issue 17): its structure only. It is scored once, by the lead, at the end;
nothing here runs the translator."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

PATH = Path(__file__).resolve().parent / "data" / "heldout_fresh.txt"
CASES = load_cases(PATH)
STRATEGIES = [case for case in CASES if case.question is None]
QUESTIONS = [case for case in CASES if case.question is not None]


def test_the_set_has_40_entries_with_unique_ids_f01_to_f40():
    assert [case.id for case in CASES] == [f"f{n:02d}" for n in range(1, 41)]


def test_every_entry_is_tagged_heldout_with_a_topic_and_a_voice():
    assert {case.phrasing for case in CASES} == {"heldout"}
    assert all(case.options.get("topic") and case.options.get("voice") for case in CASES)
    assert all(case.english for case in CASES)


def test_eight_entries_are_questions_tagged_missing_or_ambiguous():
    assert len(QUESTIONS) == 8
    assert all(case.ambiguity in {"missing", "ambiguous"} and case.question for case in QUESTIONS)
    assert all(not case.body for case in QUESTIONS)


def test_the_32_strategies_are_tagged_none():
    assert len(STRATEGIES) == 32
    assert Counter(case.ambiguity for case in STRATEGIES) == {"none": 32}


@pytest.mark.parametrize("case", STRATEGIES, ids=lambda case: case.id)
def test_every_intended_strategy_compiles(case):
    compile_text(case.rbl, path=f"{PATH.name}:{case.id}")
