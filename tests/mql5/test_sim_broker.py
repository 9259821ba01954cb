"""The simulated broker itself, independent of the generated EA: a hand-written probe EA (inside
the MQL5 subset) prints what the API returns each day and sends a given list of orders; each test
sets one broker behaviour through the sim.py dataclasses and reads the probe's journal."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.gxx import compile_object
from rbl.backends.mql5.lint import lint

DAY = 86400
START = np.datetime64("2024-01-01")          # consecutive calendar days: data index = days since START
T0 = int(START.astype("datetime64[s]").astype(np.int64))
MAGIC = 42

# The probe: on the first timer event of each day (server clock) it reports every symbol, sends
# that day's orders, then reports the account; OnDeinit dumps positions and deal history. Its last
# day is a terminal global variable, so a restart neither repeats nor skips a day.
PROBE = r"""#include <Trade\Trade.mqh>
#define N_SYMS {n_syms}
#define N_ORDERS {n_orders}
#define PROBE_TIME {probe_time}
input long InpMagic = {magic};
string g_syms[] = {{{syms}}};
datetime g_at[] = {{{at}}};
string g_on[] = {{{on}}};
double g_lots[] = {{{lots}}};
int g_fill[] = {{{fill}}};
CTrade g_trade;
datetime g_day = -1;

int OnInit(void)
  {{
   g_trade.SetExpertMagicNumber(InpMagic);
   if(GlobalVariableCheck("probe.day"))
      g_day = (datetime)GlobalVariableGet("probe.day");
   Print(StringFormat("PROBE init login=%s server=%s currency=%s leverage=%s tester=%d inits=%.0f",
                      IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)), AccountInfoString(ACCOUNT_SERVER),
                      AccountInfoString(ACCOUNT_CURRENCY), IntegerToString(AccountInfoInteger(ACCOUNT_LEVERAGE)),
                      MQLInfoInteger(MQL_TESTER), GlobalVariableGet("probe.inits")));
   GlobalVariableSet("probe.inits", GlobalVariableGet("probe.inits") + 1.0);
   EventSetTimer(60);
   return INIT_SUCCEEDED;
  }}

void OnDeinit(const int reason)
  {{
   Print(StringFormat("PROBE deinit %d", reason));
   for(int i = 0; i < PositionsTotal(); i++)
     {{
      string sym = PositionGetSymbol(i);
      Print(StringFormat("PROBE %d held %s volume=%.8f type=%d magic=%s open=%.8f", reason, sym,
                         PositionGetDouble(POSITION_VOLUME), (int)PositionGetInteger(POSITION_TYPE),
                         IntegerToString(PositionGetInteger(POSITION_MAGIC)), PositionGetDouble(POSITION_PRICE_OPEN)));
     }}
   HistorySelect(0, TimeTradeServer());
   for(int k = 0; k < HistoryDealsTotal(); k++)
     {{
      ulong ticket = HistoryDealGetTicket(k);
      Print(StringFormat("PROBE %d deal %s type=%d entry=%d magic=%s volume=%.8f price=%.8f commission=%.8f profit=%.8f time=%s",
                         reason, HistoryDealGetString(ticket, DEAL_SYMBOL), (int)HistoryDealGetInteger(ticket, DEAL_TYPE),
                         (int)HistoryDealGetInteger(ticket, DEAL_ENTRY), IntegerToString(HistoryDealGetInteger(ticket, DEAL_MAGIC)),
                         HistoryDealGetDouble(ticket, DEAL_VOLUME), HistoryDealGetDouble(ticket, DEAL_PRICE),
                         HistoryDealGetDouble(ticket, DEAL_COMMISSION), HistoryDealGetDouble(ticket, DEAL_PROFIT),
                         IntegerToString(HistoryDealGetInteger(ticket, DEAL_TIME))));
     }}
   EventKillTimer();
  }}

void OnTick(void) {{ }}
double OnTester(void) {{ return 0.0; }}

