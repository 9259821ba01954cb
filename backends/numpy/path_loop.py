"""The path loop: every variant's bars in order, one bar at a time, in numba.

One loop runs every strategy: what depends only on prices arrives as series computed beforehand
(`program.Series`); what depends on the path (weights, drift, NAV, drawdown, states, and targets that
read them) is a small register program (`program.Program`) run on each bar. The order of work on a bar
is docs/semantics.md's: pre-trade NAV and peak, states, check, the targets (evaluated on the first
decision bar and on check bars, else the targets in effect are kept: a sleeve's mix on its own check
bars, the sleeves' shares on the strategy's), drift, when, the kill switch, then orders at the
decision's prices.

Why compiled: a band's next trade day depends on the trade before it, so a strategy is thousands of
dependent steps; in NumPy each step is a dozen calls on a few values (~40 us), here a few nanoseconds
per asset and bar. Without numba the same functions run as plain Python (identical, far slower).
Arithmetic keeps strict IEEE order (no fastmath): the same bits on every run.
"""

from __future__ import annotations

import math

import numpy as np

from rbl.backends.numpy.jit import njit

# instruction codes: (code, dst, a, b, c) rows of a program
LOAD, CONST, WEIGHT, TARGET, DRIFT, NAV, STATE, DRAWDOWN = 0, 1, 2, 3, 4, 5, 6, 7
ADD, SUB, MUL, DIV = 10, 11, 12, 13
GT, GE, LT, LE, EQ, NE = 20, 21, 22, 23, 24, 25
AND, OR, NOT, NEG, ABS, WHERE, MIN, MAX, SETH, FIRST, ADD_AT, HOLD, ZERO, FINAL, CASH_REST = range(30, 45)
# AGG: register a (width H) reduced over the holdings to one value, b the reduction (AGG_SUM..AGG_COUNT);
# SINCE: the decision bars since the last firing decision, t - regs[a]: register a holds that bar, kept
# by the loop itself (set to each bar until the first decision, to t on every bar that fires; a sleeve's
# own register on the bars that sleeve fires, `_fired`); no instruction writes it.
AGG, SINCE, DAYS_SINCE = 45, 46, 47       # DAYS_SINCE: series a (day numbers) at t minus at bar regs[b]
AGG_SUM, AGG_MEAN, AGG_MAX, AGG_MIN, AGG_COUNT = range(5)

# event codes (simulation.EVENTS)
WARMUP, INITIAL, REBALANCE, HOLD_EVENT, KILL, DONE, WAIT, TRANCHE = range(8)
TRADE_COLUMNS = 7           # a trade row: variant, bar, cost, V, NAV, decision bar, slice (0: whole); then dq

