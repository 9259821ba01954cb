"""Offline translator rules for risk: leverage, exposure, volatility targets, drawdown brakes, kill switch."""

from __future__ import annotations

import re

from rbl.dsl.english.reader import ASSET, MASK, NUM, WINDOW, Reader, window

WHO = (r"(?:(?:the |my |our )?(?:whole |entire )?(?:portfolio|it|account|acct|strategy|nav|equity|we|i|everything|thing|fund|whole thing|book)"
       r"|its value|the value|(?:the |my |our )?(?:fund|portfolio|account|strategy)'?s? value)(?:'s| ever| has)?")
FALLS = r"(?:falls?|drops?|declines?|is down|gets? down|loses?|draws? down|goes down|sinks?|tanks?|dumps?|nukes?|craters?|down)"
PEAK = (r"(?:(?:its|the|our|my|a|it's|that|this) )?(?:(?:previous|prior|last|all-time|running|recent) )?"
        r"(?:peak|high[- ]water mark|highest (?:point|value|level)|highs|high|top|max(?:imum)?|ath)")
DRAWDOWN = (rf"(?:{WHO} {FALLS}(?: by)?(?: more than| over)? {NUM}%(?: or more)?(?: (?:from|off|below) {PEAK})?"
            rf"|(?:the )?(?:(?:(?!drawdown)[a-z-]+ )?(?:portfolio|account|strategy|fund)(?:'s)? )?drawdown(?: (?:from|off) {PEAK})? "
            rf"(?:exceeds?|hits?|reach(?:es)?|is over|is more than|more than|goes past|go past|pass(?:es)?|tops?|gets? to|goes over|"
            rf"goes above) {NUM}%"
            rf"|(?:in |on |at )?an? {NUM}% drawdown|an? drawdown of {NUM}%(?: or more)?"
            # 'if the portfolio hits a 15% drawdown'
            rf"|{WHO} (?:hits|reaches|suffers|sees|is in|gets to|goes into) an? {NUM}% drawdown(?: (?:from|off) {PEAK})?"
            rf"|(?:we're |we are |it's |it is |i'm |i am )?down {NUM}%(?: or more)?(?: (?:from|off|below) {PEAK})?"
            rf"|(?:we'?re|we are|it'?s|it is|i'?m|i am|(?:(?:the |my |our )?(?:whole |entire )?(?:portfolio|account|fund|strategy|thing|book)|it|we)"
            # 'if the account gets 12% below its high-water mark', 'if the whole thing is ever 40% off its peak'
            rf"(?: ever)? (?:is|gets?|go(?:es)?|ends? up|sits?|falls?|drops?|slips?))(?: ever)? {NUM}% (?:under|below|off|from) {PEAK}"
            rf"|(?:the )?(?:loss|fall|drop|decline)(?: (?:from|off) {PEAK})? (?:is|hits|reaches|exceeds|gets to|of) {NUM}%"
            rf"|at {NUM}% (?:from|off|below|under) {PEAK}"
            rf"|(?:during |in )?(?:a )?drawdowns? of {NUM}%(?: or more)?)")
# the stop in any person: 'liquidate everything', 'it liquidates everything and stops', 'positions are liquidated'
KILL = (r"(?:(?:move|put|shift|switch|send) (?:everything|it all|all of it|the whole thing) (?:to|in|into) @CASH"
        r"(?=,? and (?:then )?(?:stop|halt|never trade|don'?t trade))"      # a stop only when it stops: 'move everything to cash and stop'
        r"|liquidat(?:es|ed|e)(?: everything| it all| the lot| all(?: positions)?)?(?: to @CASH)?|close[sd]? (?:everything|all positions|it all|all|out)|sells? (?:everything|all|it all|the lot|off everything)|stop trading|stop (?:everything|it all)"
        r"|shut (?:it |everything )?(?:all )?down"
        r"|halt(?: trading)?|kill (?:it|the strategy)|flatten(?: everything)?(?: and stop trading(?: it)?)?|get (?:me |us )?out(?: completely| entirely| of everything)?"
        r"|exit (?:everything|all(?: positions)?)|go (?:fully |all )?(?:to|in) @CASH(?: completely)?|trading (?:halts|stops|ceases)"
        # 'i want the whole thing sold to cash and stopped'
        r"|(?:i |we )?(?:want|'d like|would like) (?:the whole thing|everything|it all) sold(?: (?:to|into) @CASH)?(?: and stopped)?"
        r"|(?:i'?m |we'?re |i |we |i'?ll |we'?ll )?(?:pull(?:ing)?|will pull) the plug(?:,? (?:and|then) (?:go(?:ing)?|mov(?:e|ing)) "
        r"(?:all|fully|100%) (?:(?:to|in|into) )?@CASH)?|(?:i'?m |we'?re )?go(?:ing)? (?:all|fully|100%) @CASH"
        r"|(?:all )?(?:positions|holdings) (?:are|get|will be|are to be|shall be|must be) (?:liquidated|sold|closed)"
        r"(?:,? and (?:trading (?:ceases|stops|halts)|the strategy (?:is )?(?:stopped|halted)))?"
        r"|everything (?:is|gets) sold"
        # the stop said as where the trader ends up: 'if it draws down 30% from the top i'm out'
        r"|(?:i'?m|we'?re|i am|we are) (?:all |completely |fully )?out(?= ?[,;.!]|$))(?: everything| it| the strategy)?"
        # and then stops: 'sell everything and stop', 'liquidates everything and stops', '... and trading halted'
        r"(?:,? and (?:then )?(?:stops?(?: trading| there| for good)?|(?:the strategy|it|trading) (?:stops|halts|ceases|is halted)"
        r"|trading (?:is )?(?:halted|stopped|suspended)))?"
        r"(?: permanently| for good)?"
        r"(?:,? (?:and|then|n) (?:stop|halt)(?:ed)?(?: trading| the bot| the strategy| the ea)?|,? and trading (?:halted|stopped)"
        # the machine switched off after it: 'flatten and shut it off', 'close everything, then turn the bot off'
        r"|,? (?:and|then|n) (?:shut|switch|turn) (?:it|the (?:bot|ea|strategy|robot|algo)|everything) (?:off|down)"
        r"|,? (?:and )?no more trading(?: after that| afterwards)?"
        r"|,? (?:and )?(?:don'?t|do not|never) trade (?:again|after that|any ?more)(?: after that)?)?(?: for good)?"
        r"(?:,? (?:and|then) (?:stay|remain|keep) (?:out|in @CASH|flat|on the sidelines|there)(?: completely)?(?: for good| permanently)?)?"
        r"(?:,? (?:and )?after that,? (?:everything|it all) (?:goes|stays|sits) (?:to|in) @CASH)?")
# a fall said without its size: 'if it really tanks', 'if the drawdown gets bad', 'if we ever take a big hit'
VAGUE_FALL = (r"(?:(?:the )?drawdowns? (?:ever )?(?:gets?|is|are|becomes?|goes|turns) (?:too |really |very |seriously )?(?:bad|big|large|deep|"
              r"ugly|nasty|scary|painful|rough)"
              r"|(?:we|it|things|everything|markets?|the market|the (?:portfolio|account|fund|strategy)) (?:really |ever |totally |"
              r"completely )?(?:tanks?|craters?|crash(?:es)?|plunges?|collapses?|blows? up|implodes?|nosedives?|dumps?)"
              r"(?: (?:too (?:hard|much|far)|a lot|badly|hard))?"
              r"|(?:we|it|the (?:portfolio|account|fund)) (?:ever )?takes? an? (?:big|huge|massive|nasty|serious|real) "
              r"(?:hit|beating|loss)"
              r"|things (?:get|go|turn) (?:really |very )?(?:bad|ugly|rough|hairy|south))(?! ?(?:by )?\d)")
VOL = r"(?:volatility|vol)\b"
# 'any remainder is held in cash', 'rest in cash', 'with the rest to cash'
REST_IN_CASH = (r"(?:(?:with|and) )?(?:(?:hold|holding|keep|keeping|put|putting|park|parking|leave|leaving|sit|sitting) )?(?:the |any )?(?:rest|remainder)(?: is)?"
                r"(?: (?:held|kept|sits|goes|parked|lies|stays|remains))?"
                r" ?(?:in|to|into|as)? @CASH")
# What a volatility target does, said beside it: 'when markets are quiet that means borrowing, ..., and when they are
# stormy, holding cash'. No fact of its own once the target is read.
_CALM_STORMY = (rf"(?:(?:and )?when (?:markets|things|they|it|{VOL}) (?:are|is|gets?|runs?) (?:quiet|calm|low|stormy|wild|rough|"
                rf"volatile|high)[,{MASK} ]*(?:that means |it means |it )?(?:borrowing|levering up|more exposure|less exposure|"
                rf"(?:holding|holds|more) @CASH)[,{MASK} ]*)+")


def read_risk(r: Reader) -> None:
    """Leverage first (the volatility target caps at it), then exposure, per-asset caps, drawdown rules."""
    for rule in (_leverage, _vol_target, _exposure, _per_asset_cap, _kill_switch, _drawdown_state, _vague_drawdown):
        rule(r)


# A cap on every asset's weight said as a limit on any one of them: 'no single stock is more than 30% of the account',
# 'no single issuer may exceed 25% of net assets', 'i wouldn't be comfortable with any single fund above 40%', 'cap any one
# coin at 30%', 'max position 25%'. Only a negated comfort reads: 'i'm fine with any fund above 40%' is no cap.
_ONE = (r"(?:single |one |1 |individual |asset )?(?:asset|holding|position|name|stock|ticker|etf|fund|coin|token|issuer|security|line)"
        r"(?: (?:in the (?:portfolio|book|account)))?")
_ABOVE = r"(?:above|over|more than|bigger than|larger than|heavier than|exceed(?:s|ing)?)"
_OF_WHOLE = (r"(?: of (?:the |my |our |its |net |total )?(?:account|portfolio|book|fund|nav|net assets|assets|capital|equity|money"
             r"|total)(?: value)?)?")
