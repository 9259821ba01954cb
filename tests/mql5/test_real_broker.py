"""The EA on brokers set up as real ones are (issue 10): each test is a way an earlier EA traded
wrongly in the simulated broker (kept as the scenario) and the behaviour that replaced it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5 import verify
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for, with_inputs
from rbl.backends.mql5.verify_broker import first_departure, joint_panel
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import ROOT

UNLEVERAGED = dict(margin_rate=1.0, vmin=1.0, vstep=1.0, spread_bps=2.0)


def example(stem: str):
    return compile_file(ROOT / "examples" / f"{stem}.rbl")


def specs_of(checked, symbols: dict | None) -> list[sim.SymbolSpec]:
    """The ideal broker's symbols, changed as `symbols` says (asset index -> field changes)."""
    return [replace(spec, **(symbols or {}).get(i, {})) for i, spec in enumerate(sim.default_specs(checked.strategy))]


def run(checked, binary, tmp_path, account: dict | None = None, symbols: dict | None = None):
    """The EA's journal on the example's prices, on the ideal broker changed as told."""
    dates, close = prices_for(checked)
    broker = replace(sim.default_account(checked.strategy), **(account or {}))
    return sim.run(binary, sim.config_text(specs_of(checked, symbols), broker, dates, close), tmp_path)


def linked(text: str, tmp_path):
    """An EA's text compiled and linked with the simulated broker."""
    from rbl.backends.mql5.gxx import compile_object
    result = compile_object(text, "ea.mq5", tmp_path, tmp_path / "ea.o")
    assert result.ok, result.diagnostics
    return sim.link(tmp_path / "ea.o", tmp_path / "ea")


def build(emitted, stem: str, tmp_path, **inputs):
    """The example's EA with some inputs set (as verify runs it, then these), linked."""
    return linked(with_inputs(emitted[stem], {**verify.tester_inputs(example(stem).strategy), **inputs}), tmp_path)


def joint_backtest(checked, symbols: dict):
    """The backtest's trace on the bars every symbol has (the joint calendar)."""
    from rbl.backends.numpy.api import panel_for
    return backtest_trace(checked, joint_panel(panel_for(checked.strategy, None), specs_of(checked, symbols)))


def lines(journal: str, start: str) -> list[str]:
    return [line for line in journal.splitlines() if line.startswith(start)]


def deals(journal: str) -> list[str]:
    return lines(journal, "SIM deal")


def final_lots(journal: str) -> dict[str, float]:
    return {line.split()[2]: float(line.split()[3]) for line in lines(journal, "SIM position")}


# 1. Missing history: a symbol with 60 bars before the first decision ranked first (x/0 = DBL_MAX)
def test_a_symbol_with_a_short_history_delays_the_first_decision_until_its_warm_up(binaries, tmp_path):
    checked = example("momentum_rotation")
    short = {3: dict(first_bar=checked.warmup_bars - 60)}
    journal = run(checked, binaries["momentum_rotation"], tmp_path, symbols=short)
    expected = joint_backtest(checked, short)
    assert compare(expected, parse_trace(journal), checked.strategy) is None
    assert len(lines(journal, "rbl: account: waiting for history")) == 1


# 8. Calendars: a bar one symbol lacks is not a decision bar; a calendar rebalance moves to the
# next bar all symbols have, as in the backtest on the joint calendar
@pytest.mark.parametrize("closed", [0, 2], ids=["first symbol", "a later symbol"])
def test_a_quarter_start_missing_on_one_symbol_moves_the_rebalance_to_the_next_joint_bar(closed, binaries, tmp_path):
    checked = example("all_weather")
    dates, _ = prices_for(checked)
    holiday = {closed: dict(missing=(int(np.searchsorted(dates, np.datetime64("2005-07-01"))),))}
    journal = run(checked, binaries["all_weather"], tmp_path, symbols=holiday)
    assert compare(joint_backtest(checked, holiday), parse_trace(journal), checked.strategy) is None
    assert [r.event for r in parse_trace(journal) if r.date == "2005-07-05"] == ["REBALANCE"]


# 2. Unleveraged accounts: orders sized to 100% of equity at the bid were refused by the margin
# check every day, and the drift never closed
def test_an_unleveraged_account_with_broker_costs_trades_once_per_rebalance(binaries, tmp_path):
    checked = example("threshold_60_40")
    journal = run(checked, binaries["threshold_60_40"], tmp_path, account=dict(cost_rate=5e-4),
                  symbols={0: UNLEVERAGED, 1: UNLEVERAGED})
    decisions = [r for r in parse_trace(journal) if r.event in ("INITIAL", "REBALANCE")]
    expected = [r for r in backtest_trace(checked) if r.event in ("INITIAL", "REBALANCE")]
    assert len(decisions) <= len(expected) + 5
    assert len(deals(journal)) <= 2 * len(decisions)
    assert final_lots(journal)["IEF.US"] > 0
    assert lines(journal, "SIM reject") == []


