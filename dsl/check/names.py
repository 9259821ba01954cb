"""Name passes: duplicate declarations (names, broker symbols) and references to names nobody declared
(with did-you-mean)."""

from __future__ import annotations

import difflib

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext, repeats
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.analysis import sleeves_of
from rbl.dsl.source import Span


def check_duplicates(ctx: CheckContext) -> list[Diagnostic]:
    s = ctx.strategy
    declared: dict[str, str] = {}
    diagnostics = []
    redeclared: set[int] = set()   # the nodes reported here as a second declaration of a name
    named = [("asset", a) for a in s.assets] + [("signal", x) for x in s.signals] + \
        [("param", p) for p in s.params] + \
        [("let", x) for x in s.lets] + [("state", x) for x in s.states] + \
        [("regime", x) for x in s.regimes]
    if s.cash:
        declared[s.cash] = "cash sleeve"
    for kind, node in named:
        if node.name in declared:
            diagnostics.append(Diagnostic(
                "E0201", f"'{node.name}' is already declared as {_article(declared[node.name])}", node.span,
                help=f"rename this {kind} or remove one of the two declarations"))
            redeclared.add(id(node))
        else:
            declared[node.name] = kind
    return diagnostics + _shared_symbols([a for a in s.assets if id(a) not in redeclared])


def _shared_symbols(assets: list[ir.Asset]) -> list[Diagnostic]:
    """E0209: two assets that trade one broker symbol. The EA keeps one netting position per symbol,
    so it would read that position for both assets and trade it twice. Symbols compare as written
    (MetaTrader symbol names are case-sensitive); an asset without `symbol` trades under its name.
    An asset whose name is already declared is E0201's alone."""
    return [Diagnostic(
        "E0209", f"assets '{first.name}' and '{asset.name}' both trade the broker symbol \"{symbol}\"",
        asset.span,
        notes=(f"'{first.name}' is declared first with symbol \"{symbol}\"; the EA keeps one position per "
               f"symbol, so it would read that position as both assets' and trade it twice",),
        help="each asset needs its own broker symbol; to hold one instrument at two weights, "
             "declare it once and add the weights")
        for symbol, asset, first in repeats((a.symbol, a) for a in assets)]


def suggest(name: str, candidates: set[str]) -> str | None:
    by_case = {c.lower(): c for c in candidates}
    if name.lower() in by_case:
        return by_case[name.lower()]
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(code: str, what: str, name: str, span, candidates: set[str], hint: str) -> Diagnostic:
    guess = suggest(name, candidates)
    help_text = f"did you mean '{guess}'?" if guess else hint
    return Diagnostic(code, f"unknown {what} '{name}'", span, help=help_text)


def check_references(ctx: CheckContext) -> list[Diagnostic]:
    diagnostics = []
    declare_hint = "declare it first, e.g. 'asset {0} column \"{0}\" symbol \"{0}\"'"
    for node in ctx.nodes_of(ir.Ref, *_NAMING):
        for name, span in _holding_names(node):
            if name in ctx.signals and name not in ctx.holdings:   # both: E0201's alone (the asset is first)
                diagnostics.append(Diagnostic(
                    "E0213", f"'{name}' is a signal: it is read, never traded", span,
                    help="a signal is a number to use in conditions and weights, e.g. "
                         f"'when {name} > 0'; trade assets only"))
            elif name not in ctx.holdings and not (isinstance(node, ir.Aggregate) and name in _sleeves(ctx)):
                diagnostics.append(_unknown("E0203", "asset", name, span, ctx.holdings,
                                            declare_hint.format(name)))
        if isinstance(node, ir.Ref) and node.name not in ctx.all_names:
            diagnostics.append(_unknown("E0202", "name", node.name, node.span, ctx.all_names,
                                        "declare it with 'param', 'let', 'state' or 'signal', or as an asset"))
    return diagnostics


# The nodes that name an asset or the cash sleeve directly (see _holding_names).
_NAMING = (ir.WeightEntry, ir.BandEntry, ir.EqualWeights, ir.InverseVolWeights, ir.RiskParityWeights,
           ir.SelectWeights, ir.HoldFilter, ir.AssetCap, ir.Aggregate, ir.Benchmark)


def _holding_names(node: ir.Node):
    """(name, span) for every place a node names an asset or the cash sleeve directly; the span is
    the name itself where the node starts (entries, band rows) or ends (a hold filter's fallback) with it."""
    if isinstance(node, (ir.WeightEntry, ir.BandEntry)):
        yield node.asset, _head(node.span, node.asset)
    elif isinstance(node, (ir.EqualWeights, ir.InverseVolWeights, ir.RiskParityWeights, ir.SelectWeights)):
        yield from ((a, node.span) for a in node.assets)
    elif isinstance(node, ir.HoldFilter) and node.fallback:
        yield node.fallback, _tail(node.span, node.fallback)
    elif isinstance(node, ir.AssetCap):
        yield node.asset, node.span
    elif isinstance(node, ir.Aggregate):
        yield from ((a, node.span) for a in node.assets)
    elif isinstance(node, ir.Benchmark) and node.asset:
        yield node.asset, node.span


def _sleeves(ctx: CheckContext) -> set[str]:
    """Sleeve names: the strategy's rules with sleeves range over them (the sleeve pass says where)."""
    return {x.name for x in sleeves_of(ctx.strategy)}


def _head(span: Span | None, name: str) -> Span | None:
    return span and Span(start=span.start, end=span.start + len(name))


def _tail(span: Span | None, name: str) -> Span | None:
    return span and Span(start=span.end - len(name), end=span.end)


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
