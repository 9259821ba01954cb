"""Session 19 (round 14): readings found by the lead in phrasings of its own, each reproduced first."""

import pytest

from rbl.dsl.english.offline import translate_offline

from tests.english.reading import question_of, rbl_of


@pytest.mark.parametrize("english", [
    "SPY 60 TLT 40, quarterly; if I lose 20% of my money, sell everything and stop",
    "SPY 60 TLT 40, quarterly; stop trading if down 30%",
    "SPY 60 TLT 40, quarterly; if we're down 20% go to cash",
    "VTI 70 BND 30 monthly, and if it falls 25% just liquidate everything",
    "80% VOO 20% BND, rebalance monthly, and if I ever lose a quarter of my money, get me out completely.",
    "equal weight QQQ SPY DIA, monthly; if the account ever gets cut in half, shut it all down.",
])
def test_a_stop_whose_fall_names_no_peak_asks_from_what(english):
    """'If I lose 20% of my money' is a loss from where it started; a stop at a 20% fall from the peak fires on a
    portfolio that is up on its money (150 -> 120). Read as `max drawdown 20%` it traded differently, silently."""
    question = question_of(english)
    assert "from what" in question and "peak" in question


@pytest.mark.parametrize("english", [
    "SPY 60 TLT 40, quarterly; stop trading if the drawdown hits 30%",
    "SPY 60 TLT 40, quarterly; if we're ever 30% off the peak, sell everything and stop",
    "SPY 60 TLT 40, quarterly, max drawdown 30%",
    "SPY 60 TLT 40, quarterly, kill switch at 30%",
])
def test_a_stop_measured_from_the_peak_is_the_permanent_stop(english):
    assert "max drawdown 30%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "EW BTC ETH SOL, rebal every monday, if the account draws down 30% close everything and stop",
    "ETH 40 SOL 30 BTC 30 monthly, and if the whole port nukes 30% from ATH, sell everything",
])
def test_a_stop_said_as_drawing_down_or_from_the_all_time_high_is_from_the_peak(english):
    assert "max drawdown 30%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "equal weight spy qqq iwm dia, monthly",
    "top 2 by 6-month return of spy qqq iwm dia, monthly",
    "equal weight spy qqq dia and iwm, monthly",
])
def test_an_english_word_typed_last_in_a_run_of_lowercase_tickers_is_asked_never_dropped(english):
    """'dia' is a word to a dictionary and DIA to a trader: skipped as chatter, the strategy held the others alone."""
    question = question_of(english)
    assert "dia" in question.lower()


@pytest.mark.parametrize("english", ["equal weight spy qqq iwm too, monthly", "spy 60 tlt 40 please, monthly",
                                     "equal weight spy qqq iwm lol, monthly", "the 50/50 SPY/IEF plan, monthly",
                                     "VTI (US) and VEU (ex-US), top 1 by 12-month return, monthly"])
def test_a_word_of_chat_after_lowercase_tickers_is_still_chatter(english):
    assert rbl_of(english) is not None


@pytest.mark.parametrize("english", ["inverse vol SPY QQQ TLT GLD 60 days, max 40% each, monthly",
                                     "equal weight SPY QQQ TLT, no single position above 30%, monthly",
                                     "risk parity SPY TLT GLD, 60-day covariance, cap each weight at 45%, monthly"])
def test_a_cap_whose_excess_is_not_placed_says_it_is_held_as_cash(english):
    """The language's default: said nowhere, it is an assumption the trader must see."""
    translation = translate_offline(english)
    assert "max weight" in translation.rbl and "excess to other" not in translation.rbl
    assert any("held as cash" in a for a in translation.assumptions), translation.assumptions


def test_a_cap_whose_excess_is_said_to_go_to_cash_assumes_nothing_more():
    translation = translate_offline("inverse vol SPY QQQ TLT GLD 60 days, max 40% each, excess to cash, monthly")
    assert not any("held as cash" in a for a in translation.assumptions)


