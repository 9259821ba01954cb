"""Completion: the words the LALR parser accepts at the cursor, the declared names, units and functions."""

from __future__ import annotations

import re

from lark.exceptions import UnexpectedCharacters, UnexpectedInput
from lark.indenter import DedentError
from lsprotocol import types

from rbl.dsl.lsp.document import PARSER_LOCK, Document
from rbl.dsl.lsp.positions import offset_at
from rbl.dsl.lsp.words import (
    SIGNATURES,
    UNITS_WRITTEN,
    function_help,
    terminal_words,
    unit_meaning,
)
from rbl.dsl.parser import _parser

_SENTINEL = "\x00"           # no terminal matches it: the lexer stops exactly at the cursor
_HEADER = 'rbl 1\nstrategy "x"\n'
_NAME_KINDS = {"asset": types.CompletionItemKind.Constant, "let": types.CompletionItemKind.Variable,
               "param": types.CompletionItemKind.Variable, "state": types.CompletionItemKind.Variable,
               "sleeve": types.CompletionItemKind.Module, "cash": types.CompletionItemKind.Constant,
               "signal": types.CompletionItemKind.Variable}
_VALUE_TERMINALS = {"DECIDE_AT", "TRADE_AT", "MODE", "REBALANCE_TO", "TRADE_SCOPE", "RANK_SIDE", "PERIODIC",
                    "PERIOD", "WEEKDAY", "ORDINAL", "BOOL", "CURRENCY"}
_STATEMENTS = ("asset", "signal", "cash", "capital", "param", "let", "state", "execution", "mode", "annualize",
               "benchmark", "target", "exposure", "rebalance", "sleeve", "bands", "costs", "constraints")


def expected_terminals(text: str) -> set[str] | None:
    """The terminals the parser accepts after `text`; None when `text` has a syntax error before its end."""
    with PARSER_LOCK:
        parser = _parser().parse_interactive(text + _SENTINEL)
        try:
            parser.exhaust_lexer()
        except UnexpectedCharacters as err:
            return set(parser.accepts()) if err.pos_in_stream == len(text) else None
        except (UnexpectedInput, DedentError, AssertionError):   # a syntax error, a bad dedent, ')' without '('
            return None
    return None


def word_start(text: str, offset: int) -> int:
    """Where the word being typed starts; after '5p' it is the unit after the number."""
    start = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    number = re.match(r"\d+(\.\d+)?", text[start:offset])
    return start + number.end() if number else start


def completion(doc: Document, position: types.Position) -> types.CompletionList:
    offset = offset_at(doc.source, position)
    start = word_start(doc.text, offset)
    line_start = doc.text.rfind("\n", 0, start) + 1
    if "#" in doc.text[line_start:start] or doc.text[line_start:start].count('"') % 2:
        return types.CompletionList(is_incomplete=False, items=[])     # in a comment or a string
    expected = _expected_at(doc.text, start)
    return types.CompletionList(is_incomplete=False, items=items_for(doc, expected, doc.text[:start]))


def _expected_at(text: str, start: int) -> set[str] | None:
    found = expected_terminals(text[:start])
    if found is not None:
        return found
    block = _block_start(text, start)     # an error elsewhere: read the statement the cursor is in alone
    return expected_terminals(_HEADER + text[block:start])


def _block_start(text: str, offset: int) -> int:
    """The start of the top-level statement that holds `offset` (its first unindented line)."""
    line = text.rfind("\n", 0, offset) + 1
    while line > 0 and (text[line:line + 1] in (" ", "\t", "\n", "#") or text[line:offset].strip() == ""):
        line = text.rfind("\n", 0, line - 1) + 1
    return line


def items_for(doc: Document, expected: set[str] | None, before: str) -> list[types.CompletionItem]:
    """Completion items for the accepted terminals; None (unknown) offers statements, names and functions."""
    if expected is None:
        keywords = [types.CompletionItem(label=w, kind=types.CompletionItemKind.Keyword) for w in _STATEMENTS]
        return _unique(keywords + items_for(doc, {"NAME", "FUNC", "SERIES"}, before))
    words = terminal_words()
    items: list[types.CompletionItem] = []
    for terminal in sorted(expected):
        if terminal == "NAME":
            items += _names(doc)
        elif terminal == "FUNC":
            items += [_function(name) for name in words["FUNC"]]
        elif terminal == "UNIT" and re.search(r"\d\s*$", before):
            items += [_unit(u) for u in UNITS_WRITTEN]
        elif terminal in ("SERIES", *_VALUE_TERMINALS):
            kind = types.CompletionItemKind.Variable if terminal == "SERIES" else types.CompletionItemKind.EnumMember
            items += [types.CompletionItem(label=w, kind=kind) for w in words.get(terminal, ())]
        elif terminal in words and words[terminal][0][:1].isalpha():
            items += [types.CompletionItem(label=w, kind=types.CompletionItemKind.Keyword) for w in words[terminal]]
    return _unique(items)


def _names(doc: Document) -> list[types.CompletionItem]:
    return [types.CompletionItem(label=name, kind=_NAME_KINDS.get(occ.declares), detail=occ.declares)
            for name, occ in doc.declarations().items()]


def _function(name: str) -> types.CompletionItem:
    signature = SIGNATURES.get(name, f"{name}(...)").split(" or ")[-1]
    params = re.search(r"\(([^)]*)\)", signature).group(1).split(", ")
    snippet = ", ".join(f"${{{i}:{p}}}" for i, p in enumerate(params, 1) if p != "...")
    help_text = types.MarkupContent(kind=types.MarkupKind.Markdown, value=function_help(name))
    return types.CompletionItem(label=name, kind=types.CompletionItemKind.Function,
                                detail=SIGNATURES.get(name, signature), documentation=help_text,
                                insert_text=f"{name}({snippet})", insert_text_format=types.InsertTextFormat.Snippet)


def _unit(written: str) -> types.CompletionItem:
    return types.CompletionItem(label=written, kind=types.CompletionItemKind.Unit,
                                detail=unit_meaning(UNITS_WRITTEN[written]))


def _unique(items: list[types.CompletionItem]) -> list[types.CompletionItem]:
    seen: set[str] = set()
    return [i for i in items if not (i.label in seen or seen.add(i.label))]


def signature_help(doc: Document, position: types.Position) -> types.SignatureHelp | None:
    """Inside the parentheses of a call: the function's signature, the argument under the cursor active."""
    offset = offset_at(doc.source, position)
    depth, commas = 0, 0
    for token in reversed([t for t in doc.tokens if t.end_pos <= offset]):
        if token.type == "RPAR":
            depth += 1
        elif token.type == "LPAR" and depth:
            depth -= 1
        elif token.type == "COMMA" and not depth:
            commas += 1
        elif token.type == "LPAR":
            return _signature(doc, token, commas)
        elif token.type == "_NL" and not depth:
            return None
    return None


def _signature(doc: Document, lpar, commas: int) -> types.SignatureHelp | None:
    before = [t for t in doc.tokens if t.end_pos <= lpar.start_pos]
    if not before or before[-1].type != "FUNC" or before[-1].value not in SIGNATURES:
        return None
    name = before[-1].value
    label = SIGNATURES[name].split(" or ")[-1]
    params = re.search(r"\(([^)]*)\)", label).group(1).split(", ")
    return types.SignatureHelp(
        signatures=[types.SignatureInformation(
            label=label, documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=function_help(name)),
            parameters=[types.ParameterInformation(label=p) for p in params])],
        active_signature=0, active_parameter=min(commas, len(params) - 1))
