"""`import rbl` given wrong arguments: each is one of rbl's errors saying what is wrong (ParamError,
DataError), never an internal exception from deep inside the engine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import rbl
from rbl.backends.numpy.params import ParamError
from rbl.backends.numpy.readers import DataError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "threshold_60_40.rbl"
BAND = ROOT / "examples" / "band_sweep.rbl"


def frame() -> pd.DataFrame:
    dates = pd.bdate_range("2020-01-06", periods=5)
    return pd.DataFrame({"SPY": [100.0, 101, 102, 101, 103], "UST10": [100.0, 100, 99, 100, 101]}, index=dates)


def test_a_sweep_range_without_a_step_is_a_param_error():
    with pytest.raises(ParamError, match="band.*LO, HI, STEP"):
        rbl.sweep(BAND, band=("1pp", "3pp"))


def test_a_sweep_of_a_strategy_without_params_is_a_param_error():
    with pytest.raises(ParamError, match="declares no param to sweep"):
        rbl.sweep(EXAMPLE)


def test_a_dataframe_with_a_column_twice_is_a_data_error():
    doubled = pd.concat([frame(), frame()[["SPY"]]], axis=1)
    with pytest.raises(DataError, match="the DataFrame has column SPY twice"):
        rbl.backtest(EXAMPLE, doubled)


def test_a_dataframe_without_rows_is_a_data_error():
    with pytest.raises(DataError, match="the DataFrame has no rows"):
        rbl.backtest(EXAMPLE, frame().iloc[:0])


def test_compile_mql5_takes_a_loaded_strategy_as_the_other_functions_do():
    assert "OnInit" in rbl.compile_mql5(rbl.load(EXAMPLE))
