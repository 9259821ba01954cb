"""The fresh held-out set's measured floors (issue 17). Scored once by the lead on fb73473, after the
reader's round-3 widening and before any further change to it: 3 of 32 strategies checked, 2 IR-equal,
3 backtest-equal, 0 of 8 right questions (docs/english.md). The messages below print counts only:
the misses name the set's wording, and a set whose misses are read is no longer held out."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.english.evalset import load_cases
from rbl.dsl.english.evaluate import Score, evaluate, offline_translator

CASES = load_cases(Path(__file__).resolve().parent / "data" / "heldout_fresh.txt")

# Raise them as the reader improves; lower them only with a reason in the commit.
FLOOR_CHECKED, FLOOR_IR_EQUAL, FLOOR_QUESTIONS = 3, 2, 0


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(offline_translator, "offline", CASES)


def _counts(score: Score) -> str:
    return (f"checked {score.checked}, IR-equal {score.ir_equal}, backtest-equal {score.backtest_equal}, "
            f"questions {score.asked}/8, wrong {score.wrong}")


def test_the_reader_does_not_fall_below_its_measured_floors(score):
    assert (score.checked >= FLOOR_CHECKED and score.ir_equal >= FLOOR_IR_EQUAL
            and score.asked >= FLOOR_QUESTIONS), _counts(score)


def test_every_strategy_the_reader_returns_trades_as_intended(score):
    # A refusal or a question is safe; a strategy that decides differently from the intent is not.
    # (On fb73473 one returned strategy is not IR-equal: a stated assumption that changes only how
    # volatility is annualised, not one decision.)
    assert score.backtest_equal == score.checked, _counts(score)


def test_no_strategy_is_returned_where_a_question_is_intended(score):
    assert score.wrong == score.checked - score.ir_equal, _counts(score)
