"""The `rbl` command line: thin typer commands that call one function, render, and pick the exit code.

Exit codes: 0 success, 1 errors in the input (.rbl or data), 2 usage errors (bad flags, missing file).
Heavy libraries are imported inside commands so `rbl --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from rbl.cli.common import EXIT_ERRORS, EXIT_USAGE, OutputFormat, compile_or_exit
from rbl.dsl import __version__

app = typer.Typer(
    name="rbl",
    help="rbl compiles portfolio-rebalancing strategies (.rbl) to a NumPy backtest and a MetaTrader 5 EA.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rbl {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """rbl: one strategy source, a backtest and a MetaTrader 5 Expert Advisor that trade the same way."""


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="The .rbl files to check.")],
    format: Annotated[OutputFormat, typer.Option("--format", help="text for people, json for editors.")]
    = OutputFormat.text,
) -> None:
    """Parse and check strategies; print every diagnostic, sorted by position.

    Example: rbl check examples/threshold_60_40.rbl
    """
    failed = False
    for path in files:
        try:
            result = compile_or_exit(path, format)
        except typer.Exit as stop:
            if stop.exit_code == EXIT_USAGE:
                raise
            failed = True
            continue
        if format is OutputFormat.text:
            checked = result.checked
            typer.echo(f"{path}: ok ({len(checked.strategy.assets)} assets, "
                       f"warm-up {checked.warmup_bars} bars)")
    if failed:
        raise typer.Exit(EXIT_ERRORS)


class DumpWhat(str, Enum):
    tree = "tree"
    ir = "ir"


@app.command()
def dump(
    what: Annotated[DumpWhat, typer.Argument(help="tree: the parse tree; ir: the IR as JSON.")],
    file: Annotated[Path, typer.Argument(help="The .rbl file.")],
) -> None:
    """Print the parse tree or the IR of a strategy.

    Example: rbl dump ir examples/classic_60_40.rbl
    """
    if what is DumpWhat.tree:
        from rbl.dsl.parser import parse_tree
        result = compile_or_exit(file)
        tree, _ = parse_tree(result.source)
        typer.echo(tree.pretty())
        return
    result = compile_or_exit(file)
    typer.echo(result.checked.strategy.model_dump_json(indent=2))


@app.command()
def schema() -> None:
    """Print the JSON schema of the IR: the contract between the front end and the backends.

    Example: rbl schema > rbl-ir.schema.json
    """
    import json

    from rbl.dsl.ir import Strategy
    typer.echo(json.dumps(Strategy.model_json_schema(), indent=2, sort_keys=True))


def _register_plugins() -> None:
    """Each command module exposes `register(app)`
    and imports its heavy libraries inside its commands, so `rbl --help` stays fast."""
    from rbl.cli import backtest, english, fmt, lsp, mql5

    for module in (fmt, backtest, mql5, english, lsp):
        module.register(app)


_register_plugins()


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # a bug of ours: say so in one line instead of a traceback
        typer.echo(f"internal error: {type(err).__name__}: {err}\n"
                   "this is a bug in rbl, not in your input; set RBL_DEBUG=1 for details", err=True)
        if os.environ.get("RBL_DEBUG"):
            raise
        sys.exit(70)
