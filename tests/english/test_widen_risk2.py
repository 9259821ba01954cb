"""The offline reader widened by construct family, second pass (issue 17): leverage and gross exposure caps said as
limits on the writer's own use, per-asset caps, drawdown brakes, regimes, signals and sleeves said the ways the
round-6 writers said them. Each test gives phrasings that are not dev cases; each family keeps one near miss that
must stay a question."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- leverage and gross exposure caps: a limit on the writer's own use ----------------------------------------------

@pytest.mark.parametrize("english, cap", [
    ("Hold 70% QQQ and 30% TLT, rebalanced quarterly, never running more than 1.3x leverage.", "max leverage 1.3x"),
    ("60% SPY and 40% IEF, monthly. Gross exposure must never be above 150% of equity.", "max leverage 1.5x"),
    ("Equal weight SPY, EFA and GLD, monthly; total exposure may not exceed 100% of NAV in this account.",
     "max leverage 1x"),
])
def test_a_leverage_cap_said_as_a_limit_on_use(english, cap):
    assert cap in rbl_of(english)


def test_no_leverage_said_with_where_and_how_firmly_is_the_1x_cap_of_a_volatility_target():
    rbl = rbl_of("60% SPY and 40% IEF, scaled so that the 20-day vol targets 8% a year, monthly; we can't use any "
                 "leverage in this account at all.")
    assert "exposure min(8% / vol(basket, 20 days), 1x)" in rbl


def test_exposure_to_one_asset_class_as_a_share_of_nav_stays_a_question():
    assert "60%" in question_of("Hold 60% SPY and 40% TLT, monthly. Exposure to equities may never exceed 60% of NAV.")


# ---- per-asset caps: a limit on any one asset, or on one named asset ------------------------------------------------

@pytest.mark.parametrize("english, cap", [
    ("Equal weight SPY, EFA, EEM and GLD, monthly. No single fund may be more than 30% of the portfolio.",
     "max weight 30%"),
    ("Inverse volatility over 60 days on BTC, ETH and SOL, rebalanced weekly; cap any one coin at 40%.", "max weight 40%"),
    ("Risk parity over 120 days across SPY, TLT and GLD, monthly. I'd not be comfortable with any single holding above "
     "45% of the account.", "max weight 45%"),
])
def test_a_cap_on_any_one_asset(english, cap):
    rbl = rbl_of(english)
    assert f"    {cap}\n" in rbl and "excess to other assets" not in rbl


def test_a_cap_whose_excess_is_held_in_cash_declares_the_cash():
    rbl = rbl_of("Equal weight AAPL, MSFT, JNJ and KO, monthly; no single stock may exceed 30% of net assets, any excess "
                 "to be held in cash.")
    assert "cash CASH" in rbl and "max weight 30%" in rbl


def test_one_named_asset_capped_leaves_the_others_uncapped():
    rbl = rbl_of("Inverse volatility over 60 days across SPY, TLT and GLD, monthly; cap GLD at 20% and leave everything "
                 "else uncapped.")
    assert "max weight GLD 20%" in rbl and "max weight 20%" not in rbl


def test_being_fine_with_a_large_single_fund_is_no_cap_and_stays_a_question():
    assert "40%" in question_of("Inverse volatility over 60 days on SPY, TLT and GLD, monthly. I'm fine with any single "
                                "fund above 40% of the account.")
