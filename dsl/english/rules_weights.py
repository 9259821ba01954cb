"""Offline translator rules for target weights: fixed, splits, equal, inverse vol, risk parity, top N."""

from __future__ import annotations

import re
from decimal import Decimal

from rbl.dsl.english.reader import ASSET, LIST, NUM, SEP, WINDOW, Reader, names_in, split_question, window
from rbl.dsl.english.rules_rank import read_ranked

FRACTIONS = {"a half": 2, "half": 2, "a third": 3, "a quarter": 4, "a fifth": 5, "1/2": 2, "1/3": 3, "1/4": 4,
             "1/5": 5, "one half": 2, "one third": 3, "one quarter": 4, "one fifth": 5, "1 half": 2, "1 third": 3,
             "1 quarter": 4, "1 fifth": 5}
# equal parts said by their count: 'equal thirds in SPY, TLT and GLD'
EQUAL_PARTS = {"halves": 2, "thirds": 3, "quarters": 4, "fifths": 5}


def read_weights(r: Reader) -> None:
    """Run the weight rules, most specific first."""
    _more_not_named(r)
    _replaced_mix(r)
    _either_split(r)
    read_ranked(r, _set_scheme)
    _corrected_split(r)
    # bare pairs before a bare split: 'SPY 70 / TLT 30 ... when things get ugly I flip it to 30/70' holds 70/30, and the
    # other split stays for a question
    for rule in (_inverse_vol, _risk_parity, _equal, _fraction_each, _fraction_pairs, _percent_each, _comma_pairs, _pairs,
                 _bare_pairs, _bare_pairs_number_first, _split, _decimal_pairs, _the_others_each, _the_rest, _n_way_split,
                 _vague_weights):
        rule(r)
    if (r.draft.scheme or "").startswith("inverse volatility"):     # what it does, said however the scheme was
        r.take(CALMER_GETS_MORE)
    _said_again(r)
    _spaced_split_again(r)
    _split_named(r)
    _restored_to_equal_parts(r)
    _in_order_of_mention(r)


_HOLDINGS_NOUN = r"(?:stocks|names|funds|etfs|tickers|coins|assets|ones|banks|companies|sectors|holdings|positions|pairs)"
# A list that says there are more assets than it names ('AAPL, MSFT and a few others', 'SPY, QQQ, etc.'): which they are
# is asked, never left out.
_SOME = r"(?:(?:a few|some|several|many|a couple of|a handful of|various|#?\d+) )"
_MORE_NOT_NAMED = (rf"{LIST},? (?:(?:and |plus )?{_SOME}?(?:others|other(?: [a-z]+)?? {_HOLDINGS_NOUN})"
                   rf"|(?:and |plus ){_SOME}?more(?: [a-z]+)?? {_HOLDINGS_NOUN})(?![\w-])"
                   rf"|{LIST},? (?:etc\.?|and so on|and the like|and so forth)")


def _more_not_named(r: Reader) -> None:
    m = r.find(_MORE_NOT_NAMED)
    if m:
        named = names_in(m.group(1) or m.group(2))
        r.ask(f"Which assets besides {', '.join(named)} are meant ('{m.group().replace('@', '').strip()}')? Name every asset "
              "the strategy should hold.")


def _either_split(r: Reader) -> None:
    """'60/40 or 70/30 SPY/TLT': two splits offered as choices are a question, never one of them taken."""
    # (beside the assets they weight: '55/45 or 45/55' alone may tell a band's edges)
    split, names = r"(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)", r"@[A-Z][A-Z0-9_]*(?:/@[A-Z][A-Z0-9_]*)+"
    m = r.find(rf"(?P<before>{names},? )?(?<![\d./]){split},? or (?:maybe |perhaps |possibly )?{split}(?![\d./])(?P<after>,? {names})?")
    m = m if m and (m.group("before") or m.group("after")) else None
    if m:
        r.ask(f"Which target weights are meant: {m.group(2)} or {m.group(3)}?", phrase=m.string[m.start(2):m.end(3)])


# The mix held before, told as what the text now changes ('For years I held SPY, EFA, IEF and GLD in equal parts. ...
# So here's the change.'): the old weights are not the strategy's. Only where the change is said; without it the mix is
# read (or asked about) as usual.
_HELD_BEFORE = (rf"(?:for (?:years|a long time|ages|the last \d+ years)|until (?:now|recently|last year)|previously|in the past),? "
                rf"(?:i|we) (?:held|had|owned|kept|ran) {LIST}(?: (?:in equal (?:parts|weights|amounts|shares)|equally|evenly))?"
                rf"|(?:i|we) used to (?:hold|own|keep|run) {LIST}(?: (?:in equal (?:parts|weights|amounts|shares)|equally|evenly))?")
_CHANGE = (r"\b(?:so )?(?:here'?s|here is) (?:the|my|what) (?:change|new (?:rule|plan|setup))\b|\b(?:now|from now on),? (?:i|we|each|"
           r"every|any)\b|\bi'?m (?:switching|changing|moving) (?:to|it)\b")


def _replaced_mix(r: Reader) -> None:
    before = r.find(_HELD_BEFORE)
    if before and r.find(_CHANGE) and r.find(_CHANGE).start() > before.end():
        r.mask(before)
        r.assume(f"not the strategy's weights (the mix it replaces): '{before.group().replace('@', '')}'")


# The weights introduced by a name for the split ('composition ratio is EWJ 40%, ...', 'the ratio is VT 70%, BND 30%'),
# or by what a rebalance does to it ('please return the ratio to VT 80% and BNDW 20%'): only right before weights read.
# (a resolution's 'the fund's strategic allocation shall be', 'the plan's policy weights are')
_RATIO = (r"(?:the |my |our |(?:the )?[a-z]+'s )?(?:(?:composition|target|portfolio|asset|allocation|mixing|weighting|strategic|policy"
          r"|long-term|neutral) )?(?:ratios?|composition"
          r"|weighting|weights|allocation)")
_SPLIT_NAMES = (rf"(?<![\w-]){_RATIO}(?: (?:is|are|will be|should be|shall be|amounts? to|=)|:)(?= ?\u00a6)"
                rf"|(?<![\w-])(?:please )?(?:return|restore|reset|bring|put)(?: back)? {_RATIO}(?: back)? to(?= ?\u00a6)")


