"""The engine agrees with the independent reference simulator on every example and the bundled data."""

from __future__ import annotations

import numpy as np
import pytest

from backends.numpy import backtest
from dsl.compiler import compile_file
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.conftest import EXAMPLES, example_ids


@pytest.mark.parametrize("path", EXAMPLES, ids=example_ids())
def test_engine_matches_reference_simulator(path):
    checked = compile_file(path)
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    reference = ReferenceSim(checked, dates, closes)
    expected_nav = np.array(reference.run())
    result = backtest(checked)
    assert len(result.nav) == len(expected_nav)
    np.testing.assert_allclose(result.nav.to_numpy(), expected_nav, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    events = {t: r.event for t, r in zip(range(result.run.sim.t0, len(dates)), result.trace_records())}
    assert events == reference.events
