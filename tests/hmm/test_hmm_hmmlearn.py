"""hmmlearn (tests only) as an independent implementation of the same model: on the same parameters the
log-likelihood and the filtered probabilities agree within 1e-9; from the same start, after the same
iterations, the fitted parameters agree within 1e-8 relative (hmmlearn forms variances as
E[x^2] - 2 mu E[x] + mu^2, we as E[(x - mu)^2]: the same algebra, different rounding)."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.numpy import hmm
from tests.hmm.observations import spx_observations

hmmlearn = pytest.importorskip("hmmlearn.hmm")
_hmmc = pytest.importorskip("hmmlearn._hmmc")     # its forward pass in logs, the filtered probabilities


def their_model(p: hmm.Params, n_iter: int = 1) -> "hmmlearn.GaussianHMM":
    m = hmmlearn.GaussianHMM(n_components=p.states, covariance_type="diag", n_iter=n_iter, tol=-np.inf,
                             init_params="", min_covar=0.0, covars_prior=0.0, implementation="log")
    m.startprob_, m.transmat_, m.means_ = p.start.copy(), p.trans.copy(), p.means.copy()
    m.covars_ = p.variances.copy()
    return m


@pytest.fixture(scope="module")
def x():
    return spx_observations()[:5000]


@pytest.fixture(scope="module")
def fitted(x):
    return hmm.fit(x, 3, max_iter=30, tol=-np.inf).params


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
    start = hmm.initial(x, 3)
    ours = hmm.fit(x, 3, max_iter=25, tol=-np.inf, start=start).params
    m = their_model(start, n_iter=25).fit(x)
    theirs = hmm.ordered(hmm.Params(m.startprob_, m.transmat_, m.means_, np.stack([np.diag(c) for c in m.covars_])))
    for field in ("trans", "means", "variances"):
        assert getattr(ours, field) == pytest.approx(getattr(theirs, field), rel=1e-8, abs=1e-12), field
    assert ours.start == pytest.approx(theirs.start, abs=1e-9)
