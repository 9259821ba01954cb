"""Offline translator rules for ranked targets: top or bottom N by return, and dual momentum."""

from __future__ import annotations

import re

from rbl.dsl.english.conditions import PROXY_SAID, drop_proxy_name
from rbl.dsl.english.reader import ASSET, LIST, MASK, WINDOW, Reader, names_in, window

BETTER = r"(?:higher|highest|better|best|stronger|strongest|greater|bigger)"
MEASURE = r"(?:(?:trailing|recent|past|relative) )?(?:total |price )?(?:returns?|momentum|performance|price change|gains?)"
RANKED_WINDOW = rf"(?:{WINDOW} {MEASURE}|{MEASURE} (?:over|of|for|in) (?:the )?{WINDOW}|over {WINDOW}(?: {MEASURE})?)"
_AMONG_PICKS = r"(?: (?:between|among|amongst|across) (?:them|the (?:picks|winners|two|three|four|five|top (?:\d+|two|three))))"
# ('equally weighted' before 'equally', or its 'weighted' stays unread)
EQUAL = (r",?(?: and)?(?: (?:are |is )?(?:hold(?: them)?|held|weight(?:ed)?(?: them)?|split))?(?: (?:equally weighted|(?:equally|evenly) split|equally|evenly|"
         r"in equal weights?|at equal weights?|with equal weights?|equal[- ]weighted|in equal (?:parts|shares))| equal[- ]weight(?:ed|s)?"
         # said as the split itself: 'hold the top 2 by 3-month return, equal split', 'an even split'
         r"| (?:an? )?(?:equal|even) (?:split|shares|parts)(?= ?[.;,]|$)| split (?:equally|evenly))"
         # the picks' own split: 'split evenly between them', 'equally among the winners'
         rf"{_AMONG_PICKS}?")


def read_ranked(r: Reader, set_scheme) -> None:
    """Dual momentum first (a winner of a comparison), then top or bottom N; a top 1 may have a cash proxy to beat."""
    # its lookback in brackets after it (set off by commas once normalized): 'top 3 momentum (6 month)'
    r.text = re.sub(r"\b(momentum|return|performance), (\d+)[- ]?(day|week|month|year)s?(?=[,;.]|$)", r"\2-\3 \1", r.text)
    _named_dual_momentum(r, set_scheme)
    _dual_momentum(r, set_scheme)
    _top_n(r, set_scheme)
    _cash_proxy_bar(r)
    _all_negative(r)
    _rest_sold(r)


# 'and you sell the rest', 'everything else goes to zero', 'dump the others': what a top N already does to the
# assets it did not pick.
REST_SOLD = (r"(?:(?:[,.;] ?)?(?:and |then )?(?:(?:you |we |i )?(?:sell|dump|drop|exit|ditch|zero out|get out of|liquidate) "
             r"(?:the rest|everything else|the others|all the others|the other \d+)"
             r"|(?:everything else|the rest|the others|all the others) (?:goes|go|gets|get|is|are) (?:to 0|to zero|sold|dumped|zeroed)))"
             r"(?:,? yeah)?")


# '100% in the one chosen fund', 'everything goes into the single winner': what a top 1 already holds.
WHOLE_IN_THE_ONE = (r"(?:[,.;] ?)?(?:and )?(?:(?:put|hold|invest|keep) )?(?:100%|everything|all of it|it all|the whole portfolio)"
                    r"(?: goes| is)? (?:in|into|on) (?:the )?(?:1 |single |one )?(?:chosen|selected|winning|picked|single|top)"
                    r"(?: 1)?(?: (?:fund|asset|etf|ticker|1|winner))?(?= ?[,.;!]|$)")


# ... said just before the pick ('rotate 100% into whichever of ...', 'all-in on the best of ...', 'switch fully into
# the top one of ...') or just after it ('..., 100% allocation'): the whole book in the one asset, as a top 1 holds it.
WHOLE_BEFORE_THE_ONE = (r"(?:(?:rotate|rotating|switch|switching|go|going|move|moving|put|putting|invest|allocate|shift|park|be)"
                        r"(?: (?:it|the money|the portfolio|the account))? )?"
                        r"(?:(?:100%|everything|it all|all of it|the whole (?:portfolio|book|account|thing)|all[- ]in)(?: (?:in|into|on|to))?"
                        r"|(?:fully|entirely|completely|100%) (?:in|into|to))"
                        rf"(?= ?{MASK})")
