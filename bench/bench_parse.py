"""Front-end timings: parse+check of every example, a generated 2,000-line file, and `rbl --help` start-up.

Run: /work/venv/bin/python bench/bench_parse.py   (prints the figures and the budget each must meet)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dsl.compiler import compile_source, read_source  # noqa: E402
from dsl.parser import _parser, parse_tree  # noqa: E402
from dsl.source import SourceFile  # noqa: E402


def best_of(runs: int, job) -> float:
    """The fastest of `runs` wall-clock timings, in seconds (the least disturbed by other load)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def generated_strategy(lines: int = 2000) -> str:
    """A valid strategy of about `lines` lines: many assets, lets and fixed weights.

    Lines are as dense as the examples' (about 6 tokens a line; the bench prints the figure), so
    the time says how long a long real file takes, not a file of unusually long lines."""
    n = (lines - 10) // 3
    assets = [f'asset A{i} column "A{i}" symbol "A{i}"' for i in range(n)]
    lets = [f"let up{i} = return(A{i}, 3 months)" for i in range(n)]
    weights = [f"    A{i} {100 / n:.10f}%" for i in range(n - 1)]
    last = 100 - round(100 / n, 10) * (n - 1)
    weights.append(f"    A{n - 1} {last:.10f}%")
    return "\n".join(["rbl 1", 'strategy "Generated"', *assets, *lets, "target:", *weights,
                      "rebalance:", "    check daily", "    when drift > 5pp", ""])


def _tokens_per_line(sources: list[SourceFile]) -> float:
    tokens = sum(1 for s in sources for _ in _parser().lex(s.text + "\n"))
    lines = sum(1 for s in sources for line in s.text.splitlines()
                if line.strip() and not line.lstrip().startswith("#"))
    return tokens / lines


def main() -> None:
    sources = [read_source(p) for p in sorted((ROOT / "examples").glob("*.rbl"))]
    compile_source(sources[0])                                 # build the cached parser once
    examples = best_of(5, lambda: [compile_source(s) for s in sources])
    big = SourceFile("generated.rbl", generated_strategy())
    parse = best_of(5, lambda: parse_tree(big))
    full = best_of(3, lambda: compile_source(big))
    rbl = Path(sys.executable).with_name("rbl")
    command = [str(rbl), "--help"] if rbl.exists() else [sys.executable, "-c", "from dsl.cli import run; run()", "--help"]
    startup = best_of(3, lambda: subprocess.run(command, capture_output=True, check=True))
    print(f"parse+check all {len(sources)} examples: {examples * 1000:7.1f} ms  (budget well under 1000 ms)")
    tokens = sum(1 for _ in _parser().lex(big.text))
    print(f"parse generated file ({big.text.count(chr(10))} lines, {tokens / big.text.count(chr(10)):.1f} "
          f"tokens a line; examples: {_tokens_per_line(sources):.1f}): {parse * 1000:7.1f} ms  (budget 200 ms)")
    print(f"parse+check generated file:          {full * 1000:7.1f} ms  (no budget; for reference)")
    print(f"rbl --help start-up:                 {startup * 1000:7.1f} ms  (budget 300 ms)")


if __name__ == "__main__":
    main()
