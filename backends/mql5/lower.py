"""Lowering of a checked strategy to the MQL5 program model: defines, inputs, globals and hooks."""

from __future__ import annotations

import re
import zlib
from contextlib import nullcontext

from rbl.dsl import ir
from rbl.dsl.ir.analysis import asset_caps, band_of, costs_at_defaults, is_per_asset, lets_of
from rbl.dsl.ir.checked import CheckedStrategy
from rbl.backends.mql5.lower_expr import SINCE_FIRE, UNIT_SCALE, Ctx, ExprLowerer, input_name
from rbl.backends.mql5 import lower_signals, lower_sleeves
from rbl.backends.mql5.lower_regimes import HISTORY_BARS, regime_defines, regimes_hook
from rbl.backends.mql5.lower_sleeves import SLEEVE_SHARES, sleeves_of
from rbl.backends.mql5.lower_weights import AT, WeightsLowerer
from rbl.backends.mql5.program import Function, Input, Program, Stmt, Unsupported
from rbl.backends.mql5.spans import SpanMap
from rbl.backends.mql5.timeframe import DAILY, bar_seconds, is_intraday
from rbl.dsl.fmt import calendar
from rbl.backends.mql5.writer import comment_text, mql_double, mql_string

SYMBOLS, PARAMS, COSTS, EXECUTION = "Symbols", "Strategy parameters", "Cost model (order sizing)", "Execution"
CAPITAL = "Capital (what this EA manages on the account)"
CLOSE_WINDOW_MINUTES = 10               # trade at close: the default of InpCloseWindowMinutes
FALLBACK_SESSION_END = 23 * 3600 + 59 * 60   # seconds after midnight, when no session is defined


def lower(checked: CheckedStrategy, spans: SpanMap, timeframe: str = DAILY) -> Program:
    strategy = checked.strategy
    program = Program(title=strategy.name, close_window=_trades_at_close(strategy), timeframe=timeframe)
    _intraday_supported(strategy, timeframe, spans)
    low = ExprLowerer(strategy, program, spans)
    program.defines = _defines(checked, timeframe)
    program.inputs = _symbol_inputs(strategy, spans) + lower_signals.inputs(strategy, spans.line)
    program.inputs += _param_inputs(strategy, spans) + _cost_inputs(strategy)
    program.inputs += _capital_inputs() + _execution_inputs(strategy, timeframe)
    program.globals = _globals(strategy, spans) + (_close_globals() if program.close_window else [])
    program.sleeves = bool(sleeves_of(strategy))
    program.signals = bool(strategy.signals)
    program.regimes = bool(strategy.regimes)
    if program.regimes:         # before RblStatesUpdate, which calls it first
        program.add(regimes_hook(strategy, low))
    hooks = (_init_symbols, _states_update, _states_save, _states_load)
    if program.sleeves:
        hooks += (lower_sleeves.targets_hook, lower_sleeves.sleeve_rules_hook, _check, lower_sleeves.when_hook)
    else:
        hooks += (_targets, _check, _when)
    for hook in hooks + (_band,):
        program.add(hook(strategy, low))
    waiting = lower_sleeves.since_waiting() if _reads_since(strategy) and program.sleeves else []
    program.add(lower_signals.stale_hook(strategy, _reads_since(strategy), SINCE_FIRE, waiting))
    return program


def _trades_at_close(strategy: ir.Strategy) -> bool:
    """`trade at close`: the EA decides and trades in the close window of the bar being formed."""
    return strategy.execution.trade_at is ir.TradeAt.CLOSE


def _magic(strategy: ir.Strategy) -> int:
    """A stable magic number per strategy name (crc32 does not depend on the hash seed)."""
    return 100000 + zlib.crc32(strategy.name.encode("utf-8")) % 900000000


