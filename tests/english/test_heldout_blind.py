"""The blind held-out set (issue 17) is well formed: structure only, never scored here.

The set is scored once, by the lead, with `rbl eval-translate`; these tests only check that every
entry loads, that the mix of strategies and questions is the one the set was written to, and that
every intended strategy is a valid rbl program.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

BLIND = Path(__file__).resolve().parent / "data" / "heldout_blind.txt"
CASES = load_cases(BLIND)


def test_the_set_has_forty_entries_with_unique_ids_b01_to_b40():
    ids = [case.id for case in CASES]
    assert ids == [f"b{n:02d}" for n in range(1, 41)]


def test_every_entry_is_tagged_heldout_with_a_topic_a_voice_and_english():
    for case in CASES:
        assert case.phrasing == "heldout", case.id
        assert case.options.get("topic") and case.options.get("voice"), case.id
        assert case.english, case.id


def test_eight_entries_are_questions_tagged_missing_or_ambiguous():
    questions = [case for case in CASES if case.question is not None]
    assert len(questions) == 8
    for case in questions:
        assert case.ambiguity in {"missing", "ambiguous"}, case.id
        assert case.question.strip(), case.id
        assert not case.body, f"{case.id}: a question case has no strategy body"


def test_the_other_thirty_two_are_strategies_tagged_none():
    strategies = [case for case in CASES if case.question is None]
    assert len(strategies) == 32
    assert all(case.ambiguity == "none" and case.body for case in strategies)


@pytest.mark.parametrize("case", [c for c in CASES if c.rbl is not None], ids=lambda c: c.id)
def test_every_intended_strategy_compiles(case):
    compile_text(case.rbl, path=f"{BLIND.name}:{case.id}")
