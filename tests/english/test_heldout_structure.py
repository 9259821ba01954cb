"""The blind held-out sets (issue 17) are well formed: structure only, nothing here runs the translator. Each set is
scored by the lead (tests/english/test_heldout_scores.py keeps its measured floors); a new set joins SETS."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.evalset import load_cases

DATA = Path(__file__).resolve().parent / "data"
SETS = {"heldout_fresh.txt": "f", "heldout_blind.txt": "b", "heldout_final.txt": "z",
        "heldout_next.txt": "n"}     # file: the letter of its ids; heldout_next is kept unscored for session 9
CASES = {name: load_cases(DATA / name) for name in SETS}


@pytest.mark.parametrize("name", SETS)
def test_the_set_has_forty_entries_with_ids_in_order(name):
    assert [case.id for case in CASES[name]] == [f"{SETS[name]}{n:02d}" for n in range(1, 41)]


@pytest.mark.parametrize("name", SETS)
def test_every_entry_is_tagged_heldout_with_a_topic_a_voice_and_english(name):
    for case in CASES[name]:
        assert case.phrasing == "heldout" and case.english, case.id
        assert case.options.get("topic") and case.options.get("voice"), case.id


@pytest.mark.parametrize("name", SETS)
def test_eight_entries_are_questions_tagged_missing_or_ambiguous(name):
    questions = [case for case in CASES[name] if case.question is not None]
    assert len(questions) == 8
    assert all(case.ambiguity in {"missing", "ambiguous"} and case.question.strip() and not case.body
               for case in questions)


@pytest.mark.parametrize("name", SETS)
def test_the_thirty_two_strategies_are_tagged_none(name):
    strategies = [case for case in CASES[name] if case.question is None]
    assert len(strategies) == 32 and all(case.ambiguity == "none" for case in strategies)


@pytest.mark.parametrize("case", [(name, case) for name in SETS for case in CASES[name] if case.question is None],
                         ids=lambda pair: pair[1].id)
def test_every_intended_strategy_compiles(case):
    name, case = case
    compile_text(case.rbl, path=f"{name}:{case.id}")
