"""Sleeves: unique names, disjoint holdings (E0410), and what a sleeved strategy cannot say (E0411)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext, repeats
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import lets_of, reached, rule_elements, sleeve_holdings, sleeves_of
from rbl.dsl.ir.walk import children, walk

_POLICY_HELP = ("the strategy's rule scales every sleeve back to its share: remove this line, or write it "
                "in a sleeve's own 'rebalance:', which trades that sleeve's assets")
_CONSTRAINTS = {"max_weight": "max weight", "cash_buffer": "cash buffer", "max_leverage": "max leverage"}


def check_sleeves(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    if not isinstance(s.target, ir.SleeveWeights):
        return []
    sleeves = s.target.sleeves
    return (_duplicate_names(sleeves) + _shared_holdings(s, sleeves) + _nested(sleeves)
            + _policies(s, sleeves) + _portfolio_level(s) + _whole_portfolio_values(s))


def _duplicate_names(sleeves) -> list[Diagnostic]:
    return [Diagnostic("E0201", f"sleeve '{name}' is declared twice", sleeve.span,
                       help="give each sleeve its own name")
            for name, sleeve, _ in repeats((s.name, s) for s in sleeves)]


def _shared_holdings(s: ir.Strategy, sleeves) -> list[Diagnostic]:
    owner: dict[str, str] = {}
    found = []
    for sleeve in sleeves:
        for name in sleeve_holdings(sleeve, s):
            if name in owner and owner[name] != sleeve.name:
                found.append(Diagnostic(
                    "E0410", f"'{name}' is held by sleeves '{owner[name]}' and '{sleeve.name}'",
                    sleeve.target.span or sleeve.span,
                    notes=("a broker account holds one position per symbol, so each asset belongs to "
                           "one sleeve",),
                    help=f"keep '{name}' in one sleeve"
                         + (", and give the other's hold filter an 'else ASSET'" if name == s.cash else "")))
            owner.setdefault(name, sleeve.name)
    return found


def _nested(sleeves) -> list[Diagnostic]:
    return [Diagnostic("E0411", "a sleeve cannot hold sleeves", node.span or sleeve.span,
                       help="declare every sleeve at the top level of the file")
            for sleeve in sleeves for node in walk(sleeve.target) if isinstance(node, ir.SleeveWeights)]


def _policies(s: ir.Strategy, sleeves) -> list[Diagnostic]:
    """A sleeve's own rule may trade its breached assets, to the band edge; the strategy's rule moves
    whole sleeves back to their shares."""
    found = []
    r = s.rebalance
    if r.to is not ir.RebalanceTo.TARGET:
        found.append(Diagnostic("E0411", "'to band edge' is not available between the sleeves",
                                r.to_span or r.span, help=_POLICY_HELP))
    if r.scope is not ir.TradeScope.ALL:
        found.append(Diagnostic("E0411", "'trade breached assets' is not available between the sleeves",
                                r.scope_span or r.span, help=_POLICY_HELP))
    return found


def _portfolio_level(s: ir.Strategy) -> list[Diagnostic]:
    """Sections that shape one target vector have no single vector to shape when sleeves hold it."""
    found = []
    if s.exposure is not None:
        found.append(_unavailable("'exposure'", s.exposure.span))
    if s.bands:
        found.append(_unavailable("a 'bands:' section", s.bands[0].span))
    for field, words in _CONSTRAINTS.items():
        if getattr(s.constraints, field) is not None:
            found.append(_unavailable(f"'{words}'", getattr(s.constraints, field).span))
    found += [_unavailable("'max weight'", cap.span) for cap in s.constraints.asset_caps]
    found += [Diagnostic("E0411", f"'{node.series.value}' has no meaning for a sleeve", node.span,
                         help="the strategy's rules read 'drift', 'weight' and 'target' per sleeve; "
                              "read an asset's price by its name, e.g. 'SPY'")
              for node in walk(s.rebalance)
              if isinstance(node, ir.SeriesRef) and node.series in (ir.Series.PRICE, ir.Series.BAND)]
    return found


def _whole_portfolio_values(s: ir.Strategy) -> list[Diagnostic]:
    """Aggregates are read in a `when` only, `since rebalance` in a `check` or a `when`: each rule has
    its elements (a sleeve's holdings, or the sleeves) and its own trades; a check is read before this
    bar's sleeve weights are known, and a share, a target or a state belongs to no one rule."""
    lets, found, sleeves = lets_of(s), [], sleeves_of(s)
    for sleeve in (None, *sleeves):
        rules = sleeve.rebalance if sleeve else s.rebalance
        found += [d for node in reached(rules.when, lets) if isinstance(node, ir.Aggregate)
                  for d in _outside(node, rule_elements(s, sleeve), sleeve)]
    checks = [s.rebalance.check] + [sl.rebalance.check for sl in sleeves]
    elsewhere = [x for sl in sleeves for x in (sl.weight, sl.target)]
    elsewhere += [part for part in children(s) if part not in (s.target, s.rebalance) and part not in s.lets]
    return found + _read_only_in(checks, (ir.Aggregate,), "'when'", lets) + \
        _read_only_in(elsewhere, (ir.Aggregate, ir.SinceRebalance), "'check' and 'when'", lets)


def _read_only_in(roots: list[ir.Node], kinds: tuple[type, ...], where: str, lets) -> list[Diagnostic]:
    found, seen = [], set()
    for root in roots:
        for node in reached(root, lets):
            if isinstance(node, kinds) and id(node) not in seen:
                seen.add(id(node))
                what = f"'{node.op.value} of'" if isinstance(node, ir.Aggregate) else f"'{node.unit} since rebalance'"
                found.append(Diagnostic("E0411", f"{what} is read only in {where} in a strategy with sleeves",
                                        node.span, help="move it to a 'when' line: a sleeve's when reads its own "
                                                        "holdings and trades, the strategy's the sleeves"))
    return found


def _outside(node: ir.Aggregate, elements: tuple[str, ...], sleeve: ir.Sleeve | None) -> list[Diagnostic]:
    """`in` names elements of the rule that reads the aggregate."""
    listing = ", ".join(elements)
    where = (f"is not a holding of sleeve '{sleeve.name}': its rules range over {listing}" if sleeve else
             f"is not a sleeve: the strategy's rules range over the sleeves {listing}")
    return [Diagnostic("E0411", f"'{name}' {where}", node.span,
                       help="name only what this rule ranges over, or remove 'in ...'")
            for name in node.assets if name not in elements]


def _unavailable(what: str, span) -> Diagnostic:
    return Diagnostic("E0411", f"{what} is not available in a strategy with sleeves", span,
                      help="sleeves hold the targets; remove this, or write the strategy without sleeves")
