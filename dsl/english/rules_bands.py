"""Offline translator rules for per-asset bands: 'SPY may drift 5 points, TLT 4', 'a 3pp band on SPY',
'keep SPY between 55% and 65%' (a range centred on the target), read as a `bands:` section."""

from __future__ import annotations

import re
from decimal import Decimal

from rbl.dsl.english.reader import MASK, NUM, Reader, compiled, names_in

ITS_BAND = "drift > its band"
ASSET = r"@([A-Z][A-Z0-9_]*)"
_ASSET = r"@[A-Z][A-Z0-9_]*"
RELATIVE = r"(?: of (?:(?:its|their|the) )?targets?(?: weights?)?| relative)"
FRACTIONS = {"a quarter": "25", "a half": "50", "half": "50", "a fifth": "20", "a tenth": "10"}
# A band as written: a number with an optional unit, or a fraction of the target.
QTY = rf"(?:{NUM}(%{RELATIVE}?|pp| points?| percentage points?)?|({'|'.join(FRACTIONS)}){RELATIVE})"
_QTY = re.sub(r"\((?!\?)", "(?:", QTY)                    # the same, without capturing groups
VERB = (r"(?:may|can|is allowed to|gets to|should be allowed to|is free to) (?:drift|move|deviate|stray|go|swing|float|"
        r"wander|be off)(?: by)?(?: up to| at most| no more than)?")
# (a run's next asset may take 'the': '..., gold 3 and the cash 2')
JOIN = r"(?:,? (?:and|while|but|plus|with) |, |; | ?/ )(?:the (?=@))?"
# An asset's band named before its size: 'SPY band 5pp', 'IEF drift limit 4pp', 'GLD tolerance: 3 points'
_BAND_NOUN = r" (?:drift |deviation )?(?:band|tolerance|limit)"
# How a band reaches, said after it: 'SPY can wander 5 points either way', 'IEF 4pp of room', '3 points off target'
_AROUND = (r"(?: (?:either way|each way|both ways|(?:in )?(?:either|each|both) directions?|up or down|(?:on )?(?:either|each|both) "
           r"sides?|(?:around|off|from|away from) (?:its |the )?target))")
_ROOM = r"(?: of (?:drift|room|leeway|slack|wiggle room|tolerance|deviation))"
ASSET_ITEM = (rf"{_ASSET}(?:'s?)?(?: {VERB}|{_BAND_NOUN}(?: is| of|:)?| at|(?: gets| has)?(?: an?)?|:| plus or minus)? {_QTY}"
              rf"(?: (?:drift )?(?:band|tolerance))?{_ROOM}?{_AROUND}?")
# the assets after the first that share its band: '6pp on AAPL and MSFT' (never an asset with a number of its own after it)
_SHARED_BY = rf"(?:(?:,? and |, |,? & | ?/ ?){_ASSET}(?![\w'%]| ?\d))"
BAND_ITEM = rf"(?:an? )?{_QTY}(?: (?:drift )?(?:band|tolerance))?{_ROOM}?{_AROUND}? (?:on|for) {_ASSET}{_SHARED_BY}*"
# What introduces a list of per-asset bands: 'tolerances differ by asset:', 'drift limits:', 'allowed drift -'
_BANDS_WORD = (r"(?:(?:drift|rebalancing|tolerance|deviation) )?(?:bands?|tolerances?|thresholds?|corridors?)|(?:drift|band) triggers?"
               r"|(?:drift|deviation|band) limits?|(?:allowed|permitted) (?:drift|deviation)s?|(?:drift|deviation)s?(?: allowed| permitted)?(?=:)")
_PER_ASSET = r"(?:per[- ]asset |separate |individual |different |asset[- ]specific )"
# ... or the writer granting them: 'allow 5pp on SPY', "i'll tolerate 5pp of drift on SPY", 'give SPY 5 points of room'
_GRANT = r"(?:(?:i'?ll |i will |we'?ll |we will |i |we )?(?:allow|permit|tolerate|accept|give)(?: an?)? )"
# The explain bullet 'Band of SPY: 5 percentage points (55% to 65% around its 60% target)'.
BULLET = rf"band of {_ASSET}:? {_QTY}(?:,? {NUM}% to {NUM}% around its {NUM}% target,?)?(?:{JOIN}{ASSET_ITEM})*"
EXCEEDS = r"(?:exceeds|is (?:over|above|more than)|goes (?:over|above|past)|tops|gets (?:over|above))"
DRIFT_ITEM = rf"{_ASSET}'s?(?: (?:drift|deviation))? {EXCEEDS} {_QTY}"
GIVE_ITEM = rf"{_ASSET} an? {_QTY} (?:drift )?band"
# the first names the band ('for SPY 60%' is a weight), the next ones may not ('..., for XGLE to 3pp')
_FOR_BAND = r"(?:the|its) (?:(?:tolerance|drift) )?(?:band|tolerance)"
FOR_ITEMS = (rf"for {_ASSET},? {_FOR_BAND}(?: (?:amounts to|is|equals|of|comes to)|:)? {_QTY}"
             rf"(?:{JOIN}for {_ASSET},?(?: {_FOR_BAND})?(?: (?:amounts to|is|equals|of|comes to)| to|:)? {_QTY})*")
# An asset's band said as the drift that sets the rebalance off ('SPY drifts more than 5pp', 'SPY is 5 points off'), and the
# next ones with the verb left out ('..., IEF 4 or GLD by more than 3')
_DRIFT_ITEM = (rf"{_ASSET}(?:'s weight)? (?:drifts?|moves?|deviates?|strays?|wanders?)(?: by)?(?: more than| over| beyond)? {_QTY}"
               rf"(?: (?:off|away from|from) (?:its |the )?target)?")
_OFF_ITEM = (rf"{_ASSET}(?:'s weight)? (?:is|gets|goes)(?: more than| over)? {_QTY} (?:off|away|out)"
             rf"(?: (?:of |from )?(?:its |the )?target)?")
