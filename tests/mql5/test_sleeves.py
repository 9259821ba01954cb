"""Sleeves in the EA (docs/semantics.md, Sleeves): the core-satellite EA is pinned by a snapshot,
compiles clean, and in the simulated broker fires its sleeves and its parent rule on the bars an
independent computation from the prices and the broker's own deals says."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.emit import emit_mql5
from rbl.backends.mql5.gxx import compile_object
from rbl.backends.mql5.lint import lint
from rbl.backends.mql5.verify import prices_for
from rbl.backends.trace import TraceRecord, parse_line
from rbl.dsl.compiler import compile_source
from rbl.dsl.source import SourceFile
from tests.conftest import EXAMPLES, ROOT

CORE_SATELLITE = ROOT / "examples" / "core_satellite.rbl"
CORE, SATELLITE = ("SPY", "AGG"), ("AAPL", "JNJ", "JPM", "KO", "MSFT", "PG", "WMT", "XOM")
SHARES = {"core": 0.7, "satellite": 0.3}
WITH_COMMISSION = "\ncosts:\n    commission 10 bps\n"


@dataclass
class Decision:
    """One trace line and the deals the broker filled for it (asset name -> signed units)."""

    record: TraceRecord
    t: int
    deals: dict[str, float] = field(default_factory=dict)


@dataclass
class Run:
    checked: object
    mq5: str
    dates: np.ndarray
    close: np.ndarray
    decisions: list[Decision]
    binary: object = None
    journal: str = ""

    def col(self, asset: str) -> int:
        return [a.name for a in self.checked.strategy.assets].index(asset)


def _source(extra: str = "") -> SourceFile:
    return SourceFile(CORE_SATELLITE.name, CORE_SATELLITE.read_text() + extra)


def _decisions(journal: str, checked, dates) -> list[Decision]:
    by_symbol = {a.symbol: a.name for a in checked.strategy.assets}
    index = {str(d)[:10]: t for t, d in enumerate(dates.astype("datetime64[D]"))}
    out: list[Decision] = []
    for line in journal.splitlines():
        record = parse_line(line)
        if record is not None:
            out.append(Decision(record, index[record.date]))
        elif line.startswith("SIM deal"):
            _, _, symbol, units, *_ = line.split()
            out[-1].deals[by_symbol[symbol]] = float(units)
    return out


def simulate(tmp_path, extra: str = "") -> Run:
    source = _source(extra)
    checked = compile_source(source).checked
    mq5 = emit_mql5(checked, source)
    result = compile_object(mq5, "core_satellite.mq5", tmp_path, tmp_path / "ea.o")
    assert result.ok, result.diagnostics
    binary = sim.link(tmp_path / "ea.o", tmp_path / "ea")
    dates, close = prices_for(checked)
    s = checked.strategy
    journal = sim.run(binary, sim.config_text(sim.default_specs(s), sim.default_account(s), dates, close), tmp_path)
    assert "SIM reject" not in journal
    return Run(checked, mq5, dates, close, _decisions(journal, checked, dates), binary, journal)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    return simulate(tmp_path_factory.mktemp("core-satellite"))


@pytest.fixture(scope="module")
def costly(tmp_path_factory) -> Run:
    return simulate(tmp_path_factory.mktemp("core-satellite-costs"), WITH_COMMISSION)


def _first_of(dates, unit: str) -> np.ndarray:
    """True on the first bar of each month ("M") or year ("Y") of the data's own dates."""
    periods = dates.astype(f"datetime64[{unit}]")
    return np.r_[True, periods[1:] != periods[:-1]]


def _book(run: Run):
    """(units per asset, cash) held at each decision bar's close, rebuilt from the broker's deals
    filled at the next open (= this close for close-only data) and the commission of the run."""
    held = {a.name: 0.0 for a in run.checked.strategy.assets}
    cash = run.checked.strategy.capital.value
    rate = (run.checked.strategy.costs.commission.value if run.checked.strategy.costs.commission else 0.0)
    for d in run.decisions:
        yield d, dict(held), cash
        for name, units in d.deals.items():
            notional = units * run.close[d.t, run.col(name)]
            held[name] += units
            cash -= notional + rate * abs(notional)


