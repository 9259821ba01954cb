"""The band walk (trade days by shared scans, trades solved at once) agrees with the general engine to
1e-12 on the bundled data, single runs and sweeps, passes the reference simulator at 1e-9, and runs
only where its premises hold."""

from __future__ import annotations

import numpy as np
import pytest

from backends.numpy import api, band_walk, calendar_walk, fastwalk
from dsl.compiler import compile_text
from tests.backtest import tiny
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.conftest import EXAMPLES

COSTS = "costs:\n    commission 10 bps\n    spread 2 bps\n"
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
CASES = {
    "threshold_60_40": next(p for p in EXAMPLES if p.stem == "threshold_60_40").read_text(),
    "band_sweep": next(p for p in EXAMPLES if p.stem == "band_sweep").read_text(),
    "threshold_60_40 + costs": next(p for p in EXAMPLES if p.stem == "threshold_60_40").read_text() + COSTS,
    "cash, trade at close, daily": CASH_BAND.format(timing="trade at close", check="daily"),
    "cash, next open, weekly": CASH_BAND.format(timing="trade at next open", check="weekly on monday"),
}


def _taken(run) -> tuple[bool, object]:
    """Whether the band walk produced the result of `run()`, and the result."""
    outcomes = []
    original = band_walk.BandWalk.run

    def spy(self):
        outcomes.append(original(self))
        return outcomes[-1]
    band_walk.BandWalk.run = spy
    try:
        result = run()
    finally:
        band_walk.BandWalk.run = original
    return outcomes == [True], result


def _general(run, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(fastwalk, "applies", lambda engine: False)
        return run().run.sim


def _assert_agree(fast, general) -> None:
    np.testing.assert_allclose(fast.nav, general.nav, rtol=1e-12, atol=0)
    for name in ("check", "when", "event"):
        np.testing.assert_array_equal(np.asarray(getattr(fast, name)), getattr(general, name), err_msg=name)
    np.testing.assert_array_equal(fast.band, general.band)
    np.testing.assert_allclose(np.asarray(fast.max_drift), general.max_drift, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.drawdown, general.drawdown, rtol=0, atol=1e-12)
    assert [(t.variant, t.bar, t.exec_bar, t.event) for t in fast.trades] == \
        [(t.variant, t.bar, t.exec_bar, t.event) for t in general.trades]
    for a, b in zip(fast.trades, general.trades):
        assert np.abs((a.quantities - b.quantities) * b.prices).max() <= 1e-12 * b.value_before
        assert a.cost == pytest.approx(b.cost, rel=1e-12, abs=1e-12 * b.value_before)


@pytest.mark.parametrize("name", list(CASES))
def test_a_single_run_agrees_with_the_general_engine_to_1e_12(name, monkeypatch):
    checked = compile_text(CASES[name])
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    _assert_agree(result.run.sim, _general(lambda: api.backtest(checked), monkeypatch))
    np.testing.assert_array_equal(result.run.sim.targets, _general(lambda: api.backtest(checked), monkeypatch).targets)


@pytest.mark.parametrize("name", ["band_sweep", "cash, trade at close, daily", "cash, next open, weekly"])
def test_a_sweep_agrees_with_the_general_engine_and_each_variant_with_its_single_run(name, monkeypatch):
    checked = compile_text(CASES[name])
    taken, result = _taken(lambda: api.sweep(checked))
    assert taken
    assert isinstance(result.run.sim.max_drift, band_walk.Deferred)          # read by no table: deferred
    _assert_agree(result.run.sim, _general(lambda: api.sweep(checked), monkeypatch))
    for k, band in enumerate(result.grid["band"]):
        single = api.backtest(checked, band=band)
        np.testing.assert_allclose(result.run.sim.nav[k], single.run.sim.nav[0], rtol=1e-12, atol=0)
        assert [t.bar for t in result.result(k).trades] == [t.bar for t in single.trades]


@pytest.mark.parametrize("name", ["threshold_60_40 + costs", "cash, trade at close, daily"])
def test_the_band_walk_matches_the_reference_simulator(name):
    checked = compile_text(CASES[name])
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = ReferenceSim(checked, dates, closes)
    expected = np.array(reference.run())
    taken, result = _taken(lambda: api.backtest(checked))
    assert taken
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]


@pytest.mark.parametrize("name", ["band_sweep", "cash, trade at close, daily"])
def test_many_assets_lay_bars_on_rows_and_agree_the_same(name, monkeypatch):
    checked = compile_text(CASES[name])
    monkeypatch.setattr(calendar_walk, "_WIDE", 1)
    for run in (lambda: api.backtest(checked), lambda: api.sweep(checked)):
        taken, result = _taken(run)
        assert taken
        _assert_agree(result.run.sim, _general(run, monkeypatch))


def _example(stem: str) -> str:
    return next(p for p in EXAMPLES if p.stem == stem).read_text()


@pytest.mark.parametrize("why, text", [
    ("per-asset bands", _example("per_asset_bands")),
    ("a band that is not one number per variant", _example("five_25_rule")),
    ("a band that reads the prices", _example("volatility_scaled_bands")),
    ("lot steps", _example("crypto_pair")),
    ("breached assets to the band edge", _example("partial_rebalancing")),
    ("states and a kill switch", _example("drawdown_circuit_breaker")),
    ("a fee per order", CASES["threshold_60_40 + costs"] + "    commission 1 USD per order\n"),
    ("a minimum trade", CASES["threshold_60_40 + costs"] + "    minimum trade 100 USD\n"),
    ("swept targets", CASH_BAND.format(timing="trade at close", check="daily")
     .replace("param band = 3pp from 1pp to 5pp step 1pp", "param band = 3pp from 3pp to 3pp step 1pp\nparam w = 50% from 40% to 60% step 10%")
     .replace("SPY 50%", "SPY w").replace("USD 20%", "USD 70% - w")),
])
def test_the_band_walk_declines_what_it_cannot_find_by_shared_scans(why, text):
    checked = compile_text(text)
    has_params = "from" in text and "param" in text
    assert not _taken(lambda: api.sweep(checked) if has_params else api.backtest(checked))[0], why


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
