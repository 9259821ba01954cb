"""The MetaTrader 5 commands: `rbl compile FILE --target mql5 [-o OUT.mq5]` and `rbl verify FILE`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from rbl.dsl.outputs import ForceOption


class Target(str, Enum):
    mql5 = "mql5"


def compile_cmd(
    file: Annotated[Path, typer.Argument(help="The .rbl file.")],
    target: Annotated[Target, typer.Option("--target", help="What to compile to.")] = Target.mql5,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (default: stdout).")] = None,
    timeframe: Annotated[str, typer.Option("--timeframe", help="The bars the EA decides on, as the "
                                           "backtest's data: D1, H4, H1, M30, M15, M5, M1, ...")] = "D1",
    force: ForceOption = False,
) -> None:
    """Compile a strategy to a MetaTrader 5 Expert Advisor (one self-contained .mq5 file).

    Example: rbl compile examples/threshold_60_40.rbl --target mql5 -o Threshold.mq5
    """
    from rbl.cli.common import compile_or_exit
    from rbl.dsl.outputs import check_outputs, write_output
    check_outputs({"-o": output}, [file], force)
    result = compile_or_exit(file)
    text = _emit_or_exit(result, timeframe.upper())
    if output is None:
        typer.echo(text, nl=False)
        return
    write_output(output, text)


def _emit_or_exit(result, timeframe: str = "D1") -> str:
    from rbl.backends.mql5.emit import Unsupported, emit_mql5
    try:
        return emit_mql5(result.checked, result.source, timeframe)
    except Unsupported as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)


def verify_cmd(
    file: Annotated[Path, typer.Argument(help="The .rbl file.")],
    data: Annotated[list[Path] | None, typer.Option("--data", help="Price files (default: bundled data).")] = None,
    broker: Annotated[list[str] | None, typer.Option(
        "--broker", metavar="NAME|PATH", help="A broker profile: a bundled name (ideal, stocks-cfd-unleveraged, "
        "fx-ecn, exchange-return-only, shared-account, flaky) or a .toml file; repeat for one report per "
        "profile (default: ideal).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per profile, one per line.")] = False,
) -> None:
    """Check the EA offline: lint, g++ type-check, a run in the simulated broker on the backtest's
    prices under a broker profile, and a bar-by-bar comparison of the two decision traces.

    Example: rbl verify examples/threshold_60_40.rbl --broker stocks-cfd-unleveraged
    """
    from rbl.cli.common import compile_or_exit, fail_usage
    for path in data or []:
        if not path.exists():
            raise fail_usage(f"--data {path}: no such file")
    profiles = [_profile_or_exit(spec) for spec in broker or ["ideal"]]
    result = compile_or_exit(file)
    files = [str(p) for p in data] if data else None
    agree = True
    for profile in profiles:                # each report as soon as it is ready: a run takes seconds
        report = _verify_or_exit(result, files, profile)
        if json_out:
            typer.echo(_json(report))
        else:
            _render(report)
        agree = agree and report.ok
    if not agree:
        raise typer.Exit(1)


def _profile_or_exit(spec: str):
    from rbl.backends.mql5.profiles import ProfileError, UnknownProfile, load_profile
    try:
        return load_profile(spec)
    except UnknownProfile as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    except ProfileError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)


def _verify_or_exit(result, data: list[str] | None, profile):
    from rbl.backends.mql5.gxx import ToolMissing
    from rbl.backends.mql5.profiles import ProfileError
    from rbl.backends.mql5.verify import verify
    try:
        return verify(result.checked, result.source, data, profile)
    except ToolMissing as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2)
    except Exception as err:  # profile errors, and data errors from the backtester's loader
        if not isinstance(err, ProfileError) and type(err).__name__ not in ("DataError", "EngineError", "Unsupported"):
            raise
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)


def _json(report) -> str:
    import json
    d = report.first_divergence
    return json.dumps({
        "agree": report.ok, "profile": report.profile, "decision_bars": report.bars, "deals": report.deals,
        "rejects": report.rejects,
        "first_divergence": None if d is None else {"date": d.date, "expected": d.expected, "got": d.got,
                                                    "reason": d.reason},
        "exact_through": report.exact_through, "departure": report.departure or None,
        "stopped": report.stopped or None, "lint": report.lint,
        "compiler": report.compiler, "notes": report.notes, "warnings": report.warnings,
    })


def _broker_figures(report) -> str:
    rejects = ", ".join(f"{code}×{n:,}" for code, n in report.rejects.items())
    late = (f"; on {report.exact_through} {report.departure}, so after it only the decision bars are "
            f"compared") if report.exact_through else ""
    return f"{report.deals:,} deals, " + (f"rejects {rejects}" if rejects else "no rejects") + late


def _render(report) -> None:
    for note in report.notes:
        typer.echo(f"note (profile {report.profile}): {note}", err=True)
    for warning in report.warnings:
        typer.echo(f"warning (profile {report.profile}): {warning}", err=True)
    for line in report.lint:
        typer.echo(f"lint: {line}", err=True)
    if report.compiler:
        typer.echo(report.compiler.rstrip(), err=True)
    if report.first_divergence:
        typer.echo(f"traces diverge (profile {report.profile}): {report.first_divergence}\n"
                   f"  the simulated broker: {_broker_figures(report)}", err=True)
    if report.ok:
        typer.echo(f"ok (profile {report.profile}): lint clean, g++ clean, {report.bars:,} decision bars agree "
                   f"with the backtest; {_broker_figures(report)}")


def register(app: typer.Typer) -> None:
    app.command(name="compile")(compile_cmd)
    app.command(name="verify")(verify_cmd)
