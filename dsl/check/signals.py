"""Signals: what a series that is read, never traded, cannot be: a ratio's base (E0213) or an asset's
own prices (E0213); and how stale it may get (E0409). Sleeves may read signals: a stale one makes the
whole strategy's decision wait (docs/semantics.md, *Signals*)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import lets_of, reads_signal
from rbl.dsl.ir.walk import walk

MAX_STALE = 5000        # bars: the EA keeps that much history per decision (RBL_DEPTH)

# these divide by the series' own values (x_t / x_{t-n}, returns, 1 - x / max): a signal may be 0 or negative
_RATIOS = {ir.Func.RETURN, ir.Func.VOL, ir.Func.DRAWDOWN}


def check_signals(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    if not s.signals:
        return []
    return _ratios(s) + _asset_columns(s) + _staleness(s)


def _ratios(s: ir.Strategy) -> list[Diagnostic]:
    lets = lets_of(s)
    names = {x.name for x in s.signals}
    return [Diagnostic("E0213", f"{node.func.value}() divides by the values of a signal, which may be 0 or "
                                "negative", node.span,
                       help="a signal is read as it is: use its change instead, e.g. 'SENT - SENT[20]', "
                            "or sma/ema/rsi/percentile of it")
            for node in walk(s) if isinstance(node, ir.Call) and node.func in _RATIOS and node.args
            and reads_signal(node.args[0], names, lets)]


def _asset_columns(s: ir.Strategy) -> list[Diagnostic]:
    columns = {a.column: a.name for a in s.assets}
    return [Diagnostic("E0213", f"signal '{x.name}' reads column \"{x.column}\", the prices of asset "
                                f"'{columns[x.column]}'", x.span,
                       help=f"read the asset's prices by its name, e.g. 'sma({columns[x.column]}, 20 days)'")
            for x in s.signals if x.column in columns]


def _staleness(s: ir.Strategy) -> list[Diagnostic]:
    return [Diagnostic("E0409", f"'stale after {x.stale_bars} bars' is more than {MAX_STALE:,} bars", x.span,
                       help="a value that old is no signal; the EA keeps that many bars of history for it")
            for x in s.signals if x.stale_bars > MAX_STALE]