def _intraday_supported(strategy: ir.Strategy, timeframe: str, spans: SpanMap) -> None:
    """Hours rules need intraday bars; the close window is a daily session's, so `trade at close`
    needs daily bars."""
    from rbl.dsl.ir.walk import walk
    hours = next((n for n in walk(strategy) if isinstance(n, ir.CalendarRule) and n.rule == "hours"), None)
    if hours is not None and not is_intraday(timeframe):
        raise Unsupported(f"line {spans.line(hours)}: '{calendar(hours)}' needs intraday bars; compile "
                          f"with --timeframe H1 (or the bars of your data), not {timeframe}")
    if _trades_at_close(strategy) and is_intraday(timeframe):
        raise Unsupported(f"'trade at close' decides in a daily close window; on {timeframe} bars use "
                          "'trade at next open'")


def _defines(checked: CheckedStrategy, timeframe: str = DAILY) -> list[tuple[str, str, str]]:
    s = checked.strategy
    n = len(s.assets)
    c = s.constraints
    kill = c.max_drawdown.value if c.max_drawdown else 0.0
    band_edge = s.rebalance.to is ir.RebalanceTo.BAND_EDGE
    return [
        ("RBL_STRATEGY_NAME", mql_string(s.name), "the strategy's name, as written"),
        ("RBL_ASSETS", str(n), "declared assets, in declaration order"),
        ("RBL_HOLDINGS", str(n + (1 if s.cash else 0)), "assets plus the cash sleeve when declared"),
        ("RBL_CASH_SLEEVE", "true" if s.cash else "false", "a cash sleeve is declared"),
        ("RBL_TRACE_HOLDINGS", str(n), "holdings printed in the trace's targets"),
        ("RBL_WARMUP", str(checked.warmup_bars), "bars of history before the first decision"),
        _depth(checked, timeframe),
        _decision_shift(s),
        ("RBL_TIMEFRAME", f"PERIOD_{timeframe}", "the bars of the data"),
        ("RBL_BAR_SECONDS", str(bar_seconds(timeframe)), "seconds a bar lasts (MetaTrader's bars start at multiples of it)"),
        ("RBL_INTRADAY", "true" if is_intraday(timeframe) else "false",
         "bars shorter than a day: calendar rules pick a day's first bar, traces print the time"),
        ("RBL_WEEK", "1", "calendar periods"), ("RBL_MONTH", "2", ""), ("RBL_QUARTER", "3", ""),
        ("RBL_YEAR", "4", ""),
        ("RBL_TRADE_BREACHED", "true" if s.rebalance.scope is ir.TradeScope.BREACHED else "false",
         "trade only the holdings that breach `when`"),
        ("RBL_BAND_EDGE", "true" if band_edge else "false", "trade back to the band edge, not the target"),
        ("RBL_TRANCHES", str(s.rebalance.tranches), "`trade over N bars`: each decision's orders in N slices (1: at once)"),
        ("RBL_MODE_ALERT", "true" if s.execution.mode is ir.Mode.ALERT else "false",
         "send the orders for approval instead of trading"),
        ("RBL_KILL_DRAWDOWN", mql_double(kill), "max drawdown kill switch (0: none)"),
    ] + _sleeve_defines(s) + lower_signals.defines(s) + regime_defines(s) + (_close_defines() if _trades_at_close(s) else [])


def _depth(checked: CheckedStrategy, timeframe: str) -> tuple[str, str, str]:
    s = checked.strategy
    if s.regimes:
        return ("RBL_DEPTH", str(HISTORY_BARS), "joint bars loaded per decision: the whole history, "
                "which a regime's fits count bars in")
    return ("RBL_DEPTH", str(checked.warmup_bars + _calendar_depth(s, timeframe) + 2 + lower_signals.depth(s)),
            "joint bars loaded per decision: the warm-up, the calendar rules' look-back, today and the decision bar"
            + (", and the signals' staleness" if s.signals else ""))


