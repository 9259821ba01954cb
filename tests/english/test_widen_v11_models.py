"""Issue 17, widening by construct from the blind dev batch v11: the model constructs said in ways the reader did not
know (a trend filter's fallback said of the asset below its average, risk parity said as each asset bringing the same
risk, a volatility target scaling 'total exposure' or the vol 'of the basket', its ceiling said as a limit)."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a trend filter's fallback said of the asset below its average ----------------------------------------------

@pytest.mark.parametrize("english", [
    "Equal weights in VTI, VEA and BND, each held only while its price is above its 150-day simple moving average; "
    "any asset below its average is to be held in cash instead. Monthly.",
    "Equal weight VTI, VEA, BND, each held only while its price is above its 150-day moving average; any asset under "
    "its moving average shall be kept in cash. Rebalance monthly.",
])
def test_the_asset_below_its_average_said_held_in_cash(english):
    assert "target: equal weight VTI, VEA, BND while price > sma(price, 150 days) else CASH" in rbl_of(english)


# ---- risk parity said as each asset bringing the same risk -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Weights for VTI, TLT and GLD: every asset shall bring the same risk, covariance over the last 90 days. Monthly.",
    "VTI, TLT, GLD, where each fund should carry the same amount of risk, using a 90-day window. Rebalance monthly.",
])
def test_each_asset_bringing_the_same_risk_is_risk_parity(english):
    assert "target: risk parity(90 days) VTI, TLT, GLD" in rbl_of(english)


def test_the_same_risk_restating_a_named_risk_parity_is_taken_with_it():
    english = ("Risk parity on VTI, TLT and GLD, so each one should contribute the same amount of risk; 90-day "
               "covariance; rebalance monthly.")
    assert "target: risk parity(90 days) VTI, TLT, GLD" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Risk parity across VTI, TLT, GLD, IEF. Use the last 30 trading days to estimate it, and shrink the correlations. "
    "Monthly.",
    "Equal risk contribution for VTI, TLT, GLD, IEF; use the past 30 days to estimate the covariance and shrink the "
    "covariance matrix. Rebalance monthly.",
])
def test_a_window_used_to_estimate_and_shrinkage_said_as_a_verb(english):
    assert "target: risk parity(30 days, shrunk) VTI, TLT, GLD, IEF" in rbl_of(english)


# ---- a volatility target scaling total exposure ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The vol-targeted 70/30 (VTI/BND): scale total exposure so the basket's 40-day realized vol targets 9% annualised, "
    "capped at 1.5x gross. Rebalance monthly.",
    "70% VTI, 30% BND. Scale gross exposure so the 40-day realised volatility of the 70/30 basket targets 9% a year, "
    "never more than 1.5x. Monthly.",
])
def test_total_exposure_scaled_to_the_baskets_vol_with_its_ceiling_as_a_limit(english):
    rbl = rbl_of(english)
    assert "exposure min(9% / vol(basket, 40 days), 1.5x)" in rbl
    assert "max leverage 1.5x" in rbl


def test_a_ceiling_said_as_a_limit_against_another_leverage_cap_is_asked():
    english = ("70% VTI, 30% BND, no leverage. Scale total exposure so the basket's 40-day realized vol targets 9% "
               "annualised, capped at 1.5x gross. Monthly.")
    assert "which maximum leverage is meant" in question_of(english)
