"""`covariance full` in a regime: what it parses to, how fmt and explain write it, and how each backend
receives it (the backtest fits full matrices, the EA is told to)."""

from __future__ import annotations

import numpy as np

from rbl.backends.mql5.emit import emit_mql5
from rbl.dsl.compiler import compile_source
from rbl.dsl.explain import explain
from rbl.dsl.fmt import format_source
from rbl.dsl.source import SourceFile
from tests.hmm.regime_run import DATA, checked, probabilities

FULL = (DATA / "regime_full.rbl").read_text()
DIAGONAL = FULL.replace(", covariance full", "")


def _regime(text: str):
    result = compile_source(SourceFile("x.rbl", text))
    assert result.checked is not None, result.diagnostics
    return result.checked.strategy.regimes[0]


def test_covariance_full_is_read_and_diagonal_is_the_default():
    assert _regime(FULL).full and _regime(FULL).covariance == "full"
    assert not _regime(DIAGONAL).full and _regime(DIAGONAL).covariance == "diagonal"
    assert _regime(FULL.replace("covariance full", "covariance diagonal")).model_dump() == \
        _regime(DIAGONAL).model_dump()


def test_fmt_keeps_the_option_as_written_and_is_a_fixed_point():
    spelled = FULL.replace("covariance full", "covariance diagonal")
    for text in (FULL, DIAGONAL, spelled):
        once = format_source(SourceFile("x.rbl", text))
        assert format_source(SourceFile("x.rbl", once)) == once
        assert _regime(once).model_dump() == _regime(text).model_dump()
    assert "states 3, covariance full, fit rolling" in _regime_line(FULL)
    assert "states 3, fit rolling" in _regime_line(DIAGONAL)
    assert "states 3, covariance diagonal, fit rolling" in _regime_line(spelled)


def test_explain_says_full_covariance():
    assert "three-state hidden Markov model (full covariance) of" in explain(_checked(FULL).strategy)
    assert "three-state hidden Markov model of" in explain(_checked(DIAGONAL).strategy)


def test_the_ea_is_told_which_covariance_to_fit():
    settings = [line for line in emit_mql5(checked("regime_full.rbl")).splitlines() if "RblRegimeSettings(0" in line]
    assert settings and settings[0].rstrip().endswith(", true);")
    assert "RblRegimeSettings(0" in emit_mql5(checked("regime_targets.rbl"))
    assert all(line.rstrip().endswith(", false);") for line in emit_mql5(checked("regime_targets.rbl")).splitlines()
               if "RblRegimeSettings(0" in line)


def test_the_backtest_fits_full_covariance():
    """The same strategy with diagonal covariance reads other probabilities (the regimes differ)."""
    _, full = probabilities(checked("regime_full.rbl"))
    _, diagonal = probabilities(_checked(DIAGONAL))
    known = ~np.isnan(full[:, 0])
    assert np.array_equal(known, ~np.isnan(diagonal[:, 0]))
    assert np.abs(full[known] - diagonal[known]).max() > 0.1


def _checked(text: str):
    return compile_source(SourceFile("x.rbl", text)).checked


def _regime_line(text: str) -> str:
    return next(line for line in format_source(SourceFile("x.rbl", text)).splitlines() if line.startswith("regime"))