# 3. Exchange execution with RETURN filling only: every order was refused 10030, forever
def test_a_return_only_exchange_symbol_is_traded_with_return_filling(binaries, tmp_path):
    checked = example("threshold_60_40")
    exchange = dict(exemode=3, filling=0)
    journal = run(checked, binaries["threshold_60_40"], tmp_path, symbols={0: exchange, 1: exchange})
    assert lines(journal, "SIM reject") == []
    assert compare(backtest_trace(checked), parse_trace(journal), checked.strategy) is None


# 4. The whole account as its own: a manual position was rebalanced away
def test_foreign_volume_on_a_netting_account_stops_the_ea_at_start(binaries, tmp_path):
    checked = example("threshold_60_40")
    with pytest.raises(RuntimeError, match="not this EA's"):
        run(checked, binaries["threshold_60_40"], tmp_path, symbols={0: dict(foreign_lots=10.0)})


def test_accepted_foreign_volume_is_left_alone_and_the_ea_trades_its_own_capital(emitted, tmp_path):
    checked = example("threshold_60_40")
    capital = checked.strategy.capital.value
    binary = build(emitted, "threshold_60_40", tmp_path, InpAcceptForeignVolume="true",
                   InpCapital=repr(capital))
    journal = run(checked, binary, tmp_path, account=dict(deposit=2 * capital),
                  symbols={0: dict(foreign_lots=10.0)})
    assert compare(backtest_trace(checked), parse_trace(journal), checked.strategy) is None
    from rbl.backends.numpy.api import backtest
    held = backtest(checked).holdings.iloc[-2]
    assert final_lots(journal)["SPY.US"] == pytest.approx(held["SPY"] + 10.0, abs=1e-6)


# 5. State: switching accounts in one terminal inherited the peak, the states and the kill flag
def test_an_account_switch_starts_afresh_on_the_new_account(binaries, tmp_path):
    checked = example("drawdown_circuit_breaker")
    journal = run(checked, binaries["drawdown_circuit_breaker"], tmp_path, account=dict(account_switch_at=3000))
    after = journal.split("SIM account switch", 1)[1]
    assert parse_trace(after)[0].event == "INITIAL"


# 6. Cash flows: a withdrawal counted as a 20% loss and flipped the circuit breaker
def test_a_withdrawal_is_not_a_drawdown(emitted, tmp_path):
    checked = example("drawdown_circuit_breaker")
    expected = backtest_trace(checked)
    calm = next(i for i in range(1000, len(expected))
                if all(expected[k].targets["SPY"] == 0.6 for k in range(i - 1, i + 20)))
    flow = calm + checked.warmup_bars + 1        # the data bar whose open decides trace record `calm`
    from rbl.backends.numpy.api import backtest
    withdrawal = -0.25 * backtest(checked).nav.iloc[flow]      # deeper than the 15% breaker
    whole_account = build(emitted, "drawdown_circuit_breaker", tmp_path, InpCapital="0.0")
    journal = run(checked, whole_account, tmp_path, account=dict(cash_flows=((flow, withdrawal),)))
    actual = parse_trace(journal)
    assert [r.targets for r in actual[calm:calm + 20]] == [r.targets for r in expected[calm:calm + 20]]


# 7. Transient rejects blocked a symbol until the next decision: a quarterly rebalance half done
def filled_per_plan(journal: str, symbols: dict[str, str]) -> list[tuple[dict, dict]]:
    """(planned orders, lots filled before the next plan) per trading decision (one lot = one unit)."""
    out = []
    for line in journal.splitlines():
        record = parse_trace(line)
        if record and record[0].orders:
            out.append((record[0].orders, {}))
        elif line.startswith("SIM deal") and out:
            name, lots = symbols[line.split()[2]], float(line.split()[3])
            out[-1][1][name] = out[-1][1].get(name, 0.0) + lots
    return out


def every_plan_filled(checked, journal: str, step: float) -> bool:
    symbols = {a.symbol: a.name for a in checked.strategy.assets}
    return all(abs(plan.get(n, 0.0) - got.get(n, 0.0)) <= step for plan, got in filled_per_plan(journal, symbols)[:-1]
               for n in set(plan) | set(got))


def test_requotes_are_retried_within_the_decision(binaries, tmp_path):
    checked = example("all_weather")
    account = dict(requote_rate=0.3, seed=11)
    journal = run(checked, binaries["all_weather"], tmp_path, account=account)
    assert lines(journal, "SIM reject 10004")
    assert every_plan_filled(checked, journal, 1e-6)
    late, _ = first_departure(journal) or (None, "")
    assert compare(backtest_trace(checked), parse_trace(journal), checked.strategy, exact_through=late) is None


