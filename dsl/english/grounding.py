"""Grounding: a model's strategy may use only tickers and numbers the English mentioned."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from dsl import ir
from dsl.english.normalize import normalize
from dsl.english.phrases import CASH_NAME

# Numbers the phrase table itself supplies as stated defaults (see docs/english.md): version 1,
# 100%, the volatility-scaled band's clamp (0.5, 2) and windows (20, 250 days), the turbulence
# percentile (80%), a year of 365 days, and "half" (50%).
DEFAULT_NUMBERS = frozenset(Decimal(n) for n in ("0", "1", "100", "0.5", "2", "20", "250", "80", "365", "50"))


def ungrounded(english: str, strategy: ir.Strategy, rbl: str) -> list[str]:
    """What the strategy uses that the English never mentioned: tickers, then numbers."""
    return _ungrounded_assets(english, strategy) + _ungrounded_numbers(english, rbl)


def _ungrounded_assets(english: str, strategy: ir.Strategy) -> list[str]:
    norm = normalize(english)
    words = {w.upper() for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", english)}
    known = words | set(norm.assets) | ({CASH_NAME} if norm.cash_mentioned else set())
    names = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    return [f"asset {n}" for n in names if n.upper() not in known]


def _ungrounded_numbers(english: str, rbl: str) -> list[str]:
    said = _numbers(normalize(english).text) | _numbers(english)
    allowed = said | {n * 100 for n in said} | {n / 100 for n in said} | DEFAULT_NUMBERS
    allowed |= {100 - n for n in said}
    body = "\n".join(line.split("#", 1)[0] for line in rbl.splitlines()
                     if not line.lstrip().startswith(("asset ", "strategy ")))
    return [f"number {n}" for n in dict.fromkeys(_ordered_numbers(body)) if Decimal(n) not in allowed]


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in _ordered_numbers(text)}


def _ordered_numbers(text: str) -> list[str]:
    out = []
    for n in re.findall(r"(?<![A-Za-z_])\d+(?:\.\d+)?", text):
        try:
            out.append(format(Decimal(n).normalize(), "f"))
        except InvalidOperation:
            continue
    return out
