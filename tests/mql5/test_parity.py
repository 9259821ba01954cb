"""Parity: every example's EA, run in the simulated broker on the bundled prices, prints the same
decision trace as the NumPy backtester (same bars, events, targets; orders up to lot rounding)."""

from __future__ import annotations

import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for, signal_files, write_common
from rbl.backends.numpy.api import panel_for
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import EXAMPLES

STEMS = [p.stem for p in EXAMPLES]


def run_example(stem, binaries, tmp_path, **spec_changes):
    checked = compile_file(next(p for p in EXAMPLES if p.stem == stem))
    s = checked.strategy
    dates, close = prices_for(checked)
    specs = [sim.replace(spec, **spec_changes) for spec in sim.default_specs(s)]
    common = write_common(tmp_path / "common", signal_files(checked, panel_for(s, None)))   # as verify writes them
    journal = sim.run(binaries[stem], sim.config_text(specs, sim.default_account(s), dates, close, common=common),
                      tmp_path)
    return checked, journal


@pytest.mark.parametrize("stem", STEMS)
def test_the_ea_makes_the_backtests_decisions_on_every_bar(stem, binaries, tmp_path):
    checked, journal = run_example(stem, binaries, tmp_path)
    actual = parse_trace(journal)
    expected = backtest_trace(checked)
    assert len(actual) == len(expected) - 1      # the last bar has no next open to decide on
    assert compare(expected, actual, checked.strategy) is None
    assert "SIM reject" not in journal


def test_the_final_holdings_match_the_backtest_within_a_lot(binaries, tmp_path):
    from rbl.backends.numpy.api import backtest
    checked, journal = run_example("crypto_pair", binaries, tmp_path)
    held = {line.split()[2]: float(line.split()[3]) for line in journal.splitlines()
            if line.startswith("SIM position")}
    final = backtest(checked).holdings.iloc[-1]
    for asset in checked.strategy.assets:
        assert abs(held[asset.symbol] - final[asset.name]) <= asset.lot + 1e-9


@pytest.mark.parametrize("shrunk", ["", ", shrunk"])
def test_risk_parity_with_a_price_that_stood_still_agrees_with_the_backtest(shrunk):
    """RRC's bundled close stands still for weeks in 1990-92: no variance, no risk to budget; the EA and
    the backtest both keep its start weight (the backtest raised ZeroDivisionError before)."""
    from rbl.backends.mql5.verify import verify
    from rbl.dsl.compiler import compile_text
    from tests.backtest.test_erc import FLAT
    report = verify(compile_text(FLAT.format(shrunk=shrunk)))
    assert report.ok, report.divergence or report.compiler or report.lint