FLOOR = 1e-9            # the order-size floor of docs/semantics.md, as a share of the value traded
_JIT = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_JIT)
def run(close, data, meta, code, widths, consts, sizes, phases, rules, roles, sleeves, member, settings, lots,
        waits, record_targets, nav, drawdown, drift_top, band_top, flags, sleeve_flags, event, targets, broken):
    """Walk every variant over bars t0..T-1 into the outputs (made with the arguments by
    `engine.Engine.run`, so that numba compiles no allocation of its own); returns the trade rows.

    widths: each register's length (1: a scalar, or H); sizes (3,): registers, holdings H, states;
    phases: where each part of `code` starts and ends: 0, the state rules, the checks, the targets, one
    part per sleeve, the decisions; rules (R, 3): state, becomes, condition register, in declared order;
    roles (5,): registers of check, when, band (-1: none), target (-1: a series or sleeves), the last
    firing bar (-1: none reads it); sleeves (S, 9): each sleeve's mix, share, check and when registers,
    its own last firing bar (-1: none), its policy (breached assets only, to the band edge, its band
    register) and its `trade over N bars`, member (S, H) the holdings it owns
    (S = 0: no sleeves); settings (13,): t0, next_open, capital, rate, fee, min_trade, max_drawdown (NaN:
    none), breached, band_edge, K, target series, initial state bits, tranches (`trade over N bars`, 1: at
    once); then optionally (3K,): each variant's rate, fee and min_trade (costs set by a parameter). With
    N > 1 a decision's orders are kept whole (`rest`) and each decision bar from it on trades rest / (slices
    left) (`_slice`), until N slices or a new decision (docs/semantics.md, *Tranches*). waits (T,): the
    bars where a decision waits for a signal (signals.waits): nothing is decided there but the kill
    switch (it reads no signal); the first decision that does not wait is the INITIAL one.
    """
    T, N = close.shape
    H, n_states, S = sizes[1], sizes[2], sleeves.shape[0]
    K = int(settings[9])
    t0, next_open, capital = int(settings[0]), settings[1] != 0.0, settings[2]
    rate, fee, min_trade, max_dd = settings[3], settings[4], settings[5], settings[6]
    breached, band_edge, target_series = settings[7] != 0.0, settings[8] != 0.0, int(settings[10])
    trades = np.zeros((64, TRADE_COLUMNS + N))
    tranches = int(settings[12])
    rest = np.zeros(N)
    m = 0
    regs = np.zeros((sizes[0], H))
    q, w, target, drift, dq = np.zeros(N), np.zeros(H), np.zeros(H), np.zeros(H), np.zeros(N)
    x, u, shares, mix, totals = np.zeros(H), np.zeros(H), np.zeros(H), np.zeros(H), np.zeros(max(S, 1))
    held_mix, held_share = np.zeros((max(S, 1), H)), np.zeros(max(S, 1))     # each sleeve's mix and share in effect
    sleft, sdecided = np.zeros(max(S, 1), np.int64), np.zeros(max(S, 1), np.int64)   # each sleeve's slices
    fires = np.zeros(max(S, 1), np.bool_)
    states, changed = np.zeros(max(n_states, 1)), np.zeros(max(n_states, 1), np.bool_)
    prices = np.zeros(N)
    last_fire = roles[4]
    for k in range(K):
        for i in range(N):
            q[i] = 0.0
        for h in range(H):
            target[h] = 0.0                         # no targets in effect before the first decision
        cash, peak, killed, started = capital, capital, False, False
        left, decided = 0, 0                           # slices left of the decision of bar `decided`
        for s in range(S):
            sleft[s] = 0
        if len(settings) >= 13 + 3 * K:                 # each variant's own costs (a parameter cost)
            rate, fee, min_trade = settings[13 + 3 * k], settings[14 + 3 * k], settings[15 + 3 * k]
        for i in range(n_states):
            states[i] = 1.0 if (int(settings[11]) >> i) & 1 else 0.0
        for t in range(t0, T):
            for i in range(N):                      # copied, not a view (see _exec)
                prices[i] = close[t, i]
            V = _value_and_weights(q, cash, prices, w)
            peak = max(peak, V)
            if waits[t] and not killed:
                dd = 1.0 - V / peak
                nav[k, t], drawdown[k, t], drift_top[k, t], event[k, t] = V, dd, 0.0, WAIT
                if math.isnan(max_dd) or dd < max_dd:
                    continue
                # the kill switch reads no signal: it closes everything on a bar that waits for one too
                event[k, t], killed, left = KILL, True, 0
                if record_targets:
                    for h in range(H):
                        targets[k, t, h] = target[h]
                if next_open and t + 1 >= T:
                    continue
                for i in range(N):
                    dq[i] = -q[i]
                cash, cost = _fill(q, cash, dq, prices, rate, fee)
                if not next_open:
                    nav[k, t] = _value_and_weights(q, cash, prices, w)
                trades, m = _record(trades, m, k, t, cost, V, nav[k, t], t, 0, dq)
                continue
            if not started:                         # before the first decision, it counts from this bar
                _fired(regs, last_fire, sleeves, fires, True, t)
            if phases[1] > phases[0]:               # the state rules (a call costs more than nothing)
                _exec(code, phases[0], phases[1], regs, widths, data, meta, consts, k, t, w, target, V, peak,
                      states, N)
                _update_states(rules, regs, states, changed)
            _exec(code, phases[1], phases[2], regs, widths, data, meta, consts, k, t, w, target, V, peak, states, N)
            check = regs[roles[0], 0] != 0.0
            if phases[3] > phases[2]:               # targets that read the path (or the sleeves' mixes)
                _exec(code, phases[2], phases[3], regs, widths, data, meta, consts, k, t, w, target, V, peak,
                      states, N)
            if S > 0:
                _hold_sleeves(regs, sleeves, not started, check, held_mix, held_share)
                _compose(held_mix, held_share, N, target)
                _sleeve_weights(q, cash, prices, member, V, x, u, totals)
                _sleeve_rules(code, phases, regs, widths, data, meta, consts, k, t, x, V, peak, states, N,
                              sleeves, member, fires, shares, sleeve_flags, mix, held_mix, held_share)
                width, view_w, view_target = S, u, shares       # the strategy's rules read the sleeves
            else:
                if not started or check:            # targets in effect: evaluated on check bars only
                    if target_series >= 0 and (not started or meta[target_series, 2] > 1):   # a fixed row: once
                        _load(data, meta, target_series, k, t, target)
                    elif roles[3] >= 0:
                        for h in range(H):
                            target[h] = regs[roles[3], h]
                width, view_w, view_target = H, w, target
            _exec(code, phases[S + 3], phases[S + 4], regs, widths, data, meta, consts, k, t, view_w, view_target,
                  V, peak, states, N)
            top, at = _top_drift(view_w, view_target, width, drift)
            # with `trade breached assets` the cash holding is not traded, so its breach alone cannot fire
            when = _any(regs, widths, roles[1], N if breached and S == 0 else width)
            dd = 1.0 - V / peak
            fire = (check and when) or _any_sleeve(fires, S) or not started
            kill = (not math.isnan(max_dd)) and dd >= max_dd
            fire, kill = fire and not killed and not kill, kill and not killed
            nav[k, t], drawdown[k, t], drift_top[k, t] = V, dd, top
            flags[0, k, t], flags[1, k, t] = check, when
            event[k, t] = DONE if killed else HOLD_EVENT
            if record_targets:
                for h in range(H):
                    targets[k, t, h] = target[h]
            if roles[2] >= 0:
                band_top[k, t] = _at(regs, widths, roles[2], at)
            if not (fire or kill):
                pending = _any_left(sleft, S) if S > 0 else left > 0
                if not pending or killed or (next_open and t + 1 >= T):
                    continue
                event[k, t] = TRANCHE                      # a slice of an earlier decision
                if S > 0:
                    for i in range(N):
                        dq[i] = 0.0
                    decided, part = _sleeve_slices(q, cash, prices, rest, sleft, sdecided, sleeves, member,
                                                   min_trade, lots, dq)
                else:
                    _slice(q, cash, prices, rest, left, min_trade, lots, dq)
                    left -= 1
                    part = tranches - left
                cash, cost = _fill(q, cash, dq, prices, rate, fee)
                if not next_open:
                    nav[k, t] = _value_and_weights(q, cash, prices, w)
                trades, m = _record(trades, m, k, t, cost, V, nav[k, t], decided, part, dq)
                continue
            initial, started = not started, True
            event[k, t] = KILL if kill else (INITIAL if initial else REBALANCE)
            _fired(regs, last_fire, sleeves, fires, initial or kill, t)
            if next_open and t + 1 >= T:
                killed = killed or kill
                continue                                   # no next open after the last bar
            left = 0                                       # a new decision replaces the slices left
            part = 1 if tranches > 1 and not kill else 0
            if kill:
                for i in range(N):
                    dq[i] = -q[i]
            elif S > 0:
                _sleeve_orders(q, cash, prices, target, x, shares, totals, fires, held_mix, member, regs, widths,
                               sleeves, initial, check and when, rate, fee, min_trade, lots, dq)
                if _finite(dq):
                    part = _start_sleeve_slices(q, cash, prices, rest, sleft, sdecided, sleeves, member, fires,
                                                initial or (check and when), t, min_trade, lots, dq)
            else:
                _orders(q, cash, prices, target, w, regs, widths, roles, initial, breached, band_edge, rate, fee,
                        min_trade, lots, dq, tranches > 1)
                if tranches > 1 and _finite(dq):
                    for i in range(N):
                        rest[i] = dq[i]
                    left, decided = tranches, t
                    _slice(q, cash, prices, rest, left, min_trade, lots, dq)
                    left -= 1
            if not _finite(dq):                             # targets that divided by zero or overflowed
                broken[k] = t
                break
            cash, cost = _fill(q, cash, dq, prices, rate, fee)
            killed = killed or kill
            if not next_open:                               # trade at close: the bar's NAV is after it
                nav[k, t] = _value_and_weights(q, cash, prices, w)
            trades, m = _record(trades, m, k, t, cost, V, nav[k, t], t, part, dq)
    return trades[:m]


