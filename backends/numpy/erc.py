"""Risk parity (equal risk contribution) weights, solved on the bars that are asked for, each on its own.

Why bar by bar: a covariance matrix per bar for all bars at once is a (T, N, N) tensor (9.1 GiB at
500 assets x 5,000 bars). Here one bar's N x N covariance is in flight at a time, so memory is O(N^2)
besides the (T, N) weights, and a bar nobody reads is never solved: a `check monthly` strategy asks
for its check bars only (weights.py, docs/semantics.md *Targets in effect*).

Bar t's covariance is the sample covariance (ddof 1) of the n simple returns ending at t, computed
from that window alone (centred on its own mean): the weights of a bar do
not depend on which other bars were asked for, to the last bit, and a NaN return leaves with its
window.

The solver is docs/semantics.md's: cyclical coordinate descent from x_i = 1/sigma_i, stopping when no
x_i moved more than 1e-12 (relative) in a sweep, or after 1000 sweeps; w = x / sum(x).
"""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy.jit import njit

MAX_SWEEPS = 1000
TOLERANCE = 1e-12       # largest relative move of any x_i in a sweep that still counts as moving
_REGROUP = {"reassoc", "nsz"}       # sums may be regrouped; NaN and infinity keep their meaning


class ErcTargets:
    """One risk parity scheme's weights over the run's bars, each bar solved once, on first request."""

    def __init__(self, close: np.ndarray, n: int) -> None:
        self.close = np.ascontiguousarray(close, dtype=np.float64)      # (T, A) the scheme's assets
        self.n = n
        self.weights = np.full(close.shape, np.nan)                     # NaN before bar n: no window yet
        self.solved = np.zeros(len(close), bool)
        self.solved[:n] = True

    def at(self, bars: np.ndarray) -> np.ndarray:
        """(len(bars), A) weights of the given bars (ascending)."""
        todo = bars[~self.solved[bars]]
        if len(todo):
            solve_bars(self.close, self.n, todo, self.weights)
            self.solved[todo] = True
        return self.weights[bars]


@njit(cache=True, nogil=True)
def solve_bars(close, n, bars, weights):
    """weights[t] = the ERC weights of bar t for each t in bars (each >= n)."""
    for t in bars:
        _coordinate_descent(covariance(close, n, t), weights[t])


@njit(cache=True, nogil=True)
def covariance(close, n, t):
    """The sample covariance (ddof 1) of the n simple returns ending at bar t: (N, N), each entry one
    dot product of two assets' centred returns (no BLAS: its threads crowd a busy machine)."""
    N = close.shape[1]
    centred = np.empty((N, n))
    for i in range(N):
        total = 0.0
        for k in range(n):
            centred[i, k] = close[t - n + 1 + k, i] / close[t - n + k, i] - 1.0
            total += centred[i, k]
        for k in range(n):
            centred[i, k] -= total / n
    cov = np.empty((N, N))
    for i in range(N):
        for j in range(i + 1):
            cov[i, j] = cov[j, i] = _dot(centred[i], centred[j]) / (n - 1)
    return cov


@njit(cache=True, nogil=True)
def _coordinate_descent(cov, x):
    """x = the ERC weights of `cov`, by the sweeps of docs/semantics.md."""
    N = len(x)
    budget = 1.0 / N
    for i in range(N):
        x[i] = 1.0 / np.sqrt(cov[i, i])
    for _ in range(MAX_SWEEPS):
        moved = 0.0
        for i in range(N):
            c = _dot(cov[i], x) - cov[i, i] * x[i]
            new = (-c + np.sqrt(c * c + 4 * cov[i, i] * budget)) / (2 * cov[i, i])
            moved = _nan_max(moved, abs(new - x[i]) / abs(x[i]))
            x[i] = new
        if not moved > TOLERANCE:           # a NaN stops too: that bar's weights are NaN
            break
    x /= x.sum()


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
