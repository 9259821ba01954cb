"""Data as users have it (issue 13, 'Data in'): encodings, quoted headers, duplicate and missing
columns, binary files, time zones, overflowing prices, strict dates and bounded counts. Every refusal
names the file, and the row and column when there is one."""

from __future__ import annotations

import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.panel import load_panel
from rbl.backends.numpy.params import ParamError
from rbl.backends.numpy.readers import DataError

WIDE = "date,A,B\n2020-01-02,1,2\n2020-01-03,3,4\n"
MT5 = ("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
       "2020.01.02\t00:00:00\t1.1\t1.2\t1.0\t1.12\t100\t0\t5\n2020.01.03\t00:00:00\t1.12\t1.2\t1.0\t1.13\t100\t0\t5\n")
ENCODINGS = {"utf-16-le bom": ("utf-16-le", b"\xff\xfe"), "utf-16-be bom": ("utf-16-be", b"\xfe\xff"),
             "utf-16-le": ("utf-16-le", b""), "utf-16-be": ("utf-16-be", b""), "utf-8 bom": ("utf-8", b"\xef\xbb\xbf")}


def save(tmp_path: Path, name: str, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


# ---- encodings: every text format, UTF-16 either byte order, with or without a byte-order mark ----
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_wide_csv_in_any_unicode_encoding(tmp_path, encoding):
    path = save(tmp_path, "p.csv", WIDE, *ENCODINGS[encoding])
    assert load_panel(["B", "A"], [path]).close.tolist() == [[2.0, 1.0], [4.0, 3.0]]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_metatrader_export_in_any_unicode_encoding(tmp_path, encoding):
    path = save(tmp_path, "EURUSD_D1.csv", MT5, *ENCODINGS[encoding])
    assert load_panel(["EURUSD"], [path]).close[:, 0].tolist() == [1.12, 1.13]


@pytest.mark.parametrize("encoding", ["utf-16-le bom", "utf-16-be"])
def test_long_and_yahoo_csv_in_utf16(tmp_path, encoding):
    long = save(tmp_path, "l.csv", "date,symbol,close\n2020-01-02,A,1\n2020-01-03,A,2\n", *ENCODINGS[encoding])
    assert load_panel(["A"], [long]).close[:, 0].tolist() == [1.0, 2.0]
    yahoo = save(tmp_path, "SPY.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,1,1,10,9.5,1\n",
                 *ENCODINGS[encoding])
    assert load_panel(["SPY"], [yahoo]).close[:, 0].tolist() == [9.5]


def test_a_bad_byte_names_its_row(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"date,A\n2020-01-02,1\n2020-01-03,\xff2\n")
    with pytest.raises(DataError, match=r"p.csv: row 3: not UTF-8 or UTF-16 text"):
        load_panel(["A"], [path])


# ---- headers and columns -------------------------------------------------------------------------
def test_a_quoted_header_as_r_writes_it(tmp_path):
    path = save(tmp_path, "rstyle.csv", '"date","SPY","AGG"\n"2020-01-02",1,2\n"2020-01-03",3,4\n')
    assert load_panel(["SPY"], [path]).close[:, 0].tolist() == [1.0, 3.0]


def test_a_duplicate_column_names_both_places(tmp_path):
    path = save(tmp_path, "d.csv", "date,A,B,A\n2020-01-02,1,2,3\n")
    with pytest.raises(DataError, match=r"d.csv: row 1: column A appears twice \(columns 2 and 4\)"):
        load_panel(["A"], [path])


def test_a_column_in_two_files_names_both(tmp_path):
    a = save(tmp_path, "a.csv", "date,A\n2020-01-02,1\n")
    b = save(tmp_path, "b.csv", "date,A\n2020-01-02,2\n")
    with pytest.raises(DataError, match=r"column A is in two files: .*a.csv and .*b.csv"):
        load_panel(["A"], [a, b])


def test_every_missing_column_is_named_with_those_there(tmp_path):
    path = save(tmp_path, "p.csv", WIDE)
    with pytest.raises(DataError, match=r"columns X, Y are not in .*p.csv \(it has A, B\)"):
        load_panel(["A", "X", "Y"], [path])


# ---- binary and absurd inputs, refused from their first bytes --------------------------------------
def test_a_file_of_nul_bytes_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "zeros.csv"
    with path.open("wb") as handle:            # 2 GB, sparse: nothing is written but its size
        handle.truncate(2 * 10**9)
    started = time.perf_counter()
    with pytest.raises(DataError, match=r"zeros.csv: row 1: binary data \(NUL bytes\), not a price file"):
        load_panel(["A"], [path])
    assert time.perf_counter() - started < 0.5


def test_dev_zero_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"/dev/zero: not a regular file"):
        load_prices(["A"], "/dev/zero")