_DRIFT_MORE = rf"{_ASSET}(?:'s weight)?(?: by)?(?: more than| over| beyond)? {_QTY}(?: off| away)?"
_INTRO = (rf"(?:with )?(?:the )?{_PER_ASSET}?(?:{_BANDS_WORD})(?: (?:are|is) (?:asset[- ]specific|set per asset|as follows))?"
          rf"(?: differs?(?: by (?:pair|asset|fund|holding|class|asset class))?"
          rf"| per (?:asset(?: class)?|pair|fund|holding))?(?: of| are|:| -)? ")
SPANS = (# 'tolerances differ by pair: EURUSD 3 points, ...', 'tolerance per asset class: VTI 5pp, ...', 'drift limits: SPY 5pp'
         # (first: its items may start like the lists below)
         rf"{_INTRO}{ASSET_ITEM}(?:{JOIN}{ASSET_ITEM})*",
         rf"{_ASSET}(?:'s?)? {VERB} {_QTY}{_ROOM}?{_AROUND}?(?:{JOIN}{ASSET_ITEM})*",
         # 'SPY 5pp band, IEF 4pp band', 'SPY gets a 5pp band, IEF 4pp': the first item says it is a band
         rf"{_ASSET}(?:'s?)?(?: (?:gets|has)(?: an?)?)? {_QTY}(?: (?:drift )?(?:band|tolerance)|{_ROOM}){_AROUND}?(?:{JOIN}{ASSET_ITEM})+",
         rf"(?:give |with )?{GIVE_ITEM}(?:{JOIN}{GIVE_ITEM})+",
         rf"{_ASSET}'s? (?:drift|deviation) {EXCEEDS} {_QTY}(?:(?:{JOIN}|,? or ){DRIFT_ITEM})+",
         rf"{_ASSET}(?:'s?)?{_BAND_NOUN}(?: is| of|:)? {_QTY}{_AROUND}?(?:{JOIN}{ASSET_ITEM})+",
         # the writer content with a drift: "i'm ok with VTI drifting up to 5 points, BND 4 and GLD 3"
         rf"(?:i'?m|we'?re|i am|we are) (?:ok|okay|fine|happy|comfortable) (?:with|letting) {_ASSET} (?:drifting|drift|moving|move|"
         rf"deviating|deviate|straying|stray|wandering|wander|going|go)(?: by)?(?: up to| at most| no more than)? {_QTY}{_AROUND}?"
         rf"(?:{JOIN}{ASSET_ITEM})*",
         rf"{_GRANT}{_ASSET} {_QTY}{_ROOM}{_AROUND}?(?:{JOIN}{ASSET_ITEM})*",
         # 'for VWCE the tolerance band amounts to 5 percentage points, for XGLE to 3'
         FOR_ITEMS,
         rf"(?:{_INTRO}|{_GRANT})?{BAND_ITEM}(?:{JOIN}{BAND_ITEM})*")
# The bands as the rule's condition: 'rebalance if SPY drifts 5pp, IEF 4pp or GLD 3pp', 'when SPY is 5 points off, IEF 4'
# (before a one-asset band takes its first item)
# ('..., IEF 4pp and GLD 3pp' may mean all of them at once: left for a question)
CONDITION_ITEMS = rf"(?:when|if|once|whenever|as soon as) (?:{_DRIFT_ITEM}|{_OFF_ITEM})(?:(?:, (?:or )?|,? or ){_DRIFT_MORE})+(?![\w%])(?!\.\d)(?!,? and )"
# After per-asset bands, one band for the assets not named: '..., and 3pp on the rest', 'everything else 2 points'
_REST = (r"(?:the rest|the others|everything else|(?:all )?(?:the )?(?:other|remaining) (?:assets|funds|holdings|positions|ones|"
         r"names|etfs))")
REST_BANDS = (rf"(?:{JOIN}|,? or )?(?:an? )?{QTY}(?: (?:drift )?(?:band|tolerance))?{_ROOM}?{_AROUND}? (?:on|for|to) {_REST}",
              rf"(?:{JOIN}|,? or )?{_REST} {VERB} {QTY}{_ROOM}?{_AROUND}?",
              # 'everything else 2 points' (in points only: 'the rest 40%' is a weight)
              rf"(?:{JOIN}|,? or )?{_REST}(?: gets?(?: an?)?)? (?=\d+(?:\.\d+)?(?:pp| points?| percentage points?)\b){QTY}"
              rf"(?: (?:drift )?(?:band|tolerance))?{_ROOM}?{_AROUND}?")
# (the band in brackets too: 'SPY 60% (±5), TLT 30% (±4)')
PLUS_MINUS = rf"{ASSET} {NUM}%,? \(?plus or minus {QTY}\)?|{NUM}% (?:in |of )?{ASSET},? \(?plus or minus {QTY}\)?"
# 'bands SPY +/-5, IEF +/-4': each asset's own band, its weight said elsewhere (points unless said otherwise)
_PM_ITEM = rf"{_ASSET} plus or minus {_QTY}"
# ... and among them a row said with its own unit: 'bands SPY ±5pp, EFA ±3pp, AGG 25% of target' (a bare number or a
# bare % there stays a weight)
_UNIT_ITEM = rf"{_ASSET} (?:{NUM}(?:%{RELATIVE}|pp| points?| percentage points?)|(?:{'|'.join(FRACTIONS)}){RELATIVE})"
_UNIT_ITEM = re.sub(r"\((?!\?)", "(?:", _UNIT_ITEM)
PLUS_MINUS_ITEMS = rf"(?:{_INTRO})?(?:{_UNIT_ITEM}{JOIN})*{_PM_ITEM}(?:{JOIN}(?:{_PM_ITEM}|{_UNIT_ITEM}))*"
# 'bands: 5/4/3 for SPY/IEF/GLD', 'SPY/IEF/GLD bands 5/4/3pp': one band for each asset, in the order named ('5/25 bands'
# is the 5/25 rule, read elsewhere)
_NUMBERS = r"(?!5 ?/ ?25(?![\d./]))(\d+(?:\.\d+)?(?:pp)?(?: ?/ ?\d+(?:\.\d+)?(?:pp)?)+)(%|pp| points?| percentage points?)?"
_NAMES_SLASHED = rf"({_ASSET}(?: ?/ ?{_ASSET})+)"
_LISTED = r"(?!5 ?/ ?25(?![\d./]))(\d+(?:\.\d+)?(?:pp)?(?:(?:,? and |, )\d+(?:\.\d+)?(?:pp)?)+)(%|pp| points?| percentage points?)?"
_NAMES_LISTED = rf"({_ASSET}(?:(?:,? and |, ){_ASSET})+)"
SLASHED_BANDS = (rf"(?:{_BANDS_WORD})(?: of| are|:)? {_NUMBERS} (?:for|on) {_NAMES_SLASHED}",
                 rf"{_NAMES_SLASHED}:? (?:{_BANDS_WORD})(?: of| are|:)? {_NUMBERS}",
                 rf"{_NAMES_SLASHED}:? {_NUMBERS} (?:drift )?(?:bands?|tolerances?)",
                 # no assets beside them ('40/30/30 SPY/IEF/GLD with 5/4/3pp bands'): the assets in the order named
                 rf"(?:with )?{_NUMBERS} (?:drift )?(?:bands?|tolerances?)(?:,? respectively)?"
                 rf"|(?:with )?(?:{_BANDS_WORD})(?: of| are|:)? {_NUMBERS}(?:,? respectively)?(?= ?[,.;]|$)",
                 # ... or listed, with 'respectively': 'thresholds 5pp, 4pp and 3pp respectively', '... for SPY, IEF and GLD respectively'
                 rf"(?:with )?(?:{_BANDS_WORD})(?: of| are|:)? {_LISTED}(?: (?:for|on) {_NAMES_LISTED})?,? respectively",
                 rf"(?:with )?{_LISTED} (?:drift )?(?:bands?|tolerances?)(?: (?:for|on) {_NAMES_LISTED})?,? respectively")
