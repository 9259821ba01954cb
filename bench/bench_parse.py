"""Front-end timings: parse+check of every example, a generated 2,000-line file, and `rbl --help` start-up.

Run: /work/venv/bin/python bench/bench_parse.py   (prints the figures and the budget each must meet)

Each figure is the median of several runs (the fastest run is printed too). "parse" is the whole of
`parse_tree`: text -> the lark tree with positions that dsl/to_ir.py consumes. "lark's own loop"
parses the same text with the Lark object alone (its lexer, Indenter and tree builder): the path
every text took before dsl/fast_parser.py, and the one syntax errors still take.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rbl.dsl.compiler import compile_source, read_source  # noqa: E402
from rbl.dsl.parser import _parser, parse_tree  # noqa: E402
from rbl.dsl.source import SourceFile  # noqa: E402


def timings(runs: int, job) -> tuple[float, float]:
    """(median, fastest) of `runs` wall-clock timings, in milliseconds, after one warm-up run."""
    job()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def shown(figure: tuple[float, float]) -> str:
    return f"{figure[0]:7.1f} ms median ({figure[1]:.1f} fastest)"


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
    examples = timings(7, lambda: [compile_source(s) for s in sources])
    big = SourceFile("generated.rbl", generated_strategy())
    parse = timings(11, lambda: parse_tree(big))
    lark_loop = timings(5, lambda: _parser().parse(big.text + "\n"))
    full = timings(3, lambda: compile_source(big))
    rbl = Path(sys.executable).with_name("rbl")
    command = [str(rbl), "--help"] if rbl.exists() else [sys.executable, "-c", "from rbl.cli import run; run()", "--help"]
    startup = timings(5, lambda: subprocess.run(command, capture_output=True, check=True))
    tokens = sum(1 for _ in _parser().lex(big.text))
    lines = big.text.count("\n")
    print(f"parse+check all {len(sources)} examples: {shown(examples)}  (budget well under 1000 ms)")
    print(f"parse generated file ({lines} lines, {tokens / lines:.1f} tokens a line; examples: "
          f"{_tokens_per_line(sources):.1f}): {shown(parse)}  (budget 200 ms)")
    print(f"  the same with lark's own loop:     {shown(lark_loop)}  (for reference)")
    print(f"parse+check generated file:          {shown(full)}  (no budget; for reference)")
    print(f"rbl --help start-up:                 {shown(startup)}  (budget 300 ms)")


if __name__ == "__main__":
    main()
