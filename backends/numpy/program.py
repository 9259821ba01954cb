"""What the path loop reads, made from the checked IR: series and a register program.

An expression that depends only on prices, params and the calendar is a *series*: computed once by the
evaluator (evaluate.py) over the bars, as a (K | 1, T | 1, H | 1) array whose axes of length 1
broadcast. An expression that reads the path (weights, drift, NAV, drawdown, states, targets that read
them) becomes instructions over registers, one vector over the holdings each, run by the loop on every
bar (path_loop.py). A let or any shared node is computed once per bar.
"""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy import path_loop as op
from rbl.backends.numpy.evaluate import EngineError, Evaluator
from rbl.backends.numpy.weights import cap_vector, final_targets, scheme_weights
from rbl.dsl import ir

_ARITH = {ir.ArithOp.ADD: op.ADD, ir.ArithOp.SUB: op.SUB, ir.ArithOp.MUL: op.MUL, ir.ArithOp.DIV: op.DIV}
_COMPARE = {ir.CompareOp.GT: op.GT, ir.CompareOp.GE: op.GE, ir.CompareOp.LT: op.LT, ir.CompareOp.LE: op.LE,
            ir.CompareOp.EQ: op.EQ, ir.CompareOp.NE: op.NE}
_AGGREGATES = {ir.AggregateOp.SUM: op.AGG_SUM, ir.AggregateOp.MEAN: op.AGG_MEAN, ir.AggregateOp.MAX: op.AGG_MAX,
               ir.AggregateOp.MIN: op.AGG_MIN, ir.AggregateOp.COUNT: op.AGG_COUNT}
_LEAVES = {ir.Series.WEIGHT: op.WEIGHT, ir.Series.DRIFT: op.DRIFT, ir.Series.TARGET: op.TARGET,
           ir.Series.PORTFOLIO: op.NAV}