RANGE_ITEM = (rf"{_ASSET}(?:'s weight)?(?: (?:stays?|is|kept|held|remains?|at|in))?(?: (?:between|within|"
              rf"in a range of|in the range|from))? {NUM}%? ?(?:and|to|-) ?{NUM}%(?: range| band)?"
              # (not a weight and the next asset's: 'TLT 30% and 20% in cash')
              rf"(?! (?:in|into|to|on|for) (?:the )?@)")
RANGES = rf"(?:keep |hold |let )?{RANGE_ITEM}(?:{JOIN}(?:keep |hold )?{RANGE_ITEM})*"


# 'SPY 60% with a range of 55 to 65', '60% SPY (range 55-65%)', 'SPY 60% (55% to 65%)': a weight and its range.
# '..., allowed to move between 55% and 65%': the range said as where the weight may go
_MAY_GO = r"(?:(?:allowed|permitted|free) (?:to (?:move|drift|range|go|sit) )?|(?:may|can) (?:move|drift|range|go|sit) )(?:between |from |within )?"
_SPAN = (rf",? (?:with )?(?:an? )?(?:(?:allowed |permitted |target )?(?:range|band)(?: of| is|:)? |{_MAY_GO})?{NUM}%? ?(?:to|-|and) "
         rf"?{NUM}%?,?")
WEIGHT_RANGES = (rf"{ASSET} (?:at )?{NUM}%{_SPAN}", rf"{NUM}% (?:in |of )?{ASSET}{_SPAN}")


def _weight_ranges(r: Reader) -> None:
    """A weight with the range around it; only when the range holds the weight (else it is something else)."""
    for number, pattern in enumerate(WEIGHT_RANGES):
        for m in list(re.finditer(pattern, r.text)):
            asset, weight = (m.group(1), m.group(2)) if number == 0 else (m.group(2), m.group(1))
            low, high = sorted((Decimal(m.group(3)), Decimal(m.group(4))))
            if not low < Decimal(weight) < high:
                continue
            r.mask(m)
            r.draft.weights.append((asset, f"{weight}%"))
            r.ranges.append((asset, low, high))


# 'the stock weight moves more than 5 points from target': one asset's band, said of its weight.
_NAMES = rf"({_ASSET}(?:(?:,? or |,? and |, |/){_ASSET})*)"
ONE_WEIGHT = (rf"(?<!or )(?<!and )(?<!, )(?<!/)(?:the |its )?(?:either |both |any of )?{_NAMES}(?:'s?)?"
              rf"(?: (?:weight|allocation|share|position|side)s?)? (?:moves?|drifts?|deviates?|"
              rf"strays?|is off|gets off|goes off|is)(?: by)? (?:more than|over|beyond|above) {QTY}"
              rf"(?: (?:away |off )?from (?:its |the )?targets?)?")


def _one_weight(r: Reader) -> None:
    """'the stock weight moves more than 5 points', 'when SPY or GLD drifts more than 2 points': the named assets'
    band (settle_bands makes it the shared band when they are all the assets, or one of two)."""
    m = r.take_one(ONE_WEIGHT)
    if m:
        for name in re.findall(r"@([A-Z][A-Z0-9_]*)", m.group(1)):
            _add(r, name, _band_text(r, name, *m.groups()[1:4], None) or "")
        r.flags.add("one-weight-band")


# A band shown by the range it gives one asset, after the band ('relative, so GLD may go from 16% to 24% before anything
# happens', 'so SOL fires outside 15-25', 'so LQD 18% to 22%'): checked against that asset's target once it is read.
# the kind of band said again before the example: 'i.e. relative, not absolute: IVV may range 40-60'
_SO = (r"(?:[,;(] ?)?(?:so|e\.g\.?|i\.e\.?|for example|for instance|meaning|that is)(?:,? (?:that )?)? ?"
       r"(?:(?:relative|relatively|in relative terms),? (?:and )?not (?:in )?absolute(?: terms)?[:,;]? ?)?")
