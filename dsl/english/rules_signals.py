"""Offline translator rules for signals: a data column that is read, never traded (a sentiment score, a macro
series, a model's prediction), its staleness, and a target that switches on it."""

from __future__ import annotations

import re

from rbl.dsl.english.reader import ASSET, LIST, MASK, NUM, Reader, names_in
from rbl.dsl.english.rules_conditions import OTHERWISE, SPLIT, _branch

NOUN = r"(?:score|signal|indicator|series|prediction|forecast|reading|sentiment|value|index|indice|gauge|measure|ratio|spread|surprise)s?"
# 'column x', 'the column is called X in my file'
COLUMN = (r"(?:the |a )?(?:data )?column (?:is )?(?:named |called )?[\"']?(?P<col>[a-z][a-z0-9_]*|@[A-Z][A-Z0-9_]*)[\"']?"
          r"(?: in (?:my|the|our) (?:file|data|feed|csv|spreadsheet))?")
DECLARE = (rf"(?:(?<![\w@'-])(?:(?:use|read|take|load)s? )?(?:the |a |an |my |our )?(?:(?!(?:if|when|whenever|while|and|or|then|otherwise|else) )"
           rf"(?:[a-z][\w'-]*|@[A-Z][A-Z0-9_]*) ){{0,3}}?"
           rf"(?:{NOUN}|(?:{NOUN} )?data,(?= (?:the |a )?(?:data )?column (?:is )?(?:named|called)))"     # 'the sentiment data, the column is called X
           # 'a news-sentiment score that lands in my data file as a column called SENTIMENT'
           rf"(?: (?:that |which )?(?:lands|arrives|comes|shows up|appears|is stored|is saved|gets written)"
           rf"(?: (?:in|into) (?:my|the|our) (?:data )?(?:file|feed|csv|spreadsheet|data))? as"
           rf"| (?:that )?(?:(?:is|are) )?(?:lives|is|are|sits|stored|kept|found|supplied|provided|delivered|published|written))?"
           rf"(?: (?:in|from|at|under|into|to))? |(?:(?<=^)|(?<=[.;:!] ))(?=(?:data )?column ))"     # or 'column x.' opening a sentence
           rf"{COLUMN}")
# The declaration is replaced by this placeholder, so that 'when the score in column x is positive' reads as
# 'when the signal is positive'; a placeholder no condition took is a bare declaration ('signal column x').
PLACEHOLDER = "the signal"
SUBJECT = rf"(?:its|it'?s|it|the {NOUN}'?s?|the signal)"
AVERAGE = r"(?P<n>\d+)[- ]day (?:simple )?(?:average|avg|moving average|mean|sma)"
# the average defined in a step of its own, then named as 'that average' ('take the 10-day simple average of the score.
# if that average is above 0, ...'): read as the average said where it is used
DEFINED_AVERAGE = (rf"(?:(?:first,? )?(?:take|use|compute|calculate|smooth (?:it|the {NOUN}) (?:with|into)) )(?:the |a )?"
                   rf"(?P<n>\d+)[- ]day (?:simple )?(?:moving )?(?:average|avg|mean|sma)(?: of (?:the |its )?(?:{NOUN}|signal))?"
                   rf"(?= ?[.;,]|$)")
VALUE = r"(-?\d+(?:\.\d+)?)"
PREDICATE = (rf"(?:is |are )?(?:(?P<pos>positive|above 0|over 0|more than 0)|(?P<neg>negative|below 0|under 0|less than 0)"
             rf"|(?:above|over|greater than|more than|higher than|rises above|goes above) (?P<hi>{VALUE[1:-1]})"
             rf"|(?:below|under|less than|lower than|drops below|falls below|goes below) (?P<lo>{VALUE[1:-1]}))")
