// rbl simulated broker: implements prelude.h over the model of sim_book.hpp (per-symbol calendars,
// bid/ask, a netting book with deal history, margin, trade modes and limits, terminal faults,
// requotes and partial fills, cash flows, an account switch) with a clock and a timer. Linked
// with an EA's object file by backends/mql5/sim.py. Input: a config file (sim.py, `config_text`).
// Each bar gets `calls_per_bar` timer events after its midnight at the open price (the last close)
// and, with `close_at`, as many from close_at seconds after midnight at the bar's close price (the
// close window of a `trade at close` EA), unless the bar is listed in `skip_close` (a tick gap).
#include "sim_book.hpp"
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

void rbl_print(const string& text) { std::printf("%s\n", text.c_str()); }
void rbl_alert(const string& text) { std::printf("ALERT %s\n", text.c_str()); }
bool SendNotification(string text) { std::printf("NOTIFY %s\n", text.c_str()); return true; }

double MathAbs(double value) { return std::fabs(value); }
double MathMax(double a, double b) { return a > b ? a : b; }
double MathMin(double a, double b) { return a < b ? a : b; }
double MathFloor(double val) { return std::floor(val); }
double MathSqrt(double value) { return std::sqrt(value); }
double MathLog(double value) { return std::log(value); }
double MathExp(double value) { return std::exp(value); }
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
int StringFind(string s, string match, int start) {
  size_t at = s.std().find(match.std(), static_cast<size_t>(start < 0 ? 0 : start));
  return at == std::string::npos ? -1 : static_cast<int>(at);
}
int StringTrimLeft(string& s) {
  const std::string& v = s.std();
  size_t at = v.find_first_not_of(" \t\r\n");
  std::string kept = at == std::string::npos ? "" : v.substr(at);
  int removed = static_cast<int>(v.size() - kept.size());
  s = string(kept);
  return removed;
}
int StringTrimRight(string& s) {
  const std::string& v = s.std();
  size_t at = v.find_last_not_of(" \t\r\n");
  std::string kept = at == std::string::npos ? "" : v.substr(0, at + 1);
  int removed = static_cast<int>(v.size() - kept.size());
  s = string(kept);
  return removed;
}
double StringToDouble(string value) { return std::strtod(value.c_str(), nullptr); }
long StringToInteger(string value) { return std::strtol(value.c_str(), nullptr, 10); }
datetime StructToTime(MqlDateTime& d) {
  struct tm g = {};
  g.tm_year = d.year - 1900; g.tm_mon = d.mon - 1; g.tm_mday = d.day;
  g.tm_hour = d.hour; g.tm_min = d.min; g.tm_sec = d.sec;
  return static_cast<datetime>(timegm(&g));
}