@njit(**_JIT)
def _record(trades, m, k, t, cost, V, nav, decided, part, dq):
    """Trade row m (the rows doubled when full): see TRADE_COLUMNS; part 0: the whole decision."""
    if m == trades.shape[0]:
        trades = _doubled(trades)
    trades[m, 0], trades[m, 1], trades[m, 2], trades[m, 3], trades[m, 4] = k, t, cost, V, nav
    trades[m, 5], trades[m, 6] = decided, part
    for i in range(len(dq)):
        trades[m, TRADE_COLUMNS + i] = dq[i]
    return trades, m + 1


@njit(**_JIT)
def _slice(q, cash, prices, rest, left, min_trade, lots, dq):
    """The next of `left` slices of a decision's orders `rest` (raw, data units) at this bar's prices: rest /
    left, lots toward zero, under the size floor dropped (left in rest for the next slices); rest keeps
    what is still to trade, so the last slice trades all of it."""
    threshold = _slice_floor(q, cash, prices, min_trade)
    for i in range(len(q)):
        _slice_asset(i, rest, left, lots, prices, threshold, dq)


@njit(inline="always", **_JIT)
def _slice_floor(q, cash, prices, min_trade):
    V = cash
    for i in range(len(q)):
        V += q[i] * prices[i]
    return max(min_trade, FLOOR * V)


