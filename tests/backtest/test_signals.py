"""Signals (`signal S column "x" stale after N bars`): a series read but never traded. Hand-computed tiny
cases of its values, gaps and the decisions that wait, the data rules of signal columns, and the engine
against the independent reference simulator on the bundled SYNTHETIC score, to 1e-9."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from rbl.backends.numpy import backtest
from rbl.backends.numpy.readers import DataError
from rbl.dsl.compiler import compile_file
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.backtest.tiny import run

NAN = math.nan
SWITCH = """asset A column "A" symbol "A"
asset B column "B" symbol "B"
signal S column "S" stale after 1 bar
capital 1000 USD
execution decide at close, trade at close
target:
    if S > 0:
        A 100%
    else:
        B 100%
rebalance:
    when drift > 1pp
"""
FLAT = dict(A=[10.0] * 8, B=[20.0] * 8)


def trace(result):
    return [(r.event, r.targets.get("A")) for r in result.trace_records()]


def test_any_sign_is_a_value_and_a_gap_carries_the_last_one_over_its_staleness():
    # bar 2: a gap, 1 bar old: -1 still counts; bar 3: 2 bars old > 1: wait; bar 5: 0 is not > 0
    result = run(SWITCH, **FLAT, S=[1.0, -1.0, NAN, NAN, -0.5, 0.0, 2.0, NAN])
    assert trace(result) == [("INITIAL", 1.0), ("REBALANCE", 0.0), ("HOLD", 0.0), ("WAIT", None),
                             ("HOLD", 0.0), ("HOLD", 0.0), ("REBALANCE", 1.0), ("HOLD", 1.0)]


def test_a_decision_that_waits_says_which_signal_and_how_old_it_is():
    record = run(SWITCH, **FLAT, S=[1.0, -1.0, NAN, NAN, -0.5, 0.0, 2.0, NAN]).trace_records()[3]
    assert (record.date, record.targets, record.orders, record.check, record.when) == ("2020-01-09", {}, {}, False, False)
    assert record.why == "signal S: last value on 2020-01-07, 2 bars old (stale after 1 bar): wait"


def test_the_first_decision_is_the_first_bar_with_a_fresh_value():
    result = run(SWITCH, **FLAT, S=[NAN, NAN, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    assert [e for e, _ in trace(result)][:4] == ["WAIT", "WAIT", "INITIAL", "HOLD"]
    assert result.trace_records()[0].why == "signal S has no value yet: wait"
    assert [t.bar for t in result.trades] == [2]


def test_without_stale_after_every_bar_a_decision_reads_needs_a_value():
    body = SWITCH.replace(" stale after 1 bar", "")
    assert [e for e, _ in trace(run(body, **FLAT, S=[1.0, NAN, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]))][:3] == \
        ["INITIAL", "WAIT", "HOLD"]


def test_a_window_waits_while_any_bar_it_reads_is_stale():
    # sma(S, 2 bars) reads bars t-2..t (the warm-up's count; the first decision is bar 2); a 2-bar gap at
    # bars 3-4 (stale after 1) makes bar 4 stale, so the decisions on bars 4, 5 and 6 wait
    body = SWITCH.replace("if S > 0:", "if sma(S, 2 bars) > 0:")
    result = run(body, **FLAT, S=[1.0, 1.0, 1.0, NAN, NAN, 1.0, 1.0, 1.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "WAIT", "WAIT", "WAIT", "HOLD"]


def test_the_kill_switch_fires_on_a_bar_that_waits_for_a_signal():
    """It reads the NAV and its peak only: a stale sentiment file must not keep a crashing portfolio open."""
    body = SWITCH + "constraints:\n    max drawdown 30%\n"
    crash = dict(A=[10.0, 10.0, 10.0, 8.0, 6.0, 6.0, 7.0, 8.0], B=[20.0] * 8)
    result = run(body, **crash, S=[1.0, 1.0, 1.0, NAN, NAN, NAN, 1.0, 1.0])
    # bar 4: S is 2 bars old (stale after 1): the decision waits, and the drawdown is 40%
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "HOLD", "HOLD", "KILL", "DONE",
                                                         "DONE", "DONE"]
    kill = result.trace_records()[4]
    assert kill.orders == {"A": -100.0} and kill.targets == {"A": 1.0, "B": 0.0}
    assert kill.why == "drawdown 40.00% reached the max drawdown"
    assert result.nav.iloc[-1] == result.nav.iloc[4] == 600.0


def test_a_lag_reads_the_value_carried_to_that_bar():
    body = SWITCH.replace("if S > 0:", "if S[1] > 0:").replace("stale after 1 bar", "stale after 3 bars")
    result = run(body, **FLAT, S=[-1.0, 1.0, NAN, -1.0, NAN, NAN, NAN, NAN])
    # S[1] on bars 1..6: -1, 1, 1 (bar 1's value carried to bar 2), -1, -1, -1 (bar 5 carries bar 3, 2 bars
    # old); bar 7 reads itself, 4 bars old (> 3): wait
    assert trace(result) == [("INITIAL", 0.0), ("REBALANCE", 1.0), ("HOLD", 1.0), ("REBALANCE", 0.0),
                             ("HOLD", 0.0), ("HOLD", 0.0), ("WAIT", None)]


def test_bars_since_rebalance_counts_the_bars_that_waited():
    body = SWITCH.replace("    when drift > 1pp", "    when bars since rebalance >= 3")
    result = run(body, **FLAT, S=[1.0, 1.0, NAN, NAN, NAN, 1.0, 1.0, 1.0])
    # INITIAL on bar 0; bars 3 and 4 wait; bar 5 is 5 bars after it
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "HOLD", "WAIT", "WAIT", "REBALANCE",
                                                         "HOLD", "HOLD"]


def test_a_signal_column_may_hold_zero_and_negative_values_but_not_text(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("date,A,B,S\n2020-01-06,10,20,0\n2020-01-07,10,20,-3.5\n2020-01-08,10,20,\n")
    assert len(backtest_file(path).trace_records()) == 3
    path.write_text("date,A,B,S\n2020-01-06,10,20,0\n2020-01-07,10,20,n/a\n")
    with pytest.raises(DataError, match="row 3, column S: the signal is 'n/a', not a finite number"):
        backtest_file(path)
    path.write_text("date,A,B,S\n2020-01-06,10,20,0\n2020-01-07,10,20,inf\n")
    with pytest.raises(DataError, match="column S: the signal is 'inf'"):
        backtest_file(path)


def test_a_signal_column_without_any_value_is_a_data_error_not_a_run_that_never_trades(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("date,A,B,S\n2020-01-06,10,20,\n2020-01-07,10,20,\n2020-01-08,10,20,\n")
    with pytest.raises(DataError, match=r"data.csv: column S: the signal has no value from 2020-01-06 to "
                                        r"2020-01-08: every decision would wait"):
        backtest_file(path)


def test_a_signal_nothing_reads_may_have_no_value(tmp_path):
    from tests.backtest.tiny import strategy
    path = tmp_path / "data.csv"
    path.write_text("date,A,B,S\n2020-01-06,10,20,\n2020-01-07,10,20,\n")
    unread = strategy(SWITCH.replace("if S > 0:", "if A > 0:"))
    assert [r.event for r in backtest(unread, [path]).trace_records()] == ["INITIAL", "HOLD"]


def test_a_window_before_a_signal_starts_is_a_data_error():
    with pytest.raises(DataError, match="bundled synthetic_signals.csv: column SENTIMENT: the signal has no value"):
        backtest(compile_file(EXAMPLE), end="1993-10-20")


def test_align_ffill_fills_prices_never_a_signal_whose_staleness_decides(tmp_path):
    from rbl.backends.numpy.align import Align, Aligned
    from tests.backtest.tiny import strategy
    prices, signal = tmp_path / "prices.csv", tmp_path / "signal.csv"
    prices.write_text("date,A,B\n" + "".join(f"2020-01-{d:02d},10,20\n" for d in (6, 7, 8, 9, 10)))
    signal.write_text("date,S\n2020-01-06,1\n2020-01-09,1\n2020-01-10,1\n")      # no row on the 7th and 8th
    result = backtest(strategy(SWITCH.replace("stale after 1 bar", "stale after 0 bars")),
                      Aligned((prices, signal), Align("ffill", 5)))
    assert [r.event for r in result.trace_records()] == ["INITIAL", "WAIT", "WAIT", "HOLD", "HOLD"]


def test_a_weekly_signal_file_beside_daily_prices_keeps_the_daily_bars(tmp_path):
    from tests.backtest.tiny import strategy
    prices, signal = tmp_path / "prices.csv", tmp_path / "signal.csv"
    prices.write_text("date,A,B\n" + "".join(f"2020-01-{d:02d},10,20\n" for d in (6, 7, 8, 9)))
    signal.write_text("date,S\n2020-01-06,1\n2020-01-08,1\n")
    result = backtest(strategy(SWITCH), [prices, signal])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "HOLD", "HOLD"]


def test_a_signal_row_dated_between_bars_counts_from_the_next_bar(tmp_path):
    # a Sunday row (2020-01-12) is Monday's value; Saturday's (2020-01-11) is replaced by the newer one
    from tests.backtest.tiny import strategy
    prices, signal = tmp_path / "prices.csv", tmp_path / "signal.csv"
    prices.write_text("date,A,B\n" + "".join(f"2020-01-{d:02d},10,20\n" for d in (9, 10, 13, 14)))
    signal.write_text("date,S\n2020-01-09,1\n2020-01-10,1\n2020-01-11,1\n2020-01-12,-1\n2020-01-14,-1\n")
    result = backtest(strategy(SWITCH.replace("stale after 1 bar", "stale after 0 bars")), [prices, signal])
    assert [(r.event, r.targets.get("A")) for r in result.trace_records()] == [
        ("INITIAL", 1.0), ("HOLD", 1.0), ("REBALANCE", 0.0), ("HOLD", 0.0)]


def test_a_price_column_is_still_checked_as_a_price(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("date,A,B,S\n2020-01-06,10,20,1\n2020-01-07,-10,20,1\n")
    with pytest.raises(DataError, match="column A: the price is '-10', not a positive price"):
        backtest_file(path)


def test_ffill_fills_prices_not_signals(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("date,A,B,S\n2020-01-06,10,20,1\n2020-01-07,,20,\n2020-01-08,10,20,\n2020-01-09,10,20,1\n")
    from tests.backtest.tiny import strategy
    result = backtest(strategy(SWITCH), [path], ffill=1)
    assert [r.event for r in result.trace_records()] == ["INITIAL", "HOLD", "WAIT", "HOLD"]


def test_a_dataframe_signal_keeps_its_gaps_and_refuses_text():
    import pandas as pd
    from tests.backtest.tiny import prices, strategy
    frame = prices(A=[10.0] * 3, B=[20.0] * 3, S=[1.0, NAN, NAN])
    assert [r.event for r in backtest(strategy(SWITCH), frame, ffill=5).trace_records()] == ["INITIAL", "HOLD", "WAIT"]
    frame["S"] = pd.Series(["1", "x", "1"], index=frame.index, dtype=object)
    with pytest.raises(DataError, match="column S: the signal is 'x', not a finite number"):
        backtest(strategy(SWITCH), frame)


def backtest_file(path: Path):
    from tests.backtest.tiny import strategy
    return backtest(strategy(SWITCH), [path])


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sentiment_tilt.rbl"


def test_the_engine_agrees_with_the_reference_on_the_bundled_signal():
    checked = compile_file(EXAMPLE)
    dates, rows = load_columns(["SPY", "UST10", "SENTIMENT"])
    reference = ReferenceSim(checked, dates, [r[:2] for r in rows], signals={"SENT": [r[2] for r in rows]})
    expected = np.array(reference.run())
    result = backtest(checked)
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades]
    engine_events = {r.date: r.event for r in result.trace_records()}
    assert engine_events == {str(dates[t]): e for t, e in reference.events.items()}
    assert 100 < list(engine_events.values()).count("WAIT") < 200      # the data's gaps do make it wait


def test_rows_dated_between_bars_agree_with_the_reference_on_real_prices(tmp_path):
    # the bundled SPY and UST10 over 2010; the signal's Monday rows dated the weekend before (Saturday or
    # Sunday), the sign flipping every 7 rows: `stale after 0 bars` holds only if a weekend's row is
    # Monday's, 0 bars old
    import pandas as pd

    from tests.backtest.reference_sim import rows_on_bars
    from tests.backtest.tiny import strategy
    dates, rows = load_columns(["SPY", "UST10"])
    keep = [k for k, d in enumerate(dates) if str(d).startswith("2010")]
    dates, rows = [dates[k] for k in keep], [rows[k] for k in keep]
    prices, signal = tmp_path / "prices.csv", tmp_path / "signal.csv"
    prices.write_text("date,A,B\n" + "".join(f"{d},{a!r},{b!r}\n" for d, (a, b) in zip(dates, rows)))
    stamps = [str(d - pd.Timedelta(days=1 + k % 2)) if d.weekday() == 0 else str(d) for k, d in enumerate(dates)]
    cells = [(t, (1.0 if (k // 7) % 2 == 0 else -1.0) * (0.25 + k / 1000)) for k, t in enumerate(stamps)]
    signal.write_text("date,S\n" + "".join(f"{t},{v!r}\n" for t, v in cells))
    checked = strategy(SWITCH.replace("stale after 1 bar", "stale after 0 bars"))
    result = backtest(checked, [prices, signal])
    reference = ReferenceSim(checked, dates, rows, signals={"S": rows_on_bars(dates, cells)})
    np.testing.assert_allclose(result.nav.to_numpy(), np.array(reference.run()), rtol=1e-9, atol=0)
    engine_events = {r.date: r.event for r in result.trace_records()}
    assert engine_events == {str(dates[t]): e for t, e in reference.events.items()}
    assert "WAIT" not in engine_events.values() and list(engine_events.values()).count("REBALANCE") > 30
