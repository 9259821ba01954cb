"""Maps IR spans back to .rbl lines, for `// rbl:N` tags and error messages."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.source import SourceFile
from rbl.backends.mql5.writer import comment_text


class SpanMap:
    """Line numbers and source snippets of IR nodes; without a source file it knows nothing."""

    def __init__(self, source: SourceFile | None) -> None:
        self.source = source

    def line(self, node: ir.Node | None) -> int | None:
        if node is None or node.span is None or self.source is None:
            return None
        return self.source.line_col(node.span.start)[0]

    def where(self, node: ir.Node | None) -> str:
        line = self.line(node)
        path = self.source.path if self.source else "<strategy>"
        return f"{path}:{line}" if line else path

    def snippet(self, node: ir.Node | None, limit: int = 70) -> str:
        if node is None or node.span is None or self.source is None:
            return type(node).__name__ if node is not None else ""
        text = " ".join(self.source.text[node.span.start:node.span.end].split())
        text = comment_text(text)
        return text if len(text) <= limit else text[: limit - 3] + "..."
