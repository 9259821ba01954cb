"""Scoring a translation by backtest: the synthetic panel is long enough for any strategy's warm-up."""

from __future__ import annotations

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.equivalence import backtest_equivalent

LONG_WARMUP = """rbl 1
strategy "Trend"
asset SPY column "SPY" symbol "SPY.US"
asset AGG column "AGG" symbol "AGG.US"
target:
    if return(SPY, 5 years) > 0:
        SPY 60%
        AGG 40%
    else:
        SPY 20%
        AGG 80%
"""


def test_a_warm_up_longer_than_the_default_panel_is_scored_not_an_error():
    checked = compile_text(LONG_WARMUP)
    assert checked.warmup_bars > 900
    assert backtest_equivalent(checked, checked) is True