SIGNAL_CONDITION = rf"(?:(?:{SUBJECT} |the ){AVERAGE}(?: of {SUBJECT})?|{SUBJECT}) {PREDICATE}"
STALE = (r"(?:stale after|(?:ignore|drop|skip|disregard)s? (?:the |a |any |that )?(?:signal|score|value|reading|it)s?"
         r" (?:if|when|once) (?:it is |it's |they are |its value is |it gets )?(?:more than|older than|over)"
         r"|(?:values?|scores?|readings?) (?:more than|older than) (?P<n2>\d+) (?:trading )?(?:days?|bars?)(?: old)?"
         r" (?:are|is) (?:ignored|dropped|stale)"
         r"|,? ?(?:(?:which|that) (?:may|can|should|must) be |(?:a |the )?(?:signal|score|value|reading)s? (?:may|can|should|must) be )?"
         r"(?:at most|no more than|no older than|not older than) (?P<n3>\d+) (?:trading )?(?:days?|bars?)(?: old)?"
         # 'carry the last value forward 3 days', 'if a value is missing it reuses the last one for up to 3 bars'
         r"|(?:if (?:a|the) (?:the signal |[a-z]+ )?(?:score|value|signal|reading) is missing,? )?(?:carry|(?:it |we |the bot )?"
         r"(?:reuses|re-uses|reuse|re-use|keeps|carries)) (?:the last (?:1|value|score|reading)|it)"
         r"(?: (?:over|forward)|(?= for (?:up to |at most )?\d))(?: for)?(?:,? like,?)?(?: (?:at most|up to))?)"
         r"(?: (?P<n>\d+) (?:trading )?(?:days?|bars?)(?: old| max(?:imum)?)?)?"
         # and what happens after: 'after that just wait', 'after that do nothing': no decision, which stale means
         r"(?:[;,] ?after that,? (?:it |we |the bot )?(?:just )?(?:waits?|does nothing|do nothing|hold off|holds off|don'?t trade"
         r"|doesn'?t trade|no trades?)"
         # "if it's older than that, don't trade until it's back"
         r"|[;,] ?(?:if|when) (?:it'?s|it is|the (?:value|score|signal|reading) is) older than that,? (?:(?:don'?t|do not) trade"
         r"|(?:just )?wait|do nothing|hold off)(?: until (?:it'?s|it is|it comes|the (?:feed|data|value) is) back)?)?")
VERB = (r"(?:then )?(?:please )?(?:(?:the (?:portfolio|fund|strategy|account|model) |it |we |i )?(?:run|runs|hold|holds|use|go|goes|be|allocate"
        r"|invest|keep|is|flips?|switch(?:es)?|moves?)(?: at| in| to| into| it,)? )?"
        # the mix named: 'we hold the growth mix of 80% VTI and 20% BND'
        r"(?:(?:the|a|our|its) (?:[a-z][a-z-]* )?(?:mix|allocation|portfolio|weights) of )?")
PAIRS = rf"(?:{NUM}% (?:in )?{ASSET}(?: / |,? ?(?:and )?))+"
# The same pairs without the % sign ('80 SPY / 20 TLT', '80 SPY and 20 TLT'): read only where they add up to 100.
BARE_PAIRS = rf"\d+(?:\.\d+)? {ASSET}(?:(?: / |,? and |, )\d+(?:\.\d+)? {ASSET})+"
# The ticker first ('SPY 80 / TLT 20'): read, like BARE_PAIRS, only where they add up to 100.
TICKER_FIRST = rf"{ASSET} \d+(?:\.\d+)?(?:(?: / |,? and |, ){ASSET} \d+(?:\.\d+)?)+(?![\d%]|\.\d)"
# One asset holding everything: 'SPY 100%', '100% in IEF', 'everything in TLT'.
ONE_ASSET = rf"(?:{ASSET} 100%|100% (?:in |into )?{ASSET}|(?:all|everything|it all) (?:in|into) {ASSET})(?![\d%]|\.\d)"
# 'N% each' of the assets the other branch names: an equal split, read only where N times their count is 100.
EACH = r"\d+(?:\.\d+)?% each"


