"""Offline translator rules for schedules: calendar phrases, nth trading days, check cadences."""

from __future__ import annotations

import re

from rbl.dsl.english.phrases import NTH_TRADING_DAY, ORDINALS
from rbl.dsl.english.reader import CALENDAR_RE, MASK, Reader, calendar_of, compiled

# 'control' is how several languages say check ('Control every day'); 'watch', 'inspect' and 'verify' too.
CHECK_VERB = (r"(?:check(?:ed|s|ing)?|(?:as )?observed|assess(?:ed|es)?|look(?:ed|s)?|monitor(?:ed|s)?|review(?:ed|s)?|evaluate(?:d|s)?"
              r"|control(?:led|s)?|watch(?:ed|es)?|inspect(?:ed|s)?|verif(?:y|ied|ies)"
              r"|reviewing|monitoring|assessing|evaluating|controlling|watching"
              # the check as a noun: 'the examination takes place daily', 'the review happens weekly'
              r"|(?:the |a )?(?:drift |band )?(?:examination|check|review|control|monitoring) (?:takes place|happens|is done|is carried out|occurs"
              r"|runs|is run))"
              r"(?: (?:it|at it|them|the (?:portfolio|weights|drift|bands?|allocation|positions|holdings|mix)|allocations|weights|"
              r"positions|holdings))?")       # 'staff review positions daily'
# 'often', but not the cap 'no more often than once a quarter' (read with the schedule it names)
VAGUE = r"(?:regularly|periodically|from time to time|now and then|occasionally|sometimes|(?<!more )(?<!less )often)"


# 'the volatility of daily returns': a period that says what is measured, not when to trade
_NOT_A_MEASURE = r"(?! (?:returns?|rets|volatility|vol)\b)"


def read_schedules(r: Reader) -> None:
    """The check cadence ('check weekly'), then every calendar phrase; several different ones are a question."""
    r.take(r"\b(?:tbd|tba|to be (?:decided|determined|confirmed)|not sure yet|undecided)\b")    # the schedule is then asked
    if r.take(VAGUE):
        r.ask("When should it rebalance: how often (for example 'monthly'), or on what drift band?")
    # what is checked may come first: 'band checked daily'
    check = (r.take_one(rf"(?:(?<![\w-])(?:the )?(?:bands?|drift) )?{CHECK_VERB} (?:(?:on|at) )?(?:the |any |each |every )?{CALENDAR_RE}"
                        rf"(?![\w-]| (?:start|beginning)\b)")
             # (not inside a word: 'semiannual check' is no annual one)
             or r.take_one(rf"(?<![\w-])(?:with )?{CALENDAR_RE} (?:checks?|checking|reviews?|reviewing|check-ins?|monitoring)(?![\w-])"))
    if check:
        r.draft.check = calendar_of(check.group(1))
    else:
        _check_weekday(r)
    _data_cadence(r)
    _not_schedules(r)
    # the month of a yearly rebalance in brackets, set off by commas once normalized: 'annual rebal (january)'
    r.text = re.sub(r"\b((?:annual|annually|yearly|once a year)(?: rebalanc\w*)?), (january|jan)(?=[,;.]|$)", r"\1 in \2", r.text)
    # 'trading day 10 of every month' is its 10th trading day, no calendar date
    r.text = re.sub(r"\btrading day (\d+) (?=(?:of|in) (?:each|every|the) (?:week|month|quarter|year)\b)",
                    lambda m: f"{m.group(1)}{_suffix(int(m.group(1)))} trading day ", r.text)
    dated = _calendar_date(r)
    _nth_weekday(r)
    months = _month_names(r) + _nth_day_of_january(r)      # before 'once a year on the 5th trading day' takes its day
    _never(r)
    spaced = _spaced(r)
    found = dated + months + spaced + _corrected_day(r) + _period_starts(r) + _said_twice(r) + _nth_days(r)
    plain = r.take(rf"(?<![\w-]){CALENDAR_RE}(?![\w-]){_NOT_A_MEASURE}")
    found += [calendar_of(m.group(1)) for m in plain]
    found = _day_said_apart(r, found, [m.group(1) for m in plain if re.fullmatch(BARE_PERIOD, m.group(1))])
    _first_day_restated(r, found)
    _last_day_restated(r, found)
    _said_around(r, found)
    _instead_of_first(r, found)
    _first_days_skipped(r, found)
    _days_into(r, found)
    _kept_to(r, found)
    _day_avoided(r, found)
    if "month-end" in r.flags and "monthly" in found:
        found = ["last trading day of month" if f == "monthly" else f for f in found]
        r.assume("month-end prices: decided on the last trading day of each month")
    _place(r, found)


PERIOD_CALENDAR = r"((?:every|each|once a|once per|(?:1|one) time (?:a|per|each|every)) (month|quarter|year)|monthly|quarterly|annually|yearly)"


