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
