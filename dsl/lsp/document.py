"""One open document, analysed once per text: the compile result, the name tokens, the declarations."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache

from lark import Token
from lark.lexer import LexerThread

from rbl.dsl import ir
from rbl.dsl.compiler import CompileResult, compile_source
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.parser import _parser
from rbl.dsl.source import SourceFile, Span

log = logging.getLogger("rbl.lsp")

# The compiler's parser is shared and its Indenter post-lexer keeps the indentation of the parse under
# way on the instance: two threads parsing at once would mix their levels. The server checks in a worker
# thread while hover and completion read on the main one, so every use of the parser holds this lock.
PARSER_LOCK = threading.RLock()

# The keyword before a declared name, and what the name then is.
DECLARING = {"ASSET": "asset", "LET": "let", "PARAM": "param", "STATE": "state", "SLEEVE": "sleeve",
             "CASH": "cash", "SIGNAL": "signal"}


@dataclass(frozen=True)
class Occurrence:
    """A name where it is written: its span and whether this is its declaration."""

    name: str
    span: Span
    declares: str | None = None      # the kind ('asset', 'let', ...) when this occurrence declares it


@dataclass
class Document:
    """The analysis of one text. Every feature reads it; none parses again."""

    text: str
    path: str = "<editor>"

    @cached_property
    def source(self) -> SourceFile:
        return SourceFile(self.path, self.text)

    @cached_property
    def result(self) -> CompileResult:
        """The compiler's own result; an internal error of the compiler becomes one diagnostic."""
        try:
            with PARSER_LOCK:
                return compile_source(self.source)
        except Exception as err:  # a compiler bug must not take the editor's server down
            log.exception("compile failed")
            return CompileResult(self.source, [Diagnostic("internal", f"internal error of rbl: {err}", None)])

    @property
    def strategy(self) -> ir.Strategy | None:
        return self.result.strategy

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens as the parser read them (its contextual lexer tells the keyword 'target' from the
        series 'target'); past a syntax error, the plain lexer's tokens, up to a character it cannot read."""
        text = self.text if self.text.endswith("\n") else self.text + "\n"
        with PARSER_LOCK:
            parsed = _parsed_tokens(text)
            lexed = _lexed_tokens(text)
        resume = parsed[-1].end_pos if parsed else 0
        return parsed + [t for t in lexed if t.start_pos >= resume]

    @cached_property
    def occurrences(self) -> list[Occurrence]:
        out, before = [], None
        for token in self.tokens:
            if token.type == "NAME":
                span = Span(start=token.start_pos, end=token.end_pos)
                declares = DECLARING.get(before.type) if before is not None else None
                out.append(Occurrence(token.value, span, declares))
            before = token
        return out

    def declarations(self) -> dict[str, Occurrence]:
        """Name -> its first declaration."""
        found: dict[str, Occurrence] = {}
        for occ in self.occurrences:
            if occ.declares and occ.name not in found:
                found[occ.name] = occ
        return found

    def token_at(self, offset: int) -> Token | None:
        """The token under the cursor, or the one the cursor ends (the cursor after a word)."""
        tokens = [t for t in self.tokens if t.type != "_NL"]
        inside = next((t for t in tokens if t.start_pos <= offset < t.end_pos), None)
        return inside or next((t for t in tokens if t.end_pos == offset), None)

    def occurrence_at(self, offset: int) -> Occurrence | None:
        return next((o for o in self.occurrences if o.span.start <= offset <= o.span.end), None)


def _parsed_tokens(text: str) -> list[Token]:
    found: list[Token] = []
    try:
        for token in _parser().parse_interactive(text).iter_parse():
            if token.type not in ("_INDENT", "_DEDENT", "$END") and token.start_pos is not None:
                found.append(token)
    except Exception:  # noqa: BLE001 - the first syntax error ends what the parser read
        if found:
            found.pop()              # the token the parser refused: its type may be a guess
    return found


def _lexed_tokens(text: str) -> list[Token]:
    found: list[Token] = []
    try:
        # the lexer without the Indenter post-lexer, which stops at an unmatched ')'
        found.extend(LexerThread.from_text(_parser()._build_lexer(), text).lex(None))
    except Exception as err:  # noqa: BLE001 - a bad character ends the tokens, as it ends the parse
        log.debug("tokens end at %s", err)
    return found


@lru_cache(maxsize=16)
def analyse(text: str, path: str = "<editor>") -> Document:
    """The same text is analysed once: hover, completion and diagnostics share it."""
    return Document(text, path)
