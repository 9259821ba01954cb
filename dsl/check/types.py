"""The type lattice of rbl expressions: what a value measures, and whether it varies per asset."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rbl.dsl import ir


class Kind(str, Enum):
    """What a value measures. PERCENT is a bare `%` literal, whose meaning the context decides."""

    BOOL = "true/false"
    PRICE = "a price"
    LEVEL = "a return or ratio"
    PERCENT = "a bare percentage"
    WEIGHT = "a portfolio weight"
    DRIFT = "a drift in percentage points"
    OF_TARGET = "a share of the target weight"
    BPS = "a cost in bps"
    MONEY = "an amount of money"
    BARS = "a number of bars"
    NUMBER = "a plain number"
    UNKNOWN = "an unknown value"      # after an error elsewhere; joins with anything, silently


@dataclass(frozen=True)
class Type:
    kind: Kind
    per_asset: bool = False

    def with_asset(self, per_asset: bool) -> "Type":
        return Type(self.kind, self.per_asset or per_asset)


UNKNOWN = Type(Kind.UNKNOWN)
BOOL = Type(Kind.BOOL)

# Unit a literal was written in -> what it measures.
UNIT_KINDS: dict[ir.Unit, Kind] = {
    ir.Unit.NONE: Kind.NUMBER, ir.Unit.TIMES: Kind.NUMBER, ir.Unit.PERCENT: Kind.PERCENT,
    ir.Unit.PP: Kind.DRIFT, ir.Unit.OF_TARGET: Kind.OF_TARGET, ir.Unit.BPS: Kind.BPS,
    ir.Unit.MONEY: Kind.MONEY, ir.Unit.BARS: Kind.BARS, ir.Unit.WEEKS: Kind.BARS,
    ir.Unit.MONTHS: Kind.BARS, ir.Unit.YEARS: Kind.BARS,
}

SERIES_KINDS: dict[ir.Series, Kind] = {
    ir.Series.DRIFT: Kind.DRIFT, ir.Series.WEIGHT: Kind.WEIGHT, ir.Series.TARGET: Kind.WEIGHT,
    ir.Series.PRICE: Kind.PRICE, ir.Series.PORTFOLIO: Kind.PRICE, ir.Series.BASKET: Kind.PRICE,
    ir.Series.BAND: Kind.DRIFT,
}

# Pairs that compare and add without a conversion; the result is the second kind.
_JOINS: dict[frozenset[Kind], Kind] = {
    frozenset({Kind.PERCENT, Kind.WEIGHT}): Kind.WEIGHT,
    frozenset({Kind.PERCENT, Kind.LEVEL}): Kind.LEVEL,
    frozenset({Kind.PERCENT, Kind.NUMBER}): Kind.NUMBER,
    frozenset({Kind.NUMBER, Kind.LEVEL}): Kind.LEVEL,
    frozenset({Kind.NUMBER, Kind.PRICE}): Kind.PRICE,
    frozenset({Kind.DRIFT, Kind.WEIGHT}): Kind.WEIGHT,
    frozenset({Kind.OF_TARGET, Kind.DRIFT}): Kind.DRIFT,
    frozenset({Kind.OF_TARGET, Kind.WEIGHT}): Kind.WEIGHT,
}

# Bare percentages next to a drift: 5pp or 5% of target? The user must say (E0301).
AMBIGUOUS = {frozenset({Kind.PERCENT, Kind.DRIFT}), frozenset({Kind.PERCENT, Kind.OF_TARGET})}
# Plain numbers next to these need a unit (E0304).
NEEDS_UNIT = {Kind.WEIGHT, Kind.DRIFT, Kind.OF_TARGET, Kind.BARS, Kind.BPS, Kind.MONEY}
# Kinds that scale another value without changing what it measures.
RATIOS = {Kind.NUMBER, Kind.LEVEL, Kind.PERCENT}


def join(a: Kind, b: Kind) -> Kind | None:
    """The kind two values share when compared, added or chosen between; None if they cannot."""
    if a is Kind.UNKNOWN or a == b:
        return b
    if b is Kind.UNKNOWN:
        return a
    return _JOINS.get(frozenset({a, b}))


def numeric(kind: Kind) -> bool:
    return kind is not Kind.BOOL
