"""Windowed indicators along the bar axis (axis 1) of (K, T, H) arrays; NaN until the window fills."""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from rbl.backends.numpy.jit import njit


def _windows(x: np.ndarray, n: int) -> np.ndarray:
    """(K, T-n+1, H, n): the last n values ending at each bar from n-1 on."""
    return sliding_window_view(x, n, axis=1)


def _pad(values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Put `values` (ending at the last bar) into a NaN array shaped like x."""
    out = np.full(np.broadcast_shapes(x.shape), np.nan)
    if values.shape[1]:
        out[:, x.shape[1] - values.shape[1]:] = values
    return out


def lag(x: np.ndarray, k: int) -> np.ndarray:
    out = np.full(x.shape, np.nan)
    if k < x.shape[1]:
        out[:, k:] = x[:, :x.shape[1] - k]
    return out


def simple_returns(x: np.ndarray) -> np.ndarray:
    """r[t] = x[t]/x[t-1] - 1, NaN at t = 0."""
    return x / lag(x, 1) - 1.0


def sma(x: np.ndarray, n: int) -> np.ndarray:
    return _pad(_windows(x, n).mean(axis=-1), x) if n <= x.shape[1] else _pad(x[:, :0], x)


def ema(x: np.ndarray, n: int) -> np.ndarray:
    """EMA with a = 2/(n+1) over the last 4n bars, seeded with the first of them (or bar 0)."""
    a, span = 2.0 / (n + 1), 4 * n
    out = np.empty(x.shape)
    for t in range(x.shape[1]):       # a recursion over a moving seed: one short loop per bar
        start = max(0, t - span + 1)
        weights = (1 - a) ** np.arange(t - start, -1, -1, dtype=np.float64)
        weights[1:] *= a
        out[:, t] = np.tensordot(weights, x[:, start:t + 1], axes=([0], [1]))
    return out


def change(x: np.ndarray, n: int) -> np.ndarray:
    """return(x, n) = x[t]/x[t-n] - 1."""
    return x / lag(x, n) - 1.0


def stdev_of_returns(x: np.ndarray, n: int) -> np.ndarray:
    """Sample standard deviation (ddof 1) of the last n simple returns."""
    r = simple_returns(x)[:, 1:]
    if n > r.shape[1] or n < 2:
        return np.full(x.shape, np.nan)
    out = np.full(np.broadcast_shapes(x.shape), np.nan)
    _rolling_stdev(np.ascontiguousarray(r, dtype=np.float64), n, out[:, 1:])
    return out


@njit(cache=True, nogil=True)
def _rolling_stdev(r, n, out):
    """out[k, t, h] = the sample stdev of r[k, t-n+1..t, h] in O(T) per series: running sums of the
    values less an anchor (a value of the window), redone by two passes over the window every n bars,
    after a non-finite value and when the variance is so small against the values' squares that the
    running sums would have cancelled its digits (a flat window is exactly 0, as two passes give it).
    Within 1e-13 of two passes per window."""
    K, T, H = r.shape
    for k in range(K):
        for h in range(H):
            anchor, s1, s2, age = 0.0, 0.0, 0.0, n
            for t in range(n - 1, T):
                new, old = r[k, t, h], r[k, t - n, h] if t >= n else 0.0
                if age < n and math.isfinite(new) and math.isfinite(old):
                    s1 += (new - anchor) - (old - anchor)
                    s2 += (new - anchor) ** 2 - (old - anchor) ** 2
                    age += 1
                    variance = (s2 - s1 * s1 / n) / (n - 1)
                    if variance > 1e-8 * s2 / n:
                        out[k, t, h] = math.sqrt(variance)
                        continue
                anchor, s1, s2, age = r[k, t - n + 1, h], 0.0, 0.0, 0
                mean = 0.0
                for j in range(t - n + 1, t + 1):
                    value = r[k, j, h] - anchor
                    s1 += value
                    s2 += value * value
                    mean += r[k, j, h]
                mean /= n
                squares = 0.0
                for j in range(t - n + 1, t + 1):
                    squares += (r[k, j, h] - mean) ** 2
                out[k, t, h] = math.sqrt(squares / (n - 1))


def rolling_drawdown(x: np.ndarray, n: int) -> np.ndarray:
    if n > x.shape[1]:
        return np.full(x.shape, np.nan)
    return _pad(1.0 - x[:, n - 1:] / _windows(x, n).max(axis=-1), x)


def rsi(x: np.ndarray, n: int) -> np.ndarray:
    """Cutler's RSI as a fraction: mean gain / (mean gain + mean loss) of the last n changes."""
    d = (x - lag(x, 1))[:, 1:]
    if n > d.shape[1]:
        return np.full(x.shape, np.nan)
    gain = _windows(np.maximum(d, 0.0), n).mean(axis=-1)
    loss = _windows(np.maximum(-d, 0.0), n).mean(axis=-1)
    total = gain + loss
    value = np.where(total > 0, gain / np.where(total > 0, total, 1.0), 0.5)
    return _pad(value, x)


def percentile(x: np.ndarray, n: int) -> np.ndarray:
    """Share of x[t-n+1..t] that is <= x[t]; NaN when the window holds a NaN."""
    if n > x.shape[1]:
        return np.full(x.shape, np.nan)
    w = _windows(x, n)
    share = (w <= w[..., -1:]).mean(axis=-1)
    return _pad(np.where(np.isnan(w).any(axis=-1), np.nan, share), x)