_UNCOMFORTABLE = (r"(?:wouldn'?t|would not|won'?t|don'?t|do not|am not|i'?m not|not) (?:really |be |feel |want to be )*"
                  r"(?:comfortable|happy|ok|okay) (?:with|having|seeing)")
PER_ASSET_CAPS = (
    rf"\bno {_ONE} (?:is |may |can |should |must |will |shall )?(?:ever )?(?:be |go |weigh |make up |get |grow )?{_ABOVE} "
    rf"{NUM}%{_OF_WHOLE}",
    rf"{_UNCOMFORTABLE} (?:any|a) {_ONE} (?:(?:being|going|at|weighing) )?{_ABOVE} {NUM}%{_OF_WHOLE}",
    rf"\bcap (?:any|each|every) (?:{_ONE}|weight) (?:at|to) {NUM}%{_OF_WHOLE}",
    rf"\bcap (?:each|every one|them all|all of them|each of them) (?:at|to) {NUM}%{_OF_WHOLE}",
    # the cap after the scheme: 'capped at 40% per asset', 'max 35% per fund', 'with a 30% cap on each name'
    # ('cap 40% per asset', 'cap of 30% per name': the cap said as a noun before its figure)
    rf"\b(?:capped at|max(?:imum)?|at most|no more than|cap(?: of| at|:)?) {NUM}% (?:per|for each|for any|in each|in any(?: one)?|on each|on any) {_ONE}",
    rf"\b(?:with )?an? {NUM}% (?:cap|max(?:imum)?|limit) (?:per|on each|on any|for each|for any) {_ONE}",
    rf"\b(?:i|we) (?:never|don'?t|do not) want (?:more than|over|above) {NUM}% (?:in|on|into) (?:any|a|one) {_ONE}",
    # the limit as what the writer may not hold: "i can't have more than 40% in any one fund", 'we may not hold over 25% in a
    # single name', "i'm not allowed more than 30% in any stock"
    rf"\b(?:(?:i|we) (?:can'?t|cannot|can not|may not|must not|mustn'?t)|(?:i'?m|we'?re|i am|we are) not (?:allowed|permitted) to) "
    rf"(?:have|hold|put|own|keep|carry)? ?(?:more than|over|above) {NUM}% (?:in|on|into) "
    rf"(?:any|a|one|each|a single|any single|any one) {_ONE}",
    # 'nothing more than 35% in any one fund', 'never more than 30% in a single stock'
    rf"\b(?:nothing|never|not|no) (?:more than|over|above) {NUM}% (?:in|on|into) (?:any|a|one|each|a single) {_ONE}",
    rf"\bmax(?:imum)? (?:single[- ])?(?:position|position size|weight per (?:asset|name|position|holding))(?: of| is| at|:| =)? "
    rf"{NUM}%(?: (?:per|each|a) (?:asset|name|position|holding))?{_OF_WHOLE}",
)
# One asset's own cap: 'cap GLD at 20%', 'GLD capped at 20%'; 'and leave everything else uncapped' says the default.
OWN_CAP = (rf"\bcap {ASSET} (?:at|to) {NUM}%{_OF_WHOLE}"
           rf"|{ASSET} (?:alone |itself |on its own )?(?:is |should be |must be )?capped at {NUM}%{_OF_WHOLE}"
           # the limit before the asset: 'never more than 30% in TSLA', 'no more than 25% of the account in GLD'
           rf"|\b(?:never|not|no|nothing) (?:more than|over|above) {NUM}%{_OF_WHOLE} (?:in|on|into) {ASSET}(?! \d)")
_OTHERS_UNCAPPED = (r",? (?:and )?(?:leave |leaving |with )?(?:everything|every ?thing|all the others|the others|the rest|the other "
                    r"(?:assets|holdings|names|funds))(?: else)? (?:is |are |stays? |left )?uncapped")
# the excess spread 'pro rata' (in proportion to the weights: the docs' 'excess to other assets'), after a semicolon too
_EXCESS_PRO_RATA = (r"[;,]? ?(?:and |with )?(?:the |any )?excess (?:is |gets |will be )?(?:redistributed|spread|reallocated|distributed) "
                    r"(?:pro rata|proportionally|in proportion(?: to (?:their|the) weights)?) (?:to|over|among|across) (?:the )?"
                    r"(?:other|remaining|uncapped) (?:assets|holdings|positions|names|funds)")
# where the excess of a cap goes, said after it ('excess is to be held in cash'); to cash is the default (docs/semantics.md)
_EXCESS_HELD_IN_CASH = (r"[;,]? ?(?:and |with )?\(?(?:the |any )?excess (?:is |are )?(?:to be |will be |gets |should be |must be )?"
                        r"(?:held|kept|parked|left) (?:in|as) @CASH\)?")


def _per_asset_cap(r: Reader) -> None:
    """The caps in the order the text says them: every asset's, one named asset's."""
    caps = [(m.start(), _own_cap(m)) for m in r.take(OWN_CAP)]
    if caps:
        r.take(_OTHERS_UNCAPPED)
        r.take(WHY_LIMITED)
        r.take(_ABOVE_ONE_CAP_IN_CASH)
    m = next(filter(None, (r.take_one(p) for p in PER_ASSET_CAPS)), None)
    if m:
        caps.append((m.start(), _every_asset_cap(r, next(g for g in m.groups() if g))))
    if caps:
        r.take(WHY_LIMITED)
    r.draft.constraints += [line for _, line in sorted(caps)]


def _own_cap(m: re.Match) -> str:
    """'max weight GLD 20%' from any of OWN_CAP's orders (the asset a capital name, the cap a number)."""
    said = [g for g in m.groups() if g]
    asset = next(g for g in said if not re.fullmatch(r"[\d.]+", g))
    cap = next(g for g in said if re.fullmatch(r"[\d.]+", g))
    return f"max weight {asset} {cap}%"


# above one asset's cap the excess stays in cash (the default, docs/semantics.md): 'anything above that just stays in cash'
_ABOVE_ONE_CAP_IN_CASH = (r"(?<=\u00a6)[;,]? ?(?:and )?(?:anything|whatever|the rest|the excess)(?: is)? (?:above|over|beyond) "
                          r"(?:that|this|it|the cap)(?: just| simply)? (?:stays|sits|goes|is held|is kept|remains) (?:in|to) @CASH")


# where the excess goes, said with the case it is for: 'if one is over, the extra should go into the other stocks rather
# than sit in cash' ('one' reads as 'any asset'; 'the other stocks' are the other holdings, not the class of stocks)
ONE_OVER_TO_OTHERS = (r"[;,]? ?(?:and )?(?:if|when|should) (?:any asset|any 1|any (?:stock|name|holding|position|fund)|it) "
                       r"(?:is|goes|gets|ends up) (?:over|above)(?: (?:it|the cap|the limit))?,? (?:then )?(?:the |any )?"
                       r"(?:extra|excess|overflow|surplus)(?: weight)? (?:should |must |will |shall |is to |has to )?"
                       r"(?:go|be (?:spread|moved|redistributed|given|put)) (?:in)?to (?:the )?other "
                       r"(?P<others>assets|holdings|positions|names|funds|stocks|@STOCKS|@EQUITIES)"
                       r"(?:,? rather than (?:sit|sitting|going|stay|staying) in @CASH|,? (?:and )?not (?:in|to) @CASH)?")



# The language's default for a cap's excess, said nowhere by the trader.
EXCESS_HELD_AS_CASH = "the weight above the cap is held as cash (say 'excess to other assets' to spread it instead)"


def _every_asset_cap(r: Reader, cap: str) -> str:
    """`max weight N%`, with where the excess goes when the text says it."""
    from rbl.dsl.english.rules_money import EXCESS_TO_CASH, take_excess_to_others      # rules_money imports this module

    if take_excess_to_others(r) or r.take_one(_EXCESS_PRO_RATA):
        r.assume("the weight above the cap is spread over the uncapped assets in proportion to their weights")
        return f"max weight {cap}%, excess to other assets"
    held_in_cash = r.take(_EXCESS_HELD_IN_CASH)
    if held_in_cash:
        r.draft.cash = True            # cash named as where the excess is held: declared, as the trades hold it
    if not (r.take(EXCESS_TO_CASH) or held_in_cash):
        r.assume(EXCESS_HELD_AS_CASH)
    return f"max weight {cap}%"


GROSS = r"(?:(?:the |my |our )?(?:gross |total |overall )?leverage)"
# A cap said in any order within one clause: the subject (leverage, gross exposure), a few plain words with a
# limit among them, then the number of times the equity ('exposure never exceeding 1.5x equity', 'gross exposure
# must not exceed 1.2x equity at any time'). Words between may not name a target, a floor or another number.
_CAP_WORDS = (r"(?:exceed(?:s|ing)?|above|over|more than|beyond|at most|no more than|up to|max(?:imum)?|cap(?:ped)?|limit(?:ed)?"
              r"|(?:no|not) (?:higher|greater|bigger) than)")      # 'leverage no higher than 1.5x'
_CAP_WHERE_IT_STANDS = (rf"(?:(?:the |my |our |its |account |portfolio )?(?:gross |total |overall )?(?:leverage|exposure)) "
                        rf"(?:(?!target|targets|min|minimum|least|floor|run|aim|and|or|but)[a-z']+ ){{0,4}}?{_CAP_WORDS} {NUM}x"
                        rf"(?: (?:the )?(?:account'?s? )?(?:equity|capital|nav|net assets))?(?: at (?:any|all) times?)?")

# The same cap said as a share of the equity: 'gross exposure may never exceed 100% of nav in this fund', 'total leverage must
# stay below 150% of equity'. Only gross (total, overall) exposure or leverage: 'exposure to equities' is an asset class's.
_CAP_OF_EQUITY = (rf"(?:the |my |our |its |account |portfolio |fund )?(?:(?:gross|total|overall) (?:leverage|exposure)|leverage) "
                  rf"(?:(?:may|must|shall|should|can|will|is to|is) )?(?:(?:never|not) )?(?:ever )?"
                  rf"(?:be |go |goes |stay |stays |rise |rises )?"
                  rf"(?:{_CAP_WORDS}|below|under) {NUM}% of (?:the )?(?:fund'?s? |account'?s? |portfolio'?s? )?"
                  rf"(?:equity|capital|nav|net assets|account|portfolio)(?: value)?"
                  rf"(?: (?:in|of|for) (?:this|the) (?:fund|account|portfolio|strategy))?(?: at (?:any|all) times?)?")
