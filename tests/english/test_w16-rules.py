"""Session 16 (w16-rules): conditional weights read by family: regime weights on a trend or a volatility condition
said the ways traders say them (the other side said bare, the assets before their split, the condition opening the
sentence, a tilt from the usual mix), volatility said as 'realized vol' or 'the vol of SPY'. Every phrasing here is in
neither the dev set nor the matched sets."""

from __future__ import annotations

import re

import pytest

from tests.english.reading import question_of, rbl_of

QQQ_IEF = ("target:\n    if QQQ > sma(QQQ, 150 days):\n        QQQ 75%\n        IEF 25%\n"
           "    else:\n        QQQ 25%\n        IEF 75%\n")


# ---- regime weights: the other side said bare ('below it 30/70') ---------------------------------------------------
@pytest.mark.parametrize("english", [
    "When QQQ is above its 150-day SMA we run 75/25 QQQ/IEF, below it 25/75. Monthly rebalance.",
    "if QQQ closes over its 150-day moving average I hold 75/25 QQQ/IEF; under it, 25/75. rebalance monthly",
])
def test_the_other_branch_said_as_the_bare_other_side(english):
    assert QQQ_IEF in rbl_of(english)


@pytest.mark.parametrize("english", [
    "When QQQ is below its 150-day SMA we run 75/25 QQQ/IEF, below it 25/75. Monthly rebalance.",
    "if QQQ closes over its 150-day moving average I hold 75/25 QQQ/IEF; over it, 25/75. rebalance monthly",
])
def test_the_same_side_said_twice_is_not_read_as_the_other_branch(english):
    assert "if QQQ" not in (_rbl_or_none(english) or "")


def _rbl_or_none(english: str) -> str | None:
    from rbl.dsl.english.offline import translate_offline

    return translate_offline(english).rbl


# ---- regime weights: the assets before their split ('SPY/TLT 80/20 when ...') --------------------------------------
@pytest.mark.parametrize("english", [
    "QQQ/IEF 75/25 when QQQ > 150d SMA, else 25/75. rebalance monthly",
    "QQQ/IEF 75/25 while QQQ is above its 150-day moving average, otherwise 25/75; monthly",
])
def test_the_assets_said_before_their_split(english):
    assert QQQ_IEF in rbl_of(english)


# ---- regime weights: the condition opening the sentence, a colon or an arrow after it ------------------------------
@pytest.mark.parametrize("english", [
    "QQQ above its 150-day SMA: 75/25 QQQ/IEF. below it: 25/75. monthly",
    "QQQ over its 150 day moving average -> 75/25 QQQ/IEF, otherwise 25/75. Rebalance monthly.",
])
def test_a_condition_opening_the_sentence_before_a_colon_or_an_arrow(english):
    assert QQQ_IEF in rbl_of(english)


# ---- regime weights: the tilt said after the usual mix ('60/40, but 30/70 when ...') -------------------------------
@pytest.mark.parametrize("english", [
    "QQQ/IEF 25/75, but 75/25 when QQQ is above its 150-day SMA. monthly",
    "25/75 QQQ/IEF; go 75/25 when QQQ trades above the 150-day moving average. Rebalance monthly.",
])
def test_a_tilt_from_the_usual_mix_on_a_trend_condition(english):
    assert QQQ_IEF in rbl_of(english)


# ---- volatility regimes: 'realized vol', 'the vol of X', 'vol on X' -----------------------------------------------
VTI_BND = ("target:\n    if vol(VTI, 30 days) > 18%:\n        VTI 35%\n        BND 65%\n"
           "    else:\n        VTI 65%\n        BND 35%\n")


@pytest.mark.parametrize("english", [
    "if VTI's 30-day realized vol is over 18% hold 35/65 VTI/BND, otherwise 65/35. monthly",
    "when VTI 30d annualized volatility > 18% run VTI 35 / BND 65, else 65/35. rebalance monthly",
])
def test_realized_or_annualized_vol_is_the_volatility(english):
    assert VTI_BND in rbl_of(english)


@pytest.mark.parametrize("english", [
    "when the 30-day vol of VTI exceeds 18%, go 35/65 VTI/BND, otherwise 65/35. monthly",
    "if 30-day volatility on VTI is above 18% we hold 35% VTI and 65% BND, else 65% VTI and 35% BND. rebalance monthly",
])
def test_the_volatility_of_an_asset_named_after_it(english):
    assert VTI_BND in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI/BND 65/35, but 35/65 when VTI's 30-day realized vol is above 18%. monthly",
    "VTI 30-day vol over 18% -> 35/65 VTI/BND, else 65/35. monthly rebalance",
])
def test_a_volatility_regime_said_as_a_tilt_or_an_arrow(english):
    assert VTI_BND in rbl_of(english)


