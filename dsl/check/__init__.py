"""The checker: independent passes over the IR, run in the order of PASSES, errors collected."""

from __future__ import annotations

from collections.abc import Callable

from rbl.dsl.check import (bands, calendar, calls, caps, lets, lookahead, names, params, path, policy, ranges,
                       reachability, regimes, signals, sleeves, units, version, weights)
from rbl.dsl.check.context import CheckContext
from rbl.dsl.check.warmup import warmup_bars
from rbl.dsl.diagnostics import Diagnostic, has_errors
from rbl.dsl.ir import Strategy
from rbl.dsl.ir.checked import CheckedStrategy

Pass = Callable[[CheckContext], list[Diagnostic]]

# Later passes may assume earlier ones found no error (a pass runs only if all before it are clean
# when it says `needs_clean`); all diagnostics of the passes that ran are reported together.
PASSES: tuple[tuple[Pass, bool], ...] = (
    (version.check_version, False),
    (names.check_duplicates, False),
    (names.check_references, False),
    (calls.check_calls, False),
    (path.check_path_values, False),
    (lets.check_let_cycles, False),
    (regimes.check_regimes, False),
    (units.check_units, False),
    (params.check_params, False),
    (weights.check_weights, False),
    (sleeves.check_sleeves, False),
    (signals.check_signals, False),
    (ranges.check_ranges, False),
    (caps.check_caps, False),
    (bands.check_bands, False),
    (calendar.check_calendar, False),
    (policy.check_policy, False),
    (lookahead.check_lookahead, False),
    (reachability.check_reachability, False),
)


def check(strategy: Strategy) -> tuple[CheckedStrategy | None, list[Diagnostic]]:
    ctx = CheckContext(strategy)
    diagnostics: list[Diagnostic] = []
    for run, needs_clean in PASSES:
        if needs_clean and has_errors(diagnostics):
            continue
        diagnostics.extend(run(ctx))
    if has_errors(diagnostics):
        return None, diagnostics
    return CheckedStrategy(strategy=strategy, warmup_bars=warmup_bars(strategy)), diagnostics
