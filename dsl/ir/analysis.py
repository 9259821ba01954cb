"""Facts about IR expressions that every backend needs: per-asset or scalar, the band of a rule."""

from __future__ import annotations

from collections.abc import Iterator

from rbl.dsl import ir
from rbl.dsl.ir.walk import children, walk


def walk_per_bar(node: ir.Node) -> Iterator[ir.Node]:
    """`walk`, without looking inside aggregates: `sum of drift` is one value per bar, whatever its
    operand is."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, ir.Aggregate):
            stack.extend(reversed(list(children(current))))


def is_per_asset(expr: ir.Node, lets: dict[str, ir.Expr]) -> bool:
    """True when `expr` takes a value per holding (it mentions drift, weight, target or price,
    directly or through a `let`, outside an aggregate such as `sum of drift`)."""
    for node in walk_per_bar(expr):
        if isinstance(node, ir.SeriesRef) and node.series in ir.PER_ASSET_SERIES:
            return True
        if isinstance(node, ir.Ref) and node.name in lets and is_per_asset(lets[node.name], lets):
            return True
    return False


def reads_signal(expr: ir.Node, signals: set[str], lets: dict[str, ir.Expr],
                 _seen: frozenset[str] = frozenset()) -> bool:
    """True when `expr` reads one of the named signals, directly or through a `let` (a let cycle,
    E0207, is followed once)."""
    for n in walk(expr):
        if isinstance(n, ir.Ref) and n.name in signals:
            return True
        if isinstance(n, ir.Ref) and n.name in lets and n.name not in _seen:
            if reads_signal(lets[n.name], signals, lets, _seen | {n.name}):
                return True
    return False


def band_of(rebalance: ir.Rebalance) -> ir.Expr | None:
    """The band B of a `when drift > B` (or `>=`) rule, which `to band edge` trades back to."""
    when = rebalance.when
    if (isinstance(when, ir.Compare) and when.op in (ir.CompareOp.GT, ir.CompareOp.GE)
            and isinstance(when.left, ir.SeriesRef) and when.left.series is ir.Series.DRIFT):
        return when.right
    return None


def lets_of(strategy: ir.Strategy) -> dict[str, ir.Expr]:
    return {let.name: let.value for let in strategy.lets}


def sleeves_of(strategy: ir.Strategy) -> tuple[ir.Sleeve, ...]:
    """The sleeves in declared order (none for a strategy without sleeves)."""
    target = strategy.target
    return target.sleeves if isinstance(target, ir.SleeveWeights) else ()


def rule_elements(strategy: ir.Strategy, sleeve: ir.Sleeve | None) -> tuple[str, ...]:
    """What the `when` of a strategy with sleeves reads per element, so what its aggregates range over:
    a sleeve's rules its holdings, the strategy's rules the sleeves (docs/semantics.md, *Sleeves*)."""
    if sleeve is None:
        return tuple(x.name for x in sleeves_of(strategy))
    return sleeve_holdings(sleeve, strategy)


def reached(expr: ir.Node, lets: dict[str, ir.Expr]) -> Iterator[ir.Node]:
    """`walk`, into the value of every `let` it reads (each let once)."""
    seen: set[str] = set()
    stack = [expr]
    while stack:
        for node in walk(stack.pop()):
            yield node
            if isinstance(node, ir.Ref) and node.name in lets and node.name not in seen:
                seen.add(node.name)
                stack.append(lets[node.name])


def sleeve_holdings(sleeve: ir.Sleeve, strategy: ir.Strategy) -> tuple[str, ...]:
    """The holdings a sleeve owns, in declaration order: the assets its target names (hold-filter
    fallbacks included) and the declared cash sleeve when it names it or a hold filter falls back
    to it. Sleeves own disjoint sets (the checker's E0410)."""
    named: set[str] = set()
    for node in walk(sleeve.target):
        if isinstance(node, ir.WeightEntry):
            named.add(node.asset)
        elif isinstance(node, ir.HoldFilter):
            named.add(node.fallback or strategy.cash or "")
        elif isinstance(node, (ir.EqualWeights, ir.InverseVolWeights, ir.RiskParityWeights,
                               ir.SelectWeights)):
            named.update(node.assets)
    order = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    return tuple(name for name in order if name in named)


def asset_caps(strategy: ir.Strategy) -> list[float]:
    """Each risky asset's cap in declared order: the smaller of the global `max weight` and its own
    `max weight ASSET` (inf: none)."""
    c = strategy.constraints
    caps = {a.name: c.max_weight.value if c.max_weight is not None else float("inf") for a in strategy.assets}
    for cap in c.asset_caps:
        if cap.asset in caps:
            caps[cap.asset] = min(caps[cap.asset], cap.weight.value)
    return list(caps.values())


COST_FIELDS = ("commission", "per_order", "spread", "slippage", "min_trade")


def costs_at_defaults(strategy: ir.Strategy) -> ir.Costs:
    """The costs with each parameter cost (`commission fee`) at its parameter's default, for what runs with
    one set of numbers (the EA's cost inputs, the simulated broker's account)."""
    c = strategy.costs
    update = {name: strategy.param(q.name).default for name in COST_FIELDS
              if isinstance(q := getattr(c, name), ir.Ref) and strategy.param(q.name) is not None}
    return c.model_copy(update=update) if update else c
