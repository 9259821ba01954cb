"""The words of rbl, read from the grammar's terminals: keywords by role, units, functions and their signatures."""

from __future__ import annotations

import re
from functools import lru_cache

from rbl.dsl.ir import Unit
from rbl.dsl.lsp.functions import function_docs
from rbl.dsl.parser import _parser

# Terminals whose words are names or literals of the user, not words of the language.
_NOT_WORDS = {"NAME", "NUMBER", "INT", "STRING", "COMMENT", "_NL", "COMPARE"}

# What each function takes, as the calls check (dsl/check/calls.py) counts its arguments.
SIGNATURES: dict[str, str] = {
    "sma": "sma(series, window)", "ema": "ema(series, window)", "return": "return(series, window)",
    "vol": "vol(series, window)", "rsi": "rsi(series, window)", "percentile": "percentile(series, window)",
    "drawdown": "drawdown(portfolio) or drawdown(series, window)", "min": "min(a, b, ...)",
    "max": "max(a, b, ...)", "clamp": "clamp(x, lo, hi)", "abs": "abs(x)",
}

# What a unit means, for hover ("5pp" -> "5 percentage points: percentage points of portfolio weight ...").
UNIT_MEANINGS: dict[Unit, str] = {
    Unit.PP: "percentage points of portfolio weight (a drift from the target weight)",
    Unit.PERCENT: "percent (a weight, a return, or a level the context decides)",
    Unit.OF_TARGET: "percent of the asset's own target weight",
    Unit.BPS: "basis points (hundredths of a percent) of traded notional",
    Unit.BARS: "trading days (bars)", Unit.WEEKS: "weeks of 5 bars", Unit.MONTHS: "months of 21 bars",
    Unit.YEARS: "years of 252 bars", Unit.TIMES: "times (a plain factor)",
    Unit.MONEY: "an amount of money in the account currency", Unit.NONE: "a plain number",
}
# The units completion offers after a number, as they are written.
UNITS_WRITTEN: dict[str, Unit] = {"%": Unit.PERCENT, "pp": Unit.PP, "bps": Unit.BPS, "days": Unit.BARS,
                                  "weeks": Unit.WEEKS, "months": Unit.MONTHS, "years": Unit.YEARS,
                                  "x": Unit.TIMES, "% of target": Unit.OF_TARGET}


def unit_meaning(unit: Unit) -> str:
    return UNIT_MEANINGS.get(unit, unit.value)


def _regex_words(pattern: str) -> list[str]:
    """The literal alternatives of a keyword regex: '(?:sma|ema)\\b' -> ['sma', 'ema']."""
    text = re.sub(r"\\d\+\([^)]*\)", "", pattern)          # '1st', '2nd': a number, not a word
    text = text.replace("\\b", "").replace("\\ ", " ")
    pieces = re.split(r"[()|?:]+", text)
    return [p for p in pieces if re.fullmatch(r"[A-Za-z%][A-Za-z %]*", p)]


@lru_cache(maxsize=1)
def terminal_words() -> dict[str, tuple[str, ...]]:
    """Terminal name -> the words it matches, for every terminal of the grammar that is made of words."""
    out: dict[str, tuple[str, ...]] = {}
    for terminal in _parser().terminals:
        if terminal.name in _NOT_WORDS or terminal.name.startswith("__IGNORE"):
            continue
        value = terminal.pattern.value
        words = [value] if type(terminal.pattern).__name__ == "PatternStr" else _regex_words(value)
        if words:
            out[terminal.name] = tuple(sorted(set(words)))
    return out


def keywords() -> set[str]:
    """Every word of the language (letters only): the keywords, functions, series, units, calendar words."""
    return {w for words in terminal_words().values() for w in words if re.fullmatch(r"[A-Za-z][A-Za-z ]*", w)}


def is_name(text: str) -> bool:
    """A NAME of the grammar that no keyword claims."""
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) is not None and text not in keywords()


def function_help(name: str) -> str:
    """The signature and the documented definition of a function, in Markdown."""
    rows = function_docs().get(name, [])
    body = "\n".join(f"- {r}" for r in rows) or "see docs/semantics.md, Indicators"
    return f"```rbl\n{SIGNATURES.get(name, name)}\n```\n{body}"
