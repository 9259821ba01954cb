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
    """Function name -> the rows of the indicator table that define it ('`sma(x, n)`: mean of ...'), each
    followed by the notes under the table that define a symbol it uses ('`P` (periods per year ...')."""
    lines = FUNCTIONS_MD.read_text(encoding="utf-8").splitlines()
    notes = [line for line in lines if line.startswith("`")]
    out: dict[str, list[str]] = {}
    for line in lines:
        row = re.fullmatch(r"\|\s*(`[^|]*`)\s*\|\s*(.+?)\s*\|", line)
        if row is None:
            continue
        for name in re.findall(r"`([a-z]+)[`(]", row.group(1)):
            out.setdefault(name, []).append(f"{row.group(1)}: {row.group(2)}")
            out[name] += [note for note in notes if re.search(rf"\b{_symbol(note)}\b", row.group(2))]
    return out


def _symbol(note: str) -> str:
    """The symbol a note defines: its first code span ('`P` (periods per year ...' -> 'P')."""
    return re.escape(note[1:note.index("`", 1)])


def main() -> None:
    semantics = Path(__file__).resolve().parents[2] / "docs" / "semantics.md"
    sys.stdout.write(section(semantics.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
