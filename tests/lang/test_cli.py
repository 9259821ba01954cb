"""The command line: exit codes and clear messages for every way a file can be wrong, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.cli import app

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD = ROOT / "examples" / "classic_60_40.rbl"
BAD = ROOT / "tests" / "cases" / "e0301_bare_percent_band.rbl"


def rbl(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_check_a_good_file_prints_ok_and_the_warmup():
    result = rbl("check", GOOD)
    assert result.exit_code == 0 and "ok (2 assets, warm-up 0 bars)" in result.output


def test_check_a_bad_file_exits_1_with_the_diagnostic():
    result = rbl("check", BAD)
    assert result.exit_code == 1 and "error[E0301]" in result.output


def test_check_json_format_is_a_list_of_diagnostics():
    result = rbl("check", "--format", "json", BAD)
    [item] = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (item["code"], item["line"], item["column"]) == ("E0301", 12, 18)


def test_a_missing_file_is_a_usage_error(tmp_path):
    result = rbl("check", tmp_path / "nope.rbl")
    _no_traceback(result)
    assert result.exit_code == 2 and "no such file" in result.output


def test_a_directory_is_a_usage_error(tmp_path):
    result = rbl("check", tmp_path)
    _no_traceback(result)
    assert result.exit_code == 2 and "is a directory" in result.output


@pytest.mark.parametrize("name,data,words", [
    ("binary.rbl", bytes(range(256)), "not a text file"),
    ("utf16.rbl", "rbl 1\n".encode("utf-16"), "save it as UTF-8"),
    ("latin1.rbl", "strategy \"caf\xe9\"".encode("latin-1"), "not UTF-8"),
])
def test_an_unreadable_file_is_error_e0001(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    result = rbl("check", path)
    _no_traceback(result)
    assert result.exit_code == 1 and "E0001" in result.output and words in result.output


def test_an_empty_file_says_so(tmp_path):
    path = tmp_path / "empty.rbl"
    path.write_text("")
    result = rbl("check", path)
    assert result.exit_code == 1 and "the file is empty" in result.output


def test_an_unknown_flag_is_a_usage_error():
    assert rbl("check", "--nope", GOOD).exit_code == 2


def test_dump_ir_prints_json_without_spans():
    result = rbl("dump", "ir", GOOD)
    assert result.exit_code == 0 and json.loads(result.stdout)["name"] == "Classic 60/40, monthly"
    assert "span" not in result.stdout


def test_schema_describes_the_strategy():
    schema = json.loads(rbl("schema").stdout)
    assert "target" in schema["properties"] and "span" not in json.dumps(schema)


def test_fmt_check_passes_on_the_examples():
    result = rbl("fmt", "--check", *sorted((ROOT / "examples").glob("*.rbl")))
    assert result.exit_code == 0, result.output


def test_fmt_check_exits_1_and_changes_nothing(tmp_path):
    path = tmp_path / "messy.rbl"
    messy = GOOD.read_text().replace("    SPY 60%", "    SPY    60%")
    path.write_text(messy)
    result = rbl("fmt", "--check", path)
    assert result.exit_code == 1 and "would reformat" in result.output
    assert path.read_text() == messy


def test_fmt_rewrites_in_place(tmp_path):
    path = tmp_path / "messy.rbl"
    path.write_text(GOOD.read_text().replace("    SPY 60%", "    SPY    60%"))
    assert rbl("fmt", path).exit_code == 0
    assert path.read_text() == GOOD.read_text()


def test_fmt_leaves_a_file_with_syntax_errors_alone(tmp_path):
    path = tmp_path / "broken.rbl"
    path.write_text("rbl 1\nstrategy \"x\"\ntarget\n")
    result = rbl("fmt", path)
    assert result.exit_code == 1 and "E0101" in result.output
    assert path.read_text() == "rbl 1\nstrategy \"x\"\ntarget\n"


def test_a_real_process_reports_a_missing_file_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-c", "from rbl.cli import run; run()", "check",
                           str(tmp_path / "x.rbl")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
