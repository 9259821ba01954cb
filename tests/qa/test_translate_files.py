"""`rbl translate` file errors: a plain-words reason and exit 2, never a Python exception name."""

from __future__ import annotations

from typer.testing import CliRunner

from rbl.cli import app

ENGLISH = "60% SPY, 40% AGG, rebalance when any asset drifts over 5%"


def translate(*args):
    return CliRunner().invoke(app, ["translate", "--offline", *map(str, args)])


def test_missing_from_file_says_no_such_file(tmp_path):
    out = translate("--from", tmp_path / "absent.txt")
    assert out.exit_code == 2
    assert "No such file or directory" in out.output and "Error" not in out.output


def test_from_file_in_utf16_says_to_save_it_as_utf8(tmp_path):
    english = tmp_path / "english.txt"
    english.write_bytes(ENGLISH.encode("utf-16"))
    out = translate("--from", english)
    assert out.exit_code == 2
    assert "save it as UTF-8" in out.output and "UnicodeDecodeError" not in out.output


def test_output_in_a_missing_directory_is_a_usage_error(tmp_path):
    out = translate(ENGLISH, "--yes", "-o", tmp_path / "nodir" / "t.rbl")
    assert out.exit_code == 2
    assert "cannot write" in out.output
