"""Offline translator rules for conditions: trend filters, indicator switches, conditional weights."""

from __future__ import annotations

import re

from rbl.dsl.english.conditions import CONDITION, NAME, PROXY_SAID, condition_rbl, drop_proxy_name, flipped, subject_of
from rbl.dsl.english.reader import ASSET, CALENDAR_RE, LIST, MASK, NUM, WINDOW, Reader, names_in, split_question, window

# "rebalance when SPY is above ..." is a trigger, not a hold filter: it is left unplaced (refused).
# 'an ETF shall be held only while ...', 'each fund is held only if ...': the asset held said as the subject
HELD_ONLY = (r"(?:(?P<own>@[A-Z][A-Z0-9_]*) (?:(?:is|gets|will be|should be|shall be) )?(?:only (?:(?:held|owned|kept|bought) )?"
             r"|(?:held|owned|kept|bought) (?=only ))"
             # the one asset of a mix the filter is on, said before 'only': 'QQQ only held while it's above ...'
             r"|(?:(?:an?|each|any|every) (?:asset|etf|fund|holding|position|stock)"
             # the ones a ranking picks: 'each of the two is only held while ...'
             r"|each of the \d+(?: (?:assets|funds|etfs|picks|winners|holdings))?) (?:(?:shall|will|should|is to|must|is|are|may) "
             r"(?:be |only be |only )?)?held "
             # the one held said by a pronoun: 'only hold it if its 12-month return is higher than ...'
             r"|only (?:hold|buy|own|keep) (?:it|them|the winner|(?:an?|each|every|any) (?:winner|pick|asset|fund|etf|1|holding)) "
             # ... or after it: 'hold the winner only if ...', 'keep each pick only while ...'
             r"|(?:hold|buy|own|keep) (?:it|them|the winners?|the picks?|each pick|the leader|the top (?:1|pick|fund|asset)) (?=only )"
             # 'hold a sleeve only if its price is above ...': each asset, said as a sleeve or a holding
             r"|(?:hold|keep|own) (?:an?|each|every) (?:sleeve|asset|fund|etf|holding|position) (?=only ))?")
GUARD = (rf"(?<!rebalance )(?<!rebalance only )(?:but |and )?{HELD_ONLY}(?:only )?"
         r"(?:while|as long as|when(?:ever)?|if|provided(?: that)?)")
OTHERWISE = (r"[,;.]? ?(?:and |but )?(?:otherwise|else|if not|when not|or else|(?:if|when) (?:it|that) (?:doesn'?t|does not|isn'?t|is not)"
             r"|(?:the rest of the time|(?:at )?all other times|(?:at )?any other time),?"
             r"|(?:if|when) (?:it'?s|it is|that'?s|that is) not)"
             r"(?: it)?,?(?:,? (?:uh|um|er|erm),)?(?: i| we)?(?:'d like to|'ll| (?:want|would like|wish) to| will)?(?: just)?")
GO_TO = (r"(?: (?:hold|buy|own|go|move|switch|rotate|sit|park|put|be|stay|get out)"
         # ('otherwise put its 70% in TLT': the asset's own share moved)
         r"(?: it| everything| the money| me| us| its (?:\d+(?:\.\d+)?%|share|weight|allocation|slice|money))?"
         r"(?: (?:in|into|to|out to|over to))?"
         # 'otherwise its allocation shall be held in cash': the asset's share said as the subject
         # ('otherwise that half goes to cash', 'otherwise that piece goes to cash': its share said by its size)
         # ('otherwise that 50% sits in SHY': its share said as its percent)
         r"| (?:its|their|the|that|this) (?:allocation|weight|share|money|half|quarter|third|fifth|slice|piece|portion|part|slot|\d+(?:\.\d+)?%)"
         r" (?:shall be|should be|is|will be|goes|moves|sits|stays)"
         # ('otherwise its share is cash': the place said with no preposition)
         r"(?: (?:held|moved|put|parked))?(?: (?:in|into|to)|(?<= is))"
         # the whole weight said as the subject ('else everything goes to SHY'), as 'move everything to SHY' says it
         r"| (?:everything|it all|all of it) (?:goes|moves|sits|is (?:moved|parked|held))(?: (?:in|into|to))"
         # the place said with its preposition alone ('be in QQQ while ..., otherwise in SHY')
         r"| (?:in|into))?")
# The whole weight said to go there ('otherwise all cash', 'else 100% in BIL', 'otherwise fully into IEF'): no other fact.
ALL_OF_IT = r"(?:(?:all|fully|entirely|completely|100%|everything)(?: (?:in|into|to))? )?"
# Flat, out of the market: the weight in cash ('otherwise flat', 'else stay out of the market', 'otherwise on the sidelines').
FLAT = (r"(?P<flat>(?:(?:be|go|stay|sit|get|move) )?(?:flat|out of the market|out of it|out|on the sidelines|sidelined))"
        r"(?=\s*(?:[.;,!]|$))")
# When the condition is checked, said between it and its otherwise ('above its 10-month average at month end, otherwise
# IEF'): the schedule rules read it, the otherwise is still the filter's.
CHECKED_AT = rf"(?P<checked> {CALENDAR_RE})?"
SPLIT = r"(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)"
_SMA_WORDS = r"(?:simple moving average|moving average|sma|ma|dma|average)"


def read_conditions(r: Reader) -> None:
    """The month-end trend filter, conditional weights, hold filters, then questions for missing lengths."""
    _spec_branches(r)
    for rule in (month_end_filter, _conditional_weights, _moved_while_below, _exit_when, _skipped_below, _kept_above, _filter_line, _skipped_negative, _checked_against,
                 _hold_while, _always_held, _missing_lengths):
        rule(r)


def _always_held(r: Reader) -> None:
    """'TLT is always held' beside a filter on SPY alone: what the filter already leaves TLT, no fact of its own."""
    if not r.draft.hold_on:
        return
    for m in r.take(r"(?<![\w@])(@[A-Z][A-Z0-9_]*) (?:is |stays )?(?:always|permanently) (?:held|kept|owned|in)(?![\w-])"):
        if m.group(1)[1:] == r.draft.hold_on:
            r.ask(f"The text filters {r.draft.hold_on} on its average and also says it is always held; which is meant?")


def _spec_branches(r: Reader) -> None:
    """Branches written as a spec ('If SPY closes above its 200-day SMA: SPY 80% / IEF 20%. Otherwise: SPY 30% / IEF
    70%.') read as the sentence they stand for ('if ..., SPY 80% / IEF 20%; otherwise SPY 30% / IEF 70%')."""
    spec = re.match(r"(.*?\bif [^.:;]{3,80}?): ([^.:;]*\d+(?:\.\d+)?%[^.:;]*)\. (otherwise|else): ", r.text)
    if spec:
        r.text = f"{spec.group(1)}, {spec.group(2)}; {spec.group(3)} " + r.text[spec.end():]


def month_end_filter(r: Reader) -> None:
    """Faber's trend filter: hold an asset only while its price is above its moving average."""
    m = r.take_one(rf"hold (?:an|each) asset only (?:while|when|if) its (month-end )?price is (?:above|over) "
                   rf"its {WINDOW} (?:simple )?moving average")
    if not m:
        return
    if m.group(1):
        r.flags.add("month-end")
    r.draft.hold = f" while price > sma(price, {window(m.group(2), m.group(3))})"
    fallback = r.take_one(r"otherwise,? (?:(?:its|that|the) (?:\d+(?:\.\d+)?% |weight |share )?goes to|(?:move|put) it (?:in|into|to)) @CASH")
    if fallback:
        r.draft.cash = True
        r.draft.hold += " else CASH"


