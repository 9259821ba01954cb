"""An intent (the small JSON a model filled) -> checked .rbl with the offline translator's builder:
the same Draft, asset mapping, defaults, assumptions and questions for what is missing."""

from __future__ import annotations

import re

from rbl.dsl.english.draft import Draft
from rbl.dsl.english.intent import SCHEDULES
from rbl.dsl.english.normalize import Asset, Normalized, normalize
from rbl.dsl.english.offline import _complete, _name_of
from rbl.dsl.english.reader import Reader
from rbl.dsl.english.rules_regimes import MENTIONED, REGIME, model_line
from rbl.dsl.english.rules_signals import assume_fresh, declare_signal
from rbl.dsl.english.rules_tranches import set_tranches
from rbl.dsl.english.rules_triggers import turbulence
from rbl.dsl.english.translation import Translation

UNIT = {"percentage_points": "pp", "percent_of_target": "% of target"}
CALENDAR = {"weekly": "weekly on monday"}          # the intent's schedule -> the .rbl calendar rule


def build_from_intent(intent: dict, english: str) -> Translation:
    """The strategy an intent describes, or the question for the slot it left open."""
    r = _reader(intent, english)
    if re.search(MENTIONED, normalize(english).text):
        r.flags.add("model named")      # a regime model is read only where the text names one, as offline
    for slot in (_weights, _schedule_and_band, _policy, _limits, _tranches, _switch):
        if not r.questions:
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
              "max_leverage_times": None, "max_drawdown_percent": None, "commission_bps": None, "long_only": False,
              "trade_over_days": None, "regime_model": None, "signal": None, "switch": None}
    weights: dict[str, float] = {}
    then: dict[str, float] = {}
    branch = None
    for raw in rbl.splitlines():
        line = raw.strip()
        if line in ("else:",) and branch == "then":
            branch = "else"
            continue
        if m := re.fullmatch(r"if (.+):", line):
            if branch is not None or not _switch_on(intent, m.group(1)):
                return None
            branch = "then"
            continue
        if not (_read_switch_line(line, intent) or _read_line(line, intent, then if branch == "then" else weights)):
            return None
    for item in intent["assets"]:
        item["weight_percent"] = weights.get(item["ticker"])
    if then:
        intent["switch"]["weights"] = [{"ticker": t, "weight_percent": w} for t, w in then.items()]
    return intent if _consistent(intent) else None


def _consistent(intent: dict) -> bool:
    """A switch that changes nothing, a declared signal or model nothing reads: the form cannot say it."""
    switch = intent["switch"]
    if switch is None:
        return intent["signal"] is None and intent["regime_model"] is None
    return bool(switch["weights"] or switch["schedule"] != "none" or switch["band_size"] is not None)


_HMM = re.compile(r"regime market = hmm\(vol\(([A-Z][A-Z0-9_]*), (\d+) days\), return\(\1, 1 day\), states (\d+), "
                  r"fit (expanding|rolling) (\d+) (years?|months), refit every (\d+) (years?|months)\)")
_SIGNAL = re.compile(r'signal ([A-Z][A-Z0-9_]*) column "([a-z][a-z0-9_]*)"(?: stale after (\d+) bars?)?')


def _read_switch_line(line: str, intent: dict) -> bool:
    """The declarations and rules of a switch (regime model, signal, turbulence; a schedule or band per state)."""
    if m := re.fullmatch(r"trade over (\d+) bars?", line):
        intent["trade_over_days"] = int(m.group(1))
        return True
    if m := _HMM.fullmatch(line):
        fit_years = int(m.group(5)) / (1 if m.group(6).startswith("year") else 12)
        refit = int(m.group(7)) * (12 if m.group(8).startswith("year") else 1)
        intent["regime_model"] = {"ticker": m.group(1), "volatility_days": int(m.group(2)), "states": int(m.group(3)),
                                  "fit": m.group(4), "fit_years": _number(str(fit_years)), "refit_months": refit}
        return True
    if (m := _SIGNAL.fullmatch(line)) and m.group(1) == re.sub(r"[^A-Z0-9_]", "_", m.group(2).upper()):
        intent["signal"] = {"column": m.group(2), "average_days": None,
                            "stale_days": int(m.group(3)) if m.group(3) else None}
        return True
    if m := re.fullmatch(r"let turbulent = percentile\(vol\(([A-Z][A-Z0-9_]*), 20 days\), 1 year\) > 80%", line):
        return bool(intent["assets"]) and intent["assets"][0]["ticker"] == m.group(1)
    if m := re.fullmatch(r"(check|when) if (.+) then (.+) else (.+)", line):
        return _switch_on(intent, m.group(2)) and _schedule_pair(intent, m.group(3), m.group(4))
    if m := re.fullmatch(r"when drift > \(if (.+) then (\d+(?:\.\d+)?)(pp|% of target) else (\d+(?:\.\d+)?)\3\)", line):
        if not _switch_on(intent, m.group(1)):
            return False
        intent["switch"]["band_size"], intent["band_size"] = _number(m.group(2)), _number(m.group(4))
        intent["band_unit"] = "percentage_points" if m.group(3) == "pp" else "percent_of_target"
        return True
    return False


