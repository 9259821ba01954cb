"""Trial-aware statistics of a sweep, pure functions over arrays: the probabilistic and deflated Sharpe
ratios (Bailey and Lopez de Prado 2012, 2014), the expected maximum Sharpe of N trials under the null,
the minimum backtest length (Bailey, Borwein, Lopez de Prado, Zhu 2014) and the probability of backtest
overfitting by combinatorially symmetric cross-validation (the same authors, 2017).

Conventions (docs/backtest.md): Sharpe ratios are per bar (mean / sample stdev with ddof 1, rf 0) unless
named annual; skewness and kurtosis are the moment estimators m3 / m2^1.5 and m4 / m2^2 (m_k the mean
of the k-th power of deviations from the mean, no small-sample correction), the kurtosis NOT excess
(3 for a normal distribution)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from statistics import NormalDist

import numpy as np

EULER_GAMMA = 0.5772156649015329
_NORMAL = NormalDist()
_ERF = np.frompyfunc(math.erf, 1, 1)


def normal_cdf(x):
    """The standard normal CDF elementwise, from math.erf (no scipy); NaN stays NaN."""
    x = np.asarray(x, dtype=np.float64)
    out = 0.5 * (1.0 + np.asarray(_ERF(x / math.sqrt(2.0)), dtype=np.float64))
    return out[()]


def normal_quantile(p: float) -> float:
    return _NORMAL.inv_cdf(p)


def shape(r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(skewness, kurtosis) along the last axis: m3 / m2^1.5 and m4 / m2^2 (not excess; NaN for a
    constant series)."""
    if r.shape[-1] < 2:
        nothing = np.full(r.shape[:-1], np.nan)[()]
        return nothing, nothing
    d = r - r.mean(axis=-1, keepdims=True)
    d2 = d * d
    m2 = d2.mean(axis=-1)
    m3, m4 = (d2 * d).mean(axis=-1), (d2 * d2).mean(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        flat = m2 <= 0
        return (np.where(flat, np.nan, m3 / np.where(flat, 1.0, m2) ** 1.5)[()],
                np.where(flat, np.nan, m4 / np.where(flat, 1.0, m2) ** 2)[()])


def psr(sharpe, n, skew, kurt, benchmark=0.0):
    """Probability that the true per-bar Sharpe exceeds `benchmark`, given the observed per-bar `sharpe`
    over `n` returns with their skewness and (non-excess) kurtosis (Bailey and Lopez de Prado 2012):
    Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2))."""
    sharpe, skew, kurt = (np.asarray(v, dtype=np.float64) for v in (sharpe, skew, kurt))
    spread = 1.0 - skew * sharpe + (kurt - 1.0) / 4.0 * sharpe * sharpe
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (sharpe - benchmark) * np.sqrt(np.asarray(n, dtype=np.float64) - 1.0) / np.sqrt(spread)
    return normal_cdf(np.where(spread > 0, z, np.nan))


def max_factor(trials: int) -> float:
    """E[max of `trials` standard normals], approximately (the papers' formula):
    (1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e)); 0 for one trial (nothing was selected)."""
    if trials < 2:
        return 0.0
    return ((1 - EULER_GAMMA) * normal_quantile(1 - 1 / trials)
            + EULER_GAMMA * normal_quantile(1 - 1 / (trials * math.e)))


def expected_max_sharpe(trials: int, variance: float) -> float:
    """SR0: the expected maximum of `trials` Sharpe ratios whose true value is 0 and whose estimates have
    this cross-trial variance (Bailey and Lopez de Prado 2014, eq. 2); in the variance's units."""
    return math.sqrt(variance) * max_factor(trials) if variance > 0 else 0.0


def dsr(sharpe, n, skew, kurt, trials: int, variance: float):
    """The deflated Sharpe ratio: PSR against SR0 = expected_max_sharpe(trials, variance)."""
    return psr(sharpe, n, skew, kurt, expected_max_sharpe(trials, variance))


def min_backtest_length(trials: int, annual_sharpe: float) -> float:
    """Years of data below which `trials` independent configurations of true Sharpe 0 are expected to
    show a best annual Sharpe of `annual_sharpe` (Bailey, Borwein, Lopez de Prado, Zhu 2014):
    (max_factor(N) / SR)^2. NaN when there is no selection (N < 2) or no positive Sharpe."""
    if trials < 2 or not annual_sharpe > 0:
        return math.nan
    return (max_factor(trials) / annual_sharpe) ** 2


# ---- PBO by combinatorially symmetric cross-validation -------------------------------------------------
def block_moments(r: np.ndarray, blocks: int) -> tuple[int, np.ndarray, np.ndarray]:
    """(bars per block, means (K, S), sums of squared deviations (K, S)) of S equal contiguous blocks of
    each row of returns `r` (K, n); the first n mod S returns are left out so the blocks are equal."""
    K, n = r.shape
    size = n // blocks
    cut = r[:, n - size * blocks:].reshape(K, blocks, size)
    mean = cut.mean(axis=-1)
    d = cut - mean[..., None]
    return size, mean, np.einsum("ksb,ksb->ks", d, d)


@dataclass(frozen=True)
class PBO:
    """The CSCV result: PBO = the share of the C(S, S/2) splits whose logit is <= 0; `logits` kept for
    the report's distribution; `best_is` the in-sample winner of each split."""

    pbo: float
    logits: np.ndarray
    best_is: np.ndarray
    blocks: int


def _split_sharpe(mean, m2, size: int, pick: np.ndarray):
    """Per-bar Sharpe of each variant over the union of the picked blocks (K, C): means and deviations
    of the blocks pooled (Chan et al.: M2 = sum M2_b + n_b sum mean_b^2 - n mean^2)."""
    n = size * int(pick[0].sum())
    total_mean = (mean @ pick.T) * (size / n)
    pooled = (m2 + size * mean * mean) @ pick.T - n * total_mean * total_mean
    with np.errstate(invalid="ignore", divide="ignore"):
        sr = total_mean / np.sqrt(np.maximum(pooled, 0.0) / (n - 1))
    return np.where(np.isfinite(sr), sr, -np.inf)


def cscv(mean: np.ndarray, m2: np.ndarray, size: int, memory: int = 64 * 2**20) -> PBO:
    """PBO over the block moments of K variants (Bailey, Borwein, Lopez de Prado, Zhu 2017): for every
    split of the S blocks into halves J (train) and its complement (test), the variant with the best
    train Sharpe (first on ties) is ranked among all on the test half (average rank on ties, 1 the
    worst), w = rank / (K + 1), logit = ln(w / (1 - w)). Splits go in batches under `memory` bytes."""
    K, S = mean.shape
    splits = np.array([[b in c for b in range(S)] for c in combinations(range(S), S // 2)], dtype=np.float64)
    batch = max(1, memory // (8 * 8 * max(K, 1)))
    logits, best = np.empty(len(splits)), np.empty(len(splits), dtype=np.int64)
    for a in range(0, len(splits), batch):
        pick = splits[a:a + batch]
        train, test = _split_sharpe(mean, m2, size, pick), _split_sharpe(mean, m2, size, 1.0 - pick)
        winner = np.argmax(train, axis=0)
        chosen = test[winner, np.arange(len(pick))]
        rank = (test < chosen).sum(axis=0) + ((test == chosen).sum(axis=0) + 1) / 2
        w = rank / (K + 1)
        logits[a:a + batch], best[a:a + batch] = np.log(w / (1 - w)), winner
    return PBO(float(np.mean(logits <= 0)), logits, best, S)


# ---- one sweep's verdict ---------------------------------------------------------------------------------
SIGNIFICANT = 0.95          # DSR at or above which the best row is told apart from noise


@dataclass(frozen=True)
class Trials:
    """The statistics of a whole sweep: per variant PSR (vs 0) and DSR; for the sweep the trial count,
    the cross-variant variance of per-bar Sharpe, SR0 (per bar and annual), MinBTL for the best
    observed Sharpe against the sample's years, and PBO (None when the bars are too few to split)."""

    psr: np.ndarray
    dsr: np.ndarray
    trials: int
    sharpe_variance: float
    expected_max_sharpe: float
    expected_max_sharpe_annual: float
    best_sharpe_annual: float
    min_backtest_years: float
    years: float
    pbo: PBO | None


def trials(sharpe: np.ndarray, n: int, skew: np.ndarray, kurt: np.ndarray, periods_per_year: float,
           years: float, pbo: PBO | None) -> Trials:
    """`sharpe` per bar (K,) over `n` returns each; the variance is over the finite Sharpes (ddof 1)."""
    finite = sharpe[np.isfinite(sharpe)]
    K = len(sharpe)
    variance = float(np.var(finite, ddof=1)) if len(finite) > 1 else 0.0
    sr0 = expected_max_sharpe(K, variance)
    best = float(finite.max()) * math.sqrt(periods_per_year) if len(finite) else math.nan
    return Trials(psr(sharpe, n, skew, kurt), psr(sharpe, n, skew, kurt, sr0), K, variance, sr0,
                  sr0 * math.sqrt(periods_per_year), best, min_backtest_length(K, best), years, pbo)
