"""Generate the SYNTHETIC bundled series (fixed seed): US-calendar extras, crypto, FX and gold,
hourly (H1) FX and gold, and a signal that is not a price.

Run from anywhere: `python backends/numpy/data/make_synthetic.py`. The output is deterministic;
the committed CSVs are exactly what this script writes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20240601


def _gbm(rng, shocks: np.ndarray, drift: np.ndarray, vol: np.ndarray, per_year: float,
         start: np.ndarray) -> np.ndarray:
    """Geometric Brownian motion paths from standard normal shocks (rows = bars)."""
    dt = 1.0 / per_year
    log_steps = (drift - 0.5 * vol**2) * dt + vol * np.sqrt(dt) * shocks
    log_steps[0] = 0.0
    return start * np.exp(np.cumsum(log_steps, axis=0))


def _correlated(rng, rows: int, corr: np.ndarray) -> np.ndarray:
    return rng.standard_normal((rows, len(corr))) @ np.linalg.cholesky(corr).T


def us_calendar(rng) -> pd.DataFrame:
    """GOLD, COMMOD, INTL, REIT on the dates of us_multi_asset_1993_2017.csv, loosely tied to SPY."""
    base = pd.read_csv(HERE / "us_multi_asset_1993_2017.csv", parse_dates=["date"])
    spy = base["SPY"].to_numpy()
    spy_ret = np.concatenate([[0.0], np.log(spy[1:] / spy[:-1])])
    spy_z = (spy_ret - spy_ret.mean()) / spy_ret.std()
    beta = np.array([0.05, 0.25, 0.75, 0.6])          # loading of each series on SPY's shocks
    own = rng.standard_normal((len(spy), 4))
    shocks = beta * spy_z[:, None] + np.sqrt(1 - beta**2) * own
    prices = _gbm(rng, shocks, np.array([0.05, 0.03, 0.06, 0.08]), np.array([0.16, 0.20, 0.18, 0.22]),
                  252.0, np.array([100.0, 100.0, 100.0, 100.0]))
    out = pd.DataFrame(prices, columns=["GOLD", "COMMOD", "INTL", "REIT"])
    out.insert(0, "date", base["date"].dt.strftime("%Y-%m-%d"))
    return out


def crypto(rng) -> pd.DataFrame:
    """BTC and ETH on a 365-day calendar, high volatility, correlation about 0.8."""
    dates = pd.date_range("2018-01-01", "2022-12-31", freq="D")
    shocks = _correlated(rng, len(dates), np.array([[1.0, 0.8], [0.8, 1.0]]))
    prices = _gbm(rng, shocks, np.array([0.35, 0.45]), np.array([0.75, 0.95]), 365.0,
                  np.array([14000.0, 750.0]))
    return pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "BTC": prices[:, 0], "ETH": prices[:, 1]})


def fx(rng) -> pd.DataFrame:
    """EURUSD, GBPUSD, USDJPY and XAUUSD on weekdays, each as a broker quotes it (USDJPY in yen per
    dollar: the reciprocal of the yen's price in dollars, which is what the walk models)."""
    dates = pd.bdate_range("2010-01-01", "2022-12-30")
    corr = np.array([[1.0, 0.6, 0.2, 0.3], [0.6, 1.0, 0.1, 0.2], [0.2, 0.1, 1.0, 0.2],
                     [0.3, 0.2, 0.2, 1.0]])
    shocks = _correlated(rng, len(dates), corr)
    prices = _gbm(rng, shocks, np.zeros(4), np.array([0.08, 0.09, 0.09, 0.15]), 260.0,
                  np.array([1.43, 1.61, 0.0108, 1100.0]))
    prices[:, 2] = 1.0 / prices[:, 2]
    out = pd.DataFrame(prices, columns=["EURUSD", "GBPUSD", "USDJPY", "XAUUSD"])
    out.insert(0, "date", dates.strftime("%Y-%m-%d"))
    return out


def fx_h1(rng) -> pd.DataFrame:
    """EURUSD_H1, GBPUSD_H1 and XAUUSD_H1: hourly bars, 24 a weekday (Monday 00:00 .. Friday 23:00,
    as on a broker's server clock), 20,040 bars from 2021-01-04; timestamps 'YYYY-MM-DD HH:MM'."""
    days = pd.bdate_range("2021-01-04", periods=835)
    stamps = (days.values[:, None] + np.arange(24) * np.timedelta64(1, "h")).ravel()
    corr = np.array([[1.0, 0.6, 0.3], [0.6, 1.0, 0.2], [0.3, 0.2, 1.0]])
    shocks = _correlated(rng, len(stamps), corr)
    prices = _gbm(rng, shocks, np.zeros(3), np.array([0.08, 0.09, 0.15]), 260.0 * 24,
                  np.array([1.22, 1.36, 1900.0]))
    out = pd.DataFrame(prices, columns=["EURUSD_H1", "GBPUSD_H1", "XAUUSD_H1"])
    out.insert(0, "date", pd.DatetimeIndex(stamps).strftime("%Y-%m-%d %H:%M"))
    return out


def signals() -> pd.DataFrame:
    """SENTIMENT, a made-up score that is not a price (any sign, gaps), on the dates of the US multi-asset
    file: tanh(10 x SPY's 20-bar return) - 0.1 to 4 decimals, no random draw; empty for the first 20 rows,
    on every 29th row (one-bar gaps) and on 4 rows in a row from every row 100 mod 397 (gaps that outlast
    a `stale after 2 bars`)."""
    spy = pd.read_csv(HERE / "us_multi_asset_1993_2017.csv", usecols=["date", "SPY"])
    score = (np.tanh(10.0 * (spy["SPY"] / spy["SPY"].shift(20) - 1.0)) - 0.1).round(4)
    row = np.arange(len(spy))
    gap = (row < 20) | (row % 29 == 0) | ((row % 397 >= 100) & (row % 397 < 104))
    return pd.DataFrame({"date": spy["date"], "SENTIMENT": score.mask(gap)})


def main() -> None:
    rng = np.random.default_rng(SEED)
    for name, build in (("synthetic_us_calendar.csv", us_calendar), ("synthetic_crypto.csv", crypto),
                        ("synthetic_fx.csv", fx)):
        build(rng).to_csv(HERE / name, index=False, float_format="%.10g")
    # its own generator: the daily files above stay byte for byte what they were
    fx_h1(np.random.default_rng(SEED + 1)).to_csv(HERE / "synthetic_fx_h1.csv", index=False,
                                                  float_format="%.8g")
    signals().to_csv(HERE / "synthetic_signals.csv", index=False, float_format="%.4f")


if __name__ == "__main__":
    main()
