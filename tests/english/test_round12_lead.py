"""Session 17 (round 12): readings found by the lead in phrasings of its own, each reproduced first."""

import pytest

from rbl.dsl.english.offline import translate_offline

from tests.english.reading import question_of, rbl_of


@pytest.mark.parametrize("english", ["VTI 60 BND 40 band 5pp, costs 2bps",
                                     "SPY 70 TLT 30 band 4 points",
                                     "QQQ 50 IEF 50 tolerance 3pp, check daily"])
def test_a_band_after_the_last_weight_is_the_portfolio_band(english):
    """Said once after the list, the band is every asset's, not the last asset's own."""
    rbl = rbl_of(english)
    assert "bands:" not in rbl
    assert "when drift > " in rbl and "its band" not in rbl


def test_a_band_said_beside_each_weight_is_that_assets_own():
    rbl = rbl_of("VTI 60 band 5, BND 40 band 3, check daily")
    assert "bands:\n    VTI 5pp\n    BND 3pp" in rbl


def test_a_band_in_brackets_after_a_weight_is_that_assets_own():
    rbl = rbl_of("SPY 60% (band 5pp), TLT 40% (band 3pp)")
    assert "bands:\n    SPY 5pp\n    TLT 3pp" in rbl


def test_coins_without_volatility_or_a_weekend_get_no_annualize_line():
    """Every blind writer left it out: the line trades nothing when no volatility is read."""
    rbl = rbl_of("btc 60 eth 40, rebal when either is 10 points off")
    assert "annualize" not in rbl


@pytest.mark.parametrize("english", ["inverse vol BTC ETH SOL over 30 days, monthly",
                                     "BTC ETH SOL risk parity, 60 day lookback, rebalance monthly"])
def test_coins_read_with_volatility_count_365_days(english):
    assert "annualize 365 days" in rbl_of(english)


@pytest.mark.parametrize("english, read", [
    ("equal weight xlk xlv xlp xlu, rebalance quarterly", "equal weight XLK, XLV, XLP, XLU"),
    ("rotate monthly into the top 2 of xle xlf xli xlb by 3 month return", "of XLE, XLF, XLI, XLB"),
    ("vtv 50 vug 50, rebal yearly", "VTV 50%\n    VUG 50%")])
def test_well_known_fund_tickers_in_lowercase_are_tickers(english, read):
    assert read in rbl_of(english)


@pytest.mark.parametrize("english", ["SPY vs EFA on 12 month return, hold the winner if it beats BIL, else AGG. monthly",
                                     "SPY versus EFA by 12m return, then take the better one as long as it beats BIL, "
                                     "otherwise AGG; rebalance monthly"])
def test_a_comparison_said_with_vs_then_the_winner_held_is_dual_momentum(english):
    assert ("top 1 by return(price, 12 months) of SPY, EFA while return(price, 12 months) > return(BIL, 12 months) "
            "else AGG") in rbl_of(english)


@pytest.mark.parametrize("bar", ["but only if it's also beating SHY over the same 6 months",
                                 "as long as it is beating SHY", "only if it is outperforming SHY"])
def test_the_cash_proxy_bar_said_in_the_progressive(bar):
    english = f"QQQ or VEA, whichever has the better 6-month return, {bar}. Otherwise sit in SHY. Rebalance monthly"
    assert "while return(price, 6 months) > return(SHY, 6 months) else SHY" in rbl_of(english)


@pytest.mark.parametrize("definition", ["(sum of abs diffs / 2)", "(i.e. half the sum of the absolute deviations)"])
def test_a_total_drift_defined_after_its_size_is_the_total_drift(definition):
    rbl = rbl_of(f"SPY 40 / IEF 30 / TLT 20 / GLD 10, check monthly and only rebal if total drift is over 3pp {definition}")
    assert "when sum of drift / 2 > 3pp" in rbl


def test_a_total_drift_defined_after_its_size_as_the_whole_sum_is_asked():
    question = question_of("VTI 60 BND 40; quarterly check, trade only if the total drift exceeds 4 points (the sum of "
                           "absolute drifts)")
    assert "half the sum" in question and "whole sum" in question