def _said_twice(r: Reader) -> list[str]:
    """A calendar and its day said apart ('every month, first day', 'end of each year (last trading day)', 'every
    Friday at the close of the week'), and 'one time per year': one schedule, read once."""
    found = []
    ordinal = r"(first|1st|\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS.values()) + ")"
    reversed_ = r.take(rf"(?:on |at )?(?:the )?{ordinal} (?:trading|business) day,? {PERIOD_CALENDAR}(?![\w-])")
    for m in reversed_:           # 'the 3rd trading day, every month'
        n, period = _ordinal(m.group(1)), _periodic(m.group(2))
        found.append(period if n == 1 else _nth(n, PERIOD_NOUN[period]))
    for m in r.take(rf"{PERIOD_CALENDAR}(?: rebalanc\w*)?,? (?:on |at )?(?:the )?{ordinal} (?:(?:trading|business) )?day"
                    rf"(?: of (?:the|each|every) (?:month|quarter|year))?(?![\w-])"):
        period = _periodic(m.group(1))
        if re.search(r" of (?:the|each|every) (?!" + PERIOD_NOUN[period] + ")", m.group()):
            r.ask(f"Which schedule is meant by '{m.group()}'?", phrase=m.group())
            continue
        n = _ordinal(m.group(3))
        if n != 1 and not re.search(r"trading|business", m.group()):      # 'monthly, the 5th day': a date, maybe
            r.ask(f"rbl schedules count trading days, not calendar dates: should '{m.group()}' be the "
                  f"{_nth(n, PERIOD_NOUN[period])} (answer with that), or another schedule?", phrase=m.group())
            continue
        found.append(period if n == 1 else _nth(n, PERIOD_NOUN[period]))
    # 'once a month, on the last trading day': the period's last trading day
    for m in r.take(rf"{PERIOD_CALENDAR}(?: rebalanc\w*)?,? (?:on |at )?the last (?:trading |business )?day"
                    rf"(?: of (?:the|each|every) (?P<of>month|quarter|year))?(?![\w-])"):
        noun = PERIOD_NOUN[_periodic(m.group(1))]
        if m.group("of") and m.group("of") != noun:
            r.ask(f"Which schedule is meant by '{m.group()}'?", phrase=m.group())
            continue
        found.append(f"last trading day of {noun}")
    for m in r.take(r"(?:(?:at|on|by) )?(?:the )?end of (?:each|every|the) (month|quarter|year),? \(?(?:on )?(?:the )?last "
                    r"(?:trading |business )?day(?: of (?:the|each|every) \1)?\)?"):
        found.append(f"last trading day of {m.group(1)}")
    for m in r.take(rf"(?:every|each|on) fridays?,? (?:at|by) the (?:close|end) of the (?:trading )?week"):
        found.append("weekly on friday")
    found += [_periodic(m.group()) for m in r.take(r"(?:1|one) time (?:a|per|each|every) (?:month|quarter|year)")]
    return found


PERIOD_NOUN = {"monthly": "month", "quarterly": "quarter", "annually": "year"}
# A calendar said without its day: 'weekly', 'every month', 'once a quarter'.
BARE_PERIOD = r"(?:weekly|monthly|quarterly|annually|annual|yearly|(?:each|every|once a|once per) (?:week|month|quarter|year))"


def _period_of(rule: str) -> str | None:
    """The period a calendar rule falls in once each: 'weekly on thursday' -> week, '3rd trading day of month' ->
    month; None for a spaced rule ('... and days since rebalance >= 45') or daily."""
    if "since rebalance" in rule:
        return None
    if rule.startswith("weekly on"):
        return "week"
    return PERIOD_NOUN.get(rule) or (rule.rsplit(" of ", 1)[1] if " trading day of " in rule else None)


def _day_said_apart(r: Reader, found: list[str], bare: list[str]) -> list[str]:
    """'weekly rebalancing ... rebalance every Thursday', 'monthly ... on the 3rd trading day of each month': a period
    said bare and, elsewhere, the one day in it; one schedule, on that day. Two days in one period stay a question."""
    explicit = list(found)
    for phrase in bare:
        explicit.remove(calendar_of(phrase))
    for phrase in bare:
        rule = calendar_of(phrase)
        days = {f for f in explicit if _period_of(f) == _period_of(rule)}
        if len(days) == 1 and rule not in days:
            day = days.pop()
            found = [day if f == rule else f for f in found]
            r.assume(f"'{phrase}' and '{day}' read as one schedule: {day}")
    return found


def _first_day_restated(r: Reader, found: list[str]) -> None:
    """'look once a month on the first trading day', 'monthly = first trading day?', 'quarterly it is (first trading
    day)': the first day of a month, quarter or year calendar is its default day, said again."""
    schedules = found + ([r.draft.check] if r.draft.check else [])
    if schedules and all(s in PERIOD_NOUN for s in schedules):
        r.take(r"(?:(?<=\s)=\s*|\b(?:on|at) )?(?:the )?(?:very )?\b(?:first|1st) (?:(?:trading|business) )?day"
               r"(?! (?:of|in)\b)(?![\w-])")
        # the day moved to the next trading day when the date is not one: 'on the 1st (or next trading day)', 'or the
        # next business day if it's a holiday': the first trading day of the period, which the calendar is
        r.take(rf"[,;]? ?\(?(?:or|else) (?:on )?(?:the )?(?:next|following|1st|first) (?:trading|business|market|open) day"
               rf"(?: after(?: it| that)?)?(?: (?:if|when) (?:it'?s|it is|that'?s|that is|the 1st is) (?:a )?(?:holiday|weekend|"
               rf"not a (?:trading|business) day|closed))?\)?(?![\w-])")
    if schedules == ["monthly"]:
        # 'monthly on the 1st': the month's first day, moved to its first trading day as the calendar does
        r.take(r"\b(?:on|at) the (?:1st|first)(?! (?:trading|business|week|monday|tuesday|wednesday|thursday|friday|of|quarter|year))"
               r"(?![\w-])")
DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def _last_day_restated(r: Reader, found: list[str]) -> None:
    """'at each month end (the last trading day)', 'on the last trading day of every quarter, right before the quarter
    closes': the day of a period-end calendar, said again."""
    schedules = set(found + ([r.draft.check] if r.draft.check else []))
    if len(schedules) == 1 and next(iter(schedules)).startswith("last trading day of "):
        period = next(iter(schedules)).removeprefix("last trading day of ")
        # 'at month end (last trading day)', 'year end - last business day', 'quarter-end, i.e. the last trading day of
        # the quarter': the same day, said again in brackets, after a dash or a comma
        r.take(rf"(?:[,;:]|\s[-\u2013\u2014])? ?\(?(?:i\.e\.,? |that is,? |= ?|so )?(?:on )?(?:the )?(?:very )?last trading day"
               rf"(?: of (?:the|each|every) {period})?\)?(?! of)(?![\w-])")
        r.take(rf",? ?\(?(?:i\.e\.,? |that is,? |so )?(?:right |just |shortly |immediately )?before the {period} "
               r"(?:closes|ends|is over|finishes|rolls over)\)?(?![\w-])")


def _check_weekday(r: Reader) -> None:
    """A check on a bare weekday, as tickets write it: 'review wednesday only', 'check thursdays'."""
    m = r.take_one(rf"{CHECK_VERB} (?:on )?({'|'.join(WEEKDAYS)})s?(?: only)?(?![\w-])")
    if m:
        r.draft.check = f"weekly on {m.group(1)}"