# Gross exposure is a share of the equity even when that is unsaid ('make sure gross exposure never goes above 100%'):
# only gross (total, overall) exposure, and only where the percent ends the clause.
_GROSS_PERCENT = (rf"(?:the |my |our |its |account |portfolio |fund )?(?:gross|total|overall) (?:leverage|exposure) "
                  rf"(?:(?:may|must|shall|should|can|will|is to|is) )?(?:(?:never|not) )?(?:ever )?"
                  rf"(?:be |go |goes |stay |stays |rise |rises )?(?:{_CAP_WORDS}|below|under) {NUM}%"
                  rf"(?: at (?:any|all) times?)?(?=\s*[.,;:!?]|\s*$)")

# 'leverage never above 1.5x', 'keep leverage under 1.5x', 'don't use more than 1.5x', 'cap leverage at 2x'
LEVERAGE_CAPS = (# gross as the subject, let to go no higher: 'never let gross go above 3x', "don't let leverage get over
                 # 2x" (first: the cap said where it stands would take its tail)
                 rf"(?:never|don'?t|do not|not) (?:ever )?(?:let|allow) (?:the )?(?:gross(?: exposure| leverage| notional)?|leverage|exposure) "
                 rf"(?:to )?(?:go|get|rise|run|drift|climb)? ?(?:above|over|beyond|past|higher than|more than) {NUM}x",
                 # the cap before its number: 'hard cap 2x gross', 'a 2x gross limit'
                 rf"(?:a |an |the )?(?:hard |strict |firm )?(?:cap|ceiling|limit|max(?:imum)?) (?:of |at )?{NUM}x "
                 rf"(?:gross(?: exposure| leverage| notional)?|leverage|notional)",
                 rf"(?:a |an )?{NUM}x (?:gross |leverage |notional )(?:cap|ceiling|limit)",
                 # times the equity is leverage: 'target 10% vol ... and a 1.5x cap'
                 rf"(?:(?:and|with) )?(?:a |an ){NUM}x (?:cap|ceiling|limit)(?= ?[,;.!]|$)",
                 rf"(?:may|must|shall|should|can) not (?:employ|use|exceed|have|run) (?:any )?{GROSS} (?:exceeding|above|over|"
                 rf"beyond|of more than|greater than) {NUM}x",
                 rf"{GROSS} (?:max(?:imum)?|cap(?:ped)?(?: at)?|limit|at most)(?: of)? {NUM}x?(?![\d%x])(?!\.\d)",
                 rf"max(?:imum)? {GROSS}(?: of| at|:| =)? {NUM}x?(?![\d%x])(?!\.\d)",         # 'max leverage 1.5'
                 rf"(?:the use of )?{GROSS} (?:is )?(?:permitted|allowed|ok|fine|acceptable) up to (?:a maximum of )?{NUM}x"
                 rf"(?: the (?:capital|equity|account|nav))?",
                 rf"(?:never|not|no) (?:above|over|more than|beyond|exceeding) {NUM}x (?:leverage|gross(?: exposure)?)",
                 rf"(?:(?:i'?m |we'?re )?(?:fine|ok|okay|happy) with )?(?:(?:a little|some|modest|a bit of|limited) )?"
                 rf"{GROSS}(?: (?!never|not|no)[a-z']+){{0,3}}?,? (?:but |and )?(?:should |must |may |can |will )?(?:never|not|no)"
                 rf"(?: be)?(?: go(?:ing)?)? (?:above|over|more than|beyond|exceeding|exceeds?) {NUM}x",
                 rf"(?:never|not|no) lever(?:ing|age|ed)?(?: up)? (?:above|over|more than|beyond) {NUM}x",
                 rf"(?:never|not|no) (?:more than|over|above|beyond) {NUM}x lever(?:ed|aged)",
                 # the limit before the leverage, its x unsaid: 'at most however with a leverage of 1.5'
                 rf"(?:at most|up to|no more than|max(?:imum)?)(?: however| though| but)?,? with (?:a )?leverage of {NUM}x?(?![\d%x])(?!\.\d)",
                 rf"keep {GROSS} (under|below|at or below|within|to|at most|no more than|no higher than) {NUM}x",
                 rf"(?:(?:i |we )?(?:don'?t|do not|never|refuse to|won'?t|will not)) (?:use|using|run|running|take|taking|"
                 rf"go above|go over|go beyond|exceed) (?:more than |over |above )?{NUM}x(?: {GROSS}| gross(?: exposure)?)?",
                 _CAP_OF_EQUITY, _GROSS_PERCENT,
                 rf"cap {GROSS} (?:at|to) {NUM}x",
                 rf"{GROSS} (?:is )?(?:limited|capped|restricted|kept|bounded|constrained) (?:to|at|under|below|by) {NUM}x",
                 # 'i never want total leverage above 1.3x', "we don't want leverage over 2x"
                 rf"(?:i |we )?(?:never|don'?t|do not) want {GROSS} (?:to (?:be|go|rise) )?(?:above|over|more than|beyond|"
                 rf"exceeding|to exceed) {NUM}x",
                 _CAP_WHERE_IT_STANDS,
                 rf"(?:(?:i'?d |we'?d |i |we )?(?:put|set|have|want|use) )?(?:a |an |the )?(?:hard |strict |firm |strict )?"
                 rf"(?:ceiling|cap|limit|maximum) (?:on|for|of) (?:the )?(?:gross |total )?(?:leverage|exposure) (?:of |at )?{NUM}x")


def _leverage_cap(r: Reader) -> bool:
    for pattern in LEVERAGE_CAPS:
        m = r.take_one(pattern)
        if m:
            number = next(g for g in reversed(m.groups()) if g and re.fullmatch(r"\d+(?:\.\d+)?", g))
            if re.search(rf"\b{re.escape(number)}%", m.group()):
                number = f"{float(number) / 100:g}"
                r.assume(f"{m.group().strip()!r} read as max leverage {number}x: positions worth at most {number}x the equity")
            if any(g in ("under", "below") for g in m.groups()) or re.search(r" (?:under|below) \d", m.group()):
                r.assume(f"leverage 'under {number}x' read as at most {number}x")
            r.leverage = f"{number}x"
            r.draft.constraints.append(f"max leverage {r.leverage}")
            # why a cap is there, right after it: 'a hard ceiling at 1.5x should anything drift'
            r.take(rf"(?<={MASK}) (?:should|in case|if) (?:anything|any asset|something|it|the mix) (?:ever )?drifts?\b")
            return True
    return False


NO_LEVERAGE = (r"no leverage|(?:don'?t|do not|never) (?:(?:want|wish|plan|intend|need) to )?use (?:any )?leverage|unlevered|unleveraged|without leverage"
               r"|(?:i )?(?:don'?t|do not|never) (?:want to )?borrow(?: any)?(?: money)?(?: to invest)?|no borrowing|no margin(?: stuff)?"
               r"|without margin|(?:i )?(?:don'?t|do not) want (?:any |to use )?margin"
               r"|(?:(?:we|i) )?(?:don'?t|do not|never|can'?t|cannot|may not|must not|won'?t) (?:ever )?(?:use|trade on|go on|buy on|employ|take on) "
               r"(?:any )?(?:margin|borrowing|leverage)(?: or (?:margin|borrowing|leverage))?"
               r"|(?:prohibits?|forbids?|bans?|rules? out) (?:any )?(?:margin borrowing|margin|borrowing|leverage)"
               # the account as the one that may not borrow: 'under no circumstances should the account borrow to invest',
               # 'the account must never borrow money'
               r"|(?:under no circumstances|in no case|at no time) (?:should|shall|may|must|will|can) (?:the (?:account|portfolio|fund)|we|it|i) "
               r"borrow(?: (?:money|to invest|to buy|on margin))?"
               r"|(?:the (?:account|portfolio|fund)|it) (?:should|shall|may|must|will|can)(?:not| not|never| never) (?:ever )?borrow"
               r"(?: (?:money|to invest|to buy|on margin))?")
# where and how firmly, said after it: 'we can't use any leverage in it at all', 'no margin in this account, ever'
# and the same said as a share: 'no leverage at all - never more than 100% invested'
NO_LEVERAGE = (rf"(?:{NO_LEVERAGE})(?: (?:in|on|for) (?:it|(?:this|that|the) (?:account|portfolio|fund)|this|that))?(?:,? (?:at all|whatsoever|ever))?"
               r"(?: ?[-,;:] ?(?:i\.e\.,? )?(?:never|not|no) (?:more than|over|above) 100% (?:invested|exposed|exposure|"
               r"of (?:the )?(?:account|equity|capital)))?")


# Why a limit is there, or how firmly it holds, said beside it ('my margin agreement doesn't allow more', 'per the
# account's margin agreement', 'my broker doesn't even allow it in this account', 'no matter what'): read only beside
# a leverage cap or long only, where it adds no fact.
_WHO_LIMITS = (r"(?:(?:my|our|the|this) )?(?:account'?s? |fund'?s? )?(?:margin agreement|margin terms|broker(?:age)?|custodian|account|"
               r"ira|platform|concentration limits?|risk limits?|prospectus|investment (?:policy|guidelines))")
WHY_LIMITED = (rf"(?:(?:per|under|as per|because of|due to) {_WHO_LIMITS}"
               rf"|(?:(?:because|as|since) )?{_WHO_LIMITS} (?:doesn'?t|does not|won'?t|will not|can'?t|cannot) (?:even )?"
               rf"(?:allow|permit|let me do|support) (?:it|that|more|any more|anything more|shorting|short selling|leverage|margin)"
               rf"(?: (?:in|on|for) (?:this|the|my|our) (?:account|portfolio))?(?: anyway)?"
               rf"|(?:the |my |our )?account allows margin(?:,? but)?"
               rf"|(?<={MASK})(?: no matter what(?: though)?|,? whatever (?:the model says|happens)|,? under any circumstances))")


