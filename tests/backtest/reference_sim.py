"""An independent reference simulator of docs/semantics.md: plain Python loops over bars and assets.

It shares no code with backends/numpy (it reads the IR and CSV files itself) and is written for
obviousness, not speed: every indicator is recomputed from its window on the bar that needs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

from rbl.dsl import ir
from rbl.dsl.ir.analysis import is_per_asset
from tests.backtest import reference_regimes

DATA = Path(__file__).resolve().parents[2] / "backends" / "numpy" / "data"
UNIT_BARS = {"bars": 1, "weeks": 5, "months": 21, "years": 252}


def load_columns(columns: list[str]) -> tuple[list[dt.date], list[list[float]]]:
    """Rows of the wanted columns, inner-joined on date across the bundled CSV files; an empty cell (a
    signal's gap) is None."""
    tables = {}
    for path in sorted(DATA.glob("*.csv")):
        with path.open() as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        for c in columns:
            if c in header and c not in tables:
                i = header.index(c)
                tables[c] = {r[0]: float(r[i]) if r[i].strip() else None for r in rows[1:]}
    common = sorted(set.intersection(*(set(t) for t in tables.values())))
    return ([_stamp(d) for d in common], [[tables[c][d] for c in columns] for d in common])


def _stamp(text: str) -> dt.date:
    """A date, or a datetime for an intraday bar ('2021-01-04 10:00')."""
    return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)


def _day(stamp: dt.date) -> dt.date:
    return stamp.date() if isinstance(stamp, dt.datetime) else stamp


def rows_on_bars(dates: list, rows: list[tuple[str, float]]) -> list[float | None]:
    """A signal file's own rows (`date` text, value) on the bars: each row is the value of the first bar
    at or after its date (the later row wins a bar), a bar without a row a gap (None)."""
    out: list[float | None] = [None] * len(dates)
    bars = [dt.datetime.combine(d, dt.time()) if not isinstance(d, dt.datetime) else d for d in dates]
    for text, value in rows:
        stamp = _stamp(text)
        when = stamp if isinstance(stamp, dt.datetime) else dt.datetime.combine(stamp, dt.time())
        at = next((t for t, bar in enumerate(bars) if bar >= when), None)
        if at is not None:
            out[at] = value
    return out


WINDOWED = {"sma", "ema", "return", "vol", "rsi", "percentile", "drawdown"}


def _children(node):
    for name in type(node).model_fields:
        value = getattr(node, name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, ir.Node):
                yield item


def window_bars(q) -> int:
    return int(round(q.value * UNIT_BARS.get(q.unit.value, 1)))