# How a writer takes back a word just said: 'on Sunday... sorry, Monday', 'every Sunday, no wait, every Monday'.
CORRECTION = r"(?:no wait|wait,? no|sorry|i mean|oops|correction|scratch that|make that|no)"


def _corrected_day(r: Reader) -> list[str]:
    """'weekly on Sunday... sorry, Monday': the weekday the writer corrected to, said; a correction to a day with no
    trading is a question (a weekend day said alone is left unread: the reader names it in its question)."""
    found = []
    for m in r.take(rf"(?:rebalanc\w* )?(?:weekly,? )?(?:(?:on|every|each) )?{DAY}s?(?: night| morning| evening)?"
                    rf"(?:\.\.\.|\s*[-,;.])? ?(?:{CORRECTION}[,.!]? ?)+(?:(?:on|every|each) )?(?P<day>{DAY})s?(?![\w-])"):
        day = m.group("day")
        if day in ("saturday", "sunday"):
            r.ask(f"rbl calendars count trading days and have no {day.capitalize()} ('{m.group()}'): should it be weekly "
                  "on Monday (the next trading day) or on Friday?", phrase=m.group())
            continue
        found.append(f"weekly on {day}")
        r.assume(f"'{m.group()}' read as the day the writer corrected to: weekly on {day.capitalize()}")
    return found


def _period_starts(r: Reader) -> list[str]:
    """'at each month start', 'first trading day of the week' (the language's own '1st trading day of week'), 'the first
    trading day of January' (no 'the' needed);
    after a check verb ('check at each month start') the check cadence."""
    found = []
    # not 'the month-start rush': a time the text names for another reason (`_instead_of_first`)
    starts = ((r"(?:(?:each|every|the) )?(?P<period>month|quarter|year)[- ](?:start|beginning)"
               r"(?! (?:flows?|rush|chaos|noise|effects?|volumes?|liquidity|crowds?))", None, r"(?:start|beginning)\b"),
              (r"(?:the )?(?:(?:first|1st) (?:trading |business )?day|start|beginning) of (?:the|each|every) (?:trading )?week",
               "1st trading day of week", r"\bweek\b"),
              (r"(?:the )?(?:first|1st) (?:trading |business )?day (?:of|in) january(?: (?:each|every) year)?", "annually",
               "january"))
    for pattern, rule, word in starts:
        if not re.search(word, r.text):        # the check verb in front makes each pattern slow to try everywhere
            continue
        # 'weekly, on the first trading day of each week' is the canonical English of 'weekly on monday'
        for m in r.take(rf"(?P<weekly>weekly,? )?(?P<check>{CHECK_VERB} )?(?:(?:at|on) )?{pattern}(?![\w-])"):
            calendar = rule or PERIODIC[m.group("period")]
            if m.group("weekly"):
                found.append("weekly on monday")
                if calendar == "1st trading day of week":
                    continue
            if m.group("check") and not r.draft.check:
                r.draft.check = calendar
            else:
                found.append(calendar)
    return found


def _said_around(r: Reader, found: list[str]) -> None:
    """Words around a calendar that add nothing to it: 'please perform it at <calendar>', 'every Wednesday of the week',
    'every Friday close' or 'every day after close' (the decision is at the close, the default)."""
    if not found and not r.draft.check:
        return
    r.take(rf"(?<!n't )(?<!not )(?<!never )(?<![\w-])(?:please,? )?(?:perform|do|redo|re-do|carry out|execute) (?:it|this|them|the rebalanc\w*)"
           rf"(?: (?:at|on|in))?(?: the)?(?= ?{MASK})")
    # 'monthly rebalancing as before', 'rebalanced quarterly, as usual': the schedule said is the one kept
    r.take(rf"(?<={MASK})(?: rebalanc(?:e|es|ed|ing))?,? (?:just )?(?:as|like) (?:before|usual|always|now)(?![\w-])")
    if any(f.startswith("weekly") for f in found):
        r.take(rf"(?<={MASK}) of (?:the|each|every) (?:trading )?week(?![\w-])")
    # not 'at the close': that may be when to trade (`trade at close`), so it is left to the rule that reads it
    close = r.take_one(rf"(?<={MASK})(?:,? after (?:the )?(?:market )?| )close(?![\w-])")
    # a check said at the close ('checked daily on the close') is the decision's time; a schedule's may be the fill's
    if r.draft.check and not found:
        close = close or r.take_one(rf"(?<={MASK}),? (?:at|on) (?:the )?(?:market(?:'s)? )?close(?![\w-])")
    if close:
        r.assume(f"'{close.group().strip(' ,')}' read as deciding on that day's close (the default); orders fill at the next "
                 "open (say 'trade at the close' to fill at it)")


def _ordinal(word: str) -> int:
    """'third' or '3rd' -> 3."""
    return {w: n for n, w in ORDINALS.items()}.get(word) or int(re.match(r"\d+", word).group())


def _periodic(phrase: str) -> str:
    period = re.search(r"month|quarter|year|annual", phrase).group()
    return {"month": "monthly", "quarter": "quarterly", "year": "annually", "annual": "annually"}[period]


def _instead_of_first(r: Reader, found: list[str]) -> None:
    """'on the last trading day of each month instead of the 1st', 'avoids the turn-of-month flows': the first is the
    day not meant, and why."""
    if found and all(f.endswith((" of month", " of quarter", " of year")) for f in found):
        r.take(r",? (?:instead of|rather than|not)(?: on)? (?:the )?(?:1st|first)(?: (?:trading |business )?day)?"
               r"(?: of (?:the|each|every) (?:month|quarter|year))?(?![\w-])")
        r.take(rf"(?:avoids|dodges|misses|sidesteps|skips) (?:the )?{_PERIOD_TURN} {_TURN_NOISE}(?![\w-])")
        # 'after the New Year noise settles', 'once the month-start rush dies down': why that day, not another rule
        r.take(rf",? ?(?:after|once|when) (?:the )?{_PERIOD_TURN} {_TURN_NOISE} (?:settles|dies down|calms down|"
               r"has (?:settled|passed|died down|calmed down)|is over|passes)(?![\w-])")