# ---- windows: '10m SMA' is ten months -------------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "if EFA is above its 10m SMA hold 70/30 EFA/AGG, otherwise 30/70. month end",
    "EFA/AGG 70/30 when EFA > 10m sma, else 30/70, rebalance monthly",
])
def test_a_window_in_months_said_with_m(english):
    assert "if EFA > sma(EFA, 10 months):" in rbl_of(english)


# ---- a trend filter on one asset of a mix: on its own line only -----------------------------------------------------
@pytest.mark.parametrize("english", [
    "IWM 40 / AGG 40 / GLD 20, rebalance monthly. IWM only held while it's above its 100-day SMA, otherwise that slice goes to BIL.",
    "40% IWM, 40% AGG, 20% GLD, monthly. IWM is held only as long as it closes above its 100-day moving average, else BIL.",
])
def test_a_filter_on_one_asset_of_a_mix_stays_on_its_line(english):
    text = rbl_of(english)
    assert "    IWM 40% while price > sma(price, 100 days) else BIL\n    AGG 40%\n    GLD 20%\n" in text


@pytest.mark.parametrize("english", [
    "EWZ 30 / IEF 70 monthly; EWZ only while its 6-month return is positive, otherwise that 30% sits in cash",
    "30% EWZ and 70% IEF, rebalanced monthly. EWZ is only owned if its 6-month return is positive, otherwise that 30% goes to cash.",
])
def test_the_otherwise_said_as_the_assets_percent(english):
    text = rbl_of(english)
    assert "    EWZ 30% while return(price, 6 months) > 0% else CASH\n    IEF 70%\n" in text


@pytest.mark.parametrize("english", [
    "equal weight IWM, AGG, GLD monthly. IWM only while it's above its 100-day SMA, else cash",
    "IWM, AGG and GLD equally weighted, rebalance monthly; IWM is only held while it is above its 100-day moving average, otherwise cash",
])
def test_a_filter_on_one_asset_of_an_equal_weight_scheme_asks(english):
    assert "Only IWM is held" in question_of(english)


# ---- a window alone after a side is the moving average ('under its 200-day') ----------------------------------------
@pytest.mark.parametrize("english", [
    "QQQ/IEF 25/75, but go 75/25 when QQQ is above its 150-day. monthly",
    "if QQQ trades above the 150-day I hold 75/25 QQQ/IEF, otherwise 25/75. rebalance monthly",
])
def test_a_bare_window_after_a_side_is_its_moving_average(english):
    assert QQQ_IEF in rbl_of(english)


@pytest.mark.parametrize("english", [
    "hold XLK when above 150dma else SHY, weekly",
    "own XLK only while above the 150-day sma, otherwise SHY. rebalance weekly",
])
def test_a_filter_said_without_it_is(english):
    assert "    XLK 100% while price > sma(price, 150 days) else SHY\n" in rbl_of(english)


# ---- a trend filter said as notation: '= long, below = cash' --------------------------------------------------------
@pytest.mark.parametrize("english", [
    "XLK above 150-day SMA = long, below = SHY. weekly",
    "XLK above its 150-day sma: in, below: SHY. rebalance weekly",
])
def test_a_filter_said_as_notation(english):
    assert "    XLK 100% while price > sma(price, 150 days) else SHY\n" in rbl_of(english)


# ---- anything under its average goes elsewhere ----------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "equal weight VTI, VEA, VWO, monthly; anything below its 9-month moving average goes to SHY",
    "VTI, VEA and VWO equally weighted, rebalance monthly. any fund under its 9-month sma is moved to SHY",
])
def test_anything_under_its_average_goes_to_the_asset_named(english):
    assert "target: equal weight VTI, VEA, VWO while price > sma(price, 9 months) else SHY\n" in rbl_of(english)


# ---- the filter said as a habit: each checked against its average, then each side -----------------------------------
@pytest.mark.parametrize("english", [
    "VTI, VEA, VWO equal weight, monthly. We compare every fund with its 9-month SMA: if above, we keep it; if below, it goes to SHY.",
    "equal weight VTI VEA VWO monthly; each one gets checked against its 9-month moving average - above = hold, below = SHY",
])
def test_each_checked_against_its_average_above_held_below_elsewhere(english):
    assert "target: equal weight VTI, VEA, VWO while price > sma(price, 9 months) else SHY\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "equal weight VTI VEA VWO monthly. I check each one against its 9-month SMA: above it I hold it, below it I'm not sure yet",
    "VTI, VEA, VWO equal weight monthly; every fund is compared with its 9-month SMA: above it I keep it",
])
def test_a_habit_without_where_the_weight_goes_is_not_read(english):
    question_of(english)