@njit(inline="always", **_JIT)
def _slice_asset(i, rest, left, lots, prices, threshold, dq):
    x = rest[i] / left
    if lots[i] > 0:
        steps = math.floor(abs(x) / lots[i] + 1e-9) * lots[i]
        x = steps if x > 0 else (-steps if x < 0 else 0.0)
    if abs(x) * prices[i] < threshold:
        x = 0.0
    dq[i] = x
    rest[i] = rest[i] - x


@njit(inline="always", **_JIT)
def _any_left(sleft, S):
    for s in range(S):
        if sleft[s] > 0:
            return True
    return False


@njit(**_JIT)
def _start_sleeve_slices(q, cash, prices, rest, sleft, sdecided, sleeves, member, fires, everything, t, min_trade,
                         lots, dq):
    """A decision with sleeves (docs/semantics.md, *Tranches*): the first one and the strategy's move between
    sleeves trade at once and end every sleeve's slices; else each firing sleeve with `trade over N bars`
    keeps its raw orders (rest) for N slices, replacing what was left of its own, and every sleeve with
    slices left trades its next one on this bar. The trade row's slice: 1 when a sleeve started slicing."""
    S, N = sleeves.shape[0], len(q)
    started = 0
    for s in range(S):
        if everything:
            sleft[s] = 0
        elif fires[s] and sleeves[s, 8] > 1:
            for i in range(N):
                if member[s, i]:
                    rest[i] = dq[i]
            sleft[s], sdecided[s], started = sleeves[s, 8], t, 1
    if _any_left(sleft, S):
        _sleeve_slices(q, cash, prices, rest, sleft, sdecided, sleeves, member, min_trade, lots, dq)
    return started


@njit(**_JIT)
def _sleeve_slices(q, cash, prices, rest, sleft, sdecided, sleeves, member, min_trade, lots, dq):
    """The next slice of every sleeve with slices left, into dq over its own assets (`_slice`'s rule:
    rest / slices left, lots toward zero, the size floor at the portfolio's value); returns (the earliest
    of their decisions' bars, its slice number) for the trade row."""
    threshold = _slice_floor(q, cash, prices, min_trade)
    decided, part = -1, 0
    for s in range(sleeves.shape[0]):
        if sleft[s] <= 0:
            continue
        for i in range(len(q)):
            if member[s, i]:
                _slice_asset(i, rest, sleft[s], lots, prices, threshold, dq)
        sleft[s] -= 1
        if decided < 0 or sdecided[s] < decided:
            decided, part = sdecided[s], sleeves[s, 8] - sleft[s]
    return decided, part


@njit(**_JIT)
def _finite(values):
    for i in range(len(values)):
        if not math.isfinite(values[i]):
            return False
    return True


@njit(**_JIT)
def _fired(regs, last_fire, sleeves, fires, everyone, t):
    """Bar t fired: the strategy's count restarts, and each sleeve's that fired (all on INITIAL and KILL,
    and before the first decision); a sleeve only scaled by the strategy's rule keeps its count."""
    if last_fire >= 0:
        regs[last_fire, 0] = t
    for s in range(sleeves.shape[0]):
        if sleeves[s, 4] >= 0 and (everyone or fires[s]):
            regs[sleeves[s, 4], 0] = t


@njit(**_JIT)
def _reduce(regs, widths, a, kind, H, consts, members):
    """Register a over the H holdings in holding order (only those whose consts[members + h] is 1 when
    members >= 0): sum, mean (the sum / their number), max and min (a NaN wins, as np.max), count (of
    nonzero values)."""
    acc, n = 0.0, 0
    for h in range(H):
        if members >= 0 and consts[members + h] == 0.0:
            continue
        x = _at(regs, widths, a, h)
        n += 1
        if n == 1:
            acc = (1.0 if x != 0.0 else 0.0) if kind == AGG_COUNT else x
        elif kind == AGG_SUM or kind == AGG_MEAN:
            acc = acc + x
        elif kind == AGG_MAX:
            acc = x if acc == acc and (x > acc or x != x) else acc
        elif kind == AGG_MIN:
            acc = x if acc == acc and (x < acc or x != x) else acc
        else:
            acc += 1.0 if x != 0.0 else 0.0
    return acc / n if kind == AGG_MEAN else acc


@njit(inline="always", **_JIT)
def _value_and_weights(q, cash, prices, w):
    """The NAV at these prices; w gets each holding's weight (the cash last, when it is a holding)."""
    N = len(q)
    V = cash
    for i in range(N):
        V += q[i] * prices[i]
    for i in range(N):
        w[i] = q[i] * prices[i] / V
    if len(w) > N:
        w[N] = cash / V
    return V


@njit(inline="always", **_JIT)
def _update_states(rules, regs, states, changed):
    """The first rule of each state whose condition holds and that changes it sets it."""
    for i in range(len(changed)):
        changed[i] = False
    for r in range(rules.shape[0]):
        st, becomes = rules[r, 0], 1.0 if rules[r, 1] else 0.0
        if states[st] != becomes and regs[rules[r, 2], 0] != 0.0 and not changed[st]:
            states[st], changed[st] = becomes, True