def _first_days_skipped(r: Reader, found: list[str]) -> None:
    """'the 3rd trading day of every month, skip the first two bc of the month-start flows': the days before the nth
    trading day, said as skipped, are that day again (and why); a count that does not lead to it is asked."""
    nth = [int(m.group(1)) for f in found if (m := re.fullmatch(r"(\d+)\w\w trading day of (?:month|quarter|year)", f))]
    if len(nth) != 1:
        return
    m = r.take_one(rf"[,;]? ?(?:and |so |i\.e\.,? )?(?:we |i )?(?:skip|skipping|avoid|avoiding|sit out|sitting out|miss|missing) "
                   rf"the first (\d+)(?:-days?| (?:trading |business )?days?)?(?: of (?:the|each|every) (?:month|quarter|year))?"
                   rf"(?: (?:bc|b/c|because|due to|since|given|to avoid|to dodge)(?: of)? (?:the )?{_PERIOD_TURN} {_TURN_NOISE})?(?![\w-])")
    if m and int(m.group(1)) != nth[0] - 1:
        r.ask(f"The text rebalances on trading day {nth[0]} but skips the first {m.group(1)} days ('{m.group().strip(' ,;')}'); "
              "which trading day is meant?", phrase=m.group().strip(" ,;"))


# the turn of a period, whose flows a writer times the rebalance around
_PERIOD_TURN = (r"(?:turn[- ]of[- ](?:the[- ])?(?:month|year)|(?:month|quarter|year)[- ]start|new[- ]year|"
                r"start[- ]of[- ](?:the[- ])?(?:month|quarter|year))")
_TURN_NOISE = r"(?:flows?|rush|chaos|noise|effects?|volatility|madness)"


def _days_into(r: Reader, found: list[str]) -> None:
    """'a few days into the month': the nth trading day the text gives, or a question."""
    m = r.take_one(r"(?:rebalanc\w* )?(?:a few|some|several|a couple of) (?:trading |business )?days into (?:the|each|every) month")
    if m and not any(re.fullmatch(r"\d+\w\w trading day of month", f) for f in found):
        r.ask(f"On which trading day of the month should it rebalance for '{m.group()}' (for example 'the 3rd trading "
              "day of each month')?", phrase=m.group())


# the time between the dates a calendar names: 'during the year', 'the rest of the quarter', 'in the meantime'
_MEANWHILE = (r"(?:during|within|through(?:out)?|over) the (?:year|quarter|month|week)|(?:for |during )?the rest of the "
              r"(?:year|quarter|month|week|time)|in the meantime|meanwhile")


def _kept_to(r: Reader, found: list[str]) -> None:
    """'she doesn't want it touched more than that', 'that's it; no other trading' beside a schedule: the schedule
    again, no fact of its own; and why ('..., she panics')."""
    if found:
        r.take(r",? ?(?:(?:she|he|i|we|they) (?:doesn'?t|does not|don'?t|do not) want (?:it|them|the account) (?:touched|traded|"
               r"rebalanced|moved)|(?:don'?t|do not) touch(?: it| them)?) (?:more (?:often )?than that|in between)(?![\w-])"
               r"(?:,? (?:because |as |since )?(?:she|he|i|we|they) (?:panics?|gets? (?:nervous|anxious|scared|twitchy)|"
               r"worr(?:y|ies)|freaks? out)(?![\w-]))?")
        r.take(rf"(?:(?:that is|that's) it[;:,.]? )?(?:no|zero|nothing) (?:other|else|further|extra) (?:trading|trades|rebalancing|"
               rf"rebalances)(?: (?:in between|between|otherwise|outside (?:of )?(?:that|this|those|these)|{_MEANWHILE}))?(?![\w-])"
               r"(?!,? (?:unless|except|but|apart|save|if|when))|"
               rf"no (?:trading|trades|rebalancing) (?:in between|otherwise|outside (?:of )?(?:that|this|those|these)|{_MEANWHILE})(?![\w-])"
               r"(?!,? (?:unless|except|but|apart|save|if|when))")
        # 'leave it alone otherwise', 'hands off in between': the same said with its 'otherwise' last
        r.take(r",? ?(?:and )?(?:(?:i|we) )?(?:leave (?:it|them|the portfolio|the account|everything) alone|(?:don'?t|do not|never) touch "
               rf"(?:it|them|anything)|(?:it'?s |it is )?hands off) (?:otherwise|in between|between rebalances|{_MEANWHILE})(?![\w-])"
               r"(?!,? (?:unless|except|but|apart|save|if|when))")
        # 'and otherwise leave it alone', 'other than that hands off', 'in between I don't touch it'
        r.take(r",? ?(?:and )?(?:otherwise|other than that|apart from that|besides that|in between|between rebalances),? "
               r"(?:(?:i|we) )?(?:leave (?:it|them|the portfolio|the account|everything) alone|(?:don'?t|do not|never) touch (?:it|them|"
               r"anything)|(?:it'?s |it is )?hands off|(?:do )?nothing|let (?:it|them) (?:ride|run|be|sit|drift))(?![\w-])"
               r"(?!,? (?:unless|except|but|apart|save|if|when))")
        _no_band(r)
        # 'I don't want it traded more than once a quarter': a cap whose calendar was read into `found` above
        r.take(r"(?:(?:honestly|frankly),? )?(?:she|he|i|we|they) (?:doesn'?t|does not|don'?t|do not) want (?:it|them|the account) "
               r"(?:touched|traded|rebalanced|moved) more (?:often )?than(?= \u00a6)")


_BAND_WORD = r"\b(?:drifts?|bands?|thresholds?|tolerances?|triggers?)\b"


def _no_band(r: Reader) -> None:
    """'no drift trigger', 'no bands', 'no threshold' beside a calendar: the calendar alone, when the text speaks of no
    band anywhere else (a band said too is left for the reader to ask about)."""
    m = r.find(r"(?<![\w-])no (?:drift |rebalancing |rebalance )?(?:triggers?|bands?|thresholds?|tolerances?)(?=\s*(?:[,.;:!]|$))")
    if m and not any(not m.start() <= w.start() < m.end() for w in re.finditer(_BAND_WORD, r.norm.text)):
        r.mask(m)