def _calendar_depth(strategy: ir.Strategy, timeframe: str = DAILY) -> int:
    """Bars the calendar rules look back past the decision bar (`nth trading day`: n days, of at most
    a whole day's bars each on intraday bars)."""
    from rbl.dsl.ir.walk import walk
    days = max([1] + [n.n for n in walk(strategy) if isinstance(n, ir.CalendarRule) and n.rule == "nth"])
    return days if not is_intraday(timeframe) else days * (86400 // bar_seconds(timeframe)) + 2


def _decision_shift(strategy: ir.Strategy) -> tuple[str, str, str]:
    if _trades_at_close(strategy):
        return ("RBL_DECISION_SHIFT", "g_decision_shift",
                "0: the bar being formed, in its close window; 1: the closed bar, when its window was missed")
    return ("RBL_DECISION_SHIFT", "1", "decisions read the last closed bar")


def _close_defines() -> list[tuple[str, str, str]]:
    return [("RBL_FALLBACK_SESSION_END", str(FALLBACK_SESSION_END),
             "23:59 server time: the session end when no symbol has a session that day")]


def _close_globals() -> list[Stmt]:
    return [Stmt("int g_decision_shift = 0;         // the bar the current decision reads (RBL_DECISION_SHIFT)")]


def _sleeve_defines(strategy: ir.Strategy) -> list[tuple[str, str, str]]:
    count = len(sleeves_of(strategy))
    return [("RBL_SLEEVES", str(count), "sleeves, in declared order")] if count else []


def _symbol_inputs(strategy: ir.Strategy, spans: SpanMap) -> list[Input]:
    return [Input(SYMBOLS, "string", f"InpSymbol{i}", mql_string(a.symbol),
                  comment_text(f"{a.name}: broker symbol (add the broker's suffix if any)"),
                  static=True, rbl_line=spans.line(a))
            for i, a in enumerate(strategy.assets)]


def _written(q: ir.Quantity) -> float:
    scale = UNIT_SCALE.get(q.unit, 1.0)
    return round(q.value / scale, 10)


def _param_inputs(strategy: ir.Strategy, spans: SpanMap) -> list[Input]:
    out = []
    for p in strategy.params:
        unit = p.default.unit.value
        note = f"{p.name} ({unit}), {_written(p.lo):g} to {_written(p.hi):g} step {_written(p.step):g}"
        out.append(Input(PARAMS, "double", input_name(p.name), mql_double(_written(p.default)),
                         comment_text(note), rbl_line=spans.line(p)))
    return out


def _cost_inputs(strategy: ir.Strategy) -> list[Input]:
    """The cost inputs a trader sets to the broker's terms; a parameter cost starts at the parameter's
    default (the EA's costs size its orders; the broker charges what it charges)."""
    costs = costs_at_defaults(strategy)
    bps = lambda q: mql_double(round(q.value / 0.0001, 10) if q else 0.0)  # noqa: E731
    money = lambda q: mql_double(q.value if q else 0.0)  # noqa: E731
    return [
        Input(COSTS, "double", "InpCommissionBps", bps(costs.commission), "commission, bps of notional"),
        Input(COSTS, "double", "InpSpreadBps", bps(costs.spread), "spread, bps of notional (half per side)"),
        Input(COSTS, "double", "InpSlippageBps", bps(costs.slippage), "slippage, bps of notional"),
        Input(COSTS, "double", "InpFeePerOrder", money(costs.per_order), "fee per order, account currency"),
        Input(COSTS, "double", "InpMinTrade", money(costs.min_trade), "skip orders under this notional"),
    ]


def _capital_inputs() -> list[Input]:
    return [
        Input(CAPITAL, "double", "InpCapital", "0.0",
              "account currency; 0: InpCapitalPercent of the equity at the first decision", True),
        Input(CAPITAL, "double", "InpCapitalPercent", "100.0",
              "share of the equity (and of deposits/withdrawals) when InpCapital is 0, percent", True),
        Input(CAPITAL, "bool", "InpAcceptForeignVolume", "false",
              "netting: start even if others hold volume on these symbols; manage only this EA's", True),
        Input(CAPITAL, "double", "InpMarginSafetyPercent", "0.5",
              "free margin kept beyond an order's margin (spread, commission), percent", True),
    ]


def _execution_inputs(strategy: ir.Strategy, timeframe: str = DAILY) -> list[Input]:
    magic = _magic(strategy)
    # a minute, or a quarter of a bar on bars under 4 minutes: every bar is seen soon after it opens
    timer = min(60, bar_seconds(timeframe) // 4)
    window = [Input(EXECUTION, "int", "InpCloseWindowMinutes", str(CLOSE_WINDOW_MINUTES),
                    "trade at close: decide and trade this many minutes before the session ends")]
    return (window if _trades_at_close(strategy) else []) + [
        Input(EXECUTION, "ulong", "InpMagic", str(magic), "magic number of this EA's orders", True),
        Input(EXECUTION, "int", "InpTimerSeconds", str(timer), "timer period, seconds", True),
        Input(EXECUTION, "int", "InpDeviationPoints", "10", "max price deviation, points", True),
        Input(EXECUTION, "int", "InpRetrySeconds", "300", "longest back-off after a transient reject, seconds", True),
        Input(EXECUTION, "double", "InpMaxOrderValue", "0.0", "cap on one order's notional (0: none)", True),
        Input(EXECUTION, "bool", "InpApproveAll", "false", "alert mode: execute without approval", True),
    ]


def _globals(strategy: ir.Strategy, spans: SpanMap) -> list[Stmt]:
    out = [Stmt("string g_sym[RBL_ASSETS];"), Stmt("string g_name[RBL_HOLDINGS];")]
    basket = ", ".join(mql_double(w) for w in _basket_weights(strategy))
    out.append(Stmt(f"double g_basket_w[RBL_ASSETS] = {{{basket}}};"))
    lots = ", ".join(mql_double(a.lot or 0.0) for a in strategy.assets)
    out.append(Stmt(f"double g_lot_units[RBL_ASSETS] = {{{lots}}};   // declared `lot`s, data units (0: none)"))
    for state in strategy.states:
        value = "true" if state.initial else "false"
        out.append(Stmt(f"bool g_st_{state.name} = {value};", rbl_line=spans.line(state)))
    if _reads_since(strategy):
        out += [Stmt(f"double {SINCE_FIRE} = 0.0;   // bars since rebalance: decision bars since the last that fired"),
                Stmt("bool g_check_now = false;    // this decision's check (bars since rebalance)"),
                Stmt("bool g_fire_now = false;     // this decision fires: INITIAL, KILL, or check and when hold"),
                Stmt("bool g_since_done = false;   // a decision was made (persisted)"),
                Stmt("bool g_since_killed = false; // the kill switch fired (persisted)")]
        out += [Stmt("double g_today = 0.0;        // the decision bar's calendar day (days since 1970)"),
                Stmt("double g_fire_day = 0.0;     // the calendar day of the last decision that fired (persisted)")
                ] if _reads_since(strategy, "days") else []
    if _reads_since(strategy) and sleeves_of(strategy):
        out += lower_sleeves.since_globals(strategy)
    return out + (lower_sleeves.sleeve_globals(strategy) if sleeves_of(strategy) else [])


_reads_since = lower_sleeves.reads_since


def _basket_weights(strategy: ir.Strategy) -> list[float]:
    """The fixed scheme weights `basket` holds (0 when the scheme is not fixed numbers)."""
    weights = {a.name: 0.0 for a in strategy.assets}
    if isinstance(strategy.target, ir.FixedWeights):
        for entry in strategy.target.entries:
            if entry.asset in weights and isinstance(entry.weight, ir.Quantity):
                weights[entry.asset] = entry.weight.value
    return list(weights.values())


def _hook(name: str, body: list[Stmt], returns: str = "void", params=()) -> Function:
    return Function(returns, name, tuple(params), tuple(body))


def _init_symbols(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    body = [Stmt(f"g_sym[{i}] = InpSymbol{i};") for i in range(len(strategy.assets))]
    names = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    body += [Stmt(f"g_name[{i}] = {mql_string(name)};") for i, name in enumerate(names)]
    return _hook("RblInitSymbols", body + lower_sleeves.sleeve_names(strategy) + lower_signals.init(strategy))


def _states_update(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    body = [Stmt("RblRegimes();")] if strategy.regimes else []
    if _reads_since(strategy):     # the first decision bar reads 0; each later one, one more since it fired
        body += [Stmt("const bool kill = !g_since_killed && RBL_KILL_DRAWDOWN > 0.0 && "
                      "1.0 - g_nav / g_peak >= RBL_KILL_DRAWDOWN;"),
                 Stmt("g_fire_now = !g_since_done || kill;"), Stmt("g_since_killed = g_since_killed || kill;"),
                 Stmt(f"{SINCE_FIRE} = g_since_done ? {SINCE_FIRE} + 1.0 : 0.0;")]
        if _reads_since(strategy, "days"):
            body += [Stmt("g_today = (double)((long)RblBarTime(RBL_DECISION_SHIFT) / 86400);"),
                     Stmt("if(!g_since_done)"), Stmt("g_fire_day = g_today;", 1)]
        body += lower_sleeves.since_update(strategy) if sleeves_of(strategy) else []
        body.append(Stmt("g_since_done = true;"))
    for state in strategy.states:
        keyword = "if"
        for rule in state.rules:
            if is_per_asset(rule.when, lets_of(strategy)):
                raise Unsupported(f"{low.spans.where(rule)}: a state rule must be true/false for the "
                                  f"whole portfolio, not per asset")
            value = "true" if rule.becomes else "false"
            cond = low.value(rule.when, Ctx(s=AT))
            body.append(Stmt(f"{keyword}(g_st_{state.name} != {value} && {cond})", rbl_line=low.spans.line(rule)))
            body.append(Stmt(f"g_st_{state.name} = {value};", 1))
            keyword = "else if"
    return _hook("RblStatesUpdate", body)


def _states_save(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    body = [Stmt(f'RblSave("state{i}", g_st_{s.name} ? 1.0 : 0.0);') for i, s in enumerate(strategy.states)]
    if _reads_since(strategy):     # saved after each decision: one that fired (or the kill) restarts the count
        if _reads_since(strategy, "days"):
            body += [Stmt("if(g_fire_now)"), Stmt("{"), Stmt(f"{SINCE_FIRE} = 0.0;", 1),
                     Stmt("g_fire_day = g_today;", 1), Stmt("}"), Stmt('RblSave("fire_day", g_fire_day);')]
        else:
            body += [Stmt("if(g_fire_now)"), Stmt(f"{SINCE_FIRE} = 0.0;", 1)]
        body += lower_sleeves.since_save(strategy) if sleeves_of(strategy) else []
        body += [Stmt(f'RblSave("since_fire", {SINCE_FIRE});'),
                 Stmt('RblSave("since_done", g_since_done ? 1.0 : 0.0);'),
                 Stmt('RblSave("since_killed", g_since_killed ? 1.0 : 0.0);')]
    return _hook("RblStatesSave", body + _targets_kept(strategy, "RblSave({key}, {value});"))


def _states_load(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    body = [Stmt(f'g_st_{s.name} = RblLoad("state{i}", {"1.0" if s.initial else "0.0"}) > 0.5;')
            for i, s in enumerate(strategy.states)]
    if _reads_since(strategy):
        body += [Stmt(f'{SINCE_FIRE} = RblLoad("since_fire", 0.0);'),
                 Stmt('g_since_done = RblLoad("since_done", 0.0) > 0.5;'),
                 Stmt('g_since_killed = RblLoad("since_killed", 0.0) > 0.5;'),
                 ] + ([Stmt('g_fire_day = RblLoad("fire_day", 0.0);')] if _reads_since(strategy, "days") else [])
        body += lower_sleeves.since_load(strategy) if sleeves_of(strategy) else []
    return _hook("RblStatesLoad", body + _targets_kept(strategy, "{value} = RblLoad({key}, 0.0);"))


def _targets_kept(strategy: ir.Strategy, pattern: str) -> list[Stmt]:
    """Saving or loading the targets in effect (with sleeves: each sleeve's mix and share, and its slices
    left), which a restart between check bars keeps, as the backtest does."""
    kept = [("RBL_HOLDINGS", "tgt", "g_tgt")] if not sleeves_of(strategy) else \
        [("RBL_HOLDINGS", "mix", "g_m"), ("RBL_SLEEVES", "share", "g_share"), ("RBL_SLEEVES", "sleft", "g_sleft"),
         ("RBL_SLEEVES", "sdecided", "g_sdecided")]
    return [Stmt(line, depth) for count, key, array in kept
            for line, depth in ((f"for(int h = 0; h < {count}; h++)", 0),
                                (pattern.format(key=f'StringFormat("{key}%d", h)', value=f"{array}[h]"), 1))]


def _targets(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    """The targets, evaluated on the first decision bar and on check bars; kept in between."""
    body = [Stmt("if(!g_evaluate_all && !g_check)"), Stmt("return;   // the targets in effect are kept", 1)]
    body += WeightsLowerer(low).lower(strategy.target)
    c = strategy.constraints
    limit = lambda q: mql_double(q.value) if q else "-1.0"  # noqa: E731
    exposure = low.value(strategy.exposure, Ctx(s=AT)) if strategy.exposure is not None else "1.0"
    long_only = "true" if c.long_only else "false"
    max_weight = c.max_weight
    if c.asset_caps or c.excess is ir.CapExcess.OTHERS:     # each asset's cap, then the limits without one
        low.program.add(_caps_function(strategy))
        body.append(Stmt("RblCaps();", rbl_line=low.spans.line(c)))
        max_weight = None
    body.append(Stmt(f"RblConstrain({limit(max_weight)}, {limit(c.cash_buffer)}, {exposure}, "
                     f"{limit(c.max_leverage)}, {long_only});", rbl_line=low.spans.line(strategy.exposure)))
    return _hook("RblTargets", body)


def _caps_function(strategy: ir.Strategy) -> Function:
    """`max weight` per asset on g_raw (docs/semantics.md, *Constraints*): to cash, or with `excess to
    other assets` spread pro rata over the uncapped assets, round after round, as the backtester does."""
    caps = ", ".join("DBL_MAX" if cap == float("inf") else mql_double(cap) for cap in asset_caps(strategy))
    body = [Stmt(f"const double caps[RBL_ASSETS] = {{{caps}}};")]
    if strategy.constraints.excess is not ir.CapExcess.OTHERS:
        body += [Stmt("for(int a = 0; a < RBL_ASSETS; a++)"), Stmt("g_raw[a] = MathMin(g_raw[a], caps[a]);", 1)]
        return _hook("RblCaps", body)
    body += [Stmt("bool fixed[RBL_ASSETS];"), Stmt("for(int a = 0; a < RBL_ASSETS; a++)"),
             Stmt("fixed[a] = false;", 1), Stmt("for(int r = 0; r < RBL_ASSETS; r++)"), Stmt("{"),
             Stmt("double excess = 0.0;", 1), Stmt("for(int a = 0; a < RBL_ASSETS; a++)", 1),
             Stmt("if(!fixed[a] && g_raw[a] > caps[a])", 2), Stmt("{", 2),
             Stmt("excess = excess + (g_raw[a] - caps[a]);", 3), Stmt("g_raw[a] = caps[a];", 3),
             Stmt("fixed[a] = true;", 3), Stmt("}", 2),
             Stmt("double base = 0.0;", 1), Stmt("for(int a = 0; a < RBL_ASSETS; a++)", 1),
             Stmt("if(!fixed[a] && g_raw[a] > 0.0)", 2), Stmt("base = base + g_raw[a];", 3),
             Stmt("if(!(excess > 0.0 && base > 0.0))", 1), Stmt("break;", 2),
             Stmt("for(int a = 0; a < RBL_ASSETS; a++)", 1), Stmt("if(!fixed[a] && g_raw[a] > 0.0)", 2),
             Stmt("g_raw[a] = g_raw[a] + excess * (g_raw[a] / base);", 3), Stmt("}")]
    return _hook("RblCaps", body)


def _check(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    check = strategy.rebalance.check
    if is_per_asset(check, lets_of(strategy)):
        raise Unsupported(f"{low.spans.where(check)}: `check` must be true/false for the whole portfolio")
    with low.reading(*SLEEVE_SHARES) if sleeves_of(strategy) else nullcontext():
        body = [Stmt(f"return {low.value(check, Ctx(s=AT))};", rbl_line=low.spans.line(check))]
    if _reads_since(strategy):
        body = [Stmt(body[0].text.replace("return ", "g_check_now = ", 1), rbl_line=body[0].rbl_line),
                Stmt("return g_check_now;")]
    return _hook("RblCheck", body, "bool")


def _when(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    function = _when_rule(strategy, low)
    if not _reads_since(strategy):
        return function
    *body, last = function.body          # 'return X;': the decision fires when check and when hold
    value = last.text[len("return "):-1]
    body += [Stmt(f"g_fire_now = g_fire_now || (!g_since_killed && g_check_now && {value});"), last]
    return _hook("RblWhen", body, "bool")


def _when_rule(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    when = strategy.rebalance.when
    line = low.spans.line(when)
    if not (is_per_asset(when, lets_of(strategy)) or _mentions_of_target(when)):
        body = [Stmt(f"const bool holds = {low.value(when, Ctx(s=AT))};", rbl_line=line),
                Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"), Stmt("g_breached[h] = holds;", 1),
                Stmt("return holds;")]
        return _hook("RblWhen", body, "bool")
    # with `trade breached assets` the cash holding is not traded: its breach alone does not fire
    breached = strategy.rebalance.scope is ir.TradeScope.BREACHED and strategy.cash
    _tradable = "(h < RBL_ASSETS && " if breached else ""
    body = [Stmt("bool any = false;"), Stmt("for(int h = 0; h < RBL_HOLDINGS; h++)"), Stmt("{"),
            Stmt(f"g_breached[h] = {low.value(when, Ctx(s=AT, per_asset=True))};", 1, line),
            Stmt(f"any = any || {_tradable}g_breached[h]{')' if breached else ''};", 1), Stmt("}"), Stmt("return any;")]
    return _hook("RblWhen", body, "bool")


def _mentions_of_target(expr: ir.Node) -> bool:
    from rbl.dsl.ir.walk import walk
    return any(isinstance(n, ir.Quantity) and n.unit is ir.Unit.OF_TARGET for n in walk(expr))


def _band(strategy: ir.Strategy, low: ExprLowerer) -> Function:
    band = band_of(strategy.rebalance) if strategy.rebalance.to is ir.RebalanceTo.BAND_EDGE else None
    text = low.value(band, Ctx(s=AT, per_asset=True)) if band is not None else "0.0"
    if not re.search(r"\bh\b", text):
        text = f"h < 0 ? 0.0 : {text}"
    body = [Stmt(f"return {text};", rbl_line=low.spans.line(band))]
    return _hook("RblBand", body, "double", (("const int", "h"),))


# Strategy-level nodes and where they are lowered; expressions and weights have one method each
# in ExprLowerer / WeightsLowerer. A node class in none of these fails test_node_coverage.
STRATEGY_NODES: dict[str, str] = {
    "Strategy": "lower", "Asset": "_symbol_inputs / _init_symbols", "Param": "_param_inputs",
    "Let": "ExprLowerer._let", "State": "_globals / _states_update", "StateRule": "_states_update",
    "HoldFilter": "WeightsLowerer._hold_*", "WeightEntry": "WeightsLowerer._fixedweights",
    "Execution": "_trades_at_close / _defines / _execution_inputs", "Rebalance": "_check / _when / _band / _defines",
    "Costs": "_cost_inputs", "Constraints": "_targets / _defines",
    "Benchmark": "unsupported: a backtest report setting, the EA does not use it",
    "BandEntry": "ExprLowerer._asset_band", "AssetCap": "_targets / _caps_function",
    "Sleeve": "lower_sleeves (targets_hook, sleeve_rules_hook, when_hook)",
    "Regime": "lower_regimes (regime_defines, regimes_hook)",
    "Signal": "lower_signals (inputs, init, stale_hook) / ExprLowerer._ref",
}
