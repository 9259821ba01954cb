"""A wheel built from the checkout runs every shipped command outside the checkout: its package data
(grammar, bundled prices, broker profiles, the EA runtime, the English evaluation set) is in the wheel.
Built without build isolation and installed with --no-deps into a folder: no network."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(out.glob("rbl-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


@pytest.mark.slow
def test_the_wheel_installs_one_package_rbl(installed):
    assert {p.name for p in installed.iterdir()} == {"rbl", "rbl-0.1.0.dist-info"}


@pytest.mark.slow
def test_the_wheels_python_api_backtests_the_bundled_data(installed, tmp_path):
    example = ROOT / "examples" / "threshold_60_40.rbl"
    code = (f"import rbl; r = rbl.backtest({str(example)!r}); "
            "print(rbl.__file__, round(r.metrics['sharpe'], 6), r.to_frame().shape[1])")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    where, sharpe, columns = done.stdout.split()
    assert where.startswith(str(installed)) and float(sharpe) > 0 and columns == "4"


def _rbl(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import sys; from rbl.cli import run; sys.argv = ['rbl', *sys.argv[1:]]; run()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_the_wheels_commands_run_outside_the_checkout(installed, tmp_path):
    strategy = tmp_path / "s.rbl"
    strategy.write_text((ROOT / "examples" / "threshold_60_40.rbl").read_text())
    checked = _rbl(installed, tmp_path, "check", str(strategy))
    assert checked.returncode == 0, checked.stderr
    backtest = _rbl(installed, tmp_path, "backtest", str(strategy))
    assert backtest.returncode == 0 and "bundled us_multi_asset_1993_2017.csv" in backtest.stdout, backtest.stderr
    compiled = _rbl(installed, tmp_path, "compile", str(strategy), "-o", str(tmp_path / "s.mq5"))
    assert compiled.returncode == 0 and (tmp_path / "s.mq5").stat().st_size > 10_000, compiled.stderr
    verified = _rbl(installed, tmp_path, "verify", str(strategy), "--broker", "fx-ecn")
    assert "agree" in verified.stdout + verified.stderr, verified.stderr
    scored = _rbl(installed, tmp_path, "eval-translate", "--offline")
    assert scored.returncode == 0 and "offline" in scored.stdout, scored.stderr


@pytest.mark.slow
def test_the_wheels_language_server_hovers_a_function_with_its_documented_definition(installed, tmp_path):
    """Hover quotes docs/semantics.md, which the wheel does not ship: its indicator section travels as
    package data (rbl/dsl/lsp/functions.md)."""
    code = "from rbl.dsl.lsp.words import function_help; print(function_help('vol'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "sample stdev (ddof 1) of the last n simple returns" in done.stdout
