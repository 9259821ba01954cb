"""Strategy nodes: universe, parameters, state, targets, rebalancing, costs, constraints."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from rbl.dsl.ir.base import CapExcess, DecideAt, Mode, Node, RankSide, RebalanceTo, TradeAt, TradeScope
from rbl.dsl.ir.expr import BoolLit, CalendarRule, Expr, Quantity, Ref
from rbl.dsl.source import Span


class Asset(Node):
    """A traded asset: its name in the strategy, its data column and its MetaTrader 5 symbol."""

    name: str
    column: str
    symbol: str
    lot: float | None = None   # quantity step in the backtest (shares, coins, lots)


class Signal(Node):
    """A data series that is read, never traded (a sentiment score, a macro series, a model's output):
    any sign; a gap carries the last value over at most `stale_bars` bars, past that the decision waits."""

    name: str
    column: str
    stale_bars: int = 0


class Param(Node):
    """A tunable number: the backtester sweeps `lo..hi` by `step`; the EA exposes an `input`."""

    name: str
    default: Quantity
    lo: Quantity
    hi: Quantity
    step: Quantity


class Let(Node):
    """A named series, evaluated on every bar."""

    name: str
    value: Expr


class StateRule(Node):
    """`<becomes> when <cond>`: switch the state to `becomes` on a bar where `cond` holds."""

    becomes: bool
    when: Expr


class State(Node):
    """A true/false value that persists across bars and changes only through its rules."""

    name: str
    initial: bool
    rules: tuple[StateRule, ...]


class Regime(Node):
    """`regime NAME = hmm(OBS, ..., states K[, covariance full], fit expanding|rolling W, refit every R)`:
    a Gaussian hidden Markov model (diagonal covariance unless `covariance full`; another word is a
    check error at the word) of the observation series, fitted on the bars of the fit window
    at each refit bar and filtered on every bar (docs/semantics.md, *Learned regimes*). `states`,
    `window` and `refit` are literals or params; the states are ordered by their mean of the first
    observation, lowest first (`regime_states`)."""

    name: str
    observations: tuple[Expr, ...]
    states: Quantity | Ref
    fit: Literal["expanding", "rolling"]
    window: Quantity | Ref
    refit: Quantity | Ref
    covariance: str = "diagonal"
    covariance_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)

    @property
    def full(self) -> bool:
        return self.covariance == "full"


# The names of a K-state regime's states, lowest first mean of the first observation: calm is the
# lowest, turbulent the highest; normal the middle one of three; `state N` always (1-based).
MAX_REGIME_STATES = 8


def regime_state_index(state: str, k: int) -> int | None:
    """The 0-based index of a state written `calm`, `normal`, `turbulent` or `state N` in a K-state
    regime, or None when it has no such state."""
    if state.startswith("state "):
        n = int(state.split()[1])
        return n - 1 if 1 <= n <= k else None
    return {"calm": 0, "turbulent": k - 1}.get(state, 1 if state == "normal" and k == 3 else None)


def regime_state_names(k: int) -> list[str]:
    """A K-state regime's states as they are read, in order: calm, [normal,] ..., turbulent."""
    named = {0: "calm", k - 1: "turbulent"} | ({1: "normal"} if k == 3 else {})
    return [named.get(i, f"state {i + 1}") for i in range(k)]


class HoldFilter(Node):
    """`while <cond> [else <asset>]`: an asset keeps its weight only while cond holds for it;
    otherwise the weight goes to `fallback` (the cash sleeve when not named)."""

    cond: Expr
    fallback: str | None = None


class WeightEntry(Node):
    asset: str
    weight: Expr
    hold: HoldFilter | None = None


class FixedWeights(Node):
    kind: Literal["fixed"] = "fixed"
    entries: tuple[WeightEntry, ...]


class EqualWeights(Node):
    kind: Literal["equal"] = "equal"
    assets: tuple[str, ...]
    hold: HoldFilter | None = None


class InverseVolWeights(Node):
    """w_i proportional to 1 / vol_i over `lookback` bars."""

    kind: Literal["inverse_vol"] = "inverse_vol"
    lookback: Expr
    assets: tuple[str, ...]
    hold: HoldFilter | None = None


class RiskParityWeights(Node):
    """Long-only equal risk contribution from the sample covariance over `lookback` bars; `shrunk`:
    its correlations shrunk toward zero by Ledoit-Wolf's intensity, each variance kept."""

    kind: Literal["risk_parity"] = "risk_parity"
    lookback: Expr
    shrunk: bool = False
    assets: tuple[str, ...]
    hold: HoldFilter | None = None


class SelectWeights(Node):
    """The `n` best (top) or worst (bottom) assets by `by`, equally weighted.
    Ties go to the asset declared first."""

    kind: Literal["select"] = "select"
    side: RankSide
    n: int
    by: Expr
    assets: tuple[str, ...]
    hold: HoldFilter | None = None


class BranchWeights(Node):
    kind: Literal["branch"] = "branch"
    cond: Expr
    then: "Weights"
    otherwise: "Weights"


class Rebalance(Node):
    """On a bar where `check` holds, evaluate `when`; if it holds, trade `scope` assets `to`."""

    check: Expr = Field(default_factory=lambda: CalendarRule(rule="daily", unwritten=True))  # every bar
    when: Expr = Field(default_factory=lambda: BoolLit(value=True))
    to: RebalanceTo = RebalanceTo.TARGET
    scope: TradeScope = TradeScope.ALL
    # `trade over N bars`: each decision's orders in N slices, on its bar and the N - 1 decision bars after
    tranches: int = Field(default=1, exclude_if=lambda v: v == 1)
    # Where `to` and `trade` were written, for diagnostics; like `span`, kept out of dumps.
    to_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)
    scope_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)
    tranches_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)


