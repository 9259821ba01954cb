"""Generic traversal of IR nodes: children, pre-order walk, and the expressions a strategy holds."""

from __future__ import annotations

from collections.abc import Iterator

from rbl.dsl.ir.base import Node

# Node class -> the names of its fields other than `span`. Looking them up on the class each time
# (pydantic's `model_fields` descriptor) cost more than the walk itself on a 500-line file.
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(name for name in cls.model_fields if name != "span")
    return names


def children(node: Node) -> list[Node]:
    """The direct child nodes of `node`, in field order."""
    found = []
    values = node.__dict__
    for name in _fields(node.__class__):
        value = values[name]
        if isinstance(value, Node):
            found.append(value)
        elif value.__class__ is tuple:
            found.extend(item for item in value if isinstance(item, Node))
    return found


def walk(node: Node) -> Iterator[Node]:
    """`node` and every node below it, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        below = children(current)
        below.reverse()
        stack.extend(below)
