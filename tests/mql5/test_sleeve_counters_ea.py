"""Each sleeve's `bars/days since rebalance` in the EA: persisted with its state, so a terminal restarted
while a sleeve's cooldown runs decides as the backtest does, bar for bar (examples/sleeve_cooldown.rbl)."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for, verify
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file, compile_source
from rbl.dsl.source import SourceFile
from tests.conftest import EXAMPLES

EXAMPLE = next(p for p in EXAMPLES if p.stem == "sleeve_cooldown")


def _bound(trace, sleeve: str, gap) -> tuple[int, int]:
    """(a rebalance of `sleeve`, its next) where the next came when the count allowed it: gap(t1, t2)."""
    fired = [t for t, r in enumerate(trace) if f"{sleeve}:11" in r.sleeves]
    return next((t1, t2) for t1, t2 in zip(fired, fired[1:]) if gap(t1, t2))


def test_a_restart_inside_each_sleeves_cooldown_keeps_its_count(binaries, tmp_path):
    checked = compile_file(EXAMPLE)
    s = checked.strategy
    expected = backtest_trace(checked)
    day = lambda t: np.datetime64(expected[t].date)  # noqa: E731
    # the core fired again exactly 20 bars after it last did (its cooldown held it back), the satellite
    # 91 days or more after (its time rule): a count lost at a restart in between would fire them later
    core = _bound(expected, "core", lambda t1, t2: t2 - t1 == 20)
    satellite = _bound(expected, "satellite", lambda t1, t2: (day(t2) - day(t1)).astype(int) >= 91)
    dates, close = prices_for(checked)
    journal = sim.run_with_restarts(binaries["sleeve_cooldown"], sim.default_specs(s), sim.default_account(s),
                                    dates, close, tmp_path, restarts=(core[0] + 3, satellite[0] + 3))
    assert compare(expected, parse_trace(journal), s) is None


@pytest.mark.slow
def test_a_sleeves_check_reads_its_own_count_in_the_ea():
    """The core looks every 20 bars from its own last rebalance, the strategy a week after any trade."""
    text = EXAMPLE.read_text().replace(
        "        check daily\n        when sum of drift / 2 > 2pp and bars since rebalance >= 20",
        "        check bars since rebalance >= 20\n        when sum of drift / 2 > 2pp", 1).replace(
        "    check daily\n    when sum of drift / 2 > 4pp and bars since rebalance >= 5",
        "    check days since rebalance >= 7\n    when sum of drift / 2 > 4pp")
    assert text.count("since rebalance >= ") == 3
    report = verify(compile_source(SourceFile("checks.rbl", text)).checked)
    assert report.ok, report.divergence
    assert any("core:11" in r.sleeves for r in parse_trace(report.journal))
