"""A strategy being read from English, piece by piece, and its rendering as canonical .rbl text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rbl.dsl.english.normalize import Asset
from rbl.dsl.english.phrases import CASH_NAME

INDENT = "    "


@dataclass
class Draft:
    """The pieces of a strategy as .rbl fragments; empty pieces are left out of the file."""

    name: str = "Translated strategy"
    assets: list[Asset] = field(default_factory=list)
    cash: bool = False
    weights: list[tuple[str, str]] = field(default_factory=list)   # fixed: (asset, "60%")
    scheme: str | None = None                                      # "equal weight A, B" etc.
    branches: list[tuple[str | None, list[tuple[str, str]]]] = field(default_factory=list)  # if/else
    hold: str | None = None                                        # " while ... else CASH"
    hold_on: str | None = None                                     # the one entry the hold is on (None: each)
    params: list[str] = field(default_factory=list)
    lets: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    exposure: str | None = None
    bands: list[tuple[str, str]] = field(default_factory=list)     # per asset: (asset, "5pp")
    check: str | None = None
    when: str | None = None
    to: str | None = None
    scope: str | None = None
    costs: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)              # mode, annualize, capital, ...
    execution: str | None = None
    signals: list[str] = field(default_factory=list)               # 'signal NAME column "c" stale after N bars'
    regimes: list[str] = field(default_factory=list)               # 'regime market = hmm(...)'
    tranches: int | None = None                                    # 'trade over N bars'
    sleeves: list[Sleeve] = field(default_factory=list)           # core-satellite: replace the target

    def render(self) -> str:
        """The draft as canonical .rbl text (the layout `rbl fmt` keeps)."""
        out = ["rbl 1", f'strategy "{_safe_name(self.name)}"', ""]
        out += [f'asset {a.name} column "{a.column}" symbol "{a.symbol}"' for a in self.assets]
        if self.cash:
            out.append(f"cash {CASH_NAME}")
        out += self.signals
        out += self._preamble()
        out += self._sleeves() if self.sleeves else ["", *self._target()]
        if self.exposure:
            out += ["", f"exposure {self.exposure}"]
        out += _block("bands", [f"{asset} {band}" for asset, band in self.bands])
        out += _block("rebalance", [f"check {self.check}" if self.check else None,
                                    f"when {self.when}" if self.when else None,
                                    self.to, self.scope,
                                    f"trade over {self.tranches} bars" if self.tranches else None])
        out += _block("costs", self.costs) + _block("constraints", self.constraints)
        return "\n".join(out) + "\n"

    def _preamble(self) -> list[str]:
        out: list[str] = []
        for group in ([self.execution] if self.execution else [], self.settings, self.params, self.regimes, self.lets):
            if group:
                out += ["", *group]
        for state in self.states:
            out += ["", state]
        return out

    def _target(self) -> list[str]:
        if self.branches:
            return ["target:", *self._branches()]
        if self.scheme:
            return [f"target: {self.scheme}{self.hold or ''}"]
        return ["target:"] + [f"{INDENT}{asset} {weight}{self.hold if self.hold and self.hold_on in (None, asset) else ''}"
                              for asset, weight in self.weights]


    def _sleeves(self) -> list[str]:
        out: list[str] = []
        for sleeve in self.sleeves:
            inner = sleeve.draft
            body = inner._target() + _block("rebalance", [f"check {inner.check}" if inner.check else None,
                                                          f"when {inner.when}" if inner.when else None,
                                                          f"trade over {inner.tranches} bars" if inner.tranches else None])[1:]
            out += ["", f"sleeve {sleeve.name} {sleeve.share}:", *[f"{INDENT}{line}" for line in body]]
        return out

    def _branches(self) -> list[str]:
        out = []
        for number, (condition, weights) in enumerate(self.branches):
            head = "else:" if condition is None else f"{'if' if number == 0 else 'elif'} {condition}:"
            out += [f"{INDENT}{head}"] + [f"{INDENT * 2}{asset} {weight}" for asset, weight in weights]
        return out


@dataclass
class Sleeve:
    """One sleeve of a core-satellite draft: its name, its share ('70%') and its own target and schedule."""

    name: str
    share: str
    draft: Draft


def _block(title: str, lines: list[str | None]) -> list[str]:
    body = [f"{INDENT}{line}" for line in lines if line]
    return ["", f"{title}:", *body] if body else []


def _safe_name(name: str) -> str:
    return re.sub(r'["\n\r]', "", name).strip()[:60] or "Translated strategy"
