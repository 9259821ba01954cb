"""Shared paths and small helpers of the language-server tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.rbl"))
CASES = sorted((ROOT / "tests" / "cases").glob("*.rbl"))
NO_PYGLS = "pygls is not installed (pip install 'rbl[lsp]' or the test extra)"


def at(text: str, marker: str, shift: int = 0) -> tuple[int, int]:
    """0-based (line, character) of the first `marker` in `text`, moved `shift` characters right."""
    offset = text.index(marker) + shift
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
