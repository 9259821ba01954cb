"""Session 18 (w18-a): conditions, trend filters and regime weights read by family: the signal said on the month's
close, a trend filter to a cash proxy said 'only hold X if it closes the month above ...', a top N's picks filtered by
their average with their share to cash, regime weights whose other side is said 'when it's below', and a volatility
lookback said in days 'of returns'. Every phrasing here is in neither the dev set nor the matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of

FOUR = "EFA, VWO, IEF and DBC at 25% each."
EACH_150_CASH = "while price > sma(price, 150 days) else CASH"
MONTH_END = "    when last trading day of month\n"


# ---- the decision said at the month's (quarter's) close -------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "At the close of each month, whatever trades below its 150-day SMA goes to cash.",
    "On the close of every month anything under its 150-day SMA is moved to cash.",
    "At the monthly close, whatever is below its 150-day SMA goes to cash.",
    "Every month's close, anything trading below its 150-day SMA is sold to cash.",
])
def test_the_month_close_is_the_last_trading_day_of_the_month(said):
    rbl = rbl_of(f"{FOUR} {said}")
    assert EACH_150_CASH in rbl and MONTH_END in rbl


def test_the_quarter_close_is_the_last_trading_day_of_the_quarter():
    rbl = rbl_of("SPY 60%, TLT 40%, rebalanced at the close of each quarter.")
    assert "    when last trading day of quarter\n" in rbl


def test_a_close_of_the_trading_day_is_not_the_months():
    assert MONTH_END not in rbl_of("SPY 60%, TLT 40%, rebalanced monthly; trade at the close of the day.")


# ---- only holding an asset when it closes the month above its average -----------------------------------------------
QQQ_150_SHY = "QQQ 100% while price > sma(price, 150 days) else SHY"


@pytest.mark.parametrize("said", [
    "Hold QQQ only if it closes the month above its 150-day SMA, otherwise park it all in SHY.",
    "Only own QQQ while it finishes the month above its 150 day moving average, otherwise SHY.",
    "hold QQQ only if it ends the month above the 150-day MA, else everything goes to SHY",
    "Keep QQQ only while it closes each month above its 150-day SMA, otherwise move to SHY.",
    "Hold QQQ only if its month-end close is above its 150-day SMA, otherwise SHY.",
    "Own QQQ while its monthly close is over the 150-day moving average, else SHY.",
])
def test_an_asset_held_while_it_closes_the_month_above_its_average(said):
    rbl = rbl_of(said)
    assert QQQ_150_SHY in rbl and MONTH_END in rbl


def test_the_month_close_and_a_last_trading_day_said_again_are_one_schedule():
    rbl = rbl_of("Hold QQQ only if it closes the month above its 150-day SMA, otherwise SHY. Decide on the last "
                 "trading day of the month.")
    assert QQQ_150_SHY in rbl and MONTH_END in rbl


def test_the_month_close_beside_a_weekly_schedule_is_asked_about():
    assert "which one is meant" in question_of(
        "Hold QQQ only if it closes the month above its 150-day SMA, otherwise SHY. Rebalance weekly.")


def test_an_asset_said_to_close_the_week_above_its_average_is_not_read_as_the_months():
    assert question_of("Hold QQQ only if it closes the week above its 150-day SMA, otherwise SHY. Rebalance monthly.")


# ---- regime weights: the other side said 'when it's below' after its weights ----------------------------------------
QQQ_REGIME = ("    if QQQ > sma(QQQ, 100 days):\n        QQQ 70%\n        IEF 30%\n    else:\n        QQQ 30%\n"
              "        IEF 70%\n")


@pytest.mark.parametrize("said", [
    "QQQ/IEF 70/30 while QQQ is above its 100-day SMA, 30/70 when it's below.",
    "70% QQQ and 30% IEF when QQQ trades above its 100-day moving average, 30% QQQ and 70% IEF when it trades below it.",
    "QQQ 70 / IEF 30 as long as QQQ is over its 100-day SMA; QQQ 30 / IEF 70 when QQQ is under it.",
    "QQQ/IEF 70/30 while QQQ is above its 100-day SMA and 30/70 below it.",
    "70/30 QQQ/IEF if QQQ closes above its 100-day SMA, 30/70 if it closes below.",
])
def test_regime_weights_with_the_other_side_said_after_its_weights(said):
    assert QQQ_REGIME in rbl_of(f"{said} Rebalance monthly.")


def test_the_same_side_said_twice_is_not_read_as_the_other_branch():
    assert question_of("QQQ/IEF 70/30 while QQQ is above its 100-day SMA, 30/70 when it's above its 50-day SMA. "
                       "Rebalance monthly.")


def test_the_other_side_of_another_asset_is_not_read_as_the_other_branch():
    assert question_of("QQQ/IEF 70/30 while QQQ is above its 100-day SMA, 30/70 when IEF is below it. Rebalance monthly.")


# ---- inverse volatility with its window said as days of returns ------------------------------------------------------
@pytest.mark.parametrize("said", [
    "Weight XLE, XLU, GLD and TLT by 1/vol using 45 trading days of returns.",
    "Size XLE, XLU, GLD and TLT by inverse volatility over 45 days of daily returns.",
    "Inverse-vol weights on XLE, XLU, GLD and TLT, using 45 days of price data.",
])
def test_inverse_volatility_with_its_window_said_as_days_of_returns(said):
    assert "target: inverse volatility(45 days) XLE, XLU, GLD, TLT\n" in rbl_of(f"{said} Rebalance monthly.")


def test_inverse_volatility_of_returns_over_another_span_asks_the_lookback():
    assert "lookback" in question_of("Weight XLE, XLU, GLD and TLT by inverse volatility of 20-day returns, monthly.")


# ---- a top N's picks filtered by their average, the pick's share said to go to cash ---------------------------------
RANKED = "Each month rank XLK, XLF, XLE, XLV, XLI and XLU by 6-month return and hold the top 2 equally"
TOP_2_FILTERED = "target: top 2 by return(price, 6 months) of XLK, XLF, XLE, XLV, XLI, XLU while price > sma(price, 50 days) else CASH\n"


@pytest.mark.parametrize("said", [
    ", but if a pick is below its 50-day SMA that half goes to cash instead.",
    ". If a pick trades under its 50-day moving average, its half goes to cash.",
    "; if any pick closes below its 50-day SMA, that share goes to cash.",
    ", but if a winner is under its 50-day SMA its slot moves to cash.",
])
def test_a_picks_share_said_moved_to_cash_below_its_average(said):
    assert TOP_2_FILTERED in rbl_of(f"{RANKED}{said}")


def test_a_picks_piece_that_does_not_fit_the_top_n_is_asked_about():
    assert "that third" in question_of(f"{RANKED}, but if a pick is below its 50-day SMA that third goes to cash.")


def test_a_pick_said_above_its_average_with_its_share_to_cash_is_not_read_as_the_filter():
    assert question_of(f"{RANKED}, but if a pick is above its 50-day SMA that half goes to cash instead.")


def test_half_of_an_asset_not_held_at_half_is_asked_about():
    """'that half' of SPY at 60% may mean 30% of the portfolio: never read as all of SPY's weight moved."""
    assert question_of("SPY 60%, TLT 40%, monthly. If SPY is below its 200-day SMA, that half goes to cash.")


