"""Every `rbl COMMAND --help` shows an example, and the example runs on files that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.cli import app

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["check", "fmt", "explain", "dump", "schema", "backtest", "sweep", "compile", "verify",
            "translate", "eval-translate"]


def help_text(command: str) -> str:
    out = CliRunner().invoke(app, [command, "--help"])
    assert out.exit_code == 0, out.output
    return out.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(command):
    assert re.search(rf"Examples?: rbl {command}\b", help_text(command))


@pytest.mark.parametrize("command", COMMANDS)
def test_files_named_in_the_help_example_exist(command):
    named = re.findall(r"\b((?:examples|tests)/[\w/.-]+\.(?:rbl|txt))", help_text(command))
    missing = [p for p in named if not (ROOT / p).is_file()]
    assert missing == []


def test_fmt_help_says_it_rewrites_the_files_in_place():
    assert "Rewrite strategies in place" in help_text("fmt")
