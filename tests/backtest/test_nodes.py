"""Every IR node type has an evaluation rule in the NumPy backend, or is handled by the engine."""

from __future__ import annotations

import typing

from rbl.backends.numpy.evaluate import RULES
from rbl.dsl.ir.expr import Expr


def test_every_expression_node_has_a_rule():
    union = typing.get_args(typing.get_args(Expr)[0])
    assert union, "the Expr union should list its node classes"
    assert [cls.__name__ for cls in union if cls not in RULES] == []

