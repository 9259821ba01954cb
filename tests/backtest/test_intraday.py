"""Intraday bars: timestamps with a time of day are bars (datetime64[s]), daily data stays dates
(datetime64[D]); calendar rules on intraday bars pick the first bar of the period they name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy.calendar import calendar_mask
from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.metrics import periods_per_year
from rbl.backends.numpy.panel import load_panel
from rbl.backends.numpy.readers import DataError
from rbl.dsl import ir
from rbl.dsl.compiler import compile_source
from rbl.dsl.explain import explain
from rbl.dsl.fmt import format_strategy
from rbl.dsl.source import SourceFile


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def hours(start: str, count: int, step: str = "1h") -> np.ndarray:
    return pd.date_range(start, periods=count, freq=step).to_numpy().astype("datetime64[s]")


# ---- readers: every format keeps the time of day ----------------------------------------------
def test_a_wide_csv_with_times_gives_bars_in_seconds(tmp_path):
    path = write(tmp_path, "h.csv", "date,A\n2020-01-02 10:00,1\n2020-01-02 11:00,2\n2020-01-02 12:00:30,3\n")
    panel = load_panel(["A"], [path])
    assert panel.dates.dtype == np.dtype("datetime64[s]")
    assert [str(d) for d in panel.dates] == ["2020-01-02T10:00:00", "2020-01-02T11:00:00", "2020-01-02T12:00:30"]


def test_daily_data_stays_dates(tmp_path):
    path = write(tmp_path, "d.csv", "date,A\n2020-01-02,1\n2020-01-03,2\n")
    assert load_panel(["A"], [path]).dates.dtype == np.dtype("datetime64[D]")


def test_midnight_times_on_every_row_are_daily_data(tmp_path):
    path = write(tmp_path, "d.csv", "date,A\n2020-01-02 00:00:00,1\n2020-01-03 00:00:00,2\n")
    assert load_panel(["A"], [path]).dates.dtype == np.dtype("datetime64[D]")


def test_a_metatrader_h1_export_reads_date_and_time_columns(tmp_path):
    rows = "".join(f"2020.01.02\t{h:02d}:00:00\t1.1\t1.2\t1.0\t{1.1 + h / 100:.2f}\t100\t0\t5\n" for h in range(3))
    path = write(tmp_path, "EURUSD_H1.csv", "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t"
                 "<SPREAD>\n" + rows)
    panel = load_panel(["EURUSD"], [path])
    assert [str(d) for d in panel.dates] == ["2020-01-02T00:00:00", "2020-01-02T01:00:00", "2020-01-02T02:00:00"]
    assert panel.close[:, 0].tolist() == [1.1, 1.11, 1.12]


def test_a_long_csv_with_times(tmp_path):
    path = write(tmp_path, "l.csv", "date,symbol,close\n2020-01-02 10:00,A,1\n2020-01-02 10:00,B,2\n"
                 "2020-01-02 10:15,A,3\n2020-01-02 10:15,B,4\n")
    panel = load_panel(["A", "B"], [path])
    assert [str(d) for d in panel.dates] == ["2020-01-02T10:00:00", "2020-01-02T10:15:00"]


def test_parquet_with_a_datetime_index_with_times(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "m.parquet"
    pd.DataFrame({"A": [1.0, 2.0, 3.0]}, index=pd.DatetimeIndex(hours("2020-01-02 09:00", 3, "15min"),
                                                                name="date")).to_parquet(path)
    panel = load_panel(["A"], [path])
    assert [str(d) for d in panel.dates] == ["2020-01-02T09:00:00", "2020-01-02T09:15:00", "2020-01-02T09:30:00"]


def test_a_dataframe_with_times_gives_bars(tmp_path):
    frame = pd.DataFrame({"A": [1.0, 2.0, 3.0]}, index=pd.DatetimeIndex(hours("2020-01-02 09:00", 3, "1min")))
    panel, _ = load_prices(["A"], frame)
    assert panel.dates.dtype == np.dtype("datetime64[s]") and len(panel.dates) == 3


def test_a_repeated_bar_time_names_its_row(tmp_path):
    path = write(tmp_path, "h.csv", "date,A\n2020-01-02 10:00,1\n2020-01-02 10:00,2\n")
    with pytest.raises(DataError, match=r"h.csv: row 3, column date: 2020-01-02T10:00:00 appears twice"):
        load_panel(["A"], [path])


def test_daily_and_intraday_files_are_not_joined(tmp_path):
    a = write(tmp_path, "a.csv", "date,A\n2020-01-02,1\n2020-01-03,2\n")
    b = write(tmp_path, "b.csv", "date,B\n2020-01-02 10:00,1\n2020-01-02 11:00,2\n")
    with pytest.raises(DataError, match="a.csv has daily bars but .*b.csv has intraday bars"):
        load_panel(["A", "B"], [a, b])


def test_end_includes_every_bar_of_its_day(tmp_path):
    path = write(tmp_path, "h.csv", "date,A\n2020-01-02 10:00,1\n2020-01-02 23:00,2\n2020-01-03 00:00,3\n")
    panel, _ = load_prices(["A"], path, start="2020-01-02", end="2020-01-02")
    assert panel.close[:, 0].tolist() == [1.0, 2.0]


# ---- calendar rules on intraday bars --------------------------------------------------------
def rule(**fields) -> ir.CalendarRule:
    return ir.CalendarRule(**fields)


def picked(mask: np.ndarray, dates: np.ndarray) -> list[str]:
    return [str(d) for d in dates[mask]]


H1 = hours("2024-01-01 00:00", 24 * 40)             # Monday 1 January 2024, 40 days of 24 bars


def test_daily_on_intraday_is_the_first_bar_of_each_day():
    dates = np.concatenate([hours("2024-01-02 09:00", 3), hours("2024-01-03 10:00", 2)])
    assert picked(calendar_mask(rule(rule="daily"), dates), dates) == ["2024-01-02T09:00:00", "2024-01-03T10:00:00"]


def test_hourly_and_every_4_hours():
    dates = hours("2024-01-02 09:30", 12, "30min")
    assert picked(calendar_mask(rule(rule="hours", n=1), dates), dates)[:3] == [
        "2024-01-02T09:30:00", "2024-01-02T10:00:00", "2024-01-02T11:00:00"]
    every4 = calendar_mask(rule(rule="hours", n=4), H1)
    assert picked(every4, H1)[:3] == ["2024-01-01T00:00:00", "2024-01-01T04:00:00", "2024-01-01T08:00:00"]
    assert every4.sum() == 6 * 40


def test_monthly_and_nth_trading_day_pick_the_first_bar_of_that_day():
    weekdays = H1[(H1.astype("datetime64[D]").astype(np.int64) + 3) % 7 < 5]
    monthly = rule(rule="nth", n=1, period=ir.Period.MONTH)
    assert picked(calendar_mask(monthly, weekdays), weekdays) == ["2024-01-01T00:00:00", "2024-02-01T00:00:00"]
    third = rule(rule="nth", n=3, period=ir.Period.MONTH)
    assert picked(calendar_mask(third, weekdays), weekdays) == ["2024-01-03T00:00:00", "2024-02-05T00:00:00"]


def test_weekly_on_wednesday_is_the_first_bar_of_wednesday():
    dates = H1[H1 >= np.datetime64("2024-01-01T12:00:00")]
    mask = calendar_mask(rule(rule="weekday", weekday=ir.Weekday.WEDNESDAY), dates)
    assert picked(mask, dates)[:2] == ["2024-01-03T00:00:00", "2024-01-10T00:00:00"]


def test_last_trading_day_of_month_is_the_last_bar_of_the_month():
    mask = calendar_mask(rule(rule="last", period=ir.Period.MONTH), H1)
    assert picked(mask, H1) == ["2024-01-31T23:00:00"]


def test_rules_on_daily_data_are_unchanged():
    days = np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-03-01"))
    assert calendar_mask(rule(rule="daily"), days).all()
    third = calendar_mask(rule(rule="nth", n=3, period=ir.Period.MONTH), days)
    assert [str(d) for d in days[third]] == ["2024-01-03", "2024-02-03"]


def test_hours_on_daily_data_is_a_data_error():
    days = np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-01-09"))
    with pytest.raises(DataError, match="'check every 4 hours' needs intraday bars, but the data has daily bars"):
        calendar_mask(rule(rule="hours", n=4), days)


def test_periods_per_year_of_h1_bars():
    weekdays = hours("2021-01-04", 24 * 7 * 52 * 3)
    weekdays = weekdays[(weekdays.astype("datetime64[D]").astype(np.int64) + 3) % 7 < 5]
    assert periods_per_year(weekdays) == pytest.approx(24 * 261, abs=24 * 2)


# ---- the language: check hourly, check every N hours ------------------------------------------
SOURCE = '''rbl 1
strategy "x"
asset A column "A"
asset B column "B"
target:
    A 60%
    B 40%
rebalance:
    check {check}
    when drift > 5pp
'''


def compiled(check: str):
    return compile_source(SourceFile("x.rbl", SOURCE.format(check=check)))


@pytest.mark.parametrize(("check", "n"), [("hourly", 1), ("every 4 hours", 4), ("every 12 hours", 12)])
def test_hours_parse_format_and_explain(check, n):
    result = compiled(check)
    assert not result.diagnostics
    check_rule = result.strategy.rebalance.check
    assert (check_rule.rule, check_rule.n) == ("hours", n)
    assert f"    check {check}\n" in format_strategy(result.strategy)
    assert "(intraday bars)" in explain(result.strategy)


@pytest.mark.parametrize("n", [0, 5, 24])
def test_hours_that_do_not_cut_a_day_are_e0602(n):
    [found] = compiled(f"every {n} hours").diagnostics
    assert found.code == "E0602" and f"'every {n} hours'" in found.message


def test_annualize_takes_the_bars_of_a_year_of_intraday_data():
    result = compile_source(SourceFile("x.rbl", SOURCE.format(check="hourly").replace(
        "rebalance:", "annualize 6240 bars\nrebalance:")))
    assert not result.diagnostics and result.strategy.annualize_days == 6240
    assert "annualize 6240 bars\n" in format_strategy(result.strategy)
    daily = compile_source(SourceFile("x.rbl", SOURCE.format(check="daily").replace(
        "rebalance:", "annualize 252 days\nrebalance:")))
    assert "annualize 252 days\n" in format_strategy(daily.strategy)
    [too_many] = compile_source(SourceFile("x.rbl", SOURCE.format(check="hourly").replace(
        "rebalance:", "annualize 600000 bars\nrebalance:"))).diagnostics
    assert too_many.code == "E0409" and "at most 527040" in too_many.help


def test_a_utf16_metatrader_h1_export_gives_bars(tmp_path):
    rows = "".join(f"2020.01.02\t{h:02d}:00\t1.1\t1.2\t1.0\t{1.1 + h / 100:.2f}\t100\t0\t5\r\n" for h in range(3))
    text = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n" + rows
    path = tmp_path / "GBPUSD_H1.csv"
    path.write_bytes(text.encode("utf-16-le"))            # as MetaTrader 5 writes it: no byte-order mark
    panel = load_panel(["GBPUSD"], [path])
    assert [str(d) for d in panel.dates] == ["2020-01-02T00:00:00", "2020-01-02T01:00:00", "2020-01-02T02:00:00"]


def test_periods_per_year_of_less_than_a_year_of_minute_bars():
    minutes = hours("2020-01-01", 500_000, "1min")
    assert periods_per_year(minutes) == pytest.approx(365.25 * 1440, rel=1e-5)