def _hold_while(r: Reader) -> None:
    # 'only hold the SPY while ...': the ticker with an article, as chat writes it
    r.text = re.sub(r"\b(only (?:hold|keep|own|buy)) the (@[A-Z][A-Z0-9_]*)\b", r"\1 \2", r.text)
    # a return said to be positive ('while its 12-month return is positive, like above zero'): above 0%
    r.text = re.sub(r"\b(return|momentum) (?:is )?(?:positive|(?:above|over|greater than|more than) 0%?)(?:,? (?:like|i\.e\.|that is|meaning) "
                    r"(?:above|over|more than) 0)?(?![\d.%])", r"\1 is above 0%", r.text)
    # 'hold QQQ while it's above its 200-day SMA' in a mix ('70% QQQ, 30% TLT'): the filter on QQQ alone
    r.text = re.sub(r"\b(?:hold|keep|own) (@([A-Z][A-Z0-9_]*)) (?=(?:only )?(?:while|as long as) )",
                    lambda m: f"{m.group(1)} only held " if _in_the_mix(r, m.group(2)) and len(r.universe()) > 1 else m.group(), r.text)
    # 'each fund must be above its 200-day SMA to be held': held only while it is above it
    r.text = re.sub(r"\b(?:must|has to|needs to|should) be (above|over) (?:its|their) (\d+[- ]?(?:day|week|month)s? "
                    rf"{_SMA_WORDS}) (?:to be (?:held|owned|bought|kept)|to stay in|to be in the portfolio)\b",
                    r"is held only while it is \1 its \2", r.text)
    # 'each asset only held above its 200-day SMA': held while it is above it (the 'while' left out, as chat does)
    r.text = re.sub(r"\b((?:only )?(?:held|kept|owned)(?: only)?) (above|over) (?:its|their|the) (?=\d+[- ]?(?:day|week|month)s? "
                    rf"{_SMA_WORDS}\b)", r"\1 while it is \2 its ", r.text)
    _window_of_the_ranking(r)
    # 'if SPY's 12-month return beats BIL, hold SPY; otherwise hold IEF': the asset held named again after the condition
    held = rf"(?:,? (?:then )?(?:hold|buy|own|be in|stay in|go) (?P<held>{NAME}))?"
    # ('only if its 6-month return is more than SHV (the t-bills). otherwise ...': the proxy named between)
    m = r.find(rf"{GUARD} {CONDITION}(?P<proxy>{PROXY_SAID})?{CHECKED_AT}{held}{_HELD_SAID}"
               rf"(?:{OTHERWISE}(?:{GO_TO} {ALL_OF_IT}(?P<fallback>{NAME})(?: instead)?| {FLAT}))?")
    if m and m.group("held") and m.group("held") != (m.group("la") or m.group("lo") or m.group("lp")):
        return                  # another asset held on a condition about this one: not a hold filter on it
    if m and m.group("lt") and not m.group("held") and re.match(r"(?:but |and )?(?:if|when|whenever)\b", m.group()):
        return                  # 'if SPY is below its average, ...': what is done below it follows, no asset held only below it
    if m and m.group("own") and (m.group("la") or m.group("lo") or m.group("lp") or m.group("own")) != m.group("own") \
            and not _only_one_held(r, m):
        return                  # 'QQQ only while SPY is above ...': a condition on another asset, not a filter on QQQ's own
    condition = _claim_condition(r, m)
    if condition is None:
        return
    if m.group("proxy"):
        drop_proxy_name(r, m.group("proxy"))
    _set_hold(r, condition, _fallback_of(m), m.group("la") or m.group("lo") or m.group("lp"))
    if m.group("own"):
        r.draft.hold_on = m.group("own")[1:]


def _only_one_held(r: Reader, m: re.Match) -> bool:
    """'TQQQ only when QQQ is above its 200-day SMA, otherwise cash': the asset said is the only one held (the other
    named only in the condition, the fallback aside), so the condition on the other asset gates the whole portfolio."""
    watched = (m.group("la") or m.group("lo") or m.group("lp"))[1:]
    fallback = (m.group("fallback") or "@")[1:]
    held = [n for n in r.universe() if n not in (watched, fallback, "CASH")]
    return held == [m.group("own")[1:]] and not re.search(rf"@{watched}:? \d|\d%? (?:in |of )?@{watched}\b", r.norm.text)


# The filter said as notation ('SPY above its 10-month SMA = long, below = cash', 'above the 200-day: in, below: BIL'):
# the side it holds on says held, the other side where the weight goes.
_HELD_SAID = r"(?: ?(?:=|:|->|, then) ?(?:long|hold(?: it)?|in|invested|own(?: it)?|buy|held|on|risk-on)(?=\s*(?:[.;,]|$)))?"
_BELOW_SAID_AS_NOTATION = (rf"[,;.]? ?(?:and )?(?:below|under)(?: it)? ?(?:=|:|->|, then) ?(?:(?:out|off|risk-off|flat)(?: and)?,? )?"
                           rf"{ALL_OF_IT}(?:(?P<fallback>{NAME})|{FLAT})")


def _window_of_the_ranking(r: Reader) -> None:
    """'top 1 by 12-month return, hold the winner only if return > 0': a return said with no window is over the one window
    the text ranks or measures returns by (as traders mean it: the same lookback)."""
    windows = set(re.findall(r"\b(\d+-(?:day|week|month|year)) (?:return|momentum|performance)\b", r.text))
    if len(windows) != 1:
        return
    said = windows.pop()

    def unsized(m: re.Match) -> str:
        if re.search(r"\d-(?:day|week|month|year) $", m.group(1) or ""):
            return m.group()            # its window said
        return f"{m.group(1) or ''}its {said} return is above 0%"

    r.text = re.sub(r"(?<![\w-])(\S+ )?(?:its |the )?(?:return|momentum) is above 0%", unsized, r.text)


def _fallback_of(m: re.Match) -> str | None:
    """Where the weight goes while the condition is false: the asset named, or cash when it is said flat."""
    said = m.groupdict()
    named = [said.get(g) for g in ("fallback", "fallback2", "fallback3", "fallback7", "fallback8", "fallback9", "fallback10", "fallback11",
                                   "fallback12", "fallback13", "fallback14")]
    return next((n for n in named if n), None) or ("@CASH" if said.get("flat") else None)


EXIT = r"(?:sell(?: it)?(?: and)?|exit(?: it)?(?: and)?|get out(?: and)?|go|move|switch|rotate|step aside)"


def _exit_when(r: Reader) -> None:
    """'move to cash when its 14-day RSI is above 70', 'if SPY closes below its 200-day SMA go to cash,
    otherwise hold it': held while the condition does not hold."""
    m = r.find(rf"(?:if|when(?:ever)?|once) {CONDITION},? (?:then )?{EXIT}(?: (?:in|into|to|out to))? (?P<fallback>{NAME})"
               rf"(?:,? (?:and )?(?:otherwise|else),? (?:hold|keep|stay in|own)(?: it| them| {NAME})?)?") or r.find(rf"(?:sell(?: it)?(?: and)?|exit(?: it)?(?: and)?|get out(?: and)?|go|move|switch|rotate|step aside)"
               rf"(?: (?:in|into|to|out to))? (?P<fallback>{NAME}) (?:when(?:ever)?|if|once|while) {CONDITION}")
    condition = _claim_condition(r, m)
    if condition is None:
        return
    _set_hold(r, flipped(condition), m.group("fallback"), m.group("la") or m.group("lo") or m.group("lp"))
    r.assume(f"held while {flipped(condition)}, the opposite of the exit condition")


# A pick of a ranking (or any holding) said NOT to be bought below its average: 'a pick that's below its 100-day SMA doesn't
# get bought', 'skip any winner trading under its 200-day moving average', "don't buy a name that is below its 50-day sma".
# The one the filter holds: the rest of the time it is held, the same filter as 'each pick is held only while above'.
_PICK = (r"(?:(?:an?|any|each|every) (?:pick|winner|selection|name|holding|asset|fund|etf|sector|stock|coin|one)|anything|whatever|everything"
         # the losers said in the plural ('assets below their 200-day SMA', 'the picks under ...', 'those trading under ...')
         r"|(?:the |any )?(?:assets|funds|etfs|holdings|positions|picks|winners|names|sectors|stocks|ones)|those"
         r"|(?:any|each|either) of the (?:\d+|picks|winners|holdings)(?: (?:picks|winners|holdings|assets|funds))?"
         r"|(?:(?<=skip )|(?<=drop )|(?<=exclude )|(?<=excluding )|(?<=ignore )|(?<=sell )|(?<=dump )|(?<=exit ))any)"
         r"(?:'s)?(?: (?:(?:that|which)(?:'s| is| are)?|is|are|trades?|trading|closes?|closing|ends?|ending|finish(?:es|ing)?|sits?|sitting"
         r"|falls?|falling|drops?|dipping|dips?|slips?)(?: (?:trades?|trading|closes?|closing|ends?|sits?|sitting|falls?|drops?|dips?))?"
         # 'any ETF closing the month below its 10-month SMA': the month's close
         r"(?: the month)?)?")
