"""The line-preserving rewrite of emitted MQL5 into C++17 against the prelude header."""

from __future__ import annotations

import re

PRELUDE_INCLUDE = '#include "prelude.h"'

# (pattern, replacement) applied to each line; every rule keeps the line count unchanged, so
# compiler and lint diagnostics cite .mq5 lines directly.
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*#property\b.*$"), ""),
    (re.compile(r"^\s*input\s+group\b.*$"), ""),
    (re.compile(r"^(\s*)s?input\s+"), r"\1const "),
    (re.compile(r"^\s*#include\s*<Trade\\Trade\.mqh>\s*$"), PRELUDE_INCLUDE),
)


def rewrite_line(line: str) -> str:
    for pattern, replacement in RULES:
        line = pattern.sub(replacement, line)
    return line


def to_cxx(mq5: str) -> str:
    """The C++ translation unit of an EA: same number of lines, same line for every statement."""
    out = "\n".join(rewrite_line(line) for line in mq5.split("\n"))
    assert out.count("\n") == mq5.count("\n")
    return out