void ReportSymbol(string sym)
  {{
   Print(StringFormat("PROBE day=%s sym=%s bars=%d t0=%s c0=%.8f c1=%.8f shift=%d exact=%d count=%s sync=%s bid=%.8f ask=%.8f tv=%.8f",
                      IntegerToString(g_day), sym, iBars(sym, PERIOD_D1), IntegerToString(iTime(sym, PERIOD_D1, 0)),
                      iClose(sym, PERIOD_D1, 0), iClose(sym, PERIOD_D1, 1), iBarShift(sym, PERIOD_D1, PROBE_TIME, false),
                      iBarShift(sym, PERIOD_D1, PROBE_TIME, true), IntegerToString(SeriesInfoInteger(sym, PERIOD_D1, SERIES_BARS_COUNT)),
                      IntegerToString(SeriesInfoInteger(sym, PERIOD_D1, SERIES_SYNCHRONIZED)), SymbolInfoDouble(sym, SYMBOL_BID),
                      SymbolInfoDouble(sym, SYMBOL_ASK), SymbolInfoDouble(sym, SYMBOL_TRADE_TICK_VALUE)));
  }}

void SendOrder(int k)
  {{
   bool by_symbol = true;
   if(g_fill[k] < 0)
      by_symbol = g_trade.SetTypeFillingBySymbol(g_on[k]);
   else
      g_trade.SetTypeFilling((ENUM_ORDER_TYPE_FILLING)g_fill[k]);
   bool ok = g_lots[k] > 0 ? g_trade.Buy(g_lots[k], g_on[k]) : g_trade.Sell(-g_lots[k], g_on[k]);
   Print(StringFormat("PROBE order day=%s sym=%s lots=%.8f ok=%d code=%d volume=%.8f price=%.8f deal=%s by_symbol=%d",
                      IntegerToString(g_day), g_on[k], g_lots[k], ok ? 1 : 0, (int)g_trade.ResultRetcode(),
                      g_trade.ResultVolume(), g_trade.ResultPrice(), IntegerToString((long)g_trade.ResultDeal()), by_symbol ? 1 : 0));
  }}

void ReportAccount()
  {{
   HistorySelect(0, TimeTradeServer());
   Print(StringFormat("PROBE account day=%s equity=%.8f balance=%.8f free=%.8f connected=%d trading=%d mql=%d now=%s server=%s login=%s deals=%d positions=%d",
                      IntegerToString(g_day), AccountInfoDouble(ACCOUNT_EQUITY), AccountInfoDouble(ACCOUNT_BALANCE),
                      AccountInfoDouble(ACCOUNT_MARGIN_FREE), TerminalInfoInteger(TERMINAL_CONNECTED),
                      TerminalInfoInteger(TERMINAL_TRADE_ALLOWED), MQLInfoInteger(MQL_TRADE_ALLOWED),
                      IntegerToString(TimeCurrent()), IntegerToString(TimeTradeServer()),
                      IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)), HistoryDealsTotal(), PositionsTotal()));
  }}

void OnTimer(void)
  {{
   datetime day = TimeTradeServer() - TimeTradeServer() % 86400;
   if(day == g_day)
      return;
   g_day = day;
   GlobalVariableSet("probe.day", (double)day);
   for(int i = 0; i < N_SYMS; i++)
      ReportSymbol(g_syms[i]);
   for(int k = 0; k < N_ORDERS; k++)
      if(g_at[k] == day)
         SendOrder(k);
   ReportAccount();
  }}
