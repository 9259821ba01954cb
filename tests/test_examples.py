"""Every example in examples/ compiles cleanly, and its IR is pinned by a JSON snapshot."""

from __future__ import annotations

from syrupy.extensions.json import JSONSnapshotExtension

from rbl.dsl.compiler import compile_file


def test_example_passes_check(example_path):
    checked = compile_file(example_path)
    assert checked.strategy.name


def test_example_ir_snapshot(example_path, snapshot):
    checked = compile_file(example_path)
    dumped = checked.strategy.model_dump(mode="json")
    assert dumped == snapshot(extension_class=JSONSnapshotExtension)
