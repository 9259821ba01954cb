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

from rbl.dsl.english.front import translate

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
    "Sell everything if down 20% from the peak, otherwise hold.",
    "Sell everything if the portfolio is in a 20% drawdown, otherwise hold.",
    "Liquidate if the account drops 20% from peak.",
])
def test_a_stop_says_it_stays_in_cash_until_reset(stop):
    t = translate(f"60% SPY, 40% AGG, rebalance monthly. {stop}", offline=True)
    assert t.rbl is not None, t.question or t.error
    assert "max drawdown 20%" in t.rbl
    assert any("stays in cash until you reset it" in a for a in t.assumptions), t.assumptions


@pytest.mark.parametrize("stop", ["Sell everything if down 20%, otherwise hold.",
                                  "Sell everything if the portfolio is down 20%, otherwise hold."])
def test_a_stop_at_a_fall_from_no_named_point_asks_from_where(stop):
    """From the peak or from the money put in: the stops fire at different times, so it asks (round 14)."""
    t = translate(f"60% SPY, 40% AGG, rebalance monthly. {stop}", offline=True)
    assert t.rbl is None and "from what" in t.question


# ---- tickers and the bundled data ----------------------------------------------------------------

HELP_EXAMPLE = "60% SPY, 40% AGG, rebalance when any asset drifts over 5%"


def _bundled_columns() -> set[str]:
    data = Path(__file__).resolve().parents[2] / "backends" / "numpy" / "data"
    return {c for f in data.glob("*.csv") for c in f.read_text(encoding="utf-8").split("\n", 1)[0].split(",")[1:]}


def test_the_help_example_backtests_on_the_bundled_data(tmp_path):
    """AGG was a column the bundled data lacks: `rbl backtest` failed on translate's own example."""
    out = tmp_path / "t.rbl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RBL_LLM_")}
    made = subprocess.run([RBL, "translate", "--offline", HELP_EXAMPLE, "-o", str(out), "--yes"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert 'asset AGG column "UST10" symbol "AGG"' in out.read_text(encoding="utf-8")
    assert "AGG reads the bundled data column UST10" in made.stdout
    tested = subprocess.run([RBL, "backtest", str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert tested.returncode == 0, tested.stderr


@pytest.mark.parametrize("ticker, column", [("TLT", "UST20"), ("IEF", "UST10"), ("GLD", "GOLD"), ("VNQ", "REIT"),
                                            ("BIL", "TBILL"), ("EFA", "INTL"), ("SPY", "SPY"), ("AAPL", "AAPL")])
def test_well_known_tickers_read_a_bundled_column(ticker, column):
    t = translate(f"60% QQQ, 40% {ticker}, rebalance monthly", offline=True)
    assert t.rbl is not None, t.error
    assert f'asset {ticker} column "{column}" symbol "{ticker}"' in t.rbl
    assert column in _bundled_columns()
    said = " ".join(t.assumptions)
    assert (f"{ticker} reads the bundled data column {column}" in said) is (ticker != column)


def test_synthetic_stand_ins_are_called_synthetic():
    t = translate("60% SPY, 40% GLD, rebalance monthly", offline=True)
    assert any("GOLD" in a and "synthetic" in a for a in t.assumptions), t.assumptions


def test_a_ticker_with_no_bundled_column_lists_the_columns_there_are():
    t = translate("60% QQQ, 40% SPY, rebalance monthly", offline=True)
    assert 'asset QQQ column "QQQ"' in t.rbl
    note = next(a for a in t.assumptions if "QQQ" in a and "not in the bundled data" in a)
    assert "--data" in note and "UST10" in note and "AAPL" in note


def test_backtest_of_a_column_the_bundled_data_lacks_lists_the_columns_there_are(tmp_path):
    out = tmp_path / "t.rbl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RBL_LLM_")}
    made = subprocess.run([RBL, "translate", "--offline", "60% QQQ, 40% SPY, rebalance monthly", "-o", str(out),
                           "--yes"], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    tested = subprocess.run([RBL, "backtest", str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert tested.returncode == 1 and "Traceback" not in tested.stderr
    assert "QQQ" in tested.stderr and "UST10" in tested.stderr and "--data" in tested.stderr


@pytest.mark.parametrize("english, answer, expected", [
    ("60% SPY, 40% TLT, rebalance monthly, but only when the market is calm.", "drop it", "when monthly"),
    ("60% SPY, 40% TLT, rebalance on the 5th of each month.", "the 5th trading day of each month",
     "when 5th trading day of month"),
    ("Put 60% in the growth bucket and 40% in TLT, rebalance monthly.", "QQQ", "QQQ 60%"),
    # issue 17, round 4: chatter is skipped; the one meaningful aside is asked about, once, and dropped on request
    ("Hi all, long time lurker. 60% SPY, 40% TLT, rebalanced quarterly, and also when the moon is full. Thanks!",
     "drop it", "when quarterly"),
    ("60% SPY, 40% AGG, rebalance monthly. My client is 45 and retires at 60.", "drop it", "when monthly"),
])
def test_an_answer_replaces_the_phrase_it_was_asked_about(tmp_path, english, answer, expected):
    out = tmp_path / "s.rbl"
    code, shown = _on_a_terminal(["translate", "--offline", english, "-o", str(out)], [answer, "y"])
    assert code == 0, shown
    assert expected in out.read_text(encoding="utf-8")