# 'whereupon all four parts shall be restored to 25%': a full rebalance to equal targets, said by the share each gets.
_RESTORED = (rf"(?:[,;] ?)?(?:whereupon|at which point|and then|then)?,? ?all (?:(?:#?\d+ )?(?:parts|assets|holdings|positions|funds|sleeves)|#?\d+) "
             rf"(?:(?:shall|will|are to|should|must) be |are |get )(?:restored|reset|rebalanced|brought back|returned|put back) to {NUM}%(?: each)?")


def _restored_to_equal_parts(r: Reader) -> None:
    """Only when every target weight is that share."""
    shares = {Decimal(w.rstrip("%")) for _, w in r.draft.weights}
    if r.draft.scheme and r.draft.scheme.startswith("equal weight ") and not r.draft.weights:
        shares = {Decimal(100) / len(r.draft.scheme.removeprefix("equal weight ").split(", "))}
    for m in list(re.finditer(_RESTORED, r.text)):
        if shares == {Decimal(m.group(1))}:
            r.mask(m)


def _split_named(r: Reader) -> None:
    if r.draft.weights:
        r.take(_SPLIT_NAMES)


# A split corrected in the text ('sorry, correction to what I sent this morning: not 70/30, make it 65/35'): the old
# split, wherever it is said again with its assets ('QQQ 70, TLT 30' in the quoted message), is not the target.
_PART = r"(?:100|\d{1,2})(?:\.\d+)?"
_CORRECTION = (rf"(?:(?:sorry,? )?(?:a )?correction(?: to [^.:;@]{{0,60}}?)?[:,] )?not ({_PART}(?:/{_PART})+),? (?:make it|make that|"
               rf"it'?s|it is|use|i meant|rather)(?= {_PART}(?:/{_PART})+)")
_BARE_LIST = r"(?:@[A-Z][A-Z0-9_]*(?: ?[:=]| at)? (\d+(?:\.\d+)?)%?,? ?(?:and |/ ?)?){2,}"


def _corrected_split(r: Reader) -> None:
    m = r.take_one(_CORRECTION)
    if not m:
        return
    old = m.group(1).split("/")
    for listing in list(re.finditer(_BARE_LIST, r.text)):
        if re.findall(r"@[A-Z][A-Z0-9_]*(?: ?[:=]| at)? (\d+(?:\.\d+)?)", listing.group()) == old:
            r.mask(listing)
            r.assume(f"'{listing.group().replace('@', '').strip(' ,')}' is the split the correction replaces "
                     f"(not {m.group(1)})")


def _in_order_of_mention(r: Reader) -> None:
    """'40% SPY, 20% each in IEI, IEF and TLT': the target lists the assets as the text names them, whichever rule read
    each weight first."""
    order = {name: n for n, name in enumerate(r.universe())}
    r.draft.weights.sort(key=lambda weight: order.get(weight[0], len(order)))


def _said_again(r: Reader) -> None:
    """'80% ACWI and 20% IEF ... with the weights 80/20 ACWI/IEF': the same weights said twice are one target; an
    asset given two different weights, or weights beside a scheme ('equal weight ... 3% in cash'), is a question."""
    if r.draft.scheme and r.draft.weights:
        said = ", ".join(f"{w} {name}" for name, w in r.draft.weights)
        r.ask(f"The text gives a weighting scheme ({r.draft.scheme}) and weights ({said}); which is meant, or how do "
              "they combine (for example 'keep 3% in cash as a buffer')?")
        return
    seen: dict[str, str] = {}
    for name, weight in r.draft.weights:
        if seen.setdefault(name, weight) != weight:
            r.ask(f"The text gives {name} two target weights ({seen[name]} and {weight}); which one is meant?")
            return
    if len(seen) < len(r.draft.weights):
        r.draft.weights = list(dict.fromkeys(r.draft.weights))


VAGUE_SHARE = (r"(?<![\w-])(?:lots of|a lot of|mostly|mainly|largely|a bit of|a little(?: bit of)?|a small (?:amount|bit) of|"
               r"a (?:large|big) (?:amount|chunk) of|some|more|less)(?= @)")


# The split said to be not decided yet ('the exact split is still being argued about - the actuary wants more in
# gilts', 'weights not agreed yet', 'we haven't settled on the mix'), with who wants what: the weights are asked.
_SPLIT = r"(?:the )?(?:exact |precise |final )?(?:split|weights?|allocation|mix|percentages?|proportions?)"
_UNDECIDED = (rf"{_SPLIT} (?:is |are )?(?:still )?(?:being (?:argued|debated|discussed|negotiated)(?: about| over)?"
              r"|(?:under|up for) (?:debate|discussion)|(?:not|yet to be) (?:agreed|decided|settled|finali[sz]ed)(?: yet)?"
              r"|undecided|tbd)"
              rf"|(?:we |i |they )?(?:haven'?t|have not|didn'?t|did not) (?:yet )?(?:agreed|settled|decided)(?: on)? {_SPLIT}(?: yet)?"
              # 'policy weights will be set at the spring meeting', 'the split is to be agreed next week'
              rf"|(?:the )?(?:policy |target )?(?:split|weights|allocation|mix) (?:will|is to|are to|shall) be (?:set|decided|agreed|determined|"
              rf"finali[sz]ed|fixed)(?: (?:at|in|by|after|during) (?:the |a |our |next )?[\w-]+(?: [\w-]+)?(?= ?[.;,]| ?$)| later)")
# A question about the split asked in the text and not answered there ('sounds good, what split do you want between them?'):
# the weights are asked, never guessed.
_SPLIT_ASKED = (r"(?:what|which) (?:split|weights?|allocation|mix|percentages?) (?:do|would|did|should) (?:you|we|they|he|she) "
                r"(?:want|like|prefer|use)(?: (?:between|for|across) (?:them|those|these|the \d+|both))?\??"
                # the weights left to the reader: 'what percentage in each, you decide as per my age'
                r"|(?:what|which|how much) (?:percentages?|percent|split|weights?|allocation)(?: (?:in|for|of|to) (?:each|them|both|"
                r"each 1))?,? (?:you|u) (?:decide|choose|pick|tell me|suggest)(?: (?:as per|based on|according to|for) (?:my|the|our) "
                r"(?:age|risk(?: profile)?|profile|situation|goals?))?")
