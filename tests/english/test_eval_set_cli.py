"""`rbl eval-translate --set PATH`: any evaluation set file is scored; a bad one is a clear error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rbl.cli import app

RUNNER = CliRunner()
SMALL_SET = """## a1 [dev, clear]
> 60% SPY, 40% AGG, rebalance monthly.
asset SPY
asset AGG
target:
    SPY 60%
    AGG 40%
rebalance:
    when monthly

## a2 [dev, missing]
> Rebalance monthly.
? which assets
"""


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.delenv("RBL_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("RBL_LLM_MODEL", raising=False)


def run(*args: str):
    return RUNNER.invoke(app, ["eval-translate", "--offline", *args])


def test_a_set_file_given_with_set_is_the_one_scored(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(SMALL_SET, encoding="utf-8")
    result = run("--set", str(path))
    assert result.exit_code == 0, result.output
    row = result.stdout.splitlines()[1].split()
    assert row[:7] == ["offline", "2", "100.0%", "100.0%", "100.0%", "100.0%", "1/1"]


def test_a_missing_set_file_is_a_usage_error(tmp_path):
    result = run("--set", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "no such evaluation set file" in result.output


def test_a_malformed_set_file_names_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("## broken header\n> text\n", encoding="utf-8")
    result = run("--set", str(path))
    assert result.exit_code == 1
    assert "line 1" in result.output and "Traceback" not in result.output


def test_an_intended_strategy_that_fails_the_checks_names_its_case(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(SMALL_SET.replace("AGG 40%", "AGG 40% +"), encoding="utf-8")
    result = run("--set", str(path))
    assert result.exit_code == 1
    assert "case a1" in result.output
