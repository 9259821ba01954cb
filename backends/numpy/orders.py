"""Orders and costs: self-financing, landing on the destination weights (docs/semantics.md, *Orders and
costs*), vectorized over the variants that trade on the same bar."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from dsl import ir


@dataclass(frozen=True)
class CostModel:
    rate: float          # k = commission + spread/2 + slippage, per unit of notional
    fee: float           # F, money per order
    min_trade: float     # m, money
    lots: np.ndarray     # (N,) quantity step per asset, 0 where none

    @cached_property
    def has_lots(self) -> bool:
        return bool(self.lots.size) and bool(self.lots.max() > 0)

    @classmethod
    def of(cls, strategy: ir.Strategy) -> "CostModel":
        c = strategy.costs
        value = lambda q: q.value if q is not None else 0.0  # noqa: E731
        lots = np.array([a.lot or 0.0 for a in strategy.assets])
        return cls(value(c.commission) + value(c.spread) / 2 + value(c.slippage), value(c.per_order),
                   value(c.min_trade), lots)


def post_trade_value(V, current, omega, traded, costs: CostModel) -> np.ndarray:
    """V' = V - sum over orders big enough (k |omega V' - q P| + F), by fixed-point iteration."""
    if costs.rate == 0.0 and costs.fee == 0.0:
        return V
    big = traded & (np.abs(omega * V[:, None] - current) >= np.maximum(costs.min_trade, 1e-9 * V)[:, None])
    fees = costs.fee * big.sum(axis=1)
    if len(V) == 1:                      # one variant: the same arithmetic on scalars, far fewer calls
        return np.array([_one_post_trade_value(float(V[0]), current[0], omega[0], big[0], costs.rate,
                                               float(fees[0]))])
    value, active = V.copy(), np.ones(len(V), dtype=bool)
    for _ in range(50):
        spent = costs.rate * np.where(big, np.abs(omega * value[:, None] - current), 0.0).sum(axis=1)
        new = V - spent - fees
        step = np.abs(new - value)
        value = np.where(active, new, value)
        active &= step >= 1e-12 * V
        if not active.any():
            break
    return value


def _one_post_trade_value(V: float, current, omega, big, rate: float, fees: float, count: int | None = None) -> float:
    value, tolerance = V, 1e-12 * V
    count = int(np.count_nonzero(big)) if count is None else count
    every = count == big.size           # np.where(big, x, 0.0) is x itself: the same sum, two calls fewer
    for _ in range(50):
        gap = np.abs(omega * value - current) if every else np.where(big, np.abs(omega * value - current), 0.0)
        new = V - rate * float(np.add.reduce(gap)) - fees     # ndarray.sum without its Python wrapper
        step, value = abs(new - value), new
        if not step >= tolerance:
            break
    return value


def rebalance(q, cash, prices, omega, traded, costs: CostModel):
    """(signed quantities, their cost, value before) of rows of variants trading to `omega` on `traded`."""
    V = cash + q @ prices
    current = q * prices
    target_value = post_trade_value(V, current, omega, traded, costs)
    dq = np.where(traded, omega * target_value[:, None] / prices - q, 0.0)
    if costs.has_lots:
        dq = round_to_lots(dq, costs.lots)
    dq = np.where(np.abs(dq) * prices < np.maximum(costs.min_trade, 1e-9 * V)[:, None], 0.0, dq)
    return dq, order_cost(dq, prices, costs), V


def rebalance_row(q, cash: float, prices, omega, traded, costs: CostModel):
    """`rebalance` of one row (q, omega: (1, N); traded None: every asset), the same arithmetic on scalars."""
    V = cash + q @ prices
    value = float(V[0])
    threshold = max(costs.min_trade, 1e-9 * value)
    if costs.rate != 0.0 or costs.fee != 0.0:
        current = q[0] * prices
        big = np.abs(omega[0] * value - current) >= threshold
        if traded is not None:
            big &= traded[0]
        count = int(np.count_nonzero(big))
        value = _one_post_trade_value(value, current, omega[0], big, costs.rate, costs.fee * count, count)
    dq = omega * value
    dq /= prices
    dq -= q
    if traded is not None:
        dq = np.where(traded, dq, 0.0)
    if costs.has_lots:
        dq = round_to_lots(dq, costs.lots)
    dq[np.abs(dq) * prices < threshold] = 0.0
    return dq, order_cost(dq, prices, costs), V


def rebalance_orders(q, cash, prices, omega, traded, costs: CostModel):
    """Signed quantities (rows: variants) and their cost, for destination weights `omega` on `traded`."""
    dq, cost, _ = rebalance(q, cash, prices, omega, traded, costs)
    return dq, cost


def round_to_lots(dq: np.ndarray, lots: np.ndarray) -> np.ndarray:
    """Toward zero to each asset's lot step (assets without a lot are left as they are)."""
    has_lot = lots > 0
    step = np.where(has_lot, lots, 1.0)
    rounded = np.sign(dq) * np.floor(np.abs(dq) / step + 1e-9) * step
    return np.where(has_lot, rounded, dq)


def order_cost(dq: np.ndarray, prices: np.ndarray, costs: CostModel) -> np.ndarray:
    if costs.fee == 0.0:                 # adding the zero fees changes no bit of a non-negative cost
        return np.add.reduce(costs.rate * np.abs(dq) * prices, axis=1)
    nonzero = dq != 0
    return (costs.rate * np.abs(dq) * prices + costs.fee * nonzero).sum(axis=1)


def sell_first_order(dq: np.ndarray, prices: np.ndarray) -> np.ndarray:
    """Asset indices of the nonzero orders: sells before buys (ascending signed notional, then declared order)."""
    nonzero = np.flatnonzero(dq)
    return nonzero[np.argsort(dq[nonzero] * prices[nonzero], kind="stable")]