// ---- files: text files under the common data folder (config line `common DIR`); `common_from BAR DIR`
// lines: from data index BAR on the folder is DIR (another program rewrote the files: a correction) ----
namespace sim {
std::string common_dir;
std::vector<std::pair<int, std::string>> common_from;   // (first bar, folder), in bar order
std::vector<std::ifstream*> files;
std::vector<std::string> file_paths;                    // each handle's file, for FileGetInteger
int last_error = 0;
// The common folder as it is at the current bar.
std::string common_now() {
  std::string dir = common_dir;
  for (auto& from : common_from) if (from.first <= bar) dir = from.second;
  return dir;
}
}
int FileOpen(string name, int flags, short, uint) {
  std::string dir = sim::common_now();
  if (!(flags & FILE_COMMON) || dir.empty()) { sim::last_error = 5004; return INVALID_HANDLE; }
  std::string path = name.std();
  for (auto& c : path) if (c == '\\') c = '/';
  auto* in = new std::ifstream(dir + "/" + path, std::ios::binary);
  if (!*in) { delete in; sim::last_error = 5004; return INVALID_HANDLE; }   // ERR_CANNOT_OPEN_FILE
  sim::files.push_back(in);
  sim::file_paths.push_back(dir + "/" + path);
  return static_cast<int>(sim::files.size()) - 1;
}
void FileClose(int h) { delete sim::files[static_cast<size_t>(h)]; sim::files[static_cast<size_t>(h)] = nullptr; }
// FILE_MODIFY_DATE (seconds) and FILE_SIZE (bytes) of an open file, from the file system; -1 otherwise.
long FileGetInteger(int h, ENUM_FILE_PROPERTY_INTEGER property_id) {
  struct stat st;
  if (stat(sim::file_paths[static_cast<size_t>(h)].c_str(), &st) != 0) return -1;
  if (property_id == FILE_MODIFY_DATE) return static_cast<long>(st.st_mtime);
  if (property_id == FILE_SIZE) return static_cast<long>(st.st_size);
  return -1;
}
string FileReadString(int h, int) {
  std::string line;
  std::getline(*sim::files[static_cast<size_t>(h)], line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return string(line);
}
int FileReadInteger(int h, int size) {
  unsigned char bytes[4] = {0, 0, 0, 0};
  sim::files[static_cast<size_t>(h)]->read(reinterpret_cast<char*>(bytes), size < 4 ? size : 4);
  return static_cast<int>(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24));
}
bool FileIsEnding(int h) { return sim::files[static_cast<size_t>(h)]->peek() == EOF; }
ulong FileTell(int h) { return static_cast<ulong>(sim::files[static_cast<size_t>(h)]->tellg()); }
bool FileSeek(int h, long offset, int origin) {
  auto* in = sim::files[static_cast<size_t>(h)];
  in->clear();
  in->seekg(offset, origin == SEEK_END ? std::ios::end : origin == SEEK_CUR ? std::ios::cur : std::ios::beg);
  return static_cast<bool>(*in);
}
ulong FileSize(int h) {
  auto* in = sim::files[static_cast<size_t>(h)];
  std::streampos at = in->tellg();
  in->seekg(0, std::ios::end);
  std::streampos size = in->tellg();
  in->seekg(at);
  return static_cast<ulong>(size);
}
int GetLastError(void) { return sim::last_error; }

// ---- time and price history: each symbol's own calendar --------------------------------------
datetime TimeCurrent(void) { return sim::last_quote; }   // the last quote: frozen while no symbol has a bar
datetime TimeTradeServer(void) { return sim::now; }
bool TimeToStruct(datetime dt, MqlDateTime& d) {
  time_t t = dt; struct tm g; gmtime_r(&t, &g);
  d = MqlDateTime{g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday};
  return true;
}
double iClose(const string symbol, ENUM_TIMEFRAMES, int shift) {
  sim::Symbol* s = sim::find(symbol.std());
  int i = s ? sim::own_bar(*s, shift) : -1;
  if (i < 0) return 0.0;
  return i == sim::bar ? sim::mid(*s) : s->close[static_cast<size_t>(i)];   // the forming bar: its last price
}
datetime iTime(const string symbol, ENUM_TIMEFRAMES, int shift) {
  sim::Symbol* s = sim::find(symbol.std());
  int i = s ? sim::own_bar(*s, shift) : -1;
  return i < 0 ? 0 : sim::times[static_cast<size_t>(i)];
}
int iBars(const string symbol, ENUM_TIMEFRAMES) {
  sim::Symbol* s = sim::find(symbol.std());
  return s ? sim::bars_of(*s) : 0;
}
// The shift of the latest own bar at or before `time`; with `exact`, only a bar opened at `time`.
int iBarShift(const string symbol, ENUM_TIMEFRAMES, datetime time, bool exact) {
  sim::Symbol* s = sim::find(symbol.std());
  if (!s) return -1;
  int n = sim::bars_of(*s);
  auto first = s->own.begin(), last = first + n;
  auto after = std::upper_bound(first, last, time, [](long t, int i) { return t < sim::times[static_cast<size_t>(i)]; });
  if (after == first) return -1;
  int found = *(after - 1);
  if (exact && sim::times[static_cast<size_t>(found)] != time) return -1;
  return static_cast<int>(last - after);
}
long SeriesInfoInteger(const string symbol, ENUM_TIMEFRAMES timeframe, ENUM_SERIES_INFO_INTEGER prop) {
  int bars = iBars(symbol, timeframe);
  switch (prop) {
    case SERIES_BARS_COUNT: return bars;
    case SERIES_SYNCHRONIZED: return bars > 0;
    case SERIES_FIRSTDATE: return bars > 0 ? iTime(symbol, timeframe, bars - 1) : 0;
    case SERIES_LASTBAR_DATE: return iTime(symbol, timeframe, 0);
  }
  return 0;
}
bool EventSetTimer(int seconds) { sim::timer = seconds; return seconds > 0; }
void EventKillTimer(void) { sim::timer = 0; }

