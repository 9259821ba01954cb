"""The fast walk gives bit for bit what the general block engine gives, wherever it takes over."""

from __future__ import annotations

import numpy as np
import pytest

from backends.numpy import api, compiled_walk, fastwalk
from dsl.compiler import compile_file, compile_text
from tests.conftest import EXAMPLES, example_ids

FIELDS = ("nav", "check", "when", "max_drift", "band", "drawdown", "event", "targets")


def _runs(checked, monkeypatch, **params):
    """The fast walk's own result (not the compiled walk's: test_compiled_walk) and the general engine's."""
    with monkeypatch.context() as patch:
        patch.setattr(compiled_walk, "applies", lambda walk: False)
        fast = api.backtest(checked, **params).run.sim
        patch.setattr(fastwalk, "applies", lambda engine: False)
        general = api.backtest(checked, **params).run.sim
    return fast, general


def _assert_identical(fast, general) -> None:
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(fast, name), getattr(general, name), err_msg=name)
    assert [(t.variant, t.bar, t.exec_bar, t.event) for t in fast.trades] == \
        [(t.variant, t.bar, t.exec_bar, t.event) for t in general.trades]
    for a, b in zip(fast.trades, general.trades):
        assert (a.quantities == b.quantities).all() and a.cost == b.cost and a.value_before == b.value_before


@pytest.mark.parametrize("path", EXAMPLES, ids=example_ids())
def test_fast_walk_equals_the_general_engine_bit_for_bit(path, monkeypatch):
    checked = compile_file(path)
    fast, general = _runs(checked, monkeypatch)
    _assert_identical(fast, general)


def test_the_fast_walk_takes_calendar_and_drift_band_strategies():
    names = [p.stem for p in EXAMPLES]
    taken = {name for name, path in zip(names, EXAMPLES) if _applies(compile_file(path))}
    assert {"threshold_60_40", "band_sweep", "classic_60_40"} <= taken
    assert "drawdown_circuit_breaker" not in taken          # a kill switch reads the NAV


def _applies(checked) -> bool:
    s = checked.strategy
    panel = api.panel_for(s, None)
    close = panel.close[:, [panel.columns.index(a.column) for a in s.assets]]
    engine = api.Engine(checked, panel.dates, close, api._params(s, {}), 252.0, False)
    return fastwalk.applies(engine)


def test_each_sweep_variant_is_bit_for_bit_its_single_run():
    checked = compile_file(next(p for p in EXAMPLES if p.stem == "band_sweep"))
    result = api.sweep(checked)
    for k, band in enumerate(result.grid["band"]):
        single = api.backtest(checked, band=band)
        assert (result.run.sim.nav[k] == single.run.sim.nav[0]).all()
        assert result.result(k).metrics == single.metrics


EDGE = """rbl 1
strategy "edge"
asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"
cash USD
execution decide at close, trade at close
param w = 50% from 40% to 60% step 10%
target:
    SPY w
    AGG 30%
    USD 20%
rebalance:
    check daily
    when drift > 3pp
{scope}
costs:
    commission 10 bps
    commission 1 USD per order
"""


@pytest.mark.parametrize("scope", ["", "    trade breached assets\n", "    to band edge\n"])
def test_trade_at_close_per_order_fees_scopes_and_swept_targets_match_the_general_engine(scope, monkeypatch):
    checked = compile_text(EDGE.replace("{scope}\n", scope))
    fast, general = _runs(checked, monkeypatch, w="40%")
    _assert_identical(fast, general)
    result = api.sweep(checked)
    for k, w in enumerate(result.grid["w"]):
        assert (result.run.sim.nav[k] == api.backtest(checked, w=w).run.sim.nav[0]).all()


def test_a_sweep_defers_its_per_bar_drift_until_a_trace_reads_it(monkeypatch):
    monkeypatch.setattr(compiled_walk, "applies", lambda walk: False)
    checked = compile_file(next(p for p in EXAMPLES if p.stem == "band_sweep"))
    result = api.sweep(checked)
    result.table
    drift = result.run.sim.max_drift
    assert drift._value is None                              # the table and the metrics never read it
    for k, band in enumerate(result.grid["band"]):
        np.testing.assert_array_equal(drift[k], api.backtest(checked, band=band).run.sim.max_drift[0])
    assert result.result(3).trace_records()[-1].max_drift == drift[3, -1]
