"""How traders write: windows as adjectives, trend filters, risk percentages, rankings, calendar words,
chat, bare weights; and one question when a recognised topic misses its number."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


@pytest.mark.parametrize("english", ["top 2 of SPY, EFA and EEM by 6-month return",
                                     "the 2 best performers over the last 6 months among SPY, EFA and EEM",
                                     "the top 2 of SPY, EFA and EEM ranked by their trailing 6-month return"])
def test_a_ranking_window_reads_the_same_however_it_is_written(english):
    assert "target: top 2 by return(price, 6 months) of SPY, EFA, EEM" in rbl_of(english + ", monthly.")


@pytest.mark.parametrize("english", ["risk parity across SPY, TLT and GLD using a 120-day covariance, with shrinkage",
                                     "risk parity across SPY, TLT and GLD on a shrunk 120-day covariance",
                                     "ERC of SPY, TLT, GLD with a Ledoit-Wolf covariance over 120 days"])
def test_a_shrunk_covariance_is_risk_parity_shrunk(english):
    assert "target: risk parity(120 days, shrunk) SPY, TLT, GLD" in rbl_of(english + ", monthly.")


def test_risk_parity_without_a_word_of_shrinkage_is_the_sample_covariance():
    assert "target: risk parity(120 days) SPY, TLT, GLD" in rbl_of(
        "risk parity across SPY, TLT and GLD using a 120-day covariance, monthly.")


def test_a_trend_filter_holds_the_single_asset_while_above_its_average():
    rbl = rbl_of("Hold SPY while it's above its 200-day SMA, otherwise cash; monthly.")
    assert "SPY 100% while price > sma(price, 200 days) else CASH" in rbl


def test_a_trend_filter_can_fall_back_to_another_asset():
    rbl = rbl_of("Hold SPY as long as it is above its 10-month moving average, otherwise switch to TLT; monthly.")
    assert "SPY 100% while price > sma(price, 10 months) else TLT" in rbl


def test_a_crossover_chooses_between_two_weight_blocks():
    rbl = rbl_of("SPY and TLT. If SPY's 50-day SMA is above its 200-day SMA run 80/20, otherwise 30/70; monthly.")
    assert "    if sma(SPY, 50 days) > sma(SPY, 200 days):\n        SPY 80%\n        TLT 20%\n    else:\n" in rbl


def test_an_rsi_level_is_a_fraction_and_an_exit_condition_is_flipped():
    translation = translate_offline("Hold QQQ but go to cash when its 14-day RSI is above 70; weekly.")
    assert "QQQ 100% while rsi(price, 14 days) <= 70% else CASH" in translation.rbl
    assert any("opposite of the exit condition" in a for a in translation.assumptions)


def test_a_volatility_target_scales_exposure_up_to_the_leverage_cap():
    rbl = rbl_of("60/40 SPY/AGG, target 8% annualized vol using 60-day realized volatility, up to 1.5x leverage, monthly.")
    assert "exposure min(8% / vol(basket, 60 days), 1.5x)" in rbl


def test_a_drawdown_brake_is_a_state_with_its_recovery_level():
    rbl = rbl_of("60/40 SPY/AGG monthly. If it falls 10% from its high put half in cash, back when recovered to 5%.")
    assert "true when drawdown(portfolio) >= 10%" in rbl and "false when drawdown(portfolio) <= 5%" in rbl
    assert "exposure if defensive then 50% else 100%" in rbl


def test_liquidating_on_a_drawdown_is_the_kill_switch():
    assert "max drawdown 25%" in rbl_of("60/40 SPY/AGG monthly; liquidate if the account drops 25% from peak.")


def test_a_cap_on_any_single_name_is_a_max_weight():
    assert "max weight 25%" in rbl_of("Equal weight AAPL, MSFT, NVDA and AMZN, monthly, no single name above 25%.")


@pytest.mark.parametrize("english,rbl", [("weekly on Wednesdays", "weekly on wednesday"),
                                         ("every Friday", "weekly on friday"), ("on Tuesdays", "weekly on tuesday"),
                                         ("on the 3rd trading day of each month", "3rd trading day of month"),
                                         ("annually", "annually"), ("yearly", "annually")])
def test_calendar_words(english, rbl):
    assert f"when {rbl}\n" in rbl_of(f"60% SPY, 40% AGG, rebalance {english}.")


def test_greetings_and_sign_offs_are_skipped():
    assert "when monthly" in rbl_of("Hi there! 60% SPY, 40% AGG, rebalance monthly please. Thanks a lot, Sam")


def test_a_negated_alternative_after_the_execution_time_is_read_with_it():
    assert "execution decide at close, trade at close" in rbl_of("60/40 SPY/AGG monthly, trade at the close (not the next open).")


def test_do_not_place_trades_is_alert_mode():
    assert "mode alert" in rbl_of("60/40 SPY/AGG monthly; don't place trades, just send me the orders to approve.")


def test_numbers_after_tickers_adding_to_100_are_weights_with_the_assumption_listed():
    translation = translate_offline("SPY 65 UST10 35, rebalance quarterly.")
    assert "    SPY 65%\n    UST10 35%\n" in translation.rbl
    assert any("percent weights" in a for a in translation.assumptions)


def test_an_explicit_data_column_is_not_another_asset():
    rbl = rbl_of("60% SPY 40% TLT quarterly; TLT = the UST20 column.")
    assert 'asset TLT column "UST20"' in rbl and "asset UST20" not in rbl


@pytest.mark.parametrize("english,words", [
    ("60/40 SPY/AGG, rebalance when it drifts too far.", "how far may an asset drift"),
    ("Each month hold the top 2 of SPY, EFA and EEM by momentum.", "what lookback"),
    ("Hold SPY while it is above its moving average, otherwise cash; monthly.", "how many days"),
    ("60/40 SPY/AGG, vol-target with up to 1.5x leverage, monthly.", "what annual volatility"),
    ("60/40 SPY/AGG monthly, de-risk if the drawdown gets bad.", "how deep a fall"),
])
def test_a_recognised_topic_missing_its_number_is_one_question(english, words):
    assert words in question_of(english).lower()


@pytest.mark.parametrize("english", ["I want equal amounts in a few big tech stocks, rebalanced every month.",
                                     "60% corporate bonds and 40% US stocks, monthly.",
                                     "Half emerging market equities, half gold, quarterly."])
def test_a_part_of_an_asset_class_is_never_read_as_the_whole_class(english):
    translation = translate_offline(english)
    assert translation.rbl is None and translation.question


def test_a_spreadsheets_fractions_after_the_tickers_are_weights():
    rbl = rbl_of("Allocation sheet: VTI 0.5, VXUS 0.3, BND 0.2. Rebalance: quarterly.")
    assert "VTI 50%" in rbl and "VXUS 30%" in rbl and "BND 20%" in rbl


def test_fractions_that_do_not_make_one_are_asked_about():
    assert "add up to 90%" in question_of("SPY 0.5, TLT 0.3, GLD 0.1, rebalance: monthly")


@pytest.mark.parametrize("again", ["To repeat: 80 SPY, 20 TLT.", "So SPY 80 / TLT 20.", "Back to 80 20 each time."])
def test_the_target_said_again_without_percent_signs_is_the_same_target(again):
    rbl = rbl_of(f"I want 80% SPY and 20% TLT. Rebalance monthly. {again}")
    assert "SPY 80%" in rbl and "TLT 20%" in rbl


def test_other_numbers_said_after_the_target_are_asked_about():
    assert "70 SPY" in question_of("I want 80% SPY and 20% TLT. Rebalance monthly. To repeat: 70 SPY, 30 TLT.")


@pytest.mark.parametrize("english, cost", [
    ("fees on my exchange are 0.1% per trade", "commission 10 bps"),
    ("a 10-basis-point commission on every trade", "commission 10 bps"),
    ("5 bps per trade", "commission 5 bps"),
    ("- commission: 1 USD per order - spread: 3 bps", "spread 3 bps"),
    ("nothing under $250", "minimum trade 250 USD"),
    ("no trade below 1000 dollars", "minimum trade 1000 USD"),
])
def test_costs_said_as_traders_list_them(english, cost):
    assert cost in rbl_of(f"60% SPY and 40% AGG, rebalanced monthly. {english}.")


def test_approval_said_by_two_negations():
    rbl = rbl_of("60% SPY and 40% AGG, monthly. No order shall be transmitted without the approval of the responsible "
                 "adviser.")
    assert "mode alert" in rbl


def test_a_minimum_held_in_cash_is_a_cash_buffer():
    assert "cash buffer 2%" in rbl_of("60% SPY and 40% AGG, monthly. A minimum of 2% of the account shall be held in cash.")


def test_a_forwarded_reply_is_read_without_its_quote_markers():
    rbl = rbl_of("See below from the client, please implement.\n> On Thu, Dr. Weiss wrote:\n> > 60% SPY and 40% AGG, "
                 "rebalanced monthly.")
    assert "SPY 60%" in rbl and "when monthly" in rbl


def test_list_items_are_read_one_by_one():
    rbl = rbl_of("Backtest spec, please:\n- SPY 50%, IEF 50%\n- rebalance monthly\n- spread: 3 bps\n1. no leverage")
    assert "IEF 50%" in rbl and "spread 3 bps" in rbl


@pytest.mark.parametrize("english, said", [
    ("Inverse vol, 20-day window, no wait, make it 40 days, across SPY and TLT, monthly.", "inverse volatility(40 days)"),
    ("Please set up 60/40, sorry, 70/30, SPY and AGG, rebalanced monthly.", "SPY 70%"),
    ("60% SPY, 40% AGG, rebalanced every Sunday, no wait, every Monday.", "weekly on monday"),
])
def test_a_value_the_trader_corrects_is_read_as_corrected(english, said):
    assert said in rbl_of(english)


@pytest.mark.parametrize("english, cost", [("Commission as usual, 3 bps.", "commission 3 bps"),
                                           ("Minimum ticket 100 USD.", "minimum trade 100 USD")])
def test_costs_said_in_a_memos_shorthand(english, cost):
    assert cost in rbl_of(f"60% SPY and 40% AGG, rebalanced monthly. {english}")


def test_fees_not_applicable_are_no_costs():
    rbl = rbl_of("60% SPY and 40% AGG, rebalanced monthly. Fees N/A.")
    assert "costs:" not in rbl


def test_a_notes_number_is_no_split():
    rbl = rbl_of("Research note 14/2026. 60% SPY and 40% AGG, rebalanced monthly.")
    assert "SPY 60%" in rbl


def test_a_split_with_its_assets_in_parentheses():
    assert "AGG 40%" in rbl_of("Balanced mandate 60/40 (SPY/AGG), rebalanced monthly.")


def test_equal_parts_said_again_as_percent_each_is_one_target():
    rbl = rbl_of("Equal parts of SPY, EFA, GLD and IEF - 25% each - rebalanced quarterly.")
    assert "equal weight SPY, EFA, GLD, IEF" in rbl


def test_a_split_with_no_shares_said_asks_the_weights():
    assert "What target weight" in question_of("I'd like the proceeds split between SPY and TLT, rebalanced quarterly.")


def test_the_traders_own_question_about_the_schedule_is_asked_back():
    assert "When should it rebalance" in question_of("60% SPY, 40% AGG. when do i rebalance tho?")


@pytest.mark.parametrize("approval", ["DONT auto-trade.", "No automated order may be executed without prior sign-off by the desk.",
                                      "Therefore propose orders and wait for sign-off rather than execute them.",
                                      "No order may be sent to the market automatically.",
                                      "Before anything is executed - please just send me the list.",
                                      "The system must only generate the proposed orders and alert the PM for approval."])
def test_approval_said_by_what_may_not_happen(approval):
    assert "mode alert" in rbl_of(f"60% SPY and 40% AGG, rebalanced monthly. {approval}")


@pytest.mark.parametrize("automatic", ["No need to wait for my approval.", "Orders go out without approval."])
def test_approval_waived_is_never_read_as_approval(automatic):
    translation = translate_offline(f"60% SPY and 40% AGG, rebalanced monthly. {automatic}")
    assert translation.rbl is None or "mode alert" not in translation.rbl


def test_a_window_said_right_after_risk_parity_is_its_covariances():
    assert "risk parity(60 days)" in rbl_of("Risk parity 60 days on SPY and TLT, rebalanced monthly.")


def test_a_list_written_as_cells_gives_each_asset_its_percent():
    rbl = rbl_of("US stock index (SPY) 50%, foreign developed stock (EFA) 20%, bond (IEF) 30%. Rebalance monthly. "
                 "With best regards.")
    assert "SPY 50%" in rbl and "EFA 20%" in rbl and "IEF 30%" in rbl


def test_a_percent_after_a_comma_belongs_to_the_asset_after_it():
    assert "What target weight should SPY have" in question_of("Hold SPY, 50% EFA and 50% TLT, monthly.")


def test_a_description_before_a_ticker_is_its_label():
    rbl = rbl_of("Hold 60% in the S&P 500 tracker SPY and 40% in AGG, monthly.")
    assert "SPY 60%" in rbl and "AGG 40%" in rbl


@pytest.mark.parametrize("cash", ["There must be always 3% in cash.", "Keep always 3% in cash."])
def test_a_cash_share_beside_a_scheme_said_as_a_rule_is_a_cash_buffer(cash):
    assert "cash buffer 3%" in rbl_of(f"Equal weight SPY, TLT and GLD, rebalanced monthly. {cash}")


def test_weights_beside_a_scheme_are_never_dropped():
    # found by a helper: '3% in cash' was read as a CASH weight, then silently dropped beside 'equal weight'
    assert "weighting scheme" in question_of("Equal weight SPY, TLT and GLD, rebalanced monthly. 3% in cash too.")


@pytest.mark.parametrize("said", ["24/7 market so 365 days.", "It's a 24x7 market, 365 days a year.", "Use a year of 365 days."])
def test_a_year_of_365_days_said_outright_is_the_annualisation(said):
    assert "annualize 365 days" in rbl_of(f"50/50 BTC ETH, rebalanced monthly. {said}")


# Found scoring a held-out set: 'only trade the asset(s) that broke it' lost its '(s)' and 'that broke it' to chatter,
# and the strategy traded every asset back (a different strategy). Trading only what broke the band is a fact.
@pytest.mark.parametrize("said", [
    "only trade the fund(s) that broke it",
    "only rebalance the assets that broke it",
    "only touch the holding(s) that breached the band",
])
def test_trading_only_what_broke_the_band_is_read_with_a_plural_in_brackets(said):
    rbl = rbl_of(f"SPY 50 / IEF 30 / GLD 20 with a 5pp band, checked daily. When something breaks the band, {said}.")
    assert "trade breached assets" in rbl


@pytest.mark.parametrize("word", ["broke", "breaks", "breached", "breaching"])
def test_words_about_breaking_a_band_carry_meaning(word):
    from rbl.dsl.english.chatter import carries_meaning

    assert carries_meaning(word)


# Found by answering 'drop it' to the dev set's questions: 'the gold sleeve thing' beside GLD became a second asset
# GOLD reading the same data, held by the risk parity.
@pytest.mark.parametrize("said", ["ok here is the gold sleeve idea: risk parity 90 days across SPY, IEF, GLD, rebalance monthly.",
                                  "Inverse volatility over 60 days on SPY, TLT and GLD, monthly; gold included."])
def test_an_asset_class_in_words_beside_a_fund_of_that_class_is_asked_never_held_twice(said):
    assert "gold" in question_of(said).lower()


# Found in the dev set's misses (v7-107, v11-048): 'the gold and stocks thing. Seventy percent SPY, thirty percent GLD'
# asked whether 'gold' is another asset, though the weights given add up to 100% without it.
@pytest.mark.parametrize("said", ["The gold trade: SPY 70%, GLD 30%, rebalance every Tuesday.",
                                  "The stocks and gold portfolio: 85% SPY and 15% GLD, rebalanced each quarter."])
def test_an_asset_class_named_beside_its_fund_without_a_weight_of_its_own_is_that_fund(said):
    rbl = rbl_of(said)
    assert "asset GOLD" not in rbl and "GLD" in rbl and "SPY" in rbl


@pytest.mark.parametrize("said", ["SPY 70%, GLD 20%, and 10% in gold, rebalance monthly.",
                                  "50% SPY, 30% GLD, rest in gold, rebalance monthly."])
def test_an_asset_class_given_its_own_weight_beside_its_fund_is_still_asked(said):
    assert question_of(said) == "Does 'gold' mean GLD, which the text names too, or another asset beside it?"


# Found by writing the blind modifiers with tickers for their class words: 'SPY 60 BND 40 monthly, only SPY gets
# rebalanced, BND just rides' returned the plain 60/40, the clause listed as "no number, asset ... in it".
@pytest.mark.parametrize("said", ["SPY 50 TLT 30 GLD 20 rebalance monthly, and pull GLD back harder than the others.",
                                  "VTI 60 BND 40, a little lighter on VTI through the summer, monthly rebalance.",
                                  "SPY 60 BND 40 monthly, only SPY gets rebalanced, BND just rides.",
                                  "VTI 40 VXUS 20 BND 30 GLD 10 quarterly rebalance, buy BND first then everything else.",
                                  "SPY 50 TLT 30 GLD 20 rebalance monthly, and pull gold back harder than the others."])
def test_an_asset_named_again_in_words_no_rule_reads_is_asked_about(said):
    assert question_of(said).startswith("What should '")


@pytest.mark.parametrize("said", ["60% SPY / 40% TLT; whenever SPY or TLT wanders more than 5 points from its target, "
                                  "rebalance both.",
                                  "Keep 70% QQQ and 30% IEF, and if either QQQ or IEF wanders 6 points off target, reset."])
def test_a_condition_naming_every_asset_held_is_any_asset(said):
    assert "when drift >" in rbl_of(said)


def test_a_condition_naming_one_of_several_assets_is_asked_about():
    said = "Hold 50% VTI, 30% BND and 20% GLD, and whenever VTI wanders more than 4 points from its target, rebalance."
    assert question_of(said).startswith("What should 'whenever VTI")


# Found by answering 'drop it' to the dev set's questions (v8-105): 'a 3pp band and a 6pp band otherwise' left the
# strategy with the first band, the second taken without a word. A fact said twice with other numbers is a question.
@pytest.mark.parametrize("said", ["60% SPY, 40% IEF with a 3pp band and a 6pp band. Checks are daily.",
                                  "60% SPY, 40% IEF, a 2pp band, checked daily; use a 4pp band in summer."])
def test_one_fact_said_twice_with_other_numbers_is_a_question(said):
    assert "which one is meant" in question_of(said)


def test_one_fact_said_twice_with_the_same_number_is_one_fact():
    assert "when drift > 5pp" in rbl_of("60% SPY, 40% IEF with a 5pp band, checked daily. Yes, a 5pp band.")