def read_signals(r: Reader) -> None:
    """The signal's column, how old a value may be, and the target that switches on it."""
    name = _declare(r)
    stale = _stale(r)
    if name is None:
        spoken = r.find(r"\b(?:the|a|my|our) (?:[a-z]+ )?(?:score|signal|indicator|prediction)\b")
        steer_words = r"\b(?:tilt(?:s|ed|ing)?|steer(?:s|ed|ing)?|lean(?:s|ed|ing)?|overweight|underweight|timed|timing)\b"
        steer = r.find(steer_words)
        if spoken and steer and not r.find(r"\b(?:hmm|regime|model)\b"):     # 'tilt my 60/40 using a sentiment signal'
            r.take(rf"(?:(?:using|with|based on|by|from) )?{re.escape(spoken.group())}")
            r.take(steer_words)
            r.ask("Which data column holds the score (for example 'the sentiment score in column news_sentiment'), and how "
                  "should it change the target?")
            return
        if stale is not None or (spoken and r.find(rf"(?:if|when(?:ever)?|while) {SIGNAL_CONDITION}")):
            r.ask("Which signal, and in which data column (for example 'the sentiment score in column "
                  "news_sentiment')?" if stale is not None else
                  "Which data column holds the score (for example 'the sentiment score in column news_sentiment')?")
        return
    column = r.draft.signals[0].split('"')[1]
    if stale is None:
        assume_fresh(r, column)
    # what its values mean, said beside it: 'positive = bullish, negative = bearish, can be zero'
    r.take(r"(?:,? \(?(?:positive|negative|above 0|below 0|high|low|higher|lower) ?(?:=|means|is) ?(?:bullish|bearish|risk-on|risk-off"
           r"|good|bad|greed|fear)\)?)+(?:,? (?:it )?(?:can|may) (?:also )?be 0)?")
    if stale is not None:       # why a value may be old, said before the rule: 'the feed sometimes misses a day.'
        r.take(rf"(?:the|my|our) (?:data )?(?:feed|data|{NOUN}) (?:sometimes |occasionally |can |may )?(?:misses|skips|drops|miss|skip)"
               rf" (?:a|the odd|an occasional) (?:day|bar|value|update)(?= ?[.;,]|$)")
    _defined_average(r)
    if r.find(r"\b(?:positive|above 0|over 0)\b"):       # 'when positive ..., when negative ...': the one is the other's otherwise
        r.text = re.sub(r"[,;] ?(?:and )?(?:when|if|whenever) (?:it is |it's |the signal is |it goes )?(?:negative|below 0|under 0"
                        r"|0 or negative|negative or 0|0 or below|at or below 0|not positive)"
                        r"[,:]?", ", otherwise", r.text)
    if not _switch(r, name):
        r.ask(f"How should the signal in column {column} set the target (for example 'if its 5-day average is "
              "positive hold 70% SPY and 30% AGG, otherwise 30% SPY and 70% AGG')?")
    r.take(rf"{PLACEHOLDER}\b")


# The column named before the word: 'a news-sentiment score, the SENTIMENT column in its data feed'. Only right after
# a signal's noun, and only a name the text uses nowhere else ('TLT is the UST20 column' maps an asset's prices).
NAMED_COLUMN = (rf"(?<![\w@'-])(?:(?:use|read|take|load)s?(?: of)? )?(?:the |a |an |my |our |its )?(?:[a-z][\w'-]* ){{0,3}}?{NOUN},? "
                rf"(?:(?:in|from|i\.e\.|namely) )?the (?P<col>@[A-Z][A-Z0-9_]*|[a-z][a-z0-9_]*_[a-z0-9_]+) column"
                rf"(?: (?:in|of|from) (?:its|the|our|my) data(?: feed| file| set)?)?")


