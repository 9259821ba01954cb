"""Generic traversal of IR nodes: children, pre-order walk, and the expressions a strategy holds."""

from __future__ import annotations

from collections.abc import Iterator

from rbl.dsl.ir.base import Node


def children(node: Node) -> Iterator[Node]:
    """The direct child nodes of `node`, in field order."""
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, tuple):
            yield from (item for item in value if isinstance(item, Node))


def walk(node: Node) -> Iterator[Node]:
    """`node` and every node below it, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))
