"""The compiled path loop (numba): each variant's bars in order, with the engine's arithmetic, for the
strategies whose only path dependence is the holdings (static targets, a calendar rule or one drift
band per variant, every asset traded to target).

Why compiled: a band's next trade day depends on the trade before it, so a sweep of narrow bands is
hundreds of dependent steps; in NumPy each step is a dozen calls on a few bars (~40 us), here it is a
few nanoseconds per asset and bar.

Not bit for bit the block engine (its NAV is a BLAS product, here a sum over the assets that the
compiler may regroup into SIMD lanes: a third faster at 500 assets): within 1e-12, tested on the
bundled data; the same bits on every run on one machine, the last bits of a NAV may differ on
another CPU, as the engine's BLAS products do. Orders, costs and fills keep strict IEEE order. Where that rounding could flip a decision the loop stops and says so
(`TIE`, `NEAR_FLOOR`), and the caller leaves the strategy to the bit-exact fast walk."""

from __future__ import annotations

import numpy as np
from numba import njit

OK, TIE, NEAR_FLOOR, NOT_FINITE = 0, 1, 2, 3

TIE_GAP = 1e-12         # a drift this close to its band could compare the other way in the engine
FLOOR = 1e-9            # the order-size floor of docs/semantics.md, as a share of the value traded
NEAR = 1e-6             # an order this close (relatively) to its size threshold could round either way
_REGROUP = {"reassoc", "nsz"}       # sums may be regrouped; NaN and infinity keep their meaning


@njit(cache=True, nogil=True, fastmath=_REGROUP)
def walk_variants(close, omega, cash_target, decide, bands, strict, t0, next_open, capital, rate, fee,
                  min_trade):
    """Walk K variants over bars t0..T-1.

    close (T, N); omega (Ko, To, N) and cash_target (Ko, To) the targets (Ko in {1, K}, To in {1, T};
    cash_target NaN: no cash holding); decide (K, T): the calendar's fire, or `check` where bands[k] is
    a band (NaN: none); strict: `>` rather than `>=`. Returns (status, facts (2, K, T): NAV and drift,
    flags (2, K, T): fired and `when`, trades (M, 5 + N): variant, bar, cost, value before, NAV after,
    quantities), the trades variant by variant, bar by bar. NAV is before the trade on every bar (a
    trade at close's NAV after it is its row's).
    """
    T, N = close.shape
    K = decide.shape[0]
    facts, flags = np.zeros((2, K, T)), np.zeros((2, K, T), np.bool_)
    trades = np.zeros((64, 5 + N))
    m, status = 0, OK
    for k in range(K):
        q, value, cash, band = np.zeros(N), np.zeros(N), capital, bands[k]
        ko = min(k, omega.shape[0] - 1)
        target, cash_share = omega[ko, 0], cash_target[ko, 0]
        for t in range(t0, T):
            if omega.shape[1] > 1:
                target, cash_share = omega[ko, t], cash_target[ko, t]
            V = _value(q, cash, close[t], value)
            if t == t0:
                top = _first_drift(value, cash, target, cash_share, V)
            else:
                top = _drift(value, cash, target, cash_share, V)
            facts[0, k, t], facts[1, k, t] = V, top
            if not (np.isfinite(V) and np.isfinite(top)):
                status = NOT_FINITE
                break
            if not np.isnan(band):
                flags[1, k, t] = top > band if strict else top >= band
                if t > t0 and not abs(top - band) >= TIE_GAP:
                    status = TIE
                    break
            if t > t0 and not (decide[k, t] and (np.isnan(band) or flags[1, k, t])):
                continue
            flags[0, k, t] = True
            if next_open and t + 1 >= T:
                continue                                   # no next open after the last bar
            if m == trades.shape[0]:
                trades = _doubled(trades)
            landed, cash = _trade(q, cash, V, close[t], target, rate, fee, min_trade, trades[m], value)
            if not landed:
                status = NEAR_FLOOR
                break
            trades[m, 0], trades[m, 1] = k, t
            m += 1
        if status != OK:
            break
    return status, facts, flags, trades[:m]


