"""Benchmark the NumPy backtester against a plain Python loop, the NumPy floor, and bt / vectorbt when
installed (`pip install 'rbl[bench]'`). Prints medians in seconds and ratios; run:
`python bench/bench_backtest.py [--repeat 5]`."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rbl.backends.numpy import backtest, sweep  # noqa: E402
from rbl.backends.numpy.panel import Panel, load_panel  # noqa: E402
from rbl.dsl.compiler import compile_text  # noqa: E402


def strategy(names: list[str], rule: str, costs: bool, param: bool = False, extra: str = "",
             scheme: str = "equal weight {names}"):
    lot = " lot 1" if extra == LOTS else ""
    assets = "".join(f'asset {n} column "{n}" symbol "{n}"{lot}\n' for n in names)
    head = 'rbl 1\nstrategy "bench"\n' + assets
    extra = "" if extra == LOTS else extra
    if param:
        head += "param band = 5pp from 1pp to 10pp step 1pp\n"
    if "defensive" in extra:
        head += STATE
    target = scheme.format(names=", ".join(names))
    body = f"target: {target}\n{extra.split('|')[0]}rebalance:\n{rule}"
    tail = extra.split("|")[1] if "|" in extra else ""
    return compile_text(head + body + ("costs:\n    commission 10 bps\n" if costs else "") + tail)


MONTHLY = "    when monthly\n"
CHECK_MONTHLY = "    check monthly\n"      # price-driven targets decided monthly (`when monthly` checks daily)
DRIFT = "    check daily\n    when drift > 5pp\n"
DRIFT_PARAM = "    check daily\n    when drift > band\n"
STATE = ("state defensive = false:\n    true when drawdown(portfolio) >= 15%\n"
         "    false when drawdown(portfolio) <= 5%\n")
LOTS = "|lots"
PER_ASSET = "    check daily\n    when drift > its band\n"


def per_asset_bands(names: list[str]) -> str:
    """A `bands:` section with asset_bands' widths (3pp and 5pp in turn)."""
    return "bands:\n" + "".join(f"    {n} {'3pp' if k % 2 == 0 else '5pp'}\n" for k, n in enumerate(names))

PATH_CASES = (      # what reads the path beyond the holdings: (title, rule, lines before `rebalance:`|after)
    ("5pp band to the band edge, breached assets only, 10 bps", DRIFT + "    to band edge\n"
     "    trade breached assets\n", ""),
    ("5pp band, lots of 1 share, 10 bps", DRIFT, LOTS),
    ("5pp band, a state (drawdown hysteresis) halving the exposure, 10 bps", DRIFT,
     "exposure if defensive then 50% else 100%\n"),
    ("5pp band with a 30% kill switch, 10 bps", DRIFT, "|constraints:\n    max drawdown 30%\n"),
)


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


class DriftBand:
    """bt: rebalance (to equal weights) on the first bar and whenever the largest drift exceeds the band."""

    def __new__(cls, band: float):
        import bt

        class Algo(bt.Algo):
            def __call__(self, target) -> bool:
                if target.value <= 0 or not target.children:
                    return True
                n = len(target.universe.columns)
                weights = [c.value / target.value for c in target.children.values()]
                drift = max(abs(w - 1.0 / n) for w in weights) if len(weights) == n else 1.0
                return drift > band
        return Algo()


def bt_drift(frame: pd.DataFrame, fee: float, bands=(0.05,)):
    """bt cannot sweep in one pass: one backtest per band, run together."""
    import bt
    tests = []
    for band in bands:
        algos = [DriftBand(band), bt.algos.SelectAll(), bt.algos.WeighEqually(), bt.algos.Rebalance()]
        tests.append(bt.Backtest(bt.Strategy(f"band {band}", algos), frame, initial_capital=100_000.0,
                                 commissions=lambda q, p: abs(q) * p * fee, progress_bar=False))
    return bt.run(*tests)


_VBT_DRIFT = {}


