"""`rbl fmt FILE... [--check]`: rewrite .rbl files in the canonical layout, or report which would change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(name="fmt")(fmt)


def fmt(
    files: Annotated[list[Path], typer.Argument(help="The .rbl files to format in place.")],
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 if a file would change.")]
    = False,
) -> None:
    """Rewrite strategies in place in the canonical layout, keeping comments; idempotent, meaning kept.

    Examples: rbl fmt examples/*.rbl    rbl fmt --check strategy.rbl
    """
    from rbl.cli.common import EXIT_ERRORS, fail_usage

    outcomes = [_format_one(path, check) for path in files]
    if "usage" in outcomes:
        raise fail_usage("some files could not be read (see above)")
    if "error" in outcomes or (check and "changed" in outcomes):
        raise typer.Exit(EXIT_ERRORS)


def _format_one(path: Path, check: bool) -> str:
    """'same', 'changed', 'error' (the file has syntax errors) or 'usage' (it cannot be read)."""
    from rbl.dsl.compiler import SourceReadError, read_source
    from rbl.dsl.diagnostics import CompileError, render_all
    from rbl.dsl.fmt import format_source

    try:
        source = read_source(path)
        formatted = format_source(source)
    except SourceReadError as err:
        code = "" if not path.is_file() else "[E0001]"
        typer.echo(f"error{code}: {err}", err=True)
        return "usage" if not path.is_file() else "error"
    except CompileError as err:
        typer.echo(render_all(err.source, err.diagnostics), err=True)
        return "error"
    if formatted == source.text:
        return "same"
    if check:
        typer.echo(f"{path}: would reformat")
    else:
        path.write_text(formatted, encoding="utf-8")
        typer.echo(f"{path}: reformatted")
    return "changed"
