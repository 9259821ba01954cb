"""One importable package, `rbl`: the repository's dsl/, grammar/ and backends/ install as rbl.dsl,
rbl.grammar and rbl.backends beside the CLI (rbl/cli), which nothing imports."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAPPED = {"dsl": "rbl.dsl", "grammar": "rbl.grammar", "backends": "rbl.backends", "rbl": "rbl"}
OLD_IMPORT = re.compile(r"^\s*(from|import) (dsl|backends|grammar)\b", re.MULTILINE)
CLI_IMPORT = re.compile(r"^\s*(from rbl\.cli\b|from rbl import cli\b|import rbl\.cli\b)", re.MULTILINE)


def _python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts]


def test_every_package_directory_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join([MAPPED[init.relative_to(ROOT).parts[0]], *init.relative_to(ROOT).parts[1:-1]])
             for top in MAPPED for init in (ROOT / top).rglob("__init__.py")}
    assert listed == found


def test_no_module_imports_the_old_top_level_names():
    """`from dsl...` works in the checkout (the repository root is on sys.path) but not from a wheel,
    and would load a second copy of a module beside rbl.dsl's."""
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("dsl", "grammar", "backends", "rbl", "tests", "bench")
                 if OLD_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_cli_is_imported_by_nothing_below_it():
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("dsl", "grammar", "backends")
                 if CLI_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
