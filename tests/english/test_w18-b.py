"""Session 18 (w18-b): drawdown brakes, kill switches, risk parity lookbacks, broker symbols and benchmarks read by
family, in the ways traders say them. Every phrasing here is in neither the dev set nor the matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a drawdown brake whose reduced exposure is said with cash -------------------------------------------------
def _brake(cut: str, kept: str, back: str, way_back: str = "<=") -> str:
    """`way_back`: 'back under 5%' is `<`; 'within 5%', 'at a 5% drawdown' `<=`."""
    return (f"state defensive = false:\n    true when drawdown(portfolio) >= {cut}%\n"
            f"    false when drawdown(portfolio) {way_back} {back}%\n")


@pytest.mark.parametrize("said, cut, kept, back", [
    ("SPY/TLT 60/40, monthly. If it ever gets 15% below the peak, drop to 50% invested and keep the rest in cash; "
     "go back to fully invested once the drawdown is under 5%.", "15", "50", "5"),
    ("QQQ 50 IEF 50 quarterly. Should the account end up 20% under its high, cut exposure to 30% and park the rest in "
     "cash, back to full once the drawdown is under 8%.", "20", "30", "8"),
    ("VTI/BND 80/20, 5pp band. If we get 10% off the peak, go to 60% invested, rest in cash, and back to 100% once the "
     "drawdown is back below 3%", "10", "60", "3"),
    ("IWM/IEF 55/45 monthly: if the fund gets 18% below its high-water mark, drop to 35% invested and hold the other "
     "65% in cash. Back to full size once the drawdown is back under 6%.", "18", "35", "6"),
])
def test_a_brake_said_as_invested_share_and_cash_rest(said, cut, kept, back):
    rbl = rbl_of(said)
    assert _brake(cut, kept, back, "<") in rbl
    assert f"exposure if defensive then {kept}% else 100%\n" in rbl
    assert "cash CASH\n" in rbl


def test_a_brake_cut_to_a_fraction_and_back_to_full_size():
    rbl = rbl_of("EFA/AGG 65/35, quarterly. If the portfolio gets 14% below its peak, cut exposure to a quarter and "
                 "hold the rest in cash. Go back to full size once the drawdown is back under 5%.")
    assert "exposure if defensive then 25% else 100%\n" in rbl


def test_a_cash_share_that_is_not_the_rest_is_asked_about():
    question = question_of("VTI/BND 70/30 monthly: if the portfolio gets 12% below its peak, drop to 40% invested and "
                           "hold the other 50% in cash. Back to full size once the drawdown is back under 4%.")
    assert "40%" in question and "50%" in question


def test_a_fall_from_where_it_started_is_no_brake():
    translation_question = question_of("60/40 SPY/AGG monthly. If the portfolio drops 12%, drop to 40% invested and "
                                       "hold the rest in cash; back to full when the drawdown is under 4%.")
    assert "from what" in translation_question.lower()


# ---- a kill switch said as the whole thing ever being N% off its peak ------------------------------------------
@pytest.mark.parametrize("said, cut", [
    ("equal weight ADA DOT LINK, rebalance weekly. if the whole thing is ever 35% off its peak just close everything "
     "and stop", "35"),
    ("EW SPY QQQ IWM quarterly; if the portfolio is ever 25% below its high, sell everything and stop trading", "25"),
    ("EW SPY QQQ IWM quarterly; if the account ever gets 25% off the top, liquidate and stop", "25"),
    ("SPY 60 TLT 40 monthly, and if it's 30% off the high close it all and stop", "30"),
])
def test_a_kill_switch_said_as_ever_being_off_the_peak(said, cut):
    assert f"max drawdown {cut}%\n" in rbl_of(said)


def test_a_kill_switch_with_a_way_back_is_asked_about():
    question_of("equal weight BTC ETH SOL, rebalance monthly. if the whole thing is ever 40% off its peak just close "
                "everything and come back in when it recovers")


# ---- a brake or a stop said without its depth: a question about the drawdown naming the phrase --------------------
@pytest.mark.parametrize("said, phrase", [
    ("70/30 VTI BND with a 4pp band, and de-risk if the DD gets ugly", "de-risk if the drawdown gets ugly"),
    ("SPY/TLT 70/30 quarterly, cut risk if the drawdown gets nasty", "cut risk if the drawdown gets nasty"),
    ("60/40 SPY AGG monthly; halve the risk when the drawdown gets big", "halve the risk when the drawdown gets big"),
])
def test_a_brake_without_its_depth_asks_the_drawdown(said, phrase):
    question = question_of(said)
    assert "drawdown" in question and phrase in question


@pytest.mark.parametrize("said, phrase", [
    ("EW ETH SOL AVAX every monday, and pull the plug if it totally craters", "pull the plug if it totally craters"),
    ("QQQ/IEF 50/50 monthly. kill it if it craters", "kill it if it craters"),
    ("QQQ/IEF 50/50 monthly. shut it down if we ever take a big hit", "shut it down if we"),
    ("VTI BND 60/40 monthly; go to cash if things get really bad", "go to cash if things get really bad"),
])
def test_a_stop_without_its_depth_asks_the_drawdown(said, phrase):
    question = question_of(said)
    assert "drawdown" in question and phrase in question


def test_a_ticker_dd_in_a_weight_list_stays_a_ticker():
    assert "asset DD" in rbl_of("DD 30%, DOW 70%, rebalanced quarterly")


# ---- risk parity's covariance window said in words ('a one-year covariance') -------------------------------------
@pytest.mark.parametrize("said, window", [
    ("Equal risk contribution for SPY, IEF, GLD, using a one-year covariance. Monthly.", "1 year"),
    ("risk parity across QQQ, TLT and GLD with a one-year lookback on daily returns, rebalanced every quarter", "1 year"),
    ("We want risk parity on VEA, BND and IAU using a two-year covariance of daily returns, rebalanced quarterly.",
     "2 years"),
    ("inverse vol SPY TLT GLD with a one-month vol window, monthly", "1 month"),
])
def test_a_covariance_window_said_in_words(said, window):
    assert f"({window}) " in rbl_of(said)


def test_a_covariance_of_weekly_returns_is_asked_about():
    assert "weekly returns" in question_of("risk parity SPY TLT GLD using a one-year covariance of weekly returns, "
                                           "quarterly")


def test_a_simple_one_is_still_no_window():
    assert "SPY 60%" in rbl_of("it's a simple one: SPY 60 TLT 40, monthly")


# ---- broker symbols listed in order, one fund's said by the spot metal that stands in for it ---------------------
@pytest.mark.parametrize("said, gold_fund, assets", [
    ("I want 55% VTI, 30% IEF and 15% IAU, rebalanced annually. My MT5 broker lists them as VTI.US, IEF.US and XAUUSD "
     "(I just use spot gold for the IAU part).", "IAU", 3),
    ("70% QQQ and 30% GLD, quarterly. On my broker they're NAS100 and XAUUSD (spot gold stands in for GLD).", "GLD", 2),
    ("SPY 50, IEF 30, GLD 20 monthly. Broker symbols: US500, UST10Y, XAUUSD - I trade spot gold for the gold part.",
     "GLD", 3),
])
def test_spot_gold_said_for_the_gold_fund_is_its_symbol(said, gold_fund, assets):
    rbl = rbl_of(said)
    assert f'asset {gold_fund} column "GOLD" symbol "XAUUSD"\n' in rbl
    assert rbl.count("\nasset ") == assets      # no fourth asset for 'gold'


def test_spot_gold_for_a_fund_the_text_does_not_hold_is_asked_about():
    question_of("SPY 50 / TLT 50 monthly. My MT5 broker lists them as SPY.US and TLT.US (I use spot gold for the GLD "
                "part).")


def test_spot_silver_for_a_gold_fund_is_asked_about():
    question_of("QQQ 70 / GLD 30 quarterly. My MT5 broker lists them as NAS100 and XAGUSD (I use spot silver for the "
                "GLD part).")


def test_spot_gold_without_a_gold_symbol_is_asked_about():
    assert "spot gold" in question_of("QQQ 70 / GLD 30 quarterly. My MT5 broker lists them as NAS100 and GLD.US "
                                      "(spot gold stands in for GLD).")


# ---- one asset as the benchmark, said with a comparison verb or an adjective ----------------------------------
@pytest.mark.parametrize("said, bench", [
    ("VTI 50 / VEA 20 / BND 30 with a 4pp band. Benchmark it against plain VTI so I can see the tracking error.", "VTI"),
    ("QQQ 70 IEF 30 monthly. Measure it against SPY so I see the tracking error.", "SPY"),
    ("QQQ 70 IEF 30 monthly. Compare it to plain SPY.", "SPY"),
    ("QQQ 70 IEF 30 monthly. I want to see how it does against just holding SPY.", "SPY"),
    ("QQQ 70 IEF 30 monthly, use SPY as the benchmark", "SPY"),
])
def test_one_asset_said_as_the_benchmark(said, bench):
    assert f"\nbenchmark {bench}\n" in rbl_of(said)


def test_a_benchmark_named_nowhere_else_is_held_at_no_weight():
    rbl = rbl_of("QQQ 70 IEF 30 monthly. Benchmark it against plain SPY.")
    assert "asset SPY" in rbl and "    SPY " not in rbl.split("target:")[1]


@pytest.mark.parametrize("said", [
    "QQQ 70 IEF 30 monthly. Compare it to SPY and AGG.",
    "QQQ 70 IEF 30 monthly. Benchmark it against SPY 60 / AGG 40.",
])
def test_a_mix_as_the_benchmark_is_asked_about(said):
    question_of(said)


# ---- a split the assets do not match: the question says 'which assets' or 'weights' ------------------------------
@pytest.mark.parametrize("said", [
    "Please set up monthly rebalancing for my four-fund portfolio, 40/30/20/10.",
    "my 2 fund thing at 80/20, rebalanced annually",
])
def test_a_split_without_its_assets_asks_which_assets(said):
    assert "which assets" in question_of(said).lower()


@pytest.mark.parametrize("said", [
    "VTI VEA BND 70/30, rebal quarterly",
    "60/40 across SPY, EFA and AGG, monthly",
])
def test_a_split_with_more_assets_than_parts_asks_the_weights(said):
    assert "weights" in question_of(said).lower()


# ---- probes in the same families: a stop said with its stopping after the depth, a brake's trigger 'more than' ------
@pytest.mark.parametrize("said, cut", [
    ("SPY/AGG 60/40 monthly. If the account is down 20% from the high-water mark, move everything to cash and stop "
     "trading.", "20"),
    ("SPY/AGG 60/40 monthly. Max drawdown 30%, then flatten and stop.", "30"),
    ("DOGE 50 LTC 50 weekly, close everything if we're down 45% from the top and don't trade again", "45"),
    ("DOGE 50 LTC 50 weekly, sell everything if we're 35% off the top and stop trading", "35"),
])
def test_a_stop_said_with_its_stopping(said, cut):
    assert f"max drawdown {cut}%\n" in rbl_of(said)


@pytest.mark.parametrize("said", [
    "DOGE 50 LTC 50 weekly, sell everything if we're 30% off the top and buy back later",
    "SPY/AGG 60/40 monthly. Max drawdown 30%, then flatten and come back in after a month.",
    "SPY/AGG 60/40 monthly. If the account is down 20% from the high-water mark, move everything to cash until it "
    "recovers.",
])
def test_a_stop_with_a_way_back_in_is_asked_about(said):
    question_of(said)


def test_a_brake_triggered_by_a_fall_of_more_than_n_from_the_peak():
    rbl = rbl_of("SPY 60 TLT 40 monthly. If the portfolio falls more than 15% below its peak, go 50% cash; once it's "
                 "back within 5% of the peak, go fully invested again.")
    assert _brake("15", "50", "5") in rbl and "exposure if defensive then 50% else 100%\n" in rbl


def test_starting_money_said_with_to_start():
    assert "capital 25000 USD" in rbl_of("SPY 60 TLT 40 monthly with $25k to start")


# ---- the money said as moved to the strategy at a sentence's start ----------------------------------------------
@pytest.mark.parametrize("said, target", [
    ("We'd like to move the foundation's core sleeve to equal risk contribution across VTI, IEF and IAU, using a "
     "one-year covariance of daily returns. Quarterly is fine.", "target: risk parity(1 year) VTI, IEF, IAU\n"),
    ("I want to move my portfolio to risk parity across SPY, TLT and GLD with a 6-month covariance, rebalanced monthly.",
     "target: risk parity(6 months) SPY, TLT, GLD\n"),
    ("Please switch the account over to risk parity on SPY, IEF, GLD, 120-day lookback, quarterly.",
     "target: risk parity(120 days) SPY, IEF, GLD\n"),
    ("Move my IRA to a 70/30 VTI/BND, rebalanced quarterly.", "    VTI 70%\n    BND 30%\n"),
])
def test_the_money_moved_to_the_strategy_is_no_fact(said, target):
    assert target in rbl_of(said)


@pytest.mark.parametrize("said", [
    "Switch the portfolio to 30/70 SPY/IEF when SPY 20d vol is above 25%, otherwise 70/30, weekly",
    "Move the portfolio to cash, then hold SPY 60 TLT 40 monthly",
])
def test_a_move_under_a_condition_or_to_cash_is_not_an_opener(said):
    question_of(said)


# ---- probes: leverage caps, a vol target's cap, starting money, broker symbols after 'MT5 symbols:' --------------
@pytest.mark.parametrize("said, cap", [
    ("IWM 60 IEF 40 monthly, leverage no higher than 1.5x", "1.5"),
    ("IWM 60 IEF 40 monthly, don't go above 2x gross", "2"),
])
def test_a_leverage_cap_said_as_no_higher(said, cap):
    assert f"max leverage {cap}x\n" in rbl_of(said)


def test_a_vol_targets_cap_said_as_a_times_cap():
    rbl = rbl_of("IWM 60 IEF 40 monthly, target 11% vol with a 1-month lookback and a 1.75x cap")
    assert "exposure min(11% / vol(basket, 1 month), 1.75x)\n" in rbl


@pytest.mark.parametrize("said, capital", [
    ("IWM 60 IEF 40 monthly. Initial capital: 250k USD.", "250000"),
    ("IWM 60 IEF 40 monthly. I'm putting $40k into this.", "40000"),
])
def test_starting_money_said_as_capital(said, capital):
    assert f"capital {capital} USD" in rbl_of(said)


def test_mt5_symbols_said_after_a_colon_with_arrows():
    rbl = rbl_of("IWM 60 IEF 40 monthly. MT5 symbols: IWM -> US2000, IEF -> IEF.US")
    assert 'symbol "US2000"' in rbl and 'symbol "IEF.US"' in rbl


# ---- probes: a brake's trigger and its way back said as a drawdown reached; a stop 'at -20% from the high' ------
def test_a_brake_said_as_hitting_a_drawdown_and_back_at_one():
    rbl = rbl_of("IWM 60 IEF 40 monthly. If the portfolio hits a 14% drawdown, halve exposure; back to full at a 4% "
                 "drawdown.")
    assert _brake("14", "50", "4") in rbl


def test_a_stop_said_at_a_fall_from_the_high_and_stay_there():
    assert "max drawdown 22%\n" in rbl_of("IWM 60 IEF 40 monthly. At -22% from the high, go all cash and stay there.")


# ---- a permanent stop beside a way back in: asked, never read as the stop alone --------------------------------
@pytest.mark.parametrize("said, phrase", [
    ("IWM 60 IEF 40 monthly. If the portfolio falls 12% from its peak, close everything and stop, then restart next "
     "year.", "restart next year"),
    ("EW BTC ETH SOL monthly; sell everything if we're 35% off the top and buy back in when it recovers.",
     "buy back in when it recovers"),
])
def test_a_stop_with_a_restart_is_asked_about(said, phrase):
    assert phrase in question_of(said)


def test_a_stop_with_no_re_entry_is_still_a_stop():
    assert "max drawdown 30%\n" in rbl_of("EW BTC ETH SOL monthly, kill switch at 30% drawdown, no re-entry without my "
                                          "sign-off")


# ---- probes: the stop said as 'a 25% max drawdown' or 'a kill switch if ...'; 'compare to SPY' -------------------
@pytest.mark.parametrize("said, cut", [
    ("IWM 60 IEF 40 monthly, with a 25% max drawdown", "25"),
    ("IWM 60 IEF 40 monthly, and a kill switch if it's ever down 35% from the top", "35"),
])
def test_the_stop_said_by_its_own_name(said, cut):
    assert f"max drawdown {cut}%\n" in rbl_of(said)


def test_compare_to_one_asset_is_the_benchmark():
    assert "\nbenchmark SPY\n" in rbl_of("IWM 60 IEF 40 monthly. Compare to SPY so I can see the tracking error.")


def test_comparing_two_assets_is_no_benchmark():
    question_of("IWM 60 IEF 40 monthly. Compare SPY to AGG.")


# ---- probes: a brake 'at a 10% drawdown', its cash share said without a verb; a bare capital; a trailing window ---
def test_a_brake_said_at_a_drawdown_with_its_invested_share():
    rbl = rbl_of("IWM 70 IEF 30 quarterly; drawdown brake: at a 11% drawdown go to 45% invested with the rest in cash, "
                 "back to full under 3%")
    assert _brake("11", "45", "3", "<") in rbl and "exposure if defensive then 45% else 100%\n" in rbl


def test_a_brakes_cash_share_said_without_a_verb():
    rbl = rbl_of("IWM 70 IEF 30 quarterly; if we're 10% off the highs, half in cash till the drawdown is under 3%")
    assert "exposure if defensive then 50% else 100%\n" in rbl


def test_capital_said_bare():
    assert "capital 100000 USD" in rbl_of("IWM 70 IEF 30 quarterly; capital 100000")


def test_a_covariance_over_trailing_months_of_daily_returns():
    assert "risk parity(12 months)" in rbl_of("risk parity SPY TLT GLD, covariance of the trailing 12 months of daily "
                                              "returns, monthly")


def test_a_covariance_over_months_of_weekly_returns_is_asked_about():
    question_of("risk parity SPY TLT GLD, covariance of the last 6 months of weekly returns, monthly")
