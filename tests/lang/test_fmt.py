"""The formatter: canonical, idempotent, meaning-preserving, and it keeps comments."""

from __future__ import annotations

import pytest

from rbl.dsl import ir
from rbl.dsl.compiler import compile_source, read_source
from rbl.dsl.diagnostics import CompileError
from rbl.dsl.fmt import format_source, format_strategy, number
from rbl.dsl.source import SourceFile
from tests.lang.helpers import HEAD

CANONICAL_HEAD = HEAD.replace('"Test"\n', '"Test"\n\n')


def _ir(text: str) -> dict:
    return compile_source(SourceFile("t.rbl", text)).strategy.model_dump(mode="json")


def test_every_example_is_a_fixed_point(example_path):
    source = read_source(example_path)
    assert format_source(source) == source.text


def test_printing_an_examples_ir_parses_back_to_the_same_ir(example_path):
    strategy = compile_source(read_source(example_path)).strategy
    assert _ir(format_strategy(strategy)) == strategy.model_dump(mode="json")


MESSY = HEAD + """# the core
target:
        SPY   60%   # stocks
        AGG 40%
rebalance:
  check   daily
  when drift>5pp  and  not (weight<1%)
  # trailing note
"""


def test_messy_layout_becomes_canonical_and_keeps_comments():
    out = format_source(SourceFile("t.rbl", MESSY))
    assert "# the core\ntarget:\n    SPY 60%  # stocks\n    AGG 40%\n" in out
    assert "    when drift > 5pp and not weight < 1%\n# trailing note\n" in out


def test_formatting_is_idempotent_and_preserves_the_ir():
    once = format_source(SourceFile("t.rbl", MESSY))
    assert format_source(SourceFile("t.rbl", once)) == once
    assert _ir(once) == _ir(MESSY)


def test_defaults_written_in_the_source_are_kept():
    text = CANONICAL_HEAD + "\nexecution decide at close, trade at next open\n\ntarget:\n    SPY 60%\n    AGG 40%\n"
    assert format_source(SourceFile("t.rbl", text)) == text


def test_parentheses_only_where_the_tree_needs_them():
    text = CANONICAL_HEAD + "\nlet x = (1 + 2) * 3 - (4 - 5) + -(6 * 7)\n\ntarget:\n    SPY 60%\n    AGG 40%\n"
    out = format_source(SourceFile("t.rbl", text))
    assert "let x = (1 + 2) * 3 - (4 - 5) + -(6 * 7)\n" in out
    assert _ir(out) == _ir(text)


def test_an_elif_chain_prints_as_elif():
    text = CANONICAL_HEAD + ("\nlet a = SPY > 1\nlet b = SPY > 2\n\ntarget:\n    if a:\n        SPY 100%\n"
                   "    elif b:\n        AGG 100%\n    else:\n        SPY 50%\n        AGG 50%\n")
    assert format_source(SourceFile("t.rbl", text)) == text


def test_a_hash_inside_a_string_is_not_a_comment():
    text = 'rbl 1\nstrategy "No #1"\n\nasset SPY column "SPY" symbol "SPY.US"\n\ntarget:\n    SPY 100%\n'
    assert format_source(SourceFile("t.rbl", text)) == text


def test_a_file_with_syntax_errors_is_not_formatted():
    with pytest.raises(CompileError):
        format_source(SourceFile("t.rbl", HEAD + "target\n"))


@pytest.mark.parametrize("value,exponent,text", [(0.075, 2, "7.5"), (0.001, 4, "10"), (100000.0, 0, "100000"),
                                                 (0.0001, 0, "0.0001"), (1.5, 0, "1.5")])
def test_numbers_print_as_written(value, exponent, text):
    assert number(value, exponent) == text


def test_format_strategy_prints_an_ir_built_by_hand():
    strategy = ir.Strategy(version=1, name="Hand", assets=(ir.Asset(name="SPY", column="SPY", symbol="SPY"),),
                           target=ir.EqualWeights(assets=("SPY",)))
    text = format_strategy(strategy)
    assert text == 'rbl 1\nstrategy "Hand"\n\nasset SPY column "SPY" symbol "SPY"\n\ntarget: equal weight SPY\n'
    assert _ir(text) == strategy.model_dump(mode="json")
