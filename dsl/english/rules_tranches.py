"""Offline translator rules for tranches: a decision's orders spread over N trading days (`trade over N bars`)."""

from __future__ import annotations

from rbl.dsl.english.reader import Reader

MAX_TRANCHES = 250                     # docs/language.md: `trade over N bars`, N from 1 to 250
DAYS_IN = {"day": 1, "session": 1, "week": 5, "month": 21}
# Not 'steps', 'parts' or 'pieces': '10 steps' of a swept parameter, '3 parts' of a portfolio are no tranches.
PIECES = r"(?:tranches?|slices?|clips?|instal?lments?|chunks?)"
SPREAD = (r"(?:(?:spread|split|stagger|scale|leg|phase|execute|trade|slice)(?:s|ed|d|ing)?(?: in| out)?"
          r"(?: (?:the|each|every|all|its|my|our) )?(?: ?(?:trades?|orders?|rebalances?|rebalancing))?"
          r"|(?:will be |is to be |are to be |should be |shall be |must be |is |are )(?:spread|split|staggered|executed|traded|worked|sliced|"
          r"carried out)"
          r"|scal(?:e|ed|ing) into (?:the )?(?:new )?(?:weights|targets?|positions|allocation)"
          r"|(?:the |each |every )?(?:trades?|orders?|rebalances?|rebalancing) (?:is |are |gets |get |be )?"
          r"(?:spread|split|staggered|executed|traded|done|carried out|worked|sliced))")
HOW = (r"(?: (?:out|gradually|evenly|equally|slowly|in pieces|bit by bit|in (?:equal |even )?(?:slices|tranches|pieces|parts|chunks"
       r"|clips|instal?lments)))?")
AT_ONCE = (r",? (?:instead of|rather than|not)(?: doing it| trading)?(?: all)? (?:at once|in (?:1|one) (?:day|go))"
           # '4 slices instead of 1', 'in five daily instalments rather than in a single day'
           r"|,? (?:instead of|rather than) (?:(?:in|on|at) )?(?:1|one|a single)(?: (?:day|go|trade|order|slice|block))?(?![\w-])")
AT_ONCE = rf"(?:{AT_ONCE})"
# 'we'd prefer not to rebalance in one go', 'don't dump your whole rebal in one candle' (or 'into one close'), 'I hate the idea of dumping
# everything on one day's price': the wish for tranches said by what it avoids; it gives no count of its own.
NOT_IN_ONE = (r"(?:(?:(?:we|i)'?d (?:prefer|rather|like) |(?:we |i )?(?:want|prefer) )?(?:not|never|don'?t|do not)(?: to)? "
              r"|(?:(?:i |we )?hate the idea of|(?:we |i )?(?:want to |prefer to )?avoid|instead of|rather than) )"
              r"(?:dump(?:s|ing)?|put(?:s|ting)?|rebalanc(?:e|ing)|trad(?:e|ing)|execut(?:e|ing)|do(?:ing)? it|mov(?:e|ing))"
              r"(?: (?:the |your |my |our |its )?(?:whole |entire |full )?(?:rebalances?|trades?|orders?|everything|it|positions?)(?: all)?)?"
              r" (?:in|into|on|at|with) (?:1|a single) (?:go|candle|bar|shot|block|trade|order|close|print|auction|"
              r"(?:day|session)(?:'s (?:price|close))?)"
              r"(?![\w-])")
# Why orders are spread ('so I don't eat the spread', 'to limit market impact'): no fact beside a count of tranches.
WHY = (r"(?:,? ?(?:so (?:that )?(?:we|i|it|you) (?:don'?t|do not|won'?t|will not) (?:eat|pay|cross) (?:the )?spreads?"
       r"|so (?:that )?(?:we|i|it|you) (?:don'?t|do not|won'?t|will not) (?:move|nuke|push|hit|wreck|crush|spook) (?:the )?"
       r"(?:prices?|markets?|book|order ?book)"
       r"|(?:(?:because|as|since) )?(?:i am|i'?m|we are|we'?re) (?:afraid|worried|scared|nervous) (?:of|about) (?:moving|"
       r"pushing|hitting) (?:the )?(?:prices?|markets?)(?:,? so(?: please)?)?"
       r"|(?:in order )?to (?:reduce|limit|cut|lower|minimi[sz]e|soften) (?:the )?(?:market )?(?:impact|slippage)))(?![\w-])")
