"""Properties: any text gives diagnostics, never an exception; fmt is idempotent and keeps the IR."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rbl.dsl.compiler import compile_source
from rbl.dsl.diagnostics import CODES
from rbl.dsl.fmt import format_source, format_strategy
from rbl.dsl.source import SourceFile
from tests.lang.helpers import mutated

EXAMPLES = sorted((Path(__file__).resolve().parent.parent.parent / "examples").glob("*.rbl"))
TEXTS = [p.read_text() for p in EXAMPLES]
WORDS = ["target", ":", "\n", "    ", "drift", ">", "5%", "5pp", "if", "else", "(", ")", "sma", ",", "SPY",
         "rebalance", "when", "check", "daily", "-", "*", "x", "[1]", "of target", "\t", "#", '"', "0"]
FAST = settings(max_examples=int(__import__("os").environ.get("RBL_FUZZ", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _compile(text: str):
    return compile_source(SourceFile("p.rbl", text))


def mutated_examples():
    return mutated(TEXTS, WORDS)


def _diagnostics_are_well_formed(result) -> None:
    for d in result.diagnostics:
        assert d.code in CODES and d.message
    assert result.ok or result.diagnostics


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_gives_diagnostics_never_an_exception(text):
    _diagnostics_are_well_formed(_compile(text))


@FAST
@given(mutated_examples())
def test_mutated_examples_give_diagnostics_never_an_exception(text):
    _diagnostics_are_well_formed(_compile(text))


@FAST
@given(mutated_examples())
def test_fmt_is_idempotent_and_preserves_the_ir(text):
    result = _compile(text)
    if result.strategy is None or not result.ok:
        return
    once = format_source(result.source)
    assert format_source(SourceFile("p.rbl", once)) == once
    again = _compile(once)
    assert again.strategy.model_dump(mode="json") == result.strategy.model_dump(mode="json")
    printed = _compile(format_strategy(result.strategy)).strategy
    assert printed.model_dump(mode="json") == again.strategy.model_dump(mode="json")
