"""The statistics a sweep prints, recomputed here from each variant's own single run with the papers'
formulas written out (no code shared with overfitting.py): PSR, DSR, SR0, MinBTL and PBO."""

from __future__ import annotations

import json
import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import backtest, sweep
from rbl.cli import app
from tests.backtest.test_overfitting import reference_pbo

BAND = Path(__file__).resolve().parents[2] / "examples" / "band_sweep.rbl"
GAMMA = 0.5772156649015329
PHI = NormalDist()


def own_returns(band: float) -> np.ndarray:
    single = backtest(BAND, band=band)
    nav = single.nav.to_numpy()[single.run.sim.t0:]
    return nav[1:] / nav[:-1] - 1.0


def psr(r: np.ndarray, benchmark: float) -> float:
    sr = np.mean(r) / np.std(r, ddof=1)
    d = r - np.mean(r)
    skew = np.mean(d ** 3) / np.mean(d ** 2) ** 1.5
    kurt = np.mean(d ** 4) / np.mean(d ** 2) ** 2
    return PHI.cdf((sr - benchmark) * math.sqrt(len(r) - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr ** 2))


def test_psr_dsr_sr0_minbtl_and_pbo_equal_the_formulas_on_each_variants_own_run():
    result = sweep(BAND, band=("1pp", "10pp", "3pp"))
    bands = result.grid["band"]
    returns = [own_returns(b) for b in bands]
    P, N = result.periods_per_year, len(bands)
    sharpe = np.array([np.mean(r) / np.std(r, ddof=1) for r in returns])
    factor = (1 - GAMMA) * PHI.inv_cdf(1 - 1 / N) + GAMMA * PHI.inv_cdf(1 - 1 / (N * math.e))
    sr0 = math.sqrt(np.var(sharpe, ddof=1)) * factor
    st = result.statistics
    assert st.expected_max_sharpe_annual == pytest.approx(sr0 * math.sqrt(P), rel=1e-9)
    assert st.min_backtest_years == pytest.approx((factor / (sharpe.max() * math.sqrt(P))) ** 2, rel=1e-12)
    np.testing.assert_allclose(result.table["psr"], [psr(r, 0.0) for r in returns], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result.table["dsr"], [psr(r, sr0) for r in returns], rtol=1e-9, atol=1e-12)
    pbo, logits = reference_pbo(np.array(returns), 16)
    assert st.pbo.pbo == pbo
    np.testing.assert_allclose(st.pbo.logits, logits, rtol=1e-9)


def test_the_best_row_says_whether_it_is_told_apart_from_noise():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:6pp:2pp", "--json"])
    data = json.loads(out.output)
    best = next(r for r in data["variants"] if r["best"])
    assert data["statistics"]["best"] == {"band": best["band"], "dsr": best["dsr"],
                                          "distinguishable_from_noise": best["dsr"] >= 0.95}
    text = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:6pp:2pp"]).output
    words = "distinguishable from noise" if best["dsr"] >= 0.95 else "no variant beats the others"
    assert f"best (band={best['band']}): Sharpe" in text and words in text and "PBO" in text