# One side said to weigh more than the other, with no numbers ('with more in stocks than in bonds', 'a bigger share of
# VTI than BND'): the weights are meant but not said.
_MORE_THAN = (r"(?:with |but |and )?(?:more|less|a (?:bigger|larger|smaller) (?:share|weight|chunk|slice)) (?:in |of |to |into )?"
              r"@[A-Z][A-Z0-9_]* than (?:in |of |to |into )?@[A-Z][A-Z0-9_]*")
_WHO_WANTS = r"(?:(?:the |our |my )?[\w-]+(?: [\w-]+)? wants? (?:more|less) (?:in|of) (?:@\w+|[\w-]+))"
WEIGHTS_QUESTION = "What target weights should the assets have (for example '60% SPY, 40% AGG' or 'equal weight')?"


def _vague_weights(r: Reader) -> None:
    """'lots of QQQ, some BIL', 'mostly QQQ, a bit of TLT': the weights are meant but not said; asked, never guessed."""
    if r.take(rf"(?:{_UNDECIDED})(?:\s*[-,;:(]\s*{_WHO_WANTS}(?:[,;]? (?:and |while |but |whereas )?{_WHO_WANTS})*\)?)?"):
        r.ask(WEIGHTS_QUESTION)
    _vague_extra(r)
    if r.draft.weights or r.draft.scheme or r.draft.branches:
        return
    if r.take(_SPLIT_ASKED) or r.take(_MORE_THAN):
        r.ask(WEIGHTS_QUESTION)
    # 'the proceeds split between SPY and TLT': a split with no shares said
    if r.take(VAGUE_SHARE) or r.take(rf"\b(?:split|divided|spread|shared) (?:between|among|across) {LIST}(?! ?(?:equally|evenly))"):
        r.ask(WEIGHTS_QUESTION)


def _vague_extra(r: Reader) -> None:
    """'60/40 stocks and bonds with a bit of gold on top': an asset added beside the weights with no share of its own;
    its weight is asked, never guessed."""
    if not r.draft.weights:
        return
    weighted = {name for name, _ in r.draft.weights}
    extra = rf"\b(?:with|plus|and) (?:a bit of|a little(?: bit of)?|a small (?:amount|bit) of|a (?:dash|splash|touch) of|some) " \
            rf"{ASSET}(?: on top| as well| too| besides)?(?=[.;,]|$)"
    m = r.find(extra)
    if m and m.group(1) not in weighted:
        r.mask(m)
        said = m.group().strip().replace("@", "")
        r.ask(f"What target weight should {m.group(1)} have ('{said}' gives it no share of its own)?")


def _fraction_pairs(r: Reader) -> None:
    """'1/3 SPY, 1/3 TLT, 1/3 GLD' (equal thirds) or '1/4 SPY, 3/4 TLT' (weights that are whole or half percents)."""
    pair = rf"(\d+)/(\d+) (?:in |of |to |into )?{ASSET}"
    m = r.find(rf"{pair}(?:{SEP}{pair})+")
    if not m:
        return
    pairs = re.findall(pair, m.group())
    shares = [Decimal(a) / Decimal(b) for a, b, _ in pairs]
    names = [name for _, _, name in pairs]
    if sum(shares) != 1 and not (len(set(shares)) == 1 and shares[0] * len(shares) > Decimal("0.999")):
        return
    r.mask(m)
    if len(set(shares)) == 1:
        _set_scheme(r, "equal weight " + ", ".join(names))
    elif all((s * 200) == int(s * 200) for s in shares):
        r.draft.weights += [(name, f"{_plain(s * 100)}%") for name, s in zip(names, shares)]
    else:
        r.ask("What target weight should each asset have, in percent (the fractions are not whole percents)?")


def _the_rest(r: Reader) -> None:
    """'10% GLD, 20% TLT and the rest in SPY': the named asset takes what the fixed weights leave."""
    m = r.take_one(rf",? (?:and )?(?:put )?(?:the )?(?:rest|remainder|remaining weight|balance)(?: of (?:it|the (?:money|portfolio)))?"
                   rf" (?:goes )?(?:in|into|to|on) {ASSET}|,? (?:and )?{ASSET} (?:for |with |gets )?the (?:rest|remainder)")
    if not m:
        return
    name = m.group(1) or m.group(2)
    total = sum(Decimal(w[:-1]) for _, w in r.draft.weights)
    # 'tlt somewhere between 30 and 40%, rest in spy': the rest of a range is no weight; the range's asset is asked
    ranged = None if r.draft.weights else r.find(r"@([A-Z][A-Z0-9_]*) (?:somewhere |anywhere )?(?:between|from) "
                                                 r"(\d+(?:\.\d+)?)%? (?:and|to|-) (\d+(?:\.\d+)?)%")
    if ranged and ranged.group(1) != name:
        r.ask(f"What target weight should {ranged.group(1)} have (the text gives it a range, {ranged.group(2)}% to "
              f"{ranged.group(3)}%), so that {name} takes the rest?")
        return
    if r.draft.scheme or not r.draft.weights or not 0 < total < 100:
        r.ask(f"What target weight should {name} have ('the rest' needs the other weights to add up to less than 100%)?")
        return
    r.draft.weights.append((name, f"{_plain(100 - total)}%"))
    r.assume(f"{name} takes the rest: {_plain(100 - total)}%")


def _plain(value: Decimal) -> str:
    """Decimal('25.00') -> '25', Decimal('85.0') -> '85', Decimal('7.5') -> '7.5'."""
    return f"{value.normalize():f}"


def _set_scheme(r: Reader, scheme: str) -> None:
    if (r.draft.scheme and r.draft.scheme != scheme) or r.draft.weights:      # the same scheme said twice is one
        r.ask("The text gives the target weights twice; which one is meant?")
    r.draft.scheme = scheme


def _members(r: Reader, listing: str | None) -> list[str]:
    return names_in(listing) if listing else r.held()


