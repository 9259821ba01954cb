"""`rbl backtest` and `rbl sweep`: thin commands that load data, run the engine and render the results.

Only typer is imported here: pandas, NumPy and the IR load inside the commands (`rbl --help` stays fast).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from rbl.dsl.outputs import ForceOption

EXIT_ERRORS, EXIT_USAGE = 1, 2

DataOption = Annotated[list[Path], typer.Option("--data", help="Price files (CSV, MT5 export, Yahoo, "
                                                "Parquet); the bundled data when absent.")]
StartOption = Annotated[Optional[str], typer.Option("--start", help="First date, YYYY-MM-DD.")]
EndOption = Annotated[Optional[str], typer.Option("--end", help="Last date, YYYY-MM-DD.")]
FfillOption = Annotated[int, typer.Option("--ffill", metavar="N", help="Carry a price over at most N missing "
                                          "bars in a row (stated in the manifest); 0: a gap is an error.")]
AlignOption = Annotated[Optional[str], typer.Option("--align", metavar="POLICY", help="Several --data files "
                                                    "with different dates: 'intersect' (keep the dates all have) "
                                                    "or 'ffill N' (carry a file's last price over at most N dates "
                                                    "it lacks); default: an error naming the dates.")]


def _aligned(data: list[Path], align: Optional[str]):
    """The --data files, with the --align policy when one is given (a bad one is a usage error)."""
    if align is None:
        return data
    from rbl.backends.numpy.align import Align, Aligned
    try:
        return Aligned(tuple(data), Align.parse(align))
    except ValueError as err:
        raise _fail(str(err), EXIT_USAGE) from None


def _fail(message: str, code: int = EXIT_ERRORS) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _check_paths(outputs: dict[str, Optional[Path]], file: Path, data: list[Path], force: bool) -> None:
    """Usage errors before any work: a --data file that does not exist; the outputs under the one rule of
    `rbl.dsl.outputs` (an existing file needs --force; never an input; never two outputs on one file)."""
    from rbl.dsl.outputs import check_outputs
    for path in data:
        if not path.exists():
            raise _fail(f"--data {path}: no such file", EXIT_USAGE)
    check_outputs(outputs, [file, *data], force)


def _settings(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise _fail(f"--set expects NAME=VALUE (e.g. band=3pp), got '{pair}'", EXIT_USAGE)
        out[name.strip()] = value
    return out


def _ranges(pairs: list[str]) -> dict[str, tuple[str, str, str]]:
    out = {}
    for pair in pairs:
        name, sep, spec = pair.partition("=")
        parts = spec.split(":")
        if not sep or not name.strip() or len(parts) != 3 or not all(p.strip() for p in parts):
            raise _fail(f"--param expects NAME=LO:HI:STEP (e.g. band=1pp:10pp:1pp), got '{pair}'", EXIT_USAGE)
        out[name.strip()] = tuple(parts)
    return out


def _hint(message: str, ffill: int) -> str:
    if ffill == 0 and message.endswith("the price is missing"):
        return message + " (--ffill N carries the last price over at most N missing bars)"
    return message


COMPILING = "compiling the backtester for this machine (once, 5-30 s; later runs load it from the cache)..."


def compile_pending() -> bool:
    """Whether numba's on-disk cache lacks a fresh compile of the path loop (the first run on a machine,
    or after an upgrade): the index numba itself reads is missing, of another version or older than the
    source. Unknown (numba absent, its internals moved) counts as no."""
    try:
        from rbl.backends.numpy import path_loop
        return not path_loop.run._cache._cache_file._load_index()
    except Exception:
        return False


def announce_compile(stream=None) -> None:
    """Say why the first run waits: on a terminal only (never into a pipe or a JSON stream)."""
    import sys
    stream = sys.stderr if stream is None else stream
    if stream.isatty() and compile_pending():
        print(COMPILING, file=stream, flush=True)


def _run(action, show_progress: bool, ffill: int = 0):
    """Run an engine call with a progress bar (terminal only); errors a user can cause become one line:
    exit 2 for a bad flag value (--set, --param, dates), exit 1 for bad data or an unsupported rule."""
    from rbl.backends.numpy.evaluate import EngineError
    from rbl.backends.numpy.params import ParamError
    from rbl.backends.numpy.progress import Ticker, progress_bar
    from rbl.backends.numpy.readers import DataError
    if show_progress:
        announce_compile()
    try:
        with Ticker(progress_bar(show_progress)) as bar:
            return action(bar)
    except ParamError as err:
        raise _fail(str(err), EXIT_USAGE) from None
    except (DataError, EngineError) as err:
        raise _fail(_hint(str(err), ffill)) from None


def _write(path: Path, text: str) -> None:
    from rbl.dsl.outputs import write_output
    write_output(path, text)


def backtest_command(
    file: Annotated[Path, typer.Argument(help="The .rbl strategy.")],
    data: DataOption = [],  # noqa: B006
    start: StartOption = None,
    end: EndOption = None,
    set_: Annotated[list[str], typer.Option("--set", help="A param value, NAME=VALUE (e.g. band=3pp).")] = [],  # noqa: B006
    ffill: FfillOption = 0,
    align: AlignOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics and manifest as JSON.")] = False,
    trace: Annotated[Optional[Path], typer.Option("--trace", help="Write the decision trace here.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write an HTML report here.")] = None,
    force: ForceOption = False,
) -> None:
    """Backtest a strategy on the bundled data or your files; print metrics and the conventions used.

    Example: rbl backtest examples/threshold_60_40.rbl
    """
    from rbl.backends.numpy import api, render
    from rbl.cli.common import compile_or_exit
    _check_paths({"--trace": trace, "--report": report}, file, data, force)
    data = _aligned(data, align)
    values = _settings(set_)
    checked = compile_or_exit(file).checked
    result = _run(lambda bar: api.backtest(checked, data or None, start=start, end=end, ffill=ffill,
                                           progress=bar, **values), not as_json, ffill)
    if trace is not None:
        _write(trace, result.trace_text())
    if report is not None:
        from rbl.backends.numpy.report import backtest_report
        _write(report, backtest_report(result))
    typer.echo(json.dumps(render.backtest_json(result), indent=2) if as_json else render.backtest_text(result))


_SIZE = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def _memory(text: str) -> int:
    """`512MiB`, `2G`, `1.5GiB`: a byte budget (at least 16 MiB)."""
    import re
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt])(?:i?b)?\s*", text, re.IGNORECASE)
    if match is None or float(match.group(1)) * _SIZE[match.group(2).lower()] < 16 * 2**20:
        raise _fail(f"--memory expects a size of at least 16MiB such as 512MiB or 2GiB, got '{text}'", EXIT_USAGE)
    return int(float(match.group(1)) * _SIZE[match.group(2).lower()])


def _with_eta(bar):
    """The progress feed with the time left on a chunked sweep (`variants` done of total)."""
    if bar is None:
        return None
    import time
    started = time.monotonic()

    def report(what: str, done: int, total: int) -> None:
        if what == "variants" and 0 < done < total:
            left = (time.monotonic() - started) * (total - done) / done
            what = f"variants, {left:.0f} s left"
        bar(what, done, total)
    return report


def sweep_command(
    file: Annotated[Path, typer.Argument(help="The .rbl strategy.")],
    param: Annotated[list[str], typer.Option("--param", help="NAME=LO:HI:STEP; the declared range when "
                                             "absent.")] = [],  # noqa: B006
    data: DataOption = [],  # noqa: B006
    start: StartOption = None,
    end: EndOption = None,
    ffill: FfillOption = 0,
    align: AlignOption = None,
    sort: Annotated[Optional[str], typer.Option("--sort", help="Sort by this metric (e.g. sharpe, "
                                                "tracking_error); its best row is marked.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the table and the statistics as JSON.")] = False,
    csv: Annotated[Optional[Path], typer.Option("--csv", help="Write the table as CSV here.")] = None,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write an HTML report here.")] = None,
    memory: Annotated[str, typer.Option("--memory", help="Memory budget of the sweep (variants run in "
                                        "chunks under it), e.g. 512MiB, 2GiB.")] = "512MiB",
    pbo_blocks: Annotated[int, typer.Option("--pbo-blocks", metavar="S", help="Blocks of CSCV for the "
                                            "probability of backtest overfitting (even, 2..20).")] = 16,
    walk_forward: Annotated[Optional[str], typer.Option("--walk-forward", metavar="TRAIN:TEST", help="Walk "
                                                        "forward: pick the best variant on each TRAIN span, run "
                                                        "it on the TEST span after it (e.g. 5y:1y).")] = None,
    anchored: Annotated[bool, typer.Option("--anchored", help="Walk forward with an expanding train span "
                                           "from the first decision bar.")] = False,
    offsets: Annotated[int, typer.Option("--offsets", metavar="N", help="Timing luck: run a calendar strategy "
                                         "with its rebalance bar shifted by 0..N-1 bars.")] = 0,
    workers: Annotated[int, typer.Option("--workers", metavar="N", help="Run the chunks on N local worker "
                                         "processes (the --memory budget split across them).")] = 1,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="tcp://HOST:PORT", help="Run the "
                                                     "chunks on this Dask cluster (pip install "
                                                     "'rbl[distributed]').")] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", metavar="N", help="Monte Carlo: run every variant on "
                                           "N block-bootstrapped price paths; the --sort metric's spread.")] = 0,
    block: Annotated[float, typer.Option("--block", metavar="BARS", help="Mean block length of --bootstrap, "
                                         "in bars.")] = 20.0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the --bootstrap paths.")] = 0,
    force: ForceOption = False,
) -> None:
    """Run every variant of the strategy's params (in chunks under a memory budget) and compare them,
    with the trial-aware statistics: PSR, DSR, expected maximum Sharpe, MinBTL and PBO.

    Example: rbl sweep examples/band_sweep.rbl --param band=1pp:10pp:1pp --sort sharpe
    """
    from rbl.backends.numpy import api, render
    from rbl.cli.common import compile_or_exit
    _check_paths({"--csv": csv, "--report": report}, file, data, force)
    data = _aligned(data, align)
    ranges, budget = _ranges(param), _memory(memory)
    checked = compile_or_exit(file).checked
    if not checked.strategy.params:
        raise _fail(f"{file} declares no param to sweep (e.g. 'param band = 5pp from 1pp to 10pp step 1pp')")
    sortable = [*(ranges or [p.name for p in checked.strategy.params]), *render.METRICS]
    if sort is not None and sort not in sortable:
        raise _fail(f"cannot sort by '{sort}'; choose one of {', '.join(sortable)}", EXIT_USAGE)
    if (workers != 1 or scheduler is not None) and offsets:
        raise _fail("--workers and --scheduler run plain sweeps and walk-forwards; not yet --offsets", EXIT_USAGE)
    if bootstrap:
        if offsets or walk_forward is not None:
            raise _fail("--bootstrap is not combined with --offsets or --walk-forward", EXIT_USAGE)
        return _bootstrap(checked, data, start, end, ffill, ranges, budget, (bootstrap, block, seed), sort,
                          (workers, scheduler), as_json, csv)
    if offsets:
        if walk_forward is not None:
            raise _fail("--offsets is not combined with --walk-forward", EXIT_USAGE)
        return _timing(checked, data, start, end, ffill, ranges, budget, offsets, sort, as_json, csv, report)
    if walk_forward is not None or anchored:
        return _walk_forward(checked, data, start, end, ffill, ranges, budget, walk_forward, anchored, sort,
                             (workers, scheduler), as_json, csv, report)
    from rbl.backends.numpy.workers import SweepStopped
    try:
        result = _run(lambda bar: api.sweep(checked, data or None, start=start, end=end, ffill=ffill,
                                            progress=_with_eta(bar), memory_budget=budget, pbo_blocks=pbo_blocks,
                                            workers=workers, scheduler=scheduler, **ranges), not as_json, ffill)
    except SweepStopped as err:
        raise _fail(str(err), err.code) from None
    table = render.sweep_table(result, sort)
    if csv is not None:
        _write(csv, table.to_csv(index=False))
    if report is not None:
        from rbl.backends.numpy.report import sweep_report
        _write(report, sweep_report(result, table, sort))
    typer.echo(render.sweep_json(result, table) if as_json else render.sweep_text(result, table, sort))


def _bootstrap(checked, data, start, end, ffill, ranges, budget, spec, sort, on, as_json, csv):
    """`rbl sweep --bootstrap N --block L`: each variant's --sort metric over N bootstrapped paths."""
    from rbl.backends.numpy import bootstrap as bs
    from rbl.backends.numpy import render
    from rbl.backends.numpy.api import load_for
    from rbl.backends.numpy.params import grid_of
    from rbl.backends.numpy.workers import SweepStopped, pool
    paths, block, seed = spec
    s = checked.strategy

    def action(bar):
        bs.check(paths, block)
        grid = grid_of(s, ranges, budget, 2)
        panel, gaps = load_for(s, data or None, start, end, ffill)
        with pool(*on) as workers:
            return bs.bootstrap(checked, panel, gaps, grid, paths, block, seed, render.best_metric(sort), budget,
                                workers)
    try:
        result = _run(action, not as_json, ffill)
    except SweepStopped as err:
        raise _fail(str(err), err.code) from None
    table = bs.table(s, result)
    if csv is not None:
        _write(csv, table.to_csv(index=False))
    typer.echo(table.to_json(orient="records", indent=2) if as_json else bs.text(result, table))


