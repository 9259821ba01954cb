"""The typed IR: the contract between the front end, both backends and the English front end."""

from rbl.dsl.ir.base import *  # noqa: F401,F403
from rbl.dsl.ir.expr import *  # noqa: F401,F403
from rbl.dsl.ir.strategy import *  # noqa: F401,F403
from rbl.dsl.ir.base import Node, Unit
from rbl.dsl.ir.expr import Expr
from rbl.dsl.ir.strategy import Strategy, Weights

__all__ = ["Node", "Unit", "Expr", "Strategy", "Weights"]
