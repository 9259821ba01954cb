"""The English front end against a real local model (issue 17 item 6), outside CI.

Runs an evaluation set through an OpenAI-compatible server (llama.cpp's, see docs/english.md "A local
model") once per mode and prints, per mode: parse, check, IR-equal, backtest-equal, right-question and
wrong-strategy counts and the median seconds per case, with the machine's load before and after.

Run:
    python bench/bench_english.py --base-url http://127.0.0.1:8080/v1 --model smollm2-135m-instruct \\
        --modes intent dsl/none dsl/grammar dsl/schema --every 9

`--every K` scores every K-th case of the file (a systematic sample: the file is grouped by construct, so
every group is represented; say so with the figures). A set under tests/english/data/heldout* is scored
with counts only: its misses are never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rbl.dsl.english.evalset import DEFAULT_PATH, load_cases  # noqa: E402
from rbl.dsl.english.evaluate import evaluate, render_report  # noqa: E402
from rbl.dsl.english.repair import translate_with_model  # noqa: E402

MODES = ("intent", "dsl/none", "dsl/grammar", "dsl/schema")   # intent mode always sends its JSON schema


def mode_env(base_url: str, model: str, mode: str, timeout: float) -> dict[str, str]:
    """The RBL_LLM_* settings of one mode ('intent', or 'dsl/<constrain>')."""
    kind, _, constrain = mode.partition("/")
    return {"RBL_LLM_BASE_URL": base_url, "RBL_LLM_MODEL": model, "RBL_LLM_MODE": kind,
            "RBL_LLM_CONSTRAIN": constrain or "none", "RBL_LLM_TIMEOUT": str(timeout), "RBL_LLM_RETRIES": "1"}


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True, help="the name sent to the server (auto mode is not used)")
    parser.add_argument("--set", type=Path, default=DEFAULT_PATH, help="an evaluation set (default: the dev set)")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--every", type=int, default=1, help="score every K-th case (a systematic sample)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    parser.add_argument("--no-backtests", action="store_true", help="skip the backtest comparison")
    parser.add_argument("--misses", action="store_true", help="print each missed case (never for a held-out set)")
    args = parser.parse_args(argv)

    cases = load_cases(args.set)[::args.every]
    held_out = args.set.name.startswith("heldout")
    print(f"set {args.set} ({'every %d-th case, ' % args.every if args.every > 1 else ''}{len(cases)} cases), "
          f"model {args.model} at {args.base_url}")
    scores = []
    for mode in args.modes:
        env = mode_env(args.base_url, args.model, mode, args.timeout)
        print(f"{time.strftime('%H:%M:%S')} {mode}: {load()}", flush=True)
        scores.append(evaluate(lambda english: translate_with_model(english, env), mode, cases,
                               backtests=not args.no_backtests))
        print(render_report(scores[-1:], misses=False).splitlines()[1], flush=True)   # the row, as it is known
    print(f"{time.strftime('%H:%M:%S')} done: {load()}")
    print(render_report(scores, misses=args.misses and not held_out))


if __name__ == "__main__":
    main()
