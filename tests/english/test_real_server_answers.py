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
