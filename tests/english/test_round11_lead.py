"""Session 16 (round 11): misspelt words, and readings found by the lead in phrasings of its own, each reproduced first."""

import string

import pytest
from hypothesis import given, settings, strategies as st

from rbl.dsl.english.offline import translate_offline
from rbl.dsl.english.spelling import meant, respell

from tests.english.reading import question_of, rbl_of


@pytest.mark.parametrize("typo, word", [("secter", "sector"), ("everyting", "everything"), ("drawdwon", "drawdown"),
                                        ("volatilty", "volatility"), ("thresold", "threshold"), ("liquidte", "liquidate"),
                                        ("rebalnce", "rebalance"), ("quaterly", "quarterly")])
def test_a_word_one_edit_from_a_single_trader_word_is_that_word(typo, word):
    assert meant(typo) == word


@pytest.mark.parametrize("word", ["weakly", "sectors", "realized", "whichever"])
def test_an_english_word_is_never_respelt(word):
    """'rebalance weakly' is no weekly schedule: the reader asks about it."""
    assert meant(word) is None


@pytest.mark.parametrize("word", ["strat", "alloc", "annualize", "rebalancer", "breacher", "drawdowns"])
def test_shorthand_and_a_trader_word_with_an_ending_are_no_typos(word):
    assert meant(word) is None


def test_a_word_near_two_trader_words_is_left_for_the_reader_to_ask_about():
    assert meant("mondy") is None        # 'monday' or 'money'


def test_a_typo_keeps_its_first_letter():
    assert meant("ishares") is None      # a brand, not 'shares'


def test_a_misspelt_kill_switch_is_read_and_each_respelling_said_back():
    translation = translate_offline("SPY 60% TLT 40%, rebalance monthly. If the drawdwon ever hits 25%, liquidte "
                                    "everything and stop trading.")
    assert "max drawdown 25%" in translation.rbl
    assert "'drawdwon' read as 'drawdown' (a spelling)" in translation.assumptions
    assert "'liquidte' read as 'liquidate' (a spelling)" in translation.assumptions


def test_a_misspelt_scheme_is_read():
    assert "inverse volatility(60 days)" in rbl_of("Inverse volatilty weights over 60 days for SPY, TLT and GLD, "
                                                   "rebalance monthly.")


def test_an_english_word_where_a_trader_word_was_meant_is_asked():
    assert "weakly" in question_of("SPY 60% TLT 40%, rebalance weakly.")


_TRADER_TEXT = st.lists(st.sampled_from(["rebalance", "monthly", "@SPY", "60%", "drift", "band", "secter", "everyting",
                                         "thresold", "weakly", "the", "strat", "5pp", "quaterly", "etfs"]),
                        min_size=1, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_TRADER_TEXT)
def test_respelling_twice_changes_nothing_more(text):
    once, _ = respell(text)
    assert respell(once) == (once, [])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + "@%$0123456789 ", max_size=40))
def test_respelling_never_touches_a_ticker_a_number_or_the_spaces(text):
    respelt, _ = respell(text)
    assert [w for w in respelt.split(" ") if not w.isalpha() or not w.islower()] == \
        [w for w in text.split(" ") if not w.isalpha() or not w.islower()]


def test_assets_listed_after_a_scheme_are_no_skipped_clause():
    """'... for SPY, TLT and GLD' named the assets the scheme weights: no note may say they were not read."""
    translation = translate_offline("Inverse volatility weights over 60 days for SPY, TLT and GLD, rebalance monthly.")
    assert not [a for a in translation.assumptions if a.startswith("not read as part of the strategy")]


@pytest.mark.parametrize("said", ["hold the top 2 sector etfs by 3-month return out of XLK XLF XLE XLV, monthly",
                                  "hold the best 2 country funds out of EWJ EWG EWU EWC by 3-month return, rebalance monthly"])
def test_a_kind_before_the_ranked_noun_is_read(said):
    assert "top 2 by return(price, 3 months) of " in rbl_of(said)


@pytest.mark.parametrize("said", ["top 3 etfs by 12m momentum among SPY QQQ IWM EFA EEM, rebal monthly",
                                  "rank SPY QQQ IWM EFA EEM by 12-month return each month and buy the top 3 stocks",
                                  "each month buy the top 3 stocks of SPY, QQQ, IWM, EFA, EEM by 12-month return"])
def test_the_count_of_a_rankings_picks_is_no_count_of_its_universe(said):
    assert "target: top 3 by return(price, 12 months) of SPY, QQQ, IWM, EFA, EEM" in rbl_of(said)


