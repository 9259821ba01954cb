"""The offline checks: every EA is in the subset (lint) and well-typed against the prelude (g++),
and both checks catch the defects they exist for, at the right .mq5 line."""

from __future__ import annotations

import pytest

from rbl.backends.mql5.cxx import to_cxx
from rbl.backends.mql5.gxx import typecheck
from rbl.backends.mql5.lint import lint
from tests.conftest import EXAMPLES

STEMS = [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("stem", STEMS)
def test_every_example_passes_the_subset_lint(stem, emitted):
    assert lint(emitted[stem]) == []


@pytest.mark.parametrize("stem", STEMS)
def test_every_example_compiles_with_gxx_without_a_single_warning(stem, compiled):
    result, _ = compiled[stem]
    assert result.ok, result.diagnostics


def test_the_rewrite_keeps_every_line_in_place(emitted):
    text = emitted["classic_60_40"]
    rewritten = to_cxx(text).split("\n")
    assert len(rewritten) == len(text.split("\n"))
    assert 'const string InpSymbol0 = "SPY.US";' in rewritten[text.split("\n").index(
        next(x for x in text.split("\n") if x.startswith("sinput string InpSymbol0")))]


def _break(text: str, old: str, new: str) -> tuple[str, int]:
    lines = text.split("\n")
    index = next(i for i, x in enumerate(lines) if old in x)
    lines[index] = lines[index].replace(old, new, 1)
    return "\n".join(lines), index + 1


def test_gxx_reports_a_missing_semicolon_at_its_mq5_line(emitted):
    broken, line = _break(emitted["classic_60_40"], "g_raw[0] = 0.6;", "g_raw[0] = 0.6")
    result = typecheck(broken, "c.mq5")
    assert not result.ok and (f"c.mq5:{line}:" in result.diagnostics or f"c.mq5:{line + 1}:" in result.diagnostics)


def test_gxx_rejects_an_integer_property_passed_to_symbolinfodouble(emitted):
    broken, line = _break(emitted["classic_60_40"], "SYMBOL_VOLUME_STEP)", "SYMBOL_TRADE_MODE)")
    result = typecheck(broken, "c.mq5")
    assert not result.ok and f"c.mq5:{line}:" in result.diagnostics


def test_gxx_rejects_assigning_to_an_input(emitted):
    broken, line = _break(emitted["classic_60_40"], "g_sym[0] = InpSymbol0;", "InpSymbol0 = g_sym[0];")
    result = typecheck(broken, "c.mq5")
    assert not result.ok and f"c.mq5:{line}:" in result.diagnostics


def test_gxx_reports_a_missing_return_as_an_error(emitted):
    broken, line = _break(emitted["classic_60_40"], "return holds;", ";")
    assert not typecheck(broken, "c.mq5").ok


def test_gxx_rejects_a_misspelled_ctrade_method(emitted):
    broken, line = _break(emitted["classic_60_40"], "g_trade.SetTypeFilling(", "g_trade.SetFilling(")
    result = typecheck(broken, "c.mq5")
    assert not result.ok and f"c.mq5:{line}:" in result.diagnostics


@pytest.mark.parametrize("code, message", [
    ("auto x = 1;", "`auto`"),
    ("int *p = NULL;", "pointers"),
    ('string s = "a" + 1;', "string literal"),
    ("double y = std::sqrt(2.0);", "qualified names"),
    ("unsigned int u = 1;", "multi-word"),
])
def test_the_lint_rejects_cpp_only_constructs_at_their_line(emitted, code, message):
    text = emitted["classic_60_40"].replace("   RblClearRaw();\n", f"   RblClearRaw();\n   {code}\n", 1)
    line = text.split("\n").index(f"   {code}") + 1
    issues = lint(text)
    assert [(i.line, message in i.message) for i in issues] == [(line, True)]


def test_the_lint_reports_a_syntax_error_at_its_line(emitted):
    broken, line = _break(emitted["classic_60_40"], "RblClearRaw();", "RblClearRaw(;")
    assert any(i.line == line for i in lint(broken))
