"""The IR's base node and its enums: operators, units, calendar words, execution choices."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from rbl.dsl.source import Span


class Node(BaseModel):
    """A frozen IR node. `span` points back into the .rbl file and is kept out of dumps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)


class Unit(str, Enum):
    """The unit a literal was written in. Values are stored as fractions or counts."""

    NONE = "none"              # a plain number
    PERCENT = "percent"        # 60% -> 0.60: a share of the portfolio or a return level
    PP = "pp"                  # 5pp -> 0.05: percentage points of portfolio weight
    OF_TARGET = "of_target"    # 25% of target -> 0.25: relative to each asset's target weight
    BPS = "bps"                # 10 bps -> 0.0010
    TIMES = "times"            # 1.5x -> 1.5
    BARS = "bars"              # trading bars (days on daily data)
    WEEKS = "weeks"            # 5 bars each
    MONTHS = "months"          # 21 bars each
    YEARS = "years"            # 252 bars each
    MONEY = "money"            # an amount in the account currency


BARS_PER_UNIT: dict[Unit, int] = {Unit.BARS: 1, Unit.WEEKS: 5, Unit.MONTHS: 21, Unit.YEARS: 252}


class ArithOp(str, Enum):
    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"


class CompareOp(str, Enum):
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    EQ = "=="
    NE = "!="


class LogicOp(str, Enum):
    AND = "and"
    OR = "or"


class Func(str, Enum):
    SMA = "sma"                # sma(series, window): simple moving average
    EMA = "ema"                # ema(series, window): exponential, alpha = 2/(window+1)
    RETURN = "return"          # return(series, window): x_t / x_{t-window} - 1
    VOL = "vol"                # vol(series, window): annualised stdev of simple returns
    DRAWDOWN = "drawdown"      # drawdown(portfolio) or drawdown(series, window): 1 - x_t / max, >= 0
    RSI = "rsi"                # rsi(series, window): Cutler's RSI as a fraction G/(G+L)
    PERCENTILE = "percentile"  # percentile(series, window): share of the window <= today, in (0, 1]
    MIN = "min"
    MAX = "max"
    CLAMP = "clamp"            # clamp(x, lo, hi)
    ABS = "abs"


class AggregateOp(str, Enum):
    """A reduction over the holdings (`sum of drift`): one value per bar from one per holding."""

    SUM = "sum"
    MEAN = "mean"
    MAX = "max"
    MIN = "min"
    COUNT = "count"            # the holdings where a condition holds


class Series(str, Enum):
    """Built-in series. The per-asset ones take their asset from the context they stand in."""

    DRIFT = "drift"            # per asset: current weight - target weight (pp)
    WEIGHT = "weight"          # per asset: current weight
    TARGET = "target"          # per asset: target weight
    PRICE = "price"            # per asset: close price
    PORTFOLIO = "portfolio"    # the strategy's net asset value
    BASKET = "basket"          # the target weights held every bar (before exposure)
    BAND = "band"              # per asset: its row of the `bands:` section (written `its band`)


PER_ASSET_SERIES = frozenset({Series.DRIFT, Series.WEIGHT, Series.TARGET, Series.PRICE, Series.BAND})


class Period(str, Enum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Weekday(str, Enum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"


class DecideAt(str, Enum):
    """Decisions use a bar's close: the one time every bar's data is complete in both backends."""

    CLOSE = "close"


class TradeAt(str, Enum):
    NEXT_OPEN = "next_open"
    CLOSE = "close"


class Mode(str, Enum):
    TRADE = "trade"            # send orders
    ALERT = "alert"            # send the order list for approval, trade nothing


class RebalanceTo(str, Enum):
    TARGET = "target"
    BAND_EDGE = "band_edge"


class TradeScope(str, Enum):
    ALL = "all"
    BREACHED = "breached"


class CapExcess(str, Enum):
    """Where the weight above a `max weight` cap goes."""

    CASH = "cash"              # the default: the excess is held as cash
    OTHERS = "others"          # spread pro rata over the uncapped assets, until none exceeds its cap


class RankSide(str, Enum):
    TOP = "top"
    BOTTOM = "bottom"
