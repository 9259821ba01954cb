"""Model flags on `rbl translate` and `rbl eval-translate`: they win over RBL_LLM_*, the key is read
from the environment variable --api-key-env names, and it never appears in any output."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rbl.cli import app
from tests.english.fake_llm import FakeLLM, Reply
from tests.english.test_model import ENGLISH, GOOD

FLAG_KEY = "sk-flag-KEY-9876543210"
ENV_KEY = "sk-env-KEY-0123456789"
UNREACHABLE = "http://127.0.0.1:9/v1"
RUNNER = CliRunner()


@pytest.fixture
def env_points_elsewhere(monkeypatch):
    """RBL_LLM_* name an unreachable server, another model and another key; only flags can win."""
    for name, value in {"RBL_LLM_BASE_URL": UNREACHABLE, "RBL_LLM_MODEL": "env-model",
                        "RBL_LLM_API_KEY": ENV_KEY, "RBL_LLM_TIMEOUT": "60", "RBL_LLM_RETRIES": "0",
                        "RBL_LLM_CONSTRAIN": "none", "MY_LLM_KEY": FLAG_KEY}.items():
        monkeypatch.setenv(name, value)


def translate(fake: FakeLLM, *extra: str):
    return RUNNER.invoke(app, ["translate", ENGLISH, "--base-url", fake.base_url, "--model", "flag-model",
                               "--api-key-env", "MY_LLM_KEY", *extra])


def test_flags_win_over_the_environment(env_points_elsewhere):
    with FakeLLM([Reply(content=GOOD)]) as fake:
        result = translate(fake)
    assert result.exit_code == 0, result.output
    assert GOOD in result.output
    request = fake.requests[0]
    assert request.body["model"] == "flag-model"
    assert request.headers["Authorization"] == f"Bearer {FLAG_KEY}"
    assert "grammar" not in request.body and "response_format" not in request.body


def test_the_key_from_the_named_variable_never_appears_in_output(env_points_elsewhere, tmp_path):
    out = tmp_path / "s.rbl"
    with FakeLLM([Reply(status=500)]) as fake:
        failed = translate(fake)
    with FakeLLM([Reply(content=GOOD)]) as fake:
        written = translate(fake, "-o", str(out), "--yes")
    assert failed.exit_code == 1 and written.exit_code == 0
    for text in (failed.output, written.output, out.read_text(encoding="utf-8")):
        assert FLAG_KEY not in text and ENV_KEY not in text


def test_the_timeout_flag_wins_over_the_environment(env_points_elsewhere):
    with FakeLLM([Reply(content=GOOD, hang=2.0)]) as fake:
        result = translate(fake, "--timeout", "0.3")
    assert result.exit_code == 1
    assert "did not answer within 0.3 s" in result.output


@pytest.mark.parametrize("constrain,field", [("grammar", "grammar"), ("schema", "response_format")])
def test_the_constrain_flag_sends_the_grammar_or_the_schema(env_points_elsewhere, constrain, field):
    with FakeLLM([Reply(content=GOOD)]) as fake:
        translate(fake, "--constrain", constrain)
    assert field in fake.requests[0].body


def test_the_constrain_flag_none_wins_over_the_environment(env_points_elsewhere, monkeypatch):
    monkeypatch.setenv("RBL_LLM_CONSTRAIN", "grammar")
    with FakeLLM([Reply(content=GOOD)]) as fake:
        translate(fake, "--constrain", "none")
    assert "grammar" not in fake.requests[0].body


def test_an_unknown_constraint_is_a_usage_error(env_points_elsewhere):
    result = RUNNER.invoke(app, ["translate", ENGLISH, "--constrain", "regex"])
    assert result.exit_code == 2


def test_a_key_on_the_command_line_is_refused_without_echoing_it(env_points_elsewhere):
    for args in (["--api-key", FLAG_KEY], ["--api-key-env", FLAG_KEY]):
        result = RUNNER.invoke(app, ["translate", ENGLISH, *args])
        assert result.exit_code == 2
        assert FLAG_KEY not in result.output


def test_a_missing_key_variable_is_a_usage_error_naming_it(env_points_elsewhere):
    result = RUNNER.invoke(app, ["translate", ENGLISH, "--api-key-env", "NO_SUCH_KEY_VAR"])
    assert result.exit_code == 2
    assert "the environment variable NO_SUCH_KEY_VAR is not set" in result.output


def test_a_model_flag_without_a_base_url_is_a_usage_error(monkeypatch):
    monkeypatch.delenv("RBL_LLM_BASE_URL", raising=False)
    result = RUNNER.invoke(app, ["translate", ENGLISH, "--model", "m"])
    assert result.exit_code == 2
    assert "--base-url" in result.output


@pytest.mark.parametrize("args", [["--offline", "--model", "m"], ["--timeout", "0"]])
def test_conflicting_or_impossible_flags_are_usage_errors(env_points_elsewhere, args):
    assert RUNNER.invoke(app, ["translate", ENGLISH, *args]).exit_code == 2


def test_a_malformed_timeout_in_the_environment_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RBL_LLM_BASE_URL", UNREACHABLE)
    monkeypatch.setenv("RBL_LLM_MODEL", "m")
    monkeypatch.setenv("RBL_LLM_TIMEOUT", "soon")
    result = RUNNER.invoke(app, ["translate", ENGLISH])
    assert result.exit_code == 1
    assert "RBL_LLM_TIMEOUT must be a number, not 'soon'" in result.output


def test_eval_translate_scores_the_model_the_flags_name(env_points_elsewhere, tmp_path):
    cases = tmp_path / "set.txt"
    cases.write_text("## t1 [dev, unit]\n> " + ENGLISH + "\n" + GOOD.split("\n", 2)[2], encoding="utf-8")
    with FakeLLM([Reply(content=GOOD)]) as fake:
        result = RUNNER.invoke(app, ["eval-translate", "--set", str(cases), "--base-url", fake.base_url,
                                     "--model", "flag-model", "--api-key-env", "MY_LLM_KEY"])
    assert result.exit_code == 0, result.output
    model_row = next(line for line in result.output.splitlines() if line.startswith("model "))
    assert model_row.split()[2:5] == ["100.0%", "100.0%", "100.0%"]
    assert fake.requests[0].body["model"] == "flag-model"
    assert fake.requests[0].headers["Authorization"] == f"Bearer {FLAG_KEY}"
    assert FLAG_KEY not in result.output and ENV_KEY not in result.output