def _value(run: Run, held: dict, t: int, names) -> float:
    return sum(held[n] * run.close[t, run.col(n)] for n in names)


# --- the emitted program (snapshot, lint, determinism: the per-example tests) -----------------
def test_each_sleeve_rule_is_tagged_with_its_rbl_line(run):
    lines = CORE_SATELLITE.read_text().splitlines()
    annually = next(i for i, x in enumerate(lines, 1) if "check annually" in x)
    monthly = next(i for i, x in enumerate(lines, 1) if "check monthly" in x)
    assert f"g_scheck[0] = RblNthOfPeriod(RBL_YEAR, 1, RBL_DECISION_SHIFT);  // rbl:{annually}" in run.mq5
    assert f"g_scheck[1] = RblNthOfPeriod(RBL_MONTH, 1, RBL_DECISION_SHIFT);  // rbl:{monthly}" in run.mq5


def test_a_strategy_without_sleeves_gets_no_sleeve_runtime(emitted):
    sleeved = {p.stem for p in EXAMPLES if "\nsleeve " in p.read_text()}
    assert sleeved >= {"core_satellite", "sentiment_sleeves", "sleeve_cooldown"}
    plain = {stem: text for stem, text in emitted.items() if stem not in sleeved}
    assert plain and all("RblSleeve" not in text and "sleeves=" not in text for text in plain.values())


# --- the decisions in the simulated broker --------------------------------------------------------
def test_every_decision_prints_both_sleeves_own_check_and_when(run):
    first_of_year, first_of_month = _first_of(run.dates, "Y"), _first_of(run.dates, "M")
    assert len(run.decisions) == len(run.dates) - run.checked.warmup_bars - 1
    for d in run.decisions:
        core, satellite = int(first_of_year[d.t]), int(first_of_month[d.t])
        assert d.record.sleeves == f"core:{core}1,satellite:{satellite}1", d.record.date


def test_the_parent_when_and_max_drift_are_the_sleeves_distance_from_their_shares(run):
    fired = 0
    for d, held, cash in list(_book(run))[1:]:
        nav = cash + _value(run, held, d.t, CORE + SATELLITE)
        u = {"core": _value(run, held, d.t, CORE) / nav, "satellite": _value(run, held, d.t, SATELLITE) / nav}
        drift = max(abs(u[k] - SHARES[k]) for k in SHARES)
        assert d.record.max_drift == pytest.approx(drift, abs=1e-6), d.record.date
        if abs(drift - 0.05) > 1e-9:
            assert d.record.when == (drift > 0.05), d.record.date
        fired += d.record.when
    assert fired >= 10      # the 5pp band is crossed many times over thirty years


def test_the_event_is_rebalance_exactly_when_the_parent_or_a_sleeve_fires(run):
    assert run.decisions[0].record.event == "INITIAL"
    for d in run.decisions[1:]:
        sleeve_fires = "11" in d.record.sleeves
        expected = "REBALANCE" if (d.record.check and d.record.when) or sleeve_fires else "HOLD"
        assert d.record.event == expected, d.record.date
        assert bool(d.deals) == (expected == "REBALANCE"), d.record.date


def test_the_satellite_targets_the_three_best_six_month_returns_at_a_tenth_each(run):
    """...as of the satellite's last check bar (its `check monthly`; docs/semantics.md, *Targets in effect*)."""
    checked_at = run.decisions[0].t
    evaluated = {}
    for d in run.decisions:
        if "satellite:1" in d.record.sleeves:
            checked_at = d.t
        evaluated[d.t] = checked_at
    for d in run.decisions[::50]:
        t = evaluated[d.t]
        returns = {n: run.close[t, run.col(n)] / run.close[t - 126, run.col(n)] - 1 for n in SATELLITE}
        best = sorted(SATELLITE, key=lambda n: -returns[n])[:3]
        expected = {n: (0.1 if n in best else 0.0) for n in SATELLITE} | {"SPY": 0.42, "AGG": 0.28}
        assert d.record.targets == pytest.approx(expected, abs=1e-6), d.record.date