INVERSELY = (r"(?:(?:size|sizing|sized|weight|weighting|weighted|scale|scaled|allocate)d? |(?:the )?weights (?:are )?(?:set )?)?"
             r"(?:(?:each|all) of (?:its |their |the )?"
             r"(?:#?\d+ (?:holdings|assets|funds|etfs) )?)?" rf"(?:{LIST},? )?"
             r"(?:is |are )?(?:weighted |sized )?(?:inversely (?:to|with|by|proportional to)|in inverse proportion to) "
             r"(?:(?:its|their|the) )?(?:trailing )?")
# 'so the calmer an asset has been, the more of it they own': what inverse volatility does, said beside it
CALMER_GETS_MORE = (r",? (?:so|which means|meaning)(?: that)? (?:the )?(?:calmer|steadier|quieter|less volatile) (?:an? |the )?"
                    r"(?:assets?|funds?|holdings?|ones?)(?: (?:has|have) been| (?:is|are))?,? (?:the more (?:of it|of them|weight|money)"
                    r"(?: (?:they|we|you|it) (?:own|hold|gets?))?|(?:gets?|receives?|own|hold) more(?: money| weight| of the portfolio)?)"
                    r"|(?:this|which|that) (?:naturally |automatically )?(?:tilts|leans|shifts) (?:the (?:portfolio|book|mix) )?"
                    r"towards? the (?:steadier|calmer|quieter|less volatile) (?:assets|funds|holdings|ones)"
                    r"(?: without (?:requiring|needing) (?:a |any )?forecasts?)?"
                    # a sentence of its own: 'quieter funds get more money, jumpier ones less'
                    r"|(?<![\w-])(?:the )?(?:calmer|steadier|quieter|less volatile) (?:assets|funds|holdings|ones|etfs) (?:get|receive|own) "
                    r"more(?: money| weight)?,? (?:and )?(?:the )?(?:jumpier|noisier|wilder|more volatile|riskier) (?:ones|assets|funds|"
                    r"holdings|etfs)(?: get)? less(?= ?[.;,!]|$)")


def _inverse_vol(r: Reader) -> None:
    _inverse_formula(r)
    if r.draft.scheme or r.questions:
        return
    # the assets after it too: 'weights inversely proportional to trailing 90-day volatility across VTI, TLT, GLD'
    m = (r.take_one(rf"{INVERSELY}{WINDOW} (?:realized |realised )?(?:volatility|vol)\b(?: (?:across|of|for|over|on) {LIST})?")
         # the window after the word: 'in inverse proportion to its volatility over the previous 60 trading days'
         or r.take_one(rf"{INVERSELY}(?:realized |realised )?(?:volatility|vol)(?: (?:measured|computed|estimated))? "
                       rf"(?:over|across|from|on) (?:the )?{WINDOW}(?![\w-])"))
    if m:
        listing = m.group(1) or (m.group(4) if m.re.groups >= 4 else None)
        _set_scheme(r, f"inverse volatility({window(m.group(2), m.group(3))}) " + ", ".join(_members(r, listing)))
        r.take(CALMER_GETS_MORE)
        return
    # 'weight each asset by the inverse of its 60-day volatility', 'weight them by inverse of 30-day vol'
    m = r.take_one(rf"(?:weight(?:ed)? (?:them |each asset |each |everything )?)?(?:by |in proportion to |proportional(?:ly)? to )?"
                   rf"(?:the )?inverse (?:of (?:its |their |the )?)?{WINDOW} (?:volatility|vol)\b")
    if m:
        _set_scheme(r, f"inverse volatility({window(m.group(1), m.group(2))}) " + ", ".join(r.held()))
        r.assume("volatility: the standard deviation of daily simple returns")
        _scheme_said_again(r, m.group(1), m.group(2))
        return
    # ('the portfolio weights are set proportional to the inverse of its realised volatility')
    m = r.take_one(rf"(?:(?:make |set )?(?:the )?(?:portfolio )?weights? (?:are |is )?(?:set |chosen |made )?)?"
                   rf"(?:by |with |using |from |(?:in )?proportion(?:al|ally)? to )?(?:the )?inverse(?: of)?[- ]"
                   rf"(?:the |its |their )?(?:realized |realised )?vol(?:atility)?(?: weight(?:ed|ing|s)?)?(?: (?:(?:of|across|for|over|on) )?{LIST})?"
                   rf"(?:,? (?:(?:over|with|using|on|by) )?(?:an? |the |their |its )?{WINDOW}(?: window| lookback| (?:realized )?"
                   # the window said as the data it measures ('using 20 trading days of returns')
                   rf"vol(?:atility)?| of (?:daily )?(?:returns|price data|prices|data|history|volatility|vol))?)?")
    span = (m.group(2), m.group(3)) if m and m.group(2) else _lookback(r) if m else None
    if span:
        members = _members(r, m.group(1))
        _set_scheme(r, f"inverse volatility({window(*span)}) " + ", ".join(members))
    elif m:
        r.ask("Over what lookback should the volatility be measured: how many days (for example 60 days)?")


# Inverse volatility written as its formula: 'w_i = (1/sigma_i) / sum_j(1/sigma_j), sigma_i = 90d realised vol of daily rets'
_SIGMA = r"(?:sigma|σ|vol|s)"
INVERSE_FORMULA = (rf"(?:w|weight)_?i ?=,? ?\(?1 ?/ ?{_SIGMA}_?i\)?,? ?/ ?(?:sum|σ|Σ)_?j,? ?\(?1 ?/ ?{_SIGMA}_?j\)?,?"
                   rf"(?: ?(?:where |with )?{_SIGMA}_?i ?(?:=|is) (?:the |its )?{WINDOW} (?:realized |realised |trailing )?"
                   rf"(?:volatility|vol)(?: of (?:its )?daily returns?)?)?")


def _inverse_formula(r: Reader) -> None:
    m = r.take_one(INVERSE_FORMULA)
    if not m:
        return
    if not m.group(1):
        r.ask("Over what lookback should the volatility be measured: how many days (for example 60 days)?")
        return
    _set_scheme(r, f"inverse volatility({window(m.group(1), m.group(2))}) " + ", ".join(r.held()))
    r.assume("volatility: the standard deviation of daily simple returns")


def _scheme_said_again(r: Reader, n: str, unit: str) -> None:
    """'..., yeah, inverse vol, sixty days': the scheme said again with the same window; another window stays unread."""
    r.take(rf",? (?:(?:yeah|yes|so|i\.e\.|that is),? )?inverse[- ]vol(?:atility)?(?: weight(?:ed|ing|s)?)?,? {n}[- ]?{unit}s?(?![\w-])")


