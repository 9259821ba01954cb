"""The offline translator for a description in named parts: one sleeve per part, and the rule between them."""

from __future__ import annotations

import re
from decimal import Decimal

from rbl.dsl.english.draft import Draft, Sleeve
from rbl.dsl.english.normalize import Normalized
from rbl.dsl.english.offline import (ask_doubts, ask_schedule, check_universe, check_weights, declare_assets,
                                 refuse_or_ask, skip_stories, unplaced_words)
from rbl.dsl.english.parts import PARENT_WORDS, Layout, Part
from rbl.dsl.english.reader import Reader
from rbl.dsl.english.rules_bands import settle_bands
from rbl.dsl.english.rules_conditions import read_conditions
from rbl.dsl.english.rules_money import annualize_crypto, read_money
from rbl.dsl.english.rules_tranches import read_tranches
from rbl.dsl.english.rules_triggers import CALENDAR_RULES, read_triggers
from rbl.dsl.english.rules_weights import read_weights
from rbl.dsl.english.translation import Translation

BETWEEN_QUESTION = ("When should money move between the sleeves: on a schedule (for example 'quarterly') or when "
                    "a sleeve drifts from its share (for example 'when either sleeve drifts more than 5 percentage "
                    "points')?")
# Said of the whole: no money moves between the sleeves ('no rebalancing between them', 'the sleeves are never rebalanced
# against each other'): each sleeve drifts with its own returns, and there is no rule between them to ask about.
NO_RULE_BETWEEN = (r"(?:and |with )?(?:there is |there'?s |there will be )?no (?:rebalancing|rebalances?|money moving|moving money|"
                   r"transfers?|trades?) (?:between|among|across) (?:them|the (?:sleeves|buckets|parts|2|two)(?: sleeves| buckets)?)"
                   r"(?: (?:was|has been|is|were) agreed(?: at this stage| for now)?)?"
                   r"|(?:the )?(?:sleeves|buckets) (?:are|will be) never rebalanced (?:against|with|between) (?:each other|one another)")
# 'the 3rd trading day of each month': a calendar too, as the language writes it
NTH_DAY_RULE = r"\d+(?:st|nd|rd|th) trading day of (?:week|month|quarter|year)"
HOISTED = ("params", "lets", "states", "costs", "constraints", "settings", "bands")


def translate_sleeves(norm: Normalized, layout: Layout, draft: Draft) -> Translation:
    """Each part read as a strategy of its own, then the shares and the rule between the parts."""
    share_question = _share_question(layout.parts)      # first: 'the rest' takes its share
    parts = [(part, _read_part(part, norm)) for part in layout.parts]
    parent = _read_parent(layout, norm, draft)
    whole = Reader(_assets_of(norm, [r for _, r in parts] + [parent]), draft=draft)
    declare_assets(whole)
    whole.assumptions += [a for _, r in parts for a in r.assumptions] + parent.assumptions
    question = next((q for _, r in parts for q in r.questions), None) or share_question
    question = question or next(iter(parent.questions), None)
    if question:
        return Translation(question=question, assumptions=whole.assumptions)
    loose = [w for _, r in parts for w in r.unplaced] + parent.unplaced
    if loose:
        return refuse_or_ask(whole, loose)
    draft.sleeves = [_sleeve(part, r, draft) for part, r in parts]
    annualize_crypto(whole)
    return Translation(rbl=draft.render(), assumptions=whole.assumptions)


def _read_part(part: Part, norm: Normalized) -> Reader:
    """The part's words with the rules of a whole strategy; its questions name the sleeve."""
    assets = {n: a for n, a in norm.assets.items() if re.search(rf"@{n}\b", part.text)}
    r = Reader(Normalized(part.text, assets, "@CASH" in part.text), draft=Draft())
    skip_stories(r)         # a story or a figure told as history in a part is no fact of its sleeve
    # 'VT 70 / BNDW 30 (within the core)': the weights said to be the sleeve's own, which they are
    r.take(rf"\b(?:within|inside) (?:the |this |its )?(?:sleeve|bucket|pot|part|{re.escape(part.name)})\b")
    # a sleeve's own trades may be spread ('trade the satellite changes in 5 daily slices'); the rule between sleeves's not
    for rule in (read_tranches, read_conditions, read_money, read_triggers, read_weights, settle_bands):
        rule(r)
    r.unplaced = unplaced_words(r)
    if not r.questions and not r.unplaced:
        check_universe(r)
        _single_holding(r)
        check_weights(r)
        ask_schedule(r, f"How often should the {part.name} sleeve rebalance its own holdings: on a schedule (for "
                        "example 'monthly') or when a holding drifts from its target (for example 'when any "
                        "holding drifts more than 5 percentage points')?")
        ask_doubts(r)
    r.questions = [f"In the {part.name} sleeve: {q}" if not q.startswith("How often") else q for q in r.questions]
    r.assumptions = [f"{part.name} sleeve: {a}" for a in r.assumptions]
    return r


