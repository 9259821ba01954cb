"""The progress bar: drawn on a terminal once work runs long, never otherwise; fed by the API."""

from __future__ import annotations

import io
import time
from pathlib import Path

from rbl.backends.numpy import api
from rbl.backends.numpy.progress import ProgressBar, Ticker, progress_bar

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_no_bar_when_stderr_is_not_a_terminal():
    assert progress_bar(stream=io.StringIO()) is None


def test_no_bar_when_disabled_even_on_a_terminal():
    assert progress_bar(enabled=False, stream=Terminal()) is None


def test_the_bar_stays_silent_during_the_first_half_second():
    clock, out = Clock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    clock.now = 0.4
    bar("simulating", 10, 100)
    bar.close()
    assert out.getvalue() == ""


def test_a_long_run_draws_counts_and_erases_itself():
    clock, out = Clock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    clock.now = 1.0
    bar("metrics", 50, 200)
    assert "metrics" in out.getvalue() and "50/200" in out.getvalue()
    bar.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_a_phase_of_unknown_length_shows_the_time_elapsed():
    clock, out = Clock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    bar("simulating", 0, 0)
    clock.now = 2.5
    bar.tick()
    assert "simulating" in out.getvalue() and "<=>" in out.getvalue() and "2.5 s" in out.getvalue()


def test_redraws_are_throttled_but_the_last_step_always_shows():
    clock, out = Clock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    clock.now = 1.0
    bar("metrics", 1, 3)
    bar("metrics", 2, 3)
    bar("metrics", 3, 3)
    assert out.getvalue().count("\r") == 2 and "3/3" in out.getvalue()


def test_nothing_is_drawn_after_the_bar_is_closed():
    clock, out = Clock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    clock.now = 1.0
    bar.close()
    bar.tick()
    assert out.getvalue() == ""


def test_the_ticker_redraws_while_work_runs_and_erases_at_the_end():
    out = Terminal()
    with Ticker(ProgressBar(out, delay=0.0, every=0.01), every=0.01) as bar:
        bar("simulating", 0, 0)
        time.sleep(0.1)
    assert out.getvalue().count("simulating") >= 2 and out.getvalue().endswith("\r\x1b[K")


def test_a_sweep_reports_the_simulation_and_all_variants_scored_at_once():
    calls = []
    api.sweep(EXAMPLES / "band_sweep.rbl", band=("2pp", "4pp", "1pp"),
              progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls == [("simulating", 0, 0), ("simulating", 3, 3), ("metrics", 3, 3)]


def test_progress_does_not_change_the_numbers():
    quiet = api.backtest(EXAMPLES / "threshold_60_40.rbl")
    observed = api.backtest(EXAMPLES / "threshold_60_40.rbl", progress=lambda *_: None)
    assert (quiet.nav == observed.nav).all()
