"""A wrong close in a long CSV (date,symbol,...,close) is named by its line in the file."""

from __future__ import annotations

import pytest

from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.readers import DataError

LONG = ("date,symbol,open,high,low,close\n"
        "2020-01-02,SPY,1,1,1,1\n"
        "2020-01-02,AGG,1,1,1,x\n"
        "2020-01-03,SPY,1,1,1,1\n"
        "2020-01-03,AGG,1,1,1,1\n")


def test_text_in_the_close_column_names_its_file_row(tmp_path):
    prices = tmp_path / "long.csv"
    prices.write_text(LONG)
    with pytest.raises(DataError, match=r"long.csv: row 3, column close: the price is 'x'"):
        load_prices(["SPY", "AGG"], [prices])