def _declare(r: Reader) -> str | None:
    m = r.find(DECLARE)
    named = r.find(NAMED_COLUMN)
    if m is None and named is not None and r.norm.text.count(named.group("col")) == 1:
        m = named
    if m is None:
        return None
    if re.match(r"(?:data )?column ", m.group()) and not re.match(r"\s*(?:[.;,]|$)", r.text[m.end():]):
        return None         # a bare 'column x' declares a signal only as a sentence of its own ('column fear_index.')
    column = m.group("col")
    # a word of the signal's name tagged as a ticker ('the PMI surprise series in column pmi_surprise'), said nowhere else
    for word in re.findall(r"@[A-Z][A-Z0-9_]*", m.group()[:m.start("col") - m.start()]):
        if r.norm.text.count(word) == 1:
            r.norm.assets.pop(word[1:], None)
    if column.startswith("@"):          # 'column SENTIMENT' was tagged as a ticker: it names no asset
        r.norm.assets.pop(column[1:], None)
        column = column[1:]
    r.text = r.text[:m.start()] + PLACEHOLDER + " " * (m.end() - m.start() - len(PLACEHOLDER)) + r.text[m.end():]
    r.text = re.sub(rf"{PLACEHOLDER} +", PLACEHOLDER + " ", r.text)
    # the column named again as the subject of a rule ('if ml_forecast is above 0') is the signal
    r.text = re.sub(rf"(?<![\w@\"'-]){re.escape(column)}(?![\w\"'-])", PLACEHOLDER, r.text)
    return declare_signal(r, column)


def declare_signal(r: Reader, column: str, stale: int | None = None) -> str:
    """`signal NAME column "c"`, named after its column (the offline reader and intent mode)."""
    name = re.sub(r"[^A-Z0-9_]", "_", column.upper())
    r.draft.signals.append(f'signal {name} column "{column}"')
    if stale is not None:
        r.draft.signals[-1] += f" stale after {stale} bar{'s' if stale != 1 else ''}"
    return name


def assume_fresh(r: Reader, column: str) -> None:
    r.assume(f"every bar needs its own {column} value: a missing one means no decision (say 'ignore it if it "
             "is more than 3 days old' to carry a value over)")


_DAYS = r"(?P<n>\d+) (?:trading )?(?:days?|bars?)"
_DATUM = rf"(?:the |a |any |that |its )?(?:{NOUN}|data|it)"
_IGNORE = r"(?:(?:don'?t|do not|never) (?:act|trade|rely) on it|ignore it|skip it|drop it|disregard it|don'?t use it)"
# How old a value may be, said as a rule about old values: 'if the score is more than 2 days old, don't act on it', 'skip
# days where the forecast is more than 1 day stale', 'tolerate values up to 5 days old', 'don't use data older than 1 day',
# 'if the score hasn't updated in 3 days don't trade on it'. Each reads as stale after N bars.
STALE_RULES = (
    rf"(?:if|when|once) {_DATUM} (?:is|gets|are) (?:more than|older than|over) {_DAYS}(?: old| stale)?,? (?:then )?{_IGNORE}",
    rf"(?:skip|ignore) (?:days|bars) (?:where|when) {_DATUM} (?:is|are) (?:more than|over|older than) {_DAYS}(?: old| stale)?",
    rf"(?:tolerate|accept|allow|use) {_DATUM} (?:up to|at most|no more than|of up to) {_DAYS} old",
    rf"(?:don'?t|do not|never) (?:use|act on|trade on) {_DATUM} older than {_DAYS}",
    rf"(?:if|when) {_DATUM} (?:hasn'?t|has not|isn'?t|is not|wasn'?t) (?:been )?(?:updated|refreshed|changed) (?:in|for) {_DAYS},? "
    rf"(?:then )?{_IGNORE}",
)