@njit(**_JIT)
def _sleeve_rules(code, phases, regs, widths, data, meta, consts, k, t, x, V, peak, states, n_risky, sleeves,
                  member, fires, shares, flags, mix, held_mix, held_share):
    """Each sleeve's check and when (flags (K, T, S, 2) at k, t), read in its own view: weight x, target
    its mix in effect (copied into mix)."""
    for s in range(sleeves.shape[0]):
        for h in range(len(x)):
            mix[h] = held_mix[s, h]
        _exec(code, phases[3 + s], phases[4 + s], regs, widths, data, meta, consts, k, t, x, mix, V, peak,
              states, n_risky)
        own_check, own_when = regs[sleeves[s, 2], 0] != 0.0, False
        # with `trade breached assets` the cash holding is not traded, so its breach alone cannot fire
        for h in range(n_risky if sleeves[s, 5] else len(x)):
            own_when = own_when or (member[s, h] and _at(regs, widths, sleeves[s, 3], h) != 0.0)
        flags[k, t, s, 0], flags[k, t, s, 1] = own_check, own_when
        fires[s] = own_check and own_when
        shares[s] = held_share[s]


@njit(**_JIT)
def _hold_sleeves(regs, sleeves, initial, check, held_mix, held_share):
    """The targets in effect of each sleeve: its mix anew on its own check bars, its share on the
    strategy's (both on the first decision bar), else kept from the bar they were evaluated on."""
    for s in range(sleeves.shape[0]):
        if initial or regs[sleeves[s, 2], 0] != 0.0:
            for h in range(held_mix.shape[1]):
                held_mix[s, h] = regs[sleeves[s, 0], h]
        if initial or check:
            held_share[s] = regs[sleeves[s, 1], 0]


@njit(inline="always", **_JIT)
def _any_sleeve(fires, S):
    for s in range(S):
        if fires[s]:
            return True
    return False


@njit(inline="always", **_JIT)
def _top_drift(view_w, view_target, width, drift):
    """(largest |weight - target| over the view, where): np.max and np.argmax, the first NaN wins."""
    for h in range(width):
        drift[h] = abs(view_w[h] - view_target[h])
    top, at = drift[0], 0
    for h in range(1, width):
        if top == top and (drift[h] > top or drift[h] != drift[h]):
            top, at = drift[h], h
    return top, at


@njit(inline="always", **_JIT)
def _any(regs, widths, r, width):
    """Whether register r holds for any of the view's first `width` holdings."""
    for h in range(width):
        if _at(regs, widths, r, h) != 0.0:
            return True
    return False


@njit(**_JIT)
def _fill(q, cash, dq, prices, rate, fee):
    """(cash after the orders and their cost, the cost); q updated in place."""
    cost = 0.0
    for i in range(len(q)):
        cost += rate * abs(dq[i]) * prices[i] + (fee if dq[i] != 0.0 else 0.0)
    spent = 0.0
    for i in range(len(q)):
        spent += dq[i] * prices[i]
        q[i] += dq[i]
    return cash - (spent + cost), cost


@njit(**_JIT)
def _orders(q, cash, prices, target, w, regs, widths, roles, initial, breached, band_edge, rate, fee, min_trade,
            lots, dq, raw=False):
    """The destination of a strategy without sleeves (breached scope, band edges), then its orders."""
    N = len(q)
    omega, traded = np.zeros(N), np.zeros(N, np.bool_)
    for i in range(N):
        omega[i], traded[i] = target[i], True
    if not initial:
        if breached:
            for i in range(N):
                traded[i] = _at(regs, widths, roles[1], i) != 0.0
        if band_edge:
            for i in range(N):
                gap = w[i] - omega[i]
                sign = 1.0 if gap > 0 else (-1.0 if gap < 0 else (gap if gap != gap else 0.0))
                omega[i] = omega[i] + sign * _at(regs, widths, roles[2], i)
    _rebalance(q, cash, prices, omega, traded, rate, fee, min_trade, lots, dq, raw)