_SPAN_OF = rf"{NUM}%? ?(?:to|-|and) ?{NUM}%?"
BAND_EXAMPLES = (rf"{_SO}{ASSET}(?:'s weight)? (?:may|can|could|is allowed to|gets to) (?:go|move|drift|range|swing|sit|float|wander)(?: anywhere)? "
                 rf"(?:from |between |(?<=range ))?{_SPAN_OF}(?: before (?:anything happens|it (?:trades|fires|rebalances)|(?:we|i) (?:act|trade|rebalance)))?\)?",
                 rf"{_SO}{ASSET}(?:'s weight)? (?:(?:fires|trips|triggers|trades|rebalances|is rebalanced|is|goes|gets|drifts) )?"
                 rf"(?:outside|beyond|out of) "
                 rf"(?:of )?(?:the )?{_SPAN_OF}\)?",
                 rf"{_SO}{ASSET}(?:'s weight)?(?: (?:stays?|is|at|goes|sits))?(?: between| from)? {NUM}% ?(?:to|-|and) ?{NUM}%\)?",
                 # the range as where the weight would have to go before a trade: 'so BND would have to fall below 22.5% or
                 # climb above 37.5% before anything happens', 'so GLD must drop under 16% or rise past 24%'
                 rf"{_SO}{ASSET}(?:'s weight)? (?:would|will|has to|must|needs to|would need to)(?: have to)? (?:fall|drop|sink|slip|go|get) "
                 rf"(?:below|under) {NUM}%? or (?:climb|rise|go|get|grow|move|jump) (?:above|over|past|beyond) {NUM}%?"
                 rf"(?: before (?:anything happens|it (?:trades|fires|rebalances)|(?:we|i) (?:act|trade|rebalance)))?\)?",
                 # 'so GLD at 20 is out below 17 or above 23'
                 rf"{_SO}{ASSET}(?: at \d+(?:\.\d+)?%?)? (?:is |goes |would be |gets )?out (?:below|under) {NUM}%? or (?:above|over) "
                 rf"{NUM}%?\)?")
# A band shown by the range it gives a target of no asset named ('(with a 25% target that means outside 20%-30%)', 'i.e.
# a 40% target means 35%-45%', 'e.g. a 40% position trades outside 32 to 48%'): checked against the band read, asked when
# it is another band (the example is the same rule said again, never a second rule).
_TARGET_SAID = r"(?:(?:a|an) )?(\d+(?:\.\d+)?)% (?:target(?: weight)?|weight|allocation|position|holding)(?: (?:asset|fund|name|holding))?"
TARGET_EXAMPLE = (rf"(?:{_SO}(?:(?:with|for|on|take|say) )?|(?:[,;(] ?)?(?:with|for|on|take|say) ){_TARGET_SAID}[,:]? (?:that |this |it )?"
                  rf"(?:(?:means?|gives|would be|becomes|is|=|->|=>|then|works out to|comes to|(?:can|may|would|could|will) (?:go|range|move|drift|float|swing|vary|wander|sit)|floats|swings|varies|"
                  rf"ranges|trades|fires|rebalances|triggers|gets rebalanced)(?: (?:a (?:band|range) of|the band is|the range is))? )?"
                  rf"(?:(?:outside|beyond|out of)(?: of)?(?: the)? |anywhere (?:from|between) |from |between )?"
                  # ('for a 25% target: below 18.75% or above 31.25%')
                  rf"(?:{_SPAN_OF}(?: (?:band|range|corridor))?|(?:below|under) {NUM}%? or (?:above|over) {NUM}%?)\)?")


# A trade shown after the band ('so GLD at 44 goes to 43, not 40', 'e.g. SPY at 67 goes back to 60'): checked against
# where the rule read sends that asset, its band's edge or its target.
TRADE_EXAMPLE = (rf"{_SO}{ASSET} at {NUM}%? (?:goes|would go|gets (?:trimmed|cut|topped up|sold|bought)|is (?:trimmed|cut|sold|"
                 rf"bought|topped up)|comes) (?:back )?(?:down |up )?to {NUM}%?(?:,? (?:and )?not (?:back )?(?:to )?{NUM}%?)?\)?")


# A band shown by how far one asset may go, after the band ('relative, so gold would trigger at five points', 'so for the
# gold 20% of 20% = 4 points'): checked against that asset's target (or the fund its class word reads) once it is read.
_WIDTH = r" ?(?:points?|pp|pts|percentage points?)"
WIDTH_EXAMPLES = (rf"{_SO}(?:for )?(?:the )?{ASSET}(?:'s band)? (?:would|will|should|does|is to|only) (?:trigger|fire|trip|trade|rebalance)s? "
                  rf"at {NUM}{_WIDTH}(?: (?:off|away|out|from (?:its )?target))?\)?",
                  # ... or of no asset named: 'so 25% of 25% = 6.25pp' (an asset with that target)
                  rf"{_SO}(?:(?:for )?(?:the )?{ASSET},? )?(?:that is |that's |it is |it's )?(?P<share>\d+(?:\.\d+)?)% of "
                  rf"(?P<target>\d+(?:\.\d+)?)% = {NUM}{_WIDTH}\)?")


def _band_examples(r: Reader) -> None:
    for pattern in BAND_EXAMPLES:
        for m in r.take(pattern):
            low, high = sorted((Decimal(m.group(2)), Decimal(m.group(3))))
            r.band_examples.append((m.group(1), low, high))
    for pattern in WIDTH_EXAMPLES:
        for m in r.take(pattern):
            said = m.groupdict()
            if said.get("share"):         # '20% of 20% = 4 points': the arithmetic must hold
                if Decimal(said["share"]) * Decimal(said["target"]) / 100 != Decimal(m.group(m.lastindex)):
                    r.ask(f"'{m.group().strip(' ,;.()')}' does not add up; what band is meant?")
                    continue
            r.width_examples.append((m.group(1), Decimal(m.group(m.lastindex)), said.get("target") and Decimal(said["target"])))
    for m in r.take(TARGET_EXAMPLE):
        low, high = sorted(Decimal(n) for n in m.groups()[1:] if n)
        r.target_examples.append((Decimal(m.group(1)), low, high))
    for m in r.take(TRADE_EXAMPLE):
        r.trade_examples.append((m.group(1), Decimal(m.group(2)), Decimal(m.group(3)), m.group(4) and Decimal(m.group(4))))