# A scheme's window said apart from it: '20-day lookback', 'using 60 days', 'covariance estimated over 250 days'.
LOOKBACKS = (rf"(?:(?:estimated|computed|measured|calculated) (?:over|on|using|with|from) )?(?:an? |the )?(?:rolling |trailing |moving )?"
             rf"(?:lookback|look-back|window)(?: of| is|:)? {WINDOW}",
             rf"(?:(?:estimated|computed|measured|calculated) )?(?:with |using |on |from |over )?(?:an? |the )?{WINDOW} "
             rf"(?:lookback|look-back|window|covariance|cov|(?:realized |realised |trailing )?vol(?:atility)?)"
             rf"(?: window| lookback| estimate| matrix)?",
             rf"(?:the )?(?:volatility|vol|covariance) is (?:of |over |on |from |(?:measured|computed|estimated) (?:over|on|from) )?"
             rf"(?:the (?:last )?)?{WINDOW}",
             rf"(?:covariance|vol(?:atility)?) (?:is )?(?:estimated |measured |computed |calculated )?(?:over|from|on|using) "
             rf"(?:the )?(?:last )?{WINDOW}",
             # 'use the last 10 trading days to estimate it': the window named for the estimate
             rf"(?:use|using|take|taking) (?:an? |the )?(?:last |past )?{WINDOW}(?: window| lookback| of data)? to "
             rf"(?:estimate|measure|compute|calculate) (?:it|them|the risk|the covariance|the vol(?:atility)?|the weights)",
             rf"(?:using|over|with|on) (?:an? |the )?{WINDOW}(?![\w-]* (?:returns?|momentum|performance|moving|sma|ema|rsi))"
             rf"(?: of (?:daily )?(?:volatility|vol|returns|data|history|prices))?",      # ('using 60 days of volatility')
             rf"(?:use|using|with|on) (?:the last )?(\d+) (day|week|month|year)s? of (?:data|history|returns|prices)"
             rf"(?: for the (?:covariance|volatility|vol|estimates?))?",
             # the window counted in returns: 'the sample covariance matrix of the previous 120 daily returns'
             rf"(?:(?:using|from|with|on|over) )?(?:the )?(?:sample |historical |empirical |trailing )?(?:covariance|cov|volatility|vol)"
             rf"(?: matrix)? (?:of|from|over|on) (?:the )?(?:previous|last|past|prior|trailing|most recent) (\d+) (daily|weekly|monthly) "
             rf"(?:returns|observations)",
             # the window first, its returns daily: 'covariance of the trailing 12 months of daily returns'
             rf"(?:(?:using|from|with|on|over) )?(?:the )?(?:sample |historical |trailing )?(?:covariance|cov|volatility|vol)"
             rf"(?: matrix)? (?:of|from|over|on) (?:the )?(?:(?:previous|last|past|prior|trailing|most recent) )?{WINDOW}"
             rf"(?: of daily (?:returns|data|prices))?(?! of (?:weekly|monthly))")
_PER_RETURN = {"daily": "day", "weekly": "week", "monthly": "month"}


def _lookback(r: Reader) -> tuple[str, str] | None:
    for pattern in LOOKBACKS:
        m = r.take_one(pattern)
        if m:
            return m.group(1), _PER_RETURN.get(m.group(2), m.group(2))
    return None


def _risk_parity(r: Reader) -> None:
    # the contributions said of each asset ('every asset shall bring the same risk', 'each one should contribute the
    # same amount of risk'); taken too when it restates a 'risk parity' named elsewhere
    m = r.take_one(rf"(?:(?:each|every|any)(?: (?:asset|1|fund|etf|holding|position|stock|of {LIST}))?|{LIST}|all (?:the )?assets) "
                   rf"(?:should |must |will |shall |would |is to |to )?"
                   rf"(?:contribut(?:es?|ing)|bring(?:s|ing)?|carr(?:y|ies|ying)) (?:the same|equal|an equal)"
                   rf"(?: (?:amount|share|part|portion) of)?(?: (?:the )?portfolio(?:'s)?)? risk|each asset contributes the same risk"
                   # ('a risk-parity-lite book' is a name made of the word, no risk parity)
                   rf"|(?:equal[- ]risk[- ]contributions?|risk[- ]parity(?!-)|\berc\b)(?: weights?| weighting| portfolio| allocation)?(?: (?:across|of|on|for|over|between|"
                   rf"among) {LIST})?")
    if not m:
        return
    shrunk = ", shrunk" if r.take_one(SHRUNK) else ""
    lookback = _lookback(r)
    if not lookback:
        r.ask("Over what lookback should the covariance be estimated: how many days (for example 120 days)?")
        return
    _set_scheme(r, f"risk parity({window(*lookback)}{shrunk}) " + ", ".join(r.held()))


# `risk parity(N, shrunk)`: "a shrunk covariance", "with (Ledoit-Wolf) shrinkage", "Ledoit-Wolf covariance"
# ("on a shrunk 60-day covariance": only the word is taken, the window stays for the lookback)
SHRUNK = (r"(?:(?:with|using|on|from) )?(?:an? |the )?(?:shrunk(?:en)?|ledoit[- ]wolf)(?: shrunk)? (?:covariance|correlations?)"
          r"(?: matrix| estimate)?|(?:with |using )?(?:ledoit[- ]wolf )?(?:covariance )?shrinkage"
          r"|\bshrunk(?:en)?\b(?= (?:\d+[- ]?(?:days?|weeks?|months?|years?|d) )?covariance)"
          # the shrinkage said as a verb: 'shrink the correlations', 'and shrink the covariance matrix'
          r"|(?:and )?shrink(?:ing)? (?:the )?(?:covariance|correlations?)(?: matrix| estimates?)?")


# What a basket holds, said between its weighting and the noun ('equal-weight tech basket'): the list names the assets
_BASKET_OF = r"(?:crypto|coin|tech|bank|sector|etf|stock|equity|bond|fx|currency|commodity|country|index|fund)"
# What a weighting is a scheme of, said as a noun: 'equal-weight split of', 'an even mix of', 'an equal spread across'
_MIX_NOUN = r"(?:basket|portfolio|mix|allocation|blend|split|spread|weighting|distribution|division|book|lineup|line-up)"


