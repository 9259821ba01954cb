// rbl simulated broker: implements prelude.h over a bar series, a netting book, a clock and a
// timer, and reproduces the server rejections 10014, 10018, 10019 and 10030. Linked with an EA's
// object file by backends/mql5/sim.py. Input: a config file (see sim.py, `config_text`).
// Each bar gets `calls_per_bar` timer events after its midnight at the open price (the last close)
// and, with `close_at`, as many from close_at seconds after midnight at the bar's close price (the
// close window of a `trade at close` EA), unless the bar is listed in `skip_close` (a tick gap).
#include "prelude.h"
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace sim {
struct Symbol {
  std::string name;
  double contract = 1, tick_size = 0.01, tick_value = 0.01, vmin = 0.01, vstep = 0.01, vmax = 1e9;
  long filling = 3, exemode = 2;      // SYMBOL_FILLING_FOK|IOC; SYMBOL_TRADE_EXECUTION_MARKET
  double margin_rate = 0.0;           // CFD margin: lots * units/lot * price * rate
  int weekend_closed = 0, session_open = 0, zero_tick_calls = 0, session_close = 86400;   // 0: no session
  std::vector<double> close;
  double lots = 0;
};
std::vector<Symbol> symbols;
std::vector<long> times;
std::map<std::string, double> globals;
double cash = 0, cost_rate = 0, fee = 0, deposit = 0;
long margin_mode = 0;
int bar = 0, timer = 0, calls_per_bar = 60, stop_after = -1, stop_call = -1, timer_calls = 0, call = 0;
long now = 0, close_at = -1;
bool closing = false;                  // in the close window: prices are the bar's close
std::vector<int> skip_close;
std::string state_out;

Symbol* find(const std::string& name) {
  for (auto& s : symbols) if (s.name == name) return &s;
  return nullptr;
}
double price(const Symbol& s) {   // open = last close; the close in the close window
  if (closing) return s.close[static_cast<size_t>(bar)];
  return bar == 0 ? s.close[0] : s.close[bar - 1];
}
double units_per_lot(const Symbol& s) { return s.tick_value / s.tick_size; }
double equity() {
  double e = cash;
  for (auto& s : symbols) e += s.lots * units_per_lot(s) * price(s);
  return e;
}
double margin_of(const Symbol& s, double lots) { return std::fabs(lots) * units_per_lot(s) * price(s) * s.margin_rate; }
double used_margin() {
  double m = 0;
  for (auto& s : symbols) m += margin_of(s, s.lots);
  return m;
}
bool session_open(const Symbol& s) {
  long day = ((now / 86400) + 4) % 7;   // 1970-01-01 was a Thursday (4)
  if (s.weekend_closed && (day == 0 || day == 6)) return false;
  return now % 86400 >= s.session_open && now % 86400 < s.session_close;
}
void log(const std::string& text) { std::printf("SIM %s\n", text.c_str()); }
}  // namespace sim

void rbl_print(const string& text) { std::printf("%s\n", text.c_str()); }
void rbl_alert(const string& text) { std::printf("ALERT %s\n", text.c_str()); }
bool SendNotification(string text) { std::printf("NOTIFY %s\n", text.c_str()); return true; }

double MathAbs(double value) { return std::fabs(value); }
double MathMax(double a, double b) { return a > b ? a : b; }
double MathMin(double a, double b) { return a < b ? a : b; }
double MathFloor(double val) { return std::floor(val); }
double MathSqrt(double value) { return std::sqrt(value); }
double MathRound(double value) { return std::round(value); }
bool MathIsValidNumber(double number) { return std::isfinite(number); }
double NormalizeDouble(double value, int digits) { double p = std::pow(10.0, digits); return std::round(value * p) / p; }
int StringLen(string s) { return static_cast<int>(s.std().size()); }
string StringSubstr(string s, int start, int length) {
  return string(s.std().substr(static_cast<size_t>(start), length < 0 ? std::string::npos : static_cast<size_t>(length)));
}
string IntegerToString(long number, int, ushort) { return string(std::to_string(number)); }
ushort StringGetCharacter(string s, int pos) {
  return pos < 0 || pos >= StringLen(s) ? 0 : static_cast<uchar>(s.std()[static_cast<size_t>(pos)]);
}