def test_an_asset_held_at_half_has_that_half_moved_to_cash():
    assert "SPY 50% while price > sma(price, 200 days) else CASH\n" in rbl_of(
        "SPY 50%, TLT 50%, monthly. If SPY is below its 200-day SMA, that half goes to cash.")


def test_an_assets_half_said_to_sit_in_cash():
    assert "GLD 50% while price > sma(price, 100 days) else CASH\n" in rbl_of(
        "GLD 50% and SPY 50%; when GLD is below its 100-day SMA its half sits in cash. Rebalance monthly.")


def test_each_equal_quarter_said_moved_to_cash_below_its_average():
    assert "equal weight SPY, EFA, EEM, TLT while price > sma(price, 200 days) else CASH\n" in rbl_of(
        "Equal weight SPY, EFA, EEM, TLT; if any holding is below its 200-day SMA, its quarter goes to cash. Monthly.")


def test_a_quarter_of_a_three_way_equal_mix_is_asked_about():
    assert question_of("Equal weight SPY, EFA, TLT; if any holding is below its 200-day SMA, its quarter goes to cash. "
                       "Monthly.")


# ---- only holding an asset on one side of its average, another on the other side -------------------------------------
@pytest.mark.parametrize("said", [
    "Hold QQQ while it's above its 100-day SMA and IEF when it's below it.",
    "Be in QQQ while it trades above the 100-day moving average, otherwise in IEF.",
    "Own QQQ only when it is above its 100-day SMA, and IEF when it is under.",
])
def test_one_asset_above_its_average_another_below(said):
    assert "QQQ 100% while price > sma(price, 100 days) else IEF\n" in rbl_of(f"{said} Rebalance monthly.")


