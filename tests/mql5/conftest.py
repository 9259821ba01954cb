"""Fixtures of the MQL5 backend tests: every example emitted once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from rbl.dsl.compiler import compile_source, read_source
from rbl.backends.mql5.verify import emit_for_data
from tests.conftest import EXAMPLES


class MQ5Snapshot(SingleFileSnapshotExtension):
    """One reviewable .mq5 file per example."""

    _write_mode = WriteMode.TEXT
    file_extension = "mq5"


def emit_path(path) -> str:
    """The example's EA on the timeframe of its bundled data (H1 for the intraday example)."""
    source = read_source(path)
    return emit_for_data(compile_source(source).checked, source)


@pytest.fixture(scope="session")
def emitted() -> dict[str, str]:
    """Example stem -> its EA text, emitted once for the whole session. With RBL_EA_DIR set, the
    EAs are read from `<stem>.mq5` files there instead: to show a new test failing on an older EA."""
    folder = os.environ.get("RBL_EA_DIR")
    if folder:
        return {path.stem: (Path(folder) / f"{path.stem}.mq5").read_text() for path in EXAMPLES}
    return {path.stem: emit_path(path) for path in EXAMPLES}


@pytest.fixture(scope="session")
def compiled(emitted, tmp_path_factory):
    """Example stem -> (g++ result, object file): each EA compiled once, two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from rbl.backends.mql5.gxx import compile_object
    from rbl.backends.mql5.verify import tester_inputs, with_inputs

    work = tmp_path_factory.mktemp("ea-objects")
    inputs = {path.stem: tester_inputs(compile_source(read_source(path)).checked.strategy) for path in EXAMPLES}

    def build(stem):
        text = emitted[stem]
        known = {k: v for k, v in inputs[stem].items() if f" {k} = " in text}   # an older EA (RBL_EA_DIR) lacks some
        text = with_inputs(text, known)    # as verify runs them: the strategy's capital, alert EAs approved
        return stem, (compile_object(text, f"{stem}.mq5", work, work / f"{stem}.o"), work / f"{stem}.o")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(build, sorted(emitted)))


@pytest.fixture(scope="session")
def binaries(compiled, tmp_path_factory):
    """Example stem -> the EA linked with the simulated broker."""
    from rbl.backends.mql5 import sim

    work = tmp_path_factory.mktemp("ea-binaries")
    return {stem: sim.link(obj, work / stem) for stem, (result, obj) in compiled.items() if result.ok}
