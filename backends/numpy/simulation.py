"""The raw result of one pass: NAV and the per-bar decision facts of every variant, and the trades."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

EVENTS = ("WARMUP", "INITIAL", "REBALANCE", "HOLD", "KILL", "DONE", "WAIT", "TRANCHE")


@dataclass
class Trade:
    """One variant's orders on one decision bar: `bar` decides, `exec_bar` fills at `prices`."""

    variant: int
    bar: int
    exec_bar: int
    event: str
    quantities: np.ndarray          # (N,) signed
    prices: np.ndarray              # (N,)
    cost: float
    value_before: float             # V at the execution prices, before the trade
    decision: int = -1              # the bar of the decision it executes (-1: `bar`); a slice's is earlier
    part: int = 0                   # its slice of that decision, 1..N (`trade over N bars`); 0: the whole


@dataclass(frozen=True)
class TradeColumns:
    """Every trade of a pass as columns (M rows, in bar then variant order): what totals over many
    variants read without making M objects."""

    variant: np.ndarray             # (M,) int
    bar: np.ndarray                 # (M,) int
    exec_bar: np.ndarray            # (M,) int
    event: np.ndarray               # (M,) str
    quantities: np.ndarray          # (M, N)
    prices: np.ndarray              # (M, N)
    cost: np.ndarray                # (M,)
    value_before: np.ndarray        # (M,)
    decision: np.ndarray | None = None   # (M,) int: each trade's decision bar (None: its own bar)
    part: np.ndarray | None = None       # (M,) int: its slice (0: the whole decision)

    @classmethod
    def of(cls, trades: list[Trade]) -> "TradeColumns":
        def rows(name: str) -> np.ndarray:         # one concatenation: faster than np.array over rows
            return np.concatenate([getattr(t, name) for t in trades]).reshape(len(trades), -1) if trades \
                else np.zeros((0, 0))
        scalars = [np.array([getattr(t, name) for t in trades], dtype) for name, dtype in
                   (("variant", np.int64), ("bar", np.int64), ("exec_bar", np.int64), ("event", str),
                    ("cost", float), ("value_before", float))]
        variant, bar, exec_bar, event, cost, value = scalars
        decision = np.array([t.decision if t.decision >= 0 else t.bar for t in trades], np.int64)
        part = np.array([t.part for t in trades], np.int64)
        return cls(variant, bar, exec_bar, event, rows("quantities"), rows("prices"), cost, value, decision, part)

    def trades(self) -> list[Trade]:
        decision = self.bar if self.decision is None else self.decision
        part = np.zeros(len(self.bar), np.int64) if self.part is None else self.part
        return list(map(Trade, self.variant.tolist(), self.bar.tolist(), self.exec_bar.tolist(),
                        self.event.tolist(), self.quantities, self.prices, self.cost.tolist(),
                        self.value_before.tolist(), decision.tolist(), part.tolist()))


@dataclass
class Simulation:
    """Raw arrays of one pass: NAV per variant and bar, the per-bar decision facts and the trades
    (appended as objects by the engine's walks, or given as columns by the compiled walk)."""

    t0: int
    nav: np.ndarray                 # (K, T)
    check: np.ndarray               # (K, T) bool
    when: np.ndarray                # (K, T) bool
    max_drift: np.ndarray           # (K, T)
    band: np.ndarray                # (K, T) band at the most drifted holding (NaN without a band rule)
    drawdown: np.ndarray            # (K, T)
    event: np.ndarray               # (K, T) codes in EVENTS
    targets: np.ndarray | None      # (K, T, H) when recorded
    sleeve_flags: np.ndarray | None = None    # (K, T, S, 2) each sleeve's own check and when (sleeves only)
    waiting: dict[int, str] = field(default_factory=dict)    # bar -> why it waits for a signal (recorded runs)
    _trades: list[Trade] = field(default_factory=list, repr=False)
    _columns: TradeColumns | None = field(default=None, repr=False)

    @property
    def trades(self) -> list[Trade]:
        """Every trade in bar then variant order; made from the columns on first use."""
        if self._columns is not None and not self._trades:
            self._trades.extend(self._columns.trades())
        return self._trades

    def trade_columns(self) -> TradeColumns:
        """The trades as columns, once the pass is over."""
        if self._columns is None:
            self._columns = TradeColumns.of(self._trades)
        return self._columns

    def set_trade_columns(self, columns: TradeColumns) -> None:
        """All trades at once (the compiled walk): objects are made only if something iterates them."""
        self._trades.clear()
        self._columns = columns
