//--- rbl runtime, part 3: planning, sending and approving orders (hand-written, inlined once)
void RblChooseTraded(const bool initial, const bool kill)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_in_s[a] = initial || kill || !RBL_TRADE_BREACHED || g_breached[a];
      g_omega[a] = kill ? 0.0 : g_tgt[a];
      if(RBL_BAND_EDGE && !initial && !kill && g_w[a] != g_tgt[a])
         g_omega[a] = g_tgt[a] + (g_w[a] > g_tgt[a] ? 1.0 : -1.0) * RblBand(a);
     }
  }

// The orders of the traded set g_in_s towards g_omega, for a portfolio (or a sleeve) worth `value`
// at the execution prices; holdings outside the set keep their planned orders.
void RblPlanFrom(const double value)
  {
   double after = RblPostTradeValue(value);
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_rest[a] = 0.0;
      if(!g_in_s[a])
         continue;
      double units = g_omega[a] * after / g_px[a] - g_lots[a] * g_upl[a];
      g_rest[a] = units;                  // the whole order, before lots: what `trade over N bars` slices
      // a zero destination closes the whole position: flooring q / step in floating point could
      // leave one step behind, and a dust position would drift forever from a zero target
      double lots = g_omega[a] == 0.0 ? -g_lots[a] : RblFloorLots(a, units / g_upl[a]);
      if(MathAbs(lots) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN))
         lots = 0.0;
      if(MathAbs(lots * g_upl[a]) * g_px[a] < MathMax(InpMinTrade, 1e-9 * value))
         lots = 0.0;
      g_dq[a] = lots * g_upl[a];
      g_pending[a] = g_lots[a] + lots;
      if(lots != 0.0)
         g_plan_px[a] = g_px[a];
     }
  }

double RblBookValue(void)
  {
   double value = g_cash;
   for(int a = 0; a < RBL_ASSETS; a++)
      value += g_lots[a] * g_upl[a] * g_px[a];
   return value;
  }

void RblPlanOrders(void)
  {
   RblPlanFrom(RblBookValue());
  }

// `trade over N bars`: the next slice of the decision's orders g_rest, what is left of each over the
// slices left, in whole volume steps toward zero, skipped under the minimum volume and the minimum
// trade at this bar's value (it stays in g_rest: the last slice trades all that is left).
void RblPlanSlice(void)
  {
   double value = RblBookValue();
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      double lots = RblFloorLots(a, g_rest[a] / g_slices_left / g_upl[a]);
      if(MathAbs(lots) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN))
         lots = 0.0;
      if(MathAbs(lots * g_upl[a]) * g_px[a] < MathMax(InpMinTrade, 1e-9 * value))
         lots = 0.0;
      g_dq[a] = lots * g_upl[a];
      g_pending[a] = g_lots[a] + lots;
      g_rest[a] -= g_dq[a];
      if(lots != 0.0)
         g_plan_px[a] = g_px[a];
     }
   g_slices_left--;
   g_slice_part++;
  }

bool RblTradedBefore(const int a, const int b)
  {
   double na = g_dq[a] * g_px[a];
   double nb = g_dq[b] * g_px[b];
   if(na != nb)
      return na < nb;
   return a < b;
  }

string RblOrdersText(void)
  {
   string text = "";
   bool done[RBL_ASSETS];
   for(int a = 0; a < RBL_ASSETS; a++)
      done[a] = g_dq[a] == 0.0;
   for(int k = 0; k < RBL_ASSETS; k++)
     {
      int pick = -1;
      for(int a = 0; a < RBL_ASSETS; a++)
         if(!done[a] && (pick < 0 || RblTradedBefore(a, pick)))
            pick = a;
      if(pick < 0)
         break;
      done[pick] = true;
      string item = StringFormat("%s:%s", g_name[pick], RblSignedF6(g_dq[pick]));
      text = StringLen(text) > 0 ? StringFormat("%s,%s", text, item) : item;
     }
   return StringLen(text) > 0 ? text : "-";
  }