_UNDER = rf"(?:below|under) (?:its|the|their) (?P<n>\d+)[- ]?(?P<u>day|week|month)s? (?P<i>{_SMA_WORDS})"
_NOT_BOUGHT = (r"(?:doesn'?t|does not|won'?t|will not|shouldn'?t|should not) (?:get )?(?:be )?(?:bought|held|owned|picked)"
               r"|(?:isn'?t|is not|won'?t be|will not be|is never|shouldn'?t be|should not be) (?:bought|held|owned|picked)"
               r"|(?:is|gets) (?:skipped|left out|passed over|dropped)")
_SLOT_GOES = (r"[,;]? ?(?:and |so )?(?:its|the|that) (?:slot|share|weight|allocation|place|spot|seat|money) (?:just )?"
                 r"(?:sits|stays|goes|is held|is kept|is parked|remains|waits|is left|sits idle)(?: (?:in|to|as))? "
                 r"(?P<fallback>@[A-Z][A-Z0-9_]*)(?: instead)?(?: until (?:next month|the next (?:rebalance|rebalancing|month)|next rebalance"
                 r"|the next (?:ranking|rotation)))?"
                 r"|[,;]? ?(?:and )?(?:hold|keep|park|put) (?P<fallback2>@CASH) (?:in its (?:place|slot)|instead)"
                 r"|[,;]? ?(?:and )?(?:move|put|park|switch|shift|keep|hold|leave) (?:it|that|them|the money|the proceeds|(?:its|that) (?:\d+(?:\.\d+)?%|"
                 r"share|slot|weight|allocation|money|slice)) (?:to|into|in|as) (?P<fallback3>@CASH)(?: instead)?"
                 # 'and the cash is held until ...': the sale's money kept
                 r"|[,;]? ?(?:and )?the (?P<fallback14>@CASH) (?:is |stays |sits |gets )?(?:held|kept|parked|idle|aside)"
                 # 'and sit in cash', 'and hold cash instead', 'the rest goes to cash', '(cash instead)'
                 r"|[,;]? ?(?:and )?(?:sit|stay|wait|park|go) (?:in|into|to) (?P<fallback7>@CASH)(?: instead)?"
                 r"|[,;]? ?(?:and )?(?:hold|keep|sit on) (?:the )?(?P<fallback8>@CASH)(?: instead)?"
                 # 'is sold and held as cash': the sale's money kept as cash
                 r"|[,;]? ?(?:and )?(?:is |are )?(?:held|kept|parked) (?:as|in) (?P<fallback12>@CASH)(?: instead)?"
                 r"|[,;]? ?(?:and )?the (?:rest|remainder|others?|remaining (?:slots?|weight|money)) (?:goes|go|sits?|stays?|is held|are held|is|are)"
                 r"(?: (?:in|into|to|as))? (?P<fallback9>@CASH)"
                 r"|[,;]? ?(?:anything|everything) else (?:(?:goes|sits|stays) )?(?:in|into|to) (?P<fallback10>@CASH)"
                 r"|[,;]? ?(?P<fallback11>@CASH) (?:instead|in (?:its|their) (?:place|slot)s?)[,]?")


# Or said to go elsewhere: 'anything under its 10-month average goes to BIL', 'any fund below its 200-day SMA is moved to cash'.
_GOES = (r"(?P<goes> (?:goes|go|moves|move|(?:is|are|gets|get) (?:moved|switched|rotated|parked|put|held|shifted)|switches|rotates"
         r"|is sold(?: and goes)?|are sold(?: and go)?|sits|sit|stays?|waits?) (?:to|into|in|out to) (?P<fallback4>@[A-Z][A-Z0-9_]*)(?: instead)?)")


# An order said not to be given ("don't sell anything below its 200-day SMA", 'I never swap QQQ for TLT when ...'): not read.
_NOT_NEGATED = r"(?<!n't )(?<!not )(?<!never )(?<!no )"
_SKIP = (r"(?:(?P<skip>skip|don'?t buy|do not buy|never buy|leave out|pass on|drop|exclude|excluding|ignore) "
         # sold, said first ('sell anything under its 10-month SMA'): out of it, the money where the text says, else cash
         r"|(?P<sell>sell|dump|exit|liquidate|get out of|close out|cut) "
         # moved, said first ('move any fund below its 200-day SMA to BIL'): the place follows the loser
         r"|(?P<move>move|switch|rotate|shift|put|park|swap) )?")
# Sold, said after the loser ('anything below its 200-day SMA gets sold', 'assets under their 10-month SMA are sold to cash',
# 'a pick below its 100-day SMA is replaced by cash', 'anything under the 200-day gets cut to cash').
_SOLD = (r"(?P<sold> (?:gets|get|is|are|will be|should be|shall be) (?:sold|dumped|exited|liquidated|closed out|cut|dropped|removed|"
         r"kicked out|replaced|swapped(?: out)?|switched(?: out)?|exchanged|traded)(?: (?:to|into|for|by|with) (?P<fallback5>@[A-Z][A-Z0-9_]*))?)")
_MOVED_TO = r"(?P<moved> (?:to|into|in|over to|over into|for) (?P<fallback6>@[A-Z][A-Z0-9_]*))"
# ... or as notation ('picks under their 100d SMA -> cash', 'below their 200-day SMA = BIL')
_ARROW = r"(?P<arrow> ?(?:=|:|, then) ?(?:(?:goes|go|move|moves) (?:to|into) )?(?P<fallback13>@[A-Z][A-Z0-9_]*)(?= ?[.;,!)]|$))"


def _skipped_below(r: Reader) -> None:
    m = r.find(rf"{_NOT_NEGATED}{_SKIP}{_PICK} {_UNDER}(?:(?P<not> (?:{_NOT_BOUGHT}))|{_GOES}|{_SOLD}|{_MOVED_TO}|{_ARROW})?")
    if m and bool(m.group("move")) != bool(m.group("moved")):
        return                  # 'move anything below its average' with no place, or a place with no move: not this
    if _is_skipped_pick(r, m):
        condition = f"price > sma(price, {window(m.group('n'), m.group('u'))})"
        moved_to = m.group("fallback4") or m.group("fallback5") or m.group("fallback6") or m.group("fallback13")
        _hold_picks(r, m, condition, f"each asset held while {condition}, and in {moved_to[1:]} while below its average" if moved_to
                    else f"each asset held while {condition}: one below its average is sold, its weight held in cash"
                    if m.group("sold") or m.group("sell") else f"held while {condition}: a pick below its average is not bought")


# A trend filter said as moving an asset's weight while it is below its average ('if QQQ is under its 10-month moving
# average, move its 60% into SHY', 'shift QQQ's share to SHY while it's below its 10-month SMA', 'swap QQQ for SHY when
# it's below its 200-day SMA', 'if a fund trades below its 200-day SMA, sell it and keep its 25% in cash'): the asset held
# while above its average, its weight elsewhere otherwise (the other asset, or cash when it is only sold).
_BELOW_AVERAGE = (r"(?P<subj>@[A-Z][A-Z0-9_]*|it|an? (?:fund|asset|holding|position|etf|sleeve|stock|pick|winner)|any (?:asset|pick|winner)"
                  r"|anything|any 1|either(?: 1| of them)?)(?:'s (?:price|close))?"
                  r"(?:'s| is| closes| trades| falls| drops| dips| slips| goes| moves| sits| stays| ends the month| finishes the month"
                  r"| closes the month)?"
                  rf" (?:below|under) (?:(?:its|the) )?(?P<n>\d+)[- ]?(?P<u>day|week|month)s? (?P<i>{_SMA_WORDS})")