def _stale(r: Reader) -> int | None:
    m = r.take_one(STALE) or next(filter(None, (r.take_one(p) for p in STALE_RULES)), None)
    count = m and (m.group("n") or m.groupdict().get("n2") or m.groupdict().get("n3"))
    if not count:
        return None
    bars = int(count)
    if r.draft.signals:
        r.draft.signals[0] += f" stale after {bars} bar{'s' if bars != 1 else ''}"
    return bars


def _defined_average(r: Reader) -> None:
    m = r.find(DEFINED_AVERAGE)
    if m and r.find(r"\b(?:that|this|the) (?:average|mean|avg)\b(?! of)"):
        r.mask(m)
        r.text = re.sub(r"\b(?:that|this|the) (?:average|mean|avg)\b(?! of)", f"the {m.group('n')}-day average", r.text)


def _switch(r: Reader, name: str) -> bool:
    """'if its 5-day average is positive hold 70% SPY and 30% AGG, otherwise ...', or the weights first."""
    guard = r"(?:(?:(?:rule|logic|condition)[:,]? )?(?:if|when(?:ever)?|while|as long as)|(?<![\w-])(?:rule|logic|condition):?)"
    # 'signal column "sentiment": above 0 hold ...': the declaration, a colon, then the condition on it
    r.text = re.sub(rf"\b{PLACEHOLDER} ?: (?=(?:above|below|over|under|positive|negative)\b)", "if the signal is ", r.text)
    return switch_target(r, rf"{guard} {SIGNAL_CONDITION}{_ASIDE}", lambda m: _condition(m, name))


# one word said aside after a condition ('if vix_ratio is above 1 (backwardation), go ...'): a name for it, no fact
_ASIDE = r"(?:, (?!(?:otherwise|else|then|and|or|but|not|never|no)\b)[a-z]+(?=,))?"


def switch_target(r: Reader, condition: str, condition_of) -> bool:
    """A target that switches on `condition` (a pattern with its own 'if'/'when'/'in the ... regime'): the
    condition then the weights, or the weights first; `condition_of(match)` writes it, or asks and gives None.
    True when the text holds such a switch (read, or asked about)."""
    first = rf"(?:(?P<w1>{SPLIT})|(?P<p1>{PAIRS})|(?P<b1>{BARE_PAIRS})|(?P<t1>{TICKER_FIRST})|(?P<a1>{ONE_ASSET}))"
    second = rf"(?:(?P<w2>{SPLIT})|(?P<p2>{PAIRS})|(?P<b2>{BARE_PAIRS})|(?P<e2>{EACH})|(?P<t2>{TICKER_FIRST})|(?P<a2>{ONE_ASSET}))"
    m = (r.find(rf"{condition}[,:]? {VERB}{first}(?: (?P<l1>{LIST}))?{OTHERWISE}:? {VERB}{second}")
         or r.find(rf"{VERB}(?:(?P<w1>{SPLIT}) (?P<l1>{LIST})|(?P<p1>{PAIRS})|(?P<b1>{BARE_PAIRS})),? {condition}{OTHERWISE} "
                   rf"{VERB}{second}")
         # the weights first both times, 'otherwise' last: 'hold SPY 30 / TLT 70 while turbulent is the most likely
         # state, SPY 70 / TLT 30 otherwise'
         or r.find(rf"{VERB}(?:(?P<w1>{SPLIT}) (?P<l1>{LIST})|(?P<p1>{PAIRS})|(?P<b1>{BARE_PAIRS})|(?P<t1>{TICKER_FIRST})),? "
                   rf"{condition}[,;] (?:and )?{VERB}{second},? (?:otherwise|else|the rest of the time)(?=\s*(?:[.;,]|$))"))
    if m is None:
        return _tilt_from_base(r, condition, condition_of)
    members = names_in(m.group("l1")) if m.group("l1") else r.held()
    branches = [_either_branch(r, m, "1", members), _either_branch(r, m, "2", members)]
    if any(b == [] for b in branches):
        return False         # bare numbers that are not weights, or an 'each' that does not fill the mix: not read here
    written = condition_of(m)
    if None in branches or written is None:
        return True          # a question was asked: which assets a split is for, or what a state word means
    r.mask(m)
    r.draft.branches = [(written, branches[0]), (None, branches[1])]
    return True


