"""Expression evaluation of what depends only on prices, params and the calendar: one small rule per IR
node; every value is a (K, T, H) array (axes of size 1 broadcast: K variants, T bars, H holdings),
computed once over all bars. What reads the path (weights, NAV, states) is the path loop's
(program.py); `is_dynamic` tells which is which."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import numpy as np

from rbl.backends.numpy import indicators as ind
from rbl.backends.numpy import regimes
from rbl.backends.numpy.calendar import calendar_mask
from rbl.dsl import ir
from rbl.dsl.check.warmup import lookback_bars
from rbl.dsl.ir.walk import walk


class EngineError(Exception):
    """A strategy the NumPy backtester cannot run as written; the message says why."""


@dataclass
class Context:
    """What expressions read: dates, prices per asset and per holding, parameter values per variant."""

    strategy: ir.Strategy
    dates: np.ndarray                    # (T,) datetime64[D]
    close: np.ndarray                    # (T, N)
    params: dict[str, np.ndarray]        # name -> (K,) values
    periods_per_year: float              # P of vol()
    signals: np.ndarray | None = None    # (T, M) the declared signals, gaps carried over (signals.carried)
    K: int = field(init=False)
    holdings: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.K = max((len(v) for v in self.params.values()), default=1)
        s = self.strategy
        self.holdings = tuple(a.name for a in s.assets) + ((s.cash,) if s.cash else ())
        self.asset_index = {a.name: i for i, a in enumerate(s.assets)}
        self.lets = {x.name: x.value for x in s.lets}
        self.states = {x.name for x in s.states}
        self.signal_index = {x.name: m for m, x in enumerate(s.signals)}

    @cached_property
    def price_h(self) -> np.ndarray:
        """(1, T, H) prices per holding (cash at 1); built on first use, a view of `close` without cash."""
        if not self.strategy.cash:
            return self.close[None]
        return np.concatenate([self.close, np.ones((len(self.dates), 1))], axis=1)[None]


Rule = Callable[[ir.Node, "Evaluator"], np.ndarray]
RULES: dict[type, Rule] = {}


def rule(node_type: type) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[node_type] = fn
        return fn
    return register


_PATH_SERIES = {ir.Series.DRIFT, ir.Series.WEIGHT, ir.Series.PORTFOLIO}


class Evaluator:
    """Evaluates price-only expressions over all bars, each once."""

    def __init__(self, ctx: Context, targets_dynamic: bool = False) -> None:
        self.ctx = ctx
        self.targets_dynamic = targets_dynamic
        self.static_targets: np.ndarray | None = None
        self._cache: dict[int, np.ndarray] = {}
        self._dynamic: dict[int, bool] = {}
        self.memo: dict[int, object] = {}       # per node, what a lazy rule has computed so far (ERC's bars)
        self.first_decision: int | None = None  # t0 of the run: targets are held between check bars from it
        self.waits: np.ndarray | None = None        # (T,) bars where a decision waits for a signal
        self.read_bars: np.ndarray | None = None    # the bars whose targets are read (None: every bar)

    def evaluation_mask(self, rebalance: ir.Rebalance) -> np.ndarray | None:
        """(K|1, T) bool: the bars on which the targets a rule governs are evaluated (docs/semantics.md,
        *Targets in effect*): the first decision bar and the later bars where its check holds and no
        signal makes the decision wait (the warm-up before the first decision counts as evaluated,
        nothing reads it). None when they are evaluated on every bar: no run asked for the targets in
        effect (`first_decision` unset) or the check reads the path (the loop holds them)."""
        if self.first_decision is None or self.is_dynamic(rebalance.check):
            return None
        T = len(self.ctx.dates)
        values = self.value(rebalance.check)
        check = np.broadcast_to(values[..., 0] != 0, (values.shape[0], T))
        return (check & self._decides()) | (np.arange(T) <= self._first())

    def reading(self, mask: np.ndarray | None) -> np.ndarray | None:
        """The bars from the first decision on where any variant's mask holds: the only bars whose
        targets anything reads (set as `read_bars` while a scheme under that mask is computed)."""
        if mask is None:
            return None
        return np.flatnonzero(mask.any(axis=0) & (np.arange(mask.shape[1]) >= self._first()))

    def _decides(self) -> np.ndarray:
        """(T,) the bars that decide: from the warm-up on, those no signal makes wait."""
        T = len(self.ctx.dates)
        decides = np.arange(T) >= self.first_decision
        return decides if self.waits is None else decides & ~self.waits

    def _first(self) -> int:
        """The first decision bar: the first bar that decides (T when none does)."""
        decides = self._decides()
        return int(np.argmax(decides)) if decides.any() else len(decides)

    def is_dynamic(self, expr: ir.Node) -> bool:
        """True when the value depends on the simulated path (weights, NAV, states)."""
        key = id(expr)
        if key not in self._dynamic:
            self._dynamic[key] = any(self._node_dynamic(n) for n in walk(expr))
        return self._dynamic[key]

    def _node_dynamic(self, node: ir.Node) -> bool:
        if isinstance(node, ir.SeriesRef) and node.series is ir.Series.BAND:
            return any(self.is_dynamic(row.band) for row in self.ctx.strategy.bands)
        if isinstance(node, ir.SeriesRef):
            return node.series in _PATH_SERIES or (node.series is ir.Series.TARGET and self.targets_dynamic)
        if isinstance(node, ir.Quantity):
            return node.unit is ir.Unit.OF_TARGET and self.targets_dynamic
        if isinstance(node, ir.SinceRebalance):
            return True
        if isinstance(node, ir.Aggregate) and isinstance(self.ctx.strategy.target, ir.SleeveWeights):
            return True     # with sleeves what it ranges over is the reading rule's (program.Program.new_view)
        if isinstance(node, ir.Ref):
            return node.name in self.ctx.states or (
                node.name in self.ctx.lets and self.is_dynamic(self.ctx.lets[node.name]))
        return False

    def value(self, expr: ir.Node) -> np.ndarray:
        """The value of a price-only expression over every bar (computed once)."""
        key = id(expr)
        if key not in self._cache:
            self._cache[key] = self._apply(expr)
        return self._cache[key]

    def _apply(self, expr: ir.Node) -> np.ndarray:
        handler = RULES.get(type(expr))
        if handler is None:
            raise EngineError(f"the NumPy backtester has no rule for {type(expr).__name__} nodes")
        return handler(expr, self)

    def target(self) -> np.ndarray:
        if self.static_targets is None:
            raise EngineError("'target' is used before the target weights are known")
        return self.static_targets

    def window(self, expr: ir.Expr) -> np.ndarray:
        """A window argument in bars, per variant: (K,) ints."""
        if isinstance(expr, ir.Quantity):
            return np.array([lookback_bars(expr)])
        if isinstance(expr, ir.Ref) and expr.name in self.ctx.params:
            param = next(p for p in self.ctx.strategy.params if p.name == expr.name)
            scale = lookback_bars(ir.Quantity(value=1.0, unit=param.default.unit))
            return np.rint(self.ctx.params[expr.name] * scale).astype(int)
        raise EngineError("a window must be a number of bars/days/weeks/months/years or a param")


def _const(value: float) -> np.ndarray:
    return np.full((1, 1, 1), float(value))


@rule(ir.Quantity)
def quantity(node: ir.Quantity, ev: Evaluator) -> np.ndarray:
    if node.unit is ir.Unit.OF_TARGET:
        return node.value * ev.target()
    return _const(node.value)


@rule(ir.BoolLit)
def bool_lit(node: ir.BoolLit, ev: Evaluator) -> np.ndarray:
    return np.full((1, 1, 1), node.value)


@rule(ir.Ref)
def ref(node: ir.Ref, ev: Evaluator) -> np.ndarray:
    ctx = ev.ctx
    if node.name in ctx.params:
        return ctx.params[node.name].reshape(-1, 1, 1)
    if node.name in ctx.lets:
        return ev.value(ctx.lets[node.name])
    if node.name in ctx.asset_index:
        return ctx.close[None, :, ctx.asset_index[node.name], None]
    if node.name in ctx.signal_index:
        return ctx.signals[None, :, ctx.signal_index[node.name], None]
    if node.name == ctx.strategy.cash:
        return _const(1.0)
    raise EngineError(f"unknown name '{node.name}'")


@rule(ir.SeriesRef)
def series_ref(node: ir.SeriesRef, ev: Evaluator) -> np.ndarray:
    kind = node.series
    if kind is ir.Series.PRICE:
        return ev.ctx.price_h
    if kind is ir.Series.TARGET:
        return ev.target()
    if kind is ir.Series.BASKET:
        return basket(ev)
    if kind is ir.Series.BAND:
        return asset_bands(ev)
    raise EngineError(f"'{kind.value}' reads the path: the path loop computes it")


def asset_bands(ev: Evaluator) -> np.ndarray:
    """`its band`: each holding's own row of `bands:`, evaluated for that holding; no row, no breach."""
    rows = {row.asset: row.band for row in ev.ctx.strategy.bands}
    columns = [_holding_column(ev.value(rows[name]), h) if name in rows else np.full((1, 1), np.inf)
               for h, name in enumerate(ev.ctx.holdings)]
    return np.stack(np.broadcast_arrays(*columns), axis=-1)


