// rbl prelude: exactly the MQL5 API subset the rbl emitter uses, declared for a C++17 compiler.
// Signatures follow mql5.com/en/docs and MetaQuotes' Include/Trade/Trade.mqh. Enum values:
// [d] documented on mql5.com or in the MetaTrader5 Python package; [m] from the MtApi5 bindings
// (github.com/vdemydiuk/mtapi, MtApi5/Mt5Enums.cs); [u] not verified (only used consistently here).
#ifndef RBL_MQL5_PRELUDE_H
#define RBL_MQL5_PRELUDE_H
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long datetime;    // LP64 Linux: long is 64-bit, as MQL5's datetime
typedef unsigned int color;

// MQL5's string: a value type; no `+` with numbers (use StringFormat / IntegerToString).
class string {
 public:
  string() {}
  string(const char* text) : v_(text ? text : "") {}
  explicit string(const std::string& text) : v_(text) {}
  const char* c_str() const { return v_.c_str(); }
  const std::string& std() const { return v_; }
  string operator+(const string& other) const { return string(v_ + other.v_); }
  string& operator+=(const string& other) { v_ += other.v_; return *this; }
  bool operator==(const string& other) const { return v_ == other.v_; }
  bool operator!=(const string& other) const { return v_ != other.v_; }
  bool operator<(const string& other) const { return v_ < other.v_; }
 private:
  std::string v_;
};

struct MqlDateTime { int year; int mon; int day; int hour; int min; int sec; int day_of_week; int day_of_year; };

enum ENUM_TIMEFRAMES { PERIOD_CURRENT = 0, PERIOD_M1 = 1, PERIOD_M5 = 5, PERIOD_M15 = 15, PERIOD_M30 = 30, PERIOD_H1 = 16385, PERIOD_H2 = 16386, PERIOD_H3 = 16387, PERIOD_H4 = 16388, PERIOD_H6 = 16390, PERIOD_H8 = 16392, PERIOD_H12 = 16396, PERIOD_D1 = 16408 };                 // [m]
enum ENUM_SYMBOL_INFO_DOUBLE { SYMBOL_BID = 1, SYMBOL_ASK = 4, SYMBOL_POINT = 16,
  SYMBOL_TRADE_TICK_VALUE = 26, SYMBOL_TRADE_TICK_SIZE = 27, SYMBOL_TRADE_CONTRACT_SIZE = 28,
  SYMBOL_VOLUME_MIN = 34, SYMBOL_VOLUME_MAX = 35, SYMBOL_VOLUME_STEP = 36, SYMBOL_VOLUME_LIMIT = 55 };  // [m]
enum ENUM_SYMBOL_INFO_INTEGER { SYMBOL_DIGITS = 17, SYMBOL_TRADE_MODE = 30, SYMBOL_TRADE_EXEMODE = 33,
  SYMBOL_FILLING_MODE = 50 };                                                                         // [m]
enum ENUM_SYMBOL_TRADE_MODE { SYMBOL_TRADE_MODE_DISABLED = 0, SYMBOL_TRADE_MODE_LONGONLY = 1,
  SYMBOL_TRADE_MODE_SHORTONLY = 2, SYMBOL_TRADE_MODE_CLOSEONLY = 3, SYMBOL_TRADE_MODE_FULL = 4 };     // [d]
enum ENUM_SYMBOL_TRADE_EXECUTION { SYMBOL_TRADE_EXECUTION_REQUEST = 0, SYMBOL_TRADE_EXECUTION_INSTANT = 1,
  SYMBOL_TRADE_EXECUTION_MARKET = 2, SYMBOL_TRADE_EXECUTION_EXCHANGE = 3 };                           // [d] [m]
enum ENUM_SERIES_INFO_INTEGER { SERIES_BARS_COUNT = 0, SERIES_FIRSTDATE = 1, SERIES_SYNCHRONIZED = 4,
  SERIES_LASTBAR_DATE = 5 };                                                                          // [m]
enum ENUM_ACCOUNT_INFO_DOUBLE { ACCOUNT_BALANCE = 37, ACCOUNT_EQUITY = 40, ACCOUNT_MARGIN = 41,
  ACCOUNT_MARGIN_FREE = 42 };                                                                         // [m]
