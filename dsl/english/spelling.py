"""Misspelt words read as the word meant ('secter etfs' -> 'sector etfs', 'liquidate everyting' -> 'everything').

A word is respelt only when it is no English word (pyspellchecker's English frequency list, 160k words, says so), is one
edit (a letter dropped, added, changed or two swapped) from exactly one word traders write to rbl (the dev set's
English) with the same first letter, and is no clipped word ('strat', 'alloc') or trader word with an ending
('rebalancer'). 'weakly' stays 'weakly' (an English word); a word no trader word is one edit from, or two are ('mondy':
'monday' or 'money'), stays as written, so the reader asks about it by name. Every respelling is said back.
"""
from __future__ import annotations

import re
import string
from collections import Counter
from functools import cache

from rbl.dsl.english.evalset import DEFAULT_PATH

# Shorter words are one edit from too many others ('sel' -> 'sell', 'set', 'sea'): left as written.
_SHORTEST = 5
# A dev word used fewer times may itself be a typo a writer left in.
_LEAST_USES = 3
# A dev word no dictionary knows, one edit from a word used this many times as often, is a typo ('rebalnce'), no target.
_TYPO_RATIO = 10
# A trader word with an ending is a word of its own, no typo ('rebalancer', 'breacher', 'drawdowns').
_ENDINGS = ("s", "es", "r", "rs", "er", "ers", "d", "ed", "ing", "ly")
# A lowercase word: not a tagged ticker ('@SPY'), a column or symbol name, a number or a web address.
_WORD = re.compile(r"(?<![\w@#$.'/\"-])[a-z]+(?![\w@'/\"-])")


@cache
def _trader_words() -> Counter[str]:
    """The words of the dev set's English, by how often traders wrote them."""
    said = " ".join(line for line in DEFAULT_PATH.read_text(encoding="utf-8").splitlines() if line.startswith(">"))
    counts = Counter({word: n for word, n in Counter(re.findall(r"[a-z]+", said.lower())).items() if n >= _LEAST_USES})
    unknown = {word for word in counts if not _english_words().known([word])}
    typos = {word for word in unknown if any(counts[near] >= _TYPO_RATIO * counts[word] for near in _one_edit(word) & counts.keys())}
    return Counter({word: n for word, n in counts.items() if word not in typos})


@cache
def _english_words():
    from spellchecker import SpellChecker        # loaded on first use: 0.3 s

    return SpellChecker(language="en", distance=1)


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in string.ascii_lowercase}
    added = {a + c + b for a, b in splits for c in string.ascii_lowercase}
    return (dropped | swapped | changed | added) - {word}


def is_word(word: str) -> bool:
    """Is `word` English or a word traders write (the dev set's)?"""
    return word in _trader_words() or bool(_english_words().known([word]))


@cache
def meant(word: str) -> str | None:
    """The trader word `word` misspells, or None when it is a word as written or no trader word is one edit away."""
    trader = _trader_words()
    if len(word) < _SHORTEST or word in trader or _english_words().known([word]):
        return None
    if any(word.endswith(ending) and word[:-len(ending)] in trader for ending in _ENDINGS):
        return None
    # a clipped word is shorthand ('strat', 'alloc', 'annualize' beside 'annualized'), not a typo
    if any(other.startswith(word) for other in trader):
        return None
    # a typo keeps the first letter; a brand may not ('ishares' is not 'shares')
    near = [w for w in _one_edit(word) & trader.keys() if w[0] == word[0]]
    # two trader words one edit away ('mondy': 'monday' or 'money'?) leave the word for the reader to ask about
    if len(near) != 1:
        return None
    return near[0]


def respell(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` (lowercased, tickers tagged) with each misspelt word read as the word meant, and the (typo, word) pairs."""
    respelt: list[tuple[str, str]] = []

    def fix(m: re.Match) -> str:
        word = meant(m.group())
        if word is None:
            return m.group()
        if (m.group(), word) not in respelt:
            respelt.append((m.group(), word))
        return word

    return _WORD.sub(fix, text), respelt
