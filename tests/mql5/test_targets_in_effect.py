"""Targets in effect in the EA (docs/semantics.md, *Targets in effect*): a strategy that checks monthly
evaluates its price-driven targets on check bars and keeps them in between, also across a restart
between two check bars (the targets are saved with the state), as the backtest does."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import ROOT


def _mid_month(dates: np.ndarray, after: int) -> int:
    """A data index after `after` whose bar and the bars either side fall in one month: a restart
    there lands between two monthly check bars."""
    months = dates.astype("datetime64[M]")
    return next(i for i in range(after, len(dates) - 1) if months[i - 1] == months[i] == months[i + 1])


@pytest.mark.parametrize("stem", ["capped_risk_parity", "core_satellite"])
def test_a_restart_between_check_bars_keeps_the_targets_in_effect(stem, binaries, tmp_path):
    checked = compile_file(ROOT / "examples" / f"{stem}.rbl")
    s = checked.strategy
    dates, close = prices_for(checked)
    specs, account = sim.default_specs(s), sim.default_account(s)
    stop = _mid_month(dates, checked.warmup_bars + 300)
    whole = sim.run(binaries[stem], sim.config_text(specs, account, dates, close), tmp_path)
    state = tmp_path / "state.txt"
    first = sim.run(binaries[stem], sim.config_text(specs, account, dates, close, stop_after=stop,
                                                    state_out=str(state)), tmp_path)
    second = sim.run(binaries[stem], sim.config_text(specs, account, dates, close), tmp_path, state)
    assert parse_trace(first) + parse_trace(second) == parse_trace(whole)
    assert compare(backtest_trace(checked), parse_trace(whole), s) is None


def test_monthly_risk_parity_targets_change_on_check_bars_only(binaries, tmp_path):
    checked = compile_file(ROOT / "examples" / "capped_risk_parity.rbl")
    s = checked.strategy
    dates, close = prices_for(checked)
    journal = sim.run(binaries["capped_risk_parity"],
                      sim.config_text(sim.default_specs(s), sim.default_account(s), dates, close), tmp_path)
    records = parse_trace(journal)
    changes = [b for a, b in zip(records, records[1:]) if a.targets != b.targets]
    assert changes and all(r.check for r in changes)
