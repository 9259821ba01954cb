"""Intent mode for small models: the model fills a small JSON schema of choices (assets and weights,
scheme, schedule, band, policy, mode, limits, costs) and rbl writes the .rbl itself, with the offline
translator's own builder (Draft, and the checks that ask for what is missing)."""

from __future__ import annotations

import json
import re
from typing import Any

SCHEMES = ("fixed", "equal", "inverse_volatility", "risk_parity")
SCHEDULES = ("none", "daily", "weekly", "monthly", "quarterly", "annually", "last trading day of month",
             "last trading day of quarter", "last trading day of year")
BAND_UNITS = ("none", "percentage_points", "percent_of_target")
CONDITIONS = ("regime_calm", "regime_normal", "regime_turbulent", "signal_above", "signal_below", "high_volatility")
FITS = ("expanding", "rolling")
TICKER = "^[A-Z][A-Z0-9_]{0,11}$"
COLUMN = "^[a-z][a-z0-9_]{0,39}$"
_NUMBER = {"type": ["number", "null"]}
_INTEGER = {"type": ["integer", "null"]}


def _object(properties: dict[str, Any], nullable: bool = False, description: str | None = None) -> dict[str, Any]:
    """A closed object whose every field is required (a small model omits what it may omit)."""
    out = {"type": ["object", "null"] if nullable else "object", "additionalProperties": False,
           "required": list(properties), "properties": properties}
    return {**out, "description": description} if description else out


def _weights(description: str) -> dict[str, Any]:
    return {"type": "array", "maxItems": 30, "items": _object({
        "ticker": {"type": "string", "pattern": TICKER},
        "weight_percent": {**_NUMBER, "description": description}})}


# Every field is required (a model omits what has a default) and every unit is in the field's name.
INTENT_SCHEMA: dict[str, Any] = _object({
    "assets": _weights("60 for 60% of the portfolio; null if not said"),
    "scheme": {"enum": list(SCHEMES), "description": "fixed: the weights given; equal; inverse_volatility; risk_parity"},
    "lookback_days": {**_INTEGER, "description": "window of inverse_volatility or risk_parity"},
    "schedule": {"enum": list(SCHEDULES), "description": "calendar rebalancing, or how often a band is checked"},
    "band_size": {**_NUMBER, "description": "the drift band's number as written (5 for '5 points'); null if none"},
    "band_unit": {"enum": list(BAND_UNITS), "description": "percentage_points (5pp), percent_of_target (25% of "
                                                          "its target), none when the text does not say"},
    "band_edge": {"type": "boolean", "description": "trade back only to the band's edge, not to target"},
    "only_breached_assets": {"type": "boolean"},
    "approval_mode": {"type": "boolean", "description": "send orders for the trader's approval, never trade"},
    "max_leverage_times": {**_NUMBER, "exclusiveMinimum": 0, "description": "1.5 for 1.5x; null if not said"},
    "max_drawdown_percent": {**_NUMBER, "exclusiveMinimum": 0, "maximum": 100,
                             "description": "a permanent stop: 20 for 'sell everything if down 20%'; null if none"},
    "commission_bps": {**_NUMBER, "description": "10 for 10 bps or a 0.1% fee"},
    "long_only": {"type": "boolean"},
    "trade_over_days": {**_INTEGER, "description": "each rebalance spread over this many trading days (5 for 'in five "
                                                   "daily tranches'); null: all at once"},
    "regime_model": _object({
        "ticker": {"type": "string", "pattern": TICKER},
        "volatility_days": {**_INTEGER, "description": "20 for its 20-day volatility; null if not said"},
        "states": {**_INTEGER, "description": "number of states, 2 to 8; null if not said"},
        "fit": {"enum": list(FITS), "description": "expanding: all data so far; rolling: the last fit_years"},
        "fit_years": {**_NUMBER, "description": "3 for 'once 3 years are known'; null if not said"},
        "refit_months": {**_INTEGER, "description": "12 for 'refit every year'; null if not said"},
    }, nullable=True, description="a hidden Markov model of the market, only when the text names one (HMM, "
                                   "regime model); null otherwise"),
    "signal": _object({
        "column": {"type": "string", "pattern": COLUMN, "description": "the data column, as written"},
        "average_days": {**_INTEGER, "description": "5 for 'its 5-day average'; null: the value itself"},
        "stale_days": {**_INTEGER, "description": "3 for 'ignore it if more than 3 days old'; null if not said"},
    }, nullable=True, description="a data series that is read, never traded (a sentiment score); null if none"),
    "switch": _object({
        "condition": {"enum": list(CONDITIONS), "description": "regime_*: the regime model's state; signal_above / "
                      "signal_below: the signal against threshold; high_volatility: turbulent markets, no model"},
        "threshold": {**_NUMBER, "description": "signal_*: the level (0 for positive or negative); regime_*: a "
                                                "probability in percent (70 for 'more than 70% odds'), or null"},
        "weights": _weights("the weight while the condition holds (the assets' weight_percent is otherwise); "
                            "[] when the weights do not change"),
        "schedule": {"enum": list(SCHEDULES), "description": "the schedule while it holds; none: no change"},
        "band_size": {**_NUMBER, "description": "the band while it holds, in band_unit; null: no change"},
    }, nullable=True, description="what changes while a condition holds; null if nothing switches"),
})