def _holding_column(value: np.ndarray, h: int) -> np.ndarray:
    value = np.asarray(value)
    return value[..., h if value.shape[-1] > 1 else 0]


def basket(ev: Evaluator) -> np.ndarray:
    """The level of the scheme's fixed weights held every bar (before constraints and exposure)."""
    target = ev.ctx.strategy.target
    if not isinstance(target, ir.FixedWeights) or not all(
            isinstance(e.weight, ir.Quantity) and e.hold is None for e in target.entries):
        raise EngineError("'basket' needs fixed target weights (e.g. 'SPY 60%')")
    w = np.zeros(ev.ctx.close.shape[1])
    for entry in target.entries:
        if entry.asset in ev.ctx.asset_index:
            w[ev.ctx.asset_index[entry.asset]] = entry.weight.value
    r = np.nan_to_num(ind.simple_returns(ev.ctx.close[None])[0])
    return np.cumprod(1.0 + r @ w)[None, :, None]


@rule(ir.CalendarRule)
def calendar(node: ir.CalendarRule, ev: Evaluator) -> np.ndarray:
    return calendar_mask(node, ev.ctx.dates)[None, :, None]


@rule(ir.Lag)
def lag(node: ir.Lag, ev: Evaluator) -> np.ndarray:
    return ind.lag(ev.value(node.operand), node.bars)


