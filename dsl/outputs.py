"""The one rule for every file a command writes (CLI layer only: imported by the commands, never below them).

An existing file is refused unless --force is given; an output that is an input of the command (the
.rbl, a --data file; hard links and symlinks included) or two outputs that are one file are refused
even with --force; outputs are checked before any work and written after it, and each file written is
listed on stderr, one line per file (stdout stays the command's own output, e.g. its JSON).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

EXIT_USAGE = 2

ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite output files that already exist (an input "
                                           "is never overwritten).")]


def _refuse(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _same(a: Path, b: Path) -> bool:
    """One file under two names: the same inode when both exist (hard links), else the same resolved path."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_outputs(outputs: dict[str, Path | None], inputs: list[Path], force: bool) -> None:
    """Refuse (exit 2, one line) what the rule forbids; `outputs` maps each flag to its path (None: not asked)."""
    given = [(flag, path) for flag, path in outputs.items() if path is not None]
    for i, (flag, path) in enumerate(given):
        for other_flag, other in given[:i]:
            if _same(path, other):
                raise _refuse(f"{other_flag} {other} and {flag} {path} are the same file; give each output its own")
        _check_one(flag, path, [p for p in inputs if p.exists()], force)


def _check_one(flag: str, path: Path, inputs: list[Path], force: bool) -> None:
    if any(_same(path, source) for source in inputs):
        raise _refuse(f"{flag} {path} is an input of this run; choose another output file")
    if path.is_dir():
        raise _refuse(f"{flag} {path} is a directory; give a file name to write")
    if not path.parent.is_dir():
        raise _refuse(f"cannot write {path}: no such folder {path.parent}")
    if path.exists() and not force:
        raise _refuse(f"{path} already exists; pass --force to overwrite it")


def write_output(path: Path, text: str) -> None:
    """Write one output (UTF-8, `\\n` line ends) and list it on stderr; an OS error is one line, exit 2."""
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as err:
        raise _refuse(f"cannot write {path}: {err.strerror}") from None
    typer.echo(f"wrote {path}", err=True)
