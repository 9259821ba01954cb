"""Answers a real local server gave (llama-cpp-python 0.3.36's server, SmolLM2-135M-Instruct), replayed on the
loopback test server: each defect the first real run found, kept fixed (issue 17 items 5 and 6)."""

from __future__ import annotations

import json

import pytest

from rbl.dsl.english import provider
from rbl.dsl.english.intent import INTENT_SCHEMA
from rbl.dsl.english.provider import ProviderConfig
from tests.english.fake_llm import FakeLLM, Reply
from tests.english.test_intent import intent, run

# llama-cpp-python's server knows response_format {"type": "json_object", "schema": ...} only; OpenAI's
# {"type": "json_schema", ...} fails its request validation, answered as HTTP 500 (its own words, cut).
JSON_SCHEMA_REFUSED = json.dumps({"error": {
    "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
               "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': "
               "\"'text' or 'json_object'\"}}\n\n  File \".../llama_cpp/server/app.py\", line 376, in "
               "create_chat_completion\n    POST /v1/chat/completions",
    "type": "internal_server_error", "param": None, "code": None}})


def setup_function() -> None:
    provider.SCHEMA_FORMS.clear()


def test_a_server_that_refuses_json_schema_is_sent_the_schema_as_a_json_object():
    t, fake = run([Reply(status=500, body=JSON_SCHEMA_REFUSED), Reply(content=json.dumps(intent()))])
    assert t.rbl is not None, t.error
    assert [r.body["response_format"]["type"] for r in fake.requests] == ["json_schema", "json_object"]
    assert fake.requests[1].body["response_format"]["schema"] == INTENT_SCHEMA


def test_the_form_the_server_took_is_used_for_its_later_requests():
    with FakeLLM([Reply(status=500, body=JSON_SCHEMA_REFUSED), Reply(content=json.dumps(intent()))]) as fake:
        from rbl.dsl.english.repair import translate_with_model
        from tests.english.test_model import env_for

        env = env_for(fake, RBL_LLM_MODE="intent")
        translate_with_model("60% SPY, 40% AGG monthly.", env)
        translate_with_model("60% SPY, 40% AGG monthly.", env)
    assert [r.body["response_format"]["type"] for r in fake.requests] == ["json_schema", "json_object", "json_object"]


def test_a_server_error_that_is_not_about_the_format_is_not_resent_in_another_form():
    body = json.dumps({"error": {"message": "the model crashed", "type": "internal_server_error"}})
    t, fake = run([Reply(status=500, body=body)])
    assert "HTTP 500" in t.error and "the model crashed" in t.error
    assert {r.body["response_format"]["type"] for r in fake.requests} == {"json_schema"}


def test_a_server_that_refuses_both_forms_shows_its_reason():
    t, fake = run([Reply(status=500, body=JSON_SCHEMA_REFUSED)])
    assert "HTTP 500" in t.error and "json_object" in t.error
    assert "attempts" not in t.error          # each form was sent once
    assert len(fake.requests) == 2


@pytest.mark.parametrize("model", ["smollm2-135m-instruct", "SmolLM2-360M-Instruct", "gemma-3-270m-it"])
def test_auto_mode_reads_a_size_in_millions(model):
    """The real run's model, named in millions, was sent the whole-DSL prompt meant for large models."""
    config = ProviderConfig.from_env({"RBL_LLM_BASE_URL": "http://127.0.0.1:1/v1", "RBL_LLM_MODEL": model})
    assert config.resolved_mode() == "intent"


@pytest.mark.parametrize("model", ["gpt-4o-mini", "mistral-7b-q4_k_m", "o3-mini", "llama-3.1-70b-instruct"])
def test_auto_mode_leaves_large_or_unsized_models_on_dsl(model):
    config = ProviderConfig.from_env({"RBL_LLM_BASE_URL": "http://127.0.0.1:1/v1", "RBL_LLM_MODEL": model})
    assert config.resolved_mode() == "dsl"


# ---- the real run's wrong strategies: the form has no slippage, per-asset band or leverage it was given ----------
# Dev intent run (every 18th case, SmolLM2-135M): 3 checked strategies were not the intended one (k01, r2-167,
# r2-275); each dropped a fact the English states and the offline reader reads. A model's strategy that differs
# from the offline reader's whole reading of the same English is refused, naming the parts that differ.

def test_an_intent_that_drops_the_slippage_is_refused_naming_the_costs():
    english = "60% SPY, 40% AGG, rebalance monthly, 5 bps commission and 2 bps slippage."       # k01
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, band_unit="none",
                                                commission_bps=5)))], english=english)
    assert t.rbl is None and "costs" in t.error and "offline" in t.error


def test_an_intent_that_drops_no_leverage_is_refused_naming_the_constraints():
    english = "Long-only, no leverage: 60% SPY, 40% IEF, rebalanced quarterly."                  # r2-275
    answer = intent(assets=[{"ticker": "SPY", "weight_percent": 60}, {"ticker": "IEF", "weight_percent": 40}],
                    schedule="quarterly", band_size=None, band_unit="none", commission_bps=None, long_only=True)
    t, _ = run([Reply(content=json.dumps(answer))], english=english)
    assert t.rbl is None and "constraints" in t.error


def test_a_dsl_answer_that_drops_the_slippage_is_refused():
    from tests.english.test_model import env_for

    english = "60% SPY, 40% AGG, rebalance monthly, 5 bps commission and 2 bps slippage."
    rbl = ("rbl 1\nstrategy \"x\"\nasset SPY\nasset AGG\ntarget:\n    SPY 60%\n    AGG 40%\nrebalance:\n"
           "    when monthly\ncosts:\n    commission 5 bps\n")
    with FakeLLM([Reply(content=rbl)]) as fake:
        from rbl.dsl.english.repair import translate_with_model

        t = translate_with_model(english, env_for(fake, RBL_LLM_MODE="dsl"))
    assert t.rbl is None and "costs" in t.error


def test_an_intent_the_offline_reader_agrees_with_is_kept():
    english = "60% SPY, 40% AGG, rebalance monthly, 5 bps commission."
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, band_unit="none",
                                                commission_bps=5)))], english=english)
    assert t.rbl is not None, t.error
