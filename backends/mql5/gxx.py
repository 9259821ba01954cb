"""Type-checking the rewritten EA with g++ against the prelude; diagnostics cite .mq5 lines."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rbl.backends.mql5.cxx import to_cxx

FLAGS = ("-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror=return-type")


class ToolMissing(Exception):
    """g++ is not installed."""


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    diagnostics: str      # g++'s messages, with paths relative to the work folder


def package_dir() -> Path:
    return Path(str(resources.files("rbl.backends.mql5")))


def gxx() -> str:
    found = shutil.which("g++")
    if found is None:
        raise ToolMissing("g++ is needed for the offline MQL5 checks; install it (e.g. apt-get install g++)")
    return found


def compile_object(mq5: str, name: str, work: Path, output: Path) -> CheckResult:
    """Compile the EA's C++ rewrite to `output`; `name` is the file name diagnostics show."""
    source = work / name
    source.write_text(to_cxx(mq5), encoding="utf-8")
    cmd = [gxx(), *FLAGS, "-x", "c++", "-I", str(package_dir()), "-c", name, "-o", str(output)]
    done = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    return CheckResult(done.returncode == 0 and not done.stderr.strip(), done.stderr)


def typecheck(mq5: str, name: str = "ea.mq5") -> CheckResult:
    with tempfile.TemporaryDirectory(prefix="rbl-mql5-") as tmp:
        return compile_object(mq5, name, Path(tmp), Path(tmp) / "ea.o")
