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
      if(!g_in_s[a])
         continue;
      double units = g_omega[a] * after / g_px[a] - g_lots[a] * g_upl[a];
      // a zero destination closes the whole position: flooring q / step in floating point could
      // leave one step behind, and a dust position would drift forever from a zero target
      double lots = g_omega[a] == 0.0 ? -g_lots[a] : RblFloorLots(a, units / g_upl[a]);
      if(MathAbs(lots) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN))
         lots = 0.0;
      if(MathAbs(lots * g_upl[a]) * g_px[a] < MathMax(InpMinTrade, 1e-9 * value))
         lots = 0.0;
      g_dq[a] = lots * g_upl[a];
      g_pending[a] = g_lots[a] + lots;
     }
  }

void RblPlanOrders(void)
  {
   double value = g_cash;
   for(int a = 0; a < RBL_ASSETS; a++)
      value += g_lots[a] * g_upl[a] * g_px[a];
   RblPlanFrom(value);
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
   if(SymbolInfoInteger(g_sym[a], SYMBOL_TRADE_MODE) == SYMBOL_TRADE_MODE_DISABLED)
      return false;
   datetime now = TimeCurrent();
   MqlDateTime d;
   TimeToStruct(now, d);
   datetime second = (datetime)(now % 86400);
   datetime from = 0, to = 0;
   for(uint i = 0; SymbolInfoSessionTrade(g_sym[a], (ENUM_DAY_OF_WEEK)d.day_of_week, i, from, to); i++)
      if(second >= from && second < to)
         return true;
   return false;
  }

bool RblMarginOk(const int a, const double lots)
  {
   double margin = 0.0;
   ENUM_ORDER_TYPE type = lots > 0.0 ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
   if(!OrderCalcMargin(type, g_sym[a], MathAbs(lots), g_px[a], margin))
      return false;
   return margin <= AccountInfoDouble(ACCOUNT_MARGIN_FREE);
  }

bool RblSendOne(const int a, const double lots)
  {
   g_trade.SetTypeFillingBySymbol(g_sym[a]);
   if(lots > 0.0)
      g_trade.Buy(lots, g_sym[a]);
   else
      g_trade.Sell(-lots, g_sym[a]);
   uint code = g_trade.ResultRetcode();
   if(code == TRADE_RETCODE_DONE || code == TRADE_RETCODE_DONE_PARTIAL || code == TRADE_RETCODE_PLACED)
      return true;
   if(code == TRADE_RETCODE_MARKET_CLOSED)
     {
      RblFault(a, 2, "market closed (10018); backing off");
      g_retry_after = TimeCurrent() + InpRetrySeconds;
      return false;
     }
   g_blocked[a] = true;
   RblFault(a, 3, StringFormat("order rejected (%d %s); not resent this decision", code,
                              g_trade.ResultRetcodeDescription()));
   return false;
  }

bool RblSendSplit(const int a, const double lots)
  {
   double most = RblFloorLots(a, SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MAX));
   double rest = MathAbs(lots);
   while(rest > 0.0)
     {
      double chunk = MathMin(rest, most);
      if(!RblSendOne(a, lots > 0.0 ? chunk : -chunk))
         return false;
      rest = NormalizeDouble(rest - chunk, 8);
     }
   return true;
  }

bool RblOrderAllowed(const int a, const double lots)
  {
   if(!RblSessionOpen(a))
     {
      RblFault(a, 4, "market closed by its trading sessions; waiting");
      return false;
     }
   if(InpMaxOrderValue > 0.0 && MathAbs(lots) * g_upl[a] * g_px[a] > InpMaxOrderValue)
     {
      g_blocked[a] = true;
      RblFault(a, 5, "order above the InpMaxOrderValue cap; not sent");
      return false;
     }
   bool increase = RblLiveLots(a) * lots >= 0.0;
   if(increase && !RblMarginOk(a, lots))
     {
      g_blocked[a] = true;
      RblFault(a, 6, "not enough free margin for this order; not sent");
      return false;
     }
   return true;
  }

bool RblExecuteRound(void)
  {
   bool left = false;
   for(int pass = 0; pass < 2; pass++)
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         double live = RblLiveLots(a);
         double lots = g_pending[a] == 0.0 ? -live : RblFloorLots(a, g_pending[a] - live);
         bool reduces = live * lots < 0.0;
         if(lots == 0.0 || g_blocked[a] || reduces != (pass == 0))
            continue;
         if(!RblOrderAllowed(a, lots) || !RblSendSplit(a, lots))
            left = left || !g_blocked[a];
        }
   return left;
  }

bool RblApproved(void)
  {
   if(!RBL_MODE_ALERT || InpApproveAll)
      return true;
   return RblLoad("approve", 0.0) == (double)g_last_bar;
  }

void RblExecute(void)
  {
   if(!g_has_pending || TimeCurrent() < g_retry_after || !RblApproved())
      return;
   bool left = RblExecuteRound();
   g_attempts++;
   if(left && g_attempts < InpMaxRetries)
     {
      g_retry_after = MathMax(g_retry_after, TimeCurrent() + InpRetrySeconds);
      return;
     }
   if(left)
      RblFault(-1, 7, "orders still open after InpMaxRetries rounds; giving up until the next bar");
   g_has_pending = false;
   RblSave("pending", 0.0);
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
