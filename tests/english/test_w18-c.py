"""Session 18 (w18-c): weights, bands, alerts and schedules said in spec and chat shorthand: a split joined by dashes or
spaced slashes ('btc/eth 50-50', 'Weights: 40 / 30 / 30'), spec-form fields, per-asset bands listed after a label, a
rule announced before it is said ('My rule: rebalance the lot ...'), an alert instead of trading, a volatility said
'a year' or 'annual', and the last business day said as 'final'. Every phrasing here is in neither the dev set nor the
matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a split joined by dashes or spaced slashes -------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "sol/avax 70-30, rebal when drift goes past 8pp",
    "SOL and AVAX 70-30; rebalance once drift is over 8pp",
    "a 70-30 mix of sol and avax, rebalance when drift > 8pp",
    "70 / 30 SOL AVAX, rebal when drift exceeds 8pp",
])
def test_a_two_way_split_joined_by_a_dash_or_a_spaced_slash(english):
    rbl = rbl_of(english)
    assert "    SOL 70%\n    AVAX 30%\n" in rbl
    assert "when drift > 8pp" in rbl


@pytest.mark.parametrize("english", [
    "IWM, EFA, GLD at 50 / 25 / 25, rebalance each quarter",
    "IWM EFA GLD 50-25-25, quarterly rebal",
])
def test_a_three_way_split_joined_by_dashes_or_spaced_slashes(english):
    assert "    IWM 50%\n    EFA 25%\n    GLD 25%\n" in rbl_of(english)


def test_a_dashed_split_that_does_not_add_up_is_asked():
    assert "60-30" in question_of("spy/tlt 60-30, rebalance monthly")


def test_a_range_after_between_is_no_split():
    assert "TLT" in question_of("keep SPY between 40-60, TLT the rest, rebalance monthly")


def test_even_odds_are_no_split():
    assert "chance" in question_of("SPY 60% TLT 40%, a 50-50 chance it works, rebalance monthly")


def test_a_range_with_its_percent_is_no_split():
    assert "40%-60%" in question_of("SPY TLT 40-60% band, rebalance monthly")


# ---- spec-form fields -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Universe: IWM, EFA, GLD. Weights: 50 / 25 / 25. Schedule: rebalance on the first trading day of every quarter.",
    "Tickers: IWM, EFA, GLD\nTarget weights: 50-25-25\nRebalancing: quarterly",
    "Universe - IWM, EFA, GLD. Weights - 50/25/25. Schedule - quarterly.",
])
def test_a_spec_lists_the_universe_then_its_weights_then_its_schedule(english):
    rbl = rbl_of(english)
    assert "    IWM 50%\n    EFA 25%\n    GLD 25%\n" in rbl
    assert "when quarterly" in rbl


def test_a_spec_band_said_absolute_is_in_percentage_points():
    rbl = rbl_of("Assets: VOO, BNDX. Allocation: 65 / 35. Threshold: 4% absolute. Check: daily.")
    assert "when drift > 4pp" in rbl


def test_a_spec_with_band_fees_and_a_minimum_trade_after_dashes():
    rbl = rbl_of("Universe - VOO, BNDX. Weights - 65/35. Band - 4pp. Fees - 3 bps.")
    assert "when drift > 4pp" in rbl
    assert "commission 3 bps" in rbl


# ---- per-asset bands listed after a label ---------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Targets: USDJPY 50%, AUDUSD 25%, XAGUSD 25%. Tolerance per symbol: USDJPY 2%, AUDUSD 4%, XAGUSD 6%. When any symbol "
    "leaves its tolerance, everything goes back to target.",
    "Weights: USDJPY 50%, AUDUSD 25%, XAGUSD 25%. Thresholds per pair: USDJPY 2%, AUDUSD 4%, XAGUSD 6%. If any pair "
    "leaves its band, rebalance everything.",
    "USDJPY 50%, AUDUSD 25%, XAGUSD 25%. Bands: USDJPY 2pp, AUDUSD 4pp, XAGUSD 6pp. Rebalance all when any instrument "
    "breaks its band.",
])
def test_per_asset_bands_listed_after_a_label_are_bands_not_weights(english):
    rbl = rbl_of(english)
    assert "    USDJPY 50%\n    AUDUSD 25%\n    XAGUSD 25%\n" in rbl
    assert "bands:\n    USDJPY 2pp\n    AUDUSD 4pp\n    XAGUSD 6pp\n" in rbl
    assert "when drift > its band" in rbl


def test_a_pair_of_assets_is_not_any_asset():
    assert "pair" in question_of("SPY 50% TLT 50%, rebalance whenever any pair of assets drifts apart by 10pp")


# ---- an asset added beside the weights with no share ---------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "70/30 VTI BND plus a little GLD, rebalance yearly",
    "VTI 70% and BND 30%, with a touch of GLD on top; yearly rebalance",
])
def test_an_asset_added_with_no_share_of_its_own_is_asked(english):
    question = question_of(english)
    assert "target weight" in question and "GLD" in question


# ---- a rule announced before it is said -----------------------------------------------------------------------------
def test_rebalancing_the_lot_is_rebalancing_everything():
    rbl = rbl_of("Holding 40% VEA, 40% VWO, 20% TIP. My rule: rebalance the lot back to target when any holding is off by "
                 "more than 25% of its own target weight, checked every day.")
    assert "when drift > 25% of target" in rbl
    assert "to target" in rbl


def test_a_range_shown_outside_which_it_trades_agrees_with_the_relative_band():
    rbl = rbl_of("Holding 40% VEA, 40% VWO, 20% TIP. Rebalance the whole thing when any holding is off by more than 25% of "
                 "its target (so TIP outside 15-25%), checked daily.")
    assert "when drift > 25% of target" in rbl
    assert "bands:" not in rbl


def test_a_range_shown_outside_which_it_trades_that_disagrees_is_asked():
    question = question_of("Holding 40% VEA, 40% VWO, 20% TIP. Rebalance the lot when any holding is off by more than 25% "
                           "of its target (so TIP outside 10-30%), checked daily.")
    assert "TIP" in question


# ---- an alert instead of trading ------------------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "QQQ 70 IEF 30, band 6pp, just send me an alert instead of trading",
    "QQQ 70% IEF 30%, 6pp band; email me rather than rebalancing",
    "QQQ/IEF 70/30, rebalance at 6pp drift but notify me instead",
])
def test_an_alert_said_in_place_of_the_trade_is_the_alert_mode(english):
    rbl = rbl_of(english)
    assert "mode alert" in rbl
    assert "when drift > 6pp" in rbl


def test_an_alert_when_it_rebalances_is_not_the_alert_mode():
    assert "alert" in question_of("QQQ 70% IEF 30%, 6pp band, send me an alert when it rebalances")


# ---- a volatility target said 'a year' or 'annual' ------------------------------------------------------------------
def test_annual_volatility_with_its_window_in_brackets_is_no_schedule():
    rbl = rbl_of("70/30 qqq ief scaled to 11% annual volatility (40-day), never more than 1.5x leverage, rebalance quarterly")
    assert "exposure min(11% / vol(basket, 40 days), 1.5x)" in rbl
    assert "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "Please scale my 70/30 QQQ/IEF so that its 40-day realized volatility targets 11% a year, at most 1.5x leverage, rest "
    "in cash. Rebalance quarterly.",
    "Scale the 70/30 QQQ and IEF mix so its 40-day realised vol targets 11% per year, capped at 1.5x. Rebalance quarterly.",
])
def test_the_mix_named_as_what_is_scaled_keeps_its_weights(english):
    rbl = rbl_of(english)
    assert "    QQQ 70%\n    IEF 30%\n" in rbl
    assert "exposure min(11% / vol(basket, 40 days), 1.5x)" in rbl


def test_annual_rebalancing_beside_a_volatility_target_is_still_a_schedule():
    rbl = rbl_of("70/30 QQQ IEF scaled to 11% annual volatility over 40 days, rebalance annually")
    assert "when annually" in rbl


# ---- the last business day said 'final' -----------------------------------------------------------------------------
@pytest.mark.parametrize("english, period", [
    ("Hold 65% VTI and 35% BND; trade on the final business day of every month", "month"),
    ("65/35 VTI BND, rebalance on the final session of each quarter", "quarter"),
    ("VTI 65 BND 35, rebalance on the final trading day of the month", "month"),
    ("VTI 65 BND 35 - rebal on last trading day of quarter", "quarter"),
])
def test_the_final_business_day_is_the_last_trading_day(english, period):
    assert f"when last trading day of {period}" in rbl_of(english)


# ---- the exposure said as levered to a gross exposure ---------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Running SPY/IEF 70/30 levered to 1.3x gross exposure, with leverage capped at 1.3x. Rebalance quarterly.",
    "SPY/IEF 70/30, leveraged to 1.3x total exposure; rebalance quarterly.",
])
def test_levered_to_a_gross_exposure_is_the_exposure_held(english):
    rbl = rbl_of(english)
    assert "exposure 1.3x" in rbl
    assert "max leverage 1.3x" in rbl


def test_levered_above_its_own_cap_is_asked():
    question = question_of("SPY/IEF 70/30 levered to 2x gross exposure, leverage capped at 1.3x. Rebalance quarterly.")
    assert "2x" in question and "1.3x" in question


# ---- what a top-1 momentum holds when it does not beat the bar ------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Each month hold whichever of SPY or EFA has the higher 12-month return, but only if that return beats SHY's 12-month "
    "return. If it doesn't, I'm 100% in IEF.",
    "Each month hold whichever of SPY or EFA has the higher 12-month return, only if it beats SHY's 12-month return; if it "
    "doesn't, we're all in IEF.",
])
def test_the_fallback_said_as_being_all_in_an_asset(english):
    assert ("target: top 1 by return(price, 12 months) of SPY, EFA while return(price, 12 months) > "
            "return(SHY, 12 months) else IEF") in rbl_of(english)


def test_a_bar_over_another_window_said_with_its_possessive_is_asked():
    question = question_of("Each month hold whichever of SPY or EFA has the higher 12-month return, but only if that return "
                           "beats SHY's 6-month return. If it doesn't, I hold IEF.")
    assert "6-month" in question


# ---- the right question first where a fact is missing --------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Please build me a portfolio of VTI, VEA and AGG, rebalanced yearly, with more in stocks than in bonds.",
    "hold VTI and BND, a bigger share of VTI than BND, rebalance yearly",
])
def test_one_side_said_to_weigh_more_asks_the_weights(english):
    assert "weight" in question_of(english)


@pytest.mark.parametrize("english, words", [
    ("when qqq is above its 150-day go 80/20 qqq/tlt, otherwise go more defensive. rebalance monthly", "defensive"),
    ("hold QQQ while it is above its 100-day average, else get a bit safer. rebalance weekly", "safer"),
])
def test_the_other_side_said_only_by_its_mood_is_asked_naming_it(english, words):
    question = question_of(english)
    assert words in question and "where should the weight go" in question


def test_a_calendar_day_said_final_is_not_read_as_a_trading_day():
    assert "final day" in question_of("VTI 65 BND 35, rebalance on the final day of the month")


def test_a_first_day_of_the_month_said_without_articles_is_monthly():
    assert "when monthly" in rbl_of("vti 65 bnd 35 - rebal on 1st of month")


# ---- spec fields set off by arrows or equals signs, a minimum trade said as a refusal ------------------------------
@pytest.mark.parametrize("english", [
    "Target allocation -> VOO: 65%, BNDX: 35%. Rebalance threshold -> 4pp.",
    "Weights: VOO=65, BNDX=35. Threshold: 4pp.",
    "Weights => VOO 65, BNDX 35. Band => 4pp.",
])
def test_spec_fields_after_arrows_and_weights_after_equals_signs(english):
    rbl = rbl_of(english)
    assert "    VOO 65%\n    BNDX 35%\n" in rbl
    assert "when drift > 4pp" in rbl


def test_a_minimum_trade_said_as_never_trading_less():
    assert "minimum trade 75 USD" in rbl_of("VOO 65 BNDX 35, rebalance monthly, don't trade less than $75")


def test_bands_said_in_the_plural_before_one_number_are_one_band():
    assert "when drift > 6pp" in rbl_of("Weights: VOO 65, BNDX 35. Bands: 6pp. Costs: 3 bps.")


def test_alerts_only_instead_of_trading_is_the_alert_mode():
    assert "mode alert" in rbl_of("voo 65 bndx 35, band 6pp, alerts only instead of trading")


def test_a_defensive_side_with_its_asset_is_not_named_as_a_mood():
    question = question_of("If QQQ is above its 150 day SMA hold QQQ, otherwise go defensive into TLT")
    assert "defensive" not in question


# ---- MT5-forum and one-line spec shorthand ------------------------------------------------------------------------
def test_a_deviation_per_symbol_is_each_symbols_band():
    rbl = rbl_of("EA settings: XAGUSD 20%, USDJPY 80%. Max deviation per symbol: XAGUSD 6%, USDJPY 2%. On breach rebalance all.")
    assert "bands:\n    XAGUSD 6pp\n    USDJPY 2pp\n" in rbl


def test_clauses_of_a_one_line_spec_parted_by_slashes():
    rbl = rbl_of("VOO 65 / BNDX 35 / rebal 4pp / costs 3bps")
    assert "    VOO 65%\n    BNDX 35%\n" in rbl
    assert "when drift > 4pp" in rbl
    assert "commission 3 bps" in rbl


def test_rebal_with_points_is_the_band():
    assert "when drift > 4pp" in rbl_of("VOO 65 BNDX 35, rebal 4pp")


def test_rebal_with_a_bare_percent_is_asked():
    assert "4%" in question_of("VOO 65 BNDX 35, rebal 4%")


@pytest.mark.parametrize("english", [
    "VTI 50, BND 50; rebalance when a fund drifts more than 10% of its target (so VTI can float 45-55).",
    "VTI 50, BND 50; rebalance when a fund drifts more than 10% of its target, i.e. VTI may range 45-55.",
])
def test_a_range_an_asset_may_move_in_is_no_split(english):
    rbl = rbl_of(english)
    assert "when drift > 10% of target" in rbl
    assert "    VTI 50%\n    BND 50%\n" in rbl


@pytest.mark.parametrize("english, band", [
    ("VOO/BNDX 65/35, band 8 (relative), monthly check", "when drift > 8% of target"),
    ("VOO/BNDX 65/35, threshold 3% (absolute), check daily", "when drift > 3pp"),
])
def test_the_kind_of_band_said_in_brackets_after_it(english, band):
    assert band in rbl_of(english)
