"""Risk parity (equal risk contribution) weights, solved bar by bar on the bars that are asked for.

Why bar by bar: a covariance matrix per bar for all bars at once is a (T, N, N) tensor (9.1 GiB at
500 assets x 5,000 bars). Here one N x N matrix of window sums is carried from one asked bar to the
next, so memory is O(N^2) besides the (T, N) weights, and a bar nobody reads is never solved.

Bar t's covariance is the sample covariance (ddof 1) of the n simple returns ending at t. The sums
are rolled forward one return in, one out (O(N^2) per bar), or recomputed from the window: when the
next asked bar is half a window or more away (then cheaper than rolling), after n rolled bars (so
rounding never builds up over more than one window) and when they are not finite (a NaN return that
has since left the window). They are sums of returns minus a per-asset shift (the window's mean when
last recomputed), so the covariance `(S - s s' / n) / (n - 1)` does not cancel digits.

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
    """weights[t] = the ERC weights of bar t for each t in bars (ascending, each >= n)."""
    N = close.shape[1]
    shift, total, cross, cov = np.zeros(N), np.zeros(N), np.zeros((N, N)), np.empty((N, N))
    at, rolled = -1, 0                      # the bar the sums are at; returns rolled in since recomputed
    for t in bars:
        if at < 0 or 2 * (t - at) >= n or rolled + t - at > n or not np.isfinite(total).all():
            _window_sums(close, t, n, shift, total, cross)
            rolled = 0
        else:
            for u in range(at + 1, t + 1):
                _roll(close, u, n, shift, total, cross)
            rolled += t - at
        at = t
        for i in range(N):
            for j in range(N):
                cov[i, j] = (cross[i, j] - total[i] * total[j] / n) / (n - 1)
        _coordinate_descent(cov, weights[t])


@njit(cache=True, nogil=True)
def _returns_ending(close, u, out):
    for i in range(close.shape[1]):
        out[i] = close[u, i] / close[u - 1, i] - 1.0


@njit(cache=True, nogil=True)
def _window_sums(close, t, n, shift, total, cross):
    """The sums of bar t's window from scratch, shifted by the window's own mean."""
    N = close.shape[1]
    window = np.empty((n, N))
    for k in range(n):
        _returns_ending(close, t - n + 1 + k, window[k])
    for i in range(N):
        shift[i] = window[:, i].mean()
    window -= shift
    total[:] = 0.0
    cross[:, :] = 0.0
    for k in range(n):
        _add(window[k], 1.0, total, cross)


@njit(cache=True, nogil=True)
def _roll(close, u, n, shift, total, cross):
    """The window moves to end at bar u: the return ending at u comes in, the one ending at u - n goes."""
    r = np.empty(close.shape[1])
    _returns_ending(close, u, r)
    _add(r - shift, 1.0, total, cross)
    _returns_ending(close, u - n, r)
    _add(r - shift, -1.0, total, cross)


@njit(cache=True, nogil=True)
def _add(d, sign, total, cross):
    for i in range(len(d)):
        total[i] += sign * d[i]
        for j in range(len(d)):
            cross[i, j] += sign * d[i] * d[j]


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
