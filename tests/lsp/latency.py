"""Diagnostics latency of `rbl lsp`: the median time from a didChange to its publishDiagnostics over 20 edits,
on the largest example and on a generated 500-line file. Not a test (timings on a shared machine are noise
to a test); run it by hand: python -m tests.lsp.latency"""

from __future__ import annotations

import statistics
import time

from rbl.dsl.lsp.document import Document
from rbl.dsl.lsp.features import diagnostics
from rbl.dsl.lsp.server import DEBOUNCE_SECONDS
from tests.lsp.client import LspClient
from tests.lsp.helpers import EXAMPLES

EDITS = 20


def five_hundred_lines() -> str:
    """The volatility-scaled bands example with 480 lets of three indicator calls each."""
    base = next(p for p in EXAMPLES if p.stem == "volatility_scaled_bands").read_text()
    lets = "".join(f"let signal{i} = sma(SPY, {20 + i} days) > sma(AGG, {200 + i} days) "
                   f"and vol(SPY, 20 days) < {10 + i % 10}%\n" for i in range(480))
    return base.replace("target:", lets + "\ntarget:")


def edited(text: str, n: int) -> str:
    """A new text for every n (the server caches analyses by text): the target weights moved by n points."""
    return text.replace("SPY 60%", f"SPY {60 + n}%").replace("AGG 40%", f"AGG {40 - n}%")


def compile_ms(text: str) -> float:
    times = []
    for n in range(EDITS):
        start = time.perf_counter()
        diagnostics(Document(edited(text, n)))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def round_trip_ms(client: LspClient, uri: str, text: str) -> float:
    client.open(uri, text)
    client.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    times = []
    for version in range(2, EDITS + 2):
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": edited(text, version)}]})
        client.notification("textDocument/publishDiagnostics",
                            where=lambda p, v=version: p["uri"] == uri and p["version"] == v, timeout=60)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    largest = max(EXAMPLES, key=lambda p: len(p.read_text().splitlines()))
    cases = [(largest.name, largest.read_text()), ("500 lines", five_hundred_lines())]
    client = LspClient()
    client.initialize()
    print(f"debounce {DEBOUNCE_SECONDS * 1000:.0f} ms; medians of {EDITS} edits")
    for name, text in cases:
        lines = len(text.splitlines())
        print(f"{name} ({lines} lines): compile+diagnostics {compile_ms(text):.0f} ms, "
              f"didChange -> publishDiagnostics {round_trip_ms(client, f'file:///bench/{lines}.rbl', text):.0f} ms")
    client.close()


if __name__ == "__main__":
    main()
