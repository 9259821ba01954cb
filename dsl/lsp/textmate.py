"""The TextMate grammar of .rbl for editors, generated from the grammar's terminals so the two cannot drift.

`python -m rbl.dsl.lsp.textmate > editors/vscode/syntaxes/rbl.tmLanguage.json` rewrites the committed file;
tests/lsp/test_textmate.py fails when it is stale or misses a keyword."""

from __future__ import annotations

import json
import re

from rbl.dsl.lsp.words import terminal_words

# Terminal -> TextMate scope; a word claimed by two terminals takes the first in this order.
_SCOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("keyword.control.rbl", ("IF", "ELIF", "ELSE", "THEN", "WHEN", "WHILE", "AND", "OR", "NOT")),
    ("storage.type.rbl", ("RBL", "STRATEGY", "ASSET", "CASH", "CAPITAL", "PARAM", "LET", "STATE", "SLEEVE")),
    ("support.function.rbl", ("FUNC",)),
    ("constant.other.calendar.rbl", ("PERIODIC", "PERIOD", "WEEKDAY", "ORDINAL", "DAILY", "WEEKLY", "TRADING",
                                     "DAY", "LAST", "HOURLY", "EVERY", "HOURS")),
    ("variable.language.rbl", ("SERIES",)),
    ("constant.language.boolean.rbl", ("BOOL",)),
    ("support.constant.currency.rbl", ("CURRENCY",)),
    ("constant.language.rbl", ("DECIDE_AT", "TRADE_AT", "MODE", "REBALANCE_TO", "TRADE_SCOPE", "RANK_SIDE")),
)
_UNIT_SCOPE = "keyword.other.unit.rbl"
_OTHER_SCOPE = "keyword.other.rbl"


def _alternation(words: list[str]) -> str:
    """Longest first, so 'months' wins over 'month'; a space in a word matches any run of blanks."""
    return "|".join(re.escape(w).replace("\\ ", "\\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


def _word_pattern(scope: str, words: list[str]) -> dict:
    return {"name": scope, "match": rf"\b(?:{_alternation(words)})\b"}


def scoped_words() -> dict[str, list[str]]:
    """Scope -> the words of the language highlighted with it (units aside)."""
    words = terminal_words()
    taken: set[str] = set(words.get("UNIT", ())) - {"day", "week", "month", "year"}
    out: dict[str, list[str]] = {}
    claims = [(scope, t) for scope, terminals in _SCOPES for t in terminals]
    claims += [(_OTHER_SCOPE, t) for t in sorted(words) if t not in {t for _, t in claims} and t != "UNIT"]
    for scope, terminal in claims:
        fresh = [w for w in words.get(terminal, ()) if w[:1].isalpha() and w not in taken]
        taken.update(fresh)
        if fresh:
            out.setdefault(scope, []).extend(fresh)
    return out


def textmate_grammar() -> dict:
    units = [u for u in terminal_words()["UNIT"] if u != "%"]
    number_with_unit = {
        "match": rf"\b(\d+(?:\.\d+)?)\s*(%\s*of\s+target\b|%|(?:{_alternation(units)})\b)",
        "captures": {"1": {"name": "constant.numeric.rbl"}, "2": {"name": _UNIT_SCOPE}},
    }
    patterns = [
        {"name": "comment.line.number-sign.rbl", "match": "#.*$"},
        {"name": "string.quoted.double.rbl", "match": '"[^"\\n]*"'},
        {"name": "constant.other.calendar.rbl", "match": r"\b\d+(?:st|nd|rd|th)\b"},
        number_with_unit,
        {"name": "constant.numeric.rbl", "match": r"\b\d+(?:\.\d+)?\b"},
        *[_word_pattern(scope, words) for scope, words in scoped_words().items()],
        {"name": "keyword.operator.comparison.rbl", "match": ">=|<=|==|!=|>|<"},
        {"name": "keyword.operator.arithmetic.rbl", "match": r"[-+*/=]"},
        {"name": "variable.other.rbl", "match": r"\b[A-Za-z_][A-Za-z0-9_]*\b"},
    ]
    return {"$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
            "name": "rbl", "scopeName": "source.rbl", "fileTypes": ["rbl"], "patterns": patterns}


def render() -> str:
    return json.dumps(textmate_grammar(), indent=2) + "\n"


if __name__ == "__main__":
    print(render(), end="")
