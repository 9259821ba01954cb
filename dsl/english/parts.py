"""A description split into named parts ('70% core ..., a 30% satellite ...'): each part's share and text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rbl.dsl.english.reader import MASK

SHARE = r"(?P<share>\d+(?:\.\d+)?)"
NOUN = r"(?:core|satellite|sleeve|bucket|part|portion)"
KIND = r"(?: (?:sleeve|bucket|part|portion)(?![\w-]))?"
WORD = r"(?:[a-z][a-z0-9_]*(?:-[a-z][a-z0-9_]*)*|@[A-Z][A-Z0-9_]*)"     # 'liability-matching' too
# '70% core', '80% in a core bucket', '30% to the momentum sleeve', '40% goes into sleeve b'
SHARE_FIRST = (rf"(?<![\w/.-]){SHARE}%,? (?:(?:goes |is )?(?:in|into|to|for|as) )?(?:an? |the )?(?:(?P<pre>{WORD}) )?"
               rf"(?P<noun>{NOUN})(?![\w-]){KIND}(?: (?P<post>[a-z0-9])(?![\w-]))?")
# 'core (70%):', 'the satellite is 30%', 'sleeve a 60%', 'income bucket at 25%'
NOUN_FIRST = (rf"(?<![\w-])(?:(?P<pre>{WORD}) )?(?P<noun>{NOUN})(?![\w-]){KIND}(?: (?P<post>[a-z0-9])(?![\w-]))?"
              rf"(?:,| is| gets| at| of| with| =|:| takes)* ?{SHARE}%(?![\w/.])(?! ?(?:in |of |to |into )?@)"
              rf"(?! (?:in |of |to )?(?:an? |the )?(?:{WORD} )?{NOUN}(?![\w-]))")
# 'the rest in a satellite', 'the remaining 30% goes to the satellite'
REST = (rf"(?<![\w-])(?:the )?(?:rest|remainder|remaining(?: {SHARE}%)?|balance)(?: (?:goes|is))? (?:in|into|to|for|as) "
        rf"(?:an? |the )?(?:(?P<pre>{WORD}) )?(?P<noun>{NOUN})(?![\w-]){KIND}(?: (?P<post>[a-z0-9])(?![\w-]))?")
# 'split 70/30 between a core and a satellite': the shares first, the parts named after them
UP_FRONT = r"(?P<split>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)(?: split)? (?:between|across|among|into) "
NAME_LIST = rf"(?:(?:,? and |, )?(?:an? |the )?(?:{WORD} )?{NOUN})+"
ARTICLES = frozenset({"a", "an", "the", "in", "into", "to", "of", "and", "with", "for", "as", "is", "goes", "each",
                      "my", "our", "its", "one", "other", "second", "first", "this", "that", "which", "then"})
# Words only the rule between the parts uses: the parts themselves and moving money among them.
PARENT_WORDS = (r"(?<![\w-])(?:core[- ]satellite|the 2|sleeves|buckets|parts|portions|either|both|between|among|split|"
                r"shares?|mix|money|bring|reset|restore|realign|scale|move|shift|drifts? apart|2 sleeves|"
                r"2 buckets|2 parts|core|satellite|sleeve|bucket|part|portion)(?![\w-])")
PARENT_SENTENCE = (r"(?<![\w-])(?:the 2(?! @)|sleeves|buckets|parts|portions|either|both|between the|among the|"
                   r"core and (?:the )?satellite|the split|(?:each|every|any) (?:sleeve|bucket|part|portion))(?![\w-])")


@dataclass
class Part:
    """One named part: its sleeve name, share as written ('70', or None for 'the rest') and its own words."""

    name: str
    share: Decimal | None
    text: str = ""


@dataclass
class Layout:
    """The parts in order, and the words about the whole (the rule between the parts, costs, ...)."""

    parts: list[Part]
    parent: str


def find_parts(text: str) -> Layout | None:
    """The named parts of normalized text, or None when it names fewer than two parts with a share."""
    text = _shares_up_front(_share_list_up_front(text))
    markers = _markers(text)
    if len(markers) < 2:
        return None
    parent = [text[:markers[0][0]]]
    parts = []
    for number, (start, end, part) in enumerate(markers):
        stop = markers[number + 1][0] if number + 1 < len(markers) else len(text)
        own, about_all = _split_clauses(text[end:stop])
        part.text, parent = own, parent + about_all
        parts.append(part)
    _unique_names(parts)
    return Layout(parts, " ".join(parent))


_SHARED_PART = rf"(?:an? |the )?(\d+(?:\.\d+)?)% ((?:{WORD} )?{NOUN})"
SHARE_LIST = rf"{_SHARED_PART}(?:(?:,? and |, ){_SHARED_PART})+(?=[.;:])"


def _share_list_up_front(text: str) -> str:
    """'a 70% core and a 30% satellite. The core holds ... The satellite holds ...': the same as '70/30 between a
    core and a satellite', when each part is described again later by its name."""
    m = re.search(SHARE_LIST, text)
    if m is None:
        return text
    pairs = re.findall(_SHARED_PART, m.group())
    later = text[m.end():]
    if not all(re.search(rf"(?<![\w-])the {re.escape(name)}(?![\w-])", later) for _, name in pairs):
        return text
    names = " and ".join(f"a {name}" for _, name in pairs)
    return f"{text[:m.start()]}{'/'.join(share for share, _ in pairs)} between {names}{text[m.end():]}"


