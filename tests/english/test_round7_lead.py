"""Issue 17, round 7 (session 12): defects the lead found by trying the reader, each reproduced here before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.english.offline import translate_offline


def _trades_every_asset(english: str) -> bool:
    translation = translate_offline(english)
    return translation.rbl is not None and "breached" not in translation.rbl


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, rebalanced monthly. The trades are made only for the asset outside its 5 point band.",
    "70/30 VTI/BND, checked monthly; orders go out only for the holding that is more than 5 points off target.",
    "SPY 50 / IEF 50, monthly checks, 5pp band; trade exclusively in the drifting asset.",
])
def test_trading_restricted_to_the_breached_asset_is_never_a_full_rebalance(english):
    """Found by trying: 'the trades are made only for the asset' was all filler words, so it was skipped as chatter
    and the band traded every asset back to target."""
    assert not _trades_every_asset(english)


def _full_rebalance_of(english: str) -> str | None:
    """The .rbl when the reader returns a strategy that trades every asset all the way back to target."""
    translation = translate_offline(english)
    rbl = translation.rbl
    return rbl if rbl is not None and "breached" not in rbl and "edge" not in rbl and "over" not in rbl else None


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, 5 point band checked monthly; trade it back halfway to target.",
    "VTI 70 / BND 30, monthly, 5pp band, and when it fires move it partway back.",
    "60% SPY and 40% TLT, 5 point band checked monthly; only go back as far as the band.",
    "QQQ 50% and GLD 50%, 10 point band, daily checks; just as far as the band when it trades.",
])
def test_a_partial_trade_is_never_read_as_a_full_rebalance(english):
    """Found by trying: 'halfway' and 'as far as' were all chatter words, so the band traded back to target."""
    assert _full_rebalance_of(english) is None


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, rebalance monthly, and only in the first year.",
    "VTI 60 / BND 40, quarterly rebalancing, only for the next 2 years.",
])
def test_a_window_of_time_the_strategy_trades_in_is_asked_about(english):
    """Found by trying: 'only in the first year' was skipped, so the strategy rebalanced for ever."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, rebalance monthly, and twice in the first month.",
    "VTI 70 / BND 30, quarterly, but three times in the first year.",
    "60% SPY and 40% TLT, rebalance monthly; for the SPY part, only every other time.",
    "QQQ 50 / TLT 50, monthly rebalance, the bonds every second one.",
])
def test_how_often_said_without_a_rule_is_asked_about(english):
    """Found by trying: 'twice in the first month' and 'only every other time' were weak words alone, skipped, so the
    strategy kept its one schedule."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "60/40 SPY/TLT monthly, the other way around.",
    "70% VTI and 30% BND, quarterly, but flip it.",
    "SPY 60 TLT 40 rebalanced monthly, reversed for the bonds-heavy account.",
    "60% SPY and 40% TLT rebalanced monthly, gradually.",
    "VTI 70 BND 30, monthly, a bit at a time.",
    "QQQ 50 / GLD 50 rebalanced quarterly, in stages.",
    "60% SPY and 40% TLT rebalanced monthly, but keep a little on the side.",
    "60% SPY and 40% TLT rebalanced monthly, toward the end.",
    "VTI 60 / BND 40, monthly, near the close.",
])
def test_a_clause_of_common_words_that_changes_the_trades_is_asked_about(english):
    """Found by trying: these clauses were made only of words the reader takes as filler, so they vanished without
    even an assumption line, and the strategy traded the weights unturned, all at once, on the first day."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "Dear Sir, I have decided my allocation: SPY 70% and IEF 30%, rebalanced monthly. My reply may be slow.",
    "For our reserves we want 40% SPY, 40% AGG and 20% GLD, rebalanced quarterly.",
])
def test_the_same_words_as_chatter_are_still_skipped(english):
    assert translate_offline(english).rbl is not None


@pytest.mark.parametrize("english, clause", [
    ("60% SPY and 40% TLT, rebalance monthly, whichever comes later.", "whichever comes later"),
    ("VTI 70 / BND 30, quarterly; and then some.", "and then some"),
])
def test_a_skipped_clause_of_filler_words_is_listed_under_the_assumptions(english, clause):
    """Found by trying: a clause made only of filler words vanished without a line saying it was skipped."""
    translation = translate_offline(english)
    assert translation.rbl is not None
    assert any(clause in line for line in translation.assumptions if line.startswith("not read"))