def _leverage(r: Reader) -> None:
    if _levered_and_capped(r):
        return
    if _leverage_cap(r) or _levered(r):
        if r.leverage == "1x":
            r.take(NO_LEVERAGE)            # 'never go over 1x, no margin' says it twice
        r.take(WHY_LIMITED)
        return
    if r.take_one(NO_LEVERAGE):
        r.leverage = "1x"
        r.draft.constraints.append("max leverage 1x")
        r.assume("'no leverage' read as max leverage 1x: never more than the account's equity invested")
        r.take(WHY_LIMITED)
        return
    m = (r.take_one(rf"(?:max(?:imum)? )?(?:gross |total )?leverage (?:of |cap(?:ped)? at |capped at |limit of |up to |cap |limit |max )?"
                    rf"(?:at most |up to )?{NUM}x")
         or r.take_one(rf"(?:with )?(?:at most|max(?:imum)?|up to|no more than|capped at|cap(?:ped)? of) {NUM}x"
                       rf"(?: (?:leverage|exposure|gross(?: exposure)?))?"))
    if m and not re.search(r"\b(?:max|maximum|cap|capped|limit|up to|at most|no more than)\b", m.group()) \
            and not r.find(rf"\b{VOL}"):
        r.ask(f"Should it hold {m.group(1)}x the equity in the mix (exposure {m.group(1)}x), or only never go above "
              f"{m.group(1)}x (a cap; it then holds 1x)?")
    elif m:
        r.leverage = f"{m.group(1)}x"
        r.draft.constraints.append(f"max leverage {r.leverage}")
        r.take(WHY_LIMITED)
    elif r.take(r"(?:with )?(?:some|modest|a little|a bit of|moderate|light|a touch of|mild) leverage(?=[.;,]|$)"):
        r.ask("What maximum leverage should it allow (for example 1.5x), or none ('no leverage')?")


def _levered_and_capped(r: Reader) -> bool:
    """The exposure run at and a cap above it, both said ('run it at 1.5x notional, hard cap 2x gross'): the exposure
    is what is held, the cap the most it may reach. A cap below the exposure is asked about."""
    run = r.find(_LEVERED)
    caps = [m for m in map(r.find, LEVERAGE_CAPS) if m]
    if not run or not caps or r.find(rf"\b{VOL}") or any(c.start() < run.end() and run.start() < c.end() for c in caps):
        return False
    _levered(r)
    exposure = r.draft.exposure
    r.assumptions[-1] = f"{exposure} read as the exposure held (exposure {exposure}); the cap said beside it is the most it may reach"
    r.draft.constraints.remove(f"max leverage {exposure}")
    _leverage_cap(r)
    r.take(WHY_LIMITED)
    if float(r.leverage[:-1]) < float(exposure[:-1]):
        r.ask(f"The text runs the book at {exposure} but caps leverage at {r.leverage}; which one is meant?")
    return True


# the exposure run at, said as leverage, gross or notional: 'run it at 1.3x leverage', 'at 1.5x notional', 'run it at
# 3x equity gross', '1.5x levered'
_LEVERED = (rf"\b(?<!capped )(?<!limited )(?<!kept )(?:(?:run|used?|using|apply|applying|at|with)(?: it| the portfolio| (?:a|the) (?:mix|book|basket))? (?:at )?{NUM}x "
            rf"(?:leverage|(?:equity )?gross(?: exposure| notional| leverage)?|notional(?: exposure)?)"
            rf"(?! (?:max|cap|limit|at most))|{NUM}x lever(?:ag)?ed|lever(?:ag)?ed (?:up )?(?:to |at )?{NUM}x"
            rf"(?: (?:(?:gross|total|overall) )?exposure(?! (?:max|cap|limit|at most)))?)")     # 'levered to 1.5x gross exposure'


def _levered(r: Reader) -> bool:
    """'run it at 1.3x leverage', 'use 2x leverage', '1.5x levered': the exposure itself, capped at that leverage.
    Beside a volatility target the leverage is its cap, not the exposure: left to the other rules."""
    if r.find(rf"\b{VOL}"):
        return False
    m = r.take_one(_LEVERED)
    if not m:
        return False
    times = f"{next(g for g in m.groups() if g)}x"
    r.draft.exposure, r.leverage = times, times
    r.draft.constraints.append(f"max leverage {times}")
    r.assume(f"{times} leverage read as holding {times} the equity in the target mix (exposure {times}), never more")
    return True


_WHOLE_MIX = r"(?:target mix|mix|portfolio|basket|book|whole portfolio|target portfolio)"
_MEASURED = r"(?:measured|computed|calculated|estimated)"
# what a volatility target scales: the whole mix, or its gross exposure ('scale the gross so that the book runs at 12%')
_SCALED_WHOLE = r"the (?:whole |entire )?(?:portfolio|mix|thing|book|basket|gross(?: exposure)?)"
# 'scale the whole portfolio so that its realised volatility, measured over 60 days, targets 12% a year', 'scales the whole
# mix so that its volatility, measured over the 20-day and annualised, sits near 12%': the window before or after the word.
# 'scale exposure so the basket's 40 day vol targets 10%', 'will be scaled up or down so that its 60-day realised volatility
# targets 8%': what is scaled, and which way, said or not.
_SCALED_SO = (rf"(?:(?:the )?exposure |{_SCALED_WHOLE} (?:shall|should|must|will|is to|is) be (?:so )?)?scal(?:e|es|ed|ing)"
              rf"(?: up (?:or|and) down)?(?: (?:it|(?:total |gross |overall )?exposure|{_SCALED_WHOLE}))?"
              rf"(?:,? so (?:that )?|(?<=so scaled) that )"
              rf"(?:(?:its|the(?: (?:portfolio|mix|basket|book)'?s?)?) )?(?:(?:realized|realised|annuali[sz]ed) )?(?:{WINDOW} )?(?:(?:realized|realised) )?{VOL}"
              # 'the 30-day realized vol of the 50/50 basket targets 40%': the mix named after the word, by its weights or not
              rf"(?: of (?:the )?(?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+ )?{_WHOLE_MIX})?"
              rf"(?:,? (?:{_MEASURED} )?(?:over|on|from|using) (?:the (?:last )?)?{WINDOW}(?: and annuali[sz]ed)?,?)? "
              rf"(?:targets|is|equals|amounts to|stays (?:at|near|around)|sits (?:at|near|around)|comes to|hovers (?:at|near|around)"
              rf"|runs at)(?: about| around| roughly| near| ~)? "
              rf"{NUM}%(?: (?:a|per) year| annuali[sz]ed)?")


# 'scale the whole mix so it runs at about 12% annual volatility, measured over 60 days': the level first, the window after
_SCALED_TO_RUN = (rf"(?:(?:the )?exposure )?scal(?:e|es|ed|ing)(?: up (?:or|and) down)?(?: (?:it|exposure|{_SCALED_WHOLE}))?,? so (?:that )?(?:it|the (?:portfolio|mix|book|basket)) (?:runs|sits|stays) (?:at|near|around) "
                  rf"(?:about |around |roughly )?{NUM}% (?:annual |annuali[sz]ed |yearly )?{VOL}"
                  rf"(?:,? {_MEASURED} (?:over|on|from|using) (?:the (?:last )?)?{WINDOW})?")


def _scaled_so(r: Reader) -> _Found | None:
    # the mix named as what is scaled ('scale my 60/40 SPY/AGG so that its ...'): its weights are left to the weight rules
    r.text = re.sub(r"\bscal(e|es|ed|ing) (?:my|our|the|this) ((?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+ )?@[A-Z][A-Z0-9_]*(?:(?: ?/ ?|,? and |, )"
                    r"@[A-Z][A-Z0-9_]*)*(?: (?:mix|portfolio|split|basket))?),? so\b", r"\2, scal\1 it so", r.text)
    m = r.take_one(_SCALED_SO)
    if m:
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return _Found(m.group(5), n, unit)
    m = r.take_one(_SCALED_TO_RUN)
    return _Found(m.group(1), m.group(2), m.group(3)) if m else None


def _vol_target(r: Reader) -> None:
    m = _scaled_so(r) or _vol_target_formula(r) or _general_vol_target(r)
    if not m:
        return
    if r.leverage:
        _ceiling_against_cap(r)
    else:
        _ceiling_beside(r)
    if not m.group(1):
        r.ask("Over what lookback should the portfolio's volatility be measured: how many days (for example 60 days)?")
        return
    scale = f"{m.group(3)}% / vol(basket, {window(m.group(1), m.group(2))})"
    r.draft.exposure = f"min({scale}, {r.leverage})" if r.leverage else scale
    r.assume("portfolio volatility: that of the target mix, annualised")
    r.take(REST_IN_CASH)
    r.take(_CALM_STORMY)
    # the construct's name, before a noun or before the weights it runs on ('the vol-targeted 60/40 (SPY/IEF)')
    r.take(rf"(?:the )?{VOL}[- ](?:target(?:ed|ing)?|managed|scaled|controlled)(?: (?:version|approach|variant|setup|overlay|portfolio|"
           rf"strategy|idea|thing)|(?= ?(?:{MASK}|@|\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+\b)))")
    r.take(r"\bscal(?:e|ed|ing)\b(?: (?:it|the (?:whole )?(?:portfolio|thing|mix)))?|so (?:that )?(?:the whole thing|it|the portfolio)\b")
    # the method named before its formula: 'apply volatility targeting: exposure = ...'
    r.take(rf"(?:(?:apply|applying|use|using|with|add|adding) )?{VOL}[- ]targeting(?= ?[:.,;{MASK}]|$)")


# a ceiling said as a limit: 'never more than 1x', 'capped at 2x gross'
_LIMIT = (rf"(?<![\w.])(?:capped|limited) (?:at|to) {NUM}x(?: gross| leverage| exposure)?"
          rf"|(?<![\w.])(?:never|not|no) more than {NUM}x(?: gross| leverage| exposure)?")


