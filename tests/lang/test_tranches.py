"""`trade over N bars` in the front end: parsed into the rebalance rule, formatted back, explained, and the
counts and places the checker refuses."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.explain import explain
from rbl.dsl.fmt import format_strategy
from tests.lang.helpers import HEAD, codes, rebalance


def test_trade_over_sets_the_tranches_of_the_rebalance_rule():
    checked = compile_text(HEAD + rebalance("check daily", "when drift > 5pp", "trade over 5 bars"))
    assert checked.strategy.rebalance.tranches == 5
    assert "tranches" not in compile_text(HEAD + rebalance("check monthly")).strategy.model_dump()["rebalance"]


@pytest.mark.parametrize("written, canonical", [("trade over 5 days", "trade over 5 bars"),
                                                ("trade over 2 bars", "trade over 2 bars")])
def test_fmt_writes_it_in_bars_and_is_a_fixed_point(written, canonical):
    text = format_strategy(compile_text(HEAD + rebalance("check daily", "when drift > 5pp", written)).strategy)
    assert f"    {canonical}" in text.splitlines()
    assert format_strategy(compile_text(text).strategy) == text


def test_it_is_explained_with_the_rule_of_a_new_decision():
    text = explain(compile_text(HEAD + rebalance("check daily", "when drift > 5pp", "trade over 5 bars")).strategy)
    assert "in 5 equal slices, on the decision bar and the 4 bars after it (a new decision replaces" in text


@pytest.mark.parametrize("rule, code", [("trade over 0 bars", "E0409"), ("trade over 251 bars", "E0409")])
def test_the_count_must_be_one_to_250_bars(rule, code):
    assert code in codes(rebalance("check daily", rule))


def test_trade_over_one_bar_is_trading_at_once():
    once = compile_text(HEAD + rebalance("check daily", "when drift > 5pp", "trade over 1 bar")).strategy
    assert once.model_dump() == compile_text(HEAD + rebalance("check daily", "when drift > 5pp")).strategy.model_dump()
