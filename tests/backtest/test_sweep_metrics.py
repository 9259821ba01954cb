"""The sweep table is one pass over K NAV rows: every row equals its variant's own metrics (bit for bit)
and the scalar per-variant oracle (bit for bit, turnover to 1e-12: its sum runs in trade order)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from rbl.backends.numpy import metrics as m
from rbl.backends.numpy import sweep
from rbl.dsl.compiler import compile_text
from tests.backtest import scalar_metrics

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WIDE = """rbl 1
strategy "Wide bands"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param stock = 60% from 40% to 80% step 20%
param band = 5pp from 1pp to 90pp step 1pp

benchmark BENCH

target:
    SPY stock
    AGG 100% - stock

rebalance:
    check daily
    when drift > band

costs:
    commission 10 bps
"""


def same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def oracle_row(result, k: int) -> dict:
    run, t0 = result.run, result.run.sim.t0
    trades = [t for t in run.sim.trades if t.variant == k]
    return scalar_metrics.summary(run.sim.nav[k, t0:], run.dates[t0:], run.periods_per_year,
                                  run.benchmark_returns(k), *scalar_metrics.trade_totals(trades))


def assert_table_is_each_variant(result) -> None:
    for k, row in enumerate(result.table.to_dict("records")):
        own, oracle = result.result(k).metrics, oracle_row(result, k)
        assert [name for name in own if not same(row[name], own[name])] == [], k
        exact = [name for name in oracle if name != "turnover" and not same(row[name], oracle[name])]
        assert exact == [], k
        assert row["turnover"] == pytest.approx(oracle["turnover"], rel=1e-12, abs=0)


def test_a_band_sweep_on_the_bundled_data_equals_every_variant_alone():
    result = sweep(EXAMPLES / "band_sweep.rbl", band=("1pp", "10pp", "1pp"))
    assert len(result.table) == 10
    assert_table_is_each_variant(result)


def test_per_variant_benchmark_targets_and_a_variant_that_never_rebalances():
    result = sweep(compile_text(WIDE.replace("benchmark BENCH", "benchmark targets daily")),
                   stock=("40%", "80%", "20%"), band=("5pp", "90pp", "85pp"))
    assert result.run.benchmark_matrix().shape[0] == 6         # each stock share has its own benchmark
    never = result.table[result.table["band"] == 0.9]
    assert list(never["rebalances"]) == [0, 0, 0] and list(never["turnover"]) == [0.0, 0.0, 0.0]
    assert_table_is_each_variant(result)


def test_a_benchmark_asset_is_one_row_shared_by_every_variant():
    result = sweep(compile_text(WIDE.replace("BENCH", "SPY")), stock=("40%", "80%", "20%"),
                   band=("5pp", "90pp", "85pp"))
    assert result.run.benchmark_matrix().shape[0] == 1
    assert_table_is_each_variant(result)


# ---- fixed NAV rows: NaN cases, each row against the scalar oracle ----------------------------------
DATES = np.arange("2020-01-01", "2020-01-07", dtype="datetime64[D]")
ROWS = np.array([
    [100.0, 100.0, 100.0, 100.0, 100.0, 100.0],      # flat: zero volatility, no drawdown
    [100.0, 101.0, 102.0, 104.0, 108.0, 116.0],      # only rises: no drawdown, no downside
    [100.0, 90.0, 95.0, 100.0, 80.0, 85.0],          # under water twice, at the end too
])


def test_fixed_rows_with_nan_metrics_equal_the_scalar_oracle():
    bench = np.full((1, 5), 0.01)
    rows = m.summaries(ROWS, DATES, 252.0, bench, [0.0, 0.5, 1.0], [0, 1, 2], [0, 2, 4], [0.0, 1.0, 2.0])
    for k, row in enumerate(rows):
        oracle = scalar_metrics.summary(ROWS[k], DATES, 252.0, bench[0], *(0.0, 0.5, 1.0)[k:k + 1],
                                        [0, 1, 2][k], [0, 2, 4][k], [0.0, 1.0, 2.0][k])
        assert [name for name in oracle if not same(row[name], oracle[name])] == [], k


def test_zero_volatility_and_no_drawdown_give_nan_ratios():
    flat, rising = m.summaries(ROWS[:2], DATES, 252.0, None, [0, 0], [0, 0], [0, 0], [0, 0])
    assert flat["volatility"] == 0.0 and math.isnan(flat["sharpe"]) and math.isnan(flat["sortino"])
    assert flat["max_drawdown"] == 0.0 and math.isnan(flat["calmar"])
    assert math.isnan(rising["sortino"]) and math.isnan(rising["calmar"]) and rising["sharpe"] > 0
    assert math.isnan(flat["tracking_error"]) and math.isnan(rising["information_ratio"])


def test_one_variant_is_the_one_row_case():
    rows = m.summaries(ROWS, DATES, 252.0, None, [0.0, 0.5, 1.0], [0, 1, 2], [0, 2, 4], [0.0, 1.0, 2.0])
    single = m.summary(ROWS[2], DATES, 252.0, None, 1.0, 2, 4, 2.0)
    assert all(same(single[name], rows[2][name]) for name in single)


# ---- drawdown duration by hand --------------------------------------------------------------------
WEEK = np.array(["2021-01-04", "2021-01-05", "2021-01-06", "2021-01-07", "2021-01-08", "2021-01-11",
                 "2021-01-12", "2021-01-13"], dtype="datetime64[D]")


def test_the_longer_of_two_stretches_in_each_of_two_rows():
    nav = np.array([
        [100.0, 99.0, 101.0, 100.0, 99.0, 98.0, 102.0, 103.0],   # 1 bar under, then 3 (peak bar 2 to bar 6)
        [100.0, 99.0, 98.0, 97.0, 101.0, 100.0, 102.0, 103.0],   # 3 bars under (0 to 4), then 1 (4 to 6)
    ])
    bars, days = m.max_drawdown_duration(nav, WEEK)
    # row 0: 01-06 to 01-12 is 4 bars, 6 days; row 1: 01-04 to 01-08 is 4 bars, 4 days
    assert bars.tolist() == [4, 4] and days.tolist() == [6, 4]


def test_bars_and_days_may_come_from_different_stretches():
    nav = np.array([[100.0, 99.0, 98.0, 101.0, 100.0, 102.0, 101.0, 103.0]])
    bars, days = m.max_drawdown_duration(nav, WEEK)
    # stretches: 01-04..01-07 (3 bars, 3 days); 01-07..01-11 (2 bars over a weekend, 4 days);
    # 01-11..01-13 (2 bars, 2 days)
    assert bars.tolist() == [3] and days.tolist() == [4]


def test_a_row_ending_below_its_peak_counts_to_the_last_bar():
    nav = np.array([[100.0, 101.0, 102.0, 103.0, 102.0, 101.0, 100.0, 99.0]])
    assert [a.tolist() for a in m.max_drawdown_duration(nav, WEEK)] == [[4], [6]]  # 01-07 to 01-13


def test_a_row_never_below_its_peak_has_no_duration():
    nav = np.array([[100.0, 100.0, 101.0, 101.0, 102.0, 103.0, 103.0, 104.0],
                    [100.0, 99.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0]])
    bars, days = m.max_drawdown_duration(nav, WEEK)
    assert bars.tolist() == [0, 2] and days.tolist() == [0, 2]


def test_seeded_random_rows_with_ties_and_gaps_equal_the_scalar_oracle():
    rng = np.random.default_rng(7)
    nav = 100 * np.cumprod(1 + np.round(rng.normal(0, 0.01, (40, 300)), 3), axis=1)   # rounding: ties
    nav[:, 0] = 100.0
    dates = np.datetime64("2020-01-01") + np.cumsum(rng.integers(1, 4, 300))        # uneven gaps
    bars, days = m.max_drawdown_duration(nav, dates)
    assert list(zip(bars.tolist(), days.tolist())) == [scalar_metrics.duration(row, dates) for row in nav]
