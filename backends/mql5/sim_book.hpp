// rbl simulated broker, the model behind the API of sim_broker.hpp: symbols with their own
// calendars and a spread around the data's price (the mid), the netting book with its deal
// history, the account, and the fault schedule (terminal windows, requotes, partial fills).
// Every default is the ideal broker: all symbols share the data's calendar, bid = ask = mid,
// no margin, no faults.
#ifndef RBL_SIM_BOOK_HPP
#define RBL_SIM_BOOK_HPP
#include "prelude.h"
#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace sim {
struct Symbol {
  std::string name;
  double contract = 1, tick_size = 0.01, tick_value = 0.01, vmin = 0.01, vstep = 0.01, vmax = 1e9;
  long filling = 3, exemode = 2;      // SYMBOL_FILLING_FOK|IOC; SYMBOL_TRADE_EXECUTION_MARKET
  double margin_rate = 0.0;           // margin: lots * units/lot * price * rate / leverage
  int weekend_closed = 0, session_open = 0, zero_tick_calls = 0, session_close = 86400;   // 0: no session
  double spread_bps = 0, volume_limit = 0, foreign_lots = 0;
  int trade_mode = SYMBOL_TRADE_MODE_FULL, first_bar = 0, tick_value_inverse = 0;
  std::vector<int> missing;           // data indices without a bar (holidays)
  std::string tick_value_symbol;      // the tick value follows this symbol's mid ("": constant)
  std::vector<double> close;
  std::vector<int> own, rank;         // its own bars (data indices); rank[i] = own bars at or before i
  double lots = 0, open_price = 0;    // the netting position: EA and foreign volume together
  long magic = 0, opened = 0;         // the magic and time of the deal that opened it
  ulong ticket = 0;
};
struct Deal {
  ulong ticket = 0;
  long time = 0, magic = 0;
  std::string symbol;
  int type = DEAL_TYPE_BUY, entry = DEAL_ENTRY_IN;
  double volume = 0, price = 0, commission = 0, profit = 0;
};
struct Window { int from, to; };      // inclusive data indices
struct Flow { int bar; double amount; };

std::vector<Symbol> symbols;
std::vector<long> times;
std::map<std::string, double> globals;   // terminal global variables: they outlive an account switch
std::vector<Deal> deals;                 // the account's history
// Account settings (the config's `account` line).
double deposit = 0, cost_rate = 0, fee = 0, leverage = 1, requote_rate = 0, partial_rate = 0;
long margin_mode = 0, login = 1001, seed = 7;
int tester = 0, account_switch_at = -1;
std::string server = "Sim-Live", currency = "USD";
std::vector<Flow> flows;
std::vector<Window> disconnect, autotrading_off;
// The run: everything below is saved across a restart (sim_broker.hpp, save_state).
double cash = 0;
int bar = 0, call = 0, timer = 0, calls_per_bar = 60, timer_calls = 0, started = -1, switched = 0;
long now = 0, last_quote = 0, close_at = -1;
double peak_equity = 0, max_drawdown_pct = 0;   // the tester's equity drawdown, sampled at timer events
bool closing = false;                  // in the close window: prices are the bar's close
uint64_t rng = 1;
ulong next_ticket = 1;

void log(const std::string& text) { std::printf("SIM %s\n", text.c_str()); }
std::string date_of(long t, const char* format = "%Y-%m-%d %H:%M") {
  char text[32];
  time_t tt = t; struct tm g; gmtime_r(&tt, &g);
  std::strftime(text, sizeof text, format, &g);
  return text;
}
Symbol* find(const std::string& name) {
  for (auto& s : symbols) if (s.name == name) return &s;
  return nullptr;
}
bool in_window(const std::vector<Window>& windows) {
  for (auto& w : windows) if (bar >= w.from && bar <= w.to) return true;
  return false;
}

// ---- calendars: each symbol's series holds its own bars only -----------------------------------
void build_calendar(Symbol& s) {
  s.own.clear();
  s.rank.assign(times.size(), 0);
  for (int i = 0; i < static_cast<int>(times.size()); i++) {
    bool holiday = std::find(s.missing.begin(), s.missing.end(), i) != s.missing.end();
    if (i >= s.first_bar && !holiday) s.own.push_back(i);
    s.rank[static_cast<size_t>(i)] = static_cast<int>(s.own.size());
  }
}
int bars_of(const Symbol& s) { return s.rank[static_cast<size_t>(bar)]; }
// The data index of the symbol's bar at `shift` (0: its latest bar at or before now; -1: none).
int own_bar(const Symbol& s, int shift) {
  int r = bars_of(s) - 1 - shift;
  return shift < 0 || r < 0 ? -1 : s.own[static_cast<size_t>(r)];
}
bool has_bar(const Symbol& s) { return own_bar(s, 0) == bar; }
bool any_bar() {
  for (auto& s : symbols) if (has_bar(s)) return true;
  return false;
}

