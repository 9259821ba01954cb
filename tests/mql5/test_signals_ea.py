"""Signals in the EA: read from `rbl/<strategy>/<SIGNAL>.csv` in the common data folder, the same decisions
as the backtester bar for bar (waits included), across terminal restarts; a missing file means no
decision, said once."""

from __future__ import annotations

import numpy as np

from rbl.backends.mql5 import sim
from rbl.backends.mql5.lower_signals import signal_path
from rbl.backends.mql5.verify import backtest_trace, compare, prices_for, signal_files, verify, write_common
from rbl.backends.numpy.api import panel_for
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import EXAMPLES

EXAMPLE = next(p for p in EXAMPLES if p.stem == "sentiment_tilt")


def test_verify_writes_the_signal_files_and_agrees_on_every_bar_waits_included():
    checked = compile_file(EXAMPLE)
    report = verify(checked)
    assert report.ok, report.divergence
    assert report.bars > 5000
    waits = [r for r in parse_trace(report.journal) if r.event == "WAIT"]
    assert len(waits) > 100                                   # the score's gaps make both sides wait


def test_the_signal_file_has_a_row_per_value_and_none_for_a_gap():
    checked = compile_file(EXAMPLE)
    files = signal_files(checked, panel_for(checked.strategy, None))
    assert list(files) == ["rbl\\Sentiment tilt\\SENT.csv"] == [signal_path(checked.strategy, checked.strategy.signals[0])]
    lines = files["rbl\\Sentiment tilt\\SENT.csv"].splitlines()
    assert lines[0] == "date,value"
    assert lines[1] == "1993-10-29,0.0463"                  # the first 20 rows of the data are gaps


def test_a_restarted_terminal_reads_the_file_again_and_decides_the_same(binaries, tmp_path):
    checked = compile_file(EXAMPLE)
    s = checked.strategy
    dates, close = prices_for(checked)
    common = write_common(tmp_path / "common", signal_files(checked, panel_for(s, None)))
    journal = sim.run_with_restarts(binaries["sentiment_tilt"], sim.default_specs(s), sim.default_account(s),
                                    dates, close, tmp_path, restarts=(150, 2600), common=common)
    assert compare(backtest_trace(checked), parse_trace(journal), s) is None


def test_without_its_file_the_ea_decides_nothing_and_says_so_once(binaries, tmp_path):
    checked = compile_file(EXAMPLE)
    s = checked.strategy
    dates, close = prices_for(checked)
    config = sim.config_text(sim.default_specs(s), sim.default_account(s), dates[:300], close[:300],
                             common=tmp_path / "empty")
    journal = sim.run(binaries["sentiment_tilt"], config, tmp_path)
    trace = parse_trace(journal)
    assert trace and {r.event for r in trace} == {"WAIT"}
    said = [line for line in journal.splitlines() if line.startswith("rbl: signal SENT: cannot open")]
    assert said == ["rbl: signal SENT: cannot open rbl\\Sentiment tilt\\SENT.csv in the common data folder: "
                    "wait (error 5004); no decision until it can"]
    assert "SIM deal" not in journal


def test_a_value_written_after_a_space_is_a_value_as_the_backtest_reads_it(binaries, tmp_path):
    # `f"{date}, {value}"` is how a hand-written exporter writes a row; the backtest reads ' 0.0463' as 0.0463
    checked = compile_file(EXAMPLE)
    s = checked.strategy
    dates, close = prices_for(checked)
    spaced = {path: text.replace(",", ", ") for path, text in signal_files(checked, panel_for(s, None)).items()}
    common = write_common(tmp_path / "common", spaced)
    config = sim.config_text(sim.default_specs(s), sim.default_account(s), dates, close, common=common)
    journal = sim.run(binaries["sentiment_tilt"], config, tmp_path)
    assert compare(backtest_trace(checked), parse_trace(journal), s) is None


