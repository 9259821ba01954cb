"""Offline translator rules for schedules: calendar phrases, nth trading days, check cadences."""

from __future__ import annotations

import re

from rbl.dsl.english.phrases import NTH_TRADING_DAY, ORDINALS
from rbl.dsl.english.reader import CALENDAR_RE, Reader, calendar_of

CHECK_VERB = (r"(?:check(?:ed|s)?|look(?:ed|s)?|monitor(?:ed|s)?|review(?:ed|s)?|evaluate(?:d|s)?)"
              r"(?: (?:it|at it|the (?:portfolio|weights|drift|bands?)))?")
VAGUE = r"(?:regularly|periodically|from time to time|now and then|occasionally|sometimes|often)"


def read_schedules(r: Reader) -> None:
    """The check cadence ('check weekly'), then every calendar phrase; several different ones are a question."""
    if r.take(VAGUE):
        r.ask("How often should it rebalance (for example 'monthly'), or on what drift band?")
    check = (r.take_one(rf"{CHECK_VERB} {CALENDAR_RE}")
             or r.take_one(rf"(?:with )?{CALENDAR_RE} (?:checks|reviews|check-ins|monitoring)"))
    if check:
        r.draft.check = calendar_of(check.group(1))
    _calendar_date(r)
    found = _nth_days(r) + [calendar_of(m.group(1)) for m in r.take(rf"(?<![\w-]){CALENDAR_RE}(?![\w-])")]
    if "month-end" in r.flags and "monthly" in found:
        found = ["last trading day of month" if f == "monthly" else f for f in found]
        r.assume("month-end prices: decided on the last trading day of each month")
    _place(r, found)


def _calendar_date(r: Reader) -> None:
    """'the 5th of each month' is a calendar date; rbl counts trading days, so ask rather than guess."""
    m = r.take_one(r"(?:on )?the (\d+)(?:st|nd|rd|th)? (?:day )?(?:of|in) (?:each|every|the) month")
    if m:
        phrase = m.group().removeprefix("on ")
        n = int(m.group(1))
        r.ask(f"rbl schedules count trading days, not calendar dates: should '{phrase}' be the "
              f"{_nth(n, 'month').replace(' of month', '')} of each month (answer with that), or another schedule?",
              phrase=phrase)


def _nth_days(r: Reader) -> list[str]:
    numbers = {word: n for n, word in ORDINALS.items()}
    found = []
    for m in r.take(NTH_TRADING_DAY):
        n = numbers.get(m.group(1)) or int(re.match(r"\d+", m.group(1)).group())
        found.append("monthly" if n == 1 and m.group(2) == "month" else _nth(n, m.group(2)))
    return found


def _nth(n: int, period: str) -> str:
    if n == 1:
        return {"quarter": "quarterly", "year": "annually"}[period]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} trading day of {period}"


def _place(r: Reader, found: list[str]) -> None:
    """One schedule: the check cadence of a band, or the rebalancing calendar itself."""
    if len(set(found)) > 1:
        r.ask(f"The text names several schedules ({', '.join(sorted(set(found)))}); which one is meant?")
    elif found and r.draft.when:
        r.draft.check = found[0]
    elif found:
        r.draft.when = found[0]
    elif r.draft.check and not r.draft.when and not r.band_topic:
        r.draft.when, r.draft.check = r.draft.check, None
        r.assume(f"'checked {r.draft.when}' read as rebalancing {r.draft.when} (no drift band is given)")
