"""The sweep table reads like the strategy: params as written (`3pp`, `60 days`), the best row marked,
the same in the terminal, CSV, JSON and HTML."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.backends.numpy.params import written
from rbl.dsl import ir
from rbl.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TWO_PARAMS = """rbl 1
strategy "Calm band"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param lookback = 60 days from 20 days to 120 days step 20 days
param band = 5pp from 1pp to 10pp step 1pp

let calm = vol(SPY, lookback) < 20%

target:
    SPY 60%
    AGG 40%

rebalance:
    check daily
    when calm and drift > band
"""


def rbl(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def param_in(unit: ir.Unit, value: float) -> ir.Param:
    q = ir.Quantity(value=value, unit=unit)
    return ir.Param(name="p", default=q, lo=q, hi=q, step=q)


@pytest.mark.parametrize("unit, stored, text", [
    (ir.Unit.PP, 0.03, "3pp"), (ir.Unit.PP, 0.005, "0.5pp"), (ir.Unit.PERCENT, 0.6, "60%"),
    (ir.Unit.BPS, 0.001, "10 bps"), (ir.Unit.BARS, 60.0, "60 days"), (ir.Unit.MONTHS, 6.0, "6 months"),
    (ir.Unit.TIMES, 1.5, "1.5x"), (ir.Unit.NONE, 2.0, "2"),
])
def test_a_stored_value_is_shown_as_the_language_writes_it(unit, stored, text):
    assert written(param_in(unit, stored), stored) == text


def test_float_noise_of_the_grid_does_not_show():
    assert written(param_in(ir.Unit.PP, 0.03), 0.01 + 0.02) == "3pp"


def test_the_terminal_table_shows_bands_in_pp_and_marks_the_best_sharpe():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:4pp:1pp", "--json")
    rows = json.loads(out.output)["variants"]
    best = max(rows, key=lambda r: r["sharpe"])["band"]
    text = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:4pp:1pp").output
    marked = [line for line in text.splitlines() if line.startswith("* ")]
    assert marked == [line for line in text.splitlines() if f" {best} " in line]
    assert "0.03" not in text and "*: the highest sharpe" in text


def test_a_lower_is_better_sort_orders_ascending_and_marks_the_first_row():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:6pp:2pp", "--sort", "tracking_error",
              "--json")
    rows = json.loads(out.output)["variants"]
    errors = [r["tracking_error"] for r in rows]
    assert errors == sorted(errors) and [r["best"] for r in rows] == [True, False, False]
    assert [r["band"] for r in rows] == ["2pp", "4pp", "6pp"]


def test_the_csv_has_the_written_values_and_one_best_row(tmp_path):
    table = tmp_path / "s.csv"
    rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=1pp:3pp:1pp", "--sort", "sharpe", "--csv", table)
    rows = list(csv.DictReader(table.open()))
    assert sorted(r["band"] for r in rows) == ["1pp", "2pp", "3pp"]
    assert [r["best"] for r in rows] == ["True", "False", "False"]
    sharpe = [float(r["sharpe"]) for r in rows]
    assert sharpe == sorted(sharpe, reverse=True)


def test_two_params_in_different_units(tmp_path):
    strategy = tmp_path / "calm.rbl"
    strategy.write_text(TWO_PARAMS)
    out = rbl("sweep", strategy, "--param", "lookback=20days:40days:20days", "--param", "band=3pp:5pp:2pp",
              "--json")
    rows = json.loads(out.output)["variants"]
    assert {(r["lookback"], r["band"]) for r in rows} == {("20 days", "3pp"), ("20 days", "5pp"),
                                                          ("40 days", "3pp"), ("40 days", "5pp")}


def test_a_sort_metric_outside_the_default_columns_is_shown():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:3pp:1pp", "--sort", "sortino")
    assert "Sortino" in out.output.splitlines()[1]


def test_an_unknown_sort_metric_is_refused_before_the_run():
    out = rbl("sweep", EXAMPLES / "band_sweep.rbl", "--sort", "profit")
    assert out.exit_code == 2 and "cannot sort by 'profit'" in out.output and "variants" not in out.output


def test_the_html_table_and_frontier_highlight_the_best_row(tmp_path):
    page = tmp_path / "s.html"
    rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:4pp:1pp", "--sort", "turnover",
        "--report", page)
    html = page.read_text()
    assert html.count("class=best") == 1 and "<td>4pp</td>" in html.split("class=best")[1][:40]
    assert ">4pp</text>" in html and "band=0.04" not in html


def test_a_two_param_report_draws_a_heatmap_with_the_best_cell_outlined(tmp_path):
    strategy, page = tmp_path / "calm.rbl", tmp_path / "s.html"
    strategy.write_text(TWO_PARAMS)
    out = rbl("sweep", strategy, "--param", "lookback=20days:60days:20days", "--param", "band=3pp:5pp:2pp",
              "--json", "--report", page)
    rows = json.loads(out.stdout)["variants"]
    best = max(rows, key=lambda r: r["sharpe"])
    heat = page.read_text().split("<h2>sharpe over lookback and band</h2>")[1].split("</svg>")[0]
    assert heat.count("<title>") == 6 and heat.count("stroke='#c0392b'") == 1
    x, y = re.search(r"<rect x='(\d+)' y='(\d+)'[^>]*stroke='#c0392b'", heat).groups()
    title = re.search(rf"<rect x='{x}' y='{y}'[^>]*><title>([^<]*)</title>", heat).group(1)
    assert title.startswith(f"lookback={best['lookback']}, band={best['band']}:")


def test_a_one_param_report_has_no_heatmap(tmp_path):
    page = tmp_path / "s.html"
    rbl("sweep", EXAMPLES / "band_sweep.rbl", "--param", "band=2pp:4pp:1pp", "--report", page)
    html = page.read_text()
    assert "Out-of-sample logits" in html and "darker is better" not in html