"""


def probe_ea(symbols: list[str], orders: list[tuple], probe_time: int) -> str:
    """orders: (day index, symbol, signed lots[, filling: -1 by symbol, else ENUM_ORDER_TYPE_FILLING])."""
    rows = [(T0 + d * DAY, s, lots, rest[0] if rest else -1) for d, s, lots, *rest in orders] or [(0, "", 0.0, -1)]
    column = lambda k, fmt: ", ".join(fmt(r[k]) for r in rows)  # noqa: E731
    return PROBE.format(n_syms=len(symbols), n_orders=len(orders), probe_time=probe_time, magic=MAGIC,
                        syms=", ".join(f'"{s}"' for s in symbols), at=column(0, str), on=column(1, lambda s: f'"{s}"'),
                        lots=column(2, repr), fill=column(3, str))


def market(specs: list[sim.SymbolSpec], days: int):
    """Closes 100 + i for the first symbol, 50 + i for the next...; nan where a symbol has no bar."""
    dates = START + np.arange(days)
    close = np.array([[100.0 - 50 * j + i for j in range(len(specs))] for i in range(days)])
    for j, s in enumerate(specs):
        close[[i for i in range(days) if i < s.first_bar or i in s.missing], j] = np.nan
    return dates, close


def build(tmp_path, symbols, orders, probe_time=0):
    text = probe_ea(symbols, orders, probe_time)
    assert lint(text) == []
    result = compile_object(text, "probe.mq5", tmp_path, tmp_path / "probe.o")
    assert result.ok, result.diagnostics
    return sim.link(tmp_path / "probe.o", tmp_path / "probe")


def run_probe(tmp_path, orders=(), specs=None, account=None, days=6, probe_time=0, restarts=None) -> str:
    specs = specs or [sim.SymbolSpec("A")]
    account = account or sim.Account(10000.0)
    binary = build(tmp_path, [s.name for s in specs], list(orders), probe_time)
    dates, close = market(specs, days)
    if restarts is not None:
        return sim.run_with_restarts(binary, specs, account, dates, close, tmp_path, restarts)
    return sim.run(binary, sim.config_text(specs, account, dates, close), tmp_path)


def records(journal: str, kind: str) -> list[dict[str, str]]:
    """The key=value words of each `PROBE <kind>` line (kind: day, order, account, init, 1 deal...)."""
    head = "PROBE day=" if kind == "day" else f"PROBE {kind} "
    return [dict(w.split("=", 1) for w in line.split() if "=" in w)
            for line in journal.splitlines() if line.startswith(head)]


def on_day(rows, day: int, sym: str | None = None) -> dict[str, str]:
    return next(r for r in rows if int(r["day"]) == T0 + day * DAY and (sym is None or r["sym"] == sym))


def codes(journal: str) -> list[int]:
    return [int(r["code"]) for r in records(journal, "order")]


def test_every_series_function_follows_the_symbols_own_calendar(tmp_path):
    # B's history starts at index 2 and it has no bar at index 4 (a holiday); A has every bar
    specs = [sim.SymbolSpec("A"), sim.SymbolSpec("B", first_bar=2, missing=(4,))]
    days = records(run_probe(tmp_path, specs=specs, probe_time=T0 + 4 * DAY), "day")
    before = on_day(days, 1, "B")
    assert [before[k] for k in ("bars", "t0", "count", "sync", "shift")] == ["0", "0", "0", "0", "-1"]
    assert float(before["bid"]) == 0.0                 # no quote before the history starts
    holiday = on_day(days, 4, "B")                     # the latest bar is index 3; its close stays the price
    assert (holiday["bars"], int(holiday["t0"])) == ("2", T0 + 3 * DAY)
    assert (float(holiday["c0"]), float(holiday["bid"])) == (53.0, 53.0)
    last_b, last_a = on_day(days, 5, "B"), on_day(days, 5, "A")
    assert (last_b["bars"], last_b["count"], float(last_b["c1"])) == ("3", "3", 53.0)   # bars 2, 3, 5
    assert (last_b["shift"], last_b["exact"]) == ("1", "-1")    # index 4: none exactly, index 3 before it
    assert (last_a["bars"], last_a["shift"], last_a["exact"]) == ("6", "1", "1")


def test_a_symbol_without_a_bar_refuses_orders_as_a_closed_market(tmp_path):
    specs = [sim.SymbolSpec("A"), sim.SymbolSpec("B", first_bar=2, missing=(4,))]
    orders = [(1, "B", 1.0), (4, "B", 1.0), (5, "B", 1.0)]      # before its history, a holiday, a trading day
    assert codes(run_probe(tmp_path, orders, specs=specs)) == [10018, 10018, 10009]


def test_time_current_stays_at_the_last_quote_when_no_symbol_has_a_bar(tmp_path):
    specs = [sim.SymbolSpec("A", missing=(3,)), sim.SymbolSpec("B", missing=(3,))]
    quiet = on_day(records(run_probe(tmp_path, specs=specs), "account"), 3)
    assert int(quiet["server"]) == T0 + 3 * DAY + 60
    assert int(quiet["now"]) == T0 + 2 * DAY + 180     # day 2's last timer event (3 calls, 60 s apart)


def test_bid_and_ask_straddle_the_mid_and_a_buy_fills_at_the_ask(tmp_path):
    journal = run_probe(tmp_path, [(1, "A", 2.0)], specs=[sim.SymbolSpec("A", spread_bps=20.0)])
    quote = on_day(records(journal, "day"), 1)
    assert float(quote["bid"]) == pytest.approx(99.9) and float(quote["ask"]) == pytest.approx(100.1)
    assert float(records(journal, "order")[0]["price"]) == pytest.approx(100.1)
    assert " at 100.10000000 on " in next(x for x in journal.splitlines() if x.startswith("SIM deal"))
    # marked at the bid, the position shows the spread as a floating loss
    assert float(on_day(records(journal, "account"), 1)["equity"]) == pytest.approx(10000.0 - 2 * 0.2)


@pytest.mark.parametrize("leverage, expected", [(1.0, [10019, 10009]), (2.0, [10009, 10009])])
def test_margin_at_the_ask_over_the_leverage_refuses_a_buy_beyond_free_margin(tmp_path, leverage, expected):
    # 10 lots at the ask 100.05 need 1000.5 of 1000 at 100% margin; at 1:2 they need 500.25 and
    # leave 999 - 500.25 free (the spread is a floating loss), enough for 9 more lots (450.23)
    spec = sim.SymbolSpec("A", spread_bps=10.0, margin_rate=1.0)
    account = sim.Account(1000.0, leverage=leverage)
    assert codes(run_probe(tmp_path, [(1, "A", 10.0), (1, "A", 9.0)], specs=[spec], account=account)) == expected


def test_exchange_execution_with_return_only_refuses_fok_and_fills_return(tmp_path):
    spec = sim.SymbolSpec("A", exemode=3, filling=0)
    journal = run_probe(tmp_path, [(1, "A", 1.0), (1, "A", 1.0, 2)], specs=[spec])
    first, second = records(journal, "order")
    assert first["by_symbol"] == "0" and first["code"] == "10030"     # FOK left in place by SetTypeFillingBySymbol
    assert second["code"] == "10009"


@pytest.mark.parametrize("mode, foreign, lots, code", [
    (0, 0.0, 1.0, 10017), (1, 0.0, -1.0, 10042), (2, 0.0, 1.0, 10043),
    (3, 2.0, 1.0, 10044), (3, 2.0, -3.0, 10044), (3, 2.0, -1.0, 10009)])
def test_the_trade_mode_refuses_what_it_forbids(tmp_path, mode, foreign, lots, code):
    spec = sim.SymbolSpec("A", trade_mode=mode, foreign_lots=foreign)
    assert codes(run_probe(tmp_path, [(1, "A", lots)], specs=[spec])) == [code]


def test_the_volume_limit_caps_the_position_in_each_direction(tmp_path):
    orders = [(1, "A", 3.0), (1, "A", 3.0), (1, "A", -8.0), (1, "A", -1.0)]   # 3, (6), -5, (-6)
    journal = run_probe(tmp_path, orders, specs=[sim.SymbolSpec("A", volume_limit=5.0)])
    assert codes(journal) == [10009, 10034, 10009, 10034]


def test_requotes_and_partial_fills_are_deterministic_for_a_seed(tmp_path):
    orders = [(1 + k // 10, "A", 0.1) for k in range(30)]
    faulty = sim.Account(10000.0, requote_rate=0.3, partial_fill_rate=0.3)
    first = run_probe(tmp_path, orders, account=faulty)
    assert run_probe(tmp_path, orders, account=faulty) == first
    assert codes(run_probe(tmp_path, orders, account=sim.replace(faulty, seed=8))) != codes(first)
    by_code = {c: [r for r in records(first, "order") if int(r["code"]) == c] for c in (10004, 10009, 10010)}
    assert all(by_code.values())
    assert {float(r["volume"]) for r in by_code[10004]} == {0.0}
    assert {float(r["volume"]) for r in by_code[10010]} == {0.05}       # half of 0.1, on the 0.01 step


@pytest.mark.parametrize("window, code, flags", [
    ("disconnect", 10031, ("connected",)), ("autotrading_off", 10027, ("trading", "mql"))])
def test_a_terminal_window_refuses_every_order_and_shows_in_the_terminal_flags(tmp_path, window, code, flags):
    account = sim.replace(sim.Account(10000.0), **{window: ((2, 3),)})
    journal = run_probe(tmp_path, [(d, "A", 1.0) for d in range(1, 5)], account=account)
    assert codes(journal) == [10009, code, code, 10009]
    states = records(journal, "account")
    assert [[on_day(states, d)[f] for f in flags] for d in range(1, 5)] == [["1"] * len(flags), ["0"] * len(flags),
                                                                         ["0"] * len(flags), ["1"] * len(flags)]


def test_a_withdrawal_is_a_balance_deal_at_midnight_that_reduces_equity(tmp_path):
    journal = run_probe(tmp_path, account=sim.Account(10000.0, cash_flows=((2, -300.0),)))
    states = records(journal, "account")
    assert [float(on_day(states, d)["equity"]) for d in (1, 2)] == [10000.0, 9700.0]
    (deal,) = records(journal, "1 deal")                # dumped at the end (REASON_REMOVE)
    assert (deal["type"], float(deal["profit"]), int(deal["time"])) == ("2", -300.0, T0 + 2 * DAY)
    assert "SIM balance -300.00000000 on 2024-01-03 00:00" in journal


def test_foreign_volume_is_in_the_aggregate_position_and_only_own_deals_carry_the_magic(tmp_path):
    journal = run_probe(tmp_path, [(1, "A", 2.0)], specs=[sim.SymbolSpec("A", foreign_lots=3.0)])
    (held,) = records(journal, "1 held")
    assert (float(held["volume"]), held["magic"]) == (5.0, "0")     # opened by the foreign deal
    assert [(d["magic"], float(d["volume"]), d["entry"]) for d in records(journal, "1 deal")] == [
        ("0", 3.0, "0"), (str(MAGIC), 2.0, "0")]
    assert "SIM position A 5.00000000 lots" in journal


def test_an_account_switch_keeps_global_variables_and_starts_an_empty_account(tmp_path):
    journal = run_probe(tmp_path, [(1, "A", 1.0)], account=sim.Account(10000.0, account_switch_at=3))
    assert "PROBE deinit 6" in journal and "SIM account switch to 1002 on 2024-01-04 00:00" in journal
    inits = records(journal, "init")
    assert [(r["login"], r["inits"]) for r in inits] == [("1001", "0"), ("1002", "1")]   # the counter survived
    before, after = on_day(records(journal, "account"), 2), on_day(records(journal, "account"), 3)
    assert (before["deals"], before["positions"]) == ("1", "1")
    assert (after["login"], after["deals"], after["positions"], float(after["equity"])) == ("1002", "0", "0", 10000.0)


def test_tick_value_follows_the_rate_of_its_quote_currency(tmp_path):
    # USDJPY on a USD account: the tick value in JPY divided by USDJPY itself
    spec = sim.SymbolSpec("A", tick_size=0.001, tick_value=1.0, tick_value_symbol="A", tick_value_inverse=True)
    days = records(run_probe(tmp_path, specs=[spec]), "day")
    assert [float(on_day(days, d)["tv"]) for d in (1, 3)] == pytest.approx([1 / 100.0, 1 / 102.0])


def test_run_with_restarts_gives_the_journal_of_one_run(tmp_path):
    # restarts before a cash flow day, inside the old account and after the switch; faults on
    orders = [(d, "A", lots) for d, lots in ((1, 1.0), (2, 0.5), (3, -0.3), (4, 2.0), (5, -1.0), (6, 0.7))]
    account = sim.Account(10000.0, cash_flows=((2, 500.0),), account_switch_at=4, requote_rate=0.2,
                          partial_fill_rate=0.3, restarts=(2, 3, 5))
    whole = run_probe(tmp_path, orders, account=account, days=8)
    parts = run_probe(tmp_path, orders, account=account, days=8, restarts=account.restarts)
    # a restart adds its own OnDeinit(REASON_PROGRAM) dumps, OnInit lines and the stop notice
    noise = ("PROBE init", "PROBE deinit 0", "PROBE 0 ", "SIM stopped")
    keep = lambda text: [x for x in text.splitlines() if not x.startswith(noise)]  # noqa: E731
    assert parts.count("SIM stopped") == 3
    assert keep(parts) == keep(whole)