_WHAT_MOVES = (r"(?P<what>@[A-Z][A-Z0-9_]*(?:'s)?|it|its|the|that|this|all)(?: (?P<what2>@[A-Z][A-Z0-9_]*))?(?: (?:(?P<what_share>\d+(?:\.\d+)?)%|share|weight|allocation|slice|money|position|stake"
               r"|piece|portion|part|exposure)(?: of (?:it|the portfolio))?)?")
_MOVE_WEIGHT = (rf"(?:(?:move|shift|put|switch|rotate|park|send|swap|trade|reallocate|redirect) {_WHAT_MOVES} (?:to|into|in|over to|over into|for)"
                rf" (?P<to>@[A-Z][A-Z0-9_]*)"
                # 'that one goes to cash', 'its share moves to SHY': the weight the subject of its own verb
                rf"|(?:it|that 1|that asset|that fund|that position|that holding|(?:its|that|(?:the )?(?P<whose>@[A-Z][A-Z0-9_]*)(?:'s)?) "
                # ('that half goes to cash': the loser's share said as its piece of an equal mix)
                rf"(?:share|weight|allocation|slice|slot|money|position|stake|(?P<piece>half|third|quarter|fifth)"
                rf"|(?P<moved_share>\d+(?:\.\d+)?)%))"
                rf"(?: (?:goes|moves|is moved|gets moved|shifts|is shifted|switches|rotates|is rotated|sits|stays|is (?:held|parked|kept)))?"
                rf" (?:to|into|in|over to) (?P<to2>@[A-Z][A-Z0-9_]*)"
                rf"(?: instead)?"
                rf"|(?:it|that 1|that asset|that fund|that position|that holding) (?P<sold2>is|gets) sold"
                # 'QQQ gets swapped into TLT', 'replace QQQ with TLT'
                rf"|(?P<swapped>@[A-Z][A-Z0-9_]*|it) (?:gets|is) (?:swapped|switched|rotated|moved|shifted) (?:to|into|for) (?P<to3>@[A-Z][A-Z0-9_]*)"
                rf"|replace (?P<replaced>@[A-Z][A-Z0-9_]*|it) (?:with|by) (?P<to4>@[A-Z][A-Z0-9_]*)"
                # 'sell QQQ and buy SHY with the proceeds'
                rf"|sell (?P<sold>@[A-Z][A-Z0-9_]*|it)(?: and (?:buy|go into|move into|put the (?:money|proceeds) (?:in|into)) "
                rf"(?P<bought>@[A-Z][A-Z0-9_]*)(?: with the (?:proceeds|money)| instead)?)?)")


def _moved_while_below(r: Reader) -> None:
    if r.draft.hold:
        return
    m = (r.find(rf"(?:(?:\b(?:if|when|whenever|once|as soon as) )|(?:(?<=^)|(?<=[.;] ))(?=[^.;]*, then )){_BELOW_AVERAGE}"
                rf"(?: (?:at|on) (?:the |each )?(?:rebalance|rebalancing|check|review|(?P<month_end>month[- ]end|end of the month)))?,? (?:then )?"
                rf"(?:(?:i|we|you)(?:'ll| will)? )?(?:please )?{_MOVE_WEIGHT}")
         or r.find(rf"{_NOT_NEGATED}{_MOVE_WEIGHT} (?:when|whenever|if|while|once|as long as|any time) {_BELOW_AVERAGE}"))
    if m is None:
        return
    subject = _moved_subject(m)
    if subject is False or not _share_is_its_weight(r, m.group("what_share") or m.group("moved_share"), subject):
        return
    if m.group("piece") and not _piece_is_its_weight(r, m.group("piece"), subject):
        return
    fallback = _moved_to(m)
    r.mask(m)
    rest = None if fallback else re.match(_SLOT_GOES, r.text[m.end():])
    if rest:
        r.text = r.text[:m.end()] + MASK * rest.end() + r.text[m.end() + rest.end():]
        fallback = _fallback_of(rest)
    condition = f"price > sma(price, {window(m.group('n'), m.group('u'))})"
    _set_hold(r, condition, fallback or "@CASH", None)
    if subject:
        r.draft.hold_on = subject
    _take_recovery(r)
    if m.groupdict().get("month_end"):      # 'if SPY closes below its 200-day SMA at month-end': the schedule rules read it
        start, end = m.span("month_end")
        r.text = r.text[:start] + m.group("month_end") + r.text[end:]
    r.assume(f"{subject or 'each asset'} held while {condition}; below its average its weight is in "
             f"{(fallback or '@CASH')[1:]}")


def _moved_to(m: re.Match) -> str | None:
    return next((m.group(g) for g in ("to", "to2", "to3", "to4", "bought") if m.group(g)), None)


def _moved_subject(m: re.Match) -> str | None | bool:
    """The one asset the filter is on (None: each asset); False when the asset said below is not the one moved."""
    said = {w[1:].removesuffix("'s") for w in (m.group(g) for g in ("subj", "what", "what2", "sold", "whose", "swapped", "replaced"))
            if w and w.startswith("@")}
    if len(said) > 1 or (_moved_to(m) or "")[1:] in said:
        return False
    return said.pop() if said else None


_PIECES = {"half": 2, "third": 3, "quarter": 4, "fifth": 5}


def _piece_is_its_weight(r: Reader, piece: str, subject: str | None) -> bool:
    """'that half goes to cash' is the loser's whole weight only when its weight is that piece: the top N held
    ('hold the top 2 equally'), an asset said at 50% ('SPY 50%'), or 'N% each'; otherwise half of a 60% may be 30%,
    a question about the phrase."""
    parts = _PIECES[piece]
    share = f"{100 / parts:g}"
    if subject:
        return _share_is_its_weight(r, share, subject)
    top = re.search(r"\btop (\d+)\b", r.norm.text)
    if top:
        return int(top.group(1)) == parts
    # 'equal weight' over that many assets, or the split said in equal parts ('50/50')
    equal = ((re.search(r"\bequal(?:ly)?(?:[- ]weight(?:ed|s)?)?\b", r.norm.text) and len(r.held()) == parts)
             or re.search(rf"(?<![\d/.]){share}(?:/{share}){{{parts - 1}}}(?![\d/.])", r.norm.text))
    return bool(equal) or _share_is_its_weight(r, share, None)


def _share_is_its_weight(r: Reader, share: str | None, subject: str | None) -> bool:
    """'move its 60% into SHY' moves the whole of QQQ's weight only when QQQ is said at 60% ('60% QQQ', 'QQQ 60',
    '60/40 QQQ/SHY'); a share said otherwise is part of it, which no hold filter writes."""
    if share is None:
        return True
    if subject is None:
        return len(set(re.findall(r"(\d+(?:\.\d+)?)% each\b", r.norm.text))) == 1 and f"{share}% each" in r.norm.text
    if re.search(rf"(?<![\d.]){re.escape(share)}%? (?:in |of |into )?@{subject}\b|@{subject}:? {re.escape(share)}(?![\d.])", r.norm.text):
        return True
    numbers, names = r"(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)", r"(@[A-Z][A-Z0-9_]*(?:/@[A-Z][A-Z0-9_]*)+)"
    for split in re.finditer(rf"{numbers} {names}|{names} {numbers}", r.norm.text):      # '60/40 QQQ/SHY', 'QQQ/SHY 60/40'
        said = split.group(2) or split.group(3), split.group(1) or split.group(4)
        parts = dict(zip(said[0].replace("@", "").split("/"), said[1].split("/")))
        if parts.get(subject) == share:
            return True
    return False


