"""Issue 17, widening by construct: dual momentum said as a comparison whose winner is held ('compare SPY and EFA over
12 months, hold the winner, but only if it beats BIL; otherwise IEF'), absolute momentum said as 'if X's return beats
BIL, hold X; otherwise Y', a cash proxy named by its class ('T-bills (BIL)'), and the chatter around them. Each is
read by family, or ends in a question naming what is missing."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of

GEM = "top 1 by return(price, {span}) of {assets} while return(price, {span}) > return({bar}, {span}) else {fallback}"


# ---- dual momentum: a comparison, its winner held, a cash proxy to beat, a fallback -----------------------------

@pytest.mark.parametrize("english, assets", [
    ("Every month we compare QQQ and IWM over 6 months and buy whichever did better, but only if it beats SHY over "
     "the same 6 months; otherwise sit in TLT.", "QQQ, IWM"),
    ("Monthly: compare the 6-month return of QQQ vs IWM, go with the winner as long as the winner beats SHY. "
     "Else park it all in TLT.", "QQQ, IWM"),
    ("Each month I compare the 6 month momentum of QQQ, IWM and EEM and hold whichever is highest, but only if its "
     "6-month return beats SHY; if not, I sit in TLT.", "QQQ, IWM, EEM"),
])
def test_the_winner_of_a_comparison_held_while_it_beats_a_cash_proxy(english, assets):
    rbl = rbl_of(english)
    assert GEM.format(span="6 months", assets=assets, bar="SHY", fallback="TLT") in rbl


@pytest.mark.parametrize("english", [
    "Each month compare VTI and VXUS and hold the winner, but only if it beats BIL; otherwise BND.",
    "Monthly, we compare VTI vs VXUS and take the stronger one if it beats BIL, else BND.",
])
def test_a_comparison_with_no_lookback_is_a_question(english):
    assert "lookback" in question_of(english)


@pytest.mark.parametrize("english", [
    "Monthly: compare the 12-month return of VTI and VXUS over 6 months, hold the winner if it beats BIL, else BND.",
    "Monthly: compare the 3-month return of VTI and VXUS over the last 12 months and keep the better one, but only "
    "if it beats BIL; otherwise BND.",
])
def test_a_comparison_said_over_two_lookbacks_is_a_question(english):
    assert "which lookback" in question_of(english)


@pytest.mark.parametrize("english", [
    "Each month compare VTI and VXUS over 12 months, hold the winner, but only if the winner beats BIL over 6 months. "
    "Otherwise BND.",
    "Monthly: from VTI, VXUS and GLD pick the 1 with the highest 12-month return, but only if it beats BIL over the "
    "last 6 months; otherwise BND.",
])
def test_a_cash_proxy_beaten_over_another_lookback_is_a_question(english):
    assert "which lookback is meant for both" in question_of(english)


@pytest.mark.parametrize("english", [
    "Monthly: from VTI, VXUS and GLD choose the 1 with the highest 12-month return, but only if its return is higher "
    "than that of BIL in the same period; otherwise hold BND.",
    "On the first trading day of each month take from VTI, VXUS and GLD the 1 with the best 12-month return, as long "
    "as it beats BIL over the same 12 months, else BND.",
])
def test_a_top_1_said_by_its_count_takes_the_cash_proxy_after_it(english):
    assert GEM.format(span="12 months", assets="VTI, VXUS, GLD", bar="BIL", fallback="BND") in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Each month compare VTI and VXUS over 12 months and hold the winner, but only if it beats BIL over the same 12 "
    "months.",
    "Monthly: compare the 12-month return of VTI and VXUS, hold whichever is higher while it beats BIL.",
])
def test_a_cash_proxy_with_no_fallback_is_a_question(english):
    assert "what should it hold instead" in question_of(english)


@pytest.mark.parametrize("english", [
    "Each month I compare QQQ and EFA over 12 months and hold whichever did better, but only if it beats T-bills (BIL) "
    "over the same 12 months; if it doesn't, I hold IEF instead.",
    "Each month I compare QQQ and EFA over 12 months and hold whichever did better, but only if it beats T-bills "
    "(BIL) over the same 12 months; if not, we're in IEF.",
])
def test_a_fallback_said_after_the_failure(english):
    assert GEM.format(span="12 months", assets="QQQ, EFA", bar="BIL", fallback="IEF") in rbl_of(english)


# ---- an asset class named with its ticker in brackets ---------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Hold QQQ while its 12-month return beats T-bills (SHV), otherwise TLT. Monthly.",
    "Hold QQQ while its 12-month return beats treasury bills (SHV), otherwise TLT. Monthly.",
])
def test_a_class_word_before_a_bracketed_ticker_names_that_ticker(english):
    rbl = rbl_of(english)
    assert "return(SHV, 12 months)" in rbl and "TBILL " not in rbl.replace('"TBILL"', "")


def test_a_class_word_in_a_plain_list_stays_an_asset():
    rbl = rbl_of("30% gold, 40% SPY, 30% TLT, rebalanced quarterly.")
    assert "asset GOLD" in rbl and "asset SPY" in rbl


# ---- absolute momentum on one asset: the asset named again after the condition ----------------------------------

@pytest.mark.parametrize("english", [
    "Every month, if QQQ's 6-month return beats SHV, hold QQQ; otherwise hold TLT.",
    "Monthly: if QQQ's 6-month return beats SHV, buy QQQ, else TLT.",
])
def test_the_asset_held_named_again_after_its_own_condition(english):
    assert "QQQ 100% while return(QQQ, 6 months) > return(SHV, 6 months) else TLT" in rbl_of(english)


def test_another_asset_held_on_a_condition_is_not_a_hold_filter():
    translation = translate_offline("Every month, if QQQ's 6-month return beats SHV, hold TLT; otherwise hold GLD.")
    assert translation.rbl is None or "QQQ 100%" not in translation.rbl


@pytest.mark.parametrize("english", [
    "Monthly: hold QQQ only if its 6-month return beats SHV; if it doesn't, I hold TLT instead.",
    "Monthly: hold QQQ only if its 6-month return beats SHV; if it does not, TLT.",
])
def test_a_hold_filter_fallback_said_after_the_failure(english):
    assert "QQQ 100% while return(price, 6 months) > return(SHV, 6 months) else TLT" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly. Plain absolute momentum.",
    "Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly. Textbook time-series momentum, nothing else.",
])
def test_a_momentum_label_beside_a_hold_filter_is_its_name(english):
    assert "while return(price, 6 months) > return(SHV, 6 months) else TLT" in rbl_of(english)


# ---- schedules said twice --------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "60% SPY, 40% TLT. Every month on the last trading day, rebalance to target.",
    "60% SPY, 40% TLT, rebalanced each month, on the last trading day.",
])
def test_each_month_on_the_last_trading_day_is_month_end(english):
    rbl = rbl_of(english)
    assert "when last trading day of month" in rbl


@pytest.mark.parametrize("english", [
    "60% SPY, 40% TLT, rebalanced at month-end; evaluate on the last trading day of the month.",
    "60% SPY, 40% TLT, rebalance every quarter-end, reviewed on the last trading day of the quarter.",
])
def test_a_check_on_the_same_calendar_as_the_rule_is_one_schedule(english):
    rbl = rbl_of(english)
    assert "check " not in rbl and "when last trading day of" in rbl


# ---- chatter around a strategy -----------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly. Ping me if the numbers look off.",
    "Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly. I'm in meetings till 4, text me if it breaks.",
    "I know, trend following isn't very Boglehead. Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly.",
    "I lost 35% in 2008 sitting in index funds. Hold QQQ if its 6-month return beats SHV, otherwise TLT. Monthly.",
    "I spent 2022 watching my bond fund drop 17% and swore never again. Hold QQQ if its 6-month return beats SHV, "
    "otherwise TLT. Monthly.",
])
def test_chatter_around_absolute_momentum_is_not_read(english):
    assert "QQQ 100% while return(price, 6 months) > return(SHV, 6 months) else TLT" in rbl_of(english)


def test_a_loss_said_as_a_rule_is_still_read_as_one():
    translation = translate_offline("60% SPY, 40% TLT monthly; if my portfolio drops 15%, go to cash.")
    assert translation.rbl is None or "15%" in translation.rbl


# ---- dual momentum by its name: 'dual momentum on A and B vs BIL' ------------------------------------------------

@pytest.mark.parametrize("english", [
    "GEM on VTI and VXUS against SHY, 12-month lookback, falling back to BND. Rebalance monthly.",
    "Monthly: dual momentum strategy with VTI, VXUS vs SHY, lookback 12 months, fallback BND.",
])
def test_dual_momentum_by_name_with_its_cash_proxy_lookback_and_fallback(english):
    assert GEM.format(span="12 months", assets="VTI, VXUS", bar="SHY", fallback="BND") in rbl_of(english)


@pytest.mark.parametrize("english", [
    "GEM on VTI and VXUS against SHY, falling back to BND, monthly.",
    "Please set up dual momentum on VTI and VXUS vs SHY with BND as the fallback, rebalanced monthly.",
])
def test_dual_momentum_by_name_without_a_lookback_is_a_question(english):
    assert "lookback" in question_of(english)


def test_dual_momentum_by_name_without_a_fallback_is_a_question():
    assert "what should it hold instead" in question_of("Dual momentum on VTI and VXUS vs SHY, 12-month lookback, monthly.")


@pytest.mark.parametrize("english", [
    "Every month hold whichever of QQQ and IWM has the higher 6-month return, provided that return is above SHY's over "
    "the same 6 months. If neither clears SHY, just hold TLT.",
    "Every month hold whichever of QQQ and IWM has the higher 6-month return, provided it beats SHY; if neither beats "
    "it, hold TLT.",
])
def test_a_fallback_said_as_neither_clearing_the_bar(english):
    assert GEM.format(span="6 months", assets="QQQ, IWM", bar="SHY", fallback="TLT") in rbl_of(english)


# ---- a ranking said before its count ------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The model ranks XLB, XLI, XLU and XLP by 3-month price return every month and holds the top 2 in equal weight.",
    "Each month we sort XLB, XLI, XLU and XLP by their 3-month return, then buy the best 2, equally weighted.",
])
def test_a_ranking_said_before_its_count(english):
    assert "top 2 by return(price, 3 months) of XLB, XLI, XLU, XLP" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Momentum-Strategie: take from AAPL, MSFT, KO and PG the 2 with the best 6-month return, monthly.",
    "Momentum-strategy please: take from AAPL, MSFT, KO and PG the 2 with the best 6-month return, monthly.",
])
def test_a_momentum_label_joined_by_a_hyphen_is_its_name(english):
    assert "top 2 by return(price, 6 months) of AAPL, MSFT, KO, PG" in rbl_of(english)


# ---- a minimum time between rebalances -------------------------------------------------------------------------

BAND = "60% SPY, 40% TLT, checked daily, 5pp band"


@pytest.mark.parametrize("english, spacing", [
    (f"{BAND}; successive rebalances must be separated by at least 25 calendar days.", "days since rebalance >= 25"),
    (f"{BAND}, but between 2 rebalances there must be at least 25 calendar days.", "days since rebalance >= 25"),
    (f"{BAND}, never 2 rebalances within 12 trading days of each other.", "bars since rebalance >= 12"),
    (f"{BAND}; no rebalance within 25 calendar days of the previous one.", "days since rebalance >= 25"),
    (f"{BAND}, however not more often than every 12 trading days.", "bars since rebalance >= 12"),
    (f"{BAND}; please don't trade more than once every 12 trading days.", "bars since rebalance >= 12"),
])
def test_a_minimum_time_between_rebalances(english, spacing):
    assert f"when drift > 5pp and {spacing}" in rbl_of(english)


@pytest.mark.parametrize("english", [
    f"{BAND}, plus a cooldown of at least 12 trading days between rebalances.",
    f"{BAND}; add a cooldown: at least 12 trading days between rebalances.",
])
def test_a_cooldown_is_the_name_of_the_spacing(english):
    assert "when drift > 5pp and bars since rebalance >= 12" in rbl_of(english)


@pytest.mark.parametrize("english", [
    f"{BAND}, plus a cooldown between rebalances.",
    f"{BAND}, and add a cooldown period.",
])
def test_a_cooldown_with_no_length_is_a_question(english):
    assert "how many days" in question_of(english).lower()


def test_a_minimum_time_said_as_a_condition_of_the_band():
    rbl = rbl_of("45% SPY, 35% AGG, 20% GLD, checked daily. Rebalance when any holding is more than 5 percentage points "
                 "from target, provided at least 25 days have passed since the last rebalance.")
    assert "when drift > 5pp and days since rebalance >= 25" in rbl


# ---- chatter around the rules -----------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Memo - risk review of proposed model \"Alpha\". Hold 60% SPY and 40% TLT, 5pp band checked daily. Approved subject "
    "to these conditions.",
    "Our band strategy rebalanced 14 times in 2022. Now: 60% SPY, 40% TLT, 5pp band checked daily.",
    "The 60/40 SPY/TLT band approach we discussed is fine: 5pp band, checked daily.",
])
def test_chatter_around_a_band(english):
    assert "drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Equal weight SPY, TLT and GLD, monthly; the account is prohibited from holding short positions.",
    "Equal weight SPY, TLT and GLD, monthly. We are not allowed to take short positions.",
])
def test_no_short_positions_allowed_is_long_only(english):
    assert "long only" in rbl_of(english)


@pytest.mark.parametrize("english, spacing", [
    (f"{BAND}, and put in a 15-trading-day cooldown between rebalances.", "bars since rebalance >= 15"),
    (f"{BAND}, with a 2-week cooldown.", "bars since rebalance >= 2 weeks"),
])
def test_a_cooldown_said_by_its_length(english, spacing):
    assert f"when drift > 5pp and {spacing}" in rbl_of(english)


# ---- trend filters said loosely ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I want to hold VTI only when its price is over the average of the last 150 days. If not, I want to stay in BND. "
    "I look every Friday.",
    "Keep VTI while it is above the average price over the past 150 days; if not, I'd like to be in BND. Weekly on Friday.",
])
def test_a_moving_average_said_as_the_average_of_the_last_n_days(english):
    assert "VTI 100% while price > sma(price, 150 days) else BND" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "stay in VTI while its above its moving avg, otherwise cash. check daily",
    "hold VTI when its over its moving average, else cash, daily",
])
def test_a_moving_average_without_its_length_is_a_question(english):
    assert "how many days" in question_of(english).lower()


# ---- a ranking measure named in code, and a ranking's label ------------------------------------------------------

@pytest.mark.parametrize("english", [
    "universe = [AAPL, MSFT, KO, PG]\nscore = ret(126d)\nhold top 2 by score, equal w, rebalance monthly",
    "universe = [AAPL, MSFT, KO, PG]\nmom = momentum(126 days)\nhold top 2 by mom, monthly",
])
def test_a_score_named_in_code_then_ranked_by_its_name(english):
    assert "top 2 by return(price, 126 days) of AAPL, MSFT, KO, PG" in rbl_of(english)


def test_a_score_with_no_unit_is_not_guessed():
    translation = translate_offline("universe = [AAPL, MSFT, KO, PG]\nscore = ret(126)\nhold top 2 by score, monthly")
    assert translation.rbl is None


@pytest.mark.parametrize("english", [
    "Bottom 2 by 1-month return of KO, PG, WMT, PEP (mean reversion), monthly.",
    "Contrarian: bottom 2 by 1-month return of KO, PG, WMT, PEP, monthly.",
])
def test_mean_reversion_names_a_bottom_n(english):
    assert "bottom 2 by return(price, 1 month) of KO, PG, WMT, PEP" in rbl_of(english)


def test_mean_reversion_beside_a_top_n_is_a_question():
    assert "mean reversion" in question_of("Top 2 by 1-month return of KO, PG, WMT, PEP (mean reversion), monthly.")


@pytest.mark.parametrize("english", [
    "After some research (Faber's papers, mainly) I settled on dual momentum. Each month I compare QQQ and IWM over 6 "
    "months and take the stronger one, but only if it also beat SHY over the same 6 months; otherwise I sit in TLT "
    "until the next month.",
    "Each month I compare QQQ and IWM over 6 months and keep the winner, but only if it also beats SHY; else TLT "
    "until the next rebalance.",
])
def test_a_cash_proxy_the_winner_must_also_beat_and_a_fallback_held_until_the_next_month(english):
    assert GEM.format(span="6 months", assets="QQQ, IWM", bar="SHY", fallback="TLT") in rbl_of(english)
