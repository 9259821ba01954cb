"""HTML reports are one self-contained file with the charts and the conventions."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rbl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_backtest_report_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["backtest", str(EXAMPLES / "classic_60_40.rbl"), "--report", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.count("<svg") == 6 and "Trades" in page and "open[t] = close[t-1]" in page
    assert "src=" not in page and "<script" not in page


def test_sweep_report_shows_the_frontier(tmp_path):
    out = tmp_path / "s.html"
    result = CliRunner().invoke(app, ["sweep", str(EXAMPLES / "band_sweep.rbl"), "--report", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "Turnover versus tracking error" in page and page.count("<circle") == 10


def test_a_long_sweep_labels_a_dozen_dots_and_always_the_best(tmp_path):
    out = tmp_path / "s.html"
    CliRunner().invoke(app, ["sweep", str(EXAMPLES / "band_sweep.rbl"), "--param", "band=1pp:10pp:0.2pp",
                             "--sort", "sharpe", "--report", str(out)])
    frontier = out.read_text().split("<h2>Variants")[0]
    assert frontier.count("<circle") == 46 and frontier.count("pp</text>") <= 13
    assert 'font-weight="bold" fill="#c0392b"' in frontier


def test_the_backtest_report_names_its_params_and_never_prints_minus_zero(tmp_path):
    out = tmp_path / "r.html"
    CliRunner().invoke(app, ["backtest", str(EXAMPLES / "band_sweep.rbl"), "--set", "band=3pp", "--report", str(out)])
    page = out.read_text()
    assert "params band=3pp" in page and ">-0%<" not in page and ">-0.0%<" not in page


def test_an_equity_curve_that_grows_tenfold_is_drawn_on_a_log_scale(tmp_path):
    out = tmp_path / "r.html"
    CliRunner().invoke(app, ["backtest", str(EXAMPLES / "momentum_rotation.rbl"), "--report", str(out)])
    assert "Equity (NAV) (log scale)" in out.read_text()
