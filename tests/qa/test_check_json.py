"""`rbl check --format json` answers in JSON even when the file is not text, so an editor can show it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rbl.cli import app


def test_a_utf16_file_is_one_json_diagnostic_e0001(tmp_path):
    strategy = tmp_path / "s.rbl"
    strategy.write_bytes("rbl 1\n".encode("utf-16"))
    out = CliRunner().invoke(app, ["check", "--format", "json", str(strategy)])
    assert out.exit_code == 1
    assert [d["code"] for d in json.loads(out.stdout)] == ["E0001"]
