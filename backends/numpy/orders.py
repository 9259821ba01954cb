"""Costs as the path loop reads them (the orders themselves are `path_loop._rebalance`, docs/semantics.md
*Orders and costs*), and the order in which a trade's orders are listed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rbl.dsl import ir


@dataclass(frozen=True)
class CostModel:
    rate: float          # k = commission + spread/2 + slippage, per unit of notional
    fee: float           # F, money per order
    min_trade: float     # m, money
    lots: np.ndarray     # (N,) quantity step per asset, 0 where none

    @classmethod
    def of(cls, strategy: ir.Strategy) -> "CostModel":
        c = strategy.costs
        value = lambda q: q.value if q is not None else 0.0  # noqa: E731
        lots = np.array([a.lot or 0.0 for a in strategy.assets])
        return cls(value(c.commission) + value(c.spread) / 2 + value(c.slippage), value(c.per_order),
                   value(c.min_trade), lots)


def sell_first_order(dq: np.ndarray, prices: np.ndarray) -> np.ndarray:
    """Asset indices of the nonzero orders: sells before buys (ascending signed notional, then declared order)."""
    nonzero = np.flatnonzero(dq)
    return nonzero[np.argsort(dq[nonzero] * prices[nonzero], kind="stable")]