# The filter named as a spec line, each asset's side after it ('trend filter: 200-day SMA per asset, below it = cash',
# 'apply a 200-day SMA filter to each: below it, cash', '10-month SMA filter on every fund -> under it goes to BIL').
_EACH_ONE = r"(?:per (?:asset|fund|etf|holding|position)|(?:on|to|for) (?:each|every|all)(?: (?:asset|fund|etf|holding|position|1|of them)s?)?)"
_FILTER_LINE = (rf"(?:(?:(?:apply|use|add|run|with) (?:a |an |the )?)?(?:trend filter[:,]? (?:a |the )?)?(?P<n>\d+)[- ]?(?P<u>day|week|month)s? "
                rf"(?P<i>{_SMA_WORDS})(?: trend)?(?: (?:filter|rule|overlay|test))?,? {_EACH_ONE}"
                # 'filtered by the 50-day SMA (below = cash)': the picks filtered
                rf"|(?:(?:each|every|all) )?(?:filtered|screened|gated) (?:by|on|with|through) (?:a |an |the |their |its )?(?P<n2>\d+)[- ]?"
                rf"(?P<u2>day|week|month)s? (?P<i2>{_SMA_WORDS})(?: (?:filter|rule|test))?)[:,;.]? ?(?:- )?(?:and |then )?"
                rf"(?:below|under)(?: it| (?:its|the|their) (?:average|line|sma))? ?(?:=|:|->|,|, then| then)? ?"
                rf"(?:(?:goes|go|moves|is moved|sits|is held) (?:to|into|in) )?{ALL_OF_IT}(?:(?P<fallback>{NAME})|{FLAT})(?: instead)?")


def _filter_line(r: Reader) -> None:
    m = r.find(_FILTER_LINE)
    if m and not r.draft.hold:
        r.mask(m)
        condition = f"price > sma(price, {window(m.group('n') or m.group('n2'), m.group('u') or m.group('u2'))})"
        _set_hold(r, condition, _fallback_of(m), None)
        _take_recovery(r)
        r.assume(f"each asset held while {condition}")


# The ones kept said instead of the losers ('but only the ones above their 100-day SMA, the rest goes to cash', 'keep only
# the picks above their 10-month SMA'): each held while above its average; where the rest goes is said after, or asked.
_ONLY_ABOVE = (r"(?<!rebalance )(?<!trade )(?:[,;]? ?(?:but |and )?)(?:(?:keep|hold|buy|own|take) )?only (?:(?:keep|hold|buy|own|take) )?"
               r"(?:the ones|the assets|those|the picks|the winners|the names|the funds|ones|picks|names|funds|assets|etfs|the etfs)(?: (?:that|which)(?:'s| is| are)?| trading| that trade| sitting)?"
               r" (?:above|over) (?:its|their|the) (?P<n>\d+)[- ]?(?P<u>day|week|month)s? (?P<i>{})".format(_SMA_WORDS))


def _kept_above(r: Reader) -> None:
    m = r.find(_ONLY_ABOVE)
    if m and not r.draft.hold:
        condition = f"price > sma(price, {window(m.group('n'), m.group('u'))})"
        _hold_picks(r, m, condition, f"each asset held while {condition}")


# Absolute momentum said of a pick: 'skip a pick with negative 6-month momentum', 'a pick whose 6-month return is negative
# goes to cash', "don't buy anything with a negative 12-month return": held while that return is above 0%.
_NEGATIVE = (r"(?:with|that has|having|showing|carrying|on) (?:a )?negative (?P<n>\d+)-(?P<u>day|week|month|year) (?:return|momentum|performance)"
             r"|(?:whose|where its|with its) (?P<n2>\d+)-(?P<u2>day|week|month|year) (?:return|momentum|performance) "
             r"(?:is|turns|goes|comes in) (?:negative|below 0%?|under 0%?)")


def _skipped_negative(r: Reader) -> None:
    m = r.find(rf"{_SKIP}{_PICK} (?:{_NEGATIVE})(?:(?P<not> (?:{_NOT_BOUGHT}))|{_GOES})?")
    if _is_skipped_pick(r, m):
        condition = f"return(price, {window(m.group('n') or m.group('n2'), m.group('u') or m.group('u2'))}) > 0%"
        _hold_picks(r, m, condition, f"held while {condition}: a pick with a negative return is not held")


def _is_skipped_pick(r: Reader, m: re.Match | None) -> bool:
    """A pick said to be skipped, not bought or moved elsewhere, with no hold filter read before."""
    said = m.groupdict() if m else {}
    return bool(m and any(said.get(g) for g in ("skip", "not", "goes", "sold", "sell", "moved", "arrow")) and not r.draft.hold)


def _hold_picks(r: Reader, m: re.Match, condition: str, why: str) -> None:
    """Each pick held while `condition`; where its slot goes said right after ('its slot sits in cash') or in the match."""
    r.mask(m)
    # when it is sold, said between ('is sold at month end and the cash is held ...'): left for the schedule rules
    when = re.match(r"(?: (?:at|on) (?:the )?(?:month[- ]end|end of the month|rebalance|check)| each month| every month| monthly)?",
                    r.text[m.end():]).end()
    rest = re.match(_SLOT_GOES, r.text[m.end() + when:])
    if rest:
        at = m.end() + when
        r.text = r.text[:at] + MASK * rest.end() + r.text[at + rest.end():]
    said = m.groupdict()
    fallback = (_fallback_of(rest) if rest else None) or said.get("fallback4") or said.get("fallback5") or said.get("fallback6") \
        or said.get("fallback13")
    if fallback is None and (said.get("sold") or said.get("sell")):
        fallback = "@CASH"      # sold, and nothing said bought with it: the money is cash
    _set_hold(r, condition, fallback, None)
    _take_recovery(r)
    r.assume(why)


# When a filtered asset comes back, said after the filter ('until it's back above', 'buy it back when it recovers', 'and
# move it back once QQQ is above again', 'till it's above again'): what the filter does anyway, no fact of its own. A level
# other than its average ('until it is 5% above it') is no recovery of the filter's and is left for a question.
_BACK_ABOVE = (r"(?:(?:it'?s|it is|it gets|it climbs|it goes|it moves|it closes|it trades|its price is|the price is|price is|they'?re|they are"
               r"|@[A-Z][A-Z0-9_]* is|@[A-Z][A-Z0-9_]* closes|@[A-Z][A-Z0-9_]* gets|@[A-Z][A-Z0-9_]* climbs|it closes a month|it ends a month)"
               r" (?:back )?(?:above|over)"
               r"(?: it| (?:its|the|their) (?:moving )?average| (?:its|the|their) (?:\d+[- ]?(?:day|week|month)s? )?(?:sma|moving average|line))?"
               r"(?: again)?|(?:it|@[A-Z][A-Z0-9_]*|they) (?:recovers?|comes? back|turns? (?:back )?up)|above(?: again)?)")
_RECOVERY = (rf"[,;]? ?(?:and |then )?(?:(?:until|till) (?:the )?next (?:rebalance|rebalancing|month|month-end|review|check)(?P<next>)"
             rf"|until|till|til|unless and until"
             rf"|(?:and )?(?:buy|move|put|switch|rotate|shift) (?:it|them|that|the money|the weight)? ?back(?: in| into (?:it|@[A-Z][A-Z0-9_]*))?"
             rf" (?:when|once|after|as soon as|if)|(?:and )?(?:reverse|switch back|rotate back|go back|come back|back into @[A-Z][A-Z0-9_]*"
             rf"|(?:it'?s|it is|they'?re|they are|it gets|they get) (?:bought|added|put) back(?: in)?"
             # 'back to SPY when it closes above', 'go back into SPY once it's back above': the asset held named again
             rf"|(?:go |switch |rotate |move |come )?back (?:to|into|in) (?P<back_to>@[A-Z][A-Z0-9_]*))"
             rf" (?:when|once|after|as soon as|if)|(?:when|once|after) ?(?:it'?s|it is|it gets|@[A-Z][A-Z0-9_]* (?:is|gets)) back (?:above|over)"
             rf"(?: it| again)?,? (?:(?:i|we) )?(?:move|buy|put|switch|rotate|shift|swap) (?:it )?back(?P<done>))(?(done)|(?(next)| {_BACK_ABOVE}))(?=\s*[.;,!)]|$)")


