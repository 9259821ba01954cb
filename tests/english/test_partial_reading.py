"""Where the offline reader has no whole reading (it asks about a phrase), the model's strategy is still checked
against every part the reader did read: the assets named, the weights, the costs, the constraints (issue 17 item 5:
'the facts the reader can extract from the English are checked against the model's answer')."""

from __future__ import annotations

from rbl.dsl.english.grounding import reader_parts
from rbl.dsl.english.offline import translate_offline
from rbl.dsl.english.repair import translate_with_model
from tests.english.fake_llm import FakeLLM, Reply
from tests.english.test_model import env_for

# 'when the moon is full' is a condition no rule reads: the offline reader asks about it and reads the rest.
ENGLISH = "60% SPY, 40% AGG, no leverage, 5 bps commission. Rebalance monthly, and also when the moon is full."
AGREES = ('rbl 1\nstrategy "x"\nasset SPY\nasset AGG\ntarget:\n    SPY 60%\n    AGG 40%\n'
          "rebalance:\n    when monthly\ncosts:\n    commission 5 bps\nconstraints:\n    max leverage 1x\n")


def model_answer(rbl: str):
    with FakeLLM([Reply(content=rbl)]) as fake:
        return translate_with_model(ENGLISH, env_for(fake, RBL_LLM_MODE="dsl"))


def test_the_offline_reader_asks_about_the_phrase_it_cannot_read():
    translation = translate_offline(ENGLISH)
    assert translation.rbl is None and "when the moon is full" in translation.question


def test_the_partial_reading_holds_the_assets_weights_costs_and_constraints():
    parts = reader_parts(ENGLISH)
    assert parts["asset names"] == {"SPY", "AGG"}
    assert {"target", "costs", "constraints"} <= parts.keys()


def test_a_model_answer_that_agrees_with_every_part_read_is_kept():
    assert model_answer(AGREES).rbl == AGREES


def test_a_model_answer_that_swaps_the_weights_is_refused_naming_the_target():
    t = model_answer(AGREES.replace("SPY 60%", "SPY 40%").replace("AGG 40%", "AGG 60%"))
    assert t.rbl is None and "target" in t.error


def test_a_model_answer_that_drops_the_commission_is_refused_naming_the_costs():
    t = model_answer(AGREES.replace("costs:\n    commission 5 bps\n", ""))
    assert t.rbl is None and "costs" in t.error


def test_a_model_answer_that_drops_no_leverage_is_refused_naming_the_constraints():
    t = model_answer(AGREES.replace("constraints:\n    max leverage 1x\n", ""))
    assert t.rbl is None and "constraints" in t.error


def test_a_model_answer_that_drops_a_named_asset_is_refused_naming_the_assets():
    english = "Hold SPY, TLT and GLD equally, and sell GLD when the moon is full. Rebalance monthly."
    rbl = 'rbl 1\nstrategy "x"\nasset SPY\nasset TLT\ntarget: equal weight SPY, TLT\nrebalance:\n    when monthly\n'
    with FakeLLM([Reply(content=rbl)]) as fake:
        t = translate_with_model(english, env_for(fake, RBL_LLM_MODE="dsl"))
    assert t.rbl is None and "assets" in t.error


def test_a_model_answer_that_changes_the_schedule_the_reader_read_is_refused():
    english = "60% SPY, 40% AGG, rebalance monthly, 5 bps commission."
    rbl = AGREES.replace("when monthly", "when quarterly").replace("constraints:\n    max leverage 1x\n", "")
    with FakeLLM([Reply(content=rbl)]) as fake:
        t = translate_with_model(english, env_for(fake, RBL_LLM_MODE="dsl"))
    assert t.rbl is None and "rebalance" in t.error
