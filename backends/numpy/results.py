"""Results of a backtest: NAV, weights, holdings, trades, the decision trace and the metrics."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.simulation import EVENTS, Simulation, TradeColumns
from rbl.backends.numpy.orders import sell_first_order
from rbl.backends.trace import TraceRecord, format_record
from rbl.dsl import ir


_BLOCK = 1 << 16            # values per block of benchmark returns (fits in cache)


@dataclass
class Run:
    """What one pass produced, shared by every variant of it."""

    strategy: ir.Strategy
    dates: np.ndarray
    close: np.ndarray
    sim: Simulation
    periods_per_year: float
    manifest: dict
    benchmark_weights: np.ndarray | None     # (K or 1, T, N) targets for 'targets daily'

    def benchmark_returns(self, k: int) -> np.ndarray | None:
        """The benchmark's returns for variant k from the first decision bar on, computed once per
        distinct row of benchmark weights (variants of a sweep with shared targets share one)."""
        s, assets, t0 = self.strategy, [a.name for a in self.strategy.assets], self.sim.t0
        if s.benchmark.asset is not None:
            if s.benchmark.asset not in assets:
                return None
            column = self.close[:, assets.index(s.benchmark.asset)]
            return column[t0 + 1:] / column[t0:-1] - 1.0
        if self.benchmark_weights is None:
            return None
        row = min(k, len(self.benchmark_weights) - 1)
        if row not in self._benchmarks:
            self._benchmarks[row] = self._weighted_returns(self.benchmark_weights[row, t0:-1, :len(assets)])
        return self._benchmarks[row]

    def _weighted_returns(self, weights: np.ndarray) -> np.ndarray:
        """sum_i w[t, i] r[t + 1, i], in blocks of bars: no bars x assets temporary (page faults cost
        more than the arithmetic on wide panels)."""
        t0, N = self.sim.t0, weights.shape[1]
        constant = len(weights) and weights.strides[0] == 0        # constant targets: a broadcast view
        weights = np.nan_to_num(weights[:1] if constant else weights)
        out = np.empty(len(self.close) - t0 - 1)
        step = max(1, _BLOCK // max(N, 1))
        for a in range(0, len(out), step):
            b = min(len(out), a + step)
            r = self.close[t0 + 1 + a:t0 + 1 + b] / self.close[t0 + a:t0 + b]
            r -= 1.0
            w = weights[0] if constant else weights[a:b]
            np.einsum("tn,n->t" if constant else "tn,tn->t", r, w, out=out[a:b])
        return out

    def benchmark_matrix(self) -> np.ndarray | None:
        """Every variant's benchmark returns as (K or 1, n - 1) rows: one row when all variants share it."""
        K, weights = self.sim.nav.shape[0], self.benchmark_weights
        shared = self.strategy.benchmark.asset is not None or weights is None or len(weights) == 1
        rows = [self.benchmark_returns(k) for k in range(1 if shared else K)]
        return None if rows[0] is None else np.stack(rows)

    @cached_property
    def _benchmarks(self) -> dict[int, np.ndarray]:
        return {}

    @cached_property
    def totals(self) -> TradeTotals:
        return TradeTotals.of(self.sim.trade_columns(), self.sim.nav.shape[0])


@dataclass
class TradeTotals:
    """Per variant (K,): one-sided turnover summed over rebalances (half the traded notional over the
    value before), the number of rebalances and of their nonzero orders, and the costs of every trade."""

    turnover: np.ndarray
    rebalances: np.ndarray
    orders: np.ndarray
    costs: np.ndarray

    @classmethod
    def of(cls, trades: TradeColumns, K: int) -> TradeTotals:
        """All variants at once from the trade columns, summed per variant by np.bincount (in trade
        order, as a running sum would)."""
        decisions = trades.event == "REBALANCE"
        rebalance = decisions | _slices_of_rebalances(trades, K)
        quantities = trades.quantities[rebalance]
        notional = np.abs(quantities * trades.prices[rebalance])
        turnover = notional.sum(axis=1) / 2 / trades.value_before[rebalance]
        orders = np.count_nonzero(quantities, axis=1)
        at = trades.variant[rebalance]
        return cls(np.bincount(at, weights=turnover, minlength=K), np.bincount(trades.variant[decisions], minlength=K),
                   np.bincount(at, weights=orders, minlength=K).astype(np.int64),
                   np.bincount(trades.variant, weights=trades.cost, minlength=K))


def _slices_of_rebalances(trades: TradeColumns, K: int) -> np.ndarray:
    """`trade over N bars`: the later slices (TRANCHE) of REBALANCE decisions, which count in that rebalance's
    turnover and orders (those of the INITIAL decision do not, as the initial purchase does not)."""
    tranche = trades.event == "TRANCHE"
    if not tranche.any() or trades.decision is None:
        return np.zeros(len(trades.event), np.bool_)
    initial = np.full(K, -1, np.int64)
    first = trades.event == "INITIAL"
    initial[trades.variant[first]] = trades.bar[first]
    return tranche & (trades.decision != initial[trades.variant])