@rule(ir.Neg)
def neg(node: ir.Neg, ev: Evaluator) -> np.ndarray:
    return -ev.value(node.operand)


@rule(ir.Not)
def not_(node: ir.Not, ev: Evaluator) -> np.ndarray:
    return ~ev.value(node.operand).astype(bool)


_ARITH = {ir.ArithOp.ADD: np.add, ir.ArithOp.SUB: np.subtract, ir.ArithOp.MUL: np.multiply,
          ir.ArithOp.DIV: np.divide}
_COMPARE = {ir.CompareOp.GT: np.greater, ir.CompareOp.GE: np.greater_equal, ir.CompareOp.LT: np.less,
            ir.CompareOp.LE: np.less_equal, ir.CompareOp.EQ: np.equal, ir.CompareOp.NE: np.not_equal}


@rule(ir.Arith)
def arith(node: ir.Arith, ev: Evaluator) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return _ARITH[node.op](ev.value(node.left), ev.value(node.right))


@rule(ir.Compare)
def compare(node: ir.Compare, ev: Evaluator) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return _COMPARE[node.op](ev.value(node.left), ev.value(node.right))


@rule(ir.Logic)
def logic(node: ir.Logic, ev: Evaluator) -> np.ndarray:
    combine = np.logical_and if node.op is ir.LogicOp.AND else np.logical_or
    values = [ev.value(x).astype(bool) for x in node.operands]
    out = values[0]
    for v in values[1:]:
        out = combine(out, v)
    return out


@rule(ir.IfElse)
def if_else(node: ir.IfElse, ev: Evaluator) -> np.ndarray:
    return np.where(ev.value(node.cond).astype(bool), ev.value(node.then), ev.value(node.otherwise))


@rule(ir.RegimeProbability)
def regime_probability(node: ir.RegimeProbability, ev: Evaluator) -> np.ndarray:
    """(K, T, 1): each variant's filtered probability of the state (NaN before the first fit)."""
    rows = [p[:, ir.regime_state_index(node.state, p.shape[1])] for p in _regime(node, ev)]
    return np.stack(rows)[:, :, None]


