"""Diagnostics: a code, a lowercase message, a span, a help line; rendered rustc-style or as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum

from rbl.dsl.source import SourceFile, Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Every code the compiler can emit, with the one-line meaning documented in docs/diagnostics.md.
CODES: dict[str, str] = {
    "E0001": "the file cannot be read as UTF-8 text",
    "E0101": "syntax error: unexpected text",
    "E0102": "syntax error: the file ends too early",
    "E0103": "syntax error: inconsistent indentation",
    "E0104": "unsupported language version",
    "E0105": "nesting too deep",
    "E0106": "a line too long to parse",
    "E0201": "duplicate declaration",
    "E0202": "unknown name",
    "E0203": "unknown asset",
    "E0204": "unknown function or wrong number of arguments",
    "E0205": "missing section",
    "E0206": "a series used where only a per-asset context gives it meaning",
    "E0207": "a 'let' that depends on itself",
    "E0208": "'basket' needs fixed target weights",
    "E0209": "two assets with the same broker symbol",
    "E0210": "a value of the strategy's own path inside a window or a lag",
    "E0211": "'portfolio' other than as drawdown(portfolio)",
    "E0212": "an aggregate of a value that is not per holding",
    "E0213": "a signal used as what it is not: traded, or divided by",
    "E0214": "a regime has no such state",
    "E0215": "a regime read as a number",
    "E0301": "ambiguous bare percentage in a band",
    "E0302": "incompatible units or types",
    "E0303": "a condition is not true/false",
    "E0304": "a number needs a unit",
    "E0401": "weights do not sum to 100%",
    "E0402": "weight out of range",
    "E0403": "band out of range",
    "E0404": "parameter default outside its range",
    "E0405": "invalid parameter range",
    "E0406": "invalid selection size",
    "E0407": "'to band edge' needs a band",
    "E0408": "'trade breached assets' needs a per-asset condition",
    "E0409": "value out of range",
    "E0410": "an asset held by two sleeves",
    "E0411": "not available in a strategy with sleeves",
    "E0412": "caps that cannot hold the weights when the excess goes to other assets",
    "E0413": "a regime model's settings out of range",
    "E0414": "risk parity window too short for its assets",
    "E0501": "data not yet known at decision time",
    "E0502": "unsupported execution timing",
    "E0601": "calendar rule never fires",
    "W0416": "regime states named by a mean return",
    "W0417": "computed leverage with no cap",
    "W0701": "unreachable branch",
}


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span | None
    help: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code.startswith("W") else Severity.ERROR

    def sort_key(self) -> tuple[int, str]:
        return (self.span.start if self.span else -1, self.code)


class CompileError(Exception):
    """Raised at an API edge when a source has errors; carries every diagnostic."""

    def __init__(self, source: SourceFile, diagnostics: list[Diagnostic]):
        self.source = source
        self.diagnostics = diagnostics
        super().__init__(render_all(source, diagnostics))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def render(source: SourceFile, diag: Diagnostic) -> str:
    """One diagnostic in the rustc/Elm layout: header, location, source line, caret, help."""
    lines = [f"{diag.severity.value}[{diag.code}]: {diag.message}"]
    if diag.span is not None:
        line, col = source.line_col(diag.span.start)
        end_line, end_col = source.line_col(diag.span.end)
        text = source.line_text(line)
        width = max(1, (end_col if end_line == line else len(text) + 1) - col)
        shown, caret, width = _window(text, col - 1, width)
        gutter = " " * len(str(line))
        lines += [
            f"{gutter}--> {source.path}:{line}:{col}",
            f"{gutter} |",
            f"{line} | {shown}",
            f"{gutter} | {' ' * caret}{'^' * width}",
        ]
    else:
        lines.append(f" --> {source.path}")
    lines += [f"  = note: {n}" for n in diag.notes]
    if diag.help:
        lines.append(f"  = help: {diag.help}")
    return "\n".join(lines)


_WINDOW = 120      # characters of a long source line shown around the caret


def _window(text: str, start: int, width: int) -> tuple[str, int, int]:
    """The line clipped to _WINDOW characters around the caret ('…' where text is cut), the caret's
    column in it and its width: a megabyte line is not echoed whole."""
    if len(text) <= _WINDOW:
        return text, start, width
    width = min(width, _WINDOW // 2)
    left = max(0, min(start - (_WINDOW - width) // 2, len(text) - _WINDOW))
    right = left + _WINDOW
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return shown, start - left + (1 if left else 0), width


def render_all(source: SourceFile, diagnostics: list[Diagnostic]) -> str:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    body = "\n\n".join(render(source, d) for d in ordered)
    errors = sum(d.severity is Severity.ERROR for d in ordered)
    warnings = len(ordered) - errors
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return f"{body}\n\n{source.path}: {summary}" if ordered else ""


def to_json(source: SourceFile, diagnostics: list[Diagnostic]) -> str:
    """Diagnostics for editors: one object each, with 1-based line/column ranges."""
    items = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        item: dict = {"code": d.code, "severity": d.severity.value, "message": d.message,
                      "file": source.path, "help": d.help, "notes": list(d.notes)}
        if d.span is not None:
            (line, col), (end_line, end_col) = source.line_col(d.span.start), source.line_col(d.span.end)
            item.update(line=line, column=col, end_line=end_line, end_column=end_col)
        items.append(item)
    return json.dumps(items, indent=2)
