"""`let`s that depend on themselves, directly or through other lets (E0207)."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.check.context import CheckContext
from rbl.dsl.diagnostics import Diagnostic
from rbl.dsl.ir.walk import walk


def check_let_cycles(ctx: CheckContext) -> list[Diagnostic]:
    lets = {x.name: x for x in ctx.strategy.lets}
    uses = {name: [n.name for n in walk(x.value) if isinstance(n, ir.Ref) and n.name in lets]
            for name, x in lets.items()}
    found, reported = [], set()
    for name in lets:
        cycle = _cycle_from(name, uses)
        if cycle and not reported & set(cycle):
            reported |= set(cycle)
            chain = " -> ".join(cycle + [cycle[0]])
            found.append(Diagnostic("E0207", f"'{name}' depends on itself ({chain})", lets[name].span,
                                    help="a let can only use lets that do not use it back; "
                                         "for a value that remembers the past, use 'state' or a lag like x[1]"))
    return found


def _cycle_from(start: str, uses: dict[str, list[str]]) -> list[str] | None:
    """The names on a path from `start` back to itself, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for used in uses[name]:
            if used == start:
                return path
            if used not in seen:
                seen.add(used)
                stack.append((used, path + [used]))
    return None
