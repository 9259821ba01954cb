"""`rbl verify`: emit the EA, lint it, type-check it, run it in the simulated broker on the
backtester's prices, and compare its decision trace with the backtester's, bar by bar."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dsl import ir
from dsl.ir.checked import CheckedStrategy
from dsl.source import SourceFile
from backends.mql5 import sim
from backends.mql5.emit import emit_mql5
from backends.mql5.gxx import compile_object
from backends.mql5.lint import lint
from backends.trace import TraceRecord, compare_traces, parse_trace


@dataclass
class VerifyReport:
    lint: list[str] = field(default_factory=list)
    compiler: str = ""
    bars: int = 0
    divergence: str | None = None
    journal: str = ""

    @property
    def ok(self) -> bool:
        return not self.lint and not self.compiler and self.divergence is None and self.bars > 0


def with_inputs(mq5: str, values: dict[str, str]) -> str:
    """The EA with some inputs set, as a tester run would set them (`InpApproveAll=true`)."""
    for name, value in values.items():
        pattern = re.compile(rf"^((?:s?input) \w+ {name} = )[^;]*;", re.MULTILINE)
        mq5, count = pattern.subn(lambda m: f"{m.group(1)}{value};", mq5)
        if count != 1:
            raise KeyError(f"the EA has no input {name}")
    return mq5


def tester_inputs(strategy: ir.Strategy) -> dict[str, str]:
    """Alert strategies run approved, as the backtester simulates them."""
    return {"InpApproveAll": "true"} if strategy.execution.mode is ir.Mode.ALERT else {}


def prices_for(checked: CheckedStrategy, data=None):
    """The dates and close matrix (assets in declaration order) the backtester uses."""
    from backends.numpy.api import panel_for
    s = checked.strategy
    panel = panel_for(s, data)
    return panel.dates, panel.close[:, [panel.columns.index(a.column) for a in s.assets]]


def backtest_trace(checked: CheckedStrategy, data=None) -> list[TraceRecord]:
    from backends.numpy.api import backtest
    return backtest(checked, data).trace_records()


def compare(expected: list[TraceRecord], actual: list[TraceRecord], strategy: ir.Strategy) -> str | None:
    """The first divergence. Trading at the next open, the EA decides bar t when bar t+1 opens, so
    the data's last bar, which has no next bar, is decided only by the backtester and is left out;
    trading at the close, the EA decides every bar in its close window, the last one included."""
    at_next_open = strategy.execution.trade_at is ir.TradeAt.NEXT_OPEN
    if at_next_open and len(expected) == len(actual) + 1:
        expected = expected[:-1]
    lots = {a.name: a.lot for a in strategy.assets if a.lot}
    return compare_traces(expected, actual, lots)


def verify(checked: CheckedStrategy, source: SourceFile | None = None, data=None) -> VerifyReport:
    report = VerifyReport()
    mq5 = emit_mql5(checked, source)
    name = Path(source.path).with_suffix(".mq5").name if source else "ea.mq5"
    report.lint = [issue.render(name) for issue in lint(mq5)]
    with tempfile.TemporaryDirectory(prefix="rbl-verify-") as tmp:
        work = Path(tmp)
        tester = with_inputs(mq5, tester_inputs(checked.strategy))
        result = compile_object(tester, name, work, work / "ea.o")
        report.compiler = "" if result.ok else result.diagnostics
        if not result.ok:
            return report
        binary = sim.link(work / "ea.o", work / "ea")
        dates, close = prices_for(checked, data)
        s = checked.strategy
        config = sim.config_text(sim.default_specs(s), sim.default_account(s), dates, close)
        report.journal = sim.run(binary, config, work)
    actual = parse_trace(report.journal)
    report.bars = len(actual)
    report.divergence = compare(backtest_trace(checked, data), actual, checked.strategy)
    return report