def _equal(r: Reader) -> None:
    patterns = (rf"(?:split|divide|distribute|spread) (?:it |everything |(?:the|my|our) (?:money|portfolio|capital) )?(?:equally|"
                rf"evenly|(?:in|into) equal (?:parts|shares|pieces|amounts)) (?:between|among|across|in|into|over) {LIST}",
                # ('an equal-weight tech basket', 'ew crypto basket': what the basket holds, its list said beside it)
                rf"equal(?:ly)?[- ]weight(?:ed|s|ing)?(?:(?: {_BASKET_OF})? {_MIX_NOUN})?"
                rf"(?: (?:in|across|between|of|on))?(?: #\d+| {LIST})?",
                # the scheme said as a noun before the list: 'an equal split across XLK, XLV', 'an even mix of VTI / BND'
                # ('a three-way equal split of ...' is left to _n_way_split, which checks the count)
                rf"(?<!way )(?:an? |the |my )?(?:equal|even)(?:ly)?(?:[- ](?:sized|split|weighted|divided))? {_MIX_NOUN} "
                rf"(?:of|across|between|among|over|in|into|on) {LIST}",
                # a spec line: 'weighting: equal', 'weights = equal', 'allocation - equal weight'
                rf"(?:the )?(?:weighting(?: scheme| method)?|weights|allocation|sizing|position sizing)(?: is| are|:| =| -) ?"
                rf"(?:equal(?:ly weighted| weights?| weighted| weighting)?|even|evenly split)(?![\w-])()",
                # 'each of SPY, TLT and GLD gets the same weight'
                rf"(?:each|all|every 1) of {LIST} (?:gets?|has|have|receives?|is given|are given|at) (?:the same|an equal|equal) "
                rf"(?:weight|amount|share|allocation|size|slice)s?",
                # 'equal notional each' (a basket's legs sized alike), 'equal dollar exposure per pair'
                rf"\b(?:at |with |in )?equal (?:notional |dollar )?(?:exposure|notional|weights?|allocations?|(?:dollar )?amounts|parts|"
                rf"shares|proportions?|slices|pieces|portions|chunks|measure)(?: (?:in|across|to|of|between|among) {LIST})?(?: each| apiece| per (?:leg|pair|asset|name))?",
                rf"(?:the )?same (?:amount|weight|allocation|dollar amount|share|money|sum)(?: of money)? (?:in|into|to|for|of) (?:each of )?{LIST}",
                rf"(?:the )?same (?:amount|sum|money|weight)(?: of money)? (?:in|into|on|for) each(?: of them| 1| fund| etf| asset| stock)?()",
                rf"(?:each|any) (?:1|of them|stock|fund|asset|coin) (?:the )?same (?:money|amount|weight|size)()",
                rf"(?:equally|evenly) (?:in|between|across|among|into) {LIST}",
                rf"{LIST},? (?:held |weighted |split |owned )?(?:equally|evenly|in equal (?:weights|parts|amounts|shares|slices|pieces|"
                rf"portions|chunks|measure))"
                rf"(?![\w-])")
    for pattern in patterns:
        m = r.take_one(pattern)
        if m:
            _set_scheme(r, "equal weight " + ", ".join(_members(r, m.group(1))))
            return


def _fraction_each(r: Reader) -> None:
    m = (r.take_one(rf"({'|'.join(FRACTIONS)}) each(?: split| apiece)?(?: (?:in|of|for|across|between|among)|:)?(?: {LIST})?")
         or r.take_one(rf"(?:in |into )?equal ({'|'.join(EQUAL_PARTS)})(?: (?:in|of|for|across|between|among)|:)? {LIST}")
         or r.take_one(rf"{LIST},? (?:split |held |divided )?(?:in|into) equal ({'|'.join(EQUAL_PARTS)})()"))
    if not m:
        return
    count, listing = (m.group(1), m.group(2)) if not m.group(1).startswith("@") else (m.group(2), m.group(1))
    members = _members(r, listing or None)
    parts = FRACTIONS.get(count) or EQUAL_PARTS[count]
    if len(members) != parts:
        said = f"{count} each" if count in FRACTIONS else f"equal {count}"
        r.ask(f"'{said}' needs {parts} assets but the text names {len(members)}; which assets are meant?")
    _set_scheme(r, "equal weight " + ", ".join(members))


def _percent_each(r: Reader) -> None:
    if r.find(_OTHERS_EACH):                # read once the other weights are known (_the_others_each)
        return
    if _listed_each(r):
        return
    m = (r.take_one(rf"{NUM}% each(?: (?:in|of|for|to)|:)? {LIST}")
         or r.take_one(rf"{LIST},? (?:at|with) {NUM}% each")
         or r.take_one(rf"(?:#\d+ )?(?:at |with )?{NUM}% each"))
    if not m:
        _whole_each(r)
        return
    groups = [g for g in m.groups() if g]
    number = next(g for g in groups if not g.startswith("@"))
    listing = next((g for g in groups if g.startswith("@")), None)
    members = names_in(listing) if listing else r.held()
    cash = r.norm.cash_mentioned and "CASH" in (listing or "")
    if not cash and Decimal(number) * len(members) == 100:
        _set_scheme(r, "equal weight " + ", ".join(members))
        return
    r.draft.weights += [(name, f"{number}%") for name in members]
    r.draft.cash = r.draft.cash or cash


def _listed_each(r: Reader) -> bool:
    """'SPY 40%, QQQ and TLT 30% each', 'SPY and QQQ 30% each, TLT and GLD 20% each': each share given to the two or
    more assets listed right before it (not 'at 20% each', whose assets may be all of them)."""
    each = rf"({_TWO_OR_MORE}) {NUM}% each(?! (?:in|of|for|to|across|between|among)\b)"
    if not r.find(each):
        return False
    matches = r.take(each)
    members = names_in(matches[0].group(1))
    if len(matches) == 1 and members == r.held() and Decimal(matches[0].group(2)) * len(members) == 100:
        _set_scheme(r, "equal weight " + ", ".join(members))      # 'SPY, QQQ, TLT and GLD 25% each': all of them alike
        return True
    for m in matches:
        r.draft.weights += [(name, f"{m.group(2)}%") for name in names_in(m.group(1))]
    return True