def _walk_forward(checked, data, start, end, ffill, ranges, budget, spans, anchored, sort, on, as_json, csv,
                  report):
    """`rbl sweep --walk-forward TRAIN:TEST`: the windows' choices and the stitched out-of-sample metrics."""
    from rbl.backends.numpy import render
    from rbl.backends.numpy.api import load_for
    from rbl.backends.numpy.params import ParamError, grid_of
    from rbl.backends.numpy.walkforward import spans as read_spans
    from rbl.backends.numpy.walkforward import walk_forward
    from rbl.backends.numpy.workers import SweepStopped, pool
    if spans is None:
        raise _fail("--anchored needs --walk-forward TRAIN:TEST", EXIT_USAGE)
    s, metric = checked.strategy, render.best_metric(sort)

    def action(bar):
        try:
            train, test = read_spans(spans)
        except ParamError as err:
            raise _fail(str(err), EXIT_USAGE) from None
        grid = grid_of(s, ranges, budget, 2)
        panel, gaps = load_for(s, data or None, start, end, ffill)
        with pool(*on) as workers:
            return walk_forward(checked, panel, gaps, grid, train, test, anchored, metric, budget, bar, workers)
    try:
        wf = _run(action, not as_json, ffill)
    except SweepStopped as err:
        raise _fail(str(err), err.code) from None
    if csv is not None:
        import pandas as pd
        rows = [{**{k: v for k, v in c.__dict__.items() if k != "params"},
                 **{k: render.written(s.param(k), v, s.currency) for k, v in c.params.items()}} for c in wf.choices]
        _write(csv, pd.DataFrame(rows).to_csv(index=False))
    if report is not None:
        from rbl.backends.numpy.report import walk_forward_report
        _write(report, walk_forward_report(s, wf))
    typer.echo(render.walk_forward_json(s, wf) if as_json else render.walk_forward_text(s, wf))


