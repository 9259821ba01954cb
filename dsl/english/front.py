"""The English front end in one call: pick the translator, validate its .rbl, explain it back."""

from __future__ import annotations

import os
from collections.abc import Mapping

from rbl.dsl.diagnostics import CompileError
from rbl.dsl.english.offline import translate_offline
from rbl.dsl.english.translation import Translation


def model_configured(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get("RBL_LLM_BASE_URL") and env.get("RBL_LLM_MODEL"))


def translate(english: str, offline: bool = False, env: Mapping[str, str] | None = None) -> Translation:
    """English -> checked .rbl: the offline translator, or the configured model when there is one."""
    if offline or not model_configured(env):
        return validated(translate_offline(english))
    from rbl.dsl.english.repair import translate_with_model

    return translate_with_model(english, env=os.environ if env is None else env)


def validated(translation: Translation) -> Translation:
    """Compile the proposed .rbl; a translation that does not pass `rbl check` is never returned."""
    if translation.rbl is None:
        return translation
    try:
        from rbl.dsl.compiler import compile_text

        compile_text(translation.rbl, path="<translation>")
    except CompileError as err:
        return Translation(error=f"the {translation.provider} translation does not pass the checks:\n{err}",
                           assumptions=translation.assumptions, provider=translation.provider)
    return translation


def explained(rbl: str) -> str:
    """The `rbl explain` back-translation of checked .rbl text."""
    from rbl.dsl.compiler import compile_text
    from rbl.dsl.explain import explain

    return explain(compile_text(rbl, path="<translation>").strategy)