def test_on_hourly_bars_rows_with_a_time_of_day_agree_bar_for_bar(tmp_path):
    # 600 H1 bars of the bundled SYNTHETIC FX; the signal is EURUSD's 5-bar change, empty on every 7th
    # bar and on 3 bars in a row from every 100th (gaps past `stale after 2 bars`)
    import numpy as np
    import pandas as pd

    from rbl.backends.numpy.panel import bundled_files
    from rbl.dsl.compiler import compile_text
    source = next(p for p in bundled_files() if p.name == "synthetic_fx_h1.csv")
    frame = pd.read_csv(source).iloc[:600]
    row = np.arange(len(frame))
    change = (frame["EURUSD_H1"] - frame["EURUSD_H1"].shift(5)).round(6)
    frame["S"] = change.mask((row % 7 == 0) | (row % 100 < 3))
    data = tmp_path / "fx_h1.csv"
    frame[["date", "EURUSD_H1", "GBPUSD_H1", "S"]].to_csv(data, index=False)
    checked = compile_text('rbl 1\nstrategy "Hourly signal"\nasset EUR column "EURUSD_H1" symbol "EURUSD"\n'
                           'asset GBP column "GBPUSD_H1" symbol "GBPUSD"\nsignal S column "S" stale after 2 bars\n'
                           "target:\n    if sma(S, 3 bars) > 0:\n        EUR 70%\n        GBP 30%\n    else:\n"
                           "        EUR 30%\n        GBP 70%\nrebalance:\n    check daily\n    when drift > 2pp\n")
    report = verify(checked, data=[data])
    assert report.ok, report.divergence
    assert any(r.event == "WAIT" for r in parse_trace(report.journal))
    rows = signal_files(checked, panel_for(checked.strategy, [data]))["rbl\\Hourly signal\\S.csv"].splitlines()
    assert rows[1].startswith("2021-01-04 05:00:00,")         # the first value: row 5, with its time of day


LEVEL = """rbl 1
strategy "Level"
asset SPY column "SPY" symbol "SPY.US"
asset UST10 column "UST10" symbol "IEF.US"
signal SENT column "SENTIMENT" stale after 2 bars
target:
    if SENT > 0:
        SPY 70%
        UST10 30%
    else:
        SPY 30%
        UST10 70%
rebalance:
    check daily
    when drift > 1pp
"""


def test_a_row_still_being_written_is_not_read_until_its_line_ends(tmp_path):
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.profiles import load_profile
    from rbl.backends.mql5.verify import _run_ea, tester_inputs, with_inputs
    from rbl.backends.numpy.inputs import between
    from rbl.dsl.compiler import compile_text
    checked = compile_text(LEVEL)
    s = checked.strategy
    panel = panel_for(s, None)
    panel = between(panel, None, panel.dates[313])              # bars .. 1994-12-28
    k = 312                                                     # 1994-12-27: 0.0392, after 0.029 and 0.0685
    (path, text), = signal_files(checked, panel).items()
    whole = text[:text.index(str(panel.dates[k]))]
    arriving = panel.close.copy()
    arriving[k:, panel.columns.index("SENTIMENT")] = np.nan    # not there yet, for the backtest
    expected = backtest_trace(checked, type(panel)(panel.dates, arriving, panel.columns, panel.sources))
    dates, close = panel.dates, panel.close[:, [panel.columns.index(a.column) for a in s.assets]]
    setup = load_profile("ideal").for_strategy(checked, dates)
    mq5 = with_inputs(emit_mql5(checked, None, "D1"), tester_inputs(s))
    _, journal = _run_ea(mq5, "level.mq5", setup, dates, close, {path: whole + f"{panel.dates[k]},0."})
    assert compare(expected, parse_trace(journal), s) is None