datetime TimeCurrent(void) { return sim::now; }
datetime TimeTradeServer(void) { return sim::now; }
bool TimeToStruct(datetime dt, MqlDateTime& d) {
  time_t t = dt; struct tm g; gmtime_r(&t, &g);
  d = MqlDateTime{g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday};
  return true;
}
double iClose(const string symbol, ENUM_TIMEFRAMES, int shift) {
  sim::Symbol* s = sim::find(symbol.std());
  int i = sim::bar - shift;
  if (!s || i < 0 || shift < 0) return 0.0;
  return shift == 0 ? sim::price(*s) : s->close[static_cast<size_t>(i)];
}
datetime iTime(const string symbol, ENUM_TIMEFRAMES, int shift) {
  int i = sim::bar - shift;
  if (!sim::find(symbol.std()) || i < 0 || shift < 0) return 0;
  return sim::times[static_cast<size_t>(i)];
}
int iBars(const string symbol, ENUM_TIMEFRAMES) { return sim::find(symbol.std()) ? sim::bar + 1 : 0; }
int iBarShift(const string symbol, ENUM_TIMEFRAMES, datetime time, bool exact) {
  if (!sim::find(symbol.std())) return -1;
  for (int i = sim::bar; i >= 0; i--) {
    long t = sim::times[static_cast<size_t>(i)];
    if (t == time || (!exact && t < time)) return sim::bar - i;
  }
  return -1;
}
long SeriesInfoInteger(const string symbol, ENUM_TIMEFRAMES timeframe, ENUM_SERIES_INFO_INTEGER prop) {
  int bars = iBars(symbol, timeframe);
  switch (prop) {
    case SERIES_BARS_COUNT: return bars;
    case SERIES_SYNCHRONIZED: return bars > 0;
    case SERIES_FIRSTDATE: return bars > 0 ? sim::times[0] : 0;
    case SERIES_LASTBAR_DATE: return bars > 0 ? sim::times[static_cast<size_t>(sim::bar)] : 0;
  }
  return 0;
}
bool EventSetTimer(int seconds) { sim::timer = seconds; return seconds > 0; }
void EventKillTimer(void) { sim::timer = 0; }

datetime GlobalVariableSet(string name, double value) { sim::globals[name.std()] = value; return sim::now; }
double GlobalVariableGet(string name) { return sim::globals.count(name.std()) ? sim::globals[name.std()] : 0.0; }
bool GlobalVariableCheck(string name) { return sim::globals.count(name.std()) > 0; }
bool GlobalVariableDel(string name) { return sim::globals.erase(name.std()) > 0; }
void GlobalVariablesFlush(void) {}
int MQLInfoInteger(ENUM_MQL_INFO_INTEGER prop) { return prop == MQL_TRADE_ALLOWED ? 1 : 0; }
int TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER) { return 1; }

bool SymbolSelect(string name, bool) { return sim::find(name.std()) != nullptr; }
double SymbolInfoDouble(string name, ENUM_SYMBOL_INFO_DOUBLE prop) {
  sim::Symbol* s = sim::find(name.std());
  if (!s) return 0.0;
  switch (prop) {
    case SYMBOL_BID: case SYMBOL_ASK: return sim::price(*s);
    case SYMBOL_POINT: case SYMBOL_TRADE_TICK_SIZE: return s->tick_size;
    case SYMBOL_TRADE_TICK_VALUE: return sim::timer_calls < s->zero_tick_calls ? 0.0 : s->tick_value;
    case SYMBOL_TRADE_CONTRACT_SIZE: return s->contract;
    case SYMBOL_VOLUME_MIN: return s->vmin;
    case SYMBOL_VOLUME_MAX: return s->vmax;
    case SYMBOL_VOLUME_STEP: return s->vstep;
    case SYMBOL_VOLUME_LIMIT: return 0.0;
  }
  return 0.0;
}
long SymbolInfoInteger(string name, ENUM_SYMBOL_INFO_INTEGER prop) {
  sim::Symbol* s = sim::find(name.std());
  if (!s) return 0;
  switch (prop) {
    case SYMBOL_DIGITS: return 2;
    case SYMBOL_TRADE_MODE: return SYMBOL_TRADE_MODE_FULL;
    case SYMBOL_TRADE_EXEMODE: return s->exemode;
    case SYMBOL_FILLING_MODE: return s->filling;
  }
  return 0;
}
bool SymbolInfoSessionTrade(string name, ENUM_DAY_OF_WEEK day, uint index, datetime& from, datetime& to) {
  sim::Symbol* s = sim::find(name.std());
  if (!s || index > 0 || s->session_close == 0 || (s->weekend_closed && (day == SUNDAY || day == SATURDAY))) return false;
  from = s->session_open;
  to = s->session_close;
  return true;
}
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE prop) {
  switch (prop) {
    case ACCOUNT_BALANCE: case ACCOUNT_EQUITY: return sim::equity();
    case ACCOUNT_MARGIN: return sim::used_margin();
    case ACCOUNT_MARGIN_FREE: return sim::equity() - sim::used_margin();
  }
  return 0.0;
}
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER prop) {
  switch (prop) {
    case ACCOUNT_LOGIN: return 1001;
    case ACCOUNT_LEVERAGE: return 1;
    case ACCOUNT_MARGIN_MODE: return sim::margin_mode;
  }
  return 0;
}
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING prop) { return prop == ACCOUNT_SERVER ? "Sim-Live" : "USD"; }