def _vbt_drift_functions():
    """numba callbacks for vectorbt's from_order_func: a group per band, cash shared within it."""
    if _VBT_DRIFT:
        return _VBT_DRIFT
    from numba import njit
    from vectorbt.portfolio import nb
    from vectorbt.portfolio.enums import Direction, SizeType

    @njit
    def pre_group(c):
        return (np.empty(c.group_len, dtype=np.float64), np.zeros(1, dtype=np.bool_))

    @njit
    def group_value(c):
        """The group's value at this bar's close (each column's valuation price set to it)."""
        value = c.last_cash[c.group]
        for col in range(c.from_col, c.to_col):
            c.last_val_price[col] = c.close[c.i, col]
            value += c.last_position[col] * c.close[c.i, col]
        return value

    @njit
    def pre_segment(c, order_value_out, rebalance, bands, weight):
        value = group_value(c)
        drift = 0.0
        for col in range(c.from_col, c.to_col):
            drift = max(drift, abs(c.last_position[col] * c.close[c.i, col] / value - weight))
        rebalance[0] = c.i == 0 or drift > bands[c.group]
        if rebalance[0]:
            nb.sort_call_seq_nb(c, np.asarray(weight), np.asarray(SizeType.TargetPercent),
                                np.asarray(Direction.LongOnly), order_value_out)
        return (rebalance,)

    @njit
    def pre_segment_per_asset(c, order_value_out, rebalance, bands, weight):
        """One group; `bands` holds each column's own band: rebalance when any asset is outside its band."""
        value = group_value(c)
        outside = False
        for col in range(c.from_col, c.to_col):
            outside |= abs(c.last_position[col] * c.close[c.i, col] / value - weight) > bands[col - c.from_col]
        rebalance[0] = c.i == 0 or outside
        if rebalance[0]:
            nb.sort_call_seq_nb(c, np.asarray(weight), np.asarray(SizeType.TargetPercent),
                                np.asarray(Direction.LongOnly), order_value_out)
        return (rebalance,)

    @njit
    def order(c, rebalance, weight, fee):
        if not rebalance[0]:
            return nb.order_nothing_nb()
        return nb.order_nb(size=weight, price=c.close[c.i, c.col], size_type=SizeType.TargetPercent,
                           direction=Direction.LongOnly, fees=fee)

    _VBT_DRIFT.update(pre_group=pre_group, pre_segment=pre_segment, pre_segment_per_asset=pre_segment_per_asset,
                      order=order)
    return _VBT_DRIFT


def vbt_drift(frame: pd.DataFrame, fee: float, bands=(0.05,)):
    """vectorbt: one from_order_func call, the bands as groups of columns (a true one-pass sweep)."""
    import vectorbt as vbt
    f = _vbt_drift_functions()
    n = frame.shape[1]
    close = np.tile(frame.to_numpy(), (1, len(bands)))
    weight = 1.0 / n
    return vbt.Portfolio.from_order_func(
        close, f["order"], weight, fee, pre_group_func_nb=f["pre_group"], pre_segment_func_nb=f["pre_segment"],
        pre_segment_args=(np.asarray(bands, dtype=np.float64), weight), cash_sharing=True,
        group_by=np.repeat(np.arange(len(bands)), n), init_cash=100_000.0, freq="1D")


BANDS = tuple(np.round(np.arange(1, 11) / 100, 12))


def asset_bands(n: int) -> np.ndarray:
    """The per-asset case's bands: 3pp and 5pp in turn, in column order."""
    return np.where(np.arange(n) % 2 == 0, 0.03, 0.05)


def vbt_per_asset_bands(frame: pd.DataFrame, fee: float):
    """vectorbt: from_order_func with each column's own band (one group, cash shared)."""
    import vectorbt as vbt
    f = _vbt_drift_functions()
    weight = 1.0 / frame.shape[1]
    return vbt.Portfolio.from_order_func(
        frame.to_numpy(), f["order"], weight, fee, pre_group_func_nb=f["pre_group"],
        pre_segment_func_nb=f["pre_segment_per_asset"], pre_segment_args=(asset_bands(frame.shape[1]), weight),
        cash_sharing=True, group_by=np.zeros(frame.shape[1], dtype=np.int64), init_cash=100_000.0, freq="1D")


