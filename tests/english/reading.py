"""What the offline reader makes of a phrasing: the checked .rbl, or its question (helpers for the phrasing tests)."""

from __future__ import annotations

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.offline import translate_offline


def rbl_of(english: str) -> str:
    """The .rbl the reader writes for `english`, checked; a question or a refusal fails the test, naming it."""
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    compile_text(translation.rbl)
    return translation.rbl


def question_of(english: str) -> str:
    """The question the reader asks about `english`; a strategy or a refusal fails the test."""
    translation = translate_offline(english)
    assert translation.rbl is None and translation.question, translation.error or translation.rbl
    return translation.question