// ---- quotes --------------------------------------------------------------------------------------
// The data price: at the bar's open the last close, in the close window the bar's close; on a
// day without a bar the last close stays; before the symbol's history starts, no quote (0).
double mid(const Symbol& s) {
  int latest = own_bar(s, 0), before = own_bar(s, 1);
  if (latest < 0) return 0.0;
  if (latest != bar || closing || before < 0) return s.close[static_cast<size_t>(latest)];
  return s.close[static_cast<size_t>(before)];
}
double bid(const Symbol& s) { return mid(s) * (1.0 - s.spread_bps / 20000.0); }
double ask(const Symbol& s) { return mid(s) * (1.0 + s.spread_bps / 20000.0); }
double tick_value_now(const Symbol& s) {
  if (s.tick_value_symbol.empty()) return s.tick_value;
  Symbol* rate = find(s.tick_value_symbol);
  double m = rate ? mid(*rate) : 0.0;
  if (m <= 0) return 0.0;
  return s.tick_value_inverse ? s.tick_value / m : s.tick_value * m;
}
double units_per_lot(const Symbol& s) { return tick_value_now(s) / s.tick_size; }
bool session_open(const Symbol& s) {
  long day = ((now / 86400) + 4) % 7;   // 1970-01-01 was a Thursday (4)
  if (s.weekend_closed && (day == 0 || day == 6)) return false;
  return now % 86400 >= s.session_open && now % 86400 < s.session_close;
}

// ---- the account -------------------------------------------------------------------------------
// A position is worth what closing it would fetch: longs at the bid, shorts at the ask.
double mark(const Symbol& s) {
  if (mid(s) <= 0) return s.open_price;
  return s.lots > 0 ? bid(s) : ask(s);
}
double equity() {
  double e = cash;
  for (auto& s : symbols) if (s.lots != 0) e += s.lots * units_per_lot(s) * mark(s);
  return e;
}
double floating(const Symbol& s) { return s.lots * units_per_lot(s) * (mark(s) - s.open_price); }
double balance() {
  double b = equity();
  for (auto& s : symbols) if (s.lots != 0) b -= floating(s);
  return b;
}
double margin_at(const Symbol& s, double lots, double price) {
  return std::fabs(lots) * units_per_lot(s) * price * s.margin_rate / leverage;
}
double used_margin() {
  double m = 0;
  for (auto& s : symbols) if (s.lots != 0) m += margin_at(s, s.lots, s.lots > 0 ? ask(s) : bid(s));
  return m;
}
double net_flows() {
  double f = 0;
  for (auto& d : deals) if (d.type == DEAL_TYPE_BALANCE) f += d.profit;
  return f;
}

// ---- the server's checks of a market order, in the order a real request meets them ---------------
bool filling_ok(const Symbol& s, ENUM_ORDER_TYPE_FILLING filling) {
  bool fok = (s.filling & SYMBOL_FILLING_FOK) != 0, ioc = (s.filling & SYMBOL_FILLING_IOC) != 0;
  if (filling == ORDER_FILLING_RETURN) return s.exemode == SYMBOL_TRADE_EXECUTION_EXCHANGE;
  if (filling == ORDER_FILLING_FOK)
    return fok || s.exemode == SYMBOL_TRADE_EXECUTION_INSTANT || s.exemode == SYMBOL_TRADE_EXECUTION_REQUEST;
  return ioc;
}
bool volume_ok(const Symbol& s, double v) {
  double steps = v / s.vstep;
  return v >= s.vmin - 1e-12 && v <= s.vmax + 1e-12 && std::fabs(steps - std::round(steps)) <= 1e-7 + 1e-9 * steps;
}
double round_lots(double lots) { return std::round(lots * 1e10) / 1e10; }
// SYMBOL_TRADE_MODE: long only refuses going short, short only going long, close only any increase.
uint trade_mode_check(const Symbol& s, double delta) {
  double after = round_lots(s.lots + delta);
  bool grows = std::fabs(after) > std::fabs(s.lots) + 1e-12 || after * s.lots < 0;
  if (s.trade_mode == SYMBOL_TRADE_MODE_LONGONLY && delta < 0 && after < -1e-12) return TRADE_RETCODE_LONG_ONLY;
  if (s.trade_mode == SYMBOL_TRADE_MODE_SHORTONLY && delta > 0 && after > 1e-12) return TRADE_RETCODE_SHORT_ONLY;
  if (s.trade_mode == SYMBOL_TRADE_MODE_CLOSEONLY && grows) return TRADE_RETCODE_CLOSE_ONLY;
  return 0;
}
// The lots an order adds in its own direction (a reversal adds the whole new position).
double added_lots(const Symbol& s, double delta) {
  double after = round_lots(s.lots + delta);
  if (after * delta <= 0) return 0.0;
  return s.lots * delta >= 0 ? std::fabs(delta) : std::fabs(after);
}
uint order_check(const Symbol& s, double delta, ENUM_ORDER_TYPE_FILLING filling) {
  if (in_window(autotrading_off)) return TRADE_RETCODE_CLIENT_DISABLES_AT;
  if (in_window(disconnect)) return TRADE_RETCODE_CONNECTION;
  if (!volume_ok(s, std::fabs(delta))) return TRADE_RETCODE_INVALID_VOLUME;
  if (s.trade_mode == SYMBOL_TRADE_MODE_DISABLED) return TRADE_RETCODE_TRADE_DISABLED;
  if (!has_bar(s) || !session_open(s)) return TRADE_RETCODE_MARKET_CLOSED;
  if (!filling_ok(s, filling)) return TRADE_RETCODE_INVALID_FILL;
  if (uint code = trade_mode_check(s, delta)) return code;
  double after = round_lots(s.lots + delta);
  if (s.volume_limit > 0 && after * delta > 0 && std::fabs(after) > s.volume_limit + 1e-12)
    return TRADE_RETCODE_LIMIT_VOLUME;
  double price = delta > 0 ? ask(s) : bid(s), added = added_lots(s, delta);   // reductions always pass
  if (added > 0 && margin_at(s, added, price) > equity() - used_margin()) return TRADE_RETCODE_NO_MONEY;
  return 0;
}

