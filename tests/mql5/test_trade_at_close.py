"""Trade at close in the EA: it decides the D1 bar being formed in its close window (session end
minus InpCloseWindowMinutes), trades at once, and prints the backtester's trace on every bar, the
last one included; a missed window, a missing session and a restart behave as docs/mql5.md says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.emit import emit_mql5
from rbl.backends.mql5.gxx import compile_object
from rbl.backends.mql5.lint import lint
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_source, read_source
from tests.conftest import ROOT
from tests.mql5.conftest import MQ5Snapshot

DATA = Path(__file__).parent / "data"
AT_CLOSE = {
    "calendar": DATA / "monthly_at_close.rbl",
    "band": DATA / "band_edge_at_close.rbl",           # costs, a fee, a minimum trade, lots, a state
    "kill": DATA / "kill_switch_at_close.rbl",
    "sleeves": ROOT / "tests" / "backtest" / "data" / "core_satellite_costs.rbl",
}
WINDOW_OPENS = "23:50"                                 # 24:00 session end minus the 10 minute default


@dataclass(frozen=True)
class Built:
    checked: object
    mq5: str
    lint: list
    compiler: str
    binary: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Built]:
    """Each strategy's EA emitted, linted, compiled and linked once, two at a time."""
    work = tmp_path_factory.mktemp("at-close")

    def build(kind: str) -> tuple[str, Built]:
        source = read_source(AT_CLOSE[kind])
        checked = compile_source(source).checked
        mq5 = emit_mql5(checked, source)
        result = compile_object(mq5, f"{kind}.mq5", work, work / f"{kind}.o")
        binary = sim.link(work / f"{kind}.o", work / kind) if result.ok else None
        return kind, Built(checked, mq5, lint(mq5), result.diagnostics, binary)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(build, sorted(AT_CLOSE)))


def run(ea: Built, tmp_path: Path, specs=None, state_in=None, stop=None, **account_changes) -> str:
    """The EA's journal in the simulated broker; `stop` = (bar, timer calls done in it) saves the
    broker's state to tmp_path/state.txt and ends the run there."""
    s = ea.checked.strategy
    dates, close = prices_for(ea.checked)
    account = sim.replace(sim.default_account(s), **account_changes)
    halt = dict(stop_after=stop[0], stop_call=stop[1], state_out=str(tmp_path / "state.txt")) if stop else {}
    config = sim.config_text(specs or sim.default_specs(s), account, dates, close, **halt)
    return sim.run(ea.binary, config, tmp_path, state_in)


def deals_by_decision(journal: str) -> list[tuple[str, str]]:
    """(decision date, 'date hh:mm' of the deal) for every deal, in journal order."""
    out, decided = [], None
    for line in journal.splitlines():
        if line.startswith("RBL "):
            decided = line.split()[1]
        elif line.startswith("SIM deal"):
            out.append((decided, line.split(" on ", 1)[1]))
    return out


def missed(journal: str) -> list[str]:
    return re.findall(r"no timer event in the close window of (\S+);", journal)


def first_rebalance(ea: Built, after: int = 100) -> int:
    """The index of the first REBALANCE bar after `after` bars of the backtest."""
    dates, _ = prices_for(ea.checked)
    index = {str(d)[:10]: t for t, d in enumerate(dates.astype("datetime64[D]"))}
    return next(index[r.date] for r in backtest_trace(ea.checked) if r.event == "REBALANCE" and index[r.date] > after)


@pytest.mark.parametrize("kind", sorted(AT_CLOSE))
def test_the_ea_makes_the_backtests_decisions_on_every_bar_the_last_included(kind, built, tmp_path):
    ea = built[kind]
    journal = run(ea, tmp_path)
    actual, expected = parse_trace(journal), backtest_trace(ea.checked)
    assert len(actual) == len(expected) > 1000
    assert compare(expected, actual, ea.checked.strategy) is None
    assert "SIM reject" not in journal and missed(journal) == []


@pytest.mark.parametrize("kind", sorted(AT_CLOSE))
def test_every_order_fills_in_the_close_window_of_its_decision_bar(kind, built, tmp_path):
    deals = deals_by_decision(run(built[kind], tmp_path))
    assert len(deals) > 10
    assert all(when == f"{decided} {WINDOW_OPENS}" for decided, when in deals)


