"""Benchmark risk parity (ERC, 120 days, monthly) on the 20 bundled stocks and on synthetic panels of
N assets x T bars: median seconds of `backtest(...).metrics` (the whole run: targets, walk, benchmark
and metrics) and the peak RSS of a fresh process running one backtest. bt and vectorbt have no ERC
scheme of their own, so only rbl is timed. Run: `python bench/bench_erc.py [--repeat 5] [--sizes 20x5000 ...]`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_backtest import STOCKS, synthetic, timed  # noqa: E402
from rbl.backends.numpy import backtest  # noqa: E402
from rbl.backends.numpy.panel import load_panel  # noqa: E402
from rbl.dsl.compiler import compile_text  # noqa: E402

SIZES = ("stocks", "20x5000", "50x5000", "100x5000", "200x5000", "500x5000")


def erc_strategy(names: list[str]):
    assets = "".join(f'asset {n} column "{n}" symbol "{n}"\n' for n in names)
    return compile_text('rbl 1\nstrategy "erc bench"\n' + assets +
                        f"target: risk parity(120 days) {', '.join(names)}\nrebalance:\n    when monthly\n")


def panel_of(size: str):
    if size == "stocks":
        return load_panel(list(STOCKS))
    assets, bars = (int(x) for x in size.split("x"))
    return synthetic(assets, bars)


def label(panel) -> str:
    T, N = panel.close.shape
    return f"ERC 120d monthly, {N} x {T:,}"


def peak_rss_mib(size: str) -> float:
    """Peak resident memory of a new process that builds the panel and runs one backtest."""
    code = ("import resource, sys; sys.path.insert(0, '.'); from bench.bench_erc import run_once; "
            f"run_once({size!r}); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


def run_once(size: str) -> None:
    panel = panel_of(size)
    backtest(erc_strategy(list(panel.columns)), panel).metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), help=f"any of {', '.join(SIZES)} or NxT")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    run_once("3x300")       # numba's first load or compile, outside the timings
    rows = []
    for size in args.sizes:
        panel = panel_of(size)
        s = erc_strategy(list(panel.columns))
        try:
            seconds = f"{timed(lambda: backtest(s, panel).metrics, args.repeat):.3f}"
            rss = f"{peak_rss_mib(size):,.0f}"
        except MemoryError:
            seconds, rss = "MemoryError", "-"
        rows.append((label(panel), seconds, rss))
        print(*rows[-1], f"(load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    print("| case | rbl (s, median) | peak RSS, one run (MiB) |")
    print("|---|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