def _timing(checked, data, start, end, ffill, ranges, budget, offsets, sort, as_json, csv, report):
    """`rbl sweep --offsets N`: every variant with its rebalance bar shifted 0..N-1 bars."""
    from rbl.backends.numpy import render
    from rbl.backends.numpy.api import load_for
    from rbl.backends.numpy.params import grid_of
    from rbl.backends.numpy.timing import MAX_OFFSETS, timing_luck
    if not 2 <= offsets <= MAX_OFFSETS:
        raise _fail(f"--offsets takes a number of bars from 2 to {MAX_OFFSETS}, got {offsets}", EXIT_USAGE)
    s = checked.strategy

    def action(bar):
        grid = grid_of(s, ranges, budget, 2)
        panel, gaps = load_for(s, data or None, start, end, ffill)
        return timing_luck(checked, panel, gaps, grid, offsets, render.best_metric(sort), budget, bar)
    luck = _run(action, not as_json, ffill)
    table = render.timing_table(s, luck)
    if csv is not None:
        _write(csv, table.to_csv(index=False))
    if report is not None:
        from rbl.backends.numpy.report import timing_report
        _write(report, timing_report(s, luck, table))
    typer.echo(render.timing_json(s, luck, table) if as_json else render.timing_text(s, luck, table))


def register(app: typer.Typer) -> None:
    app.command("backtest")(backtest_command)
    app.command("sweep")(sweep_command)
