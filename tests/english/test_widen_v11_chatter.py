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
