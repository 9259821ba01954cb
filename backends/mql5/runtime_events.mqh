//--- rbl runtime, part 4: the decision bar and the event handlers (hand-written, inlined once)
double RblMaxDrift(void)
  {
   double most = 0.0;
   for(int h = 0; h < RBL_HOLDINGS; h++)
      most = MathMax(most, MathAbs(g_w[h] - g_tgt[h]));
   return most;
  }

string RblWhy(const string event, const bool check, const bool when, const double drift)
  {
   if(event == "INITIAL")
      return "first decision bar: trade into the targets";
   if(event == "KILL")
      return "drawdown reached the kill switch: close everything";
   if(event == "DONE")
      return "the kill switch fired earlier: no more trading";
   if(!check)
      return "check rule is false";
   if(!when)
      return StringFormat("when rule is false (max drift %.2fpp)", drift * 100.0);
   return StringFormat("check and when hold (max drift %.2fpp)", drift * 100.0);
  }

void RblStartDecision(void)
  {
   g_attempts = 0;
   g_retry_after = 0;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_blocked[a] = false;
      g_dq[a] = 0.0;
      g_pending[a] = g_lots[a];
     }
   for(int a = 0; a <= RBL_ASSETS; a++)
      g_logged[a] = 0;
  }

void RblDecide(const datetime bar)
  {
   RblReadBook();
   RblStartDecision();
   bool initial = !g_started;
   if(initial || g_nav > g_peak)
      g_peak = g_nav;
   RblStatesUpdate();
   RblTargets();
   bool check = RblCheck();
   bool when = RblWhen();
   double drift = RblMaxDrift();
   bool kill = !g_killed && RBL_KILL_DRAWDOWN > 0.0 && 1.0 - g_nav / g_peak >= RBL_KILL_DRAWDOWN;
   string event = g_killed ? "DONE" : kill ? "KILL" : initial ? "INITIAL" : (check && when) ? "REBALANCE" : "HOLD";
   if(kill)
      for(int h = 0; h < RBL_HOLDINGS; h++)
         g_tgt[h] = (RBL_CASH_SLEEVE && h == RBL_HOLDINGS - 1) ? 1.0 : 0.0;
   bool trade = event == "INITIAL" || event == "REBALANCE" || event == "KILL";
   if(trade)
     {
      RblChooseTraded(initial, kill);
      RblPlanOrders();
     }
   Print(StringFormat("RBL %s %s check=%d when=%d max_drift=%s targets=%s orders=%s why=\"%s\"",
                      RblDate(bar), event, check ? 1 : 0, when ? 1 : 0, RblF6(drift), RblTargetsText(),
                      RblOrdersText(), RblWhy(event, check, when, drift)));
   g_killed = g_killed || kill;
   g_started = true;
   g_last_bar = bar;
   g_has_pending = trade && RblOrdersText() != "-";
   RblSaveAll();
   if(g_has_pending && RBL_MODE_ALERT)
      RblNotify(StringFormat("rbl %s %s: orders %s; approve with global variable %sapprove = %s",
                             RBL_STRATEGY_NAME, RblDate(bar), RblOrdersText(), g_prefix, IntegerToString((long)bar)));
  }

bool RblSymbolUsable(const int a)
  {
   if(!SymbolSelect(g_sym[a], true))
     {
      Print(StringFormat("rbl: symbol %s is not available at this broker (check the symbol inputs)", g_sym[a]));
      return false;
     }
   double step = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP);
   double least = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN);
   double most = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MAX);
   if(step <= 0.0 || least <= 0.0 || most < least)
     {
      Print(StringFormat("rbl: symbol %s has unusable volume limits (step %g, min %g, max %g)", g_sym[a], step, least, most));
      return false;
     }
   return true;
  }

int OnInit(void)
  {
   g_prefix = StringFormat("rbl.%s.", IntegerToString((long)InpMagic));
   RblInitSymbols();
   if(AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING)
     {
      Print("rbl: this EA needs a netting account; hedging accounts are not supported");
      return INIT_FAILED;
     }
   for(int a = 0; a < RBL_ASSETS; a++)
      if(!RblSymbolUsable(a))
         return INIT_FAILED;
   g_trade.SetExpertMagicNumber(InpMagic);
   g_trade.SetDeviationInPoints(InpDeviationPoints);
   RblLoadAll();
   if(!EventSetTimer(InpTimerSeconds))
     {
      Print("rbl: cannot start the timer");
      return INIT_FAILED;
     }
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(reason != REASON_CHARTCHANGE)
      RblSaveAll();
  }

void OnTick(void)
  {
  }

void OnTimer(void)
  {
   datetime bar = RblBarTime(RBL_DECISION_SHIFT);
   if(bar > g_last_bar && RblReady(bar))
      RblDecide(bar);
   RblExecute();
  }

// The custom optimisation criterion ("Custom max" in the Strategy Tester): net profit divided by
// one plus the largest relative equity drawdown in percent, so deep drawdowns rank low.
double OnTester(void)
  {
   return TesterStatistics(STAT_PROFIT) / (1.0 + TesterStatistics(STAT_EQUITY_DDREL_PERCENT));
  }
