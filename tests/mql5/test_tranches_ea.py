"""`trade over N bars` in the EA: the same slices as the backtester bar for bar, and a terminal restart inside
a decision's window continues its slices from the saved state."""

from __future__ import annotations

from rbl.backends.mql5 import sim
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for, verify
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import EXAMPLES

EXAMPLE = next(p for p in EXAMPLES if p.stem == "tranche_band")


def test_verify_agrees_on_every_slice():
    report = verify(compile_file(EXAMPLE))
    assert report.ok, report.divergence
    slices = [r for r in parse_trace(report.journal) if r.event == "TRANCHE"]
    assert len(slices) > 50 and all(r.orders for r in slices[:4])


def test_a_restart_inside_a_window_continues_its_slices(binaries, tmp_path):
    checked = compile_file(EXAMPLE)
    s = checked.strategy
    dates, close = prices_for(checked)
    expected = backtest_trace(checked)
    inside = [i for i, r in enumerate(expected) if r.event == "TRANCHE" and "slice 3 of 5" in r.why]
    # restarted before the data bar of a third slice (decided at the next open: inside the window)
    cuts = tuple(checked.warmup_bars + inside[k] for k in (0, 5))
    journal = sim.run_with_restarts(binaries["tranche_band"], sim.default_specs(s), sim.default_account(s),
                                    dates, close, tmp_path, restarts=cuts)
    assert journal.count("SIM stopped") == 2
    assert compare(expected, parse_trace(journal), s) is None


def test_trading_at_the_close_the_slices_agree_too():
    from rbl.dsl.compiler import compile_text
    text = EXAMPLE.read_text().replace("rebalance:", "execution decide at close, trade at close\n\nrebalance:")
    report = verify(compile_text(text))
    assert report.ok, report.divergence
    assert sum(r.event == "TRANCHE" for r in parse_trace(report.journal)) > 50


SLEEVED = next(p for p in EXAMPLES if p.stem == "sleeve_tranches")


def test_a_sleeves_slices_agree_bar_for_bar_and_across_a_restart_inside_its_window(binaries, tmp_path):
    # the satellite's monthly reviews are traded in 5 daily slices; the terminal restarts twice before a
    # bar that trades a middle slice (its slices left and orders left come back from the saved state)
    checked = compile_file(SLEEVED)
    s = checked.strategy
    dates, close = prices_for(checked)
    expected = backtest_trace(checked)
    inside = [i for i, r in enumerate(expected[:-1]) if r.event == "TRANCHE" and expected[i + 1].event == "TRANCHE"]
    assert len(inside) > 100 and all(expected[i].orders for i in inside[:4])
    cuts = tuple(checked.warmup_bars + inside[k] for k in (0, 40))
    journal = sim.run_with_restarts(binaries["sleeve_tranches"], sim.default_specs(s), sim.default_account(s),
                                    dates, close, tmp_path, restarts=cuts)
    assert journal.count("SIM stopped") == 2
    assert compare(expected, parse_trace(journal), s) is None
