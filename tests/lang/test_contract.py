"""The contract of `rbl check`: what it accepts, both backends run. Strategies made by mutating every
example (with the words of the language, the new constructs among them) either fail `rbl check` with
diagnostics, or backtest on the bundled data and compile to an EA; 'check passes, a backend refuses'
must not happen. Failures of the data (a column the mutation renamed) are not the contract's."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from rbl.backends.mql5.verify import emit_for_data
from rbl.backends.numpy import backtest
from rbl.backends.numpy.readers import DataError
from rbl.dsl.compiler import compile_source
from rbl.dsl.source import SourceFile
from tests.lang.helpers import mutated
from tests.lang.test_properties import TEXTS

WORDS = ["sum of drift", "mean of weight", "max of drift", "count of (drift > 1pp)", "bars since rebalance",
         "days since rebalance", " in SPY", "(sum of drift in SPY, AGG)", " / 2", "3pp", "20", "and", "or",
         "max weight 40%, excess to other assets\n", "max weight SPY 30%\n", "drift", "price", "weight",
         "target", "return(price, 20 days)", "if", "then", "else", "not", "(", ")", "[1]", "5%", "monthly",
         'signal SENT column "SENTIMENT" stale after 2 bars\n', "SENT", "sma(SENT, 5 days)", "SENT[2] > 0",
         "    trade over 3 bars\n"]
RUNS = settings(max_examples=int(os.environ.get("RBL_CONTRACT", "25")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@RUNS
@given(mutated(TEXTS, WORDS))
def test_what_check_accepts_both_backends_run(text):
    result = compile_source(SourceFile("m.rbl", text))
    if not result.ok:
        assert result.diagnostics
        return
    try:
        backtest(result.checked, end="2001-12-31")
    except DataError:                   # a renamed data column is the data's failure, not the contract's
        return
    emit_for_data(result.checked, result.source)     # on the timeframe of its data (H1 for intraday)
