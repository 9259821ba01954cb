"""The first run's one-time numba compile says what it is doing: on a terminal, on stderr, once; never into
a pipe, a JSON stream or a test's captured output."""

from __future__ import annotations

import io
from pathlib import Path

from typer.testing import CliRunner

from rbl.backends.numpy import api
from rbl.cli import backtest as numpy_cli
from rbl.cli import app

PLAIN = Path(__file__).resolve().parents[2] / "examples" / "threshold_60_40.rbl"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pending_compile_is_announced_on_a_terminal(monkeypatch):
    monkeypatch.setattr(numpy_cli, "compile_pending", lambda: True)
    shown = Terminal()
    numpy_cli.announce_compile(shown)
    assert shown.getvalue() == numpy_cli.COMPILING + "\n"
    assert "compiling the backtester for this machine (once" in numpy_cli.COMPILING


def test_nothing_is_said_into_a_pipe(monkeypatch):
    monkeypatch.setattr(numpy_cli, "compile_pending", lambda: True)
    piped = io.StringIO()
    numpy_cli.announce_compile(piped)
    assert piped.getvalue() == ""


def test_nothing_is_said_when_the_cache_holds_the_loop(monkeypatch):
    api.backtest(PLAIN, start="2016-01-01")            # compiles (or loads) and caches the loop
    assert numpy_cli.compile_pending() is False
    shown = Terminal()
    numpy_cli.announce_compile(shown)
    assert shown.getvalue() == ""


def test_json_output_never_carries_the_notice(monkeypatch):
    monkeypatch.setattr(numpy_cli, "compile_pending", lambda: True)
    out = CliRunner().invoke(app, ["backtest", str(PLAIN), "--start", "2016-01-01", "--json"])
    assert out.exit_code == 0 and "compiling" not in out.output