class Sleeve(Node):
    """A sub-portfolio with its own targets (shares of the sleeve) and its own rebalance rules;
    `weight` is its share of the whole portfolio (a percentage or a parameter)."""

    name: str
    weight: Expr
    target: "Weights"
    rebalance: Rebalance


class SleeveWeights(Node):
    """The portfolio split into sleeves; the strategy's own `rebalance:` moves money between them."""

    kind: Literal["sleeves"] = "sleeves"
    sleeves: tuple[Sleeve, ...]


Weights = Annotated[
    Union[FixedWeights, EqualWeights, InverseVolWeights, RiskParityWeights, SelectWeights,
          BranchWeights, SleeveWeights],
    Field(discriminator="kind"),
]
BranchWeights.model_rebuild()
Sleeve.model_rebuild()


class BandEntry(Node):
    """One row of `bands:`: the band of one asset, read per asset as `its band`."""

    asset: str
    band: Expr


class Execution(Node):
    decide_at: DecideAt = DecideAt.CLOSE
    trade_at: TradeAt = TradeAt.NEXT_OPEN
    mode: Mode = Mode.TRADE


class Costs(Node):
    """Each cost is a literal or a parameter (`commission fee`, swept by `rbl sweep`)."""

    commission: Quantity | Ref | None = None        # bps of traded notional
    per_order: Quantity | Ref | None = None         # money per order
    spread: Quantity | Ref | None = None            # bps of traded notional (half paid each side)
    slippage: Quantity | Ref | None = None          # bps of traded notional
    min_trade: Quantity | Ref | None = None         # skip orders under this notional


class AssetCap(Node):
    """`max weight SPY 60%`: a cap of one asset (with the global `max weight`, the smaller holds)."""

    asset: str
    weight: Quantity


class Constraints(Node):
    long_only: bool = True
    max_weight: Quantity | None = None
    # per-asset caps in written order, and where capped weight goes (`, excess to other assets`);
    # left out of dumps at their defaults, so a strategy without them dumps as before
    asset_caps: tuple[AssetCap, ...] = Field(default=(), exclude_if=lambda v: not v)
    excess: CapExcess = Field(default=CapExcess.CASH, exclude_if=lambda v: v is CapExcess.CASH)
    max_leverage: Quantity | None = None
    cash_buffer: Quantity | None = None
    max_drawdown: Quantity | None = None       # kill switch: flatten and stop past this drawdown


class Benchmark(Node):
    """What tracking error is measured against: an asset, or the targets rebalanced every bar."""

    asset: str | None = None


class Strategy(Node):
    version: int
    name: str
    assets: tuple[Asset, ...]
    cash: str | None = None
    # left out of dumps when empty, so a strategy without signals dumps as before
    signals: tuple[Signal, ...] = Field(default=(), exclude_if=lambda v: not v)
    capital: Quantity = Field(default_factory=lambda: Quantity(value=100_000.0, unit="money"))
    currency: str = "USD"
    params: tuple[Param, ...] = ()
    lets: tuple[Let, ...] = ()
    states: tuple[State, ...] = ()
    regimes: tuple[Regime, ...] = Field(default=(), exclude_if=lambda v: not v)
    execution: Execution = Field(default_factory=Execution)
    annualize_days: int | None = None          # periods per year; inferred from data when None
    benchmark: Benchmark = Field(default_factory=Benchmark)
    target: Weights
    exposure: Expr | None = None               # scales the risky weights; the rest is cash
    rebalance: Rebalance = Field(default_factory=Rebalance)
    bands: tuple[BandEntry, ...] = ()          # per-asset bands; an asset without a row never breaches
    costs: Costs = Field(default_factory=Costs)
    constraints: Constraints = Field(default_factory=Constraints)

    def asset(self, name: str) -> Asset | None:
        return next((a for a in self.assets if a.name == name), None)

    def signal(self, name: str) -> Signal | None:
        return next((x for x in self.signals if x.name == name), None)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def regime(self, name: str) -> Regime | None:
        return next((r for r in self.regimes if r.name == name), None)
