"""Source files and spans: character offsets into a file, with line/column lookup."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A half-open range [start, end) of character offsets into one source file."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int

    def cover(self, other: "Span | None") -> "Span":
        if other is None:
            return self
        return Span(start=min(self.start, other.start), end=max(self.end, other.end))


@dataclass(frozen=True)
class SourceFile:
    """The text of one .rbl file and the offsets where its lines start."""

    path: str
    text: str
    line_starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0] + [match.end() for match in re.finditer("\n", self.text)]
        object.__setattr__(self, "line_starts", tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and column."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.text))
