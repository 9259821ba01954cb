"""Risk parity (equal risk contribution) weights, solved on the bars that are asked for, each on its own.

Why bar by bar: a covariance matrix per bar for all bars at once is a (T, N, N) tensor (9.1 GiB at
500 assets x 5,000 bars). Here one bar's N x N covariance is in flight at a time, so memory is O(N^2)
besides the (T, N) weights, and a bar nobody reads is never solved: a `check monthly` strategy asks
for its check bars only (weights.py, docs/semantics.md *Targets in effect*).

Bar t's covariance is the sample covariance (ddof 1) of the n simple returns ending at t, computed
from that window alone (centred on its own mean): the weights of a bar do
not depend on which other bars were asked for, to the last bit, and a NaN return leaves with its
window.

`shrunk` (`risk parity(n, shrunk)`) replaces that covariance S by Ledoit-Wolf's shrinkage of its
correlations toward zero, each variance kept: S* = (1 - d) S + d diag(S), the intensity d computed on
the window's standardized returns (docs/semantics.md, *Targets*). Without it a window of n <= N bars
gives a singular S (rank <= n - 1) for which equal risk contributions need not exist (E0414).

The solver is docs/semantics.md's: cyclical coordinate descent from x_i = 1/sigma_i, stopping when no
x_i moved more than 1e-12 (relative) in a sweep, or after 1000 sweeps; w = x / sum(x). The sweeps each
bar took are kept (`ErcTargets.sweeps`): a bar at the cap has the last iterate's weights.
"""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy.jit import njit

MAX_SWEEPS = 1000
TOLERANCE = 1e-12       # largest relative move of any x_i in a sweep that still counts as moving
_REGROUP = {"reassoc", "nsz"}       # sums may be regrouped; NaN and infinity keep their meaning


class ErcTargets:
    """One risk parity scheme's weights over the run's bars, each bar solved once, on first request."""

    def __init__(self, close: np.ndarray, n: int, shrunk: bool = False) -> None:
        self.close = np.ascontiguousarray(close, dtype=np.float64)      # (T, A) the scheme's assets
        self.n, self.shrunk = n, shrunk
        self.weights = np.full(close.shape, np.nan)                     # NaN before bar n: no window yet
        self.sweeps = np.zeros(len(close), np.int64)                    # the solver's sweeps on each bar
        self.solved = np.zeros(len(close), bool)
        self.solved[:n] = True

    def at(self, bars: np.ndarray) -> np.ndarray:
        """(len(bars), A) weights of the given bars (ascending)."""
        todo = bars[~self.solved[bars]]
        if len(todo):
            self.sweeps[todo] = solve_bars(self.close, self.n, todo, self.weights, self.shrunk)
            self.solved[todo] = True
        return self.weights[bars]

    def capped(self) -> np.ndarray:
        """The bars solved so far whose solver stopped at the sweep cap, not at the tolerance."""
        return np.flatnonzero(self.sweeps >= MAX_SWEEPS)


@njit(cache=True, nogil=True)
def solve_bars(close, n, bars, weights, shrunk):
    """weights[t] = the ERC weights of bar t for each t in bars (each >= n); returns each bar's sweeps."""
    sweeps = np.zeros(len(bars), np.int64)
    for k, t in enumerate(bars):
        centred = _centred(close, n, t)
        cov = _covariance_of(centred)
        if shrunk:
            shrink_correlations(cov, centred)
        sweeps[k] = _coordinate_descent(cov, weights[t])
    return sweeps


@njit(cache=True, nogil=True)
def covariance(close, n, t):
    """The sample covariance (ddof 1) of the n simple returns ending at bar t: (N, N), each entry one
    dot product of two assets' centred returns (no BLAS: its threads crowd a busy machine)."""
    return _covariance_of(_centred(close, n, t))


@njit(cache=True, nogil=True)
def _covariance_of(centred):
    N, n = centred.shape
    cov = np.empty((N, N))
    for i in range(N):
        for j in range(i + 1):
            cov[i, j] = cov[j, i] = _dot(centred[i], centred[j]) / (n - 1)
    return cov