def _ceiling_beside(r: Reader) -> None:
    """Beside a volatility target, 'up to a ceiling of 1.5x the account' can only be the leverage it may borrow to."""
    m = r.take_one(rf"(?:up to |with )?(?:a |an )?(?:hard |strict )?(?:ceiling|cap|limit|maximum) "
                   rf"of {NUM}x(?: (?:the )?(?:account|equity|capital|nav))?|{_LIMIT}")
    if m:
        r.leverage = f"{next(g for g in m.groups() if g)}x"
        r.draft.constraints.append(f"max leverage {r.leverage}")


_CEILING = (rf"(?:up to |with )?(?:a |an )?(?:hard |strict )?(?:ceiling|cap|limit|maximum) of {NUM}x(?: (?:the )?(?:account|equity|"
            rf"capital|nav))?|(?<![\w.])up to {NUM}x(?: leverage)?|{_LIMIT}")


def _ceiling_against_cap(r: Reader) -> None:
    """A ceiling beside the volatility target where the text also caps leverage ('the IRA can't use leverage' and 'up to
    1.5x'): the same number says it twice; another is a contradiction to ask about, never one of them dropped."""
    m = r.take_one(_CEILING)
    if m and f"{next(g for g in m.groups() if g)}x" != r.leverage:
        r.ask(f"The text caps leverage at {r.leverage} but lets the volatility target borrow {m.group().strip()}; "
              "which maximum leverage is meant?")


class _Found:
    """A volatility target read from pieces: groups 1-2 the window (or None), group 3 the target."""

    def __init__(self, target: str, n: str | None, unit: str | None) -> None:
        self._groups = {1: n, 2: unit, 3: target}

    def group(self, i: int) -> str | None:
        return self._groups[i]


def _general_vol_target(r: Reader) -> _Found | None:
    annual = r"(?:annuali[sz]ed |annual |yearly |portfolio |realized |realised )*"
    r.text = re.sub(r"\bscal(e|ed|ing) to (?:hit|reach|get to|run at)\b", r"scal\1 to", r.text)
    m = (r.take_one(rf"(?:{VOL}[- ]target(?:ed|ing)?|target(?:ed)? {annual}{VOL})(?: of| at| =|:| is)? {NUM}%(?: (?:a|per) year| annuali[sz]ed)?")
         or r.take_one(rf"{NUM}% {annual}{VOL}[- ]target(?:ed|ing)?(?: (?:on|for|of)(?= @))?")     # '12% vol target on SPY/TLT'
         or r.take_one(rf"(?:(?:vol(?:atility)?[- ])?target(?:s|ing)?|aim(?:ing|s)? for|scal(?:e|ed|ing) (?:exposure |the portfolio |positions |"
                       rf"the whole thing |it |everything )?"
                    rf"(?:to|for)|runs? at|run(?:ning)? at|vol[- ]target(?:ed|ing)? (?:to|at)) (?:an? |of )?{NUM}% {annual}{VOL}"
                    rf"(?: target)?(?: (?:a|per) year| annuali[sz]ed)?")
         or r.take_one(rf"(?:keep|hold|target|run|scale|manage|pin|aim for) (?:an? |the )?(?:portfolio(?:'s)? |its )?{annual}{VOL} "
                       rf"(?:at|to|near|around|of) {NUM}%(?: (?:a|per) year| annuali[sz]ed)?"))
    if not m:
        m = _split_vol_target(r)
    if not m:
        if r.take(rf"(?:(?:with )?(?:the )?exposure scaled to )?(?:{VOL}[- ]target(?:ed|ing)?|target(?:ing)? (?:an? |constant )?"
                  rf"(?:(?:stable|constant|steady|fixed) )?(?:level of )?{VOL}|{VOL} target(?:ing)?)"
                  rf"|(?:to be )?scal(?:e|es|ed|ing)(?: (?:it|the (?:whole )?(?:portfolio|mix)))?,? so (?:that )?(?:its|the (?:portfolio|mix)'?s?) "
                  rf"{VOL} (?:stays|is|sits|remains|runs) (?:at |near |around )?(?:an? )?(?:sensible|reasonable|comfortable|moderate|"
                  rf"acceptable|low|steady|stable|constant)(?: level)?"):
            r.ask("What annual volatility should it target (for example 10%)?")
        return None
    measured = r"(?:measured|computed|calculated|estimated)"
    span = (r.take_one(r"(?:based on|using|from|over|with|off) (?:the last )?(\d+) (day|week|month|year)s? of (?:daily )?"
                       r"(?:returns|data|history|prices)")
            or r.take_one(rf"(?:using|{measured} (?:over|on|with|using|from|by)|over|with|on|from|based on|off) "
                       rf"(?:an? |the )?{WINDOW}(?: (?:realized|realised|trailing|historical))?(?: (?:{VOL}|window|lookback|data))?")
            or r.take_one(rf"(?:an? |the )?{WINDOW} (?:realized |realised |trailing |historical )?{VOL}")
            or r.take_one(rf"(?:an? |the )?{WINDOW} (?:realized|realised|trailing|historical)")
            or r.take_one(rf"(?<=, ){WINDOW}(?=,|$)")
            # '(60-day window, applied to the target mix)'
            or r.take_one(rf"(?<=[,{MASK}] )(?:an? |the )?{WINDOW} (?:window|lookback)(?:,? (?:applied to|of|on) the "
                          rf"(?:target mix|mix|portfolio|basket))?(?=[,;.]|$)")
            or r.take_one(rf"(?<=[%{MASK}] ){WINDOW}(?=[,;.]|$)")     # right after the level: '10% 60-day,'
            or r.take_one(rf"(?<=[%{MASK}] )\({WINDOW}\)"))     # '12% (60 days)'
    r.take(rf"\b{VOL}[- ]target(?:ed|ing)?(?: (?:on|for|of))?(?= @|:|,| \d)")      # 'vol targeting on SPY/TLT: aim for 12% ...'
    return _Found(m.group(1), span.group(1) if span else None, span.group(2) if span else None)




def _vol_target_formula(r: Reader) -> _Found | None:
    """A volatility target written as its formula: 'exposure = min(10% / realized vol of the target mix over 20 days,
    1.5x)', 'exposure = 12% / 60-day portfolio vol'; the cap inside min( ) is the leverage it may borrow to."""
    m = r.take_one(rf"(?:the )?exposure (?:= ?|is )(?:min, )?{NUM}% / (?:(?:realized|realised|annuali[sz]ed|trailing) )*"
                   rf"(?:(?:the )?(?:{WINDOW} )?(?:(?:{_WHOLE_MIX})'?s? )?(?:(?:realized|realised|annuali[sz]ed) )?{VOL}"
                   rf"(?: of (?:the )?{_WHOLE_MIX})?(?: (?:over|on|from) (?:the (?:last )?)?{WINDOW})?)"
                   rf"(?:, {NUM}x)?")
    if not m:
        return None
    n, unit = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
    if m.group(6) and not r.leverage:
        r.leverage = f"{m.group(6)}x"     # the formula's own cap, written as it is: no separate leverage constraint
    return _Found(m.group(1), n, unit)


def _split_vol_target(r: Reader):
    """'vol-target the 60/40 to 8% annualized': the verb and its level apart, the weights between them left to the
    weight rules."""
    verb = r.find(rf"{VOL}[- ]target(?:ed|ing)?\b")
    level = r.find(rf"\bto {NUM}%(?: (?:annuali[sz]ed|a year|per year|annual(?: {VOL})?))")
    if not (verb and level and verb.end() <= level.start()):
        return None
    r.take_one(rf"\bto {NUM}%(?: (?:annuali[sz]ed|a year|per year|annual(?: {VOL})?))")
    r.take_one(rf"{VOL}[- ]target(?:ed|ing)?\b")
    return level


def _exposure(r: Reader) -> None:
    m = r.take_one(rf"(?:(?:total|gross|overall) |(?<![\w-])(?<!max )(?<!maximum )(?<!cap )(?<!capped )(?<!limit ))exposure "
                   rf"(?:of |at |= ?|: ?)?{NUM}x(?: (?:the |of )?(?:(?:my|our|the account'?s?) )?(?:equity|nav|capital))?"
                   rf"(?! (?:max|cap|limit|at most|ceiling))"
                   rf"|(?:at |with )?(?<!up to )(?<!at most )(?<!no more than )(?<!max )(?<!maximum )"
                   rf"{NUM}x (?:(?:total|gross|overall) )?exposure(?! (?:max|cap|limit|at most|ceiling))")
    if not m:
        return
    times = f"{m.group(1) or m.group(2)}x"
    r.draft.exposure = times
    # 'total exposure 1.5x my equity, never more than 1.5x': the cap the exposure already sets, said again
    r.take(rf"(?<={MASK})[,;]? ?(?:and |but )?(?:never|not|no|at most) (?:more than |above |over |beyond |exceeding )?"
           rf"{re.escape(times)}(?![\w-]|\.\d)")
    if not r.leverage:
        r.leverage = times
        r.draft.constraints.append(f"max leverage {r.leverage}")
        r.assume(f"leverage capped at the stated exposure, {r.leverage}")


_STOP_DEPTH = "How deep a fall from the peak (the drawdown) should stop the strategy and sell everything (for example 25%)?"


