"""rbl: one portfolio-rebalancing strategy, a NumPy backtest and a MetaTrader 5 Expert Advisor.

The Python API, for notebooks and scripts::

    import rbl
    strategy = rbl.load("examples/threshold_60_40.rbl")     # a path, or the text of a strategy
    result = rbl.backtest(strategy)                          # bundled data, or prices=...
    result.metrics, result.nav, result.weights, result.trade_table, result.to_frame()
    table = rbl.sweep(strategy, band=("1pp", "10pp", "1pp")).table
    ea = rbl.compile_mql5(strategy)

Every function imports its stage when called, so `import rbl` (and `rbl --help`) stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rbl.dsl import __version__

if TYPE_CHECKING:
    from rbl.backends.numpy.api import SweepResult
    from rbl.backends.numpy.results import Result
    from rbl.dsl.diagnostics import Diagnostic
    from rbl.dsl.ir.checked import CheckedStrategy

__all__ = ["__version__", "load", "check", "backtest", "sweep", "compile_mql5", "explain", "CompileError"]



def _source(source: str | Path):
    """A Path, or a str of one line, names a file; a str with a line break is the strategy's text."""
    from rbl.dsl.compiler import read_source
    from rbl.dsl.source import SourceFile
    if isinstance(source, str) and "\n" in source:
        return SourceFile("<string>", source)
    return read_source(Path(source))


def check(source: str | Path) -> list[Diagnostic]:
    """Every diagnostic of a strategy (errors and warnings, as `rbl check` prints them); [] when clean."""
    from rbl.dsl.compiler import compile_source
    return list(compile_source(_source(source)).diagnostics)


def load(source: str | Path | CheckedStrategy) -> CheckedStrategy:
    """The checked strategy; raises `rbl.CompileError` (its text is `rbl check`'s output) on errors."""
    from rbl.dsl.compiler import CompileError, compile_source
    from rbl.dsl.ir.checked import CheckedStrategy
    if isinstance(source, CheckedStrategy):
        return source
    result = compile_source(_source(source))
    if not result.ok:
        raise CompileError(result.source, result.diagnostics)
    return result.checked


def backtest(strategy: str | Path | CheckedStrategy, prices=None, **options) -> Result:
    """One run: `prices` is None (the bundled data), file paths or a DataFrame; options are `start`,
    `end`, `ffill` and the strategy's params (`band="3pp"`)."""
    from rbl.backends.numpy.api import backtest as run
    return run(load(strategy), prices, **options)


def sweep(strategy: str | Path | CheckedStrategy, prices=None, **options) -> SweepResult:
    """Every variant of a grid: `sweep(s, band=("1pp", "10pp", "1pp"))`; `.table` has one row per
    variant with PSR and DSR, `.statistics` the trial-aware verdict (PBO, MinBTL)."""
    from rbl.backends.numpy.api import sweep as run
    return run(load(strategy), prices, **options)


def compile_mql5(strategy: str | Path | CheckedStrategy, timeframe: str = "D1") -> str:
    """The MetaTrader 5 Expert Advisor (one .mq5 file's text), as `rbl compile --target mql5`; a loaded
    strategy has no source text, so its EA has no `// rbl:N` line tags."""
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.dsl.compiler import CompileError, compile_source
    from rbl.dsl.ir.checked import CheckedStrategy
    if isinstance(strategy, CheckedStrategy):
        return emit_mql5(strategy, None, timeframe)
    result = compile_source(_source(strategy))
    if not result.ok:
        raise CompileError(result.source, result.diagnostics)
    return emit_mql5(result.checked, result.source, timeframe)


def explain(strategy: str | Path | CheckedStrategy) -> str:
    """The strategy in plain English, as `rbl explain`."""
    from rbl.dsl.explain import explain as english
    return english(load(strategy).strategy)


def __getattr__(name: str):
    if name == "CompileError":
        from rbl.dsl.compiler import CompileError
        return CompileError
    raise AttributeError(f"module 'rbl' has no attribute {name!r}")
