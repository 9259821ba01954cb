"""The front-end bugs of issue 12, one test each, written before its fix."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_source
from rbl.dsl.diagnostics import render_all
from rbl.dsl.source import SourceFile
from tests.lang.helpers import HEAD, codes, diagnose, rebalance

# Names that begin with a keyword (max, weight, return, monthly, price, vol, true, week, ...).
KEYWORD_PREFIXED = ["max_drift", "weighted", "return12", "monthly_mom", "priceX", "volume", "true_level",
                    "weekly_band", "its", "daysx", "first_band", "top_n", "sma_gap", "drifty", "percentage"]


@pytest.mark.parametrize("name", KEYWORD_PREFIXED)
def test_a_name_that_begins_with_a_keyword_can_be_declared_and_used(name):
    assert codes(f"let {name} = 5pp\n" + rebalance("check daily", f"when drift > {name}")) == []


def test_a_name_that_begins_with_a_keyword_works_in_a_function_argument_and_a_weight():
    body = ("let volume = return(SPY, 12 months)\nlet weighted = 60%\n"
            "target:\n    SPY weighted\n    AGG 100% - weighted\n" +
            rebalance("check daily", "when volume > 0% and drift > 5pp", target=""))
    assert codes(body) == []


@pytest.mark.parametrize("side", ["top", "bottom"])
def test_a_selection_scheme_can_be_the_indented_line_of_a_target_block(side):
    target = f"target:\n    {side} 1 by return(price, 6 months) of SPY, AGG\n"
    assert codes(rebalance("check monthly", target=target)) == []


@pytest.mark.parametrize("side", ["top", "bottom"])
def test_a_selection_scheme_can_be_a_branch_of_an_if_in_the_targets(side):
    target = (f"target:\n    if SPY > sma(SPY, 200 days):\n        {side} 1 by return(price, 6 months) of SPY, AGG\n"
              "    else:\n        AGG 100%\n")
    assert codes(rebalance("check monthly", target=target)) == []


def test_a_number_in_the_condition_of_an_inline_conditional_weight_is_not_a_weight():
    target = ("target:\n    SPY if vol(SPY, 20 days) > 20% then 40% else 60%\n"
              "    AGG if vol(SPY, 20 days) > 20% then 60% else 40%\n")
    assert codes(rebalance("check monthly", target=target)) == []


def test_a_window_inside_a_computed_weight_is_not_a_weight():
    target = "target:\n    SPY min(60%, 10% / vol(SPY, 20 days))\n    AGG 40%\n"
    assert "E0402" not in codes(rebalance("check monthly", target=target))


def test_an_outcome_of_an_inline_conditional_weight_is_still_range_checked():
    target = ("target:\n    SPY if vol(SPY, 20 days) > 20% then 140% else 60%\n"
              "    AGG if vol(SPY, 20 days) > 20% then -40% else 40%\n")
    found = diagnose(rebalance("check monthly", target=target))
    assert sorted(d.message for d in found if d.code == "E0402") == \
        ["weight -40% is out of range", "weight 140% is out of range"]


@pytest.mark.parametrize("when, code, caret", [
    ("when drift[1] > 5pp", "E0210", "drift"),
    ("when percentile(drift, 20 days) > 80%", "E0210", "drift"),
    ("when vol(portfolio, 60 days) > 20%", "E0210", "portfolio"),
    ("when sma(weight, 20 days) > 60%", "E0210", "weight"),
    ("when return(drawdown(portfolio), 5 days) > 1%", "E0210", "portfolio"),
    ("when portfolio > basket", "E0211", "portfolio"),
])
def test_what_both_backends_refuse_is_a_check_error(when, code, caret):
    [d] = diagnose(rebalance("check daily", when))
    assert d.code == code and d.help
    assert (HEAD + rebalance("check daily", when))[d.span.start:d.span.end] == caret


def test_a_let_built_from_drift_inside_a_window_is_refused_at_its_use():
    [d] = diagnose("let gap = drift\n" + rebalance("check daily", "when sma(gap, 20 days) > 5pp"))
    assert d.code == "E0210" and "'gap'" in d.message


def test_market_data_in_windows_and_drawdown_of_portfolio_stay_accepted():
    assert codes(rebalance("check daily", "when sma(price, 20 days)[1] > price and drawdown(portfolio) < 10%",
                           "when drift > 5pp")) == []


@pytest.mark.parametrize("levels", [80, 500])
def test_deep_nesting_is_a_diagnostic_not_a_crash(levels):
    expr = "if SPY > 1 then " * levels + "60%" + " else 60%" * levels
    found = codes(f"target:\n    SPY {expr}\n    AGG 40%\n")
    assert found == ["E0105"] if levels == 500 else "E0105" not in found


def test_block_ifs_nested_500_deep_are_a_diagnostic():
    lines, pad = [], "    "
    for i in range(500):
        lines.append(f"{pad * (i + 1)}if SPY > {i}:")
    lines += [f"{pad * 501}SPY 60%", f"{pad * 501}AGG 40%"]
    for i in reversed(range(500)):
        lines += [f"{pad * (i + 1)}else:", f"{pad * (i + 2)}SPY 60%", f"{pad * (i + 2)}AGG 40%"]
    assert codes("target:\n" + "\n".join(lines) + "\n") == ["E0105"]


def test_a_huge_line_with_an_error_at_its_end_renders_a_window_around_the_caret():
    source = SourceFile("t.rbl", HEAD + "let x = " + " + ".join(["1%"] * 20_000) + " +\n")
    rendered = render_all(source, compile_source(source).diagnostics)
    assert "E0101" in rendered and len(rendered) < 1_000
    assert "…" in rendered


def test_lets_that_share_parts_are_looked_into_once():
    lets = "let x0 = drift\n" + "".join(f"let x{i} = x{i - 1} + x{i - 1}\n" for i in range(1, 40))
    [d] = diagnose(lets + rebalance("check daily", "when sma(x39, 20 days) > 5pp"))
    assert d.code == "E0210" and "'x39' (built from 'x38' (built from" not in d.message


@pytest.mark.parametrize("when, expected", [("when portfolio > 100000 USD", "E0211"),
                                             ("when drift > 5pp and 100 USD < 50 USD", None)])
def test_a_money_amount_inside_an_expression_is_a_value_not_an_internal_error(when, expected):
    found = codes(rebalance("check daily", when))
    assert (expected in found) if expected else found == []
