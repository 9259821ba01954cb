"""What every command module shares: the exit codes, usage errors, and compiling a file or exiting."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

EXIT_ERRORS = 1
EXIT_USAGE = 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def fail_usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def compile_or_exit(path: Path, output: OutputFormat = OutputFormat.text):
    """Compile a file for a command that needs a checked strategy; print diagnostics and exit on errors."""
    from rbl.dsl.compiler import SourceReadError, compile_source, read_source
    from rbl.dsl.diagnostics import render_all, to_json

    try:
        source = read_source(path)
    except SourceReadError as err:
        raise fail_usage(str(err)) if not path.is_file() else _unreadable(err, path, output)
    result = compile_source(source)
    if result.diagnostics:
        if output is OutputFormat.json:
            typer.echo(to_json(source, result.diagnostics))
        else:
            typer.echo(render_all(source, result.diagnostics), err=True)
    if not result.ok:
        raise typer.Exit(EXIT_ERRORS)
    return result


def _unreadable(err: Exception, path: Path, output: OutputFormat) -> typer.Exit:
    """A file that is not text: E0001, as a JSON list too when an editor asked for JSON."""
    from rbl.dsl.diagnostics import Diagnostic, to_json
    from rbl.dsl.source import SourceFile
    if output is OutputFormat.json:
        typer.echo(to_json(SourceFile(str(path), ""), [Diagnostic("E0001", str(err), None)]))
    else:
        typer.echo(f"error[E0001]: {err}", err=True)
    return typer.Exit(EXIT_ERRORS)
