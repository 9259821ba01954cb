"""A sweep on local worker processes (`--workers N`) is the in-process sweep bit for bit, every column and
the PBO logits, whatever the chunking; a worker that dies or a Ctrl-C stops it with the count of
variants finished and a non-zero exit, never a shorter table; bad --workers values are one line."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import api, chunks, sweep, workers
from rbl.backends.numpy.params import ParamError
from rbl.cli import app
from rbl.dsl.compiler import compile_file, compile_text
from tests.backtest.test_sweep_chunks import BAND, TWO, budget_for

ROOT = Path(__file__).resolve().parents[2]


def assert_same_sweep(a, b) -> None:
    """Every column bit for bit (NaN where NaN), the trial statistics and the PBO logits."""
    assert list(a.table.columns) == list(b.table.columns) and len(a.table) == len(b.table)
    for name in a.table.columns:
        assert np.array_equal(a.table[name].to_numpy(), b.table[name].to_numpy(), equal_nan=True), name
    sa, sb = a.statistics, b.statistics
    scalars = ("trials", "sharpe_variance", "expected_max_sharpe", "best_sharpe_annual", "min_backtest_years", "years")
    assert [getattr(sa, k) for k in scalars] == [getattr(sb, k) for k in scalars]
    assert sa.pbo.pbo == sb.pbo.pbo and np.array_equal(sa.pbo.logits, sb.pbo.logits)


@pytest.fixture(scope="module")
def band_in_process():
    checked = compile_file(BAND)
    return checked, sweep(checked, band=("1pp", "10pp", "0.03pp"), memory_budget=2**30)    # 301 variants, one pass


@pytest.mark.parametrize("per_chunk", [7, 64])
def test_two_workers_give_the_in_process_table_bit_for_bit(band_in_process, per_chunk):
    checked, whole = band_in_process
    budget = budget_for(per_chunk * 2, checked, 301)          # split across 2 workers: per_chunk each
    parted = sweep(checked, band=("1pp", "10pp", "0.03pp"), workers=2, memory_budget=budget)
    assert whole.plan.per_chunk == 301 and parted.plan.per_chunk == per_chunk and parted.run is None
    assert_same_sweep(parted, whole)


def test_a_two_param_grid_on_workers_and_a_re_run_variant_equal_the_in_process_sweep():
    checked = compile_text(TWO)
    ranges = {"stock": ("40%", "80%", "10%"), "band": ("1pp", "20pp", "1pp")}      # 5 x 20
    whole, parted = sweep(checked, **ranges), sweep(checked, workers=2, **ranges)
    assert len(parted.plan.chunks()) >= 2
    assert_same_sweep(parted, whole)
    np.testing.assert_array_equal(parted.result(57).nav.to_numpy(), whole.result(57).nav.to_numpy())


def test_the_budget_is_the_whole_sweeps_split_across_the_workers():
    one = chunks.plan(100_000, 8313, 21, 1, 16, 512 * 2**20)
    two = chunks.plan(100_000, 8313, 21, 1, 16, 512 * 2**20, workers=2)
    assert two.per_chunk == (512 * 2**20 - two.kept_bytes) // (2 * two.variant_bytes) == one.per_chunk // 2
    assert 2 * two.per_chunk * two.variant_bytes + two.kept_bytes <= two.budget
    assert chunks.plan(10, 8313, 3, 1, 16, 2**30, workers=2).chunks() == [(0, 5), (5, 10)]   # each has one


def test_the_cli_json_is_the_same_text_with_one_or_two_workers():
    args = ["sweep", str(BAND), "--param", "band=1pp:10pp:0.25pp", "--json", "--memory", "16MiB"]
    one = CliRunner().invoke(app, args)
    two = CliRunner().invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert json.loads(two.stdout) == json.loads(one.stdout) and two.stdout == one.stdout


@pytest.mark.parametrize("value", ["0", "10000", "-1"])
def test_a_worker_count_out_of_range_is_one_line(value):
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:4pp:1pp", "--workers", value])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert re.fullmatch(rf"error: --workers takes 1 to \d+ \(this machine has \d+ cores\), got {value}\n", out.output)


def test_a_walk_forward_on_two_workers_is_the_in_process_one():
    args = ["sweep", str(BAND), "--param", "band=1pp:10pp:1pp", "--walk-forward", "5y:2y", "--json", "--memory", "16MiB"]
    one = CliRunner().invoke(app, args)
    two = CliRunner().invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.stdout == one.stdout and len(json.loads(one.stdout)["windows"]) >= 5


def test_workers_with_offsets_are_refused():
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--workers", "2", "--offsets", "5"])
    assert out.exit_code == 2 and "not yet --offsets" in out.output


def dying(job: tuple, grid: dict):
    """A worker's chunk that kills its process on the chunk holding band 5pp (spawn imports this module)."""
    if np.any(np.isclose(grid["band"], 0.05)):
        os._exit(3)
    return workers.run_job(job, grid)


