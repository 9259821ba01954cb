"""`rbl translate`: prints the .rbl, its explanation and the assumptions; asks or fails on a question;
never writes without confirmation and never overwrites without --force."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rbl.cli import app
from rbl.cli import english as english_cli

RUNNER = CliRunner()
C2 = "60% SPY, 40% AGG. Rebalance when any asset drifts over 5%."


def run(*args: str, stdin: str | None = None):
    return RUNNER.invoke(app, ["translate", *args], input=stdin)


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.delenv("RBL_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("RBL_LLM_MODEL", raising=False)


def test_prints_rbl_then_explanation_then_assumptions():
    result = run(C2)
    assert result.exit_code == 0
    rbl, rest = result.stdout.split("# In plain English (rbl explain):")
    assert "when drift > 5pp" in rbl
    assert "more than 5 percentage points" in rest
    assert "- 5% read as 5 percentage points, not 5% of the target" in rest
    assert "- checked daily" in rest


def test_what_it_prints_is_itself_a_checked_strategy_so_a_redirect_keeps_a_working_file():
    from rbl.dsl.compiler import compile_text

    result = run(C2)
    assert result.exit_code == 0
    compile_text(result.stdout)
    notes = result.stdout[result.stdout.index("# In plain English"):]
    assert all(line.startswith("#") for line in notes.splitlines())


def test_reads_the_text_from_stdin():
    result = run("-", stdin=C2)
    assert result.exit_code == 0 and "when drift > 5pp" in result.stdout


def test_reads_the_text_from_a_file(tmp_path):
    source = tmp_path / "idea.txt"
    source.write_text(C2, encoding="utf-8")
    result = run("--from", str(source))
    assert result.exit_code == 0 and "SPY 60%" in result.stdout


def test_missing_assets_fail_with_the_question_when_not_interactive():
    result = run("Rebalance when any asset drifts over 5%.")
    assert result.exit_code == 1
    assert "question: Which assets should it hold" in result.stderr


def test_a_question_is_asked_on_a_terminal_and_the_answer_used(monkeypatch):
    monkeypatch.setattr(english_cli, "_interactive", lambda: True)
    result = run("Rebalance when any asset drifts over 5%.", stdin="60% SPY, 40% AGG\n")
    assert result.exit_code == 0
    assert "SPY 60%" in result.stdout and "when drift > 5pp" in result.stdout


def test_words_it_cannot_place_are_named_and_nothing_is_printed():
    result = run("60% SPY, 40% AGG; rebalance when the moon is full")
    assert result.exit_code == 1
    assert "question: What should 'rebalance when the moon is full' mean here?" in result.stderr
    assert result.stdout == ""
    assert "rbl 1" not in result.stdout


def test_writes_the_file_with_yes(tmp_path):
    out = tmp_path / "s.rbl"
    result = run(C2, "-o", str(out), "--yes")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("rbl 1\n")


def test_does_not_write_without_confirmation_when_not_interactive(tmp_path):
    out = tmp_path / "s.rbl"
    result = run(C2, "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert "--yes" in result.stderr


def test_never_overwrites_an_existing_file_without_force(tmp_path):
    out = tmp_path / "s.rbl"
    out.write_text("mine\n", encoding="utf-8")
    result = run(C2, "-o", str(out), "--yes")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_force_overwrites(tmp_path):
    out = tmp_path / "s.rbl"
    out.write_text("mine\n", encoding="utf-8")
    assert run(C2, "-o", str(out), "--yes", "--force").exit_code == 0
    assert "SPY 60%" in out.read_text(encoding="utf-8")


def test_empty_text_is_a_usage_error():
    result = run("   ")
    assert result.exit_code == 2 and "no English text" in result.stderr


def test_never_overwrites_its_own_english_even_with_force(tmp_path):
    english = tmp_path / "e.txt"
    english.write_text(C2 + "\n", encoding="utf-8")
    result = run("--from", str(english), "-o", str(english), "--yes", "--force")
    assert result.exit_code == 2 and "is an input of this run" in result.stderr
    assert english.read_text(encoding="utf-8") == C2 + "\n"
