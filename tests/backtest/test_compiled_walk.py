"""The compiled walk (the path loop in numba) agrees with the general engine to 1e-12 on the bundled
data, for calendar rules and drift bands, single runs and sweeps; passes the reference simulator at
1e-9; gives each variant of a sweep its single run bit for bit; and leaves to the fast walk what it
cannot take (lots, per-asset or moving bands, band edges, states) or what rounding could flip."""

from __future__ import annotations

import numpy as np
import pytest

from backends.numpy import api, compiled_walk, fastwalk, path_loop
from dsl.compiler import compile_text
from tests.backtest import tiny
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.conftest import EXAMPLES

COSTS = "costs:\n    commission 10 bps\n    spread 4 bps\n    slippage 1 bps\n"
FEES = COSTS + "    commission 1 USD per order\n    minimum trade 2000 USD\n"
CALENDAR = ["all_weather", "classic_60_40", "dual_momentum", "equal_weight_cash_buffer", "inverse_volatility",
            "momentum_rotation", "risk_parity", "trend_filter"]
CASH_BAND = """rbl 1
strategy "cash band"
asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"
cash USD
execution decide at close, {timing}
param band = 3pp from 1pp to 5pp step 1pp
target:
    SPY 50%
    AGG 30%
    USD 20%
rebalance:
    check {check}
    when drift > band
costs:
    commission 10 bps
"""


def _text(stem: str, costs: str = "") -> str:
    text = next(p for p in EXAMPLES if p.stem == stem).read_text()
    return text if not costs else text.rstrip("\n") + "\n" + costs


BANDS = {
    "threshold_60_40": _text("threshold_60_40"),
    "band_sweep": _text("band_sweep"),
    "threshold_60_40 + costs": _text("threshold_60_40", COSTS),
    "threshold_60_40 + fee and minimum trade": _text("threshold_60_40", FEES),
    "cash, trade at close, daily": CASH_BAND.format(timing="trade at close", check="daily"),
    "cash, next open, weekly": CASH_BAND.format(timing="trade at next open", check="weekly on monday"),
}


def _taken(run) -> tuple[bool, object]:
    """Whether the compiled walk produced the result of `run()`, and the result."""
    outcomes = []
    original = compiled_walk.CompiledWalk.run

    def spy(self):
        outcomes.append(original(self))
        return outcomes[-1]
    compiled_walk.CompiledWalk.run = spy
    try:
        result = run()
    finally:
        compiled_walk.CompiledWalk.run = original
    return outcomes == [True], result


def _general(run, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(fastwalk, "applies", lambda engine: False)
        return run().run.sim


def _assert_agree(fast, general) -> None:
    np.testing.assert_allclose(fast.nav, general.nav, rtol=1e-12, atol=0)
    for name in ("check", "when", "event", "band"):
        np.testing.assert_array_equal(np.asarray(getattr(fast, name)), getattr(general, name), err_msg=name)
    if general.targets is not None:
        np.testing.assert_array_equal(fast.targets, general.targets)
    np.testing.assert_allclose(np.asarray(fast.max_drift), general.max_drift, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.drawdown, general.drawdown, rtol=0, atol=1e-12)
    assert [(t.variant, t.bar, t.exec_bar, t.event) for t in fast.trades] == \
        [(t.variant, t.bar, t.exec_bar, t.event) for t in general.trades]
    for a, b in zip(fast.trades, general.trades):
        assert np.abs((a.quantities - b.quantities) * b.prices).max() <= 1e-12 * b.value_before
        assert ((a.quantities == 0) == (b.quantities == 0)).all()
        assert a.cost == pytest.approx(b.cost, rel=1e-12, abs=1e-12 * b.value_before)
        assert a.value_before == pytest.approx(b.value_before, rel=1e-12)


@pytest.mark.parametrize("costs", ["", COSTS, FEES], ids=["no costs", "bps", "bps, fee, minimum"])
@pytest.mark.parametrize("stem", CALENDAR)
def test_a_calendar_strategy_agrees_with_the_general_engine_to_1e_12(stem, costs, monkeypatch):
    checked = compile_text(_text(stem, costs))
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    _assert_agree(result.run.sim, _general(lambda: api.backtest(checked), monkeypatch))


@pytest.mark.parametrize("name", list(BANDS))
def test_a_band_strategy_agrees_with_the_general_engine_to_1e_12(name, monkeypatch):
    checked = compile_text(BANDS[name])
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    _assert_agree(result.run.sim, _general(lambda: api.backtest(checked), monkeypatch))


@pytest.mark.parametrize("name", ["band_sweep", "threshold_60_40 + fee and minimum trade",
                                  "cash, trade at close, daily", "cash, next open, weekly"])
def test_a_band_sweep_agrees_with_the_engine_and_each_variant_is_its_single_run_bit_for_bit(name, monkeypatch):
    checked = compile_text(BANDS[name] if "param band" in BANDS[name] else
                           BANDS[name].replace("when drift > 5pp", "when drift > band")
                           .replace("target:", "param band = 5pp from 2pp to 8pp step 2pp\ntarget:", 1))
    taken, result = _taken(lambda: api.sweep(checked))
    assert taken and len(result.grid["band"]) > 2
    _assert_agree(result.run.sim, _general(lambda: api.sweep(checked), monkeypatch))
    for k, band in enumerate(result.grid["band"]):
        single = api.backtest(checked, band=band)
        np.testing.assert_array_equal(result.run.sim.nav[k], single.run.sim.nav[0])
        assert [t.bar for t in result.result(k).trades] == [t.bar for t in single.trades]


def test_a_calendar_sweep_of_target_weights_is_taken_and_agrees(monkeypatch):
    text = _text("classic_60_40", COSTS).replace("target:", "param w = 60% from 50% to 70% step 10%\ntarget:", 1)
    checked = compile_text(text.replace("SPY 60%", "SPY w").replace("AGG 40%", "AGG 100% - w"))
    taken, result = _taken(lambda: api.sweep(checked))
    assert taken
    _assert_agree(result.run.sim, _general(lambda: api.sweep(checked), monkeypatch))


@pytest.mark.parametrize("text", [_text("classic_60_40", COSTS), _text("momentum_rotation", COSTS),
                                  _text("trend_filter", FEES), BANDS["threshold_60_40 + costs"],
                                  BANDS["cash, trade at close, daily"]])
def test_the_compiled_walk_matches_the_reference_simulator(text):
    checked = compile_text(text)
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = ReferenceSim(checked, dates, closes)
    expected = np.array(reference.run())
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]


