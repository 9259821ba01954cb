"""Signals read inside sleeves (docs/semantics.md, *Signals*): a stale value in any sleeve's rules or
target makes the whole strategy's decision wait, hand-computed on a few bars."""

from __future__ import annotations

import math

from rbl.dsl.compiler import compile_text
from tests.backtest.tiny import run

NAN = math.nan
BODY = ("".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in "ABCD")
        + 'signal S column "S" stale after 0 bars\n'
        + "sleeve core 50%:\n    target:\n        A 50%\n        B 50%\n    rebalance:\n        when drift > 5pp\n"
        + "sleeve satellite 50%:\n    target:\n        if S > 0:\n            C 100%\n        else:\n"
        + "            D 100%\n    rebalance:\n        when drift > 1pp\n"
        + "rebalance:\n    when drift > 50pp\n")
PRICES = dict(A=[100, 150, 150, 150], B=[100] * 4, C=[100] * 4, D=[100] * 4)


def test_rbl_check_accepts_a_signal_read_in_a_sleeve():
    assert compile_text('rbl 1\nstrategy "tiny"\n' + BODY).strategy.signals[0].name == "S"


def test_a_stale_signal_in_one_sleeve_holds_every_sleeve_and_says_why():
    # bar 1: the core drifted 10pp (150:100) and would rebalance, but the satellite's S has no value
    # (stale after 0 bars): the whole decision waits; bar 2 decides both, the satellite turning to D
    result = run(BODY, S=[1.0, NAN, -1.0, -1.0], **PRICES)
    records = result.trace_records()
    assert [r.event for r in records] == ["INITIAL", "WAIT", "REBALANCE", "HOLD"]
    assert records[1].why.startswith("signal S") and records[1].orders == {}
    assert [t.bar for t in result.trades] == [0, 2]
    assert records[2].sleeves == "core:11,satellite:11"
    assert records[3].targets == {"A": 0.25, "B": 0.25, "C": 0.0, "D": 0.5}


def test_a_fresh_signal_lets_every_sleeve_decide_on_its_bar():
    result = run(BODY, S=[1.0, 1.0, -1.0, -1.0], **PRICES)
    assert [r.event for r in result.trace_records()] == ["INITIAL", "REBALANCE", "REBALANCE", "HOLD"]
