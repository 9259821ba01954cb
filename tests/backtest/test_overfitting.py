"""The trial-aware statistics against the papers' worked numbers, hand-computed values and independent
implementations written here from the formulas (no code shared with `overfitting.py`)."""

from __future__ import annotations

import math
from itertools import combinations
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rbl.backends.numpy import overfitting as of

PHI = NormalDist()


# ---- the papers' worked examples ------------------------------------------------------------------------
def test_the_deflated_sharpe_ratio_of_the_papers_numerical_example():
    # Bailey and Lopez de Prado (2014), "The Deflated Sharpe Ratio", numerical example: 100 trials whose
    # annual Sharpe ratios have variance 1/2, 1,250 daily returns (250 a year), skewness -3, kurtosis 10,
    # best annual Sharpe 2.5: SR0 = 0.1132 per day and DSR = 0.9004.
    variance = 0.5 / 250
    assert of.expected_max_sharpe(100, variance) == pytest.approx(0.1132, abs=5e-5)
    assert of.dsr(2.5 / math.sqrt(250), 1250, -3.0, 10.0, 100, variance) == pytest.approx(0.9004, abs=5e-5)


def test_the_minimum_backtest_length_of_the_papers_example():
    # Bailey, Borwein, Lopez de Prado, Zhu (2014), "Pseudo-mathematics and financial charlatanism": with
    # 5 years of data no more than 45 independent configurations should be tried (target Sharpe 1).
    assert of.min_backtest_length(45, 1.0) == pytest.approx(5.0, abs=0.01)
    assert of.min_backtest_length(46, 1.0) > 5.0 > of.min_backtest_length(44, 1.0)
    assert math.isnan(of.min_backtest_length(1, 1.0)) and math.isnan(of.min_backtest_length(10, -0.2))


# ---- hand-computed values ---------------------------------------------------------------------------------
def test_psr_of_a_normal_series_by_hand():
    # SR 0.1 per bar over 253 returns, skew 0, kurtosis 3: z = 0.1 sqrt(252) / sqrt(1 + 0.5 * 0.01)
    z = 0.1 * math.sqrt(252) / math.sqrt(1.005)
    assert of.psr(0.1, 253, 0.0, 3.0) == pytest.approx(PHI.cdf(z), abs=1e-15)
    assert of.psr(0.1, 253, 0.0, 3.0, 0.1) == pytest.approx(0.5, abs=1e-15)


def test_skewness_and_kurtosis_of_a_short_series_by_hand():
    # 1, 2, 3, 10: mean 4, deviations -3 -2 -1 6; m2 = 50/4, m3 = (-27 - 8 - 1 + 216)/4 = 45,
    # m4 = (81 + 16 + 1 + 1296)/4 = 348.5
    skew, kurt = of.shape(np.array([1.0, 2.0, 3.0, 10.0]))
    assert skew == pytest.approx(45 / 12.5 ** 1.5, rel=1e-14)
    assert kurt == pytest.approx(348.5 / 12.5 ** 2, rel=1e-14)
    assert [math.isnan(v) for v in of.shape(np.full(5, 0.01))] == [True, True]


def test_skewness_and_kurtosis_equal_scipys_biased_non_excess_estimators():
    stats = pytest.importorskip("scipy.stats")
    r = np.random.default_rng(3).standard_t(4, (3, 500)) * 0.01
    skew, kurt = of.shape(r)
    np.testing.assert_allclose(skew, stats.skew(r, axis=1, bias=True), rtol=1e-10)
    np.testing.assert_allclose(kurt, stats.kurtosis(r, axis=1, fisher=False, bias=True), rtol=1e-10)


