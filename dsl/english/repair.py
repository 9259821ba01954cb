"""Validate, ground, repair: the model's answer is parsed and checked, fed back at most twice."""

from __future__ import annotations

from collections.abc import Mapping

from rbl.dsl.english.answer import Refused, rbl_from_answer, rbl_from_json
from rbl.dsl.english.grounding import disagreement_error, disagreements, ungrounded
from rbl.dsl.english.prompt import build_messages, repair_message
from rbl.dsl.english.provider import ProviderConfig, ProviderError, chat
from rbl.dsl.english.translation import Translation

MAX_REPAIRS = 2
MAX_TOKENS = 1500           # a whole .rbl file is a few hundred tokens; a looping answer stops here


def translate_with_model(english: str, env: Mapping[str, str] | None = None) -> Translation:
    """Ask the configured model; return checked, grounded .rbl or a clear error."""
    import os

    try:
        config = ProviderConfig.from_env(os.environ if env is None else env)
        if config.resolved_mode() == "intent":
            from rbl.dsl.english.intent_model import translate_with_intent

            return translate_with_intent(english, config)
        return _loop(english, config)
    except ProviderError as err:
        return Translation(error=str(err), provider="model")
    except Refused as err:
        return Translation(error=str(err), provider="model")


def _constraints(config: ProviderConfig) -> dict:
    if config.constrain == "grammar":
        from rbl.dsl.english.gbnf import rbl_gbnf
        return {"grammar": rbl_gbnf()}
    if config.constrain == "schema":
        from rbl.dsl.ir import Strategy
        return {"schema": Strategy.model_json_schema()}
    return {}


def _loop(english: str, config: ProviderConfig) -> Translation:
    from rbl.dsl.compiler import compile_source
    from rbl.dsl.diagnostics import render_all
    from rbl.dsl.source import SourceFile

    answer_format = "schema" if config.constrain == "schema" else "rbl"
    messages, constraints, diagnostics = build_messages(english, answer_format), _constraints(config), ""
    for attempt in range(1, MAX_REPAIRS + 2):
        answer = chat(config, messages, **constraints, max_tokens=MAX_TOKENS)
        rbl = rbl_from_json(answer) if answer_format == "schema" else rbl_from_answer(answer)
        result = compile_source(SourceFile("<model answer>", rbl))
        if result.ok:
            return _grounded(english, rbl, result.checked.strategy, attempt)
        diagnostics = render_all(result.source, result.diagnostics)
        messages += [{"role": "assistant", "content": answer}, repair_message(diagnostics)]
    return Translation(error=f"the model's .rbl still fails the checks after {MAX_REPAIRS} repairs:\n"
                             f"{diagnostics}", provider="model", attempts=MAX_REPAIRS + 1)


def _grounded(english: str, rbl: str, strategy, attempt: int) -> Translation:
    missing = ungrounded(english, strategy, rbl)
    if missing:
        return Translation(error="refused: the model's strategy uses what the English never mentioned: "
                                 + ", ".join(missing), provider="model", attempts=attempt)
    differ = disagreements(english, strategy)
    if differ:
        return Translation(error=disagreement_error(differ), provider="model", attempts=attempt)
    return Translation(rbl=rbl, provider="model", attempts=attempt,
                       assumptions=["translated by the model: read the explanation above carefully"])
