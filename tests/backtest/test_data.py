"""Price files: every supported format reads, and bad data names the file, the row and the column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy.align import Align
from rbl.backends.numpy.panel import load_panel
from rbl.backends.numpy.readers import DataError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_wide_csv_reads_the_wanted_columns_in_order(tmp_path):
    path = write(tmp_path, "p.csv", "date,A,B\n2020-01-01,1,2\n2020-01-02,3,4\n")
    panel = load_panel(["B", "A"], [path])
    assert panel.close.tolist() == [[2.0, 1.0], [4.0, 3.0]]


def test_a_long_csv_is_pivoted(tmp_path):
    path = write(tmp_path, "l.csv", "date,symbol,open,high,low,close\n2020-01-01,A,1,1,1,1.5\n"
                 "2020-01-01,B,1,1,1,2.5\n2020-01-02,A,1,1,1,1.6\n2020-01-02,B,1,1,1,2.6\n")
    assert load_panel(["A", "B"], [path]).close.tolist() == [[1.5, 2.5], [1.6, 2.6]]


def test_a_metatrader_export_names_its_column_after_the_file(tmp_path):
    path = write(tmp_path, "EURUSD_D1.csv", "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t"
                 "<SPREAD>\n2020.01.02\t00:00:00\t1.1\t1.2\t1.0\t1.12\t100\t0\t5\n"
                 "2020.01.03\t00:00:00\t1.12\t1.2\t1.0\t1.13\t100\t0\t5\n")
    panel = load_panel(["EURUSD"], [path])
    assert panel.close[:, 0].tolist() == [1.12, 1.13]
    assert str(panel.dates[0]) == "2020-01-02"


def test_a_yahoo_csv_uses_the_adjusted_close(tmp_path):
    path = write(tmp_path, "SPY.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n"
                 "2020-01-02,1,1,1,10,9.5,100\n2020-01-03,1,1,1,11,10.5,100\n")
    assert load_panel(["SPY"], [path]).close[:, 0].tolist() == [9.5, 10.5]


def test_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "p.parquet"
    pd.DataFrame({"A": [1.0, 2.0]}, index=pd.DatetimeIndex(["2020-01-01", "2020-01-02"], name="date")
                 ).to_parquet(path)
    assert load_panel(["A"], [path]).close[:, 0].tolist() == [1.0, 2.0]


def test_files_with_different_calendars_are_joined_on_common_dates_when_asked(tmp_path):
    a = write(tmp_path, "a.csv", "date,A\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n")
    b = write(tmp_path, "b.csv", "date,B\n2020-01-02,5\n2020-01-03,6\n2020-01-04,7\n")
    panel = load_panel(["A", "B"], [a, b], how=Align("intersect"))
    assert panel.dates.astype(str).tolist() == ["2020-01-02", "2020-01-03"]
    with pytest.raises(DataError, match="a.csv lacks 1 date \\(2020-01-04\\); .*b.csv lacks 1 date"):
        load_panel(["A", "B"], [a, b])          # the default policy: differing dates are an error


@pytest.mark.parametrize("text, message", [
    ("date,A\n2020-01-01,1\nyesterday,2\n", "row 3, column date: cannot read 'yesterday'"),
    ("date,A\n2020-01-01,1\n2020-01-01,2\n", "row 3, column date: 2020-01-01 appears twice"),
    ("date,A\n2020-01-02,1\n2020-01-01,2\n", "row 3, column date: 2020-01-01 is earlier"),
    ("date,A\n2020-01-01,1\n2020-01-02,\n", "row 3, column A: the price is missing"),
    ("date,A\n2020-01-01,0\n", "row 2, column A: the price is '0', not a positive price"),
    ("date,A\n2020-01-01,-3\n", "row 2, column A: the price is '-3'"),
    ("date,A\n2020-01-01,abc\n", "row 2, column A: the price is 'abc'"),
])
def test_bad_data_names_the_file_row_and_column(tmp_path, text, message):
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(DataError, match=message) as err:
        load_panel(["A"], [path])
    assert str(path) in str(err.value)


def test_a_declared_forward_fill_bridges_short_gaps_only(tmp_path):
    path = write(tmp_path, "gap.csv", "date,A\n2020-01-01,1\n2020-01-02,\n2020-01-03,\n2020-01-06,4\n")
    assert load_panel(["A"], [path], ffill=2).close[:, 0].tolist() == [1.0, 1.0, 1.0, 4.0]
    with pytest.raises(DataError, match="more than 1 bars in a row"):
        load_panel(["A"], [path], ffill=1)


def test_an_absent_column_is_named(tmp_path):
    path = write(tmp_path, "p.csv", "date,A\n2020-01-01,1\n")
    with pytest.raises(DataError, match="column ZZZ is not in"):
        load_panel(["ZZZ"], [path])


def test_calendars_that_do_not_overlap_are_an_error(tmp_path):
    a = write(tmp_path, "a.csv", "date,A\n2020-01-01,1\n")
    b = write(tmp_path, "b.csv", "date,B\n2021-01-01,1\n")
    with pytest.raises(DataError, match="do not overlap"):
        load_panel(["A", "B"], [a, b], how=Align("intersect"))


def test_the_bundled_data_has_every_column_the_examples_use():
    columns = ["SPY", "UST5", "UST10", "UST20", "TBILL", "GOLD", "COMMOD", "INTL", "REIT", "BTC", "ETH",
               "EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "AAPL", "XOM"]
    for column in columns:
        panel = load_panel([column])
        assert np.all(panel.close > 0)


def test_synthetic_us_series_share_the_multi_asset_calendar():
    assert np.array_equal(load_panel(["GOLD"]).dates, load_panel(["SPY"]).dates)