def _kill_switch(r: Reader) -> None:
    when = r"(?:if|when|once|should|in case)"
    if _sized_kill_switch(r, when):
        return
    # 'no stops, no nothing', 'I don't use a stop loss': no stop, which is the default
    if r.take(r"\b(?:no |without (?:a |any )?|(?:i|we) (?:don'?t|do not|never) (?:use|want|run|set|have) (?:a |any )?)"
              r"(?:stops?|stop[- ]loss(?:es)?|kill[- ]switch(?:es)?|hard stops?)(?:,? (?:no|and no) (?:nothing|anything else|"
              r"nothing else|exceptions))?(?= ?[,.;!]|$)"):
        r.assume("no stop: it never sells everything on a loss")
    if r.take_one(r"(?:with )?(?:a |an )?(?:stop[- ]loss|kill switch|hard stop)(?: (?:on|for) (?:the whole thing|everything|the "
                  r"(?:whole )?portfolio|it|the account))?(?! (?:of|at|:)? ?\d)(?=[.;,]|$| before | while )"):
        r.ask(_STOP_DEPTH)
        return
    if r.take_one(rf"{when} (?:things|it|markets?|the market|stuff) (?:go|goes|get|gets|turn|turns) (?:(?:badly|really|very|"
                  rf"seriously|truly) )*(?:wrong|bad|badly|south|ugly|pear-shaped),? (?:just )?{KILL}"
                  rf"|{when} (?:things|it|markets?|the markets?|stuff|the (?:portfolio|account)) (?:really |ever )?(?:falls?|drops?|"
                  rf"crash(?:es)?|tanks?|plunges?|collapses?)(?: a lot| badly| hard| sharply| big(?: time)?)?,? (?:please )?(?:just )?{KILL}"
                  rf"(?: so (?:i|we) (?:don'?t|do not) lose (?:my|our|the) (?:savings|money|shirt))?"
                  # the stop first: 'just make it stop everything if we dump too hard'
                  rf"|(?:(?:just )?make it )?(?:stop everything|{KILL}) {when} (?:we|it|things|markets?|the market|the "
                  rf"(?:portfolio|account)) (?:dumps?|drops?|falls?|crash(?:es)?|tanks?|plunges?) (?:too (?:hard|much|far)|a lot|badly)"):
        r.ask(_STOP_DEPTH)
    stop = r.take_one(rf"(?:{KILL}|bail(?: out)?) {when} {VAGUE_FALL}|{when} {VAGUE_FALL},? (?:then )?(?:just )?(?:{KILL}|bail(?: out)?)")
    if stop:
        said = stop.group().replace("@CASH", "cash").replace("@", "").strip(" ,;")
        r.ask(f"'{said}': how deep a fall from the peak (the drawdown) should stop the strategy and sell everything "
              f"(for example 25%)?", phrase=stop.group())


def _sized_kill_switch(r: Reader, when: str) -> bool:
    """The stop with its depth; its name said again beside it ('close everything - that's the kill switch') is no
    second, unsized one."""
    m = (r.take_one(rf"{KILL} {when} {DRAWDOWN}") or r.take_one(rf"{when} {DRAWDOWN},? (?:then )?{KILL}")
         or _take_apart(r, rf"{when} {DRAWDOWN}", KILL)
         or r.take_one(rf"(?:a )?(?:kill switch|max(?:imum)? drawdown(?: limit| stop)?|hard stop)(?: of| at|:)?(?: an?)? {NUM}%"
                       rf"(?: (?:peak[- ]to[- ]trough|from (?:the )?peak))?(?: drawdown)?"
                       rf"(?: (?:from|off|below) {PEAK})?(?:,? \(?(?:then )?(?:liquidate|sell everything|flatten|{KILL})\)?(?=[,;.]|$))?")
         or r.take_one(rf"(?:an? )?{NUM}% (?:max(?:imum)? )?(?:drawdown (?:stop|limit|kill switch)|hard stop|kill switch)")
         # 'with a 25% max drawdown': rbl's own words for the stop, reordered
         or r.take_one(rf"(?:with|and) an? {NUM}% max(?:imum)? drawdown(?: limit| stop| cap)?(?= ?[,;.!]|$)")
         # the stop named, then when it fires: 'and a kill switch if it's ever down 35% from the top'
         or r.take_one(rf"(?:(?:and|with) )?(?:an? |the )?(?:kill switch|hard stop)(?: that (?:fires|trips|triggers))? {when} {DRAWDOWN}")
         # the depth said as a point reached, before the stop: 'at a 20% drawdown close everything and halt', '20% drawdown
         # -> go to cash and stop trading'
         or r.take_one(rf"(?:(?:at|on|after|upon) (?:an? )?)?{NUM}% (?:max(?:imum)? )?(?:drawdown|dd|(?:fall|drop|loss|decline) "
                       rf"(?:from|off) {PEAK}|(?:from|off|below) {PEAK})(?:,? (?:then )?| ?(?:->|=>|\u2192|:|=|-{{1,2}}) ?){KILL}"
                       rf"(?!,? (?:until|till|unless|back|and back|then back|and come back|re-?enter))")     # not a brake
         # the stop first, its depth after: 'kill it at a 30% drawdown', 'liquidate on a 25% fall from the peak'
         or r.take_one(rf"{KILL} (?:at|on|after) (?:an? )?{NUM}% (?:max(?:imum)? )?(?:drawdown|(?:fall|drop|loss|decline) "
                       rf"(?:from|off) {PEAK})(?:,? (?:and|then) (?:stop|halt)(?: trading)?(?: for good)?)?"))
    if m:
        cut = next(g for g in m.groups() if g)
        # 'if I lose 20% of my money, sell everything': from where it started, maybe; a stop at a fall from the peak
        # fires on a portfolio that is up on its money
        if not (_measured_from(m.group()) or re.search(r"kill switch|hard stop", m.group())):
            _ask_from_what(r, cut)
            return True
        r.draft.constraints.append(f"max drawdown {cut}%")
        # its name and how firm it is: 'is subject to a hard loss limit:', 'no exceptions', 'this is not discretionary'
        r.take(r"\b(?:(?:is )?subject to )?(?:a |the )?(?:(?:firm|hard|strict|fixed) )?(?:hard stop|kill switch|stop[- ]loss|"
               r"circuit breaker|(?:loss|drawdown) limit)"
               r"(?: rule| from (?:risk|the risk (?:desk|team)))?\s*:|,? no exceptions|\bthis is not (?:discretionary|optional|negotiable)\b"
               # what it is, said before it: 'as an overriding risk control, should ...', 'as a final safety net,'
               r"|\bas an? (?:(?:overriding|additional|extra|final|last|separate|hard|further|ultimate) )?(?:risk control|safeguard|"
               r"safety net|backstop|circuit[- ]breaker|protection)\s*,?(?= ?[a-z]*\W*\u00a6| ?(?:if|should|when|once|in case)\b)")
        # that it is permanent, said as no way back in: 'no re-entry without ops sign-off'
        r.take(r",? no re-?entry(?: without (?:an? )?(?:[a-z-]+ ){0,2}(?:sign-?off|approval|ok|go-ahead))?(?= ?[,;.!]|$)")
        r.take(r",? (?:and )?after that,? (?:everything|it all) (?:goes|stays|sits) (?:to|in) @CASH")
        # the stop said after its depth: 'close everything if we're down 50% from the top and don't trade again'
        r.take(rf"(?<={MASK}),? (?:and )?(?:then )?(?:(?:don'?t|do not|never) trade (?:again|after that|any ?more)|stop trading"
               rf"(?: for good| after that)?|stay (?:out|in @CASH|flat)(?: for good| after that)?)(?= ?[,;.!]|$)")
        r.take(r",? (?:i'?m|i am|we'?re|we are) (?:done|out)(?: (?:at that point|then|for good|after that))?(?= ?[,;.!]| lol|$)")
        # the stop said again right after it: "i'm out. liquidate, done"
        r.take(rf"(?<={MASK})[.,;!]? ?{KILL}(?:,? done)?(?= ?[,;.!]|$)")
        # why: 'i would rather be out than lose more'
        r.take(r"\b(?:i'?d|i would|we'?d|we would) (?:much )?rather be (?:out|in @CASH) than lose (?:more|any more|further|"
               r"everything)\b")
        r.take(r",? (?:and )?(?:otherwise|else|until then),? (?:just )?(?:hold|stay (?:invested|the course|put)|do nothing|"
               r"keep (?:going|holding|it)|carry on|business as usual)")
        r.assume(f"a permanent stop: at a {cut}% drawdown from the peak it sells everything, and after the stop "
                 "it stays in cash until you reset it")
        r.take(r"[-,;]? ?(?:that'?s|that is|this is|it'?s|it is) (?:the|our|my|a) (?:kill switch|hard stop|stop[- ]loss)"
               r"(?:,? (?:it'?s|it is) in the risk limits)?")
        _way_back_in(r)
    return m is not None


# A way back in beside a permanent stop ('close everything and stop, then restart next year'): the stop never restarts by
# itself, so the text asks for a rule rbl's stop does not have.
_BACK_IN = (r"\b(?:re-?start(?:s|ed|ing)?|resum(?:e|es|ing)|start(?:s|ing)? (?:again|over)|re-?ent(?:er|ers|ering|ry)|"
            r"buy(?:s|ing)? (?:it |them |everything )?back|get(?:s|ting)? back in|com(?:e|es|ing) back in|re-?invest(?:s|ing)?)\b[^.;!?]*")


def _way_back_in(r: Reader) -> None:
    back_in = r.find(_BACK_IN)
    if back_in:
        said = back_in.group().strip(" ,;")
        r.ask(f"The stop sells everything and stays in cash until you reset it by hand; rbl has no rule to start again "
              f"('{said}'): keep the permanent stop (answer 'drop it'), or say a drawdown brake instead?", phrase=said)


def _take_apart(r: Reader, first: str, second: str) -> re.Match | None:
    """`first`, then `second` in the same sentence with only words of no meaning between them ('if the whole thing
    ever drops 30% from the top just, like, liquidate everything'); the match holds both."""
    from rbl.dsl.english.chatter import carries_meaning

    for m in re.finditer(rf"{first}(?P<gap>[^.;!?\d{MASK}]{{0,40}}?){second}", r.text):
        if not any(carries_meaning(w) for w in re.findall(r"[a-z']+", m.group("gap"))):
            r.mask(m)
            return m
    return None