def test_a_sleeve_that_fires_alone_trades_only_its_own_holdings_and_finances_itself(run):
    alone = [(d, held) for d, held, _ in _book(run)
             if d.record.event == "REBALANCE" and not (d.record.check and d.record.when)]
    assert len(alone) > 250
    for d, held in alone:
        firing = {name for name, names in (("core", CORE), ("satellite", SATELLITE))
                  if f"{name}:11" in d.record.sleeves}
        owned = {n for name, names in (("core", CORE), ("satellite", SATELLITE)) if name in firing for n in names}
        assert set(d.deals) <= owned, d.record.date
        for names in (CORE, SATELLITE):
            flow = sum(units * run.close[d.t, run.col(n)] for n, units in d.deals.items() if n in names)
            assert abs(flow) <= 1e-6 * _value(run, held, d.t, names) + 1e-6, d.record.date


def test_a_firing_satellite_lands_on_its_own_targets(run):
    for d, held, _ in _book(run):
        parent = d.record.check and d.record.when
        if d.record.event != "REBALANCE" or parent or "satellite:11" not in d.record.sleeves:
            continue
        after = {n: held[n] + d.deals.get(n, 0.0) for n in SATELLITE}
        value = _value(run, after, d.t, SATELLITE)
        for n in SATELLITE:
            mix = after[n] * run.close[d.t, run.col(n)] / value
            assert mix == pytest.approx(d.record.targets[n] / 0.3, abs=1e-6), (d.record.date, n)


def test_when_the_parent_fires_the_sleeves_return_to_their_shares_and_a_quiet_sleeve_keeps_its_mix(run):
    parent = [(d, held, cash) for d, held, cash in _book(run) if d.record.event == "REBALANCE"
              and d.record.check and d.record.when]
    assert parent
    for d, held, cash in parent:
        after = {n: held[n] + d.deals.get(n, 0.0) for n in CORE + SATELLITE}
        nav = cash + _value(run, held, d.t, CORE + SATELLITE)
        assert _value(run, after, d.t, CORE) / nav == pytest.approx(0.7, abs=1e-6), d.record.date
        assert _value(run, after, d.t, SATELLITE) / nav == pytest.approx(0.3, abs=1e-6), d.record.date
        if "satellite:11" not in d.record.sleeves:
            scale = {n: after[n] / held[n] for n in SATELLITE if held[n] * run.close[d.t, run.col(n)] > 1.0}
            assert max(scale.values()) == pytest.approx(min(scale.values()), rel=1e-7), d.record.date


def test_with_commission_a_firing_sleeve_pays_its_own_costs_from_its_own_value(costly):
    rate = 0.001
    checked_bars = 0
    for d, held, _ in _book(costly):
        if d.record.event != "REBALANCE" or (d.record.check and d.record.when):
            continue
        for owned, name in ((SATELLITE, "satellite"), (CORE, "core")):
            if f"{name}:11" not in d.record.sleeves:
                continue
            before = _value(costly, held, d.t, owned)
            notional = {n: d.deals.get(n, 0.0) * costly.close[d.t, costly.col(n)] for n in owned}
            after = before + sum(notional.values())
            cost = rate * sum(abs(x) for x in notional.values())
            assert after + cost == pytest.approx(before, rel=1e-8), d.record.date
            checked_bars += 1
    assert checked_bars > 250


def test_a_restart_mid_run_neither_repeats_nor_skips_a_sleeve_decision(run, tmp_path):
    s = run.checked.strategy
    specs, account = sim.default_specs(s), sim.default_account(s)
    state = tmp_path / "state.txt"
    first = sim.run(run.binary, sim.config_text(specs, account, run.dates, run.close, stop_after=3000,
                                                state_out=str(state)), tmp_path)
    second = sim.run(run.binary, sim.config_text(specs, account, run.dates, run.close), tmp_path, state)
    whole = [line for line in run.journal.splitlines() if line.startswith(("RBL ", "SIM deal"))]
    halves = [line for text in (first, second) for line in text.splitlines() if line.startswith(("RBL ", "SIM deal"))]
    assert 0 < len(first.splitlines()) < len(whole) and halves == whole
