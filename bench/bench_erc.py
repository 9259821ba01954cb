"""Benchmark price-driven targets checked monthly, beside vectorbt and bt: risk parity (ERC, 120 days,
shrunk covariance) and inverse volatility (60 days) on the 20 bundled stocks and on synthetic panels of
N assets x T bars. rbl: median seconds of `backtest(...).metrics` (the whole run: targets on the check
bars only, the loop, the benchmark and the metrics; `check monthly`, docs/semantics.md *Targets in
effect*) and the peak RSS of a fresh process running one backtest. Neither peer has this ERC: both
compute the same portfolio with `shrunk_covariance` below (NumPy, BLAS: Ledoit-Wolf on the
correlations, docs/semantics.md *Targets*) on each month start, solved by a numba coordinate descent
with rbl's definition and stopping rule (1e-12, at most 1000 sweeps); vectorbt orders those weights with
`Portfolio.from_orders`, bt with a `bt.Algo` setting them before `Rebalance` (bt on the 20 stocks only:
its own loop took 404 s at 500 x 5,000 in issue 11's run). Inverse volatility's peers are
bench_backtest's. Run: `python bench/bench_erc.py [--repeat 3] [--sizes stocks 500x5000 ...]` (peers
from the `bench` extra, skipped when not installed)."""

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

from bench.bench_backtest import (STOCKS, _month_starts, bt_inverse_vol, synthetic, timed,  # noqa: E402
                                  vbt_inverse_vol, vbt_weights)
from rbl.backends.numpy import backtest  # noqa: E402
from rbl.backends.numpy.panel import load_panel  # noqa: E402
from rbl.dsl.compiler import compile_text  # noqa: E402

SIZES = ("stocks", "500x5000")
SCHEMES = {"erc": ("ERC 120d shrunk", "risk parity(120 days, shrunk) {names}"),
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


def shrunk_covariance(returns: np.ndarray) -> np.ndarray:
    """(1 - d) S + d diag(S) of (n, N) returns: S the sample covariance (ddof 1), d Ledoit-Wolf's
    intensity on the standardized returns, as a NumPy user writes it (matrix products on BLAS)."""
    n, N = returns.shape
    centred = returns - returns.mean(axis=0)
    cov = centred.T @ centred / (n - 1)
    z = centred / centred.std(axis=0)
    corr_sq = float(((z.T @ z / n) ** 2).sum())
    c = (corr_sq - N) / N
    b = min((float(((z * z).sum(axis=1) ** 2).sum()) / n - corr_sq) / (n * N), c)
    d = 0.0 if b == 0 else b / c
    return (1 - d) * cov + d * np.diag(np.diag(cov))


def erc_weights(close: np.ndarray, t: int, n: int = 120) -> np.ndarray:
    """The ERC weights of bar t: the shrunk covariance of the n returns ending there, solved."""
    return _erc_solver()(shrunk_covariance(close[t - n + 1:t + 1] / close[t - n:t] - 1.0))


def vbt_erc(frame: pd.DataFrame, fee: float, n: int = 120):
    """vectorbt: ERC weights solved on each month start from n returns, ordered there as target percents."""
    close = frame.to_numpy()
    weights = np.full(close.shape, np.nan)
    for t in np.flatnonzero(_month_starts(frame)):
        if t >= n:
            weights[t] = erc_weights(close, t, n)
    return vbt_weights(frame, fee, pd.DataFrame(weights, index=frame.index, columns=frame.columns))


def bt_erc(frame: pd.DataFrame, fee: float, n: int = 120):
    """bt: the same weights set by an Algo on each month start (from its n returns), then Rebalance."""
    import bt

    class WeighShrunkErc(bt.Algo):
        def __call__(self, target):
            t = frame.index.get_loc(target.now)
            if t < n:
                return False
            target.temp["weights"] = dict(zip(frame.columns, erc_weights(close, t, n)))
            return True

    close = frame.to_numpy()
    algos = [bt.algos.RunMonthly(run_on_first_date=True), WeighShrunkErc(), bt.algos.Rebalance()]
    return bt.run(bt.Backtest(bt.Strategy("erc", algos), frame, initial_capital=100_000.0, progress_bar=False))


PEERS = {"erc": vbt_erc, "inverse_vol": vbt_inverse_vol}
BT_PEERS = {"erc": bt_erc, "inverse_vol": bt_inverse_vol}
BT_SIZES = ("stocks",)          # bt's per-bar Python loop: minutes at 500 x 5,000


def _frame(panel) -> pd.DataFrame:
    return pd.DataFrame(panel.close, index=pd.DatetimeIndex(panel.dates), columns=list(panel.columns))


def vectorbt_time(kind: str, panel, repeat: int, cold: dict) -> float | None:
    try:
        import vectorbt  # noqa: F401
    except ImportError:
        return None
    frame = _frame(panel)
    start = time.perf_counter()
    PEERS[kind](frame.iloc[:300, :3], 0.0)                # numba compilation, outside the timings
    cold.setdefault(f"vectorbt {kind} first call (small panel)", time.perf_counter() - start)
    return timed(lambda: PEERS[kind](frame, 0.0), repeat)


def bt_time(kind: str, panel, size: str) -> float | None:
    """One bt run (as bench_backtest times bt), on the sizes of BT_SIZES only."""
    try:
        import bt  # noqa: F401
    except ImportError:
        return None
    return timed(lambda: BT_PEERS[kind](_frame(panel), 0.0), 1) if size in BT_SIZES else None


def weights_agreement(panel, n: int = 120) -> float:
    """The same portfolio: the largest difference between rbl's ERC weights and the peers' on the month
    starts (the NAVs differ by execution conventions: rbl invests on its first decision bar and trades
    at the next open, the peers on month starts at the close)."""
    from rbl.backends.numpy.erc import ErcTargets
    starts = np.flatnonzero(_month_starts(_frame(panel)))
    starts = starts[starts >= n]
    ours = ErcTargets(panel.close, n, shrunk=True).at(starts)
    return float(np.abs(ours - np.array([erc_weights(panel.close, t, n) for t in starts])).max())


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
            peers = [vectorbt_time(kind, panel, args.repeat, cold), bt_time(kind, panel, size)]
            rows.append((label(kind, panel), f"{ours:.3f}", *(x for p in peers for x in _peer(p, ours)),
                         f"{peak_rss_mib(kind, size):,.0f}"))
            print(*rows[-1], f"(load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    print("| case | rbl (s, median) | vectorbt (s, median) | vectorbt/rbl | bt (s, one run) | bt/rbl "
          "| rbl peak RSS, one run (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for what, seconds in cold.items():
        print(f"| cold: {what} | {seconds:.3f} | - | - | - | - | - |")
    for size in args.sizes:
        print(f"ERC weights, rbl vs the peers' on month starts ({size}): largest difference "
              f"{weights_agreement(panel_of(size)):.1e}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def _peer(seconds: float | None, ours: float) -> tuple[str, str]:
    return ("-", "-") if seconds is None else (f"{seconds:.3f}", f"{seconds / ours:.1f}x")


if __name__ == "__main__":
    main()
