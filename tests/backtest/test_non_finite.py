"""Targets that divide by zero or overflow stop the run with the bar and the targets, never a NaN NAV
with exit 0."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import backtest
from rbl.backends.numpy.evaluate import EngineError
from rbl.cli import app
from rbl.dsl.compiler import compile_text

ZERO_VOL = """rbl 1
strategy "an exposure over a volatility of zero"
asset SPY column "SPY" symbol "SPY"
asset AGG column "UST10" symbol "AGG"
target:
    SPY 60%
    AGG 40%
exposure 10% / (vol(SPY, 20 days) - vol(SPY, 20 days))
rebalance:
    when monthly
"""


def test_targets_divided_by_zero_stop_the_backtest_naming_the_bar():
    with pytest.raises(EngineError, match=r"the orders on 1993-10-29 are not finite: the targets there were "
                                          r"SPY inf, AGG inf"):
        backtest(compile_text(ZERO_VOL))


def test_the_cli_exits_1_with_the_message_and_no_traceback(tmp_path):
    path = tmp_path / "zero_vol.rbl"
    path.write_text(ZERO_VOL)
    result = CliRunner().invoke(app, ["backtest", str(path)])
    assert result.exit_code == 1
    assert "not finite" in result.output and "guard it" in result.output
    assert "Traceback" not in result.output
