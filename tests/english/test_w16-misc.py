"""Session 16 (w16-misc): families the spent matched held-out sets exposed, read by construct: which assets a breach
trades, the orders sent for approval, ... Every phrasing here is in neither the dev set nor the matched sets."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


# ---- band scope: only the holdings that broke their band trade, named by what happened to them ----------------------
@pytest.mark.parametrize("english", [
    "IVV 55 / AGG 45, 4pp band on each. just rebalance whichever one broke its band, back to its target.",
    "SCHB 40 SCHF 30 SCHZ 30 with 5 point bands; only adjust the ones that are out.",
    "VT 70 BNDW 30, rebalance if either drifts over 6pp, only move the one that crossed its band.",
])
def test_the_breached_holding_named_by_its_breach_is_the_only_one_traded(english):
    assert "    trade breached assets\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "IVV 55 / AGG 45 with a 4pp band per fund; only the breacher is traded.",
    "VT 70 BNDW 30, rebalance if either drifts over 6pp. only whichever asset is outside its band gets rebalanced.",
])
def test_the_breached_holding_as_the_subject_is_the_only_one_traded(english):
    assert "    trade breached assets\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SCHB 40 SCHF 30 SCHZ 30 with 5 point bands; leave everything else alone.",
    "IVV 55 / AGG 45, rebalance if one drifts more than 4pp, and don't touch the others.",
])
def test_the_others_left_alone_beside_a_band_trades_only_the_breached(english):
    assert "    trade breached assets\n" in rbl_of(english)


def test_the_others_left_alone_without_a_band_is_asked_about():
    assert "the others alone" in question_of("SCHB 40 SCHF 30 SCHZ 30, rebalance quarterly; leave the others alone.")


def test_a_band_said_after_the_breached_ones_is_still_the_band():
    assert "    when drift > 5pp\n" in rbl_of("SCHB 40 SCHF 30 SCHZ 30, only rebalance the ones that drift more than 5pp.")


# ---- approval mode: the machine not to act by itself, only notices out, the trader the one who approves ------------
@pytest.mark.parametrize("english", [
    "60/40 VTI BND, quarterly. never execute the trades yourself, mail me the list.",
    "60/40 VTI BND, quarterly; don't rebalance anything automatically.",
])
def test_the_machine_told_not_to_trade_by_itself_is_alert_mode(english):
    assert "mode alert\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60/40 VTI BND, quarterly. notifications only, no live trading.",
    "60/40 VTI BND rebalanced quarterly - alerts only please",
])
def test_only_notices_out_of_it_is_alert_mode(english):
    assert "mode alert\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60/40 VTI BND, quarterly. send me the orders and i will okay each one.",
    "60/40 VTI BND, quarterly; ping me with the trades, i will place them myself.",
])
def test_the_trader_as_the_one_who_acts_on_the_orders_is_alert_mode(english):
    assert "mode alert\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60/40 VTI BND, quarterly. I'll execute it on MT5.",
    "60/40 VTI BND, quarterly, no execution costs please",
])
def test_running_it_or_costs_is_not_alert_mode(english):
    translation = translate_offline(english)
    assert "mode alert" not in (translation.rbl or "") and translation.question


# ---- a calendar clarified in brackets, after a dash or a comma: the same day said again -----------------------------
@pytest.mark.parametrize("english", [
    "70/30 VT BNDW, rebalance at quarter end (the last business day).",
    "VT 70 BNDW 30 - rebal at year end - last trading day",
])
def test_a_period_end_said_again_as_its_last_trading_day(english):
    assert "    when last trading day of " in rbl_of(english)


def test_a_last_trading_day_of_another_period_is_asked_about():
    assert "several schedules" in question_of("70/30 VT BNDW, rebalance at month end (last trading day of the year).")


@pytest.mark.parametrize("english", [
    "70/30 VT BNDW, rebalance on the 1st (or the next business day).",
    "VT 70 BNDW 30, rebal on the first, or the following trading day if that's a holiday",
])
def test_a_first_moved_to_the_next_trading_day_is_monthly(english):
    assert "    when monthly\n" in rbl_of(english)


def test_monthly_on_the_first_is_monthly():
    assert "    when monthly\n" in rbl_of("VT 70 BNDW 30, rebalance every month on the 1st")


# ---- top-1 rotation: the whole book said beside the one pick -------------------------------------------------------
@pytest.mark.parametrize("english, line", [
    ("each month go all-in on whichever of XLK, XLV, XLE had the best 3-month return",
     "target: top 1 by return(price, 3 months) of XLK, XLV, XLE\n"),
    ("weekly on friday, move everything into the strongest of VTI, VEA, VWO by 8-week return",
     "target: top 1 by return(price, 8 weeks) of VTI, VEA, VWO\n"),
    ("Rotate quarterly: 100% into the best performer among QQQ, IWM, DIA over 6 months.",
     "target: top 1 by return(price, 6 months) of QQQ, IWM, DIA\n"),
])
def test_the_whole_book_in_the_one_best_is_a_top_1(english, line):
    assert line in rbl_of(english)


def test_the_best_performers_without_a_count_are_asked_about():
    assert "How many" in question_of("monthly, put everything in the best performers of XLK, XLV, XLE, XLF over 3 months")


def test_going_100_percent_into_the_best_is_no_band():
    assert "drift" not in rbl_of("every friday go 100% into the best of XLK and XLU by 10-day return")


# ---- broker symbols said in a sentence: the fund first, then its symbol; a lowercase word is never one -------------
@pytest.mark.parametrize("english, lines", [
    ("VOO 70 / IEF 30 yearly. My MT5 broker has VOO as SPX500.m and IEF as UST10Y.",
     ('asset VOO column "SPY" symbol "SPX500.m"', 'asset IEF column "UST10" symbol "UST10Y"')),
    ("VOO 70 / IEF 30 yearly. broker symbols: VOO -> US500, IEF -> T10Y",
     ('asset VOO column "SPY" symbol "US500"', 'asset IEF column "UST10" symbol "T10Y"')),
])
def test_broker_symbols_said_in_a_sentence(english, lines):
    text = rbl_of(english)
    assert all(line in text for line in lines)


@pytest.mark.parametrize("english", [
    "VOO 70 / IAU 30 annually; at my broker VOO trades as US500 and gold as XAUUSD.cash",
    "70% VOO, 30% IAU, once a year. the broker lists VOO as US500, gold as XAUUSD.cash. backtest on the normal ETF data.",
])
def test_a_fund_said_by_its_class_gets_the_symbol(english):
    assert 'asset IAU column "GOLD" symbol "XAUUSD.cash"' in rbl_of(english)


def test_the_one_fund_traded_as_a_symbol():
    assert 'asset QQQ column "QQQ" symbol "USTEC"' in rbl_of("QQQ 100%, rebalance monthly, trade it as USTEC on mt5")


@pytest.mark.parametrize("english", [
    "VOO 70 / IEF 30 yearly. at my broker VOO is us500.",
    "VOO 70 / IEF 30 yearly, trade it as US500 on my broker.",
])
def test_a_lowercase_symbol_or_an_unclear_it_is_asked_about(english):
    assert question_of(english)


# ---- liquidate and stop: the depth said as a point reached, the machine switched off after it ----------------------
@pytest.mark.parametrize("english", [
    "equal weight VTI VXUS BND, quarterly. at a 30% drawdown sell everything and stop.",
    "equal weight VTI VXUS BND, quarterly. 30% drawdown => liquidate and halt trading",
])
def test_the_depth_before_the_stop_is_a_kill_switch(english):
    assert "    max drawdown 30%\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "equal weight VTI VXUS BND, quarterly; if we ever lose 30% from the top, close everything and turn the bot off",
    "equal weight VTI VXUS BND, quarterly. if the drawdown reaches 30%, flatten, then switch it off.",
])
def test_the_machine_switched_off_after_the_stop_is_the_kill_switch(english):
    assert "    max drawdown 30%\n" in rbl_of(english)


def test_a_stop_with_a_way_back_is_no_kill_switch():
    translation = translate_offline("equal weight VTI VXUS BND, quarterly. at a 30% drawdown go to cash until it recovers to 10%.")
    assert "max drawdown 30%" not in (translation.rbl or "")


# ---- band scope, said with 'only' after it, by what is out, or as the one that goes back -----------------------------
@pytest.mark.parametrize("english", [
    "IVV 55 / AGG 45, 4pp bands, rebalance the breaching fund only.",
    "IVV 55 / AGG 45 with 4pp bands - only sell or buy what's out of band",
    "IVV 55 / AGG 45 with 4pp bands; only the holding that broke out of its band goes straight back to target.",
])
def test_the_breached_holding_said_by_what_is_out_trades_alone(english):
    assert "    trade breached assets\n" in rbl_of(english)


def test_back_to_target_beside_the_band_edge_is_asked_about():
    question = question_of("IVV 55 / AGG 45 with 4pp bands. partial rebalancing; only the fund that breached goes back to its target.")
    assert "band's edge" in question


# ---- approval mode: the machine only puts orders forward, the trader executes ---------------------------------------
@pytest.mark.parametrize("english", [
    "60/40 VTI BND, quarterly; manual trading only.",
    "60/40 VTI BND, quarterly. the bot just proposes the orders, I confirm.",
    "60/40 VTI BND, quarterly. do not execute; just text me.",
])
def test_the_orders_only_put_forward_is_alert_mode(english):
    assert "mode alert\n" in rbl_of(english)


def test_notify_me_on_a_condition_is_not_alert_mode():
    translation = translate_offline("60/40 VTI BND, quarterly. if VTI falls 10% in a day notify me.")
    assert "mode alert" not in (translation.rbl or "")


# ---- top-1 rotation: the winner named, the whole book said after it ------------------------------------------------
@pytest.mark.parametrize("english, line", [
    ("every month rotate into the winner among XLK, XLU, XLP on 6-month return",
     "target: top 1 by return(price, 6 months) of XLK, XLU, XLP\n"),
    ("weekly: the strongest of VTI, VEA, VWO over 10 weeks gets everything",
     "target: top 1 by return(price, 10 weeks) of VTI, VEA, VWO\n"),
])
def test_the_winner_named_or_given_the_whole_book_is_a_top_1(english, line):
    assert line in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60/40 VTI BND quarterly. the EA won't place any orders, it only lists them and i click.",
    "60/40 VTI BND, quarterly; my bot never trades by itself, it emails me the trades.",
])
def test_the_machine_said_not_to_trade_is_alert_mode(english):
    assert "mode alert\n" in rbl_of(english)


# ---- broker symbols: the symbol first, mapped, or named as the fund's symbol; a vague one is asked -------------------
@pytest.mark.parametrize("english, lines", [
    ("VOO 70 / IEF 30 yearly. On MT5 use SPX500 for VOO and UST10Y for IEF.",
     ('asset VOO column "SPY" symbol "SPX500"', 'asset IEF column "UST10" symbol "UST10Y"')),
    ("VOO 70 / IEF 30 yearly. mapping VOO to SPX500.r and IEF to T10.r on the broker side",
     ('asset VOO column "SPY" symbol "SPX500.r"', 'asset IEF column "UST10" symbol "T10.r"')),
    ("VOO 70 / IEF 30 yearly. the mt5 ticker for VOO is US500m, for IEF: UST10",
     ('asset VOO column "SPY" symbol "US500m"', 'asset IEF column "UST10" symbol "UST10"')),
])
def test_broker_symbols_said_symbol_first_or_mapped(english, lines):
    text = rbl_of(english)
    assert all(line in text for line in lines)


@pytest.mark.parametrize("english", [
    "VOO 70 / IEF 30 yearly. heads up, my broker names them differently.",
    "VOO 70 / IEF 30 yearly; the EA has to use a different symbol at my broker",
])
def test_a_symbol_said_to_differ_without_saying_it_is_asked_about(english):
    assert question_of(english)


# ---- liquidate and stop: all of it sold, no more trading after ------------------------------------------------------
@pytest.mark.parametrize("english", [
    "equal weight VTI VXUS BND, quarterly. if the drawdown hits 30% liquidate all positions and stop.",
    "equal weight VTI VXUS BND, quarterly. at a 30% drawdown exit all, no more trading.",
])
def test_all_of_it_sold_and_no_more_trading_is_the_kill_switch(english):
    assert "    max drawdown 30%\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "IVV 55 / AGG 45 with 4pp bands. only rebalance holdings that are out of bounds.",
    "IVV 55 / AGG 45 with 4pp bands; rebalancing is restricted to the fund that broke its band.",
    "IVV 55 / AGG 45 with 4pp bands. We only adjust the position(s) that have drifted outside their band.",
    "IVV 55 / AGG 45 with 4pp bands; only funds outside their band trade, back to target.",
])
def test_the_breached_holdings_said_bare_limited_to_or_drifted_outside(english):
    assert "    trade breached assets\n" in rbl_of(english)


@pytest.mark.parametrize("english, line", [
    ("Every Tuesday: everything into the top performer of XLK/XLV/XLE (6-week return).",
     "target: top 1 by return(price, 6 weeks) of XLK, XLV, XLE\n"),
    ("monthly, fully into the strongest fund of VTI, VEA, VWO (3-month return)",
     "target: top 1 by return(price, 3 months) of VTI, VEA, VWO\n"),
])
def test_a_top_1_whose_lookback_is_in_brackets_after_the_list(english, line):
    assert line in rbl_of(english)
