"""Benchmark the NumPy backtester against a plain Python loop, the NumPy floor, and bt / vectorbt when
installed (`pip install 'rbl[bench]'`). Prints medians in seconds and ratios; run:
`python bench/bench_backtest.py [--repeat 5]`."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from backends.numpy import backtest, sweep  # noqa: E402
from backends.numpy.panel import Panel, load_panel  # noqa: E402
from dsl.compiler import compile_text  # noqa: E402


def strategy(names: list[str], rule: str, costs: bool, param: bool = False):
    assets = "".join(f'asset {n} column "{n}" symbol "{n}"\n' for n in names)
    head = 'rbl 1\nstrategy "bench"\n' + assets
    if param:
        head += "param band = 5pp from 1pp to 10pp step 1pp\n"
    body = f"target: equal weight {', '.join(names)}\nrebalance:\n{rule}"
    return compile_text(head + body + ("costs:\n    commission 10 bps\n" if costs else ""))


MONTHLY = "    when monthly\n"
DRIFT = "    check daily\n    when drift > 5pp\n"
DRIFT_PARAM = "    check daily\n    when drift > band\n"


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_loop_monthly(close: np.ndarray, dates: np.ndarray) -> float:
    """Equal weight monthly, no costs, in plain Python over bars (NumPy only for the row products)."""
    months = dates.astype("datetime64[M]")
    n = close.shape[1]
    q, cash = np.zeros(n), 100_000.0
    for t in range(len(close)):
        if t == 0 or months[t] != months[t - 1]:
            value = cash + q @ close[t]
            q, cash = value / n / close[t], 0.0
    return cash + q @ close[-1]


def floor(close: np.ndarray) -> np.ndarray:
    return np.cumprod(close[1:] / close[:-1], axis=0)


def synthetic(assets: int, days: int) -> Panel:
    rng = np.random.default_rng(7)
    r = rng.normal(0.0003, 0.015, (days, assets))
    close = 100 * np.exp(np.cumsum(r, axis=0))
    dates = np.busday_offset("2000-01-03", np.arange(days)).astype("datetime64[D]")
    return Panel(dates, close, tuple(f"S{i}" for i in range(assets)), ("synthetic",))


def bt_monthly(frame: pd.DataFrame, fee: float):
    import bt
    algos = [bt.algos.RunMonthly(run_on_first_date=True), bt.algos.SelectAll(), bt.algos.WeighEqually(),
             bt.algos.Rebalance()]
    test = bt.Backtest(bt.Strategy("ew", algos), frame, initial_capital=100_000.0,
                       commissions=(lambda q, p: abs(q) * p * fee) if fee else None, progress_bar=False)
    return bt.run(test)


def vbt_monthly(frame: pd.DataFrame, fee: float):
    import vectorbt as vbt
    months = frame.index.to_period("M")
    first = np.r_[True, months[1:] != months[:-1]]
    size = pd.DataFrame(np.where(first[:, None], np.full(frame.shape, 1.0 / frame.shape[1]), np.nan), index=frame.index,
                        columns=frame.columns)
    return vbt.Portfolio.from_orders(frame, size, size_type="targetpercent", group_by=True,
                                     cash_sharing=True, call_seq="auto", fees=fee, init_cash=100_000.0)


def cases(panel: Panel, label: str, repeat: int) -> list[tuple[str, float, dict]]:
    names = list(panel.columns)
    rows = []
    for title, rule, costs in (("equal weight monthly", MONTHLY, False),
                               ("equal weight monthly, 10 bps", MONTHLY, True),
                               ("5pp drift band, 10 bps", DRIFT, True)):
        s = strategy(names, rule, costs)
        ours = timed(lambda: backtest(s, panel).nav, repeat)
        peers = {}
        frame = pd.DataFrame(panel.close, index=pd.DatetimeIndex(panel.dates), columns=names)
        if rule is MONTHLY:
            for peer, fn in (("bt", bt_monthly), ("vectorbt", vbt_monthly)):
                try:
                    peers[peer] = timed(lambda: fn(frame, 0.001 if costs else 0.0), 1 if peer == "bt" else repeat)
                except ImportError:
                    pass
        rows.append((f"{title} ({label})", ours, peers))
    s = strategy(names, DRIFT_PARAM, True, param=True)
    one = timed(lambda: backtest(s, panel).nav, repeat)
    ten = timed(lambda: sweep(s, panel).table, repeat)
    rows.append((f"sweep of 10 band widths ({label})", ten, {"one run": one}))
    rows.append((f"NumPy floor P[1:]/P[:-1], cumprod ({label})", timed(lambda: floor(panel.close), repeat), {}))
    if label.startswith("20"):
        rows.append((f"plain Python loop, monthly ({label})",
                     timed(lambda: plain_loop_monthly(panel.close, panel.dates), repeat), {}))
    return rows


def cold_start() -> float:
    code = ("from backends.numpy import backtest; backtest('examples/threshold_60_40.rbl').metrics")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    stocks = load_panel(["AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO", "LLY", "MRK",
                         "MSFT", "PEP", "PFE", "PG", "RRC", "UNH", "WMT", "XOM"])
    rows = cases(stocks, "20 x 8,313", args.repeat) + cases(synthetic(500, 5000), "500 x 5,000", args.repeat)
    print("| case | rbl (s) | others (s) | ratio |")
    print("|---|---:|---|---|")
    for title, ours, peers in rows:
        others = ", ".join(f"{k} {v:.4f}" for k, v in peers.items()) or "-"
        ratios = ", ".join(f"{k}/rbl {v / ours:.1f}x" for k, v in peers.items()) or "-"
        print(f"| {title} | {ours:.4f} | {others} | {ratios} |")
    print(f"| cold start: import + compile + backtest threshold_60_40 | {cold_start():.3f} | - | - |")


if __name__ == "__main__":
    main()
