"""Benchmark sweeps of any size: a drift-band sweep of equal weight on the 20 bundled stocks (20 x 8,313,
10 bps) with 1,000 and 100,000 variants, each in a fresh process: seconds, time per variant, chunks and
the peak RSS (resource.getrusage; with workers, the largest worker's too). The goal (issue 11): a flat
cost per variant and under 2 GiB at 100,000; issue 14: the scaling from 1 to 2 worker processes.
Run: `python bench/bench_sweep.py [--variants 1000 100000] [--memory 512MiB] [--workers 1 2]`."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_backtest import STOCKS  # noqa: E402

STEP = "0.0001pp"           # the finest band step: 100,000 variants span 0.0001pp .. 10pp
GOAL_RSS = 2 * 2**30


def band_strategy():
    from rbl.dsl.compiler import compile_text
    assets = "".join(f'asset {n} column "{n}" symbol "{n}"\n' for n in STOCKS)
    return compile_text('rbl 1\nstrategy "band sweep bench"\n' + assets
                        + f"param band = 5pp from {STEP} to 10pp step {STEP}\n"
                        + f"target: equal weight {', '.join(STOCKS)}\n"
                        + "rebalance:\n    check daily\n    when drift > band\ncosts:\n    commission 10 bps\n")


def grid(variants: int) -> tuple[str, str, str]:
    """`variants` bands from the finest step up, evenly spaced to 10pp (1,000: 0.01pp steps)."""
    step = round(10 / variants, 6)
    return f"{step:g}pp", f"{step * variants:g}pp", f"{step:g}pp"


def one_case(variants: int, memory: int, workers: int = 1) -> dict:
    """One sweep in this process: its seconds and the process's peak RSS."""
    import resource

    from rbl.backends.numpy import sweep
    from rbl.backends.numpy.panel import load_panel
    checked, panel = band_strategy(), load_panel(list(STOCKS))
    sweep(checked, panel, band=grid(10))                # numba loads its cached loop; not timed
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    result = sweep(checked, panel, memory_budget=memory, workers=workers, band=grid(variants))
    seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_rss, worker_cpu = children.ru_maxrss * 1024, children.ru_utime + children.ru_stime     # the workers
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime     # steadier on a shared machine
    peak = after.ru_maxrss * 1024                                                # KiB on Linux
    best = result.table["sharpe"].idxmax()
    return {"variants": len(result.table), "workers": workers, "worker_rss": worker_rss, "worker_cpu": worker_cpu, "seconds": seconds, "cpu": cpu, "chunks": len(result.plan.chunks()),
            "per_chunk": result.plan.per_chunk, "peak_rss": peak, "pbo": result.statistics.pbo.pbo,
            "best_band": float(result.table["band"][best]), "best_dsr": float(result.table["dsr"][best])}


def fresh(variants: int, memory: int, workers: int) -> dict:
    code = ("import json\nfrom bench.bench_sweep import one_case\nif __name__ == '__main__':\n"
            f"    print(json.dumps(one_case({variants}, {memory}, {workers})))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--memory", default="512MiB", help="the sweep's memory budget (rbl sweep --memory)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker processes (rbl sweep --workers)")
    args = parser.parse_args()
    from rbl.cli.backtest import _memory
    memory = _memory(args.memory)
    print(f"| band sweep, 20 x 8,313, 10 bps, budget {args.memory} | workers | seconds | ms per variant | CPU ms per "
          "variant (parent + workers) | chunks | peak RSS (largest worker) | PBO | best band (DSR) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for variants in args.variants:
        for workers in args.workers:
            print(row(fresh(variants, memory, workers)), flush=True)


def row(case: dict) -> str:
    per, rss = case["seconds"] / case["variants"] * 1e3, case["peak_rss"] / 2**30
    worker = f" ({case['worker_rss'] / 2**30:.2f} GiB)" if case["workers"] > 1 else ""
    cpu = f" + {case['worker_cpu'] / case['variants'] * 1e3:.2f}" if case["workers"] > 1 else ""
    return (f"| {case['variants']:,} variants | {case['workers']} | {case['seconds']:.1f} | {per:.2f} | "
            f"{case['cpu'] / case['variants'] * 1e3:.2f}{cpu} | {case['chunks']:,} x {case['per_chunk']:,} | "
            f"{rss:.2f} GiB{worker}{'' if case['peak_rss'] < GOAL_RSS else ' (over 2 GiB)'} | "
            f"{case['pbo']:.2f} | {case['best_band'] * 100:.4f}pp ({case['best_dsr']:.3f}) |")


if __name__ == "__main__":
    main()
