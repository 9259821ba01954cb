"""Issue 17, part 2: one ordinary word around a construct the language has no longer ends in a refusal;
what is understood except one phrase becomes a question naming the phrase. Each case failed first."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.front import translate

BASE = "60% SPY, 40% TLT, rebalance monthly"
BANDED = "60% SPY, 40% TLT, rebalance when any asset drifts over 5pp"


@pytest.mark.parametrize("english, expected", [
    # approval before trading
    (f"{BASE}, but I want to approve every trade before it goes in.", "mode alert"),
    (f"{BASE}. Ask me before trading.", "mode alert"),
    (f"{BASE}. Let me approve trades first.", "mode alert"),
    (f"{BASE}. Needs my approval before any order.", "mode alert"),
    (f"{BASE}. Nothing trades without my sign-off.", "mode alert"),
    # a leverage cap
    (f"{BASE}, leverage never above 1.5x.", "max leverage 1.5x"),
    (f"{BASE}, keep leverage under 1.5x.", "max leverage 1.5x"),
    (f"{BASE}, don't use more than 1.5x leverage.", "max leverage 1.5x"),
    (f"{BASE}, cap leverage at 2x.", "max leverage 2x"),
    (f"{BASE}; gross leverage limited to 1.2x.", "max leverage 1.2x"),
    # back to the band edge only
    (f"{BANDED}, bring it back just inside the band.", "to band edge"),
    (f"{BANDED}, only trade back to the band edge, not all the way to target.", "to band edge"),
    (f"{BANDED}; when it trades, stop at the edge of the band rather than the target.", "to band edge"),
    # a comparison with a cash proxy
    ("Hold SPY if its 12-month return beats BIL, otherwise hold TLT. Check monthly.",
     "SPY 100% while return(price, 12 months) > return(BIL, 12 months) else TLT"),
    ("Hold SPY when its 12-month return is better than T-bills, otherwise bonds. Monthly.",
     "SPY 100% while return(price, 12 months) > return(TBILL, 12 months) else BONDS"),
    ("Own QQQ while its 6-month return outperforms SHV, else TLT, rebalance monthly.",
     "QQQ 100% while return(price, 6 months) > return(SHV, 6 months) else TLT"),
    # the nth day of a month
    ("60% SPY, 40% TLT, rebalance on the last business day of each month.", "last trading day of month"),
    ("60% SPY, 40% TLT, rebalance on the 10th trading day each month.", "10th trading day of month"),
    ("60% SPY, 40% TLT, rebalance on the 2nd business day of the month.", "2nd trading day of month"),
    # a per-asset range written beside the weight
    ("SPY 60% with a range of 55 to 65, TLT 40% with a range of 35 to 45.", "SPY 5pp"),
    ("60% SPY (range 55-65%), 40% TLT (range 35-45%).", "TLT 5pp"),
    ("SPY 60% (55% to 65%), TLT 40% (35% to 45%).", "SPY 5pp"),
    # a group of funds named by what they are
    ("Equal weight my bond funds: IEF, TLT and AGG, rebalance quarterly.", "equal weight IEF, TLT, AGG"),
    ("Split evenly across the tech names AAPL, MSFT and AMD, monthly.", "equal weight AAPL, MSFT, AMD"),
    ("60% in equities, 40% in fixed income, rebalance annually.", "BONDS 40%"),
    ("Hold my three ETFs, SPY, TLT and GLD, equally weighted, rebalanced quarterly.", "equal weight SPY, TLT, GLD"),
])
def test_an_ordinary_word_around_a_construct_is_read(english, expected):
    t = translate(english, offline=True)
    assert t.rbl is not None, t.question or t.error
    assert expected in t.rbl
    compile_text(t.rbl)


def test_a_group_label_is_listed_as_an_assumption():
    t = translate("Equal weight my bond funds: IEF, TLT and AGG, rebalance quarterly.", offline=True)
    assert any("'my bond funds' read as IEF, TLT and AGG" in a for a in t.assumptions), t.assumptions


def test_a_leverage_cap_said_with_under_is_said_as_at_most():
    t = translate(f"{BASE}, keep leverage under 1.5x.", offline=True)
    assert any("at most 1.5x" in a for a in t.assumptions), t.assumptions


@pytest.mark.parametrize("english, phrase", [
    ("60% SPY, 40% TLT, rebalance on the 5th of each month.", "the 5th of each month"),
    ("60% SPY, 40% TLT, rebalance monthly, but only when the market is calm.", "calm"),
    ("Put 60% in the growth bucket and 40% in TLT, rebalance monthly.", "growth bucket"),
])
def test_one_phrase_not_understood_is_a_question_naming_it(english, phrase):
    t = translate(english, offline=True)
    assert t.rbl is None and t.question is not None, t.error
    assert phrase in t.question


# ---- never silently wrong: near misses of the new phrasings end in a question or a refusal ----------

@pytest.mark.parametrize("english", [
    "Hold SPY if its price beats BIL, otherwise hold TLT. Check monthly.",       # 'beats' on a price
    "SPY 60% (70% to 80%), TLT 40%, rebalance monthly.",                          # a range without its weight
    "SPY 60% (50% to 65%), TLT 40% (35% to 45%).",                                # off-centre range
    "Hold my 3 ETFs, SPY and TLT, equally weighted, rebalanced quarterly.",       # count disagrees
    "60% SPY, 40% TLT, rebalance on the 5th of each month.",                      # a calendar date
    "Sell everything if down 20%, otherwise hold.",                               # no assets
    "Put 60% in the growth bucket and 40% in TLT, rebalance monthly.",            # a share of a name
    "60% SPY, 40% TLT, rebalance monthly, but only when the market is calm.",     # an unknown clause
    "60% SPY, 40% TLT, rebalance when any asset drifts too far, bring it back inside the band.",
])
def test_near_misses_are_never_a_strategy(english):
    t = translate(english, offline=True)
    assert t.rbl is None, t.rbl
    assert t.question or t.error


def test_every_dev_case_of_round_2_is_its_intended_strategy_or_its_question():
    from rbl.dsl.english.evalset import load_cases
    from rbl.dsl.english.evaluate import evaluate, offline_translator

    cases = [c for c in load_cases() if c.id.startswith("r2-")]
    assert len(cases) >= 51
    score = evaluate(offline_translator, "offline", cases, backtests=False)
    assert score.ir_equal == score.strategies == score.parsed
    assert score.asked == sum(c.question is not None for c in cases)


@pytest.mark.parametrize("english", [
    "70/30 with VTI for stocks and BND for bonds, rebalanced once a year.",
    "Stocks in VTI, bonds in BND, split 70/30, rebalanced once a year.",
    "70% VTI as the stock part and 30% BND as the bond part, rebalanced once a year.",
])
def test_a_class_bound_to_its_fund_by_in_or_for_is_that_fund(english):
    t = translate(english, offline=True)
    assert t.rbl is not None, t.question or t.error
    assert "VTI 70%" in t.rbl and "BND 30%" in t.rbl and "STOCKS" not in t.rbl
    assert any("read as VTI" in a for a in t.assumptions), t.assumptions
