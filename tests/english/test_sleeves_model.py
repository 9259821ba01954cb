"""The model path with sleeves: the prompt teaches them, and a sleeved answer from a local fake model is
checked, grounded and accepted (or repaired with the sleeve diagnostics)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.compiler import compile_text
from rbl.dsl.english.gbnf import rbl_gbnf
from rbl.dsl.english.prompt import build_messages
from rbl.dsl.english.repair import translate_with_model
from tests.english.gbnf_to_lark import recognizer
from tests.english.test_model import env_for, run
from tests.english.fake_llm import FakeLLM, Reply

ENGLISH = ("Core-satellite: 70% core in 60% SPY and 40% AGG rebalanced annually, and a 30% satellite holding the "
           "top 3 of AAPL, MSFT, XOM, JNJ by 6-month return, rebalanced monthly. Bring the sleeves back to 70/30 "
           "when either drifts 5pp.")
SLEEVED = ('rbl 1\nstrategy "Core-satellite"\n\nasset SPY\nasset AGG\nasset AAPL\nasset MSFT\nasset XOM\nasset JNJ\n\n'
           "sleeve core 70%:\n    target:\n        SPY 60%\n        AGG 40%\n    rebalance:\n        check annually\n\n"
           "sleeve satellite 30%:\n    target: top 3 by return(price, 6 months) of AAPL, MSFT, XOM, JNJ\n"
           "    rebalance:\n        check monthly\n\nrebalance:\n    check daily\n    when drift > 5pp\n")
SHARED_ASSET = SLEEVED.replace("of AAPL, MSFT, XOM, JNJ", "of AAPL, MSFT, XOM, SPY")


def test_the_grammar_card_names_the_sleeve_block():
    card = build_messages(ENGLISH)[0]["content"]
    assert "sleeve NAME 70%:" in card and "moves money between the sleeves" in card


def test_the_few_shot_pairs_include_a_sleeved_strategy_that_passes_the_checks():
    answers = [m["content"] for m in build_messages(ENGLISH) if m["role"] == "assistant"]
    assert any(isinstance(compile_text(a).strategy.target, ir.SleeveWeights) for a in answers)


def test_a_sleeved_answer_is_checked_and_accepted():
    translation, _ = run([Reply(content=SLEEVED)], ENGLISH)
    assert translation.rbl == SLEEVED and translation.attempts == 1


def test_an_asset_in_two_sleeves_is_sent_back_with_its_diagnostic():
    translation, fake = run([Reply(content=SHARED_ASSET), Reply(content=SLEEVED)], ENGLISH)
    assert translation.rbl == SLEEVED
    assert "E0410" in fake.requests[1].body["messages"][-1]["content"]


def test_the_sleeved_answer_fits_the_generated_gbnf_and_is_accepted_under_it():
    recognizer(rbl_gbnf()).parse(SLEEVED)
    with FakeLLM([Reply(content=SLEEVED)]) as fake:
        translation = translate_with_model(ENGLISH, env_for(fake, RBL_LLM_CONSTRAIN="grammar"))
    assert translation.rbl == SLEEVED


def test_a_sleeved_ir_json_answer_in_schema_mode_is_printed_as_rbl():
    ir_json = compile_text(SLEEVED).strategy.model_dump_json()
    translation, fake = run([Reply(content=ir_json)], ENGLISH, RBL_LLM_CONSTRAIN="schema")
    assert "SleeveWeights" in str(fake.requests[0].body["response_format"]["json_schema"]["schema"])
    assert compile_text(translation.rbl).strategy.model_dump() == compile_text(SLEEVED).strategy.model_dump()
