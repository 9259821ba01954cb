"""The offline reader widened by chatter family (issue 17, v10 batch): words around a strategy that carry no rule --
stories and past actions, who the writer is and what they run elsewhere, analogies, options jargon, a payout policy
outside the strategy, document and social-post furniture, self-corrections. Each test gives phrasings of one family that
are not dev cases; a chatter-looking sentence that carries a limit is still read or asked."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import question_of, rbl_of


def skipped(english: str) -> str:
    """Everything the reader lists as not read, as one string."""
    return " | ".join(a for a in translate_offline(english).assumptions if a.startswith("not read"))


# ---- stories and past actions ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60 / BND 40, rebalance when either is 5 points off, checked daily. In 2022 we sold at 25% down and bought back "
    "15% higher.",
    "VTI 60 / BND 40, rebalance when either is 5 points off, checked daily. Back in 2008 I panic sold at 40% and bought "
    "back 30% up.",
])
def test_a_dated_sale_told_as_a_story_is_skipped(english):
    rbl = rbl_of(english)
    assert "when drift > 5pp" in rbl and "40%" in rbl and "25%" not in rbl and "15%" not in rbl


@pytest.mark.parametrize("english", [
    "Big week: our team finally moved the whole family onto one model. SPY 60%, AGG 40%, rebalanced quarterly.",
    "Our practice just finished consolidating every account into one balanced portfolio. VTI 70%, BND 30%, rebalanced "
    "each quarter.",
])
def test_a_past_move_onto_one_model_is_a_story(english):
    assert "when quarterly" in rbl_of(english)
    assert "onto 1 model" in skipped(english) or "into 1 balanced portfolio" in skipped(english)


def test_a_told_trade_with_a_count_is_still_read_or_asked():
    # a story of trading keeps its count: 'one fund at a time' could be how the strategy trades
    english = "SPY 50%, TLT 50%, rebalanced monthly. We rebalanced one fund at a time."
    assert "1 fund at a time" in question_of(english)


def test_a_sale_in_the_present_is_no_story():
    # 'everything is sold' is the rule itself, never a story
    english = ("If the account falls 30% below its peak, everything is sold and the strategy stops. 60% SPY, 40% IEF, "
               "rebalanced quarterly.")
    assert "max drawdown 30%" in rbl_of(english)


# ---- a post's slogans, hashtags and thread numbers ------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "SPY 60%, AGG 40%, rebalanced every quarter. Discipline wins. #investing #passive",
    "VTI 70% and BND 30%, rebalanced quarterly. Costs matter. #boglehead #lazyportfolio #rebalancing",
])
def test_slogans_and_hashtags_are_skipped(english):
    rbl = rbl_of(english)
    assert "when quarterly" in rbl and "#" in skipped(english)


@pytest.mark.parametrize("english", [
    "1/ my boring allocation, by request: 70 VTI / 30 BND\n2/ checked every day, rebalanced when either side is 5 points "
    "off\n3/ that is all",
    "1/ people keep asking what I hold\n2/ VTI 70 / BND 30\n3/ I check daily and rebalance when either leg drifts more "
    "than 5 points",
])
def test_a_threads_post_numbers_end_each_post(english):
    rbl = rbl_of(english)
    assert "VTI 70%" in rbl and "when drift > 5pp" in rbl


def test_a_year_before_a_colon_is_no_count():
    english = "Plan for 2026: SPY 60 / TLT 40, rebalanced monthly."
    rbl = rbl_of(english)
    assert "SPY 60%" in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "Lessons from running a 2 billion usd pension book: SPY 60%, IEF 40%, checked daily, rebalanced at a 5 point band.",
    "Biggest takeaway from 20 years of managing client money: keep it simple. SPY 60%, IEF 40%, checked daily, "
    "rebalanced at a 5 point band.",
])
def test_where_a_lesson_comes_from_is_skipped(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60 / IEF 40, checked daily against a 4 point band; when it breaches, trade in 3 daily tranches. Never put the "
    "whole rebalance into a single close.",
    "SPY 60 / IEF 40, checked daily against a 4 point band. Don't dump the whole rebalance into one close; we trade in 3 "
    "daily tranches.",
])
def test_not_in_one_close_is_the_tranches_wish(english):
    assert "trade over 3 bars" in rbl_of(english)


# ---- who the writer is, what they run, what they do all day -------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I'm a contrarian guy: each month hold the 2 worst of SPY, EFA, EEM and TLT by 3-month return.",
    "We're more of a mean-reversion shop, so every month buy the 2 worst of SPY, EFA, EEM and TLT by 3-month return.",
])
def test_an_identity_naming_the_construct_read_is_a_label(english):
    assert "bottom 2 by return(price, 3 months)" in rbl_of(english)


def test_an_identity_naming_another_construct_is_asked():
    # a momentum identity beside a pure 60/40: no momentum is read, so the words stay and are asked about
    assert "momentum" in question_of("I'm a momentum guy. SPY 60%, TLT 40%, rebalanced monthly.")


@pytest.mark.parametrize("english", [
    "sector rotation we're running this year: every month hold the top 2 of XLK, XLF, XLE and XLV by 6-month return",
    "momentum strategy I've been running for a while: every month hold the top 2 of XLK, XLF, XLE and XLV by 6-month "
    "return",
])
def test_the_construct_the_writer_runs_is_a_label(english):
    assert "top 2 by return(price, 6 months)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Instead of scalping futures all day I want something boring: SPY 60%, TLT 40%, rebalanced monthly.",
    "Instead of rolling options by hand, we'd like something simple and mechanical. SPY 60%, TLT 40%, rebalanced monthly.",
])
def test_what_the_writer_does_all_day_instead_is_skipped(english):
    assert "when monthly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Ms. Patel, who is travelling until the 3rd, wants SPY 60% and AGG 40%, rebalanced quarterly.",
    "Writing for my father; he's on holiday until next week. He wants SPY 60% and AGG 40%, rebalanced quarterly.",
])
def test_someone_elses_absence_is_skipped(english):
    assert "when quarterly" in rbl_of(english)


# ---- analogies and options jargon --------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "It's like an iron condor that never expires. SPY 50 / TLT 50, checked daily, rebalanced when either drifts 5 points.",
    "Think of it as a covered call without the call. SPY 50 / TLT 50, checked daily, rebalanced when either drifts 5 "
    "points.",
])
def test_an_analogy_is_skipped(english):
    assert "when drift > 5pp" in rbl_of(english)


def test_an_analogy_holding_a_rule_is_not_skipped():
    # 'like ... never on mondays' carries a limit: it is read or asked, never skipped as an analogy
    english = "SPY 50 / TLT 50, rebalanced weekly, like a strangle but never on mondays."
    assert "like a strangle" not in skipped(english)


@pytest.mark.parametrize("english", [
    "been writing 16-delta strangles for years, 30 DTE. For the IRA: SPY 60%, TLT 40%, rebalanced quarterly.",
    "Been selling puts for years, 25 delta, 40 DTE. Here I just want SPY 60%, TLT 40%, rebalanced quarterly.",
])
def test_options_jargon_is_no_asset_and_no_rule(english):
    rbl = rbl_of(english)
    assert "asset DTE" not in rbl and "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "SPY 60%, TLT 40%. Re-balance, sorry, I mean rebalance, every month.",
    "SPY 60%, TLT 40%. Rebalance weekly, or rather monthly.",
])
def test_a_word_corrected_as_written_is_the_one_meant(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl and "weekly" not in rbl


# ---- a payout policy outside the strategy ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "The endowment holds ACWI 60% and AGG 40%, rebalanced quarterly. Our 5% payout rate remains unchanged.",
    "ACWI 60% and AGG 40%, rebalanced quarterly. The annual distribution rate stays at 4%.",
])
def test_a_payout_rate_is_no_rule(english):
    rbl = rbl_of(english)
    assert "5%" not in rbl and "4%" not in rbl and "when quarterly" in rbl


def test_a_draw_for_a_purpose_stated_unchanged_is_no_rule():
    english = "The foundation holds VTI 50% and BND 50%, rebalanced annually. The 3% draw for grants is unchanged."
    assert "3%" not in rbl_of(english)


def test_a_cash_reserve_beside_the_payout_is_still_read():
    english = "ACWI 60%, AGG 35%, cash 5%, rebalanced quarterly. The spending rate is unchanged."
    assert "CASH 5%" in rbl_of(english)


# ---- document furniture and reply chains ----------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "----- Original Message -----\n> Agreed: SPY 60 / AGG 40, rebalanced every quarter.\n> > What split would you like?",
    "-- Forwarded message --\nNoted: SPY 60 / AGG 40, rebalanced every quarter.",
])
def test_a_forwarded_separator_and_a_one_word_reply_are_furniture(english):
    rbl = rbl_of(english)
    assert "SPY 60%" in rbl and "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "Sorry, not 50/50, make it 70/30: SPY 70, AGG 30, rebalanced monthly.\n> SPY 50, AGG 50, rebalanced monthly.",
    "> Correction: not 60/40 but 55/45. SPY 55, AGG 45, monthly.\n> > SPY 60, AGG 40, rebalanced monthly please.",
])
def test_a_split_set_aside_and_its_quoted_holdings_are_superseded(english):
    rbl = rbl_of(english)
    assert ("SPY 70%" in rbl or "SPY 55%" in rbl) and "SPY 60%" not in rbl and "SPY 50%" not in rbl


@pytest.mark.parametrize("english", [
    "The desk reviews holdings weekly and rebalances when any asset drifts 5 points. SPY 60%, TLT 40%.",
    "Staff will review positions weekly; rebalance when any asset drifts 5 points. SPY 60%, TLT 40%.",
])
def test_who_does_the_check_is_furniture(english):
    rbl = rbl_of(english)
    assert "check weekly" in rbl and "when drift > 5pp" in rbl


@pytest.mark.parametrize("english", [
    "Leverage overlay. SPY 60% / TLT 40% at 1.5x gross exposure, rebalanced monthly; short selling is prohibited.",
    "Duration extension: TLT 70% / IEF 30% at 1.3x gross exposure to narrow the liability gap, rebalanced monthly. Short "
    "positions are not allowed.",
])
def test_an_exposure_heading_and_a_short_ban_are_read(english):
    rbl = rbl_of(english)
    assert "exposure 1." in rbl and "long only" in rbl


def test_a_heading_whose_construct_is_not_read_is_asked():
    assert "overlay" in question_of("Duration extension overlay. TLT 60% / IEF 40%, rebalanced monthly.")


@pytest.mark.parametrize("english", [
    "VTI 70 / BND 30, rebalanced on the first trading day of each week. Fridays are too volatile for us.",
    "VTI 70 / BND 30, rebalanced on the first trading day of each week; month-end gets way too choppy.",
])
def test_why_a_day_is_not_chosen_is_an_opinion(english):
    assert "when 1st trading day of week" in rbl_of(english) or "when weekly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI 70 / BND 30 rebalanced quarterly. No stops, no nothing.",
    "VTI 70 / BND 30 rebalanced quarterly; no stops, no frills.",
])
def test_no_stops_adds_nothing(english):
    rbl = rbl_of(english)
    assert "drawdown" not in rbl and "when quarterly" in rbl


# ---- life around the note: reunions, dinners, returns, hand-overs, outages -----------------------------------------

@pytest.mark.parametrize("english", [
    "Lovely to see you at the wedding, can't believe it's been 15 years! SPY 60%, AGG 40%, rebalanced annually.",
    "It has already been so many years since we started. SPY 60%, AGG 40%, rebalanced annually.",
])
def test_years_gone_by_are_no_lookback(english):
    assert "when annually" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Following up on our coffee last week: SPY 60%, AGG 40%, checked daily, rebalanced at a 5 point band.",
    "Further to Friday's lunch, SPY 60%, AGG 40%, checked daily, rebalanced at a 5 point band.",
])
def test_the_evening_a_note_follows_is_skipped(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Priya - SPY 60 / IEF 40, 5 point band, checked daily. Back on the 21st.",
    "SPY 60 / IEF 40, 5 point band, checked daily. I'll be back the 2nd.",
])
def test_the_writers_return_is_no_schedule(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl and "when drift > 5pp" in rbl


@pytest.mark.parametrize("english", [
    "Short hand-off before I leave: SPY 60 / IEF 40, 5 point band, checked daily. Text Omar if the data feed goes down.",
    "Quick handover b4 i log off: SPY 60 / IEF 40, 5 point band, checked daily. Call Dana if the broker API fails again "
    "like it did last spring.",
])
def test_a_handover_opening_and_whom_to_call_on_an_outage_are_skipped(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl and "when drift > 5pp" in rbl


def test_a_call_on_a_market_move_is_not_an_outage():
    # 'call tom if SPY falls 10%' names a market move, not a broken feed: it is no outage note, so it stays to be read
    english = "SPY 60 / IEF 40, 5 point band, checked daily. Call Tom if SPY falls 10% in a day."
    assert "10%" in question_of(english)


# ---- stories and opinions of a trope -------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Got burned chasing tech (RIP my 2000 dotcom shares). Now: every month hold the top 2 of SPY, EFA, EEM and TLT by "
    "6-month return.",
    "RIP our 2022 bond ladder. Every month hold the top 2 of SPY, EFA, EEM and TLT by 6-month return.",
])
def test_a_loss_mourned_in_passing_is_a_story(english):
    assert "top 2 by return(price, 6 months)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60%, AGG 40%; she rebalances only when either drifts 5 points, a discipline she says kept her from panic selling "
    "in 2008. Checked daily.",
    "SPY 60%, AGG 40%, checked daily, rebalanced when either drifts 5 points, which the manager claims saved investors "
    "from the worst of the 2022 sell-off.",
])
def test_what_a_rule_did_for_its_author_is_reported_history(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "I've accepted that I'm not smarter than the market. Equal weight SPY, EFA, TLT and GLD, rebalanced monthly.",
    "We're not smarter than the index, so: equal weight SPY, EFA, TLT and GLD, rebalanced monthly.",
])
def test_humility_before_a_plain_scheme_is_chatter(english):
    assert "target: equal weight" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Voice note. Thinking about the day-trading idea again. No. SPY 70, TLT 30, rebalanced quarterly.",
    "Been thinking about that options stuff again. Anyway: SPY 70, TLT 30, rebalanced quarterly.",
])
def test_a_musing_dropped_in_the_next_breath_is_chatter(english):
    assert "when quarterly" in rbl_of(english)


# ---- chat groups, mentions, journalists, signatures, backtest verdicts ----------------------------------------------

@pytest.mark.parametrize("english", [
    "🚨 alpha channel update 🚨 updated model: 60 SPY / 40 TLT, rebalanced every month.",
    "Crypto group announcement. New portfolio: BTC 70 / ETH 30, rebalanced every month.",
])
def test_a_chat_groups_header_is_furniture(english):
    assert "when monthly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "@maria @ops ok the trend thing: hold SPY while it is above its 200-day moving average, otherwise IEF. Check monthly.",
    "@ken.lee so the regime thing: when SPY's 20-day vol is in the top 20% of its 1-year range hold 40/60 SPY/TLT, "
    "otherwise 70/30. Check weekly on fridays.",
])
def test_a_colleagues_mention_is_no_asset(english):
    rbl = rbl_of(english)
    assert "asset MARIA" not in rbl and "asset KEN" not in rbl and "SPY" in rbl


@pytest.mark.parametrize("english", [
    "What makes the strategy different is its use of a mood score, the SENTIMENT column in its data. When the score's "
    "20-day average is positive the fund holds 70% SPY and 30% TLT; when it is 0 or negative it flips to 30% SPY and "
    "70% TLT. Rebalanced on the first trading day of every month.",
    "What distinguishes this fund is the use of a news score, the SENTIMENT column in its feed. When the score's 20-day "
    "average is positive the fund holds 70% SPY and 30% TLT; when it is 0 or negative it flips to 30% SPY and 70% TLT. "
    "Rebalanced on the first trading day of every month.",
])
def test_what_sets_a_fund_apart_is_a_journalists_frame(english):
    assert "SENTIMENT" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 50%, AGG 50%, rebalanced when either is 5 points off, checked daily. Yours, Harold, aged 81.",
    "Gerald, age 67. SPY 50%, AGG 50%, rebalanced when either is 5 points off, checked daily.",
])
def test_an_age_is_no_figure(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60 / IEF 40 with a 5 point band, checked daily. Backtested 1995-2023, Sharpe 0.64 vs 0.61, wondering if this is "
    "curve-fit.",
    "Wondering whether it is overfitted: SPY 60 / IEF 40 with a 5 point band, checked daily. Sharpe ratio of 0.8.",
])
def test_a_backtests_verdict_is_no_rule(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Investment sub-committee, 14 March. SPY 60 / IEF 40, rebalanced when any weight drifts more than 5pp, checked daily.",
    "Board committee, June 3. SPY 60 / IEF 40, rebalanced when any weight drifts more than 5pp, checked daily.",
])
def test_a_committees_dated_heading_is_furniture(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "For the 12-stock book: equal weight AAPL, MSFT, KO, PEP, JNJ, PG, XOM, CVX, JPM, BAC, WMT and HD, rebalanced monthly.",
    "For our 3-fund model: VTI 60, VXUS 20, BND 20, rebalanced yearly.",
])
def test_a_book_named_by_its_count_is_furniture(english):
    assert "when monthly" in rbl_of(english) or "when annually" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Risk parity across SPY, TLT and GLD with a 90-day covariance, rebalanced monthly. Ana still prefers 60 days is better "
    "but we're going with 90 for now.",
    "Risk parity across SPY, TLT and GLD with a 90-day covariance, rebalanced monthly; Tom thinks 250 days would be safer, "
    "but we're sticking with 90 days.",
])
def test_a_colleagues_preference_beside_the_teams_choice_is_skipped(english):
    assert "risk parity(90 days)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "When does the family portfolio rebalance? On the first trading day of each quarter. SPY 60, AGG 40.",
    "How does our model trade? SPY 60, AGG 40, on the first trading day of each quarter.",
])
def test_a_question_heading_answered_after_it_is_skipped(english):
    assert "when quarterly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Core: 60% SPY / 40% IEF. Volatility overlay: scale exposure to a 10% annualized vol target using 60-day realized vol "
    "of the mix. Gross exposure never above 1.5x. Rebalance when any asset is 5 points off target.",
    "60% SPY / 40% IEF. The vol-targeting sleeve: scale exposure to a 10% annualized vol target using 60-day realized "
    "vol of the mix. Gross exposure never above 1.5x. Rebalance when any asset is 5 points off target.",
])
def test_a_vol_target_heading_is_a_label(english):
    assert "10% / vol(" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "I check on Fridays only, it leaves me the weekend to switch off: SPY 60%, TLT 40%, rebalanced when either is 5 "
    "points off.",
    "For the kids' account I'd like to try something a bit more hands-on: every month hold the top 1 of QQQ and IWM by "
    "6-month return.",
])
def test_why_a_plan_suits_the_writer_is_chatter(english):
    rbl = rbl_of(english)
    assert "when drift > 5pp" in rbl or "top 1 by return" in rbl


# ---- asides on money, costs and the forum ----------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 60%, BND 40%, rebalanced on the 2nd trading day of each month, because my pension lands at the start of the "
    "month and I might top up then.",
    "VTI 60%, BND 40%, rebalanced on the 4th trading day of each month, as our wages are paid on the 1st.",
])
def test_why_a_pay_day_sets_the_day_is_skipped(english):
    rbl = rbl_of(english)
    assert "trading day of month" in rbl and "when monthly" not in rbl


@pytest.mark.parametrize("english", [
    "Our portfolio is small, but VTI 60%, BND 40%, rebalanced quarterly, spread over 3 daily tranches.",
    "Does anybody else stagger their trades? VTI 60%, BND 40%, rebalanced quarterly, each rebalance traded over 3 days.",
])
def test_the_accounts_size_and_a_question_to_the_forum_are_chatter(english):
    assert "trade over 3 bars" in rbl_of(english)


def test_curious_what_others_use_is_chatter():
    english = ("VTI 60%, BND 40%, rebalanced when any asset is more than 5 points off, checked daily. Curious whether folks "
               "here pick 5 or 10.")
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 70 / TLT 30, 5 point band; on a breach only trade back to the edge of the band, which saves on commissions. "
    "Checked daily.",
    "SPY 70 / TLT 30 with a 5 point band, checked daily; it saves turnover.",
])
def test_what_a_rule_saves_is_chatter(english):
    assert "when drift > 5pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "SPY 60%, AGG 40%, 5 point band, checked daily, no order under 100 usd: the exchange charges a flat fee per order and "
    "small orders just waste my money.",
    "SPY 60%, AGG 40%, 5 point band, checked daily. Skip trades under 100 usd since my broker charges a flat fee and tiny "
    "trades eat my returns.",
])
def test_why_a_minimum_trade_is_there_is_chatter(english):
    assert "minimum trade 100 USD" in rbl_of(english)


def test_a_flat_fee_without_its_reason_is_not_skipped():
    # 'my broker charges a flat fee' alone says a cost with no size: it is asked about, never dropped
    english = "SPY 60%, AGG 40%, 5 point band, checked daily. My broker charges a flat fee."
    assert "flat fee" in question_of(english)


@pytest.mark.parametrize("english", [
    "My wife insists we keep some cash aside for the roof, so please always hold 10% in cash. The rest split equally "
    "between SPY and AGG, rebalanced monthly.",
    "My CPA says I keep some powder dry, so keep 10% in cash. The rest split equally between SPY and AGG, rebalanced "
    "monthly.",
])
def test_why_the_cash_is_kept_beside_its_size_is_chatter(english):
    assert "cash buffer 10%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Cost check before you test: commission 5 bps. SPY 60 / TLT 40, rebalanced monthly.",
    "fees check before u run it: commission 5 bps. SPY 60 / TLT 40, rebalanced monthly.",
])
def test_a_cost_asides_opening_is_chatter(english):
    assert "commission 5 bps" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Acct 55120: SPY 60 / IEF 40, review friday only, act if any leg drifts more than 3%, to target. nb client called "
    "twice re tax forms, ignore.",
    "SPY 60 / IEF 40, review friday only, act if any leg drifts more than 3%, to target. Clt called 4x about statement.",
])
def test_a_tickets_note_on_a_clients_calls_is_service(english):
    assert "check weekly on friday" in rbl_of(english)


# ---- a rebalance said as a translation says it, who does it, why that day -----------------------------------------

@pytest.mark.parametrize("english", [
    "On the first trading day of each month, please return the weights to VTI 70% and BND 30%.",
    "Every month on the first trading day please return the proportion to VTI 70% and BND 30%.",
])
def test_return_the_ratio_to_is_a_rebalance(english):
    rbl = rbl_of(english)
    assert "VTI 70%" in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "I request SPY 50%, IEF 50%. Please confirm the weights every trading day and, when the difference from the target "
    "becomes more than 4 points, please return everything to the target.",
    "SPY 50%, IEF 50%. Please confirm the allocation every trading day, and when the difference from the target is more "
    "than 4 points, return them to target.",
])
def test_confirm_the_balance_daily_is_a_check(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl and "when drift > 4pp" in rbl


@pytest.mark.parametrize("english", [
    "Given the holiday calendar at the end of a quarter, the trading desk rebalances on the 3rd trading day of each "
    "quarter. SPY 40%, AGG 60%.",
    "SPY 40%, AGG 60%. Given the operational workload and the cut-offs at the start of a month, our ops team performs the "
    "rebalancing on the 3rd trading day of each month.",
])
def test_why_a_firm_picks_its_day_is_no_schedule(english):
    rbl = rbl_of(english)
    assert "3rd trading day of" in rbl and "when quarterly" not in rbl and "when monthly" not in rbl


@pytest.mark.parametrize("english", [
    "Investment committee, 5 May. The fund holds SPY 60% and IEF 40% as agreed, rebalanced monthly.",
    "Pension sub-committee meeting, 12 March. SPY 60% and IEF 40% as previously, rebalanced monthly.",
])
def test_a_dated_committee_heading_and_weights_as_before_are_furniture(english):
    rbl = rbl_of(english)
    assert "SPY 60%" in rbl and "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "The fund begins with a classic 60/40 mix of SPY and AGG, rebalanced on the first trading day of each quarter.",
    "The model is built on a simple 70/30 mix of VTI and BND, rebalanced every quarter.",
])
def test_a_journalists_way_into_the_mix_is_chatter(english):
    assert "when quarterly" in rbl_of(english)


# ---- the split left to the reader: no weights, so the weights are asked ----------------------------------------------

@pytest.mark.parametrize("english", [
    "I'd like VTI, BND and GLD, rebalanced every quarter. We'll leave the weights up to you for now.",
    "Hold VTI, BND and GLD and rebalance every quarter; u choose the mix, we can talk about it later.",
])
def test_a_split_left_to_the_reader_asks_for_the_weights(english):
    assert "target weights" in question_of(english)


@pytest.mark.parametrize("english", [
    "ok after that argument at dinner, I just want VTI and BND, rebalanced quarterly. not sure about the split, whatever "
    "you think is sensible.",
    "Keep it to VTI and BND, rebalanced quarterly. Which mix would you like between them? Let me get back to you on the "
    "split next week.",
])
def test_a_split_put_off_asks_for_the_weights(english):
    assert "target weights" in question_of(english)


@pytest.mark.parametrize("english", [
    "VTI 50%, VXUS 30%, BND 10%, rebalanced annually. Let us know when everything is set up.",
    "VTI 50%, VXUS 30% and BND 10%, rebalanced once a year; let me know when that's done.",
])
def test_a_request_to_hear_back_leaves_the_weights_question(english):
    assert "90%" in question_of(english)


def test_a_split_given_beside_a_deferral_is_still_read():
    # 'you choose the broker' leaves no weights to the reader: the weights given are read
    english = "VTI 60%, BND 40%, rebalanced quarterly. You choose the broker, we'll sign."
    assert "VTI 60%" in rbl_of(english)


# ---- why a day, settings tried, compliance history, spreadsheet and ticket furniture ------------------------------

@pytest.mark.parametrize("english", [
    "BTC 60 ETH 40, I rebalance on the 2nd trading day of every month because the 1st is always hectic lol.",
    "SPY 60 / TLT 40, rebalanced on the 5th trading day of each month, because the first trading day is usually a zoo.",
])
def test_why_a_day_is_avoided_is_no_schedule(english):
    assert "trading day of month" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Inverse vol on SPY, EFA, IEF and GLD over 90 days, rebalanced monthly. We tried a 20-day window before, far too "
    "jumpy, then scrapped it.",
    "Inverse vol on SPY, EFA, IEF and GLD over 90 days, rebalanced monthly. note: tried a 250-day lookback in v1, too "
    "slow, dropped.",
])
def test_a_setting_tried_and_dropped_is_no_lookback(english):
    assert "90 days" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VT 80%, BNDW 20%, monitored daily against a 4 point band. Any trades outside this process will be reported under "
    "policy x-7; no such incident has occurred.",
    "VT 80%, BNDW 20%, monitored daily against a 4 point band. Past overrides, see memo of 03/2023, a 900 usd fine, "
    "arose from a fat finger; none are permitted here.",
])
def test_a_compliance_notes_history_is_no_rule(english):
    assert "when drift > 4pp" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Column a ticker, column b weight: QQQ 40, IWM 20, TLT 40. Rebalance weekly on wednesdays. Ignore the yellow cells, "
    "those were Ana's tests.",
    "col a symbol, col b weight: QQQ 40, IWM 20, TLT 40. Rebalance weekly on wednesdays. ignore the old rows.",
])
def test_a_spreadsheets_column_headings_are_furniture(english):
    assert "QQQ 40%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Fund 7: SPY 60% and AGG 40%, rebalanced monthly. Effective immediately, gross exposure may never exceed 100%.",
    "Compliance REMINDER, fund 3: SPY 60% and AGG 40%, rebalanced monthly. Questions to the CRO.",
])
def test_a_funds_number_and_a_memos_capitals_are_furniture(english):
    rbl = rbl_of(english)
    assert "asset REMINDER" not in rbl and "asset CRO" not in rbl and "SPY 60%" in rbl


@pytest.mark.parametrize("english", [
    "@ana for the 3-bond ladder, IEI 40 / IEF 30 / TLT 30, let's gate on L1: check monthly and only trade if sum of "
    "drift / 2 more than 3pp.",
    "For our 3-bond ladder: IEI 40 / IEF 30 / TLT 30. Let's gate on the total drift: check monthly and only trade if sum "
    "of drift / 2 more than 3pp.",
])
def test_a_total_drift_gate_announced_before_its_rule(english):
    assert "when sum of drift / 2 > 3pp" in rbl_of(english)


# ---- bills, initials, committees, closings ---------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "I wish equal weighting of AAPL, MSFT and KO, rebalanced every month. Please consider that I pay my taxes quarterly, "
    "therefore there must always be 5% in cash. With kind greetings, Ute",
    "Equal weight AAPL, MSFT and KO, rebalanced monthly. We pay our school fees once a year, so always keep 5% in cash.",
])
def test_when_the_writer_pays_bills_is_no_schedule(english):
    rbl = rbl_of(english)
    assert "when monthly" in rbl and "5%" in rbl


@pytest.mark.parametrize("english", [
    "row 3, assumptions: SPY 60 / TLT 40, rebalance: monthly, commission: 1 usd per order, owner: JB",
    "SPY 60 / TLT 40, rebalance: monthly. Prepared by: MK",
])
def test_initials_after_owner_are_no_ticker(english):
    rbl = rbl_of(english)
    assert "asset JB" not in rbl and "asset MK" not in rbl and "when monthly" in rbl


def test_the_alm_committee_is_no_asset():
    english = "Strategic allocation 50% IEF, 50% LQD, rebalanced quarterly; the ALM committee reviews it each year."
    assert "asset ALM" not in (translate_offline(english).rbl or "")


@pytest.mark.parametrize("english", [
    "Sweep the drift band from 2 to 8pp for SPY 60 / AGG 40, checked daily; I want to settle the 4% vs 6% debate with "
    "my sister once and for all.",
    "Sweep the drift band from 2 to 8pp for SPY 60 / AGG 40, checked daily, so we can settle the 3 or 5 argument.",
])
def test_the_reason_for_a_sweep_is_no_band(english):
    question = translate_offline(english).question or ""
    assert "settle" not in question and "4%" not in question and "settle" in skipped(english)


@pytest.mark.parametrize("english", [
    "VTI 60 BND 40 rebalanced monthly. hmm, forget monthly, my brother says quarterly is enough. Quarterly it is.",
    "VTI 60 BND 40, rebalance weekly... no wait, scratch weekly, rebalance quarterly.",
])
def test_a_schedule_scratched_is_superseded(english):
    rebalance = rbl_of(english).split("rebalance:")[1]
    assert "when quarterly" in rebalance and "monthly" not in rebalance and "weekly" not in rebalance


@pytest.mark.parametrize("english", [
    "bags: BTC 60, ETH 40\nrebal when anything is >5 pts off, bot checks every day\nwagmi",
    "BTC 60 / ETH 40, rebalance when anything is more than 5 points off, checked daily\nnfa, dyor",
])
def test_a_chats_last_word_on_its_own_line_is_a_closing(english):
    rbl = rbl_of(english)
    assert "check daily" in rbl and "when drift > 5pp" in rbl


@pytest.mark.parametrize("english", [
    "I request EWJ 50% and VT 50%, rebalanced on the 4th trading day of every month. Because the pay day of my company "
    "is the 28th, the first trading day is too busy for me. Please kindly confirm.",
    "EWJ 50%, VT 50%, rebalance on the 4th trading day of every month, because our payroll day is 28th. Please confirm.",
])
def test_an_employers_pay_day_and_a_busy_day_are_no_schedule(english):
    rbl = rbl_of(english)
    assert "4th trading day of month" in rbl and "mode alert" not in rbl


def test_a_confirmation_before_each_trade_is_not_a_closing():
    # 'before any trade, please confirm' asks for approval: it is read or asked, never skipped as a letter's closing
    english = "SPY 60 / AGG 40, rebalanced monthly. Before any trade, please confirm."
    assert "please confirm" not in skipped(english)


@pytest.mark.parametrize("english", [
    "I've been reading about robo-advisers and want to try one. SPY 60% / AGG 40%, rebalanced monthly.",
    "Decided to build one. SPY 60% / AGG 40%, rebalanced monthly.",
])
def test_wanting_to_try_one_is_chatter(english):
    assert "when monthly" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Two sleeves. Core, 70%: VTI 60%, BND 40%, rebalanced annually. Satellite, 30%: top 2 of XLK, XLV, XLE by 3-month "
    "return, reviewed monthly. Between sleeves, restore 70/30 when either is more than 5pp off, checked daily. The "
    "previous manager charged 1.1%; not relevant to the mandate.",
    "Two sleeves. Core, 70%: VTI 60%, BND 40%, rebalanced annually; our old adviser charged 1% a year. Satellite, 30%: "
    "top 2 of XLK, XLV, XLE by 3-month return, reviewed monthly. Between sleeves, restore 70/30 when either is more "
    "than 5pp off, checked daily.",
])
def test_a_figure_told_as_history_beside_sleeves_is_no_cost(english):
    rbl = rbl_of(english)
    assert "costs:" not in rbl and "sleeve" in rbl


# ---- a fiscal year's story, a supervisor's aside, a thesis's and a prompt's furniture -----------------------------

@pytest.mark.parametrize("english", [
    "ACWI 60%, AGG 40%, rebalanced when either drifts more than 5pp, reviewed daily. The board notes that in FY2020 the "
    "endowment fell 12.5%.",
    "ACWI 60%, AGG 40%, rebalanced when either drifts more than 5pp, reviewed daily. In FY 2022 the fund sank 18%.",
])
def test_a_fiscal_years_loss_is_a_story(english):
    rbl = rbl_of(english)
    assert "asset FY" not in rbl and "when drift > 5pp" in rbl


@pytest.mark.parametrize("english", [
    "Risk parity across SPY, TLT and GLD on a 90-day covariance, rebalanced monthly. My professor suggested also testing "
    "250 days, but that goes in the appendix, not the main model.",
    "Risk parity across SPY, TLT and GLD on a 90-day covariance, rebalanced monthly; our reviewer recommended trying 30 "
    "days, but it is for the robustness checks.",
])
def test_a_suggested_setting_kept_aside_is_no_lookback(english):
    assert "risk parity(90 days)" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Section 3 presents a momentum rule. Each month the portfolio holds the top 2 of SPY, EFA, EEM and TLT by 6-month "
    "return.",
    "Act as a portfolio engineer. Write me a momentum strategy with these rules: each month hold the top 2 of SPY, EFA, "
    "EEM and TLT by 6-month return.",
])
def test_a_thesis_or_prompt_frame_is_furniture(english):
    assert "top 2 by return(price, 6 months)" in rbl_of(english)
