"""One rule for every output flag of every command (`dsl/outputs.py`): an existing file is refused
without --force; an output that is an input, or two outputs that are one file (hard links included),
are refused even with --force; each command lists what it wrote, one line per file, on stderr."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rbl.cli import app

ROOT = Path(__file__).resolve().parents[2]
PLAIN = ROOT / "examples" / "threshold_60_40.rbl"
BAND = ROOT / "examples" / "band_sweep.rbl"
SHORT = ("--start", "2016-01-01")               # a short run keeps these tests fast
PRICES = "date,SPY,UST10\n" + "".join(f"2020-01-{d:02d},{100 + d},{50 + d / 10}\n" for d in range(1, 29))

# (command line before the output flag, the flag): every output flag of every command
FLAGS = [
    (("backtest", PLAIN, *SHORT), "--report"),
    (("backtest", PLAIN, *SHORT), "--trace"),
    (("sweep", BAND, *SHORT, "--param", "band=2pp:4pp:2pp"), "--csv"),
    (("sweep", BAND, *SHORT, "--param", "band=2pp:4pp:2pp"), "--report"),
    (("compile", PLAIN, "--target", "mql5"), "-o"),
]
IDS = [f"{args[0]} {flag}" for args, flag in FLAGS]


def rbl(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def refused(out, *expected: str) -> None:
    assert out.exit_code == 2, out.output
    lines = out.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.output
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.mark.parametrize(("args", "flag"), FLAGS, ids=IDS)
def test_an_existing_file_is_refused_without_force(tmp_path, args, flag):
    mine = tmp_path / "mine.out"
    mine.write_text("mine")
    refused(rbl(*args, flag, mine), str(mine), "already exists", "--force")
    assert mine.read_text() == "mine"


@pytest.mark.parametrize(("args", "flag"), FLAGS, ids=IDS)
def test_force_overwrites_and_the_command_says_what_it_wrote(tmp_path, args, flag):
    mine = tmp_path / "mine.out"
    mine.write_text("mine")
    out = rbl(*args, flag, mine, "--force")
    assert out.exit_code == 0, out.output
    assert mine.read_text() != "mine"
    assert [line for line in out.stderr.splitlines() if line.startswith("wrote ")] == [f"wrote {mine}"]


@pytest.mark.parametrize(("args", "flag"), FLAGS, ids=IDS)
def test_an_output_hard_linked_to_the_strategy_is_refused_even_with_force(tmp_path, args, flag):
    strategy = tmp_path / "s.rbl"
    strategy.write_text(Path(args[1]).read_text())
    link = tmp_path / "link.out"
    os.link(strategy, link)
    refused(rbl(args[0], strategy, *args[2:], flag, link, "--force"), str(link), "is an input")
    assert strategy.read_text() == Path(args[1]).read_text()


@pytest.mark.parametrize(("args", "flag"), FLAGS[:4], ids=IDS[:4])
def test_an_output_hard_linked_to_a_data_file_is_refused_even_with_force(tmp_path, args, flag):
    data = tmp_path / "prices.csv"
    data.write_text(PRICES)
    link = tmp_path / "prices_copy.csv"
    os.link(data, link)
    line = [a for a in args if a not in SHORT]
    refused(rbl(*line, "--data", data, flag, link, "--force"), str(link), "is an input")
    assert data.read_text() == PRICES


def test_trace_and_report_on_one_file_are_refused(tmp_path):
    same = tmp_path / "out.html"
    refused(rbl("backtest", PLAIN, *SHORT, "--trace", same, "--report", same), "--trace", "--report", "same file")
    assert not same.exists()


def test_trace_and_report_hard_linked_are_refused_even_with_force(tmp_path):
    one, two = tmp_path / "one.txt", tmp_path / "two.html"
    one.write_text("mine")
    os.link(one, two)
    refused(rbl("backtest", PLAIN, *SHORT, "--trace", one, "--report", two, "--force"), "same file")
    assert one.read_text() == "mine"


def test_csv_and_report_of_a_sweep_on_one_file_are_refused(tmp_path):
    same = tmp_path / "s.out"
    refused(rbl("sweep", BAND, *SHORT, "--param", "band=2pp:4pp:2pp", "--csv", same, "--report", same),
            "same file")


def test_each_output_is_listed_once_and_stdout_stays_json(tmp_path):
    trace, report = tmp_path / "t.txt", tmp_path / "r.html"
    out = rbl("backtest", PLAIN, *SHORT, "--json", "--trace", trace, "--report", report)
    assert out.exit_code == 0, out.output
    json.loads(out.stdout)
    assert out.stderr.splitlines() == [f"wrote {trace}", f"wrote {report}"]


def test_an_output_in_a_missing_folder_is_refused_before_the_run(tmp_path):
    refused(rbl("backtest", PLAIN, "--report", tmp_path / "no" / "r.html"), "cannot write", "no such folder")


# ---- counts ----------------------------------------------------------------------------------------------
def test_json_counts_are_integers():
    out = rbl("backtest", PLAIN, *SHORT, "--json")
    metrics = json.loads(out.stdout)["metrics"]
    for key in ("rebalances", "orders", "max_drawdown_bars", "max_drawdown_days"):
        assert type(metrics[key]) is int, (key, metrics[key])
    assert '"rebalances": 24.0' not in out.stdout


def test_orders_agree_between_table_json_and_report(tmp_path):
    """The Orders metric counts the orders of the rebalances (the basis of turnover and rebalances);
    the report's trade list says how many of its rows those are and how many the initial purchase."""
    report = tmp_path / "r.html"
    text = rbl("backtest", PLAIN, "--report", report).stdout
    data = json.loads(rbl("backtest", PLAIN, "--json").stdout)
    orders, rebalances = data["metrics"]["orders"], data["metrics"]["rebalances"]
    assert _row(text, "Orders (at rebalances)").split()[-1] == f"{orders:,}"
    page = report.read_text()
    assert f"<th>Orders (at rebalances)</th><td>{orders:,}</td>" in page
    assert f"{orders:,} orders at the {rebalances:,} rebalances (the Orders metric)" in page
    assert "2 at the initial purchase" in page
    assert page.count("<td>REBALANCE</td>") == orders and page.count("<td>INITIAL</td>") == 2


def test_only_the_command_line_imports_the_output_rule():
    """The CLI is the outermost layer: nothing below a command module imports `rbl.dsl.outputs`."""
    importers = {p.relative_to(ROOT).as_posix() for folder in ("dsl", "backends", "rbl")
                 for p in (ROOT / folder).rglob("*.py") if "rbl.dsl.outputs" in p.read_text(encoding="utf-8")}
    assert importers and all(path.startswith("rbl/cli/") for path in importers), importers


def _row(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(label))


def test_translate_never_overwrites_its_own_english(tmp_path):
    english = tmp_path / "e.txt"
    english.write_text("60% SPY 40% AGG rebalance monthly\n")
    out = rbl("translate", "--offline", "--from", english, "-o", english, "--yes", "--force")
    assert out.exit_code == 2 and english.read_text() == "60% SPY 40% AGG rebalance monthly\n"
