"""Values of the strategy's own path where no backend computes them: inside a window or a lag
(E0210), and 'portfolio' other than as drawdown(portfolio) (E0211).

Windows and lags are computed over market data ahead of the walk (the NumPy backtester) or on past
bars of the chart (the EA); weights, targets, drift, bands, states and NAV exist only for the bar
being decided. The backends assume what this pass proves."""

from __future__ import annotations

from collections.abc import Iterator

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import lets_of
from rbl.dsl.ir.walk import walk

_WINDOWED = {ir.Func.SMA, ir.Func.EMA, ir.Func.RETURN, ir.Func.VOL, ir.Func.RSI, ir.Func.PERCENTILE,
             ir.Func.DRAWDOWN}
_PATH_SERIES = {ir.Series.WEIGHT, ir.Series.TARGET, ir.Series.DRIFT, ir.Series.BAND, ir.Series.PORTFOLIO}
_MARKET_ONLY = ("windows and lags take market data: asset prices, 'price', 'basket' and lets built "
                "from them; compare the current value instead, e.g. 'drift > 5pp'")


def check_path_values(ctx: CheckContext) -> list[Diagnostic]:
    lets, found, seen, memo = lets_of(ctx.strategy), [], set(), {}
    operands, portfolios, allowed = _scan(ctx)
    for series in operands:
        for node, why, _ in _path_values(series, lets, ctx.states, memo):
            if node.span is not None and (node.span.start, node.span.end) not in seen:
                seen.add((node.span.start, node.span.end))
                found.append(Diagnostic("E0210", f"{why} inside a window or a lag", node.span,
                                        help=_MARKET_ONLY))
    found += [Diagnostic("E0211", "'portfolio' is usable only as drawdown(portfolio)", node.span,
                         help="the backends read the NAV only through its drawdown, "
                              "e.g. 'drawdown(portfolio) > 10%'")
              for node in portfolios if id(node) not in allowed and (node.span.start, node.span.end) not in seen]
    return found


def _scan(ctx: CheckContext) -> tuple[list[ir.Expr], list[ir.SeriesRef], set[int]]:
    """In one walk: the series of every windowed call (sma(x, n), drawdown(x, n), ...) and of every
    lag x[k]; every 'portfolio'; and the ids of those that are the argument of drawdown(portfolio)."""
    operands, portfolios, allowed = [], [], set()
    for node in ctx.nodes_of(ir.Call, ir.Lag, ir.SeriesRef):
        if isinstance(node, ir.Call) and node.func in _WINDOWED and len(node.args) == 2:
            operands.append(node.args[0])
        elif isinstance(node, ir.Call) and node.func is ir.Func.DRAWDOWN and len(node.args) == 1:
            allowed.add(id(node.args[0]))
        elif isinstance(node, ir.Lag):
            operands.append(node.operand)
        elif isinstance(node, ir.Regime):           # fitted over past bars: a window of its observations
            operands.extend(node.observations)
        elif isinstance(node, ir.SeriesRef) and node.series is ir.Series.PORTFOLIO:
            portfolios.append(node)
    return operands, portfolios, allowed


def _path_values(expr: ir.Expr, lets: dict[str, ir.Expr], states: set[str],
                 memo: dict[str, str | None]) -> Iterator[tuple[ir.Node, str, str]]:
    """The nodes of `expr` that depend on the strategy's own path: (node, what it is in words, the
    series or state at the bottom). A let is looked into once (`memo`: name -> its bottom, or None)."""
    for node in walk(expr):
        if isinstance(node, ir.SeriesRef) and node.series in _PATH_SERIES:
            words = f"'{'its band' if node.series is ir.Series.BAND else node.series.value}'"
            yield node, words, words
        elif isinstance(node, ir.Quantity) and node.unit is ir.Unit.OF_TARGET:
            yield node, "'% of target'", "'% of target'"
        elif isinstance(node, ir.SinceRebalance):
            words = f"'{node.unit} since rebalance'"
            yield node, words, words
        elif isinstance(node, (ir.RegimeIs, ir.RegimeProbability)):    # filtered on the decision bar only
            words = f"the regime '{node.regime}'"
            yield node, words, words
        elif isinstance(node, ir.Ref) and node.name in states:
            yield node, f"the state '{node.name}'", f"the state '{node.name}'"
        elif isinstance(node, ir.Ref) and node.name in lets:
            if node.name not in memo:
                memo[node.name] = None            # a cycle (E0207) ends here
                inner = next(_path_values(lets[node.name], lets, states, memo), None)
                memo[node.name] = inner[2] if inner else None
            if memo[node.name] is not None:
                yield node, f"'{node.name}' (built from {memo[node.name]})", memo[node.name]
