"""HTML reports are one self-contained file with the charts and the conventions."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dsl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_backtest_report_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["backtest", str(EXAMPLES / "classic_60_40.rbl"), "--report", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.count("<svg") == 3 and "Trades" in page and "open[t] = close[t-1]" in page
    assert "src=" not in page and "<script" not in page


def test_sweep_report_shows_the_frontier(tmp_path):
    out = tmp_path / "s.html"
    result = CliRunner().invoke(app, ["sweep", str(EXAMPLES / "band_sweep.rbl"), "--report", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "Turnover versus tracking error" in page and page.count("<circle") == 10