WHOLE_AFTER_THE_ONE = (rf"(?<={MASK})[,;]? (?:(?:100%|full|whole)(?: (?:allocation|weight|position|in it))?|(?:gets|takes|receives|is given) "
                       rf"(?:100%|everything|it all|all of it|the whole (?:portfolio|book|account)))(?= ?[,.;!]|$)")


def _rest_sold(r: Reader) -> None:
    if re.match(r"(?:top|bottom) \d+ by", r.draft.scheme or ""):
        r.take(REST_SOLD)
    if re.match(r"top 1 by", r.draft.scheme or ""):
        r.take(WHOLE_IN_THE_ONE)
        r.take(WHOLE_BEFORE_THE_ONE)
        r.take(WHOLE_AFTER_THE_ONE)


# 'dual momentum on SPY and EFA vs BIL', 'GEM with VTI, VXUS against SHY': the construct by its name, the cash proxy
# after 'vs'; the lookback and the fallback are said apart, or asked.
NAMED = (r"(?:(?:a |the |classic )?(?:dual momentum|gem|global equities momentum|relative (?:\+|and|&) absolute momentum)"
         r"(?: model| strategy| rule| rotation| approach| setup)? (?:on|for|with|between|of|across|using) )")


def _named_dual_momentum(r: Reader, set_scheme) -> None:
    m = r.take_one(rf"{NAMED}{LIST},? (?:vs\.?|versus|against|relative to) @(?P<bar>[A-Z][A-Z0-9_]*)")
    if not m:
        return
    span = _loose_window(r)
    if span is None:
        r.ask("Over what lookback should the assets be ranked (for example their 12-month return)?")
        return
    set_scheme(r, f"top 1 by return(price, {span}) of {', '.join(names_in(m.group(1)))}")
    r.signals.add(m.group("bar"))
    r.draft.hold = f" while return(price, {span}) > return({m.group('bar')}, {span})"
    _fallback(r, m.group("bar"))


def _span(m, first: int) -> str | None:
    """The lookback among the groups of RANKED_WINDOW starting at `first` (three alternatives)."""
    for i in (first, first + 2, first + 4):
        if m.group(i):
            return window(m.group(i), m.group(i + 1))
    return None


def _dual_momentum(r: Reader, set_scheme) -> None:
    m = (r.take_one(rf"(?:(?:hold|buy|own|pick|choose|go with|invests? in|be in) )?(?:whichever|the one|the asset|the better) "
                    rf"of {LIST},? (?:that |which )?(?:(?:has|had|shows|with|(?:has |had )?(?:delivered|produced|generated|posted|"
                    rf"shown|achieved)) (?:the )?{BETTER}|(?:did|does|performed|performs|"
                    rf"has done|was|is) (?:the )?(?:best|better|strongest)) {RANKED_WINDOW}")
         # 'SPY vs EFA on 12m return, hold the winner': the comparison, then what is held said of it
         or r.take_one(rf"(@[A-Z][A-Z0-9_]* (?:vs\.?|versus) @[A-Z][A-Z0-9_]*),? (?:by|on|ranked by|compared (?:by|on)) "
                       rf"(?:the |their )?{RANKED_WINDOW}(?:[,.;]? (?:and )?(?:then )?(?:i |we |you )?{_HOLD_VERB} {WINNER})?")
         or r.take_one(rf"(?:(?:hold|buy|own|pick|choose|go with|invest in|be in) )?{LIST},? whichever (?:(?:has|had|shows) "
                       rf"(?:the )?{BETTER}|(?:did|does|performed|performs|was|is) (?:the )?(?:best|better|strongest)) {RANKED_WINDOW}"))
    if m:
        listing, span = m.group(1), _span(m, 2)
    else:
        listing, span = _compared(r)
    if not listing:
        listing, span = _rotated_between(r)
    if not listing:
        listing, span = _whichever_of_named(r)
    if not listing:
        return
    set_scheme(r, f"top 1 by return(price, {span}) of {', '.join(names_in(listing))}")


def _rotated_between(r: Reader) -> tuple[str | None, str | None]:
    """'rotate between SPY and TLT monthly based on 3m return', 'switch between QQQ and IEF depending on their 6-month
    momentum': the one of them with the better return; a calendar said in between stays for the schedule."""
    m = r.find(rf"(?:rotate|rotating|switch|switching|alternate|alternating|toggle) between {LIST}"
               rf"(?P<calendar>,? (?:{MASK}+|monthly|weekly|quarterly|each month|every month|each week|every week|each quarter))?,? "
               rf"(?:based on|by|on|according to|depending on|using) (?:the |their |its |relative )?(?:(?:better|higher|stronger) )?"
               rf"{RANKED_WINDOW}")
    if m is None or len(names_in(m.group(1))) < 2:
        return None, None
    r.mask_span(m.start(), m.end(1))
    r.mask_span(m.end("calendar") if m.group("calendar") else m.end(1), m.end())
    return m.group(1), _span(m, 3)