def _month_starts(frame: pd.DataFrame) -> np.ndarray:
    months = frame.index.to_period("M")
    return np.r_[True, months[1:] != months[:-1]]


def vbt_weights(frame: pd.DataFrame, fee: float, weights: pd.DataFrame):
    """vectorbt: target weights ordered on each month's first bar (NaN rows: no order)."""
    import vectorbt as vbt
    size = weights.where(pd.Series(_month_starts(frame), index=frame.index), np.nan)
    return vbt.Portfolio.from_orders(frame, size, size_type="targetpercent", group_by=True, cash_sharing=True,
                                     call_seq="auto", fees=fee, init_cash=100_000.0)


def vbt_inverse_vol(frame: pd.DataFrame, fee: float):
    """Inverse volatility of 60 bars of returns, as rbl's `inverse volatility(60 days)` (which floors a
    volatility at 1e-12: a stock with a flat window gets nearly all the weight, not a division by 0)."""
    inverse = 1.0 / frame.pct_change().rolling(60).std().clip(lower=1e-12)
    return vbt_weights(frame, fee, inverse.div(inverse.sum(axis=1), axis=0))


def vbt_momentum(frame: pd.DataFrame, fee: float):
    """The 10 assets with the highest 126-bar return, equally weighted, as rbl's `top 10 by return(price,
    6 months)`."""
    change = frame.pct_change(126)
    top = change.rank(axis=1, ascending=False, method="first") <= 10
    return vbt_weights(frame, fee, top.astype(float).div(10).where(change.notna().all(axis=1), np.nan))


def bt_inverse_vol(frame: pd.DataFrame, fee: float):
    """bt's WeighInvVol looks back a calendar span (about 60 bars here), not a bar count."""
    import bt
    algos = [bt.algos.RunMonthly(run_on_first_date=True), bt.algos.SelectAll(),
             bt.algos.WeighInvVol(lookback=pd.DateOffset(days=87)), bt.algos.Rebalance()]
    return bt.run(bt.Backtest(bt.Strategy("iv", algos), frame, initial_capital=100_000.0, progress_bar=False))


def bt_momentum(frame: pd.DataFrame, fee: float):
    import bt
    algos = [bt.algos.RunMonthly(run_on_first_date=True), bt.algos.SelectAll(),
             bt.algos.SelectMomentum(n=10, lookback=pd.DateOffset(months=6)), bt.algos.WeighEqually(),
             bt.algos.Rebalance()]
    return bt.run(bt.Backtest(bt.Strategy("mom", algos), frame, initial_capital=100_000.0, progress_bar=False))


PEERS = {"monthly": (("bt", bt_monthly), ("vectorbt", vbt_monthly)),
         "band": (("bt", bt_drift), ("vectorbt", vbt_drift)),
         "per_asset_bands": (("vectorbt", vbt_per_asset_bands),),
         "inverse_vol": (("bt", bt_inverse_vol), ("vectorbt", vbt_inverse_vol)),
         "momentum": (("bt", bt_momentum), ("vectorbt", vbt_momentum))}
SCHEMES = (         # (title, peer kind, rbl's target line)
    ("inverse volatility (60 days) monthly", "inverse_vol", "inverse volatility(60 days) {names}"),
    ("top 10 by 6-month return, monthly", "momentum", "top 10 by return(price, 6 months) of {names}"),
)