def test_the_normal_cdf_equals_the_standard_librarys():
    x = np.linspace(-8, 8, 161)
    np.testing.assert_allclose(of.normal_cdf(x), [PHI.cdf(v) for v in x], rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("trials", [10, 100, 1000])
def test_the_expected_maximum_is_close_to_the_exact_mean_of_the_maximum_of_normals(trials):
    # E[max of N standard normals] = integral of x N phi(x) Phi(x)^(N - 1), by the trapezoid rule; the
    # papers' closed form approximates it within a few percent
    x = np.linspace(-10, 10, 200_001)
    density = np.array([PHI.pdf(v) for v in x[::100]])
    cdf = np.array([PHI.cdf(v) for v in x[::100]])
    exact = np.trapezoid(x[::100] * trials * density * cdf ** (trials - 1), x[::100])
    assert of.max_factor(trials) == pytest.approx(exact, rel=0.03)


def test_one_trial_is_not_deflated():
    assert of.max_factor(1) == 0.0 and of.expected_max_sharpe(1, 0.3) == 0.0
    assert of.dsr(0.05, 500, 0.1, 4.0, 1, 0.3) == of.psr(0.05, 500, 0.1, 4.0)


# ---- CSCV against a direct implementation --------------------------------------------------------------
def reference_pbo(r: np.ndarray, blocks: int) -> tuple[float, list[float]]:
    """Bailey et al. (2017) read literally: cut the (bars, trials) matrix into S row blocks, for every
    half of them concatenate the rows, Sharpe each column, rank the train winner's test Sharpe."""
    K, n = r.shape
    size = n // blocks
    cut = [r[:, n - size * blocks + b * size: n - size * blocks + (b + 1) * size] for b in range(blocks)]
    logits = []
    for train in combinations(range(blocks), blocks // 2):
        test = [b for b in range(blocks) if b not in train]
        sharpe = [np.mean(x, axis=1) / np.std(x, axis=1, ddof=1) for x in
                  (np.hstack([cut[b] for b in train]), np.hstack([cut[b] for b in test]))]
        winner = int(np.argmax(sharpe[0]))
        chosen = sharpe[1][winner]
        rank = sum(1.0 if s < chosen else 0.5 if s == chosen else 0.0 for s in sharpe[1]) + 0.5
        w = rank / (K + 1)
        logits.append(math.log(w / (1 - w)))
    return float(np.mean(np.array(logits) <= 0)), logits


@pytest.mark.parametrize("seed, K, blocks, n", [(1, 5, 6, 61), (2, 12, 8, 203), (3, 3, 4, 40)])
def test_cscv_equals_the_direct_implementation(seed, K, blocks, n):
    r = np.random.default_rng(seed).normal(0.0005, 0.01, (K, n))
    size, mean, m2 = of.block_moments(r, blocks)
    got = of.cscv(mean, m2, size)
    pbo, logits = reference_pbo(r, blocks)
    assert got.pbo == pbo
    np.testing.assert_allclose(got.logits, logits, rtol=1e-12)


def test_cscv_in_small_batches_equals_one_batch():
    r = np.random.default_rng(4).normal(0, 0.01, (30, 400))
    moments = of.block_moments(r, 10)
    one, many = of.cscv(*moments[1:], moments[0]), of.cscv(*moments[1:], moments[0], memory=30 * 64 * 3)
    np.testing.assert_array_equal(one.logits, many.logits)


def noise(seed: int, K: int = 40, n: int = 1600) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, 0.01, (K, n))


def pbo_of(r: np.ndarray, blocks: int = 16) -> float:
    size, mean, m2 = of.block_moments(r, blocks)
    return of.cscv(mean, m2, size).pbo


def test_pbo_of_noise_is_a_coin_flip():
    # no skill: the train winner's test rank is uniform, so half the splits land at or below the median
    pbo = np.mean([pbo_of(noise(seed)) for seed in range(4)])
    assert 0.3 < pbo < 0.7


def test_pbo_is_one_when_every_variant_has_the_same_full_sample_mean():
    # demeaned noise: a variant above average in the train half is below average in the test half
    r = noise(5)
    r -= r.mean(axis=1, keepdims=True) - 0.0002
    size, mean, m2 = of.block_moments(r, 16)
    assert of.cscv(mean, m2, size).pbo > 0.95


def test_pbo_is_zero_when_one_variant_is_truly_better():
    r = noise(6)
    r[7] += 0.004                       # a Sharpe of ~0.4 per bar against 0 for the others
    size, mean, m2 = of.block_moments(r, 16)
    got = of.cscv(mean, m2, size)
    assert got.pbo == 0.0 and (got.best_is == 7).all()


# ---- properties ---------------------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12), st.sampled_from([2, 4, 6, 8]))
def test_pbo_is_a_probability_and_logits_are_finite(seed, K, blocks):
    r = np.random.default_rng(seed).normal(0.0, 0.01, (K, blocks * 8 + seed % 5))
    size, mean, m2 = of.block_moments(r, blocks)
    got = of.cscv(mean, m2, size)
    assert 0.0 <= got.pbo <= 1.0 and np.isfinite(got.logits).all()
    assert len(got.logits) == math.comb(blocks, blocks // 2)


@settings(max_examples=60, deadline=None)
@given(st.floats(-0.3, 0.3), st.integers(10, 5000), st.floats(-2, 2), st.floats(1.5, 20),
       st.integers(2, 100_000), st.floats(1e-8, 1e-2))
def test_dsr_is_at_most_psr_and_both_are_probabilities(sharpe, n, skew, kurt, trials, variance):
    p, d = of.psr(sharpe, n, skew, kurt), of.dsr(sharpe, n, skew, kurt, trials, variance)
    if math.isnan(p):               # the variance of the estimate is not positive: no probability
        assert math.isnan(d)
        return
    assert 0.0 <= d <= p <= 1.0


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 10**7), st.integers(2, 10**7))
def test_more_trials_expect_a_higher_maximum(a, b):
    low, high = sorted((a, b))
    assert of.max_factor(low) <= of.max_factor(high)


def test_fewer_than_two_returns_have_no_shape_and_no_warning():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [math.isnan(v) for v in of.shape(np.zeros((3, 1)))[0]] == [True] * 3
        assert np.isnan(of.shape(np.zeros(0))[1])
