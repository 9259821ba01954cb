"""A Gaussian hidden Markov model (diagonal covariance): deterministic Baum-Welch and the forward filter.

Written as scalar loops in strict IEEE order (numba; plain Python without it) so that the EA's runtime
(backends/mql5/runtime_hmm.mqh) can repeat every operation in the same order and reach the same bits:
the regime a backtest reports is the regime the EA trades on. docs/semantics.md, *Learned regimes*,
is the contract: initialisation, iteration cap and tolerance, variance floor, state ordering.

Numerics: emissions are evaluated in logs and scaled per bar by their maximum (b = exp(log b - max));
the forward and backward passes are normalised per bar (Rabiner's scaling), so nothing underflows on
decades of daily data. The log-likelihood is the sum over bars of log(scale) + max.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rbl.backends.numpy.jit import njit

MAX_ITER = 100          # Baum-Welch iterations at most
TOL = 1e-6              # stop once an iteration raises the log-likelihood by less than this
VAR_FLOOR = 1e-6        # a state's variance never falls below this share of the column's variance
STAY = 0.9              # the initial probability of staying in a state (the rest spread evenly)
_LOG_2PI = math.log(2.0 * math.pi)
_JIT = dict(cache=True, nogil=True, error_model="numpy")


@dataclass(frozen=True)
class Params:
    """A model: start (K,), transition (K, K) rows sum to 1, means and variances (K, D)."""

    start: np.ndarray
    trans: np.ndarray
    means: np.ndarray
    variances: np.ndarray

    @property
    def states(self) -> int:
        return len(self.start)


@dataclass(frozen=True)
class Fit:
    """A fitted model, ordered by the ordering rule; the log-likelihood of its last E-step, iterations run."""

    params: Params
    loglik: float
    iterations: int


def initial(x: np.ndarray, k: int) -> Params:
    """The fixed start: rows sorted by the first column (ties by bar) cut into K equal runs; each state's
    means are its run's means, every state's variances the whole window's; stay with probability STAY."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    means, variances, start, trans = (np.empty((k, x.shape[1])), np.empty((k, x.shape[1])),
                                      np.empty(k), np.empty((k, k)))
    order = np.lexsort((np.arange(len(x)), x[:, 0]))
    _initial(x, order, means, variances, start, trans)
    return Params(start, trans, means, variances)


def fit(x: np.ndarray, k: int, max_iter: int = MAX_ITER, tol: float = TOL, start: Params | None = None) -> Fit:
    """Baum-Welch from `start` (default `initial(x, k)`): each iteration an E-step (its log-likelihood
    is the one reported) then an M-step; stop after `max_iter` or once the gain is below `tol`.
    The states are then put in the documented order (`ordered`)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    p = start or initial(x, k)
    st, tr, mu, var = (np.array(a, dtype=np.float64) for a in (p.start, p.trans, p.means, p.variances))
    floor = VAR_FLOOR * _column_variances(x)
    out = np.zeros(2)
    _baum_welch(x, st, tr, mu, var, floor, max_iter, tol, out)
    return Fit(ordered(Params(st, tr, mu, var)), float(out[0]), int(out[1]))


def ordered(p: Params) -> Params:
    """The ordering rule: states sorted by the mean of the first observation, lowest first (ties keep
    their order), so a refit cannot swap labels."""
    o = np.argsort(p.means[:, 0], kind="stable")
    return Params(p.start[o], p.trans[np.ix_(o, o)], p.means[o], p.variances[o])


def forward(x: np.ndarray, p: Params) -> tuple[np.ndarray, float]:
    """Filtered probabilities P(state at t | x[0..t]) (T, K) and the log-likelihood of x."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    alpha = np.empty((len(x), p.states))
    scale = np.empty(len(x))
    loglik = _forward_pass(x, p.start, p.trans, p.means, p.variances, alpha, scale)
    return alpha, loglik


def _column_variances(x: np.ndarray) -> np.ndarray:
    out = np.empty(x.shape[1])
    for d in range(x.shape[1]):
        out[d] = _variance(x[:, d])
    return out


@njit(**_JIT)
def _variance(col):
    """The population variance, summed in bar order."""
    s = 0.0
    for t in range(col.shape[0]):
        s += col[t]
    m = s / col.shape[0]
    v = 0.0
    for t in range(col.shape[0]):
        v += (col[t] - m) * (col[t] - m)
    return v / col.shape[0]