def _shares_up_front(text: str) -> str:
    """'70/30 between a core and a satellite. The core holds ...' -> '... the core 70% holds ...'."""
    m = re.search(UP_FRONT, text)
    if m is None:
        return text
    shares = m.group("split").split("/")
    nouns = list(re.finditer(rf"(?<![\w-]){NOUN}(?![\w-])", text[m.end():]))[:len(shares)]
    if len(nouns) != len(shares):
        return text
    listed = re.fullmatch(NAME_LIST, text[m.end():m.end() + nouns[-1].end()])
    text = text[:m.start("split")] + MASK * len(m.group("split")) + text[m.end("split"):]
    for noun, share in reversed(list(zip(nouns, shares))):
        at = m.end() + noun.end()
        if listed:       # the parts are described after the list that names them
            later = re.search(rf"(?<![\w-]){noun.group()}(?![\w-])", text[m.end() + nouns[-1].end():])
            at = m.end() + nouns[-1].end() + later.end() if later else at
        text = f"{text[:at]} {share}%{text[at:]}"
    return text


def _markers(text: str) -> list[tuple[int, int, Part]]:
    found, masked = [], text
    for pattern in (SHARE_FIRST, REST, NOUN_FIRST):
        for m in re.finditer(pattern, masked):
            share = Decimal(m.group("share")) if m.group("share") else None
            found.append((m.start(), m.end(), Part(_name(m), share)))
            masked = masked[:m.start()] + MASK * (m.end() - m.start()) + masked[m.end():]
    return sorted(found, key=lambda marker: marker[0])


def _name(m: re.Match) -> str:
    """'core' and 'satellite' name themselves; a 'momentum bucket' is 'momentum', 'sleeve b' 'sleeve_b', a
    'liability-matching sleeve' 'matching' (its last word: a name has no hyphen)."""
    pre, noun, post = m.group("pre"), m.group("noun"), m.group("post")
    if post:
        return f"{noun}_{post}"
    last = pre.lstrip("@").lower().split("-")[-1] if pre else None
    if last and last not in ARTICLES:
        return last
    return noun


def _split_clauses(text: str) -> tuple[str, list[str]]:
    """A part's first sentence is its own; a later sentence about the parts is the rule between them."""
    sentences = re.split(r"(?<=[.;])\s+", text)
    clauses = sentences[0].split(", ")
    first = next((i for i, c in enumerate(clauses) if i and re.search(PARENT_SENTENCE, c)), len(clauses))
    own, about_all = [", ".join(clauses[:first])], [", ".join(clauses[first:])]
    for sentence in sentences[1:]:
        (about_all if re.search(PARENT_SENTENCE, sentence) else own).append(sentence)
    return " ".join(own), about_all


def _unique_names(parts: list[Part]) -> None:
    seen: dict[str, int] = {}
    for part in parts:
        seen[part.name] = seen.get(part.name, 0) + 1
    counters: dict[str, int] = {}
    for part in parts:
        if seen[part.name] > 1:
            counters[part.name] = counters.get(part.name, 0) + 1
            part.name = f"{part.name}_{counters[part.name]}"
