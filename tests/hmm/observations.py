"""Observations for the HMM tests from the bundled S&P 500 index: its 20-day volatility (annualised,
the first column, so the ordering rule reads it) and its daily return, from the first full window."""

from __future__ import annotations

import numpy as np
import pandas as pd

from importlib import resources


def spx_observations() -> np.ndarray:
    close = pd.read_csv(resources.files("rbl.backends.numpy.data") / "sp500_index_adjclose.csv", index_col=0)["SP500"].to_numpy()
    r = close[1:] / close[:-1] - 1.0
    vol = pd.Series(r).rolling(20).std(ddof=1).to_numpy() * np.sqrt(252)
    return np.column_stack([vol, r])[19:]