# A range said as the rule's two edges: 'rebalance if SPY goes above 65% or below 55%', 'when SPY's weight is over 65 or
# under 55'
_ABOVE = r"(?:goes |gets |rises |moves |climbs |drifts |is |weighs )?(?:above|over|more than|past)"
_BELOW = r"(?:goes |gets |falls |drops |moves |sinks |drifts |is |weighs )?(?:below|under|less than)"
EDGES = (rf"(?:(?:rebalance|rebal|trade|act) )?(?:if|when|whenever|once|as soon as) {ASSET}(?:'s weight| weight)? "
         rf"(?:{_ABOVE} {NUM}%? or {_BELOW} {NUM}%?|{_BELOW} {NUM}%? or {_ABOVE} {NUM}%?)(?:,? (?:rebalance|rebal))?")


def _range_edges(r: Reader) -> None:
    for m in r.take(EDGES):
        low, high = sorted(Decimal(n) for n in m.groups()[1:] if n)
        r.ranges.append((m.group(1), low, high))


# A run of bands with its unit said once for all of them: 'bands (pp): SPY 5, TLT 4, GLD 2', 'bands: SPY 5, TLT 4, cash 2
# (points)', 'tolerances in points: VTI 5, BND 3' (a bare % there is no unit: it stays for a question)
UNIT_RUNS = (rf"(?:the )?(?:{_BANDS_WORD}) in (?:pp|points|pts):? {ASSET_ITEM}(?:{JOIN}{ASSET_ITEM})*",
             rf"(?:the )?(?:{_BANDS_WORD}):? {ASSET_ITEM}(?:{JOIN}{ASSET_ITEM})*,? in (?:pp|points|pts)(?![\w-])")


def read_bands(r: Reader) -> None:
    """Take every per-asset band and range; the `when` becomes 'drift > its band' once one is found."""
    _band_examples(r)
    _range_edges(r)
    for pattern in UNIT_RUNS:
        for m in r.take(pattern):
            _add_items(r, m.group(0), asset_first=True, kind="points")
    for m in r.take(CONDITION_ITEMS):
        _add_items(r, m.group(0), asset_first=True)
    _one_weight(r)
    _weight_ranges(r)
    _plus_minus(r)
    _slashed_bands(r)
    for m in r.take(BULLET):
        _add_items(r, m.group(0), asset_first=True)
    for number, span in enumerate(SPANS):
        for m in r.take(span):
            _add_items(r, m.group(0), asset_first=number < len(SPANS) - 1)     # the last span names the band first
    if r.draft.bands:
        _band_of_the_rest(r)
    for m in r.take(RANGES):
        r.take(r",? ?;? ?(?:and )?(?:if|when|once) (?:it|they|either|any asset) (?:goes|go|gets|moves?|falls?|breaks?) "
               r"(?:outside|out of) (?:that|those|the range|this range|the band|it)")
        for item in re.finditer(rf"{ASSET}[^@\d]*?{NUM}%? ?(?:and|to|-) ?{NUM}%", m.group(0)):
            low, high = sorted((Decimal(item.group(2)), Decimal(item.group(3))))
            r.ranges.append((item.group(1), low, high))
    if r.draft.bands or r.ranges:
        r.band_topic = True
        r.take(OUTSIDE_ITS_BAND)
        if r.draft.when and r.draft.when != ITS_BAND:
            r.ask("The text gives two rebalancing rules; should either one be enough (or), or both (and)?")
        r.draft.when = ITS_BAND


# Beside per-asset bands, the rule they make said in words: 'when any asset is outside its band', 'if any row breaches
# its own band', 'rebalance a position when it exceeds its own band'.
OUTSIDE_ITS_BAND = (r"(?:when|if|once|whenever|as soon as) (?:any (?:asset|row|holding|position|fund|line)|anything|it|1|either|"
                    r"an? (?:asset|row|holding|position|fund|line)) (?:is |goes |moves |gets |falls |pokes |sticks |pops |strays |wanders )?(?:outside(?: of)?|out of|"
                    r"breaches|exceeds|breaks|leaves|crosses) (?:its|their) (?:own )?(?:bands?|ranges?|tolerances?|limits?|thresholds?)"
                    r"(?:,? (?:please )?(?:bring|put|take|move) it back to (?:its |the )?target)?"
                    # 'when one is out', 'if any asset goes out of range'
                    r"|(?:when|if|once|whenever|as soon as) (?:any (?:asset|row|holding|position|fund|line)|anything|1|either) (?:is|goes|gets|"
                    r"falls) out(?: of (?:range|bounds|line|its range|its band))?(?![\w-])"
                    # 'only when a band is exceeded is it rebalanced'
                    r"|(?:only )?(?:when|if|once|whenever|as soon as) (?:a|any|its|their) (?:own )?band is (?:exceeded|breached|broken|crossed)"
                    r"(?:,? (?:is it|it is|it gets|is the portfolio) rebalanced)?")


def _band_of_the_rest(r: Reader) -> None:
    """'..., and 3pp on the rest': the band of every asset with none of its own (settle_bands fills them in); a bare
    number takes the unit of the band said before it."""
    m = next((m for pattern in REST_BANDS for m in r.take(pattern)), None)
    if not m:
        return
    number, unit, fraction = m.groups()[0:3] if m.group(1) or m.group(3) else m.groups()[3:6]
    kind = "relative" if r.draft.bands[-1][1].endswith("of target") else "points"
    r.shared_band = _band_text(r, "the rest", number, unit, fraction, kind)


def _plus_minus(r: Reader) -> None:
    """'SPY 60% +/- 5': a target weight with its own band (points unless said otherwise); 'SPY +/-5': the band alone."""
    for m in r.take(PLUS_MINUS):
        asset, weight = (m.group(1), m.group(2)) if m.group(1) else (m.group(7), m.group(6))
        number, unit, fraction = m.groups()[2:5] if m.group(1) else m.groups()[7:10]
        r.draft.weights.append((asset, f"{weight}%"))
        _add(r, asset, _band_text(r, asset, number, unit or "pp", fraction, None))
    for m in r.take(PLUS_MINUS_ITEMS):
        for item in re.finditer(rf"{ASSET} (?:plus or minus )?{QTY}", m.group()):
            number, unit, fraction = item.groups()[1:4]
            _add(r, item.group(1), _band_text(r, item.group(1), number, unit or "pp", fraction, None))


