"""English comparisons of prices and indicators ("its 50-day SMA is above its 200-day SMA") -> .rbl."""

from __future__ import annotations

import re

from rbl.dsl.english.phrases import COMPARE, INDICATOR_WORDS
from rbl.dsl.ir.base import CompareOp
from rbl.dsl.english.reader import window

NAME = r"@[A-Z][A-Z0-9_]*"
GT, LT = COMPARE[CompareOp.GT].variants[1], COMPARE[CompareOp.LT].variants[1]
FLIPPED = {">": "<=", "<": ">="}
_INDICATOR = "|".join(INDICATOR_WORDS.values())
_VERB = r"(?:is |stays |trades |closes |closed |remains |holds |'s )?"


def _indicator(tag: str) -> str:
    # 'above its own 200-day SMA': the asset's own indicator, as 'its' says
    return (rf"(?:(?P<{tag}a>{NAME})(?:'s)?(?: own)? |its (?:own )?|their (?:own )?|the )?(?P<{tag}n>\d+)[- ]?(?P<{tag}u>day|week|month|year)s? "
            rf"(?P<{tag}i>{_INDICATOR})\b(?: (?:of|on|for|in) (?P<{tag}o>{NAME}))?")     # 'the 21-day vol of SPY' too


_PRICE = rf"(?:(?P<lp>{NAME})(?:'s (?:price|close))?|(?:its|their|the) (?:closing )?(?:price|close)|it'?s|it is|it|price)"
# 'beats', 'outperforms': only a return against a return (a cash proxy's, say), never a price.
BEATS = r"beats?|outperforms?|(?:does |is )?better than|(?:is )?ahead of"
CONDITION = (rf"(?:{_indicator('l')}|{_PRICE}) {_VERB}(?:(?P<gt>{GT})|(?P<lt>{LT})|(?P<beats>{BEATS})) "
             rf"(?:{_indicator('r')}|(?P<num>\d+(?:\.\d+)?)(?P<pct>%)?|(?:that of |the return of )?(?P<rp>{NAME})(?!'s \d))")


# What a cash proxy stands for, said right after it ('more than BIL (the t-bills)', 'above BIL, which I use as my T-bill
# proxy'): no asset or rule of its own.
PROXY_SAID = (r",? \(?(?:the |my |our )?(?:@TBILL|t-?bills?|@CASH(?: proxy)?)(?: proxy)?\)?(?=[.,;!?]|$)"
              r"|,? (?:which|that) (?:i|we) (?:use|take|treat) as (?:my|our|the|a) (?:@TBILL |t-?bills? |@CASH )?"
              r"(?:proxy|stand-?in|yardstick|hurdle|benchmark)(?: for (?:@TBILL|t-?bills?|@CASH))?(?=[.,;!?]|$)")


def drop_proxy_name(r, said: str) -> None:
    """'T-bills' read as an asset only where it names the proxy (`said`): no asset of the strategy."""
    if "@TBILL" in said and r.norm.text.count("@TBILL") == 1:
        r.norm.assets.pop("TBILL", None)


def function_of(word: str) -> str:
    """The .rbl function an indicator word names ('moving average' -> 'sma')."""
    return next(fn for fn, words in INDICATOR_WORDS.items() if re.fullmatch(words, word))


def subject_of(m: re.Match) -> str | None:
    """The asset the condition is about, when named ('SPY's 50-day SMA'), else None (each asset)."""
    named = m.group("la") or m.group("lo") or m.group("lp")
    return named[1:] if named else None


def condition_rbl(m: re.Match, subject: str | None) -> str | None:
    """The .rbl comparison a CONDITION match stands for; None when it compares unlike things."""
    series = subject or "price"
    left_fn = function_of(m.group("li")) if m.group("li") else None
    left = f"{left_fn}({series}, {window(m.group('ln'), m.group('lu'))})" if left_fn else series
    if m.group("beats") and left_fn != "return":
        return None
    right = _right(m, series, left_fn)
    if right is None:
        return None
    return f"{left} {'<' if m.group('lt') else '>'} {right}"


def _right(m: re.Match, series: str, left_fn: str | None) -> str | None:
    if m.group("ri"):
        other = (m.group("ra") or m.group("ro") or "@" + series)[1:]
        return f"{function_of(m.group('ri'))}({other}, {window(m.group('rn'), m.group('ru'))})"
    if m.group("num"):
        if left_fn == "rsi":
            return f"{m.group('num')}%"
        return f"{m.group('num')}%" if left_fn in ("return", "vol") and m.group("pct") else None
    if m.group("rp") and left_fn is None:
        return m.group("rp")[1:]
    if m.group("rp") and left_fn == "return":       # 'its 12-month return beats BIL': the same window
        return f"return({m.group('rp')[1:]}, {window(m.group('ln'), m.group('lu'))})"
    return None


def flipped(condition: str) -> str:
    """The comparison that holds exactly when `condition` does not ('a > b' -> 'a <= b')."""
    left, op, right = re.fullmatch(r"(.+?) ([<>]) (.+)", condition).groups()
    return f"{left} {FLIPPED[op]} {right}"
