"""The model flags of `rbl translate` and `rbl eval-translate`, laid over the RBL_LLM_* environment.

A key is never taken on the command line (it would land in shell history): `--api-key-env NAME`
names the environment variable that holds it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Constrain(str, Enum):
    none = "none"
    grammar = "grammar"
    schema = "schema"


class Mode(str, Enum):
    auto = "auto"
    dsl = "dsl"
    intent = "intent"


class FlagError(ValueError):
    """A model flag the user got wrong; the message names the flag and never holds a key."""


@dataclass(frozen=True)
class ModelFlags:
    base_url: str | None = None
    model: str | None = None
    api_key_env: str | None = None
    timeout: float | None = None
    constrain: Constrain | None = None
    mode: Mode | None = None

    def given(self) -> bool:
        return any(v is not None for v in (self.base_url, self.model, self.api_key_env, self.timeout,
                                           self.constrain, self.mode))


def model_env(flags: ModelFlags, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment with the flags laid over it (flags win); raises FlagError on a bad flag."""
    merged = dict(os.environ if env is None else env)
    if flags.api_key_env is not None:
        merged["RBL_LLM_API_KEY"] = _key_from(flags.api_key_env, merged)
    if flags.timeout is not None:
        if not flags.timeout > 0:
            raise FlagError(f"--timeout must be a positive number of seconds, not {flags.timeout:g}")
        merged["RBL_LLM_TIMEOUT"] = repr(float(flags.timeout))
    for name, value in (("RBL_LLM_BASE_URL", flags.base_url), ("RBL_LLM_MODEL", flags.model),
                        ("RBL_LLM_CONSTRAIN", flags.constrain.value if flags.constrain else None),
                        ("RBL_LLM_MODE", flags.mode.value if flags.mode else None)):
        if value is not None:
            merged[name] = value
    if flags.given() and not (merged.get("RBL_LLM_BASE_URL") and merged.get("RBL_LLM_MODEL")):
        raise FlagError("a model needs a base URL and a model name: pass --base-url and --model "
                        "(or set RBL_LLM_BASE_URL and RBL_LLM_MODEL)")
    return merged


def _key_from(name: str, env: Mapping[str, str]) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise FlagError(f"--api-key-env takes the name of an environment variable (like OPENAI_API_KEY), "
                        "not a key; never put a key on the command line")
    value = env.get(name)
    if not value:
        # A lower-case or mixed-case "name" may be a pasted key: it is not echoed.
        shown = name if re.fullmatch(r"[A-Z_][A-Z0-9_]{0,63}", name) else "it names"
        raise FlagError(f"--api-key-env: the environment variable {shown} is not set")
    return value