EVENT = r"(?:meet(?:ing)?|met|call|chat|spoke|talked|conversation|lunch|coffee)"    # not review: a check cadence
PAY = r"(?:salar(?:y|ies)|pensions?|pay(?:check|cheque)?s?|wages?|income)"

# Beside a schedule, another day named as one to avoid, and why ('because the salary day of our company is 25th, the 1st
# business day is busy for me', 'monday is too noisy after weekend news'): the day not meant, no fact of its own.
_BUSY_DAY = r"(?:the )?(?:(\d+)(?:st|nd|rd|th)(?: (?:trading |business )?day)?|(monday|tuesday|wednesday|thursday|friday)s?)"
_BUSY = (r"(?:is|are|gets) (?:always |usually |often |too |very |really |just )*(?:busy|hectic|noisy|chaotic|chaos|crazy|bad|"
         r"inconvenient|a bad day|difficult|mad|a zoo|a mess|volatile|illiquid)(?: lol)?"
         r"(?: for (?:me|us))?(?: (?:after|because of|with) (?:the )?(?:weekend|payday|month-end|salary) (?:news|flows?|rush))?")
_WHY_BUSY = (rf"(?:because|since|as)(?: of)? (?:the |our |my )?{PAY} ?days? (?:of (?:our|my|the) (?:company|employer|firm) )?"
             rf"(?:is|are|falls on|comes on) (?:the |on the )?\d+(?:st|nd|rd|th)?,? (?:so )?")


def _day_avoided(r: Reader, found: list[str]) -> None:
    """Only a day the schedule is not: a busy day that is the schedule's own day stays, to be asked about."""
    for m in re.finditer(rf"(?:{_WHY_BUSY})?{_BUSY_DAY} {_BUSY}(?![\w-])", r.text):
        day = f"{m.group(1)}{_suffix(int(m.group(1)))} trading day" if m.group(1) else m.group(2)
        if found and not any(day in f or _starts_on(f, day) for f in found):
            r.mask(m)


def _starts_on(rule: str, day: str) -> bool:
    """'monthly' trades on the 1st trading day, 'weekly' on monday: those days are the schedule's own."""
    return (day == "1st trading day" and rule in ("monthly", "quarterly", "annually")) or (day == "monday" and rule == "weekly")


def _suffix(n: int) -> str:
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")


def _not_schedules(r: Reader) -> None:
    """Days named as events, not dates to trade: 'thank you for meeting with us on Tuesday', 'after the chat we had last
    Thursday'; and, beside the nth trading day, why it was chosen: 'since our salaries arrive at the start of the month'."""
    r.take(rf"(?:(?:after|since|following|from|during|at|in) (?:the|our|my|your|that|this) )?"
           rf"{EVENT}(?: [\w']+){{0,6}} (?:on|last|this past) (?:{'|'.join(WEEKDAYS)})(?![\w-])")
    # the day a memo was written: 'Memo, Thursday night.', 'notes (friday):'
    r.take(rf"(?<![\w-])(?:memo|note|notes|minutes|update|voice memo|recording)[,:(-]? ?(?:written |sent |from )?(?:on )?"
           rf"(?:{'|'.join(WEEKDAYS)})(?: (?:night|morning|evening|afternoon))?(?![\w-])\)?")
    if r.find(NTH_TRADING_DAY):
        r.take(rf"(?:since|because|as|cuz) (?:our |my |the )?{PAY} (?:arrives?|comes? in|lands?|(?:is|are|gets?) paid)"
               rf" (?:at|on|in) (?:the )?(?:start|beginning|first days?|1st)(?: of (?:the|each|every) month)?"
               rf"|(?:since|because|as|cuz) (?:at|on|in) the (?:start|beginning|first days?)(?: of the month)? (?:our |my |the )?"
               rf"{PAY} (?:arrives?|comes? in|lands?|(?:is|are|gets?) paid)"
               # 'i receive my pension on the 1st', 'after the pension has arrived'
               rf"|(?:i |we )?(?:receive|get|am paid|are paid) (?:my |our |the )?{PAY} on the (?:1st|first)(?: of (?:the|each|every) month)?"
               rf"|,? ?(?:after|once|when) (?:the |my |our )?{PAY} (?:has |have )?(?:arrived|come in|landed|been paid)(?![\w-])")


def _data_cadence(r: Reader) -> None:
    """'a score in column x, kept fresh daily': how often a signal's data is written, not when to rebalance."""
    # 'vol of daily returns', 'from daily closes': the bars a measure is taken on (rbl's bars are daily), no schedule
    r.take(r"\b(?:of|on|from) daily (?:log )?(?:returns?|closes?|closing prices|prices|data|bars)\b")
    if r.draft.signals or re.search(r"\bcolumn\b", r.norm.text):
        r.take(r",? (?:kept (?:fresh|up to date|current)|refreshed|re-?computed|published) (?:daily|every (?:trading )?day|each day)"
               r"(?![\w-])")


def _calendar_date(r: Reader) -> list[str]:
    """'the 5th of each month' is a calendar date; rbl counts trading days, so ask rather than guess. The 1st is no
    guess: a 1st that is no trading day trades on the next one, the period's first trading day."""
    # not the day said after another period ('every quarter, first day of the month'): `_said_twice` asks about both
    m = r.take_one(r"(?<!quarter, )(?<!year, )(?<!month, )(?:on )?(?:the )?(\d+|first)(?:st|nd|rd|th)? (?:day )?(?:of|in) "
                   r"(?:each|every|the) (month|quarter|year)")
    if not m:
        return _first_of_a_month(r)
    phrase, period = m.group().removeprefix("on "), m.group(2)
    n = 1 if m.group(1) == "first" else int(m.group(1))
    if n == 1:
        r.assume(f"'{phrase}' read as the first trading day of each {period} (a 1st that is no trading day trades on "
                 "the next)")
        return [PERIODIC[period]]
    r.ask(f"rbl schedules count trading days, not calendar dates: should '{phrase}' be the "
          f"{_nth(n, period).replace(' of ' + period, '')} of each {period} (answer with that), or another schedule?",
          phrase=phrase)
    return []


