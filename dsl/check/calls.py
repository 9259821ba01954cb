"""Function calls: each function takes the arguments it is documented to take (E0204); a window (of a
call or of a weighting scheme) is written as both backends read it: a quantity or a param."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic

_SERIES_WINDOW = {ir.Func.SMA, ir.Func.EMA, ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE}
_EXAMPLES = {
    ir.Func.SMA: "sma(SPY, 200 days)", ir.Func.EMA: "ema(SPY, 50 days)",
    ir.Func.RETURN: "return(SPY, 12 months)", ir.Func.VOL: "vol(SPY, 60 days)",
    ir.Func.RSI: "rsi(SPY, 14 days)", ir.Func.PERCENTILE: "percentile(vol(SPY, 20 days), 1 year)",
    ir.Func.DRAWDOWN: "drawdown(portfolio) or drawdown(SPY, 1 year)",
    ir.Func.CLAMP: "clamp(x, 0.5, 2)", ir.Func.MIN: "min(5pp, 25% of target)",
    ir.Func.MAX: "max(x, y)", ir.Func.ABS: "abs(return(SPY, 1 month))",
}


def arity_problem(call: ir.Call) -> str | None:
    """What is wrong with the arguments of a call, in words; None when nothing is."""
    n, func = len(call.args), call.func
    if func in _SERIES_WINDOW and n != 2:
        return f"{func.value}() takes 2 arguments (a series and a window), not {n}"
    if func is ir.Func.DRAWDOWN:
        return _drawdown_problem(call)
    if func is ir.Func.CLAMP and n != 3:
        return f"clamp() takes 3 arguments (a value, a low and a high), not {n}"
    if func in (ir.Func.MIN, ir.Func.MAX) and n < 2:
        return f"{func.value}() takes 2 or more arguments, not {n}"
    if func is ir.Func.ABS and n != 1:
        return f"abs() takes 1 argument, not {n}"
    return None


def _drawdown_problem(call: ir.Call) -> str | None:
    n = len(call.args)
    if n == 1:
        arg = call.args[0]
        if isinstance(arg, ir.SeriesRef) and arg.series is ir.Series.PORTFOLIO:
            return None
        return "drawdown() with one argument takes only 'portfolio'"
    if n == 2:
        return None
    return f"drawdown() takes 1 argument (portfolio) or 2 (a series and a window), not {n}"


def check_calls(ctx: CheckContext) -> list[Diagnostic]:
    diagnostics = []
    for node in ctx.nodes_of(ir.Call):
        if (problem := arity_problem(node)) is not None:
            diagnostics.append(Diagnostic("E0204", problem, node.span,
                                          help=f"for example {_EXAMPLES[node.func]}"))
        elif node.func in _SERIES_WINDOW | {ir.Func.DRAWDOWN} and len(node.args) == 2:
            diagnostics += _window(ctx, node.args[1], f"the window of {node.func.value}()")
    for node in ctx.nodes_of(ir.InverseVolWeights, ir.RiskParityWeights):
        diagnostics += _window(ctx, node.lookback, "the window of a weighting scheme")
    return diagnostics


def _window(ctx: CheckContext, expr: ir.Expr, what: str) -> list[Diagnostic]:
    """The backends size a window before the run: a written quantity or a param, nothing computed."""
    if isinstance(expr, ir.Quantity) or (isinstance(expr, ir.Ref) and expr.name in ctx.params):
        return []
    return [Diagnostic("E0204", f"{what} must be a number of bars, days, weeks, months or years, or a param",
                       expr.span, help="write it as '60 days', or declare 'param n = 60 days from 20 days to "
                       "120 days step 20 days' to sweep it")]
