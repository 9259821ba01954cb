"""Calendar rules on the data's own bars: daily, weekly on D, N-th and last trading day of a period,
hourly and every N hours (intraday bars)."""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy.readers import DataError
from rbl.dsl import ir

_WEEKDAYS = {d: i for i, d in enumerate(ir.Weekday)}   # monday = 0


def period_ids(dates: np.ndarray, period: ir.Period) -> np.ndarray:
    """An integer per bar that changes exactly when the bar enters a new week/month/quarter/year."""
    days = dates.astype("datetime64[D]").astype(np.int64)
    if period is ir.Period.WEEK:
        return (days + 3) // 7           # 1970-01-01 is a Thursday: weeks start on Monday
    months = unit_numbers(dates, "M")
    return {ir.Period.MONTH: months, ir.Period.QUARTER: months // 3, ir.Period.YEAR: months // 12}[period]


def unit_numbers(dates: np.ndarray, unit: str) -> np.ndarray:
    """`dates.astype(f"datetime64[{unit}]").astype(np.int64)` for unit M or Y, by a search among the few
    month/year starts the dates span: NumPy's calendar conversion costs ~20 ns a date, this ~2."""
    days = dates.astype("datetime64[D]")
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64)
    first, last = days.min().astype(f"datetime64[{unit}]"), days.max().astype(f"datetime64[{unit}]")
    starts = np.arange(first, last + 1).astype("datetime64[D]").view(np.int64)
    return np.searchsorted(starts, days.view(np.int64), side="right") - 1 + first.astype(np.int64)


def rank_in_period(ids: np.ndarray) -> np.ndarray:
    """1 for the first bar of each period, 2 for the second, ..."""
    starts = np.r_[True, ids[1:] != ids[:-1]]
    index = np.arange(len(ids))
    return index - np.maximum.accumulate(np.where(starts, index, 0)) + 1


def weekday_mask(dates: np.ndarray, weekday: ir.Weekday) -> np.ndarray:
    """The first bar of each ISO week whose weekday is `weekday` or later."""
    days = dates.astype("datetime64[D]").astype(np.int64)
    late_enough = (days + 3) % 7 >= _WEEKDAYS[weekday]
    weeks = period_ids(dates, ir.Period.WEEK)
    eligible_rank = np.where(late_enough, 1, 0)
    seen_before = _cumsum_in_period(eligible_rank, weeks) - eligible_rank
    return late_enough & (seen_before == 0)


def _cumsum_in_period(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    total = np.cumsum(values)
    starts = np.r_[True, ids[1:] != ids[:-1]]
    before = np.maximum.accumulate(np.where(starts, np.arange(len(ids)), 0))
    return total - (total - values)[before]


def calendar_mask(rule: ir.CalendarRule, dates: np.ndarray) -> np.ndarray:
    """True on the bars the rule picks, shape (T,). On intraday bars a rule about days picks the first
    bar of the day it names (`daily`: the first bar of each day); `last` is the last bar of its period."""
    if rule.rule == "hours":
        return _hours_mask(dates, rule.n)
    if rule.rule == "weekday":
        return weekday_mask(dates, rule.weekday)
    if rule.rule == "last":
        ids = period_ids(dates, rule.period)
        return np.r_[ids[1:] != ids[:-1], False]
    if rule.rule == "daily" and rule.unwritten:       # no `check` written: every bar
        return np.ones(len(dates), dtype=bool)
    first = _starts(day_numbers(dates))
    if rule.rule == "daily":
        return first
    if rule.rule == "nth":
        ids = period_ids(dates, rule.period)
        return first & (_cumsum_in_period(first.astype(np.int64), ids) == rule.n)
    raise NotImplementedError(f"calendar rule {rule.rule!r} has no NumPy rule")


def day_numbers(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[D]").astype(np.int64)


def _starts(ids: np.ndarray) -> np.ndarray:
    """True where a bar begins a new id (the first bar of the data begins one)."""
    return np.r_[True, ids[1:] != ids[:-1]] if len(ids) else np.zeros(0, dtype=bool)


def _hours_mask(dates: np.ndarray, hours: int) -> np.ndarray:
    """The first bar of each block of `hours` clock hours, blocks counted from midnight."""
    if np.datetime_data(dates.dtype)[0] == "D":
        raise DataError(f"'{_hours_text(hours)}' needs intraday bars, but the data has daily bars "
                        f"({dates[0]} .. {dates[-1]}); pass H1 or shorter bars, or check daily")
    return _starts(dates.astype("datetime64[s]").astype(np.int64) // (3600 * hours))


def _hours_text(hours: int) -> str:
    return "check hourly" if hours == 1 else f"check every {hours} hours"