"""The evaluation set ships with the package, so `rbl eval-translate` works from a wheel."""

from __future__ import annotations

from importlib import resources

from rbl.dsl.english.evalset import DEFAULT_PATH


def test_the_default_evaluation_set_is_package_data_of_dsl_english():
    shipped = resources.files("rbl.dsl.english") / "data" / "eval_set.txt"
    assert DEFAULT_PATH.is_file() and shipped.is_file()
    assert DEFAULT_PATH.read_text() == shipped.read_text()


def test_pyproject_ships_the_evaluation_set():
    from pathlib import Path
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"rbl.dsl.english" = ["data/*.txt"]' in text
