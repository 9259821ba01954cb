//--- rbl runtime, part 2: the EA's own book, persistence (hand-written, inlined once)
CTrade   g_trade;
datetime g_last_bar = 0;               // the last decided bar (persisted)
bool     g_started = false;            // the first decision bar is behind us (persisted)
bool     g_killed = false;             // the kill switch fired (persisted)
bool     g_targets_known = false;      // the targets in effect are held (persisted with them)
bool     g_has_pending = false;        // target lots still to reach (persisted)
double   g_pending[RBL_ASSETS];        // target lots per symbol (persisted)
double   g_plan_px[RBL_ASSETS];        // the price its last order was planned at (persisted)
double   g_rest[RBL_ASSETS];           // `trade over N bars`: what is left of the decision's orders, data units (persisted)
int      g_slices_left = 0;            // slices of it still to trade (persisted)
int      g_slice_part = 0;             // the slice traded last, 1..RBL_TRANCHES (persisted)
datetime g_slice_decision = 0;         // the bar of that decision (persisted)
datetime g_retry_after = 0;            // back-off: no order before this server time
int      g_attempts = 0;               // rounds in a row that met a transient reject
bool     g_transient = false;          // this round met a transient reject
bool     g_blocked[RBL_ASSETS];        // refused for a reason that lasts: never resent this decision
double   g_cash = 0.0;                 // own cash, as if the pending orders were filled now
double   g_upl[RBL_ASSETS];            // data units per lot: tick value / tick size
double   g_lots[RBL_ASSETS];           // lots the EA holds or has committed to (pending orders)
double   g_px[RBL_ASSETS];             // execution prices: the mid of bid and ask
double   g_dq[RBL_ASSETS];             // planned orders in data units
double   g_omega[RBL_ASSETS];          // destination weights of the traded set
bool     g_in_s[RBL_ASSETS];           // in the traded set
datetime g_notified[10];               // SendNotification: at most 10 a minute
// The EA's own book, read from its deals (DEAL_MAGIC == InpMagic), never from the account as a
// whole: other EAs and manual trades on the account are not its capital.
double   g_own[RBL_ASSETS];            // own signed lots, from every own deal
double   g_spent[RBL_ASSETS];          // sum of signed lots x price of own deals since the anchor
double   g_charges = 0.0;              // commissions, fees and swaps of own deals since the anchor
double   g_flows = 0.0;                // deposits (+) and withdrawals (-) since the anchor
int      g_deals_seen = 0;             // deals of the history already read
datetime g_since = 0;                  // the anchor: the EA's first decision on this account (persisted)
double   g_cash0 = 0.0;                // own cash at the anchor (persisted)
double   g_flows_seen = 0.0;           // flows already applied to the NAV peak (persisted)

// Terminal global variables are shared by every program and account of the terminal: the key
// carries the mode (Tester or Live), the login, a hash of the server and the magic number.
string RblStatePrefix(void)
  {
   string server = AccountInfoString(ACCOUNT_SERVER);
   ulong hash = 5381;
   for(int i = 0; i < StringLen(server); i++)
      hash = hash * 33 + StringGetCharacter(server, i);
   return StringFormat("rbl.%s%s.%s.%s.", MQLInfoInteger(MQL_TESTER) != 0 ? "T" : "L",
                       IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)),
                       IntegerToString((long)(hash % 1000000007)), IntegerToString((long)InpMagic));
  }

void RblSaveAll(void)
  {
   RblSave("last_bar", (double)g_last_bar);
   RblSave("started", g_started ? 1.0 : 0.0);
   RblSave("killed", g_killed ? 1.0 : 0.0);
   RblSave("targets", g_targets_known ? 1.0 : 0.0);
   RblSave("peak", g_peak);
   RblSave("since", (double)g_since);
   RblSave("cash0", g_cash0);
   RblSave("flows", g_flows_seen);
   RblSave("pending", g_has_pending ? 1.0 : 0.0);
   RblSave("slices_left", (double)g_slices_left);
   RblSave("slice_part", (double)g_slice_part);
   RblSave("slice_decision", (double)g_slice_decision);
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      RblSave(StringFormat("lots%d", a), g_pending[a]);
      RblSave(StringFormat("px%d", a), g_plan_px[a]);
      RblSave(StringFormat("rest%d", a), g_rest[a]);
     }
   RblStatesSave();
   GlobalVariablesFlush();             // a crash must not lose the kill flag or a decided bar
  }

