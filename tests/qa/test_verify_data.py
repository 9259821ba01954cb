"""`rbl verify --data` treats a missing price file as `rbl backtest` does: a usage error, exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rbl.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "threshold_60_40.rbl"


def test_a_missing_data_file_is_a_usage_error(tmp_path):
    out = CliRunner().invoke(app, ["verify", str(EXAMPLE), "--data", str(tmp_path / "absent.csv")])
    assert out.exit_code == 2
    assert "--data" in out.output and "no such file" in out.output
