"""A sweep on a Dask cluster (`--scheduler`, a LocalCluster on 127.0.0.1) is the in-process sweep bit for
bit; a scheduler that does not answer and a missing Dask are one line each."""

from __future__ import annotations

import json
import sys
import time

import pytest
from typer.testing import CliRunner

from rbl.backends.numpy import sweep, workers
from rbl.cli import app
from rbl.dsl.compiler import compile_file
from tests.backtest.test_sweep_chunks import BAND, budget_for
from tests.backtest.test_sweep_workers import assert_same_sweep

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def test_a_dask_cluster_gives_the_in_process_table_bit_for_bit(cluster):
    checked = compile_file(BAND)
    ranges = {"band": ("1pp", "10pp", "0.03pp")}                                   # 301 variants
    whole = sweep(checked, memory_budget=2**30, **ranges)
    remote = sweep(checked, scheduler=cluster, memory_budget=budget_for(2 * 40, checked, 301), **ranges)
    assert whole.plan.per_chunk == 301 and remote.plan.per_chunk == 40 and len(remote.plan.chunks()) == 8
    assert_same_sweep(remote, whole)


def test_the_cli_json_on_a_cluster_is_the_in_process_text(cluster):
    args = ["sweep", str(BAND), "--param", "band=1pp:10pp:0.25pp", "--json", "--memory", "16MiB"]
    here, there = CliRunner().invoke(app, args), CliRunner().invoke(app, [*args, "--scheduler", cluster])
    assert here.exit_code == there.exit_code == 0 and there.stdout == here.stdout
    assert len(json.loads(there.stdout)["variants"]) == 37


def test_a_bootstrap_on_a_cluster_is_the_in_process_one(cluster):
    args = ["sweep", str(BAND), "--param", "band=2pp:8pp:2pp", "--bootstrap", "6", "--block", "20", "--json",
            "--memory", "16MiB"]
    here, there = CliRunner().invoke(app, args), CliRunner().invoke(app, [*args, "--scheduler", cluster])
    assert here.exit_code == there.exit_code == 0, there.output
    assert there.stdout == here.stdout and len(json.loads(here.stdout)) == 4


def test_a_scheduler_that_does_not_answer_is_one_line_within_the_timeout(monkeypatch):
    monkeypatch.setattr(workers, "CONNECT_SECONDS", 2)
    started = time.monotonic()
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:4pp:1pp", "--scheduler",
                                   "tcp://127.0.0.1:9"])
    assert time.monotonic() - started < 20 and out.exit_code == 1 and "Traceback" not in out.output
    assert out.output.startswith("error: --scheduler tcp://127.0.0.1:9: no Dask scheduler answered within 2 s")
    assert out.output.count("\n") == 1


def test_without_dask_the_message_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)           # import distributed -> ImportError
    out = CliRunner().invoke(app, ["sweep", str(BAND), "--param", "band=2pp:4pp:1pp", "--scheduler",
                                   "tcp://127.0.0.1:8786"])
    assert out.exit_code == 2 and out.output == "error: --scheduler needs Dask distributed: pip install 'rbl[distributed]'\n"


@pytest.mark.slow
def test_ten_thousand_variants_are_the_same_in_process_on_two_workers_and_on_a_cluster(cluster):
    """The issue's proof: 10,001 bands (0.0009pp steps) on a shorter window, 8 CSCV blocks."""
    checked = compile_file(BAND)
    ranges = {"start": "2010-01-01", "pbo_blocks": 8, "memory_budget": 64 * 2**20, "band": ("1pp", "10pp", "0.0009pp")}
    whole = sweep(checked, **ranges)
    assert len(whole.table) == 10_001 and len(whole.plan.chunks()) > 1
    assert_same_sweep(sweep(checked, workers=2, **ranges), whole)
    assert_same_sweep(sweep(checked, scheduler=cluster, **ranges), whole)


def test_a_cluster_of_two_worker_processes_gives_the_same_table():
    checked = compile_file(BAND)
    ranges = {"band": ("1pp", "10pp", "0.1pp")}                                    # 91 variants
    whole = sweep(checked, **ranges)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as local:
        remote = sweep(checked, scheduler=local.scheduler_address, **ranges)
    assert len(remote.plan.chunks()) == 2
    assert_same_sweep(remote, whole)
