"""What each function computes, for hover and signature help: the indicator section of docs/semantics.md,
shipped beside this file as functions.md (package data: an installed wheel has no docs/ folder).

`python -m rbl.dsl.lsp.functions > dsl/lsp/functions.md` writes it again from docs/semantics.md;
tests/lsp/test_editor_files.py fails while it is stale."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

FUNCTIONS_MD = Path(__file__).with_name("functions.md")
HEADING = "## Indicators"


def section(semantics: str) -> str:
    """The indicator section of docs/semantics.md's text: its heading, its table and the paragraph after the
    table, which says what the table's symbols mean (`P`)."""
    lines = semantics.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADING))
    end = start + 1
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return "\n".join(lines[start:end]) + "\n"


@lru_cache(maxsize=1)
def function_docs() -> dict[str, list[str]]:
    """Function name -> the rows of the indicator table that define it ('`sma(x, n)`: mean of ...')."""
    out: dict[str, list[str]] = {}
    for line in FUNCTIONS_MD.read_text(encoding="utf-8").splitlines():
        row = re.fullmatch(r"\|\s*(`[^|]*`)\s*\|\s*(.+?)\s*\|", line)
        if row is None:
            continue
        for name in re.findall(r"`([a-z]+)[`(]", row.group(1)):
            out.setdefault(name, []).append(f"{row.group(1)}: {row.group(2)}")
    return out


def main() -> None:
    semantics = Path(__file__).resolve().parents[2] / "docs" / "semantics.md"
    sys.stdout.write(section(semantics.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
