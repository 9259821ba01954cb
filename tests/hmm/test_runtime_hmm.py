"""The EA's Baum-Welch and forward filter (backends/mql5/runtime_hmm.mqh), compiled alone with g++ as
`rbl verify` compiles the EA, reach the backtest's regimes (backends/numpy/regimes.py) bit for bit on
20 years of the bundled S&P 500: the same start, iteration order and stopping give the same models at
every refit, and the same filtered probabilities on every bar."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from rbl.backends.mql5.cxx import to_cxx
from rbl.backends.mql5.gxx import FLAGS
from rbl.backends.mql5.printer import runtime
from rbl.backends.numpy import regimes
from tests.hmm.observations import spx_observations

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="g++ is not installed")

HARNESS = """
#include <cstdio>
#include <cmath>
#include "prelude.h"
#define RBL_DEPTH 6000
#define RBL_HMM_K 3
#define RBL_HMM_D 2
#define RBL_REGIMES 1
#define RBL_DECISION_SHIFT 1
int g_have = 0;
double MathLog(double v) { return std::log(v); }
double MathExp(double v) { return std::exp(v); }
double MathSqrt(double v) { return std::sqrt(v); }
void RblFault(const int, const int, const string) {}
#include "runtime_hmm.cpp"
int main() {
  int T, D, K, W, R, E, F;
  if (std::scanf("%d %d %d %d %d %d %d", &T, &D, &K, &W, &R, &E, &F) != 7) return 2;
  for (int t = 0; t < T; t++)
    for (int d = 0; d < D; d++) std::scanf("%la", &g_rx[0][t][d]);
  for (int t = 0; t < T; t++) {
    RblRegimeSettings(0, K, W, R, 0, D, E != 0, F != 0);
    RblRegimeAt(0, t);
    if (g_rfit[0] == 0) continue;
    std::printf("%d", t);
    for (int k = 0; k < K; k++) std::printf(" %a", g_rp[0][k]);
    std::printf("\\n");
  }
  return 0;
}
"""


def _run_runtime(x: np.ndarray, states: int, schedule: regimes.Schedule, tmp_path,
                 full: bool = False) -> dict[int, np.ndarray]:
    from importlib import resources
    (tmp_path / "runtime_hmm.cpp").write_text(to_cxx(runtime("runtime_hmm.mqh")))
    (tmp_path / "harness.cpp").write_text(HARNESS)
    include = str(resources.files("rbl.backends.mql5"))
    subprocess.run(["g++", *FLAGS, "-I", include, "-I", str(tmp_path), "harness.cpp", "-o", "harness"],
                   cwd=tmp_path, check=True, capture_output=True, text=True)
    head = f"{len(x)} {x.shape[1]} {states} {schedule.window} {schedule.refit} {int(schedule.expanding)} {int(full)}\n"
    body = "\n".join(" ".join(float(v).hex() for v in row) for row in x)
    out = subprocess.run([str(tmp_path / "harness")], input=head + body, check=True, capture_output=True,
                         text=True).stdout
    rows = (line.split() for line in out.splitlines())
    return {int(r[0]): np.array([float.fromhex(v) for v in r[1:]]) for r in rows}


@pytest.mark.parametrize("full", [False, True], ids=["diagonal", "full covariance"])
@pytest.mark.parametrize("schedule", [regimes.Schedule(0, 756, 252, True), regimes.Schedule(0, 504, 63, False)],
                         ids=["expanding 3 years, every year", "rolling 2 years, every quarter"])
def test_the_ea_runtime_reaches_the_backtests_regimes_bit_for_bit(schedule, full, tmp_path):
    x = spx_observations()[:5040]
    ours = regimes.filtered(x, 3, schedule, full)
    theirs = _run_runtime(x, 3, schedule, tmp_path, full)
    known = [t for t in range(len(x)) if not np.isnan(ours[t, 0])]
    assert sorted(theirs) == known
    assert all(np.array_equal(theirs[t], ours[t]) for t in known)