def test_another_asset_said_on_the_same_side_is_not_the_otherwise():
    assert question_of("Hold QQQ while it's above its 100-day SMA and IEF when it's above it. Rebalance monthly.")


def test_an_assets_weight_moved_when_it_closes_the_month_below_its_average():
    rbl = rbl_of("SPY/TLT 60/40, but if SPY closes the month below its 200-day SMA, move SPY's 60% to SHY.")
    assert "SPY 60% while price > sma(price, 200 days) else SHY\n" in rbl and MONTH_END in rbl


@pytest.mark.parametrize("said", [
    "QQQ/IEF 70/30 while QQQ is above its 100-day SMA and 30/70 when it's not.",
    "QQQ 70, IEF 30 when QQQ is above its 100-day SMA; when it falls below, QQQ 30, IEF 70.",
    "70/30 QQQ/IEF while QQQ is above its 100-day SMA; if it drops under it, we go 30/70.",
])
def test_regime_weights_with_the_other_side_said_as_not_or_before_its_weights(said):
    assert QQQ_REGIME in rbl_of(f"{said} Rebalance monthly.")


def test_the_other_side_said_before_weights_on_the_same_side_is_not_the_otherwise():
    assert question_of("QQQ 70% IEF 30% when QQQ is above its 100-day SMA; when it rises above, QQQ 30% IEF 70%. "
                       "Rebalance monthly.")


# ---- risk-on / risk-off named beside each side's weights -----------------------------------------------------------
@pytest.mark.parametrize("said", [
    "Risk-on 70/30 QQQ/IEF when QQQ is above its 100-day SMA, risk-off 30/70 when it's below.",
    "risk-on: QQQ/IEF 70/30 while QQQ is above its 100-day SMA; risk-off: 30/70 otherwise.",
    "Uptrend 70/30 QQQ/IEF if QQQ is above its 100-day SMA, downtrend 30/70 below it.",
])
def test_risk_on_and_risk_off_named_beside_their_weights(said):
    assert QQQ_REGIME in rbl_of(f"{said} Rebalance monthly.")


def test_risk_on_said_for_the_side_below_the_average_is_asked_about():
    assert "which weights go with which side" in question_of(
        "Risk-on 70/30 QQQ/IEF when QQQ is below its 100-day SMA, risk-off 30/70 when it's above. Rebalance monthly.")


def test_risk_off_said_for_the_side_above_the_average_is_asked_about():
    assert "which weights go with which side" in question_of(
        "70/30 QQQ/IEF when QQQ is below its 100-day SMA, risk-off 30/70 otherwise. Rebalance monthly.")


