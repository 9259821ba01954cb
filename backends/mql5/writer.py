"""The line writer: one indent rule, `\n` endings, one literal formatter, escaped strings."""

from __future__ import annotations

import math

INDENT = "   "


def mql_double(value: float) -> str:
    """A double literal that reads back to exactly `value` (shortest repr, always with a dot)."""
    if not math.isfinite(value):
        raise ValueError(f"cannot write the non-finite number {value!r} as an MQL5 literal")
    text = repr(float(value))
    if "e" in text or "E" in text:
        mantissa, exponent = text.lower().split("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        return f"{mantissa}e{int(exponent)}"
    return text


def mql_string(text: str) -> str:
    """A string literal: quotes, backslashes and control characters escaped, non-ASCII as \\uXXXX,
    so no user text can end the literal or a comment."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or code > 0x7E:
            out.append(f"\\x{code:02x}" if code < 0x80 else "?")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment_text(text: str) -> str:
    """User text safe inside a `//` comment: printable ASCII only, on one line."""
    return "".join(ch if 0x20 <= ord(ch) < 0x7F else "?" for ch in text)


class LineWriter:
    """Collects lines at the current indent; `// rbl:N` tags point back to the .rbl line."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0

    def line(self, text: str = "", rbl_line: int | None = None) -> None:
        if not text:
            self._lines.append("")
            return
        tag = f"  // rbl:{rbl_line}" if rbl_line is not None else ""
        self._lines.append(INDENT * self._depth + text + tag)

    def lines(self, texts: list[str]) -> None:
        for text in texts:
            self.line(text)

    def indent(self) -> None:
        self._depth += 1

    def outdent(self) -> None:
        if self._depth == 0:
            raise AssertionError("outdent below column 0")
        self._depth -= 1

    def raw(self, block: str) -> None:
        """Hand-written code, copied as it is (it carries its own indentation)."""
        self._lines.extend(block.rstrip("\n").split("\n"))

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"