enum ENUM_ACCOUNT_INFO_INTEGER { ACCOUNT_LOGIN = 0, ACCOUNT_LEVERAGE = 35, ACCOUNT_MARGIN_MODE = 53 };  // [m]
enum ENUM_ACCOUNT_INFO_STRING { ACCOUNT_SERVER = 3, ACCOUNT_CURRENCY = 36 };                          // [m]
enum ENUM_MQL_INFO_INTEGER { MQL_TRADE_ALLOWED = 4, MQL_TESTER = 6, MQL_OPTIMIZATION = 7 };          // [u]
enum ENUM_TERMINAL_INFO_INTEGER { TERMINAL_CONNECTED = 6, TERMINAL_TRADE_ALLOWED = 8 };              // [m]
enum ENUM_ACCOUNT_MARGIN_MODE { ACCOUNT_MARGIN_MODE_RETAIL_NETTING = 0, ACCOUNT_MARGIN_MODE_EXCHANGE = 1,
  ACCOUNT_MARGIN_MODE_RETAIL_HEDGING = 2 };                                                           // [d]
enum ENUM_POSITION_PROPERTY_DOUBLE { POSITION_VOLUME = 3, POSITION_PRICE_OPEN = 4, POSITION_PRICE_CURRENT = 5,
  POSITION_PROFIT = 10 };                                                                             // [m]
enum ENUM_POSITION_PROPERTY_INTEGER { POSITION_TIME = 1, POSITION_TYPE = 2, POSITION_MAGIC = 12,
  POSITION_IDENTIFIER = 13, POSITION_TICKET = 17 };                                                   // [m]
enum ENUM_POSITION_TYPE { POSITION_TYPE_BUY = 0, POSITION_TYPE_SELL = 1 };                            // [d]
enum ENUM_ORDER_TYPE { ORDER_TYPE_BUY = 0, ORDER_TYPE_SELL = 1 };                                     // [d]
enum ENUM_DEAL_PROPERTY_INTEGER { DEAL_ORDER = 1, DEAL_TIME = 2, DEAL_TYPE = 3, DEAL_ENTRY = 4,
  DEAL_MAGIC = 11, DEAL_POSITION_ID = 12, DEAL_TICKET = 15 };                                         // [m]
enum ENUM_DEAL_PROPERTY_DOUBLE { DEAL_VOLUME = 5, DEAL_PRICE = 6, DEAL_COMMISSION = 7, DEAL_SWAP = 8,
  DEAL_PROFIT = 9, DEAL_FEE = 90 };                                                                   // [m]; DEAL_FEE [u]
enum ENUM_DEAL_PROPERTY_STRING { DEAL_SYMBOL = 0, DEAL_COMMENT = 10 };                               // [m]
enum ENUM_DEAL_TYPE { DEAL_TYPE_BUY = 0, DEAL_TYPE_SELL = 1, DEAL_TYPE_BALANCE = 2 };                // [d] [m]
enum ENUM_DEAL_ENTRY { DEAL_ENTRY_IN = 0, DEAL_ENTRY_OUT = 1, DEAL_ENTRY_INOUT = 2 };                 // [d] [m]
enum ENUM_ORDER_TYPE_FILLING { ORDER_FILLING_FOK = 0, ORDER_FILLING_IOC = 1, ORDER_FILLING_RETURN = 2 }; // [d]
enum ENUM_DAY_OF_WEEK { SUNDAY = 0, MONDAY = 1, TUESDAY = 2, WEDNESDAY = 3, THURSDAY = 4, FRIDAY = 5,
  SATURDAY = 6 };                                                                                     // [d]
enum ENUM_STATISTICS { STAT_PROFIT = 1, STAT_EQUITY_DDREL_PERCENT = 16 };                             // [u]
enum ENUM_INIT_RETCODE { INIT_SUCCEEDED = 0, INIT_FAILED = 1 };                                      // [d]
enum ENUM_DEINIT_REASON { REASON_PROGRAM = 0, REASON_REMOVE = 1, REASON_RECOMPILE = 2,
  REASON_CHARTCHANGE = 3, REASON_ACCOUNT = 6 };                                                      // [d]
