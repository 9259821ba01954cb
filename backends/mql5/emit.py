"""The MQL5 backend's entry point: a checked strategy in, the text of one .mq5 Expert Advisor out."""

from __future__ import annotations

from rbl.dsl.ir.checked import CheckedStrategy
from rbl.dsl.source import SourceFile
from rbl.backends.mql5.lower import lower
from rbl.backends.mql5.printer import print_program
from rbl.backends.mql5.program import Unsupported
from rbl.backends.mql5.spans import SpanMap

__all__ = ["emit_mql5", "Unsupported"]


def emit_mql5(checked: CheckedStrategy, source: SourceFile | None = None, timeframe: str = "D1") -> str:
    """The EA for `checked`, deciding on `timeframe` bars (D1, H1, M15, ...: backends/mql5/timeframe.py);
    `source` (the .rbl text) adds `// rbl:N` line tags.
    Raises Unsupported, naming the construct and its line, for what this backend cannot lower."""
    if not isinstance(checked, CheckedStrategy):
        raise TypeError("the MQL5 backend accepts only a CheckedStrategy (dsl.compiler.compile_file)")
    return print_program(lower(checked, SpanMap(source), timeframe))