namespace sim { Symbol* selected = nullptr; }
bool PositionSelect(string symbol) {
  sim::selected = sim::find(symbol.std());
  return sim::selected && sim::selected->lots != 0.0;
}
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE prop) {
  if (!sim::selected) return 0.0;
  if (prop == POSITION_VOLUME) return std::fabs(sim::selected->lots);
  return prop == POSITION_PRICE_CURRENT || prop == POSITION_PRICE_OPEN ? sim::price(*sim::selected) : 0.0;
}
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER prop) {
  if (!sim::selected) return 0;
  if (prop == POSITION_TYPE) return sim::selected->lots < 0 ? POSITION_TYPE_SELL : POSITION_TYPE_BUY;
  return 0;
}
int PositionsTotal(void) {
  int n = 0;
  for (auto& s : sim::symbols) n += s.lots != 0.0;
  return n;
}
string PositionGetSymbol(int index) {
  for (auto& s : sim::symbols)
    if (s.lots != 0.0 && index-- == 0) { sim::selected = &s; return string(s.name); }
  return "";
}
ulong PositionGetTicket(int index) { return StringLen(PositionGetSymbol(index)) > 0 ? static_cast<ulong>(index + 1) : 0; }
bool HistorySelect(datetime, datetime) { return true; }
int HistoryDealsTotal(void) { return 0; }
ulong HistoryDealGetTicket(int) { return 0; }
long HistoryDealGetInteger(ulong, ENUM_DEAL_PROPERTY_INTEGER) { return 0; }
double HistoryDealGetDouble(ulong, ENUM_DEAL_PROPERTY_DOUBLE) { return 0.0; }
string HistoryDealGetString(ulong, ENUM_DEAL_PROPERTY_STRING) { return ""; }
bool OrderCalcMargin(ENUM_ORDER_TYPE, string symbol, double volume, double, double& margin) {
  sim::Symbol* s = sim::find(symbol.std());
  if (!s) return false;
  margin = sim::margin_of(*s, volume);
  return true;
}
double TesterStatistics(ENUM_STATISTICS id) { return id == STAT_PROFIT ? sim::equity() - sim::deposit : 0.0; }