def _whichever_of_named(r: Reader) -> tuple[str | None, str | None]:
    """'Universe: VTI and VEU. Each month take whichever has the higher 12-month return': the winner of the assets
    named before it (at least two); the ones named after are the bar and the fallback."""
    m = r.find(rf"(?:take|hold|buy|own|pick|choose|go with|invest in|be in) (?:whichever (?:1 )?(?:(?:has|had|shows) (?:the )?{BETTER}|"
               rf"(?:did|does|performed|performs|was|is) (?:the )?(?:best|better|strongest)) {RANKED_WINDOW})")
    before = r.norm.text[:m.start()] if m else ""
    named = list(dict.fromkeys(re.findall(r"@([A-Z][A-Z0-9_]*)", before)))
    # only where one sentence names them all ('Universe: VTI (US) and VEU (ex-US).'); assets named elsewhere too are a
    # question
    last = before.rfind("@")
    sentence = before[max(before.rfind(c, 0, last) for c in ".!?;") + 1:]
    if not m or len(named) < 2 or "CASH" in named or set(re.findall(r"@([A-Z][A-Z0-9_]*)", sentence)) != set(named):
        return None, None
    r.mask(m)
    return ", ".join(f"@{n}" for n in named), _span(m, 1)


def _cash_proxy_bar(r: Reader) -> None:
    """Absolute momentum on a top 1: 'but only if it beats BIL over the same 12 months; otherwise sit in IEF'."""
    top1 = re.fullmatch(r"top 1 by return\(price, (\d+ \w+)\) of .*", r.draft.scheme or "")
    if top1 is None or r.draft.hold:
        return
    span = top1.group(1)
    bar = r.take_one(rf"[,.;]? (?:but )?(?:only )?(?:(?:if|as long as|provided(?: that)?|while|when) {WINNING}(?: also)?"
                     rf"(?: (?P<ownwin>\d+[- ]?(?:day|week|month|year)s?))?(?: return| momentum| performance)? (?:beats?|exceeds|is above|"
                     rf"is higher than|is more than|is bigger than|outperforms|is better than|is greater than|tops|does better than|has beaten|'s beaten|beat|"
                     rf"beating|outperforming|exceeding|"     # 'only if it's also beating SHY'
                     rf"has outperformed)|(?:and )?(?:it |the winner |that |which )?"
                     rf"(?:must|has to|needs to|should) (?:beat|exceed|outperform|top|do better than)) "
                     rf"(?:that of |the (?:\d+-(?:day|week|month|year) )?return of )?@(?P<bar>[A-Z][A-Z0-9_]*)"
                     rf"(?:'s(?: (?P<possesswin>\d+[- ]?(?:day|week|month|year)s?)(?= return| momentum))?)?"
                     rf"(?: return| momentum)?,?(?: (?:over|in|for) (?:the same (?:period|window|(?P<samewin>\d+[- ]?(?:day|week|month|"
                     rf"year)s?))|(?:the (?:last |past )?)?(?P<barwin>\d+[- ]?(?:day|week|month|year)s?)))?")
    bar = bar or _bar_asked(r)
    if not bar:
        _failed_bar(r, span)
        return
    if not all(_same_window(r, bar.group(said), span) for said in ("ownwin", "samewin", "barwin", "possesswin")):
        return
    r.signals.add(bar.group("bar"))
    _proxy_named(r, bar.group("bar"))
    r.draft.hold = f" while return(price, {span}) > return({bar.group('bar')}, {span})"
    _fallback(r, bar.group("bar"))


# The winner's own return as the bar, said of them all: 'cash if all negative', 'if everything is negative, go to IEF'.
_ALL = r"(?:all|everything|all of them|they all|both|every (?:1|asset|fund))"
_NEGATIVE = (rf"(?:{_ALL} (?:are |is |have |has |turn |turns |go |goes |show |shows )?(?:negative|(?:a )?negative returns?|down|"
             r"below (?:0%?|zero)|under (?:0%?|zero))(?: (?:momentum|returns?))?"
             rf"|none (?:is|are|has|have) (?:positive|(?:a )?positive returns?|up)(?: momentum)?)")
_HIDE = (r"(?:(?:go|move|switch|rotate|be|sit|hide|park it|put it|everything goes|it all goes|it goes)(?: in| into| to)? |hold |"
         r"(?:go |move |switch )?(?:100% |all |fully )(?:in(?:to)? |to )?)?")


