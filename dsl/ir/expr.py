"""Expression nodes: literals, references, indicator calls, arithmetic, logic, calendar rules."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from rbl.dsl.ir.base import AggregateOp, ArithOp, CompareOp, Func, LogicOp, Node, Period, Series, Unit, Weekday


class Quantity(Node):
    """A number with the unit it was written in; `value` is normalised (60% -> 0.6, 10 bps -> 0.001)."""

    kind: Literal["quantity"] = "quantity"
    value: float
    unit: Unit


class Ref(Node):
    """A name: a parameter, a `let`, a `state` or an asset (an asset denotes its price series)."""

    kind: Literal["ref"] = "ref"
    name: str


class SeriesRef(Node):
    kind: Literal["series"] = "series"
    series: Series


class BoolLit(Node):
    kind: Literal["bool"] = "bool"
    value: bool


class Call(Node):
    kind: Literal["call"] = "call"
    func: Func
    args: tuple["Expr", ...]


class Lag(Node):
    """`x[k]`: the value of x k bars before the decision bar."""

    kind: Literal["lag"] = "lag"
    operand: "Expr"
    bars: int


class Neg(Node):
    kind: Literal["neg"] = "neg"
    operand: "Expr"


class Not(Node):
    kind: Literal["not"] = "not"
    operand: "Expr"


class Arith(Node):
    kind: Literal["arith"] = "arith"
    op: ArithOp
    left: "Expr"
    right: "Expr"


class Compare(Node):
    kind: Literal["compare"] = "compare"
    op: CompareOp
    left: "Expr"
    right: "Expr"


class Logic(Node):
    kind: Literal["logic"] = "logic"
    op: LogicOp
    operands: tuple["Expr", ...]


class IfElse(Node):
    kind: Literal["if"] = "if"
    cond: "Expr"
    then: "Expr"
    otherwise: "Expr"


class Aggregate(Node):
    """`sum of X`, `mean of X`, `max of X`, `min of X`, `count of C`: X (or C) evaluated once per holding
    (every asset, then the cash sleeve when declared), reduced in holding order to one value per bar."""

    kind: Literal["aggregate"] = "aggregate"
    op: AggregateOp
    operand: "Expr"
    # `sum of drift in SPY, AGG`: only these holdings (in declared order); empty: every holding
    assets: tuple[str, ...] = Field(default=(), exclude_if=lambda v: not v)


class SinceRebalance(Node):
    """`bars since rebalance`: decision bars since the last decision that fired (INITIAL, REBALANCE or
    KILL), counted at the decision bar; 0 on the first decision bar. `days since rebalance`: calendar
    days between the two decision bars' dates."""

    kind: Literal["since"] = "since"
    unit: Literal["bars", "days"] = Field(default="bars", exclude_if=lambda v: v == "bars")


class CalendarRule(Node):
    """True on the bars a calendar rule picks.

    daily: the first bar of each day (every bar on daily data); weekday: the first bar of each week
    on or after `weekday`; nth: the first bar of the n-th trading day of each `period` (n=1 is the
    first); last: the last bar of each `period`; hours: the first bar of each block of `n` clock
    hours counted from midnight (`hourly` is n=1; intraday bars only).

    `unwritten`: the `check` of a rebalance block that writes none, which is every bar (the same as
    `daily` on daily data; on intraday bars `daily` is once a day). Kept out of dumps.
    """

    kind: Literal["calendar"] = "calendar"
    rule: Literal["daily", "weekday", "nth", "last", "hours"]
    period: Period | None = None
    n: int | None = None
    weekday: Weekday | None = None
    unwritten: SkipJsonSchema[bool] = Field(default=False, exclude=True, repr=False)


class RegimeIs(Node):
    """`market is calm`: true on the bars where `state` is the regime's most probable state (filtered,
    ties to the lower state). `state` as written: a state name or `state N`."""

    kind: Literal["regime_is"] = "regime_is"
    regime: str
    state: str


class RegimeProbability(Node):
    """`market.probability(turbulent)`: the filtered probability of `state` at the bar, 0..1."""

    kind: Literal["regime_probability"] = "regime_probability"
    regime: str
    state: str


Expr = Annotated[
    Union[Quantity, Ref, SeriesRef, BoolLit, Call, Lag, Neg, Not, Arith, Compare, Logic, IfElse,
          CalendarRule, Aggregate, SinceRebalance, RegimeIs, RegimeProbability],
    Field(discriminator="kind"),
]

for _model in (Call, Lag, Neg, Not, Arith, Compare, Logic, IfElse, Aggregate):
    _model.model_rebuild()