def _single_holding(r: Reader) -> None:
    """A part that names one asset and no weight holds all of its money in it ('a 15% gold sleeve, all GLD')."""
    draft, held = r.draft, r.held()
    if len(held) == 1 and not (draft.weights or draft.scheme or draft.branches):
        draft.weights = [(held[0], "100%")]
        r.assume(f"all of the sleeve in {held[0]}")


def _read_parent(layout: Layout, norm: Normalized, draft: Draft) -> Reader:
    """The words about the whole: the rule that moves money between the sleeves, costs and settings."""
    text = re.sub(r"\bof (?:its|their|the) (?:shares?|allocations?|weights?)\b", "of its target", layout.parent)
    assets = {n: a for n, a in norm.assets.items() if re.search(rf"@{n}\b", text)}
    r = Reader(Normalized(text, assets, "@CASH" in text), draft=draft)
    skip_stories(r)         # 'prior manager charged 1.25%; not relevant to the mandate': no cost of the whole
    _take_split(r, layout.parts)
    read_money(r)
    read_triggers(r)
    no_rule = r.take(NO_RULE_BETWEEN) or re.search(NO_RULE_BETWEEN, norm.text)     # said inside a part's sentence too
    r.take(PARENT_WORDS)
    # an asset named in the words about the whole, no rule reading it ('Only rebalance VTI. 80% core (VTI 70 / BND 30
    # ...)'): the sleeves hold the assets, so these words say how one of them trades
    r.unplaced = unplaced_words(r) + [f"@{name}" for name in re.findall(r"@([A-Z][A-Z0-9_]*)", r.text) if name != "CASH"]
    ask_doubts(r)
    if r.questions or r.unplaced:
        return r
    if no_rule and (r.draft.when or r.draft.check):
        r.ask("The text says no money moves between the sleeves and also gives a rule between them; which one is meant?")
        return r
    if no_rule:
        r.assumptions.append("between the sleeves: no money moves; each sleeve drifts with its own returns")
        return r
    ask_schedule(r, BETWEEN_QUESTION)
    r.assumptions = [a.replace("a breach trades every asset back to target",
                               "a sleeve past its band brings every sleeve back to its share, each keeping its "
                               "own mix") for a in r.assumptions]
    r.assumptions = [f"between the sleeves: {a}" for a in r.assumptions]
    return r


def _take_split(r: Reader, parts: list[Part]) -> None:
    """'back to 70/30' restates the shares; a different split is a question."""
    for m in r.take(r"(?<![\w/.])\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+(?![\w/])"):
        written = [Decimal(n) for n in m.group().split("/")]
        if written != [p.share for p in parts]:
            shares = "/".join(f"{p.share}" for p in parts)
            r.ask(f"The text gives the sleeves {m.group()} here but {shares} where it describes them; "
                  "which split is meant?")


def _share_question(parts: list[Part]) -> str | None:
    """The shares as written must add up to 100%; one part may take 'the rest'."""
    rest = [p for p in parts if p.share is None]
    given = sum((p.share for p in parts if p.share is not None), Decimal(0))
    if len(rest) == 1 and 0 < given < 100:
        rest[0].share = 100 - given
        return None
    if rest:
        return f"What share of the portfolio should {' and '.join(p.name for p in rest)} get?"
    if given != 100:
        listed = ", ".join(f"{p.name} {p.share}%" for p in parts)
        return f"The sleeves' shares add up to {given}% ({listed}), not 100%; what share should each sleeve have?"
    return None


def _assets_of(norm: Normalized, readers: list[Reader]) -> Normalized:
    used = {name for r in readers for name in r.norm.assets}
    assets = {n: a for n, a in norm.assets.items() if n in used}
    return Normalized(norm.text, assets, any(r.norm.cash_mentioned for r in readers))


def _sleeve(part: Part, r: Reader, draft: Draft) -> Sleeve:
    """The part's target and schedule as a sleeve; whatever else it says belongs to the whole file."""
    inner = r.draft
    for name in HOISTED:
        getattr(draft, name).extend(getattr(inner, name))
    draft.cash = draft.cash or inner.cash
    draft.execution = draft.execution or inner.execution
    draft.exposure = draft.exposure or inner.exposure       # refused by the checks, with its reason
    draft.to, draft.scope = draft.to or inner.to, draft.scope or inner.scope
    _calendar_as_check(inner)
    return Sleeve(part.name, f"{part.share}%", inner)


def _calendar_as_check(inner: Draft) -> None:
    """A sleeve whose only rule is a calendar ('the core is rebalanced annually') is written `check annually` with no
    `when`, as the documented examples write it; a calendar beside a band or a cooldown keeps its `when`."""
    if inner.check or not inner.when:
        return
    if inner.when in CALENDAR_RULES or re.fullmatch(NTH_DAY_RULE, inner.when):
        inner.check, inner.when = inner.when, None
