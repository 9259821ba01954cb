"""The engine agrees with the independent reference simulator on every example and the bundled data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rbl.backends.numpy import backtest
from rbl.dsl.compiler import compile_file
from tests.backtest.agreement import assert_engine_matches_reference
from tests.backtest.reference_sim import load_columns
from tests.backtest.reference_sleeves import reference_for
from tests.conftest import EXAMPLES, example_ids


@pytest.mark.parametrize("path", EXAMPLES, ids=example_ids())
def test_engine_matches_reference_simulator(path):
    result, reference, dates = assert_engine_matches_reference(compile_file(path))
    events = {t: r.event for t, r in zip(range(result.run.sim.t0, len(dates)), result.trace_records())}
    assert events == reference.events


CORE_SATELLITE = Path(__file__).parents[2] / "examples" / "core_satellite.rbl"


@pytest.fixture(scope="module")
def core_satellite():
    checked = compile_file(CORE_SATELLITE)
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = reference_for(checked, dates, closes)
    return backtest(checked), reference, np.array(reference.run())




def test_sleeves_engine_matches_reference_trade_days_and_orders(core_satellite):
    result, reference, _ = core_satellite
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    for trade, (_, dq, cost) in zip(result.trades, reference.trades):
        expected = np.array([dq.get(a, 0.0) for a in result.assets])
        np.testing.assert_allclose(trade.quantities, expected, rtol=1e-9, atol=1e-9)


def test_sleeves_engine_matches_reference_events_sleeves_and_targets(core_satellite):
    result, reference, _ = core_satellite
    records = result.trace_records()
    bars = range(result.run.sim.t0, len(result.run.dates))
    assert {t: r.event for t, r in zip(bars, records)} == reference.events
    assert {t: r.sleeves for t, r in zip(bars, records)} == reference.flags
    for t, r in zip(bars, records):
        assert r.targets == pytest.approx({a: reference.composed[t][a] for a in result.assets}, abs=1e-12)


def test_the_core_satellite_example_exercises_every_sleeve_case(core_satellite):
    records = core_satellite[0].trace_records()
    rebalances = [r for r in records if r.event == "REBALANCE"]
    assert any(r.when for r in rebalances)                                    # the parent fires
    assert any("core:11" in r.sleeves and not r.when for r in rebalances)     # the core alone
    assert any("satellite:11" in r.sleeves and not r.when for r in rebalances)


@pytest.mark.parametrize(("name", "params"), [("core_satellite_costs.rbl", {"core_share": 0.5}),
                                              ("core_satellite_costs.rbl", {"core_share": 0.8}),
                                              ("sleeves_state.rbl", {})])
def test_sleeves_with_costs_lots_states_and_owned_cash_match_the_reference(name, params):
    checked = compile_file(Path(__file__).parent / "data" / name)
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = reference_for(checked, dates, closes, params)
    expected_nav = np.array(reference.run())
    result = backtest(checked, **params)
    np.testing.assert_allclose(result.nav.to_numpy(), expected_nav, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    assert result.costs == pytest.approx(sum(cost for _, _, cost in reference.trades), rel=1e-9)
    records = result.trace_records()
    bars = range(result.run.sim.t0, len(dates))
    assert {t: r.sleeves for t, r in zip(bars, records)} == reference.flags
    assert {t: r.event for t, r in zip(bars, records)} == reference.events