@pytest.mark.parametrize("english", [
    "60/40 SPY/TLT, 5 point band, but bigger for TLT.",
    "VTI 70 BND 30, monthly checks, 5pp band, a tighter one for the bonds.",
    "QQQ 50 GLD 50, 10 point band, wider on gold.",
])
def test_a_band_made_bigger_or_smaller_for_one_asset_is_asked_about(english):
    """Found by trying: 'but bigger for TLT' was weak words, skipped, so TLT kept the common band."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "60/40 SPY/TLT monthly; if it falls 20% from the top, sell everything, but buy back later.",
    "VTI 70 BND 30, quarterly; if the account drops 25% from its peak, go to cash and get back in when it calms down.",
    "SPY 60 / IEF 40 monthly; a 15% drawdown from the high sells it all, re-entry after a month.",
])
def test_a_stop_with_a_way_back_in_is_never_read_as_a_permanent_stop(english):
    """Found by trying: 'but buy back later' was filler and a weak word, so the stop stayed in cash for ever."""
    translation = translate_offline(english)
    assert translation.rbl is None or "max drawdown" not in translation.rbl


@pytest.mark.parametrize("english", [
    "Top 2 of SPY, EFA, EEM, TLT by 6-month return, monthly, but hold them a bit longer.",
    "Equal weight SPY, TLT, GLD, monthly, but a little extra in SPY.",
])
def test_a_tilt_or_a_longer_hold_is_asked_about(english):
    """Found by trying: 'a little extra in SPY' and 'a bit longer' were skipped, so the plain strategy was returned."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "60% SPY, 30% TLT, 10% GLD; check daily, rebalance when all of them are more than 5 points off target.",
    "60% SPY, 30% TLT, 10% GLD; check daily, rebalance when every asset is more than 5 points off target.",
    "VTI 50 / BND 50, daily checks; trade only if both are 4 points away from target.",
    "60% SPY, 30% TLT, 10% GLD; check daily, rebalance when the portfolio as a whole is more than 5 points off target.",
    "60% SPY, 30% TLT, 10% GLD; check daily, rebalance when any is more than 5 points over target.",
])
def test_a_trigger_on_all_assets_on_the_whole_or_on_one_side_is_never_read_as_any_asset(english):
    """Found by trying: 'when every asset is' was rewritten to 'when it is', and 'all of them', 'as a whole' and 'over
    target' were filler, so each became 'any asset more than 5 points either way'."""
    translation = translate_offline(english)
    assert translation.rbl is None or "when drift > 5pp" not in translation.rbl


def test_a_filter_on_each_asset_still_reads_per_asset():
    translation = translate_offline("Hold SPY, EFA and GLD at a third each, but only while each is above its 10-month "
                                    "moving average; any asset below it goes to cash. Decide at month-end.")
    assert translation.rbl is not None and "while price > sma(price, 10 months)" in translation.rbl


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, rebalance monthly; SPY stays as is.",
    "60% SPY and 40% TLT, rebalance monthly, leave SPY out of it.",
    "VTI 70 / BND 30 quarterly, keep VTI untouched.",
    "60% SPY and 40% TLT, rebalance monthly, only buy SPY.",
    "60% SPY and 40% TLT, rebalance monthly; TLT only gets topped up.",
    "60% SPY and 40% TLT, rebalance monthly, using TLT only.",
    "60% SPY and 40% TLT; check monthly, put it back when off by 5 points, but not all the way.",
    "60% SPY and 40% TLT; check monthly, put it back when off by 5 points, most of the way.",
])
def test_an_asset_kept_out_of_the_trades_or_a_trade_part_way_is_asked_about(english):
    """Found by trying: a clause about one asset ('SPY stays as is') or a part of the way back held only filler words
    beside the ticker, so it was skipped and every asset traded all the way back to target."""
    assert translate_offline(english).rbl is None


def test_the_one_asset_a_strategy_holds_said_with_only_is_still_read():
    assert translate_offline("I do it on SPY only: hold it while it's above the 200 day moving average, otherwise go "
                             "to cash. Only look at it on the last trading day of the month.").rbl is not None


