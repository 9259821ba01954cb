"""Session 15 (mw-rules): the families the spent matched held-out set exposed, read by construct: a trend filter's
otherwise said in other words, ... Every phrasing here is in neither the dev set nor the matched set."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a trend filter's otherwise: the whole weight, flat, when it is checked, or the other side as its own clause ---
@pytest.mark.parametrize("english, line", [
    ("Own VTI only as long as it closes over its 150-day SMA, else all cash. Rebalance weekly.",
     "    VTI 100% while price > sma(price, 150 days) else CASH\n"),
    ("EWJ while it trades above the 100-day moving average, otherwise 100% in cash; monthly.",
     "    EWJ 100% while price > sma(price, 100 days) else CASH\n"),
])
def test_a_filter_whose_otherwise_puts_all_of_it_in_cash(english, line):
    assert line in rbl_of(english)


@pytest.mark.parametrize("english", [
    "hold IWM when it is above its 120-day sma, otherwise flat. check it weekly",
    "IWM as long as it's above its 120-day SMA, else stay on the sidelines. weekly rebalance",
])
def test_a_filter_whose_otherwise_is_flat_goes_to_cash(english):
    text = rbl_of(english)
    assert "    IWM 100% while price > sma(price, 120 days) else CASH\n" in text and "cash CASH" in text


@pytest.mark.parametrize("english", [
    "EEM while it's above its 12-month moving average at each month end, otherwise TLT.",
    "Hold EEM when it's above its 12-month SMA at month-end, else switch into TLT",
])
def test_a_filter_checked_at_month_end_keeps_its_otherwise_and_its_schedule(english):
    text = rbl_of(english)
    assert "    EEM 100% while price > sma(price, 12 months) else TLT\n" in text
    assert "    when last trading day of month\n" in text


@pytest.mark.parametrize("english", [
    "Hold GLD while it is above its 50-day SMA; when it's below, put the money in SHY. Weekly.",
    "own XLE as long as it's above its 50-day moving average, and once it drops under, rotate into SHY. rebalance weekly",
])
def test_the_other_side_said_as_its_own_clause_names_where_the_weight_goes(english):
    assert "100% while price > sma(price, 50 days) else SHY\n" in rbl_of(english)


# ---- regime weights by a condition: each branch's weights said ticker first -----------------------------------------
@pytest.mark.parametrize("english", [
    "Rebalance monthly. If SPY's 100-day SMA is over its 300-day SMA, run SPY 80 / AGG 20; else SPY 40 / AGG 60.",
    "monthly: when SPY's 100-day sma is above its 300-day sma: SPY 80%, AGG 20%, otherwise SPY 40%, AGG 60%",
])
def test_crossover_weights_said_ticker_first_are_two_branches(english):
    text = rbl_of(english)
    assert ("    if sma(SPY, 100 days) > sma(SPY, 300 days):\n        SPY 80%\n        AGG 20%\n"
            "    else:\n        SPY 40%\n        AGG 60%\n") in text


@pytest.mark.parametrize("english", [
    "Rebalance monthly. If SPY's 100-day SMA is over its 300-day SMA, run SPY 80 / AGG 10; else SPY 40 / AGG 60.",
    "monthly: when SPY's 100-day sma is above its 300-day sma: SPY 80 AGG 30, otherwise SPY 40 AGG 60",
])
def test_bare_branch_numbers_that_do_not_make_100_are_asked_about(english):
    assert "target weights" in question_of(english)


# ---- a one-letter ticker said inside a list of tickers ------------------------------------------------------------
@pytest.mark.parametrize("english, target", [
    ("Equal weight V, MA, PYPL and AXP, rebalanced quarterly.", "target: equal weight V, MA, PYPL, AXP\n"),
    ("monthly, equal weight across XOM, CVX, X and NUE", "target: equal weight XOM, CVX, X, NUE\n"),
    ("hold T, VZ and TMUS equally; quarterly", "target: equal weight T, VZ, TMUS\n"),
])
def test_a_one_letter_ticker_in_a_list_is_an_asset(english, target):
    text = rbl_of(english)
    assert target in text


@pytest.mark.parametrize("english", [
    "Plan B: SPY 60 / TLT 40, rebalance monthly.",
    "Option C for the account: 60% SPY and 40% TLT, monthly.",
])
def test_a_lone_capital_letter_outside_a_list_is_no_asset(english):
    assert "asset B" not in rbl_of(english) and "asset C" not in rbl_of(english)


# ---- drawdowns: 'DD' shorthand, the stop before its depth, the brake's exposure and its rest in cash ----------------
@pytest.mark.parametrize("english", [
    "VTI 70 BND 30, quarterly. If the DD reaches 30%, sell everything and stop trading.",
    "VTI 70 BND 30 rebalanced quarterly; max dd 30%",
])
def test_dd_is_drawdown(english):
    text = rbl_of(english)
    assert "    max drawdown 30%\n" in text and "asset DD" not in text


@pytest.mark.parametrize("english", [
    "DD 30%, DOW 30%, LYB 40%, rebalance quarterly",
    "quarterly: 40% LYB, 30% DOW, 30% DD",
])
def test_dd_as_a_weighted_ticker_stays_an_asset(english):
    text = rbl_of(english)
    assert "    DD 30%\n" in text and "drawdown" not in text.split("# In plain English")[0]


@pytest.mark.parametrize("english", [
    "IWM 50 / TLT 50 monthly, flatten everything at a 20% drawdown",
    "monthly 50/50 IWM/TLT; liquidate on a 20% fall from the peak and stop trading",
])
def test_the_stop_said_before_its_depth(english):
    assert "    max drawdown 20%\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 50 / AGG 50 monthly. If the account drops 10% from its peak, bring exposure down to 70% and keep the other 30% in "
    "cash; back to full exposure once the drawdown recovers to 3%.",
    "SPY 50 / AGG 50 monthly. When it is down 10% from the high, dial exposure back to 70%, holding 30% in cash. Go back "
    "to fully invested when the drawdown shrinks to 3%.",
])
def test_a_brake_that_takes_exposure_down_with_the_rest_in_cash(english):
    text = rbl_of(english)
    assert "    true when drawdown(portfolio) >= 10%\n    false when drawdown(portfolio) <= 3%\n" in text
    assert "exposure if defensive then 70% else 100%\n" in text


@pytest.mark.parametrize("english", [
    "VT 80 BND 20 rebalanced monthly. If the portfolio is down 12%, move half to cash, and go back to full once it's "
    "only down 4%.",
    "VT 80 BND 20 monthly; once it falls 12%, cut exposure to 50% until it recovers to 4%.",
])
def test_a_brake_whose_fall_names_no_peak_asks_from_what(english):
    assert "from what" in question_of(english) and "peak" in question_of(english)


# ---- background: why the trader tests first, and costs set aside for now --------------------------------------------
@pytest.mark.parametrize("english", [
    "Want to try a rough version on a paper account first before I commit actual money. VTI 70 BND 30, rebalance yearly.",
    "VTI 70 BND 30, rebalanced yearly. Going to run it on a demo account before going live.",
])
def test_testing_before_real_money_is_background(english):
    text = rbl_of(english)
    assert "    VTI 70%\n    BND 30%\n" in text and "    when annually\n" in text


@pytest.mark.parametrize("english", [
    "VTI 70 BND 30, rebalanced yearly; leave fees and slippage out for the moment.",
    "VTI 70 BND 30 annually. Skip trading costs for now.",
])
def test_costs_set_aside_for_now_are_no_costs(english):
    text = rbl_of(english)
    assert "cost" not in text.split("# In plain English")[0] and "    when annually\n" in text


@pytest.mark.parametrize("english", [
    "VTI 70 BND 30 annually; ignore fees under 5 usd.",
    "VTI 70 BND 30 annually, but sell BND before putting money in VTI.",
])
def test_a_cost_or_an_order_said_beside_those_words_is_still_asked_about(english):
    assert "mean here" in question_of(english)


# ---- broker symbols said in brackets after a fund -------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "We run this on an MT4 account. QQQ 70% (NAS100.r on our broker) and IEF 30% (IEF.OQ), rebalanced quarterly.",
    "QQQ 70% (symbol is NAS100.r), IEF 30% (IEF.OQ); quarterly rebalance.",
])
def test_a_broker_symbol_in_brackets_is_the_assets_symbol(english):
    text = rbl_of(english)
    assert 'asset QQQ column "QQQ" symbol "NAS100.r"\n' in text and 'symbol "IEF.OQ"' in text
    assert "asset NAS100" not in text


@pytest.mark.parametrize("english", [
    "QQQ 70% (ONEQ), IEF 30%, rebalance quarterly.",
    "Rebalance quarterly: QQQ 70 (QQQM), IEF 30.",
])
def test_a_plain_ticker_in_brackets_is_not_taken_for_a_symbol(english):
    question = question_of(english)
    assert "ONEQ" in question or "QQQ 70" in question


@pytest.mark.parametrize("english", [
    "My broker is MT5 so the symbols aren't the usual tickers. QQQ 70 IEF 30, quarterly.",
    "QQQ 70 IEF 30, quarterly. I trade via a CFD broker, so the names differ from the ETF tickers.",
])
def test_symbols_said_to_differ_but_not_given_are_asked_about(english):
    assert "tickers" in question_of(english)


# ---- a filter on the picks said as what is NOT bought -----------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Top 2 of VTI, EFA, EEM, GLD by 3-month momentum, rebalanced monthly. Skip any winner trading under its 200-day "
    "moving average and hold cash in its place.",
    "monthly: top 2 of VTI, EFA, EEM, GLD by 3-month return. a winner below its 200-day sma is not bought, its slot stays "
    "in cash until the next rebalance",
])
def test_a_pick_below_its_average_not_bought_is_a_hold_filter_to_cash(english):
    assert ("target: top 2 by return(price, 3 months) of VTI, EFA, EEM, GLD while price > sma(price, 200 days) else CASH\n"
            in rbl_of(english))


@pytest.mark.parametrize("english", [
    "monthly: top 2 of VTI, EFA, EEM, GLD by 3-month return. a winner below its 200-day sma is not bought.",
    "Top 2 of VTI, EFA, EEM, GLD by 3-month momentum, monthly; don't buy any pick that's under its 200-day average.",
])
def test_a_pick_not_bought_with_no_word_of_where_its_slot_goes_asks(english):
    assert "where should the weight go" in question_of(english)