// ---- CTrade: the server side of a market deal ----------------------------------------------
void CTrade::SetExpertMagicNumber(const ulong magic) { magic_ = magic; }
void CTrade::SetDeviationInPoints(const ulong deviation) { deviation_ = deviation; }
void CTrade::SetTypeFilling(const ENUM_ORDER_TYPE_FILLING filling) { filling_ = filling; }
ulong CTrade::ResultDeal(void) const { return deal_; }
double CTrade::ResultVolume(void) const { return volume_; }
double CTrade::ResultPrice(void) const { return price_; }
bool CTrade::SetTypeFillingBySymbol(const string symbol) {
  sim::Symbol* s = sim::find(symbol.std());
  if (!s) return false;
  if (s->filling & SYMBOL_FILLING_FOK) { filling_ = ORDER_FILLING_FOK; return true; }
  if (s->filling & SYMBOL_FILLING_IOC) { filling_ = ORDER_FILLING_IOC; return true; }
  return false;
}
uint CTrade::ResultRetcode(void) const { return retcode_; }
string CTrade::ResultRetcodeDescription(void) const {
  switch (retcode_) {   // Trade.mqh FormatRequestResult wording
    case TRADE_RETCODE_REQUOTE: return "requote";
    case TRADE_RETCODE_REJECT: return "rejected";
    case TRADE_RETCODE_PLACED: return "placed";
    case TRADE_RETCODE_DONE: return "done";
    case TRADE_RETCODE_DONE_PARTIAL: return "done partially";
    case TRADE_RETCODE_INVALID_VOLUME: return "invalid volume";
    case TRADE_RETCODE_TRADE_DISABLED: return "trade disabled";
    case TRADE_RETCODE_MARKET_CLOSED: return "market closed";
    case TRADE_RETCODE_NO_MONEY: return "not enough money";
    case TRADE_RETCODE_PRICE_CHANGED: return "prices changed";
    case TRADE_RETCODE_PRICE_OFF: return "off quotes";
    case TRADE_RETCODE_TOO_MANY_REQUESTS: return "too frequent requests";
    case TRADE_RETCODE_CLIENT_DISABLES_AT: return "auto trading disabled by client";
    case TRADE_RETCODE_INVALID_FILL: return "invalid filling type";
    case TRADE_RETCODE_CONNECTION: return "no connection";
    case TRADE_RETCODE_LIMIT_VOLUME: return "limit volume";
    case TRADE_RETCODE_LONG_ONLY: return "long only";
    case TRADE_RETCODE_SHORT_ONLY: return "short only";
    case TRADE_RETCODE_CLOSE_ONLY: return "close only";
  }
  return "unknown retcode";
}

namespace sim {
uint deal(Symbol& s, double signed_lots, ENUM_ORDER_TYPE_FILLING filling) {
  double v = std::fabs(signed_lots), steps = v / s.vstep;
  if (v < s.vmin - 1e-12 || v > s.vmax + 1e-12 || std::fabs(steps - std::round(steps)) > 1e-7 + 1e-9 * steps) return TRADE_RETCODE_INVALID_VOLUME;
  if (!session_open(s)) return TRADE_RETCODE_MARKET_CLOSED;
  long needed = filling == ORDER_FILLING_FOK ? SYMBOL_FILLING_FOK : SYMBOL_FILLING_IOC;
  if (filling != ORDER_FILLING_RETURN && (s.filling & needed) == 0) return TRADE_RETCODE_INVALID_FILL;
  bool increases = s.lots * signed_lots >= 0;
  if (increases && margin_of(s, signed_lots) > equity() - used_margin()) return TRADE_RETCODE_NO_MONEY;
  double units = signed_lots * units_per_lot(s), notional = std::fabs(units) * price(s);
  cash -= units * price(s) + cost_rate * notional + fee;
  s.lots = std::round((s.lots + signed_lots) * 1e10) / 1e10;
  char when[32];
  time_t t = now; struct tm g; gmtime_r(&t, &g);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &g);
  std::printf("SIM deal %s %+.8f lots at %.8f on %s\n", s.name.c_str(), signed_lots, price(s), when);
  return TRADE_RETCODE_DONE;
}
}  // namespace sim

static bool rbl_send(uint& retcode, double volume, const string& symbol, double sign, ENUM_ORDER_TYPE_FILLING filling) {
  sim::Symbol* s = sim::find(symbol.std());
  retcode = volume <= 0 || !s ? TRADE_RETCODE_INVALID_VOLUME : sim::deal(*s, sign * volume, filling);
  if (retcode != TRADE_RETCODE_DONE)
    std::printf("SIM reject %u %s %+.8f lots\n", retcode, symbol.c_str(), sign * volume);
  return retcode == TRADE_RETCODE_DONE;
}
bool CTrade::Buy(const double volume, const string symbol, double, const double, const double, const string) {
  bool done = rbl_send(retcode_, volume, symbol, 1.0, filling_);
  volume_ = done ? volume : 0.0; price_ = done ? SymbolInfoDouble(symbol, SYMBOL_ASK) : 0.0; deal_ = 0;
  return done;
}
bool CTrade::Sell(const double volume, const string symbol, double, const double, const double, const string) {
  bool done = rbl_send(retcode_, volume, symbol, -1.0, filling_);
  volume_ = done ? volume : 0.0; price_ = done ? SymbolInfoDouble(symbol, SYMBOL_BID) : 0.0; deal_ = 0;
  return done;
}