bool RblSessionOpen(const int a)
  {
   datetime now = TimeTradeServer();   // TimeCurrent is the last quote's time: frozen at weekends
   MqlDateTime d;
   TimeToStruct(now, d);
   datetime second = (datetime)(now % 86400);
   datetime from = 0, to = 0;
   for(uint i = 0; SymbolInfoSessionTrade(g_sym[a], (ENUM_DAY_OF_WEEK)d.day_of_week, i, from, to); i++)
      if(second >= from && second < to)
         return true;
   return false;
  }

// The filling policy of a market order for the symbol's execution mode (Trade.mqh FillingCheck):
// FOK or IOC when the symbol allows them; RETURN on exchange execution; request and instant
// execution place it themselves. False: market execution that allows neither (never tradable).
bool RblSetFilling(const int a)
  {
   long modes = SymbolInfoInteger(g_sym[a], SYMBOL_FILLING_MODE);
   long execution = SymbolInfoInteger(g_sym[a], SYMBOL_TRADE_EXEMODE);
   if((modes & SYMBOL_FILLING_FOK) != 0)
      g_trade.SetTypeFilling(ORDER_FILLING_FOK);
   else if((modes & SYMBOL_FILLING_IOC) != 0)
      g_trade.SetTypeFilling(ORDER_FILLING_IOC);
   else if(execution == SYMBOL_TRADE_EXECUTION_EXCHANGE)
      g_trade.SetTypeFilling(ORDER_FILLING_RETURN);
   else if(execution == SYMBOL_TRADE_EXECUTION_REQUEST || execution == SYMBOL_TRADE_EXECUTION_INSTANT)
      g_trade.SetTypeFilling(ORDER_FILLING_FOK);
   else
      return false;
   return true;
  }

// Rejects that pass: retried after a back-off inside the same decision.
bool RblTransient(const uint code)
  {
   return code == TRADE_RETCODE_REQUOTE || code == TRADE_RETCODE_PRICE_CHANGED || code == TRADE_RETCODE_PRICE_OFF
          || code == TRADE_RETCODE_TOO_MANY_REQUESTS || code == TRADE_RETCODE_CLIENT_DISABLES_AT
          || code == TRADE_RETCODE_CONNECTION || code == TRADE_RETCODE_MARKET_CLOSED;
  }

void RblBlock(const int a, const int kind, const string text)
  {
   g_blocked[a] = true;
   g_pending[a] = g_own[a];            // no longer committed: the next decision reads what is held
   RblFault(a, kind, text);
  }

// Sends one order; the signed lots filled (0 when nothing was).
double RblSendOne(const int a, const double lots)
  {
   if(!RblSetFilling(a))
     {
      RblBlock(a, 3, "no filling mode the symbol allows for its execution mode; not traded");
      return 0.0;
     }
   if(lots > 0.0)
      g_trade.Buy(lots, g_sym[a]);
   else
      g_trade.Sell(-lots, g_sym[a]);
   uint code = g_trade.ResultRetcode();
   double filled = code == TRADE_RETCODE_DONE_PARTIAL ? g_trade.ResultVolume() : MathAbs(lots);
   if(code == TRADE_RETCODE_DONE || code == TRADE_RETCODE_DONE_PARTIAL)
      return lots > 0.0 ? filled : -filled;
   if(code == TRADE_RETCODE_PLACED)
      RblBlock(a, 15, "order placed but not filled yet; nothing more is sent for it this decision");
   else if(RblTransient(code))
     {
      g_transient = true;
      RblFault(a, 12, StringFormat("order rejected for now (%d %s); retrying after a back-off", code,
                                   g_trade.ResultRetcodeDescription()));
     }
   else
      RblBlock(a, 3, StringFormat("order rejected (%d %s); not resent this decision", code,
                                  g_trade.ResultRetcodeDescription()));
   return 0.0;
  }

