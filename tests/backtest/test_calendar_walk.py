"""The calendar walk (every rebalance solved at once) agrees with the general engine to 1e-12 on the
bundled data, passes the reference simulator at 1e-9, and runs only where its premises hold."""

from __future__ import annotations

import numpy as np
import pytest

from backends.numpy import api, calendar_walk, fastwalk
from dsl.compiler import compile_text
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.conftest import EXAMPLES

CALENDAR = ["all_weather", "classic_60_40", "dual_momentum", "equal_weight_cash_buffer", "inverse_volatility",
            "momentum_rotation", "risk_parity", "trend_filter"]
COSTS = "costs:\n    commission 10 bps\n    spread 4 bps\n    slippage 1 bps\n"


def _text(name: str, costs: str = "") -> str:
    text = next(p for p in EXAMPLES if p.stem == name).read_text()
    return text if not costs else text.rstrip("\n") + "\n" + costs


def _taken(checked, **params) -> tuple[bool, api.Result]:
    """Whether the calendar walk produced the result, and the result."""
    outcomes = []
    original = calendar_walk.CalendarWalk.run

    def spy(self):
        outcomes.append(original(self))
        return outcomes[-1]
    calendar_walk.CalendarWalk.run = spy
    try:
        result = api.backtest(checked, **params)
    finally:
        calendar_walk.CalendarWalk.run = original
    return outcomes == [True], result


def _general(checked, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(fastwalk, "applies", lambda engine: False)
        return api.backtest(checked).run.sim


@pytest.mark.parametrize("costs", ["", COSTS], ids=["no costs", "costs"])
@pytest.mark.parametrize("name", CALENDAR)
def test_the_calendar_walk_agrees_with_the_general_engine_to_1e_12(name, costs, monkeypatch):
    checked = compile_text(_text(name, costs))
    taken, result = _taken(checked)
    assert taken
    fast, general = result.run.sim, _general(checked, monkeypatch)
    np.testing.assert_allclose(fast.nav, general.nav, rtol=1e-12, atol=0)
    for name_ in ("check", "when", "event"):
        np.testing.assert_array_equal(getattr(fast, name_), getattr(general, name_), err_msg=name_)
    np.testing.assert_array_equal(fast.targets, general.targets)
    np.testing.assert_allclose(fast.max_drift, general.max_drift, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.drawdown, general.drawdown, rtol=0, atol=1e-12)
    assert [(t.bar, t.exec_bar, t.event) for t in fast.trades] == [(t.bar, t.exec_bar, t.event) for t in general.trades]
    for a, b in zip(fast.trades, general.trades):
        assert np.abs((a.quantities - b.quantities) * b.prices).max() <= 1e-12 * b.value_before
        assert ((a.quantities == 0) == (b.quantities == 0)).all()
        assert a.cost == pytest.approx(b.cost, rel=1e-12, abs=1e-12 * b.value_before)
        assert a.value_before == pytest.approx(b.value_before, rel=1e-12)


@pytest.mark.parametrize("name", ["classic_60_40", "momentum_rotation", "trend_filter"])
def test_the_calendar_walk_with_costs_matches_the_reference_simulator(name):
    checked = compile_text(_text(name, COSTS))
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = ReferenceSim(checked, dates, closes)
    expected = np.array(reference.run())
    taken, result = _taken(checked)
    assert taken
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]


TRADE_AT_CLOSE = _text("classic_60_40", COSTS).replace("trade at next open", "trade at close")


def test_trade_at_close_is_taken_and_agrees(monkeypatch):
    checked = compile_text(TRADE_AT_CLOSE)
    taken, result = _taken(checked)
    assert taken and "trade at close" in TRADE_AT_CLOSE
    np.testing.assert_allclose(result.run.sim.nav, _general(checked, monkeypatch).nav, rtol=1e-12, atol=0)


@pytest.mark.parametrize("why, text", [
    ("a fee per order", _text("classic_60_40", COSTS + "    commission 1 USD per order\n")),
    ("a minimum trade", _text("classic_60_40", COSTS + "    minimum trade 100 USD\n")),
    ("lot steps", _text("classic_60_40").replace('symbol "SPY.US"', 'symbol "SPY.US" lot 1')),
    ("a drift band", _text("threshold_60_40")),
    ("states", _text("drawdown_circuit_breaker")),
    ("trade breached assets", _text("partial_rebalancing")),
])
def test_the_calendar_walk_declines_what_it_cannot_solve_at_once(why, text):
    checked = compile_text(text)
    assert not _taken(checked)[0], why


def test_a_sweep_is_left_to_the_fast_walk():
    text = _text("classic_60_40").replace("target:", "param w = 60% from 50% to 70% step 10%\ntarget:", 1)
    checked = compile_text(text.replace("SPY 60%", "SPY w").replace("AGG 40%", "AGG 100% - w"))
    assert _taken(checked)[0]
    calls = []
    original = calendar_walk.CalendarWalk.run
    calendar_walk.CalendarWalk.run = lambda self: calls.append(1) or original(self)
    try:
        api.sweep(checked)
    finally:
        calendar_walk.CalendarWalk.run = original
    assert calls == []


def test_an_order_gap_at_the_size_floor_is_left_to_the_fast_walk():
    # asset A outgrows B by d: its weight moves d / (2 (2 + d)) off 50%, here exactly the 1e-9 floor
    d = 4e-9 / (1 - 2e-9)
    prices = np.array([[1.0, 1.0], [1.0 + d, 1.0]])
    assert calendar_walk._solve(prices, np.full((2, 2), 0.5), 0.001) is None
    assert calendar_walk._solve(prices * [[1, 1], [1e3, 1]], np.full((2, 2), 0.5), 0.001) is not None