def test_a_count_of_the_universe_beside_a_ranking_is_still_checked():
    assert "Which 6 assets" in question_of("each month buy the top 3 of these 6 stocks by 12-month return: SPY, QQQ, "
                                           "IWM, EFA, EEM")


@pytest.mark.parametrize("said, schedule", [("rebalance last biz day of the month", "when last trading day of month"),
                                            ("rebal on the first biz day of each quarter", "when quarterly")])
def test_biz_day_is_a_business_day(said, schedule):
    assert schedule in rbl_of(f"VTI/BND 70/30, {said}")


@pytest.mark.parametrize("said", ["rebalance every friday using market-on-close orders", "weekly on friday, MOC orders",
                                  "rebalance weekly on fridays via MOC"])
def test_a_market_on_close_order_trades_at_the_close(said):
    assert "execution decide at close, trade at close" in rbl_of(f"SPY 60 TLT 40, {said}")


@pytest.mark.parametrize("said, costs", [("assume 0.05% commission and 0.02% slippage per trade",
                                          ["commission 5 bps", "slippage 2 bps"]),
                                         ("slippage 0.1%, spread 0.04%", ["spread 4 bps", "slippage 10 bps"])])
def test_a_spread_or_slippage_in_percent_is_read_in_bps_and_said_back(said, costs):
    translation = translate_offline(f"SPY 60 TLT 40 monthly, {said}")
    assert all(cost in translation.rbl for cost in costs)
    assert any(a.endswith("bps of traded notional") and "slippage" in a for a in translation.assumptions)


@pytest.mark.parametrize("said", ["benchmark: VTI", "benchmark = VTI", "with a benchmark of VTI"])
def test_a_benchmark_said_as_a_field_is_read(said):
    assert "benchmark VTI" in rbl_of(f"VTI 60 BND 40 monthly, {said}")


@pytest.mark.parametrize("said", ["half SPY half GLD", "half SPY, half GLD", "half SPY and half GLD"])
def test_half_one_half_the_other_is_50_50(said):
    assert "SPY 50%\n    GLD 50%" in rbl_of(f"{said}, rebalance annually")


@pytest.mark.parametrize("said, bands", [
    ("SPY 50 EFA 20 AGG 25 cash 5. each fund gets a 3pp band, cash gets 1pp", ["SPY 3pp", "EFA 3pp", "AGG 3pp", "CASH 1pp"]),
    ("SPY 40 IEF 40 GLD 20, 5pp bands but 2 points for GLD", ["SPY 5pp", "IEF 5pp", "GLD 2pp"]),
    ("VTI 60 BND 35 cash 5, 4pp band, cash 1pp", ["VTI 4pp", "BND 4pp", "CASH 1pp"])])
def test_one_band_for_all_and_another_for_one_asset_are_per_asset_bands(said, bands):
    rbl = rbl_of(said)
    assert "when drift > its band" in rbl and all(f"    {band}\n" in rbl for band in bands)


def test_a_band_for_an_asset_not_held_is_asked():
    assert "GLD" in question_of("SPY 60 TLT 40, 5pp band, GLD 3 points")


def test_a_return_compared_over_a_lookback_said_without_a_hyphen_is_read():
    assert "while return(price, 12 months) > return(BIL, 12 months) else AGG" in rbl_of(
        "dual momentum: each month hold whichever of SPY and EFA has the higher 12 month return, but only if it beats BIL, "
        "else AGG")


@pytest.mark.parametrize("said", ["with 5% cash on the side", "5% on the sidelines in cash"])
def test_cash_on_the_side_of_an_equal_weight_is_a_buffer(said):
    assert "cash buffer 5%" in rbl_of(f"equal weight across XLE XLU XLP XLV {said}, rebalance every quarter")


@pytest.mark.parametrize("said", ["I rebalance once a quarter and otherwise leave it alone",
                                  "quarterly rebalance, other than that hands off",
                                  "rebalance quarterly, in between I let it drift"])
def test_leaving_it_alone_between_calendar_dates_is_the_calendar_again(said):
    assert "when quarterly" in rbl_of(f"VTI 50, VXUS 30, BND 20. {said}.")


def test_leaving_it_alone_unless_something_happens_is_asked():
    assert "unless" in question_of("SPY 60 TLT 40 monthly, otherwise leave it alone unless it drifts 10pp")


@pytest.mark.parametrize("said", ["5pp rebalance band", "5 point rebalancing threshold"])
def test_a_rebalance_band_is_a_band(said):
    assert "when drift > 5pp" in rbl_of(f"60/40 SPY/TLT, {said}")


@pytest.mark.parametrize("said", ["with 10% bands (relative to target)", "10% band, relative", "10% threshold (of target)"])
def test_a_percent_band_said_relative_after_it_is_relative(said):
    assert "when drift > 10% of target" in rbl_of(f"SPY 60 / TLT 40, {said}, checked daily")


