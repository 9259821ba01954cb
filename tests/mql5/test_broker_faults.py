"""Broker faults: the EA adapts instead of sending orders the server must reject, logs each fault
once, and never trades twice for one decision, also across a restart."""

from __future__ import annotations

from rbl.backends.mql5 import sim
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for
from rbl.backends.trace import parse_trace
from tests.mql5.test_parity import run_example


def rejections(journal: str) -> list[str]:
    return [line for line in journal.splitlines() if line.startswith("SIM reject")]


def test_an_ioc_only_symbol_is_traded_with_ioc_filling(binaries, tmp_path):
    checked, journal = run_example("threshold_60_40", binaries, tmp_path, filling=2)
    assert rejections(journal) == []
    assert compare(backtest_trace(checked), parse_trace(journal), checked.strategy) is None


def test_a_volume_step_of_a_tenth_rounds_every_order_down_to_the_step(binaries, tmp_path):
    checked, journal = run_example("threshold_60_40", binaries, tmp_path, vstep=0.1, vmin=0.1)
    assert rejections(journal) == []
    deals = [float(line.split()[3]) for line in journal.splitlines() if line.startswith("SIM deal")]
    assert deals and all(abs(v * 10 - round(v * 10)) < 1e-6 for v in deals)
    from rbl.dsl.compiler import compile_text
    from tests.conftest import ROOT
    text = (ROOT / "examples" / "threshold_60_40.rbl").read_text()
    with_lots = compile_text(text.replace('symbol "SPY.US"', 'symbol "SPY.US" lot 0.1')
                             .replace('symbol "IEF.US"', 'symbol "IEF.US" lot 0.1'))
    assert compare(backtest_trace(with_lots), parse_trace(journal), with_lots.strategy) is None


def test_a_tick_value_of_zero_at_start_delays_the_decision_and_is_logged_once(binaries, tmp_path):
    # bar 0 gets 3 timer calls before the first decision bar closes; 2 more calls read 0 on bar 1
    checked, journal = run_example("classic_60_40", binaries, tmp_path, zero_tick_calls=5)
    waits = [line for line in journal.splitlines() if "tick value" in line]
    assert len(waits) == 1           # the first symbol: the EA stops at the first unusable one
    assert compare(backtest_trace(checked), parse_trace(journal), checked.strategy) is None


def test_insufficient_margin_is_refused_before_sending_and_logged_once_per_symbol(binaries, tmp_path):
    checked, journal = run_example("classic_60_40", binaries, tmp_path, margin_rate=1.5)
    assert [line for line in rejections(journal) if " 10019 " in line] == []
    refusals = [line for line in journal.splitlines() if "not enough free margin" in line]
    assert refusals
    first_day = journal.split("RBL ")[2] if journal.count("RBL ") > 1 else journal
    assert first_day.count("not enough free margin") <= 2


def test_a_market_closed_at_weekends_gets_no_order_until_it_opens(binaries, tmp_path):
    checked, journal = run_example("crypto_pair", binaries, tmp_path, weekend_closed=True)
    assert rejections(journal) == []
    lines = journal.splitlines()
    closed = [line for line in lines if "market closed by its trading sessions" in line]
    assert closed
    decisions = [i for i, line in enumerate(lines) if line.startswith("RBL ")]
    for start, end in zip(decisions, decisions[1:]):
        block = lines[start:end]
        assert sum("market closed" in line for line in block) <= 2     # each symbol's fault logged once


def test_a_restart_mid_run_neither_repeats_nor_skips_a_decision(binaries, tmp_path):
    from rbl.dsl.compiler import compile_file
    from tests.conftest import ROOT
    checked = compile_file(ROOT / "examples" / "threshold_60_40.rbl")
    s = checked.strategy
    dates, close = prices_for(checked)
    specs, account = sim.default_specs(s), sim.default_account(s)
    whole = sim.run(binaries["threshold_60_40"], sim.config_text(specs, account, dates, close), tmp_path)
    state = tmp_path / "state.txt"
    first = sim.run(binaries["threshold_60_40"],
                    sim.config_text(specs, account, dates, close, stop_after=2000, state_out=str(state)), tmp_path)
    second = sim.run(binaries["threshold_60_40"], sim.config_text(specs, account, dates, close), tmp_path, state)
    assert parse_trace(first) + parse_trace(second) == parse_trace(whole)
    deals = lambda text: [x for x in text.splitlines() if x.startswith("SIM deal")]  # noqa: E731
    assert deals(first) + deals(second) == deals(whole)


def test_the_simulated_broker_rejects_a_filling_mode_the_symbol_does_not_allow(emitted, tmp_path):
    from rbl.backends.mql5.gxx import compile_object
    from rbl.dsl.compiler import compile_file
    from tests.conftest import ROOT
    # an EA that sends IOC to a FOK-only symbol: the server refuses it, and it is never resent
    text = emitted["classic_60_40"].replace("g_trade.SetTypeFilling(ORDER_FILLING_FOK);",
                                            "g_trade.SetTypeFilling(ORDER_FILLING_IOC);", 1)
    result = compile_object(text, "c.mq5", tmp_path, tmp_path / "c.o")
    assert result.ok, result.diagnostics
    checked = compile_file(ROOT / "examples" / "classic_60_40.rbl")
    dates, close = prices_for(checked)
    specs = [sim.replace(x, filling=1) for x in sim.default_specs(checked.strategy)]
    journal = sim.run(sim.link(tmp_path / "c.o", tmp_path / "c"),
                      sim.config_text(specs, sim.default_account(checked.strategy), dates[:15], close[:15]), tmp_path)
    assert rejections(journal)[0].startswith("SIM reject 10030")
    assert len(rejections(journal)) == 2       # one per symbol: not resent for the rest of the decision
