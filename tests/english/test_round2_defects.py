"""Issue 17's defects, each reproduced before its fix: the drift question answered in its own format
(on a real pseudo-terminal), the permanent stop said as an assumption, tickers read from bundled data."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dsl.english.front import translate

RBL = str(Path(sys.executable).parent / "rbl")
VAGUE = "60% SPY, 40% AGG. Rebalance when any asset drifts too far."
PROMPT = "or 20% of its target)?:"           # the question as typer prompts it


def _on_a_terminal(args: list[str], answers: list[str], timeout: float = 30.0) -> tuple[int, str]:
    """Run `rbl` with a pseudo-terminal as stdin/stdout; type each answer after each prompt ending in '? '
    or ': '. Returns the exit code and everything the terminal showed."""
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RBL_LLM_")}
    proc = subprocess.Popen([RBL, *args], stdin=secondary, stdout=secondary, stderr=secondary, env=env,
                            close_fds=True)
    os.close(secondary)
    shown, pending, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:          # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            if pending and shown.rstrip(b" ").endswith((b"?", b":", b"]")):
                os.write(primary, pending.pop(0).encode() + b"\n")
        elif proc.poll() is not None:
            break
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:      # still waiting for an answer nobody gives: the loop did not end
        proc.kill()
        shown += b"\n[killed: still asking]"
    proc.wait(timeout=10)
    os.close(primary)
    return proc.returncode, shown.decode(errors="replace")


@pytest.mark.parametrize("answer", ["5 percentage points", "5pp", "5%", "5 points"])
def test_the_drift_question_takes_an_answer_in_its_own_format(tmp_path, answer):
    """It asked again three times, then exited 1 with no file."""
    out = tmp_path / "s.rbl"
    code, shown = _on_a_terminal(["translate", "--offline", VAGUE, "-o", str(out)], [answer, "y"])
    assert code == 0, shown
    assert "when drift > 5pp" in out.read_text(encoding="utf-8")
    assert shown.count(PROMPT) == 1


def test_a_relative_answer_is_a_relative_band(tmp_path):
    out = tmp_path / "s.rbl"
    code, shown = _on_a_terminal(["translate", "--offline", VAGUE, "-o", str(out)], ["20% of its target", "y"])
    assert code == 0, shown
    assert "when drift > 20% of target" in out.read_text(encoding="utf-8")


def test_an_answer_that_does_not_settle_the_question_is_not_asked_again(tmp_path):
    out = tmp_path / "s.rbl"
    code, shown = _on_a_terminal(["translate", "--offline", VAGUE, "-o", str(out)], ["far-ish", "far-ish", "far-ish"])
    assert code == 1 and not out.exists()
    assert shown.count(PROMPT) == 1 and "killed" not in shown
    assert "the answer 'far-ish' did not settle the question" in shown


# ---- 'sell everything if down 20%': a permanent stop, said so ------------------------------------

@pytest.mark.parametrize("stop", [
    "Sell everything if down 20%, otherwise hold.",
    "Sell everything if the portfolio is down 20%, otherwise hold.",
    "Liquidate if the account drops 20% from peak.",
])
def test_a_stop_says_it_stays_in_cash_until_reset(stop):
    t = translate(f"60% SPY, 40% AGG, rebalance monthly. {stop}", offline=True)
    assert t.rbl is not None, t.question or t.error
    assert "max drawdown 20%" in t.rbl
    assert any("stays in cash until you reset it" in a for a in t.assumptions), t.assumptions
