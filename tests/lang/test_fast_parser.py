"""The fast parse loop builds lark's exact tree (positions included) and gives up wherever lark fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from bench.bench_parse import generated_strategy
from rbl.dsl.fast_parser import FastParser
from rbl.dsl.parser import _fast_parser, _parser, _RblIndenter
from rbl.grammar import grammar_text
from tests.lang.helpers import mutated

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.rbl"))
CASES = sorted((ROOT / "tests" / "cases").glob("*.rbl"))
TEXTS = [p.read_text() for p in EXAMPLES]
WORDS = ["target", ":", "\n", "    ", "  ", "\r\n", "(", ")", "[", "]", ",", "drift", ">", "5%", "5pp", "if",
         "else", "elif", "sma", "SPY", "rebalance", "when", "check", "daily", "-", "*", "[1]", "of target", "#",
         '"', "0", "and", "or", "not", "asset", "close", "next open", "its band", "equal weight", "while"]
FUZZ = settings(max_examples=int(__import__("os").environ.get("RBL_FUZZ", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
TOKEN_FIELDS = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")


def assert_same_tree(fast, reference, path: str = "start") -> None:
    """Same shape, same token types, values and positions, same meta attributes on every node."""
    assert type(fast) is type(reference), path
    if isinstance(reference, Tree):
        assert (fast.data, len(fast.children)) == (reference.data, len(reference.children)), path
        assert vars(fast.meta) == vars(reference.meta), path
        for i, (a, b) in enumerate(zip(fast.children, reference.children)):
            assert_same_tree(a, b, f"{path}/{reference.data}[{i}]")
    elif isinstance(reference, Token):
        assert [getattr(fast, f) for f in TOKEN_FIELDS] == [getattr(reference, f) for f in TOKEN_FIELDS], path
    else:
        assert fast == reference, path


def assert_parses_like_lark(text: str) -> None:
    text = text if text.endswith("\n") else text + "\n"
    fast = _fast_parser().parse(text)
    try:
        reference = _parser().parse(text)
    except LarkError:
        assert fast is None, "the fast loop accepted text lark rejects"
        return
    assert fast is not None, "the fast loop gave up on text lark parses"
    assert_same_tree(fast, reference)


def test_the_installed_lark_has_the_tables_the_fast_loop_reads():
    assert _fast_parser() is not None


def test_a_lark_parser_without_the_contextual_lexer_is_refused_so_lark_parses_alone():
    basic = Lark(grammar_text(), parser="lalr", lexer="basic", postlex=_RblIndenter(), propagate_positions=True,
                 maybe_placeholders=True)
    with pytest.raises(TypeError):
        FastParser(basic, _RblIndenter())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_gets_lark_s_tree_with_the_same_positions(path):
    assert_parses_like_lark(path.read_text())


def test_the_generated_2000_line_file_gets_lark_s_tree():
    assert_parses_like_lark(generated_strategy())


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_diagnostics_case_parses_or_fails_like_lark(path):
    assert_parses_like_lark(path.read_text())


@pytest.mark.parametrize("body", [
    "target: equal weight SPY, AGG\nexposure clamp(\n    sma(SPY, 10 days)\n  , 1)\n",
    "target: equal weight SPY, AGG\nexposure (1 + 2))\n",
    "target: equal weight SPY, AGG\nexposure (1 + 2\n",
    "target:\r\n    SPY 60%\r\n    AGG 40%\r\n",
    "target:\n    SPY 60%  # core\n    # a comment at the end of the block\n  AGG 40%\n",
    "target:\n    if drift > 5pp:\n        SPY 100%\n    else:\n        AGG 100%\n",
])
def test_parentheses_line_endings_comments_and_dedents_match_lark(body):
    assert_parses_like_lark('rbl 1\nstrategy "T"\nasset SPY\nasset AGG\n' + body)


def mutated_examples():
    return mutated(TEXTS, WORDS)


@FUZZ
@given(mutated_examples())
def test_mutated_examples_parse_or_fail_like_lark(text):
    assert_parses_like_lark(text)


@FUZZ
@given(st.lists(st.sampled_from(WORDS + [" ", "\n"]), max_size=40))
def test_word_salad_parses_or_fails_like_lark(words):
    assert_parses_like_lark('rbl 1\nstrategy "T"\n' + " ".join(words))


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_fails_like_lark(text):
    assert_parses_like_lark(text)