def test_the_kill_switch_fires_while_the_signal_file_is_stale_in_both_backends(tmp_path):
    """A sentiment file that stops updating during a crash must not keep the portfolio open: the kill
    switch reads the NAV and its peak, no signal."""
    import pandas as pd

    from rbl.dsl.compiler import compile_text
    checked = compile_text(LEVEL.replace("SPY 70%", "SPY 100%").replace("UST10 30%", "UST10 0%")
                           + "constraints:\n    max drawdown 15%\n")
    panel = panel_for(checked.strategy, None)
    frame = pd.DataFrame(panel.close, columns=list(panel.columns))
    frame.insert(0, "date", [str(d) for d in panel.dates])
    frame = frame[(frame["date"] >= "2007-01-01") & (frame["date"] <= "2009-12-31")]
    frame.loc[frame["date"] >= "2008-01-02", "SENTIMENT"] = np.nan          # the score's feed stops
    frame["SENTIMENT"] = frame["SENTIMENT"].abs()                         # and it said: stocks
    data = tmp_path / "stale.csv"
    frame[["date", "SPY", "UST10", "SENTIMENT"]].to_csv(data, index=False)
    report = verify(checked, data=[data])
    assert report.ok, report.divergence
    events = [(r.date, r.event) for r in parse_trace(report.journal)]
    kill = next(date for date, event in events if event == "KILL")
    assert "2008-01-04" < kill < "2008-12-31" and ("2008-01-07", "WAIT") in events


BETWEEN = """rbl 1
strategy "Between"
asset SPY column "SPY" symbol "SPY.US"
asset UST10 column "UST10" symbol "IEF.US"
signal S column "S" stale after 0 bars
target:
    if S > 0:
        SPY 70%
        UST10 30%
    else:
        SPY 30%
        UST10 70%
rebalance:
    check daily
    when drift > 1pp
"""


def _between_bars_files(tmp_path, days: int = 120):
    """The bundled SPY and UST10 on `days` bars from 2010-01-05 (a Tuesday), and a signal file of its own
    whose Monday rows are dated the Sunday or the Saturday before (rows between bars); the sign flips
    every 7 rows."""
    import pandas as pd

    from rbl.backends.numpy.api import panel_for
    from rbl.dsl.compiler import compile_text
    panel = panel_for(compile_text(LEVEL).strategy, None)
    first = int(np.searchsorted(panel.dates, np.datetime64("2010-01-05")))
    dates = pd.DatetimeIndex(panel.dates[first:first + days])
    cols = [panel.columns.index(c) for c in ("SPY", "UST10")]
    prices = tmp_path / "prices.csv"
    frame = pd.DataFrame(panel.close[first:first + days][:, cols], columns=["SPY", "UST10"])
    frame.insert(0, "date", dates.strftime("%Y-%m-%d"))
    frame.to_csv(prices, index=False)
    stamps = [str((d - pd.Timedelta(days=1 + d.week % 2)).date()) if d.weekday() == 0 else str(d.date())
              for d in dates]
    rows = "".join(f"{t},{(1 if (k // 7) % 2 == 0 else -1) * (0.25 + k / 1000)!r}\n" for k, t in enumerate(stamps))
    signal = tmp_path / "signal.csv"
    signal.write_text("date,S\n" + rows)
    return prices, signal, "date,value\n" + rows


def compile_text_between():
    from rbl.dsl.compiler import compile_text
    return compile_text(BETWEEN)


def test_a_row_dated_between_bars_is_as_old_as_the_first_bar_after_it_in_both_backends(tmp_path):
    # `stale after 0 bars`: a weekend's row is Monday's value, 0 bars old on Monday. The EA counted it
    # 1 bar old (from Friday, the bar before it) and waited every Monday.
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.profiles import load_profile
    from rbl.backends.mql5.verify import _run_ea, tester_inputs, with_inputs
    checked = compile_text_between()
    s = checked.strategy
    prices, signal, text = _between_bars_files(tmp_path)
    expected = backtest_trace(checked, [prices, signal])
    assert not [r for r in expected if r.event == "WAIT"]
    dates, close = prices_for(checked, [prices, signal])
    setup = load_profile("ideal").for_strategy(checked, dates)
    mq5 = with_inputs(emit_mql5(checked, None, "D1"), tester_inputs(s))
    _, journal = _run_ea(mq5, "between.mq5", setup, dates, close, {signal_path(s, s.signals[0]): text})
    actual = parse_trace(journal)
    assert len(actual) > 100 and not [r for r in actual if r.event == "WAIT"]
    assert compare(expected, actual, s) is None


def _crossing(values: np.ndarray, window: int) -> int:
    """The first bar d whose `window`-bar mean is > 0 and the next bar's < 0, every value from d -
    window to d + window present."""
    for d in range(window, len(values) - window):
        part = values[d - window:d + window + 1]
        if np.isnan(part).any():
            continue
        if values[d - window + 1:d + 1].mean() > 0 > values[d - window + 2:d + 2].mean():
            return d
    raise AssertionError("no crossing")