@pytest.mark.parametrize("kind", sorted(AT_CLOSE))
def test_the_ea_is_lint_and_gxx_clean(kind, built):
    assert built[kind].lint == [] and built[kind].compiler == ""


def test_the_close_window_is_an_input_of_the_execution_group(built, emitted):
    lines = built["calendar"].mq5.splitlines()
    window = lines.index("input int InpCloseWindowMinutes = 10; // trade at close: decide and trade this "
                         "many minutes before the session ends")
    groups = [line for line in lines[:window] if line.startswith("input group")]
    assert groups[-1] == 'input group "Execution"'
    assert not any("CloseWindow" in text for text in emitted.values())      # next-open EAs have none


def test_the_emitted_ea_matches_its_snapshot(built, snapshot):
    assert built["calendar"].mq5 == snapshot(extension_class=MQ5Snapshot)


def test_emitting_is_byte_identical_across_hash_seeds():
    code = ("from tests.mql5.conftest import emit_path; from tests.mql5.test_trade_at_close import AT_CLOSE; "
            "import sys; sys.stdout.write(''.join(emit_path(p) for p in AT_CLOSE.values()))")

    def emit(seed: str) -> str:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout
    assert emit("7") == emit("31337")


def test_a_bar_without_a_timer_event_in_its_window_is_decided_from_its_closed_bar_at_the_next_event(
        built, tmp_path):
    ea = built["calendar"]
    gap = first_rebalance(ea)
    journal = run(ea, tmp_path, skip_close=(gap,))
    dates, _ = prices_for(ea.checked)
    day, next_day = (str(d)[:10] for d in dates[gap:gap + 2].astype("datetime64[D]"))
    assert missed(journal) == [day]
    assert {when for decided, when in deals_by_decision(journal) if decided == day} == {f"{next_day} 00:01"}
    # close-only data: the next open is the close, so even the late fill keeps the backtest's trace
    assert compare(backtest_trace(ea.checked), parse_trace(journal), ea.checked.strategy) is None


def test_the_window_opens_at_the_earliest_session_end_minus_the_window(built, tmp_path):
    ea = built["calendar"]
    spy, agg = sim.default_specs(ea.checked.strategy)
    specs = [spy, sim.replace(agg, session_close=22 * 3600)]           # AGG's session ends at 22:00
    journal = run(ea, tmp_path, specs=specs, close_at=21 * 3600 + 49 * 60)   # events 21:49, 21:50, 21:51
    assert {when[-5:] for _, when in deals_by_decision(journal)} == {"21:50"}
    assert compare(backtest_trace(ea.checked), parse_trace(journal), ea.checked.strategy) is None


def test_without_a_session_the_window_opens_at_23_49(built, tmp_path):
    ea = built["calendar"]
    no_session = [sim.replace(x, session_close=0) for x in sim.default_specs(ea.checked.strategy)]
    one_event_at_23_49 = dict(calls_per_bar=1, close_at=23 * 3600 + 49 * 60)
    journal = run(ea, tmp_path, specs=no_session, **one_event_at_23_49)
    expected = backtest_trace(ea.checked)
    assert [r.date for r in parse_trace(journal)] == [r.date for r in expected] and missed(journal) == []
    assert "market closed by its trading sessions" in journal and "SIM deal" not in journal
    with_session = run(ea, tmp_path, **one_event_at_23_49)          # 23:49 is before 24:00 - 10 min
    assert len(missed(with_session)) == len(parse_trace(with_session)) == len(expected) - 1


def test_a_restart_inside_the_close_window_neither_repeats_nor_skips_a_decision(built, tmp_path):
    ea = built["calendar"]
    bar = first_rebalance(ea)
    whole = run(ea, tmp_path)
    first = run(ea, tmp_path, stop=(bar, 4))             # 3 events after midnight, the first at 23:50
    second = run(ea, tmp_path, state_in=tmp_path / "state.txt")
    assert "SIM stopped" in first and parse_trace(first)[-1].event == "REBALANCE"
    assert parse_trace(first) + parse_trace(second) == parse_trace(whole)
    assert deals_by_decision(first) + deals_by_decision(second) == deals_by_decision(whole)