// ---- terminal global variables, program and terminal state -------------------------------------
datetime GlobalVariableSet(string name, double value) { sim::globals[name.std()] = value; return sim::now; }
double GlobalVariableGet(string name) { return sim::globals.count(name.std()) ? sim::globals[name.std()] : 0.0; }
bool GlobalVariableCheck(string name) { return sim::globals.count(name.std()) > 0; }
bool GlobalVariableDel(string name) { return sim::globals.erase(name.std()) > 0; }
void GlobalVariablesFlush(void) {}   // the sim's globals are always "on disk": the state file keeps them
int MQLInfoInteger(ENUM_MQL_INFO_INTEGER prop) {
  switch (prop) {
    case MQL_TRADE_ALLOWED: return !sim::in_window(sim::autotrading_off);
    case MQL_TESTER: return sim::tester;
    case MQL_OPTIMIZATION: return 0;
  }
  return 0;
}
int TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER prop) {
  switch (prop) {
    case TERMINAL_CONNECTED: return !sim::in_window(sim::disconnect);
    case TERMINAL_TRADE_ALLOWED: return !sim::in_window(sim::autotrading_off);
  }
  return 0;
}

// ---- symbols and account ------------------------------------------------------------------------
bool SymbolSelect(string name, bool) { return sim::find(name.std()) != nullptr; }
double SymbolInfoDouble(string name, ENUM_SYMBOL_INFO_DOUBLE prop) {
  sim::Symbol* s = sim::find(name.std());
  if (!s) return 0.0;
  switch (prop) {
    case SYMBOL_BID: return sim::bid(*s);
    case SYMBOL_ASK: return sim::ask(*s);
    case SYMBOL_POINT: case SYMBOL_TRADE_TICK_SIZE: return s->tick_size;
    case SYMBOL_TRADE_TICK_VALUE: return sim::timer_calls < s->zero_tick_calls ? 0.0 : sim::tick_value_now(*s);
    case SYMBOL_TRADE_CONTRACT_SIZE: return s->contract;
    case SYMBOL_VOLUME_MIN: return s->vmin;
    case SYMBOL_VOLUME_MAX: return s->vmax;
    case SYMBOL_VOLUME_STEP: return s->vstep;
    case SYMBOL_VOLUME_LIMIT: return s->volume_limit;
  }
  return 0.0;
}
long SymbolInfoInteger(string name, ENUM_SYMBOL_INFO_INTEGER prop) {
  sim::Symbol* s = sim::find(name.std());
  if (!s) return 0;
  switch (prop) {
    case SYMBOL_DIGITS: return 2;
    case SYMBOL_TRADE_MODE: return s->trade_mode;
    case SYMBOL_TRADE_EXEMODE: return s->exemode;
    case SYMBOL_FILLING_MODE: return s->filling;
  }
  return 0;
}
// The weekly sessions only: holidays (days without a bar) are not in them, as on real servers.
bool SymbolInfoSessionTrade(string name, ENUM_DAY_OF_WEEK day, uint index, datetime& from, datetime& to) {
  sim::Symbol* s = sim::find(name.std());
  if (!s || index > 0 || s->session_close == 0 || (s->weekend_closed && (day == SUNDAY || day == SATURDAY))) return false;
  from = s->session_open;
  to = s->session_close;
  return true;
}
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE prop) {
  switch (prop) {
    case ACCOUNT_BALANCE: return sim::balance();
    case ACCOUNT_EQUITY: return sim::equity();
    case ACCOUNT_MARGIN: return sim::used_margin();
    case ACCOUNT_MARGIN_FREE: return sim::equity() - sim::used_margin();
  }
  return 0.0;
}
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER prop) {
  switch (prop) {
    case ACCOUNT_LOGIN: return sim::login;
    case ACCOUNT_LEVERAGE: return static_cast<long>(sim::leverage);
    case ACCOUNT_MARGIN_MODE: return sim::margin_mode;
  }
  return 0;
}
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING prop) {
  return string(prop == ACCOUNT_SERVER ? sim::server : prop == ACCOUNT_CURRENCY ? sim::currency : std::string());
}
// OrderCalcMargin ignores open positions (as documented) and prices at the price it is given.
bool OrderCalcMargin(ENUM_ORDER_TYPE type, string symbol, double volume, double price, double& margin) {
  sim::Symbol* s = sim::find(symbol.std());
  if (!s) return false;
  margin = sim::margin_at(*s, volume, price > 0 ? price : type == ORDER_TYPE_BUY ? sim::ask(*s) : sim::bid(*s));
  return true;
}
double TesterStatistics(ENUM_STATISTICS id) {
  if (id == STAT_EQUITY_DDREL_PERCENT) return sim::max_drawdown_pct;
  return id == STAT_PROFIT ? sim::equity() - sim::deposit - sim::net_flows() : 0.0;
}

