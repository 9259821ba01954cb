"""`rbl explain`: every example is explained in canonical English, pinned by a snapshot."""

from __future__ import annotations

from typer.testing import CliRunner

from rbl.cli import app
from rbl.dsl.compiler import compile_file, compile_text
from rbl.dsl.explain import explain

RUNNER = CliRunner()


def test_every_example_is_explained(example_path, snapshot):
    assert explain(compile_file(example_path).strategy) == snapshot


def test_explanation_is_a_paragraph_then_one_bullet_per_rule(example_path):
    paragraph, bullets = explain(compile_file(example_path).strategy).split("\n\n")
    assert "\n" not in paragraph
    assert all(line.startswith("- ") for line in bullets.strip().split("\n"))


def test_drift_band_is_spoken_in_percentage_points():
    text = explain(compile_text(
        'rbl 1\nstrategy "t"\nasset SPY\nasset AGG\ntarget:\n    SPY 60%\n    AGG 40%\n'
        "rebalance:\n    check daily\n    when drift > 5pp\n").strategy)
    assert "its drift from target is more than 5 percentage points" in text


def test_cli_explain_prints_the_explanation():
    result = RUNNER.invoke(app, ["explain", "examples/threshold_60_40.rbl"])
    assert result.exit_code == 0
    assert result.output.startswith('"Threshold 60/40" holds SPY and AGG.')


def test_cli_explain_on_a_missing_file_is_a_usage_error():
    result = RUNNER.invoke(app, ["explain", "no/such/file.rbl"])
    assert result.exit_code == 2
    assert "no such file" in result.output
