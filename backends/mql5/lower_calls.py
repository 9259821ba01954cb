"""Lowering of indicator calls (docs/semantics.md, Indicators): one small function per call."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.backends.mql5.lower_expr import Ctx, ExprLowerer
from rbl.backends.mql5.program import Stmt, Unsupported
from rbl.backends.mql5.writer import mql_double


def lower_call(low: ExprLowerer, node: ir.Call, ctx: Ctx) -> str:
    rule = _RULES.get(node.func)
    if rule is None:
        raise Unsupported(f"{low.spans.where(node)}: the MQL5 backend has no rule for {node.func.value}()")
    return rule(low, node, ctx)


def _windowed(low: ExprLowerer, node: ir.Call, ctx: Ctx, body: list[str]) -> str:
    """Wraps a loop body over the operand `x(..)` into a function of the shift and calls it."""
    operand = low.series(node.args[0], ctx)
    x = lambda shift: operand.call(s=shift, h="h")  # noqa: E731
    lines = [Stmt(f"const int n = {low.window(node.args[1])};")]
    lines += [Stmt(text.format(x0=x("s"), xj=x("s + j"), xj1=x("s + j + 1"), xn=x("s + n"),
                               xk=x("s + k")).replace("\t", ""), depth=text.count("\t"))
              for text in body]
    fn = low.function(node, node.func.value, "double", lines, node, ctx.per_asset and low.needs_holding(node))
    return fn.call(s=ctx.s, h="h")


def _sma(low, node, ctx):
    return _windowed(low, node, ctx, [
        "double acc = 0.0;", "for(int j = 0; j < n; j++)", "\tacc += {xj};", "return acc / n;"])


def _ema(low, node, ctx):
    return _windowed(low, node, ctx, [
        "const double alpha = 2.0 / (n + 1.0);", "int k = 4 * n - 1;",
        "while(k > 0 && RblHistory() <= s + k)", "\tk--;",
        "double level = {xk};", "for(int j = k - 1; j >= 0; j--)",
        "\tlevel = alpha * {xj} + (1.0 - alpha) * level;", "return level;"])


def _return(low, node, ctx):
    return _windowed(low, node, ctx, ["return RblDiv({x0}, {xn}) - 1.0;"])


def _vol(low, node, ctx):
    periods = mql_double(float(low.strategy.annualize_days or 252))
    return _windowed(low, node, ctx, [
        "double mean = 0.0;", "for(int j = 0; j < n; j++)", "\tmean += RblDiv({xj}, {xj1}) - 1.0;",
        "mean /= n;", "double ss = 0.0;", "for(int j = 0; j < n; j++)", "{{",
        "\tconst double d = RblDiv({xj}, {xj1}) - 1.0 - mean;", "\tss += d * d;", "}}",
        f"return n > 1 ? MathSqrt(ss / (n - 1) * {periods}) : 0.0;"])


def _rsi(low, node, ctx):
    return _windowed(low, node, ctx, [
        "double gain = 0.0, loss = 0.0;", "for(int j = 0; j < n; j++)", "{{",
        "\tconst double change = {xj} - {xj1};", "\tif(change > 0.0)", "\t\tgain += change;",
        "\telse", "\t\tloss -= change;", "}}",
        "if(gain + loss == 0.0)", "\treturn 0.5;", "return gain / (gain + loss);"])


def _percentile(low, node, ctx):
    return _windowed(low, node, ctx, [
        "const double today = {x0};", "int below = 0;", "for(int j = 0; j < n; j++)",
        "\tif({xj} <= today)", "\t\tbelow++;", "return (double)below / n;"])


def _drawdown(low, node, ctx):
    first = node.args[0]
    if len(node.args) == 1 and isinstance(first, ir.SeriesRef) and first.series is ir.Series.PORTFOLIO:
        low._not_shifted(node, ctx, "drawdown(portfolio)")
        return "(1.0 - RblDiv(g_nav, g_peak))"
    if len(node.args) != 2:
        raise Unsupported(f"{low.spans.where(node)}: the MQL5 backend supports drawdown(portfolio) "
                          f"and drawdown(series, window) only")
    return _windowed(low, node, ctx, [
        "double peak = {x0};", "for(int j = 1; j < n; j++)", "\tpeak = MathMax(peak, {xj});",
        "return 1.0 - RblDiv({x0}, peak);"])


def _fold(name: str):
    def rule(low, node, ctx):
        args = [low.value(a, ctx) for a in node.args]
        text = args[0]
        for arg in args[1:]:
            text = f"{name}({text}, {arg})"
        return text
    return rule


def _clamp(low, node, ctx):
    x, lo, hi = (low.value(a, ctx) for a in node.args)
    return f"MathMax({lo}, MathMin({x}, {hi}))"


def _abs(low, node, ctx):
    return f"MathAbs({low.value(node.args[0], ctx)})"


_RULES = {
    ir.Func.SMA: _sma, ir.Func.EMA: _ema, ir.Func.RETURN: _return, ir.Func.VOL: _vol,
    ir.Func.RSI: _rsi, ir.Func.PERCENTILE: _percentile, ir.Func.DRAWDOWN: _drawdown,
    ir.Func.MIN: _fold("MathMin"), ir.Func.MAX: _fold("MathMax"), ir.Func.CLAMP: _clamp,
    ir.Func.ABS: _abs,
}