// ---- positions: one netting position per symbol, the aggregate of every magic -------------------
namespace sim { Symbol* selected = nullptr; }
bool PositionSelect(string symbol) {
  sim::selected = sim::find(symbol.std());
  return sim::selected && sim::selected->lots != 0.0;
}
int PositionsTotal(void) {
  int n = 0;
  for (auto& s : sim::symbols) n += s.lots != 0.0;
  return n;
}
string PositionGetSymbol(int index) {
  for (auto& s : sim::symbols)
    if (s.lots != 0.0 && index-- == 0) { sim::selected = &s; return string(s.name); }
  sim::selected = nullptr;
  return "";
}
ulong PositionGetTicket(int index) {
  PositionGetSymbol(index);
  return sim::selected ? sim::selected->ticket : 0;
}
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE prop) {
  const sim::Symbol* s = sim::selected;
  if (!s || s->lots == 0) return 0.0;
  switch (prop) {
    case POSITION_VOLUME: return std::fabs(s->lots);
    case POSITION_PRICE_OPEN: return s->open_price;
    case POSITION_PRICE_CURRENT: return s->lots > 0 ? sim::bid(*s) : sim::ask(*s);
    case POSITION_PROFIT: return sim::floating(*s);
  }
  return 0.0;
}
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER prop) {
  const sim::Symbol* s = sim::selected;
  if (!s || s->lots == 0) return 0;
  switch (prop) {
    case POSITION_TYPE: return s->lots < 0 ? POSITION_TYPE_SELL : POSITION_TYPE_BUY;
    case POSITION_MAGIC: return s->magic;
    case POSITION_TIME: return s->opened;
    case POSITION_TICKET: case POSITION_IDENTIFIER: return static_cast<long>(s->ticket);
  }
  return 0;
}

