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
    if isinstance(expr, (ir.InverseVolWeights, ir.RiskParityWeights)):
        return _window(expr.lookback, params)
    return max((expr_warmup(c, params, lets, memo) for c in children(expr)), default=0)


def warmup_bars(strategy: ir.Strategy) -> int:
    params = {p.name: p for p in strategy.params}
    lets = {x.name: x.value for x in strategy.lets}
    return expr_warmup(strategy, params, lets)
