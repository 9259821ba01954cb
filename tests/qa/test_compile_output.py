"""`rbl compile -o` writes the EA without ever replacing the strategy it was compiled from."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from rbl.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "threshold_60_40.rbl"


def test_output_onto_the_strategy_itself_is_refused_and_keeps_it(tmp_path):
    strategy = tmp_path / "mine.rbl"
    shutil.copy(EXAMPLE, strategy)
    out = CliRunner().invoke(app, ["compile", str(strategy), "--target", "mql5", "-o", str(strategy)])
    assert out.exit_code == 2
    assert "choose another output file" in out.output
    assert strategy.read_text() == EXAMPLE.read_text()