// ---- deal history --------------------------------------------------------------------------------
namespace sim {
std::vector<size_t> history;   // the deals HistorySelect chose (indices: a later deal may move the vector)
const Deal* selected_deal(ulong ticket) {
  for (size_t i : history) if (deals[i].ticket == ticket) return &deals[i];
  return nullptr;
}
}  // namespace sim
bool HistorySelect(datetime from_date, datetime to_date) {
  sim::history.clear();
  for (size_t i = 0; i < sim::deals.size(); i++)
    if (sim::deals[i].time >= from_date && sim::deals[i].time <= to_date) sim::history.push_back(i);
  return true;
}
int HistoryDealsTotal(void) { return static_cast<int>(sim::history.size()); }
ulong HistoryDealGetTicket(int index) {
  return index < 0 || index >= HistoryDealsTotal() ? 0 : sim::deals[sim::history[static_cast<size_t>(index)]].ticket;
}
long HistoryDealGetInteger(ulong ticket, ENUM_DEAL_PROPERTY_INTEGER prop) {
  const sim::Deal* d = sim::selected_deal(ticket);
  if (!d) return 0;
  switch (prop) {
    case DEAL_TICKET: case DEAL_ORDER: return static_cast<long>(d->ticket);
    case DEAL_TIME: return d->time;
    case DEAL_TYPE: return d->type;
    case DEAL_ENTRY: return d->entry;
    case DEAL_MAGIC: return d->magic;
    case DEAL_POSITION_ID: return 0;
  }
  return 0;
}
double HistoryDealGetDouble(ulong ticket, ENUM_DEAL_PROPERTY_DOUBLE prop) {
  const sim::Deal* d = sim::selected_deal(ticket);
  if (!d) return 0.0;
  switch (prop) {
    case DEAL_VOLUME: return d->volume;
    case DEAL_PRICE: return d->price;
    case DEAL_COMMISSION: return d->commission;
    case DEAL_PROFIT: return d->profit;
    case DEAL_SWAP: case DEAL_FEE: return 0.0;
  }
  return 0.0;
}
string HistoryDealGetString(ulong ticket, ENUM_DEAL_PROPERTY_STRING prop) {
  const sim::Deal* d = sim::selected_deal(ticket);
  return string(d && prop == DEAL_SYMBOL ? d->symbol : std::string());
}

// ---- CTrade: the server side of a market deal ----------------------------------------------
namespace sim {
struct Result { uint code = 0; ulong deal = 0; double volume = 0, price = 0; };
// Past the checks, the fault generator may requote or fill part of the order.
Result execute(Symbol& s, double delta, long magic) {
  Result r;
  double u = uniform();
  if (u < requote_rate) { r.code = TRADE_RETCODE_REQUOTE; return r; }
  bool partial = u < requote_rate + partial_rate && partial_volume(s, std::fabs(delta)) < std::fabs(delta) - 1e-12;
  double lots = partial ? std::copysign(partial_volume(s, std::fabs(delta)), delta) : delta;
  const Deal& d = fill(s, lots, magic);
  r.code = partial ? TRADE_RETCODE_DONE_PARTIAL : TRADE_RETCODE_DONE;
  r.deal = d.ticket; r.volume = d.volume; r.price = d.price;
  if (partial) std::printf("SIM partial %s %+.8f of %+.8f lots\n", s.name.c_str(), lots, delta);
  return r;
}
Result send(const string& symbol, double volume, double sign, ENUM_ORDER_TYPE_FILLING filling, long magic) {
  Symbol* s = find(symbol.std());
  Result r;
  r.code = volume <= 0 || !s ? TRADE_RETCODE_INVALID_VOLUME : order_check(*s, sign * volume, filling);
  if (r.code == 0) r = execute(*s, sign * volume, magic);
  if (r.code != TRADE_RETCODE_DONE && r.code != TRADE_RETCODE_DONE_PARTIAL)
    std::printf("SIM reject %u %s %+.8f lots\n", r.code, symbol.c_str(), sign * volume);
  return r;
}
}  // namespace sim

void CTrade::SetExpertMagicNumber(const ulong magic) { magic_ = magic; }
void CTrade::SetDeviationInPoints(const ulong deviation) { deviation_ = deviation; }
void CTrade::SetTypeFilling(const ENUM_ORDER_TYPE_FILLING filling) { filling_ = filling; }
// As Trade.mqh: FOK, else IOC, from the symbol's flags; false (filling unchanged) when neither.
bool CTrade::SetTypeFillingBySymbol(const string symbol) {
  sim::Symbol* s = sim::find(symbol.std());
  if (!s) return false;
  if (s->filling & SYMBOL_FILLING_FOK) { filling_ = ORDER_FILLING_FOK; return true; }
  if (s->filling & SYMBOL_FILLING_IOC) { filling_ = ORDER_FILLING_IOC; return true; }
  return false;
}
uint CTrade::ResultRetcode(void) const { return retcode_; }
ulong CTrade::ResultDeal(void) const { return deal_; }
double CTrade::ResultVolume(void) const { return volume_; }
double CTrade::ResultPrice(void) const { return price_; }
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
bool CTrade::Buy(const double volume, const string symbol, double, const double, const double, const string) {
  sim::Result r = sim::send(symbol, volume, 1.0, filling_, static_cast<long>(magic_));
  retcode_ = r.code; deal_ = r.deal; volume_ = r.volume; price_ = r.price;
  return r.deal != 0;
}
bool CTrade::Sell(const double volume, const string symbol, double, const double, const double, const string) {
  sim::Result r = sim::send(symbol, volume, -1.0, filling_, static_cast<long>(magic_));
  retcode_ = r.code; deal_ = r.deal; volume_ = r.volume; price_ = r.price;
  return r.deal != 0;
}

