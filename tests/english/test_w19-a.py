"""Session 19 (w19-a): how assets, weights, cash and costs are listed, and the greetings and closing lines around them,
read by family: a split over lowercase coins followed by a noun ('a 50/30/20 btc/eth/sol bag'), 'not on a schedule'
beside a band, ticker-number pairs in lowercase, a commission said as a share of the amount traded, a lowercase
listing of tickers, greetings with a noun ('Hello traders,'), a top N's own equal split said 'between them', and a
calendar confirmed by 'no other trading during the year'. Every phrasing here is in neither the dev set nor the matched
sets."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of

SIXTY_FORTY = "60% VTI, 40% BND, rebalanced monthly."
MONTHLY_60_40 = "target:\n    VTI 60%\n    BND 40%\n\nrebalance:\n    when monthly\n"


# ---- greetings with a noun, and sign-offs --------------------------------------------------------------------------
@pytest.mark.parametrize("greeting", [
    "Hello traders,", "Hello fellow traders,", "Hi traders!", "Hey fellow investors,", "Hello MQL5 community,",
    "Hi forum,", "Good evening traders,", "Hello everybody,",
])
def test_a_greeting_to_a_group_is_chatter(greeting):
    assert MONTHLY_60_40 in rbl_of(f"{greeting}\n{SIXTY_FORTY}")


@pytest.mark.parametrize("closing", ["Cheers, Priya", "Thanks in advance!", "Best regards,\nTom",
                                     "Thanks in advance for any help!", "Many thanks,\nAkira Sato", "TIA"])
def test_a_closing_line_is_chatter(closing):
    assert MONTHLY_60_40 in rbl_of(f"Hi all,\n{SIXTY_FORTY}\n{closing}")


def test_a_greeting_word_opening_a_rule_is_still_read():
    """'Hello' names no asset; a rule after the greeting is read, never dropped with it."""
    assert "costs:\n    commission 10 bps\n" in rbl_of(f"Hello traders, {SIXTY_FORTY} Commission is 10 bps per trade.")


# ---- a commission said as a share of what is traded ---------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "My broker charges 0.05% of the amount traded.",
    "Commission: 0.05% of notional.",
    "The broker takes 0.05% of the value traded.",
    "I pay 0.05% of the amount traded.",
    "Fees are 0.05% of the dollar amount traded.",
    "Commission is 0.05% of each trade's value.",
    "My broker takes a 0.05% cut on every trade.",
    "Each trade costs me 0.05%.",
    "I'm charged 0.05% on everything traded.",
    "Broker fee 0.05% of turnover.",
])
def test_a_commission_said_as_a_share_of_the_amount_traded(said):
    assert "costs:\n    commission 5 bps\n" in rbl_of(f"{SIXTY_FORTY} {said}")


@pytest.mark.parametrize("said", [
    "My advisor charges 1% of the assets.",
    "They charge 0.5% of my portfolio.",
    "I pay 0.2% of the account every year.",
    "Each trade costs me 0.05% of my portfolio.",
    "I'm charged 0.05% a year.",
])
def test_a_fee_on_the_assets_is_never_read_as_a_commission(said):
    translation = question_of(f"{SIXTY_FORTY} {said}")
    assert translation


# ---- a calendar confirmed by 'no other trading' -------------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "No other trading during the year.",
    "No other trades during the year.",
    "Nothing in between.",
    "Leave it alone otherwise.",
    "No trading in between.",
])
def test_no_other_trading_after_an_annual_calendar_confirms_it(said):
    rbl = rbl_of(f"Once a year, on the first trading day of the year, put it back to 35% VTI, 65% TLT. {said}")
    assert "    when annually\n" in rbl and "drift" not in rbl


@pytest.mark.parametrize("said", ["No other trading during the quarter.", "Leave it alone otherwise."])
def test_no_other_trading_after_a_quarterly_calendar_confirms_it(said):
    assert "    when quarterly\n" in rbl_of(f"Rebalance SPY/TLT 60/40 every quarter. {said}")


def test_no_trading_during_the_year_except_on_a_drift_is_asked():
    assert question_of("SPY/TLT 60/40, annually. No other trading during the year unless SPY drifts 10 points.")


def test_no_other_trading_with_no_calendar_is_asked():
    assert question_of("SPY/TLT 60/40. No other trading during the year.")


# ---- a split over lowercase coins followed by a noun; no calendar beside a band -----------------------------------
BTC_ETH_SOL = "target:\n    BTC 50%\n    ETH 30%\n    SOL 20%\n"


@pytest.mark.parametrize("said", [
    "Running a 50/30/20 btc/eth/sol bag and I'd rather not touch it on a schedule. Only rebalance when one of the coins "
    "drifts more than 8% from its target.",
    "50/30/20 btc/eth/sol stack, no calendar. Rebalance when any coin drifts more than 8 points.",
    "My 50/30/20 btc/eth/sol basket: no schedule, just rebalance when anything drifts more than 8pp.",
    "50/30/20 btc/eth/sol bag. I don't want to rebalance on a schedule, only when a coin drifts more than 8 points.",
])
def test_a_split_over_coins_with_no_calendar_beside_a_band(said):
    rbl = rbl_of(said)
    assert BTC_ETH_SOL in rbl and "    when drift > 8pp\n" in rbl and "monthly" not in rbl


def test_no_calendar_with_no_band_is_asked():
    assert question_of("50/30/20 btc/eth/sol bag, no calendar.")


def test_no_calendar_beside_a_calendar_is_asked():
    assert question_of("50/30/20 btc/eth/sol bag, no calendar. Rebalance monthly.")


# ---- a top N's own equal split said 'between them' ----------------------------------------------------------------
TOP_2 = "target: top 2 by return(price, 3 months) of XLK, XLF, XLE, XLV\n"


@pytest.mark.parametrize("said", ["50/50 between them", "split evenly between them", "equally between them",
                                  "50/50 among them"])
def test_a_top_ns_own_equal_split_said_between_them(said):
    assert TOP_2 in rbl_of(f"Every month hold the top 2 of XLK, XLF, XLE, XLV by 3-month return, {said}.")


def test_an_unequal_split_between_the_picks_is_asked():
    assert question_of("Every month hold the top 2 of XLK, XLF, XLE, XLV by 3-month return, 60/40 between them.")


def test_a_split_between_them_that_does_not_fit_the_count_is_asked():
    assert question_of("Every month hold the top 3 of XLK, XLF, XLE, XLV by 3-month return, 50/50 between them.")


# ---- ticker-number pairs in lowercase ------------------------------------------------------------------------------
@pytest.mark.parametrize("said, weights", [
    ("aapl 30 msft 30 jnj 20 ko 20", ("AAPL 30%", "MSFT 30%", "JNJ 20%", "KO 20%")),
    ("spy 50 ko 25 pep 25", ("SPY 50%", "KO 25%", "PEP 25%")),
    ("ko 40, pep 30, spy 30", ("KO 40%", "PEP 30%", "SPY 30%")),
    ("hd 50 / ko 50", ("HD 50%", "KO 50%")),
])
def test_lowercase_ticker_number_pairs_summing_to_100_are_weights(said, weights):
    rbl = rbl_of(f"{said}, rebalance quarterly")
    assert all(f"    {w}\n" in rbl for w in weights)


def test_lowercase_pairs_not_summing_to_100_are_not_read_as_tickers():
    assert question_of("aapl 30 msft 30 jnj 20 ko 10, rebalance quarterly")


def test_a_lowercase_word_in_a_run_of_pairs_not_summing_to_100_is_asked():
    assert "ko" in question_of("spy 60 tlt 40 ko 10, rebalance monthly")


# ---- a listing of lowercase tickers; cash said to sit aside -------------------------------------------------------
HD_PG = "target: equal weight HD, PG, UNH, PEP, MRK\n"


@pytest.mark.parametrize("said", [
    "equal weight hd, pg, unh, pep, mrk but always keep 5% sitting in cash. quarterly rebal",
    "equal weight hd, pg, unh, pep and mrk, 5% stays in cash, rebalance quarterly",
    "Equal-weight hd, pg, unh, pep, mrk; keep 5% in cash as a buffer; rebalance every quarter.",
])
def test_a_lowercase_listing_after_equal_weight_is_tickers(said):
    rbl = rbl_of(said)
    assert HD_PG in rbl and "    cash buffer 5%\n" in rbl and "    when quarterly\n" in rbl


def test_a_lowercase_listing_in_a_top_n_with_an_english_looking_ticker():
    rbl = rbl_of("every month hold the best 2 of mtum, qual, usmv, vlue, size by 3-month return, 50/50 between them")
    assert "target: top 2 by return(price, 3 months) of MTUM, QUAL, USMV, VLUE, SIZE\n" in rbl


def test_size_outside_a_listing_stays_an_english_word():
    rbl = rbl_of("Hold the top 2 of MTUM, QUAL, USMV, VLUE by 3-month return, monthly; size each equally.")
    assert "SIZE" not in rbl


def test_a_lowercase_listing_with_no_known_ticker_is_asked():
    assert question_of("equal weight hd, pg, pep, ko, rebalance quarterly")


def test_a_listing_of_english_words_among_tickers_in_a_sentence_is_asked():
    assert question_of("I hold spy, tlt and some, rebalance quarterly")


# ---- one band said for several assets listed after it -------------------------------------------------------------
FOUR_STOCKS = "AAPL 30% MSFT 30% JNJ 20% KO 20%."
SHARED_BANDS = "bands:\n    AAPL 6pp\n    MSFT 6pp\n    JNJ 3pp\n    KO 3pp\n"


@pytest.mark.parametrize("said", [
    "Bands: 6pp for AAPL and MSFT, 3pp for JNJ and KO.",
    "A 6pp band on AAPL/MSFT and a 3pp band on JNJ/KO.",
    "Bands: 6pp on AAPL, MSFT; 3pp on JNJ & KO.",
])
def test_one_band_said_for_the_assets_listed_after_it_is_each_ones(said):
    """Never the first asset alone: the others listed with it would have no band and never trade."""
    rbl = rbl_of(f"{FOUR_STOCKS} {said} Rebalance everything when any drifts out of its band.")
    assert SHARED_BANDS in rbl


def test_the_lowercase_pairs_and_their_bands_read_together():
    rbl = rbl_of("aapl 30 msft 30 jnj 20 ko 20. bands: 6pp on aapl and msft, 3pp on jnj and ko. if anything pokes out "
                 "of its band rebalance the lot back to target")
    assert SHARED_BANDS in rbl and "    when drift > its band\n" in rbl


def test_an_asset_with_its_own_band_after_a_shared_one_is_never_given_the_shared_one():
    translation = translate_offline(f"{FOUR_STOCKS} Bands: 6pp for AAPL, MSFT 5pp, JNJ 3pp, KO 3pp. Rebalance when any "
                                    "drifts out of its band.")
    assert "MSFT 6pp" not in (translation.rbl or "")


# ---- where a listing of lowercase tickers stops --------------------------------------------------------------------
def test_a_word_going_on_after_a_listing_is_no_ticker():
    """'..., SLB, leave a 3% cash buffer': 'leave' starts a new clause, never a sixth ticker."""
    rbl = rbl_of("quarterly equal weight of XOM, CVX, COP, EOG, SLB, leave a 3% cash buffer")
    assert "target: equal weight XOM, CVX, COP, EOG, SLB\n" in rbl and "LEAVE" not in rbl


def test_numbers_before_tickers_are_not_read_as_pairs_after_a_word():
    """'stays 60 SPY 40 IEF' is 60% SPY and 40% IEF, never 'stays' at 60 and SPY at 40."""
    rbl = rbl_of("The portfolio stays 60 SPY 40 IEF, rebalanced monthly.")
    assert "    SPY 60%\n    IEF 40%\n" in rbl and "STAYS" not in rbl


def test_a_filler_word_listed_as_a_whole_item_among_tickers_is_asked():
    """'xle, xlu, cost, wmt': COST may be the ticker; skipped as filler it would hold the other three alone."""
    assert "'cost'" in question_of("equal weight these: xle, xlu, cost, wmt. quarterly")


def test_a_word_closing_a_listing_is_no_item_of_it():
    assert "    when quarterly\n" in rbl_of("Equal weight SPY, TLT, GLD, then rebalance quarterly.")


# ---- no band beside a calendar ------------------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["no bands", "no drift trigger", "no threshold"])
def test_no_band_beside_a_calendar_is_the_calendar_alone(said):
    rbl = rbl_of(f"SPY 60 TLT 40, rebalance quarterly, {said}.")
    assert "    when quarterly\n" in rbl and "when drift" not in rbl


def test_no_band_with_no_calendar_is_asked():
    assert question_of("SPY 60 TLT 40, no bands.")


def test_no_band_beside_a_band_said_too_is_asked():
    assert question_of("SPY 60 TLT 40, rebalance quarterly, no bands. Rebalance when SPY drifts 5pp.")


def test_a_lowercase_word_among_tickers_typed_in_capitals_is_asked():
    """The writer typed the tickers in capitals: the one word in lowercase is no ticker of theirs."""
    assert "'hd'" in question_of("Equal weight PG, UNH, PEP, hd, MRK, rebalance quarterly.")


def test_a_label_in_brackets_after_a_ticker_is_no_listed_item():
    rbl = rbl_of("Universe: VTI (US) and VEU (ex-US). Each month hold whichever has the higher 12-month return.")
    assert "VTI" in rbl and "VEU" in rbl and "US\n" not in rbl


# ---- what trading cost in the past is a story ---------------------------------------------------------------------
@pytest.mark.parametrize("told", ["I used to run it hourly but the fees killed me (paid like $1,900 in a month)",
                                  "I paid ~ $300 in spreads last year"])
def test_what_trading_cost_before_is_a_story(told):
    rbl = rbl_of(f"60/40 SPY/TLT, rebalance monthly. {told}.")
    assert "costs:" not in rbl


def test_a_cost_paid_per_trade_is_still_read():
    assert "commission 5 USD per order" in rbl_of("60/40 SPY/TLT, rebalance monthly, paid 5 usd per trade.")


def test_a_one_letter_word_in_a_lowercase_listing_is_asked_never_read_past():
    """'aapl, msft, t, vz' held AAPL and MSFT alone: T and VZ were dropped."""
    assert "'t'" in question_of("equal weight aapl, msft, t, vz, monthly")


@pytest.mark.parametrize("said", ["aapl, msft, cost and wmt, equal weight, monthly",
                                  "aapl, msft, t and vz equally weighted, monthly"])
def test_a_listing_opening_the_sentence_never_drops_a_word_of_it(said):
    assert question_of(said)


def test_a_lowercase_listing_opening_the_sentence_is_tickers():
    assert "target: equal weight HD, PG, UNH, PEP, MRK\n" in rbl_of("hd, pg, unh, pep, mrk equally weighted, monthly")


# ---- a share each given to the assets listed right before it -------------------------------------------------------
@pytest.mark.parametrize("said, weights", [
    ("SPY 40%, QQQ and TLT 30% each", ("SPY 40%", "QQQ 30%", "TLT 30%")),
    ("SPY and QQQ 30% each, TLT and GLD 20% each", ("SPY 30%", "QQQ 30%", "TLT 20%", "GLD 20%")),
    ("SPY, QQQ 30% each; TLT, GLD 20% each", ("SPY 30%", "QQQ 30%", "TLT 20%", "GLD 20%")),
    ("SPY 40%, QQQ 30% and TLT, GLD 15% each", ("SPY 40%", "QQQ 30%", "TLT 15%", "GLD 15%")),
])
def test_a_share_each_is_for_the_assets_listed_before_it(said, weights):
    rbl = rbl_of(f"{said}, rebalance monthly.")
    assert all(f"    {w}\n" in rbl for w in weights)


def test_a_share_each_that_leaves_the_weights_short_is_asked():
    assert question_of("SPY 40%, QQQ and TLT 20% each, rebalance monthly.")


# ---- an email's way into the allocation ----------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["Please find below the allocation for the Smith account:", "Please see below the targets:",
                                  "Please find attached the plan:"])
def test_an_emails_way_into_the_allocation_is_chatter(said):
    assert MONTHLY_60_40 in rbl_of(f"Good afternoon,\n{said} 60% VTI, 40% BND, rebalanced monthly.\nBest regards,\nLaura")


@pytest.mark.parametrize("closing", ["lmk if i'm missing something", "Let me know if this makes sense."])
def test_a_request_to_hear_back_closing_the_message_is_chatter(closing):
    assert MONTHLY_60_40 in rbl_of(f"{SIXTY_FORTY} {closing}")


def test_a_request_to_hear_back_about_a_market_move_is_asked():
    assert question_of(f"{SIXTY_FORTY} Let me know if VTI drops 10%.")


# ---- a split said 'in a 40/30/20/10 split' after its assets --------------------------------------------------------
@pytest.mark.parametrize("said", ["Hold SPY, QQQ, GLD, TLT in a 40/30/20/10 split", "hold spy qqq gld tlt in a 40/30/20/10 split"])
def test_a_split_said_in_a_split_after_its_assets(said):
    assert "    SPY 40%\n    QQQ 30%\n    GLD 20%\n    TLT 10%\n" in rbl_of(f"{said}, rebalance quarterly")


def test_a_ratio_after_two_assets():
    assert "    SPY 60%\n    TLT 40%\n" in rbl_of("SPY and TLT in a 60/40 ratio, rebalance quarterly")


def test_a_split_with_fewer_parts_than_assets_is_asked():
    assert question_of("SPY, QQQ and TLT in a 60/40 split, rebalance quarterly")
