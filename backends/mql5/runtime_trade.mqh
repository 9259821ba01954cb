//--- rbl runtime, part 2: holdings, lots, orders, persistence, alerts (hand-written, inlined once)
CTrade   g_trade;
datetime g_last_bar = 0;               // the last decided bar (persisted)
bool     g_started = false;            // the first decision bar is behind us (persisted)
bool     g_killed = false;             // the kill switch fired (persisted)
bool     g_has_pending = false;        // target lots still to reach (persisted)
double   g_pending[RBL_ASSETS];        // target lots per symbol (persisted)
datetime g_retry_after = 0;            // back-off: no order before this time
int      g_attempts = 0;               // execution rounds for the pending targets
bool     g_blocked[RBL_ASSETS];        // rejected or refused this decision: never resent
int      g_logged[RBL_ASSETS + 1];     // faults already logged this decision (bit per kind)
double   g_cash = 0.0;
double   g_upl[RBL_ASSETS];            // data units per lot: tick value / tick size
double   g_lots[RBL_ASSETS];           // live signed lots
double   g_px[RBL_ASSETS];             // execution prices (bid)
double   g_dq[RBL_ASSETS];             // planned orders in data units
double   g_omega[RBL_ASSETS];          // destination weights of the traded set
bool     g_in_s[RBL_ASSETS];           // in the traded set
datetime g_notified[10];               // SendNotification: at most 10 a minute

void RblSaveAll(void)
  {
   RblSave("last_bar", (double)g_last_bar);
   RblSave("started", g_started ? 1.0 : 0.0);
   RblSave("killed", g_killed ? 1.0 : 0.0);
   RblSave("peak", g_peak);
   RblSave("pending", g_has_pending ? 1.0 : 0.0);
   for(int a = 0; a < RBL_ASSETS; a++)
      RblSave(StringFormat("lots%d", a), g_pending[a]);
   RblStatesSave();
  }

void RblLoadAll(void)
  {
   g_last_bar = (datetime)RblLoad("last_bar", 0.0);
   g_started = RblLoad("started", 0.0) > 0.5;
   g_killed = RblLoad("killed", 0.0) > 0.5;
   g_peak = RblLoad("peak", 0.0);
   g_has_pending = RblLoad("pending", 0.0) > 0.5;
   for(int a = 0; a < RBL_ASSETS; a++)
      g_pending[a] = RblLoad(StringFormat("lots%d", a), 0.0);
   RblStatesLoad();
  }

void RblFault(const int a, const int kind, const string text)
  {
   int slot = a < 0 ? RBL_ASSETS : a;
   if((g_logged[slot] & (1 << kind)) != 0)
      return;
   g_logged[slot] |= (1 << kind);
   Print(StringFormat("rbl: %s: %s", a < 0 ? "account" : g_sym[a], text));
  }

bool RblSymbolReady(const int a)
  {
   double tick_size = SymbolInfoDouble(g_sym[a], SYMBOL_TRADE_TICK_SIZE);
   double tick_value = SymbolInfoDouble(g_sym[a], SYMBOL_TRADE_TICK_VALUE);
   double bid = SymbolInfoDouble(g_sym[a], SYMBOL_BID);
   if(tick_size <= 0.0 || tick_value <= 0.0 || bid <= 0.0)
     {
      RblFault(a, 0, "tick size, tick value or bid not available yet; waiting");
      return false;
     }
   g_upl[a] = tick_value / tick_size;
   g_px[a] = bid;
   return true;
  }

bool RblReady(const datetime bar)
  {
   if(iBars(g_sym[0], RBL_TIMEFRAME) - 1 - RBL_DECISION_SHIFT < RBL_WARMUP)
      return false;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      if(iTime(g_sym[a], RBL_TIMEFRAME, RBL_DECISION_SHIFT) != bar)
        {
         RblFault(a, 1, "bar history not synchronised with the first symbol yet; waiting");
         return false;
        }
      if(!RblSymbolReady(a))
         return false;
     }
   return true;
  }

double RblLiveLots(const int a)
  {
   if(!PositionSelect(g_sym[a]))
      return 0.0;
   double volume = PositionGetDouble(POSITION_VOLUME);
   if((ENUM_POSITION_TYPE)PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_SELL)
      return -volume;
   return volume;
  }

double RblFloorLots(const int a, const double lots)
  {
   double step = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP);
   double volume = NormalizeDouble(MathFloor(MathAbs(lots) / step + 1e-9) * step, 8);
   return lots < 0.0 ? -volume : volume;
  }

void RblReadBook(void)
  {
   g_cash = AccountInfoDouble(ACCOUNT_EQUITY);
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_lots[a] = RblLiveLots(a);
      g_cash -= g_lots[a] * g_upl[a] * g_px[a];
     }
   g_nav = g_cash;
   for(int a = 0; a < RBL_ASSETS; a++)
      g_nav += g_lots[a] * g_upl[a] * RblClose(a, RBL_DECISION_SHIFT);
   for(int a = 0; a < RBL_ASSETS; a++)
      g_w[a] = g_lots[a] * g_upl[a] * RblClose(a, RBL_DECISION_SHIFT) / g_nav;
   if(RBL_CASH_SLEEVE)
      g_w[RBL_HOLDINGS - 1] = g_cash / g_nav;
  }

double RblCostRate(void)
  {
   return (InpCommissionBps + InpSpreadBps / 2.0 + InpSlippageBps) / 10000.0;
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