@njit(**_JIT)
def _initial(x, order, means, variances, start, trans):
    T, D = x.shape
    K = start.shape[0]
    for k in range(K):
        lo, hi = k * T // K, (k + 1) * T // K
        for d in range(D):
            s = 0.0
            for r in range(lo, hi):
                s += x[order[r], d]
            means[k, d] = s / (hi - lo)
            variances[k, d] = _variance(x[:, d])
        start[k] = 1.0 / K
        for j in range(K):
            trans[k, j] = STAY if j == k else (1.0 - STAY) / (K - 1)
    if K == 1:
        trans[0, 0] = 1.0


@njit(**_JIT)
def _emissions(x, means, variances, b, m):
    """b[t, k] = density of x[t] in state k divided by m[t] = the largest over states (in logs)."""
    T, D = x.shape
    K = means.shape[0]
    for t in range(T):
        top = -np.inf
        for k in range(K):
            lp = 0.0
            for d in range(D):
                z = x[t, d] - means[k, d]
                lp += -0.5 * (_LOG_2PI + math.log(variances[k, d]) + z * z / variances[k, d])
            b[t, k] = lp
            if lp > top:
                top = lp
        m[t] = top
        for k in range(K):
            b[t, k] = math.exp(b[t, k] - top)


@njit(**_JIT)
def _forward_scaled(b, m, start, trans, alpha, scale):
    """alpha[t] = P(state at t | x[0..t]); scale[t] its normaliser; returns the log-likelihood."""
    T, K = b.shape
    loglik = 0.0
    for t in range(T):
        c = 0.0
        for j in range(K):
            if t == 0:
                a = start[j]
            else:
                a = 0.0
                for i in range(K):
                    a += alpha[t - 1, i] * trans[i, j]
            alpha[t, j] = a * b[t, j]
            c += alpha[t, j]
        for j in range(K):
            alpha[t, j] /= c
        scale[t] = c
        loglik += math.log(c) + m[t]
    return loglik


@njit(**_JIT)
def _forward_pass(x, start, trans, means, variances, alpha, scale):
    b = np.empty(alpha.shape)
    m = np.empty(x.shape[0])
    _emissions(x, means, variances, b, m)
    return _forward_scaled(b, m, start, trans, alpha, scale)


@njit(**_JIT)
def _backward_scaled(b, trans, scale, beta):
    T, K = b.shape
    for i in range(K):
        beta[T - 1, i] = 1.0
    for t in range(T - 2, -1, -1):
        for i in range(K):
            s = 0.0
            for j in range(K):
                s += trans[i, j] * b[t + 1, j] * beta[t + 1, j]
            beta[t, i] = s / scale[t + 1]


@njit(**_JIT)
def _mstep(x, b, trans, alpha, beta, scale, floor, start, means, variances):
    """Re-estimate in place from the posteriors gamma = alpha * beta (normalised per bar) and the
    transition counts xi; transitions read the old `trans`, so it is replaced last."""
    T, D = x.shape
    K = start.shape[0]
    gamma = np.empty((T, K))
    for t in range(T):
        g = 0.0
        for k in range(K):
            gamma[t, k] = alpha[t, k] * beta[t, k]
            g += gamma[t, k]
        for k in range(K):
            gamma[t, k] /= g
    xi = np.zeros((K, K))
    for t in range(T - 1):
        for i in range(K):
            for j in range(K):
                xi[i, j] += alpha[t, i] * trans[i, j] * b[t + 1, j] * beta[t + 1, j] / scale[t + 1]
    for k in range(K):
        start[k] = gamma[0, k]
        row = 0.0
        for j in range(K):
            row += xi[k, j]
        for j in range(K):
            trans[k, j] = xi[k, j] / row
        w = 0.0
        for t in range(T):
            w += gamma[t, k]
        for d in range(D):
            s = 0.0
            for t in range(T):
                s += gamma[t, k] * x[t, d]
            mu = s / w
            v = 0.0
            for t in range(T):
                v += gamma[t, k] * (x[t, d] - mu) * (x[t, d] - mu)
            means[k, d] = mu
            variances[k, d] = max(v / w, floor[d])


@njit(**_JIT)
def _baum_welch(x, start, trans, means, variances, floor, max_iter, tol, out):
    """out[0]: the last E-step's log-likelihood, out[1]: iterations run."""
    T = x.shape[0]
    K = start.shape[0]
    b, m = np.empty((T, K)), np.empty(T)
    alpha, beta, scale = np.empty((T, K)), np.empty((T, K)), np.empty(T)
    prev = -np.inf
    n = 0
    while n < max_iter:
        _emissions(x, means, variances, b, m)
        loglik = _forward_scaled(b, m, start, trans, alpha, scale)
        _backward_scaled(b, trans, scale, beta)
        _mstep(x, b, trans, alpha, beta, scale, floor, start, means, variances)
        n += 1
        out[0] = loglik
        if loglik - prev < tol:
            break
        prev = loglik
    out[1] = n
