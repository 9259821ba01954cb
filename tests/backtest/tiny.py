"""Helpers for hand-computed tiny cases: a strategy from text and a few bars of prices."""

from __future__ import annotations

import pandas as pd

from rbl.backends.numpy import backtest
from rbl.dsl.compiler import compile_text


def strategy(body: str):
    return compile_text('rbl 1\nstrategy "tiny"\n' + body)


def prices(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=pd.bdate_range("2020-01-06", periods=n))


def run(body: str, **columns):
    return backtest(strategy(body), prices(**columns))