// Sends `lots` in chunks within the volume limits, the last one never under the minimum; stops at
// the first chunk not filled in full (the rest goes in the next round, after the deals are read).
void RblSendSplit(const int a, const double lots)
  {
   double most = RblFloorLots(a, SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MAX));
   double least = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN);
   double rest = MathAbs(lots);
   while(rest > 0.0)
     {
      double chunk = MathMin(rest, most);
      if(rest - chunk > 0.0 && rest - chunk < least)
         chunk = RblFloorLots(a, rest - least);
      double filled = MathAbs(RblSendOne(a, lots > 0.0 ? chunk : -chunk));
      if(filled < chunk - 1e-12)
         return;
      rest = NormalizeDouble(rest - chunk, 8);
     }
  }

bool RblConnected(void)
  {
   if(TerminalInfoInteger(TERMINAL_CONNECTED) == 0)
     {
      RblFault(-1, 13, "no connection to the trade server; waiting");
      g_transient = true;
      return false;
     }
   if(TerminalInfoInteger(TERMINAL_TRADE_ALLOWED) == 0 || MQLInfoInteger(MQL_TRADE_ALLOWED) == 0)
     {
      RblFault(-1, 14, "AutoTrading is off (terminal button or the EA's properties); waiting");
      g_transient = true;
      return false;
     }
   return true;
  }

// The symbol's trade mode allows the order (SYMBOL_TRADE_MODE), judged on the account's position.
bool RblModeAllows(const int a, const double lots)
  {
   long mode = SymbolInfoInteger(g_sym[a], SYMBOL_TRADE_MODE);
   double before = RblAccountLots(a);
   double after = before + lots;
   string why = "";
   if(mode == SYMBOL_TRADE_MODE_DISABLED)
      why = "trading is disabled for this symbol";
   else if(mode == SYMBOL_TRADE_MODE_CLOSEONLY && MathAbs(after) > MathAbs(before))
      why = "the symbol is close-only: only reductions are allowed";
   else if(mode == SYMBOL_TRADE_MODE_LONGONLY && after < 0.0)
      why = "the symbol is long-only";
   else if(mode == SYMBOL_TRADE_MODE_SHORTONLY && after > 0.0)
      why = "the symbol is short-only";
   if(why == "")
      return true;
   RblBlock(a, 10, StringFormat("%s; order of %s lots not sent", why, RblSignedF6(lots)));
   return false;
  }

// An increase resized to what free margin allows (priced at the ask for buys, with
// InpMarginSafetyPercent kept free for spread and commission): never resent unchanged.
double RblFitMargin(const int a, const double lots)
  {
   double price = SymbolInfoDouble(g_sym[a], lots > 0.0 ? SYMBOL_ASK : SYMBOL_BID);
   ENUM_ORDER_TYPE type = lots > 0.0 ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   double margin = 0.0;
   if(!OrderCalcMargin(type, g_sym[a], MathAbs(lots), price, margin))
     {
      RblBlock(a, 6, "the broker cannot price this order's margin; not sent");
      return 0.0;
     }
   double free = AccountInfoDouble(ACCOUNT_MARGIN_FREE) / (1.0 + InpMarginSafetyPercent / 100.0);
   if(margin <= free)
      return lots;
   double fitted = RblFloorLots(a, lots * MathMax(free, 0.0) / margin);
   if(MathAbs(fitted) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN))
     {
      RblBlock(a, 6, "not enough free margin for this order; not sent");
      return 0.0;
     }
   RblFault(a, 6, StringFormat("not enough free margin for %s lots; resized to %s", RblSignedF6(lots),
                               RblSignedF6(fitted)));
   g_pending[a] = g_own[a] + fitted;
   return fitted;
  }