def test_a_value_corrected_in_the_file_is_the_one_the_next_decisions_read(tmp_path):
    # The outside program first writes bar d's score too high, then rewrites the file with the value the
    # data has (a correction) before the decision on bar d+1. The decision on d is the same with either
    # value; on d+1 only the corrected one turns the 5-bar mean negative (30% SPY). The backtest runs on
    # the corrected data: the EA agrees only if it reads the corrected row (it kept the first value and
    # read on at its byte offset, the file being as long as before).
    import os

    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.gxx import compile_object
    from rbl.backends.mql5.profiles import load_profile
    from rbl.backends.mql5.verify import tester_inputs, with_inputs
    from rbl.backends.numpy.inputs import between
    from rbl.dsl.compiler import compile_text
    checked = compile_text(LEVEL.replace("if SENT > 0:", "if sma(SENT, 5 bars) > 0:"))
    s = checked.strategy
    panel = panel_for(s, None)
    panel = between(panel, None, panel.dates[1500])
    score = panel.close[:, panel.columns.index("SENTIMENT")]
    d = _crossing(score, 5)
    (path, right), = signal_files(checked, panel).items()
    row = f"{panel.dates[d]},{float(score[d])!r}\n"
    assert row in right
    written = repr(float(score[d]))
    high = f"{float(score[d]) - 10 * score[d - 3:d + 2].mean():.12f}"[:len(written)]   # the file's size kept
    too_high = right.replace(row, f"{panel.dates[d]},{high}\n")
    assert len(too_high) == len(right) and float(high) > float(score[d])
    first = write_common(tmp_path / "first", {path: too_high})
    corrected = write_common(tmp_path / "fixed", {path: right})
    later = os.stat(first.joinpath(*path.split("\\"))).st_mtime + 60
    os.utime(corrected.joinpath(*path.split("\\")), (later, later))
    dates, close = panel.dates, panel.close[:, [panel.columns.index(a.column) for a in s.assets]]
    setup = load_profile("ideal").for_strategy(checked, dates)
    mq5 = with_inputs(emit_mql5(checked, None, "D1"), tester_inputs(s))
    assert compile_object(mq5, "level.mq5", tmp_path, tmp_path / "ea.o").ok
    binary = sim.link(tmp_path / "ea.o", tmp_path / "ea")
    config = sim.config_text(setup.specs, setup.account, dates, close, common=first,
                             common_from=((d + 2, corrected),))     # sim bar d+2 decides data bar d+1
    journal = sim.run(binary, config, tmp_path)
    expected = backtest_trace(checked, panel)
    assert [r.event for r in expected if r.date == str(panel.dates[d + 1])[:10]] == ["REBALANCE"]
    assert compare(expected, parse_trace(journal), s) is None


SLEEVED = """rbl 1
strategy "Sleeved level"
asset SPY column "SPY" symbol "SPY.US"
asset UST10 column "UST10" symbol "IEF.US"
asset GOLD column "GOLD" symbol "GLD.US"
signal SENT column "SENTIMENT" stale after 2 bars
sleeve stocks 80%:
    target:
        if SENT > 0:
            SPY 100%
        else:
            SPY 50%
            UST10 50%
    rebalance:
        check daily
        when drift > 1pp
sleeve gold 20%:
    target:
        GOLD 100%
    rebalance:
        check monthly
rebalance:
    check daily
    when drift > 5pp
constraints:
    max drawdown 15%
"""