FEW = r"(?:a few|several|some|a couple of|multiple|a number of)"


def read_tranches(r: Reader) -> None:
    """'in 5 daily tranches', 'spread the trades over a week', 'split each rebalance into 3 slices'."""
    pieces = r.take_one(rf"{SPREAD} (?:into|in) (?P<n>\d+) (?:pieces|parts|chunks|slices|tranches|orders) over (?P=n) (?:trading )?"
                        rf"days?")       # '4 pieces over 4 days': one a day
    if pieces:
        set_tranches(r, int(pieces.group("n")))
        _take_wish(r)
        return
    m = (r.take_one(rf"(?:{SPREAD} )?(?:(?:in|into|over|across|using|with|as) )?(?P<n>\d+) (?:equal )?(?P<every>daily |trading-day |day |weekly |monthly )?"
                    rf"{PIECES}(?:{AT_ONCE})?")
         or r.take_one(rf"{SPREAD}{HOW} (?:over|across|during) (?:the (?:next )?)?(?P<count>\d+|a|an|1)(?: (?:trading |business )?"
                       rf"(?P<unit>day|week|month|bar|session)s?|-(?P<unit2>day|week|month))(?: (?:equally|evenly))?(?:{AT_ONCE})?")
         or r.take_one(rf"{SPREAD} into (?P<n>\d+) (?:trading |business )?(?:days|sessions)(?: (?:equally|evenly))?"))
    if m is None:
        _ask_count(r)
        return
    every = (m.groupdict().get("every") or "").strip()
    if every in ("weekly", "monthly"):
        r.ask(f"Tranches are one per trading day: should the {m.group('n')} {every} tranches be {m.group('n')} daily "
              "tranches (say 'in N daily tranches')?", phrase=m.group().strip())
        return
    bars = int(m.group("n")) if m.groupdict().get("n") else _bars(r, m.group("count"), m.group("unit") or m.group("unit2"))
    set_tranches(r, bars)
    _take_wish(r)


def set_tranches(r: Reader, bars: int) -> None:
    """`trade over N bars`, said; more than the language allows is a question (the offline reader and intent mode)."""
    if not 1 <= bars <= MAX_TRANCHES:
        r.ask(f"Trades can be spread over at most {MAX_TRANCHES} trading days; over how many should each rebalance "
              "be spread?")
        return
    r.draft.tranches = bars
    r.assume(f"each rebalance's orders spread over {bars} trading days, one slice a day (the last slice trades the "
             "rest)")


def _bars(r: Reader, count: str, unit: str) -> int:
    n = 1 if count in ("a", "an") else int(count)
    bars = n * DAYS_IN.get(unit, 1)
    if unit in ("week", "month"):
        r.assume(f"{n} {unit}{'s' if n != 1 else ''} read as {bars} trading days")
    return bars


def _take_wish(r: Reader) -> None:
    """'not in one go' beside a count of tranches only restates it; alone it is a question (`_ask_count`)."""
    if r.draft.tranches:
        r.take(NOT_IN_ONE)
        r.take(WHY)


def _ask_count(r: Reader) -> None:
    """'in tranches', 'spread the trades out': a spread with no length is a question, never a guess."""
    m = r.find(rf"(?:in|into|over) (?:daily )?{PIECES}(?![\w-])|{SPREAD}(?: out| gradually| over time| slowly)(?![\w-])"
               rf"|{SPREAD}{HOW} (?:over|across|during) (?:the (?:next )?)?{FEW} (?:trading |business )?(?:days|sessions|bars)"
               rf"|{NOT_IN_ONE}"
               rf"|\b(?:leg|buy|scale|ease|phase|get) in(?: (?:gradually|slowly|over time|bit by bit|step by step))?(?:{AT_ONCE})?(?![\w-])")
    if m:
        phrase = m.group().strip()
        r.ask(f"Over how many trading days should each rebalance's trades be spread ('{phrase}'; for example 'in 5 "
              "daily tranches')?", phrase=phrase)
