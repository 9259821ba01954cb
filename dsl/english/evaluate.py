"""`rbl eval-translate`: score each translator on the evaluation set (parse, check, IR, backtest)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rbl.dsl.english.equivalence import backtest_equivalent, ir_equivalent
from rbl.dsl.english.evalset import DEFAULT_PATH, Case, load_cases
from rbl.dsl.english.translation import Translation

Translator = Callable[[str], Translation]


@dataclass
class Score:
    """Counts for one translator; rates are over the cases that intend a strategy."""

    provider: str
    strategies: int = 0
    parsed: int = 0
    checked: int = 0
    ir_equal: int = 0
    backtest_equal: int | None = 0
    questions: int = 0
    asked: int = 0
    wrong: int = 0            # a checked strategy that is not the intended one, or one where a question is intended
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)             # seconds per case, in order
    misses: list[tuple[str, str]] = field(default_factory=list)
    constructs: dict[str, list[int]] = field(default_factory=dict)   # construct tag -> [right, cases]

    def median_latency(self) -> float:
        return statistics.median(self.latencies) if self.latencies else 0.0

    def rate(self, count: int | None) -> str:
        if count is None:
            return "n/a"
        return f"{100 * count / self.strategies:.1f}%" if self.strategies else "n/a"


def evaluate(translator: Translator, provider: str, cases: list[Case], backtests: bool = True) -> Score:
    score = Score(provider, backtest_equal=0 if backtests else None)
    started = time.perf_counter()
    for case in cases:
        asked_at = time.perf_counter()
        translation = translator(case.english)
        score.latencies.append(time.perf_counter() - asked_at)
        missed = len(score.misses)
        if case.question is not None:
            _score_question(score, case, translation)
        else:
            _score_strategy(score, case, translation)
        if "construct" in case.options:
            tally = score.constructs.setdefault(case.options["construct"], [0, 0])
            tally[0] += len(score.misses) == missed
            tally[1] += 1
    score.seconds = time.perf_counter() - started
    return score


def _score_question(score: Score, case: Case, translation: Translation) -> None:
    score.questions += 1
    if translation.question and case.question.lower() in translation.question.lower():
        score.asked += 1
    else:
        score.wrong += translation.rbl is not None
        got = translation.question or translation.error or "a strategy"
        score.misses.append((case.id, f"expected a question about '{case.question}', got: {got}"))


def _score_strategy(score: Score, case: Case, translation: Translation) -> None:
    from rbl.dsl.compiler import compile_source
    from rbl.dsl.source import SourceFile

    score.strategies += 1
    if translation.rbl is None:
        score.misses.append((case.id, translation.question or translation.error or "no answer"))
        return
    result = compile_source(SourceFile("<translation>", translation.rbl))
    score.parsed += result.strategy is not None
    if not result.ok:
        score.misses.append((case.id, "does not pass the checks"))
        return
    score.checked += 1
    intended = _intended(case)
    same = ir_equivalent(result.checked.strategy, intended.strategy)
    score.ir_equal += same
    score.wrong += not same
    if not same:
        score.misses.append((case.id, "a different strategy"))
    _score_backtest(score, result.checked, intended)


def _intended(case: Case):
    from rbl.dsl.compiler import CompileError, compile_text

    try:
        return compile_text(case.rbl, path=f"<{case.id}>")
    except CompileError as err:
        raise ValueError(f"case {case.id}: its intended .rbl does not pass the checks") from err


def _score_backtest(score: Score, translated, intended) -> None:
    if score.backtest_equal is None:
        return
    same = backtest_equivalent(translated, intended)
    score.backtest_equal = None if same is None else score.backtest_equal + same


def offline_translator(english: str) -> Translation:
    from rbl.dsl.english.offline import translate_offline

    return translate_offline(english)


def evaluate_all(include_model: bool = True, path: Path = DEFAULT_PATH,
                 env: Mapping[str, str] | None = None) -> list[Score]:
    """The offline translator always; the configured model too when asked and configured."""
    from rbl.dsl.english.front import model_configured

    cases = load_cases(path)
    scores = [evaluate(offline_translator, "offline", cases)]
    if include_model and model_configured(env):
        from rbl.dsl.english.repair import translate_with_model

        scores.append(evaluate(lambda english: translate_with_model(english, env), "model", cases))
    return scores


def render_report(scores: list[Score], misses: bool = True) -> str:
    """The table (and, unless `misses` is False, each missed case: never shown for a held-out set)."""
    width = max(9, *(len(s.provider) for s in scores))
    lines = [f"{'provider':<{width}} cases  parse   check   IR-equal  backtest-equal  questions-right  wrong  "
             "median-s  seconds"]
    for s in scores:
        lines.append(f"{s.provider:<{width}} {s.strategies + s.questions:>5}  {s.rate(s.parsed):>6}  "
                     f"{s.rate(s.checked):>6}  {s.rate(s.ir_equal):>8}  {s.rate(s.backtest_equal):>14}  "
                     f"{s.asked:>7}/{s.questions:<7}  {s.wrong:>5}  {s.median_latency():>8.2f}  {s.seconds:>7.2f}")
    lines.append("rates are over the cases that intend a strategy; backtests on a fixed-seed synthetic panel; "
                 "wrong: a checked strategy that is not the intended one, or a strategy where a question is intended; "
                 "median-s: the median seconds per case")
    for s in scores:
        if s.constructs:
            tallies = ", ".join(f"{name} {right}/{total}" for name, (right, total) in sorted(s.constructs.items()))
            lines.append(f"{s.provider} by construct (right strategy or question): {tallies}")
    for s in scores if misses else []:
        lines += [f"{s.provider} {case}: {why}" for case, why in s.misses]
    return "\n".join(lines)
