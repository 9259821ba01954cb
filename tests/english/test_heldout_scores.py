"""The measured floors of the held-out sets written since session 7 (issue 17). Each was written blind (its header
says by whom and under which rule) and scored by the lead; the messages print counts only, since the misses name a
set's wording, and a set whose misses are read is no longer held out.

Scorings (offline reader; docs/english.md, *Held-out sets*):
- heldout_fresh.txt: on fb73473 (round 3) 2 IR-equal, 0/8 questions; on 17f1386 (round 4) 5 IR-equal, 7 checked,
  4/8 questions (the set had been scored twice before: its treasuries miss was read and fixed).
- heldout_blind.txt: on 37ddc63 (round 4's first steps) 5 IR-equal, 6 checked, 3/8; on 17f1386 7, 8, 5/8.
- heldout_final.txt: once, on 17f1386: 3 IR-equal, 4 checked, 1/8.
- heldout_next.txt: once, on a669d01 (session 10, round 5): 6 IR-equal, 7 checked, 3/8; the one checked strategy not
  IR-equal traded every asset back where the writer said to trade only the breached ones ('the asset(s) that broke
  it'): fixed in 7959e8a, the only answer of the set read. On 7959e8a every set was scored again for these floors:
  fresh 8 IR-equal, 10 checked, 4/8; blind 7, 8, 5/8; final 5, 6, 1/8; next 7, 7, 3/8.
- Session 11 lowered blind to 6 IR-equal, 7 checked: 'alone' became a meaningful word after dev v9-098 ('that
  position alone should be traded', skipped as chatter) traded every asset; one blind strategy now asks about a
  phrase holding 'alone' (found by toggling the word, counts only; the question was not read). After round 6's
  widening (session 11): fresh 9 IR-equal, 11 checked; final 6, 7 (counts only); after the sleeve decision (a
  calendar alone inside a sleeve is its `check`, as the examples write it): fresh 10, final 7.
- heldout_later.txt (written blind in session 9): once, on c01c569 (session 11, end of round 6): 7 IR-equal, 8
  checked (all trading as intended; one in another form), 4/8 questions; the one question case answered with a
  strategy is a bare '10%' band read as points (its assumption line was the only part read).
- Session 12 (round 7: the v10 batch widened for, a blind writer's 200 modifiers, silent skips made questions) raised
  fresh to 11 IR-equal, 12 checked, 5/8; blind 8, 9; next 8, 8; later 8, 9 (counts only).
- heldout_round7.txt (written blind in session 12 while the round ran; never read): once, on 7d3e6fc (the end of
  round 7): 1 IR-equal, 1 checked, 6/8 questions, 0 wrong; the reader of the session's start (b043524) scored it the
  same, 1 and 1: the round's widening did not reach a new writer at all.
- Session 13 (round 8: the blind v11 batch widened for, generic readings of mediums, stories, examples and questions)
  raised round7 to 2 IR-equal, 2 checked (counts only; every other set unchanged).
- heldout_round8.txt (written blind in session 13 while the round ran; never read): once, on 98686bc (the end of
  round 8): 2 IR-equal, 3 checked (all trading as intended; one in another form: 'equal weight' for four 25% lines),
  5/8 questions; the reader of the session's start (006b98e) scored it the same, 2, 3 and 5/8.
- Session 14 (round 9) read the spent round 7 and round 8 sets as development material: two helpers widened the
  reader for their families (round7 2 -> 14 IR-equal, round8 2 -> 13; final rose to 8, 8).
- heldout_round9.txt (written blind in session 14 with round 8's brief; never read before scoring): once, on 2174e6d
  (the end of round 9): 1 IR-equal, 2 checked, 1 backtest-equal, 5/8 questions: one WRONG strategy (h9-36, a cap told
  inside a story with a year, skipped as the story); the reader of the session's start (1ac26f0) scored it 0, 1, 0,
  5/8, the same strategy wrong. Fixed after the scoring with a test in other words (5eb1731): 1, 1, 1, 5/8, 0 wrong.
- heldout_matched.txt (written blind in session 14 to the original heldout_set.txt's 40 ambiguity tags and topics, one
  for one, in its style of one- or two-sentence trader shorthand; never read before scoring): once, on 2174e6d: 16
  IR-equal, 18 checked (all backtest-equal; the other two state a 365-day year for crypto, as the reader does), 6/8
  questions, 0 wrong; the reader of the session's start scored it the same, 16, 18 and 6/8.
- Session 15 (round 10) read the spent matched set as development material: two helpers widened the reader for its
  families (matched 16 -> 29 IR-equal, 32 checked, 8/8; every other set unchanged but final's z10, kept at 8).
- heldout_matched2.txt (a second set written blind in session 15 to the same 40 tags and topics and the same style,
  by another writer, committed before the round's widening landed; never read before scoring): once, on 2f7ee54 (the
  end of round 10): 19 IR-equal (59%), 21 checked (all backtest-equal; the other two state a 365-day year for crypto,
  and name the drawdown state 'defensive' where the writer named it 'brake'), 8/8 questions, 0 wrong; the reader of
  the session's start (88b56ac) scored it 18, 20 and 6/8.
- Session 16 (round 11) read the spent matched2 set as development material: two helpers widened the reader for its
  families (matched2 19 -> 30 IR-equal, 32 checked, 8/8; blind rose to 10, 9 and next to 9, 9).
- heldout_matched3.txt (a third set written blind in session 16 to the same 40 tags and topics and the same style, by
  another writer, committed (b298f0f) before the round's widening landed; never read before scoring): once, on 163edf7
  (the end of round 11): 19 IR-equal (59%), 22 checked (all backtest-equal; the other three state a 365-day year for
  crypto, twice, and let a brake go at '<= 8%' where the writer wrote '< 8%' for 'back under 8%'), 8/8 questions, 0
  wrong; the reader of the session's start (b298f0f) scored it 18, 21 and 8/8.
- Session 17 (round 12) read the spent matched3 set as development material (two helpers), wrote a coin's 365-day year
  only where volatility is read (every blind writer left the no-op line out) and stopped comparing a state's name (a
  label): matched3 19 -> 30 IR-equal, 31 checked; matched 31; matched2 32; fresh 12; blind 10; final 9; next 10; later
  10 (counts only).
- heldout_matched4.txt (a fourth set written blind in session 17 to the same 40 tags and topics and the same style, by
  another writer, committed (13326f0) before the round's widening landed; never read before scoring): once, on f1ed513
  (the end of round 12): 23 IR-equal (72%), 23 checked (all backtest-equal), 8/8 questions, 0 wrong; the reader of the
  session's start (5280bf6) scored it 21 IR-equal, 22 checked, 8/8, its one 'wrong' a coin pair's stated 365-day year.
- Session 18 (round 13) reads a brake's way back as said: 'back under 8%' is `< 8%`, 'recovered to 8%' `<= 8%` (the
  reader wrote `<=` for both): matched3 30 -> 31 IR-equal; later 10 -> 9 (its writer wrote `<=` for 'back under 10%';
  the strategy still trades as intended). Helpers widened for the spent matched4 set by family: matched4 23 -> 32
  IR-equal; blind 10 -> 11 ('threshold rebalancing at ...'), round7 14 -> 15, round9 1 -> 2 (counts only).
- heldout_matched5.txt (a fifth set written blind in session 18 to the same 40 tags and topics and the same style, by
  another writer, committed (f67b80f) before any of the round's widening; never read before scoring): once, on c2d9920
  (the end of round 13): 17 IR-equal (53%), 18 checked, 17 backtest-equal, 8/8 questions, 1 WRONG strategy (m5-21:
  'equal weight btc eth sol ada' held three coins, 'ada' skipped as chatter; the reader of the session's start
  (fc0fadf) read the same words so, but asked about the kill switch beside them); the session's start scored it 16
  IR-equal, 16 checked, 8/8, 0 wrong. Fixed after the scoring with tests in other words (922c972): 18, 18, 8/8, 0 wrong.
- Session 19 (round 14): helpers widened for the spent matched5 set by family: matched5 18 -> 32 IR-equal; fresh 12 -> 13,
  final 9 -> 10, next 10 -> 11 (counts only).
- heldout_matched6.txt (a sixth set written blind in session 19 to the same 40 tags and topics and the same style, by
  another writer, committed (0355c1b) before any widening helper could see it; never read before scoring): once, on
  cf6944e (the end of round 14): 23 IR-equal (72%), 23 checked, 8/8 questions, 0 wrong; the reader of the session's
  start (3554d10) scored it 22 IR-equal, 22 checked, 8/8, 0 wrong. Then spent: widened for by family at once (other
  words in test_round14_lead.py): 27 IR-equal.

Every strategy returned trades as intended (backtest-equal), h9-36 aside (above). The strategies returned where a question is intended
are the reader's documented defaults, each listed as an assumption: a bare '5%' band read as percentage points (the
catalogue's C2 reading) and 'weekly' read as the first trading day of each week. The writers of these sets expected a
question there; that disagreement is a product decision left to the team (docs/english.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbl.dsl.english.evalset import load_cases
from rbl.dsl.english.evaluate import Score, evaluate, offline_translator

DATA = Path(__file__).resolve().parent / "data"
# set: (checked, IR-equal, right questions, question cases answered by a documented default). Raise the floors as the
# reader improves; lower them only with a reason in the commit.
FLOORS = {
    "heldout_fresh.txt": (13, 13, 5, 0),
    "heldout_blind.txt": (11, 11, 5, 1),
    "heldout_final.txt": (10, 10, 1, 2),
    "heldout_next.txt": (11, 11, 4, 1),
    "heldout_later.txt": (10, 9, 5, 0),
    "heldout_round7.txt": (15, 15, 6, 0),
    "heldout_round8.txt": (14, 13, 5, 0),
    "heldout_round9.txt": (2, 2, 5, 0),
    "heldout_matched.txt": (32, 31, 8, 0),
    "heldout_matched2.txt": (32, 32, 8, 0),
    "heldout_matched3.txt": (31, 31, 8, 0),
    "heldout_matched4.txt": (32, 32, 8, 0),
    "heldout_matched5.txt": (32, 32, 8, 0),
    "heldout_matched6.txt": (27, 27, 8, 0),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request) -> tuple[str, Score]:
    return request.param, evaluate(offline_translator, "offline", load_cases(DATA / request.param))


def _counts(score: Score) -> str:
    return (f"checked {score.checked}, IR-equal {score.ir_equal}, backtest-equal {score.backtest_equal}, "
            f"questions {score.asked}, wrong {score.wrong}")


def test_the_reader_does_not_fall_below_its_measured_floors(scored):
    name, score = scored
    checked, ir_equal, asked, _ = FLOORS[name]
    assert score.checked >= checked and score.ir_equal >= ir_equal and score.asked >= asked, f"{name}: {_counts(score)}"


def test_every_strategy_the_reader_returns_trades_as_intended(scored):
    # A refusal or a question is safe; a strategy that decides differently from the intent is not. (Strategies not
    # IR-equal but backtest-equal: a stated 365-day year for a crypto pair, a target written in another form.)
    name, score = scored
    assert score.backtest_equal == score.checked, f"{name}: {_counts(score)}"


def test_strategies_where_a_question_is_intended_are_only_the_documented_defaults(scored):
    name, score = scored
    assert score.wrong - (score.checked - score.ir_equal) <= FLOORS[name][3], f"{name}: {_counts(score)}"