@pytest.mark.parametrize("english", [
    "60/40 SPY/TLT monthly; a bit more cautious than usual.",
    "60/40 SPY/TLT monthly; a little less risky please.",
    "VTI 70 / BND 30, quarterly, the same but safer.",
    "60/40 SPY/TLT monthly, only small trades.",
    "60/40 SPY/TLT monthly, on payday.",
    "VTI 60 BND 40, rebalance each month the day after payday.",
])
def test_the_whole_made_safer_small_trades_or_a_payday_is_asked_about(english):
    """Found by trying: each was skipped as chatter, so the plain strategy traded at full size on the first day."""
    assert translate_offline(english).rbl is None



# Written blind by a helper asked for everyday clauses that change a plain strategy (200 in all, never reading the
# reader): these returned the plain strategy with the clause skipped, and now end in a question.
@pytest.mark.parametrize("english", [
    'VTI 60 VXUS 20 BND 20, check every day, rebalance at 4 points drift, but give it a few sessions to settle before acting.',
    'SPY 40 TLT 40 GLD 20 rebalance quarterly, and overweight whichever had the steadiest run.',
    "IWM 30 SPY 30 AGG 40 rebalance monthly, don't go all the way back, just nudge it.",
    'SPY 65 TLT 35 rebalence monthy, halve the trades in sumer.',
    'SPY 70 BND 30 monthly, but buy more of whatever fell the most.',
    'QQQ 60 TLT 40 rebalance monthly, tilt away from whatever lost the most.',
    'Rebalance SPY 40 EFA 20 AGG 40 quarterly; lean a little harder into whichever region is cheaper.',
    'Let winners run a bit: SPY 40 VXUS 20 TLT 40, rebalance monthly.',
    'QQQ 40 SPY 40 TLT 20 rebalance weekly, go gentle on Fridays.',
    "60/40 SPY AGG, rebalance monthly, and fade whatever's been strong lately.",
    'Rebalance VTI 50 / BND 50 when 5 points off, but only in the morning session.',
    'VTI 40 VXUS 20 BND 25 TIP 15, quarterly, TIP gets rebalanced only with new money.',
])
def test_a_blind_writers_modifier_is_never_skipped(english):
    assert translate_offline(english).rbl is None


MODIFIERS = Path(__file__).resolve().parent / "data" / "modifiers_blind.txt"
# The four of the 200 that return a strategy: two read the clause (a week of slices; Wednesdays as the check day), two
# are known gaps, listed so a new one shows: a start date ('beginning next spring') and a condition sharing its clause
# with a schedule the rules read ('quarterly - and only rebalance if i'd make money on the trade').
MODIFIERS_RETURNING_A_STRATEGY = {
    "Beginning next spring, 50 VTI 50 BND, rebalance twice a year.",
    "Take it slow, spread each rebalance over a week: SPY 60 / IEF 40 monthly.",
    "VTI 60 / BND 40, quarterly \u2014 and only rebalance if I'd make money on the trade.",
    "Rebalance when more than 5 points off for SPY 60 AGG 40, but only check on Wednesdays.",
}


def test_of_200_blind_modifiers_only_the_known_four_return_a_strategy():
    lines = [line.strip() for line in MODIFIERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    returned = {line for line in lines if translate_offline(line).rbl is not None}
    assert len(lines) == 200 and returned == MODIFIERS_RETURNING_A_STRATEGY


@pytest.mark.parametrize("english", [
    "SPY 60 TLT 40, monthly. the 1st trading day is busy for me.",
    "VTI 60 / BND 40, rebalance monthly, because the 1st is always chaos.",
])
def test_a_busy_day_that_is_the_schedules_own_is_asked_about(english):
    """Found on merging round 7: chatter masked any 'the 1st trading day is busy for me' (and 'because the 1st is
    always chaos'), so a monthly schedule kept trading on that very day; rules_schedules now alone decides, and masks
    the busy day only when the schedule is another day."""
    assert translate_offline(english).rbl is None


@pytest.mark.parametrize("english", [
    "SPY 60 TLT 40, on the 4th trading day monthly. the 1st trading day is busy for me.",
    "VTI 60 / BND 40, rebalance on the 3rd trading day of the month, because the 1st is always chaos.",
])
def test_a_busy_day_beside_another_schedule_day_is_its_reason(english):
    assert translate_offline(english).rbl is not None
