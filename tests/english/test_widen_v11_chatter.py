"""Issue 17, session 13, blind batch v11: words that do not change the strategy (stories, someone else's figures,
requests about reports, titles), read as chatter only where their grammar says so."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline

BASE = "SPY 60 / TLT 40, rebalance monthly."


def _reads_base(english: str) -> str:
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question
    assert "SPY 60%" in translation.rbl and "TLT 40%" in translation.rbl and "when monthly" in translation.rbl
    return translation.rbl


# ---- a report sent to the writer is no rule ------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"{BASE} Please email me a short summary of the trades after each rebalance.",
    f"{BASE} After every rebalance could you send me a report with a bar chart, in colour please.",
    f"{BASE} Also text me a CSV snapshot of the holdings.",
])
def test_a_report_sent_to_the_writer_is_not_read_as_a_rule(english):
    translation = translate_offline(english)
    _reads_base(english)
    assert "mode alert" not in translation.rbl
    assert any("sends nothing" in a for a in translation.assumptions)


def test_orders_sent_for_approval_stay_the_alert_mode():
    translation = translate_offline("SPY 60 / TLT 40, quarterly. Send me the orders for approval with a summary.")
    assert translation.rbl is not None and "mode alert" in translation.rbl


# ---- a kind of holding ruled out beside assets named one by one --------------------------------------------------

@pytest.mark.parametrize("ban", ["No individual stocks please.", "No penny stocks, no derivatives.",
                                 "So no stock-picking and no cryptocurrency."])
def test_a_kind_of_holding_ruled_out_beside_named_assets_adds_no_rule(ban):
    translation = translate_offline(f"{BASE} {ban}")
    _reads_base(f"{BASE} {ban}")
    assert any("holding only the assets named (SPY, TLT)" in a for a in translation.assumptions)


def test_a_ban_on_crypto_beside_named_coins_is_asked_about():
    translation = translate_offline("BTC 50%, ETH 50%, rebalance monthly, and no crypto please.")
    assert translation.rbl is None and "crypto" in translation.question


# ---- a fee a relative or a friend pays is theirs, not the strategy's cost ------------------------------------------

@pytest.mark.parametrize("story", [
    "My father-in-law pays his bank 1.5% a year for roughly the same thing.",
    "My best friend is paying a robo 0.4% for this, haha.",
])
def test_a_fee_a_relative_pays_is_not_a_cost_of_the_strategy(story):
    rbl = _reads_base(f"{BASE} {story}")
    assert "costs" not in rbl


def test_a_fee_the_writer_pays_is_still_read_or_asked():
    translation = translate_offline(f"{BASE} I pay my broker 1% a year.")
    assert translation.rbl is None or "1%" in translation.rbl


# ---- a bad year told as the reason the writer came here -----------------------------------------------------------

@pytest.mark.parametrize("story", [
    "After getting totally hammered in 2022 I want something dull.",
    "After being badly burned during the financial crisis, I keep it simple.",
])
def test_a_bad_year_told_is_no_figure_or_schedule(story):
    _reads_base(f"{story} {BASE}")


@pytest.mark.parametrize("story", [
    "My aunt lost a fortune in Enron in 2001 so no individual stocks please.",
    "My dad got burned on Lehman in 2008, so no single names.",
])
def test_someone_elses_loss_told_before_a_ban_on_a_kind_is_a_story(story):
    _reads_base(f"{BASE} {story}")


# ---- someone's advice, then the writer keeping their own setting --------------------------------------------------

@pytest.mark.parametrize("advice", [
    "My brother keeps telling me to go weekly, but I'm staying with monthly.",
    "My colleague suggested to use quarterly instead, but we're sticking with monthly for now.",
])
def test_advice_the_writer_declines_is_not_read(advice):
    rbl = _reads_base(f"{BASE} {advice}")
    assert "weekly" not in rbl and "quarterly" not in rbl


# ---- a result told, its sample doubted, and the benchmark it names -------------------------------------------------

ROTATION = "Rank XLK, XLF, XLV and XLE by 6-month return and hold the top 2, rebalanced monthly."


@pytest.mark.parametrize("result", [
    "Paper results: up 9% vs QQQ's 7%, though with only 10 months I know that's noise.",
    "Backtest returns: 6% a year versus QQQ, but over just 3 years it's probably luck.",
])
def test_a_benchmark_named_only_in_a_result_told_is_no_asset(result):
    translation = translate_offline(f"{ROTATION} {result}")
    assert translation.rbl is not None, translation.question
    assert "QQQ" not in translation.rbl and "top 2 by return(price, 6 months) of XLK, XLF, XLV, XLE" in translation.rbl


# ---- a post's edit note about its own spelling ---------------------------------------------------------------------

@pytest.mark.parametrize("note", ["Edit: fixed a typo in the title.", "EDIT 2: formatting, corrected XLE."])
def test_an_edit_note_about_spelling_is_not_read(note):
    translation = translate_offline(f"{ROTATION} {note}")
    assert translation.rbl is not None, translation.question


def test_an_edit_that_changes_a_rule_is_still_read():
    translation = translate_offline(f"{ROTATION} Edit: make it the top 3.")
    assert translation.rbl is None or "top 3" in translation.rbl


# ---- a list's name in brackets -------------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "Rank SPY, QQQ, IWM, DIA (the big US index ETFs) by 12-month return, hold the top 2, rebalanced monthly.",
    "Hold the top 1 of GLD, SLV and DBC (i.e. the commodity funds) by 3-month return, rebalanced monthly.",
])
def test_a_lists_name_in_brackets_adds_nothing(english):
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question
    assert "top" in translation.rbl


# ---- a hand-over's addressee and the writer's absence ---------------------------------------------------------------

@pytest.mark.parametrize("english", [
    f"Notes for Priya while I'm away, back on the 3rd. {BASE}",
    f"{BASE} For Tom while I'm out of office.",
])
def test_a_handover_while_the_writer_is_out_is_no_schedule(english):
    rbl = _reads_base(english)
    assert "day" not in rbl.split("rebalance:")[1]


# ---- money paid in the past, options held elsewhere ----------------------------------------------------------------

@pytest.mark.parametrize("story", [
    "Last year we spent about 25k in fees on this book alone.",
    "This quarter I paid over 300 usd in commissions.",
])
def test_costs_paid_in_the_past_are_no_cost_rule(story):
    rbl = _reads_base(f"{BASE} {story}")
    assert "costs" not in rbl


@pytest.mark.parametrize("aside", [
    "Don't touch the TLT puts, they're in a separate account.",
    "Please never roll the QQQ covered calls.",
])
def test_options_kept_out_of_the_strategy_name_no_asset(aside):
    rbl = _reads_base(f"{BASE} {aside}")
    assert "QQQ" not in rbl and "puts" not in rbl


def test_a_ticker_the_writer_says_not_to_touch_is_still_asked_about():
    translation = translate_offline(f"{BASE} Don't touch TLT.")
    assert translation.rbl is None or "TLT" in translation.rbl


# ---- a fee on the account being left, disowned; what the writer confirms -------------------------------------------

@pytest.mark.parametrize("story", [
    "With my previous broker I used to pay a 1% advisory fee, which is why I'm switching, so don't model that fee.",
    "At the old platform we were paying 0.5% a year.",
])
def test_a_fee_on_the_account_being_left_is_no_cost(story):
    rbl = _reads_base(f"{BASE} {story}")
    assert "costs" not in rbl


def test_a_fee_on_the_current_account_is_still_read_or_asked():
    translation = translate_offline(f"{BASE} On my current account I pay 0.3% a year.")
    assert translation.rbl is None or "0.3" in translation.rbl


@pytest.mark.parametrize("opening", ["Just to confirm what we'd like in place for the joint account:",
                                     "To confirm what I need set up:"])
def test_what_the_writer_confirms_before_the_list_is_a_heading(opening):
    _reads_base(f"{opening} {BASE}")


# ---- a performance told in minutes, a minute's headings ------------------------------------------------------------

@pytest.mark.parametrize("minute", [
    "The board heard that the fund gained 4% in the first half.",
    "The trustees noted that the portfolio returned 7.5% against its 6% benchmark.",
])
def test_a_performance_the_committee_noted_is_no_figure(minute):
    _reads_base(f"{BASE} {minute}")


@pytest.mark.parametrize("english", [
    "Strategic allocation reaffirmed: SPY 60%, TLT 40%. Tolerance bands. Rebalance monthly.",
    "Target mix agreed: SPY 60%, TLT 40%. Rebalancing policy: rebalance monthly.",
])
def test_a_minutes_item_heading_is_not_read(english):
    _reads_base(english)


# ---- a blog's asides: its readers, an old habit's cost, a trigger told as what happened -----------------------------

QUARTERLY = "VTI 45%, VXUS 25%, BND 20%, SCHP 10%. Rebalance quarterly."


@pytest.mark.parametrize("aside", [
    "Long-time readers will remember that I never tinker.",
    "I used to rebalance every week, which meant too many needless tickets.",
    "Back in May it hit 6 and we rebalanced.",
    "In October, after the election scare, the drift reached 5.5 points and I traded.",
])
def test_a_blogs_asides_are_no_rules(aside):
    translation = translate_offline(f"{QUARTERLY} {aside}")
    assert translation.rbl is not None, translation.question
    assert "when quarterly" in translation.rbl and "drift" not in translation.rbl


# ---- a chat's opener naming the book it is about -------------------------------------------------------------------

@pytest.mark.parametrize("opener", ["Musing about the bond bucket:", "Random thoughts on the core sleeve:"])
def test_a_chat_opener_naming_the_book_is_no_sleeve(opener):
    translation = translate_offline(f"{opener} TLT 50%, IEF 50%, rebalance monthly.")
    assert translation.rbl is not None, translation.question
    body = translation.rbl.split("\n", 2)[2]        # past the strategy's name
    assert "sleeve" not in body and "TLT 50%" in body


@pytest.mark.parametrize("heading", ["Handover notes, bonds/gold sleeve.", "Desk notes, equity book:"])
def test_a_handover_headings_book_name_is_no_asset(heading):
    body = _reads_base(f"{heading} {BASE}").split("\n", 2)[2]
    assert "GOLD" not in body.replace('column "UST20"', "") and "asset SPY" in body


# ---- a holding told in the past, then adopted ----------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "My dad had VTI 60% and BND 40% for years; we'd like to keep it that way. Rebalance annually.",
    "My late wife Ruth always owned 60% VTI and 40% BND. I want to keep them as they are, rebalanced once a year.",
])
def test_weights_someone_held_then_kept_are_the_target(english):
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question
    assert "VTI 60%" in translation.rbl and "BND 40%" in translation.rbl and "when annually" in translation.rbl


@pytest.mark.parametrize("english", [
    "Grandma always owned the same three stocks in equal amounts: KO, PG and JNJ. I want to keep them, rebalanced every quarter.",
    "Dad kept the same 3 funds equally weighted: VTI, VXUS and BND. We would like to keep them. Rebalance quarterly.",
])
def test_an_equal_holding_someone_kept_then_adopted_is_equal_weight(english):
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question
    assert "target: equal weight" in translation.rbl


def test_a_holding_told_without_the_wish_to_keep_it_is_not_the_target():
    translation = translate_offline("My brother held SPY and TLT 50/50. I want QQQ 100%, rebalanced monthly.")
    assert translation.rbl is None or "TLT" not in translation.rbl.split("target", 1)[1]


# ---- why trades are spread out: the market's daily volume is no schedule --------------------------------------------

@pytest.mark.parametrize("reason", [
    "Given the size of the trust's holdings relative to daily volume in the small-cap fund, the board resolved:",
    "Given the size of our orders compared with average daily trading volume,",
])
def test_the_size_of_positions_against_daily_volume_is_no_schedule(reason):
    body = _reads_base(f"{reason} {BASE}").split("\n", 2)[2]        # past the strategy's name
    assert "daily" not in body
