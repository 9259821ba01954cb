"""The typed IR: the contract between the front end, both backends and the English front end."""

from dsl.ir.base import *  # noqa: F401,F403
from dsl.ir.expr import *  # noqa: F401,F403
from dsl.ir.strategy import *  # noqa: F401,F403
from dsl.ir.base import Node, Unit
from dsl.ir.expr import Expr
from dsl.ir.strategy import Strategy, Weights

__all__ = ["Node", "Unit", "Expr", "Strategy", "Weights"]
