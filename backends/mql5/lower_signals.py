"""Signals in the EA: the file each one is read from (an input), its defines, its settings, and the hook
that says whether a decision waits for one (runtime_signals.mqh reads the files)."""

from __future__ import annotations

import re

from rbl.dsl import ir
from rbl.dsl.check.warmup import signal_reach
from rbl.backends.mql5.program import Function, Input, Stmt
from rbl.backends.mql5.writer import comment_text, mql_string

SIGNALS = "Signals (files in the terminal's common data folder, FILE_COMMON)"


def signal_path(strategy: ir.Strategy, signal: ir.Signal) -> str:
    """`rbl\\<strategy>\\<SIGNAL>.csv` under the common data folder; characters a file name cannot hold
    become '_'."""
    folder = re.sub(r"[^A-Za-z0-9 _.-]", "_", strategy.name).strip(" .") or "strategy"
    return f"rbl\\{folder}\\{signal.name}.csv"


def rows_kept(strategy: ir.Strategy) -> int:
    """Rows kept per signal: enough for every bar a decision reads, with room for rows between bars."""
    reach = signal_reach(strategy)
    return max(2 * (reach.get(x.name, 0) + x.stale_bars + 1) + 8 for x in strategy.signals)


def defines(strategy: ir.Strategy) -> list[tuple[str, str, str]]:
    if not strategy.signals:
        return []
    return [("RBL_SIGNALS", str(len(strategy.signals)), "declared signals, in declared order"),
            ("RBL_SIGNAL_ROWS", str(rows_kept(strategy)), "rows kept per signal: the bars a decision reads, twice")]


def depth(strategy: ir.Strategy) -> int:
    """Bars past the warm-up a staleness looks back (the age of the oldest row a decision may read)."""
    return max((x.stale_bars + 1 for x in strategy.signals), default=0)


def inputs(strategy: ir.Strategy, line_of) -> list[Input]:
    return [Input(SIGNALS, "string", f"InpSignal{m}", mql_string(signal_path(strategy, x)),
                  comment_text(f"{x.name}: rows 'date,value', kept current by another program"),
                  static=True, rbl_line=line_of(x))
            for m, x in enumerate(strategy.signals)]


def init(strategy: ir.Strategy) -> list[Stmt]:
    """Each signal's file, name, staleness and reach (-1: nothing reads it), set at OnInit."""
    reach = signal_reach(strategy)
    out: list[Stmt] = []
    for m, x in enumerate(strategy.signals):
        out += [Stmt(f"g_sig_file[{m}] = InpSignal{m};"), Stmt(f"g_sig_name[{m}] = {mql_string(x.name)};"),
                Stmt(f"g_sig_stale[{m}] = {x.stale_bars};"), Stmt(f"g_sig_reach[{m}] = {reach.get(x.name, -1)};")]
    return out


def stale_hook(strategy: ir.Strategy, counts_since: bool, since_name: str, also: list[Stmt] = ()) -> Function:
    """`RblSignalsStale`: whether this decision waits for a signal (false without signals); a bar that waits
    still counts for `bars since rebalance` and fires nothing."""
    if not strategy.signals:
        return Function("bool", "RblSignalsStale", (), (Stmt("return false;"),))
    body = [Stmt("if(!RblSignalsWait(RBL_DECISION_SHIFT))"), Stmt("return false;", 1)]
    if counts_since:
        body += list(also) + [Stmt("if(g_since_done)"), Stmt(f"{since_name} += 1.0;", 1), Stmt("g_fire_now = false;")]
    return Function("bool", "RblSignalsStale", (), tuple(body + [Stmt("return true;")]))
