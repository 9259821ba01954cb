"""Every diagnostic code has a failing case file in tests/cases/, and its rendering is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.compiler import compile_source, read_source
from rbl.dsl.diagnostics import CODES, render_all

CASES = sorted((Path(__file__).resolve().parent.parent / "cases").glob("*.rbl"))
# E0001 is about bytes, not text; its case is a file written by the test itself.
FILE_LEVEL_CODES = {"E0001"}


def _code(case: Path) -> str:
    return case.stem.split("_", 1)[0].upper()


def _diagnose(case: Path):
    source = read_source(case.relative_to(case.parent.parent.parent))
    return source, compile_source(source).diagnostics


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request) -> Path:
    return request.param


def test_case_reports_the_code_it_is_named_after(case):
    _, diagnostics = _diagnose(case)
    assert _code(case) in {d.code for d in diagnostics}


def test_case_rendering_is_pinned(case, snapshot):
    source, diagnostics = _diagnose(case)
    assert render_all(source, diagnostics) == snapshot


def test_diagnostics_come_sorted_by_position(case):
    source, diagnostics = _diagnose(case)
    rendered = render_all(source, diagnostics)
    lines = [int(x.split(":")[-2]) for x in rendered.splitlines() if x.strip().startswith("-->") and x.count(":") >= 2]
    assert lines == sorted(lines)


def test_every_code_has_a_case_file():
    covered = {_code(c) for c in CASES} | FILE_LEVEL_CODES
    assert set(CODES) <= covered


def test_every_case_file_is_named_after_a_known_code():
    assert {_code(c) for c in CASES} <= set(CODES)


def test_messages_are_lowercase_without_a_trailing_period(case):
    _, diagnostics = _diagnose(case)
    for d in diagnostics:
        assert d.message[0] == d.message[0].lower() and not d.message.endswith(".")
        assert d.help


def test_all_errors_are_collected_not_only_the_first():
    _, diagnostics = _diagnose(next(c for c in CASES if c.stem == "e0601_calendar_never_fires"))
    assert [d.code for d in diagnostics] == ["E0601", "E0601"]