@njit(**_JIT)
def _rebalance(q, cash, prices, omega, traded, rate, fee, min_trade, lots, dq, raw=False):
    """The self-financing orders landing on omega over the traded assets (docs/semantics.md *Orders
    and costs*): V' by the fixed point over the orders above the size floor, lots toward zero, orders
    under the floor dropped (`raw`: neither, for `_slice` to apply per slice)."""
    N = len(q)
    V = cash
    for i in range(N):
        V += q[i] * prices[i]
    threshold = max(min_trade, FLOOR * V)
    after = V
    if rate != 0.0 or fee != 0.0:
        count = 0
        for i in range(N):
            if traded[i] and abs(omega[i] * V - q[i] * prices[i]) >= threshold:
                count += 1
        for _ in range(50):
            spent = 0.0
            for i in range(N):
                if traded[i] and abs(omega[i] * V - q[i] * prices[i]) >= threshold:
                    spent += abs(omega[i] * after - q[i] * prices[i])
            new = V - rate * spent - fee * count
            step, after = abs(new - after), new
            if not step >= 1e-12 * V:
                break
    for i in range(N):
        dq[i] = omega[i] * after / prices[i] - q[i] if traded[i] else 0.0
        if raw:
            continue
        if lots[i] > 0:
            steps = math.floor(abs(dq[i]) / lots[i] + 1e-9) * lots[i]
            dq[i] = steps if dq[i] > 0 else (-steps if dq[i] < 0 else 0.0)
        if abs(dq[i]) * prices[i] < threshold:
            dq[i] = 0.0


@njit(**_JIT)
def _compose(held_mix, held_share, N, target):
    """w* = W_s m_i over the sleeves in declared order; a cash holding gets the rest."""
    for i in range(len(target)):
        target[i] = 0.0
    for s in range(len(held_share)):
        for i in range(N):
            target[i] += held_share[s] * held_mix[s, i]
    if len(target) > N:
        total = 0.0
        for i in range(N):
            total += target[i]
        target[N] = 1.0 - total


@njit(**_JIT)
def _sleeve_weights(q, cash, prices, member, V, x, u, totals):
    """Each sleeve's value V_s (totals), its weight u_s = V_s / NAV, and each holding's share x of its own
    sleeve (0 when the sleeve is empty or owns it not)."""
    S, H, N = member.shape[0], member.shape[1], len(q)
    for s in range(S):
        total = 0.0
        for h in range(H):
            if member[s, h]:
                total += q[h] * prices[h] if h < N else cash
        totals[s] = total
        u[s] = total / V
    for h in range(H):
        x[h] = 0.0
        for s in range(S):
            if member[s, h] and totals[s] != 0.0:
                x[h] = (q[h] * prices[h] if h < N else cash) / totals[s]


@njit(**_JIT)
def _sleeve_orders(q, cash, prices, target, x, shares, totals, fires, held_mix, member, regs, widths, sleeves,
                   initial, parent, rate, fee, min_trade, lots, dq):
    """The three cases of docs/semantics.md *Sleeves*: the first decision and a firing strategy rule trade
    every holding, else each firing sleeve trades as a portfolio of its own, from this bar's holdings
    (raw, before lots and the size floor, when the sleeve trades over several bars: `_start_sleeve_slices`)."""
    N, S = len(q), member.shape[0]
    omega, everything = np.zeros(N), np.zeros(N, np.bool_)
    for i in range(N):
        everything[i] = True
    if initial:
        for i in range(N):
            omega[i] = target[i]
        _rebalance(q, cash, prices, omega, everything, rate, fee, min_trade, lots, dq)
        return
    if parent:                  # y = m for a firing sleeve (or an empty one), else its current mix
        for s in range(S):
            mix = held_mix[s]
            for i in range(N):
                if member[s, i]:
                    omega[i] = shares[s] * (mix[i] if fires[s] or totals[s] == 0.0 else x[i])
        _rebalance(q, cash, prices, omega, everything, rate, fee, min_trade, lots, dq)
        return
    for i in range(N):
        dq[i] = 0.0
    own_q, own_dq, owned = np.zeros(N), np.zeros(N), np.zeros(N, np.bool_)
    for s in range(S):
        if not fires[s]:
            continue
        _sleeve_destination(s, q, x, held_mix[s], member, regs, widths, sleeves, owned, own_q, omega)
        own_cash = cash if member.shape[1] > N and member[s, N] else 0.0
        _rebalance(own_q, own_cash, prices, omega, owned, rate, fee, min_trade, lots, own_dq, sleeves[s, 8] > 1)
        for i in range(N):
            dq[i] += own_dq[i]


@njit(**_JIT)
def _sleeve_destination(s, q, x, mix, member, regs, widths, sleeves, owned, own_q, omega):
    """Sleeve s trading on its own: its holdings (with `trade breached assets` those its when breaches),
    towards its mix, or with `to band edge` the edge of each one's band on the side it drifted to."""
    for i in range(len(q)):
        owned[i] = member[s, i] and (sleeves[s, 5] == 0 or _at(regs, widths, sleeves[s, 3], i) != 0.0)
        own_q[i] = q[i] if member[s, i] else 0.0
        omega[i] = mix[i] if member[s, i] else 0.0
        if owned[i] and sleeves[s, 6]:
            gap = x[i] - mix[i]
            sign = 1.0 if gap > 0 else (-1.0 if gap < 0 else (gap if gap != gap else 0.0))
            omega[i] = mix[i] + sign * _at(regs, widths, sleeves[s, 7], i)


