"""An intent (the small JSON a model filled) -> checked .rbl with the offline translator's builder:
the same Draft, asset mapping, defaults, assumptions and questions for what is missing."""

from __future__ import annotations

import re

from rbl.dsl.english.draft import Draft
from rbl.dsl.english.intent import SCHEDULES
from rbl.dsl.english.normalize import Asset, Normalized, normalize
from rbl.dsl.english.offline import _complete, _name_of
from rbl.dsl.english.reader import Reader
from rbl.dsl.english.translation import Translation

UNIT = {"percentage_points": "pp", "percent_of_target": "% of target"}
CALENDAR = {"weekly": "weekly on monday"}          # the intent's schedule -> the .rbl calendar rule


def build_from_intent(intent: dict, english: str) -> Translation:
    """The strategy an intent describes, or the question for the slot it left open."""
    r = _reader(intent, english)
    for slot in (_weights, _schedule_and_band, _policy, _limits):
        slot(r, intent)
    if not r.questions:
        _complete(r)
    if r.questions:
        return r.asking()
    return Translation(rbl=r.draft.render(), assumptions=r.assumptions, provider="model")


def intent_of(rbl: str) -> dict | None:
    """The intent that builds a canonical .rbl (the inverse of build_from_intent), for few-shot examples; None when
    the strategy says more than the form can (conditions, rankings, sleeves, exposure, other calendars, ...)."""
    intent = {"assets": [], "scheme": "fixed", "lookback_days": None, "schedule": "none", "band_size": None,
              "band_unit": "none", "band_edge": False, "only_breached_assets": False, "approval_mode": False,
              "max_leverage_times": None, "max_drawdown_percent": None, "commission_bps": None, "long_only": False}
    weights: dict[str, float] = {}
    for line in rbl.splitlines():
        if not _read_line(line.strip(), intent, weights):
            return None
    for item in intent["assets"]:
        item["weight_percent"] = weights.get(item["ticker"])
    return intent


_SCHEME_LINE = re.compile(r"target: (equal weight|inverse volatility|risk parity)(?:\((\d+) days\))? ([A-Z][\w, ]*)")
_INTENT_SCHEDULE = {v: k for k, v in CALENDAR.items()}


def _read_line(line: str, intent: dict, weights: dict[str, float]) -> bool:
    """Fold one canonical line into the intent; False for a line the form cannot hold."""
    simple = {"", "rbl 1", "target:", "rebalance:", "constraints:", "costs:"}
    flags = {"mode alert": "approval_mode", "to band edge": "band_edge", "trade breached assets": "only_breached_assets",
             "long only": "long_only"}
    if line in simple or line.startswith("strategy "):
        return True
    if line in flags:
        intent[flags[line]] = True
        return True
    if m := re.fullmatch(r'asset ([A-Z][A-Z0-9_]*)(?: column "[^"]*" symbol "[^"]*")?', line):
        intent["assets"].append({"ticker": m.group(1), "weight_percent": None})
        return True
    if m := re.fullmatch(r"([A-Z][A-Z0-9_]*) (\d+(?:\.\d+)?)%", line):
        weights[m.group(1)] = _number(m.group(2))
        return True
    if m := _SCHEME_LINE.fullmatch(line):
        intent["scheme"] = m.group(1).replace("equal weight", "equal").replace(" ", "_")
        intent["lookback_days"] = int(m.group(2)) if m.group(2) else None
        return (m.group(2) is None) == (intent["scheme"] == "equal")
    return _read_rule(line, intent)


def _read_rule(line: str, intent: dict) -> bool:
    if m := re.fullmatch(r"(?:check|when) (.+)", line):
        schedule = _INTENT_SCHEDULE.get(m.group(1), m.group(1))
        if schedule in SCHEDULES and schedule != "none":
            intent["schedule"] = schedule
            return True
    if m := re.fullmatch(r"when drift > (\d+(?:\.\d+)?)(pp|% of target)", line):
        intent["band_size"] = _number(m.group(1))
        intent["band_unit"] = "percentage_points" if m.group(2) == "pp" else "percent_of_target"
        return True
    limits = {"max leverage": ("max_leverage_times", "x"), "max drawdown": ("max_drawdown_percent", "%"),
              "commission": ("commission_bps", " bps")}
    if m := re.fullmatch(r"(max leverage|max drawdown|commission) (\d+(?:\.\d+)?)(x|%| bps)", line):
        field, unit = limits[m.group(1)]
        intent[field] = _number(m.group(2))
        return m.group(3) == unit
    return False


def _number(text: str) -> int | float:
    """'60' -> 60, '7.5' -> 7.5: the number as the English writes it."""
    value = float(text)
    return int(value) if value.is_integer() else value


def _reader(intent: dict, english: str) -> Reader:
    """A reader over the intent's tickers; a class word of the English keeps its data mapping."""
    said = normalize(english).assets
    assets = {}
    for item in intent["assets"]:
        ticker = item["ticker"]
        assets[ticker] = said.get(ticker) or Asset(ticker, ticker, ticker, ticker)
    text = " ".join(f"@{name}" for name in assets)
    return Reader(Normalized(text, assets), draft=Draft(name=_name_of(english)))


def _weights(r: Reader, intent: dict) -> None:
    names = [item["ticker"] for item in intent["assets"]]
    scheme, lookback = intent["scheme"], intent["lookback_days"]
    if scheme == "equal":
        r.draft.scheme = "equal weight " + ", ".join(names)
    elif scheme in ("inverse_volatility", "risk_parity"):
        if not lookback:
            r.ask("Over how many days should the volatility be measured (for example 60 days)?")
            return
        kind = "inverse volatility" if scheme == "inverse_volatility" else "risk parity"
        r.draft.scheme = f"{kind}({lookback} days) " + ", ".join(names)
    else:
        r.draft.weights = [(item["ticker"], f"{item['weight_percent']:g}%") for item in intent["assets"]
                           if item["weight_percent"] is not None]


def _schedule_and_band(r: Reader, intent: dict) -> None:
    schedule = None if intent["schedule"] == "none" else CALENDAR.get(intent["schedule"], intent["schedule"])
    size, unit = intent["band_size"], intent["band_unit"]
    if size is None:
        r.draft.when = schedule
        return
    if unit == "none":
        r.ask(f"Is the band of {size:g} in percentage points ({size:g}pp) or a percentage of the target "
              f"({size:g}% of target)?")
        return
    r.band_topic = True
    r.draft.when = f"drift > {size:g}{UNIT[unit]}"
    r.draft.check = schedule


def _policy(r: Reader, intent: dict) -> None:
    if intent["band_edge"]:
        r.draft.to = "to band edge"
    if intent["only_breached_assets"]:
        r.draft.scope = "trade breached assets"
    if intent["approval_mode"]:
        r.draft.settings.append("mode alert")


def _limits(r: Reader, intent: dict) -> None:
    if intent["long_only"]:
        r.draft.constraints.append("long only")
    if intent["max_leverage_times"] is not None:
        r.draft.constraints.append(f"max leverage {intent['max_leverage_times']:g}x")
    if intent["max_drawdown_percent"] is not None:
        cut = f"{intent['max_drawdown_percent']:g}"
        r.draft.constraints.append(f"max drawdown {cut}%")
        r.assume(f"a permanent stop: at a {cut}% drawdown from the peak it sells everything, and after the stop "
                 "it stays in cash until you reset it")
    if intent["commission_bps"] is not None:
        r.draft.costs.append(f"commission {intent['commission_bps']:g} bps")
