"""What each parser option costs on the generated 2,000-line file: the figures behind dsl/fast_parser.py.

Run: /work/venv/bin/python bench/bench_parse_options.py
Times are CPU time of this process (less disturbed than wall time when other jobs share the machine),
median of several runs after a warm-up. Options marked "not usable" change the tree to_ir reads or
cannot lex rbl; they are measured to show what they would buy.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lark import Lark  # noqa: E402

from bench.bench_parse import generated_strategy  # noqa: E402
from rbl.dsl.fast_parser import FastParser  # noqa: E402
from rbl.dsl.parser import _RblIndenter  # noqa: E402
from rbl.dsl.tree_builder import fused_callbacks  # noqa: E402
from rbl.grammar import grammar_text  # noqa: E402

TEXT = generated_strategy() + "\n"


def cpu_ms(job, runs: int = 9) -> float:
    job()
    times = []
    for _ in range(runs):
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def lark_parser(**options) -> Lark:
    settings = {"parser": "lalr", "postlex": _RblIndenter(), "propagate_positions": True,
                "maybe_placeholders": True, **options}
    return Lark(grammar_text(), **settings)


def with_fused_callbacks() -> Lark:
    parser = lark_parser()
    parser.parser.parser.parser.callbacks = fused_callbacks(parser.rules)
    return parser


def gc_paused(job):
    def run():
        gc.disable()
        try:
            return job()
        finally:
            gc.enable()
    return run


def grammar_load_ms(cache) -> float:
    start = time.process_time()
    lark_parser(cache=cache)
    return (time.process_time() - start) * 1000


def main() -> None:
    stock, fast = lark_parser(), FastParser(lark_parser(), _RblIndenter())
    no_positions, no_placeholders = lark_parser(propagate_positions=False), lark_parser(maybe_placeholders=False)
    fused = with_fused_callbacks()
    rows = [
        ("lark as configured before (contextual lexer, Indenter, positions)", cpu_ms(lambda: stock.parse(TEXT))),
        ("  propagate_positions=False (not usable: spans)", cpu_ms(lambda: no_positions.parse(TEXT))),
        ("  maybe_placeholders=False (not usable: to_ir reads the None)", cpu_ms(lambda: no_placeholders.parse(TEXT))),
        ("  fused tree callbacks (dsl/tree_builder.py) in lark's loop", cpu_ms(lambda: fused.parse(TEXT))),
        ("  the fast loop (dsl/fast_parser.py), what parse_tree runs", cpu_ms(lambda: fast.parse(TEXT))),
        ("  the fast loop with the cyclic GC paused (not adopted)", cpu_ms(gc_paused(lambda: fast.parse(TEXT)))),
    ]
    for label, ms in rows:
        print(f"{label:70s} {ms:7.1f} ms")
    try:
        lark_parser(lexer="basic").parse(TEXT)
        print("lexer='basic': parses")
    except Exception as err:  # noqa: BLE001 - the point is to show that it fails
        print(f"lexer='basic': not usable, {type(err).__name__} on the generated file")
    cache = Path(tempfile.mkdtemp()) / "rbl.lark-cache"
    print(f"grammar load: {grammar_load_ms(False):.1f} ms; cache=<file>: {grammar_load_ms(str(cache)):.1f} ms "
          f"writing, {grammar_load_ms(str(cache)):.1f} ms reading (not adopted)")
    cache.unlink()
    cache.parent.rmdir()


if __name__ == "__main__":
    main()