def peer_times(kind: str, frame: pd.DataFrame, fee: float, repeat: int, cold: dict, **kw) -> dict:
    """Median seconds of each installed peer; vectorbt is timed after one warm-up call (numba
    compilation), whose time is kept in `cold`."""
    out = {}
    for peer, fn in PEERS[kind] if WITH_PEERS else ():
        try:
            if peer == "vectorbt":
                start = time.perf_counter()
                fn(frame, fee, **kw)
                cold.setdefault(f"vectorbt {kind} first call", time.perf_counter() - start)
            out[peer] = timed(lambda: fn(frame, fee, **kw), 1 if peer == "bt" else repeat)
        except ImportError:
            pass
    return out


def cases(panel: Panel, label: str, repeat: int, cold: dict) -> list[tuple[str, float, dict]]:
    names = list(panel.columns)
    frame = pd.DataFrame(panel.close, index=pd.DatetimeIndex(panel.dates), columns=names)
    rows = []
    own = max(repeat, OWN_REPEAT)                # our runs take milliseconds: more repeats, steadier medians
    floor_time = timed(lambda: floor(panel.close), own)
    first = strategy(names, MONTHLY, False)
    start = time.perf_counter()                 # lazy imports and first-use work, like vectorbt's warm-up
    backtest(first, panel).nav
    cold.setdefault(f"rbl first backtest in the process ({label})", time.perf_counter() - start)
    for title, rule, costs in (("equal weight monthly", MONTHLY, False),
                               ("equal weight monthly, 10 bps", MONTHLY, True),
                               ("5pp drift band, 10 bps", DRIFT, True)):
        s = strategy(names, rule, costs)
        ours = timed(lambda: backtest(s, panel).nav, own)
        kind = "monthly" if rule is MONTHLY else "band"
        peers = {FLOOR: floor_time, **peer_times(kind, frame, 0.001 if costs else 0.0, repeat, cold)}
        rows.append((f"{title} ({label})", ours, peers))
        print(*rows[-1], file=sys.stderr, flush=True)
    s = strategy(names, DRIFT_PARAM, True, param=True)
    one = timed(lambda: backtest(s, panel).metrics, own)      # one run's metrics: one row of the table
    ten = timed(lambda: sweep(s, panel).table, own)
    peers = {"one rbl run": one, **peer_times("band", frame, 0.001, repeat, cold, bands=BANDS)}
    rows.append((f"sweep of 10 band widths 1pp..10pp, 10 bps ({label})", ten, peers))
    for title, kind, scheme in SCHEMES:
        s = strategy(names, CHECK_MONTHLY, False, scheme=scheme)
        peers = {FLOOR: floor_time, **peer_times(kind, frame, 0.0, repeat, cold)}
        rows.append((f"{title} ({label})", timed(lambda: backtest(s, panel).nav, own), peers))
        print(*rows[-1], file=sys.stderr, flush=True)
    s = strategy(names, PER_ASSET, True, extra=per_asset_bands(names))
    peers = {FLOOR: floor_time, **peer_times("per_asset_bands", frame, 0.001, repeat, cold)}
    rows.append((f"per-asset bands 3pp/5pp in turn, 10 bps ({label})", timed(lambda: backtest(s, panel).nav, own),
                 peers))
    print(*rows[-1], file=sys.stderr, flush=True)
    for title, rule, extra in PATH_CASES:
        s = strategy(names, rule, True, extra=extra)
        rows.append((f"{title} ({label})", timed(lambda: backtest(s, panel).nav, own), {FLOOR: floor_time}))
        print(*rows[-1], file=sys.stderr, flush=True)
    rows.append((f"NumPy floor P[1:]/P[:-1], cumprod ({label})", floor_time, {}))
    if label.startswith("20"):
        rows.append((f"plain Python loop, monthly ({label})",
                     timed(lambda: plain_loop_monthly(panel.close, panel.dates), own), {}))
    return rows


FLOOR = "floor"
STOCKS = ("AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO", "LLY", "MRK", "MSFT", "PEP", "PFE",
          "PG", "RRC", "UNH", "WMT", "XOM")      # the bundled 20 x 8,313 panel
OWN_REPEAT = 11          # repeats of rbl, the floor and the plain loop (peers: --repeat; bt: once)
WITH_PEERS = True