def _either_branch(r: Reader, m: re.Match, k: str, members: list[str]) -> list[tuple[str, str]] | None:
    """Branch `k`'s weights: a split, pairs with or without %, or 'N% each'; [] where bare numbers or an 'each' do
    not make 100%; None after a question."""
    bare, each, ticker_first = m.groupdict().get(f"b{k}"), m.groupdict().get(f"e{k}"), m.groupdict().get(f"t{k}")
    if m.groupdict().get(f"a{k}"):
        return [(names_in(m.group(f"a{k}"))[0], "100%")]
    if bare or ticker_first:
        weights = ([(name, n) for n, name in re.findall(rf"(\d+(?:\.\d+)?) {ASSET}", bare)] if bare else
                   re.findall(rf"{ASSET} (\d+(?:\.\d+)?)", ticker_first))
        total = sum(float(n) for _, n in weights)
        return [(name, f"{n}%") for name, n in weights] if abs(total - 100) < 1e-9 else []
    if each:
        n = float(each.split("%")[0])
        names = [name for name, _ in _either_branch(r, m, "1", members) or []] or members
        return [(name, f"{n:g}%") for name in names] if abs(n * len(names) - 100) < 1e-9 else []
    return _branch(r, m.group(f"w{k}"), m.group(f"p{k}"), members)


def _tilt_from_base(r: Reader, condition: str, condition_of) -> bool:
    """'60/40 SPY/TLT ...; go 30/70 when the HMM says turbulent': the weights while the condition holds, the mix
    given elsewhere in the text otherwise (said as an assumption)."""
    tilt = (r.find(rf"{VERB}(?:(?P<w1>{SPLIT})(?: (?P<l1>{LIST}))?|(?P<p1>{PAIRS})),? {condition}(?=\s*(?:[.;,]|$))")
            # the condition first: 'when markets are turbulent, ..., the model moves to 40% VTI / 60% BND.'
            or r.find(rf"{condition},? {VERB}(?:(?P<w1>{SPLIT})(?: (?P<l1>{LIST}))?|(?P<p1>{PAIRS}))(?=\s*(?:[.;,]|$))"))
    if tilt is None:
        return False
    base = next((b for b in re.finditer(rf"(?<![\w/.])(?P<w2>{SPLIT})(?: (?P<l2>{LIST}))?|(?P<p2>{PAIRS})", r.text)
                 if b.end() <= tilt.start() or b.start() >= tilt.end()), None)
    if base is None:
        return False
    members = names_in(tilt.group("l1") or base.group("l2") or "") or r.held()
    branches = [_branch(r, tilt.group("w1"), tilt.group("p1"), members), _branch(r, base.group("w2"), base.group("p2"), members)]
    written = condition_of(tilt)
    if None in branches or written is None:
        return True
    for m in sorted((tilt, base), key=lambda x: -x.start()):
        r.mask(m)
    # the mix said as the usual one: 'normally: 70% VTI / 30% BND'
    r.take(rf"\b(?:normally|usually|by default|in normal (?:times|markets|conditions))[:,]? ?(?={MASK})")
    r.draft.branches = [(written, branches[0]), (None, branches[1])]
    r.assume(f"otherwise it holds {', '.join(f'{a} {w}' for a, w in branches[1])}, the mix the text gives")
    return True


def _condition(m: re.Match, name: str) -> str:
    series = f"sma({name}, {m.group('n')} days)" if m.group("n") else name
    if m.group("pos"):
        return f"{series} > 0"
    if m.group("neg"):
        return f"{series} < 0"
    return f"{series} > {m.group('hi')}" if m.group("hi") else f"{series} < {m.group('lo')}"

