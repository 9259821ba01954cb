"""Parity with sleeves: the EA of a sleeved strategy, run in the simulated broker on the bundled
prices, prints the NumPy backtester's decision trace on every bar, sleeves= field included."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.emit import emit_mql5
from rbl.backends.mql5.gxx import compile_object
from rbl.backends.mql5.lower_expr import input_name
from rbl.backends.mql5.verify import compare, prices_for, with_inputs
from rbl.backends.numpy.api import backtest
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_source, read_source
from rbl.dsl.source import SourceFile
from tests.conftest import ROOT

CORE_SATELLITE = ROOT / "examples" / "core_satellite.rbl"
# tests/backtest/data/core_satellite_costs.rbl trading at the next open: costs, a fee per order,
# a minimum trade, a lot, a swept share, a per-asset rule inside a sleeve, a sleeve owning cash.
WITH_COSTS = Path(__file__).parent / "data" / "core_satellite_costs.rbl"


def ea_and_backtest(source: SourceFile, tmp_path: Path, **params: float):
    """The EA's trace and the backtester's, with `params` set in both (EA inputs in written units)."""
    path = Path(source.path)
    checked = compile_source(source).checked
    inputs = {input_name(name): repr(round(v * 100, 10)) for name, v in params.items()}
    mq5 = with_inputs(emit_mql5(checked, source), inputs)
    assert compile_object(mq5, path.with_suffix(".mq5").name, tmp_path, tmp_path / "ea.o").ok
    dates, close = prices_for(checked)
    s = checked.strategy
    config = sim.config_text(sim.default_specs(s), sim.default_account(s), dates, close)
    journal = sim.run(sim.link(tmp_path / "ea.o", tmp_path / "ea"), config, tmp_path)
    assert "SIM reject" not in journal
    return checked, parse_trace(journal), backtest(checked, **params).trace_records()


@pytest.fixture(scope="module")
def traces(tmp_path_factory):
    """(file, core_share) -> (checked, EA trace, backtest trace), each run once per module."""
    cache: dict = {}

    def get(path: Path, **params: float):
        key = (path, tuple(sorted(params.items())))
        if key not in cache:
            cache[key] = ea_and_backtest(read_source(path), tmp_path_factory.mktemp("sleeves"), **params)
        return cache[key]
    return get




@pytest.mark.parametrize("core_share", [0.6, 0.8])
def test_with_costs_lots_and_owned_cash_the_ea_makes_the_backtests_decisions(core_share, traces):
    checked, actual, expected = traces(WITH_COSTS, core_share=core_share)
    assert len(actual) == len(expected) - 1 > 5000
    assert compare(expected, actual, checked.strategy) is None
    assert all(r.targets["SPY"] == pytest.approx(core_share * 0.6, abs=1e-6) for r in actual if r.event != "DONE")


def test_every_sleeve_case_occurs_in_the_compared_traces(traces):
    _, actual, _ = traces(WITH_COSTS, core_share=0.6)
    rebalances = [r for r in actual if r.event == "REBALANCE"]
    assert any(r.check and r.when for r in rebalances)                          # the parent fires
    assert any("core:11" in r.sleeves and not r.when for r in rebalances)       # the core alone
    assert any("satellite:11" in r.sleeves and not r.when for r in rebalances)  # the satellite alone


def _core_satellite_with(old: str, new: str) -> SourceFile:
    text = CORE_SATELLITE.read_text()
    assert old in text
    return SourceFile("variant.rbl", text.replace(old, new))


def test_a_per_asset_sleeve_rule_reads_the_sleeves_own_mix_and_targets(tmp_path):
    # a sold asset must leave no dust: `drift > 25% of target` breaches any holding off a zero target
    source = _core_satellite_with("        check monthly\n",
                                  "        check weekly on monday\n        when drift > 25% of target\n")
    checked, actual, expected = ea_and_backtest(source, tmp_path)
    assert compare(expected, actual, checked.strategy) is None
    assert any(r.sleeves.endswith("satellite:10") for r in actual)


def test_a_per_sleeve_parent_rule_reads_weight_and_target_as_the_sleeves_share(tmp_path):
    source = _core_satellite_with("    when drift > 5pp", "    when drift > 3pp and weight > target")
    checked, actual, expected = ea_and_backtest(source, tmp_path)
    assert compare(expected, actual, checked.strategy) is None
    assert sum(r.when for r in actual) > 5


def test_the_kill_switch_closes_every_sleeve_and_prints_the_strategys_targets(tmp_path):
    kill_switch = "    when drift > 5pp\nconstraints:\n    max drawdown 20%\n"
    source = _core_satellite_with("    when drift > 5pp\n", kill_switch)
    checked, actual, expected = ea_and_backtest(source, tmp_path)
    assert compare(expected, actual, checked.strategy) is None
    kill = next(r for r in actual if r.event == "KILL")
    assert kill.targets["SPY"] == pytest.approx(0.42) and all(q < 0 for q in kill.orders.values())
    assert actual[-1].event == "DONE"
