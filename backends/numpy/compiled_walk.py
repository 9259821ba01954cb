"""The compiled walk: strategies whose only path dependence is the holdings (static targets; a `when`
that is a calendar rule, or `drift > band` with one band per variant; every asset traded to target;
no lots), all variants walked bar by bar in one call of the compiled path loop (`path_loop.py`).

Not bit for bit the fast walk; tested to agree with it to 1e-12 on every NAV, with the same trade
days, events and `when`. It declines, leaving the fast walk to run, where numba is missing and where
the loop reports a drift within 1e-12 of its band, an order at its size threshold or a NaN."""

from __future__ import annotations

import numpy as np

from backends.numpy.engine import EVENTS, TradeColumns
from dsl import ir

_INITIAL, _REBALANCE, _HOLD = EVENTS.index("INITIAL"), EVENTS.index("REBALANCE"), EVENTS.index("HOLD")

try:
    from backends.numpy import path_loop
except Exception:       # numba missing, or unable to compile or cache here: the fast walk does the work
    path_loop = None


def applies(walk) -> bool:
    """True for a calendar `when` or one band per variant, trading every asset to its target without lots."""
    e, s = walk.e, walk.e.s
    if path_loop is None or e.costs.has_lots:
        return False
    if s.rebalance.scope is not ir.TradeScope.ALL or s.rebalance.to is not ir.RebalanceTo.TARGET:
        return False
    return e.band_expr is None if walk.when_static else walk.scalar_band is not None


class CompiledWalk:
    """Runs the path loop and writes its NAV, facts, events and trades into the simulation."""

    def __init__(self, walk) -> None:
        self.walk, self.e, self.sim = walk, walk.e, walk.sim

    def run(self) -> bool:
        """Fill the simulation; False (nothing written) when the loop declines on this data."""
        walk, e = self.walk, self.e
        omega, cash_share = self._targets()
        decide = walk.fire if walk.when_static else walk.check
        bands, strict = self._bands()
        decide = _frozen(np.broadcast_to(decide, (e.K, walk.T)))
        status, facts, flags, trades = path_loop.walk_variants(
            _frozen(e.close), _frozen(omega), _frozen(cash_share), decide, _frozen(bands), strict, int(e.t0),
            bool(walk.next_open), float(e.s.capital.value), float(e.costs.rate), float(e.costs.fee),
            float(e.costs.min_trade))
        if status != path_loop.OK:
            return False
        self._write_bars(facts, flags, bands)
        self._write_trades(trades)
        return True

    def _targets(self) -> tuple[np.ndarray, np.ndarray]:
        """(weights (Ko, To, N), cash share (Ko, To) or NaN), one row in time when they never change."""
        walk, t0 = self.walk, self.e.t0
        target = walk.target
        if target.strides[1] == 0 or (target[:, t0:] == target[:, t0:t0 + 1]).all():
            target = target[:, t0:t0 + 1]
        cash = target[..., walk.N] if walk.H > walk.N else np.full(target.shape[:2], np.nan)
        return target[..., :walk.N], cash

    def _bands(self) -> tuple[np.ndarray, bool]:
        """Each variant's band (NaN for a calendar rule) and whether it must be exceeded (`>`)."""
        if self.walk.when_static:
            return np.full(self.e.K, np.nan), True
        op, band = self.walk.scalar_band
        return np.broadcast_to(band[:, 0, 0], (self.e.K,)).astype(float), op is np.greater

    def _write_bars(self, facts: np.ndarray, flags: np.ndarray, bands: np.ndarray) -> None:
        """NAV (before the trade), drawdown, drift, check, when, events; targets and bands when recorded."""
        e, sim, walk, t0 = self.e, self.sim, self.walk, self.e.t0
        nav = facts[0, :, t0:]
        sim.nav[:, t0:] = nav
        peak = np.maximum(e.s.capital.value, np.maximum.accumulate(nav, axis=1))
        sim.drawdown[:, t0:] = 1.0 - nav / peak
        sim.max_drift[:, t0:] = facts[1, :, t0:]
        sim.check[:, t0:] = walk.check[:, t0:]
        sim.when[:, t0:] = walk.when[:, t0:] if walk.when_static else flags[1, :, t0:]
        sim.event[:, t0:] = _HOLD
        sim.event[:, t0:][flags[0, :, t0:]] = _REBALANCE
        sim.event[:, t0] = _INITIAL
        if e.record:
            sim.targets[:, t0:] = walk.target[:, t0:]
            if not walk.when_static:
                sim.band[:, t0:] = bands[:, None]

    def _write_trades(self, trades: np.ndarray) -> None:
        """Trade columns in the engine's order (bar, then variant); NAV after each trade at close."""
        e, N = self.e, self.walk.N
        trades = trades[np.lexsort((trades[:, 0], trades[:, 1]))]
        variant, bar = trades[:, 0].astype(np.int64), trades[:, 1].astype(np.int64)
        if not self.walk.next_open:
            self.sim.nav[variant, bar] = trades[:, 4]
        event = np.where(bar == e.t0, EVENTS[_INITIAL], EVENTS[_REBALANCE])
        self.sim.set_trade_columns(TradeColumns(variant, bar, bar + 1 if self.walk.next_open else bar, event,
                                                trades[:, 5:5 + N], e.close[bar], trades[:, 2], trades[:, 3]))


def _frozen(values: np.ndarray) -> np.ndarray:
    """A C-ordered read-only array: one argument type whatever view the engine holds, so the path
    loop is compiled (and cached) once."""
    out = np.ascontiguousarray(values)
    if out.flags.writeable:
        out = out.view()
        out.flags.writeable = False
    return out
