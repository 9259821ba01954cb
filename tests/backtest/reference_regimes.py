"""The reference simulator's learned regimes, written apart from the engine's (backends/numpy/hmm.py
and regimes.py): the documented start in plain Python, Baum-Welch by hmmlearn (an independent
implementation, a test dependency), the documented state order, and a plain-Python forward filter,
all on observations the reference computes bar by bar itself (docs/semantics.md, *Learned regimes*).
Full covariance: hmmlearn has no per-observation floor (its min_covar acts only at its own start), so
the reference runs its Baum-Welch one iteration at a time and adds the floor to the diagonal after each
M-step, stopping as documented; its filter evaluates the density by NumPy's inverse and determinant."""

from __future__ import annotations

import math

import numpy as np

from rbl.dsl import ir
from rbl.dsl.check.warmup import regime_observed_from

STAY, MAX_ITER, TOL, VAR_FLOOR = 0.9, 100, 1e-6, 1e-6


def probabilities(sim, regime: ir.Regime) -> list[list[float] | None]:
    """Per bar, the filtered state probabilities (None before the first fit)."""
    T, first = len(sim.dates), regime_observed_from(regime, sim.s)
    K, W, R = (sim.window(a) for a in (regime.states, regime.window, regime.refit))
    xs = [None] * first + [[sim.ev(x, b, None) for x in regime.observations] for b in range(first, T)]
    out: list[list[float] | None] = [None] * T
    refits = list(range(first + W - 1, T, R))
    for r, end in zip(refits, refits[1:] + [T]):
        lo = first if regime.fit == "expanding" else r - W + 1
        model = fit(xs[lo:r + 1], K) if not regime.full else fit_full(xs[lo:r + 1], K)
        for b, alpha in enumerate((filtered_full if regime.full else filtered)(xs[lo:end], model), start=lo):
            if b >= r:
                out[b] = alpha
    return out


def start(rows: list[list[float]], K: int) -> tuple:
    """Rows sorted by their first value (ties by position) cut into K runs: their means; the window's
    variances for every state; stay with probability 0.9."""
    n, D = len(rows), len(rows[0])
    order = sorted(range(n), key=lambda i: (rows[i][0], i))
    runs = [order[k * n // K:(k + 1) * n // K] for k in range(K)]
    means = [[sum(rows[i][d] for i in run) / len(run) for d in range(D)] for run in runs]
    variances = [_pvariance([r[d] for r in rows]) for d in range(D)]
    trans = [[STAY if i == j else (1 - STAY) / (K - 1) for j in range(K)] for i in range(K)]
    return [1 / K] * K, trans, means, [list(variances) for _ in range(K)]


def fit(rows: list[list[float]], K: int) -> tuple:
    from hmmlearn.hmm import GaussianHMM
    st, tr, mu, var = start(rows, K)
    m = GaussianHMM(n_components=K, covariance_type="diag", n_iter=MAX_ITER, tol=TOL, init_params="",
                    min_covar=0.0, covars_prior=0.0, implementation="log")
    m.startprob_, m.transmat_, m.means_, m.covars_ = (np.array(a, dtype=float) for a in (st, tr, mu, var))
    m.fit(np.array(rows, dtype=float))
    variances = [[float(v) for v in np.diag(c)] for c in m.covars_]
    floors = [VAR_FLOOR * _pvariance([r[d] for r in rows]) for d in range(len(rows[0]))]
    assert all(v > f for row in variances for v, f in zip(row, floors)), "the variance floor binds"
    order = sorted(range(K), key=lambda k: (m.means_[k][0], k))
    return ([float(m.startprob_[k]) for k in order], [[float(m.transmat_[i][j]) for j in order] for i in order],
            [[float(v) for v in m.means_[k]] for k in order], [variances[k] for k in order])


def fit_full(rows: list[list[float]], K: int) -> tuple:
    from hmmlearn.hmm import GaussianHMM
    st, tr, mu, _ = start(rows, K)
    x = np.array(rows, dtype=float)
    floor = np.diag([VAR_FLOOR * _pvariance([r[d] for r in rows]) for d in range(len(rows[0]))])
    m = GaussianHMM(n_components=K, covariance_type="full", n_iter=1, tol=-np.inf, init_params="",
                    min_covar=0.0, covars_prior=0.0, implementation="log")
    m.startprob_, m.transmat_, m.means_ = (np.array(a, dtype=float) for a in (st, tr, mu))
    m.covars_ = np.stack([np.cov(x, rowvar=False, bias=True) + floor] * K)
    prev = -math.inf
    for _ in range(MAX_ITER):
        m.fit(x)
        m.covars_ = m.covars_ + floor
        loglik = m.monitor_.history[-1]
        if loglik - prev < TOL:
            break
        prev = loglik
    order = sorted(range(K), key=lambda k: (m.means_[k][0], k))
    return ([float(m.startprob_[k]) for k in order], [[float(m.transmat_[i][j]) for j in order] for i in order],
            [[float(v) for v in m.means_[k]] for k in order], [m.covars_[k] for k in order])


def filtered_full(rows: list[list[float]], model: tuple) -> list[list[float]]:
    st, tr, mu, cov = model
    inverse = [np.linalg.inv(c) for c in cov]
    logdet = [np.linalg.slogdet(c)[1] for c in cov]
    K, out, alpha = len(st), [], None
    for x in rows:
        z = [np.array(x) - np.array(m) for m in mu]
        logs = [-0.5 * (len(x) * math.log(2 * math.pi) + logdet[k] + float(z[k] @ inverse[k] @ z[k]))
                for k in range(K)]
        top = max(logs)
        prior = st if alpha is None else [sum(alpha[i] * tr[i][j] for i in range(K)) for j in range(K)]
        a = [p * math.exp(lg - top) for p, lg in zip(prior, logs)]
        alpha = [v / sum(a) for v in a]
        out.append(alpha)
    return out


def filtered(rows: list[list[float]], model: tuple) -> list[list[float]]:
    st, tr, mu, var = model
    K, out, alpha = len(st), [], None
    for x in rows:
        logs = [sum(-0.5 * (math.log(2 * math.pi * v) + (xd - m) ** 2 / v) for xd, m, v in zip(x, mu[k], var[k]))
                for k in range(K)]
        top = max(logs)
        prior = st if alpha is None else [sum(alpha[i] * tr[i][j] for i in range(K)) for j in range(K)]
        a = [p * math.exp(lg - top) for p, lg in zip(prior, logs)]
        alpha = [v / sum(a) for v in a]
        out.append(alpha)
    return out


def most_probable(p: list[float]) -> int:
    return max(range(len(p)), key=lambda k: (p[k], -k))


def _pvariance(xs: list[float]) -> float:
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)
