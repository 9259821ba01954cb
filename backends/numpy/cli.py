"""`rbl backtest` and `rbl sweep`: thin commands that load data, run the engine and render the results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_ERRORS, EXIT_USAGE = 1, 2


def _fail(message: str, code: int = EXIT_ERRORS) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _refuse_inputs(outputs: list[Optional[Path]], inputs: list[Path]) -> None:
    """Never write a result over a file the run reads."""
    resolved = {p.resolve() for p in inputs if p.exists()}
    for out in outputs:
        if out is not None and out.resolve() in resolved:
            raise _fail(f"{out} is an input of this run; choose another output file", EXIT_USAGE)


def _settings(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise _fail(f"--set expects NAME=VALUE, got '{pair}'", EXIT_USAGE)
        out[name.strip()] = value
    return out


def _ranges(pairs: list[str]) -> dict[str, tuple[str, str, str]]:
    out = {}
    for pair in pairs:
        name, sep, spec = pair.partition("=")
        parts = spec.split(":")
        if not sep or len(parts) != 3:
            raise _fail(f"--param expects NAME=LO:HI:STEP (e.g. band=1pp:10pp:1pp), got '{pair}'", EXIT_USAGE)
        out[name.strip()] = tuple(parts)
    return out


def _run(action, show_progress: bool):
    """Run an engine call with a progress bar (terminal only), turning every error a user can cause
    into a message and exit code 1."""
    from backends.numpy.evaluate import EngineError
    from backends.numpy.progress import progress_bar
    from backends.numpy.readers import DataError
    bar = progress_bar(show_progress)
    try:
        return action(bar)
    except (DataError, EngineError, ValueError) as err:
        raise _fail(str(err)) from None
    finally:
        if bar is not None:
            bar.close()


def backtest_command(
    file: Annotated[Path, typer.Argument(help="The .rbl strategy.")],
    data: Annotated[list[Path], typer.Option("--data", help="Price files (CSV, MT5 export, Yahoo, "
                                             "Parquet); the bundled data when absent.")] = [],  # noqa: B006
    start: Annotated[Optional[str], typer.Option("--start", help="First date, YYYY-MM-DD.")] = None,
    end: Annotated[Optional[str], typer.Option("--end", help="Last date, YYYY-MM-DD.")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="A param value, NAME=VALUE (e.g. band=3pp).")] = [],  # noqa: B006
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics and manifest as JSON.")] = False,
    trace: Annotated[Optional[Path], typer.Option("--trace", help="Write the decision trace here.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write an HTML report here.")] = None,
) -> None:
    """Backtest a strategy on the bundled data or your files; print metrics and the conventions used.

    Example: rbl backtest examples/threshold_60_40.rbl
    """
    from backends.numpy import api, render
    from dsl.cli import compile_or_exit
    _refuse_inputs([trace, report], [file, *data])
    checked = compile_or_exit(file).checked
    result = _run(lambda bar: api.backtest(checked, data or None, start=start, end=end, progress=bar,
                                           **_settings(set_)), not as_json)
    if trace is not None:
        trace.write_text(result.trace_text(), encoding="utf-8")
    if report is not None:
        from backends.numpy.report import backtest_report
        report.write_text(backtest_report(result), encoding="utf-8")
    typer.echo(json.dumps(render.backtest_json(result), indent=2) if as_json else render.backtest_text(result))


def sweep_command(
    file: Annotated[Path, typer.Argument(help="The .rbl strategy.")],
    param: Annotated[list[str], typer.Option("--param", help="NAME=LO:HI:STEP; the declared range when "
                                             "absent.")] = [],  # noqa: B006
    data: Annotated[list[Path], typer.Option("--data", help="Price files; the bundled data when absent.")] = [],  # noqa: B006
    start: Annotated[Optional[str], typer.Option("--start")] = None,
    end: Annotated[Optional[str], typer.Option("--end")] = None,
    sort: Annotated[Optional[str], typer.Option("--sort", help="Sort the table by this metric.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
    csv: Annotated[Optional[Path], typer.Option("--csv", help="Write the table as CSV here.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write an HTML report here.")] = None,
) -> None:
    """Run every variant of the strategy's params in one pass and compare them.

    Example: rbl sweep examples/band_sweep.rbl --param band=1pp:10pp:1pp --sort sharpe
    """
    from backends.numpy import api, render
    from dsl.cli import compile_or_exit
    _refuse_inputs([csv, report], [file, *data])
    checked = compile_or_exit(file).checked
    if not checked.strategy.params:
        raise _fail(f"{file} declares no param to sweep (e.g. 'param band = 5pp from 1pp to 10pp step 1pp')")
    result = _run(lambda bar: api.sweep(checked, data or None, start=start, end=end, progress=bar,
                                        **_ranges(param)), not as_json)
    table = result.table
    if sort is not None:
        if sort not in table.columns:
            raise _fail(f"cannot sort by '{sort}'; choose one of {', '.join(table.columns)}", EXIT_USAGE)
        table = table.sort_values(sort, ascending=sort in render.LOWER_IS_BETTER, kind="stable")
    if csv is not None:
        table.to_csv(csv, index=False)
    if report is not None:
        from backends.numpy.report import sweep_report
        report.write_text(sweep_report(result), encoding="utf-8")
    typer.echo(table.to_json(orient="records", indent=2) if as_json else render.sweep_text(result, table))


def register(app: typer.Typer) -> None:
    app.command("backtest")(backtest_command)
    app.command("sweep")(sweep_command)
