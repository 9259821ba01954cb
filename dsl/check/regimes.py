"""Learned regimes: the model's settings (E0413, its covariance among them), its observations (one
number per bar of market data), what reads it (`market is calm`, `market.probability(turbulent)`: a
regime and one of its states, E0202, E0214) and a regime's name used as a number (E0215)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.check.names import suggest
from rbl.dsl.check.warmup import lookback_bars
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.fmt import format_expr
from rbl.dsl.ir.walk import walk

MIN_BARS_PER_STATE = 50      # a fit window shorter than this per state leaves a state a few bars to fit
MAX_STATES = ir.MAX_REGIME_STATES
COVARIANCES = ("diagonal", "full")


def setting_values(amount: ir.Quantity | ir.Ref, strategy: ir.Strategy) -> list[float]:
    """Every value a setting takes: a literal's, or each value of a param's sweep range (in bars for a
    window), lowest first."""
    if isinstance(amount, ir.Quantity):
        return [float(lookback_bars(amount)) if amount.unit in ir.BARS_PER_UNIT else amount.value]
    p = strategy.param(amount.name)
    if p is None or p.step.value <= 0:
        return []
    n = int((p.hi.value - p.lo.value) / p.step.value + 1e-9)
    values = [p.lo.value + i * p.step.value for i in range(n + 1)]
    per_bar = ir.BARS_PER_UNIT.get(p.default.unit)
    return [float(round(v * per_bar)) for v in values] if per_bar else values


def check_regimes(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    found = [d for r in s.regimes for d in _covariance(r) + _settings(r, s) + _signals_observed(r, ctx)]
    regimes = {r.name: r for r in s.regimes}
    warned: set[str] = set()
    for node in walk(s):
        if isinstance(node, (ir.RegimeIs, ir.RegimeProbability)):
            found += _reader(node, regimes, s)
            found += _named_by_mean_return(node, regimes, warned)
        elif isinstance(node, ir.Ref) and node.name in regimes:
            found.append(Diagnostic(
                "E0215", f"'{node.name}' is a regime, not a number", node.span,
                help=f"read it as '{node.name} is calm' or '{node.name}.probability(turbulent)'"))
    return found


def _settings(r: ir.Regime, s: ir.Strategy) -> list[Diagnostic]:
    found = []
    for what, amount, kinds in (("states", r.states, {ir.Unit.NONE}), ("fit window", r.window, ir.BARS_PER_UNIT),
                                ("refit period", r.refit, ir.BARS_PER_UNIT)):
        unit = _unit(amount, s)
        if isinstance(amount, ir.Ref) and s.param(amount.name) is None:
            found.append(Diagnostic("E0413", f"the {what} of regime '{r.name}' is fixed when the model is "
                                    "fitted: a number or a param", amount.span,
                                    help=f"declare it with 'param', e.g. 'param {amount.name} = 3 from 2 to 4 step 1'"))
        elif unit not in kinds:
            found.append(Diagnostic("E0413", f"the {what} of regime '{r.name}' needs "
                                    + ("a plain count" if what == "states" else "a number of bars"), amount.span,
                                    help="write e.g. 'states 3'" if what == "states"
                                    else f"write the {what} with its unit, e.g. '3 years' or '250 days'"))
    if found:
        return found
    states, windows = setting_values(r.states, s), setting_values(r.window, s)
    if any(k != int(k) or not 2 <= k <= MAX_STATES for k in states):
        return [Diagnostic("E0413", f"regime '{r.name}' needs a whole number of states from 2 to {MAX_STATES}",
                           r.states.span, help="a regime tells calm from turbulent: 'states 2' or more")]
    if any(n < 1 for n in setting_values(r.refit, s)):
        found.append(Diagnostic("E0413", f"regime '{r.name}' refits every 0 bars", r.refit.span,
                                help="refit at least one bar apart, e.g. 'refit every 1 year'"))
    short = min(windows, default=0)
    if short < MIN_BARS_PER_STATE * max(states):
        need = MIN_BARS_PER_STATE * int(max(states))
        found.append(Diagnostic(
            "E0413", f"a fit window of {int(short)} bars is too short for {int(max(states))} states",
            r.window.span, help=f"fit on at least {MIN_BARS_PER_STATE} bars per state ({need} bars), "
                                f"e.g. 'fit expanding 3 years'"))
    return found


def _covariance(r: ir.Regime) -> list[Diagnostic]:
    if r.covariance in COVARIANCES:
        return []
    guess = suggest(r.covariance, set(COVARIANCES))
    return [Diagnostic("E0413", f"regime '{r.name}' has no covariance '{r.covariance}'", r.covariance_span,
                       help=(f"did you mean '{guess}'? " if guess else "") +
                       "a regime's covariance is 'diagonal' (the default) or 'full'")]


def _signals_observed(r: ir.Regime, ctx: CheckContext) -> list[Diagnostic]:
    """A signal's rows reach the EA from a file it keeps a few bars of, not the whole history a fit
    reads: a regime observes market data only."""
    lets = {x.name: x.value for x in ctx.strategy.lets}
    seen, found, stack = set(), [], list(r.observations)
    while stack:
        for node in walk(stack.pop()):
            if isinstance(node, ir.Ref) and node.name in ctx.signals:
                found.append(Diagnostic("E0413", f"regime '{r.name}' observes the signal '{node.name}'", node.span,
                                        help="a regime is fitted on market data (prices and indicators of them); "
                                             "the EA keeps a signal's recent rows only"))
            elif isinstance(node, ir.Ref) and node.name in lets and node.name not in seen:
                seen.add(node.name)
                stack.append(lets[node.name])
    return found


def _unit(amount: ir.Quantity | ir.Ref, s: ir.Strategy) -> ir.Unit | None:
    if isinstance(amount, ir.Quantity):
        return amount.unit
    p = s.param(amount.name)
    return p.default.unit if p else None


def _reader(node: ir.RegimeIs | ir.RegimeProbability, regimes: dict[str, ir.Regime],
            s: ir.Strategy) -> list[Diagnostic]:
    regime = regimes.get(node.regime)
    if regime is None:
        guess = suggest(node.regime, set(regimes))
        return [Diagnostic("E0202", f"unknown regime '{node.regime}'", _head(node),
                           help=f"did you mean '{guess}'?" if guess else
                           f"declare it first, e.g. 'regime {node.regime} = hmm(vol(SPY, 20 days), "
                           f"states 2, fit expanding 3 years, refit every 1 year)'")]
    counts = [int(k) for k in setting_values(regime.states, s) if k == int(k) and k >= 2]
    missing = [k for k in counts if ir.regime_state_index(node.state, k) is None]
    if not missing:
        return []
    names = ir.regime_state_names(min(counts) if counts else 2)
    guess = suggest(node.state, set(names))
    return [Diagnostic("E0214", f"regime '{regime.name}' has no state '{node.state}'"
                       + (f" when it has {missing[0]} states" if len(counts) > 1 else ""), _tail(node),
                       help=(f"did you mean '{guess}'? " if guess else "") +
                       f"its states, lowest mean of the first observation first: {', '.join(names)}")]


def _named_by_mean_return(node, regimes: dict[str, ir.Regime], warned: set[str]) -> list[Diagnostic]:
    """W0416: `calm` is the state with the lowest mean of the first observation; when that is a return,
    `calm` is the lowest mean return, which is often the most turbulent state (once per regime)."""
    regime = regimes.get(node.regime)
    if regime is None or node.regime in warned or node.state.startswith("state"):
        return []
    first = regime.observations[0]
    if not (isinstance(first, ir.Call) and first.func is ir.Func.RETURN):
        return []
    warned.add(node.regime)
    return [Diagnostic(
        "W0416", f"the states of regime '{regime.name}' are ordered by their mean of {format_expr(first)}, its "
        "first observation: 'calm' is the state with the lowest mean return, often the most turbulent one",
        _tail(node),
        help="list a volatility first, e.g. 'hmm(vol(SPY, 20 days), return(SPY, 1 day), ...)', to name the "
             "states by volatility; or read them as 'state 1', 'state 2', ...")]


def _head(node: ir.Node):
    return node.span and node.span.model_copy(update={"end": node.span.start + len(node.regime)})


def _tail(node: ir.Node):
    """The state as written: the end of `market is calm`, or inside `market.probability(calm)`."""
    if node.span is None:
        return None
    end = node.span.end - (1 if isinstance(node, ir.RegimeProbability) else 0)
    return node.span.model_copy(update={"start": end - len(node.state), "end": end})