_TWO_OR_MORE = r"@[A-Z][A-Z0-9_]*(?:(?:, (?:and )?|,? (?:and|&) | ?/ ?)@[A-Z][A-Z0-9_]*)+"
_OTHERS_EACH = (rf"(?:,? and )?(?:all )?the (?:other|remaining) (?:#?(\d+) )?(?:(?:assets|funds|stocks|names|ones|etfs|coins) )?"
                rf"(?:at |with |get )?{NUM}% each")


def _the_others_each(r: Reader) -> None:
    """'NVDA 40%, the other four 15% each': the assets not yet weighted, as many as the count said."""
    m = r.find(_OTHERS_EACH)
    weighted = {name for name, _ in r.draft.weights}
    others = [name for name in r.held() if name not in weighted]
    if not m or not weighted or (m.group(1) and int(m.group(1)) != len(others)):
        return
    r.mask(m)
    r.draft.weights += [(name, f"{m.group(2)}%") for name in others]


def _whole_each(r: Reader) -> None:
    """'25 each of SPY, TLT, GLD, DBC', 'SPY/IEF/TLT/GLD at 25 each': a number with no % is a percent weight only when
    the named assets' shares add up to 100 (else it is left for a question)."""
    m = (r.find(rf"(?<![\d.]){NUM} each(?: (?:of|in|for)|:) {LIST}")
         or r.find(rf"{LIST},? (?:at |with )?{NUM} each(?![\w%])"))
    if not m:
        return
    number, listing = (m.group(1), m.group(2)) if m.group(1)[0] != "@" else (m.group(2), m.group(1))
    members = names_in(listing)
    if len(members) > 1 and Decimal(number) * len(members) == 100:
        r.mask(m)
        r.draft.weights += [(name, f"{number}%") for name in members]
        r.draft.cash = r.draft.cash or "CASH" in members
        r.assume(f"{number} each read as {number}% in each of {', '.join(members)} (they add up to 100)")


# An equal split said by its count: 'a 4-way split between SPY, TLT, GLD and IEF', '3 way split: VTI VXUS BND', '4 way split,
# 25 each: ...'. Equal parts only when the count is the number of assets named (or of the equal weights read).
_N_WAY = (rf"(?:(?<![\w.])(?:an? |the |my )?(\d{{1,2}})[- ]way (?:even |equal )?split"
          # ... or as the verb: 'splits money four ways', 'divide the pot 3 ways evenly'
          rf"|(?:splits?|splitting|divides?|dividing|divided) (?:it |everything |(?:the |my |our )?(?:money|portfolio|capital|pot|cash) )?"
          rf"(\d{{1,2}}) ways(?: (?:evenly|equally))?)"
          rf"(?:(?: (?:between|among|across|of|into|in|on)|:)? {LIST})?")


def _n_way_split(r: Reader) -> None:
    m = r.find(_N_WAY)
    if not m:
        return
    count = int(m.group(1) or m.group(2))
    listing = m.group(3)
    shares = {w for _, w in r.draft.weights}
    if not listing and r.draft.weights and len(r.draft.weights) == count and (len(shares) == 1 or m.group(1)):
        r.mask(m)             # the count of the weights said beside them ('25 each'; 'four-way split, VTI 40 / VXUS 20 / ...')
        return
    if r.draft.weights or (r.draft.scheme and not r.draft.scheme.startswith("equal weight ")):
        return                                      # other weights: the phrase is left to be asked about
    members = names_in(listing) if listing else r.held()
    if len(members) != count:
        r.ask(f"'{m.group().strip().replace('@', '')}' says {count} parts but the text names {len(members)} assets "
              f"({', '.join(members)}); which assets are meant?")
        return
    r.mask(m)
    _set_scheme(r, "equal weight " + ", ".join(members))


def _split(r: Reader) -> None:
    part = r"(?:100|\d{1,2})(?:\.\d+)?"            # a weight: never '14/2026' (a note's number) or '1/3/2025' (a date)
    split = rf"({part}(?:/{part})+)(?![\d/])"
    spaced = r"(@[A-Z][A-Z0-9_]*(?: @[A-Z][A-Z0-9_]*)+)"      # '50/50 SPY TLT'
    m = (r.take_one(rf"{split}(?: split)?(?: (?:in|of|between|for|across))? {spaced}(?![\w/])")
         or r.take_one(rf"{split}(?: split)?,?(?: (?:in|of|between|for|across))? {LIST}(?: (?:mix|portfolio|allocation|split))?")
         # ('SPY, QQQ, GLD, TLT in a 40/30/20/10 split', 'SPY and TLT in a 60/40 ratio')
         or r.take_one(rf"{LIST},? (?:(?:held |kept |weighted )?at |split |held |kept |in )?(?:an? |the )?{split}"
                       rf"(?: split| ratio| mix| allocation| weighting)?"))
    if not m and r.draft.weights:
        _bare_split_again(r, split)
        return
    m = m or r.take_one(rf"(?:the |a |an )?{split}(?: portfolio| mix)?")
    if not m:
        return
    numbers = next(g for g in m.groups() if g and "/" in g and "@" not in g).split("/")
    listing = next((g for g in m.groups() if g and g.startswith("@")), None)
    members = names_in(listing) if listing else r.held()
    if not members and numbers == ["60", "40"]:
        members = _classic_60_40(r)
    if len(members) != len(numbers):
        r.ask(split_question(numbers, members))
        return
    r.draft.weights += [(name, f"{n}%") for name, n in zip(members, numbers)]


def _bare_split_again(r: Reader, split: str) -> None:
    """A split with no assets beside weights already read: the same numbers are the target said again; others ('when
    things get ugly I flip it to 30/70') are another target, left for a question."""
    numbers = [w.rstrip("%") for _, w in r.draft.weights]
    for m in re.finditer(rf"(?:the |a |an )?{split}(?: portfolio| mix)?", r.text):
        if m.group(1).split("/") == numbers:
            r.mask(m)