// ---- configuration: `account`/`symbol` lines of key=value, lists "a,b", pairs "a:b" ------------
namespace sim {
int stop_after = -1, stop_call = -1;
std::string state_out;
std::vector<int> skip_close;

[[noreturn]] void bad_config(const std::string& what) {
  std::fprintf(stderr, "sim: bad config: %s\n", what.c_str());
  std::exit(2);
}
std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, sep);) if (!part.empty()) parts.push_back(part);
  return parts;
}
double num(const std::string& text) { return std::strtod(text.c_str(), nullptr); }   // also nan, inf
std::vector<int> ints(const std::string& text) {
  std::vector<int> out;
  for (auto& part : split(text, ',')) out.push_back(std::atoi(part.c_str()));
  return out;
}
std::vector<std::pair<double, double>> pairs(const std::string& text) {
  std::vector<std::pair<double, double>> out;
  for (auto& part : split(text, ',')) {
    size_t colon = part.find(':');
    if (colon == std::string::npos) bad_config("pair without ':' " + part);
    out.push_back({num(part.substr(0, colon)), num(part.substr(colon + 1))});
  }
  return out;
}
std::vector<Window> windows(const std::string& text) {
  std::vector<Window> out;
  for (auto& p : pairs(text)) out.push_back(Window{static_cast<int>(p.first), static_cast<int>(p.second)});
  return out;
}
void set_account(const std::string& key, const std::string& v) {
  if (key == "deposit") deposit = num(v);
  else if (key == "margin_mode") margin_mode = std::atol(v.c_str());
  else if (key == "calls_per_bar") calls_per_bar = std::atoi(v.c_str());
  else if (key == "cost_rate") cost_rate = num(v);
  else if (key == "fee") fee = num(v);
  else if (key == "close_at") close_at = std::atol(v.c_str());
  else if (key == "skip_close") skip_close = ints(v);
  else if (key == "leverage") leverage = num(v);
  else if (key == "login") login = std::atol(v.c_str());
  else if (key == "currency") currency = v;
  else if (key == "tester") tester = std::atoi(v.c_str());
  else if (key == "cash_flows") { for (auto& p : pairs(v)) flows.push_back(Flow{static_cast<int>(p.first), p.second}); }
  else if (key == "requote_rate") requote_rate = num(v);
  else if (key == "partial_fill_rate") partial_rate = num(v);
  else if (key == "seed") seed = std::atol(v.c_str());
  else if (key == "disconnect") disconnect = windows(v);
  else if (key == "autotrading_off") autotrading_off = windows(v);
  else if (key == "account_switch_at") account_switch_at = std::atoi(v.c_str());
  else bad_config("unknown account key " + key);
}
void set_symbol(Symbol& s, const std::string& key, const std::string& v) {
  if (key == "contract") s.contract = num(v);
  else if (key == "tick_size") s.tick_size = num(v);
  else if (key == "tick_value") s.tick_value = num(v);
  else if (key == "vmin") s.vmin = num(v);
  else if (key == "vstep") s.vstep = num(v);
  else if (key == "vmax") s.vmax = num(v);
  else if (key == "filling") s.filling = std::atol(v.c_str());
  else if (key == "exemode") s.exemode = std::atol(v.c_str());
  else if (key == "margin_rate") s.margin_rate = num(v);
  else if (key == "weekend_closed") s.weekend_closed = std::atoi(v.c_str());
  else if (key == "session_open") s.session_open = std::atoi(v.c_str());
  else if (key == "zero_tick_calls") s.zero_tick_calls = std::atoi(v.c_str());
  else if (key == "session_close") s.session_close = std::atoi(v.c_str());
  else if (key == "spread_bps") s.spread_bps = num(v);
  else if (key == "volume_limit") s.volume_limit = num(v);
  else if (key == "trade_mode") s.trade_mode = std::atoi(v.c_str());
  else if (key == "first_bar") s.first_bar = std::atoi(v.c_str());
  else if (key == "missing") s.missing = ints(v);
  else if (key == "tick_value_symbol") s.tick_value_symbol = v;
  else if (key == "tick_value_inverse") s.tick_value_inverse = std::atoi(v.c_str());
  else if (key == "foreign_lots") s.foreign_lots = num(v);
  else bad_config("unknown symbol key " + key);
}
// The key=value words of a line, each given to `set`.
template <typename F> void settings(std::istringstream& words, F set) {
  for (std::string word; words >> word;) {
    size_t eq = word.find('=');
    if (eq == std::string::npos) bad_config("expected key=value, got " + word);
    set(word.substr(0, eq), word.substr(eq + 1));
  }
}
void load_config(const char* path) {
  std::ifstream in(path);
  if (!in) bad_config(std::string("cannot read ") + path);
  std::string line, key;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    if (!(f >> key)) continue;
    if (key == "account") settings(f, set_account);
    else if (key == "server") { std::getline(f >> std::ws, server); }
    else if (key == "stop_after") f >> stop_after >> stop_call;
    else if (key == "state_out") f >> state_out;
    else if (key == "common") { std::getline(f >> std::ws, common_dir); }
    else if (key == "common_from") { int at; std::string dir; f >> at; std::getline(f >> std::ws, dir); common_from.push_back({at, dir}); }
    else if (key == "symbol") {
      Symbol s;
      f >> s.name;
      settings(f, [&s](const std::string& k, const std::string& v) { set_symbol(s, k, v); });
      symbols.push_back(s);
    } else if (key == "bar") {
      long t; f >> t; times.push_back(t);
      for (auto& s : symbols) { std::string c; f >> c; s.close.push_back(num(c)); }
    } else bad_config("unknown line " + key);
  }
  for (auto& s : symbols) build_calendar(s);
  cash = deposit;
  rng = seeded(seed);
}

