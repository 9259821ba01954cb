"""`rbl verify`: emit the EA, lint it, type-check it, run it in the simulated broker (under a broker
profile) on the backtester's prices, and compare its decision trace with the backtester's, bar by bar."""

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
from backends.mql5.profiles import DEFAULT_PROFILE, BrokerProfile, BrokerSetup, load_profile
from backends.mql5.verify_broker import (broker_counts, broker_strategy, ea_cost_inputs, joint_panel,
                                         order_steps)
from backends.trace import Divergence, TraceRecord, compare_traces, parse_trace


@dataclass
class VerifyReport:
    profile: str = DEFAULT_PROFILE
    lint: list[str] = field(default_factory=list)
    compiler: str = ""
    bars: int = 0
    deals: int = 0                                          # `SIM deal` lines
    rejects: dict[str, int] = field(default_factory=dict)   # retcode -> `SIM reject` lines
    first_divergence: Divergence | None = None
    notes: list[str] = field(default_factory=list)          # what of the profile this run did not use
    journal: str = ""

    @property
    def divergence(self) -> str | None:
        return str(self.first_divergence) if self.first_divergence else None

    @property
    def ok(self) -> bool:
        return not self.lint and not self.compiler and self.first_divergence is None and self.bars > 0


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
    return _asset_prices(checked, _panel(checked, data))


def _panel(checked: CheckedStrategy, data=None):
    from backends.numpy.api import panel_for
    return panel_for(checked.strategy, data)


def _asset_prices(checked: CheckedStrategy, panel):
    columns = [panel.columns.index(a.column) for a in checked.strategy.assets]
    return panel.dates, panel.close[:, columns]


def backtest_trace(checked: CheckedStrategy, data=None) -> list[TraceRecord]:
    from backends.numpy.api import backtest
    return backtest(checked, data).trace_records()


def compare(expected: list[TraceRecord], actual: list[TraceRecord], strategy: ir.Strategy,
            steps: dict[str, float] | None = None) -> Divergence | None:
    """The first divergence. Trading at the next open, the EA decides bar t when bar t+1 opens, so
    the data's last bar, which has no next bar, is decided only by the backtester and is left out;
    trading at the close, the EA decides every bar in its close window, the last one included.
    `steps`: how far apart orders may be per asset (default: the declared lots)."""
    at_next_open = strategy.execution.trade_at is ir.TradeAt.NEXT_OPEN
    if at_next_open and expected and (not actual or actual[-1].date < expected[-1].date):
        expected = expected[:-1]
    lots = steps if steps is not None else {a.name: a.lot for a in strategy.assets if a.lot}
    return compare_traces(expected, actual, lots)


def verify(checked: CheckedStrategy, source: SourceFile | None = None, data=None,
           profile: BrokerProfile | None = None) -> VerifyReport:
    """Lint, type-check and run the EA in the simulated broker under `profile` (default `ideal`), and
    compare its trace with the backtest's under the broker's terms."""
    profile = profile or load_profile(DEFAULT_PROFILE)
    report = VerifyReport(profile=profile.name)
    mq5 = emit_mql5(checked, source)
    name = Path(source.path).with_suffix(".mq5").name if source else "ea.mq5"
    report.lint = [issue.render(name) for issue in lint(mq5)]
    panel = _panel(checked, data)
    dates, close = _asset_prices(checked, panel)
    setup = profile.for_strategy(checked, dates)
    report.notes = list(setup.notes)
    inputs = {**tester_inputs(checked.strategy), **ea_cost_inputs(profile)}
    report.compiler, report.journal = _run_ea(with_inputs(mq5, inputs), name, setup, dates, close)
    if report.compiler:
        return report
    actual = parse_trace(report.journal)
    report.bars = len(actual)
    report.deals, report.rejects = broker_counts(report.journal)
    terms = broker_strategy(checked, profile, setup.specs)
    expected = backtest_trace(terms, joint_panel(panel, setup.specs))
    steps = order_steps(terms.strategy, setup.specs, close, profile)
    report.first_divergence = compare(expected, actual, terms.strategy, steps)
    return report


def _run_ea(mq5: str, name: str, setup: BrokerSetup, dates, close) -> tuple[str, str]:
    """g++'s diagnostics (empty when clean) and the journal of the EA's run in the simulated broker."""
    with tempfile.TemporaryDirectory(prefix="rbl-verify-") as tmp:
        work = Path(tmp)
        result = compile_object(mq5, name, work, work / "ea.o")
        if not result.ok:
            return result.diagnostics, ""
        binary = sim.link(work / "ea.o", work / "ea")
        restarts = setup.account.restarts
        if restarts:
            return "", sim.run_with_restarts(binary, setup.specs, setup.account, dates, close, work, restarts)
        return "", sim.run(binary, sim.config_text(setup.specs, setup.account, dates, close), work)
