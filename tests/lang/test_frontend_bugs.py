"""The front-end bugs of issue 12, one test each, written before its fix."""

from __future__ import annotations

import pytest

from tests.lang.helpers import codes, diagnose, rebalance

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