// ---- the book: a deal moves the netting position and is recorded with its magic ----------------
Deal& record(int type, const std::string& symbol, long magic, double volume, double price) {
  Deal d;
  d.ticket = next_ticket++;
  d.time = now; d.type = type; d.symbol = symbol; d.magic = magic; d.volume = volume; d.price = price;
  deals.push_back(d);
  return deals.back();
}
void close_position(Symbol& s) { s.lots = 0; s.open_price = 0; s.magic = 0; s.opened = 0; s.ticket = 0; }
// Netting: same direction adds (average open price), opposite reduces (realised profit), past
// zero reverses (the rest opens at this price, with this deal's magic).
void move_position(Symbol& s, Deal& d, double delta) {
  double before = s.lots, after = round_lots(before + delta);
  if (before == 0 || before * delta > 0) {
    d.entry = DEAL_ENTRY_IN;
    if (before == 0) { s.magic = d.magic; s.ticket = d.ticket; s.opened = d.time; s.open_price = d.price; }
    else s.open_price = (before * s.open_price + delta * d.price) / (before + delta);
  } else {
    d.entry = after * before < 0 ? DEAL_ENTRY_INOUT : DEAL_ENTRY_OUT;
    double closed = d.entry == DEAL_ENTRY_OUT ? -delta : before;   // signed like the old position
    d.profit = closed * units_per_lot(s) * (d.price - s.open_price);
    if (d.entry == DEAL_ENTRY_INOUT) { s.magic = d.magic; s.opened = d.time; s.open_price = d.price; }
  }
  s.lots = after;
  if (after == 0) close_position(s);
}
// A market deal at the ask (buy) or bid (sell); cost_rate per unit of notional and the fee per
// order are its commission.
Deal& fill(Symbol& s, double delta, long magic) {
  double price = delta > 0 ? ask(s) : bid(s), units = delta * units_per_lot(s);
  double commission = cost_rate * std::fabs(units) * price + fee;
  Deal& d = record(delta > 0 ? DEAL_TYPE_BUY : DEAL_TYPE_SELL, s.name, magic, std::fabs(delta), price);
  d.commission = 0.0 - commission;    // a cost: negative (and +0.0 when none)
  cash -= units * price + commission;
  move_position(s, d, delta);
  std::printf("SIM deal %s %+.8f lots at %.8f on %s\n", s.name.c_str(), delta, price, date_of(now).c_str());
  return d;
}
// Volume held by others before the EA starts, bought out of the deposit one day before the data.
void open_foreign(long when) {
  for (auto& s : symbols) {
    if (s.foreign_lots == 0 || s.own.empty()) continue;
    double price = s.close[static_cast<size_t>(s.own[0])], units = s.foreign_lots * units_per_lot(s);
    long saved = now;
    now = when;
    Deal& d = record(s.foreign_lots > 0 ? DEAL_TYPE_BUY : DEAL_TYPE_SELL, s.name, 0, std::fabs(s.foreign_lots), price);
    now = saved;
    cash -= units * price;
    move_position(s, d, s.foreign_lots);
    std::printf("SIM foreign %s %+.8f lots at %.8f\n", s.name.c_str(), s.foreign_lots, price);
  }
}
void cash_flow(double amount) {
  Deal& d = record(DEAL_TYPE_BALANCE, "", 0, 0.0, 0.0);
  d.profit = amount;
  cash += amount;
  std::printf("SIM balance %+.8f on %s\n", amount, date_of(now).c_str());
}

// ---- faults: a tiny seeded generator (splitmix64 seeding, xorshift64 steps), not rand() ---------
uint64_t seeded(long value) {
  uint64_t z = static_cast<uint64_t>(value) + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return z ? z : 1;
}
double uniform() {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return static_cast<double>(rng >> 11) * (1.0 / 9007199254740992.0);
}
// About half of the volume, floored to the step, at least one step.
double partial_volume(const Symbol& s, double volume) {
  double steps = std::floor(volume / 2.0 / s.vstep + 1e-9);
  return round_lots(std::max(1.0, steps) * s.vstep);
}
}  // namespace sim
#endif
