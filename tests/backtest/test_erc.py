"""Risk parity (ERC) targets solved bar by bar (backends/numpy/erc.py): bounded memory, the same
weights as a dense per-bar computation, and the example's results unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sklearn.covariance import ledoit_wolf

from rbl.backends.numpy import backtest, erc
from rbl.backends.numpy.erc import MAX_SWEEPS, ErcTargets
from rbl.dsl.compiler import compile_file, compile_text
from tests.backtest.agreement import assert_engine_matches_reference

ROOT = Path(__file__).resolve().parents[2]


def _prices(assets: int, bars: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(rng.normal(0.0003, 0.015, (bars, assets)), axis=0))


def _factor_prices(assets: int, bars: int, seed: int = 3) -> np.ndarray:
    """Returns with a common market factor (betas 0.5-1.5) and idiosyncratic noise: correlated like stocks."""
    rng = np.random.default_rng(seed)
    market = rng.normal(0.0003, 0.01, (bars, 1))
    returns = market * rng.uniform(0.5, 1.5, assets) + rng.normal(0.0, 0.015, (bars, assets))
    return 100 * np.cumprod(1 + returns, axis=0)


def _shrunk_covariance(close: np.ndarray, n: int, t: int) -> np.ndarray:
    """Test oracle, independent of erc.py: scikit-learn's Ledoit-Wolf on the window's standardized
    returns ((1 - d) R + d I), scaled back by each asset's sample standard deviation (ddof 1)."""
    returns = close[t - n + 1:t + 1] / close[t - n:t] - 1.0
    shrunk, _ = ledoit_wolf((returns - returns.mean(axis=0)) / returns.std(axis=0))
    sd = returns.std(axis=0, ddof=1)
    return shrunk * np.outer(sd, sd)


def _risk_contribution_spread(w: np.ndarray, cov: np.ndarray) -> float:
    """(max - min) / mean of the risk contributions w_i (cov w)_i: 0 for equal risk contributions."""
    contributions = w * (cov @ w)
    return float(np.ptp(contributions) / contributions.mean())


def _dense_erc(close: np.ndarray, n: int, t: int) -> np.ndarray:
    """Test oracle, independent of erc.py: np.cov of bar t's window, then Newton's method on the convex
    form of ERC (minimise y'Sy/2 - b sum(log y), whose minimiser is proportional to the ERC weights)."""
    returns = close[t - n + 1:t + 1] / close[t - n:t] - 1.0
    cov = np.cov(returns, rowvar=False, ddof=1)
    b = 1.0 / len(cov)
    y = 1.0 / np.sqrt(np.diag(cov))
    for _ in range(200):
        step = np.linalg.solve(cov + np.diag(b / y ** 2), cov @ y - b / y)
        scale = 1.0
        while np.any(y - scale * step <= 0):          # stay inside y > 0
            scale /= 2
        y = y - scale * step
        if np.max(np.abs(step / y)) < 1e-15:
            break
    return y / y.sum()


def test_erc_500_assets_5000_bars_monthly_peak_memory_is_bounded():
    """The dense computation allocated a (T, N, N) tensor (9.1 GiB) before solving any bar. Here memory
    is O(N^2 + T N) whichever bars are solved, so the last year's month starts of a 500 x 5,000 panel
    (`shrunk`: n = 120 < N makes the sample covariance singular) prove the bound in a fresh process."""
    code = f"""
import resource, sys
import numpy as np
sys.path.insert(0, {str(ROOT)!r})
from tests.backtest.test_erc import _prices
from rbl.backends.numpy.erc import ErcTargets
close = _prices(500, 5000)
months = np.arange(5000) // 21
starts = np.flatnonzero(np.r_[True, months[1:] != months[:-1]])
w = ErcTargets(close, 120, shrunk=True).at(starts[-12:])
assert np.isfinite(w).all() and np.allclose(w.sum(axis=1), 1.0)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_gib = int(out.stdout.split()[-1]) / 1024 ** 2
    assert peak_gib < 1.5


def test_a_120_day_covariance_of_500_assets_has_no_erc_the_solver_stops_at_its_cap():
    """119 independent returns: the sample covariance is singular, and on independent assets (the bench's
    panel) its null space holds a long-only portfolio, so no ERC exists: the coordinate descent runs its
    1000 sweeps without settling and the weights are far from equal risk contributions."""
    close, t = _prices(500, 400), 399
    plain = ErcTargets(close, 120)
    w = plain.at(np.array([t]))[0]
    assert plain.sweeps[t] == MAX_SWEEPS and list(plain.capped()) == [t]
    returns = close[t - 119:t + 1] / close[t - 120:t] - 1.0
    assert _risk_contribution_spread(w, np.cov(returns, rowvar=False)) > 1.0


@pytest.mark.parametrize("prices", [_prices, _factor_prices])
def test_shrunk_120_day_covariance_of_500_assets_gives_equal_risk_contributions(prices):
    close, t = prices(500, 400), 399
    shrunk = ErcTargets(close, 120, shrunk=True)
    w = shrunk.at(np.array([t]))[0]
    assert shrunk.sweeps[t] < 100 and len(shrunk.capped()) == 0
    assert _risk_contribution_spread(w, _shrunk_covariance(close, 120, t)) < 1e-8


@pytest.mark.parametrize("assets, n", [(5, 60), (30, 20)])
def test_the_shrunk_covariance_is_ledoit_wolf_on_the_standardized_returns(assets, n):
    close, t = _factor_prices(assets, 200, seed=assets), 150
    centred = erc._centred(close, n, t)
    cov = erc._covariance_of(centred)
    erc.shrink_correlations(cov, centred)
    np.testing.assert_allclose(cov, _shrunk_covariance(close, n, t), rtol=1e-10, atol=0)


def test_shrinkage_keeps_each_variance_and_scales_every_correlation_by_one_factor():
    close, n, t = _factor_prices(8, 200), 40, 120
    sample = erc.covariance(close, n, t)
    cov = sample.copy()
    erc.shrink_correlations(cov, erc._centred(close, n, t))
    np.testing.assert_array_equal(np.diag(cov), np.diag(sample))
    ratio = (cov / sample)[~np.eye(8, dtype=bool)]
    assert 0 < ratio.min() < 1 and np.ptp(ratio) < 1e-12


def test_a_shrunk_risk_parity_strategy_matches_the_reference_simulator():
    """19 stocks on a 15-day window (singular without `shrunk`), checked monthly, on the bundled data."""
    assert_engine_matches_reference(compile_file(ROOT / "examples" / "risk_parity_shrunk.rbl"))


FLAT = """rbl 1
strategy "A stock whose price stood still"
asset RRC column "RRC" symbol "RRC.US"
asset KO column "KO" symbol "KO.US"
asset PG column "PG" symbol "PG.US"
target: risk parity(20 days{shrunk}) RRC, KO, PG
rebalance:
    check monthly
