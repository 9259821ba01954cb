"""The cached LALR parser: text -> lark tree, with lark's errors translated into diagnostics.

Valid text goes through dsl/fast_parser.py (lark's tables in one loop, the same tree); text that
loop gives up on is parsed by lark itself, so every syntax error is lark's, then put into words."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput
from lark.indenter import DedentError, Indenter
from lark.lexer import PatternRE, PatternStr

from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fast_parser import FastParser
from rbl.dsl.source import SourceFile, Span
from rbl.grammar import grammar_text


class _RblIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types = ["LPAR", "LSQB"]
    CLOSE_PAREN_types = ["RPAR", "RSQB"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4


# Keywords written as strings in the grammar ("check", "when", "of") -> their word; the parser matches
# them as whole words (see _whole_words).
_KEYWORD_WORDS: dict[str, str] = {}


def _whole_words(terminal) -> None:
    """A keyword is a whole word: 'checkdaily' is not 'check daily', as 'max_drift' is not 'max _drift'.
    lark matches a string terminal as a prefix; here each alphabetic one becomes the regex `word\b`, at
    priority 2 like the grammar's own keyword terminals (FUNC.2, SERIES.2), so where a NAME may also
    stand the keyword still wins on the whole word and a longer name stays a name."""
    if isinstance(terminal.pattern, PatternStr) and re.fullmatch(r"[A-Za-z]+", terminal.pattern.value):
        _KEYWORD_WORDS[terminal.name] = terminal.pattern.value
        terminal.pattern = PatternRE(re.escape(terminal.pattern.value) + r"\b")
        terminal.priority = max(terminal.priority, 2)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(grammar_text(), parser="lalr", postlex=_RblIndenter(), propagate_positions=True,
                maybe_placeholders=True, edit_terminals=_whole_words)


@lru_cache(maxsize=1)
def _fast_parser() -> FastParser | None:
    """None if the installed lark lays out its tables otherwise: lark then parses every text itself."""
    try:
        return FastParser(_parser(), _RblIndenter())
    except (AttributeError, KeyError, TypeError):
        return None


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
_LAYOUT = ("_NL", "$END", "_INDENT", "_DEDENT")


@lru_cache(maxsize=1)
def _keywords() -> dict[str, str]:
    """Terminal name -> the literal word it matches, for every keyword of the grammar."""
    _parser()
    return dict(_KEYWORD_WORDS)


def _word(terminal: str) -> str | None:
    if terminal in _TOKEN_WORDS:
        return _TOKEN_WORDS[terminal]
    text = _keywords().get(terminal)
    return f"'{text}'" if text else None


def _describe_expected(names: set[str]) -> str:
    words = sorted({w for n in names if (w := _word(n)) is not None})
    if len(words) > 8:
        words = words[:8] + ["..."]
    return ", ".join(words) if words else "something else"


def _describe_token(token: Token) -> str:
    if token.type in _LAYOUT:
        return _TOKEN_WORDS[token.type]
    return f"'{token.value}'"


def parse_tree(source: SourceFile) -> tuple[Tree | None, list[Diagnostic]]:
    """Parse a whole file; on a syntax error return None and one diagnostic in words."""
    early = _too_long(source) or _tab_indents(source)
    if early:
        return None, early
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    fast = _fast_parser()
    tree = fast.parse(text) if fast is not None else None
    try:
        tree = tree if tree is not None else _parser().parse(text)
    except UnexpectedInput as err:
        return None, [_syntax_diagnostic(source, err)]
    except DedentError:
        return None, [_indent_diagnostic(source)]
    too_deep = _too_deep(tree)
    return (None, [too_deep]) if too_deep else (tree, [])


# Deeper than any strategy a person writes (the examples reach 7), and shallow enough that the
# recursive passes after the parser (the IR builder, the checks, fmt) stay far from Python's limit.
MAX_DEPTH = 100


def _too_deep(tree: Tree) -> Diagnostic | None:
    """The first node nested more than MAX_DEPTH levels deep, as E0105; found without recursion."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            start = node.meta.start_pos if not node.meta.empty else 0
            return Diagnostic("E0105", f"the strategy nests more than {MAX_DEPTH} levels deep",
                              Span(start=start, end=start + 1),
                              help="name inner parts with 'let' (e.g. 'let calm = vol(SPY, 20 days) < 15%') "
                                   "or flatten branches with 'elif'")
        stack.extend((child, depth + 1) for child in reversed(node.children) if isinstance(child, Tree))
    return None


# Far longer than any line a person writes: a 200,000-character line with an error at its end takes
# ~1.5 s; parsing time grows with a line's length (a 12 MB line took minutes and gigabytes), so a
# longer line is refused before parsing.
MAX_LINE = 200_000