def test_a_zip_file_is_refused(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(DataError, match=r"p.csv: row 1: binary data"):
        load_panel(["A"], [path])


# ---- time zones: the wall-clock time the file states, its offset dropped ----------------------------
def test_offsets_that_change_with_daylight_saving_give_local_dates(tmp_path):
    path = save(tmp_path, "y.csv", "date,A\n2020-03-06 00:00:00-05:00,1\n2020-03-09 00:00:00-04:00,2\n"
                "2020-03-10 00:00:00-04:00,3\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel = load_panel(["A"], [path])
    assert panel.dates.dtype == np.dtype("datetime64[D]")
    assert [str(d) for d in panel.dates] == ["2020-03-06", "2020-03-09", "2020-03-10"]


def test_a_fixed_offset_leaks_no_warning(tmp_path):
    path = save(tmp_path, "y.csv", "date,A\n2020-01-02T00:00:00+01:00,1\n2020-01-03T00:00:00+01:00,2\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [str(d) for d in load_panel(["A"], [path]).dates] == ["2020-01-02", "2020-01-03"]


def test_a_tz_aware_dataframe_and_parquet(tmp_path):
    index = pd.date_range("2020-03-06", periods=5, freq="D", tz="America/New_York")
    frame = pd.DataFrame({"A": [1.0, 2, 3, 4, 5]}, index=index)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel, _ = load_prices(["A"], frame)
    assert str(panel.dates[0]) == "2020-03-06" and panel.dates.dtype == np.dtype("datetime64[D]")
    pytest.importorskip("pyarrow")
    path = tmp_path / "tz.parquet"
    frame.rename_axis("date").to_parquet(path)
    assert [str(d) for d in load_panel(["A"], [path]).dates][:2] == ["2020-03-06", "2020-03-07"]


# ---- values: overflowing prices, strict dates, bounded counts ---------------------------------------
def test_a_price_too_large_to_compute_with_is_refused(tmp_path):
    path = save(tmp_path, "big.csv", "date,A\n2020-01-02,100\n2020-01-03,1e308\n")
    with pytest.raises(DataError, match=r"big.csv: row 3, column A: the price is 1e\+308, beyond 1e\+15"):
        load_panel(["A"], [path])


def test_a_price_of_1e308_exits_1_without_warnings(tmp_path):
    path = save(tmp_path, "big.csv", "date,SPY,UST10\n" + "".join(
        f"2020-01-{d:02d},{1e308 if d == 9 else 100 + d},{100 - d}\n" for d in range(2, 20)))
    done = subprocess.run([sys.executable, "-c", "from rbl.cli import run; run()", "backtest", "examples/threshold_60_40.rbl", "--data",
                           str(path)], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert done.returncode == 1 and "column SPY: the price is 1e+308" in done.stderr
    assert "Warning" not in done.stderr and "nan" not in done.stdout.lower()


@pytest.mark.parametrize("text", ["01/02/2010", "13/02/2010", "2010-2-1", "2010-02-30", "20100201", "yesterday"])
def test_start_and_end_take_iso_dates_only(text):
    with pytest.raises(ParamError, match=rf"--start '{text}' is not a date \(expected YYYY-MM-DD\)"):
        load_prices(["SPY"], None, start=text)


def test_an_iso_start_still_works():
    panel, _ = load_prices(["SPY"], None, start="2010-02-01", end="2010-02-05")
    assert str(panel.dates[0]) == "2010-02-01"


@pytest.mark.parametrize("value", [-1, 10**20])
def test_ffill_is_bounded(value):
    with pytest.raises(ParamError, match=r"--ffill takes a number of bars from 0 to 1000000"):
        load_prices(["SPY"], None, ffill=value)
