"""The engine against the independent reference simulator on the bundled data: one check for the
tests that compare them."""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy import backtest
from tests.backtest.reference_sim import load_columns
from tests.backtest.reference_sleeves import reference_for


def assert_engine_matches_reference(checked):
    """NAV within 1e-9 on every bar and the same trade bars; returns (result, reference, dates)."""
    s = checked.strategy
    n = len(s.assets)
    dates, rows = load_columns([a.column for a in s.assets] + [x.column for x in s.signals])
    signals = {x.name: [row[n + m] for row in rows] for m, x in enumerate(s.signals)}
    reference = reference_for(checked, dates, [row[:n] for row in rows], signals=signals)
    expected_nav = np.array(reference.run())
    result = backtest(checked)
    assert len(result.nav) == len(expected_nav)
    np.testing.assert_allclose(result.nav.to_numpy(), expected_nav, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    return result, reference, dates