class ReferenceSim:
    def __init__(self, checked, dates, closes, params=None, signals=None):
        """closes[t][i]: the assets' prices; signals: {signal name: [value or None (a gap) per bar]}."""
        self.s = s = checked.strategy
        self.signals = signals or {}
        self.t0 = checked.warmup_bars
        self.dates, self.C = dates, closes               # closes[t][i]
        self.assets = [a.name for a in s.assets]
        self.holdings = self.assets + ([s.cash] if s.cash else [])
        self.params = {p.name: p.default.value for p in s.params}
        self.params.update(params or {})
        self.lets = {x.name: x.value for x in s.lets}
        self.P = s.annualize_days or 252
        self.memo, self.per_asset = {}, {}

    # ---- data access ------------------------------------------------------------------
    def price(self, t, h):
        return 1.0 if h == self.s.cash else self.C[t][self.assets.index(h)]

    # ---- expressions: value at bar t for holding h (h None for scalars) --------------------
    def ev(self, e, t, h):
        name = type(e).__name__
        return getattr(self, "ev_" + name)(e, t, h)

    def ev_Quantity(self, e, t, h):
        if e.unit is ir.Unit.OF_TARGET:
            return e.value * self.cur_target[h]
        return e.value

    def ev_BoolLit(self, e, t, h):
        return e.value

    def ev_Ref(self, e, t, h):
        n = e.name
        if n in self.params:
            return self.params[n]
        if n in self.lets:
            return self.ev(self.lets[n], t, h)
        if n in self.states:
            return self.states[n]
        if n in self.signals:
            return self.signal_at(n, t)[0]
        return self.price(t, n)

    # ---- signals: the last value at or before a bar, and when a decision waits ----------------
    def signal_at(self, name, t):
        """(the last value of the signal at or before bar t, its age in bars); (nan, inf) before the first."""
        for u in range(t, -1, -1):
            if self.signals[name][u] is not None:
                return self.signals[name][u], t - u
        return math.nan, math.inf

    def reach(self, e, name):
        """Bars before the decision bar that e reads of the signal (-1: none); windows and lags add their
        length (ema four), as the warm-up counts them."""
        if isinstance(e, ir.Ref):
            return 0 if e.name == name else self.reach(self.lets[e.name], name) if e.name in self.lets else -1
        inner = [self.reach(c, name) for c in _children(e)]
        if isinstance(e, ir.Call) and len(e.args) == 2 and e.func.value in WINDOWED:
            first = inner[0]
            return -1 if first < 0 else first + self.window(e.args[1]) * (4 if e.func.value == "ema" else 1)
        if isinstance(e, ir.Lag):
            return -1 if inner[0] < 0 else inner[0] + e.bars
        return max(inner, default=-1)

    def waits(self, t):
        """A decision waits when a bar it reads of a signal (t back to its reach) has no value within
        the signal's staleness."""
        for x in self.s.signals:
            parts = [p for p in _children(self.s) if not isinstance(p, (ir.Let, ir.Signal))]
            back = max((self.reach(p, x.name) for p in parts), default=-1)
            for u in range(t - back, t + 1) if back >= 0 else ():
                if u < 0 or self.signal_at(x.name, u)[1] > x.stale_bars:
                    return True
        return False

    def ev_SeriesRef(self, e, t, h):
        k = e.series.value
        if k == "price":
            return self.price(t, h)
        if k == "target":
            return self.cur_target[h]
        if k == "weight":
            return self.cur_weight[h]
        if k == "drift":
            return abs(self.cur_weight[h] - self.cur_target[h])
        if k == "portfolio":
            return self.nav_now
        if k == "basket":
            return self.basket(t)
        if k == "band":
            rows = {b.asset: b.band for b in self.s.bands}
            return self.ev(rows[h], t, h) if h in rows else float("inf")
        raise AssertionError(k)

    def ev_Aggregate(self, e, t, h):
        """One value per bar: the operand for every holding (assets, then cash), reduced in that order."""
        values = [self.ev(e.operand, t, x) for x in self.holdings if not e.assets or x in e.assets]
        op = e.op.value
        if op == "count":
            return float(len([v for v in values if v]))
        if op in ("max", "min"):
            if any(v != v for v in values):
                return math.nan
            return max(values) if op == "max" else min(values)
        total = 0.0
        for v in values:
            total += v
        return total / len(values) if op == "mean" else total

    def ev_SinceRebalance(self, e, t, h):
        """Bars (or calendar days between the dates) since the last decision that fired (INITIAL,
        REBALANCE, KILL); the first decision bar counts as one, so it reads 0 there."""
        if e.unit == "days":
            return (_day(self.dates[t]) - _day(self.dates[self.last_fire])).days
        return t - self.last_fire

    def basket(self, t):
        if "basket" not in self.memo:
            w = {x.asset: x.weight.value for x in self.s.target.entries}
            levels = [1.0]
            for u in range(1, len(self.dates)):
                levels.append(levels[-1] * (1 + sum(w.get(a, 0.0) * (self.C[u][i] / self.C[u - 1][i] - 1)
                                                    for i, a in enumerate(self.assets))))
            self.memo["basket"] = levels
        return self.memo["basket"][t]

    def ev_RegimeIs(self, e, t, h):
        p = self.regime(e.regime)[t]
        return p is not None and reference_regimes.most_probable(p) == ir.regime_state_index(e.state, len(p))

    def ev_RegimeProbability(self, e, t, h):
        p = self.regime(e.regime)[t]
        return math.nan if p is None else p[ir.regime_state_index(e.state, len(p))]

    def regime(self, name):
        if ("regime", name) not in self.memo:
            self.memo[("regime", name)] = reference_regimes.probabilities(self, self.s.regime(name))
        return self.memo[("regime", name)]

    def ev_Lag(self, e, t, h):
        return self.ev(e.operand, t - e.bars, h) if t - e.bars >= 0 else math.nan

    def ev_Neg(self, e, t, h):
        return -self.ev(e.operand, t, h)

    def ev_Not(self, e, t, h):
        return not self.ev(e.operand, t, h)

    def ev_Arith(self, e, t, h):
        a, b = self.ev(e.left, t, h), self.ev(e.right, t, h)
        op = e.op.value
        if op == "/":
            return a / b if b != 0 else (math.copysign(math.inf, a) if a else math.nan)
        return a + b if op == "+" else a - b if op == "-" else a * b

    def ev_Compare(self, e, t, h):
        a, b = self.ev(e.left, t, h), self.ev(e.right, t, h)
        if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
            return e.op.value == "!="
        return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b, "==": a == b, "!=": a != b}[e.op.value]

    def ev_Logic(self, e, t, h):
        values = [bool(self.ev(x, t, h)) for x in e.operands]
        return all(values) if e.op.value == "and" else any(values)

    def ev_IfElse(self, e, t, h):
        return self.ev(e.then, t, h) if self.ev(e.cond, t, h) else self.ev(e.otherwise, t, h)

    def ev_CalendarRule(self, e, t, h):
        if (id(e), t) not in self.memo:
            self.memo[id(e), t] = self.calendar(e, t)
        return self.memo[id(e), t]

    def calendar(self, e, t):
        d = self.dates
        if e.rule == "daily" and e.unwritten:
            return True
        first_of_day = t == 0 or _day(d[t - 1]) != _day(d[t])
        if e.rule == "daily":
            return first_of_day
        if e.rule == "hours":
            block = lambda x: (_day(x), x.hour // e.n)  # noqa: E731
            return t == 0 or block(d[t - 1]) != block(d[t])
        if e.rule == "weekday":
            wd = list(ir.Weekday).index(e.weekday)
            if d[t].weekday() < wd:
                return False
            u = t - 1
            while u >= 0 and d[u].isocalendar()[:2] == d[t].isocalendar()[:2]:
                if d[u].weekday() >= wd:
                    return False
                u -= 1
            return True
        key = lambda day: {"week": day.isocalendar()[:2], "month": (day.year, day.month),  # noqa: E731
                           "quarter": (day.year, (day.month - 1) // 3), "year": day.year}[e.period.value]
        if e.rule == "last":
            return t + 1 < len(d) and key(d[t + 1]) != key(d[t])
        if not first_of_day:
            return False
        days, u = {_day(d[t])}, t - 1
        while u >= 0 and key(d[u]) == key(d[t]):
            days.add(_day(d[u]))
            u -= 1
        return len(days) == e.n

    def ev_Call(self, e, t, h):
        f = e.func.value
        if f == "drawdown" and len(e.args) == 1:
            return 1 - self.nav_now / self.peak
        if f in ("min", "max"):
            values = [self.ev(a, t, h) for a in e.args]
            return min(values) if f == "min" else max(values)
        if f == "clamp":
            x, lo, hi = (self.ev(a, t, h) for a in e.args)
            return min(max(x, lo), hi)
        if f == "abs":
            return abs(self.ev(e.args[0], t, h))
        if id(e) not in self.per_asset:
            self.per_asset[id(e)] = is_per_asset(e.args[0], self.lets)
        key = (id(e), t, h if self.per_asset[id(e)] else None)
        if key not in self.memo:
            self.memo[key] = self.windowed(f, e.args[0], self.window(e.args[1]), t, h)
        return self.memo[key]

    def window(self, e):
        if isinstance(e, ir.Ref):
            p = self.s.param(e.name)
            return int(round(self.params[e.name] / (0.01 if p.default.unit.value in ("percent", "pp") else 1)
                             * UNIT_BARS.get(p.default.unit.value, 1)))
        return window_bars(e)

    def series(self, x, t, h, count):
        """x at bars t-count+1 .. t (None if the window starts before bar 0)."""
        if t - count + 1 < 0:
            return None
        column = self.price_column(x, h)
        if column is not None:
            return [self.C[u][column] for u in range(t - count + 1, t + 1)]
        return [self.ev(x, u, h) for u in range(t - count + 1, t + 1)]

    def price_column(self, x, h):
        """The asset column when x is a plain price series (a shortcut for speed only)."""
        if isinstance(x, ir.Ref) and x.name in self.assets:
            return self.assets.index(x.name)
        if isinstance(x, ir.SeriesRef) and x.series.value == "price" and h in self.assets:
            return self.assets.index(h)
        return None

    def windowed(self, f, x, n, t, h):
        if f == "sma":
            xs = self.series(x, t, h, n)
            return math.nan if xs is None else sum(xs) / n
        if f == "ema":
            start, a = max(0, t - 4 * n + 1), 2 / (n + 1)
            value = self.ev(x, start, h)
            for u in range(start + 1, t + 1):
                value = a * self.ev(x, u, h) + (1 - a) * value
            return value
        if f == "return":
            return self.ev(x, t, h) / self.ev(x, t - n, h) - 1 if t - n >= 0 else math.nan
        if f == "drawdown":
            xs = self.series(x, t, h, n)
            return math.nan if xs is None else 1 - xs[-1] / max(xs)
        if f == "percentile":
            xs = self.series(x, t, h, n)
            if xs is None or any(math.isnan(v) for v in xs):
                return math.nan
            return sum(1 for v in xs if v <= xs[-1]) / n
        xs = self.series(x, t, h, n + 1)
        if xs is None:
            return math.nan
        if f == "vol":
            return stdev([xs[i + 1] / xs[i] - 1 for i in range(n)]) * math.sqrt(self.P)
        if f == "rsi":
            d = [xs[i + 1] - xs[i] for i in range(n)]
            g, l_ = sum(max(v, 0) for v in d) / n, sum(max(-v, 0) for v in d) / n
            return 0.5 if g + l_ == 0 else g / (g + l_)
        raise AssertionError(f)

    # ---- targets ---------------------------------------------------------------------------
    def scheme(self, node, t):
        kind = type(node).__name__
        w = {a: 0.0 for a in self.assets}
        if kind == "FixedWeights":
            for x in node.entries:
                if x.asset in w:
                    w[x.asset] = self.ev(x.weight, t, x.asset)
            for x in node.entries:
                if x.hold and x.asset in w:
                    self.hold(w, x.hold, t, [x.asset])
            return w
        if kind == "BranchWeights":
            return self.scheme(node.then if self.ev(node.cond, t, None) else node.otherwise, t)
        names = list(node.assets)
        if kind == "EqualWeights":
            for a in names:
                w[a] = 1 / len(names)
        elif kind == "InverseVolWeights":
            n = self.window(node.lookback)
            inv = {a: 1 / max(stdev(self.rets(a, t, n)), 1e-12) for a in names}
            for a in names:
                w[a] = inv[a] / sum(inv.values())
        elif kind == "RiskParityWeights":
            w.update(zip(names, erc([self.rets(a, t, self.window(node.lookback)) for a in names], node.shrunk)))
        elif kind == "SelectWeights":
            def key(a):
                v = self.ev(node.by, t, a)
                v = -v if node.side.value == "top" else v
                return (1, 0) if math.isnan(v) else (0, v)
            ranked = sorted(names, key=lambda a: (key(a), names.index(a)))
            for a in ranked[:node.n]:
                w[a] = 1 / node.n
        self.hold(w, node.hold, t, names)
        return w

    def rets(self, a, t, n):
        i = self.assets.index(a)
        return [self.C[u][i] / self.C[u - 1][i] - 1 for u in range(t - n + 1, t + 1)]

    def hold(self, w, hold, t, names):
        if hold is None:
            return
        for a in names:
            if w[a] != 0 and not self.ev(hold.cond, t, a):
                moved, w[a] = w[a], 0.0
                if hold.fallback in w:
                    w[hold.fallback] += moved

    def targets(self, t):
        s, c = self.s, self.s.constraints
        w = self.scheme(s.target, t)
        caps = {a: c.max_weight.value if c.max_weight else math.inf for a in self.assets}
        for cap in c.asset_caps:
            caps[cap.asset] = min(caps[cap.asset], cap.weight.value)
        if c.excess.value == "others":
            w = spread_excess(w, caps, self.assets)
        else:
            w = {a: min(v, caps[a]) for a, v in w.items()}
        if c.cash_buffer and sum(w.values()) > 1 - c.cash_buffer.value:
            total = sum(w.values())
            w = {a: v * (1 - c.cash_buffer.value) / total for a, v in w.items()}
        if s.exposure is not None:
            e = self.ev(s.exposure, t, None)
            w = {a: v * e for a, v in w.items()}
        if c.max_leverage and sum(abs(v) for v in w.values()) > c.max_leverage.value:
            gross = sum(abs(v) for v in w.values())
            w = {a: v * c.max_leverage.value / gross for a, v in w.items()}
        if c.long_only:
            w = {a: max(v, 0.0) for a, v in w.items()}
        if s.cash:
            w[s.cash] = 1 - sum(w.values())
        return w

    # ---- the bar loop --------------------------------------------------------------------
    def run(self):
        s = self.s
        T, capital = len(self.dates), s.capital.value
        self.q, self.cash = {a: 0.0 for a in self.assets}, capital
        self.states = {x.name: x.initial for x in s.states}
        self.peak, killed = capital, False
        nav = [capital] * T
        self.trades = []                                   # (decision bar, {asset: dq}, cost)
        self.events = {}
        next_open = s.execution.trade_at is ir.TradeAt.NEXT_OPEN
        self.started = False
        self.cur_target = {h: 0.0 for h in self.holdings}     # no targets in effect before the first decision
        self.target_log = {}                                  # bar -> the targets in effect there
        self.rest, self.left = {}, 0                       # `trade over N bars`: what is left of the decision
        for t in range(self.t0, T):
            self.nav_now = self.cash + sum(self.q[a] * self.C[t][i] for i, a in enumerate(self.assets))
            nav[t] = self.nav_now
            self.peak = max(self.peak, self.nav_now)
            if killed:
                self.events[t] = "DONE"
                continue
            kill = s.constraints.max_drawdown and 1 - self.nav_now / self.peak >= s.constraints.max_drawdown.value
            waits = self.waits(t)
            if waits and not kill:
                self.events[t] = "WAIT"
                continue
            if not self.started:
                self.last_fire = t                          # counted from the first decision bar
            # the kill switch reads no signal: a bar that waits for one still closes everything
            fire, orders = (False, None) if waits else self.decide(t)
            if not (kill or fire):
                self.events[t] = "TRANCHE" if self.left and not (next_open and t + 1 >= T) else "HOLD"
                if self.events[t] == "TRANCHE":
                    dq = self.next_slice(self.C[t])
                    self.trades.append((t, dq, self.fill(dq, self.C[t])))
                    if not next_open:
                        nav[t] = self.cash + sum(self.q[a] * self.C[t][i] for i, a in enumerate(self.assets))
                continue
            self.events[t] = "KILL" if kill else "INITIAL" if not self.started else "REBALANCE"
            self.last_fire, self.started = t, True
            killed = bool(kill)
            self.left = 0                                  # a new decision replaces what was left
            if next_open and t + 1 >= T:
                continue
            prices = self.C[t]
            if kill:
                dq = {a: -self.q[a] for a in self.assets}
            elif s.rebalance.tranches > 1:
                self.rest, self.left = orders(prices, True), s.rebalance.tranches
                dq = self.next_slice(prices)
            else:
                dq = orders(prices)
            cost = self.fill(dq, prices)
            self.trades.append((t, dq, cost))
            if not next_open:
                nav[t] = self.cash + sum(self.q[a] * prices[i] for i, a in enumerate(self.assets))
        return nav

    def decide(self, t):
        """(whether bar t fires, its orders as a function of the prices): states updated first, then the
        check, then the targets, evaluated on the first decision bar and on check bars only (the targets
        in effect are kept in between)."""
        s = self.s
        self.cur_weight = {a: self.q[a] * self.C[t][i] / self.nav_now for i, a in enumerate(self.assets)}
        if s.cash:
            self.cur_weight[s.cash] = self.cash / self.nav_now
        self.update_states(t)
        check = bool(self.ev(s.rebalance.check, t, None))
        if not self.started or check:
            self.cur_target = self.targets(t)
        self.target_log[t] = dict(self.cur_target)
        scope = self.assets if s.rebalance.scope.value == "breached" else self.holdings   # cash is not traded
        breached = [h for h in scope if self.ev(s.rebalance.when, t, h)]
        fire = not self.started or (check and bool(breached))
        return fire, lambda prices, raw=False: self.orders(t, prices, breached, raw)

    def update_states(self, t):
        for state in self.s.states:
            current = self.states[state.name]
            for r in state.rules:
                if r.becomes != current and self.ev(r.when, t, None):
                    self.states[state.name] = r.becomes
                    break

    def next_slice(self, prices):
        """The next slice: what is left of each order over the slices left, in lots toward zero, dropped
        under the size floor at this bar's NAV (it stays in what is left)."""
        V = self.cash + sum(self.q[a] * prices[i] for i, a in enumerate(self.assets))
        floor = max(self.cost("min_trade"), 1e-9 * V)
        dq = {}
        for a, r in self.rest.items():
            d, lot = r / self.left, self.s.asset(a).lot
            if lot:
                d = math.copysign(math.floor(abs(d) / lot + 1e-9) * lot, d)
            if abs(d) * prices[self.assets.index(a)] < floor:
                d = 0.0
            if d:
                dq[a] = d
            self.rest[a] = r - d
        self.left -= 1
        return dq

    def orders(self, t, prices, breached, raw=False):
        s = self.s
        initial = self.events.get(t) == "INITIAL"
        traded = self.assets if initial or s.rebalance.scope.value == "all" else \
            [a for a in self.assets if a in breached]
        omega = {a: self.cur_target[a] for a in traded}
        if not initial and s.rebalance.to.value == "band_edge":
            band = s.rebalance.when.right
            for a in traded:
                diff = self.cur_weight[a] - self.cur_target[a]
                sign = (diff > 0) - (diff < 0)
                omega[a] = self.cur_target[a] + sign * self.ev(band, t, a)
        return self.standard(self.q, self.cash, prices, omega, traded, raw)

    def cost(self, name):
        """A cost's value: its literal, or its parameter's value in this run (0 when not declared)."""
        x = getattr(self.s.costs, name)
        if x is None:
            return 0.0
        return self.params[x.name] if isinstance(x, ir.Ref) else x.value

    def rate(self):
        return self.cost("commission") + self.cost("slippage") + self.cost("spread") / 2

    def standard(self, q, cash, prices, omega, traded, raw=False):
        """The standard algorithm of *Orders and costs* on a portfolio of quantities q and cash; `raw`:
        the orders before lots and the size floor (what `trade over N bars` slices)."""
        k, fee, m = self.rate(), self.cost("per_order"), self.cost("min_trade")
        price = {a: prices[i] for i, a in enumerate(self.assets)}
        V = cash + sum(q[a] * price[a] for a in self.assets)
        big = [a for a in traded if abs(omega[a] * V - q[a] * price[a]) >= max(m, 1e-9 * V)]
        Vp = V
        if k or fee:
            for _ in range(50):
                new = V - sum(k * abs(omega[a] * Vp - q[a] * price[a]) + fee for a in big)
                step, Vp = abs(new - Vp), new
                if step < 1e-12 * V:
                    break
        dq = {}
        for a in traded:
            d = omega[a] * Vp / price[a] - q[a]
            if raw:
                dq[a] = d
                continue
            lot = self.s.asset(a).lot
            if lot:
                d = math.copysign(math.floor(abs(d) / lot + 1e-9) * lot, d)
            if d != 0 and abs(d) * price[a] >= max(m, 1e-9 * V):
                dq[a] = d
        return dq

    def fill(self, dq, prices):
        k, fee = self.rate(), self.cost("per_order")
        cost = 0.0
        for a, d in dq.items():
            p = prices[self.assets.index(a)]
            if d != 0:
                cost += k * abs(d) * p + fee
            self.cash -= d * p
            self.q[a] += d
        self.cash -= cost
        return cost


def spread_excess(w, caps, order):
    """The capped weights with their excess moved to the uncapped assets pro rata, round after round."""
    w, capped = dict(w), set()
    while True:
        over = [a for a in order if a not in capped and w[a] > caps[a]]
        excess = 0.0
        for a in over:
            excess += w[a] - caps[a]
            w[a] = caps[a]
            capped.add(a)
        takers = [a for a in order if a not in capped and w[a] > 0]
        base = 0.0
        for a in takers:
            base += w[a]
        if not over or base <= 0:
            return w
        for a in takers:
            w[a] = w[a] + excess * (w[a] / base)


def ledoit_wolf_correlations(returns):
    """docs/semantics.md's shrunk covariance, by another route than erc.py's: scikit-learn's Ledoit-Wolf
    on the standardized returns (whose shrunk covariance is (1 - d) R + d I), rescaled by the ddof-1
    standard deviations."""
    import numpy as np
    from sklearn.covariance import ledoit_wolf
    x = np.array(returns).T                                     # (bars, assets)
    sd = x.std(axis=0, ddof=1)
    risky = sd > 0                                              # a flat price: no correlation to estimate
    cov = np.zeros((len(sd), len(sd)))
    if risky.any():
        y = x[:, risky]
        shrunk, _ = ledoit_wolf((y - y.mean(axis=0)) / y.std(axis=0))
        cov[np.ix_(risky, risky)] = shrunk * np.outer(sd[risky], sd[risky])
    return cov.tolist()


def stdev(xs):
    mean = sum(xs) / len(xs)
    return math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))


def erc(returns, shrunk=False):
    """Cyclical coordinate descent for long-only equal risk contribution, as docs/semantics.md says."""
    n, m = len(returns), len(returns[0])
    means = [sum(r) / m for r in returns]
    cov = [[sum((returns[i][u] - means[i]) * (returns[j][u] - means[j]) for u in range(m)) / (m - 1)
            for j in range(n)] for i in range(n)]
    if shrunk:
        cov = ledoit_wolf_correlations(returns)
    x = [1 / max(math.sqrt(cov[i][i]), 1e-12) for i in range(n)]      # a flat price: no risk to budget
    for _ in range(1000):
        moved = 0.0
        for i in range(n):
            if cov[i][i] == 0:
                continue
            c = sum(cov[i][j] * x[j] for j in range(n)) - cov[i][i] * x[i]
            new = (-c + math.sqrt(c * c + 4 * cov[i][i] / n)) / (2 * cov[i][i])
            moved = max(moved, abs(new - x[i]) / abs(x[i]))
            x[i] = new
        if moved <= 1e-12:
            break
    return [v / sum(x) for v in x]
