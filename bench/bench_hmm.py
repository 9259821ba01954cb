"""Benchmark one learned-regime refit: a 3-state Gaussian HMM (diagonal) fitted by Baum-Welch
(backends/numpy/hmm.py, cap 100 iterations, tolerance 1e-6) on 20 years of daily S&P 500 data (its
20-day volatility and daily return, 5,040 bars), and the forward filter over the same bars. Median
seconds of `repeat` runs, after one run that loads or compiles numba's code.
Run: `python bench/bench_hmm.py [--repeat 5] [--years 20]`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rbl.backends.numpy import hmm  # noqa: E402
from tests.hmm.observations import spx_observations  # noqa: E402


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--years", type=int, default=20)
    args = parser.parse_args()
    x = spx_observations()[: 252 * args.years]
    hmm.forward(x, hmm.fit(x[:300], 3).params)          # numba's first load or compile, outside the timings
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    fitted = hmm.fit(x, 3)
    fit_s = median_seconds(lambda: hmm.fit(x, 3), args.repeat)
    filter_s = median_seconds(lambda: hmm.forward(x, fitted.params), args.repeat)
    print(f"3-state fit, {len(x):,} bars x 2 observations: {fit_s:.3f} s "
          f"({fitted.iterations} iterations, {fit_s / fitted.iterations * 1e3:.2f} ms each)")
    print(f"forward filter over the same bars: {filter_s * 1e3:.2f} ms")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
