"""Constant folding: the value of an expression that does not depend on market data, if any."""

from __future__ import annotations

import operator

from rbl.dsl import ir

_COMPARE = {ir.CompareOp.GT: operator.gt, ir.CompareOp.GE: operator.ge, ir.CompareOp.LT: operator.lt,
            ir.CompareOp.LE: operator.le, ir.CompareOp.EQ: operator.eq, ir.CompareOp.NE: operator.ne}
_ARITH = {ir.ArithOp.ADD: operator.add, ir.ArithOp.SUB: operator.sub, ir.ArithOp.MUL: operator.mul}
_FOLDS = {ir.Func.MIN: min, ir.Func.MAX: max, ir.Func.ABS: abs,
          ir.Func.CLAMP: lambda x, lo, hi: min(max(x, lo), hi)}


def cond_key(expr: ir.Node) -> str:
    """A structural key: two conditions written the same way get the same key."""
    return expr.model_dump_json()


def const_value(expr: ir.Node, params: dict[str, ir.Param], assume: dict[str, bool] | None = None):
    """A float or bool when `expr` is a constant (parameters at their default), else None.
    `assume` fixes the value of `if` conditions by their cond_key."""
    fold = _Folder(params, assume or {})
    return fold(expr)


class _Folder:
    def __init__(self, params: dict[str, ir.Param], assume: dict[str, bool]):
        self.params, self.assume = params, assume

    def __call__(self, expr: ir.Node):
        handler = getattr(self, f"_{type(expr).__name__}", None)
        return handler(expr) if handler else None

    def _Quantity(self, q: ir.Quantity):
        return q.value

    def _BoolLit(self, b: ir.BoolLit):
        return b.value

    def _Ref(self, ref: ir.Ref):
        param = self.params.get(ref.name)
        return param.default.value if param else None

    def _Neg(self, node: ir.Neg):
        value = self(node.operand)
        return -value if isinstance(value, float) else None

    def _Not(self, node: ir.Not):
        value = self(node.operand)
        return (not value) if isinstance(value, bool) else None

    def _Logic(self, node: ir.Logic):
        values = [self(x) for x in node.operands]
        want = node.op is ir.LogicOp.OR          # or: any true decides; and: any false decides
        if any(v is want for v in values):
            return want
        return (not want) if all(isinstance(v, bool) for v in values) else None

    def _Compare(self, node: ir.Compare):
        left, right = self(node.left), self(node.right)
        if isinstance(left, float) and isinstance(right, float):
            return _COMPARE[node.op](left, right)
        return None

    def _Arith(self, node: ir.Arith):
        left, right = self(node.left), self(node.right)
        if not (isinstance(left, float) and isinstance(right, float)):
            return None
        if node.op is ir.ArithOp.DIV:
            return left / right if right else None
        return float(_ARITH[node.op](left, right))

    def _IfElse(self, node: ir.IfElse):
        cond = self.assume.get(cond_key(node.cond))
        if cond is None:
            cond = self(node.cond)
        if not isinstance(cond, bool):
            return None
        return self(node.then if cond else node.otherwise)

    def _Call(self, call: ir.Call):
        fold = _FOLDS.get(call.func)
        values = [self(a) for a in call.args]
        if fold is None or not values or not all(isinstance(v, float) for v in values):
            return None
        try:
            return float(fold(*values))
        except TypeError:
            return None
