"""Benchmark price-driven targets checked monthly, beside vectorbt: risk parity (ERC, 120 days) and
inverse volatility (60 days) on the 20 bundled stocks and on synthetic panels of N assets x T bars.
rbl: median seconds of `backtest(...).metrics` (the whole run: targets on the check bars only, the loop,
the benchmark and the metrics; `check monthly`, docs/semantics.md *Targets in effect*) and the peak
RSS of a fresh process running one backtest. vectorbt has no ERC scheme: its case computes `np.cov`
on each month start and solves it with a numba coordinate descent of the same definition and stopping
rule as rbl's (docs/semantics.md, *Targets*), then `Portfolio.from_orders` with those target weights;
its inverse volatility is bench_backtest's. Run: `python bench/bench_erc.py [--repeat 3] [--sizes
stocks 500x5000 ...]` (vectorbt from the `bench` extra, skipped when not installed)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_backtest import STOCKS, _month_starts, synthetic, timed, vbt_inverse_vol, vbt_weights  # noqa: E402
from rbl.backends.numpy import backtest  # noqa: E402
from rbl.backends.numpy.panel import load_panel  # noqa: E402
from rbl.dsl.compiler import compile_text  # noqa: E402

SIZES = ("stocks", "500x5000")
SCHEMES = {"erc": ("ERC 120d", "risk parity(120 days) {names}"),
           "inverse_vol": ("inverse volatility 60d", "inverse volatility(60 days) {names}")}


def strategy(kind: str, names: list[str]):
    assets = "".join(f'asset {n} column "{n}" symbol "{n}"\n' for n in names)
    target = SCHEMES[kind][1].format(names=", ".join(names))
    return compile_text(f'rbl 1\nstrategy "{kind} bench"\n{assets}target: {target}\nrebalance:\n    check monthly\n')


def panel_of(size: str):
    if size == "stocks":
        return load_panel(list(STOCKS))
    assets, bars = (int(x) for x in size.split("x"))
    return synthetic(assets, bars)


def label(kind: str, panel) -> str:
    T, N = panel.close.shape
    return f"{SCHEMES[kind][0]} check monthly, {N} x {T:,}"


_SOLVER = {}


def _erc_solver():
    """A numba ERC solver for the vectorbt case: cyclical coordinate descent from 1/sigma, 1e-12, 1000 sweeps."""
    if not _SOLVER:
        from numba import njit

        @njit(cache=True, fastmath={"reassoc", "nsz"})
        def solve(cov):
            N = len(cov)
            x = 1.0 / np.sqrt(np.diag(cov))
            for _ in range(1000):
                moved = 0.0
                for i in range(N):
                    c = 0.0
                    for j in range(N):
                        c += cov[i, j] * x[j]
                    c -= cov[i, i] * x[i]
                    new = (-c + np.sqrt(c * c + 4.0 * cov[i, i] / N)) / (2.0 * cov[i, i])
                    moved = max(moved, abs(new - x[i]) / abs(x[i]))
                    x[i] = new
                if not moved > 1e-12:
                    break
            return x / x.sum()
        _SOLVER["solve"] = solve
    return _SOLVER["solve"]


def vbt_erc(frame: pd.DataFrame, fee: float = 0.0, n: int = 120):
    """vectorbt: ERC weights solved on each month start from n returns, ordered there as target percents."""
    solve, close = _erc_solver(), frame.to_numpy()
    weights = np.full(close.shape, np.nan)
    for t in np.flatnonzero(_month_starts(frame)):
        if t > n:
            weights[t] = solve(np.cov(close[t - n + 1:t + 1] / close[t - n:t] - 1.0, rowvar=False))
    return vbt_weights(frame, fee, pd.DataFrame(weights, index=frame.index, columns=frame.columns))


PEERS = {"erc": vbt_erc, "inverse_vol": vbt_inverse_vol}


def vectorbt_time(kind: str, panel, repeat: int, cold: dict) -> float | None:
    try:
        import vectorbt  # noqa: F401
    except ImportError:
        return None
    frame = pd.DataFrame(panel.close, index=pd.DatetimeIndex(panel.dates), columns=list(panel.columns))
    start = time.perf_counter()
    PEERS[kind](frame.iloc[:300, :3], 0.0)                # numba compilation, outside the timings
    cold.setdefault(f"vectorbt {kind} first call (small panel)", time.perf_counter() - start)
    return timed(lambda: PEERS[kind](frame, 0.0), repeat)


def peak_rss_mib(kind: str, size: str) -> float:
    """Peak resident memory of a new process that builds the panel and runs one backtest."""
    code = ("import resource, sys; sys.path.insert(0, '.'); from bench.bench_erc import run_once; "
            f"run_once({kind!r}, {size!r}); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


def run_once(kind: str, size: str) -> None:
    panel = panel_of(size)
    backtest(strategy(kind, list(panel.columns)), panel).metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), help=f"any of {', '.join(SIZES)} or NxT")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    cold = {}
    start = time.perf_counter()
    for kind in SCHEMES:
        run_once(kind, "3x300")       # numba's first load or compile, outside the timings
    cold["rbl first backtests in the process (3 x 300)"] = time.perf_counter() - start
    rows = []
    for size in args.sizes:
        panel = panel_of(size)
        for kind in SCHEMES:
            s = strategy(kind, list(panel.columns))
            ours = timed(lambda: backtest(s, panel).metrics, args.repeat)
            theirs = vectorbt_time(kind, panel, args.repeat, cold)
            peer = "-" if theirs is None else f"{theirs:.3f}"
            ratio = "-" if theirs is None else f"{theirs / ours:.1f}x"
            rows.append((label(kind, panel), f"{ours:.3f}", peer, ratio, f"{peak_rss_mib(kind, size):,.0f}"))
            print(*rows[-1], f"(load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    print("| case | rbl (s, median) | vectorbt (s, median) | vectorbt/rbl | rbl peak RSS, one run (MiB) |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for what, seconds in cold.items():
        print(f"| cold: {what} | {seconds:.3f} | - | - | - |")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