def test_trade_at_close_records_the_nav_after_the_trade(monkeypatch):
    checked = compile_text(_text("classic_60_40", COSTS).replace("trade at next open", "trade at close"))
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    _assert_agree(result.run.sim, _general(lambda: api.backtest(checked), monkeypatch))


@pytest.mark.parametrize("why, text", [
    ("per-asset bands", _text("per_asset_bands")),
    ("a band that is not one number per variant", _text("five_25_rule")),
    ("a band that reads the prices", _text("volatility_scaled_bands")),
    ("lot steps", _text("crypto_pair")),
    ("lot steps on a calendar", _text("classic_60_40").replace('symbol "SPY.US"', 'symbol "SPY.US" lot 1')),
    ("breached assets to the band edge", _text("partial_rebalancing")),
    ("states and a kill switch", _text("drawdown_circuit_breaker")),
])
def test_the_compiled_walk_declines_what_the_path_loop_does_not_model(why, text):
    assert not _taken(lambda: api.backtest(compile_text(text)))[0], why


def test_a_drift_at_its_band_is_left_to_the_fast_walk(monkeypatch):
    # B falls so that A's weight reaches 55% on the third bar: exactly the band, to rounding
    body = ('asset A column "A" symbol "A"\nasset B column "B" symbol "B"\ntarget:\n    A 50%\n    B 50%\n'
            "rebalance:\n    check daily\n    when drift > 5pp\n")
    b = 100 * 45 / 55
    frame = tiny.prices(A=[100.0, 100.0, 100.0, 100.0], B=[100.0, 100.0, b, b])
    taken, result = _taken(lambda: api.backtest(tiny.strategy(body), frame))
    assert not taken
    general = _general(lambda: api.backtest(tiny.strategy(body), frame), monkeypatch)
    np.testing.assert_array_equal(result.run.sim.nav, general.nav)


def _loop(close, omega, bands=(np.nan,), rate=0.001):
    K, T = len(bands), len(close)
    return path_loop.walk_variants(close, np.array([[omega]]), np.full((1, 1), np.nan), np.ones((K, T), bool),
                                   np.array(bands, float), True, 0, False, 1e6, rate, 0.0, 0.0)


def test_an_order_at_the_size_floor_stops_the_loop():
    # A outgrows B by d: its weight moves d / (2 (2 + d)) off 50%, here exactly the 1e-9 floor
    d = 4e-9 / (1 - 2e-9)
    assert _loop(np.array([[1.0, 1.0], [1.0 + d, 1.0]]), [0.5, 0.5])[0] == path_loop.NEAR_FLOOR
    assert _loop(np.array([[1.0, 1.0], [1.0 + 1e3 * d, 1.0]]), [0.5, 0.5])[0] == path_loop.OK


def test_a_missing_price_stops_the_loop():
    assert _loop(np.array([[1.0, 1.0], [np.nan, 1.0]]), [0.5, 0.5])[0] == path_loop.NOT_FINITE


def test_without_numba_the_fast_walk_gives_the_same_result(monkeypatch):
    checked = compile_text(BANDS["threshold_60_40 + costs"])
    compiled = api.backtest(checked).run.sim
    monkeypatch.setattr(compiled_walk, "path_loop", None)
    taken, result = _taken(lambda: api.backtest(checked))
    assert not taken
    _assert_agree(compiled, result.run.sim)