def _drawdown_state(r: Reader) -> None:
    # ('once the fall from peak is 3% or less' is the way back, never a trigger)
    trigger = r.take_one(rf"(?:if|when|once|whenever|after|following|should|during|in) {DRAWDOWN}(?! or less)"
                         # 'if the model portfolio (...) experiences a drawdown of 12% or more': present tense, a condition
                         rf"|(?:experiences|suffers|undergoes) an? drawdown of {NUM}%(?: or more)?"
                         rf"|(?:if|when|once|whenever|while) (?:the )?(?:portfolio'?s? )?drawdown (?:is )?(?:>=|>|≥) {NUM}%"
                         rf"|(?:(?<=^)|(?<=[.;:] ))(?:the )?drawdown (?:is )?(?:more than|over|above|exceeds|hits|reaches) {NUM}%"
                         rf"|(?<![\w%] )at {NUM}% (?:from|off|below|under) {PEAK}"
                         rf"|(?<![\w%] )at an? {NUM}% drawdown(?: from {PEAK})?")     # 'at a 10% drawdown go to 50% invested'
    if not trigger:
        return
    cut = next(g for g in trigger.groups() if g)
    if not _measured_from(trigger.group()):
        _ask_from_what(r, cut)
        return
    r.text = _FRACTION_OF_EXPOSURE.sub(lambda m: f"{m.group(1)}{_FRACTIONS[m.group(2)]}%{m.group(3)}", r.text)
    action = r.take_one(rf",? (?:then )?(?:move|put|shift|go|send|take|switch|park|have)(?: to)? (half|{NUM}%)"
                        rf"(?: of (?:it|the portfolio|everything|the money))? ?(?:(?:in|into|to|as) )?@CASH"
                        rf"|,? (?:then )?(?:(?:i|we|it) )?(?:will )?(?:(?:cut|reduce|drop|lower|scale|set|take|bring|dial|pare|trim|"
                        rf"pull|knock) (?:its |the |our )?(?:market |total |gross |overall )?"
                        # ('cut the invested part to 40%', 'reduce the amount invested to 40%': the share kept in the market)
                        rf"(?:exposure|allocation|risk|invested (?:part|portion|share|amount|money)|(?:part|portion|share|amount) "
                        rf"(?:that is |that'?s )?invested|investment)(?: back| down)? (?:to|down to|at)"
                        rf"|(?:cut|reduce|drop|lower|go|move|switch|scale)(?: down)? to"
                        # ('be only 40% invested', 'stay just 40% invested', 'I want only 40% of it invested')
                        rf"|(?:(?:should |'ll )?(?:be|stay|go|run|sit) |(?:i|we) (?:want|'d like|would like) )?(?:only|just)"
                        rf"(?= \d+(?:\.\d+)?% {_OF_IT}?invested)"
                        rf"|[:,]? ?exposure(?: to| at| =|:)?) {NUM}%(?: exposure| {_OF_IT}?invested)?{_OF_NORMAL}"
                        rf"|,? (?:then )?(?:(?:i|we|it) )?(?:will )?halve (?:the |its |our )?(?:(?:gross|total|overall|market) )?"
                        rf"(?:exposure|allocation|position|risk)"
                        rf"|,? (?:then )?(?:the )?(?:exposure|allocation|risk) (?:is |gets |will be )?halved"
                        # 'cut exposure by half', 'reduce risk in half'
                        rf"|,? (?:then )?(?:(?:i|we|it) )?(?:will )?(?:cut|reduce|scale back|scale down|drop|lower|trim) (?:the |its |our )?"
                        rf"(?:(?:gross|total|overall|market) )?(?:exposure|allocation|position|risk)s? (?:by|in) half"
                        rf"|,? (?:then )?(?:go to )?{NUM}% exposure"
                        # ('equity and bond exposure be reduced to 60% of normal': every class the mix holds, in the subjunctive)
                        rf"|,? (?:then )?(?:the )?(?:(?:equity and bond|bond and equity|stock and bond|bond and stock|total|overall|"
                        rf"gross|portfolio) )?exposure (?:is |gets |will be |shall be |should be |must be |is to be |be )?"
                        rf"(?:reduced|cut|lowered|scaled back|brought down) to {NUM}%{_OF_NORMAL}"
                        rf"|{_POSTURE_WITH_CASH}"
                        # the cash share alone, right after the trigger: 'if we're 10% off the highs, half in cash'
                        rf"|(?<={MASK}),? (?:then )?(?P<cash>half|{NUM}%) (?:(?:in|into|to|as) )?@CASH")
    if action:
        _restated_and_rest(r, action, _kept(action))
    defensive = None if action else _defensive_mix(r)
    # ('and only return to the full investment once the fall has recovered to within 5% of that high')
    back = r.take_one(rf"(?:and )?(?:only )?(?:(?:go |come |get |move |switch |scale |step )?back(?: in| up)?|(?:returning|return|reverting|revert|"
                      rf"going back|coming back|restore|restoring))(?: (?:to )?(?:the |its |our )?(?:full|100%|normal|fully invested|usual)"
                      rf"(?: exposure| allocation| investment| mix| weights| size)?)?,? (?:only )?(?:once|when|after|if|as soon as) (?:the )?"
                      rf"(?:drawdown'?s? |loss |fall |decline |it |the portfolio )?(?:has |is )?(?:(?:recover(?:s|ed)?|back|shrinks?|shrunk|narrow(?:s|ed)?|improves?|improved"
                      rf"|come back|comes back|came back)(?: back)? )?(?:(?:to within|to|within|under|below|less than) {NUM}%(?: or less)?"
                      rf"|{NUM}% or less)"
                      rf"(?: (?:from|off|below|of) {PEAK})?")
    back = back or r.take_one(rf"(?:and )?(?:go |come |get |move |switch |scale |step )?back(?: in| up| to (?:full|100%|normal|fully "
                              rf"invested)(?: exposure| allocation| investment)?)?,? (?:once|when|after|if|as soon as) (?:we'?re|we are|"
                              rf"it'?s|it is|the portfolio is) (?:back )?within {NUM}% (?:of|from) {PEAK}")
    back = back or r.take_one(rf"(?:and )?(?:go |come |get |move )?back(?: in)?(?: fully| all the way)?,? (?:once|when|after|if|as soon as) "
                              rf"(?:we'?re|we are|it'?s|it is|the portfolio is) (?:back )?within {NUM}% (?:of|from) {PEAK}")
    back = back or r.take_one(rf",? (?:until|till|til) (?:we'?re|we are|it'?s|it is) (?:only |back )?(?:within )?{NUM}% "
                              rf"(?:off|from|below|under) {PEAK}")
    back = back or r.take_one(rf",? (?:until|till|til) (?:the )?(?:drawdown |it |the portfolio |we'?re |we are |it'?s )?(?:has )?"
                              rf"(?:recover(?:s|ed)?|is back|back|shrinks?|shrunk|narrow(?:s|ed)?|improve(?:s|d)?)(?: back)? "
                              rf"(?:to|within|under|below) {NUM}%(?: or less)?"
                              rf"(?: (?:of|from) {PEAK})?"
                              rf"(?:,? at which point (?:full|normal|100%) exposure (?:is )?(?:restored|rebalanced|resumes|returns"
                              rf"|comes back))?")
    # the drawdown itself compared, no verb of recovery: 'until DD < 5%', 'until the drawdown is below 5%'
    back = back or r.take_one(rf",? (?:until|till|til) (?:the )?drawdown (?:is |gets |falls |drops |comes )?(?:back )?"
                              rf"(?:under|below|less than|within|to) {NUM}%")
    back = back or r.take_one(rf"[,;]? ?(?:and )?(?:go |come |get )?back (?:to (?:full|100%|normal)(?: exposure| size)?|in(?: fully| full)?) "
                              rf"(?:at|once (?:it'?s|we'?re) (?:back )?(?:at|to)) an? {NUM}% drawdown")
    back = back or r.take_one(rf",? (?:and )?back (?:to (?:full|100%)(?: exposure)?|in(?: fully| full)?) (?:under|below|within|at (?:at )?most|at or below|at"
                              rf"|(?:when|once) (?:the )?drawdown (?:is )?(?:<=|≤|at most)) {NUM}%")
    back = back or r.take_one(rf",? (?:and )?(?:it |exposure )?(?:is )?(?:rebalanced|restored|returned|brought back|goes back) to "
                              rf"(?:full|100%)(?: exposure)? (?:once|when|after|as soon as) (?:the )?(?:drawdown|(?:fall|loss)"
                              rf"(?: from (?:the )?peak)?) (?:is|falls to|gets to) "
                              rf"{NUM}% or less")
    # the recovery first: 'when the drawdown comes back under 5%, return to full', 'once it's back within 10% of the high,
    # i go fully invested again'
    # ('once the loss has recovered to within 4% of the peak, go back to fully invested')
    back = back or r.take_one(rf"(?:and )?(?:when|once|after|if|as soon as) (?:the )?(?:drawdown|loss|it|the portfolio) (?:has |is )?"
                              rf"(?:recover(?:s|ed)?|comes? back|come back|is back|goes back|gets back|shrinks?|narrows?|improves?)(?: back)? "
                              rf"(?:to within|to|within|under|below|less than) {NUM}%(?: (?:of|from|off|below) {PEAK})?,? "
                              rf"(?:(?:go|come|get|move|switch|scale|step) back|"
                              rf"return(?:ing)?|revert|restore)(?: to)?(?: fully invested| full| 100%| normal)?(?: exposure| allocation)?"
                              rf"|(?:and )?(?:when|once|after|if|as soon as) (?:it'?s|it is|we'?re|we are|the (?:portfolio|account|fund) is) "
                              rf"back within {NUM}% (?:of|from) {PEAK},? (?:(?:(?:i|we|it) )?(?:go|get|am|are|is|come|move) (?:back )?)?"
                              rf"(?:fully invested|(?:to )?full(?: exposure)?|all in)(?: again)?")
    # the exposure as subject: 'full exposure resumes once the drawdown has recovered to 3% or less'
    # ('the normal posture resumes once ...')
    back = back or r.take_one(rf",? (?:and )?(?:the )?(?:full|normal|100%|usual) (?:exposure|posture|stance|allocation|mix|mode) "
                              rf"(?:resumes|returns|is restored|comes back|applies again) (?:once|when|after|"
                              rf"as soon as) (?:the )?drawdown (?:has )?(?:recovered |shrunk |narrowed |come back |fallen )?"
                              rf"(?:to|under|below|within) {NUM}%(?: or less)?")
    if not action and not defensive:
        r.ask(f"When it is down {cut}% from its peak, how much should move to cash (for example half)?")
        return
    if not back:
        r.ask("At what drawdown should it go back to full exposure (for example 5%)?")
        return
    level = next(g for g in back.groups() if g)
    if defensive:
        _defensive_brake(r, cut, defensive, _back_when(back, level))
        return
    _brake(r, cut, _kept(action), _back_when(back, level))
    # the rule named where it is introduced: 'a drawdown brake on my ...', "i'm adding a circuit breaker to my ..."
    r.take(r"(?:(?:i'?m |we'?re |i am |we are )?adding )?(?:a |the |my |our )?(?:drawdown (?:brake|rule|control|overlay|guard)|"
           r"circuit[- ]breaker)(?: (?:on|for|to) (?:my|the|our))?")


