"""Few-shot examples retrieved from the dev set by similarity to the description (issue 17, part 4), for both
model modes, tested against the loopback fake server (no network but 127.0.0.1)."""

from __future__ import annotations

import json

from rbl.dsl import ir
from rbl.dsl.compiler import compile_text
from rbl.dsl.english.equivalence import ir_equivalent
from rbl.dsl.english.evalset import DEFAULT_PATH
from rbl.dsl.english.intent import intent_errors
from rbl.dsl.english.intent_build import build_from_intent, intent_of
from rbl.dsl.english.intent_model import intent_examples
from rbl.dsl.english.retrieval import Retriever, dev_retriever, example_rbl, tokens
from rbl.dsl.english.evalset import Case
from tests.english.fake_llm import Reply
from tests.english.test_intent import intent
from tests.english.test_intent import run as run_intent
from tests.english.test_model import GOOD
from tests.english.test_model import run as run_dsl

INVERSE_VOL = "Weight QQQ, TLT and GLD by inverse volatility over 90 days, rebalance monthly."
SLEEVED = ("Core 80% in SPY/AGG 60/40 rebalanced yearly, satellite 20% holding the top 2 of QQQ, IWM, EFA by 6-month "
           "return, rebalanced monthly. Bring the sleeves back when either drifts 5pp.")
CRYPTO = "50/50 BTC and ETH, rebalance when drift exceeds 10 points, 0.2% fee, skip trades under $20."


def test_tickers_and_numbers_are_one_token_each():
    assert tokens("60% SPY, 40% AGG")[:4] == ["<n>%", "<ticker>", "<n>%", "<ticker>"]
    assert "<n>% <ticker>" in tokens("60% SPY")


def test_the_nearest_cases_share_the_construct():
    nearest = dev_retriever().nearest(INVERSE_VOL)
    assert len(nearest) == 4
    assert "inverse volatility" in nearest[0].rbl


def test_retrieval_is_deterministic():
    assert [c.id for c in dev_retriever().nearest(CRYPTO)] == [c.id for c in dev_retriever().nearest(CRYPTO)]


def test_ties_go_to_the_earlier_case():
    cases = [Case("a", "dev", "clear", english="monthly SPY"), Case("b", "dev", "clear", english="monthly SPY")]
    assert [c.id for c in Retriever.over(cases).nearest("rebalance monthly", k=2)] == ["a", "b"]


def test_a_case_is_never_its_own_example():
    case = next(c for c in dev_retriever().cases if c.id == "r2-117")
    assert case.id not in [c.id for c in dev_retriever().nearest(case.english, k=10)]


def test_examples_come_from_the_packaged_dev_set_only():
    assert DEFAULT_PATH.parent.name == "data" and DEFAULT_PATH.parents[1].name == "english"
    assert "tests" not in DEFAULT_PATH.parts


def test_every_example_answer_passes_the_checks_with_its_name_from_the_english():
    for english in (INVERSE_VOL, SLEEVED, CRYPTO):
        for case in dev_retriever().nearest(english):
            text = example_rbl(case)
            compile_text(text)
            assert f'"{case.id}"' not in text


def test_the_dsl_request_carries_the_cases_most_like_the_description():
    for english in (INVERSE_VOL, CRYPTO):
        _, fake = run_dsl([Reply(content=GOOD)], english)
        messages = fake.requests[0].body["messages"]
        shown = [m["content"] for m in messages[1:-1] if m["role"] == "user"]
        expected = [c.english for c in dev_retriever().nearest(english)]
        assert len(shown) == len(expected) == 4
        assert all(f"\n{e}\n" in s for s, e in zip(shown, expected))


def test_a_sleeved_description_is_shown_sleeved_examples():
    _, fake = run_dsl([Reply(content=GOOD)], SLEEVED)
    answers = [m["content"] for m in fake.requests[0].body["messages"] if m["role"] == "assistant"]
    assert any(isinstance(compile_text(a).strategy.target, ir.SleeveWeights) for a in answers)


def test_the_intent_request_carries_retrieved_intents_that_match_the_schema():
    english = "70/30 VTI/BND, rebalance when an asset drifts 5 points, checked weekly; 5 bps commission."
    _, fake = run_intent([Reply(content=json.dumps(intent()))], english)
    messages = fake.requests[0].body["messages"]
    answers = [json.loads(m["content"]) for m in messages if m["role"] == "assistant"]
    assert len(answers) == 4
    assert all(intent_errors(a) == [] for a in answers)
    assert answers == [i for _, i in intent_examples(english)]
    assert english in messages[-1]["content"]


def test_every_dev_intent_builds_the_strategy_of_its_case():
    """The examples teach what rbl builds: each intent, built, is its case's strategy."""
    shown = 0
    for case in dev_retriever().cases:
        value = intent_of(case.rbl)
        if value is None or case.ambiguity == "unit":
            continue
        built = build_from_intent(value, case.english)
        assert built.rbl is not None, (case.id, built.question)
        assert ir_equivalent(compile_text(built.rbl).strategy, compile_text(case.rbl).strategy), case.id
        shown += 1
    assert shown >= 80


def test_dev_intents_show_tranches_regime_models_signals_and_turbulence():
    """A small model learns the new slots from retrieved examples, so the dev set must hold them."""
    intents = [intent_of(case.rbl) for case in dev_retriever().cases]
    intents = [i for i in intents if i is not None]
    assert sum(i["trade_over_days"] is not None for i in intents) >= 5
    assert sum(i["regime_model"] is not None for i in intents) >= 5
    assert sum(i["signal"] is not None for i in intents) >= 5
    assert sum((i["switch"] or {}).get("condition") == "high_volatility" for i in intents) >= 2
    assert all(intent_errors(i) == [] for i in intents)


def test_a_strategy_the_form_cannot_hold_has_no_intent():
    assert intent_of("rbl 1\nasset SPY\ncash CASH\ntarget:\n    SPY 100% while price > sma(price, 200 days) else CASH\n") is None
    assert intent_of("rbl 1\nasset SPY\nasset TLT\ntarget: top 1 by return(price, 6 months) of SPY, TLT\n") is None