void RblLoadAll(void)
  {
   g_last_bar = (datetime)RblLoad("last_bar", 0.0);
   g_started = RblLoad("started", 0.0) > 0.5;
   g_killed = RblLoad("killed", 0.0) > 0.5;
   g_targets_known = RblLoad("targets", 0.0) > 0.5;
   g_peak = RblLoad("peak", 0.0);
   g_since = (datetime)RblLoad("since", 0.0);
   g_cash0 = RblLoad("cash0", 0.0);
   g_flows_seen = RblLoad("flows", 0.0);
   g_has_pending = RblLoad("pending", 0.0) > 0.5;
   g_slices_left = (int)RblLoad("slices_left", 0.0);
   g_slice_part = (int)RblLoad("slice_part", 0.0);
   g_slice_decision = (datetime)RblLoad("slice_decision", 0.0);
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_pending[a] = RblLoad(StringFormat("lots%d", a), 0.0);
      g_plan_px[a] = RblLoad(StringFormat("px%d", a), 0.0);
      g_rest[a] = RblLoad(StringFormat("rest%d", a), 0.0);
     }
   RblStatesLoad();
  }

int RblAssetOf(const string symbol)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_sym[a] == symbol)
         return a;
   return -1;
  }

void RblReadDeal(const ulong ticket)
  {
   long type = HistoryDealGetInteger(ticket, DEAL_TYPE);
   bool recent = g_since > 0 && (datetime)HistoryDealGetInteger(ticket, DEAL_TIME) >= g_since;
   if(type == DEAL_TYPE_BALANCE)
     {
      if(recent)
         g_flows += HistoryDealGetDouble(ticket, DEAL_PROFIT);
      return;
     }
   int a = RblAssetOf(HistoryDealGetString(ticket, DEAL_SYMBOL));
   bool trade = type == DEAL_TYPE_BUY || type == DEAL_TYPE_SELL;
   if(a < 0 || !trade || HistoryDealGetInteger(ticket, DEAL_MAGIC) != (long)InpMagic)
      return;
   double lots = HistoryDealGetDouble(ticket, DEAL_VOLUME) * (type == DEAL_TYPE_BUY ? 1.0 : -1.0);
   g_own[a] = NormalizeDouble(g_own[a] + lots, 8);
   if(!recent)
      return;
   g_spent[a] += lots * HistoryDealGetDouble(ticket, DEAL_PRICE);
   g_charges += HistoryDealGetDouble(ticket, DEAL_COMMISSION) + HistoryDealGetDouble(ticket, DEAL_FEE)
                + HistoryDealGetDouble(ticket, DEAL_SWAP);
  }

// Reads the deals added to the account's history since the last call.
void RblScanDeals(void)
  {
   if(!HistorySelect(0, TimeTradeServer() + 86400))
      return;
   int total = HistoryDealsTotal();
   for(int i = g_deals_seen; i < total; i++)
      RblReadDeal(HistoryDealGetTicket(i));
   g_deals_seen = total;
  }

// Forgets what was read, so the next scan rebuilds the book from the whole history (OnInit: a
// restart, or another account).
void RblResetBook(void)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_own[a] = 0.0;
      g_spent[a] = 0.0;
     }
   g_charges = 0.0;
   g_flows = 0.0;
   g_deals_seen = 0;
  }

// The EA's capital: InpCapital, or InpCapitalPercent of the account's equity; own positions it
// finds (a lost state) are adopted at their value.
void RblAnchor(void)
  {
   double capital = InpCapital > 0.0 ? InpCapital
                    : AccountInfoDouble(ACCOUNT_EQUITY) * InpCapitalPercent / 100.0;
   g_since = TimeTradeServer();
   g_cash0 = capital;
   for(int a = 0; a < RBL_ASSETS; a++)
      g_cash0 -= g_own[a] * g_upl[a] * g_px[a];
   g_flows = 0.0;
   g_flows_seen = 0.0;
  }

// The share of the account's deposits and withdrawals that belongs to the EA's capital.
double RblOwnFlows(void)
  {
   return InpCapital > 0.0 ? 0.0 : g_flows * InpCapitalPercent / 100.0;
  }

