"""The setup outside the walk: cheaper calendar numbers, no copies of the caller's prices, same results."""

import numpy as np
import pytest

from rbl.backends.numpy import backtest
from rbl.backends.numpy.calendar import unit_numbers
from rbl.backends.numpy.inputs import between
from rbl.backends.numpy.metrics import periods_per_year
from rbl.backends.numpy.panel import Panel
from rbl.dsl.compiler import compile_text

STRATEGY = """rbl 1
strategy "ew"
asset A column "A" symbol "A"
asset B column "B" symbol "B"
target: equal weight A, B
rebalance:
    when monthly
"""


def _panel(days: int = 900) -> Panel:
    rng = np.random.default_rng(3)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, (days, 2)), axis=0))
    dates = np.busday_offset("1998-12-30", np.arange(days)).astype("datetime64[D]")
    return Panel(dates, close, ("A", "B"), ("synthetic",))


@pytest.mark.parametrize("unit", ["M", "Y"])
@pytest.mark.parametrize("shuffled", [False, True])
def test_month_and_year_numbers_equal_numpys_calendar_conversion(unit, shuffled):
    rng = np.random.default_rng(11)
    for _ in range(50):
        dates = np.sort(rng.integers(-150_000, 150_000, rng.integers(1, 2000))).astype("datetime64[D]")
        if shuffled:
            rng.shuffle(dates)
        expected = dates.astype(f"datetime64[{unit}]").astype(np.int64)
        np.testing.assert_array_equal(unit_numbers(dates, unit), expected)


def test_month_and_year_numbers_of_no_dates_are_empty():
    assert unit_numbers(np.array([], dtype="datetime64[D]"), "M").shape == (0,)


def test_periods_per_year_counts_the_bars_of_the_full_years():
    dates = np.busday_offset("2001-01-01", np.arange(1000), roll="forward").astype("datetime64[D]")
    full = np.unique(dates.astype("datetime64[Y]"), return_counts=True)[1][1:-1]
    assert periods_per_year(dates) == float(np.median(full))


def test_no_window_keeps_the_panel_without_a_copy():
    panel = _panel()
    assert between(panel, None, None) is panel


def test_a_window_still_cuts_the_bars():
    panel = _panel()
    cut = between(panel, np.datetime64("1999-02-01"), np.datetime64("1999-02-28"))
    assert str(cut.dates[0]) == "1999-02-01" and str(cut.dates[-1]) == "1999-02-26"


def test_a_backtest_leaves_the_callers_prices_untouched_and_writable():
    panel = _panel()
    before = panel.close.copy()
    backtest(compile_text(STRATEGY), panel).nav
    np.testing.assert_array_equal(panel.close, before)
    assert panel.close.flags.writeable


def test_columns_in_another_order_give_the_same_backtest():
    panel = _panel()
    swapped = Panel(panel.dates, panel.close[:, ::-1].copy(), ("B", "A"), panel.sources)
    one, other = backtest(compile_text(STRATEGY), panel), backtest(compile_text(STRATEGY), swapped)
    np.testing.assert_array_equal(one.nav.to_numpy(), other.nav.to_numpy())
