"""Walk-forward: windows by calendar spans, choices that see no bar of their test part, one
out-of-sample path whose params switch at each window with holdings and states carried (against the
reference simulator); every bad window is one line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import api, backtest
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy import walkforward as wf
from rbl.backends.numpy.evaluate import EngineError
from rbl.backends.numpy.params import ParamError, grid_of
from rbl.cli import app
from rbl.dsl.compiler import compile_file, compile_text
from tests.backtest import scalar_metrics
from tests.backtest.reference_sim import ReferenceSim, load_columns

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BAND = EXAMPLES / "band_sweep.rbl"
CALM = """rbl 1
strategy "Calm band"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param band = 5pp from 1pp to 10pp step 1pp

let calm = vol(SPY, 60 days) < 20%

target:
    SPY 60%
    AGG 40%

rebalance:
    check daily
    when calm and drift > band

costs:
    commission 10 bps
"""


def run(checked, spans="5y:1y", anchored=False, metric="sharpe", end=None, ranges=None):
    grid = grid_of(checked.strategy, ranges or {"band": ("1pp", "10pp", "3pp")})
    panel, gaps = api.load_prices(api._columns(checked.strategy), None, None, end, 0)
    return wf.walk_forward(checked, panel, gaps, grid, *wf.spans(spans), anchored, metric, 2**29)


def test_windows_by_hand_on_month_starts():
    dates = np.arange("2020-01", "2021-01", dtype="datetime64[M]").astype("datetime64[D]")    # 12 bars
    got = wf.windows(dates, 1, *wf.spans("3m:2m"), anchored=False)
    # first decision 2020-02-01; tests start 2020-05-01, 07-01, 09-01, 11-01; trains are the 3 months before
    assert got == [wf.Window(1, 4, 6), wf.Window(3, 6, 8), wf.Window(5, 8, 10), wf.Window(7, 10, 12)]
    assert [w.train for w in wf.windows(dates, 1, *wf.spans("3m:2m"), anchored=True)] == [1, 1, 1, 1]


def test_a_test_part_without_a_bar_is_no_window():
    dates = np.array(["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08"], dtype="datetime64[D]")
    got = wf.windows(dates, 0, *wf.spans("3d:1d"), anchored=False)    # the first test part, Sunday 5, is empty
    assert got == [wf.Window(1, 2, 3), wf.Window(2, 3, 4), wf.Window(2, 4, 5)]


def test_a_train_span_without_a_bar_is_one_line():
    out = rbl("sweep", BAND, "--param", "band=1pp:3pp:1pp", "--walk-forward", "5d:1d")   # closed after 9/11
    assert out.exit_code == 1 and out.output.startswith("error: --walk-forward: the train span 5d before ")
    assert "2001-09-17 has no bar" in out.output and len(out.output.strip().splitlines()) == 1


def test_no_choice_sees_a_bar_after_its_own_window():
    checked = compile_text(CALM)
    full = run(checked)
    cut = full.choices[3].test_to                      # the data ends with the 4th test part
    short = run(checked, end=cut)
    assert len(short.choices) == 4
    for a, b in zip(short.choices, full.choices):
        assert (a.train_from, a.train_to, a.test_from, a.test_to, a.params) == \
            (b.train_from, b.train_to, b.test_from, b.test_to, b.params)
        # the same bars give the same figures; the last digit may follow the price slice's memory layout
        assert [a.in_sample, a.out_of_sample_sharpe] == pytest.approx([b.in_sample, b.out_of_sample_sharpe],
                                                                      rel=1e-12, abs=0)


class SwitchingReference(ReferenceSim):
    """The reference simulator with params that switch: on bar t those of the last switch at or before t."""

    def __init__(self, checked, dates, closes, switches: list[tuple[int, dict]]):
        super().__init__(checked, dates, closes, switches[0][1])
        self.switches = switches

    def decide(self, t):
        params = [values for bar, values in self.switches if bar <= t][-1]
        if params != {k: self.params[k] for k in params}:
            self.params.update(params)
            self.memo.clear()                  # windows read their inputs under the new params
        return super().decide(t)


DEFENSIVE = CALM.replace("let calm", """state defensive = false:
    true when drawdown(portfolio) >= 8%
    false when drawdown(portfolio) <= 2%

exposure if defensive then 50% else 100%