@njit(inline="always", **_JIT)
def _load(data, meta, s, k, t, out):
    """Series s at variant k, bar t into out: its variant and bar axes of length 1 broadcast; its
    holdings axis is out's length."""
    offset, nk, nt, nh = meta[s, 0], meta[s, 1], meta[s, 2], meta[s, 3]
    base = offset + ((min(k, nk - 1) * nt) + (t if nt > 1 else 0)) * nh
    for h in range(nh):
        out[h] = data[base + h]


@njit(inline="always", **_JIT)
def _load_register(data, meta, s, k, t, regs, d):
    """`_load` into register d (indexing, not a view: a view costs two reference counts per use)."""
    offset, nk, nt, nh = meta[s, 0], meta[s, 1], meta[s, 2], meta[s, 3]
    base = offset + ((min(k, nk - 1) * nt) + (t if nt > 1 else 0)) * nh
    for h in range(nh):
        regs[d, h] = data[base + h]


@njit(**_JIT)
def _series_at(data, meta, s, k, t):
    """Series s (one value per bar) at variant k, bar t."""
    offset, nk, nt, nh = meta[s, 0], meta[s, 1], meta[s, 2], meta[s, 3]
    return data[offset + ((min(k, nk - 1) * nt) + (t if nt > 1 else 0)) * nh]


@njit(inline="always", **_JIT)
def _at(regs, widths, r, h):
    """Register r's value for holding h (a scalar register has one value for all)."""
    return regs[r, h if widths[r] > 1 else 0]


@njit(**_JIT)
def _exec(code, start, stop, regs, widths, data, meta, consts, k, t, w, target, V, peak, states, n_risky):
    """Run instructions start..stop-1 on the bar's view (w, target): a register is a scalar (width 1)
    or a vector over the holdings, and a scalar operand broadcasts. Registers are indexed, never
    sliced: a slice in this loop costs more than the arithmetic."""
    H = regs.shape[1]
    for j in range(start, stop):
        op, d, a, b, c = code[j, 0], code[j, 1], code[j, 2], code[j, 3], code[j, 4]
        n = widths[d]
        if op == LOAD:
            _load_register(data, meta, a, k, t, regs, d)
        elif op == CONST:
            for h in range(n):
                regs[d, h] = consts[a]
        elif op == WEIGHT:
            for h in range(H):
                regs[d, h] = w[h]
        elif op == TARGET:
            for h in range(H):
                regs[d, h] = target[h]
        elif op == DRIFT:
            for h in range(H):
                regs[d, h] = abs(w[h] - target[h])
        elif op == NAV:
            regs[d, 0] = V
        elif op == STATE:
            regs[d, 0] = states[a]
        elif op == DRAWDOWN:
            regs[d, 0] = 1.0 - V / peak
        elif op == FIRST:
            regs[d, 0] = regs[a, 0]
        elif op == ZERO:
            for h in range(H):
                regs[d, h] = 0.0
        elif op == SETH:
            regs[d, c] = _at(regs, widths, a, c)
        elif op == ADD_AT:
            regs[d, c] += regs[a, 0]
        elif op == HOLD:
            _hold(regs, d, a, 1 if widths[a] > 1 else 0, b, c, n_risky)
        elif op == FINAL:
            _final(regs, d, a, consts, b, n_risky)
        elif op == CASH_REST:
            total = 0.0
            for i in range(n_risky):
                total += regs[d, i]
            regs[d, n_risky] = 1.0 - total
        elif op == AGG:
            regs[d, 0] = _reduce(regs, widths, a, b, H, consts, c)
        elif op == SINCE:
            regs[d, 0] = t - regs[a, 0]
        elif op == DAYS_SINCE:
            regs[d, 0] = _series_at(data, meta, a, k, t) - _series_at(data, meta, a, k, int(regs[b, 0]))
        elif op == WHERE:
            sx, sy, sz = 1 if widths[a] > 1 else 0, 1 if widths[b] > 1 else 0, 1 if widths[c] > 1 else 0
            for h in range(n):
                regs[d, h] = regs[b, h * sy] if regs[a, h * sx] != 0.0 else regs[c, h * sz]
        else:
            sx, sy = 1 if widths[a] > 1 else 0, 1 if widths[b] > 1 else 0
            for h in range(n):
                regs[d, h] = _binary(op, regs[a, h * sx], regs[b, h * sy])


