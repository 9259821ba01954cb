"""A file with no statements gets one plain diagnostic from every command, not a parse error."""

from __future__ import annotations

from typer.testing import CliRunner

from rbl.cli import app


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_comment_only_file_is_reported_as_such_by_check(tmp_path):
    path = tmp_path / "notes.rbl"
    path.write_text("# ideas for a 60/40\n\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1 and "the file has only comments" in result.output


def test_fmt_says_an_empty_file_is_empty_and_leaves_it_alone(tmp_path):
    path = tmp_path / "empty.rbl"
    path.write_text("", encoding="utf-8")
    result = run("fmt", str(path))
    assert result.exit_code == 1 and "the file is empty" in result.output
    assert path.read_text(encoding="utf-8") == ""


def test_fmt_names_the_code_of_an_unreadable_file(tmp_path):
    path = tmp_path / "utf16.rbl"
    path.write_text("rbl 1\n", encoding="utf-16")
    result = run("fmt", str(path))
    assert result.exit_code == 1 and "error[E0001]" in result.output
