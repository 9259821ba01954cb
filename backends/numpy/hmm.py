"""A Gaussian hidden Markov model (diagonal or full covariance): deterministic Baum-Welch and the forward filter.

Written as scalar loops in strict IEEE order (numba; plain Python without it) so that the EA's runtime
(backends/mql5/runtime_hmm.mqh) can repeat every operation in the same order and reach the same bits:
the regime a backtest reports is the regime the EA trades on. docs/semantics.md, *Learned regimes*,
is the contract: initialisation, iteration cap and tolerance, variance floor, state ordering.

Numerics: emissions are evaluated in logs and scaled per bar by their maximum (b = exp(log b - max));
the forward and backward passes are normalised per bar (Rabiner's scaling), so nothing underflows on
decades of daily data. The log-likelihood is the sum over bars of log(scale) + max.

Full covariance: each state's covariance matrix is factorised once per E-step (Cholesky, row by row),
its log-determinant is twice the sum of the logs of the factor's diagonal, and the Mahalanobis term is
the squared norm of the forward substitution L y = x - mu. Every covariance the fit uses (the start's
and each M-step's) has VAR_FLOOR times the window's variance of each observation added to its diagonal,
so it stays positive definite even when observations are collinear.
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
    """A model: start (K,), transition (K, K) rows sum to 1, means (K, D); `variances` is (K, D) for
    diagonal covariance, (K, D, D) covariance matrices for full."""

    start: np.ndarray
    trans: np.ndarray
    means: np.ndarray
    variances: np.ndarray

    @property
    def states(self) -> int:
        return len(self.start)

    @property
    def full(self) -> bool:
        return self.variances.ndim == 3


@dataclass(frozen=True)
class Fit:
    """A fitted model, ordered by the ordering rule; the log-likelihood of its last E-step, iterations run."""

    params: Params
    loglik: float
    iterations: int


def initial(x: np.ndarray, k: int, full: bool = False, floor: float = VAR_FLOOR) -> Params:
    """The fixed start: rows sorted by the first column (ties by bar) cut into K equal runs; each state's
    means are its run's means, every state's variances the whole window's (full: the window's covariance
    matrix, `floor` times each variance added to its diagonal); stay with probability STAY."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    D = x.shape[1]
    means, start, trans = np.empty((k, D)), np.empty(k), np.empty((k, k))
    variances = np.empty((k, D, D) if full else (k, D))
    order = np.lexsort((np.arange(len(x)), x[:, 0]))
    _initial(x, order, means, variances if not full else np.empty((k, D)), start, trans)
    if full:
        _initial_full(x, floor * _column_variances(x), variances)
    return Params(start, trans, means, variances)


def fit(x: np.ndarray, k: int, max_iter: int = MAX_ITER, tol: float = TOL, start: Params | None = None,
        full: bool = False, floor: float = VAR_FLOOR) -> Fit:
    """Baum-Welch from `start` (default `initial(x, k, full)`): each iteration an E-step (its
    log-likelihood is the one reported) then an M-step; stop after `max_iter` or once the gain is below
    `tol`. The states are then put in the documented order (`ordered`). `floor` is the share of each
    column's variance below which a diagonal variance never falls, or which a full covariance adds to
    its diagonal."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    p = start or initial(x, k, full, floor)
    st, tr, mu, var = (np.array(a, dtype=np.float64) for a in (p.start, p.trans, p.means, p.variances))
    floors = floor * _column_variances(x)
    out = np.zeros(2)
    (_baum_welch_full if p.full else _baum_welch)(x, st, tr, mu, var, floors, max_iter, tol, out)
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
    loglik = (_forward_pass_full if p.full else _forward_pass)(x, p.start, p.trans, p.means, p.variances,
                                                              alpha, scale)
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
        _scale_row(b, m, t, top)


@njit(**_JIT)
def _scale_row(b, m, t, top):
    """Bar t's emissions from logs to exp(log b - max), the max kept in m[t] (nothing underflows)."""
    m[t] = top
    for k in range(b.shape[1]):
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
def _posteriors(alpha, beta, gamma):
    """gamma = alpha * beta, normalised per bar."""
    T, K = alpha.shape
    for t in range(T):
        g = 0.0
        for k in range(K):
            gamma[t, k] = alpha[t, k] * beta[t, k]
            g += gamma[t, k]
        for k in range(K):
            gamma[t, k] /= g


@njit(**_JIT)
def _transitions(b, trans, alpha, beta, scale, gamma, start):
    """Start and transitions from gamma and the transition counts xi; xi reads the old `trans`, so each
    row is replaced only after all counts are summed."""
    T, K = b.shape
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


