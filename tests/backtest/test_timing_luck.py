"""Timing luck: offset 0 is the plain sweep bit for bit; offset k trades k bars after the bar the
calendar rule picks (on the real calendar); every figure equals the scalar oracle on that run's NAV
with the bars' real dates; strategies without a calendar rule are refused in one line."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import api, sweep, timing
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.params import grid_of
from rbl.cli import app
from rbl.dsl.compiler import compile_text
from tests.backtest import scalar_metrics

MONTHLY = """rbl 1
strategy "Monthly, swept share"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param stock = 60% from 40% to 80% step 20%

benchmark targets daily

target:
    SPY stock
    AGG 100% - stock

rebalance:
    when monthly

costs:
    commission 10 bps
"""


def luck(checked, offsets=4):
    grid = grid_of(checked.strategy, {})
    panel, gaps = api.load_prices(api._columns(checked.strategy), None, None, None, 0)
    return timing.timing_luck(checked, panel, gaps, grid, offsets, "sharpe", 2**29), panel


def same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_offset_zero_is_the_plain_sweep_bit_for_bit():
    checked = compile_text(MONTHLY)
    result, _ = luck(checked)
    plain = sweep(checked).table
    for name, values in result.metrics.items():
        assert [same(a, b) for a, b in zip(values[0], plain[name])] == [True] * 3, name


@pytest.mark.parametrize("k", [1, 3])
def test_offset_k_trades_k_bars_after_the_first_bar_of_each_month(k):
    checked = compile_text(MONTHLY)
    panel = api.panel_for(checked.strategy, None)
    run = api.simulate(checked, timing.shifted(panel, k), api._params(checked.strategy, {}), record=True)
    bars = [t.bar + k for t in run.sim.trades if t.event == "REBALANCE"]            # real bars
    months = panel.dates.astype("datetime64[M]")
    first_of_month = np.flatnonzero(np.r_[True, months[1:] != months[:-1]])
    assert len(bars) > 250 and set(bars) <= set((first_of_month + k).tolist())


@pytest.mark.parametrize("k", [0, 2])
def test_every_figure_equals_the_scalar_oracle_on_the_real_dates(k):
    checked = compile_text(MONTHLY)
    result, panel = luck(checked)
    P = m.periods_per_year(panel.dates)
    for i, stock in enumerate((0.4, 0.6, 0.8)):
        params = api._params(checked.strategy, {"stock": np.array([stock])})
        run = api.simulate(checked, timing.shifted(panel, k), params, record=False)
        t0 = run.sim.t0
        oracle = scalar_metrics.summary(run.sim.nav[0, t0:], panel.dates[k + t0:], P, run.benchmark_returns(0),
                                        *scalar_metrics.trade_totals(run.sim.trades))
        wrong = [n for n in oracle if n != "turnover" and not same(result.metrics[n][k, i], oracle[n])]
        assert wrong == [], (k, stock)
        assert result.metrics["turnover"][k, i] == pytest.approx(oracle["turnover"], rel=1e-12)


def test_the_cli_reports_the_spread_and_the_best_at_each_offset(tmp_path):
    strategy = tmp_path / "monthly.rbl"
    strategy.write_text(MONTHLY)
    out = CliRunner().invoke(app, ["sweep", str(strategy), "--offsets", "3", "--json"])
    data = json.loads(out.output)
    assert data["offsets"] == 3 and len(data["per_offset"]["sharpe"]) == 3
    row = data["variants"][0]
    sharpes = [data["per_offset"]["sharpe"][k][0] for k in range(3)]
    assert row["stock"] == "40%" and (row["sharpe_min"], row["sharpe_max"]) == (min(sharpes), max(sharpes))
    assert sum(r["best_at"] for r in data["variants"]) == 3
    text = CliRunner().invoke(app, ["sweep", str(strategy), "--offsets", "3"]).output
    assert "timing luck, 3 offsets" in text and "best by sharpe" in text


@pytest.mark.parametrize("args, code, message", [
    (["--offsets", "3"], 1, "--offsets shifts the rebalance day of a calendar rule"),
    (["--offsets", "1"], 2, "--offsets takes a number of bars from 2"),
    (["--offsets", "3", "--walk-forward", "5y:1y"], 2, "--offsets is not combined with --walk-forward"),
])
def test_bad_offsets_are_one_line(args, code, message):
    from pathlib import Path
    band = Path(__file__).resolve().parents[2] / "examples" / "band_sweep.rbl"
    out = CliRunner().invoke(app, ["sweep", str(band), *args])
    assert out.exit_code == code and out.output.startswith("error: ") and message in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_the_report_shows_the_spread_and_says_whether_the_best_depends_on_the_day(tmp_path):
    strategy, page = tmp_path / "monthly.rbl", tmp_path / "t.html"
    strategy.write_text(MONTHLY)
    data = json.loads(CliRunner().invoke(app, ["sweep", str(strategy), "--offsets", "3", "--json",
                                               "--report", str(page)]).stdout)
    html = page.read_text()
    assert html.count("<tr><td>") == 3 and "Is the ranking the luck of the rebalance day?" in html
    best = [r for r in data["variants"] if r["best_at"] == 3]
    words = (f"the same variant at every offset (stock={best[0]['stock']} at 3)" if best
             else "changes with the rebalance day")
    assert words in html