def test_a_disconnect_delays_the_orders_without_a_second_decision(binaries, tmp_path):
    checked = example("threshold_60_40")
    expected = backtest_trace(checked)
    decided = next(i for i, r in enumerate(expected) if r.event == "REBALANCE" and r.date >= "2008-01-01")
    offline = (decided + checked.warmup_bars + 1, decided + checked.warmup_bars + 3)   # the orders' bar and two more
    account = dict(disconnect=(offline,))
    journal = run(checked, binaries["threshold_60_40"], tmp_path, account=account)
    assert lines(journal, "SIM reject 10031") == []     # the EA waits for the connection
    assert every_plan_filled(checked, journal, 1e-6)
    late, why = first_departure(journal)
    assert (late, why) == (expected[decided + 1].date, "orders of an earlier decision were still unfilled")
    assert compare(expected, parse_trace(journal), checked.strategy, exact_through=late) is None


def test_partial_fills_are_completed(binaries, tmp_path):
    checked = example("threshold_60_40")
    whole = dict(vmin=1.0, vstep=1.0)
    journal = run(checked, binaries["threshold_60_40"], tmp_path, account=dict(partial_fill_rate=0.5, seed=3),
                  symbols={0: whole, 1: whole})
    assert lines(journal, "SIM partial")
    assert every_plan_filled(checked, journal, 1.0)


# 10. The smaller ones
def test_a_close_only_symbol_gets_no_increase(binaries, tmp_path):
    checked = example("threshold_60_40")
    journal = run(checked, binaries["threshold_60_40"], tmp_path, symbols={1: dict(trade_mode=3)})
    assert lines(journal, "SIM reject") == []
    assert any("close-only" in line for line in journal.splitlines())


def test_orders_are_resized_to_the_symbols_volume_limit(binaries, tmp_path):
    checked = example("threshold_60_40")
    journal = run(checked, binaries["threshold_60_40"], tmp_path, symbols={0: dict(volume_limit=500.0)})
    assert lines(journal, "SIM reject") == []
    assert final_lots(journal)["SPY.US"] <= 500.0


def test_the_last_chunk_of_a_split_order_is_never_under_the_minimum_volume(binaries, tmp_path):
    checked = example("threshold_60_40")
    coarse = dict(vmin=30.0, vstep=10.0, vmax=290.0)
    journal = run(checked, binaries["threshold_60_40"], tmp_path, symbols={0: coarse, 1: coarse})
    assert lines(journal, "SIM reject") == []


def test_alert_mode_trades_in_the_strategy_tester_without_approval(emitted, tmp_path):
    checked = example("fx_gold_basket")
    binary = linked(emitted["fx_gold_basket"], tmp_path)        # as emitted: InpApproveAll false
    assert deals(run(checked, binary, tmp_path, account=dict(tester=True)))
    assert deals(run(checked, binary, tmp_path)) == []


def test_a_capital_of_zero_is_refused_instead_of_divided_by(emitted, tmp_path):
    checked = example("threshold_60_40")
    whole_account = build(emitted, "threshold_60_40", tmp_path, InpCapital="0.0")
    journal = run(checked, whole_account, tmp_path, account=dict(deposit=0.0))
    assert parse_trace(journal) == [] and deals(journal) == []
    assert any("nothing to rebalance" in line for line in journal.splitlines())


def test_the_tester_criterion_ranks_a_loss_with_a_deeper_drawdown_lower(binaries, tmp_path):
    checked = example("classic_60_40")
    journal = run(checked, binaries["classic_60_40"], tmp_path, account=dict(cost_rate=0.5))   # a losing run
    equity, criterion = (float(x) for x in lines(journal, "SIM end equity")[0].split()[3::2])
    loss = equity - checked.strategy.capital.value
    assert loss < 0 and criterion < loss          # a loss is made worse by its drawdown, not softened


def test_state_is_kept_apart_per_mode_login_and_server(emitted, tmp_path):
    checked = example("fx_gold_basket")         # alert mode: its message names the approval variable
    binary = linked(emitted["fx_gold_basket"], tmp_path)
    prefix = lambda journal: lines(journal, "ALERT")[0].split("global variable ")[1].split("approve")[0]  # noqa: E731
    live = prefix(run(checked, binary, tmp_path))
    assert live.startswith("rbl.L1001.")
    assert prefix(run(checked, binary, tmp_path, account=dict(tester=True))).startswith("rbl.T1001.")
    assert prefix(run(checked, binary, tmp_path, account=dict(login=2002))).startswith("rbl.L2002.")
    assert prefix(run(checked, binary, tmp_path, account=dict(server="Other-Live"))) != live