def intent_errors(value: Any, schema: dict = INTENT_SCHEMA, path: str = "$") -> list[str]:
    """What does not match the schema, one line per fault with its JSON path (the model can act on it)."""
    if "enum" in schema:
        return [] if value in schema["enum"] else [f"{path}: must be one of {', '.join(map(json.dumps, schema['enum']))}, "
                                                   f"not {json.dumps(value)}"]
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if not any(_is(value, kind) for kind in kinds):
        return [f"{path}: must be {' or '.join(kinds)}, not {json.dumps(value)}"]
    if isinstance(value, dict):
        return _object_errors(value, schema, path)
    if isinstance(value, list):
        too_many = [f"{path}: at most {schema['maxItems']} items"] if len(value) > schema.get("maxItems", 10**9) else []
        return too_many + [e for i, item in enumerate(value) for e in intent_errors(item, schema["items"], f"{path}[{i}]")]
    if _is(value, "number") and not _in_bounds(value, schema):
        return [f"{path}: must be {_bounds(schema)} (null when the text gives none), not {json.dumps(value)}"]
    if isinstance(value, str) and "pattern" in schema and not re.fullmatch(schema["pattern"].strip("^$"), value):
        what = ("a ticker (capital letters and digits, like SPY)" if schema["pattern"] == TICKER else
                "a data column (lowercase letters, digits and _, as written, like news_sentiment)")
        return [f"{path}: {json.dumps(value)} is not {what}"]
    return []


def _in_bounds(value: float, schema: dict) -> bool:
    return (value > schema.get("exclusiveMinimum", float("-inf")) and value >= schema.get("minimum", float("-inf"))
            and value <= schema.get("maximum", float("inf")))


def _bounds(schema: dict) -> str:
    """'more than 0 and at most 100': a number's bounds in words a model can act on."""
    said = [f"more than {schema['exclusiveMinimum']:g}" if "exclusiveMinimum" in schema else "",
            f"at least {schema['minimum']:g}" if "minimum" in schema else "",
            f"at most {schema['maximum']:g}" if "maximum" in schema else ""]
    return " and ".join(w for w in said if w)


def _object_errors(value: dict, schema: dict, path: str) -> list[str]:
    errors = [f"{path}.{key}: required" for key in schema["required"] if key not in value]
    errors += [f"{path}.{key}: not a field of the schema" for key in value if key not in schema["properties"]]
    return errors + [e for key, sub in schema["properties"].items() if key in value
                     for e in intent_errors(value[key], sub, f"{path}.{key}")]


def _is(value: Any, kind: str) -> bool:
    return {"object": isinstance(value, dict), "array": isinstance(value, list), "string": isinstance(value, str),
            "boolean": isinstance(value, bool), "null": value is None,
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool)}[kind]


def parse_intent(answer: str) -> tuple[dict | None, list[str]]:
    """The intent in a model's answer, or the faults to send back (JSON paths, in words)."""
    text = answer.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)```", text, re.S)
    try:
        value = json.loads(fenced.group(1) if fenced else text)
    except ValueError as err:
        return None, [f"$: not JSON ({err.msg} at line {err.lineno} column {err.colno})"]
    errors = intent_errors(value)
    return (None, errors) if errors else (value, [])