@njit(cache=True, nogil=True, inline="always", fastmath=_REGROUP)
def _value(q, cash, prices, value):
    """NAV; `value` gets each holding's value."""
    V = cash
    for i in range(len(q)):
        value[i] = q[i] * prices[i]
        V += value[i]
    return V


@njit(cache=True, nogil=True, inline="always", fastmath=_REGROUP)
def _drift(value, cash, target, cash_share, V):
    """Largest |weight - target| over the holdings, cash included when it is one, as |q P - w* V| / V:
    one division per bar rather than per asset."""
    top = 0.0
    for i in range(len(value)):
        gap = abs(value[i] - target[i] * V)
        if gap > top:
            top = gap
    top /= V
    if not np.isnan(cash_share):
        top = max(top, abs(cash / V - cash_share))
    return top


@njit(cache=True, nogil=True)
def _first_drift(value, cash, target, cash_share, V):
    """`_drift` by the engine's |q P / V - w*|: on the first bar a weight is 0 and its drift exactly its
    target, which may equal the band."""
    top = 0.0
    for i in range(len(value)):
        top = max(top, abs(value[i] / V - target[i]))
    if not np.isnan(cash_share):
        top = max(top, abs(cash / V - cash_share))
    return top


@njit(cache=True, nogil=True)
def _trade(q, cash, V, prices, target, rate, fee, min_trade, row, value):
    """Trade to target at `prices`: fills row[2:] (cost, value before, NAV after, quantities), updates
    q; returns (False when an order lies at its size threshold, the cash after)."""
    dq = row[5:]
    if not _orders(q, V, prices, target, rate, fee, min_trade, dq):
        return False, cash
    row[2], row[3] = _cost(dq, prices, rate, fee), V
    cash = _fill(q, cash, dq, prices, row[2])
    row[4] = _value(q, cash, prices, value)
    return True, cash


@njit(cache=True, nogil=True)
def _orders(q, V, prices, target, rate, fee, min_trade, dq):
    """`orders.rebalance_row`: V' by the fixed point over the orders above the size threshold, then
    the orders to land on V' target; False when an order lies so near its threshold that the engine's
    rounding could put it on the other side."""
    threshold = max(min_trade, FLOOR * V)
    count = 0
    for i in range(len(q)):
        gap = abs(target[i] * V - q[i] * prices[i])
        if abs(gap - threshold) <= NEAR * threshold:
            return False
        count += gap >= threshold
    after = V
    if rate != 0.0 or fee != 0.0:
        for _ in range(50):
            spent = 0.0
            for i in range(len(q)):
                gap = abs(target[i] * after - q[i] * prices[i])
                if abs(target[i] * V - q[i] * prices[i]) >= threshold:
                    spent += gap
            new = V - rate * spent - fee * count
            step, after = abs(new - after), new
            if not step >= 1e-12 * V:
                break
    for i in range(len(q)):
        dq[i] = target[i] * after / prices[i] - q[i]
        notional = abs(dq[i]) * prices[i]
        if notional != 0.0 and abs(notional - threshold) <= NEAR * threshold:
            return False
        if notional < threshold:
            dq[i] = 0.0
    return True


@njit(cache=True, nogil=True)
def _cost(dq, prices, rate, fee):
    total = 0.0
    for i in range(len(dq)):
        total += rate * abs(dq[i]) * prices[i] + (fee if dq[i] != 0.0 else 0.0)
    return total


@njit(cache=True, nogil=True)
def _fill(q, cash, dq, prices, cost):
    """Cash after the orders and their cost; q updated in place."""
    spent = 0.0
    for i in range(len(q)):
        spent += dq[i] * prices[i]
        q[i] += dq[i]
    return cash - (spent + cost)


@njit(cache=True, nogil=True)
def _doubled(rows):
    """Twice the rows (element loops: numba compiles a slice assignment ten times slower)."""
    out = np.zeros((2 * rows.shape[0], rows.shape[1]))
    for j in range(rows.shape[0]):
        for i in range(rows.shape[1]):
            out[j, i] = rows[j, i]
    return out