def _take_recovery(r: Reader) -> None:
    """The recovery said right after the filter read ('... goes to cash until it's back above'): masked as read. Back to
    the asset the weight went to is no recovery: left for a question."""
    m = r.find(rf"(?<={MASK})(?P<checked_at> (?:at |on )?month[- ]end)?{_RECOVERY}")    # (the check's time left to the schedules)
    back_to = m and m.group("back_to")
    if m and not (back_to and re.search(rf"\belse {back_to[1:]}\b", r.draft.hold or "")) and _same_window(r, m.group()):
        r.mask_span(m.end("checked_at") if m.group("checked_at") else m.start(), m.end())


def _same_window(r: Reader, recovery: str) -> bool:
    """A recovery that names an average ('until it's back above its 100-day SMA') must name the filter's own: another
    window is another rule (a way back of its own), left for a question."""
    window = re.search(r"(\d+)[- ]?(day|week|month)s?\b", recovery)
    return not window or f"{window.group(1)} {window.group(2)}s)" in (r.draft.hold or "")


def _claim_condition(r: Reader, m) -> str | None:
    """The .rbl condition of a matched phrase, its words marked as read; None when there is no match,
    a hold filter is already set, or the condition cannot be written."""
    if not m or r.draft.hold:
        return None
    condition = condition_rbl(m, subject_of(m))
    if condition is not None:
        _mask_but_when_checked(r, m)
        if m.group("rp") and m.group("li"):      # a return compared with another asset's: a signal only
            r.signals.add(m.group("rp")[1:])
    return condition


def _mask_but_when_checked(r: Reader, m: re.Match) -> None:
    """The matched words marked as read, all but when the condition is checked (left for the schedule rules)."""
    checked = m.groupdict().get("checked")
    if not checked:
        r.mask(m)
        return
    r.text = (r.text[:m.start()] + MASK * (m.start("checked") - m.start()) + r.text[m.start("checked"):m.end("checked")]
              + MASK * (m.end() - m.end("checked")) + r.text[m.end():])


# The other side said only by its mood ('otherwise go more defensive', 'else get a bit safer'): no asset, so asked,
# naming the words.
_VAGUE_OTHER_SIDE = (r"(?:(?:otherwise|else|if not),? )?(?:go|get|be|turn|switch|move|rotate|shift)(?: to| into)? (?:a (?:bit|little) |much )?"
                     r"(?:more )?(?:defensive(?:ly)?|cautious|conservative|risk[- ]off|safer)(?: mode| stance| posture)?"
                     r"(?! ?(?:in|into|to|with|via|through|by)\b)")


def _set_hold(r: Reader, condition: str, fallback: str | None, subject: str | None) -> None:
    alone = subject and [n for n in r.universe() if n != (fallback or "")[1:] and n not in r.signals] == [subject[1:]]
    if subject and not alone and not _weighted_elsewhere(r, subject[1:]):
        r.signals.add(subject[1:])
    r.draft.hold = f" while {condition}"
    # the asset below its average named as a position, a fund or a holding too ('a position below its average goes to cash')
    below = r.take_one(rf"[,;]? ?(?:and )?(?:(?:any|an?|each) (?:asset|position|fund|holding|etf|sleeve)|anything|any 1|whatever is|those) (?:below|under|that falls? "
                       rf"below) (?:it|its (?:moving )?average|the average|its sma) (?:goes|moves|is moved|is sold|switches|go|move"
                       # 'any asset below its average is to be held in cash instead': the asset said held elsewhere
                       rf"|(?:is|are|shall be|should be|will be|is to be|are to be) (?:held|kept|parked|put|moved)) "
                       rf"(?:to|into|in) (?P<fallback>{NAME})(?: instead)?"
                       # 'and if it's below, that quarter goes to cash instead': the asset's share said by its size
                       # ('when it's below, park it in BIL', 'once it drops under, go flat'): the other side said as its own clause
                       rf"|[,;]? ?(?:and )?(?:if|when|while|once) {_BELOW} (?:below|under)(?: it| its (?:moving )?"
                       rf"average| the average| its sma)?,? (?:(?:(?:that|its|the) (?:quarter|third|fifth|share|weight|allocation|slice|portion|"
                       rf"\d+(?:\.\d+)?%) (?:goes|moves|is moved|is held|sits) (?:to|into|in)|(?:then )?{_MOVE_IT}) {ALL_OF_IT}"
                       rf"(?P<fallback3>{NAME})(?: instead)?|{FLAT})"
                       rf"|[,;]? ?(?:and )?(?:move|switch|go|rotate|get out)(?: (?:to|into))? (?P<fallback2>{NAME}) (?:when|if|while) "
                       rf"(?:it is not|it'?s not|it isn'?t|not)") if fallback is None else None
    below = below or (r.take_one(_BELOW_SAID_AS_NOTATION) if fallback is None else None)
    fallback = _fallback_of(below) if below else fallback
    if fallback is None:
        vague = r.take_one(_VAGUE_OTHER_SIDE)
        said = f" ('{vague.group().strip(' ,;.')}')" if vague else ""
        r.ask(f"While {condition} is false, where should the weight go{said}: to cash, or to another asset?")
        return
    name = fallback[1:]
    r.draft.hold += f" else {name}"
    _not_the_other(r, name)
    # when it comes back, said: 'move it to cash until it recovers' (the filter holds it again once the condition holds)
    r.take(rf"(?<={MASK}),? until (?:it|the price|its price|the trend) (?:recovers|comes back|turns (?:back )?up"
           rf"|is back (?:above|over)(?: it| (?:its|the) (?:moving )?average)?)(?= ?[,.;!]|$)")
    _take_recovery(r)       # 'its share goes to cash until it's back above', 'till it's over the average again'
    if name == "CASH":
        r.draft.cash = True
    elif not _in_the_mix(r, name):      # an asset of the mix the weight moves to stays held ('60% QQQ, 40% SHY')
        r.signals.add(name)


# The price's side said as a clause of its own: 'it's below', 'it drops under', 'the price closes below'.
_BELOW = r"(?:it'?s|it is|its price is|the price is|it (?:drops|falls|closes|trades|dips|slips|goes)|(?:the |its )?price (?:drops|falls|closes|is))"
_MOVE_IT = (r"(?:move|put|switch|park|shift|rotate|hold|keep|sit|go|get out)(?: it| everything| the money| the weight| that)?"
            r"(?: (?:to|into|in|out to|over to))?")


# The filter said as a habit: each asset checked against its average, then what is done on each side ('I check each one
# against its 200-day SMA: above it I hold it, below it that 20% goes to cash', 'every fund is compared with its 10-month
# moving average; if above, keep it, if below, move it to BIL').
_EACH = (r"(?:any asset|anything|everything|them|all of them|(?:each|every|any)(?: 1| one| single one)?(?: (?:asset|fund|etf|holding|position"
         r"|sleeve|one|1|of them))?|the (?:funds|etfs|assets|holdings|positions))")
_CHECKS = (rf"(?:(?:(?:i|we|it|the (?:model|strategy|system)) )?(?:check|compare|test|measure|look at|score)(?:s|ed)? {_EACH}"
           rf"|{_EACH} (?:is|gets|are|get) (?:checked|compared|tested|measured))")
_SIDE = r"(?:(?:if|when|while) )?(?:it'?s |it is |they'?re |they are )?"
_CHECKED_AGAINST = (
    rf"{_CHECKS} (?:against|with|to|versus|vs\.?) (?:its|their|the) (?P<n>\d+)[- ]?(?P<u>day|week|month)s? (?P<i>{_SMA_WORDS})"
    rf"[:,;.]? ?(?:- )?{_SIDE}(?:above|over)(?: it)?(?: ?[=:,]| then)? ?(?:(?:i|we) )?(?:hold|keep|own|buy|stay in|long|in|it'?s held|"
    rf"it is held)(?: it| them)?"
    rf"[,;.]? ?(?:and |but )?{_SIDE}(?:below|under)(?: it)?(?: ?[=:,]| then)? ?(?:(?:i |we )?{_MOVE_IT} |(?:it|that|its|the|their) "
    rf"(?:\d+(?:\.\d+)?% |share |weight |slot |allocation |money )?(?:goes|moves|sits|is moved|is held|is parked) (?:to|into|in) )?"
    rf"{ALL_OF_IT}(?:(?P<fallback>{NAME})|{FLAT})(?: instead)?"
    rf"(?: until (?:the )?next (?:check|rebalance|rebalancing|review|month|time|month-end))?")


