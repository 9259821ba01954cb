"""The phrase table shared by `rbl explain` (IR -> English) and the offline translator (English -> .rbl).

Each entry pairs one .rbl construct with its canonical English (what `explain` prints) and the
variants a trader writes (regular expressions the translator matches, canonical phrase included),
so English in and English out stay aligned: tests translate every canonical phrase back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rbl.dsl.fmt import number
from rbl.dsl.ir.base import CompareOp, Func, Period, Series, Unit, Weekday


@dataclass(frozen=True)
class Phrase:
    """One construct: its .rbl text, its canonical English, and the regexes that read it."""

    rbl: str
    english: str
    variants: tuple[str, ...]


# ---- calendar rules ------------------------------------------------------------------------
# Order matters for the translator: the more specific phrase wins (month-end before monthly).
CALENDAR: tuple[Phrase, ...] = (
    Phrase("last trading day of month", "on the last trading day of each month",
           (r"last trading day of (?:each|every|the) month", r"(?:each|every) month,? on the last trading day",
            r"(?:(?:at |on )?(?:each|every) |at |on )?month[- ]end",
            r"(?:at )?(?:the )?end of (?:each|every|the) month",
            # the signal said on the month's close ('at the close of every month', 'at the monthly close')
            r"(?:at |on )?(?:the )?close of (?:each|every|the) month", r"(?:at |on )(?:the |each |every )?monthly close",
            r"(?:at |on )?(?:each|every) month'?s close", r"(?:at |on )(?:the )?month'?s close",
            r"(?:at |on )(?:the |each |every )?month[- ]end close")),
    Phrase("last trading day of quarter", "on the last trading day of each quarter",
           (r"last trading day of (?:each|every|the) quarter", r"(?:(?:each|every|at|on) )?quarter[- ]end",
            r"(?:at )?(?:the )?end of (?:each|every|the) quarter", r"(?:at |on )?(?:the )?close of (?:each|every|the) quarter")),
    Phrase("last trading day of year", "on the last trading day of each year",
           (r"last trading day of (?:each|every|the) year", r"(?:(?:each|every|at|on) )?year[- ]end",
            r"(?:at )?(?:the )?end of (?:each|every|the) year",
            r"last (?:trading |business )?day (?:of|in) december(?: (?:each|every) year)?")),
    Phrase("last trading day of week", "on the last trading day of each week",
           (r"last trading day of (?:each|every|the) week", r"end of (?:each|every|the) week")),
    Phrase("monthly", "on the first trading day of each month",
           (r"(?:on )?the first trading day of (?:each|every|the) month", r"monthly", r"(?:each|every|once a|once per) month",
            r"(?:at )?(?:the )?(?:start|beginning) of (?:each|every|the) month")),
    Phrase("quarterly", "on the first trading day of each quarter",
           (r"(?:on )?the first trading day of (?:each|every|the) quarter", r"quarterly", r"(?:each|every|once a|once per) quarter",
            r"(?:at )?(?:the )?(?:start|beginning) of (?:each|every|the) quarter")),
    Phrase("annually", "on the first trading day of each year",
           (r"(?:on )?the first trading day of (?:each|every|the) year",
            r"(?:on )?the first trading day of january(?: (?:each|every) year)?", r"(?:every|each|in) january(?: (?:each|every) year)?", r"(?:at )?(?:the )?(?:start|beginning) of (?:each|every|the) year", r"annually", r"annual", r"yearly", r"(?:each|every|once a|once per) year")),
    *(Phrase(f"weekly on {day}", f"weekly, on the first trading day on or after {day.capitalize()}",
             (f"weekly, on the first trading day on or after {day}", f"weekly,? (?:on )?{day}s?",
              f"(?:each|every|once a) week on {day}s?",
              f"(?:every|each|on) {day}s?", f"{day}s")) for day in ("tuesday", "wednesday", "thursday", "friday")),
    Phrase("weekly on monday", "weekly, on the first trading day of each week",
           (r"weekly, on the first trading day of each week", r"weekly(?:,? (?:on )?mondays?)?", r"(?:each|every|once a|once per) week",
            r"(?:every|each|on) mondays?", r"mondays")),
    Phrase("daily", "every trading day",
           (r"every trading day", r"daily", r"(?:each|every|once a|once per) day")),
)

WEEKDAY_ENGLISH = {day: day.value.capitalize() for day in Weekday}
PERIOD_ENGLISH = {period: period.value for period in Period}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
# "the 3rd trading day of each month", "the third trading day of the quarter", "the 2nd trading day of each week"
# (n, period).
NTH_TRADING_DAY = (r"(?:on )?(?:the )?(\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS.values())
                   + r") trading day (?:(?:of|in) )?(?:each|every|the) (week|month|quarter|year)")

# ---- units --------------------------------------------------------------------------------
# Unit -> (suffix written in .rbl, power of ten from the stored value to the written number).
UNIT_RBL: dict[Unit, tuple[str, int]] = {
    Unit.NONE: ("", 0), Unit.PERCENT: ("%", 2), Unit.PP: ("pp", 2), Unit.OF_TARGET: ("% of target", 2),
    Unit.BPS: (" bps", 4), Unit.TIMES: ("x", 0), Unit.BARS: (" days", 0), Unit.WEEKS: (" weeks", 0),
    Unit.MONTHS: (" months", 0), Unit.YEARS: (" years", 0), Unit.MONEY: ("", 0),
}
# Unit -> (English after the number, adjective form before a noun: "60-day volatility").
UNIT_ENGLISH: dict[Unit, tuple[str, str]] = {
    Unit.NONE: ("", ""), Unit.PERCENT: ("%", "%"), Unit.PP: (" percentage points", " percentage points"),
    Unit.OF_TARGET: ("% of the target weight", "% of the target weight"), Unit.BPS: (" bps", " bps"),
    Unit.TIMES: ("x", "x"), Unit.BARS: (" days", "-day"), Unit.WEEKS: (" weeks", "-week"),
    Unit.MONTHS: (" months", "-month"), Unit.YEARS: (" years", "-year"), Unit.MONEY: ("", ""),
}

# ---- series, functions, comparisons --------------------------------------------------------
SERIES_ENGLISH: dict[Series, str] = {
    Series.DRIFT: "its drift from target", Series.WEIGHT: "its weight", Series.TARGET: "its target weight",
    Series.PRICE: "its price", Series.PORTFOLIO: "the portfolio", Series.BASKET: "the target mix",
    Series.BAND: "its own band",
}
# Func -> English template; {0}, {1}, {2} are the arguments, {w} the window as an adjective.
FUNC_ENGLISH: dict[Func, str] = {
    Func.SMA: "the {w} moving average of {0}", Func.EMA: "the {w} exponential average of {0}",
    Func.RETURN: "the {w} return of {0}", Func.VOL: "the {w} volatility of {0}",
    Func.DRAWDOWN: "the drawdown of {0} from its peak", Func.RSI: "the {w} RSI of {0}",
    Func.PERCENTILE: "the percentile of {0} within its last {1}", Func.MIN: "the smaller of {0} and {1}",
    Func.MAX: "the larger of {0} and {1}", Func.CLAMP: "{0} kept between {1} and {2}",
    Func.ABS: "the size of {0}",
}
# Indicator words a trader writes after a window ("200-day SMA") -> the .rbl function.
INDICATOR_WORDS: dict[str, str] = {
    "ema": r"exponential moving average|ema", "sma": r"simple moving average|moving average|sma|ma|dma|average",
    "rsi": r"rsi", "return": r"returns?|momentum|performance|total return",
    "vol": r"(?:realized|realised|annualized|annualised) (?:volatility|vol)|volatility|vol",
}
COMPARE: dict[CompareOp, Phrase] = {
    CompareOp.GT: Phrase(">", "is more than", (r"is more than", r"(?:drifts? |moves? |is |goes )?(?:more than|over|above|beyond|exceeds?|greater than|higher than|by more than)")),
    CompareOp.GE: Phrase(">=", "is at least", (r"is at least", r"at least", r"reaches")),
    CompareOp.LT: Phrase("<", "is less than", (r"is less than", r"(?:goes |falls |drops )?(?:below|under|less than|lower than)")),
    CompareOp.LE: Phrase("<=", "is at most", (r"is at most", r"at most", r"recovers to")),
    CompareOp.EQ: Phrase("==", "equals", (r"equals",)),
    CompareOp.NE: Phrase("!=", "differs from", (r"differs from",)),
}

# ---- rebalancing policy, execution, mode ----------------------------------------------------
TO_BAND_EDGE = Phrase("to band edge", "back to the edge of its band, not to target",
                      (r"(?:back )?to the edge of (?:(?:the|its|their) )?(?:own )?bands?",
                       # 'we only trade back to the edge' ('only' says how far: no asset is named)
                       r"(?:(?:we|i) )?only (?:trade|rebalance|go) back to the edge of (?:the|its|their) bands?",
                       # 'don't go all the way back to 70/30, just nudge it to the edge of the band'
                       r"(?:don'?t|do not|never) (?:go|trade|rebalance|move) (?:all the way|fully|completely) back(?: to (?:the |its |their )?"
                       r"(?:targets?|\d+/\d+))?,? (?:just |only )?(?:nudge|bring|move|trade|take|push) (?:it|them) (?:back )?to the edge of "
                       r"(?:the|its|their) bands?",
                       # 'we do NOT go back to 40/60, we only trim/add back to the edge of the band'
                       r"(?:(?:we|i) )?(?:don'?t|do not|never) (?:go|trade|rebalance|move)(?: (?:all the way|fully|completely))? back to "
                       r"(?:the |its |their )?(?:targets?|\d+/\d+),? (?:(?:we|i) )?(?:just |only )?(?:nudge|bring|move|trade|take|push|"
                       r"trim|add|sell|buy)(?:(?:/| and | or )(?:trim|add|sell|buy))?(?: (?:it|them))? (?:back )?to the edge of "
                       r"(?:the|its|their) bands?",
                       # the target said as 'home': "don't go all the way home, just trim back to the edge of the band",
                       # 'never come the whole way home - only sell back to the edge of its band'
                       r"(?:(?:we|i) )?(?:don'?t|do not|never) (?:go|come|trade|rebalance|move|head)(?: back)? (?:all the way|the whole way|"
                       r"fully|completely) (?:back )?home,? (?:[-;] )?(?:(?:we|i) )?(?:just |only )?(?:nudge|bring|move|trade|take|push|"
                       r"trim|add|sell|buy|cut)(?:(?:/| and | or )(?:trim|add|sell|buy))?(?: (?:it|them))? (?:back )?to the edge of "
                       r"(?:the|its|their) bands?",
                       r"(?:back )?to the (?:nearest )?(?:band )?(?:edge|boundary|limit)",
                       r"band edge", r"partial(?:ly)? rebalanc\w*(?: (?:back )?to (?:the )?(?:band )?edges?)?",
                       r"(?:only )?(?:trade|go|move|bring (?:it|them)) back to the band(?: edge)?,? (?:not|rather than) (?:all the way )?"
                       r"(?:back )?to (?:the |its )?targets?",
                       r"(?<!only )(?:bring|take|move|put|get) (?:it|them|the asset|that asset|positions?) back (?:just )?"
                       r"(?:inside|within|into|to the edge of) (?:the|its|their) bands?",
                       r"(?:stop|trade only as far as|only go as far as) (?:at )?the edge of (?:the|its|their) bands?",
                       r"(?:rebalance|trade|go) only as far as the band'?s? edge",
                       r"(?:(?:but )?not (?:go(?:ing)? )?(?:back )?(?:totally|all the way|fully|completely|entirely) (?:back )?to "
                       r"(?:the |its |their )?targets?,? )?(?:only )?(?:until|up to|as far as|to) the (?:border|edge|boundary|limit) "
                       r"of (?:the|its|their) (?:\d+(?:\.\d+)?[- ]?(?:points?|pp|percentage[- ]points?)[- ])?(?:band|range)s?"))
# Out of band, said of the asset: 'outside its band', 'out of line', 'broken the tolerance'.
_OUT_OF_BAND = (r"(?:(?:out of|outside(?: of)?|beyond|past|broken|breached|left) (?:the |its |their )?(?:bands?|ranges?|tolerance|bounds|"
                r"limits|corridors?)"
                r"|out of (?:line|whack))")
# The assets not traded, said beside it: 'leave the others alone', 'the ones still inside their band shouldn't be touched'.
_THE_OTHERS = (r"(?:(?:all )?the (?:rest(?: of (?:them|the (?:portfolio|book|assets|positions|holdings)))?|others|"
               r"(?:other|remaining) (?:1|ones?|funds?|assets?|holdings?|positions?|names?|legs?)|"
               r"(?:ones?|funds?|assets?|holdings?|positions?|names?) (?:still )?(?:inside|within) (?:their|its|the) bands?)"
               r"|everything else|every other (?:asset|fund|holding|position|name)|all others|others)")
OTHERS_LEFT_ALONE = (rf"(?:[;,]? (?:and )?(?:leave|leaving) {_THE_OTHERS} (?:alone|untouched|undisturbed|as they are|where they are)"
                     rf"|[;,]? (?:and )?{_THE_OTHERS} (?:are |is |being )?(?:left|stay|stays|remain) (?:alone|untouched|undisturbed|"
                     rf"as they are|where they are|put)|[;,]? (?:and )?{_THE_OTHERS} (?:shouldn'?t|should not|are not|aren'?t|won'?t|will not) "
                     rf"be (?:touched|traded)|[;,]? (?:and )?{_THE_OTHERS} (?:are not|aren'?t|is not|isn'?t|get no|are never) (?:touched|traded)"
                     # "don't touch the others"
                     rf"|[;,.]? (?:and )?(?:don'?t|do not|never) (?:touch|trade|move) {_THE_OTHERS})(?: please)?")
_OTHERS_UNTOUCHED = rf"(?:{OTHERS_LEFT_ALONE})?"
# One holding, named by what it is: 'only that ETF', 'that position alone', 'only the coin that broke its band'.
_ONE_HOLDING = r"(?:1|asset|position|holding|fund|name|line|leg|pair|etf|stock|share|coin|ticker|security|instrument)"
# The breached holdings named by what happened to them: 'whichever fund broke its band', 'the one that's out', 'the
# assets outside the band', 'the breacher', 'the asset that drifted past it'
_BREACH_VERB = r"(?:broke|breached|breaks|breach|breaches|crossed|crosses|cross|left|leaves|leave|drifted|drifts|drift|popped|pops)"
_BREACHED_ONES = (rf"(?:the (?:breachers?|offenders?)|the (?:offending|breached|breaching|drifting|out-of-(?:band|tolerance|range)) "
                  rf"(?:{_ONE_HOLDING}|ones?)s?"
                  # (the plural said without an article: 'only rebalance positions that are out of bounds')
                  rf"|(?:(?:whichever|whatever|what|the|any)(?: (?:{_ONE_HOLDING}s?|ones?))?|{_ONE_HOLDING}s)(?: (?:that|which|who))?"
                  rf"(?:'s |'ve |(?: (?:is|are|was|were|went|goes|go|has|have|got|gets|get|has gone|have gone|is now|are now))? )"
                  rf"(?:(?:moved|gone|drifted|strayed|wandered|slipped|fallen) (?=out|outside|beyond|past))?"
                  rf"(?:{_OUT_OF_BAND}|out(?: of band)?(?! of)|{_BREACH_VERB}(?: out(?: of)?| past| beyond| outside)?"
                  rf"(?: (?:its|the|their|his|her) (?:own )?(?:bands?|tolerance|range|limits?)| it| them)?))"
                  r"(?! (?:more|less|over|under|above|below|by|\d))")    # 'the ones that drift more than 5pp': a band, read apart
_BACK_TO_TARGET = r"(?:,? (?:straight|right|all the way|directly|fully)? ?back to (?:its |the |their )?(?:own )?targets?(?: weights?)?)?"
TRADE_BREACHED = Phrase("trade breached assets", "only the assets that broke their band",
                        (# the breached holdings as the object of any verb of trading: 'only trade whichever fund broke its
                         # band', 'just trade the one that's out', 'only touch the assets outside the band'
                         rf"(?:(?:we |i )?(?:only|just|solely) (?:(?:want|need|like|intend|wish|plan) to |wanna )?"
                         rf"(?:trade|rebalance|touch|fix|move|adjust|correct|trim|reset|bring|take|push|nudge|pull|buy/sell|"
                         rf"buy or sell|sell or buy|buy and sell)"
                         rf"|(?:trade|rebalance|touch|fix|move|bring) (?:only|just)) {_BREACHED_ONES}(?: only)?"
                         rf"{_BACK_TO_TARGET}{_OTHERS_UNTOUCHED}",
                         # ... or the trades said to be limited to them: 'trades should be limited to the asset that breached'
                         rf"(?:(?:the )?trades?|trading|rebalancing|the rebalance) (?:should be |shall be |is |are |will be |must be )?"
                         rf"(?:limited|restricted|confined) to {_BREACHED_ONES}{_BACK_TO_TARGET}{_OTHERS_UNTOUCHED}",
                         # ... with 'only' after it: 'rebalance the breaching asset only', 'trade the offender alone'
                         rf"(?:trade|rebalance|touch|fix|move|adjust|correct|reset) {_BREACHED_ONES} (?:only|alone|by itself)"
                         rf"{_BACK_TO_TARGET}{_OTHERS_UNTOUCHED}",
                         # ... or as the subject: 'only the breacher gets traded', 'only whichever is out gets rebalanced'
                         rf"only {_BREACHED_ONES},? (?:(?:gets?|is|are|will be|should be|shall be|is to be|are to be) "
                         rf"(?:traded|rebalanced|touched|fixed|moved|reset|brought back)|(?:trades?|moves?)(?= ?[,.;]| back|$)"
                         rf"|(?:goes|go|is put|gets put|is brought|gets brought) "
                         rf"(?:straight |right )?back to (?:its |the |their )?(?:own )?targets?(?: weights?)?)"
                         rf"{_BACK_TO_TARGET}{_OTHERS_UNTOUCHED}",
                         r"only the assets that broke their band", r"only (?:trade|rebalance) (?:it|that asset|this asset|them|the breached assets?)",
                         r"(?:are |is |get |gets )?(?:rebalanced|traded|fixed) individually(?:[;,] (?:the )?(?:other )?positions within "
                         r"(?:tolerance|(?:the |their )?bands?) are not traded)?",
                         r"only the (?:ones?|assets?|positions?|holdings?|names?) (?:that are |which are )?(?:out of|outside(?: of)?) "
                         r"(?:the |its |their )?bands? (?:are|get|is|gets) (?:traded|rebalanced|moved|brought|fixed)(?: back)?"
                         r"(?: to (?:the |its |their )?targets?)?",
                         r"only the breached assets?",
                         r"(?:when|if|once) (?:1|an asset|it) (?:breaks|breaches|leaves|crosses) (?:its|the|a) band,? "
                         r"(?:trade|rebalance|fix) only (?:that 1|it|that asset)",
                         r"(?:when|if|once) (?:1|an asset|any asset|it) (?:breaks|breaches|leaves|crosses|pops)(?: out| (?:its|the|a) band)?,? "
                         r"(?:just |only )?(?:trade|rebalance|fix|nudge|bring|move|push|take|put|get)(?: only)? (?:that 1|it|that asset)(?: only)?",
                         r"(?:trade|rebalance|fix|move|bring) (?:just|only) (?:that|the breached|the offending|those) "
                         rf"{_ONE_HOLDING}s?(?= back| to|[,.;]|$)",
                         r"(?:(?:trade|rebalance|fix) only|only (?:trade|rebalance|fix)) (?:that 1|that asset|"
                         r"the breached (?:1|ones|assets?|positions?))",
                         r"only (?:trade|rebalance|touch|fix|move) the (?:ones?|assets?|positions?|names?|holdings?|funds?) "
                         r"that (?:broke|breached|crossed|left|broke out of) (?:(?:the|its|their) bands?|it|them)",
                         # 'i only trim that leg (back to the edge)': the breached holding trimmed, its peers untouched
                         # ... or said as a wish: 'i only want to trade that position', "we'd only like to rebalance that holding"
                         r"(?:(?:we |i )?(?:trade|rebalance|touch|fix|move|adjust|correct|trim) (?:only|just)|(?:we |i |we'?d |i'?d )?(?:only|just) "
                         r"(?:(?:want|need|like|intend|wish|plan) to |wanna )?(?:trade|rebalance|touch|"
                         r"fix|move|adjust|correct|trim)) (?:the (?:ones?|assets?|positions?|names?|holdings?|funds?) (?:that |which |that'?s |thats )?"
                         rf"(?:are |is |went |go |goes |have gone |has gone |have |has )?{_OUT_OF_BAND}|that {_ONE_HOLDING})"
                         rf"{_OTHERS_UNTOUCHED}",
                         # 'when one's out, bring only that one back ...', 'trade that holding only back to target, not the full book'
                         r"(?:when|if|once) (?:1'?s|1 is|any asset is|an asset is|it'?s|it is) out,? (?:bring|move|take|put|get|trade) "
                         rf"(?:only|just) that {_ONE_HOLDING}(?= back| ?\u00a6)",
                         rf"(?:trade|rebalance|fix|move) that {_ONE_HOLDING} only(?: back to (?:its |the )?targets?)?"
                         r"(?:,? not the (?:full|whole|entire) (?:book|portfolio))?(?= back|[,.;]| ?$)",
                         # the breached asset as the subject: 'only the fund that broke it trades, the others stay put. that one
                         # goes back to its target'
                         rf"only the {_ONE_HOLDING}s? (?:that|which) (?:broke|breached|crossed|left|breaks|breaches|"
                         rf"crosses|leaves) (?:it|(?:its|the|their) (?:bands?|tolerance)) (?:trades|is traded|gets traded|moves|is rebalanced|"
                         rf"gets rebalanced)(?: back to (?:its |the |their )?targets?)?{_OTHERS_UNTOUCHED}"
                         rf"(?:[.;,] (?:that|this) {_ONE_HOLDING} (?:goes|is brought|gets brought|is put|"
                         rf"gets put) back to its target)?",
                         # the breached assets named by an adjective: 'only the out-of-tolerance positions are to be traded, back to
                         # target; the rest are left alone', 'only breached holdings get rebalanced'
                         rf"only (?:the )?(?:out-of-(?:tolerance|band|range)|breached|offending) (?:1|ones?|assets?|positions?|holdings?|"
                         rf"funds?|names?|lines?) (?:are|is|get|gets|will be|shall be)(?: to be)? (?:traded|rebalanced|touched|fixed)"
                         rf"(?:,? back to (?:the |its |their )?targets?)?{_OTHERS_UNTOUCHED}",
                         # 'that position alone should be traded', 'trade that holding alone'
                         rf"(?:that|the breached|the offending|this) {_ONE_HOLDING} (?:alone|by itself|on its own) "
                         rf"(?:is|gets|should be|shall be|is to be|will be) (?:traded|rebalanced|touched){_OTHERS_UNTOUCHED}",
                         rf"(?:trade|rebalance|fix|move) (?:that|the breached|the offending|this) {_ONE_HOLDING} "
                         rf"(?:alone|by itself|on its own){_OTHERS_UNTOUCHED}",
                         # 'only that holding is to be traded, the others being left undisturbed'
                         # the breached asset moved by any verb of trading: 'only bring the offending asset to the band edge',
                         # 'just nudge the breached fund back', 'we only push that holding back inside'
                         rf"(?:(?:we |i )?(?:only|just) (?:(?:want|need|like) to )?(?:bring|take|push|nudge|pull|trim|sell or buy|buy or sell)"
                         rf"|(?:bring|take|push|nudge|pull) (?:only|just)) (?:the (?:breached|offending|drifting)|that) {_ONE_HOLDING}s?"
                         rf"(?= back| to| in| ?[,.;¦]|$){_OTHERS_UNTOUCHED}",
                         rf"only (?:that|the breached|the offending) {_ONE_HOLDING} (?:is|gets|should be|shall be|is to be|will be) "
                         rf"(?:traded|rebalanced|touched){_OTHERS_UNTOUCHED}",
                         # 'sell or buy nothing except what's out of line'
                         rf"(?:sell or buy|buy or sell|trade|touch|rebalance) nothing (?:except|but|other than) (?:what'?s |what is |"
                         rf"the (?:ones?|assets?|positions?|holdings?|funds?) (?:that |which )?(?:are |is )?){_OUT_OF_BAND}{_OTHERS_UNTOUCHED}"))
# Trading by itself, which the alert mode does not do: 'automatically', 'alone', 'on its own', 'without asking me'.
ON_ITS_OWN = (r"(?:yourself|itself|automatically|alone|by (?:your|it)self|on (?:your|its) own|for me"
              r"|without (?:asking(?: me)?|my (?:ok|okay|permission|approval|consent))(?: first)?)")
MODE_ALERT = Phrase("mode alert", "it does not trade on its own: it sends the orders for approval",
                    (r"(?:sends?|send me) the orders for approval", r"don'?t trade on (?:your|its) own",
                     r"do not trade on (?:your|its) own", r"alert mode(?: only)?(?:,? (?:and )?(?:don'?t|do not|never) trade)?",
                     r"(?:(?:the |all |any )?(?:orders|trades) (?:must|should|need to|have to|will|are to) )?(?:(?:is|are|be) )?"
                     r"(?:submit(?:ted)?|sen[dt]|forward(?:ed)?|pass(?:ed)?|push(?:ed)?|give|given|present(?:ed)?|e-?mail(?:ed)?)"
                     r"(?: (?:them|it|the orders|the trades))? to (?:me|us|the client|the trader|the owner) "
                     r"(?:for (?:my |his |her |their )?(?:approval|review|sign[- ]off)(?: first)?|first)"
                     r"(?: (?:prior to|before) (?:execution|trading|being (?:placed|executed)))?",
                     r"(?<!asking )(?<!looking )for (?:my )?approval", r"(?:just )?alert me(?: instead)?",
                     r"(?:don'?t|do not|never) pull the trigger(?: yourself| on your own)?",
                     r"(?:just )?(?:ping|message|text|tell|notify) me(?: with)? (?:the )?(?:trades|orders)",
                     # the trader doing the trades: "i'll do the trades myself", 'we place the orders by hand'
                     r"(?:i'?ll|i will|we'?ll|we will|i'?d rather|i want to|i prefer to) (?:do|place|make|execute|enter|put in|handle) "
                     r"(?:the |all )?(?:trades|orders|trading)(?: myself| ourselves)?(?: manually| by hand)?",
                     r"(?:i|we) (?:do|place|make|execute|enter|put in|handle) (?:the |all )?(?:trades|orders|trading) (?:myself|ourselves|"
                     r"manually|by hand)",
                     r"(?:i'?ll|i will|we'?ll|we will|i'?d rather) (?:trade|execute|place) (?:it |them )?(?:myself|ourselves|manually|by hand)",
                     r"(?:the system |it |the ea |the strategy )?(?:shall|should|must|will|may) not (?:execute|place|send|make) (?:any )?"
                     r"(?:trades|orders)",
                     # the machine named as the one that must not trade: 'the program must not pass the orders alone',
                     # 'the system must not execute', 'the bot may not send orders by itself'
                     rf"(?:the|our|my) (?:system|program|software|bot|robot|algo|ea|platform|machine|computer) (?:shall|should|must|will|"
                     rf"may|can) not (?:execute|place|send|make|pass|transmit|submit)(?: (?:any |the )?(?:trades|orders))?(?: {ON_ITS_OWN})?",
                     # 'the system shall prepare and submit proposed orders only'
                     r"(?:the system |it |the ea )?(?:shall |should |will |must )?(?:prepare|generate|produce|create)(?: and (?:submit|send|propose))? "
                     r"(?:the )?proposed orders only",
                     r"(?:the system |it )?(?:shall |should |will |must )?only (?:generate|produce|create|send|propose) (?:the )?(?:proposed )?orders"
                     r"(?: and alert (?:the [a-z]+|me|us))?(?: for (?:my |his |her |their )?(?:review|approval))?",
                     r"(?:check|confirm|talk|speak) with me (?:first )?before (?:you )?(?:buy(?:ing)? or sell(?:ing)?|trad(?:e|ing)|"
                     r"plac(?:e|ing) (?:any )?(?:orders|trades)|do(?:ing)? anything)(?: anything)?",
                     r"alerts? only(?:,? (?:and )?no auto[- ]?trading| (?:instead of|rather than) (?:trading|executing|rebalancing))?"
                     r"|no auto[- ]?trading|(?:no|without) automatic trading",
                     r"(?:don'?t|do not|never) auto[- ]?trade",
                     # 'i don't want it traded automatically', "we don't want anything executed by itself"
                     r"(?:i |we )?(?:don'?t|do not) want (?:it|this|the (?:portfolio|account|strategy)|anything) (?:to be )?"
                     r"(?:traded|executed|rebalanced) (?:automatically|on its own|by itself)",
                     # an alert said in place of the trade: 'just send me an alert instead of trading', 'notify me rather
                     # than rebalancing' (an alert alone, 'send me an alert when it rebalances', is a report)
                     r"(?:just |only )?(?:(?:send|give) me an? (?:alert|notification|e-?mail|message|ping|text)|(?:notify|alert|ping|"
                     r"e-?mail|message|text|warn) me) (?:instead|rather than (?:trad|execut|rebalanc|act)\w*(?: (?:it|them|anything))?)"
                     r"(?: of (?:trading|executing|rebalancing|acting|doing (?:it|the trades|anything))(?: (?:it|them|anything))?)?",
                     r"(?:i'?m |we'?re |i am |we are )?not comfortable with (?:anything|it|the ea|the bot|the robot|the system) trading "
                     r"(?:automatically|on its own|by itself|alone)(?: yet)?",
                     r"(?:i |we )?(?:don'?t|do not) want (?:that )?the (?:robot|bot|ea|system|algo|program|computer) (?:to )?"
                     r"(?:buys? and sells?|buy or sell|trades?|trading|executes?)(?: anything)? (?:alone|on its own|by itself|automatically)",
                     # 'she insists nothing is traded without her seeing it first'
                     r"(?:(?:she|he|they|i|we|the client) (?:insists?|demands?|requires?) (?:that )?)?nothing (?:gets|is|will be|may be|can be) "
                     r"(?:executed|traded|placed|sent|done) without (?:me|us|him|her|them|the client) (?:seeing|approving|"
                     r"checking|signing off on|confirming) (?:it|them)(?: first)?",
                     r"(?:require|requires|need|needs|subject to|pending) (?:manual |explicit |prior |written )?(?:sign[- ]off|approval|"
                     r"authori[sz]ation|confirmation)(?: (?:by|from) (?:me|us|the (?:client|account holder|owner|trader)))?"
                     r"(?: (?:before|prior to) (?:submission|execution|trading|being (?:sent|placed)))?",
                     r"(?:i'?d like |i want |i need )?to (?:see|review|check|approve|confirm|look at) (?:every|each|all|the|any) "
                     r"(?:trades?|orders?) before (?:it|they) (?:happens?|goes? (?:in|out|through)|(?:is|are) placed|executes?)",
                     # not 'don't place trades smaller than $50': a minimum trade size
                     rf"(?:(?:it|the bot|the system|the ea) )?(?:don'?t|do not|doesn'?t|does not|never) (?:place|send|execute|make)s? "
                     rf"(?:any |the )?(?:trades|orders)(?: {ON_ITS_OWN})?"
                     rf"(?! (?:under|below|smaller|of less|less|worth|for less))",
                     # the machine not let to trade: 'don't let the ea fire orders by itself', 'never let the bot place trades'
                     rf"(?:don'?t|do not|never) let (?:the|my|our) (?:robot|bot|ea|system|algo|program|computer|platform) (?:fire|place|"
                     rf"send|execute|submit|make|pull) (?:any |the |off )?(?:trades|orders|the trigger)(?: {ON_ITS_OWN})?",
                     r"(?:just )?(?:send|give|show) me the (?:orders|trades) (?:to (?:approve|ok|okay|confirm|sign off on)(?: first)?|"
                     r"so i can approve(?: them)?)",
                     r"(?:for me )?to approve(?: them| first)?",
                     r"(?:i )?(?:want|need|would like|'d like|like|have) to approve (?:every |each |all |the |any )?(?:trades?|orders?)"
                     r"(?: (?:before (?:it|they) (?:goes?|go|is|are) (?:in|out|sent|placed)|first|myself|manually|by hand))?",
                     r"ask me (?:first )?before (?:trading|placing (?:any |the )?(?:orders|trades)|(?:any|each|every) (?:trade|order))",
                     r"let me (?:approve|sign off on|ok|okay|confirm) (?:the |every |each |all |any )?(?:trades?|orders?)(?: first)?",
                     r"(?:needs?|requires?|with|after|only with|subject to) my (?:approval|sign[- ]off|ok|okay|confirmation)"
                     r"(?: (?:before|for) (?:any|each|every|the) (?:orders?|trades?))?",
                     r"nothing (?:should |may |will |must |can )?(?:trades|gets traded|is traded|be traded|goes in|go in) without "
                     r"(?:my (?:approval|sign[- ]off|ok|okay|confirmation|permission)|asking(?: me)?)(?: first)?",
                     rf"nothing (?:should |may |will |must |can )?(?:executes?|trades?|gets (?:executed|traded|placed)|"
                     rf"(?:is|be) (?:executed|traded|placed)) (?:automatically|on its own|by itself)",
                     r"(?:manual|human) approval(?: (?:of|for) (?:every|each|all|the) (?:trades?|orders?))?(?: (?:is )?(?:required|needed))?",
                     r"(?:e-?mail|send|text|message|show) me the (?:trades|orders)(?: (?:instead of|rather than) (?:placing|sending|"
                     r"executing|making) them)?",
                     r"(?:i )?(?:want|need|would like|'d like|like|have) to approve (?:them|it|those|these)(?: (?:beforehand|"
                     r"before (?:they|it) (?:go|goes) in|before|first))?",
                     r"(?:the )?(?:orders|trades) (?:go|come|are sent) to me(?: (?:for (?:my )?(?:review|approval|sign[- ]off)))?(?: first)?",
                     # the trades held for the trader's review ('for my review', 'for review first'); a document sent
                     # 'for review' (a proposal, a draft) asks for no approval of each trade
                     r"for (?:my review(?: first)?|review first)",
                     r"(?:the |all |any )?(?:orders|trades) (?:must|should|need to|have to|will) be (?:approved|signed off|"
                     r"confirmed|reviewed|okayed)(?: by me)?(?: (?:before|prior to) (?:execution|trading|placing them|being placed|"
                     r"(?:they|it) (?:go|goes|are placed|are sent)(?: in| out)?))?",
                     rf"(?:don'?t|do not|never) (?:place|send|execute|make|trade|do) anything(?: {ON_ITS_OWN})?"
                     r"(?! (?:under|below|smaller|less|worth|of less|bigger|larger|over|above))",
                     # the machine told not to act by itself, with what it would act on: "dont trade it yourself", 'never
                     # execute the orders on your own', "don't rebalance anything automatically"
                     rf"(?:don'?t|do not|never|shouldn'?t|should not|must not|mustn'?t) (?:trade|execute|place|send|submit|fire|"
                     rf"rebalance|buy or sell|buy and sell|do)(?: (?:it|them|anything|any (?:orders|trades)|the (?:orders|trades|rebalance)))? "
                     rf"{ON_ITS_OWN}",
                     # what only comes out of it, said as a kind of output: 'notify only', 'notifications only, no execution',
                     # 'signals only - no live trading'
                     r"(?:notify|notifications?|alerts?|e-?mails?|order lists?|paper orders?|manual (?:execution|trading|orders)) ?[- ]?only"
                     r"(?: mode)?"
                     r"(?:[,;]? (?:and )?(?:no|without) (?:auto[- ]?(?:trading|execution)|automatic (?:trading|execution)|(?:order )?execution|"
                     r"live (?:trading|orders)))?(?! (?:costs?|fees?|slippage|price))",
                     r"(?:no|without) (?:auto[- ]?execution|automatic execution|live (?:trading|orders))(?! (?:costs?|fees?|slippage|price))",
                     # the machine said not to trade, and what it does instead: 'bot does NOT trade, it just posts the
                     # orders here', "the EA won't place any orders, it only lists them"
                     r"(?:the |my |our )?(?:bot|ea|system|robot|algo|program|strategy) (?:does not|doesn'?t|won'?t|will not|must not|"
                     r"should not|shouldn'?t|never|may not|can'?t|cannot) (?:trades?|executes?|places? (?:any |the )?(?:orders|trades)|"
                     r"send (?:any |the )?orders(?: to the (?:market|broker))?)(?: (?:itself|by itself|on its own|automatically))?"
                     r"(?:,? (?:it )?(?:just |only )?(?:posts|sends|shows|lists|e-?mails|pushes|drops)(?: me)? (?:the (?:orders|trades|list)|"
                     r"them)(?: (?:here|to me|in (?:the|this) (?:channel|chat|group)))?)?",
                     # the machine told only to put the orders forward: 'the ea should only suggest the trades', 'it
                     # proposes, i approve', "don't execute, just email me"
                     r"(?:(?:the (?:ea|bot|system|strategy|robot|algo)|it) (?:should |shall |must |will |may )?(?:only |just )?|(?:only|just) )"
                     r"(?:suggests?|proposes?|recommends?)(?: (?:the )?(?:trades|orders))?(?= ?[,.;!]|$| and\b)",
                     r"(?:don'?t|do not|never) (?:execute|place|submit|send)(?: (?:them|the (?:orders|trades)))?(?= ?[,.;!]|$)",
                     r"(?:just )?(?:send|e-?mail|forward|pass|give|text|message) (?:the |all )?(?:orders|trades) to me(?= ?[,.;!]|$)",
                     r"just (?:e-?mail|text|ping|message|notify) me(?= ?[.;!]|$)",
                     # the trader as the one who acts on the orders: "i'll approve them", "i'll click", 'and i will
                     # confirm each one myself', 'so i can ok them'; the clause ends there ("i'll confirm the weights
                     # later" is about something else)
                     r"(?:,? ?(?:and|so|then) )?(?:i'?ll|i will|i can|i'?d|i get to|i want to|i'?m going to|let me|i) "
                     r"(?:(?:approve|confirm|click|ok|okay|sign off(?: on)?|accept|press (?:the )?button)"
                     r"(?: (?:them|it|the (?:orders|trades)|(?:each|every|any) (?:1|asset|order|trade)|ok|okay|go|through|the button))?"
                     # placing them is the trader's only with the orders named ("i'll execute it" may be running the EA)
                     r"|(?:execute|place|send|submit) (?:them|the (?:orders|trades)))"
                     r"(?: (?:myself|manually|by hand|first|in the terminal|on (?:my|the) (?:phone|terminal|platform)))?"
                     r"(?= ?(?:[,.;!)]|$| and\b| before\b))",
                     rf"(?:don'?t|do not|never) trade {ON_ITS_OWN}",
                     r"(?:i )?(?:don'?t|do not) want (?:it|the ea|the strategy|rbl) to (?:buy or sell|trade|place (?:orders|trades)|"
                     r"execute (?:anything|trades|orders))(?: anything)?(?: (?:by itself|on its own|automatically|itself))?",
                     r"(?:just )?tell me what to (?:trade|buy and sell|buy or sell|do)",
                     r"(?:don'?t|do not|never) trade (?:automatically|on (?:your|its) own|by itself)",
                     r"send (?:me )?the (?:orders|trades)(?: to me)? for (?:my )?(?:approval|review)",
                     r"(?:so (?:that )?)?i can (?:review|approve|check|confirm|sign off on|ok|okay) (?:the |each |every |all )?"
                     r"(?:orders|trades)(?: first| before they go in)?"))
EXECUTION_ENGLISH = {
    ("close", "next_open"): "decides at the close and trades at the next open",
    ("close", "close"): "decides and trades at the close",
}

# ---- asset classes: the words traders use for a sleeve -------------------------------------
# phrase regex -> (asset name, bundled data column, broker symbol); longest phrases first.
ASSET_CLASSES: tuple[tuple[str, str, str, str], ...] = (
    (r"international (?:stocks|equities)|intl (?:stocks|equities)|foreign (?:stocks|equities)", "INTL", "INTL", "EFA.US"),
    (r"intermediate(?:[- ]term)? (?:treasuries|treasurys|bonds)", "MIDBONDS", "UST5", "IEI.US"),
    (r"long(?:[- ]term)? (?:treasuries|treasurys|bonds)", "LONGBONDS", "UST20", "TLT.US"),
    (r"t-?bills|treasury bills", "TBILL", "TBILL", "BIL.US"),
    (r"(?:us |u\.s\. )?(?:stocks|equities)", "STOCKS", "SPY", "SPY.US"),
    # 'treasuries' alone is left out: it spans T-bills (cash-like) to 30-year bonds, so the reader asks which
    (r"bonds|fixed[- ]income", "BONDS", "UST10", "IEF.US"),
    (r"gold", "GOLD", "GOLD", "XAUUSD"),
    (r"commodities", "COMMOD", "COMMOD", "DBC.US"),
    (r"reits|real estate", "REIT", "REIT", "VNQ.US"),
)
CASH_NAME = "CASH"


def plain_number(value: float, exponent: int = 0) -> str:
    """A stored value as the trader wrote it: 0.075 with exponent 2 -> '7.5' (no float noise)."""
    text = number(value, exponent)
    return "0" if text in ("-0", "") else text


def english_quantity(value: float, unit: Unit, currency: str = "USD", adjective: bool = False) -> str:
    """A quantity in words: 0.05 pp -> '5 percentage points'; 60 bars as adjective -> '60-day'."""
    if unit is Unit.MONEY:
        return f"{plain_number(value)} {currency}"
    exponent = UNIT_RBL[unit][1]
    noun, adj = UNIT_ENGLISH[unit]
    text = plain_number(value, exponent)
    if text == "1" and not adjective and noun.endswith("s"):
        noun = noun[:-1]
    return f"{text}{adj if adjective else noun}"


def calendar_phrase(rbl: str) -> Phrase | None:
    return next((p for p in CALENDAR if p.rbl == rbl), None)
