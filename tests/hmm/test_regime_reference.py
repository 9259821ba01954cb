"""The engine's regimes against the reference simulator's own (tests/backtest/reference_regimes.py:
hmmlearn's Baum-Welch from the documented start, a plain-Python filter): the same bars known, the
probabilities within 1e-9 on every bar, and the backtests' NAV within 1e-9 with the same trades."""

from __future__ import annotations

import numpy as np
import pytest

from tests.backtest.agreement import assert_engine_matches_reference
from tests.backtest.reference_sim import load_columns
from tests.backtest.reference_sleeves import reference_for
from tests.hmm.regime_run import checked, probabilities

pytest.importorskip("hmmlearn")
CASES = ["regime_targets.rbl", "regime_rolling.rbl",
         pytest.param("regime_full.rbl", marks=pytest.mark.slow)]   # hmmlearn one iteration at a time


@pytest.mark.parametrize("name", CASES)
def test_regime_probabilities_match_the_reference_on_every_bar(name):
    strategy = checked(name)
    _, ours = probabilities(strategy)
    reference = reference_for(strategy, *load_columns([a.column for a in strategy.strategy.assets]))
    reference.run()
    theirs = reference.regime("market")
    known = np.array([p is not None for p in theirs])
    assert np.array_equal(known, ~np.isnan(ours[:, 0]))
    assert np.abs(np.array([p for p in theirs if p is not None]) - ours[known]).max() < 1e-9


@pytest.mark.parametrize("name", CASES)
def test_backtest_matches_the_reference(name):
    assert_engine_matches_reference(checked(name))
