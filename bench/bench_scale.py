"""Benchmark how the engine scales (issue 11): a 5pp drift band with 10 bps on 10 assets x 500,000
one-minute bars beside vectorbt (the bench extra), and the cost per asset-bar of the same band from
N = 10 to N = 2,000 assets (5,000 bars) beside the NumPy floor. Prices are synthetic (fixed seed); rbl
times `backtest(...).nav` from a DataFrame, its reading included; medians. Run:
`python bench/bench_scale.py [--repeat 3]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_backtest import floor, timed, vbt_drift  # noqa: E402
from rbl.backends.numpy import backtest  # noqa: E402
from rbl.dsl.compiler import compile_text  # noqa: E402

FEE = 0.001


def prices(assets: int, bars: int, freq: str, sigma: float) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    close = 100 * np.exp(np.cumsum(rng.normal(0.0, sigma, (bars, assets)), axis=0))
    index = (pd.date_range("2020-01-01", periods=bars, freq="min") if freq == "min"
             else pd.bdate_range("2000-01-03", periods=bars))
    return pd.DataFrame(close, index=index, columns=[f"S{i}" for i in range(assets)])


def band(columns: list[str]):
    """Equal weight, every bar looked at, traded back to target past a 5pp drift, 10 bps."""
    assets = "".join(f'asset {c} column "{c}" symbol "{c}"\n' for c in columns)
    return compile_text('rbl 1\nstrategy "scale"\n' + assets + f"target: equal weight {', '.join(columns)}\n"
                        "rebalance:\n    when drift > 5pp\ncosts:\n    commission 10 bps\n")


def minute_bars(repeat: int) -> None:
    frame = prices(10, 500_000, "min", 0.0005)
    strategy = band(list(frame.columns))
    backtest(strategy, frame)
    ours = timed(lambda: backtest(strategy, frame).nav, repeat)
    row = f"| 5pp band, 10 bps, 10 x 500,000 one-minute bars | {ours:.3f} |"
    try:
        vbt_drift(frame, FEE)
        theirs = timed(lambda: vbt_drift(frame, FEE).value(), repeat)
        print(row + f" vectorbt {theirs:.3f} | vectorbt/rbl {theirs / ours:.1f}x |")
    except ImportError:
        print(row + " - | - |")


def per_asset_bar(repeat: int) -> None:
    print("\n| assets x bars | rbl (s) | ns per asset-bar | floor (s) | rbl/floor |")
    print("|---|---:|---:|---:|---:|")
    for n in (10, 100, 500, 2000):
        frame = prices(n, 5000, "D", 0.01)
        strategy = band(list(frame.columns))
        backtest(strategy, frame)
        ours = timed(lambda: backtest(strategy, frame).nav, repeat)
        close = frame.to_numpy()
        base = timed(lambda: floor(close), repeat)
        print(f"| {n:,} x 5,000 | {ours:.4f} | {ours / (n * 5000) * 1e9:.1f} | {base:.4f} | {ours / base:.1f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| case | rbl (s) | others (s) | ratio |\n|---|---:|---|---|")
    minute_bars(args.repeat)
    per_asset_bar(args.repeat)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