// ---- persistence across a restart: the whole account, the globals and the generator -------------
std::string word(const std::string& text) { return text.empty() ? "-" : text; }
std::string unword(const std::string& text) { return text == "-" ? "" : text; }
void load_state(const char* path) {
  std::ifstream in(path);
  std::string key, name;
  while (in >> key) {
    if (key == "cash") in >> cash;
    else if (key == "bar") in >> bar;
    else if (key == "call") in >> call;
    else if (key == "started") in >> started;
    else if (key == "login") in >> login;
    else if (key == "switched") in >> switched;
    else if (key == "last_quote") in >> last_quote;
    else if (key == "timer_calls") in >> timer_calls;
    else if (key == "rng") in >> rng;
    else if (key == "next_ticket") in >> next_ticket;
    else if (key == "peak_equity") in >> peak_equity;
    else if (key == "max_drawdown_pct") in >> max_drawdown_pct;
    else if (key == "global") { double v; in >> name >> v; globals[name] = v; }
    else if (key == "position") {
      Symbol scratch, *s;
      in >> name;
      s = find(name) ? find(name) : &scratch;
      in >> s->lots >> s->open_price >> s->magic >> s->ticket >> s->opened;
    } else if (key == "deal") {
      Deal d;
      in >> d.ticket >> d.time >> d.symbol >> d.magic >> d.type >> d.entry >> d.volume >> d.price >> d.commission >> d.profit;
      d.symbol = unword(d.symbol);
      deals.push_back(d);
    }
  }
}
// The tester's relative equity drawdown (STAT_EQUITY_DDREL_PERCENT), sampled at every timer event.
void track_drawdown() {
  double e = equity() - net_flows();
  peak_equity = std::max(peak_equity, e);
  if (peak_equity > 0) max_drawdown_pct = std::max(max_drawdown_pct, 100.0 * (peak_equity - e) / peak_equity);
}
void save_state(int next_bar, int next_call) {
  std::ofstream out(state_out);
  out.precision(17);
  out << "cash " << cash << "\nbar " << next_bar << "\ncall " << next_call << "\nstarted " << started
      << "\nlogin " << login << "\nswitched " << switched << "\nlast_quote " << last_quote
      << "\ntimer_calls " << timer_calls << "\nrng " << rng << "\nnext_ticket " << next_ticket
      << "\npeak_equity " << peak_equity << "\nmax_drawdown_pct " << max_drawdown_pct << "\n";
  for (auto& s : symbols)
    if (s.lots != 0)
      out << "position " << s.name << " " << s.lots << " " << s.open_price << " " << s.magic << " " << s.ticket << " "
          << s.opened << "\n";
  for (auto& d : deals)
    out << "deal " << d.ticket << " " << d.time << " " << word(d.symbol) << " " << d.magic << " " << d.type << " "
        << d.entry << " " << d.volume << " " << d.price << " " << d.commission << " " << d.profit << "\n";
  for (auto& g : globals) out << "global " << g.first << " " << g.second << "\n";
}