def _schedule_pair(intent: dict, then: str, otherwise: str) -> bool:
    then, otherwise = (_INTENT_SCHEDULE.get(x, x) for x in (then, otherwise))
    if then not in SCHEDULES or otherwise not in SCHEDULES or "none" in (then, otherwise):
        return False
    intent["switch"]["schedule"], intent["schedule"] = then, otherwise
    return True


def _switch_on(intent: dict, condition: str) -> bool:
    """Record the switch's condition; False for one the form cannot say, or a second, different one."""
    parsed = _parse_condition(condition, intent)
    if parsed is None:
        return False
    kind, threshold, days = parsed
    switch = intent["switch"] or {"condition": kind, "threshold": threshold, "weights": [], "schedule": "none",
                                  "band_size": None}
    if (switch["condition"], switch["threshold"]) != (kind, threshold):
        return False
    if days is not None:
        intent["signal"]["average_days"] = days
    intent["switch"] = switch
    return True


def _parse_condition(text: str, intent: dict) -> tuple[str, float | None, int | None] | None:
    if text == "turbulent":
        return "high_volatility", None, None
    if m := re.fullmatch(r"market is (calm|normal|turbulent)", text):
        return f"regime_{m.group(1)}", None, None
    if m := re.fullmatch(r"market\.probability\((calm|normal|turbulent)\) > (\d+(?:\.\d+)?)%", text):
        return f"regime_{m.group(1)}", _number(m.group(2)), None
    m = re.fullmatch(r"(?:sma\(([A-Z][A-Z0-9_]*), (\d+) days\)|([A-Z][A-Z0-9_]*)) ([<>]) (-?\d+(?:\.\d+)?)", text)
    if m is None or intent["signal"] is None:
        return None
    name = m.group(1) or m.group(3)
    if name != re.sub(r"[^A-Z0-9_]", "_", intent["signal"]["column"].upper()):
        return None
    kind = "signal_above" if m.group(4) == ">" else "signal_below"
    return kind, _number(m.group(5)), int(m.group(2)) if m.group(2) else None


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
            r.ask("Over what lookback should the volatility be measured: how many days (for example 60 days)?")
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


def _tranches(r: Reader, intent: dict) -> None:
    if intent["trade_over_days"] is not None:
        set_tranches(r, intent["trade_over_days"])


# ---- a switch: weights, schedule or band that change while a regime state, a signal level or turbulence holds ----

ASK_CHANGE = ("What should {} change (for example 'when the HMM says turbulent, rebalance weekly, otherwise "
              "monthly', or 'in the turbulent regime hold 30% SPY and 70% AGG, otherwise 60% SPY and 40% AGG')?")


def _switch(r: Reader, intent: dict) -> None:
    signal, switch = intent["signal"], intent["switch"]
    name = declare_signal(r, signal["column"], signal["stale_days"]) if signal else None
    if signal and signal["stale_days"] is None:
        assume_fresh(r, signal["column"])
    if switch is None:
        if signal:
            r.ask(f"How should the signal in column {signal['column']} set the target (for example 'if its 5-day "
                  "average is positive hold 70% SPY and 30% AGG, otherwise 30% SPY and 70% AGG')?")
        elif intent["regime_model"]:
            r.ask(ASK_CHANGE.format("the regime model"))
        return
    condition = _condition(r, intent, name)
    if condition is None:
        return
    changed = [_switch_weights(r, intent, condition), _switch_band(r, intent, condition),
               _switch_schedule(r, intent, condition)]
    if not any(changed) and not r.questions:
        r.ask(ASK_CHANGE.format(f"'{switch['condition']}'"))


def _condition(r: Reader, intent: dict, signal: str | None) -> str | None:
    """The switch's condition as .rbl (declaring the regime model or the turbulence series), or None after a
    question."""
    switch = intent["switch"]
    kind, threshold = switch["condition"], switch["threshold"]
    if kind == "high_volatility":
        return turbulence(r)
    if kind.startswith("signal_"):
        if signal is None:
            r.ask("Which data column holds the score (for example 'the sentiment score in column news_sentiment')?")
            return None
        if threshold is None:
            r.ask(f"{'Above' if kind == 'signal_above' else 'Below'} what level of the signal should the switch happen "
                  "(for example 'when it is positive')?")
            return None
        days = intent["signal"]["average_days"]
        series = f"sma({signal}, {days} days)" if days else signal
        return f"{series} {'>' if kind == 'signal_above' else '<'} {threshold:g}"
    return _regime_condition(r, intent, kind.removeprefix("regime_"), threshold)


