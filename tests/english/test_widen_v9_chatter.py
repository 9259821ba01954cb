"""The offline reader widened by chatter family (issue 17, v9 batch): the words around a strategy that carry no fact --
typos of words the rules read, figures told as history or refused, hand-over and life context, document furniture.
Each test gives phrasings of one family that are not dev cases, and a chatter-looking sentence that carries a limit is
still read or asked."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- typos of words the rules read (the typo map in normalize.py) ----------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60 / BND 40, chek it every wensday and rebalance if somthing is more than 4 pts off.",
    "i wnat 60% VTI and 40% BND, chek it every wednsday, rebalance only if somehting is 4 points off.",
])
def test_typos_of_a_weekday_check_are_read(english):
    rbl = rbl_of(english)
    assert "check weekly on wednesday" in rbl and "when drift > 4pp" in rbl


@pytest.mark.parametrize("english", [
    "VTI 70, BND 30, rebalance on the first trading day of each monht.",
    "i wnat VTI 70% and BND 30% and rebalnce once a quater.",
])
def test_typos_of_a_calendar_are_read(english):
    assert "when monthly" in rbl_of(english) or "when quarterly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "equal wieght these funds VTI VEA VWO and rebalance every quarter.",
    "I want to equal weight these stocks: KO, PEP and MCD, rebalanced monthly.",
])
def test_equal_weight_before_a_named_group_is_the_scheme(english):
    assert "target: equal weight" in rbl_of(english)


# ---- a figure told as history, refused or disowned ---------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% VTI, 40% BND, rebalanced quarterly. My previous broker charged 9 usd a trade, glad that's over.",
    "VTI 60 BND 40 quarterly; our former adviser charged 1.5% a year, which is why we moved.",
])
def test_a_past_providers_fee_is_no_cost(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "60% VTI, 40% BND, rebalanced monthly. The client turned down the 0.9% advisory fee.",
    "VTI 60 / BND 40 monthly. We declined the 1% wrap fee; commission is 2 bps.",
])
def test_a_declined_fee_is_no_cost(english):
    rbl = rbl_of(english)
    assert "1%" not in rbl and "0.9%" not in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "SPY 60% TLT 40%, rebalance monthly. It was a 15% drift band at my previous firm, far too loose.",
    "SPY 60% TLT 40%, rebalance monthly. We ran a 10% vol target at my last job.",
])
def test_a_setting_from_an_old_job_is_not_the_strategys(english):
    rbl = rbl_of(english)
    assert "drift" not in rbl and "vol(" not in rbl


@pytest.mark.parametrize("english", [
    "VTI 50%, VXUS 20%, BND 30%, rebalanced quarterly. The stamp duty I pay on deposits is 0.5% but that is not part of "
    "the strategy.",
    "VTI 50%, VXUS 20%, BND 30%, rebalanced quarterly. My platform takes 0.3% a year; not relevant to the strategy.",
])
def test_a_figure_disowned_by_its_sentence_is_skipped(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "when quarterly" in rbl


def test_a_current_fee_is_still_a_cost():
    # no history or disclaimer: the broker's fee is the strategy's cost
    rbl = rbl_of("60% VTI, 40% BND, rebalanced quarterly. My broker charges 5 usd a trade.")
    assert "commission 5 USD per order" in rbl


@pytest.mark.parametrize("english", [
    "SPY 50 / TLT 50, rebalance when anything is 5% off, checked daily, but at most once every 20 days. my wife hates "
    "seeing 30 trades a year haha",
    "SPY 50 / TLT 50, rebalance when anything is 5% off, checked daily, but at most once every 20 days. My tax guy "
    "complains about all the little trades.",
])
def test_someones_feelings_about_trading_set_no_limit(english):
    assert "days since rebalance >= 20" in rbl_of(english)


# ---- hand-over and life context ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Passing the income portfolio over to you while I'm away on maternity leave. SCHD 60%, BND 40%, rebalanced monthly.",
    "Handing my account over to Lee, I'll be out on sick leave until June. VTI 70% BND 30%, quarterly rebalance.",
])
def test_a_hand_over_is_chatter(english):
    rbl = rbl_of(english)
    assert "target:" in rbl


@pytest.mark.parametrize("english", [
    "Our policy is 60% VTI and 40% BND, rebalanced on the first trading day of each quarter. I've served on this "
    "committee for 15 years and we have never missed a rebalance.",
    "We have sat on the board 30 years. The scheme holds 50% SPY and 50% AGG, rebalanced annually.",
])
def test_a_tenure_is_chatter(english):
    assert "target:" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Sorry if this is a stupid question, but can I hold 60% VTI and 40% BND and rebalance every quarter?",
    "Everyone groans when I say this, but I hold 50% SPY and 50% GLD, rebalanced monthly.",
    "We're 45 now, so 60% VTI and 40% BND, rebalanced yearly.",
    "Please keep equal weights in the three funds my late husband picked: VTI, VEA and BND, rebalanced every year.",
])
def test_asides_about_the_writer_are_chatter(english):
    assert "target" in rbl_of(english)


def test_an_age_beside_a_weight_is_not_skipped():
    # 'we're 60 in VTI' is a weight, not an age: never skipped as one (here it is asked about)
    assert "we're 60 in VTI" in question_of("We're 60 in VTI and 40 in BND, rebalanced yearly.")