@pytest.mark.parametrize("english", [
    "BTC, ETH, SOL and XRP, equal weight. Rebalance whenever any coin is more than 25% away from its target weight in "
    "relative terms (so 25% of 25% = 6.25pp).",
    "SPY 50 TLT 50, rebalance when either is 25% off its target, relative (i.e. 25% of 50% = 12.5 points)"])
def test_a_relative_band_worked_out_for_a_target_no_asset_names_is_checked_and_read(english):
    assert "when drift > 25% of target" in rbl_of(english)


def test_a_relative_band_worked_out_for_a_target_no_asset_has_is_asked():
    question = question_of("SPY 50 TLT 50, rebalance when either is 20% off its target, relative (i.e. 20% of 40% = 8 "
                           "points)")
    assert "40% target" in question


@pytest.mark.parametrize("aside", ["No calendar rebalancing needed.", "no scheduled rebalance.",
                                   "No periodic rebalancing required."])
def test_no_calendar_said_beside_a_band_is_what_the_band_already_is(aside):
    rbl = rbl_of(f"VTI 60 BND 40, rebalance when either drifts 5pp. {aside}")
    assert "when drift > 5pp" in rbl


def test_no_calendar_said_without_a_band_is_not_read_as_one():
    assert "calendar" in question_of("VTI 60 BND 40. No calendar rebalancing needed.")


@pytest.mark.parametrize("english", ["Equal-weight FAANG (META AAPL AMZN NFLX GOOGL), rebalance monthly",
                                     "equal weight META, AAPL, AMZN, NFLX and GOOGL (the FAANG stocks), monthly"])
def test_a_group_nickname_beside_its_tickers_names_them_and_is_no_asset(english):
    rbl = rbl_of(english)
    assert "target: equal weight META, AAPL, AMZN, NFLX, GOOGL" in rbl
    assert "FAANG" not in rbl.split("# In plain English")[0].split("\n", 2)[2]     # past the strategy's name


def test_a_group_nickname_alone_is_asked_about_never_a_ticker():
    assert "Which assets" in question_of("equal weight FAANG, rebalance monthly")


@pytest.mark.parametrize("english", ["Equal-weight META AAPL AMZN NFLX GOOGL, rebalance when a name is 25% away from "
                                     "its target weight",
                                     "SPY 80 TLT 10 GLD 10, rebalance when anything is off by 10%"])
def test_a_bare_percent_band_as_wide_as_a_whole_target_is_asked(english):
    assert "percentage points" in question_of(english)


def test_a_bare_percent_band_narrower_than_every_target_is_points():
    assert "when drift > 5pp" in rbl_of("SPY 60 TLT 40, rebalance when off by 5%")


@pytest.mark.parametrize("english", ["SPY 60 TLT 40 rebalance monthly, I'll do the trades",
                                     "SPY 60 TLT 40 rebalance monthly, I will place the orders manually",
                                     "SPY 60 TLT 40, ping me if either drifts 5 points and I'll place the orders by hand"])
def test_the_trader_doing_the_trades_is_approval_mode(english):
    """Was read as an EA that trades by itself."""
    assert "mode alert" in rbl_of(english)


def test_notify_me_beside_approval_is_the_drift_rule():
    rbl = rbl_of("Equal weight EURUSD GBPUSD USDJPY. Notify me when something drifts more than 4pp, I'll do the trades myself.")
    assert "mode alert" in rbl and "when drift > 4pp" in rbl


def test_notify_me_without_approval_is_asked():
    assert "notify me" in question_of("SPY 60 TLT 40, rebalance monthly and notify me when it trades")


def test_where_the_trader_trades_is_no_approval():
    """'I do all trading in my IRA' says where, not who: not read as approval (listed as not read)."""
    translation = translate_offline("SPY 60 TLT 40 rebalance monthly, I do all trading in my IRA")
    assert "mode alert" not in (translation.rbl or "")