def test_a_worker_that_dies_stops_the_sweep_with_the_count_finished():
    checked = compile_file(BAND)
    grid = api.grid_of(checked.strategy, {"band": ("1pp", "10pp", "0.5pp")})           # 19 variants
    panel, gaps = api.load_prices(api._columns(checked.strategy), None)
    with pytest.raises(workers.SweepStopped) as stopped, workers.Local(2, chunk=dying) as pool:
        api.run_grid(checked, panel, gaps, grid, budget_for(4, checked, 19), 16, pool=pool)
    message = str(stopped.value)
    done = int(re.search(r"; (\d+) of 19 variants finished; no table is shown$", message).group(1))
    assert stopped.value.code == 1 and message.startswith("sweep stopped: a worker process died (exit code 3)")
    assert done < 19


def test_an_interrupted_gather_says_how_many_variants_finished():
    grids = [{"band": np.zeros(4)}, {"band": np.zeros(4)}, {"band": np.zeros(3)}]

    class Done:
        def result(self):
            return "part"

    futures = {Done(): 0, Done(): 1, Done(): 2}

    def completed(items):
        yield items[0]
        raise KeyboardInterrupt

    with pytest.raises(workers.SweepStopped) as stopped:
        workers._gather(futures, completed, grids, None, (), "")
    assert stopped.value.code == 130 and str(stopped.value).startswith("sweep interrupted: 4 of 11 variants finished")


def test_a_ctrl_c_while_a_worker_starts_is_raised_after_it_has_started():
    """Raised inside `start()` it cut the job's pickle short: the worker died printing a traceback."""
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with workers._interrupt_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            steps.append("started")
    assert steps == ["started"]


def test_ctrl_c_on_a_sweep_with_workers_exits_130_with_the_count_and_leaves_no_process():
    rbl = Path(sys.executable).with_name("rbl")
    proc = subprocess.Popen([str(rbl), "sweep", str(BAND), "--param", "band=1pp:10pp:0.001pp", "--json",
                             "--memory", "16MiB", "--workers", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(6)                       # the workers are up and running chunks (9,001 variants take longer)
    os.kill(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130 and out == "" and "Traceback" not in err
    assert re.fullmatch(r"error: sweep interrupted: [\d,]+ of 9,001 variants finished; no table is shown "
                        r"\(a part of a sweep would understate its trials\)\n", err)
    assert _group_ends(proc.pid, within=15.0) == []     # the workers were ended with the sweep


def _group_ends(pgid: int, within: float) -> list[int]:
    """The group's running processes once they have had `within` seconds to exit (multiprocessing's
    resource tracker, in the group too, exits when it reads its pipe's end: a moment after the parent)."""
    deadline = time.monotonic() + within
    while (left := running_in_group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def running_in_group(pgid: int) -> list[int]:
    """The processes of a process group that run (not zombies, which are only waiting to be reaped)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_workers_and_scheduler_are_not_combined():
    with pytest.raises(ParamError, match="not combined"):
        workers.pool(2, "tcp://127.0.0.1:1")
