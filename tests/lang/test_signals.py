"""`signal NAME column "C" [stale after N bars]` in the front end: parsed to the IR, formatted back the same,
explained, and what the checker refuses."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.fmt import format_strategy
from rbl.dsl.check.warmup import signal_reach
from tests.lang.helpers import codes

HEAD = '''rbl 1
strategy "s"
asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"
'''
TARGET = "target:\n    if SENT > 0:\n        SPY 60%\n        AGG 40%\n    else:\n        SPY 40%\n        AGG 60%\n"


def test_a_signal_is_a_plain_number_in_the_ir():
    checked = compile_text(HEAD + 'signal SENT column "news_sentiment" stale after 3 bars\n' + TARGET)
    (signal,) = checked.strategy.signals
    assert (signal.name, signal.column, signal.stale_bars) == ("SENT", "news_sentiment", 3)


@pytest.mark.parametrize("written, canonical", [
    ('signal SENT column "x"', 'signal SENT column "x"'),
    ('signal SENT column "x" stale after 1 day', 'signal SENT column "x" stale after 1 bar'),
    ('signal SENT column "x" stale after 0 bars', 'signal SENT column "x"'),
    ('signal SENT column "x" stale after 5 days', 'signal SENT column "x" stale after 5 bars'),
])
def test_fmt_writes_one_canonical_line_and_is_a_fixed_point(written, canonical):
    text = format_strategy(compile_text(HEAD + written + "\n" + TARGET).strategy)
    assert canonical in text.splitlines()
    assert format_strategy(compile_text(text).strategy) == text


def test_a_strategy_without_signals_dumps_as_before():
    assert "signals" not in compile_text(HEAD + "target:\n    SPY 60%\n    AGG 40%\n").strategy.model_dump()


@pytest.mark.parametrize("use", [
    "sma(SENT, 5 days) > 0", "SENT[3] > SENT", "max(SENT, 0) > 0.5", "percentile(SENT, 20 days) > 50%",
])
def test_a_signal_reads_wherever_a_number_does(use):
    compile_text(HEAD + 'signal SENT column "x"\n' + TARGET.replace("SENT > 0", use))


def test_its_reach_is_counted_as_the_warm_up_counts_windows_and_lags():
    text = HEAD + 'signal SENT column "x"\nsignal UNUSED column "y"\nlet m = sma(SENT, 5 days)\n' + \
        TARGET.replace("SENT > 0", "m[2] > 0 and SENT > 0")
    assert signal_reach(compile_text(text).strategy) == {"SENT": 7}


@pytest.mark.parametrize("body, code", [
    ('signal SENT column "x"\ntarget:\n    SPY 60%\n    SENT 40%\n', "E0213"),
    ('signal SENT column "x"\ntarget:\n    equal weight SPY, SENT\n', "E0213"),
    ('signal SENT column "x"\nbenchmark SENT\n' + TARGET, "E0213"),
    ('signal SENT column "x"\n' + TARGET.replace("SENT > 0", "vol(SENT, 20 days) > 10%"), "E0213"),
    ('signal SENT column "x"\nlet r = drawdown(SENT, 20 days)\n' + TARGET.replace("SENT > 0", "r > 10%"), "E0213"),
    ('signal SENT column "SPY"\n' + TARGET, "E0213"),
    ('signal SPY column "x"\n' + TARGET.replace("SENT", "SPY"), "E0201"),
    ('signal SENT column "x" stale after 5001 bars\n' + TARGET, "E0409"),
])
def test_what_a_signal_cannot_be(body, code):
    assert code in codes(body, HEAD)


def test_a_signal_named_like_an_asset_is_one_error_not_a_claim_that_the_asset_is_a_signal():
    assert codes('signal SPY column "x"\ntarget:\n    SPY 60%\n    AGG 40%\n', HEAD) == ["E0201"]


@pytest.mark.parametrize("declaration", ['signal S column ""', 'asset X column "" symbol "X"', 'asset X column "X" symbol ""'])
def test_an_empty_column_or_symbol_is_a_check_error_not_a_data_error_at_run_time(declaration):
    assert codes(declaration + "\n" + TARGET.replace("SENT", "SPY"), HEAD) == ["E0409"]