@rule(ir.RegimeIs)
def regime_is(node: ir.RegimeIs, ev: Evaluator) -> np.ndarray:
    """(K, T, 1): true where the state is the most probable one (false before the first fit)."""
    rows = [regimes.labels(p) == ir.regime_state_index(node.state, p.shape[1]) for p in _regime(node, ev)]
    return np.stack(rows)[:, :, None]


def _regime(node: ir.RegimeIs | ir.RegimeProbability, ev: Evaluator) -> list[np.ndarray]:
    return regimes.variants(ev.ctx.strategy.regime(node.regime), ev)


@rule(ir.SinceRebalance)
def since_rebalance(node: ir.SinceRebalance, ev: Evaluator) -> np.ndarray:
    raise EngineError("'bars since rebalance' reads the path: the path loop computes it")


@rule(ir.Aggregate)
def aggregate(node: ir.Aggregate, ev: Evaluator) -> np.ndarray:
    """One value per bar from one per holding, reduced in holding order as the path loop and the EA do
    (a sum added left to right, not pairwise); (K, T, 1)."""
    x = np.asarray(ev.value(node.operand))
    H = len(ev.ctx.holdings)
    x = np.broadcast_to(x, x.shape[:2] + (H,))
    if node.assets:                                   # `in A, B`: those holdings, in declared order
        x = x[..., [h for h, name in enumerate(ev.ctx.holdings) if name in node.assets]]
        H = x.shape[-1]
    if node.op is ir.AggregateOp.COUNT:
        return x.astype(bool).sum(axis=-1, keepdims=True).astype(np.float64)
    if node.op is ir.AggregateOp.MAX:
        return np.max(x, axis=-1, keepdims=True).astype(np.float64)
    if node.op is ir.AggregateOp.MIN:
        return np.min(x, axis=-1, keepdims=True).astype(np.float64)
    total = x[..., :1].astype(np.float64)
    for h in range(1, H):
        total = total + x[..., h:h + 1]
    return total / H if node.op is ir.AggregateOp.MEAN else total


_WINDOWED = {ir.Func.SMA: ind.sma, ir.Func.EMA: ind.ema, ir.Func.RETURN: ind.change,
             ir.Func.RSI: ind.rsi, ir.Func.PERCENTILE: ind.percentile,
             ir.Func.DRAWDOWN: ind.rolling_drawdown}


@rule(ir.Call)
def call(node: ir.Call, ev: Evaluator) -> np.ndarray:
    func, args = node.func, node.args
    if func in _WINDOWED or func is ir.Func.VOL:
        return windowed(node, ev)
    values = [ev.value(a) for a in args]
    if func is ir.Func.MIN:
        return np.minimum.reduce(np.broadcast_arrays(*values))
    if func is ir.Func.MAX:
        return np.maximum.reduce(np.broadcast_arrays(*values))
    if func is ir.Func.CLAMP:
        return np.minimum(np.maximum(values[0], values[1]), values[2])
    if func is ir.Func.ABS:
        return np.abs(values[0])
    raise EngineError(f"the NumPy backtester has no rule for {func.value}()")


def windowed(node: ir.Call, ev: Evaluator) -> np.ndarray:
    x = ev.value(node.args[0])
    x = np.broadcast_to(x, (x.shape[0], len(ev.ctx.dates), x.shape[2])).astype(np.float64)
    windows = ev.window(node.args[1])
    if len(set(windows.tolist())) == 1:
        return _one_window(node.func, x, int(windows[0]), ev.ctx.periods_per_year)
    # a window swept as a param: each variant has its own window length (and so its own array)
    rows = [x[min(k, x.shape[0] - 1)][None] for k in range(len(windows))]
    return np.concatenate([_one_window(node.func, r, int(n), ev.ctx.periods_per_year)
                           for r, n in zip(rows, windows)], axis=0)


def _one_window(func: ir.Func, x: np.ndarray, n: int, per_year: float) -> np.ndarray:
    if func is ir.Func.VOL:
        return ind.stdev_of_returns(x, n) * np.sqrt(per_year)
    return _WINDOWED[func](x, n)
