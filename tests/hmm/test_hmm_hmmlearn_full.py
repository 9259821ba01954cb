"""hmmlearn (tests only) as an independent implementation of the full-covariance model: on the same
parameters the log-likelihood and the filtered probabilities agree within 1e-9; from the same start,
after the same iterations and with no regularisation on either side (hmmlearn's min_covar is one
number for every observation, ours a share of each observation's variance), the fitted parameters
agree within 1e-8 relative (1e-9 measured) (hmmlearn forms a covariance as E[x x'] - mu E[x]' - E[x] mu' + mu mu',
we as E[(x - mu)(x - mu)']: the same algebra, different rounding)."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import hmm
from tests.hmm.observations import spx_observations

hmmlearn = pytest.importorskip("hmmlearn.hmm")
_hmmc = pytest.importorskip("hmmlearn._hmmc")


def their_model(p: hmm.Params, n_iter: int = 1) -> "hmmlearn.GaussianHMM":
    m = hmmlearn.GaussianHMM(n_components=p.states, covariance_type="full", n_iter=n_iter, tol=-np.inf,
                             init_params="", min_covar=0.0, covars_prior=0.0, implementation="log")
    m.startprob_, m.transmat_, m.means_ = p.start.copy(), p.trans.copy(), p.means.copy()
    m.covars_ = p.variances.copy()
    return m


@pytest.fixture(scope="module")
def x():
    return spx_observations()[:5000]


@pytest.fixture(scope="module")
def fitted(x):
    return hmm.fit(x, 3, max_iter=30, tol=-np.inf, full=True).params


def test_the_fit_has_correlated_states(fitted):
    """The check below is about full matrices: the fitted states correlate volatility and return."""
    assert fitted.full and np.abs(fitted.variances[:, 0, 1]).min() > 0.0


def test_loglik_on_the_same_parameters_agrees(x, fitted):
    _, ours = hmm.forward(x, fitted)
    assert ours == pytest.approx(their_model(fitted).score(x), abs=1e-9)


def test_filtered_probabilities_on_the_same_parameters_agree(x, fitted):
    ours, _ = hmm.forward(x, fitted)
    m = their_model(fitted)
    _, fwd = _hmmc.forward_log(m.startprob_, m.transmat_, m._compute_log_likelihood(x))
    theirs = np.exp(fwd - np.logaddexp.reduce(fwd, axis=1, keepdims=True))
    assert np.abs(ours - theirs).max() < 1e-9


def test_fitted_parameters_from_the_same_start_agree(x):
    start = hmm.initial(x, 3, full=True, floor=0.0)
    ours = hmm.fit(x, 3, max_iter=25, tol=-np.inf, start=start, floor=0.0).params
    m = their_model(start, n_iter=25).fit(x)
    theirs = hmm.ordered(hmm.Params(m.startprob_, m.transmat_, m.means_, m.covars_))
    for field in ("trans", "means", "variances"):
        assert getattr(ours, field) == pytest.approx(getattr(theirs, field), rel=1e-8, abs=1e-12), field
    assert ours.start == pytest.approx(theirs.start, abs=1e-9)


def test_the_start_is_the_windows_covariance_with_the_floor_on_its_diagonal(x):
    p = hmm.initial(x, 3, full=True)
    window = np.cov(x, rowvar=False, bias=True)
    expected = window + np.diag(hmm.VAR_FLOOR * np.diag(window))
    assert all(np.allclose(c, expected, rtol=1e-12, atol=0.0) for c in p.variances)


def test_each_m_step_adds_the_floor_to_the_diagonal(x):
    """One iteration with and without the floor, from the same start: only the diagonal moves, by the floor."""
    start = hmm.initial(x, 3, full=True)
    bare = hmm.fit(x, 3, max_iter=1, start=start, floor=0.0).params.variances
    floored = hmm.fit(x, 3, max_iter=1, start=start).params.variances
    floor = hmm.VAR_FLOOR * x.var(axis=0)
    assert np.allclose(floored - bare, np.stack([np.diag(floor)] * 3), rtol=1e-9, atol=1e-20)


def test_collinear_observations_still_fit(x):
    """A second column that is a multiple of the first: singular without the floor, positive definite with it."""
    collinear = np.column_stack([x[:, 0], 2.0 * x[:, 0]])[:1000]
    f = hmm.fit(collinear, 2, full=True)
    assert np.isfinite(f.loglik) and all(np.linalg.eigvalsh(c).min() > 0 for c in f.params.variances)


def test_diagonal_stays_the_default(x):
    assert not hmm.fit(x[:800], 2).params.full
