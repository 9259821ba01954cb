"""Prices given as a DataFrame: an infinite price is as wrong as a negative one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy.inputs import load_prices
from rbl.backends.numpy.readers import DataError


def test_an_infinite_price_in_a_dataframe_names_its_row_and_column():
    dates = pd.date_range("2020-01-01", periods=3, freq="D")
    frame = pd.DataFrame({"SPY": [1.0, np.inf, 1.0], "AGG": [1.0, 1.0, 1.0]}, index=dates)
    with pytest.raises(DataError, match="column SPY: the price is 'inf'"):
        load_prices(["SPY", "AGG"], frame)