"""


@pytest.mark.parametrize("shrunk", ["", ", shrunk"])
def test_a_flat_price_has_no_risk_to_budget_and_keeps_its_start_weight(shrunk):
    """RRC's bundled close stands still for weeks in 1990-92 (zero variance over 20 days). As in the EA
    (and inverse volatility's floor), its x stays at 1 / max(sigma, 1e-12): nearly all the weight; it
    was a ZeroDivisionError (an internal error) in the backtest and in the reference simulator."""
    result, _, _ = assert_engine_matches_reference(compile_text(FLAT.format(shrunk=shrunk)))
    flat_bar = next(r for r in result.trace_records() if r.date == "1990-02-01")
    assert flat_bar.targets["RRC"] > 0.999999


@pytest.mark.parametrize("n", [30, 60])
def test_erc_weights_equal_a_dense_per_bar_oracle(n):
    close = _prices(8, 300, seed=n)
    bars = np.arange(n, 300)
    lazy = ErcTargets(close, n).at(bars)
    dense = np.array([_dense_erc(close, n, t) for t in bars])
    np.testing.assert_allclose(lazy, dense, rtol=1e-9, atol=0)


def test_erc_solves_only_the_bars_asked_for_with_the_weights_of_a_full_solve():
    close = _prices(6, 400)
    asked = np.array([130, 151, 152, 300, 399])
    lazy = ErcTargets(close, 120)
    got = lazy.at(asked)
    assert lazy.solved.sum() == 120 + len(asked)
    assert np.isnan(np.delete(lazy.weights, asked, axis=0)).all()
    full = ErcTargets(close, 120).at(np.arange(400))[asked]
    np.testing.assert_allclose(got, full, rtol=1e-12, atol=0)


def test_erc_weights_recover_after_a_nan_return_leaves_the_window():
    close = _prices(4, 200)
    close[50, 2] = np.nan
    w = ErcTargets(close, 20).at(np.arange(20, 200))
    assert np.isnan(w[50 - 20:71 - 20]).all()                     # bars whose window holds the NaN
    np.testing.assert_allclose(w[100 - 20], _dense_erc(close, 20, 100), rtol=1e-9)


def test_risk_parity_example_results_are_unchanged():
    """Figures of the dense (T, N, N) computation before it was replaced, on the bundled data."""
    r = backtest(ROOT / "examples" / "risk_parity.rbl")
    assert r.nav.iloc[-1] == pytest.approx(395305.68878158065, rel=1e-12)
    assert r.metrics["sharpe"] == pytest.approx(1.1370877151635788, rel=1e-12)
    assert r.metrics["tracking_error"] == pytest.approx(0.0029418335015981177, rel=1e-11)
    assert (r.metrics["rebalances"], r.metrics["orders"]) == (276, 828)


def test_erc_under_a_state_driven_exposure_matches_the_reference_simulator():
    """Dynamic targets: the ERC weights are a series the loop scales by the state's exposure on each bar."""
    assert_engine_matches_reference(compile_file(ROOT / "tests" / "backtest" / "data" / "erc_circuit_breaker.rbl"))


def _solves(monkeypatch) -> list[int]:
    """The bars whose covariance is computed and ERC solved (erc.solve_bars does one of each per bar)."""
    solved, real = [], erc.solve_bars

    def counting(close, n, bars, weights, shrunk):
        solved.extend(int(t) for t in bars)
        return real(close, n, bars, weights, shrunk)
    monkeypatch.setattr(erc, "solve_bars", counting)
    return solved


def test_a_monthly_check_solves_risk_parity_on_its_check_bars_only(monkeypatch):
    """docs/semantics.md, *Targets in effect*: `check monthly` reads the targets on month starts (and
    the first decision bar), so only those bars' covariances are computed, each once."""
    solved = _solves(monkeypatch)
    r = backtest(ROOT / "examples" / "capped_risk_parity.rbl")
    t0 = r.run.sim.t0
    checks = [t for t, record in enumerate(r.trace_records(), start=t0) if record.check]
    assert solved == sorted({t0, *checks})
    assert len(solved) < (len(r.nav) - t0) / 15


def test_a_daily_check_solves_risk_parity_on_every_decision_bar(monkeypatch):
    """`when monthly` checks daily (check unwritten): the targets in effect are evaluated on every bar."""
    solved = _solves(monkeypatch)
    r = backtest(ROOT / "examples" / "risk_parity.rbl")
    assert solved == list(range(r.run.sim.t0, len(r.nav)))
