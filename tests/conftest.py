"""Shared fixtures: the example files, and compiling them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.rbl"))


def example_ids() -> list[str]:
    return [p.stem for p in EXAMPLES]


@pytest.fixture(params=EXAMPLES, ids=example_ids())
def example_path(request) -> Path:
    return request.param
