"""Label stability: the ordering rule names the states by their mean of the first observation, so on
every refit over the bundled data `calm` is the lowest-volatility state and `turbulent` the highest,
and a refit does not swap what the names mean."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import regimes
from tests.hmm.observations import spx_observations

SCHEDULE = regimes.Schedule(first=0, window=756, refit=252, expanding=True)


@pytest.fixture(scope="module")
def fits():
    return regimes.fits(spx_observations(), 3, SCHEDULE)


def test_every_refit_orders_the_states_by_volatility_mean(fits):
    assert len(fits) == (len(spx_observations()) - 756) // 252 + 1
    for fit in fits:
        assert np.all(np.diff(fit.params.means[:, 0]) > 0)


def test_a_refit_keeps_each_name_on_the_nearest_state_of_the_fit_before(fits):
    # the state called calm (normal, turbulent) after a refit is the one closest, in volatility mean,
    # to the state of that name before it: the names follow the states, they are not reshuffled
    for before, after in zip(fits, fits[1:]):
        old, new = before.params.means[:, 0], after.params.means[:, 0]
        nearest = [int(np.argmin(np.abs(old - m))) for m in new]
        assert nearest == [0, 1, 2]


def test_the_filtered_regime_calls_the_2008_crash_turbulent():
    x = spx_observations()
    p = regimes.filtered(x, 3, SCHEDULE)
    labels = regimes.labels(p)
    crash = 4734 - 20       # 2008-10-10, bar 4734 of the S&P 500 file; observations start at bar 20
    assert labels[crash] == 2 and p[crash, 2] > 0.99