#define SYMBOL_FILLING_FOK 1                                                                          // [d]
#define SYMBOL_FILLING_IOC 2                                                                          // [d]
// Trade server return codes (docs: constants/errorswarnings/enum_trade_return_codes)               // [d]
#define TRADE_RETCODE_REQUOTE 10004
#define TRADE_RETCODE_REJECT 10006
#define TRADE_RETCODE_PLACED 10008
#define TRADE_RETCODE_DONE 10009
#define TRADE_RETCODE_DONE_PARTIAL 10010
#define TRADE_RETCODE_INVALID_VOLUME 10014
#define TRADE_RETCODE_TRADE_DISABLED 10017
#define TRADE_RETCODE_MARKET_CLOSED 10018
#define TRADE_RETCODE_NO_MONEY 10019
#define TRADE_RETCODE_PRICE_CHANGED 10020
#define TRADE_RETCODE_PRICE_OFF 10021
#define TRADE_RETCODE_TOO_MANY_REQUESTS 10024
#define TRADE_RETCODE_CLIENT_DISABLES_AT 10027
#define TRADE_RETCODE_INVALID_FILL 10030
#define TRADE_RETCODE_CONNECTION 10031
#define TRADE_RETCODE_LIMIT_VOLUME 10034
#define TRADE_RETCODE_LONG_ONLY 10042
#define TRADE_RETCODE_SHORT_ONLY 10043
#define TRADE_RETCODE_CLOSE_ONLY 10044

// Math, conversion, strings
double MathAbs(double value);
double MathMax(double value1, double value2);
double MathMin(double value1, double value2);
double MathFloor(double val);
double MathSqrt(double value);
double MathLog(double value);
double MathExp(double value);
double MathRound(double value);
bool MathIsValidNumber(double number);
double NormalizeDouble(double value, int digits);
int StringLen(string string_value);
string StringSubstr(string string_value, int start_pos, int length = -1);
string IntegerToString(long number, int str_len = 0, ushort fill_symbol = ' ');
ushort StringGetCharacter(string string_value, int pos);
int StringFind(string string_value, string match_substring, int start_pos = 0);
int StringTrimLeft(string& string_var);
int StringTrimRight(string& string_var);
double StringToDouble(string value);
long StringToInteger(string value);
datetime StructToTime(MqlDateTime& dt_struct);

// Files (signals): text files in the terminal's common data folder. Flag values [d].
#define INVALID_HANDLE -1
#define FILE_READ 1
#define FILE_BIN 4
#define CHAR_VALUE 1
#define FILE_TXT 16
#define FILE_ANSI 32
#define FILE_SHARE_READ 128
#define FILE_SHARE_WRITE 256
#define FILE_COMMON 4096
// ENUM_FILE_POSITION: SEEK_SET 0, SEEK_CUR 1, SEEK_END 2 [d]; <cstdio> defines the same names as macros
// with these values, so FileSeek takes an int here.
int FileOpen(string file_name, int open_flags, short delimiter = '\t', uint codepage = 0);
void FileClose(int file_handle);
string FileReadString(int file_handle, int length = -1);
int FileReadInteger(int file_handle, int size = 4);
bool FileIsEnding(int file_handle);
ulong FileTell(int file_handle);
bool FileSeek(int file_handle, long offset, int origin);
ulong FileSize(int file_handle);
// ENUM_FILE_PROPERTY_INTEGER: the names are documented, their values [u]. Only these two are used.
enum ENUM_FILE_PROPERTY_INTEGER { FILE_MODIFY_DATE = 2, FILE_SIZE = 4 };                           // [u]
long FileGetInteger(int file_handle, ENUM_FILE_PROPERTY_INTEGER property_id);
int GetLastError(void);

// Formatting and output: variadic, as in MQL5 (no -Wformat checking through the template).
inline const char* rbl_arg(const string& value) { return value.c_str(); }
template <typename T> T rbl_arg(T value) { return value; }
template <typename... A> string StringFormat(string format, A... args) {
  int size = std::snprintf(nullptr, 0, format.c_str(), rbl_arg(args)...);
  std::vector<char> buffer(static_cast<size_t>(size > 0 ? size : 0) + 1);
  std::snprintf(buffer.data(), buffer.size(), format.c_str(), rbl_arg(args)...);
  return string(buffer.data());
}
void rbl_print(const string& text);
void rbl_alert(const string& text);
inline void Print(const string& text) { rbl_print(text); }
inline void Alert(const string& text) { rbl_alert(text); }
bool SendNotification(string text);