def _first_of_a_month(r: Reader) -> list[str]:
    """'rebalance on the 1st (or next trading day)': a bare 1st said to move to the next trading day is a date in a
    month, each month's first trading day; without that the 1st may be of anything (a question names it)."""
    m = r.find(r"(?:on )?(?:the )?(?:1st|first)(?=,? ?\(?(?:or|else) (?:on )?(?:the )?(?:next|following) (?:trading|business|"
               r"market|open) day)")
    if not m:
        return []
    r.mask(m)
    r.assume(f"'{m.group().removeprefix('on ')}' read as the first trading day of each month (a 1st that is no trading day "
             "trades on the next)")
    return ["monthly"]


PERIODIC = {"month": "monthly", "quarter": "quarterly", "year": "annually"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
# Spacing in calendar days after the last rebalance that turns a weekly or monthly calendar into one that
# fires every other time: weekly fires 4 to 9 days apart, so '>= 10' skips one week and never two; month
# starts are 28 to 35 days apart ('>= 45' skips one month); quarter starts 89 to 93 ('>= 100' skips one).
EVERY_OTHER = r"(?:every (?:other|2(?:nd)?|second)|once every 2|each other|(?:once )?every 2)"


def _spaced(r: Reader) -> list[str]:
    """'every two weeks', 'biweekly', 'twice a year', 'every 6 months': a calendar that skips every other date,
    spaced by the calendar days since the last rebalance (said as an assumption)."""
    day = r"(?:,? on (" + "|".join(WEEKDAYS) + r")s?)?"
    if r.take(r"\bbi-?weekly\b"):        # every two weeks, or twice a week: writers of the dev set read it both ways
        r.ask("Does 'biweekly' mean every two weeks or twice a week? Say 'every two weeks' or name the two weekdays.")
        return []
    # every two months, or twice a month: asked too, never read as monthly (nor skipped as an unknown word)
    bimonthly = r.take_one(r"\b(?:bi|semi)-?monthly\b")
    if bimonthly:
        r.ask(f"Does '{bimonthly.group()}' mean every two months or twice a month? Say 'every other month' or name the two "
              "days (for example the 1st and the 15th trading day of each month).", phrase=bimonthly.group())
        return []
    weeks = r.take_one(rf"(?:{EVERY_OTHER} weeks?|fortnightly|every fortnight)(?: rebalanc\w*)?{day}"
                       # the weekday itself every other week: 'every other friday'
                       rf"|{EVERY_OTHER} ({'|'.join(WEEKDAYS)})(?![\w-])")
    if weeks:
        name = weeks.group(1) or weeks.group(2) or "monday"
        r.assume(f"'{weeks.group().strip()}' read as every other {name.capitalize()}: weekly on {name.capitalize()}, "
                 "at least 10 calendar days after the last rebalance")
        return [f"weekly on {name} and days since rebalance >= 10"]
    months = r.take_one(rf"{EVERY_OTHER} months?")
    if months:
        r.assume(f"'{months.group()}' read as every other month start: monthly, at least 45 calendar days after the "
                 "last rebalance")
        return ["monthly and days since rebalance >= 45"]
    plain = r.take_one(r"every (3|12)[- ]months?")
    if plain:
        rule = {"3": "quarterly", "12": "annually"}[plain.group(1)]
        r.assume(f"'{plain.group()}' read as {rule}: the first trading day of each {'quarter' if rule == 'quarterly' else 'year'}")
        return [rule]
    half = r.take_one(r"twice (?:a|per|each|every) year|twice yearly|semi-?annual(?:ly)?|bi-?annual(?:ly)?|"
                      r"(?:once )?every (?:6 months|half[- ]year)|every other quarter|half-?yearly")
    if half:
        r.assume(f"'{half.group()}' read as every other quarter start (January and July once it runs half-yearly): "
                 "quarterly, at least 100 calendar days after the last rebalance")
        return ["quarterly and days since rebalance >= 100"]
    return []


MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
# the short names traders list months by ('Jan/Apr/Jul/Oct'); 'may' is its own short name
_MONTH_ABBREVIATIONS = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
                        "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
                        "nov": "november", "dec": "december"}
_MONTH = rf"(?:{MONTHS}|(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.?(?![\w-]))"
# The months rbl's quarter calendars trade in: the first trading day of each quarter falls in January, April, July and
# October, the last one in March, June, September and December.
_QUARTER_MONTHS = {"start": {"january", "april", "july", "october"}, "end": {"march", "june", "september", "december"}}
_MONTH_START = r"(?P<start>(?:at |on |in )?(?:the )?(?:start|beginning|first (?:trading |business )?day|(?:1st|first) week) of )"
_MONTH_END = r"(?P<end>(?:at |on |in )?(?:the )?(?:end|close|last (?:trading |business )?day) of )"


def _month_names(r: Reader) -> list[str]:
    """'at the beginning of January, April, July and October' is quarterly, 'at the end of March, June, September and
    December' the last trading day of each quarter; any other months ('in January and July') are a question naming
    the phrase: rbl calendars have no month names."""
    m = r.take_one(rf"(?:{_MONTH_START}|{_MONTH_END}|(?P<plain>(?:in|every|each|on) ))?(?:{_MONTH})"
                   rf"(?:(?:,? and |, |/| & |-)(?:{_MONTH}))+")
    if not m:
        return []
    months = {_MONTH_ABBREVIATIONS.get(word.rstrip("."), word.rstrip("."))
              for word in re.findall(rf"{_MONTH}", m.group().split(" of ")[-1])}
    if months == _QUARTER_MONTHS["start"] and not m.group("end"):
        r.assume(f"'{m.group()}' read as quarterly: the first trading day of each quarter")
        return ["quarterly"]
    if months == _QUARTER_MONTHS["end"] and m.group("end"):
        r.assume(f"'{m.group()}' read as the last trading day of each quarter")
        return ["last trading day of quarter"]
    r.ask(f"rbl calendars have no month names: should '{m.group()}' be quarterly, twice a year (every other quarter "
          "start), or annually?", phrase=m.group())
    return []