// ---- configuration, persistence across a restart, and the run loop -------------------------
namespace sim {
void load_config(const char* path) {
  std::ifstream in(path);
  std::string line, key;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    f >> key;
    if (key == "account") f >> deposit >> margin_mode >> calls_per_bar, cash = deposit;
    else if (key == "cost") f >> cost_rate >> fee;
    else if (key == "stop_after") f >> stop_after >> stop_call;
    else if (key == "close_at") f >> close_at;
    else if (key == "skip_close") { int b; while (f >> b) skip_close.push_back(b); }
    else if (key == "state_out") f >> state_out;
    else if (key == "symbol") {
      Symbol s;
      f >> s.name >> s.contract >> s.tick_size >> s.tick_value >> s.vmin >> s.vstep >> s.vmax >> s.filling
        >> s.exemode >> s.margin_rate >> s.weekend_closed >> s.session_open >> s.zero_tick_calls >> s.session_close;
      symbols.push_back(s);
    } else if (key == "bar") {
      long t; f >> t; times.push_back(t);
      for (auto& s : symbols) { double c; f >> c; s.close.push_back(c); }
    }
  }
}
void load_state(const char* path) {
  std::ifstream in(path);
  std::string key, name;
  while (in >> key) {
    if (key == "cash") in >> cash;
    else if (key == "bar") in >> bar;
    else if (key == "call") in >> call;
    else if (key == "lots") { double v; in >> name >> v; if (find(name)) find(name)->lots = v; }
    else if (key == "global") { double v; in >> name >> v; globals[name] = v; }
  }
}
void save_state(int next_bar, int next_call) {
  std::ofstream out(state_out);
  out.precision(17);
  out << "cash " << cash << "\nbar " << next_bar << "\ncall " << next_call << "\n";
  for (auto& s : symbols) out << "lots " << s.name << " " << s.lots << "\n";
  for (auto& g : globals) out << "global " << g.first << " " << g.second << "\n";
}
// The timer events of the current bar: (time, in the close window).
std::vector<std::pair<long, bool>> calls_of_bar() {
  std::vector<std::pair<long, bool>> calls;
  long midnight = times[static_cast<size_t>(bar)];
  for (int k = 1; k <= calls_per_bar && timer > 0; k++) calls.push_back({midnight + static_cast<long>(k) * timer, false});
  bool skipped = std::find(skip_close.begin(), skip_close.end(), bar) != skip_close.end();
  for (int k = 0; k < calls_per_bar && timer > 0 && close_at >= 0 && !skipped; k++)
    calls.push_back({midnight + close_at + static_cast<long>(k) * timer, true});
  return calls;
}
bool stop_here(int done, int total) {
  if (bar != stop_after || (stop_call >= 0 ? done != stop_call : done != total)) return false;
  OnDeinit(REASON_PROGRAM);
  save_state(done == total ? bar + 1 : bar, done == total ? 0 : done);
  log("stopped");
  return true;
}
}  // namespace sim

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: sim CONFIG [STATE_IN]\n"); return 2; }
  sim::load_config(argv[1]);
  if (argc > 2) sim::load_state(argv[2]);
  sim::now = sim::times[static_cast<size_t>(sim::bar)];
  if (OnInit() != INIT_SUCCEEDED) { sim::log("init failed"); return 3; }
  for (; sim::bar < static_cast<int>(sim::times.size()); sim::bar++, sim::call = 0) {
    std::vector<std::pair<long, bool>> calls = sim::calls_of_bar();
    int total = static_cast<int>(calls.size());
    for (; sim::call < total; sim::call++) {
      if (sim::stop_here(sim::call, total)) return 0;
      sim::now = calls[static_cast<size_t>(sim::call)].first;
      sim::closing = calls[static_cast<size_t>(sim::call)].second;
      OnTimer();
      sim::timer_calls++;
    }
    sim::closing = false;
    if (sim::stop_here(total, total)) return 0;
  }
  OnDeinit(REASON_REMOVE);
  std::printf("SIM end equity %.8f tester %.8f\n", sim::equity(), OnTester());
  for (auto& s : sim::symbols) std::printf("SIM position %s %.8f lots\n", s.name.c_str(), s.lots);
  return 0;
}
