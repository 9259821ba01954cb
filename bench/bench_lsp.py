"""Diagnostics latency of `rbl lsp`: the time from a didChange to its publishDiagnostics, median of 20 edits.

Run: python bench/bench_lsp.py   (needs the lsp extra; prints the figures, the budget and the machine load)

The server runs as an editor starts it (a subprocess over stdio) and pygls's own client drives it. Each
edit is a new text (the server caches analyses by text) and waits for its diagnostics before the next, so
the time is the debounce plus one full check. Three files:
- the largest example;
- a generated 500-line file as dense as the examples (about 6 tokens a line: bench_parse.py's generator),
  the file the issue's budget is about: under 200 ms;
- a generated 500-line file of 480 lets of three indicator calls each (about 29 tokens a line: as many
  tokens as 2,500 lines of the examples), for reference.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_parse import generated_strategy  # noqa: E402
from rbl.dsl.lsp.document import Document  # noqa: E402
from rbl.dsl.lsp.features import diagnostics  # noqa: E402
from rbl.dsl.lsp.server import DEBOUNCE_SECONDS, prepare  # noqa: E402

EDITS = 20
BUDGET_MS = 200
SERVER = [sys.executable, "-m", "rbl", "lsp"]


def dense_lines() -> str:
    """The volatility-scaled bands example with 480 lets of three indicator calls each."""
    base = (ROOT / "examples" / "volatility_scaled_bands.rbl").read_text()
    lets = "".join(f"let signal{i} = sma(SPY, {20 + i} days) > sma(AGG, {200 + i} days) "
                   f"and vol(SPY, 20 days) < {10 + i % 10}%\n" for i in range(480))
    return base.replace("target:", lets + "\ntarget:")


def largest_example() -> str:
    return max((p.read_text() for p in (ROOT / "examples").glob("*.rbl")), key=lambda t: len(t.splitlines()))


def edited(text: str, n: int) -> str:
    """The n-th edit: the first window of the file (`N days` or `N months`) lengthened by n."""
    for unit in (" days)", " months)"):
        at = text.find(unit)
        if at != -1:
            start = len(text[:at].rstrip("0123456789"))
            return text[:start] + str(int(text[start:at]) + n) + text[at:]
    raise ValueError("no window to edit")


def compile_cpu_ms(text: str) -> float:
    """In-process, set up as the server is (prepare()): the CPU time of the compiler and the conversion to
    LSP diagnostics, median of EDITS texts. CPU time, unlike the round trip, hardly depends on the load."""
    times = []
    for n in range(1, EDITS + 1):
        start = time.process_time()
        diagnostics(Document(edited(text, n)))
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


class Client(LanguageClient):
    """pygls's client; each publishDiagnostics resolves the future waiting for its version."""

    def __init__(self) -> None:
        super().__init__("bench-lsp", "1")
        self.waiting: dict[tuple[str, int], asyncio.Future] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            future = self.waiting.pop((params.uri, params.version), None)
            if future is not None and not future.done():
                future.set_result(params.diagnostics)

    def expect(self, uri: str, version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future


async def round_trip_ms(client: Client, uri: str, text: str) -> float:
    opened = client.expect(uri, 0)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="rbl", version=0, text=text)))
    await asyncio.wait_for(opened, 60)
    times = []
    for version in range(1, EDITS + 1):
        arrived = client.expect(uri, version)
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited(text, version))]))
        found = await asyncio.wait_for(arrived, 60)
        times.append(time.perf_counter() - start)
        assert not found, f"the bench file has diagnostics: {found[0].message}"
    return statistics.median(times) * 1000


async def measure(cases: list[tuple[str, str]]) -> list[tuple[str, int, float, float]]:
    client = Client()
    await client.start_io(*SERVER)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    rows = []
    for name, text in cases:
        lines = len(text.splitlines())
        trip = await round_trip_ms(client, f"file:///bench/{name.replace(' ', '_')}.rbl", text)
        rows.append((name, lines, compile_cpu_ms(text), trip))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return rows


def main() -> None:
    prepare()
    cases = [("largest example", largest_example()),
             ("500 lines, examples' density", generated_strategy(500)),
             ("500 dense lines (reference)", dense_lines())]
    print(f"debounce {DEBOUNCE_SECONDS * 1000:.0f} ms; medians of {EDITS} edits; budget {BUDGET_MS} ms "
          f"for the 500 lines at the examples' density")
    for name, lines, compiled, trip in asyncio.run(measure(cases)):
        verdict = ("  within budget" if trip < BUDGET_MS else "  OVER BUDGET") if "density" in name else ""
        print(f"{name:30s} {lines:4d} lines: check {compiled:6.1f} ms CPU, "
              f"didChange -> publishDiagnostics {trip:6.1f} ms{verdict}")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) +
          f" on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