# 'we don't rebalance on a fixed schedule', 'not on a calendar': beside a drift rule, what it is not
_NO_CALENDAR = (r"(?:(?:we |i )?(?:don'?t|do not|never|won'?t) rebalance|(?:and )?not|rather than(?: trading| rebalancing)?) (?:on|by) (?:a |the )?(?:fixed |set |regular |"
                r"preset )?(?:schedule|calendar|date)s?"
                # 'no calendar rebalancing needed', 'no scheduled rebalance'
                r"|no (?:calendar|scheduled|periodic|time-based|fixed[- ]date)(?:[- ]based)? (?:rebalanc(?:ing|es?)|trades|trading)"
                r"(?: (?:is |are )?(?:needed|required|necessary|wanted))?"
                # 'I'd rather not touch it on a schedule', 'I don't want to rebalance on a calendar' (never 'I'd like to ...')
                r"|(?:(?:and )?(?:i|we) )?(?:'?d rather not|would rather not|(?:'?d )?prefer not to|(?:don'?t|do not) (?:want|need|like) to)"
                r" (?:touch|trade|rebalance|adjust) (?:it |them |this |the (?:portfolio|bag|basket|book) )?(?:on|by) (?:a |any )?"
                r"(?:fixed |set |regular |preset )?(?:schedule|calendar)"
                # 'no calendar', 'no schedule', 'no fixed schedule' said alone
                r"|(?<![\w-])no (?:fixed |set |regular |preset )?(?:calendar|schedule)(?=\s*(?:[,.;:!]|$|\u00a6))")
# what follows 'don't rebalance' when it is not a never: a reason or a condition ('don't rebalance on one fund's drift',
# 'don't rebalance unless ...', 'never rebalance more than once a month')
_NOT_A_NEVER = (r"(?! (?:on|because|for|just|unless|if|when|only|based|according|by|until|before|more|too|without|at|every|each|"
                r"daily|weekly|monthly|as|in|over|under|below|above|less)\b)")


def _never(r: Reader) -> None:
    """'never rebalance', 'buy and hold': the targets are bought once and never traded again."""
    if r.draft.when and "drift" in r.draft.when:
        r.take(_NO_CALENDAR)
    if r.take_one(rf"(?:and )?(?:never|don'?t|do not|won'?t) (?:ever )?rebalance(?: it| them)?(?: again| after that)?{_NOT_A_NEVER}|"
                  r"buy[- ]and[- ]hold"):
        if r.draft.when:
            r.ask("The text says to never rebalance and also gives a rebalancing rule; which one is meant?")
            return
        r.draft.when = "false"
        r.assume("never rebalanced: it buys the targets once and then only holds")


def _nth_weekday(r: Reader) -> None:
    """'the first Monday of each month': rbl calendars count trading days, with no weekday of the month; ask."""
    m = r.take_one(r"(?:on )?(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last) (" + "|".join(WEEKDAYS)
                   + r")s? (?:of|in) (?:each|every|the) (month|quarter|year)")
    if m:
        phrase = m.group().removeprefix("on ")
        period = m.group(3)
        r.ask(f"rbl calendars count trading days and have no '{phrase}': should it be the first trading day of each "
              f"{period} (answer '{PERIODIC[period]}'), or weekly on {m.group(2).capitalize()}?", phrase=phrase)


# The writer doubting the day just said ('the 2nd trading day of the month - or was it the 3rd??', '(or maybe the
# 4th?)', ', or the 5th, not sure'): which day is meant is a question, never the first one guessed.
_DAY_IN_DOUBT = (r"\s*[-,;(]*\s*or (?:(?:was|is) it |maybe |perhaps |possibly |else )?(?:on )?(?:the )?"
                 r"(\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS.values()) + r")(?: (?:trading |business )?day)?"
                 r"(?:\s*\?+|,? (?:not sure|i think|can'?t remember|i forget|idk))\)?")


def _nth_days(r: Reader) -> list[str]:
    found = []
    for m in r.take(NTH_TRADING_DAY):
        n = _ordinal(m.group(1))
        doubt = compiled(_DAY_IN_DOUBT).match(r.text, m.end())
        if doubt:
            r.mask(doubt)
            r.ask(f"On which trading day of the {m.group(2)} should it rebalance: the {m.group(1)} or the "
                  f"{doubt.group(1)} ('{m.group().removeprefix('on ')}{doubt.group()}')?")
            continue
        found.append("monthly" if n == 1 and m.group(2) == "month" else _nth(n, m.group(2)))
    return found


# January holds at least 19 trading days, so its Nth trading day up to there is the year's Nth trading day.
_JANUARY_DAYS = 19


def _nth_day_of_january(r: Reader) -> list[str]:
    """'on the 10th trading day of January': the year's 10th trading day; a day past January's trading days is asked."""
    found = []
    for m in r.take(r"(?:on )?(?:the )?(\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS.values())
                    + r") (?:trading|business) day (?:of|in) january(?: (?:each|every) year)?(?![\w-])"):
        n = _ordinal(m.group(1))
        if n > _JANUARY_DAYS:
            r.ask(f"January has about {_JANUARY_DAYS + 1} trading days; which trading day of the year is meant by "
                  f"'{m.group().removeprefix('on ')}'?")
            continue
        found.append("annually" if n == 1 else _nth(n, "year"))
    return found


def _nth(n: int, period: str) -> str:
    if n == 1:
        return {"week": "1st trading day of week", "month": "monthly", "quarter": "quarterly", "year": "annually"}[period]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} trading day of {period}"


def _calendar_switch(when: str) -> bool:
    """A rule that picks its own calendar by a condition ('if market is turbulent then weekly on monday else monthly')."""
    return " then " in when and re.search(r"\b(?:daily|weekly|monthly|quarterly|annually|trading day)\b", when) is not None


