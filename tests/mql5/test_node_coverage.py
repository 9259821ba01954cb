"""Every IR node class has a lowering rule in the MQL5 backend, or is named as unused/unsupported."""

from __future__ import annotations

import typing

from rbl.dsl import ir
from rbl.dsl.ir.base import Node
from rbl.backends.mql5.lower import STRATEGY_NODES
from rbl.backends.mql5.lower_expr import ExprLowerer
from rbl.backends.mql5.lower_weights import WeightsLowerer


def _node_classes() -> set[type]:
    found, stack = set(), [Node]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub.__module__.startswith("rbl.dsl.ir"):
                found.add(sub)
                stack.append(sub)
    return found


def _members(union) -> set[type]:
    return set(typing.get_args(typing.get_args(union)[0]))


def test_every_expression_node_has_a_method():
    for cls in _members(ir.Expr):
        assert hasattr(ExprLowerer, "_" + cls.__name__.lower()), cls.__name__


def test_every_weights_node_has_a_method():
    for cls in _members(ir.Weights):
        assert hasattr(WeightsLowerer, "_" + cls.__name__.lower()), cls.__name__


def test_every_other_node_is_listed_with_its_rule_or_as_unsupported():
    handled = _members(ir.Expr) | _members(ir.Weights)
    missing = {c.__name__ for c in _node_classes() - handled} - set(STRATEGY_NODES)
    assert missing == set()


def test_a_node_without_a_rule_fails_loudly():
    import pytest

    from rbl.backends.mql5.lower_expr import Ctx
    from rbl.backends.mql5.program import Program, Unsupported
    from rbl.backends.mql5.spans import SpanMap

    class Mystery(Node):
        pass

    strategy = ir.Strategy(version=1, name="n", assets=(), target=ir.EqualWeights(assets=()))
    lowerer = ExprLowerer(strategy, Program("n"), SpanMap(None))
    with pytest.raises(Unsupported, match="no rule for Mystery"):
        lowerer.value(Mystery(), Ctx())
