"""No look-ahead by construction: the regime at bar t uses only bars up to t. A run on the bundled data
cut at a random date gives the same regime probabilities (bit for bit) and the same decisions up to
the cut as the run on all the data."""

from __future__ import annotations

import numpy as np
import pytest

from tests.hmm.regime_run import checked, decisions, probabilities


@pytest.fixture(scope="module")
def strategy():
    return checked("regime_targets.rbl")


@pytest.fixture(scope="module")
def whole(strategy):
    dates, p = probabilities(strategy)
    return dates, p, decisions(strategy)


def _cuts(dates, n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    first = 20 + 504          # from the first fit on
    return [str(dates[i])[:10] for i in sorted(rng.choice(np.arange(first, len(dates) - 1), n, replace=False))]


def _same_up_to(cut: str, strategy, whole) -> None:
    dates, p, trace = whole
    cut_dates, cut_p = probabilities(strategy, end=cut)
    n = len(cut_dates)
    assert np.array_equal(cut_dates, dates[:n])
    assert np.array_equal(cut_p, p[:n], equal_nan=True), cut
    before = [r for r in trace if r.date < cut]
    assert [r for r in decisions(strategy, end=cut) if r.date < cut] == before, cut


def test_a_regime_is_unknown_before_its_first_fit_and_known_from_it(whole):
    _, p, _ = whole
    first_fit = 20 + 504 - 1          # vol(SPY, 20 days) known from bar 20; a 2-year window of 504 bars
    assert np.isnan(p[first_fit - 1]).all() and np.isfinite(p[first_fit:]).all()
    assert p[first_fit:].sum(axis=1) == pytest.approx(1.0, abs=1e-12)


def test_three_cut_dates_see_the_same_regimes_and_decisions(strategy, whole):
    for cut in _cuts(whole[0], 3, seed=3):
        _same_up_to(cut, strategy, whole)


@pytest.mark.slow
def test_fifty_random_cut_dates_see_the_same_regimes_and_decisions(strategy, whole):
    for cut in _cuts(whole[0], 50, seed=15):
        _same_up_to(cut, strategy, whole)


def test_the_regime_changes_the_decisions(whole):
    # a guard on the test above: the decisions depend on the regime, so equal decisions mean something
    _, p, trace = whole
    targets = {round(r.targets["SPY"], 2) for r in trace if r.event in ("INITIAL", "REBALANCE")}
    assert targets == {0.3, 0.7}
