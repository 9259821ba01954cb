"""Fused parse-tree callbacks for lark's LALR parser: lark's trees and positions, fewer Python calls.

Lark builds each node through four nested wrappers (position propagation, child filter, single-child
inlining, Tree). Here each grammar rule gets one function doing the same work, and a rule that only
passes its one child through (`?sum: product`) gets no work at all. The trees, including every
`meta` attribute, equal lark's own (tests/lang/test_tree_builder.py compares them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter

from lark import Token, Tree
from lark.grammar import Rule
from lark.tree import Meta

Callback = Callable[[list], object]

# The callback of a unit rule such as `?sum: product`: its value is its one child, unchanged.
PASS_THROUGH: Callback = itemgetter(0)

# (raw child index, splice the child's children in, how many None placeholders go before it)
_Include = tuple[int, bool, int]


def fused_callbacks(rules: Iterable[Rule], maybe_placeholders: bool = True) -> dict[Rule, Callback]:
    """One callback per rule, for `Lark(parser="lalr", propagate_positions=True)` without a transformer."""
    return {rule: _callback(rule, maybe_placeholders) for rule in rules}


def _callback(rule: Rule, maybe_placeholders: bool) -> Callback:
    include, trailing = _child_plan(rule, maybe_placeholders)
    inline_single = bool(rule.options.expand1 and not rule.alias)
    if inline_single and len(rule.expansion) == 1 and include == [(0, False, 0)] and not trailing:
        # The child is returned as it is; lark then re-derives the positions it already has.
        return PASS_THROUGH
    name = rule.alias or rule.options.template_source or rule.origin.name
    select = _selector(include, trailing)
    # A terminal at either end is always a token on the stack: the node's edge, no search needed.
    token_first = bool(rule.expansion) and rule.expansion[0].is_term
    token_last = bool(rule.expansion) and rule.expansion[-1].is_term

    def build(children: list) -> object:
        kept = select(children)
        if inline_single and len(kept) == 1:
            node = kept[0]
            if node.__class__ is not Tree:
                return node
        else:
            node = Tree(name, kept, Meta())
        first = children[0] if token_first else _first_positioned(children)
        if first is not None:
            last = children[-1] if token_last else _first_positioned(reversed(children))
            _place(node.meta, first, last)
        return node
    return build


def _child_plan(rule: Rule, maybe_placeholders: bool) -> tuple[list[_Include], int]:
    """Which raw children a rule keeps, as lark's maybe_create_child_filter decides it."""
    expansion = rule.expansion
    empty = rule.options.empty_indices if maybe_placeholders else ()
    if empty:
        ones = "".join(str(int(flag)) for flag in empty).split("0")
        nones_before = [len(run) for run in ones]
    else:
        nones_before = [0] * (len(expansion) + 1)
    include, pending = [], 0
    for index, symbol in enumerate(expansion):
        pending += nones_before[index]
        if rule.options.keep_all_tokens or not (symbol.is_term and symbol.filter_out):
            include.append((index, not symbol.is_term and symbol.name.startswith("_"), pending))
            pending = 0
    return include, pending + nones_before[len(expansion)]


def _selector(include: list[_Include], trailing: int) -> Callback:
    """The child filter of one rule: a plain index pick when nothing is spliced or padded."""
    if not trailing and all(not splice and not nones for _, splice, nones in include):
        indices = [index for index, _, _ in include]
        if len(indices) == 1:
            only = indices[0]
            return lambda children: [children[only]]
        return lambda children: [children[i] for i in indices]

    def select(children: list) -> list:
        kept: list = []
        for index, splice, nones in include:
            if nones:
                kept += [None] * nones
            if not splice:
                kept.append(children[index])
            elif kept:
                kept += children[index].children
            else:                      # left recursion: reuse the list, as lark does
                kept = children[index].children
        if trailing:
            kept += [None] * trailing
        return kept
    return select


def _place(meta: Meta, first: Meta | Token, last: Meta | Token) -> None:
    """lark's PropagatePositions: a node spans from its first positioned child to its last.

    'container' positions include what an inlined rule dropped, e.g. the '(' of '(a + b)'; a node
    inlined from below keeps its own start and end and only widens its container."""
    if first.__class__ is Meta:
        line, column, start = first.container_line, first.container_column, first.container_start_pos
    else:
        line, column, start = first.line, first.column, first.start_pos
    if last.__class__ is Meta:
        end_line, end_column, end = last.container_end_line, last.container_end_column, last.container_end_pos
    else:
        end_line, end_column, end = last.end_line, last.end_column, last.end_pos
    if meta.empty:
        meta.line, meta.column, meta.start_pos = line, column, start
        meta.end_line, meta.end_column, meta.end_pos = end_line, end_column, end
        meta.empty = False
    meta.container_line, meta.container_column, meta.container_start_pos = line, column, start
    meta.container_end_line, meta.container_end_column, meta.container_end_pos = end_line, end_column, end


def _first_positioned(children: Iterable) -> Meta | Token | None:
    """The first child with a position: a token, or a node whose meta is not empty."""
    for child in children:
        if child.__class__ is Tree:
            meta = child.meta
            if not meta.empty:
                return meta
        elif child.__class__ is Token:
            return child
    return None
