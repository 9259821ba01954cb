"""A model's answer -> .rbl text, refusing anything that is code in another language."""

from __future__ import annotations

import json
import re

FENCE = re.compile(r"```([A-Za-z0-9_+-]*)\n(.*?)```", re.S)
FOREIGN_CODE = re.compile(
    r"#include|#property|\bOnTick\s*\(|\bOnInit\s*\(|\bOrderSend\s*\(|\bCTrade\b|\bvoid\s+\w+\s*\(|"
    r"^\s*(?:def|class|import|from\s+\w+\s+import)\b|\bsubprocess\b|\bos\.system\b|<script", re.M)
RBL_FENCES = ("", "rbl", "text")


class Refused(Exception):
    """The answer is not something rbl may use (foreign code, not a strategy); safe to show."""


def rbl_from_answer(answer: str) -> str:
    """The .rbl inside the answer (bare, or in one ```rbl fence); foreign code is refused."""
    fences = FENCE.findall(answer)
    if any(lang.lower() not in RBL_FENCES for lang, _ in fences):
        langs = ", ".join(sorted({lang for lang, _ in fences if lang.lower() not in RBL_FENCES}))
        raise Refused(f"the model answered with {langs} code instead of .rbl; refused")
    text = fences[0][1] if fences else answer
    if FOREIGN_CODE.search(text):
        raise Refused("the model answered with code that is not .rbl (MQL5, C++ or Python); refused")
    return text.strip() + "\n"


def rbl_from_json(answer: str) -> str:
    """A JSON answer (the IR, for servers with structured output) printed as canonical .rbl."""
    from pydantic import ValidationError

    from rbl.dsl.ir import Strategy

    try:
        strategy = Strategy.model_validate(json.loads(answer))
    except (ValueError, ValidationError) as err:
        raise Refused(f"the model's JSON is not a valid rbl IR ({type(err).__name__})") from None
    try:
        from rbl.dsl.fmt import format_strategy
    except ImportError:
        raise Refused("the JSON-schema path needs dsl.fmt.format_strategy, which this build lacks") from None
    return format_strategy(strategy)