def _all_negative(r: Reader) -> None:
    """A top 1 falls back when the best return is negative: then so are all the others."""
    top1 = re.fullmatch(r"top 1 by return\(price, (\d+ \w+)\) of .*", r.draft.scheme or "")
    if top1 is None or r.draft.hold:
        return
    m = r.take_one(rf"[,.;]? ?(?:and |but |or )?{_HIDE}{ASSET}(?: instead)? (?:if|when|whenever) {_NEGATIVE}"
                   rf"|[,.;]? ?(?:and |but )?(?:if|when|whenever) {_NEGATIVE},? (?:then )?{_HIDE}{ASSET}(?: instead)?")
    if m:
        fallback = m.group(1) or m.group(2)
        r.signals.add(fallback)
        r.draft.cash = r.draft.cash or fallback == "CASH"
        r.draft.hold = f" while return(price, {top1.group(1)}) > 0% else {fallback}"
        r.assume(f"when the best return is negative, so are all the others: then it holds {fallback}")


def _proxy_named(r: Reader, bar: str) -> None:
    """What the bar stands for, said right after it ('more than BIL (the t-bills)'): no asset of its own."""
    m = r.take_one(rf"(?<={MASK})(?:{PROXY_SAID})")
    if m:
        drop_proxy_name(r, m.group())


def _fallback(r: Reader, bar: str) -> None:
    """What is held when the winner does not beat the cash proxy: 'otherwise sit in IEF', 'falling back to IEF'."""
    other = r.take_one(rf"[.;]?,? ?(?:and )?(?:otherwise|else|if not|if (?:it is|it's) not|if (?:it|that|the winner|its return) isn'?t|if (?:it|that|the winner) (?:doesn'?t|does not"
                       rf"|fails|can'?t|cannot)(?: beat (?:it|@{bar}))?|if (?:neither|none)(?: of them)? (?:clears?|beats?|is above|does better than) (?:it|@{bar})|fall(?:ing|s)? back(?: to| on| into)?|(?:with |a |the )?"
                       rf"fallback(?: asset)?(?: is| to| of|:)?)(?: it)?,?"
                       rf" (?:just |simply )?(?:(?:the portfolio |it |we |i )?holds? |(?:i |we |you )?(?:hold|buy|own|go|move|switch|rotate|put it|sit|park|be|"
                       rf"fall back|hide)(?: it all| everything| it)?(?: (?:in|into|to|over to))? |(?:we'?re|we are|i'?m|i am) (?:(?:100% |all |fully )(?:in(?:to)? )?(?=@)|in )|"
                       rf"(?:the portfolio |it |we )?(?:is |are |will be |gets )?(?:invested|held|put|parked|placed) (?:in|into) )?"
                       # the whole book said with it: 'if it isn't, 100% AGG until next month'
                       rf"(?:(?:100% |all |everything )(?:in(?:to)? )?)?{ASSET}(?: instead)?(?:,? until (?:the )?next (?:month|rebalance|review|check))?")
    if other:
        r.signals.add(other.group(1))
        r.draft.hold += f" else {other.group(1)}"
    else:
        r.ask(f"When it does not beat {bar}, what should it hold instead (cash, or which asset)?")


# Who must beat the cash proxy: 'only if it beats BIL', 'as long as the winner beats BIL', 'only if its return ...'.
# ('only if his 12 month return is more than BIL': a writer whose language gives an asset a gender)
WINNING = r"(?:that|its|it is|it|this|it'?s|his|her|the winner'?s?|the stronger 1|the better 1|the chosen (?:1|asset)|that return)"
# 'hold whichever did better', 'hold the winner', 'we take the stronger one': the best of the assets just compared.
WINNER = (rf"(?:whichever (?:(?:did|does|performed|performs|is|was|came out|has done) (?:the )?(?:better|best|stronger|"
          rf"strongest|higher|highest|ahead|on top)|(?:has|had|shows) (?:the )?{BETTER}(?: return| momentum)?)"
          rf"|the (?:winner|better|stronger|best|strongest|higher|leader)(?: 1| asset| of the 2| of them)?)")
_HOLD_VERB = r"(?:hold|take|pick|buy|own|choose|go with|keep|be in|invest in|rotate into|put (?:100% |everything |it all |all of it )?in(?:to)?)"


