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

from dsl.tree_builder import PASS_THROUGH, Callback, fused_callbacks


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


class FastParser:
    """Parses rbl text to the same lark Tree as `lark_parser.parse(text)`, or returns None."""

    def __init__(self, lark_parser: Lark, indenter: Indenter) -> None:
        frontend = lark_parser.parser
        table = frontend.parser._parse_table          # noqa: SLF001
        contextual: ContextualLexer = frontend.lexer.lexer
        callbacks = fused_callbacks(lark_parser.rules)
        self.start, self.end = table.start_states["start"], table.end_states["start"]
        self.actions = {state: _actions(row, callbacks) for state, row in table.states.items()}
        shared: dict[int, _StateLexer] = {}
        self.lexers = {state: shared.setdefault(id(lexer), _StateLexer(lexer))
                       for state, lexer in contextual.lexers.items()}
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
        self.last: Token | None = None

    def result(self) -> Tree:
        for token in self._tokens():
            self._feed(token)
        self._finish_blocks()
        last = self.last
        end = Token.new_borrow_pos("$END", "", last) if last else Token("$END", "", 0, 1, 1)
        return self._feed(end, at_end=True)

    def _tokens(self) -> Iterator[Token]:
        """Tokens as lark's Indenter yields them; each raw token is lexed in the parser's current state."""
        indenter, parens = self.parser.indenter, 0
        for token in self._raw_tokens():
            if token.type != indenter.NL_type:
                yield token
            elif parens == 0:
                yield token
                yield from self._indents(token)
            if token.type in indenter.OPEN_PAREN_types:
                parens += 1
            elif token.type in indenter.CLOSE_PAREN_types:
                parens -= 1
                if parens < 0:
                    raise _GiveUp

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

    def _finish_blocks(self) -> None:
        dedent = self.parser.indenter.DEDENT_type
        while len(self.levels) > 1:
            self.levels.pop()
            last = self.last
            self._feed(Token.new_borrow_pos(dedent, "", last) if last else Token(dedent, "", 0, 0, 0, 0, 0, 0))

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
            token = Token(kind, value, start, start_line, column, line, pos - line_start + 1, pos)
            if kind in lexer.retype:
                token = lexer.retype[kind](token)
            yield token

    def _feed(self, token: Token, at_end: bool = False):
        """lark's ParserState.feed_token: reduce while the table says so, then shift the token."""
        states, values, actions, kind = self.states, self.values, self.parser.actions, token.type
        self.last = token
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