class Result:
    """One variant of a run: the Python API's view (pandas objects) of the simulation."""

    def __init__(self, run: Run, variant: int = 0, params: dict[str, float] | None = None) -> None:
        self.run, self.k, self.params = run, variant, params or {}
        self.strategy = run.strategy
        self.assets = [a.name for a in run.strategy.assets]

    @cached_property
    def index(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.run.dates, name="date")

    @cached_property
    def nav(self) -> pd.Series:
        return pd.Series(self.run.sim.nav[self.k], index=self.index, name="nav")

    @cached_property
    def trades(self) -> list:
        return [t for t in self.run.sim.trades if t.variant == self.k]

    @cached_property
    def holdings(self) -> pd.DataFrame:
        """Quantities held at each bar's close."""
        q = np.zeros(self.run.close.shape)
        for trade in self.trades:
            q[trade.exec_bar:] += trade.quantities
        return pd.DataFrame(q, index=self.index, columns=self.assets)

    @cached_property
    def weights(self) -> pd.DataFrame:
        """Weights at each bar's close (the cash column is what is not invested)."""
        value = self.holdings.to_numpy() * self.run.close
        w = pd.DataFrame(value / self.nav.to_numpy()[:, None], index=self.index, columns=self.assets)
        w["cash"] = 1.0 - w.sum(axis=1)
        return w

    @cached_property
    def trade_table(self) -> pd.DataFrame:
        rows = []
        for trade in self.trades:
            for i in sell_first_order(trade.quantities, trade.prices):
                notional = trade.quantities[i] * trade.prices[i]
                decided = trade.decision if trade.decision >= 0 else trade.bar    # a slice: its decision's bar
                rows.append({"decided": self.index[decided].date(), "filled": self.index[trade.exec_bar].date(),
                             "event": trade.event, "asset": self.assets[i], "quantity": trade.quantities[i],
                             "price": trade.prices[i], "notional": notional})
        return pd.DataFrame(rows, columns=["decided", "filled", "event", "asset", "quantity", "price",
                                           "notional"])

    def to_frame(self) -> pd.DataFrame:
        """One row per bar: the NAV and the weight of every asset and of cash at the close."""
        return pd.concat([self.nav, self.weights.add_prefix("weight ")], axis=1)

    def _repr_html_(self) -> str:
        from rbl.backends.numpy.report import result_cell
        return result_cell(self)

    @cached_property
    def costs(self) -> float:
        return float(self.run.totals.costs[self.k])

    @cached_property
    def metrics(self) -> dict[str, float]:
        run, k, t0 = self.run, self.k, self.run.sim.t0
        totals = run.totals
        return m.summary(run.sim.nav[k, t0:], run.dates[t0:], run.periods_per_year, self._benchmark_returns(),
                         totals.turnover[k], totals.rebalances[k], totals.orders[k], totals.costs[k])

    def _benchmark_returns(self) -> np.ndarray | None:
        return self.run.benchmark_returns(self.k)

    # ---- the decision trace ------------------------------------------------------------
    def trace_records(self) -> list[TraceRecord]:
        sim, k = self.run.sim, self.k
        by_bar = {t.bar: t for t in self.trades}
        return [self._record(t, by_bar.get(t)) for t in range(sim.t0, len(self.run.dates))
                if sim.event[k, t] != 0]

    def _record(self, t: int, trade) -> TraceRecord:
        sim, k = self.run.sim, self.k
        event = EVENTS[sim.event[k, t]]
        targets = sim.targets[k, t, :len(self.assets)] if sim.targets is not None and event != "WAIT" else []
        orders = {}
        if trade is not None:
            orders = {self.assets[i]: float(trade.quantities[i])
                      for i in sell_first_order(trade.quantities, trade.prices)}
        return TraceRecord(str(self.run.dates[t]), event, bool(sim.check[k, t]), bool(sim.when[k, t]),
                           float(sim.max_drift[k, t]), dict(zip(self.assets, map(float, targets))),
                           orders, self._why(t, event) + self._slice_of(trade))

    def _slice_of(self, trade) -> str:
        """`trade over N bars`: which slice of which decision the bar's orders are."""
        n = self.run.strategy.rebalance.tranches
        if trade is None or trade.part == 0 or n == 1:
            return ""
        said = f"slice {trade.part} of {n}"
        return f"; {said}" if trade.decision == trade.bar else f"{said} of the decision of {self.run.dates[trade.decision]}"

    def _why(self, t: int, event: str) -> str:
        sim, k = self.run.sim, self.k
        drift, band = sim.max_drift[k, t] * 100, sim.band[k, t] * 100
        if event == "INITIAL":
            return "first decision bar: trade into the targets"
        if event == "KILL":
            return f"drawdown {sim.drawdown[k, t] * 100:.2f}% reached the max drawdown"
        if event == "DONE":
            return "stopped by the kill switch"
        if event == "WAIT":
            return sim.waiting.get(t, "a signal is stale: wait")
        if event == "TRANCHE":
            return ""                                       # _slice_of says which
        if not sim.check[k, t]:
            return "check is false on this bar"
        if not np.isnan(band):
            sign = ">" if sim.when[k, t] else "<="
            return f"max drift {drift:.2f}pp {sign} band {band:.2f}pp"
        return f"when is {'true' if sim.when[k, t] else 'false'} (max drift {drift:.2f}pp)"

    def trace_text(self) -> str:
        return "".join(format_record(r) + "\n" for r in self.trace_records())
