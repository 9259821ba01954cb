"""The MetaTrader 5 commands: `rbl compile FILE --target mql5 [-o OUT.mq5]` and `rbl verify FILE`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Target(str, Enum):
    mql5 = "mql5"


def compile_cmd(
    file: Annotated[Path, typer.Argument(help="The .rbl file.")],
    target: Annotated[Target, typer.Option("--target", help="What to compile to.")] = Target.mql5,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (default: stdout).")] = None,
) -> None:
    """Compile a strategy to a MetaTrader 5 Expert Advisor (one self-contained .mq5 file).

    Example: rbl compile examples/threshold_60_40.rbl --target mql5 -o Threshold.mq5
    """
    from dsl.cli import compile_or_exit, fail_usage
    if output is not None and output.exists() and output.resolve() == file.resolve():
        raise fail_usage(f"{output} is the strategy being compiled; choose another output file")
    result = compile_or_exit(file)
    text = _emit_or_exit(result)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="\n")
    except OSError as err:
        typer.echo(f"error: cannot write {output}: {err.strerror}", err=True)
        raise typer.Exit(2)
    typer.echo(f"wrote {output} ({len(text.splitlines())} lines)", err=True)


def _emit_or_exit(result) -> str:
    from backends.mql5.emit import Unsupported, emit_mql5
    try:
        return emit_mql5(result.checked, result.source)
    except Unsupported as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)


def verify_cmd(
    file: Annotated[Path, typer.Argument(help="The .rbl file.")],
    data: Annotated[list[Path] | None, typer.Option("--data", help="Price files (default: bundled data).")] = None,
) -> None:
    """Check the EA offline: lint, g++ type-check, a run in the simulated broker on the backtest's
    prices, and a bar-by-bar comparison of the two decision traces.

    Example: rbl verify examples/threshold_60_40.rbl
    """
    from dsl.cli import compile_or_exit
    from backends.mql5.gxx import ToolMissing
    from backends.mql5.verify import verify
    from dsl.cli import fail_usage
    for path in data or []:
        if not path.exists():
            raise fail_usage(f"--data {path}: no such file")
    result = compile_or_exit(file)
    _emit_or_exit(result)
    try:
        report = verify(result.checked, result.source, [str(p) for p in data] if data else None)
    except ToolMissing as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    except Exception as err:  # data errors from the backtester's loader
        if type(err).__name__ not in ("DataError", "EngineError"):
            raise
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    _render(report)


def _render(report) -> None:
    for line in report.lint:
        typer.echo(f"lint: {line}", err=True)
    if report.compiler:
        typer.echo(report.compiler.rstrip(), err=True)
    if report.divergence:
        typer.echo(f"traces diverge: {report.divergence}", err=True)
    if not report.ok:
        raise typer.Exit(1)
    typer.echo(f"ok: lint clean, g++ clean, {report.bars} decision bars agree with the backtest")


def register(app: typer.Typer) -> None:
    app.command(name="compile")(compile_cmd)
    app.command(name="verify")(verify_cmd)