@njit(cache=True, nogil=True)
def _centred(close, n, t):
    """(N, n): each asset's n simple returns ending at bar t, minus their mean."""
    N = close.shape[1]
    centred = np.empty((N, n))
    for i in range(N):
        total = 0.0
        for k in range(n):
            centred[i, k] = close[t - n + 1 + k, i] / close[t - n + k, i] - 1.0
            total += centred[i, k]
        for k in range(n):
            centred[i, k] -= total / n
    return centred


@njit(cache=True, nogil=True)
def shrink_correlations(cov, centred):
    """cov <- (1 - d) cov + d diag(cov): every correlation times 1 - d, every variance kept, with d
    Ledoit & Wolf's (2004) intensity toward the identity computed on the standardized returns z
    (z_ik = centred_ik / sqrt(mean_k centred_ik^2), whose 1/n covariance is the correlation matrix R):
    d = min(b, c) / c (0 when b <= 0), c = sum_{i!=j} R_ij^2 / N and
    b = (sum_k (sum_i z_ik^2)^2 / n - sum_ij R_ij^2) / (n N), what sklearn.covariance.ledoit_wolf
    computes on z. An asset with no variance (a price that stood still; or NaN) has no correlation to
    estimate: it is left out of the sums and of N. O(N^2 + N n) besides the covariance."""
    N, n = centred.shape
    inverse, risky = np.zeros(N), 0
    for i in range(N):
        if cov[i, i] > 0.0:
            inverse[i], risky = 1.0 / cov[i, i], risky + 1
    if risky == 0:
        return
    corr_sq, lines = float(risky), np.zeros(n)      # sum_ij R_ij^2 (R_ii = 1); per bar k, sum_i z_ik^2
    for i in range(N):
        if inverse[i] == 0.0:
            continue
        for j in range(i):
            if inverse[j] > 0.0:
                corr_sq += 2.0 * cov[i, j] * cov[i, j] * inverse[i] * inverse[j]
        scale = n / (n - 1) * inverse[i]             # 1 / the 1/n variance: z's denominator squared
        for k in range(n):
            lines[k] += centred[i, k] * centred[i, k] * scale
    c = (corr_sq - risky) / risky
    b = min((np.sum(lines * lines) / n - corr_sq) / (n * risky), c)
    d = b / c if b > 0.0 else 0.0                   # b > 0 implies c >= b > 0
    for i in range(N):
        for j in range(N):
            if i != j:
                cov[i, j] *= 1.0 - d


@njit(cache=True, nogil=True)
def _coordinate_descent(cov, x):
    """x = the ERC weights of `cov`, by the sweeps of docs/semantics.md; returns the sweeps run. An asset
    with no variance has no risk to budget: it keeps its start 1 / max(sigma, 1e-12), as in the EA."""
    N = len(x)
    budget = 1.0 / N
    for i in range(N):
        sigma = np.sqrt(cov[i, i])
        x[i] = 1.0 / sigma if sigma > 1e-12 else (1.0 / 1e-12 if sigma == sigma else np.nan)
    sweeps = 0
    while sweeps < MAX_SWEEPS:
        sweeps += 1
        moved = 0.0
        for i in range(N):
            if not cov[i, i] > 0.0:
                continue
            c = _dot(cov[i], x) - cov[i, i] * x[i]
            new = (-c + np.sqrt(c * c + 4 * cov[i, i] * budget)) / (2 * cov[i, i])
            moved = _nan_max(moved, abs(new - x[i]) / abs(x[i]))
            x[i] = new
        if not moved > TOLERANCE:           # a NaN stops too: that bar's weights are NaN
            break
    x /= x.sum()
    return sweeps


@njit(cache=True, nogil=True, fastmath=_REGROUP)
def _dot(a, b):
    """The sum may be regrouped into SIMD lanes: the solver's inner loop, several times faster; the
    weights move by rounding only (1e-16), far inside the solver's own 1e-12 stopping rule."""
    total = 0.0
    for j in range(len(a)):
        total += a[j] * b[j]
    return total


@njit(cache=True, nogil=True)
def _nan_max(a, b):
    return a if a != a else (b if b != b or b > a else a)
