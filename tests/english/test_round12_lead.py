"""Session 17 (round 12): readings found by the lead in phrasings of its own, each reproduced first."""

import pytest

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