@pytest.mark.parametrize("english", ["EA for MT5: US500 60% and XAUUSD 40%, rebalance every month",
                                     "MT5 EA: US500 60% and XAUUSD 40%, rebalance every month",
                                     "EA: US500 60% and XAUUSD 40%, rebalance every month",
                                     "I need an EA that holds US500 60% and XAUUSD 40%, rebalance every month",
                                     "I want an expert advisor for MT5 that keeps US500 at 60% and XAUUSD at 40%, "
                                     "rebalance every month"])
def test_the_ea_asked_for_is_the_frame_of_the_request(english):
    rbl = rbl_of(english)
    assert "US500 60%" in rbl and "XAUUSD 40%" in rbl and "when monthly" in rbl


def test_an_ea_that_does_something_else_is_still_asked():
    assert question_of("I need an EA that martingales on EURUSD, rebalance monthly") is not None


@pytest.mark.parametrize("english", ["Target: XAUUSD 20, EURUSD 40, USDJPY 40. Band: 2pp absolute. Check: daily",
                                     "Target: XAUUSD 20, EURUSD 40, USDJPY 40. Threshold: 2 points absolute. Check: daily"])
def test_a_band_in_points_said_absolute_after_it_is_that_band(english):
    assert "when drift > 2pp" in rbl_of(english)


# ---- widened for the spent matched6 set, by family (scored once before; these are other words for its misses) --------

@pytest.mark.parametrize("english", [
    "Equal weight XLK, XLV, XLP and XLU; rebalance when a position is more than 20% off its target in relative terms "
    "(so a 25% target may float between 20% and 30%).",
    "Equal weight XLK, XLV, XLP and XLU; rebalance when a position is more than 20% off its target in relative terms "
    "(so a 25% target can swing between 20% and 30%).",
])
def test_a_relative_bands_example_said_as_floating_between_is_the_band_said_again(english):
    assert "when drift > 20% of target" in rbl_of(english)


def test_a_relative_bands_example_that_floats_elsewhere_is_asked():
    english = ("Equal weight XLK, XLV, XLP and XLU; rebalance when a position is more than 20% off its target in relative "
               "terms (so a 25% target may float between 15% and 35%).")
    assert question_of(english) is not None


@pytest.mark.parametrize("english", ["Inverse-volatility weights on SPY, TLT, GLD and DBC, using 60 days of volatility, monthly",
                                     "inverse vol on SPY TLT GLD DBC with 20 days of vol, rebalanced monthly"])
def test_inverse_volatility_over_days_of_volatility(english):
    assert "inverse volatility(" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60 TLT 40, band 5pp daily. If the portfolio falls 20% from its peak I want only 40% of it invested and the rest in "
    "cash, until the drawdown recovers to 8%; then back to fully invested.",
])
def test_a_brake_said_as_only_part_of_it_invested(english):
    assert "exposure if defensive then 40% else 100%" in rbl_of(english)


@pytest.mark.parametrize("english", ["VTI 50%, VXUS 30%, BND 20%; rebalance back to target whenever any of the three drifts more "
                                     "than 5 points",
                                     "SPY 60 TLT 40, rebalance if any of the 2 is 5pp off target"])
def test_any_of_the_n_assets_is_any_asset_when_n_is_the_count_named(english):
    assert "when drift > 5pp" in rbl_of(english)


def test_any_of_the_n_where_more_are_named_is_asked():
    assert question_of("VTI 40%, VXUS 30%, BND 20%, GLD 10%; rebalance whenever any of the three drifts more than 5 points") \
        is not None


def test_inverse_volatility_over_days_of_volatility_after_a_counted_listing():
    rbl = rbl_of("Inverse-volatility weights on six names: JPM, BAC, XOM, CVX, PFE, MRK, using 60 days of volatility. "
                 "Rebalance monthly.")
    assert "inverse volatility(60 days) JPM, BAC, XOM, CVX, PFE, MRK" in rbl