def _slashed_bands(r: Reader) -> None:
    """'bands: 5/4/3 for SPY/IEF/GLD': the n-th band is the n-th asset's; as many bands as assets, else it is asked."""
    for pattern in SLASHED_BANDS:
        for m in list(compiled(pattern).finditer(r.text)):
            said = [g for g in m.groups() if g]
            sizes = re.findall(r"\d+(?:\.\d+)?", next(g for g in said if g[0].isdigit()))
            names = next((names_in(g) for g in said if g.startswith("@")), None)
            if names is None:           # the bands alone: the assets in the order named, when there are as many
                names = [n for n in r.held() if n != "CASH"]
                if len(sizes) == len(names) + 1 and r.norm.cash_mentioned:      # a cash sleeve may have one too
                    names = sorted(names + ["CASH"], key=lambda n: r.norm.text.index(f"@{n}"))
                if len(sizes) != len(names):
                    continue
            r.mask(m)
            unit = next((g for g in said if not g[0].isdigit() and not g.startswith("@")), None)
            unit = unit or ("pp" if "pp" in m.group() else None)
            if len(sizes) != len(names):
                r.ask(f"The text gives {len(sizes)} bands ({'/'.join(sizes)}) for {len(names)} assets "
                      f"({', '.join(names)}); which band is each asset's?")
                continue
            for asset, size in zip(names, sizes):
                band = _band_text(r, asset, size, unit, None, None)
                if band is None:
                    break
                _add(r, asset, band)


def _add_items(r: Reader, span: str, asset_first: bool, kind: str | None = None) -> None:
    """Each asset's band in a run; a bare number takes the unit before it (`kind`, 'points' when said once for all)."""
    pattern = rf"{ASSET}[^@\d]*?{QTY}" if asset_first else rf"{QTY}[^@\d]*?{ASSET}"
    items = list(re.finditer(pattern, span))
    if kind is None and asset_first and len(items) > 1 and _in_points_only_at_the_end(items):
        kind = "points"       # 'VTI may drift 5, TLT 4, GLD 3 and cash 2 points': the unit said once, after the run
    for item in items:
        groups = item.groups()
        asset, (number, unit, fraction) = (groups[0], groups[1:4]) if asset_first else (groups[3], groups[:3])
        band = _band_text(r, asset, number, unit, fraction, kind)
        if band is None:
            return
        kind = "relative" if band.endswith("of target") else "points"
        shared = re.match(rf"{_SHARED_BY}+", span[item.end():]) if not asset_first else None
        for name in [asset] + (re.findall(r"@([A-Z][A-Z0-9_]*)", shared.group()) if shared else []):
            _add(r, name, band)


def _in_points_only_at_the_end(items: list[re.Match]) -> bool:
    units = [item.group(3) for item in items]
    return (units[-1] is not None and units[-1].strip() in ("pp", "point", "points", "percentage point", "percentage points")
            and all(unit is None for unit in units[:-1]))


def _band_text(r: Reader, asset: str, number: str | None, unit: str | None, fraction: str | None,
               kind: str | None) -> str | None:
    """One band as .rbl; a number without a unit takes the unit of the band before it."""
    if fraction:
        return f"{FRACTIONS[fraction]}% of target"
    if unit is None and kind is None:
        r.ask(f"Is {asset}'s band of {number} in percentage points ({number}pp) or a percentage of its "
              f"target ({number}% of target)?")
        return None
    if unit is None:
        return f"{number}% of target" if kind == "relative" else f"{number}pp"
    if unit.startswith("%") and unit != "%":
        return f"{number}% of target"
    if unit == "%" and kind == "relative":
        r.ask(f"Is {asset}'s band of {number}% in percentage points ({number}pp) or a percentage of its "
              f"target ({number}% of target), like the band before it?")
        return None
    return r.band(number, unit)


def _add(r: Reader, asset: str, band: str) -> None:
    if any(name == asset for name, _ in r.draft.bands):
        r.ask(f"The text gives {asset} two bands; which one is meant?")
        return
    r.draft.bands.append((asset, band))


# Beside per-asset bands, cash said to have none ('the cash doesn't need a band of its own'): as read, so taken; beside
# one band for every asset it is not (`drift > 5pp` reads the cash too), so it stays for a question.
CASH_UNBANDED = (r"(?:the )?@CASH(?: sleeve| part| bucket)? (?:doesn'?t|does not|won'?t|will not|shouldn'?t|should not) (?:need|get|have) "
                 r"(?:a|any) band(?: of its own)?|(?:the )?@CASH(?: sleeve| part| bucket)? (?:needs|gets|has) no band(?: of its own)?"
                 r"|no band (?:on|for) (?:the )?@CASH"
                 # last in a band run: 'VTI band 4pp, VXUS 3pp, BND 2pp, cash untouched'
                 r"|(?<=, )(?:the )?@CASH(?: sleeve| part| bucket)? (?:untouched|unbanded|no band|left alone)")


# After one band for every asset, another for one of them: 'each fund gets a 3pp band, cash gets 1pp', '5pp bands, but
# 2 points for GLD' (in points only: 'GLD 20' after a band may be a weight)
_POINTS = r"(pp| points?| percentage points?)"
_EXCEPTION = (rf"(?<={MASK})[,;]? (?:(?:but|and|except|while|with) )?(?:for |on )?(?:the )?{ASSET}(?: sleeve| part| bucket)?(?:'s?)?"
              rf"(?: (?:gets?|has|at|is|only gets|only has|:))?(?: an?| only| just)? {NUM}{_POINTS}(?: (?:band|tolerance))?"
              rf"|(?<={MASK})[,;]? (?:(?:but|and|except|with) )?(?:only |just )?(?:an? )?{NUM}{_POINTS}(?: (?:band|tolerance))? (?:for|on) "
              rf"(?:the )?{ASSET}(?: sleeve| part| bucket)?")


