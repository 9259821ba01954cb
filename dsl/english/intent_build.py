"""An intent (the small JSON a model filled) -> checked .rbl with the offline translator's builder:
the same Draft, asset mapping, defaults, assumptions and questions for what is missing."""

from __future__ import annotations

from rbl.dsl.english.draft import Draft
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
