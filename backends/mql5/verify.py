"""`rbl verify`: emit the EA, lint it, type-check it, run it in the simulated broker (under a broker
profile) on the backtester's prices, and compare its decision trace with the backtester's, bar by bar."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from rbl.dsl import ir
from rbl.dsl.ir.checked import CheckedStrategy
from rbl.dsl.source import SourceFile
from rbl.backends.mql5 import sim
from rbl.backends.mql5.emit import emit_mql5
from rbl.backends.mql5.timeframe import timeframe_of
from rbl.backends.mql5.gxx import compile_object
from rbl.backends.mql5.lint import lint
from rbl.backends.mql5.profiles import DEFAULT_PROFILE, BrokerProfile, BrokerSetup, load_profile
from rbl.backends.mql5.writer import mql_double
from rbl.backends.mql5.verify_broker import (broker_counts, broker_strategy, ea_cost_inputs, joint_panel,
                                         order_steps, first_departure, margin_notes,
                                             nothing_traded)
from rbl.backends.trace import Divergence, TraceRecord, compare_traces, parse_trace

INIT_FAILED = "SIM init failed"       # the simulated broker's line when OnInit returns INIT_FAILED


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
    warnings: list[str] = field(default_factory=list)       # what agreement hides: nothing traded
    stopped: str = ""                                       # why the EA refused to start, when it did
    exact_through: str | None = None                        # the decision after which NAVs part (first_departure)
    departure: str = ""                                     # why they part there
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


def broker_inputs(mq5: str, profile: BrokerProfile) -> str:
    """The EA with its cost inputs and the profile's [inputs] set, as a trader sets them for that broker."""
    mq5 = with_inputs(mq5, ea_cost_inputs(profile))
    for name, value in profile.inputs.items():
        try:
            mq5 = with_inputs(mq5, {name: value})
        except KeyError:
            raise profile.error(f"[inputs].{name}: the EA has no input {name}") from None
    return mq5


def tester_inputs(strategy: ir.Strategy) -> dict[str, str]:
    """The EA runs as the backtest does: managing the strategy's capital (whatever else the account
    holds), and alert strategies approved."""
    approve = {"InpApproveAll": "true"} if strategy.execution.mode is ir.Mode.ALERT else {}
    return {"InpCapital": mql_double(strategy.capital.value), **approve}


def prices_for(checked: CheckedStrategy, data=None):
    """The dates and close matrix (assets in declaration order) the backtester uses."""
    return _asset_prices(checked, _panel(checked, data))


def emit_for_data(checked: CheckedStrategy, source: SourceFile | None = None, data=None) -> str:
    """The EA on the timeframe of the data's bars (D1 for daily data, H1 for hourly bars, ...)."""
    return emit_mql5(checked, source, timeframe_of(_panel(checked, data).dates))


def _panel(checked: CheckedStrategy, data=None):
    from rbl.backends.numpy.api import panel_for
    return panel_for(checked.strategy, data)


def _asset_prices(checked: CheckedStrategy, panel):
    columns = [panel.columns.index(a.column) for a in checked.strategy.assets]
    return panel.dates, panel.close[:, columns]


def backtest_trace(checked: CheckedStrategy, data=None) -> list[TraceRecord]:
    from rbl.backends.numpy.api import backtest
    return backtest(checked, data).trace_records()


def compare(expected: list[TraceRecord], actual: list[TraceRecord], strategy: ir.Strategy,
            steps: dict[str, float] | None = None, exact_through: str | None = None) -> Divergence | None:
    """The first divergence. Trading at the next open, the EA decides bar t when bar t+1 opens, so
    the data's last bar, which has no next bar, is decided only by the backtester and is left out;
    trading at the close, the EA decides every bar in its close window, the last one included.
    `steps`: how far apart orders may be per asset (default: the declared lots). After
    `exact_through` (see `first_departure`) only the decision bars are compared."""
    at_next_open = strategy.execution.trade_at is ir.TradeAt.NEXT_OPEN
    if at_next_open and expected and (not actual or actual[-1].date < expected[-1].date):
        expected = expected[:-1]
    lots = steps if steps is not None else {a.name: a.lot for a in strategy.assets if a.lot}
    if exact_through is None:
        return compare_traces(expected, actual, lots)
    before = lambda trace: [r for r in trace if r.date <= exact_through]  # noqa: E731
    return compare_traces(before(expected), before(actual), lots) or compare_traces(
        _bars_only(expected), _bars_only(actual))


def _bars_only(trace: list[TraceRecord]) -> list[TraceRecord]:
    return [TraceRecord(date=r.date, event="DECIDED", check=False, when=False, max_drift=0.0) for r in trace]