def _checked_against(r: Reader) -> None:
    if r.draft.hold:
        return
    m = r.find(_CHECKED_AGAINST)
    if m is None:
        return
    r.mask(m)
    condition = f"price > sma(price, {window(m.group('n'), m.group('u'))})"
    _set_hold(r, condition, _fallback_of(m), None)


def _not_the_other(r: Reader, name: str) -> None:
    """The fallback said again against another ('otherwise its half goes to cash instead. Cash, not bonds.'): the
    other is named only to be ruled out, so it is no asset."""
    m = r.find(rf"(?<={MASK})[.;,]? ?@{name},? not (?:in |into )?@(?P<other>[A-Z][A-Z0-9_]*)(?= ?[.;,!]|$)")
    if m and r.norm.text.count(f"@{m.group('other')}") == 1:
        r.mask(m)
        r.norm.assets.pop(m.group("other"), None)


def _weighted_elsewhere(r: Reader, name: str) -> bool:
    """A condition's asset stays held when the text also gives it a weight or holds it."""
    return bool(re.search(rf"\d%\s*(?:in |of )?@{name}\b|@{name}\s*\d|(?:hold|buy|own|in|of) @{name}\b"
                          rf"|@{name}(?:,| and| or)", r.norm.text))


def _in_the_mix(r: Reader, name: str) -> bool:
    """An asset given a weight, or listed with others ('60% SHY', 'SHY 40', '60/40 QQQ/SHY', 'SPY, EFA, IEF and VNQ'):
    held for its own weight, not only where another's weight goes."""
    other = r"@[A-Z][A-Z0-9_]*"
    return bool(re.search(rf"\d%\s*(?:in |of )?@{name}\b|@{name}:?\s*\d|@{name}(?:,? and |, |/| )(?={other})"
                          rf"|{other}(?:,? and |, |/| )@{name}\b", r.norm.text))


def _conditional_weights(r: Reader) -> None:
    """'if SPY's 50-day SMA is above its 200-day SMA run 80/20, otherwise 30/70'."""
    verb = (r"(?:then )?(?:(?:i |we )?(?:run|hold|use|go|be|allocate|invest|keep|flip|switch|move|rotate|stay)(?: at| in| to| into)? "
            r"|(?:i'?m|we'?re|i am|we are) )?")
    pairs = rf"(?:(?:{NUM}% (?:in )?{ASSET},? ?(?:and )?)+|{_TICKER_FIRST})"
    _list_after_split(r)
    _named_states(r)
    _other_side_after_its_weights(r)
    m = (r.find(rf"{_LEAD}{CONDITION}(?:[,:]? |, then ){_NAMES_THE_STATE}{verb}(?:(?P<w1>{SPLIT})|(?P<p1>{pairs}))"
                rf"(?: (?P<l1>{LIST}))?(?:{OTHERWISE}|{OPPOSITE}) {verb}(?:(?P<w2>{SPLIT})|(?P<p2>{pairs}))")
         # 'go 100% SPY when its 50-day SMA is above its 200-day SMA, otherwise 100% IEF': the weights first
         or r.find(rf"{verb}(?P<p1>{pairs}) (?:if|when(?:ever)?|while|as long as) {CONDITION}{OTHERWISE} {verb}"
                   rf"(?P<p2>{pairs})(?P<w1>(?!))?(?P<w2>(?!))?(?P<l1>(?!))?"))
    if m is None:
        _switched_target(r)
        return
    if not _opposite_side(m):
        return
    subject = subject_of(m) or _only_asset(m.group("p1"), m.group(0))
    condition = condition_rbl(m, subject)
    if condition is None or subject is None:
        return
    r.mask(m)
    members = names_in(m.group("l1")) if m.group("l1") else r.held()
    branches = [_branch(r, m.group("w1"), m.group("p1"), members), _branch(r, m.group("w2"), m.group("p2"), members)]
    if None in branches:
        return
    r.draft.branches = [(condition, branches[0]), (None, branches[1])]


# What opens a condition on the weights: 'if', 'when', or nothing at a sentence's start when a colon or 'then' follows
# the condition ('SPY over its 200-day average: 80/20 ...', 'SPY 20-day vol over 25% -> 40/60 ...').
_LEAD = r"(?:(?:if|when(?:ever)?|while) |(?:(?<=^)|(?<=[.;] ))(?=[^.;:]*?(?::|, then) ))"


def _list_after_split(r: Reader) -> None:
    """'SPY/TLT 80/20 when ...': the assets before their split read as '80/20 SPY/TLT' (the same length, so every
    position in the text still holds)."""
    r.text = re.sub(rf"(?<![\w@/.]){LIST} {SPLIT}(?![\w/%.-])(?= ?,? (?:but |and )?(?:when|if|while|as long as|{_VERB_WORDS}) )",
                    lambda m: f"{m.group(2)} {m.group(1)}", r.text)


_VERB_WORDS = r"(?:go|run|hold|switch|flip|move|rotate|drop|shift|cut)"


# Two states named as opposites, the condition said beside one of them ('risk-on 80/20 SPY/TLT, risk-off (SPY below its
# 10-month SMA) 40/60', 'high vol (SPY 20-day vol > 20%): 40/60; low vol: 70/30'): the other state is its otherwise.
# The first of each pair is the state of a condition that is above ('risk-on' while SPY is above its average).
_STATE_PAIRS = (("risk-on", "risk-off"), ("high vol(?:atility)?", "low vol(?:atility)?"), ("bull(?:ish)?(?: market| regime)?",
                "bear(?:ish)?(?: market| regime)?"), ("up-?trend", "down-?trend"), ("trend up", "trend down"))


def _named_states(r: Reader) -> None:
    weights = rf"(?:{SPLIT}(?: {LIST})?|(?:{NUM}% (?:in )?{ASSET},? ?(?:and )?)+|{_TICKER_FIRST})"
    for one, other in _STATE_PAIRS:
        for said, unsaid, above in ((one, other, True), (other, one, False)):
            state = rf"(?:(?<=^)|(?<=[.;,] ))(?:in |during )?(?:the )?{{}}(?: regime| state| mode)?"
            conditioned = rf"{state.format(said)}, (?P<cond>[^,:;.]+?),?:? (?P<w>{weights})"
            plain = rf"{state.format(unsaid)}:? (?P<o>{weights})"
            m = (re.search(rf"{conditioned}[,;.] ?(?:and )?{plain}(?=\s*(?:[.;,]|$))", r.text)
                 or re.search(rf"{plain}[,;.] ?(?:and )?{conditioned}(?=\s*(?:[.;,]|$))", r.text))
            said_as = m and re.fullmatch(CONDITION, m.group("cond"))
            if not said_as:
                continue
            if bool(said_as.group("gt")) != above:
                r.ask(f"'{m.group('cond').replace('@', '')}' is said for the state named beside it, which usually means the opposite; "
                      "which weights go with which side?")
                return
            r.text = r.text[:m.start()] + f"if {m.group('cond')}, {m.group('w')}, otherwise {m.group('o')}" + r.text[m.end():]
            return


# The other side said after its weights, the weights first both times ('80/20 while SPY is above its 200-day SMA, 40/60
# when it's below', '... and 30/70 below it', '... and 50/50 when it's not'), or before them ('VTI 100% while VTI is above
# its 200-day SMA; when it falls below, 100% BND'): the side must be the condition's opposite, said of the same asset.
_SIDE_SAID = (r"(?:(?:when|if|once|whenever|while) (?:(?:it|that|the price|its price|price|(?P<other>@[A-Z][A-Z0-9_]*))"
              r"(?: closes| is| trades| stays| falls| drops| dips| goes| moves|'s)? )?)?(?P<side>below|under|above|over)"
              r"(?: it| that| its (?:moving )?average)?")
_NOT_SO = r"(?:when|if) (?:it'?s|it is|that'?s|that is) not|if not|when not"