def _compared(r: Reader) -> tuple[str | None, str | None]:
    """'compare SPY and EFA over 12 months and hold whichever did better', 'compare the 12-month return of SPY vs
    EFA, hold the winner': the list and the lookback of a comparison whose winner is held."""
    # ('you compare VTI with VXUS over the past 12 months and pick the winner': the two said with 'with' or 'to')
    m = r.take_one(rf"(?:i |we |you )?(?:compare|look at|rank|check) (?:the |their )?(?:(?P<n1>\d+)[- ]?(?P<u1>day|week|month|year)s? "
                   rf"{MEASURE} (?:of|for) )?(?P<list>{LIST}|{ASSET} (?:vs\.?|versus) {ASSET}|{ASSET},? (?:with|to|against) {ASSET})"
                   rf",?(?: (?:over|on|by) (?:the (?:last |past )?)?"
                   rf"(?P<n2>\d+)[- ]?(?P<u2>day|week|month|year)s?(?: {MEASURE})?"
                   # the measure before its lookback: 'by the return of the last 12 months', 'on their 6-month momentum'
                   rf"| (?:by|on) (?:the |their )?{MEASURE} (?:of|over) (?:the (?:last |past )?)?(?P<n3>\d+)[- ]?(?P<u3>day|week|month|year)s?)?"
                   rf"[,.]? (?:and )?(?:then )?"
                   rf"(?:i |we |you )?{_HOLD_VERB} {WINNER}")
    if not m:
        return None, None
    before = window(m.group("n1"), m.group("u1")) if m.group("n1") else None
    after = (window(m.group("n2"), m.group("u2")) if m.group("n2")
             else window(m.group("n3"), m.group("u3")) if m.group("n3") else None)
    if before and after and before != after:
        r.ask(f"The assets are compared over {before} and over {after}; which lookback is meant?")
        return None, None
    span = before or after
    if span is None:
        r.ask("Over what lookback should the assets be ranked (for example their 12-month return)?")
        return None, None
    return m.group("list"), span


def _same_window(r: Reader, said: str | None, span: str) -> bool:
    """'beats BIL over 12m' names the bar's lookback again; rbl compares both over the ranking's, so another is a question."""
    if said is None:
        return True
    m = re.fullmatch(WINDOW, said)
    if window(m.group(1), m.group(2)) in (span, _in_years(span)):
        return True
    r.ask(f"The assets are ranked over {span} but the bar is said over '{said}'; which lookback is meant for both?",
          phrase=said)
    return False