@pytest.mark.parametrize("english", ["rotate between SPY and TLT monthly based on 3m return",
                                     "switch between SPY and TLT depending on their 3-month momentum, check monthly"])
def test_rotating_between_assets_on_a_return_holds_the_better_one(english):
    rbl = rbl_of(english)
    assert "target: top 1 by return(price, 3 months) of SPY, TLT" in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english, fallback", [
    ("hold whichever of SPY/EFA/EEM has the best 6 month return, monthly; cash if all negative", "CASH"),
    ("monthly: top 1 of SPY EFA EEM by 6 month return, if all are negative go to IEF", "IEF")])
def test_a_top_1_falling_back_when_all_returns_are_negative_holds_the_best_while_positive(english, fallback):
    assert f"while return(price, 6 months) > 0% else {fallback}" in rbl_of(english)


def test_all_negative_beside_a_top_2_is_asked():
    """Each pick's own return is another rule than all of them negative: left for a question."""
    assert "all negative" in question_of("top 2 of SPY QQQ EFA by 12 month return monthly, cash if all negative")


@pytest.mark.parametrize("cut", ["we reduce risk in half", "cut exposure by half"])
def test_a_drawdown_brake_said_as_cutting_by_half(cut):
    rbl = rbl_of(f"SPY 60 TLT 40 with 5pp bands; if the drawdown hits 15% {cut}, back to full under 5%")
    assert "exposure if defensive then 50% else 100%" in rbl


@pytest.mark.parametrize("english", ["SPY 60 TLT 40, rebalance monthly, starting capital 50k",
                                     "SPY 60 TLT 40 monthly, account size: 50,000"])
def test_the_starting_amount_named_without_its_currency_is_the_capital(english):
    assert "capital 50000 USD" in rbl_of(english)


@pytest.mark.parametrize("english, band", [("SPY 60% TLT 40%, rebalance if SPY goes above 65% or below 55%", "SPY 5pp"),
                                           ("VTI 70 BND 30, rebalance when VTI falls below 62% or rises above 78%", "VTI 8pp")])
def test_a_range_said_as_the_rules_two_edges_is_that_assets_band(english, band):
    assert f"bands:\n    {band}" in rbl_of(english)


def test_edges_off_centre_of_the_target_are_asked():
    assert "not centred" in question_of("SPY 60% TLT 40%, rebalance if SPY goes above 70% or below 55%")


@pytest.mark.parametrize("english", ["GLD 20 SPY 40 TLT 40; rebal quarterly unless drift < 2pp",
                                     "GLD 20 SPY 40 TLT 40, rebal quarterly, but skip the rebalance if nothing is more than "
                                     "2pp off",
                                     "GLD 20 SPY 40 TLT 40, check every quarter, skip it if everything is within 2 points of "
                                     "target"])
def test_a_calendar_skipped_when_nothing_drifted_far_is_a_checked_band(english):
    rbl = rbl_of(english)
    assert "check quarterly" in rbl and "when drift > 2pp" in rbl


@pytest.mark.parametrize("english, execution", [
    ("Rebalance SPY/TLT/GLD 40/40/20 every Friday, decide and trade on the Friday close.", "trade at close"),
    ("SPY 60 TLT 40 monthly, signal at the close, trade the next open", "trade at next open"),
    ("SPY 60 TLT 40 monthly, compute the signals on the close and execute at the next open", "trade at next open")])
def test_execution_said_with_the_decision_before_the_trades(english, execution):
    assert f"execution decide at close, {execution}" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY, EFA, IEF and VNQ at 25% each. At each month end, if an ETF closes above its 200-day SMA it stays in, otherwise "
    "its 25% sits in cash until the next month end.",
    "SPY EFA IEF VNQ 25% each, at month end: if a fund is above its 200-day SMA it stays, otherwise that slice goes to cash"])
def test_each_assets_trend_filter_said_as_the_ones_that_stay(english):
    assert "equal weight SPY, EFA, IEF, VNQ while price > sma(price, 200 days) else CASH" in rbl_of(english)