def _band_exceptions(r: Reader) -> None:
    """One band for all and another for the assets named after it: per-asset bands, the first shared by the rest."""
    general = re.fullmatch(r"drift > (\d+(?:\.\d+)?pp|\d+(?:\.\d+)?% of target)", r.draft.when or "")
    if not general or r.draft.bands:
        return
    banded = r.universe() + [name for name, _ in r.draft.weights if name == "CASH"]      # a cash sleeve with a target
    exceptions = [m for m in re.finditer(_EXCEPTION, r.text) if (m.group(1) or m.group(6)) in banded]
    if not exceptions:
        return
    for m in exceptions:
        r.mask(m)
        asset, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(6), m.group(4))
        _add(r, asset, f"{number}pp")
    r.shared_band = general.group(1)
    r.draft.when = ITS_BAND


def settle_bands(r: Reader) -> None:
    """After the weights are read: ranges become target +/- band, a shared band fills the other assets."""
    _check_band_examples(r)
    _check_target_examples(r)
    _check_width_examples(r)
    _check_trade_examples(r)
    _check_bare_percents(r)
    _band_exceptions(r)
    if r.draft.when != ITS_BAND:
        return
    if _one_of_two(r) or _one_range_of_two_halves(r):
        return
    _settle_ranges(r)
    _bands_said_by_class_word(r)
    if r.shared_band:
        banded = {name for name, _ in r.draft.bands}
        others = [n for n in r.held() if n not in banded and n != "CASH"]
        r.draft.bands += [(name, r.shared_band) for name in others]
        if others:
            r.assume(f"the assets without a band of their own ({', '.join(others)}) keep the shared "
                     f"band, {r.shared_band}")
    if "CASH" not in {name for name, _ in r.draft.bands}:
        r.take(CASH_UNBANDED)
    unbanded = [n for n in r.held() if n not in {name for name, _ in r.draft.bands} and n != "CASH"]
    if unbanded and r.draft.bands:
        r.assume(f"{', '.join(unbanded)} {'has' if len(unbanded) == 1 else 'have'} no band: only the banded assets' "
                 "drift triggers a rebalance")
    _order_bands(r)


def _check_bare_percents(r: Reader) -> None:
    """A bare '25%' is points by convention, but not when it is as wide as a whole target ('equal weight five names,
    rebalance when one is 25% away from its target'): as points it could never fire on the way down, so it is asked."""
    targets = _fixed_targets(r)
    if not targets or not r.bare_percents:
        return
    smallest = min(targets.values())
    used = [Decimal(n) for n in re.findall(r"(\d+(?:\.\d+)?)pp", " ".join([r.draft.when or ""] + [b for _, b in r.draft.bands]))]
    for number in r.bare_percents:
        if 2 * number > smallest and number in used:
            # a doubt, asked last: a phrase not understood may be what the number belongs to
            r.doubts.append(f"Is the {number:g}% band {number:g} percentage points (more than half of a whole "
                            f"{smallest:.3g}% target) or {number:g}% of each target?")
            return


def _bands_said_by_class_word(r: Reader) -> None:
    """'40% VTI, 30% TLT, 20% GLD ... VTI 5 points, TLT 4, gold 3': a band given to an asset class said in words, with no
    weight of its own, beside the one fund named by ticker that reads its data (and has no band yet), is that fund's."""
    targets = _fixed_targets(r) or {}
    for number, (name, band) in enumerate(list(r.draft.bands)):
        asset = r.norm.assets.get(name)
        if name in targets or asset is None or asset.words == name:
            continue
        funds = [t for t in targets if t != name and r.read_same_data(t, name) and r.norm.assets.get(t)
                 and r.norm.assets[t].words == t]
        if len(funds) != 1 or funds[0] in {n for n, _ in r.draft.bands}:
            continue
        r.draft.bands[number] = (funds[0], band)
        del r.norm.assets[name]
        r.assume(f"'{asset.words}' in the bands read as {funds[0]}, which the text names (it has no weight of its own)")


def _check_band_examples(r: Reader) -> None:
    """An example range must be the one band the rule reads, around its asset's fixed target; else it is asked."""
    if not r.band_examples:
        return
    band = re.fullmatch(r"drift > (\d+(?:\.\d+)?)(pp|% of target)", r.draft.when or "")
    targets = _fixed_targets(r) or {}
    for asset, low, high in r.band_examples:
        target = targets.get(asset)
        if band and target is not None and (low, high) == _band_range(target, Decimal(band.group(1)), band.group(2)):
            r.assume(f"{asset} {low:g}% to {high:g}%: its {target:g}% target plus or minus the band, as the text shows")
            continue
        r.ask(f"The text shows {asset}'s band as {low:g}% to {high:g}%, which is not the rule read "
              f"({r.draft.when or 'no drift rule'}) around {asset}'s target; what band is meant (for example 5 percentage "
              "points, or 20% of its target)?")
        return


def _check_target_examples(r: Reader) -> None:
    """A range shown for a target of no asset named must be that target plus or minus the band read; else it is asked."""
    band = re.fullmatch(r"drift > (\d+(?:\.\d+)?)(pp|% of target)", r.draft.when or "")
    for target, low, high in r.target_examples:
        if band and (low, high) == _band_range(target, Decimal(band.group(1)), band.group(2)):
            r.assume(f"a {target:g}% target rebalances outside {low:g}% to {high:g}%, as the text shows")
            continue
        r.ask(f"The text shows a {target:g}% target's band as {low:g}% to {high:g}%, which is not the rule read "
              f"({r.draft.when or 'no drift rule'}); what band is meant (for example 5 percentage points, or 20% of its "
              "target)?")
        return


def _check_width_examples(r: Reader) -> None:
    """An example width must be the band read around its asset's target; the asset may be said by its class word
    ('gold' beside GLD)."""
    band = re.fullmatch(r"drift > (\d+(?:\.\d+)?)(pp|% of target)", r.draft.when or "")
    targets = _fixed_targets(r) or {}
    for asset, width, said_target in r.width_examples:
        if asset is None:       # 'so 25% of 25% = 6.25pp': the asset whose target the text says
            asset = next((name for name, target in targets.items() if target == said_target), None)
        if asset is None:
            r.ask(f"The text works out a band of {width:g} points for a {said_target:g}% target, but no asset's target "
                  f"read is {said_target:g}%; what band is meant (for example 5 percentage points, or 20% of its target)?")
            return
        name = asset if asset in targets else _fund_of_class(r, asset, targets)
        target = targets.get(name)
        if band and target is not None:
            low, _ = _band_range(target, Decimal(band.group(1)), band.group(2))
            if target - low == width:
                r.assume(f"{name} may drift {width:g} points: its {target:g}% target and the band, as the text shows")
                continue
        r.ask(f"The text shows {asset}'s band as {width:g} points, which is not the rule read "
              f"({r.draft.when or 'no drift rule'}) around {name}'s target; what band is meant (for example 5 percentage "
              "points, or 20% of its target)?")
        return