def _in_years(span: str) -> str | None:
    """'12 months' -> '1 year' ('over the same year' after a 12-month ranking is the same lookback)."""
    m = re.fullmatch(r"(\d+) months", span)
    return window(str(int(m.group(1)) // 12), "year") if m and int(m.group(1)) % 12 == 0 else None


def _failed_bar(r: Reader, span: str) -> None:
    """'if the winner doesn't beat BIL over those 12 months, go to AGG instead': the bar said by its failure."""
    m = r.take_one(rf"[;,-]? ?(?:but )?(?:if|when) (?:the winner|it|that|the chosen (?:1|asset)|that return|its return)(?:'s)?"
                   rf"(?: (?P<ownwin>\d+[- ]?(?:day|week|month|year)s?))?(?: return)? (?:doesn'?t|does not|"
                   rf"fails to|can'?t|cannot|did not|didn'?t) (?:beat|exceed|outperform|top) {ASSET}(?:'s)?(?: return)?"
                   rf"(?: over (?:those|the same) (?:\d+ (?:months?|days?|weeks?|years?)|period|window|(?P<sameyear>year)))?,? (?:then )?"
                   rf"(?:go to|hold|switch to|move to|buy|rotate to|rotate into|go into|use|"
                   rf"(?:park|put|sit|keep) (?:everything |it all |it )?in) {ASSET}(?: instead)?")
    if not m or not _same_window(r, m.group("ownwin"), span) or not _same_window(r, m.group("sameyear") and "1 year", span):
        return
    bar, fallback = m.group(2), m.group(4)
    r.signals.update((bar, fallback))
    r.draft.hold = f" while return(price, {span}) > return({bar}, {span}) else {fallback}"


# the bar said as a question the writer asks ('then you ask a second question: did the winner beat T-bills (I use BIL as
# the yardstick) over the same 12 months? if yes, you hold the winner, all in.'); the class named by its fund after it
BAR_ASKED = (rf"[,.;]? (?:then )?(?:(?:you|we|i) )?(?:ask|check)(?: (?:a|the) (?:second|2nd|next) (?:question|thing))?:? "
             rf"(?:did|does|has|is) {WINNING} (?:beat|beaten|exceed|outperform|above|better than) @(?P<bar>[A-Z][A-Z0-9_]*)(?:'s)?"
             rf"(?:, (?:i|we) use @(?P<proxy>[A-Z][A-Z0-9_]*) (?:as|for) (?:the |a |that )?(?:yardstick|hurdle|bar|benchmark|proxy|"
             rf"measure)(?: for (?:it|that|them))?,?)?"
             rf"(?: (?:over|in|for) (?:the same (?:period|window|(?P<samewin>\d+[- ]?(?:day|week|month|year)s?))))?\??"
             rf"(?: if (?:yes|so|it did|it does),? (?:(?:you|we|i) )?(?:hold|keep|buy|own|stay in) (?:the winner|it)"
             rf"(?:,? (?:all in|100%|fully))?(?= ?[.;,]|$))?")


def _bar_asked(r: Reader) -> re.Match | None:
    m = r.find(BAR_ASKED)
    if m is None or not m.group("proxy") and m.group("bar") == "TBILL":
        return None
    r.mask(m)
    if m.group("proxy") and r.norm.text.count(f"@{m.group('bar')}") == 1:      # 'T-bills (I use BIL ...)': BIL names it
        r.norm.assets.pop(m.group("bar"), None)
        bar = m.group("proxy")
    else:
        bar = m.group("bar")
    # the bar said again as never held: "I never hold BIL itself, it's just the hurdle"
    r.take(rf"(?:i|we) (?:never|don'?t|do not) (?:hold|buy|own) @{bar}(?: itself)?,? (?:it'?s|it is) (?:just|only) (?:the|a) "
           rf"(?:hurdle|yardstick|bar|benchmark)")
    return _BarOf(bar, m.group("samewin"))


class _BarOf:
    """The bar read apart from the BAR pattern, with the groups `_cash_proxy_bar` reads."""

    def __init__(self, bar: str, samewin: str | None) -> None:
        self._groups = {"bar": bar, "samewin": samewin, "ownwin": None, "barwin": None, "possesswin": None}

    def group(self, name: str) -> str | None:
        return self._groups[name]


def _top_n(r: Reader, set_scheme) -> None:
    # ('the top 2 sector ETFs', 'the best 3 country funds': a kind before the noun)
    noun = (r"(?:[- ](?:performing|ranked))?(?: momentum)?(?: (?:sector|country|index|stock|etf|crypto))?(?: (?:performers?|assets?|names?|funds?|etfs?|stocks?|tickers?|ones?|of them"
            r"|sectors?|coins?|countries|markets?|industries|holdings?|positions?))?")
    r.text = re.sub(r"\bthe single (best|strongest|top|worst|weakest)\b", r"the \1 1", r.text)
    # the one best said without its count, before the assets it is picked from ('the best of A, B, C', 'the strongest
    # performer among ...'): one asset; the plural ('the best performers of ...') stays a question
    r.text = re.sub(r"\bthe (best|strongest|top|worst|weakest)(?:[- ](?:performing|ranked))?( (?:performer|asset|fund|etf|name|sector|market))?"
                    r"(?= (?:of|among|amongst|from|out of) (?:the )?@)", r"the \1 1\2", r.text)
    # ... or named as the winner ('the winner among A, B, C', 'the #1 ranked of ...', 'the top-ranked of ...')
    r.text = re.sub(r"\bthe (?:winner|leader|#1|number 1|(?:top|highest|#1)[- ]ranked)(?: (?:ranked|performer|asset|fund|etf|name))?"
                    r"(?= (?:of|among|amongst|from|out of) (?:the )?@)", "the top 1", r.text)
    _two_counts(r)
    if _best_n_of(r, set_scheme) or _ranked_then_counted(r, set_scheme):
        return
    m = r.take_one(rf"(?:(?:a |the )?momentum(?: rotation| strategy)?[:,]? )?(?:(?:go )?long )?(?:the )?(?:(top|best|strongest|bottom|worst|weakest)(?:[- ](?:performing|ranked))? #?(\d+)|(\d+) (best|strongest|top|worst|weakest)){noun}"
                   rf"(?: (?:of|among|from|out of|amongst) (?:#\d+|{LIST}))?(?:,? (?:by|on|using|ranked by|based on|in terms of|"
                   rf"according to)"
                   # (the lookback said after the list in brackets: 'of SPY, QQQ, IWM (20-day return)')
                   rf"(?: their| its| the)?|,(?= \d))?(?: {RANKED_WINDOW})?(?: (?:of|among|from|out of|amongst) (?:#\d+|{LIST}))?")
    if not m:
        _uncounted(r)
        return
    side = "top" if (m.group(1) or m.group(4)) in ("top", "best", "strongest") else "bottom"
    count, listing = m.group(2) or m.group(3), m.group(5) or m.group(12)
    span = _span(m, 6) or _loose_window(r)
    if span and not _span(m, 6):        # 'by momentum -- use the 12-month return': the measure named apart
        r.take_one(rf"(?<={MASK})(?:,? (?:ranked |sorted )?(?:by|on|using))? (?:their |its |the )?{MEASURE}(?: ?[-,;:]+)?")
    if span is None:
        r.ask("Over what lookback should the assets be ranked (for example their 6-month return)?")
        return
    r.take(EQUAL)
    _even_split(r, count)
    members = names_in(listing) if listing else r.held()
    set_scheme(r, f"{side} {count} by return(price, {span}) of " + ", ".join(members))


def _two_counts(r: Reader) -> None:
    """'hold the top 2 or 3 of these': two counts is a question naming both, never one of them; the rest of the ranking
    is read with the second so no other question hides this one."""
    m = r.find(r"\b(top|best|strongest|bottom|worst|weakest) #?(\d+) (?:or|to|-) (\d+)(?![\d%.])")
    if m and m.group(2) != m.group(3):
        side = m.group(1)
        r.ask(f"How many of the assets should it hold: the {side} {m.group(2)} or the {side} {m.group(3)}?")
        r.text = r.text[:m.start(2)] + r.text[m.start(3):]


def _even_split(r: Reader, count: str) -> None:
    """'hold the top two, half and half' (read as 50/50), 'the top 4, 25/25/25/25': the equal weights a top N holds,
    said as a split right after it; another split stays for the weights rules (a question)."""
    n = int(count)
    if n > 1 and 100 % n == 0:
        r.take(rf"(?<={MASK}),? (?:and )?(?:(?:held|split|weighted) )?{'/'.join([str(100 // n)] * n)}(?![\d/%]){_AMONG_PICKS}?")


def _ranked_then_counted(r: Reader, set_scheme) -> bool:
    """'the model ranks XLK, XLF and XLE by 6-month price return ... and holds the top 2': the ranking said first,
    the count after."""
    ranked = r.find(rf"(?:ranks?|ranked|sorts?|orders?) {LIST} (?:by|on|using) (?:their |its |the )?{RANKED_WINDOW}")
    counted = ranked and r.find(rf"(?<={MASK}|[ ,.;])(?:(?:and )?(?:then )?(?:it |we |i )?(?:holds?|buys?|owns?|keeps?|takes?|picks?) )"
                                rf"the (top|best|strongest|bottom|worst|weakest) #?(\d+)(?! by)")
    if not counted or counted.start() < ranked.end():
        return False
    r.mask(counted)
    r.mask(ranked)
    side = "top" if counted.group(1) in ("top", "best", "strongest") else "bottom"
    set_scheme(r, f"{side} {counted.group(2)} by return(price, {_span(ranked, 2)}) of {', '.join(names_in(ranked.group(1)))}")
    r.take(EQUAL)
    return True


def _uncounted(r: Reader) -> None:
    """'rotates into the strongest assets among ...': a ranking with no count is a question, never a guess."""
    if r.find(rf"(?:the )?(?:top|best|strongest) few\b|a few of the (?:best|top|strongest)\b"
              rf"|(?:the )?(?:best|strongest|top|top[- ]performing|best[- ]performing|weakest|worst) (?:assets|funds|etfs|performers|names"
              rf"|stocks|ones)(?: (?:of|among|from|out of) (?:{LIST}|#\d+))?"):
        r.ask("How many of the assets should it hold (for example 'the top 2 by 6-month return')?")


def _best_n_of(r: Reader, set_scheme) -> bool:
    """'the two of A, B, C with the highest 6-month return' (the count first, the measure after the list), or
    'the 3 ETFs with the best 6-month return among A, B, C'."""
    r.take(r"(?:the strategy |it |we )?(?:invests?|allocates?) (?:equally|evenly) in(?= (?:the )?\d+ (?:of|among|from) @)")
    m = r.take_one(rf"(?:the )?(\d+) (?:assets? |funds? |etfs? |names? )?(?:of|among|from|out of) (?:#\d+ )?{LIST},? (?:with|that have|having|"
                   rf"showing|which have) (?:the )?(highest|best|strongest|largest|top|lowest|worst|weakest) {RANKED_WINDOW}")
    if not m:
        m2 = r.take_one(rf"(?:the )?(?:(\d+) (?:assets?|funds?|etfs?|names?|stocks?|tickers?)|#(\d+)) (?:with|that have|having|showing|"
                        rf"which have) (?:the )?(highest|best|strongest|largest|top|lowest|worst|weakest) {RANKED_WINDOW},? (?:of|among|"
                        rf"from|out of|amongst) {LIST}")
        if not m2:
            return _from_list_the_n(r, set_scheme) or _best_n_of_held(r, set_scheme)
        side = "top" if m2.group(3) in ("highest", "best", "strongest", "largest", "top") else "bottom"
        count = m2.group(1) or m2.group(2)
        if m2.group(2):      # '#2' counted the assets held, not the universe: not checked against the list
            r.norm.text = r.norm.text.replace(f"#{count}", count, 1)
        set_scheme(r, f"{side} {count} by return(price, {_span(m2, 4)}) of {', '.join(names_in(m2.group(10)))}")
        r.take(EQUAL)
        return True
    side = "top" if m.group(3) in ("highest", "best", "strongest", "largest", "top") else "bottom"
    r.take(rf"(?:invest(?:s|ed)?|allocate[ds]?|split|put (?:it|the money)) (?:equally|evenly)(?: (?:in|into|across|between))?|{EQUAL}")
    set_scheme(r, f"{side} {m.group(1)} by return(price, {_span(m, 4)}) of {', '.join(names_in(m.group(2)))}")
    return True


SHARE_EACH = {"2": r"a half|half|50%", "3": r"a third|1/3|33(?:\.3+)?%", "4": r"a quarter|1/4|25%", "5": r"a fifth|1/5|20%"}


def _best_n_of_held(r: Reader, set_scheme) -> bool:
    """'I've got nine sector ETFs - A, B, ... - and I buy the three with the best six-month return, a third each':
    the count and the measure with the assets named before; an even share each ('a third each') is equal weight."""
    m = r.take_one(rf"(?:the )?(\d+) (?:assets? |funds? |etfs? |names? )?(?:with|that have|having|showing|which have) (?:the )?"
                   rf"(highest|best|strongest|largest|top|lowest|worst|weakest) {RANKED_WINDOW}")
    if not m:
        return False
    side = "top" if m.group(2) in ("highest", "best", "strongest", "largest", "top") else "bottom"
    r.take(rf"{EQUAL}|,? (?:{SHARE_EACH.get(m.group(1), '(?!)')}) each")
    set_scheme(r, f"{side} {m.group(1)} by return(price, {_span(m, 3)}) of {', '.join(r.held())}")
    return True


def _from_list_the_n(r: Reader, set_scheme) -> bool:
    """'take from A, B, C the 2 with the best 3-month return': the list first, then the count and the measure."""
    m = r.take_one(rf"(?:(?:take|pick|choose|select|hold|buy) )?(?:from|of|among|out of) {LIST},? (?:(?:take|pick|choose|select|hold|buy) )?"
                   rf"the (\d+) (?:with|that have|having|showing|which have) (?:the )?(highest|best|strongest|largest|top|lowest|worst|"
                   rf"weakest) {RANKED_WINDOW}")
    if not m:
        return False
    side = "top" if m.group(3) in ("highest", "best", "strongest", "largest", "top") else "bottom"
    set_scheme(r, f"{side} {m.group(2)} by return(price, {_span(m, 4)}) of {', '.join(names_in(m.group(1)))}")
    r.take(EQUAL)
    return True


PAST = {"year": "1 year", "quarter": "3 months", "month": "1 month", "week": "1 week"}


def _loose_window(r: Reader) -> str | None:
    """A ranking window said apart from 'top N' ('ranked by 3-month return', 'with a 6-month lookback', 'by past
    year's return')."""
    m = r.take_one(rf"(?:(?:ranked|ranking|sorted|chosen|picked) )?(?:by|on|using|use|based on) (?:their |its |the )?{RANKED_WINDOW}")
    if m:
        return _span(m, 1)
    m = r.take_one(rf",? ?(?:with |using |on |over )?(?:an? |the )?{WINDOW} lookback(?: (?:period|window))?(?![\w-])"
                   rf"|,? ?(?:with )?(?:an? |the )?lookback(?: period| window)? (?:of |is |= |: )?{WINDOW}")
    if m:
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return window(n, unit)
    m = r.take_one(rf"(?:(?:by|on|using|based on) )?(?:the |their |its )?(?:past|last|trailing|previous) (year|quarter|month|week)(?:'s)? "
                   rf"{MEASURE}")
    return PAST[m.group(1)] if m else None