@pytest.mark.parametrize("said", [
    "Hold QQQ when above its 150-day SMA, else SHY, decided at month-end.",
    "Hold QQQ when above its 150-day SMA, else SHY, decided on the last trading day of the month.",
])
def test_the_signal_said_decided_at_month_end_is_the_schedule_not_a_story(said):
    rbl = rbl_of(said)
    assert QQQ_150_SHY in rbl and MONTH_END in rbl


def test_a_decision_told_as_a_story_is_still_skipped():
    assert "SPY 60%" in rbl_of("SPY 60%, TLT 40%, rebalanced quarterly. We decided on this mix after a long talk.")


# ---- the way back said as the asset held named again -----------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "Switch QQQ to SHY whenever QQQ closes the month below its 150-day SMA; back to QQQ when it closes above.",
    "Move QQQ to SHY when QQQ is below its 150-day SMA, and go back into QQQ once it's back above.",
])
def test_the_way_back_said_as_the_asset_named_again(said):
    assert QQQ_150_SHY in rbl_of(f"{said} Rebalance monthly.")


def test_back_to_the_fallback_is_not_read_as_the_way_back():
    assert question_of("Move QQQ to SHY when QQQ is below its 150-day SMA, and go back into SHY once it's back above. "
                       "Rebalance monthly.")


# ---- the otherwise said as 'the rest of the time' or after the asset -----------------------------------------------
@pytest.mark.parametrize("said", [
    "I only want to be in QQQ when it's trading above its 150-day SMA; the rest of the time, SHY.",
    "QQQ only when above its 150-day SMA, SHY otherwise.",
    "Hold QQQ while it's above its 150-day SMA, at all other times SHY.",
])
def test_the_otherwise_said_as_the_rest_of_the_time_or_after_the_asset(said):
    assert QQQ_150_SHY in rbl_of(f"{said} Rebalance monthly.")


@pytest.mark.parametrize("said", [
    "In QQQ only above its 150-day SMA, in SHY below it.",
    "Long QQQ above the 150-day SMA, SHY below.",
])
def test_a_bare_filter_with_the_other_asset_said_bare_below(said):
    assert QQQ_150_SHY in rbl_of(f"{said} Rebalance monthly.")


def test_a_bare_filter_flat_below_is_cash():
    assert "QQQ 100% while price > sma(price, 150 days) else CASH" in rbl_of(
        "Long QQQ above the 150-day SMA, flat below. Rebalance monthly.")


def test_a_bare_filter_with_the_other_asset_on_the_same_side_is_asked_about():
    assert question_of("Long QQQ above the 150-day SMA, SHY above it. Rebalance monthly.")


@pytest.mark.parametrize("said", ["at month's close", "at the month-end close"])
def test_either_of_two_halves_moved_to_cash_at_the_months_close(said):
    rbl = rbl_of(f"Hold SPY and TLT 50/50; {said}, if either is below its 200-day SMA, that half goes to cash.")
    assert "    SPY 50% while price > sma(price, 200 days) else CASH\n    TLT 50% while price > sma(price, 200 days) else CASH\n" in rbl
    assert MONTH_END in rbl


def test_either_half_of_an_unequal_split_is_asked_about():
    assert question_of("Hold SPY and TLT 60/40 monthly; if either is below its 200-day SMA, that half goes to cash.")


# ---- one asset held only while another is above its average (a leveraged fund gated on its index) -------------------
@pytest.mark.parametrize("said", [
    "TQQQ only when QQQ is above its 200-day SMA, otherwise cash.",
    "Hold TQQQ only while QQQ trades above its 200-day SMA, otherwise cash.",
])
def test_the_only_asset_held_gated_on_another_assets_average(said):
    assert "TQQQ 100% while QQQ > sma(QQQ, 200 days) else CASH\n" in rbl_of(f"{said} Rebalance daily.")


def test_one_asset_of_a_mix_gated_on_another_assets_average_is_asked_about():
    assert question_of("TQQQ 50%, TLT 50%. TQQQ only when QQQ is above its 200-day SMA, otherwise cash. Daily.")
