"""Values of the strategy's own path where no backend computes them: inside a window or a lag
(E0210), and 'portfolio' other than as drawdown(portfolio) (E0211).

Windows and lags are computed over market data ahead of the walk (the NumPy backtester) or on past
bars of the chart (the EA); weights, targets, drift, bands, states and NAV exist only for the bar
being decided. The backends assume what this pass proves."""

from __future__ import annotations

from collections.abc import Iterator

from dsl import ir
from dsl.check.context import CheckContext
from dsl.diagnostics import Diagnostic
from dsl.ir.analysis import lets_of
from dsl.ir.walk import walk

_WINDOWED = {ir.Func.SMA, ir.Func.EMA, ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE,
             ir.Func.DRAWDOWN}
_PATH_SERIES = {ir.Series.WEIGHT, ir.Series.TARGET, ir.Series.DRIFT, ir.Series.BAND, ir.Series.PORTFOLIO}
_MARKET_ONLY = ("windows and lags take market data: asset prices, 'price', 'basket' and lets built "
                "from them; compare the current value instead, e.g. 'drift > 5pp'")


def check_path_values(ctx: CheckContext) -> list[Diagnostic]:
    lets, found, seen = lets_of(ctx.strategy), [], set()
    for series in _windowed_operands(ctx.strategy):
        for node, why in _path_values(series, lets, ctx.states):
            if node.span is not None and (node.span.start, node.span.end) not in seen:
                seen.add((node.span.start, node.span.end))
                found.append(Diagnostic("E0210", f"{why} inside a window or a lag", node.span,
                                        help=_MARKET_ONLY))
    found += [Diagnostic("E0211", "'portfolio' is usable only as drawdown(portfolio)", node.span,
                         help="the backends read the NAV only through its drawdown, "
                              "e.g. 'drawdown(portfolio) > 10%'")
              for node in _bare_portfolio(ctx.strategy) if (node.span.start, node.span.end) not in seen]
    return found


def _windowed_operands(strategy: ir.Strategy) -> Iterator[ir.Expr]:
    """The series of every windowed call (sma(x, n), drawdown(x, n), ...) and of every lag x[k]."""
    for node in walk(strategy):
        if isinstance(node, ir.Call) and node.func in _WINDOWED and len(node.args) == 2:
            yield node.args[0]
        elif isinstance(node, ir.Lag):
            yield node.operand


def _path_values(expr: ir.Expr, lets: dict[str, ir.Expr], states: set[str]) -> Iterator[tuple[ir.Node, str]]:
    """The nodes of `expr` that depend on the strategy's own path, each with what it is in words."""
    for node in walk(expr):
        if isinstance(node, ir.SeriesRef) and node.series in _PATH_SERIES:
            yield node, f"'{'its band' if node.series is ir.Series.BAND else node.series.value}'"
        elif isinstance(node, ir.Quantity) and node.unit is ir.Unit.OF_TARGET:
            yield node, "'% of target'"
        elif isinstance(node, ir.Ref) and node.name in states:
            yield node, f"the state '{node.name}'"
        elif isinstance(node, ir.Ref) and node.name in lets:
            inner = next(_path_values(lets[node.name], {k: v for k, v in lets.items() if k != node.name}, states),
                         None)
            if inner is not None:
                yield node, f"'{node.name}' (built from {inner[1]})"


def _bare_portfolio(strategy: ir.Strategy) -> Iterator[ir.SeriesRef]:
    allowed = {id(node.args[0]) for node in walk(strategy)
               if isinstance(node, ir.Call) and node.func is ir.Func.DRAWDOWN and len(node.args) == 1}
    for node in walk(strategy):
        if isinstance(node, ir.SeriesRef) and node.series is ir.Series.PORTFOLIO and id(node) not in allowed:
            yield node
