"""One OpenAI-compatible chat-completions client on httpx (OpenAI, Ollama, llama.cpp, vLLM, LiteLLM).

The API key travels only in the Authorization header: it is kept out of repr, logs and messages.
httpx is imported lazily (the `rbl[llm]` extra), so the rest of rbl works without it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
CONSTRAIN = ("none", "grammar", "schema")
MODES = ("auto", "dsl", "intent")
SMALL_MODEL_BILLIONS = 4.0           # auto mode: a model named with at most this many parameters fills an intent
# A JSON schema goes as OpenAI's response_format {"type": "json_schema", ...}; llama-cpp-python's server knows only
# {"type": "json_object", "schema": ...} (llama.cpp's own server reads both) and refuses the first, naming
# response_format: such a server is sent the second form, remembered here by base URL for its later requests.
SCHEMA_FORMS: dict[str, str] = {}


class ProviderError(Exception):
    """The endpoint could not give an answer; the message is safe to show (it holds no key)."""


@dataclass(frozen=True)
class ProviderConfig:
    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.5
    constrain: str = "none"            # none | grammar (GBNF, llama.cpp) | schema (IR JSON schema)
    mode: str = "auto"                 # dsl: the model writes .rbl | intent: it fills a JSON form | auto

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "ProviderConfig":
        """The RBL_LLM_* settings; a malformed one is a ProviderError naming the variable (not the key)."""
        constrain = env.get("RBL_LLM_CONSTRAIN", "none")
        if constrain not in CONSTRAIN:
            raise ProviderError(f"RBL_LLM_CONSTRAIN must be one of {', '.join(CONSTRAIN)}, not {constrain!r}")
        mode = env.get("RBL_LLM_MODE", "auto")
        if mode not in MODES:
            raise ProviderError(f"RBL_LLM_MODE must be one of {', '.join(MODES)}, not {mode!r}")
        return cls(base_url=env["RBL_LLM_BASE_URL"].rstrip("/"), model=env["RBL_LLM_MODEL"],
                   api_key=env.get("RBL_LLM_API_KEY") or None,
                   timeout=_number(env, "RBL_LLM_TIMEOUT", "60", float),
                   retries=_number(env, "RBL_LLM_RETRIES", "3", int),
                   backoff=_number(env, "RBL_LLM_BACKOFF", "0.5", float), constrain=constrain, mode=mode)

    def resolved_mode(self) -> str:
        """auto: 'intent' for a model whose name says it has at most 4B parameters ('qwen2.5-1.5b-instruct',
        'smollm2-135m-instruct': a size in millions too), else 'dsl' (a name that gives no size, like
        'gpt-4o-mini', writes the .rbl itself)."""
        if self.mode != "auto":
            return self.mode
        import re

        sizes = [float(n) / (1000 if unit == "m" else 1) for n, unit in
                 re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([bm])(?![a-z])", self.model.lower())]
        return "intent" if sizes and min(sizes) <= SMALL_MODEL_BILLIONS else "dsl"


def _number(env: Mapping[str, str], name: str, default: str, kind: type):
    text = env.get(name, default)
    try:
        value = kind(text)
    except ValueError:
        raise ProviderError(f"{name} must be a number, not {text!r}") from None
    if value < 0 or (name == "RBL_LLM_TIMEOUT" and value == 0):
        raise ProviderError(f"{name} must be positive, not {text!r}")
    return value


def request_body(config: ProviderConfig, messages: list[dict], grammar: str | None = None,
                 schema: dict | None = None, schema_name: str = "rbl_strategy", max_tokens: int | None = None,
                 temperature: float = 0.0, schema_form: str = "json_schema") -> dict[str, Any]:
    body: dict[str, Any] = {"model": config.model, "messages": messages, "temperature": temperature}
    if max_tokens is not None:
        body["max_tokens"] = max_tokens
    if grammar is not None:
        body["grammar"] = grammar
    if schema is not None and schema_form == "json_object":
        body["response_format"] = {"type": "json_object", "schema": schema}
    elif schema is not None:
        body["response_format"] = {"type": "json_schema",
                                   "json_schema": {"name": schema_name, "schema": schema}}
    return body


def chat(config: ProviderConfig, messages: list[dict], grammar: str | None = None,
         schema: dict | None = None, **options) -> str:
    """The assistant's text for `messages`, with bounded retries and back-off on 429/5xx; a 4xx is the
    request's fault, so it is not retried and the server's reason is shown."""
    try:
        import httpx
    except ImportError:
        raise ProviderError("the model provider needs httpx: pip install 'rbl[llm]'") from None
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    form = SCHEMA_FORMS.get(config.base_url, "json_schema")
    with httpx.Client(timeout=httpx.Timeout(config.timeout), headers=headers) as client:
        response = _send(client, config, request_body(config, messages, grammar, schema, schema_form=form, **options))
        if schema is not None and form == "json_schema" and _refuses_format(response):
            SCHEMA_FORMS[config.base_url] = "json_object"
            response = _send(client, config, request_body(config, messages, grammar, schema,
                                                          schema_form="json_object", **options))
    return _answer(response, config)


def _send(client, config: ProviderConfig, body: dict):
    """One request, retried on 429/5xx, but not when the server refuses the response_format (it would again)."""
    for attempt in range(config.retries + 1):
        response = _post(client, config, body)
        if response.status_code not in RETRY_STATUS or attempt == config.retries or _refuses_format(response):
            return response
        time.sleep(_delay(response, config, attempt))
    return response


def _refuses_format(response) -> bool:
    return response.status_code >= 400 and "response_format" in response.text


def _post(client, config: ProviderConfig, body: dict):
    import httpx

    url = f"{config.base_url}/chat/completions"
    try:
        return client.post(url, json=body)
    except httpx.TimeoutException:
        raise ProviderError(f"the model endpoint {url} did not answer within {config.timeout:g} s") from None
    except httpx.HTTPError as err:
        raise ProviderError(f"cannot reach the model endpoint {url} ({type(err).__name__}); "
                            "check RBL_LLM_BASE_URL and that the server is running") from None


def _delay(response, config: ProviderConfig, attempt: int) -> float:
    retry_after = response.headers.get("retry-after", "")
    if retry_after.replace(".", "", 1).isdigit():
        return min(float(retry_after), 30.0)
    return config.backoff * 2 ** attempt


def _reason(response, config: ProviderConfig, limit: int = 500) -> str:
    """The server's own words for a refusal (OpenAI, llama.cpp: {"error": {"message": ...}}; or a plain
    text body), cut to `limit`, the key never among them."""
    try:
        error = response.json()
        error = error.get("error") if isinstance(error, dict) else None
        text = error.get("message") if isinstance(error, dict) else error
    except ValueError:
        text = response.text
    text = str(text or "").strip()
    if config.api_key:
        text = text.replace(config.api_key, "***")
    if not text:
        return ""
    text = text if len(text) <= limit else text[:limit] + "..."
    return f": {text}"


def _answer(response, config: ProviderConfig) -> str:
    if response.status_code != 200:
        hint = " (rate limited)" if response.status_code == 429 else ""
        retried = response.status_code in RETRY_STATUS and not _refuses_format(response)
        tries = f" after {config.retries + 1} attempts" if retried else ""
        raise ProviderError(f"the model endpoint answered HTTP {response.status_code}{hint}{tries}"
                            f"{_reason(response, config)}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise ProviderError("the model endpoint's answer is not a chat completion") from None
    if not isinstance(content, str):
        raise ProviderError("the model endpoint's answer has no text content")
    return content
