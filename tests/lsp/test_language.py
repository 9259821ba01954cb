"""Hover, completion, definition, references and rename as pure functions over source text."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'rbl[lsp]' or the test extra)")

from lsprotocol.types import CompletionItemKind, Position

from rbl.dsl.lsp import navigation
from rbl.dsl.lsp.completion import completion, expected_terminals
from rbl.dsl.lsp.document import Document
from rbl.dsl.lsp.hover import hover
from tests.lsp.helpers import ROOT, at

VOL_BANDS = (ROOT / "examples" / "volatility_scaled_bands.rbl").read_text()
SWEEP = (ROOT / "examples" / "band_sweep.rbl").read_text()
BREAKER = (ROOT / "examples" / "drawdown_circuit_breaker.rbl").read_text()


def hover_text(text: str, marker: str, shift: int = 0) -> str | None:
    found = hover(Document(text), Position(*at(text, marker, shift)))
    return found.contents.value if found else None


def labels(text: str, marker: str | None = None, shift: int = 0) -> list[str]:
    line, char = at(text, marker, shift) if marker else (text.count("\n"), len(text) - text.rfind("\n") - 1)
    return [item.label for item in completion(Document(text), Position(line=line, character=char)).items]


# ---- hover -------------------------------------------------------------------------------------
def test_hover_on_an_asset_shows_its_column_and_symbol():
    text = hover_text(VOL_BANDS, "SPY 60%")
    assert 'asset SPY column "SPY" symbol "SPY.US"' in text and "data column `SPY`" in text
    assert "MetaTrader 5 symbol `SPY.US`" in text


def test_hover_on_a_quantity_says_its_unit_in_words():
    assert hover_text(VOL_BANDS, "let band = 5pp", 11) == (
        "**5 percentage points**: percentage points of portfolio weight (a drift from the target weight)")
    assert hover_text(VOL_BANDS, "250 days", 5).startswith("**250 days**: ")


def test_hover_on_a_let_shows_its_definition_and_what_it_measures():
    text = hover_text(VOL_BANDS, "band\n", 0)
    assert "let band = 5pp * clamp(" in text and "let **band**: a drift in percentage points" in text
    assert "band means 5 percentage points times" in text


def test_hover_on_a_param_shows_its_range_and_a_state_its_rules():
    text = hover_text(SWEEP, "param band", 7)
    assert "5 percentage points by default; range 1 percentage point to 10 percentage points" in text
    state = hover_text(BREAKER, "state defensive", 7)
    assert "true when drawdown(portfolio) >= 15%" in state and "true or false, kept from bar to bar" in state


def test_hover_on_a_function_quotes_docs_semantics():
    text = hover_text(VOL_BANDS, "* clamp(", 2)
    assert text.startswith("```rbl\nclamp(x, lo, hi)\n```") and "elementwise" in text
    assert "sample stdev (ddof 1)" in hover_text(VOL_BANDS, "vol(")


def test_hover_on_a_rule_is_its_rbl_explain_sentence():
    assert hover_text(VOL_BANDS, "check daily") == "- Check: every trading day"
    assert hover_text(VOL_BANDS, "when drift") == (
        "- Rebalance when, for any holding, its drift from target is more than band")
    assert hover_text(VOL_BANDS, "target:") == "- Target: its target weights are SPY 60% and AGG 40%"


def test_hover_on_nothing_and_on_a_broken_file_answers_none_or_names():
    assert hover_text(VOL_BANDS, "\n\n", 1) is None              # a blank line
    broken = VOL_BANDS.replace("when drift > band", "when drift > > band")
    assert hover_text(broken, "check daily") is None           # no sentence for a file that does not parse
    assert "MetaTrader 5 symbol" not in (hover_text(broken, "SPY 60%") or "")   # no IR: the definition only
    assert 'asset SPY column "SPY"' in hover_text(broken, "SPY 60%")


# ---- completion ----------------------------------------------------------------------------------
def test_completion_offers_the_statements_the_parser_accepts_at_the_top_level():
    got = labels(VOL_BANDS + "\n")
    assert {"asset", "let", "costs", "constraints", "sleeve", "rebalance"} <= set(got)
    assert "when" not in got and "check" not in got


def test_completion_in_a_rebalance_block_offers_its_rules():
    text = VOL_BANDS.replace("    check daily\n", "    ch\n")
    assert set(labels(text, "    ch", 6)) == {"check", "when", "to", "trade"}


def test_completion_after_a_number_offers_units():
    text = VOL_BANDS.replace("when drift > band", "when drift > 5")
    got = labels(text, "> 5", 3)
    assert {"pp", "%", "bps", "days", "% of target"} <= set(got)
    assert "SPY" not in got


def test_completion_of_a_unit_typed_against_its_number():
    text = VOL_BANDS.replace("when drift > band", "when drift > 5p")
    assert "pp" in labels(text, "> 5p", 4)


def test_completion_in_an_expression_offers_names_functions_and_series():
    text = VOL_BANDS.replace("when drift > band", "when drift > ")
    items = completion(Document(text), Position(*at(text, "> ", 2))).items
    by_label = {i.label: i for i in items}
    assert {"SPY", "AGG", "band", "drift", "portfolio", "vol", "sma"} <= set(by_label)
    assert by_label["vol"].detail == "vol(series, window)" and by_label["vol"].kind is CompletionItemKind.Function
    assert by_label["vol"].insert_text == "vol(${1:series}, ${2:window})"
    assert by_label["SPY"].detail == "asset" and by_label["band"].detail == "let"
    assert "pp" not in by_label


def test_completion_survives_an_error_earlier_in_the_file():
    text = VOL_BANDS.replace("let band = 5pp", "let band = = 5pp").replace("    check daily\n", "    ch\n")
    assert set(labels(text, "    ch", 6)) == {"check", "when", "to", "trade"}


def test_completion_in_a_comment_offers_nothing():
    assert labels(VOL_BANDS, "# C12", 3) == []


def test_expected_terminals_is_none_before_an_earlier_error():
    assert expected_terminals('rbl 1\nstrategy "x"\nasset SPY ') == {"COLUMN", "LOT", "SYMBOL", "_NL"}
    assert expected_terminals('rbl 1\nstrategy "x"\nasset asset asset ') is None


# ---- definition, references, rename ----------------------------------------------------------------
def test_definition_of_a_let_and_an_asset():
    doc = Document(VOL_BANDS)
    found = navigation.definition(doc, Position(*at(VOL_BANDS, "> band", 2)), "u")
    assert (found.uri, found.range.start.line, found.range.start.character, found.range.end.character) == \
        ("u", 8, 4, 8)
    spy = navigation.definition(doc, Position(*at(VOL_BANDS, "SPY 60%")), "u")
    assert (spy.range.start.line, spy.range.start.character) == at(VOL_BANDS, "SPY column")
    assert navigation.definition(doc, Position(*at(VOL_BANDS, "check")), "u") is None


def test_references_with_and_without_the_declaration():
    doc = Document(VOL_BANDS)
    where = Position(*at(VOL_BANDS, "SPY 60%"))
    every = navigation.references(doc, where, "u")
    assert [(r.range.start.line, r.range.start.character) for r in every] == [(5, 6), (8, 27), (8, 48), (11, 4)]
    assert len(navigation.references(doc, where, "u", include_declaration=False)) == 3


def test_rename_changes_every_occurrence_and_the_result_still_checks():
    doc = Document(VOL_BANDS)
    edit = navigation.rename(doc, Position(*at(VOL_BANDS, "SPY 60%")), "STOCKS", "u")
    text = _apply(VOL_BANDS, doc, edit.changes["u"])
    assert "SPY " not in text.replace('"SPY"', "") and Document(text).result.ok
    assert text.count("STOCKS") == 4


@pytest.mark.parametrize("new, why", [("if", "not a name"), ("1x", "not a name"), ("AGG", "already declared")])
def test_rename_refuses_keywords_bad_names_and_clashes(new, why):
    with pytest.raises(navigation.RenameRefused, match=why):
        navigation.rename(Document(VOL_BANDS), Position(*at(VOL_BANDS, "SPY 60%")), new, "u")


def test_rename_of_a_keyword_is_nothing():
    assert navigation.prepare_rename(Document(VOL_BANDS), Position(*at(VOL_BANDS, "check"))) is None
    assert navigation.rename(Document(VOL_BANDS), Position(*at(VOL_BANDS, "check")), "x2", "u") is None


def _apply(text, doc, edits):
    from rbl.dsl.lsp.positions import offset_at
    spans = sorted(((offset_at(doc.source, e.range.start), offset_at(doc.source, e.range.end), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_the_word_tables_cover_the_grammar_and_the_ir():
    """Every function of the grammar has a signature and a row in docs/semantics.md; every unit a meaning."""
    from rbl.dsl import ir
    from rbl.dsl.lsp.words import SIGNATURES, UNIT_MEANINGS, function_docs, terminal_words
    assert set(terminal_words()["FUNC"]) == set(SIGNATURES)
    assert set(SIGNATURES) <= set(function_docs())
    assert set(ir.Unit) <= set(UNIT_MEANINGS)


def test_hover_on_a_percentage():
    assert hover_text(VOL_BANDS, "SPY 60%", 5) == \
        "**60%**: percent (a weight, a return, or a level the context decides)"


def test_hover_on_a_section_header_shows_all_its_sentences():
    assert hover_text(VOL_BANDS, "rebalance:") == (
        "- Check: every trading day\n"
        "- Rebalance when, for any holding, its drift from target is more than band\n"
        "- Trade: all assets back to target")
    costs = (ROOT / "examples" / "threshold_60_40.rbl").read_text() + "\ncosts:\n    commission 5 bps\n"
    assert hover_text(costs, "commission") == "- Commission: 5 bps of traded notional"


# ---- quick fixes and the outline ------------------------------------------------------------------
def test_a_did_you_mean_becomes_a_quick_fix_that_makes_the_file_check():
    from rbl.dsl.lsp.actions import quick_fixes
    from rbl.dsl.lsp.features import diagnostics
    text = VOL_BANDS.replace("when drift > band", "when drift > bnad").replace("check daily", "chek daily")
    doc = Document(text)
    (fix,) = quick_fixes(diagnostics(doc), "u")             # a syntax error stops the parse: one at a time
    assert fix.title == "Change to 'check'" and fix.is_preferred
    fixed = _apply(text, doc, fix.edit.changes["u"])
    (fix,) = quick_fixes(diagnostics(Document(fixed)), "u")
    assert fix.title == "Change to 'band'"
    assert Document(_apply(fixed, Document(fixed), fix.edit.changes["u"])).result.ok


def test_the_outline_lists_the_strategy_declarations_and_sections():
    from rbl.dsl.lsp.actions import symbols
    found = [(s.name, s.detail, s.range.start.line, s.range.end.line) for s in symbols(Document(SWEEP))]
    assert found == [("The band sweep", "strategy", 1, 1), ("SPY", "asset", 7, 7), ("AGG", "asset", 8, 8),
                     ("band", "param", 10, 10), ("benchmark", "", 12, 12), ("target", "", 14, 16),
                     ("rebalance", "", 18, 20), ("costs", "", 22, 23)]


def test_hover_on_the_header_is_the_summary_and_on_a_lot_or_the_capital_their_statement():
    assert hover_text(VOL_BANDS, "strategy").startswith('"Volatility-scaled bands" holds SPY and AGG. ')
    crypto = (ROOT / "examples" / "crypto_pair.rbl").read_text()
    assert "traded in steps of 0.0001" in hover_text(crypto, "0.0001")
    assert "Capital: 10000 USD" in hover_text(crypto, "capital 10000")
    assert hover_text(crypto, "capital 10000", 8) == "**10000 USD**: an amount of money in the account currency"


def test_signature_help_inside_a_call_marks_the_argument_under_the_cursor():
    from rbl.dsl.lsp.completion import signature_help
    text = VOL_BANDS.replace("when drift > band", "when drift > vol(SPY, ")
    found = signature_help(Document(text), Position(*at(text, "vol(SPY, ", 9)))
    assert found.signatures[0].label == "vol(series, window)" and found.active_parameter == 1
    nested = VOL_BANDS.replace("when drift > band", "when drift > clamp(sma(SPY, 5 days), ")
    found = signature_help(Document(nested), Position(*at(nested, "days), ", 7)))
    assert found.signatures[0].label == "clamp(x, lo, hi)" and found.active_parameter == 1
    assert signature_help(Document(VOL_BANDS), Position(*at(VOL_BANDS, "check daily", 6))) is None


def test_completion_where_nothing_parses_offers_statements_names_and_functions():
    text = "asset SPY column \"SPY\"\n)))\n"          # no header, and a line no statement starts with
    got = labels(text, ")))", 3)
    assert {"asset", "mode", "rebalance", "SPY", "vol"} <= set(got) and "alert" not in got
