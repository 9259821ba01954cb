"""One loop that lexes, indents and parses over lark's own LALR tables; lark itself reports errors.

lark runs a token through four generators (contextual lexer, post-lexer connector, Indenter, parser)
and a Python-level rule hash per reduction. This driver does the same steps in one loop: for each
token it uses the lexer lark built for the current parser state, injects INDENT/DEDENT exactly as
lark's Indenter does, and shifts or reduces by lark's table with the fused tree callbacks. On any
input it cannot parse it gives up (returns None) and the caller lets lark parse the text, so every
syntax error is lark's own, with its positions and expected-token sets."""

from __future__ import annotations

from collections.abc import Iterator

from lark import Lark, Token, Tree
from lark.indenter import Indenter
from lark.lexer import BasicLexer, ContextualLexer
from lark.parsers.lalr_analysis import Shift

from rbl.dsl.tree_builder import PASS_THROUGH, Callback, fused_callbacks


# Token(...) checks for a deprecated keyword first; the constructor behind it takes the same
# positional arguments at half the cost, 14,000 times for a 2,000-line file.
_new_token = getattr(Token, "_future_new", Token)


class _GiveUp(Exception):
    """The text is not valid rbl (or not in a way this loop follows): lark parses it instead."""


class _StateLexer:
    """The terminals one parser state accepts, as lark's contextual lexer scans them."""

    __slots__ = ("patterns", "retype", "ignore", "multiline")

    def __init__(self, lexer: BasicLexer) -> None:
        self.patterns = tuple(lexer.scanner._mres)   # noqa: SLF001 - lark's compiled alternations
        self.retype = dict(lexer.callback)           # keyword check of NAME-like tokens
        self.ignore = lexer.ignore_types
        self.multiline = lexer.newline_types


class _LexerTable(dict):
    """Parser state -> its _StateLexer, compiled on first use as lark's own lexers are."""

    def __init__(self, contextual: ContextualLexer) -> None:
        super().__init__()
        self.contextual = contextual
        self.by_identity: dict[int, _StateLexer] = {}

    def __missing__(self, state: int) -> _StateLexer:
        lexer = self.contextual.lexers[state]
        if id(lexer) not in self.by_identity:           # states that accept the same terminals share one
            self.by_identity[id(lexer)] = _StateLexer(lexer)
        self[state] = self.by_identity[id(lexer)]
        return self[state]


class FastParser:
    """Parses rbl text to the same lark Tree as `lark_parser.parse(text)`, or returns None.

    Raises AttributeError, KeyError or TypeError when the installed lark keeps its tables elsewhere."""

    def __init__(self, lark_parser: Lark, indenter: Indenter) -> None:
        frontend = lark_parser.parser
        table = frontend.parser._parse_table          # noqa: SLF001
        contextual = frontend.lexer.lexer
        if not isinstance(contextual, ContextualLexer) or not all(isinstance(a, int) for a in table.states):
            raise TypeError("the fast parse loop needs lark's LALR tables and contextual lexer")
        callbacks = fused_callbacks(lark_parser.rules)
        self.start, self.end = table.start_states["start"], table.end_states["start"]
        self.actions = {state: _actions(row, callbacks) for state, row in table.states.items()}
        self.lexers = _LexerTable(contextual)
        self.lexers[self.start]                        # noqa: B018 - fails now if lark's lexers differ
        self.indenter = indenter

    def parse(self, text: str) -> Tree | None:
        try:
            return _Run(self, text).result()
        except _GiveUp:
            return None


def _actions(row: dict, callbacks: dict) -> dict[str, int | tuple[int, str, Callback]]:
    """A state's table row: the next state (shift or goto), or (size, rule name, callback) to reduce.

    Rule names become plain str: lark's are Tokens, whose Python-level __eq__ slows every goto lookup."""
    return {symbol: arg if action is Shift else (len(arg.expansion), str(arg.origin.name), callbacks[arg])
            for symbol, (action, arg) in row.items()}


class _Run:
    """One parse: the parser stacks, the lexer position and the indentation levels."""

    def __init__(self, parser: FastParser, text: str) -> None:
        self.parser, self.text = parser, text
        self.states: list[int] = [parser.start]
        self.values: list = []
        self.levels = [0]

    def result(self) -> Tree:
        """Feed the tokens as lark's Indenter yields them, then close the open blocks and the file."""
        feed, indenter, parens, token = self._feed, self.parser.indenter, 0, None
        newline, opening, closing = indenter.NL_type, indenter.OPEN_PAREN_types, indenter.CLOSE_PAREN_types
        for token in self._raw_tokens():
            kind = token.type
            if kind != newline:
                feed(token)
            elif parens == 0:                  # inside brackets a line break is only space
                feed(token)
                for marker in self._indents(token):
                    feed(marker)
            if kind in opening:
                parens += 1
            elif kind in closing:
                parens -= 1
                if parens < 0:
                    raise _GiveUp
        for marker in self._closing_dedents(token):
            feed(marker)
        return feed(Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1), True)

    def _indents(self, newline: Token) -> Iterator[Token]:
        indenter, levels = self.parser.indenter, self.levels
        spaces = newline.rsplit("\n", 1)[1]
        indent = spaces.count(" ") + spaces.count("\t") * indenter.tab_len
        if indent > levels[-1]:
            levels.append(indent)
            yield Token.new_borrow_pos(indenter.INDENT_type, spaces, newline)
            return
        while indent < levels[-1]:
            levels.pop()
            yield Token.new_borrow_pos(indenter.DEDENT_type, spaces, newline)
        if indent != levels[-1]:
            raise _GiveUp

    def _closing_dedents(self, last: Token | None) -> Iterator[Token]:
        dedent = self.parser.indenter.DEDENT_type
        while len(self.levels) > 1:
            self.levels.pop()
            yield Token.new_borrow_pos(dedent, "", last) if last else Token(dedent, "", 0, 0, 0, 0, 0, 0)

    def _raw_tokens(self) -> Iterator[Token]:
        """lark's BasicLexer.next_token, with the line counter kept in locals."""
        text, lexers, states = self.text, self.parser.lexers, self.states
        pos, line, line_start, end = 0, 1, 0, len(text)
        while pos < end:
            lexer = lexers[states[-1]]
            for pattern in lexer.patterns:
                match = pattern.match(text, pos, end)
                if match:
                    break
            else:
                raise _GiveUp
            value, kind = match.group(0), match.lastgroup
            start, start_line, column = pos, line, pos - line_start + 1
            pos += len(value)
            if kind in lexer.multiline and "\n" in value:
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
            if kind in lexer.ignore:
                continue
            token = _new_token(kind, value, start, start_line, column, line, pos - line_start + 1, pos)
            if kind in lexer.retype:
                token = lexer.retype[kind](token)
            yield token

    def _feed(self, token: Token, at_end: bool = False):
        """lark's ParserState.feed_token: reduce while the table says so, then shift the token."""
        states, values, actions, kind = self.states, self.values, self.parser.actions, token.type
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                raise _GiveUp
            if action.__class__ is int:
                if at_end:
                    raise _GiveUp
                states.append(action)
                values.append(token)
                return None
            size, name, build = action
            if build is PASS_THROUGH:                    # a unit rule: the value stays, only the state moves
                states[-1] = actions[states[-2]][name]
            else:
                children = values[-size:] if size else []
                if size:
                    del states[-size:], values[-size:]
                values.append(build(children))
                states.append(actions[states[-1]][name])
            if at_end and states[-1] == self.parser.end:
                return values[-1]
