"""Session 14 (round 9): readings found by the lead, each reproduced first."""

import re
from pathlib import Path

import pytest

from rbl.dsl.english.evalset import DEFAULT_PATH, load_cases
from rbl.dsl.english.offline import translate_offline

from tests.english.reading import question_of, rbl_of

DATA = Path(__file__).parent / "data"


def test_no_blind_modifier_said_with_tickers_returns_a_strategy():
    """The 57 blind modifiers that name an asset class ('only the stocks get rebalanced, bonds just ride'), with each
    class word replaced by the line's own ticker of that class ('only SPY get rebalanced, BND just ride'). At the
    session's start 6 of them returned the plain strategy, the modifier dropped: the asset named again was taken as
    read."""
    lines = [line.strip() for line in (DATA / "modifiers_blind_tickers.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    returned = [line for line in lines if translate_offline(line).rbl is not None]
    assert len(lines) == 57 and returned == []


@pytest.mark.parametrize("said", ["Only the stocks get rebalanced, bonds just ride: SPY 60 BND 40 monthly.",
                                  "Go a little lighter on gold in the summer. SPY 50 TLT 30 GLD 20, monthly.",
                                  "Bonds first, then everything else: VTI 40 VXUS 20 BND 30 GLD 10, quarterly."])
def test_an_asset_class_said_before_its_fund_in_words_no_rule_reads_is_asked_about(said):
    """Found by moving the blind modifiers before the weights: a class word read as its fund (GLD) was taken as a
    mere mention, and the modifier dropped."""
    assert question_of(said) is not None


def test_no_blind_modifier_said_with_tickers_before_the_weights_returns_a_strategy():
    """The same 57 lines with their first clause moved to the end ('only SPY get rebalanced, BND just ride. SPY 60 BND
    40 monthly'): a ticker named first in words that hold more than filler is said to trade some other way, as a
    ticker named again is. Five returned the plain strategy before."""
    lines = [line.strip() for line in (DATA / "modifiers_blind_tickers.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    moved = [re.sub(r"^(.*?),\s+(.*)$", r"\2. \1", line) for line in lines]
    assert [line for line in moved if translate_offline(line).rbl is not None] == []


# Found by adding modifiers naming the strategy's own ticker to the dev set's strategies (11,800 probes; 67 returned
# the plain strategy at the session's start, 23 after these fixes): the modifier was taken as a signature, a story or
# a told figure.
@pytest.mark.parametrize("said", ["60/40 spy and ief, monthly please. Thanks so much! Let SPY run.",
                                  "SPY 70 TLT 30, rebalance quarterly. Cheers, Let TLT ride."])
def test_a_ticker_after_the_closing_makes_it_a_rule_not_a_name(said):
    assert question_of(said) is not None


@pytest.mark.parametrize("said", ["SPY 60 IEF 40 monthly, my wife hates seeing lots of trades lol only rebalance SPY.",
                                  "QQQ 50 TLT 50 quarterly, the broker app is a mess haha let TLT ride.",
                                  "VTI 70 BND 30 quarterly. I lost sleep in 2022 and sold everything lol let VTI run."])
def test_a_chat_interjection_ends_its_thought(said):
    assert question_of(said) is not None


@pytest.mark.parametrize("said", ["SPY 60 IEF 40, rebalance monthly. I got burned in 2022 doing it weekly so don't touch IEF.",
                                  "VTI 70 BND 30 quarterly. Last year I panicked and sold everything so never sell VTI."])
def test_a_negated_instruction_is_no_story(said):
    assert question_of(said) is not None


def test_a_signature_after_the_closing_is_still_no_rule():
    assert rbl_of("SPY 60 IEF 40, rebalance monthly. Thanks, Jo Park") is not None


@pytest.mark.parametrize("said", ["SPY 60 IEF 40, rebalance if either is 5 points off, check it every day I guess SPY gets "
                                  "rebalanced first.",
                                  "VTI 70 BND 30 quarterly, got it, sounds good BND can drift further than the rest."])
def test_a_clause_naming_an_asset_already_named_is_no_story(said):
    """A story is told about something else; a clause naming a held asset again says how it trades."""
    assert question_of(said) is not None


def test_a_chat_idiom_ends_before_the_rule_after_it():
    """'don't @ me about the window' is chatter; what follows it in the same sentence is not."""
    said = "SPY 60 TLT 40, rebalance monthly. don't @ me about the split TLT gets trimmed first."
    assert question_of(said) is not None


MODIFIERS_NAMING_AN_ASSET = ("Only rebalance {T}.", "Never sell {T}.", "{T} gets rebalanced first.",
                             "Keep {T} a bit lighter in the summer.", "Don't touch {T}.",
                             "{T} can drift further than the rest.", "Let {T} run.", "Skip {T} in December.",
                             "And go easy on {T}.", "{T} only on Fridays.")


@pytest.mark.slow     # a fuzzer: about 1,800 readings
def test_a_modifier_naming_a_held_asset_after_a_dev_strategy_is_never_dropped():
    """Every 8th strategy of the dev set that the reader reads, followed by a modifier naming its first asset: the
    modifier changes the trades, so the answer is a question, never the plain strategy (at the session's start 67 of
    the 11,800 such probes over the whole set returned it)."""
    cases = [case for case in load_cases(DEFAULT_PATH) if case.question is None][::8]
    dropped = []
    for case in cases:
        plain = translate_offline(case.english).rbl
        first = re.search(r"^asset ([A-Z][A-Z0-9_]*)", plain or "", re.M)
        if first is None:
            continue
        for modifier in MODIFIERS_NAMING_AN_ASSET:
            said = f"{case.english.rstrip()} {modifier.format(T=first.group(1))}"
            if translate_offline(said).rbl is not None:
                dropped.append(said)
    assert dropped == []


# Found by scoring heldout_round9.txt once (h9-36, the set's one wrong strategy, wrong at the session's start too): a
# limit told inside a story with a year ('my wife read about ARKK in 2022 and made me promise it can never be more than
# 20% of the account') was skipped as the story, and the strategy returned without the cap.
@pytest.mark.parametrize("said", ["SPY 50% TLT 30% GLD 20%, monthly. My dad got burned on gold in 2013 and made me swear "
                                  "GLD can never be over 15% of the account.",
                                  "QQQ 60 IEF 40 quarterly. After 2022 my partner made me agree QQQ is never above 50% "
                                  "of the portfolio."])
def test_a_limit_told_in_a_story_is_no_story(said):
    assert question_of(said) is not None


# Found by adding 40 of the blind modifiers to every 8th dev strategy (6,720 probes; 56 returned the plain strategy,
# now 0): a class word said only in words no rule reads joined a scheme as a new asset; an order right after a closing
# with no stop, an instruction capitalised after a word with no stop, and a sentence after a full-width stop were
# taken into the story, rule or closing before them.
@pytest.mark.parametrize("said", ["Risk parity over SPY, GLD and DBC, 90-day window, quarterly. Buy the bonds first then "
                                  "everything else.",
                                  "Risk parity across SPY, TLT and GLD, 60-day window, monthly. Sell the commodities first."])
def test_a_class_word_said_only_in_words_no_rule_reads_joins_no_scheme(said):
    assert question_of(said) is not None


@pytest.mark.parametrize("said", ["SPY 60 TLT 40 monthly. Thanks tilt toward whatever fell the most.",
                                  "QQQ 50 IEF 50 quarterly, checked daily Overweight whichever had the calmest month.",
                                  "Please rebalance every Friday: 50% QQQ, 50% TLT. ありがとうございます。 Buy more of whatever fell the most."])
def test_an_instruction_after_a_missing_stop_starts_its_own_sentence(said):
    assert question_of(said) is not None


# Found by putting the modifiers naming an asset before every 4th dev strategy (3,015 probes; 55 returned the plain
# strategy, all core-satellite texts, now 0): an asset named in the words about the whole was taken as read.
@pytest.mark.parametrize("said", ["Only rebalance SPY. 70% core (SPY 60 / IEF 40, rebalanced yearly) and 30% satellite "
                                  "(equal weight QQQ, GLD, rebalanced monthly). Back to 70/30 when either is 5 points off.",
                                  "Go easy on IEF. 75% core in 60% SPY and 40% IEF rebalanced annually, and a 25% satellite "
                                  "holding the top 2 of AAPL, MSFT, XOM by 6-month return, rebalanced monthly. Reset the "
                                  "split every January."])
def test_an_asset_named_in_the_words_about_the_sleeves_is_asked_about(said):
    assert question_of(said).startswith("What should '")