def _classic_60_40(r: Reader) -> list[str]:
    from rbl.dsl.english.normalize import Asset

    r.norm.assets.setdefault("STOCKS", Asset("STOCKS", "SPY", "SPY.US", "60/40"))
    r.norm.assets.setdefault("BONDS", Asset("BONDS", "UST10", "IEF.US", "60/40"))
    r.norm.text += " @STOCKS @BONDS"
    r.assume("'the 60/40' read as 60% stocks (STOCKS), 40% bonds (BONDS)")
    return ["STOCKS", "BONDS"]


def _pairs(r: Reader) -> None:
    for m in r.take(rf"{NUM}%\s*(?:(?:kept|held|parked) in |in |to |of |into |for |at )?{ASSET}|{ASSET}\s*(?:at |with |: ?|= ?|- ?)?{NUM}%"):
        number, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        r.draft.weights.append((name, f"{number}%"))
        if name == "CASH":
            r.draft.cash = True


def _comma_pairs(r: Reader) -> None:
    """'SPY, 50%, EFA, 20%, IEF, 30%' (a list written as cells): every asset then its percent, adding up to 100."""
    m = r.find(rf"(?:{ASSET}, {NUM}%(?:, |,? and |\.|$)){{2,}}")
    pairs = re.findall(rf"{ASSET}, {NUM}%", m.group()) if m else []
    if pairs and sum(Decimal(n) for _, n in pairs) == 100:
        _weights_of(r, m, pairs)


def _bare_pairs_number_first(r: Reader) -> None:
    """'60 SPY / 40 AGG': numbers before the tickers, adding up to 100, are percent weights."""
    # every time it is said ('60 VTI 40 BND? ... 60 VTI, 40 BND.'): the same weights again are the same target
    for m in list(re.finditer(rf"(?<![\d.%/])(?:(\d+(?:\.\d+)?) {ASSET}(?: ?/ ?|,? and |, | ))+(\d+(?:\.\d+)?) {ASSET}(?![\w/])",
                              r.text)):
        pairs = [(name, n) for n, name in re.findall(rf"(\d+(?:\.\d+)?) {ASSET}", m.group())]
        if sum(Decimal(n) for _, n in pairs) == 100 and _weights_of(r, m, pairs):
            r.assume("the numbers before the assets read as percent weights (they add up to 100)")


def _weights_of(r: Reader, m: re.Match, pairs: list[tuple[str, str]]) -> bool:
    """Take `pairs` (name, percent) found at `m` as the target, or as the target said again ('70% SPY and 30% TLT
    ... to repeat: SPY 70, TLT 30'); weights of another kind already read leave them unplaced, to be asked about."""
    weights = [(name, f"{n}%") for name, n in pairs]
    if r.draft.scheme or (r.draft.weights and not _same_weights(r.draft.weights, weights)):
        return False
    r.mask(m)
    if r.draft.weights:
        return False
    r.draft.weights += weights
    r.draft.cash = r.draft.cash or any(name == "CASH" for name, _ in pairs)
    return True


def _same_weights(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> bool:
    return {name: Decimal(w.rstrip("%")) for name, w in a} == {name: Decimal(w.rstrip("%")) for name, w in b}


def _decimal_pairs(r: Reader) -> None:
    """'VTI 0.5, VXUS 0.3, BND 0.2' (a spreadsheet's fractions): fractions of one after the tickers are weights."""
    m = r.find(rf"(?:{ASSET}(?: ?[:=]| at)? (0?\.\d+|1(?:\.0+)?)(?![\d%x]),? ?(?:and |/ ?|\| ?)?){{2,}}")
    if not m:
        return
    pairs = [(name, _as_percent(f)) for name, f in re.findall(rf"{ASSET}(?: ?[:=]| at)? (0?\.\d+|1(?:\.0+)?)", m.group())]
    if sum(Decimal(n) for _, n in pairs) <= 100 and _weights_of(r, m, pairs):
        r.assume("the fractions after the assets read as weights (0.5 = 50%)")


def _as_percent(fraction: str) -> str:
    value = Decimal(fraction) * 100
    return str(value.to_integral()) if value == value.to_integral() else str(value.normalize())


# 'back to 70 30', 'to seventy thirty': the target's numbers said again in order, with no % and no assets.
_SPACED_SPLIT = r"(?<![\d.%/])(\d+(?:\.\d+)?)(?: (\d+(?:\.\d+)?)){1,5}(?!\.?\d|[%/]| ?(?:@|bps|usd|days?|weeks?|months?|pp))"


# 'then it goes back to 50/50', 'resets to 60/40': the target's split said again as where a rebalance brings it.
_SPLIT_AGAIN = r"(?<![\d.%/])(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)(?!\.?\d|[%/])"
_BACK = r"(?:(?:then )?(?:it |everything |the (?:portfolio|account|book) )?(?:goes|go|gets|is (?:put|brought|reset)|resets) )?back "


def _spaced_split_again(r: Reader) -> None:
    """The target's numbers said again where a rebalance brings them; other numbers stay, to be asked about."""
    numbers = [w.rstrip("%") for _, w in r.draft.weights]
    for m in re.finditer(rf"\b(?:back )?to {_SPACED_SPLIT}", r.text):
        if [w for w in m.group().split() if w[0].isdigit()] == numbers:
            r.mask(m)
    # with a slash only when said as going back: 'flip it to 30/70' is another target
    for m in re.finditer(rf"\b{_BACK}to {_SPLIT_AGAIN}", r.text):
        if " back to " in f" {m.group()}" and m.group(1).split("/") == numbers:
            r.mask(m)


def _bare_pairs(r: Reader) -> None:
    """'SPY 65 UST10 35': numbers after the tickers, adding up to 100, are percent weights."""
    bare = r"(\d+(?:\.\d+)?)(?![\d%x/-]|\.\d| ?(?:bps|usd|days?|weeks?|months?|years?|pp|points?)\b)"
    m = r.find(rf"(?:{ASSET}(?: ?[:=]| at)? {bare},? ?(?:and |/ ?)?){{2,}}(?:split|mix)?")
    pairs = re.findall(rf"{ASSET}(?: ?[:=]| at)? {bare}", m.group()) if m else []
    if pairs and sum(Decimal(n) for _, n in pairs) == 100 and _weights_of(r, m, pairs):
        r.assume("the numbers after the assets read as percent weights (they add up to 100)")