@njit(**_JIT)
def _mstep(x, b, trans, alpha, beta, scale, floor, start, means, variances):
    """Re-estimate in place from the posteriors gamma = alpha * beta (normalised per bar) and the
    transition counts xi."""
    T, D = x.shape
    K = start.shape[0]
    gamma = np.empty((T, K))
    _posteriors(alpha, beta, gamma)
    _transitions(b, trans, alpha, beta, scale, gamma, start)
    for k in range(K):
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


# ---- full covariance: the same passes with a Cholesky-factorised density ---------------------------

@njit(**_JIT)
def _initial_full(x, floor, cov):
    """Every state's covariance: the window's (population, summed in bar order) plus floor on the diagonal."""
    T, D = x.shape
    m = np.empty(D)
    for d in range(D):
        s = 0.0
        for t in range(T):
            s += x[t, d]
        m[d] = s / T
    for d in range(D):
        for e in range(D):
            v = 0.0
            for t in range(T):
                v += (x[t, d] - m[d]) * (x[t, e] - m[e])
            v = v / T
            if d == e:
                v = v + floor[d]
            for k in range(cov.shape[0]):
                cov[k, d, e] = v


@njit(**_JIT)
def _cholesky(a, low):
    """low = the lower factor of a (row by row); returns log det a = 2 * sum of log low[d, d]."""
    D = a.shape[0]
    logdet = 0.0
    for i in range(D):
        for j in range(i + 1):
            s = a[i, j]
            for p in range(j):
                s -= low[i, p] * low[j, p]
            if i == j:
                low[i, i] = math.sqrt(s)
            else:
                low[i, j] = s / low[j, j]
        for j in range(i + 1, D):
            low[i, j] = 0.0
    for d in range(D):
        logdet += math.log(low[d, d])
    return 2.0 * logdet


@njit(**_JIT)
def _log_density_full(x, t, mu, low, logdet, y):
    """log N(x[t]; mu, L L'): forward substitution L y = x[t] - mu, then the squared norm of y."""
    D = mu.shape[0]
    maha = 0.0
    for i in range(D):
        s = x[t, i] - mu[i]       # the EA forms x - mu first too (runtime_hmm.mqh, g_wz)
        for p in range(i):
            s -= low[i, p] * y[p]
        y[i] = s / low[i, i]
        maha += y[i] * y[i]
    return -0.5 * (D * _LOG_2PI + logdet + maha)


@njit(**_JIT)
def _emissions_full(x, means, cov, b, m):
    T, D = x.shape
    K = means.shape[0]
    low = np.empty((K, D, D))
    logdet = np.empty(K)
    y = np.empty(D)
    for k in range(K):
        logdet[k] = _cholesky(cov[k], low[k])
    for t in range(T):
        top = -np.inf
        for k in range(K):
            lp = _log_density_full(x, t, means[k], low[k], logdet[k], y)
            b[t, k] = lp
            if lp > top:
                top = lp
        _scale_row(b, m, t, top)


@njit(**_JIT)
def _forward_pass_full(x, start, trans, means, cov, alpha, scale):
    b = np.empty(alpha.shape)
    m = np.empty(x.shape[0])
    _emissions_full(x, means, cov, b, m)
    return _forward_scaled(b, m, start, trans, alpha, scale)


@njit(**_JIT)
def _mstep_full(x, gamma, means, cov, floor):
    """Means and covariance matrices from the posteriors gamma (start and transitions: `_mstep`)."""
    T, D = x.shape
    K = means.shape[0]
    for k in range(K):
        w = 0.0
        for t in range(T):
            w += gamma[t, k]
        for d in range(D):
            s = 0.0
            for t in range(T):
                s += gamma[t, k] * x[t, d]
            means[k, d] = s / w
        for d in range(D):
            for e in range(D):
                v = 0.0
                for t in range(T):
                    v += gamma[t, k] * (x[t, d] - means[k, d]) * (x[t, e] - means[k, e])
                v = v / w
                if d == e:
                    v = v + floor[d]
                cov[k, d, e] = v


@njit(**_JIT)
def _baum_welch_full(x, start, trans, means, cov, floor, max_iter, tol, out):
    """As `_baum_welch`; the M-step's diagonal means and variances are replaced by full ones."""
    T, D = x.shape
    K = start.shape[0]
    b, m = np.empty((T, K)), np.empty(T)
    alpha, beta, scale = np.empty((T, K)), np.empty((T, K)), np.empty(T)
    gamma = np.empty((T, K))
    prev = -np.inf
    n = 0
    while n < max_iter:
        _emissions_full(x, means, cov, b, m)
        loglik = _forward_scaled(b, m, start, trans, alpha, scale)
        _backward_scaled(b, trans, scale, beta)
        _posteriors(alpha, beta, gamma)
        _transitions(b, trans, alpha, beta, scale, gamma, start)
        _mstep_full(x, gamma, means, cov, floor)
        n += 1
        out[0] = loglik
        if loglik - prev < tol:
            break
        prev = loglik
    out[1] = n
