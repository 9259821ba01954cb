"""Small builders for test strategies: a header, two assets and the sections a test varies."""

from __future__ import annotations

from hypothesis import strategies as st

from rbl.dsl.compiler import compile_source
from rbl.dsl.source import SourceFile

HEAD = 'rbl 1\nstrategy "Test"\nasset SPY column "SPY" symbol "SPY.US"\nasset AGG column "UST10" symbol "IEF.US"\n'
SIXTY_FORTY = "target:\n    SPY 60%\n    AGG 40%\n"


def diagnose(body: str, head: str = HEAD):
    """The diagnostics of HEAD + body, as a list."""
    return compile_source(SourceFile("t.rbl", head + body)).diagnostics


def codes(body: str, head: str = HEAD) -> list[str]:
    return [d.code for d in diagnose(body, head)]


def rebalance(*rules: str, target: str = SIXTY_FORTY) -> str:
    return target + "rebalance:\n" + "".join(f"    {r}\n" for r in rules)


@st.composite
def mutated(draw, texts: list[str], words: list[str]) -> str:
    """One of `texts` with a slice (up to 40 characters) deleted, duplicated or replaced by one of `words`."""
    text = draw(st.sampled_from(texts))
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, min(len(text), i + 40)))
    action = draw(st.sampled_from(["delete", "duplicate", "insert"]))
    if action == "delete":
        return text[:i] + text[j:]
    if action == "duplicate":
        return text[:j] + text[i:j] + text[j:]
    return text[:i] + draw(st.sampled_from(words)) + text[j:]
