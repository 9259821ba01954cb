"""Small builders for test strategies: a header, two assets and the sections a test varies."""

from __future__ import annotations

from dsl.compiler import compile_source
from dsl.source import SourceFile

HEAD = 'rbl 1\nstrategy "Test"\nasset SPY column "SPY" symbol "SPY.US"\nasset AGG column "UST10" symbol "IEF.US"\n'
SIXTY_FORTY = "target:\n    SPY 60%\n    AGG 40%\n"


def diagnose(body: str, head: str = HEAD):
    """The diagnostics of HEAD + body, as a list."""
    return compile_source(SourceFile("t.rbl", head + body)).diagnostics


def codes(body: str, head: str = HEAD) -> list[str]:
    return [d.code for d in diagnose(body, head)]


def rebalance(*rules: str, target: str = SIXTY_FORTY) -> str:
    return target + "rebalance:\n" + "".join(f"    {r}\n" for r in rules)