// ---- the run loop ------------------------------------------------------------------------------
// A new login on the same server; the EA stays loaded (OnDeinit, OnInit), the terminal keeps its
// global variables; the new account has the deposit, no positions, no deals, no foreign volume.
bool switch_account() {
  OnDeinit(REASON_ACCOUNT);
  login += 1;
  cash = deposit;
  deals.clear();
  history.clear();
  for (auto& s : symbols) close_position(s);
  switched = 1;
  log("account switch to " + std::to_string(login) + " on " + date_of(now));
  return OnInit() == INIT_SUCCEEDED;
}
// What happens at a bar's midnight before its timer events: the account switch, then cash flows.
bool start_of_bar() {
  if (started == bar) return true;    // already done before a restart inside this bar
  started = bar;
  now = times[static_cast<size_t>(bar)];
  if (bar == account_switch_at && !switched && !switch_account()) return false;
  for (auto& f : flows) if (f.bar == bar) cash_flow(f.amount);
  return true;
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
void timer_event(const std::pair<long, bool>& event) {
  now = event.first;
  closing = event.second;
  if (any_bar()) last_quote = now;
  OnTimer();
  timer_calls++;
  track_drawdown();
}
void finish() {
  bar = static_cast<int>(times.size()) - 1;   // after the last bar: every price is its close
  closing = true;
  OnDeinit(REASON_REMOVE);
  std::printf("SIM end equity %.8f tester %.8f\n", equity(), OnTester());
  for (auto& s : symbols) std::printf("SIM position %s %.8f lots\n", s.name.c_str(), s.lots);
}
}  // namespace sim

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: sim CONFIG [STATE_IN]\n"); return 2; }
  sim::load_config(argv[1]);
  if (sim::times.empty()) sim::bad_config("no bars");
  if (argc > 2) {
    sim::load_state(argv[2]);
  } else {
    sim::open_foreign(sim::times[0] - 86400);
    sim::last_quote = sim::times[0];
  }
  sim::now = sim::times[static_cast<size_t>(sim::bar)];
  if (OnInit() != INIT_SUCCEEDED) { sim::log("init failed"); return 3; }
  for (; sim::bar < static_cast<int>(sim::times.size()); sim::bar++, sim::call = 0) {
    if (!sim::start_of_bar()) { sim::log("init failed"); return 3; }
    std::vector<std::pair<long, bool>> calls = sim::calls_of_bar();
    int total = static_cast<int>(calls.size());
    for (; sim::call < total; sim::call++) {
      if (sim::stop_here(sim::call, total)) return 0;
      sim::timer_event(calls[static_cast<size_t>(sim::call)]);
    }
    sim::closing = false;
    if (sim::stop_here(total, total)) return 0;
  }
  sim::finish();
  return 0;
}