def _too_long(source: SourceFile) -> list[Diagnostic]:
    """The first line longer than MAX_LINE characters, as E0106 (found from the line starts alone)."""
    ends = source.line_starts[1:] + (len(source.text) + 1,)
    for number, (start, end) in enumerate(zip(source.line_starts, ends), 1):
        if end - 1 - start > MAX_LINE:
            return [Diagnostic("E0106", f"line {number} has {end - 1 - start:,} characters, more than {MAX_LINE:,}",
                               Span(start=start + MAX_LINE, end=start + MAX_LINE + 1),
                               help="split the expression: name its parts with 'let' (e.g. 'let core = ...') "
                                    "and combine the names")]
    return []


def _tab_indents(source: SourceFile) -> list[Diagnostic]:
    """Lines indented with a tab: rbl indents blocks with spaces, so a tab's width is never guessed."""
    for number in range(1, len(source.line_starts) + 1):
        line = source.line_text(number)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.strip().startswith("#"):
            start = source.line_starts[number - 1]
            return [Diagnostic("E0103", "this line is indented with a tab", Span(start=start, end=start + len(indent)),
                               help="indent blocks with 4 spaces, not tabs")]
    return []


def _syntax_diagnostic(source: SourceFile, err: UnexpectedInput) -> Diagnostic:
    if isinstance(err, UnexpectedCharacters):
        return _bad_character(source, err)
    token, expected = err.token, set(err.expected)
    if token.type == "$END":
        span = Span(start=len(source.text), end=len(source.text))
        wanted = "the indented lines of the block, e.g. '    SPY 60%'" if "_INDENT" in expected \
            else _describe_expected(expected)
        return Diagnostic("E0102", "the file ends in the middle of a statement", span, help=f"expected {wanted}")
    if token.type == "_INDENT":
        start = token.end_pos - len(token.value.rsplit("\n", 1)[-1]) if token.end_pos else 0
        return Diagnostic("E0103", "this line is indented but no block starts here",
                          Span(start=start, end=max(start + 1, token.end_pos or 0)),
                          help="remove the indentation, or end the line above with ':'")
    if token.type == "_NL":
        return _early_line_end(source, token, expected)
    return _unexpected_word(token, expected)


def _early_line_end(source: SourceFile, token: Token, expected: set[str]) -> Diagnostic:
    start = _line_end(source, token.start_pos or 0)
    span = Span(start=start, end=start + 1)
    if "COLON" in expected:
        return Diagnostic("E0101", "missing ':' at the end of the line", span,
                          help="a section that holds an indented block ends with ':', e.g. 'target:'")
    return Diagnostic("E0101", "this line ends too early", span,
                      help=f"expected {_describe_expected(expected)}")


def _unexpected_word(token: Token, expected: set[str]) -> Diagnostic:
    span = Span(start=token.start_pos or 0, end=(token.start_pos or 0) + max(1, len(token.value)))
    keywords = sorted({_keywords()[n] for n in expected if n in _keywords()})
    guess = difflib.get_close_matches(token.value, keywords, n=1, cutoff=0.7) if token.type == "NAME" else []
    if guess:
        return Diagnostic("E0101", f"unknown keyword '{token.value}'", span, help=f"did you mean '{guess[0]}'?")
    fused = next((k for k in keywords if token.type == "NAME" and token.value.startswith(k)
                  and len(token.value) > len(k)), None)
    if fused:
        return Diagnostic("E0101", f"unknown keyword '{token.value}'", span,
                          help=f"a keyword is a whole word: write '{fused} {token.value[len(fused):]}'")
    return Diagnostic("E0101", f"unexpected {_describe_token(token)}", span,
                      help=f"expected {_describe_expected(expected)}")


def _bad_character(source: SourceFile, err: UnexpectedCharacters) -> Diagnostic:
    start = source.offset(err.line, err.column)
    ch = source.text[start : start + 1] or "?"
    return Diagnostic("E0101", f"unexpected character '{ch}'", Span(start=start, end=start + 1),
                      help="rbl uses names, numbers with units (5pp, 60%), quoted strings, "
                           "'and'/'or'/'not' and # comments")


def _line_end(source: SourceFile, offset: int) -> int:
    # A newline token starts at the end of the offending line; point there, not at the next line.
    line, _ = source.line_col(offset)
    return source.offset(line, len(source.line_text(line)) + 1)


def _indent_diagnostic(source: SourceFile) -> Diagnostic:
    """The first line whose indentation returns to a depth no enclosing block has."""
    stack = [0]
    for number in range(1, len(source.line_starts) + 1):
        line = source.line_text(number)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent > stack[-1]:
            stack.append(indent)
            continue
        inner = stack[-1]
        while indent < stack[-1]:
            stack.pop()
        if indent != stack[-1]:
            start = source.line_starts[number - 1]
            return Diagnostic("E0103", "this line's indentation does not match any enclosing block",
                              Span(start=start, end=start + max(1, indent)),
                              help=f"indent it by {inner} spaces to stay in the block above, "
                                   f"or by {stack[-1]} to end it")
    return Diagnostic("E0103", "a block's indentation does not match any enclosing block", None,
                      help="indent every line of a block by the same amount (4 spaces)")
