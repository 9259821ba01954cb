"""The kill switch in the EA: on the KILL bar it closes every position, prints the strategy's
targets as the backtester does (docs/trace.md), and trades no more."""

from __future__ import annotations

from rbl.dsl.source import SourceFile
from rbl.backends.mql5.verify import compare
from tests.conftest import ROOT
from tests.mql5.test_sleeves_parity import ea_and_backtest

KILL_AT_20 = "\nconstraints:\n    max drawdown 20%\n"


def test_a_plain_strategy_killed_at_20pct_drawdown_makes_the_backtests_decisions(tmp_path):
    text = (ROOT / "examples" / "classic_60_40.rbl").read_text() + KILL_AT_20
    checked, actual, expected = ea_and_backtest(SourceFile("classic_kill.rbl", text), tmp_path)
    assert compare(expected, actual, checked.strategy) is None
    kill = [r for r in actual if r.event == "KILL"]
    assert len(kill) == 1 and kill[0].targets == {"SPY": 0.6, "AGG": 0.4}
    after = actual[actual.index(kill[0]) + 1:]
    assert after and all(r.event == "DONE" and not r.orders for r in after)