def _ratio(peer: str, seconds: float, ours: float) -> str:
    if peer == "one rbl run":
        return f"sweep/one run {ours / seconds:.1f}x"
    if peer == FLOOR:
        return f"rbl/floor {ours / seconds:.1f}x"
    return f"{peer}/rbl {seconds / ours:.1f}x"


def cold_start(cache: str | None = None) -> float:
    """A new process: import + compile + backtest; `cache`: numba's cache directory (an empty one is
    the first run on a machine, when the path loop is compiled)."""
    code = ("from rbl.backends.numpy import backtest; backtest('examples/threshold_60_40.rbl').metrics")
    env = {**os.environ, **({"NUMBA_CACHE_DIR": cache} if cache else {})}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)
    return time.perf_counter() - start


FEES = ("fees: rbl is self-financing and lands exactly on target (V' = V - sum k |w V' - q P|); "
        "bt charges abs(q) * p * 10 bps through its commission function and sizes orders before fees; "
        "vectorbt buys TargetPercent of the pre-trade value with fees=0.001 paid from cash. The three "
        "agree on the trade days; NAVs differ by the fees' second-order effect (printed below).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--without-peers", action="store_true", help="time rbl and the floor only (no bt, vectorbt)")
    args = parser.parse_args()
    global WITH_PEERS
    WITH_PEERS = not args.without_peers
    with tempfile.TemporaryDirectory() as empty:
        first = cold_start(empty)
    cold = {"rbl: first run on a machine (new process, the path loop compiled by numba)": first,
            "rbl: import + compile + backtest threshold_60_40 (new process)": cold_start()}
    stocks = load_panel(list(STOCKS))
    rows = cases(stocks, "20 x 8,313", args.repeat, cold)
    rows += cases(synthetic(500, 5000), "500 x 5,000", args.repeat, cold)
    print("| case | rbl (s) | others (s) | ratio |")
    print("|---|---:|---|---|")
    for title, ours, peers in rows:
        others = ", ".join(f"{k} {v:.4f}" for k, v in peers.items()) or "-"
        ratios = ", ".join(_ratio(k, v, ours) for k, v in peers.items()) or "-"
        print(f"| {title} | {ours:.4f} | {others} | {ratios} |")
    for what, seconds in cold.items():
        print(f"| cold: {what} | {seconds:.3f} | - | - |")
    print()
    print(FEES)
    if WITH_PEERS:
        agreement(stocks)


def agreement(panel: Panel) -> None:
    """Final NAV and trade count of the 5pp band, 10 bps on the 20 stocks, for each engine."""
    s = strategy(list(panel.columns), DRIFT, True)
    ours = backtest(s, panel)
    line = [f"rbl {ours.nav.iloc[-1]:,.0f} ({len(ours.trades)} rebalances)"]
    frame = pd.DataFrame(panel.close, index=pd.DatetimeIndex(panel.dates), columns=list(panel.columns))
    try:
        pf = vbt_drift(frame, 0.001)
        line.append(f"vectorbt {float(pf.value().iloc[-1]):,.0f} ({pf.orders.count() // frame.shape[1]} rebalances)")
    except ImportError:
        pass
    try:
        result = bt_drift(frame, 0.001)
        line.append(f"bt {float(result.prices.iloc[-1, 0]) * 1000:,.0f}")
    except ImportError:
        pass
    print("final NAV, 5pp band, 10 bps, 20 stocks:", "; ".join(line))
    for title, kind, scheme in SCHEMES:
        ours = backtest(strategy(list(panel.columns), CHECK_MONTHLY, False, scheme=scheme), panel).nav.iloc[-1]
        try:
            theirs = float(dict(PEERS[kind])["vectorbt"](frame, 0.0).value().iloc[-1])
            print(f"final NAV, {title}, 20 stocks: rbl {ours:,.0f}; vectorbt {theirs:,.0f}")
        except ImportError:
            pass


if __name__ == "__main__":
    main()
