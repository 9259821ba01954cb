"""What every pass needs to look up: the strategy, its names by kind, and its nodes from one walk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rbl.dsl.ir import Node, Strategy
from rbl.dsl.ir.walk import walk


@dataclass
class CheckContext:
    strategy: Strategy
    assets: set[str] = field(init=False)
    params: set[str] = field(init=False)
    lets: set[str] = field(init=False)
    states: set[str] = field(init=False)
    signals: set[str] = field(init=False)
    regimes: set[str] = field(init=False)

    def __post_init__(self) -> None:
        s = self.strategy
        self.assets = {a.name for a in s.assets}
        self.params = {p.name for p in s.params}
        self.lets = {x.name for x in s.lets}
        self.states = {x.name for x in s.states}
        self.signals = {x.name for x in s.signals}
        self.regimes = {x.name for x in s.regimes}

    @cached_property
    def holdings(self) -> set[str]:
        """Names that can carry a target weight: the assets and the cash sleeve."""
        return self.assets | ({self.strategy.cash} if self.strategy.cash else set())

    @cached_property
    def all_names(self) -> set[str]:
        return self.holdings | self.signals | self.params | self.lets | self.states | self.regimes

    @cached_property
    def nodes(self) -> tuple[Node, ...]:
        """Every node of the strategy in `walk` order. The IR is frozen, so the passes share one walk
        instead of each walking the whole tree again (a third of the checker's time on long files)."""
        return tuple(walk(self.strategy))

    def nodes_of(self, *kinds: type) -> list[Node]:
        """The nodes of these classes, in `walk` order."""
        return [node for node in self.nodes if isinstance(node, kinds)]


def repeats(items: Iterable[tuple[str, object]]) -> Iterator[tuple[str, object, object]]:
    """(name, node, first) for every item whose name an earlier item already had: a duplicate to
    report, and the first item with that name (for a note pointing at it)."""
    first: dict[str, object] = {}
    for name, node in items:
        if name in first:
            yield name, node, first[name]
        else:
            first[name] = node
