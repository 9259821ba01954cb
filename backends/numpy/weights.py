"""Target weights: the scheme (fixed, equal, inverse vol, risk parity, top/bottom k, branches), hold
filters, then constraints and exposure in the order docs/semantics.md gives. Shapes (K, T, N)."""

from __future__ import annotations

import numpy as np

from rbl.backends.numpy import indicators as ind
from rbl.backends.numpy.evaluate import EngineError, Evaluator
from rbl.dsl import ir
from rbl.dsl.ir.analysis import asset_caps


def _zeros(ev: Evaluator) -> np.ndarray:
    return np.zeros((1, _rows(ev), len(ev.ctx.asset_index)))


def _constant_zeros(ev: Evaluator) -> np.ndarray:
    """Zeros with a bar axis of 1: weights that do not change over time broadcast over every bar."""
    return np.zeros((1, 1, len(ev.ctx.asset_index)))


def _rows(ev: Evaluator) -> int:
    return len(ev.ctx.dates)


def _columns(ev: Evaluator, names: tuple[str, ...]) -> list[int]:
    return [ev.ctx.asset_index[n] for n in names if n in ev.ctx.asset_index]


def scheme_weights(node: ir.Node, ev: Evaluator) -> np.ndarray:
    handler = {ir.FixedWeights: fixed, ir.EqualWeights: equal, ir.InverseVolWeights: inverse_vol,
               ir.RiskParityWeights: risk_parity, ir.SelectWeights: select,
               ir.BranchWeights: branch, ir.SleeveWeights: sleeves}.get(type(node))
    if handler is None:
        raise EngineError(f"the NumPy backtester has no rule for {type(node).__name__} targets")
    return handler(node, ev)


def sleeves(node: ir.SleeveWeights, ev: Evaluator) -> np.ndarray:
    """The risky part of w* = W_s m_i (each sleeve's scheme names only its own assets): (K, T, N), with
    each sleeve's mix in effect from its own check bars and its share from the strategy's."""
    shares = ev.evaluation_mask(ev.ctx.strategy.rebalance)
    return sum(held(np.asarray(ev.value(sl.weight), dtype=np.float64)[..., :1], shares) *
               scheme_under(sl.target, sl.rebalance, ev) for sl in node.sleeves)


def scheme_under(node: ir.Node, rebalance: ir.Rebalance, ev: Evaluator) -> np.ndarray:
    """A scheme's weights in effect under a rule: computed on the bars its check reads them (read_bars),
    kept in between."""
    mask = ev.evaluation_mask(rebalance)
    outer, ev.read_bars = ev.read_bars, ev.reading(mask)
    try:
        return held(scheme_weights(node, ev), mask)
    finally:
        ev.read_bars = outer


