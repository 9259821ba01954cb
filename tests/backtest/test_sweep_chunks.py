"""A sweep runs in chunks under a memory budget: the table is bit for bit the one-pass table whatever
the chunking, `result(i)` re-runs variant i alone and equals its row and its single run, the grid is
refused before anything is allocated only when its kept rows exceed the budget."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rbl.backends.numpy import api, backtest, chunks, sweep
from rbl.backends.numpy.params import ParamError
from rbl.cli import app
from rbl.dsl.compiler import compile_file, compile_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BAND = EXAMPLES / "band_sweep.rbl"
TWO = """rbl 1
strategy "Two params"

asset SPY column "SPY" symbol "SPY.US"
asset AGG column "UST10" symbol "IEF.US"

param stock = 60% from 40% to 80% step 10%
param band = 5pp from 1pp to 20pp step 1pp

benchmark targets daily

target:
    SPY stock
    AGG 100% - stock

rebalance:
    check daily
    when drift > band

costs:
    commission 10 bps
"""


def budget_for(per_chunk: int, checked, variants: int) -> int:
    """A budget that makes chunks of `per_chunk` variants on the bundled data."""
    bars = len(api.panel_for(checked.strategy, None).dates)
    plan = chunks.plan(variants, bars, len(checked.strategy.assets), len(checked.strategy.params), 16)
    return plan.kept_bytes + per_chunk * plan.variant_bytes


@pytest.mark.parametrize("per_chunk", [1, 3, 4])
def test_a_sweep_in_chunks_equals_the_one_pass_sweep_bit_for_bit(per_chunk):
    checked = compile_text(TWO)
    ranges = {"stock": ("40%", "80%", "20%"), "band": ("2pp", "14pp", "4pp")}     # 3 x 4 variants
    whole = sweep(checked, **ranges)
    parts = sweep(checked, memory_budget=budget_for(per_chunk, checked, 12), **ranges)
    assert whole.plan.per_chunk == 12 and parts.plan.per_chunk == per_chunk and parts.run is None
    pd.testing.assert_frame_equal(parts.table, whole.table, check_exact=True)
    assert parts.statistics.pbo.pbo == whole.statistics.pbo.pbo
    np.testing.assert_array_equal(parts.statistics.pbo.logits, whole.statistics.pbo.logits)


def test_each_variant_re_run_alone_equals_its_row_and_its_single_run_across_chunk_boundaries():
    checked = compile_text(TWO)
    result = sweep(checked, memory_budget=budget_for(3, checked, 6), stock=("40%", "50%", "10%"),
                   band=("1pp", "3pp", "1pp"))
    assert result.plan.chunks() == [(0, 3), (3, 6)]
    for i in (2, 3, 5):                     # the last of the first chunk, the first and last of the second
        alone, params = result.result(i), result.params(i)
        single = backtest(checked, **params)
        np.testing.assert_array_equal(alone.nav.to_numpy(), single.nav.to_numpy())
        assert [t.bar for t in alone.trades] == [t.bar for t in single.trades]
        row = result.table.iloc[i]
        assert [k for k, v in single.metrics.items() if not (v == row[k] or math.isnan(v) and math.isnan(row[k]))] == []
    assert len(result.results) == 6 and result.results[-1].params == result.params(5)


def test_the_thousand_variant_limit_is_gone():
    result = sweep(BAND, band=("1pp", "10pp", "0.009pp"))
    assert len(result.table) == 1001 and result.statistics.trials == 1001


def test_a_grid_whose_rows_exceed_the_budget_is_refused_before_anything_is_allocated(monkeypatch):
    def no_arrays(*args, **kwargs):
        raise AssertionError("the grid was allocated")
    monkeypatch.setattr(np, "arange", no_arrays)
    monkeypatch.setattr(np, "meshgrid", no_arrays)
    with pytest.raises(ParamError, match="makes 9,000,000,001 variants, whose rows alone need"):
        sweep(BAND, band=("1pp", "10pp", "0.000000001pp"))


def test_the_cli_refuses_a_grid_too_large_to_hold_with_one_line():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=1pp:10pp:0.0000001pp", "--memory", "64MiB"])
    assert out.exit_code == 2 and out.output.startswith("error: --param: 90,000,001 band makes 90,000,001 variants")
    assert "--memory" in out.output and "Traceback" not in out.output


@pytest.mark.parametrize("text", ["lots", "1.5", "8MiB", "-2GiB"])
def test_a_bad_memory_budget_is_a_usage_error(text):
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--memory", text])
    assert out.exit_code == 2 and "--memory expects a size" in out.output


def test_progress_reports_variants_done_after_each_chunk():
    checked = compile_file(BAND)
    calls = []
    sweep(checked, band=("1pp", "5pp", "1pp"), memory_budget=budget_for(2, checked, 5),
          progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls == [("variants", 2, 5), ("variants", 4, 5), ("variants", 5, 5)]


def test_chunk_sizes_follow_the_budget():
    plan = chunks.plan(100_000, 8313, 21, 1, 16, 512 * 2**20)
    assert plan.variant_bytes == 8313 * (35 + 40 + 48 + 160 + 32 * 21)
    assert plan.per_chunk == (512 * 2**20 - plan.kept_bytes) // plan.variant_bytes
    assert sum(b - a for a, b in plan.chunks()) == 100_000
    assert chunks.plan(3, 10, 2, 1, 16, 1).per_chunk == 1          # at least one variant per chunk


def test_the_json_is_one_object_with_every_row_and_the_statistics():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:6pp:2pp", "--json"])
    data = json.loads(out.output)
    assert [r["band"] for r in data["variants"]] == ["2pp", "4pp", "6pp"]
    assert data["statistics"]["trials"] == 3 and len(data["statistics"]["pbo_logits"]) == 12870


@pytest.mark.parametrize("blocks", ["7", "0", "22"])
def test_pbo_blocks_must_be_even_and_at_most_twenty(blocks):
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:4pp:1pp", "--pbo-blocks", blocks])
    assert out.exit_code == 2 and f"--pbo-blocks takes an even number from 2 to 20, got {blocks}" in out.output


def test_too_few_bars_for_the_blocks_leave_pbo_unstated():
    result = sweep(BAND, start="2016-01-01", end="2016-02-15", band=("2pp", "4pp", "1pp"))   # ~30 returns
    assert result.statistics.pbo is None and result.table["psr"].notna().all()
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--start", "2016-01-01", "--end", "2016-02-15",
                                   "--param", "band=2pp:4pp:1pp"])
    assert out.exit_code == 0 and "PBO: n/a (too few bars" in out.output
    assert "PBO 0." in CliRunner().invoke(app, ["sweep", str(BAND), "--start", "2016-01-01", "--end", "2016-02-15",
                                                "--param", "band=2pp:4pp:1pp", "--pbo-blocks", "4"]).output


def test_the_terminal_progress_of_a_chunked_sweep_says_the_time_left(monkeypatch):
    import time

    from rbl.cli import backtest as cli
    clock = iter([100.0, 110.0, 130.0])          # started; 1 of 4 chunks after 10 s; 3 of 4 after 30 s
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    drawn = []
    report = cli._with_eta(lambda what, done, total: drawn.append((what, done, total)))
    report("variants", 250, 1000)
    report("variants", 750, 1000)
    report("variants", 1000, 1000)
    assert drawn == [("variants, 30 s left", 250, 1000), ("variants, 10 s left", 750, 1000),
                     ("variants", 1000, 1000)]
    assert cli._with_eta(None) is None


def test_a_one_chunk_sweep_reads_each_variant_from_its_pass_bit_for_bit_the_single_run():
    checked = compile_text(TWO)
    result = sweep(checked, stock=("40%", "60%", "20%"), band=("2pp", "6pp", "4pp"))
    assert result.plan.per_chunk == 4
    for i in range(4):
        variant, single = result.result(i), backtest(checked, **result.params(i))
        assert variant.run is result.run                      # the pass of four variants, not a re-run
        np.testing.assert_array_equal(variant.nav.to_numpy(), single.nav.to_numpy())
        assert [t.bar for t in variant.trades] == [t.bar for t in single.trades]


_WHOLE = {}


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 6), st.sampled_from(["40%", "60%"]))
def test_any_chunk_size_gives_the_one_pass_table(per_chunk, stock):
    checked = compile_text(TWO)
    ranges = {"stock": (stock, "80%", "20%"), "band": ("1pp", "11pp", "5pp")}
    if stock not in _WHOLE:
        _WHOLE[stock] = sweep(checked, **ranges).table
    K = len(_WHOLE[stock])
    parts = sweep(checked, memory_budget=budget_for(per_chunk, checked, K), **ranges)
    assert parts.plan.per_chunk == min(per_chunk, K)
    pd.testing.assert_frame_equal(parts.table, _WHOLE[stock], check_exact=True)


def test_a_step_too_small_to_count_is_a_usage_error():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=1pp:10pp:0." + "0" * 320 + "1pp"])
    assert out.exit_code == 2 and "STEP is too small to count" in out.output and "Traceback" not in out.output
