"""The language of aggregates over the holdings (`sum of drift`, `count of (drift > its band)`) and of
`bars since rebalance`: parsing, canonical text, types, and the errors of their misuse."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rbl.backends.mql5.emit import emit_mql5
from rbl.backends.numpy import backtest
from rbl.dsl import ir
from rbl.dsl.compiler import compile_source
from rbl.dsl.diagnostics import render
from rbl.dsl.fmt import format_source, format_strategy
from rbl.dsl.source import SourceFile
from tests.lang.helpers import HEAD, codes, diagnose, rebalance


def compiled(body: str):
    return compile_source(SourceFile("t.rbl", HEAD + body))


def when_of(text: str) -> ir.Expr:
    return compiled(rebalance(f"when {text}")).strategy.rebalance.when


def test_an_aggregate_binds_like_unary_minus():
    when = when_of("sum of drift / 2 > 2pp")
    assert isinstance(when.left, ir.Arith) and isinstance(when.left.left, ir.Aggregate)
    assert when.left.left.op is ir.AggregateOp.SUM and when.left.left.operand.series is ir.Series.DRIFT


def test_max_of_and_min_of_are_aggregates_and_max_of_two_values_stays_a_call():
    assert when_of("max of drift > 5pp").left.op is ir.AggregateOp.MAX
    assert when_of("min of weight < 1%").left.op is ir.AggregateOp.MIN
    assert isinstance(when_of("max(drift, 1pp) > 5pp").left, ir.Call)
    assert compiled(rebalance("when drift > 5pp")).ok          # the per-asset 'any holding' rule


def test_count_of_takes_a_condition_in_parentheses():
    when = when_of("count of (drift > 3pp) >= 2")
    assert when.left.op is ir.AggregateOp.COUNT and isinstance(when.left.operand, ir.Compare)


def test_bars_since_rebalance_compares_with_a_count_or_a_window():
    assert isinstance(when_of("bars since rebalance >= 20").left, ir.SinceRebalance)
    assert codes(rebalance("when bars since rebalance >= 4 weeks")) == []
    assert codes(rebalance("when drift > 5pp and bars since rebalance >= 20")) == []


def test_days_since_rebalance_is_a_plain_number_of_calendar_days():
    assert when_of("days since rebalance >= 30").left.unit == "days"
    assert codes(rebalance("when days since rebalance >= 30 days")) == ["E0302"]
    assert codes(rebalance("when days since rebalance > 2 * bars since rebalance")) == ["E0302"]
    result = compiled(rebalance("when drift > 5pp and days since rebalance >= 30"))
    assert "days since rebalance >= 30" in format_source(result.source)


def test_names_that_begin_with_the_new_words_stay_names():
    body = "let summary = 1\nlet counted = 2\nlet means = 3\nlet barsX = 4\n" + \
        rebalance("when summary + counted + means + barsX > 0")
    assert codes(body) == []


def test_the_canonical_text_keeps_the_meaning():
    for text in ["sum of drift / 2 > 2pp", "2 * mean of abs(weight - target) > 1pp",
                 "count of (drift > 3pp and weight > 10%) >= 2", "-min of drift < 0pp",
                 "(mean of return(price, 2 days))[1] > 0% or bars since rebalance > 5", "sum of (drift * 2) > 1pp"]:
        result = compiled(rebalance(f"when {text}"))
        assert result.ok, (text, [d.message for d in result.diagnostics])
        once = format_source(result.source)
        again = compile_source(SourceFile("t.rbl", once))
        assert again.strategy.model_dump(mode="json") == result.strategy.model_dump(mode="json")
        assert format_source(SourceFile("t.rbl", once)) == once
        assert format_strategy(again.strategy) == format_strategy(result.strategy)


def test_an_aggregate_may_list_its_holdings():
    when = when_of("sum of drift in AGG, SPY > 2pp")
    assert when.left.assets == ("AGG", "SPY") and when.left.op is ir.AggregateOp.SUM
    result = compiled(rebalance("when min((mean of drift in SPY, AGG), 1pp) > 0pp"))
    assert result.ok
    text = format_source(result.source)
    assert "when min((mean of drift in SPY, AGG), 1pp) > 0pp" in text
    assert compile_source(SourceFile("t.rbl", text)).strategy.model_dump(mode="json") == \
        result.strategy.model_dump(mode="json")
    assert codes(rebalance("when sum of drift in SPY, QQQ > 2pp")) == ["E0203"]


def test_an_aggregate_is_one_value_per_bar_and_takes_its_operands_unit():
    assert codes(rebalance("check sum of drift > 5pp")) == []
    assert codes(rebalance("when sum of drift > 5%")) == ["E0301"]
    assert codes(rebalance("when sum of drift > 50 bps")) == ["E0302"]
    assert codes(rebalance("when count of (drift > 1pp) > 1pp")) == ["E0304"]
    # W0417 only: 1 / count has no upper bound (the count can be 0) and no 'max leverage' caps it
    assert codes("exposure 1 / count of (price > sma(price, 20 days))\n" + rebalance("when true")) == ["W0417"]


def _one(body: str):
    (d,) = diagnose(body)
    return d, render(SourceFile("t.rbl", HEAD + body), d)


def test_an_aggregate_of_one_value_per_bar_is_refused_with_a_caret_and_help():
    d, text = _one(rebalance("when sum of SPY > 2"))
    assert d.code == "E0212" and "one value per bar" in d.message
    assert "t.rbl:9:17" in text and "^^^" in text and "help: aggregate a per-asset series" in text


def test_count_of_a_number_and_sum_of_a_condition_are_refused():
    d, text = _one(rebalance("when count of drift > 2"))
    assert d.code == "E0303" and "count of (drift > its band)" in text
    d, _ = _one(rebalance("when sum of (drift > 1pp) > 2"))
    assert d.code == "E0303" and "count of" in d.help


def test_an_indicator_name_before_of_is_not_an_aggregate():
    d, text = _one(rebalance("when sma of drift > 1pp"))
    assert d.code == "E0204" and "'sum of', 'mean of', 'max of', 'min of' and 'count of'" in text


def test_bars_since_rebalance_inside_a_window_or_lag_is_refused():
    assert codes(rebalance("when sma(SPY, 5 days) > SPY and (bars since rebalance)[1] > 3")) == ["E0210"]


def test_aggregates_and_bars_since_rebalance_are_read_per_sleeve_in_a_sleeves_when():
    """(tests/lang/test_sleeve_aggregates.py says where they are refused)"""
    body = ('asset MSFT column "MSFT" symbol "MSFT"\nsleeve core 70%:\n    target:\n        SPY 60%\n'
            '        AGG 40%\n    rebalance:\n        when sum of drift > 5pp\nsleeve sat 30%:\n    target:\n'
            '        MSFT 100%\n    rebalance:\n        when bars since rebalance > 20\n')
    assert codes(body) == []


# ---- properties: generated expressions parse, print back to themselves, and both backends run --------
OPERANDS = ["drift", "weight", "target", "price", "abs(weight - target)", "return(price, 2 days)",
            "(drift * 2)", "-drift"]
CONDITIONS = ["(drift > 1pp)", "(weight >= target)", "(price > sma(price, 3 days))", "(drift > 1pp or weight < 5%)"]


@st.composite
def aggregate_rules(draw) -> str:
    op = draw(st.sampled_from(["sum", "mean", "max", "min"]))
    operand = draw(st.sampled_from(OPERANDS))
    left = f"count of {draw(st.sampled_from(CONDITIONS))}" if draw(st.booleans()) else f"{op} of {operand}"
    if draw(st.booleans()):
        left = f"({left} in {draw(st.sampled_from(['SPY', 'AGG', 'SPY, AGG', 'AGG, SPY']))})"
    scale = draw(st.sampled_from(["", " / 2", " * 3", " + 0", " - 1"]))
    unit = "" if left.startswith("count") else ("" if operand.startswith(("price", "return")) else "pp")
    rhs = f"{draw(st.integers(0, 5))}{unit}"
    rule = f"{left}{scale} > {rhs}"
    if draw(st.booleans()):
        rule += f" {draw(st.sampled_from(['and', 'or']))} bars since rebalance >= {draw(st.integers(0, 4))}"
    return rule


PRICES = pd.DataFrame({"SPY": [100.0 + 3 * (i % 5) - i * 0.5 for i in range(12)],
                       "UST10": [100.0 + (i % 3) for i in range(12)]},
                      index=pd.bdate_range("2020-01-06", periods=12))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aggregate_rules())
def test_generated_rules_round_trip_and_what_check_accepts_both_backends_run(rule):
    result = compiled(rebalance(f"when {rule}"))
    assert result.diagnostics == [] or not result.ok
    if not result.ok:           # a mismatch of units: a diagnostic, never an exception
        assert all(d.code.startswith("E03") for d in result.diagnostics), rule
        return
    once = format_source(result.source)
    again = compile_source(SourceFile("t.rbl", once))
    assert again.strategy.model_dump(mode="json") == result.strategy.model_dump(mode="json")
    backtest(result.checked, PRICES)
    assert "RblWhen" in emit_mql5(result.checked)
