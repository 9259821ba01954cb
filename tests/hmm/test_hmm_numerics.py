"""The Gaussian HMM of backends/numpy/hmm.py: the forward filter and Baum-Welch against two-state
examples worked by hand, the ordering rule, and hmmlearn as an independent implementation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rbl.backends.numpy import hmm
from tests.hmm.observations import spx_observations


def normal(x, mu, var):
    return math.exp(-0.5 * (x - mu) ** 2 / var) / math.sqrt(2 * math.pi * var)


TWO = hmm.Params(start=np.array([0.6, 0.4]), trans=np.array([[0.9, 0.1], [0.3, 0.7]]),
                 means=np.array([[0.0], [2.0]]), variances=np.array([[1.0], [4.0]]))


def test_forward_two_states_two_bars_by_hand():
    x1, x2 = 0.5, 3.0
    a1 = [0.6 * normal(x1, 0, 1), 0.4 * normal(x1, 2, 4)]
    p1 = sum(a1)
    f1 = [a / p1 for a in a1]
    a2 = [(f1[0] * 0.9 + f1[1] * 0.3) * normal(x2, 0, 1), (f1[0] * 0.1 + f1[1] * 0.7) * normal(x2, 2, 4)]
    p2 = sum(a2)
    filtered, loglik = hmm.forward(np.array([[x1], [x2]]), TWO)
    assert filtered == pytest.approx(np.array([f1, [a / p2 for a in a2]]), abs=1e-15)
    assert loglik == pytest.approx(math.log(p1) + math.log(p2), abs=1e-14)


def test_forward_does_not_underflow_far_from_every_state():
    # densities of exp(-5e7) underflow to 0 without the per-bar scaling; the filter still says state 2
    filtered, loglik = hmm.forward(np.array([[1e4]]), TWO)
    assert filtered[0] == pytest.approx([0.0, 1.0])
    assert np.isfinite(loglik)


def test_filtered_probabilities_at_t_ignore_later_bars():
    x = spx_observations()[:400]
    early, _ = hmm.forward(x[:250], TWO_D)
    late, _ = hmm.forward(x, TWO_D)
    assert np.array_equal(early, late[:250])


def test_one_baum_welch_step_two_states_by_hand():
    # one iteration from TWO on three bars: gamma and xi from alpha and beta written out, then the M-step
    x = [0.5, 3.0, -1.0]
    A, mu, var, pi = [[0.9, 0.1], [0.3, 0.7]], [0, 2], [1, 4], [0.6, 0.4]
    b = [[normal(xt, mu[k], var[k]) for k in range(2)] for xt in x]
    alpha = [[pi[k] * b[0][k] for k in range(2)]]
    for t in (1, 2):
        alpha.append([sum(alpha[t - 1][i] * A[i][j] for i in range(2)) * b[t][j] for j in range(2)])
    beta = [[1.0, 1.0]]
    for t in (1, 0):
        beta.insert(0, [sum(A[i][j] * b[t + 1][j] * beta[0][j] for j in range(2)) for i in range(2)])
    px = sum(alpha[2])
    gamma = [[alpha[t][k] * beta[t][k] / px for k in range(2)] for t in range(3)]
    xi = [[sum(alpha[t][i] * A[i][j] * b[t + 1][j] * beta[t + 1][j] for t in range(2)) / px
           for j in range(2)] for i in range(2)]
    w = [sum(g[k] for g in gamma) for k in range(2)]
    means = [sum(g[k] * xt for g, xt in zip(gamma, x)) / w[k] for k in range(2)]
    variances = [sum(g[k] * (xt - means[k]) ** 2 for g, xt in zip(gamma, x)) / w[k] for k in range(2)]

    got = hmm.fit(np.array(x)[:, None], 2, max_iter=1, start=TWO)
    assert got.iterations == 1 and got.loglik == pytest.approx(math.log(px), abs=1e-14)
    assert got.params.start == pytest.approx(gamma[0], abs=1e-14)
    assert got.params.trans == pytest.approx(np.array([[r / sum(row) for r in row] for row in xi]), abs=1e-14)
    assert got.params.means[:, 0] == pytest.approx(means, abs=1e-14)
    assert got.params.variances[:, 0] == pytest.approx(variances, abs=1e-14)


def test_fit_recovers_two_well_separated_regimes():
    rng = np.random.default_rng(7)
    states = np.repeat([0, 1, 0, 1], 250)
    x = np.where(states == 0, rng.normal(0.0, 1.0, 1000), rng.normal(5.0, 2.0, 1000))[:, None]
    got = hmm.fit(x, 2)
    assert got.params.means[:, 0] == pytest.approx([0.0, 5.0], abs=0.2)
    assert np.sqrt(got.params.variances[:, 0]) == pytest.approx([1.0, 2.0], abs=0.15)
    assert np.diag(got.params.trans) == pytest.approx([1 - 2 / 500, 1 - 2 / 500], abs=0.01)
    assert got.iterations < hmm.MAX_ITER


def test_initial_cuts_rows_sorted_by_the_first_column_into_equal_runs():
    x = np.array([[5.0, 1.0], [1.0, 2.0], [3.0, 3.0], [2.0, 4.0], [4.0, 5.0], [0.0, 6.0]])
    p = hmm.initial(x, 3)
    assert p.means == pytest.approx(np.array([[0.5, 4.0], [2.5, 3.5], [4.5, 3.0]]))
    assert p.variances == pytest.approx(np.tile(x.var(axis=0), (3, 1)))
    assert p.start == pytest.approx([1 / 3] * 3)
    assert p.trans == pytest.approx(np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]))


def test_ordering_rule_sorts_states_by_the_first_mean_and_permutes_transitions_alike():
    p = hmm.Params(start=np.array([0.2, 0.3, 0.5]), trans=np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]),
                   means=np.array([[3.0], [1.0], [2.0]]), variances=np.array([[9.0], [1.0], [4.0]]))
    o = hmm.ordered(p)
    assert o.means[:, 0].tolist() == [1.0, 2.0, 3.0] and o.variances[:, 0].tolist() == [1.0, 4.0, 9.0]
    assert o.start.tolist() == [0.3, 0.5, 0.2]
    assert o.trans.tolist() == [[0.8, 0.1, 0.1], [0.3, 0.4, 0.3], [0.2, 0.1, 0.7]]


def test_variance_floor_keeps_a_state_on_a_constant_run_finite():
    x = np.concatenate([np.zeros(300), np.random.default_rng(1).normal(0, 1, 300)])[:, None]
    got = hmm.fit(x, 2)
    assert got.params.variances.min() == pytest.approx(hmm.VAR_FLOOR * x.var(), rel=1e-12)     # the floor binds
    assert np.isfinite(got.loglik)


def test_fit_is_deterministic_to_the_bit():
    x = spx_observations()[:1500]
    a, b = hmm.fit(x, 3), hmm.fit(x, 3)
    assert a.loglik == b.loglik and all(np.array_equal(getattr(a.params, f), getattr(b.params, f))
                                        for f in ("start", "trans", "means", "variances"))


TWO_D = hmm.Params(start=np.array([0.5, 0.5]), trans=np.array([[0.98, 0.02], [0.05, 0.95]]),
                   means=np.array([[0.10, 5e-4], [0.30, -1e-3]]), variances=np.array([[1e-3, 6e-5], [1e-2, 4e-4]]))


def test_without_numba_the_same_code_gives_the_same_bits():
    import json
    import subprocess
    import sys
    run = ("import sys, json; sys.modules['numba'] = None\n"
           "from rbl.backends.numpy import hmm\n"
           "from tests.hmm.observations import spx_observations\n"
           "f = hmm.fit(spx_observations()[:300], 2)\n"
           "print(json.dumps([f.loglik.hex(), f.iterations, [v.hex() for v in f.params.means.ravel()]]))\n")
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    compiled = hmm.fit(spx_observations()[:300], 2)
    assert json.loads(done.stdout) == [compiled.loglik.hex(), compiled.iterations,
                                       [v.hex() for v in compiled.params.means.ravel()]]
