"""Session 19 (w19-b): bands, a calendar that paces a band, a filter's cash, brakes, caps and fill timing read by
family, in the ways traders say them. Every phrasing here is in neither the dev set nor the matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a calendar that paces a band: the band is tested only on the calendar's dates -------------------------------
@pytest.mark.parametrize("said, calendar, band", [
    ("VTI 60 BND 40: quarterly, and on those dates only trade if drift exceeds 5pp", "quarterly", "5pp"),
    ("VTI 60 BND 40: I look at it once a month, and even then I rebalance only if some position has drifted 5 points.",
     "monthly", "5pp"),
    ("VTI 60 BND 40: monthly, and at that point I rebalance if some position has drifted 5 points.", "monthly", "5pp"),
    ("IWM 30 AGG 70: rebalance monthly, and even then only if drift > 4pp", "monthly", "4pp"),
    ("EFA 50 IEF 50. I check it on the last trading day of each month, and at that point I rebalance only if a fund is "
     "more than 5 points off target.", "last trading day of month", "5pp"),
])
def test_a_band_tested_only_on_the_calendar_dates(said, calendar, band):
    rbl = rbl_of(said)
    assert f"    check {calendar}\n    when drift > {band}\n" in rbl


def test_a_calendar_plus_a_band_between_its_dates_is_no_paced_band():
    rbl = rbl_of("VTI 60 BND 40: rebalance quarterly, and also whenever drift exceeds 5pp")
    assert "when quarterly or drift > 5pp" in rbl


def test_a_paced_band_and_a_band_between_dates_both_said_is_asked():
    question_of("VTI 60 BND 40: rebalance quarterly, and even then only if drift > 5pp, and also whenever drift "
                "exceeds 8pp")


# ---- a drift said 'absolute': the drift in percentage points ------------------------------------------------------
@pytest.mark.parametrize("said, band", [
    ("Weights: KO 40%, PEP 30%, PG 30%\nTrigger: any asset's absolute drift > 3pp, checked daily", "3pp"),
    ("SPY 60 TLT 40, rebalance when the abs drift is over 5pp", "5pp"),
    ("VTI 70 BND 30: trigger = abs drift > 3 pts, check weekly", "3pp"),
    ("QQQ 50 IEF 50, rebalance when the absolute drift is more than 6 percentage points", "6pp"),
])
def test_an_absolute_drift_is_a_band_in_points(said, band):
    assert f"    when drift > {band}\n" in rbl_of(said)


def test_an_absolute_drift_said_as_a_share_of_the_target_is_asked():
    question_of("VTI 70 BND 30, rebalance when the absolute drift exceeds 20% of target")


def test_the_sum_of_absolute_drifts_stays_a_total_drift():
    assert "when sum of drift > 10pp" in rbl_of("VTI 70 BND 30, rebalance when the sum of the absolute drifts exceeds "
                                                 "10pp")


# ---- fills at the deciding close: 'the daily close' is a bar, not a schedule ---------------------------------------
@pytest.mark.parametrize("said, calendar", [
    ("SPY 60 TLT 40 rebalanced every Friday. Decide on the daily close and execute on the close, not the next open.",
     "weekly on friday"),
    ("EURUSD 50% USDJPY 50%, rebalance monthly; signal on the daily close and fill the orders at the same close.",
     "monthly"),
    ("QQQ 70 / GLD 30, rebalance each Wednesday, same-bar fills please.", "weekly on wednesday"),
    ("QQQ 70 / GLD 30 every Tuesday, decide and trade at that same close.", "weekly on tuesday"),
])
def test_fills_at_the_close_that_decided(said, calendar):
    rbl = rbl_of(said)
    assert "execution decide at close, trade at close\n" in rbl
    assert f"    when {calendar}\n" in rbl


def test_fills_at_the_next_open_are_no_same_close_fill():
    rbl = rbl_of("SPY 60 TLT 40 every Friday, decide on the close and fill the orders at the next day's open.")
    assert "execution decide at close, trade at next open\n" in rbl


def test_a_band_checked_on_the_daily_close_is_checked_daily():
    assert "    check daily\n    when drift > 5pp\n" in rbl_of("SPY 60 TLT 40, 5pp band checked on the daily close")


# ---- a band shown by the range it gives a target: the same rule said again, never a second rule --------------------
@pytest.mark.parametrize("said, band", [
    ("Equal weight XLE, XLF, XLI and XLB. Rebalance when a position is more than 20% off its target in relative terms "
     "(with a 25% target that means outside 20%-30%), checked every day.", "20% of target"),
    ("VTI 60 BND 40, 5pp band (i.e. a 40% target means 35%-45%)", "5pp"),
    ("VTI 60 BND 40, 20% relative band, e.g. a 40% target trades outside 32 to 48%", "20% of target"),
    ("equal weight SPY EFA EEM IEF, rebalance when any asset drifts more than 5 points (for a 25% weight that's 20-30%)",
     "5pp"),
    ("VTI 60 BND 40, rebalance when a fund is 25% off its target in relative terms, so BND outside 30-50%",
     "25% of target"),
])
def test_a_range_shown_for_a_target_is_the_band_said_again(said, band):
    rbl = rbl_of(said)
    assert f"    when drift > {band}\n" in rbl
    assert "weight <" not in rbl and " or " not in rbl.split("rebalance:")[1]


@pytest.mark.parametrize("said", [
    "VTI 60 BND 40, 20% relative band, e.g. a 40% target trades outside 35 to 45%",
    "Equal weight XLE, XLF, XLI and XLB. Rebalance when a position is more than 20% off its target in relative terms "
    "(with a 25% target that means outside 15%-35%), checked every day.",
    "VTI 60 BND 40, 5pp band (i.e. a 40% target means 32%-48%)",
])
def test_a_range_shown_for_a_target_that_is_another_band_is_asked(said):
    assert "band" in question_of(said)


# ---- each asset's trend filter whose share goes to cash: the filter's `else CASH` ----------------------------------
@pytest.mark.parametrize("said, window", [
    ("equal weight SPY, VEA, BND, DBC. At month end keep each fund only while it closes above its 10-month SMA; if it "
     "doesn't, the fund's slice sits in cash until it's back above.", "10 months"),
    ("EW QQQ IWM TLT GLD rebalanced monthly, hold each only if above its 200d sma, otherwise that one's weight goes to "
     "cash till it's back above", "200 days"),
    ("equal weight SPY EFA TLT, monthly. hold each one only if it's above its 200-day sma; if not, its piece is parked in "
     "cash until it's back above", "200 days"),
    ("Trend-following take on an equal-weight portfolio: XLK, XLE, IEF and GLD, equal weight. Monthly, hold each one "
     "only if its close is above its 150-day simple moving average; if it isn't, that asset's share goes to cash until "
     "it's back above.", "150 days"),
])
def test_each_assets_share_to_cash_below_its_average(said, window):
    rbl = rbl_of(said)
    assert f"while price > sma(price, {window}) else CASH\n" in rbl
    assert "cash CASH\n" in rbl


def test_each_assets_share_to_another_fund_below_its_average_is_not_cash():
    rbl = rbl_of("equal weight SPY EFA IWM, monthly. hold each one only if it's above its 200-day sma; if not, its "
                 "piece goes to SHY until it's back above")
    assert "else SHY\n" in rbl


# ---- a brake that cuts the invested part: the defensive exposure -------------------------------------------------
@pytest.mark.parametrize("said, cut, kept", [
    ("I'd like a simple 55/45 SPY/IEF portfolio with a safety brake. If the portfolio falls 18% from its peak, cut the "
     "invested part to 35% and park the rest in cash; go back to fully invested once the drawdown recovers to 6%. "
     "Rebalance quarterly.",
     "18", "35"),
    ("SPY 60 IEF 40 monthly. If the account drops 15% from its high, reduce the amount invested to 50% and hold the rest "
     "in cash; back to fully invested once the drawdown is under 5%.", "15", "50"),
    ("SPY 60 IEF 40 monthly. If the account drops 15% from its high, be only 30% invested with the rest in cash; back "
     "to fully invested once the drawdown is under 5%.", "15", "30"),
    ("VTI 70 BND 30 quarterly. If the account drops 12% from its high, we stay just 40% invested and keep the rest in "
     "cash; back to fully invested once the drawdown is under 4%.", "12", "40"),
])
def test_a_brake_that_cuts_the_invested_part(said, cut, kept):
    rbl = rbl_of(said)
    assert f"true when drawdown(portfolio) >= {cut}%\n" in rbl
    assert f"exposure if defensive then {kept}% else 100%\n" in rbl


def test_a_brake_that_cuts_equities_is_asked():
    # 'equities' may be the stock sleeve of the mix (moved to bonds), not the exposure: asked
    question_of("SPY 60 IEF 40 monthly. If the account drops 15% from its high, cut equities to 40%; back to full once "
                "the drawdown is under 5%.")


# ---- where a cap's excess goes: to the other positions, or held in cash ------------------------------------------
@pytest.mark.parametrize("said, cap", [
    ("Inverse-volatility weighting over XLK, XLV, IEF, TLT and GLD using 90-day volatility, rebalanced monthly. No "
     "single position may exceed 30%; whatever is cut off a capped position should be spread over the other positions "
     "rather than held as cash.", "30"),
    ("Inverse vol over SPY QQQ IEF TLT GLD (60 days), monthly, max 30% per name; anything trimmed from a capped name "
     "goes to the others, not left in cash.", "30"),
    ("Inverse vol over SPY QQQ IEF TLT GLD (60 days), monthly, max 25% per name; the excess is redistributed over the "
     "rest.", "25"),
])
def test_a_cap_whose_excess_goes_to_the_others(said, cap):
    assert f"max weight {cap}%, excess to other assets\n" in rbl_of(said)


@pytest.mark.parametrize("said", [
    "Inverse vol over SPY QQQ IEF TLT GLD (60 days), monthly, max 30% per name; whatever is cut off a capped position "
    "is held as cash.",
    "Inverse vol over SPY QQQ IEF TLT GLD (60 days), monthly, max 30% per name; whatever is cut off a capped position "
    "is left in cash.",
])
def test_a_cap_whose_excess_is_held_in_cash(said):
    rbl = rbl_of(said)
    assert "max weight 30%\n" in rbl and "excess to other" not in rbl


@pytest.mark.parametrize("said, cap", [
    ("inverse vol SPY TLT GLD DBC (60 days), monthly, cap 40% per asset, extra to the rest", "40"),
    ("inverse vol SPY TLT GLD DBC (60 days), monthly, max 35% per fund; excess to the others", "35"),
    ("inverse vol SPY TLT GLD DBC (60 days), monthly, cap 40% per asset; whatever is cut off a capped asset goes to the "
     "other positions in proportion", "40"),
])
def test_a_cap_with_its_excess_to_the_others_in_shorthand(said, cap):
    assert f"max weight {cap}%, excess to other assets\n" in rbl_of(said)


def test_a_cap_said_as_a_noun_before_its_figure():
    rbl = rbl_of("inverse vol SPY TLT GLD DBC (60 days), monthly, cap of 40% per name; what's cut off stays in cash")
    assert "max weight 40%\n" in rbl


def test_the_excess_of_a_cap_sent_to_one_fund_is_asked():
    question_of("inverse vol SPY TLT GLD DBC (60 days), monthly, cap 40% per asset; whatever is cut off a capped asset "
                "goes to SHY")


def test_extra_to_the_rest_with_no_cap_is_asked():
    question_of("SPY 50 TLT 30 GLD 20 monthly, extra to the rest")


def test_a_brake_said_only_as_the_share_invested():
    rbl = rbl_of("SPY/TLT 60/40 monthly. If we're down 25% from the high, only 50% invested, rest cash, until the "
                 "drawdown is back under 10%.")
    assert "exposure if defensive then 50% else 100%\n" in rbl


def test_a_brake_that_cuts_the_invested_part_by_a_share_is_asked():
    question_of("SPY/TLT 60/40 monthly. If we're down 25% from the high, cut the invested part by 40% and park it in "
                "cash; back to full once the drawdown is under 10%.")


def test_fills_at_the_same_bar_close_on_the_d1_chart():
    rbl = rbl_of("EURUSD 50 GBPUSD 50, rebalance weekly on Friday. Signals on D1 close, orders filled at the same bar "
                 "close.")
    assert "execution decide at close, trade at close\n" in rbl


def test_a_range_shown_for_a_target_said_with_an_arrow():
    rbl = rbl_of("equal weight SPY QQQ IWM EFA, rebalance when any drifts 20% of its target (e.g. 25% target -> 20-30%)")
    assert "    when drift > 20% of target\n" in rbl


# ---- the band as the calendar's own condition: 'rebalance <calendar> if <band>' --------------------------------------
@pytest.mark.parametrize("said, calendar, band", [
    ("SPY 50 IEF 50, rebalance on the first trading day of each quarter if any position is more than 5% off target.",
     "quarterly", "5pp"),
    ("QQQ 40 AGG 60, rebalance monthly if drift exceeds 4pp", "monthly", "4pp"),
    ("VT 80 BNDW 20, rebalance every quarter, but only if some holding is more than 6 points off", "quarterly", "6pp"),
])
def test_a_band_said_as_the_calendars_condition_is_paced(said, calendar, band):
    assert f"    check {calendar}\n    when drift > {band}\n" in rbl_of(said)


def test_a_calendar_or_a_band_is_no_paced_band():
    assert "when monthly or drift > 4pp" in rbl_of("QQQ 40 AGG 60, rebalance monthly, or if drift exceeds 4pp")


def test_a_calendar_and_if_a_band_is_asked():
    question_of("QQQ 40 AGG 60, rebalance monthly and if drift exceeds 4pp")


# ---- a calendar word inside a longer one: never read as the shorter calendar --------------------------------------
@pytest.mark.parametrize("said", [
    "VTI 60 BND 40, semiannual check; act if any asset is more than 4pp off at that time",
    "VTI 60 BND 40, semi-annual review, 4pp band",
])
def test_a_semiannual_check_is_no_annual_check(said):
    # it was read 'check annually': rbl's half-yearly calendar is spaced from the last rebalance, so it is asked
    question_of(said)


@pytest.mark.parametrize("said", [
    "VTI 60 BND 40, bimonthly check, 4pp band",
    "VTI 60 BND 40, rebalance bimonthly",
])
def test_bimonthly_is_asked(said):
    # every two months or twice a month; it was read as monthly (the 'bi' skipped)
    assert "bimonthly" in question_of(said)


def test_an_annual_check_stays_annual():
    assert "    check annually\n    when drift > 4pp\n" in rbl_of("VTI 60 BND 40, annual check, 4pp band")


def test_a_relative_band_said_after_off_with_no_target_named():
    assert "    when drift > 10% of target\n" in rbl_of("SPY 60 TLT 40, rebalance when any weight is 10% off, relative")


def test_a_band_in_pct_pts_is_points():
    assert "    when drift > 5pp\n" in rbl_of("SPY 60 TLT 40, threshold = 5 pct pts")


@pytest.mark.parametrize("said", [
    "SPY 60 TLT 40 monthly, trades executed on the close, decision made the previous close",
    "SPY 60 TLT 40 monthly. Trades at the close, using signals from yesterday's close.",
])
def test_a_fill_a_bar_after_the_decision_is_asked(said):
    # it was read 'decide at close, trade at close' (the same bar): rbl has no one-bar delay between the two
    assert "close" in question_of(said)


@pytest.mark.parametrize("said, calendar", [
    ("SPY 60 TLT 40. I never trade between quarter ends; at each quarter end I rebalance only if drift > 5pp.",
     "last trading day of quarter"),
    ("SPY 60 TLT 40. Quarterly. Don't rebalance intra-quarter even if drift is big. Drift threshold 5pp at the quarterly "
     "check.", "quarterly"),
    ("SPY 60 TLT 40. Monthly with a 5pp band. We don't trade intra-month.", "monthly"),
])
def test_no_trade_between_the_calendar_dates_paces_the_band(said, calendar):
    assert f"    check {calendar}\n    when drift > 5pp\n" in rbl_of(said)


def test_a_range_shown_for_a_target_as_its_two_edges():
    rbl = rbl_of("Equal weight VTI VEA VWO BND. Rebalance if any fund moves more than 25% relative to its target (for a 25% "
                 "target: below 18.75% or above 31.25%).")
    assert "    when drift > 25% of target\n" in rbl


def test_a_target_shown_with_edges_of_another_band_is_asked():
    question_of("Equal weight VTI VEA VWO BND. Rebalance if any fund moves more than 25% relative to its target (for a "
                "25% target: below 20% or above 30%).")


@pytest.mark.parametrize("said", [
    "equal weight SPY EFA EEM, monthly; each fund held only above its 200-day SMA, otherwise that asset's share goes to "
    "cash until it's back above its 100-day SMA",
    "QQQ 60 TLT 40 monthly; hold QQQ only while above its 200-day SMA, otherwise move it to cash until it's back above "
    "its 100-day SMA",
])
def test_a_way_back_over_another_average_is_asked(said):
    # a second window is a rule of its own (a way back over the 100-day average), never dropped
    assert "100-day" in question_of(said)


def test_a_way_back_over_the_filters_own_average_is_the_filter():
    rbl = rbl_of("equal weight SPY EFA EEM, monthly; each fund held only above its 200-day SMA, otherwise that asset's "
                 "share goes to cash until it's back above its 200-day SMA")
    assert "while price > sma(price, 200 days) else CASH\n" in rbl