// Time and history
datetime TimeCurrent(void);
datetime TimeTradeServer(void);
bool TimeToStruct(datetime dt, MqlDateTime& dt_struct);
double iClose(const string symbol, ENUM_TIMEFRAMES timeframe, int shift);
datetime iTime(const string symbol, ENUM_TIMEFRAMES timeframe, int shift);
int iBars(const string symbol, ENUM_TIMEFRAMES timeframe);
int iBarShift(const string symbol, ENUM_TIMEFRAMES timeframe, datetime time, bool exact = false);
long SeriesInfoInteger(const string symbol_name, ENUM_TIMEFRAMES timeframe, ENUM_SERIES_INFO_INTEGER prop_id);
bool EventSetTimer(int seconds);
void EventKillTimer(void);

// Terminal global variables
datetime GlobalVariableSet(string name, double value);
double GlobalVariableGet(string name);
bool GlobalVariableCheck(string name);
bool GlobalVariableDel(string name);
void GlobalVariablesFlush(void);

// Program and terminal
int MQLInfoInteger(ENUM_MQL_INFO_INTEGER property_id);
int TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER property_id);

// Symbols, account, positions, margin
bool SymbolSelect(string name, bool select);
double SymbolInfoDouble(string name, ENUM_SYMBOL_INFO_DOUBLE prop_id);
long SymbolInfoInteger(string name, ENUM_SYMBOL_INFO_INTEGER prop_id);
bool SymbolInfoSessionTrade(string name, ENUM_DAY_OF_WEEK day_of_week, uint session_index, datetime& from,
                            datetime& to);
double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE property_id);
long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER property_id);
string AccountInfoString(ENUM_ACCOUNT_INFO_STRING property_id);
int PositionsTotal(void);
string PositionGetSymbol(int index);
ulong PositionGetTicket(int index);
bool PositionSelect(string symbol);
double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE property_id);
long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER property_id);
bool OrderCalcMargin(ENUM_ORDER_TYPE action, string symbol, double volume, double price, double& margin);
double TesterStatistics(ENUM_STATISTICS statistic_id);

// Deal history
bool HistorySelect(datetime from_date, datetime to_date);
int HistoryDealsTotal(void);
ulong HistoryDealGetTicket(int index);
long HistoryDealGetInteger(ulong ticket_number, ENUM_DEAL_PROPERTY_INTEGER property_id);
double HistoryDealGetDouble(ulong ticket_number, ENUM_DEAL_PROPERTY_DOUBLE property_id);
string HistoryDealGetString(ulong ticket_number, ENUM_DEAL_PROPERTY_STRING property_id);

// CTrade (Include/Trade/Trade.mqh): the methods the EA calls.
class CTrade {
 public:
  void SetExpertMagicNumber(const ulong magic);
  void SetDeviationInPoints(const ulong deviation);
  void SetTypeFilling(const ENUM_ORDER_TYPE_FILLING filling);
  bool SetTypeFillingBySymbol(const string symbol);
  bool Buy(const double volume, const string symbol = NULL, double price = 0.0, const double sl = 0.0,
           const double tp = 0.0, const string comment = "");
  bool Sell(const double volume, const string symbol = NULL, double price = 0.0, const double sl = 0.0,
            const double tp = 0.0, const string comment = "");
  uint ResultRetcode(void) const;
  string ResultRetcodeDescription(void) const;
  ulong ResultDeal(void) const;
  double ResultVolume(void) const;
  double ResultPrice(void) const;
 private:
  ulong magic_ = 0;
  ulong deviation_ = 10;
  ENUM_ORDER_TYPE_FILLING filling_ = ORDER_FILLING_FOK;
  uint retcode_ = 0;
  ulong deal_ = 0;
  double volume_ = 0.0;
  double price_ = 0.0;
};

// The EA's event handlers, called by the terminal (or by the simulated broker).
int OnInit(void);
void OnDeinit(const int reason);
void OnTick(void);
void OnTimer(void);
double OnTester(void);
#endif
