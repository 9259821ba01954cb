"""The fast walk's records: the per-bar facts (NAV, drift, drawdown, events, targets, bands) of every
walked segment, written for all bars at once after the walk."""

from __future__ import annotations

import numpy as np

from backends.numpy.engine import EVENTS

_HOLD = EVENTS.index("HOLD")


class Recorder:
    """The per-bar facts of the walk (NAV, drift, drawdown, events, targets, bands) for all bars at once."""

    def __init__(self, walk) -> None:
        self.w, self.e, self.sim = walk, walk.e, walk.sim

    def write(self) -> None:
        e, sim, t0 = self.e, self.sim, self.e.t0
        bars, segment, nav, k, t, src = self._expand()
        rows, cols = _as_slices(k, t)        # one variant over consecutive bars: views, not gathers
        sim.nav[rows, cols] = nav[src]
        for members, bar, values in self.w.closes:
            sim.nav[members, bar] = values
        walked = slice(t0, self.w.T)
        sim.check[:, walked] = self.w.check[:, walked]
        sim.when[:, walked] = self.w.when[:, walked]
        sim.event[:, walked] = np.where(sim.event[:, walked] == 0, _HOLD, sim.event[:, walked])
        pre = np.full(sim.nav.shape, np.nan)
        pre[rows, cols] = nav[src]
        peak = np.maximum(e.s.capital.value, np.fmax.accumulate(pre[:, walked], axis=1))
        sim.drawdown[:, walked] = 1.0 - pre[:, walked] / peak
        if self.w.target.shape[0] > 1 or (self._bands() and e.K > 1):   # per variant: per (variant, bar)
            bars, segment, nav, variant, src = t, segment[src], nav[src], k, np.arange(len(k))
        else:                                # variants that share holdings share their drift
            variant = np.zeros(len(bars), int)
        if not e.record:                     # a sweep: its tables never read the drift, a trace might
            sim.max_drift = Deferred(lambda: self._max_drift(bars, segment, nav, variant, rows, cols, src))
            return
        top, band = self._drift(bars, segment, nav, variant)
        sim.max_drift[rows, cols] = top[src]
        sim.targets[rows, cols] = self.w.target[0 if self.w.target.shape[0] == 1 else rows, cols]
        if band is not None:
            sim.band[rows, cols] = band[src]

    def _max_drift(self, bars, segment, nav, variant, rows, cols, src) -> np.ndarray:
        values = np.zeros(self.sim.nav.shape)
        values[rows, cols] = self._drift(bars, segment, nav, variant)[0][src]
        return values

    def _expand(self):
        """Walked bars once per segment (bar, segment, pre-trade NAV), and every member's (variant,
        bar) pair with the position `src` of its values among them."""
        segs = self.w.segments
        lengths = np.array([len(s.nav) for s in segs])
        counts = np.array([len(s.members) for s in segs])
        offsets = np.r_[0, np.cumsum(lengths)[:-1]]
        bars = _ranges(np.array([s.start for s in segs]), lengths)
        segment = np.repeat(np.arange(len(segs)), lengths)
        nav = np.concatenate([s.nav for s in segs])
        pair_lengths = np.repeat(lengths, counts)             # one (segment, member) pair after another
        k = np.repeat(np.concatenate([s.members for s in segs]), pair_lengths)
        src = _ranges(np.repeat(offsets, counts), pair_lengths)
        return bars, segment, nav, k, bars[src], src

    def _drift(self, bars, segment, nav, variant):
        """Largest drift on each flat entry (and the band of that holding when recorded)."""
        q = np.stack([s.q for s in self.w.segments])
        cash = np.array([s.cash for s in self.w.segments])
        top, band = np.empty(len(bars)), np.empty(len(bars)) if self._bands() else None
        step = max(1, 2_000_000 // max(self.w.H, 1))        # bounded memory for wide panels and sweeps
        for i in range(0, len(bars), step):
            part = slice(i, i + step)
            self._chunk(bars[part], q[segment[part]], cash[segment[part]], nav[part], variant[part],
                        top[part], None if band is None else band[part])
        return top, band

    def _bands(self) -> bool:
        return self.e.record and self.e.band_expr is not None

    def _chunk(self, t, q, cash, nav, variant, top, band) -> None:
        e = self.e
        index = t
        if t[-1] - t[0] == len(t) - 1 and (np.diff(t) == 1).all():
            t = slice(int(t[0]), int(t[-1]) + 1)               # consecutive bars: a view
        w = q * e.close[t]
        w /= nav[:, None]
        if e.s.cash:
            w = np.concatenate([w, (cash / nav)[:, None]], axis=-1)
        target = self.w.target
        drift = np.subtract(w, target[0, t] if target.shape[0] == 1 else target[variant, index], out=w)
        np.abs(drift, out=drift)
        top[:] = drift.max(axis=-1)
        if band is not None:
            values = np.broadcast_to(e.ev.value(e.band_expr), (e.K, self.w.T, self.w.H))[variant, index]
            band[:] = np.take_along_axis(values, drift.argmax(axis=-1)[:, None], axis=-1)[:, 0]


def _as_slices(k: np.ndarray, t: np.ndarray):
    """(variant, bars) as an int and a slice when the pairs are one variant's consecutive bars."""
    if len(k) and k[0] == k[-1] and t[-1] - t[0] == len(t) - 1 and (k == k[0]).all() \
            and (np.diff(t) == 1).all():
        return int(k[0]), slice(int(t[0]), int(t[-1]) + 1)
    return k, t


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of arange(start, start + length) over the pairs, in one pass."""
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)


class Deferred:
    """An array computed on its first use: a sweep's per-bar drift costs K x T x N and only a trace
    of one of its variants reads it."""

    def __init__(self, compute) -> None:
        self._compute, self._value = compute, None

    @property
    def value(self) -> np.ndarray:
        if self._value is None:
            self._value, self._compute = self._compute(), None
        return self._value

    def __getitem__(self, index):
        return self.value[index]

    def __setitem__(self, index, values) -> None:
        self.value[index] = values

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self.value if dtype is None else self.value.astype(dtype)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.value.shape