def _back_when(back: re.Match, level: str) -> str:
    """The recovery's comparison as said: 'back under 4%' is `< 4%`; 'recovered to 4%', 'within 4%', '4% or less' `<= 4%`."""
    strictly = re.search(rf"(?:\bunder|\bbelow|\bless than|<)(?! or) {re.escape(level)}%(?! or less)", back.group())
    return f"{'<' if strictly else '<='} {level}%"


def _defensive_mix(r: Reader) -> list[tuple[str, str]] | None:
    """'we move to a defensive 30% SPY / 70% AGG': the brake holds another mix, not cash; its weights, or None."""
    from rbl.dsl.english.rules_signals import PAIRS

    m = r.take_one(rf",? (?:then )?(?:(?:we|i|it) )?(?:will )?(?:move|switch|go|shift|rotate|change)(?: over)?(?: to| into) "
                   rf"(?:a |the |our )?(?:more )?defensive(?: mix| allocation| portfolio| weights)?(?: of)?:? (?P<mix>{PAIRS})")
    if m is None:
        return None
    return [(name, f"{n}%") for n, name in re.findall(rf"{NUM}% (?:in )?{ASSET}", m.group("mix"))]


def _defensive_brake(r: Reader, cut: str, defensive: list[tuple[str, str]], back: str) -> None:
    """The state, and the target that switches on it: the defensive mix while in it, the one mix the text gives
    otherwise (a question where it gives none or several, or other assets)."""
    from rbl.dsl.english.rules_signals import PAIRS

    normal = list(re.finditer(PAIRS, r.text))
    weights = [[(name, f"{n}%") for n, name in re.findall(rf"{NUM}% (?:in )?{ASSET}", m.group())] for m in normal]
    split = re.search(r"\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+", r.text)      # weights said another way: not guessed between
    if len(normal) != 1 or split or {a for a, _ in weights[0]} != {a for a, _ in defensive}:
        r.ask("Outside the drawdown, which mix should it hold (for example 60% SPY and 40% AGG)?")
        return
    r.mask(normal[0])
    r.draft.states.append(f"state defensive = false:\n    true when drawdown(portfolio) >= {cut}%\n"
                          f"    false when drawdown(portfolio) {back}")
    r.draft.branches = [("defensive", defensive), (None, weights[0])]
    r.assume("drawdown: the portfolio's fall from its highest value since the start")


# the brake said as the posture the portfolio moves to and the share it holds in cash there: 'the portfolio moves to a
# defensive posture in which half of its assets are held in cash', 'it switches to a risk-off stance, with 40% of the
# holdings kept in cash'
_POSTURE_WITH_CASH = (rf",? (?:then )?(?:the (?:portfolio|fund|account) |it |we )?(?:moves?|goes|switch(?:es)?|shifts?|steps?) "
                      rf"(?:in)?to an? (?:defensive|protective|risk-off|capital preservation) (?:posture|stance|mode|state|footing|setting)"
                      rf"(?: in which|,? (?:with|where)) (?P<held>half|{NUM}%) of (?:its|the|our) (?:assets|holdings|capital|money|"
                      rf"portfolio|value) (?:are |is )?(?:held|kept|parked|sits|sit|placed) (?:in|as) @CASH")
_FRACTIONS = {"half": "50", "a half": "50", "a quarter": "25", "one quarter": "25", "three quarters": "75"}
# 'cut exposure to half', 'go to a quarter exposure': the share kept in words, read as its number
_FRACTION_OF_EXPOSURE = re.compile(r"((?:exposure|allocation|risk) (?:to|down to|at) |go to )(half|a half|a quarter|one quarter|"
                                   r"three quarters)( exposure|[,;. ]|$)")
_OF_NORMAL = r"(?: of (?:normal|full(?: exposure)?|the normal exposure|its normal (?:size|exposure)))?"


def _restated_and_rest(r: Reader, action: re.Match, kept: float) -> None:
    """Right after the brake's action, the share said again ('a quarter exposure, um, 25%') and where the rest goes
    ('rest in cash', 'the remainder held in cash'): the same fact, taken with it. A different number stays unplaced;
    a cash share that is not the rest ('drop to 40% invested and hold the other 50% in cash') is a question."""
    end = action.end()
    for pattern in (rf"[,{MASK} ]*(?:(?:um|uh|so|i\.e\.|that is)[, ]+)*{kept:g}%(?= ?[,;.]|$)",
                    rf"[,{MASK} ]*{REST_IN_CASH}|{_rest_sized(f'{100 - kept:g}')}"):
        m = re.match(pattern, r.text[end:])
        if m:
            r.text = r.text[:end] + MASK * (m.end()) + r.text[end + m.end():]
            end += m.end()
    other = re.match(_rest_sized(NUM), r.text[end:])
    if other:
        r.ask(f"The brake keeps {kept:g}% invested but holds {other.group(1)}% in cash; how much should stay invested "
              f"while it is on (for example {kept:g}%)?")


def _rest_sized(share: str) -> str:
    """'and hold the other 40% in cash': the cash beside a brake's exposure, said by its size."""
    return (rf"[,{MASK} ]*(?:and |with )?(?:(?:hold|holding|keep|keeping|put|putting|park|parking|leave|leaving) )?"
            rf"(?:the other |the remaining )?{share}% (?:(?:is |sits |stays |goes )?(?:held |kept |parked )?)?"
            rf"(?:in|to|into|as) @CASH")


# ('only 40% of it invested')
_OF_IT = r"(?:of (?:it|the portfolio|the account|the money) )"


def _ask_from_what(r: Reader, cut: str) -> None:
    r.ask(f"Down {cut}% from what: from its peak (a drawdown from the highest value), or from where it started?")


def _measured_from(trigger: str) -> bool:
    """Does the brake's fall say what it is measured from ('12% from its high-water mark', 'a drawdown of 10%')? A bare
    'if we're down 15%' may be from the peak or from where it started: a question, never a guess."""
    return bool(re.search(rf"\bdrawdowns?\b|\bdraws? down\b|\b{PEAK}\b", trigger))


def _kept(action) -> float:
    """The exposure kept while defensive, from 'put half in cash', '30% in cash' or 'cut exposure to 40%'."""
    held = action.groupdict().get("held") or action.groupdict().get("cash")
    if held:
        return 50.0 if held == "half" else 100 - float(held.rstrip("%"))
    moved, cash_share, kept = action.group(1), action.group(2), action.group(3) or action.group(4) or action.group(5)
    if kept:
        return float(kept)
    if moved == "half" or not (moved or cash_share or kept):
        return 50.0
    return 100 - float(cash_share)


def _brake(r: Reader, cut: str, kept: float, back: str) -> None:
    r.draft.cash = True
    r.draft.states.append(f"state defensive = false:\n    true when drawdown(portfolio) >= {cut}%\n"
                          f"    false when drawdown(portfolio) {back}")
    r.draft.exposure = f"if defensive then {kept:g}% else 100%"
    r.assume("drawdown: the portfolio's fall from its highest value since the start")


def _vague_drawdown(r: Reader) -> None:
    vague = r.take_one(rf"{_DERISK} {VAGUE_FALL}")
    if vague:
        said = vague.group().replace("@CASH", "cash").replace("@", "").strip(" ,;")
        r.ask(f"'{said}': how deep a fall from the peak (the drawdown) should trigger it (for example 10%), and how much "
              f"should go to cash?", phrase=vague.group())
    if r.take(r"(?:de-?risk|reduce (?:the )?risk|cut (?:the )?(?:risk|exposure)|go defensive|get defensive|move to @CASH)"
              r"(?: if| when| once| in)? (?:the )?(?:drawdowns? (?:gets?|is|are|becomes?|goes) (?:too )?(?:bad|big|large|deep|ugly)"
              r"|(?:big|large|deep|bad) drawdowns?|things (?:get|go|turn) (?:bad|ugly|rough|hairy|south)|markets? (?:crash|tank)s?)"
              # the condition first: 'if things go badly, cut the stock exposure in half until it recovers'
              r"|(?:if|when|once|should) (?:things|it|markets?|the market|stuff|the (?:portfolio|account)) (?:go|goes|get|gets|"
              r"turn|turns) (?:really |very )?(?:badly|bad|south|ugly|wrong|rough),? (?:then )?(?:cut|reduce|halve|trim|lower) "
              r"(?:the )?(?:stock |equity |risky )?(?:exposure|risk|stocks|equities|positions?)(?: (?:in half|by half|to half))?"
              r"(?: until (?:it|things|the market|markets) (?:recovers?|comes? back|improves?))?"):
        r.ask(_BRAKE_DEPTH)


_BRAKE_DEPTH = "How deep a fall from the peak (the drawdown) should trigger it (for example 10%), and how much should go to cash?"
# the risk cut without its size: 'de-risk', 'halve the risk', 'go to cash', 'scale back' ('de-risk if the DD gets bad')
_DERISK = (r"(?:de-?risk|(?:reduce|cut|halve|trim|lower) (?:the |our |my )?(?:risk|exposure|positions?)|go defensive|get defensive"
           r"|(?:go|move|switch|get) (?:to|into) @CASH|scale (?:back|down)|lighten up|pull back)(?: a bit| some)? (?:if|when|once|should)")
