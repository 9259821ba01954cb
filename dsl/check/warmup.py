"""The warm-up: how many bars of history the longest chain of lookbacks needs."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.ir.base import BARS_PER_UNIT
from rbl.dsl.ir.walk import children


def lookback_bars(q: ir.Quantity) -> int:
    """A window written as a quantity, in bars (weeks 5, months 21, years 252)."""
    return int(round(q.value * BARS_PER_UNIT.get(q.unit, 1)))


def _window(expr: ir.Expr, params: dict[str, ir.Param]) -> int:
    """A window argument in bars; a parameter counts at the top of its range."""
    if isinstance(expr, ir.Quantity):
        return lookback_bars(expr)
    if isinstance(expr, ir.Ref) and expr.name in params:
        return lookback_bars(params[expr.name].hi)
    return 0


_WINDOWED = {ir.Func.SMA, ir.Func.EMA, ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE,
             ir.Func.DRAWDOWN}
# ema(x, n) runs over the last 4n bars (docs/semantics.md), so it looks back four windows.
_SPAN = {ir.Func.EMA: 4}


def expr_warmup(expr: ir.Node, params: dict[str, ir.Param], lets: dict[str, ir.Expr],
                memo: dict[str, int] | None = None) -> int:
    """Bars of history `expr` needs: a window adds its length to what its series needs. A let is
    measured once (`memo`: name -> bars), however many expressions use it."""
    memo = {} if memo is None else memo
    if isinstance(expr, ir.Call) and expr.func in _WINDOWED and len(expr.args) == 2:
        window = _window(expr.args[1], params) * _SPAN.get(expr.func, 1)
        return window + expr_warmup(expr.args[0], params, lets, memo)
    if isinstance(expr, ir.Lag):
        return expr.bars + expr_warmup(expr.operand, params, lets, memo)
    if isinstance(expr, ir.Ref) and expr.name in lets:
        if expr.name not in memo:
            memo[expr.name] = expr_warmup(lets[expr.name], params, lets, memo)
        return memo[expr.name]
    if isinstance(expr, ir.Regime):       # the first fit needs a whole window of observations
        observed = max(expr_warmup(x, params, lets, memo) for x in expr.observations)
        return observed + _window(expr.window, params) - 1
    if isinstance(expr, (ir.InverseVolWeights, ir.RiskParityWeights)):
        return _window(expr.lookback, params)
    return max((expr_warmup(c, params, lets, memo) for c in children(expr)), default=0)


def regime_observed_from(regime: ir.Regime, strategy: ir.Strategy) -> int:
    """The first bar every observation of `regime` is known on: their longest lookback (a param's at
    the top of its range). Both backends count a regime's refit bars from it."""
    params = {p.name: p for p in strategy.params}
    lets = {x.name: x.value for x in strategy.lets}
    return max(expr_warmup(x, params, lets) for x in regime.observations)


def warmup_bars(strategy: ir.Strategy) -> int:
    params = {p.name: p for p in strategy.params}
    lets = {x.name: x.value for x in strategy.lets}
    return expr_warmup(strategy, params, lets)


def _reach(expr: ir.Node, name: str, params: dict[str, ir.Param], lets: dict[str, ir.Expr],
           seen: frozenset[str]) -> int:
    """Bars before the decision bar that `expr` reads of series `name`, counted as the warm-up counts
    windows and lags; -1 when it does not read it."""
    if isinstance(expr, ir.Ref):
        if expr.name == name:
            return 0
        if expr.name in lets and expr.name not in seen:
            return _reach(lets[expr.name], name, params, lets, seen | {expr.name})
        return -1
    if isinstance(expr, ir.Call) and expr.func in _WINDOWED and len(expr.args) == 2:
        inner = _reach(expr.args[0], name, params, lets, seen)
        return inner if inner < 0 else inner + _window(expr.args[1], params) * _SPAN.get(expr.func, 1)
    if isinstance(expr, ir.Lag):
        inner = _reach(expr.operand, name, params, lets, seen)
        return inner if inner < 0 else inner + expr.bars
    return max((_reach(c, name, params, lets, seen) for c in children(expr)), default=-1)


def signal_reach(strategy: ir.Strategy) -> dict[str, int]:
    """Each signal the strategy reads and how many bars back (0: the decision bar's value only); a
    decision waits unless every one of those bars has a value no older than the signal's staleness."""
    params = {p.name: p for p in strategy.params}
    lets = {x.name: x.value for x in strategy.lets}
    parts = [c for c in children(strategy) if not isinstance(c, (ir.Let, ir.Signal))]
    reach = {x.name: max((_reach(p, x.name, params, lets, frozenset()) for p in parts), default=-1)
             for x in strategy.signals}
    return {name: bars for name, bars in reach.items() if bars >= 0}