@njit(inline="always", **_JIT)
def _binary(op, x, y):
    if op == ADD:
        return x + y
    if op == SUB:
        return x - y
    if op == MUL:
        return x * y
    if op == DIV:
        return x / y
    if op == GT:
        return 1.0 if x > y else 0.0
    if op == GE:
        return 1.0 if x >= y else 0.0
    if op == LT:
        return 1.0 if x < y else 0.0
    if op == LE:
        return 1.0 if x <= y else 0.0
    if op == EQ:
        return 1.0 if x == y else 0.0
    if op == NE:
        return 1.0 if x != y else 0.0
    if op == AND:
        return 1.0 if x != 0.0 and y != 0.0 else 0.0
    if op == OR:
        return 1.0 if x != 0.0 or y != 0.0 else 0.0
    if op == NOT:
        return 1.0 if x == 0.0 else 0.0
    if op == NEG:
        return -x
    if op == ABS:
        return abs(x)
    if op == MIN:
        return x if x != x else (y if y != y else min(x, y))
    if op == MAX:
        return x if x != x else (y if y != y else max(x, y))
    return np.nan


@njit(**_JIT)
def _hold(regs, d, cond, stride, only, fallback, n_risky):
    """A hold filter on register d: the risky assets whose condition is false give their weight to the
    fallback (none: -1, the cash). `only` >= 0 restricts it to one asset (a fixed weight's own `hold`)."""
    moved = 0.0
    for h in range(n_risky):
        if (only < 0 or h == only) and regs[cond, h * stride] == 0.0 and regs[d, h] != 0.0:
            moved += regs[d, h]
            regs[d, h] = 0.0
    if fallback >= 0:
        regs[d, fallback] += moved


@njit(**_JIT)
def _final(regs, d, exposure, consts, first, n_risky):
    """Constraints and exposure (register `exposure`, -1: none) in docs/semantics.md's order on the risky
    weights of register d, then the cash holding (when declared) gets the rest. consts[first:first + 6]:
    max weight, cash buffer, max leverage (NaN: none), long only, has cash, how caps apply (0: the max
    weight alone; 1: per-asset caps, 2: spread over the other assets, each with the N caps after it)."""
    cap, buffer, leverage = consts[first], consts[first + 1], consts[first + 2]
    long_only, has_cash = consts[first + 3] != 0.0, consts[first + 4] != 0.0
    caps_mode = int(consts[first + 5])
    if caps_mode == 2:
        _spread_caps(regs, d, consts, first + 6, n_risky)
    elif caps_mode == 1:
        for i in range(n_risky):
            regs[d, i] = regs[d, i] if regs[d, i] != regs[d, i] else min(regs[d, i], consts[first + 6 + i])
    elif cap == cap:
        for i in range(n_risky):
            regs[d, i] = regs[d, i] if regs[d, i] != regs[d, i] else min(regs[d, i], cap)
    if buffer == buffer:
        total = 0.0
        for i in range(n_risky):
            total += regs[d, i]
        if total > 1 - buffer:
            for i in range(n_risky):
                regs[d, i] = regs[d, i] * (1 - buffer) / total
    if exposure >= 0:
        scale = regs[exposure, 0]
        for i in range(n_risky):
            regs[d, i] = regs[d, i] * scale
    if leverage == leverage:
        gross = 0.0
        for i in range(n_risky):
            gross += abs(regs[d, i])
        if gross > leverage:
            for i in range(n_risky):
                regs[d, i] = regs[d, i] * leverage / gross
    if long_only:
        for i in range(n_risky):
            regs[d, i] = regs[d, i] if regs[d, i] != regs[d, i] else max(regs[d, i], 0.0)
    if has_cash:
        total = 0.0
        for i in range(n_risky):
            total += regs[d, i]
        regs[d, n_risky] = 1.0 - total


@njit(**_JIT)
def _spread_caps(regs, d, consts, at, n_risky):
    """`max weight ..., excess to other assets` on register d (caps at consts[at:at + n_risky]): each
    round caps the assets above their cap and spreads the excess over the uncapped assets in proportion
    to their positive weights, until none exceeds (at most n_risky rounds); with nowhere to go, cash."""
    fixed = np.zeros(n_risky, np.bool_)
    for _ in range(n_risky):
        excess = 0.0
        for i in range(n_risky):
            if not fixed[i] and regs[d, i] > consts[at + i]:
                excess = excess + (regs[d, i] - consts[at + i])
                regs[d, i] = consts[at + i]
                fixed[i] = True
        base = 0.0
        for i in range(n_risky):
            if not fixed[i] and regs[d, i] > 0:
                base = base + regs[d, i]
        if not (excess > 0 and base > 0):
            break
        for i in range(n_risky):
            if not fixed[i] and regs[d, i] > 0:
                regs[d, i] = regs[d, i] + excess * (regs[d, i] / base)


@njit(**_JIT)
def _doubled(rows):
    """Twice the rows (element loops: numba compiles a slice assignment ten times slower)."""
    out = np.zeros((2 * rows.shape[0], rows.shape[1]))
    for j in range(rows.shape[0]):
        for i in range(rows.shape[1]):
            out[j, i] = rows[j, i]
    return out