def held(w: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """The targets in effect: w (K|1, T|1, H) as evaluated on the last bar up to t where mask (K'|1, T)
    holds (mask None, or w constant over time: w itself)."""
    if mask is None or w.shape[1] == 1:
        return w
    T = w.shape[1]
    last = np.maximum.accumulate(np.where(mask, np.arange(T), 0), axis=-1)         # (K', T)
    rows = np.minimum(np.arange(max(len(w), len(last)))[:, None], len(w) - 1)
    return w[rows, last]


def fixed(node: ir.FixedWeights, ev: Evaluator) -> np.ndarray:
    w = _constant_zeros(ev)
    for entry in node.entries:
        if entry.asset in ev.ctx.asset_index:
            column = np.zeros(w.shape[2])
            column[ev.ctx.asset_index[entry.asset]] = 1.0
            w = w + ev.value(entry.weight)[..., :1] * column
    for entry in node.entries:
        if entry.hold is not None and entry.asset in ev.ctx.asset_index:
            w = hold_filter(w, entry.hold, ev, only=ev.ctx.asset_index[entry.asset])
    return w


def equal(node: ir.EqualWeights, ev: Evaluator) -> np.ndarray:
    w = _constant_zeros(ev)
    w[..., _columns(ev, node.assets)] = 1.0 / len(node.assets)
    return hold_filter(w, node.hold, ev)


def inverse_vol(node: ir.InverseVolWeights, ev: Evaluator) -> np.ndarray:
    cols = _columns(ev, node.assets)
    n = _fixed_window(node.lookback, ev)
    sigma = np.maximum(ind.stdev_of_returns(ev.ctx.close[None][..., cols], n), 1e-12)
    w = _zeros(ev)
    w[..., cols] = (1.0 / sigma) / (1.0 / sigma).sum(axis=-1, keepdims=True)
    return hold_filter(w, node.hold, ev)


def _fixed_window(expr: ir.Expr, ev: Evaluator) -> int:
    windows = ev.window(expr)
    if len(set(windows.tolist())) != 1:
        raise EngineError("a swept lookback of a weighting scheme is not supported")
    return int(windows[0])


def risk_parity(node: ir.RiskParityWeights, ev: Evaluator) -> np.ndarray:
    """ERC weights on the bars whose targets are read (`ev.read_bars`; every bar when not known), each
    solved once per run (erc.py: no (T, N, N) covariance tensor); NaN on the others, which nothing reads."""
    from rbl.backends.numpy.erc import ErcTargets      # loads numba: only strategies with risk parity pay it
    cols = _columns(ev, node.assets)
    if id(node) not in ev.memo:
        ev.memo[id(node)] = ErcTargets(ev.ctx.close[:, cols], _fixed_window(node.lookback, ev), node.shrunk)
    solved = ev.memo[id(node)]
    bars = np.arange(len(ev.ctx.dates)) if ev.read_bars is None else ev.read_bars
    bars = bars[bars >= solved.n]             # no weights (any holding) before the window is full
    w = np.full((1, len(ev.ctx.dates), len(ev.ctx.asset_index)), np.nan)
    w[0, bars] = 0.0
    w[0, bars[:, None], cols] = solved.at(bars)
    return hold_filter(w, node.hold, ev)


def select(node: ir.SelectWeights, ev: Evaluator) -> np.ndarray:
    cols = _columns(ev, node.assets)
    by = np.broadcast_to(ev.value(node.by), (ev.value(node.by).shape[0], _rows(ev),
                                             len(ev.ctx.holdings)))[..., cols]
    key = -by if node.side is ir.RankSide.TOP else by
    key = np.where(np.isnan(key), np.inf, key)
    order = np.argsort(key, axis=-1, kind="stable")[..., :node.n]
    chosen = np.zeros(by.shape)
    np.put_along_axis(chosen, order, 1.0 / node.n, axis=-1)
    w = np.zeros(by.shape[:2] + (len(ev.ctx.asset_index),))
    w[..., cols] = chosen
    return hold_filter(w, node.hold, ev)


def branch(node: ir.BranchWeights, ev: Evaluator) -> np.ndarray:
    cond = ev.value(node.cond).astype(bool)[..., :1]
    return np.where(cond, scheme_weights(node.then, ev), scheme_weights(node.otherwise, ev))


def hold_filter(w: np.ndarray, hold: ir.HoldFilter | None, ev: Evaluator, only: int | None = None):
    """Assets whose hold condition is false give their weight to the fallback (cash when none)."""
    if hold is None:
        return w
    n = w.shape[2]
    cond = ev.value(hold.cond).astype(bool)
    cond = np.broadcast_to(cond, cond.shape[:2] + (len(ev.ctx.holdings),))[..., :n]
    drop = (~cond) & (w != 0)
    if only is not None:
        drop = drop & (np.arange(n) == only)
    moved = np.where(drop, w, 0.0).sum(axis=-1)
    w = np.where(drop, 0.0, w)
    if hold.fallback in ev.ctx.asset_index:
        w = w.copy()
        w[..., ev.ctx.asset_index[hold.fallback]] += moved
    return w


def final_targets(ev: Evaluator) -> np.ndarray:
    """Risky weights after constraints and exposure, plus the cash sleeve when declared: (K, T, H), the
    targets in effect on each bar (evaluated on check bars, kept in between; sleeves hold their own)."""
    s = ev.ctx.strategy
    mask = None if isinstance(s.target, ir.SleeveWeights) else ev.evaluation_mask(s.rebalance)
    outer, ev.read_bars = ev.read_bars, ev.reading(mask)
    try:
        w = held(_constrained(scheme_weights(s.target, ev).astype(np.float64), s, ev), mask)
    finally:
        ev.read_bars = outer
    if w.shape[1] == 1:                  # constant over time: a read-only view over every bar
        w = np.broadcast_to(w, (w.shape[0], _rows(ev), w.shape[2]))
    return w


def _constrained(w: np.ndarray, s: ir.Strategy, ev: Evaluator) -> np.ndarray:
    c = s.constraints
    if c.excess is ir.CapExcess.OTHERS:
        w = spread_caps(w, cap_vector(s))
    elif c.asset_caps:
        w = np.minimum(w, cap_vector(s))
    elif c.max_weight is not None:
        w = np.minimum(w, c.max_weight.value)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = _buffer_and_leverage(w, s, ev)
    if c.long_only:
        w = np.maximum(w, 0.0)
    if s.cash:
        w = np.concatenate([w, 1.0 - w.sum(axis=-1, keepdims=True)], axis=-1)
    return w


def cap_vector(s: ir.Strategy) -> np.ndarray:
    """Each risky asset's cap: the smaller of the global `max weight` and its own (inf: none)."""
    return np.array(asset_caps(s), np.float64)


def spread_caps(w: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """`max weight ..., excess to other assets` (docs/semantics.md, *Constraints*) on (K, T, N) weights,
    every bar at once: each round caps the assets above their cap and spreads the excess over the
    uncapped assets in proportion to their positive weights; at most N rounds. Sums are added in asset
    order, as the path loop and the EA add them."""
    N = w.shape[-1]
    fixed = np.zeros(w.shape, bool)
    for _ in range(N):
        over = ~fixed & (w > caps)
        excess = np.zeros(w.shape[:-1])
        for i in range(N):
            excess = excess + np.where(over[..., i], w[..., i] - caps[i], 0.0)
        w = np.where(over, caps, w)
        fixed = fixed | over
        takes = ~fixed & (w > 0)
        base = np.zeros(w.shape[:-1])
        for i in range(N):
            base = base + np.where(takes[..., i], w[..., i], 0.0)
        go = ((excess > 0) & (base > 0))[..., None] & takes
        with np.errstate(divide="ignore", invalid="ignore"):
            w = np.where(go, w + excess[..., None] * (w / base[..., None]), w)
    return w


def _buffer_and_leverage(w: np.ndarray, s: ir.Strategy, ev: Evaluator) -> np.ndarray:
    c = s.constraints
    if c.cash_buffer is not None:
        total = w.sum(axis=-1, keepdims=True)
        w = np.where(total > 1 - c.cash_buffer.value, w * (1 - c.cash_buffer.value) / total, w)
    if s.exposure is not None:
        w = w * ev.value(s.exposure)[..., :1]
    if c.max_leverage is not None:
        gross = np.abs(w).sum(axis=-1, keepdims=True)
        w = np.where(gross > c.max_leverage.value, w * c.max_leverage.value / gross, w)
    return w