# ---- absolute momentum: the winner held only if its return is positive ----------------------------------------------
@pytest.mark.parametrize("english", [
    "top 1 of VTI, VEA, VWO by 9-month return, keep the winner only if return > 0, otherwise SHY. rebalance monthly",
    "monthly: top 1 of VTI, VEA, VWO by 9-month momentum; hold the leader only while its momentum is positive, else SHY",
])
def test_the_winner_held_only_while_its_return_over_the_ranking_window_is_positive(english):
    assert "target: top 1 by return(price, 9 months) of VTI, VEA, VWO while return(price, 9 months) > 0% else SHY\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "hold EWJ if 9m momentum > 0 else SHY, monthly",
    "EWJ only while its 9-month return is more than 0%, otherwise SHY; rebalance monthly",
])
def test_a_return_above_zero_said_as_a_comparison(english):
    assert "    EWJ 100% while return(price, 9 months) > 0% else SHY\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "top 2 of VTI, VEA, VWO, VNQ by 9-month return, monthly; a pick whose 9-month return is negative goes to SHY",
    "monthly top 2 of VTI, VEA, VWO, VNQ by 9-month return. skip any pick with a negative 9-month return, its slot sits in SHY",
])
def test_a_pick_with_a_negative_return_goes_elsewhere(english):
    assert "of VTI, VEA, VWO, VNQ while return(price, 9 months) > 0% else SHY\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "top 2 of VTI, VEA, VWO, VNQ by 9-month return monthly, skip a pick with negative 9-month momentum",
    "monthly top 2 of VTI, VEA, VWO, VNQ by 9-month return; never buy anything with a negative 9-month return",
])
def test_a_pick_with_a_negative_return_skipped_asks_where_its_weight_goes(english):
    assert "where should the weight go" in question_of(english)


# ---- crossovers said with bare windows ('SPY 50d > 200d') -----------------------------------------------------------
@pytest.mark.parametrize("english", [
    "if EFA 20d > 100d run 70/30 EFA/AGG, otherwise 30/70. monthly",
    "EFA/AGG 70/30 while EFA's 20-day sma is over its 100-day, else 30/70; rebalance monthly",
])
def test_a_crossover_with_bare_windows_compares_two_moving_averages(english):
    assert "    if sma(EFA, 20 days) > sma(EFA, 100 days):\n        EFA 70%\n        AGG 30%\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "hold XLK while its 20-day is above its 100-day, else SHY. weekly",
    "XLK only while the 20-day ema of XLK is above the 100-day, otherwise SHY. rebalance weekly",
])
def test_a_filter_on_a_crossover_with_a_bare_right_window(english):
    assert re.search(r"XLK 100% while (?:sma|ema)\((?:price|XLK), 20 days\) > (?:sma|ema)\((?:price|XLK), 100 days\) else SHY\n",
                     rbl_of(english))


# ---- two opposite states named, the condition beside one of them ----------------------------------------------------
@pytest.mark.parametrize("english", [
    "risk-on 75/25 QQQ/IEF, risk-off (QQQ below its 150-day SMA) 25/75, rebalance monthly",
    "Uptrend (QQQ over its 150-day moving average): QQQ 75 / IEF 25; downtrend: QQQ 25 / IEF 75. Monthly.",
])
def test_opposite_states_with_the_condition_beside_one(english):
    text = rbl_of(english)
    assert QQQ_IEF in text or ("    if QQQ < sma(QQQ, 150 days):\n        QQQ 25%\n        IEF 75%\n"
                               "    else:\n        QQQ 75%\n        IEF 25%\n") in text


@pytest.mark.parametrize("english", [
    "high vol (VTI 30-day vol > 18%): 35% VTI 65% BND; low vol: 65% VTI 35% BND. monthly",
    "Low volatility: VTI 65 / BND 35. High volatility (VTI's 30-day realized vol above 18%): VTI 35 / BND 65. rebalance monthly",
])
def test_volatility_states_named_high_and_low(english):
    assert VTI_BND in rbl_of(english)


@pytest.mark.parametrize("english", [
    "risk-on 75/25 QQQ/IEF, risk-off (QQQ above its 150-day SMA) 25/75, rebalance monthly",
    "bull market (QQQ under its 150-day sma): 75/25 QQQ/IEF; bear market: 25/75. monthly",
])
def test_a_state_whose_condition_says_the_opposite_asks(english):
    assert "usually means the opposite" in question_of(english)