def test_a_signal_read_in_a_sleeve_waits_and_kills_alike_in_both_backends(tmp_path):
    """The score's feed stops in January 2008: the whole strategy waits (both sleeves), the kill switch
    still fires in the crash, and the EA agrees bar for bar."""
    import pandas as pd

    from rbl.dsl.compiler import compile_text
    checked = compile_text(SLEEVED)
    panel = panel_for(checked.strategy, None)
    frame = pd.DataFrame(panel.close, columns=list(panel.columns))
    frame.insert(0, "date", [str(d) for d in panel.dates])
    frame = frame[(frame["date"] >= "2007-01-01") & (frame["date"] <= "2009-12-31")]
    frame.loc[frame["date"] >= "2008-01-02", "SENTIMENT"] = np.nan
    frame["SENTIMENT"] = frame["SENTIMENT"].abs()
    data = tmp_path / "stale.csv"
    frame[["date", "SPY", "UST10", "GOLD", "SENTIMENT"]].to_csv(data, index=False)
    report = verify(checked, data=[data])
    assert report.ok, report.divergence
    events = [(r.date, r.event) for r in parse_trace(report.journal)]
    assert ("2008-01-07", "WAIT") in events and any(e == "KILL" and "2008" < d < "2009" for d, e in events)


def test_on_hourly_bars_a_row_timed_between_two_bars_is_as_old_as_the_bar_after_it_in_both_backends(tmp_path):
    # 400 H1 bars of the bundled SYNTHETIC FX; every third row of a signal file of its own is timed at :30
    # before its bar (between two bars): with `stale after 0 bars` it is that bar's value, 0 bars old
    import pandas as pd

    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.profiles import load_profile
    from rbl.backends.mql5.verify import _run_ea, tester_inputs, with_inputs
    from rbl.backends.numpy.panel import bundled_files
    from rbl.dsl.compiler import compile_text
    frame = pd.read_csv(next(p for p in bundled_files() if p.name == "synthetic_fx_h1.csv")).iloc[:400]
    prices = tmp_path / "fx_h1.csv"
    frame[["date", "EURUSD_H1", "GBPUSD_H1"]].to_csv(prices, index=False)
    bars = pd.to_datetime(frame["date"])
    stamps = [str(d - pd.Timedelta(minutes=30) if k % 3 == 1 else d) for k, d in enumerate(bars)]
    rows = "".join(f"{t},{(1 if (k // 11) % 2 == 0 else -1) * (0.5 + k / 1000)!r}\n" for k, t in enumerate(stamps))
    signal = tmp_path / "signal.csv"
    signal.write_text("date,S\n" + rows)
    checked = compile_text('rbl 1\nstrategy "Hourly between"\nasset EUR column "EURUSD_H1" symbol "EURUSD"\n'
                           'asset GBP column "GBPUSD_H1" symbol "GBPUSD"\nsignal S column "S" stale after 0 bars\n'
                           "target:\n    if S > 0:\n        EUR 70%\n        GBP 30%\n    else:\n"
                           "        EUR 30%\n        GBP 70%\nrebalance:\n    check daily\n    when drift > 2pp\n")
    s = checked.strategy
    expected = backtest_trace(checked, [prices, signal])
    assert not [r for r in expected if r.event == "WAIT"]
    dates, close = prices_for(checked, [prices, signal])
    setup = load_profile("ideal").for_strategy(checked, dates)
    mq5 = with_inputs(emit_mql5(checked, None, "H1"), tester_inputs(s))
    _, journal = _run_ea(mq5, "hourly.mq5", setup, dates, close, {signal_path(s, s.signals[0]): "date,value\n" + rows})
    actual = parse_trace(journal)
    assert len(actual) > 50 and not [r for r in actual if r.event == "WAIT"]
    assert compare(expected, actual, s) is None


def test_a_sleeve_that_reads_a_signal_and_trades_over_bars_agrees_waits_and_slices_included():
    """examples/sentiment_sleeves.rbl with the satellite's rebalances in 3 slices: the waits and the slices
    agree bar for bar (the hand-computed pause of a slice on a waiting bar: test_sleeve_tranches.py)."""
    from rbl.dsl.compiler import compile_text
    source = next(p for p in EXAMPLES if p.stem == "sentiment_sleeves").read_text()
    text = source.replace("        check daily\n        when drift > 5pp\n",
                          "        check daily\n        when drift > 5pp\n        trade over 3 bars\n", 1)
    assert text != source
    report = verify(compile_text(text))
    assert report.ok, report.divergence
    events = [r.event for r in parse_trace(report.journal)]
    assert events.count("TRANCHE") > 100 and events.count("WAIT") > 100
