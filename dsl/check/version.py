"""The language version line: this compiler reads version 1 (E0104)."""

from __future__ import annotations

from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic

SUPPORTED = (1,)


def check_version(ctx: CheckContext) -> list[Diagnostic]:
    version = ctx.strategy.version
    if version in SUPPORTED:
        return []
    return [Diagnostic("E0104", f"language version {version} is not supported", ctx.strategy.span,
                       help="write 'rbl 1' on the first line")]
