"""What every pass needs to look up: the strategy and its names by kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rbl.dsl.ir import Strategy


@dataclass
class CheckContext:
    strategy: Strategy
    assets: set[str] = field(init=False)
    params: set[str] = field(init=False)
    lets: set[str] = field(init=False)
    states: set[str] = field(init=False)

    def __post_init__(self) -> None:
        s = self.strategy
        self.assets = {a.name for a in s.assets}
        self.params = {p.name for p in s.params}
        self.lets = {x.name for x in s.lets}
        self.states = {x.name for x in s.states}

    @property
    def holdings(self) -> set[str]:
        """Names that can carry a target weight: the assets and the cash sleeve."""
        return self.assets | ({self.strategy.cash} if self.strategy.cash else set())

    @property
    def all_names(self) -> set[str]:
        return self.holdings | self.params | self.lets | self.states


def repeats(items: Iterable[tuple[str, object]]) -> Iterator[tuple[str, object, object]]:
    """(name, node, first) for every item whose name an earlier item already had: a duplicate to
    report, and the first item with that name (for a note pointing at it)."""
    first: dict[str, object] = {}
    for name, node in items:
        if name in first:
            yield name, node, first[name]
        else:
            first[name] = node