def verify(checked: CheckedStrategy, source: SourceFile | None = None, data=None,
           profile: BrokerProfile | None = None) -> VerifyReport:
    """Lint, type-check and run the EA in the simulated broker under `profile` (default `ideal`), and
    compare its trace with the backtest's under the broker's terms."""
    profile = profile or load_profile(DEFAULT_PROFILE)
    report = VerifyReport(profile=profile.name)
    panel = _panel(checked, data)
    mq5 = emit_mql5(checked, source, timeframe_of(panel.dates))     # the EA decides on the data's bars
    name = Path(source.path).with_suffix(".mq5").name if source else "ea.mq5"
    report.lint = [issue.render(name) for issue in lint(mq5)]
    dates, close = _asset_prices(checked, panel)
    setup = profile.for_strategy(checked, dates)
    report.notes = list(setup.notes)
    tester = broker_inputs(with_inputs(mq5, tester_inputs(checked.strategy)), profile)
    signals = joint_panel(panel, setup.specs)
    report.compiler, report.journal = _run_ea(tester, name, setup, dates, close, signal_files(checked, signals))
    if not report.compiler:
        _read_run(report, checked, profile, setup, panel, close)
    return report


def _read_run(report: VerifyReport, checked: CheckedStrategy, profile: BrokerProfile, setup: BrokerSetup,
              panel, close) -> None:
    """The run's figures, and its trace compared with the backtest's under the broker's terms."""
    actual = parse_trace(report.journal)
    report.bars, report.stopped = len(actual), stop_reason(report.journal)
    report.deals, report.rejects = broker_counts(report.journal)
    terms = broker_strategy(checked, profile, setup.specs)
    expected = backtest_trace(terms, joint_panel(panel, setup.specs))
    steps = order_steps(terms.strategy, setup.specs, close, profile)
    report.exact_through, report.departure = first_departure(report.journal) or (None, "")
    report.notes += margin_notes(report.journal)
    if report.deals == 0 and not report.rejects:
        report.warnings = nothing_traded(terms.strategy, setup.specs, profile, expected, panel.dates, close)
    found = compare(expected, actual, terms.strategy, steps, report.exact_through)
    if found and report.stopped:
        found = replace(found, reason=f"{found.reason}; the EA stopped: {report.stopped}")
    report.first_divergence = found


def signal_files(checked: CheckedStrategy, panel) -> dict[str, str]:
    """Each signal's file as another program would keep it for the EA: its path under the common data
    folder -> `date,value` rows of the bars where the data has a value (a gap has no row), the values
    written to round-trip exactly."""
    from rbl.backends.mql5.lower_signals import signal_path
    from rbl.backends.numpy.api import signal_values
    s = checked.strategy
    if not s.signals:
        return {}
    values, stamps = signal_values(panel, s), [str(d).replace("T", " ") for d in panel.dates]
    return {signal_path(s, x): "date,value\n" + "".join(f"{d},{float(v)!r}\n" for d, v in zip(stamps, values[:, m])
                                                       if v == v)
            for m, x in enumerate(s.signals)}


def write_common(folder: Path, files: dict[str, str]) -> Path:
    """The files (path under the common data folder, '\\' separated -> text) written under `folder`."""
    for path, text in files.items():
        target = folder.joinpath(*path.split("\\"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return folder


def _run_ea(mq5: str, name: str, setup: BrokerSetup, dates, close,
            files: dict[str, str] | None = None) -> tuple[str, str]:
    """g++'s diagnostics (empty when clean) and the journal of the EA's run in the simulated broker;
    `files` are written to its common data folder (path -> text)."""
    with tempfile.TemporaryDirectory(prefix="rbl-verify-") as tmp:
        work = Path(tmp)
        result = compile_object(mq5, name, work, work / "ea.o")
        if not result.ok:
            return result.diagnostics, ""
        common = write_common(work / "common", files or {})
        return "", _run_sim(sim.link(work / "ea.o", work / "ea"), setup, dates, close, work, common)


def _run_sim(binary: Path, setup: BrokerSetup, dates, close, work: Path, common: Path | None = None) -> str:
    """The journal. An EA that refuses to start (OnInit fails, as on a shared account) is an outcome,
    not an error: the broker's failure carries the journal's tail, which then stands for it."""
    try:
        if setup.account.restarts:
            return sim.run_with_restarts(binary, setup.specs, setup.account, dates, close, work, common=common)
        return sim.run(binary, sim.config_text(setup.specs, setup.account, dates, close, common=common), work)
    except RuntimeError as err:
        if INIT_FAILED not in str(err):
            raise
        return str(err).split("): ", 1)[-1]


def stop_reason(journal: str) -> str:
    """What the EA said before OnInit failed (its last `rbl:` line), or empty when it did not fail."""
    lines = journal.splitlines()
    if INIT_FAILED not in lines:
        return ""
    said = [line for line in lines[:lines.index(INIT_FAILED)] if line.startswith("rbl:")]
    return said[-1] if said else "OnInit failed"