// The net position of the symbol on the account (every EA's and manual trades', netting).
double RblAccountLots(const int a)
  {
   if(!PositionSelect(g_sym[a]))
      return 0.0;
   double volume = PositionGetDouble(POSITION_VOLUME);
   if((ENUM_POSITION_TYPE)PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_SELL)
      return -volume;
   return volume;
  }

bool RblSymbolReady(const int a)
  {
   double tick_size = SymbolInfoDouble(g_sym[a], SYMBOL_TRADE_TICK_SIZE);
   double tick_value = SymbolInfoDouble(g_sym[a], SYMBOL_TRADE_TICK_VALUE);
   double bid = SymbolInfoDouble(g_sym[a], SYMBOL_BID);
   double ask = SymbolInfoDouble(g_sym[a], SYMBOL_ASK);
   if(tick_size <= 0.0 || tick_value <= 0.0 || bid <= 0.0 || ask < bid)
     {
      RblFault(a, 0, "tick size, tick value or quotes not available yet; waiting");
      return false;
     }
   g_upl[a] = tick_value / tick_size;
   g_px[a] = (bid + ask) / 2.0;
   return true;
  }

// Whole volume steps, and whole lots of the strategy's own `lot` when it declares one (coarser
// than the broker's step, as the backtest trades it).
double RblFloorLots(const int a, const double lots)
  {
   double step = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP);
   double volume = MathAbs(lots);
   if(g_lot_units[a] > 0.0 && g_upl[a] > 0.0)
      volume = MathFloor(volume * g_upl[a] / g_lot_units[a] + 1e-9) * g_lot_units[a] / g_upl[a];
   volume = NormalizeDouble(MathFloor(volume / step + 1e-9) * step, 8);
   return lots < 0.0 ? -volume : volume;
  }

double RblCostRate(void)
  {
   return (InpCommissionBps + InpSpreadBps / 2.0 + InpSlippageBps) / 10000.0;
  }

// What the committed lots not filled yet cost at the price they were planned at, with the costs
// the plan assumed (the backtest filled them then).
double RblUnfilledCost(const int a)
  {
   double units = (g_lots[a] - g_own[a]) * g_upl[a];
   if(units == 0.0)
      return 0.0;
   double planned = g_plan_px[a] > 0.0 ? g_plan_px[a] : g_px[a];
   return units * planned + RblCostRate() * MathAbs(units) * planned + InpFeePerOrder;
  }

// Own cash and the committed lots: while orders are pending, the decision reads the holdings
// the EA has committed to, as if the rest had filled at the prices they were planned at (as the
// backtest filled them), so a delayed fill does not make the strategy decide a second time.
void RblReadBook(const int shift)
  {
   RblScanDeals();
   if(g_since == 0)
      RblAnchor();
   g_cash = g_cash0 + RblOwnFlows() + g_charges;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_lots[a] = g_has_pending ? g_pending[a] : g_own[a];
      g_cash -= g_upl[a] * g_spent[a] + RblUnfilledCost(a);
     }
   g_nav = g_cash;
   for(int a = 0; a < RBL_ASSETS; a++)
      g_nav += g_lots[a] * g_upl[a] * RblClose(a, shift);
  }

bool RblBookReady(const int shift)
  {
   RblReadBook(shift);
   if(g_nav > 0.0)
      return true;
   RblFault(-1, 16, StringFormat("the EA's capital is %.2f: nothing to rebalance (set InpCapital)", g_nav));
   return false;
  }

void RblWeights(const int shift)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
      g_w[a] = g_lots[a] * g_upl[a] * RblClose(a, shift) / g_nav;
   if(RBL_CASH_SLEEVE)
      g_w[RBL_HOLDINGS - 1] = g_cash / g_nav;
  }

double RblPostTradeValue(const double value)
  {
   double after = value;
   for(int it = 0; it < 50; it++)
     {
      double cost = 0.0;
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         double held = g_lots[a] * g_upl[a] * g_px[a];
         if(!g_in_s[a] || MathAbs(g_omega[a] * value - held) < MathMax(InpMinTrade, 1e-9 * value))
            continue;
         cost += RblCostRate() * MathAbs(g_omega[a] * after - held) + InpFeePerOrder;
        }
      double next = value - cost;
      bool settled = MathAbs(next - after) < 1e-12 * value;
      after = next;
      if(settled)
         break;
     }
   return after;
  }