def _fund_of_class(r: Reader, word: str, targets: dict[str, Decimal]) -> str:
    """The held fund an asset class said in words reads the data of ('gold' -> GLD), else the word itself."""
    return next((name for name in targets if name != word and r.read_same_data(name, word)), word)


def _check_trade_examples(r: Reader) -> None:
    """An example trade must go where the rule read sends its asset: the band's edge with `to band edge`, else the
    target; anything else is asked."""
    band = re.fullmatch(r"drift > (\d+(?:\.\d+)?)(pp|% of target)", r.draft.when or "")
    targets = _fixed_targets(r) or {}
    for asset, at, to, not_to in r.trade_examples:
        target = targets.get(asset)
        if band and target is not None and (to, not_to) in _destinations(r, target, at, band):
            r.assume(f"{asset} at {at:g}% trades to {to:g}%, as the text shows")
            continue
        r.ask(f"The text shows {asset} at {at:g}% trading to {to:g}%, which is not where the rule read "
              f"({r.draft.when or 'no drift rule'}{', ' + r.draft.to if r.draft.to else ''}) sends it; what is meant?")
        return


def _destinations(r: Reader, target: Decimal, at: Decimal, band: re.Match) -> list[tuple[Decimal, Decimal | None]]:
    """Where a breach at `at` trades (and the 'not' said beside it), by the rule read; none when `at` is inside the band."""
    low, high = _band_range(target, Decimal(band.group(1)), band.group(2))
    if low <= at <= high:
        return []
    if r.draft.to == "to band edge":
        edge = high if at > high else low
        return [(edge, None), (edge, target)]
    return [(target, None)]


def _band_range(target: Decimal, size: Decimal, unit: str) -> tuple[Decimal, Decimal]:
    half = size if unit == "pp" else target * size / 100
    return target - half, target + half


def _one_of_two(r: Reader) -> bool:
    """The assets named as drifting are all the assets, or one of two with no cash (where one drifting N points means
    the other does too): the shared band."""
    held = r.held()
    bands = {band for _, band in r.draft.bands}
    named = [asset for asset, _ in r.draft.bands]
    if "one-weight-band" not in r.flags or len(bands) != 1 or r.ranges or r.shared_band:
        return False
    band = bands.pop()
    if set(named) == set(held):
        r.draft.bands, r.draft.when = [], f"drift > {band}"
        return True
    if len(named) != 1 or len(held) != 2 or r.draft.cash or not band.endswith("pp"):
        return False
    other = next(n for n in held if n != named[0])
    r.draft.bands, r.draft.when = [], f"drift > {band}"
    r.assume(f"with two assets, {named[0]} drifting {band} from its target means {other} does too: read as either "
             f"asset drifting more than {band}")
    return True


def _one_range_of_two_halves(r: Reader) -> bool:
    """One of two halves (50/50, no cash) kept between 50-x and 50+x: the other is kept there too, so every asset's
    weight has that range ('VTI 50 / TLT 50 ... VTI's weight goes outside 40 to 60')."""
    targets = _fixed_targets(r) or {}
    if len(r.ranges) != 1 or r.draft.bands or r.draft.cash or len(r.held()) != 2 or set(targets.values()) != {Decimal(50)}:
        return False
    _, low, high = r.ranges[0]
    if low + high != 100:
        return False
    r.ranges, r.draft.when = [], f"weight < {low:g}% or weight > {high:g}%"
    return True


def _settle_ranges(r: Reader) -> None:
    if not r.ranges:
        return
    targets = _fixed_targets(r)
    if targets is None:
        listing = ", ".join(f"{a} {lo}%-{hi}%" for a, lo, hi in r.ranges)
        r.ask(f"What target weight should each asset have? A range ({listing}) is read as its target "
              "plus or minus a band, so the target is needed (for example '60% SPY, 40% AGG').")
        return
    off = [(a, lo, hi, targets.get(a)) for a, lo, hi in r.ranges if targets.get(a) is None
           or targets[a] - lo != hi - targets[a]]
    if off:
        r.ask(_off_centre_question(off))
        return
    for asset, low, high in r.ranges:
        _add(r, asset, f"{high - targets[asset]:g}pp")
        r.assume(f"{asset} kept between {low:g}% and {high:g}%: its {targets[asset]:g}% target "
                 f"plus or minus {high - targets[asset]:g} percentage points")


def _fixed_targets(r: Reader) -> dict[str, Decimal] | None:
    if r.draft.weights and not r.draft.scheme and not r.draft.branches:
        return {name: Decimal(w[:-1]) for name, w in r.draft.weights}
    if r.draft.scheme and r.draft.scheme.startswith("equal weight ") and not r.draft.hold:
        members = r.draft.scheme[len("equal weight "):].split(", ")
        share = Decimal(100) / len(members)
        return {name: share for name in members} if share == share.quantize(Decimal("0.01")) else None
    return None


def _off_centre_question(off: list) -> str:
    ranges = "; ".join(f"{a} {lo:g}%-{hi:g}% around a {t:g}% target" if t is not None
                       else f"{a} {lo:g}%-{hi:g}% with no fixed target" for a, lo, hi, t in off)
    return (f"A band in .rbl reaches equally far on both sides of the target, and this range is not centred "
            f"on it ({ranges}): what band should {', '.join(a for a, *_ in off)} have (for example "
            "5 percentage points, or 25% of its target)?")


def _order_bands(r: Reader) -> None:
    order = {name: n for n, name in enumerate(r.universe())}
    r.draft.bands.sort(key=lambda band: order.get(band[0], len(order)))
