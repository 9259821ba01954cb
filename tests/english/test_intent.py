"""Intent mode (issue 17, part 3): the model fills a small JSON form, rbl writes the .rbl with the offline
builder; tested against a real HTTP server on 127.0.0.1 replaying answers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rbl.cli import app
from rbl.dsl.compiler import compile_text
from rbl.dsl.english.intent import INTENT_SCHEMA, intent_errors
from rbl.dsl.english.provider import ProviderConfig
from rbl.dsl.english.repair import translate_with_model
from tests.english.fake_llm import FakeLLM, Reply
from tests.english.test_model import env_for

ENGLISH = "60% SPY, 40% AGG. Rebalance when any asset drifts over 5 points, checked weekly. 10 bps commission."


def intent(**changes) -> dict:
    base = {"assets": [{"ticker": "SPY", "weight_percent": 60}, {"ticker": "AGG", "weight_percent": 40}],
            "scheme": "fixed", "lookback_days": None, "schedule": "weekly", "band_size": 5,
            "band_unit": "percentage_points", "band_edge": False, "only_breached_assets": False,
            "approval_mode": False, "max_leverage_times": None, "max_drawdown_percent": None,
            "commission_bps": 10, "long_only": False, "trade_over_days": None, "regime_model": None, "signal": None,
            "switch": None}
    return {**base, **changes}


def run(replies: list[Reply], english: str = ENGLISH, **extra: str):
    with FakeLLM(replies) as fake:
        return translate_with_model(english, env_for(fake, RBL_LLM_MODE="intent", **extra)), fake


def test_a_valid_intent_builds_a_checked_strategy():
    t, fake = run([Reply(content=json.dumps(intent()))])
    assert t.rbl is not None, t.error or t.question
    strategy = compile_text(t.rbl).strategy
    assert [a.name for a in strategy.assets] == ["SPY", "AGG"]
    assert "when drift > 5pp" in t.rbl and "check weekly on monday" in t.rbl and "commission 10 bps" in t.rbl
    assert any("intent mode" in a for a in t.assumptions)


def test_the_request_carries_the_builders_schema_and_a_token_limit():
    _, fake = run([Reply(content=json.dumps(intent()))])
    body = fake.requests[0].body
    assert body["response_format"]["json_schema"]["schema"] == INTENT_SCHEMA
    assert body["max_tokens"] <= 700
    assert set(INTENT_SCHEMA["required"]) == set(INTENT_SCHEMA["properties"])
    assert "SPY, AGG" in body["messages"][-1]["content"]      # the assets the English names, given


def test_the_schema_covers_every_field_the_builder_reads():
    from rbl.dsl.english import intent_build
    import inspect

    source = inspect.getsource(intent_build)
    for field in INTENT_SCHEMA["properties"]:
        assert f'"{field}"' in source, field


@pytest.mark.parametrize("changes, refused", [
    ({"assets": [{"ticker": "SPY", "weight_percent": 60}, {"ticker": "TLT", "weight_percent": 40}]}, "asset TLT"),
    ({"band_size": 7}, "number 7"),
    ({"max_leverage_times": 3}, "number 3"),
])
def test_an_invented_ticker_or_number_is_refused_by_grounding(changes, refused):
    t, _ = run([Reply(content=json.dumps(intent(**changes)))])
    assert t.rbl is None and refused in t.error


@pytest.mark.parametrize("changes, asked", [
    ({"assets": [{"ticker": "SPY", "weight_percent": 60}, {"ticker": "AGG", "weight_percent": None}]},
     "What target weight should AGG have"),
    ({"schedule": "none", "band_size": None}, "When should it rebalance"),
    ({"band_unit": "none"}, "percentage points (5pp) or a percentage of the target"),
    ({"scheme": "inverse_volatility"}, "Over what lookback"),
])
def test_a_missing_slot_is_a_question(changes, asked):
    t, _ = run([Reply(content=json.dumps(intent(**changes)))])
    assert t.rbl is None and t.question and asked in t.question


def test_a_schema_invalid_answer_is_repaired_with_json_paths():
    bad = intent(band_unit="pp")
    del bad["long_only"]
    t, fake = run([Reply(content=json.dumps(bad)), Reply(content=json.dumps(intent()))])
    assert t.rbl is not None and t.attempts == 2
    repair = fake.requests[1].body["messages"][-1]["content"]
    assert "$.band_unit: must be one of" in repair and "$.long_only: required" in repair
    assert fake.requests[1].body["temperature"] != fake.requests[0].body["temperature"]


def test_a_zero_drawdown_stop_is_repaired_not_built():
    # the real run's 'max drawdown 0%' (E0409 after the build): now a schema fault the model is asked to fix
    t, fake = run([Reply(content=json.dumps(intent(max_drawdown_percent=0))), Reply(content=json.dumps(intent()))])
    assert t.rbl is not None and "max drawdown" not in t.rbl and t.attempts == 2
    repair = fake.requests[1].body["messages"][-1]["content"]
    assert "$.max_drawdown_percent: must be more than 0 and at most 100 (null when the text gives none), not 0" in repair


def test_a_number_in_its_bounds_is_no_fault():
    assert intent_errors(intent(max_drawdown_percent=20, max_leverage_times=1.5)) == []


def test_answers_that_never_match_end_in_a_clear_error():
    t, fake = run([Reply(content="I think 60/40 is great!")])
    assert t.rbl is None and "$: not JSON" in t.error and len(fake.requests) == 3


def test_intent_errors_name_each_fault():
    errors = intent_errors({**intent(), "assets": [{"ticker": "spy", "weight_percent": "60%"}], "extra": 1})
    assert "$.assets[0].ticker: \"spy\" is not a ticker (capital letters and digits, like SPY)" in errors
    assert any(e.startswith("$.assets[0].weight_percent: must be number or null") for e in errors)
    assert "$.extra: not a field of the schema" in errors


@pytest.mark.parametrize("model, mode", [("qwen2.5-coder-1.5b-instruct-q4_k_m", "intent"), ("llama-3.2-3B", "intent"),
                                         ("gpt-4o-mini", "dsl"), ("qwen2.5-32b-instruct", "dsl"), ("local", "dsl")])
def test_auto_mode_picks_intent_for_small_models(model, mode):
    config = ProviderConfig.from_env({"RBL_LLM_BASE_URL": "http://127.0.0.1:1/v1", "RBL_LLM_MODEL": model})
    assert config.resolved_mode() == mode


def test_the_mode_flag_on_translate(monkeypatch):
    for name in ("RBL_LLM_BASE_URL", "RBL_LLM_MODEL", "RBL_LLM_MODE"):
        monkeypatch.delenv(name, raising=False)
    with FakeLLM([Reply(content=json.dumps(intent()))]) as fake:
        result = CliRunner().invoke(app, ["translate", ENGLISH, "--base-url", fake.base_url, "--model", "big-model",
                                          "--mode", "intent"])
    assert result.exit_code == 0, result.output
    assert "when drift > 5pp" in result.stdout
    assert fake.requests[0].body["response_format"]["json_schema"]["name"] == "rbl_intent"


@pytest.mark.parametrize("english, asked", [
    ("60% SPY, 40% AGG, rebalance regularly.", "When should it rebalance: how often"),
    ("60% SPY, 40% AGG. Rebalance when any asset drifts too far.", "How far may an asset drift"),
])
def test_the_model_path_asks_what_the_reader_would_ask(english, asked):
    """The model guessed 'monthly' for 'regularly' and returned a checked strategy, exit 0."""
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None)))], english)
    assert t.rbl is None and t.question and asked in t.question


# ---- round 3: tranches, learned regimes, signals and turbulence, with the offline reader's builder ----------------

HMM_ENGLISH = ("60% SPY, 40% AGG. A 2-state HMM of SPY's 20-day volatility and daily return, rolling 2 years, refit "
               "every 6 months. When the HMM says turbulent hold 30% SPY and 70% AGG, otherwise 60/40. Monthly.")
SIGNAL_ENGLISH = ("The sentiment score in column news_sentiment: if its 5-day average is positive hold 70% SPY and 30% "
                  "AGG, otherwise 30% SPY and 70% AGG. Monthly. Ignore it if more than 3 days old.")


def switch(condition: str, **changes) -> dict:
    return {"condition": condition, "threshold": None, "weights": [], "schedule": "none", "band_size": None, **changes}


def model(**changes) -> dict:
    return {"ticker": "SPY", "volatility_days": 20, "states": 2, "fit": "rolling", "fit_years": 2, "refit_months": 6,
            **changes}


def weights(spy: float, agg: float) -> list[dict]:
    return [{"ticker": "SPY", "weight_percent": spy}, {"ticker": "AGG", "weight_percent": agg}]


def test_an_intent_with_tranches_builds_trade_over_n_bars():
    english = "60% SPY, 40% AGG, monthly, in five daily tranches."
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None,
                                                 trade_over_days=5)))], english)
    assert t.rbl is not None, t.error or t.question
    assert "trade over 5 bars" in t.rbl and "when monthly" in t.rbl


def test_an_intent_with_a_regime_switch_builds_the_model_and_its_branches():
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None,
                                                 regime_model=model(),
                                                 switch=switch("regime_turbulent", weights=weights(30, 70)))))],
               HMM_ENGLISH)
    assert t.rbl is not None, t.error or t.question
    assert ("regime market = hmm(vol(SPY, 20 days), return(SPY, 1 day), states 2, fit rolling 2 years, "
            "refit every 6 months)") in t.rbl
    assert "    if market is turbulent:\n        SPY 30%\n        AGG 70%\n    else:\n        SPY 60%" in t.rbl


def test_the_regime_models_defaults_are_said_and_grounded_as_the_builders():
    english = "60/40 SPY/AGG monthly. When the HMM says turbulent rebalance weekly, otherwise monthly."
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None,
                                                 switch=switch("regime_turbulent", schedule="weekly"))))], english)
    assert t.rbl is not None, t.error or t.question
    assert "states 3, fit expanding 3 years, refit every 1 year" in t.rbl
    assert "when if market is turbulent then weekly on monday else monthly" in t.rbl
    assert "a 3-state model (calm, normal, turbulent)" in t.assumptions


def test_an_intent_with_a_signal_switch_builds_the_signal_and_its_branches():
    t, _ = run([Reply(content=json.dumps(intent(
        assets=weights(30, 70), schedule="monthly", band_size=None, commission_bps=None,
        signal={"column": "news_sentiment", "average_days": 5, "stale_days": 3},
        switch=switch("signal_above", threshold=0, weights=weights(70, 30)))))], SIGNAL_ENGLISH)
    assert t.rbl is not None, t.error or t.question
    assert 'signal NEWS_SENTIMENT column "news_sentiment" stale after 3 bars' in t.rbl
    assert "if sma(NEWS_SENTIMENT, 5 days) > 0:" in t.rbl


def test_turbulent_markets_switch_the_band_and_the_check():
    english = "60% SPY, 40% AGG: in turbulent markets check weekly with a 3 point band, otherwise monthly with 6."
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=6, commission_bps=None,
                                                 switch=switch("high_volatility", schedule="weekly", band_size=3))))],
               english)
    assert t.rbl is not None, t.error or t.question
    assert "let turbulent = percentile(vol(SPY, 20 days), 1 year) > 80%" in t.rbl
    assert "check if turbulent then weekly on monday else monthly" in t.rbl
    assert "when drift > (if turbulent then 3pp else 6pp)" in t.rbl


@pytest.mark.parametrize("changes, refused", [
    ({"signal": {"column": "vix_close", "average_days": 5, "stale_days": 3}}, 'column "vix_close" of signal'),
    ({"regime_model": model(refit_months=9)}, "number 9"),
    ({"switch": switch("signal_above", threshold=0.25, weights=weights(70, 30))}, "number 0.25"),
    ({"trade_over_days": 7}, "number 7"),
])
def test_an_invented_column_or_number_in_the_new_slots_is_refused_by_grounding(changes, refused):
    english = SIGNAL_ENGLISH if "signal" in changes or "switch" in changes else HMM_ENGLISH
    base = {"assets": weights(30, 70), "signal": {"column": "news_sentiment", "average_days": 5, "stale_days": 3},
            "switch": switch("signal_above", threshold=0, weights=weights(70, 30))}
    if english is HMM_ENGLISH:
        base = {"regime_model": model(), "switch": switch("regime_turbulent", weights=weights(30, 70))}
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None,
                                                 **{**base, **changes})))], english)
    assert t.rbl is None and t.error and refused in t.error, t.rbl or t.question


@pytest.mark.parametrize("english, changes, asked", [
    (SIGNAL_ENGLISH, {"signal": {"column": "news_sentiment", "average_days": 5, "stale_days": 3}},
     "How should the signal in column news_sentiment set the target"),
    (HMM_ENGLISH, {"regime_model": model()}, "What should the regime model change"),
    (SIGNAL_ENGLISH, {"switch": switch("signal_above", threshold=0, weights=weights(70, 30))}, "Which data column"),
    ("60/40 SPY/AGG; hold 30/70 when markets are turbulent. Monthly.",
     {"switch": switch("regime_turbulent", weights=weights(30, 70))}, "Which market regime is meant"),
    (HMM_ENGLISH, {"regime_model": model(), "switch": switch("regime_normal", weights=weights(30, 70))},
     "no normal state"),
])
def test_a_missing_or_unplaceable_slot_of_a_switch_is_a_question(english, changes, asked):
    t, _ = run([Reply(content=json.dumps(intent(schedule="monthly", band_size=None, commission_bps=None,
                                                 **changes)))], english)
    assert t.rbl is None and t.question and asked in t.question, t.rbl or t.error


def test_a_signal_column_must_be_written_as_a_column():
    errors = intent_errors(intent(signal={"column": "News Sentiment", "average_days": None, "stale_days": None}))
    assert errors == ['$.signal.column: "News Sentiment" is not a data column (lowercase letters, digits and _, as '
                      'written, like news_sentiment)']