def _place(r: Reader, found: list[str]) -> None:
    """One schedule: the check cadence of a band, or the rebalancing calendar itself."""
    if found and r.draft.when == "false":
        r.ask("The text says to never rebalance and also gives a rebalancing rule; which one is meant?")
    elif len(set(found)) > 1:
        named = sorted(set(found))
        r.ask(f"The text names several schedules ({', '.join(named[:-1])} or {named[-1]}); which one is meant?")
    elif found and r.draft.when and "since rebalance" in found[0]:
        r.ask("rbl spaces 'every other' schedules from the last rebalance, so they cannot pace the checks of a "
              "drift band; should it check weekly, monthly or daily?")
    elif found and r.draft.when and _calendar_switch(r.draft.when):
        # 'weekly when turbulent, otherwise monthly' is evaluated every bar; a check cadence would skip its weeks
        if found[0] in r.draft.when:
            r.assume(f"'{found[0]}' read as the schedule the rule already names, not as a check cadence")
        else:
            r.ask(f"The rule switches schedules ({r.draft.when}); what should '{found[0]}' add to it?")
    elif found and r.draft.when and r.draft.check not in (None, found[0]):     # 'reviewed quarterly and rebalanced monthly'
        r.ask(f"The text names several schedules ({r.draft.check} or {found[0]}); which one is meant?")
    elif found and r.draft.when:
        _calendar_beside_band(r, found[0])
    elif found:
        r.draft.when = found[0]
        if r.draft.check == found[0]:     # 'each month-end ... evaluate on the last trading day of the month': one schedule
            r.draft.check = None
    elif r.draft.check and not r.draft.when and not r.band_topic:
        r.draft.when, r.draft.check = r.draft.check, None
        r.assume(f"'checked {r.draft.when}' read as rebalancing {r.draft.when} (no drift band is given)")


# A calendar and a band as two triggers: 'quarterly and also whenever it drifts 5pp', 'monthly, or sooner if ...',
# 'a quarterly rebalance plus a 6pp band', '... or when any asset drifts 10pp, whichever comes first'.
_PERIOD_END = r"(?:(?<=ly)|(?<=month)|(?<=quarter)|(?<=year)|(?<=week)|(?<=day))"
_EITHER = (r"(?<![\w-])(?:and )?also(?= (?:rebal\w* )?(?:when|whenever|if|once|on any|any ?time)\b)"
           r"|(?<![\w-])plus(?: the band\b| (?=(?:an? |the )?(?:[\d.]+ ?(?:pp|%|points?|pts?|percentage points?) )?"
           r"(?:drift |tolerance |rebalanc\w* )?(?:bands?|thresholds?|triggers?|tolerances?)\b))"
           r"|,? ?(?<![\w-])or (?:sooner|earlier)(?![\w-])|,? ?(?<![\w-])whichever (?:comes|happens|is hit|hits) first(?![\w-])"
           r"|(?<![\w-])(?:and )?in between(?: (?:the )?(?:rebalances|dates|quarters|months|years|weeks))?(?=,? (?:when|whenever|if)\b)"
           rf"|{_PERIOD_END},? or(?= (?:when|whenever|if)\b)")
# what says the calendar only paces the band's checks: a check verb ('each month i compute the total drift'), 'only',
# 'skip', 'unless'
_PACED = rf"(?<![\w-])(?:only|skip\w*|unless|comput\w+|calculat\w+|{CHECK_VERB})(?![\w-])"


def calendar_and_band_related(r: Reader) -> None:
    """Read before the bands, which take the band the words are about."""
    if r.take(_EITHER):
        r.flags.add("calendar or band")
    if r.take(rf"(?:(?<=^)|(?<=[.;] ))only(?= (?:on |at )?(?:the )?{CALENDAR_RE})"):     # the answer 'only quarterly'
        r.flags.add("calendar paces band")
    # no trade between the calendar's dates: 'I never trade between quarter ends', "don't rebalance intra-quarter (even
    # if drift is big)": the band, if any, waits for the dates
    if r.take(r"(?<![\w-])(?:(?:i|we) )?(?:never|don'?t|do not|won'?t|will not) (?:ever )?(?:trade|rebalance|touch it)"
              r" (?:(?:in )?between (?:the )?(?:quarter|month|year|week)[- ]?(?:ends|starts|dates|s)|intra-?(?:quarter|month|year|week))"
              r"(?:,? even (?:if|when) (?:the )?drift (?:is|gets) (?:big|large|high|wide))?(?![\w-])"):
        r.flags.add("calendar paces band")
    # the band as the calendar's condition, right after it: 'rebalance on the first trading day of each quarter if any
    # position is more than 5% off' (not 'quarterly, or if ...', nor 'and if', which may add a trigger)
    if r.find(rf"\brebalanc\w* (?:(?:on|at|every|each) )?(?:the )?{CALENDAR_RE},? (?:but )?(?:only )?(?:if|provided(?: that)?|as long as)"
              rf" (?:any|some|a|an|one|the|its|drift|something|anything)\b"):
        r.flags.add("calendar paces band")
    # the band's test said at the calendar's dates: 'quarterly, and even then I only rebalance if ...', 'and at that
    # point I rebalance only if ...', 'on those dates only trade if ...'
    if r.take(r"(?<![\w-])(?:and )?(?:even then|at that point|at those (?:points|times|dates)|on those (?:dates|days)|then and there)"
              r",?(?= (?:i |we )?(?:only )?(?:rebalanc|trad|act\b|do (?:i|we) )| only (?:rebalanc|trad|act\b|if|when))"):
        r.flags.add("calendar paces band")


def _calendar_beside_band(r: Reader, calendar: str) -> None:
    """A calendar said beside a band either paces its checks or is a second trigger; the trades differ."""
    paced = "calendar paces band" in r.flags or compiled(_PACED).search(r.norm.said or r.norm.text) is not None
    either = "calendar or band" in r.flags
    if calendar == "daily" or paced and not either:
        r.draft.check = calendar
    elif either and not paced:
        when = r.draft.when if re.fullmatch(r"[\w%.() ]+ [<>]=? [\w%.() ]+", r.draft.when) else f"({r.draft.when})"
        r.draft.when = f"{calendar} or {when}"
        r.assume(f"rebalances {calendar} and also on any day the band is breached (checked daily)")
    else:      # asked once the rest is read: a missing fact elsewhere comes first
        doubt = (f"Should it look only {calendar} and rebalance then if an asset is outside the band (answer 'only "
                 f"{calendar}'), or rebalance {calendar} and also whenever the band is breached, checked daily (answer "
                 f"'{calendar} plus the band')?")
        r.doubts += [doubt] if doubt not in r.doubts else []