def _regime_condition(r: Reader, intent: dict, state: str, threshold: float | None) -> str | None:
    if "model named" not in r.flags:
        r.ask("Which market regime is meant: a hidden Markov model (say 'an HMM of SPY's 20-day volatility and daily "
              "return'), or turbulent markets by volatility (say 'in turbulent markets')?")
        return None
    model = intent["regime_model"] or {"ticker": None, "volatility_days": None, "states": None, "fit": "expanding",
                                       "fit_years": None, "refit_months": None}
    states = _model(r, model)
    if states is None:
        return None
    if state == "normal" and states < 3:
        r.ask(f"A {states}-state model has no normal state (only calm and turbulent); which is meant, or should it "
              "have 3 states?")
        return None
    return f"{REGIME}.probability({state}) > {threshold:g}%" if threshold is not None else f"{REGIME} is {state}"


def _model(r: Reader, model: dict) -> int | None:
    """The regime model's declaration, each default left out said as the offline reader says it; its states."""
    held = [item for item in r.norm.assets]
    ticker = model["ticker"] or (held[0] if held else None)
    if ticker not in held:
        r.ask(f"Which asset's volatility should the regime model read ({', '.join(held)})?")
        return None
    days, states = model["volatility_days"] or 20, model["states"] or 3
    if model["volatility_days"] is None or model["ticker"] is None:
        r.assume(f"the model reads {ticker}'s {days}-day volatility and daily return (the volatility first, so 'calm' "
                 "is the lowest-volatility state)")
    if model["states"] is None:
        r.assume("a 3-state model (calm, normal, turbulent)")
    if model["fit_years"] is None:
        r.assume("first fitted once 3 years of data are known")
    if model["refit_months"] is None:
        r.assume("refitted every year")
    fit = f"fit {model['fit']} {_years(model['fit_years'] or 3)}"
    refit = _months(model["refit_months"] or 12)
    r.draft.regimes.append(model_line([f"vol({ticker}, {days} days)", f"return({ticker}, 1 day)"], states, "", fit,
                                      refit))
    return states


def _years(n: float) -> str:
    return f"{n:g} year{'s' if n != 1 else ''}" if float(n).is_integer() else f"{round(n * 12)} months"


def _months(n: int) -> str:
    return _years(n // 12) if n % 12 == 0 else f"{n} month{'s' if n != 1 else ''}"


def _switch_weights(r: Reader, intent: dict, condition: str) -> bool:
    weights = intent["switch"]["weights"]
    if not weights:
        return False
    if intent["scheme"] != "fixed":
        r.ask(f"What target weights should it hold when {condition} is false?")
        return True
    unweighted = [item["ticker"] for item in weights if item["weight_percent"] is None]
    if unweighted:
        r.ask(f"What target weight should {', '.join(unweighted)} have when {condition}?")
        return True
    r.draft.branches = [(condition, [(item["ticker"], f"{item['weight_percent']:g}%") for item in weights]),
                        (None, r.draft.weights)]
    return True


def _switch_band(r: Reader, intent: dict, condition: str) -> bool:
    size = intent["switch"]["band_size"]
    if size is None or r.questions:
        return False
    if intent["band_size"] is None:
        r.ask(f"How far may an asset drift when {condition} is false (for example '6 percentage points')?")
        return True
    unit = UNIT[intent["band_unit"]]
    r.draft.when = f"drift > (if {condition} then {size:g}{unit} else {intent['band_size']:g}{unit})"
    return True


def _switch_schedule(r: Reader, intent: dict, condition: str) -> bool:
    schedule = intent["switch"]["schedule"]
    if schedule == "none" or r.questions:
        return False
    if intent["schedule"] == "none":
        r.ask(f"How often should it rebalance when {condition} is false (for example 'monthly')?")
        return True
    rule = f"if {condition} then {CALENDAR.get(schedule, schedule)} else {CALENDAR.get(intent['schedule'], intent['schedule'])}"
    if r.draft.when and "drift" in r.draft.when:
        r.draft.check = rule
    else:
        r.draft.when = rule
    return True


def builder_defaults(intent: dict) -> set[str]:
    """Numbers the builder itself writes for slots left null (the regime model's 3 states and 3 years): grounding
    allows them, as it allows the phrase table's stated defaults."""
    switch = intent.get("switch") or {}
    if not str(switch.get("condition", "")).startswith("regime_"):
        return set()
    model = intent.get("regime_model") or {}
    return {"3"} if model.get("states") is None or model.get("fit_years") is None else set()
