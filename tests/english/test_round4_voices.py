"""Round 4 of the offline reader (issue 17): facts said where they stand, in the voices of the blind v4/v5 batches.
Each test names the construct family, with phrasings of its own (not the batch's sentences)."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import rbl_of


def test_compound_number_words_are_one_number():
    assert "SPY 75%" in rbl_of("Seventy-five percent SPY and twenty five percent TLT, rebalanced monthly.")


def test_the_same_weights_said_twice_are_one_target():
    assert "ACWI 80%" in rbl_of("80% ACWI and 20% IEF, monthly. To be clear, the weights are 80% ACWI and 20% IEF.")


def test_an_asset_given_two_weights_is_a_question():
    question = translate_offline("60% SPY and 40% IEF, monthly. Actually 70% SPY and 30% IEF.").question
    assert "two target weights" in question


@pytest.mark.parametrize("english, expected", [
    ("60% SPY, 40% IEF, monthly; gross exposure must not exceed 1.3 times equity at any time.", "max leverage 1.3x"),
    ("60% SPY, 40% IEF, monthly, and I'd put a hard ceiling on leverage at 1.4x.", "max leverage 1.4x"),
    ("60% SPY, 40% IEF, monthly. Our custodian prohibits margin borrowing.", "max leverage 1x"),
    ("60% SPY, 40% IEF, monthly. We can't use any borrowing in this account.", "max leverage 1x"),
])
def test_a_leverage_limit_said_in_any_order(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english, expected", [
    ("50/50 SPY IEF monthly, the fee at my broker is about 0.05% a trade.", "commission 5 bps"),
    ("50/50 SPY IEF monthly, commission 2 USD per order, slippage 3 bps.", "commission 2 USD per order"),
])
def test_a_cost_said_with_where_and_about(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("tail", [
    "All orders need sign-off from the client before they go out.",
    "Just send me the list of trades and I'll approve them.",
    "I'm not comfortable with the bot trading on its own yet.",
])
def test_approval_said_in_a_clause_of_its_own_words(tail):
    assert "mode alert" in rbl_of(f"60% SPY, 40% IEF, monthly. {tail}")


def test_approval_negated_is_not_approval():
    translation = translate_offline("60% SPY, 40% IEF, monthly. No need to approve the orders first.")
    assert translation.rbl is None or "mode alert" not in translation.rbl


@pytest.mark.parametrize("tail", [
    "If something leaves its 5-point band we only trade the positions that are outside their band.",
    "When one is more than 5pp off, fix only that one and leave the rest alone.",
])
def test_breached_only_said_in_words(tail):
    rbl = rbl_of(f"60% SPY, 40% IEF, checked daily. {tail}")
    assert "trade breached assets" in rbl and "drift > 5pp" in rbl


def test_band_edge_said_as_the_border_of_the_band():
    rbl = rbl_of("60% SPY, 40% IEF, checked daily, rebalance when one drifts more than 4 percentage points, but not "
                 "all the way back to target, only to the border of the band.")
    assert "to band edge" in rbl


def test_same_money_in_each_is_equal_weight():
    assert "equal weight SPY, QQQ, GLD" in rbl_of("I want the same money in each of SPY, QQQ and GLD, every quarter.")


def test_capitals_for_emphasis_are_no_tickers():
    rbl = rbl_of("60% SPY, 40% IEF, monthly. NEVER use margin.")
    assert "asset NEVER" not in rbl and "max leverage 1x" in rbl


def test_a_calendar_restated_beside_a_regime_schedule_is_no_check_cadence():
    # 'check monthly' would let the weekly branch fire only on monthly check days: the switch would never act
    rbl = rbl_of("60/40 SPY/AGG monthly. When the HMM says turbulent rebalance weekly, otherwise monthly.")
    assert "check" not in rbl and "when if market is turbulent then weekly on monday else monthly" in rbl


def test_another_calendar_beside_a_regime_schedule_is_a_question():
    question = translate_offline("60/40 SPY/AGG quarterly. When the HMM says turbulent rebalance weekly, otherwise "
                                 "monthly.").question
    assert "'quarterly'" in question
