"""The offline translator's working state: the masked text, the draft, assumptions and questions."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from dataclasses import dataclass, field

from rbl.dsl.english.draft import Draft
from rbl.dsl.english.normalize import Normalized
from rbl.dsl.english.phrases import CALENDAR
from rbl.dsl.english.tickers import STAND_INS
from rbl.dsl.english.translation import Translation

NUM = r"(\d+(?:\.\d+)?)"
ASSET = r"@([A-Z][A-Z0-9_]*)"
SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s*/\s*|\s+(?:and|or|&)\s+|\s+(?=@))"       # 'SPY TLT GLD' too
LIST = rf"(@[A-Z][A-Z0-9_]*(?:{SEP}@[A-Z][A-Z0-9_]*)*)"
WINDOW = r"(\d+)[- ]?(day|week|month|year)s?"
BAND_UNIT = r"(%|pp| points?| percentage points?)"
CALENDAR_RE = "(" + "|".join(v for p in CALENDAR for v in p.variants) + ")"
MASK = "\u00a6"


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> re.Pattern:
    """The rules use more distinct patterns than `re` caches (512), so a case would compile most of them again."""
    return re.compile(pattern)


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def names_in(listing: str) -> list[str]:
    return re.findall(r"@([A-Z][A-Z0-9_]*)", listing)


def split_question(numbers: list[str], members: list[str]) -> str:
    """A split whose parts do not match the assets: with none named, which assets; with some named, each one's weight
    ('60/40 across SPY, EFA and AGG' may mean 60 shared by two of them, or another split)."""
    split = "/".join(numbers)
    if not members:
        return f"Which {len(numbers)} assets does the {split} split apply to (say which assets, in the split's order)?"
    return (f"The {split} split has {len(numbers)} parts but the text names {len(members)} assets ({', '.join(members)}); "
            f"what target weights should they have (say each one's percent)?")


def window(n: str, unit: str) -> str:
    """'60', 'day' -> '60 days' (the .rbl spelling of a lookback)."""
    return f"{n} {unit}s" if n != "1" else f"1 {unit}"


def calendar_of(phrase: str) -> str:
    """The .rbl calendar rule a matched English phrase stands for."""
    for entry in CALENDAR:
        if any(re.fullmatch(v, phrase.strip()) for v in entry.variants):
            return entry.rbl
    raise ValueError(f"no calendar phrase matches {phrase!r}")


@dataclass
class Reader:
    """Rules `take` the phrases they understand; what no rule took is reported as unplaced."""

    norm: Normalized
    draft: Draft = field(default_factory=Draft)
    assumptions: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)     # questions asked only when everything else is read
    signals: set[str] = field(default_factory=set)       # assets used only inside expressions
    flags: set[str] = field(default_factory=set)
    leverage: str | None = None
    band_topic: bool = False                               # a drift band is spoken of, sized or not
    ranges: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # per asset, until the targets are known
    spacing: str | None = None                             # 'bars since rebalance >= 20', and-ed to the rule
    bare_percents: list[Decimal] = field(default_factory=list)  # bands said '5%', read as points: checked against the targets
    band_examples: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # 'so GLD may go from 16% to 24%'
    # 'with a 25% target that means outside 20%-30%': (the target said, low, high), of no asset named
    target_examples: list[tuple[Decimal, Decimal, Decimal]] = field(default_factory=list)
    trade_examples: list[tuple[str, Decimal, Decimal, Decimal | None]] = field(default_factory=list)  # "so GLD at 44 goes to 43"
    # 'so gold would trigger at 5 points', 'so 25% of 25% = 6.25pp': (asset or None, width, the target said or None)
    width_examples: list[tuple[str | None, Decimal, Decimal | None]] = field(default_factory=list)
    shared_band: str | None = None                         # 'any asset drifts 5pp' beside per-asset bands
    unplaced: list[str] = field(default_factory=list)      # words no rule took, kept for a sleeved description
    loose_at: list[tuple[int, str]] = field(default_factory=list)  # where each meaningful word no rule took stands
    frames: dict[str, str] = field(default_factory=dict)   # question -> the sentence its answer completes
    phrases: dict[str, str] = field(default_factory=dict)  # question -> the English words an answer replaces
    text: str = ""

    def __post_init__(self) -> None:
        self.text = self.norm.text

    def take(self, pattern: str) -> list[re.Match]:
        """Every match of `pattern` in the text not yet taken; the matched text is masked out."""
        matches = list(compiled(pattern).finditer(self.text))
        for m in matches:
            self.text = self.text[:m.start()] + MASK * (m.end() - m.start()) + self.text[m.end():]
        return matches

    def find(self, pattern: str) -> re.Match | None:
        """The first match of `pattern` in the text not yet taken, without taking it."""
        return compiled(pattern).search(self.text)

    def mask(self, m: re.Match) -> None:
        self.mask_span(m.start(), m.end())

    def mask_span(self, start: int, end: int) -> None:
        self.text = self.text[:start] + MASK * (end - start) + self.text[end:]

    def take_one(self, pattern: str) -> re.Match | None:
        """The first match of a fact said once; said again with other numbers ('a 3pp band and a 6pp band') it is a
        question, never the first one silently."""
        matches = self.take(pattern)
        if not matches:
            return None
        first = _numbers(matches[0].group())
        other = next((m for m in matches[1:] if first and _numbers(m.group()) not in ([], first)), None)
        if other:      # asked once the rest is read, after any question about a phrase the reader could not place
            said = [m.group().replace("@", "").strip(" ,.;") for m in (matches[0], other)]
            doubt = f"The text says '{said[0]}' and also '{said[1]}'; which one is meant?"
            self.doubts += [doubt] if doubt not in self.doubts else []
        return matches[0]

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)

    def ask(self, question: str, frame: str | None = None, phrase: str | None = None) -> None:
        """One question per fact; `frame` ('... drifts more than {}.') makes a short answer a sentence;
        an answer replaces `phrase` (normalized words of the text) when it is given."""
        if question not in self.questions:
            self.questions.append(question)
        if frame:
            self.frames[question] = frame
        if phrase:
            self.phrases[question] = phrase

    def asking(self) -> Translation:
        """The first question, with the frame its answer completes and the assumptions so far."""
        question = self.questions[0]
        return Translation(question=question, frame=self.frames.get(question), phrase=self.phrases.get(question),
                           assumptions=self.assumptions)

    def band(self, number: str, unit: str) -> str:
        """A band as written in English -> .rbl; a bare % is read as percentage points, and said so."""
        if unit.strip() == "%":
            self.bare_percents.append(Decimal(number))
            points = "percentage point" if number == "1" else "percentage points"
            self.assume(f"{number}% read as {number} {points}, not {number}% of the target")
        return f"{number}pp"

    def universe(self) -> list[str]:
        """The assets named in the text (cash aside), in order of first mention."""
        names = [n for n in self.norm.assets if n != "CASH"]
        return sorted(names, key=lambda n: re.search(rf"@{n}\b", self.norm.text).start())

    def read_same_data(self, one: str, other: str) -> bool:
        """Do two assets read the same data ('gold' and GLD, which the bundled data stands in for with its column)?"""
        return self._data_column(one) == self._data_column(other)

    def _data_column(self, name: str) -> str:
        asset = self.norm.assets.get(name)
        return STAND_INS.get(name, (asset.column if asset else name,))[0]

    def held(self) -> list[str]:
        return [n for n in self.universe() if n not in self.signals]