def _other_side_after_its_weights(r: Reader) -> None:
    weights = rf"(?:{SPLIT}(?: {LIST})?|(?:{NUM}% (?:in )?{ASSET},? ?(?:and )?)+|{_TICKER_FIRST})"
    if _states_named_beside_their_weights(r, weights):
        return
    after = rf"(?P<cond>{CONDITION})[,;]? (?:and |but )?(?P<w>{weights}) (?:{_SIDE_SAID}|(?P<negated>{_NOT_SO}))(?=\s*(?:[.;,]|$))"
    before = (rf"(?P<cond>{CONDITION})[,;] (?:and |but )?{_SIDE_SAID},? (?:(?:i |we )?(?:go|switch|move|rotate|flip|hold|run|be)"
              rf"(?: to| into| in)? )?(?P<w>{weights})(?P<negated>(?!))?(?=\s*(?:[.;,]|$))")
    for m in [*re.finditer(after, r.text), *re.finditer(before, r.text)]:
        if m.group("negated") is None:
            subject, other = subject_of(m), m.group("other")
            if other and other[1:] != subject:
                continue
            if bool(m.group("gt")) != (m.group("side") in ("below", "under")):
                continue
        r.text = r.text[:m.start()] + f"{m.group('cond')}, otherwise {m.group('w')}" + r.text[m.end():]
        return


def _states_named_beside_their_weights(r: Reader, weights: str) -> bool:
    """'risk-on 90/10 VTI/BND when VTI is above its 200-day SMA, risk-off 30/70 when it's below': each state's name before
    its weights adds no fact when the names fit the sides (risk-on above; the first name may be missing, read as a
    title); names on the wrong sides are a question."""
    state = r"(?: regime| state| mode)?:? (?:at )?"
    for one, other in _STATE_PAIRS:
        m = re.search(rf"(?:(?<![\w-])(?P<l1>{one}|{other}){state})?(?P<w1>{weights}) (?P<lead>when|while|if|as long as) (?P<cond>{CONDITION})[,;] "
                      rf"(?:and |but )?(?P<l2>{one}|{other}){state}(?P<w2>{weights})(?: {_SIDE_SAID}| otherwise)?(?=\s*(?:[.;,]|$))", r.text)
        if m is None:
            continue
        second_is_one = bool(re.fullmatch(one, m.group("l2")))
        first_is_one = bool(re.fullmatch(one, m.group("l1"))) if m.group("l1") else not second_is_one   # ('risk-on:' a title)
        opposite = first_is_one != second_is_one
        side_fits = m.groupdict().get("side") is None or bool(m.group("gt")) == (m.group("side") in ("below", "under"))
        if not (opposite and side_fits and bool(m.group("gt")) == first_is_one):
            r.ask(f"'{m.group('cond').replace('@', '')}' is said for the state named beside it, which usually means the opposite; "
                  "which weights go with which side?")
            return True
        r.text = (r.text[:m.start()] + f"{m.group('w1')} {m.group('lead')} {m.group('cond')}, otherwise {m.group('w2')}"
                  + r.text[m.end():])
        return True
    return False


def _switched_target(r: Reader) -> None:
    """The other ways a target switches on a condition (the weights first, or a tilt from the mix said elsewhere:
    'SPY/TLT 70/30, but 40/60 when SPY's 20-day vol is above 20%'), as the signal rules read them."""
    from rbl.dsl.english.rules_signals import switch_target

    def written(m: re.Match) -> str | None:
        subject = subject_of(m) or _only_asset(m.groupdict().get("p1"), m.group(0))
        condition = condition_rbl(m, subject) if subject else None
        if condition is None:
            r.ask(f"Which asset is '{m.group('cond').strip()}' about, and what does it compare (for example 'SPY is above "
                  f"its 200-day SMA')?")
        return condition

    switch_target(r, rf"(?P<cond>(?:if|when(?:ever)?|while|as long as) {CONDITION})", written)


# The state named between the condition and what it does ('when SPY's vol is above 25% we treat the market as stressed and
# go to 30/70', 'if it breaks below, we call it risk-off and move to ...'): the name adds no fact, the weights after it do.
_NAMES_THE_STATE = (r"(?:(?:we|i) (?:treat|call|consider|label|flag|tag|deem|classify) (?:the market|markets|it|that|this|the regime) "
                    r"(?:as )?(?:an? )?\"?[a-z-]+\"?(?: regime| state| mode)?,? and )?")


# The other branch said as the other side of the same line: 'when it closes below, I flip to 30% SPY, 70% IEF'.
# The side may be said bare: 'I run 80/20, below it 30/70', 'above: 80/20. under it: 30/70'.
OPPOSITE = (r"[,;.]? ?(?:and |but )?(?:(?:when|if|once|whenever|while) (?:it|that|the price|its price|price|@[A-Z][A-Z0-9_]*)"
            r"(?: closes| is| falls| trades| drops| goes| stays|'s)? )?(?P<opp>below|under|above|over)"
            r"(?: it| that| its (?:moving )?average| the average| the line)?[,:]?")


def _opposite_side(m: re.Match) -> bool:
    """An otherwise said as 'when it's below' is the other branch only after a condition that it is above (and back)."""
    side = m.groupdict().get("opp")
    if side is None:
        return True
    return bool(m.group("gt")) == (side in ("below", "under"))


def _only_asset(pairs: str | None, text: str) -> str | None:
    """'go 100% SPY when its 50-day SMA ...': 'its' is the one asset the weights before it name."""
    names = re.findall(ASSET, pairs or "")
    weights_first = not text.lstrip().startswith(("if", "when", "while"))
    return names[0] if weights_first and len(names) == 1 else None


# Each branch's weights said ticker first ('hold QQQ 70 / TLT 30; otherwise QQQ 30 / TLT 70', 'SPY 60%, AGG 40%').
_TICKER_WEIGHT = rf"{ASSET}:? {NUM}(%?)(?![\w-])(?!\.\d)"
_TICKER_FIRST = rf"(?:{_TICKER_WEIGHT}(?:\s*[,/]\s*(?:and )?(?=@)|\s+(?:and\s+)?(?=@))?)+"


def _branch(r: Reader, split: str | None, pairs: str | None, members: list[str]) -> list[tuple[str, str]] | None:
    if pairs:
        return _pairs_of(pairs)
    numbers = split.split("/")
    if len(numbers) != len(members):
        r.ask(split_question(numbers, members))
        return None
    return [(name, f"{n}%") for name, n in zip(members, numbers)]


def _pairs_of(pairs: str) -> list[tuple[str, str]] | None:
    """A branch's (asset, weight) pairs; bare numbers ('QQQ 70 / TLT 30') are weights only when they make 100."""
    weight_first = re.findall(rf"{NUM}% (?:in )?{ASSET}", pairs)
    if weight_first:
        return [(name, f"{n}%") for n, name in weight_first]
    said = re.findall(_TICKER_WEIGHT, pairs)
    if not any(pct for _, _, pct in said) and abs(sum(float(n) for _, n, _ in said) - 100) > 1e-9:
        return None
    return [(name, f"{n}%") for name, n, _ in said]


def _missing_lengths(r: Reader) -> None:
    """An indicator left with no window ('above its moving average') is a question, not a guess; so is a return
    compared with another asset's with no window ('hold SPY if it beats T-bills')."""
    if (r.find(rf"(?:{NAME}|it|its price) (?:beats?|outperforms?|does better than|is better than) {NAME}")
            and not re.search(r"\d+[- ]?(?:day|week|month|year)s?\b", r.text)):        # '12-month', '12 month', '12 months'
        r.ask("Over what lookback should the returns be compared (for example their 12-month return)?")
        return
    unsized = r"(?<!day )(?<!days )(?<!week )(?<!month )(?<!year )(?<!-)"
    m = r.find(rf"{unsized}\b(?:simple |exponential )?(moving average|sma|ema|rsi|trend ?line)\b")
    if m:
        r.ask(f"Over what lookback should the {m.group(1)} be measured: how many days (for example "
              f"{'14' if m.group(1) == 'rsi' else '200'} days)?")
