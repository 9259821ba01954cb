"""LSP positions (0-based line and character) <-> character offsets of a SourceFile.

Characters here are Python characters (code points); the server converts to the client's encoding."""

from __future__ import annotations

from lsprotocol import types

from rbl.dsl.source import SourceFile, Span


def offset_at(source: SourceFile, position: types.Position) -> int:
    """The offset of a position; a position past the end of its line is the line's end."""
    line = min(max(position.line, 0), len(source.line_starts) - 1)
    column = min(max(position.character, 0), len(source.line_text(line + 1)))
    return source.line_starts[line] + column


def position_of(source: SourceFile, offset: int) -> types.Position:
    line, column = source.line_col(offset)
    return types.Position(line=line - 1, character=column - 1)


def range_of(source: SourceFile, span: Span | None) -> types.Range:
    """The range of a span; a diagnostic without a span marks the file's first character."""
    if span is None:
        return types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=1))
    return types.Range(start=position_of(source, span.start), end=position_of(source, span.end))


def whole(source: SourceFile) -> types.Range:
    return types.Range(start=types.Position(line=0, character=0), end=position_of(source, len(source.text)))
