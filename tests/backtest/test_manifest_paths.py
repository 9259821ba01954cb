"""The manifest names the bundled data by file name, not by where the package was installed."""

from __future__ import annotations

from rbl.backends.numpy import backtest


def test_bundled_data_is_named_by_file_not_by_install_path():
    data = backtest("examples/threshold_60_40.rbl").run.manifest["data"]
    assert data == ["bundled us_multi_asset_1993_2017.csv"]


def test_a_users_file_is_named_as_given(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("date,SPY,UST10\n2020-01-02,1,2\n2020-01-03,1.1,2.1\n2020-01-06,1.2,2.0\n")
    assert backtest("examples/threshold_60_40.rbl", str(path)).run.manifest["data"] == [str(path)]