class Program:
    """Instructions (code, dst, a, b, c), constants and series, built phase by phase."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev, self.s = ev, ev.ctx.strategy
        self.H, self.N = len(ev.ctx.holdings), len(ev.ctx.asset_index)
        self.code: list[tuple[int, int, int, int, int]] = []
        self.consts: list[float] = []
        self.series: list[np.ndarray] = []
        self.widths: list[int] = []           # per register: 1 (a scalar) or H (one value per holding)
        self._memo: dict[int, int] = {}
        self._path_keys: set[int] = set()
        self._series_memo: dict[int, int] = {}
        self.state_index = {st.name: i for i, st in enumerate(self.s.states)}
        self.reading_target_is_an_error: str | None = None
        self._last_fire: dict[str | None, int] = {}    # per rule (None: the strategy's, else a sleeve's):
        self._since: str | None = None                  # the register the loop keeps its last firing bar in
        self._elements: dict[str, int] | None = None    # what aggregates range over (None: every holding)

    # ---- building -------------------------------------------------------------------------------
    @property
    def registers(self) -> int:
        return len(self.widths)

    def _emit(self, code: int, a: int = -1, b: int = -1, c: int = -1, dst: int | None = None,
              width: int | None = None) -> int:
        """Append an instruction; a new destination register is as wide as what it holds."""
        if dst is None:
            dst = len(self.widths)
            self.widths.append(width or self._width(code, a, b, c))
        self.code.append((code, dst, a, b, c))
        return dst

    def _width(self, code: int, a: int, b: int, c: int) -> int:
        if code in (op.WEIGHT, op.TARGET, op.DRIFT, op.ZERO):
            return self.H
        if code == op.LOAD:
            return self.series[a].shape[2]
        if code in (op.CONST, op.NAV, op.STATE, op.DRAWDOWN, op.FIRST, op.AGG, op.SINCE):
            return 1
        operands = (a, b, c) if code == op.WHERE else (a, b)
        return max(self.widths[r] for r in operands)

    def const(self, value: float) -> int:
        self.consts.append(float(value))
        return len(self.consts) - 1

    def add_series(self, values: np.ndarray, key: int | None = None) -> int:
        """A series index for values (K'|1, T'|1, H'|1); broadcast axes are stored once."""
        if key is not None and key in self._series_memo:
            return self._series_memo[key]
        values = np.asarray(values, dtype=np.float64)
        for axis in range(3):
            if values.shape[axis] > 1 and values.strides[axis] == 0:
                values = values.take([0], axis=axis)
        if values.shape[2] not in (1, self.H):
            raise EngineError(f"internal: a series over {values.shape[2]} holdings, not 1 or {self.H}")
        self.series.append(values)
        index = len(self.series) - 1
        if key is not None:
            self._series_memo[key] = index
        return index

    def pack(self) -> tuple[np.ndarray, np.ndarray]:
        """All series in one flat array, and per series (offset, K', T', H')."""
        meta = np.zeros((max(len(self.series), 1), 4), np.int64)
        offset = 0
        for i, values in enumerate(self.series):
            meta[i] = (offset, *values.shape)
            offset += values.size
        data = np.concatenate([np.ascontiguousarray(v).ravel() for v in self.series]) if self.series \
            else np.zeros(1)
        return data, meta

    # ---- expressions ----------------------------------------------------------------------------
    def value(self, node: ir.Node) -> int:
        """The register holding node's value on the loop's bar."""
        key = id(node)
        if key not in self._memo:
            if self.ev.is_dynamic(node):
                self._memo[key] = self._dynamic(node)
                self._path_keys.add(key)
            else:
                self._memo[key] = self._emit(op.LOAD, self.add_series(self.ev.value(node), key))
        return self._memo[key]

    def new_view(self, elements: dict[str, int] | None = None, since: str | None = None) -> None:
        """What follows reads other weights and targets (a sleeve's own, or the sleeves'): values that read
        the path are computed anew; price-only series are shared. With sleeves, `elements` (name: position
        in the view) are what its aggregates range over and `since` names whose trades it counts from."""
        for key in self._path_keys:
            del self._memo[key]
        self._path_keys.clear()
        self._elements, self._since = elements, since

    def last_fire_register(self, since: str | None) -> int:
        """The register of that rule's last firing bar (-1 when nothing reads it)."""
        return self._last_fire.get(since, -1)

    def _dynamic(self, node: ir.Node) -> int:
        if isinstance(node, ir.Quantity):                   # 'x% of target' with targets that move
            return self._emit(op.MUL, self._emit(op.CONST, self.const(node.value)), self._leaf(op.TARGET))
        if isinstance(node, ir.Ref):
            if node.name in self.state_index:
                return self._emit(op.STATE, self.state_index[node.name])
            return self.value(self.ev.ctx.lets[node.name])
        if isinstance(node, ir.SeriesRef):
            if node.series is ir.Series.BAND:
                return self._bands()
            return self._leaf(_LEAVES[node.series])
        if isinstance(node, ir.Neg):
            x = self.value(node.operand)
            return self._emit(op.NEG, x, x)
        if isinstance(node, ir.Not):
            x = self.value(node.operand)
            return self._emit(op.NOT, x, x)
        if isinstance(node, ir.Arith):
            return self._emit(_ARITH[node.op], self.value(node.left), self.value(node.right))
        if isinstance(node, ir.Compare):
            return self._emit(_COMPARE[node.op], self.value(node.left), self.value(node.right))
        if isinstance(node, ir.Logic):
            return self._fold(op.AND if node.op is ir.LogicOp.AND else op.OR, node.operands)
        if isinstance(node, ir.IfElse):
            return self._emit(op.WHERE, self.value(node.cond), self.value(node.then), self.value(node.otherwise))
        if isinstance(node, ir.Call):
            return self._call(node)
        if isinstance(node, ir.Aggregate):
            return self._emit(op.AGG, self.value(node.operand), _AGGREGATES[node.op], self._members(node.assets))
        if isinstance(node, ir.SinceRebalance) and node.unit == "days":
            return self._emit(op.DAYS_SINCE, self._day_numbers(), self._last_fire_register(), width=1)
        if isinstance(node, ir.SinceRebalance):
            return self._emit(op.SINCE, self._last_fire_register())
        raise EngineError(f"{type(node).__name__} of a path-dependent series (weights, NAV, state) is not "
                          "supported by the backtester")

    def _members(self, assets: tuple[str, ...]) -> int:
        """-1 for every holding, else the first of H constants: 1 for an element in `assets` (every element
        of the view without them), 0 otherwise."""
        if not assets and self._elements is None:
            return -1
        elements = self._elements if self._elements is not None else \
            {name: h for h, name in enumerate(self.ev.ctx.holdings)}
        picked = {h for name, h in elements.items() if not assets or name in assets}
        first = len(self.consts)
        for h in range(self.H):
            self.const(1.0 if h in picked else 0.0)
        return first

    def _day_numbers(self) -> int:
        """The series of each bar's calendar day (days since 1970-01-01, of the bar's own date and time)."""
        days = self.ev.ctx.dates.astype("datetime64[D]").astype(np.int64).astype(np.float64)
        return self.add_series(days[None, :, None], key=-1)

    def _last_fire_register(self) -> int:
        """A scalar register no instruction writes: the loop keeps the view's rule's last firing bar in it."""
        if self._since not in self._last_fire:
            self._last_fire[self._since] = len(self.widths)
            self.widths.append(1)
        return self._last_fire[self._since]

    def _leaf(self, code: int) -> int:
        if code in (op.TARGET, op.DRIFT) and self.reading_target_is_an_error:
            raise EngineError(self.reading_target_is_an_error)
        return self._emit(code)

    def _fold(self, code: int, operands) -> int:
        out = self.value(operands[0])
        for x in operands[1:]:
            out = self._emit(code, out, self.value(x))
        return out

    def _call(self, node: ir.Call) -> int:
        func, args = node.func, node.args
        if func is ir.Func.DRAWDOWN and len(args) == 1:
            return self._emit(op.DRAWDOWN)
        if func is ir.Func.MIN:
            return self._fold(op.MIN, args)
        if func is ir.Func.MAX:
            return self._fold(op.MAX, args)
        if func is ir.Func.CLAMP:
            low = self._emit(op.MAX, self.value(args[0]), self.value(args[1]))
            return self._emit(op.MIN, low, self.value(args[2]))
        if func is ir.Func.ABS:
            x = self.value(args[0])
            return self._emit(op.ABS, x, x)
        raise EngineError(f"{func.value}() of a path-dependent series (weights, NAV, state) is not supported "
                          "by the backtester")

    def _bands(self) -> int:
        """`its band`: each holding's own row of `bands:`, evaluated for that holding; no row, no breach."""
        rows = {row.asset: row.band for row in self.s.bands}
        out = self._emit(op.CONST, self.const(np.inf), width=self.H)
        for h, name in enumerate(self.ev.ctx.holdings):
            if name in rows:
                self._emit(op.SETH, self.value(rows[name]), -1, h, dst=out)
        return out

    # ---- targets --------------------------------------------------------------------------------
    def static_targets(self) -> int:
        """The series of final targets (K|1, T, H) when nothing in them reads the path."""
        targets = final_targets(self.ev)
        self.ev.static_targets = targets
        return self.add_series(targets)

    def targets(self) -> int:
        """A register with the final targets over the holdings, for targets that read the path."""
        self.reading_target_is_an_error = "the target weights read the target weights (or the drift)"
        w = self._scheme_under(self.s.target, self.s.rebalance)
        exposure = self.value(self.s.exposure) if self.s.exposure is not None else -1
        c = self.s.constraints
        first = len(self.consts)
        for limit in (c.max_weight, c.cash_buffer, c.max_leverage):
            self.const(limit.value if limit is not None else np.nan)
        self.const(float(c.long_only))
        self.const(float(bool(self.s.cash)))
        self._caps()
        self._emit(op.FINAL, exposure, first, dst=w)      # w is this scheme's own register
        self.reading_target_is_an_error = None
        return w

    def _caps(self) -> None:
        """After the five limits: how caps apply (0: the global cap alone, 1: per-asset caps, the excess
        to cash, 2: spread over the other assets), then each risky asset's cap when not 0."""
        c = self.s.constraints
        mode = 2 if c.excess is ir.CapExcess.OTHERS else (1 if c.asset_caps else 0)
        self.const(float(mode))
        if mode:
            for cap in cap_vector(self.s):
                self.const(cap)

    def sleeve_mix(self, sleeve: ir.Sleeve, owns_cash: bool) -> int:
        """A register with the sleeve's mix m over the holdings; the cash, when it owns it, 1 - sum(risky)."""
        mix = self._scheme_under(sleeve.target, sleeve.rebalance)
        if owns_cash:
            self._emit(op.CASH_REST, dst=mix)
        return mix

    def _scheme_under(self, node: ir.Node, rebalance: ir.Rebalance) -> int:
        """A scheme's register, its price-only parts computed on the bars the rule's check reads them
        (the loop keeps the targets in effect in between)."""
        outer, self.ev.read_bars = self.ev.read_bars, self.ev.reading(self.ev.evaluation_mask(rebalance))
        try:
            return self._scheme(node)
        finally:
            self.ev.read_bars = outer

    def _scheme(self, node: ir.Node) -> int:
        if not self.ev.is_dynamic(node):
            return self._emit(op.LOAD, self.add_series(self._padded(scheme_weights(node, self.ev))))
        if isinstance(node, ir.BranchWeights):
            cond = self.value(node.cond)
            first = self._emit(op.FIRST, cond)
            return self._emit(op.WHERE, first, self._scheme(node.then), self._scheme(node.otherwise))
        if isinstance(node, ir.FixedWeights):
            return self._fixed(node)
        if isinstance(node, ir.SelectWeights) and self.ev.is_dynamic(node.by):
            raise EngineError("'top/bottom K by' a path-dependent value (weights, NAV, state) is not supported")
        if isinstance(node, (ir.EqualWeights, ir.InverseVolWeights, ir.RiskParityWeights, ir.SelectWeights)):
            out = self._emit(op.LOAD, self.add_series(self._padded(
                scheme_weights(node.model_copy(update={"hold": None}), self.ev))))
            self._hold(out, node.hold, -1)
            return out
        raise EngineError(f"{type(node).__name__} targets that read the path are not supported")

    def _fixed(self, node: ir.FixedWeights) -> int:
        index = self.ev.ctx.asset_index
        out = self._emit(op.ZERO)
        for entry in node.entries:
            if entry.asset in index:
                self._emit(op.ADD_AT, self.value(entry.weight), -1, index[entry.asset], dst=out)
        for entry in node.entries:
            if entry.hold is not None and entry.asset in index:
                self._hold(out, entry.hold, index[entry.asset])
        return out

    def _hold(self, w: int, hold: ir.HoldFilter | None, only: int) -> None:
        if hold is not None:
            fallback = self.ev.ctx.asset_index.get(hold.fallback, -1) if hold.fallback else -1
            self._emit(op.HOLD, self.value(hold.cond), only, fallback, dst=w)

    def _padded(self, w: np.ndarray) -> np.ndarray:
        """Risky weights (.., N) with a zero column for the cash holding when there is one."""
        w = np.asarray(w, dtype=np.float64)
        if self.H == self.N:
            return w
        return np.concatenate([w, np.zeros(w.shape[:2] + (1,))], axis=-1)


def variant_costs(strategy: ir.Strategy, params: dict[str, np.ndarray], K: int) -> np.ndarray:
    """(K, 3): each variant's cost per unit of notional, fee per order and minimum trade, with the
    costs a parameter gives (`commission fee`) at that variant's value."""
    c = strategy.costs
    out = np.zeros((K, 3))
    for k in range(K):
        value = lambda q: 0.0 if q is None else (  # noqa: E731
            float(params[q.name][min(k, len(params[q.name]) - 1)]) if isinstance(q, ir.Ref) else q.value)
        out[k] = (value(c.commission) + value(c.spread) / 2 + value(c.slippage), value(c.per_order),
                  value(c.min_trade))
    return out


def literal_costs(strategy: ir.Strategy, params: dict[str, np.ndarray]) -> ir.Strategy:
    """The strategy with each parameter cost at its first variant's value (what needs one number)."""
    c, update = strategy.costs, {}
    for name in ("commission", "per_order", "spread", "slippage", "min_trade"):
        q = getattr(c, name)
        if isinstance(q, ir.Ref):
            param = strategy.param(q.name)
            update[name] = ir.Quantity(value=float(params[q.name][0]), unit=param.default.unit)
    return strategy.model_copy(update={"costs": c.model_copy(update=update)}) if update else strategy
