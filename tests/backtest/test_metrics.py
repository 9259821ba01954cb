"""Metrics on fixed NAV series, against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rbl.backends.numpy import metrics as m

NAV = np.array([100.0, 110.0, 99.0, 108.9])          # returns +10%, -10%, +10%
DATES = np.array(["2020-01-01", "2020-04-01", "2020-07-01", "2021-01-01"], dtype="datetime64[D]")


def test_total_return():
    assert m.summary(NAV, DATES, 4, None, 0, 0, 0, 0)["total_return"] == pytest.approx(0.089)


def test_cagr_uses_calendar_days():
    assert m.cagr(NAV, DATES) == pytest.approx(1.089 ** (365.25 / 366) - 1)


def test_volatility_is_the_sample_stdev_annualised():
    # mean 1/30; squared deviations sum to 0.08/3; divided by n-1 = 2 -> 0.04/3
    assert m.volatility(m.returns(NAV), 4) == pytest.approx(math.sqrt(0.04 / 3) * 2)


def test_sharpe_with_a_zero_risk_free_rate():
    assert m.sharpe(m.returns(NAV), 4) == pytest.approx((1 / 30) / math.sqrt(0.04 / 3) * 2)


def test_sortino_uses_the_downside_deviation():
    # downside: sqrt((0 + 0.01 + 0) / 3)
    assert m.sortino(m.returns(NAV), 4) == pytest.approx((1 / 30) * 2 / math.sqrt(0.01 / 3))


def test_max_drawdown_and_its_duration():
    assert m.drawdowns(NAV).max() == pytest.approx(0.1)
    # the 2020-04-01 peak (110) is not regained by the end (108.9): 2 bars, 275 days under water
    assert m.max_drawdown_duration(NAV, DATES) == (2, 275)


def test_a_recovered_drawdown_ends_on_the_new_high():
    nav = np.array([100.0, 90.0, 100.0, 101.0])
    dates = np.array(["2020-01-01", "2020-01-02", "2020-01-05", "2020-01-06"], dtype="datetime64[D]")
    assert m.max_drawdown_duration(nav, dates) == (2, 4)


def test_calmar_is_cagr_over_max_drawdown():
    metrics = m.summary(NAV, DATES, 4, None, 0, 0, 0, 0)
    assert metrics["calmar"] == pytest.approx(metrics["cagr"] / 0.1)


def test_tracking_error_and_information_ratio():
    r = m.returns(NAV)
    bench = np.array([0.05, -0.05, 0.05])
    te, ir = m.tracking(r, bench, 4)
    # excess 0.05, -0.05, 0.05: the same shape as the returns at half the size
    assert te == pytest.approx(math.sqrt(0.01 / 3) * 2)
    assert ir == pytest.approx((1 / 60) * 4 / te)


def test_turnover_and_costs_are_per_year():
    metrics = m.summary(NAV, DATES, 4, None, turnover_sum=0.5, rebalances=2, orders=4, costs=10.0)
    years = 366 / 365.25
    assert metrics["turnover"] == pytest.approx(0.5 / years)
    assert metrics["costs_bps_per_year"] == pytest.approx(10.0 / NAV.mean() / years * 1e4)


def test_periods_per_year_is_the_median_count_of_full_years():
    every_day = np.arange("2018-01-01", "2023-01-01", dtype="datetime64[D]")
    assert m.periods_per_year(every_day) == 365
    weekdays = every_day[np.is_busday(every_day)]
    assert m.periods_per_year(weekdays) == 261


def test_each_formula_on_rows_gives_each_series_alone_bit_for_bit():
    rows = np.array([NAV, [100.0, 95.0, 99.0, 120.0], [100.0, 100.0, 100.0, 100.0]])
    bench = np.array([0.05, -0.05, 0.05])
    for k, nav in enumerate(rows):
        r = m.returns(nav)
        assert m.volatility(m.returns(rows), 4)[k] == m.volatility(r, 4)
        np.testing.assert_array_equal(m.sharpe(m.returns(rows), 4)[k], m.sharpe(r, 4))
        np.testing.assert_array_equal(m.sortino(m.returns(rows), 4)[k], m.sortino(r, 4))
        np.testing.assert_array_equal(np.array(m.tracking(m.returns(rows), bench, 4))[:, k],
                                      m.tracking(r, bench, 4))
        assert m.cagr(rows, DATES)[k] == m.cagr(nav, DATES)