let calm""")


@pytest.mark.parametrize("text", [CALM, DEFENSIVE], ids=["calm band", "drawdown state"])
def test_the_out_of_sample_path_switches_params_and_carries_holdings_and_states(text):
    checked = compile_text(text)
    result = run(checked)
    dates, rows = load_columns([a.column for a in checked.strategy.assets])
    first = dates.index(dt.date.fromisoformat(result.choices[0].train_to))      # the first choice's decision
    w = checked.warmup_bars
    at = {d: i for i, d in enumerate(dates)}
    switches = [(at[dt.date.fromisoformat(c.train_to)] - (first - w), c.params) for c in result.choices]
    reference = SwitchingReference(checked, dates[first - w:], rows[first - w:], switches)
    expected = np.array(reference.run())[w:]
    np.testing.assert_allclose(result.nav, expected, rtol=1e-9, atol=0)
    assert len({tuple(c.params.items()) for c in result.choices}) > 1              # the params did switch
    events = [reference.events[bar] for bar, _ in switches]
    assert events[0] == "INITIAL" and "INITIAL" not in events[1:]                  # holdings carried


def test_each_windows_out_of_sample_figures_are_its_bars_of_the_path():
    checked = compile_text(CALM)
    result = run(checked)
    P = m.periods_per_year(api.panel_for(checked.strategy, None).dates)
    for c in result.choices:
        a, b = (int(np.searchsorted(result.dates, np.datetime64(d))) for d in (c.test_from, c.test_to))
        r = result.nav[a:b + 1] / result.nav[a - 1:b] - 1.0
        assert c.out_of_sample_sharpe == pytest.approx(np.mean(r) / np.std(r, ddof=1) * np.sqrt(P), rel=1e-12)
        assert c.out_of_sample_return == pytest.approx(np.prod(1.0 + r) - 1.0, rel=1e-12)
    oracle = scalar_metrics.summary(result.nav, result.dates, P, None, 0, 0, 0, 0)
    for name in ("total_return", "cagr", "volatility", "sharpe", "sortino", "max_drawdown", "max_drawdown_days"):
        assert result.stitched[name] == pytest.approx(oracle[name], rel=1e-11), name


def test_the_first_window_is_its_choices_single_run_until_the_first_switch():
    checked = compile_text(CALM)
    result = run(checked)
    c, switch = result.choices[0], result.choices[1].train_to
    w = checked.warmup_bars
    dates = api.panel_for(checked.strategy, None).dates
    a = int(np.searchsorted(dates, np.datetime64(c.train_to)))
    single = backtest(checked, start=str(dates[a - w]), end=switch, **c.params).nav.to_numpy()[w:]
    np.testing.assert_allclose(result.nav[:len(single)], single, rtol=1e-13, atol=0)


def test_a_param_in_costs_cannot_switch_in_a_walk_forward():
    text = CALM.replace("commission 10 bps", "commission fee").replace(
        "param band", "param fee = 10 bps from 5 bps to 20 bps step 5 bps\nparam band")
    with pytest.raises(EngineError, match="a param in 'costs:' cannot switch"):
        run(compile_text(text), ranges={"fee": ("5 bps", "20 bps", "5 bps")})


def test_each_choice_is_the_best_of_its_train_part():
    checked = compile_file(BAND)
    result = run(checked, metric="max_drawdown")
    c = result.choices[2]
    sweep = api.sweep(checked, start=c.train_from, end=c.train_to, band=("1pp", "10pp", "3pp"))
    best = sweep.table.loc[sweep.table["max_drawdown"].idxmin()]
    assert c.params == {"band": best["band"]} and c.in_sample == best["max_drawdown"]


def test_anchored_trains_start_at_the_first_decision():
    result = run(compile_file(BAND), "10y:3y", anchored=True)
    assert {c.train_from for c in result.choices} == {"1993-10-01"}
    assert [c.test_from[:4] for c in result.choices] == ["2003", "2006", "2009", "2012", "2015"]


@pytest.mark.parametrize("text", ["5x:1y", "5y", "5y:1y:1y", "0y:1y", "y:1y", "5y:-1y"])
def test_a_malformed_span_is_refused(text):
    with pytest.raises(ParamError, match="--walk-forward expects TRAIN:TEST"):
        wf.spans(text)


def rbl(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_the_cli_prints_every_window_and_the_stitched_metrics():
    out = rbl("sweep", BAND, "--param", "band=2pp:8pp:3pp", "--walk-forward", "8y:4y", "--json")
    data = json.loads(out.output)
    assert [w["test_from"][:4] for w in data["windows"]] == ["2001", "2005", "2009", "2013"]
    assert set(data["out_of_sample"]) >= {"sharpe", "cagr"}
    assert data["winner"]["params"]["band"] in {"2pp", "5pp", "8pp"}
    text = rbl("sweep", BAND, "--param", "band=2pp:8pp:3pp", "--walk-forward", "8y:4y").output
    assert "4 windows" in text and "walk-forward OOS" in text
    assert "from cash" not in text and "buy-in" not in text and "holdings carry over the switch" in text


@pytest.mark.parametrize("args, code, message", [
    (["--walk-forward", "5x:1y"], 2, "--walk-forward expects TRAIN:TEST"),
    (["--walk-forward", "30y:1y"], 1, "shorter than one train span"),
    (["--anchored"], 2, "--anchored needs --walk-forward"),
])
def test_bad_walk_forward_input_is_one_line(args, code, message):
    out = rbl("sweep", BAND, *args)
    assert out.exit_code == code and out.output.startswith("error: ") and message in out.output
    assert "Traceback" not in out.output and len(out.output.strip().splitlines()) == 1


def test_the_report_shows_every_window_and_both_curves(tmp_path):
    page = tmp_path / "wf.html"
    out = rbl("sweep", BAND, "--param", "band=2pp:8pp:3pp", "--walk-forward", "8y:4y", "--report", page)
    assert out.exit_code == 0, out.output
    html = page.read_text()
    assert html.count("<tr><td>") == 4 and "walk-forward (out of sample)" in html
    assert "full-period winner band=" in html and "<script" not in html