// An increase resized to the symbol's volume limit (SYMBOL_VOLUME_LIMIT, 0: none).
double RblFitLimit(const int a, const double lots)
  {
   double limit = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_LIMIT);
   double room = limit - MathAbs(RblAccountLots(a));
   if(limit <= 0.0 || MathAbs(lots) <= room)
      return lots;
   double fitted = RblFloorLots(a, lots > 0.0 ? room : -room);
   if(MathAbs(fitted) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN))
     {
      RblBlock(a, 11, "the symbol's volume limit is reached; order not sent");
      return 0.0;
     }
   RblFault(a, 11, StringFormat("order resized to the symbol's volume limit (%g lots)", limit));
   g_pending[a] = g_own[a] + fitted;
   return fitted;
  }

// What may be sent now for `lots`: 0 to wait (closed market) or when refused, or resized.
double RblAllowed(const int a, const double lots)
  {
   if(!RblSessionOpen(a))
     {
      RblFault(a, 4, "market closed by its trading sessions; waiting");
      return 0.0;
     }
   if(!RblModeAllows(a, lots))
      return 0.0;
   if(InpMaxOrderValue > 0.0 && MathAbs(lots) * g_upl[a] * g_px[a] > InpMaxOrderValue)
     {
      RblBlock(a, 5, "order above the InpMaxOrderValue cap; not sent");
      return 0.0;
     }
   if(g_own[a] * lots < 0.0)
      return lots;
   double fitted = RblFitLimit(a, lots);
   return fitted == 0.0 ? 0.0 : RblFitMargin(a, fitted);
  }

// The lots still to trade towards the pending target (0 under the minimum volume). Targets and
// fills are whole volume steps, so their difference is rounded to the nearest step: flooring it
// would turn the rounding error of two large volumes into one step more to trade.
double RblStillToTrade(const int a)
  {
   double step = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP);
   double lots = g_pending[a] == 0.0 ? -g_own[a]
                 : NormalizeDouble(MathRound((g_pending[a] - g_own[a]) / step) * step, 8);
   if(MathAbs(lots) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN) - 1e-12)
      return 0.0;
   return lots;
  }

// One round: reductions first (they free margin), then increases; each symbol is sent at most
// once per round, and the next round reads the fills from the deal history. True while orders
// remain.
bool RblExecuteRound(void)
  {
   RblScanDeals();
   if(!RblConnected())
      return true;
   bool left = false;
   for(int pass = 0; pass < 2; pass++)
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         double lots = RblStillToTrade(a);
         bool reduces = g_own[a] * lots < 0.0;
         if(lots == 0.0 || g_blocked[a] || reduces != (pass == 0))
            continue;
         double allowed = RblAllowed(a, lots);
         if(allowed != 0.0)
            RblSendSplit(a, allowed);
         left = left || !g_blocked[a];
        }
   return left;
  }

bool RblApproved(void)
  {
   // the Strategy Tester cannot approve: alert strategies are tested as if every alert were approved
   if(!RBL_MODE_ALERT || InpApproveAll || MQLInfoInteger(MQL_TESTER) != 0)
      return true;
   return RblLoad("approve", 0.0) == (double)g_last_bar;
  }

// Transient rejects back off one timer period, doubling up to InpRetrySeconds; the targets stay
// pending until they are reached or the next trading decision replaces them.
void RblExecute(void)
  {
   if(!g_has_pending || TimeTradeServer() < g_retry_after || !RblApproved())
      return;
   g_transient = false;
   bool left = RblExecuteRound();
   if(g_transient)
     {
      int wait = InpTimerSeconds * (1 << (g_attempts < 16 ? g_attempts : 16));
      g_retry_after = TimeTradeServer() + (wait < InpRetrySeconds ? wait : InpRetrySeconds);
      g_attempts++;
     }
   else
      g_attempts = 0;
   if(left)
      return;
   g_has_pending = false;
   RblSave("pending", 0.0);
   GlobalVariablesFlush();
  }

void RblNotify(const string text)
  {
   Alert(text);
   datetime now = TimeCurrent();
   if(now - g_notified[9] < 60 || now - g_notified[0] < 2)
      return;
   for(int i = 9; i > 0; i--)
      g_notified[i] = g_notified[i - 1];
   g_notified[0] = now;
   SendNotification(StringSubstr(text, 0, 255));
  }
