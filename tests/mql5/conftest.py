"""Fixtures of the MQL5 backend tests: every example emitted once per session."""

from __future__ import annotations

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from dsl.compiler import compile_source, read_source
from backends.mql5.emit import emit_mql5
from tests.conftest import EXAMPLES


class MQ5Snapshot(SingleFileSnapshotExtension):
    """One reviewable .mq5 file per example."""

    _write_mode = WriteMode.TEXT
    file_extension = "mq5"


def emit_path(path) -> str:
    source = read_source(path)
    return emit_mql5(compile_source(source).checked, source)


@pytest.fixture(scope="session")
def emitted() -> dict[str, str]:
    """Example stem -> its EA text, emitted once for the whole session."""
    return {path.stem: emit_path(path) for path in EXAMPLES}
