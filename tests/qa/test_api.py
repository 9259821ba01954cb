"""`import rbl`: the notebook API runs the same compiler and engine as the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import rbl
from rbl.backends.numpy.api import backtest as engine_backtest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "threshold_60_40.rbl"


def test_load_takes_a_path_or_the_text():
    assert rbl.load(EXAMPLE).strategy == rbl.load(EXAMPLE.read_text()).strategy


def test_load_raises_compile_error_with_the_rendered_diagnostics():
    with pytest.raises(rbl.CompileError) as err:
        rbl.load('rbl 1\nstrategy "x"\nasset SPY column "SPY"\n')
    assert "E0205" in str(err.value) and "help:" in str(err.value)


def test_check_lists_diagnostics_and_nothing_for_a_clean_file():
    assert rbl.check(EXAMPLE) == []
    assert [d.code for d in rbl.check('rbl 1\nstrategy "x"\n')] == ["E0205"]


def test_backtest_is_the_engines_run():
    assert rbl.backtest(EXAMPLE).nav.equals(engine_backtest(EXAMPLE).nav)


def test_a_result_is_a_frame_and_a_notebook_cell():
    result = rbl.backtest(EXAMPLE)
    frame = result.to_frame()
    assert list(frame.columns) == ["nav", "weight SPY", "weight AGG", "weight cash"]
    assert frame["nav"].iloc[-1] == result.nav.iloc[-1]
    cell = result._repr_html_()
    assert "<svg" in cell and "Sharpe" in cell and "<html" not in cell


def test_a_sweep_is_a_frame_and_a_notebook_cell_without_nan():
    swept = rbl.sweep(ROOT / "examples" / "band_sweep.rbl", band=("2pp", "6pp", "2pp"))
    assert len(swept.to_frame()) == 3
    cell = swept._repr_html_()
    assert "3pp" not in cell and "4pp" in cell and "nan" not in cell.lower()


def test_compile_mql5_is_the_commands_output():
    emitted = subprocess.run([sys.executable, "-m", "rbl", "compile", str(EXAMPLE)], capture_output=True,
                             text=True, check=True).stdout
    assert rbl.compile_mql5(EXAMPLE) == emitted


def test_explain_is_the_commands_output():
    said = subprocess.run([sys.executable, "-m", "rbl", "explain", str(EXAMPLE)], capture_output=True,
                          text=True, check=True).stdout
    assert rbl.explain(EXAMPLE).strip() == said.strip()


def test_importing_rbl_loads_no_heavy_library():
    code = "import sys, rbl; print([m for m in ('pandas', 'numpy', 'lark', 'pydantic') if m in sys.modules])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"