def test_major_currency_pairs_in_lowercase_are_tickers_said_back():
    translation = translate_offline("eurusd gbpusd usdjpy equal weighted, rebalance every week on monday")
    assert "target: equal weight EURUSD, GBPUSD, USDJPY" in translation.rbl
    assert "'eurusd' read as the ticker EURUSD" in translation.assumptions


@pytest.mark.parametrize("said, usd", [("10 USD minimum order", 10), ("$500 min trade size", 500)])
def test_a_minimum_trade_said_amount_first_is_read(said, usd):
    assert f"minimum trade {usd} USD" in rbl_of(f"IEF 50 GLD 50 monthly, {said}")


def test_a_volatility_target_said_as_what_exposure_is_scaled_to_is_read():
    assert "exposure min(10% / vol(basket, 20 days), 1.5x)" in rbl_of(
        "vol-targeted 60/40 SPY/IEF: scale exposure so realized vol (20-day) is about 10%, never above 1.5x leverage, "
        "and rebalance if weights drift 5pp")


def test_a_ranking_equally_split_is_equal_weight():
    assert "target: top 2 by return(price, 3 months) of " in rbl_of(
        "Each month own the top 2 of SPY, EFA, EEM, AGG, GLD by 3-month return, equally split")


@pytest.mark.parametrize("said", ["Hi, can you set this up for my MT5 account: 60% SPY, 40% GLD, rebalanced yearly.",
                                  "I trade on MT5. SPY 60 GLD 40, yearly"])
def test_the_platform_the_trader_uses_is_background(said):
    assert "when annually" in rbl_of(said)


@pytest.mark.parametrize("said, weights", [("60/40 stocks/bonds with VTI and BND", ["VTI 60%", "BND 40%"]),
                                           ("60/40 stocks/bonds (VTI/BND)", ["VTI 60%", "BND 40%"]),
                                           ("a 65/35 equity/bond model with ACWI and AGG", ["ACWI 65%", "AGG 35%"]),
                                           ("70/20/10 stocks/bonds/gold using VT, BNDW and GLD", ["VT 70%", "BNDW 20%", "GLD 10%"])])
def test_a_split_over_classes_then_their_funds_weights_the_funds_in_order(said, weights):
    translation = translate_offline(f"{said}, rebalance quarterly")
    assert all(f"    {w}\n" in translation.rbl for w in weights)
    assert any(a.endswith("the tickers named with it") for a in translation.assumptions)


def test_funds_named_against_their_classes_are_asked():
    assert "BND" in question_of("60/40 stocks/bonds with BND and VTI, rebalance quarterly")


@pytest.mark.parametrize("said", ["60/40 or 70/30 SPY/TLT, rebalance monthly", "SPY/TLT 60/40, or maybe 70/30, monthly"])
def test_two_splits_offered_as_choices_are_asked_by_their_numbers(said):
    translation = translate_offline(said)
    assert translation.question == "Which target weights are meant: 60/40 or 70/30?"
    assert translation.phrase == "60/40 or 70/30" or translation.phrase == "60/40, or maybe 70/30"


def test_a_brake_that_goes_back_to_full_at_a_drawdown_recovers_there():
    assert "false when drawdown(portfolio) <= 5%" in rbl_of(
        "spy 60 tlt 40. cut to half exposure if drawdown hits 15%, back to full at 5%. monthly")


def test_big_stock_tickers_in_lowercase_are_tickers():
    assert "target: equal weight AAPL, MSFT, NVDA, AMZN" in rbl_of("aapl msft nvda amzn equal weight, rebalance quarterly")


@pytest.mark.parametrize("said", ["only rebalance the assets that drift more than 5pp",
                                  "only trade the ones that are more than 5 points off",
                                  "rebalance only the holdings that moved more than 5pp from target"])
def test_only_the_assets_a_band_is_said_of_are_traded(said):
    """Found by the band-scope helper: the 'only' was filler beside the band, so every asset traded."""
    assert "trade breached assets" in rbl_of(f"SPY 40 IEF 40 GLD 20, check daily and {said}")


def test_a_breached_only_rebalance_is_not_said_back_as_a_full_rebalance():
    """Found trying the wheel: the assumptions said 'a breach trades every asset' beside 'trade breached assets'."""
    translation = translate_offline("SPY 40 IEF 40 GLD 20, check daily, only rebalance the ones that drift more than 5pp")
    assert "trade breached assets" in translation.rbl
    assert not [a for a in translation.assumptions if a.startswith("full rebalance")]
