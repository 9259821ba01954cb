"""The cached LALR parser: text -> lark tree, with lark's errors translated into diagnostics."""

from __future__ import annotations

from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.indenter import DedentError, Indenter

from dsl.diagnostics import Diagnostic
from dsl.source import SourceFile, Span
from grammar import grammar_text


class _RblIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types = ["LPAR", "LSQB"]
    CLOSE_PAREN_types = ["RPAR", "RSQB"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(grammar_text(), parser="lalr", postlex=_RblIndenter(), propagate_positions=True,
                maybe_placeholders=True)


# What each terminal is called in an error message; never show lark's token names.
_TOKEN_WORDS = {
    "_NL": "the end of the line", "_INDENT": "an indented block", "_DEDENT": "the end of a block",
    "$END": "the end of the file", "NAME": "a name", "NUMBER": "a number", "INT": "a whole number",
    "STRING": 'a quoted string like "SPY"', "UNIT": "a unit (pp, %, bps, days, months, ...)",
    "CURRENCY": "a currency (USD, EUR, ...)", "COMPARE": "a comparison (>, <, >=, ...)",
    "BOOL": "true or false", "FUNC": "a function like sma(...)", "SERIES": "drift, weight, price, ...",
    "COLON": "':'", "COMMA": "','", "EQUAL": "'='", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['",
    "RSQB": "']'", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'", "SLASH": "'/'",
    "DECIDE_AT": "close or open", "TRADE_AT": "next open or close", "MODE": "trade or alert",
    "REBALANCE_TO": "target or band edge", "TRADE_SCOPE": "all or breached", "RANK_SIDE": "top or bottom",
    "WEEKDAY": "a weekday", "PERIOD": "week, month, quarter or year", "ORDINAL": "first, 2nd, 3rd, ...",
    "PERIODIC": "monthly, quarterly or annually",
}


def _describe_expected(names: set[str]) -> str:
    words = sorted({_TOKEN_WORDS.get(n, _keyword(n)) for n in names if n not in ("COMMENT",)})
    if len(words) > 6:
        words = words[:6] + ["..."]
    return ", ".join(words)


def _keyword(terminal: str) -> str:
    # Anonymous keyword terminals are named after their text, e.g. "REBALANCE" for "rebalance".
    return f"'{terminal.lower()}'"


def _describe_token(token: Token) -> str:
    if token.type in ("_NL", "$END", "_INDENT", "_DEDENT"):
        return _TOKEN_WORDS[token.type]
    return f"'{token.value}'"


def parse_tree(source: SourceFile) -> tuple[Tree | None, list[Diagnostic]]:
    """Parse a whole file; on a syntax error return None and one diagnostic in words."""
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    try:
        return _parser().parse(text), []
    except UnexpectedInput as err:
        return None, [_syntax_diagnostic(source, err)]
    except DedentError:
        return None, [_indent_diagnostic(source)]


def _syntax_diagnostic(source: SourceFile, err: UnexpectedInput) -> Diagnostic:
    if isinstance(err, UnexpectedToken):
        token = err.token
        expected = _describe_expected(set(err.expected))
        if token.type == "$END":
            span = Span(start=len(source.text), end=len(source.text))
            return Diagnostic("E0102", "the file ends in the middle of a statement", span,
                              help=f"expected {expected}")
        start = token.start_pos if token.start_pos is not None else 0
        if token.type == "_NL":
            start = _line_end(source, start)
        end = start + max(1, len(token.value) if token.type not in ("_NL", "_DEDENT", "_INDENT") else 1)
        if token.type == "_INDENT":
            return Diagnostic("E0103", "this line is indented but no block starts here",
                              Span(start=start, end=end), help="remove the indentation, or end the line above with ':'")
        return Diagnostic("E0101", f"unexpected {_describe_token(token)}", Span(start=start, end=end),
                          help=f"expected {expected}")
    assert isinstance(err, UnexpectedCharacters)
    start = source.offset(err.line, err.column)
    ch = source.text[start : start + 1] or "?"
    return Diagnostic("E0101", f"unexpected character '{ch}'", Span(start=start, end=start + 1),
                      help="rbl uses names, numbers with units (5pp, 60%), quoted strings and # comments")


def _line_end(source: SourceFile, offset: int) -> int:
    # A newline token starts at the end of the offending line; point there, not at the next line.
    line, _ = source.line_col(max(0, offset - 1) if offset > 0 and source.text[offset - 1:offset] != "\n" else offset)
    return source.offset(line, len(source.line_text(line)) + 1)


def _indent_diagnostic(source: SourceFile) -> Diagnostic:
    return Diagnostic("E0103", "this block's indentation does not match any enclosing block", None,
                      help="indent every line of a block by the same amount (4 spaces)")
