//--- rbl runtime, part 5: the decision bar of a strategy without sleeves (hand-written, inlined once)
double RblMaxDrift(void)
  {
   double most = 0.0;
   for(int h = 0; h < RBL_HOLDINGS; h++)
      most = MathMax(most, MathAbs(g_w[h] - g_tgt[h]));
   return most;
  }

string RblWhy(const string event, const bool check, const bool when, const double drift)
  {
   if(event == "INITIAL" || event == "KILL" || event == "DONE")
      return RblWhyFixed(event);
   if(event == "TRANCHE")
      return StringFormat("slice %d of %d of the decision of %s", g_slice_part, RBL_TRANCHES, RblDate(g_slice_decision));
   if(!check)
      return "check rule is false";
   if(!when)
      return StringFormat("when rule is false (max drift %.2fpp)", drift * 100.0);
   return StringFormat("check and when hold (max drift %.2fpp)", drift * 100.0);
  }

void RblDecide(const datetime bar)
  {
   if(!g_killed && RblSignalsStale())
     {
      RblWaitDecision(bar);
      return;
     }
   bool initial = RblOpenDecision();
   bool check = g_check;
   bool when = RblWhen();
   double drift = RblMaxDrift();
   bool kill = RblKillNow();
   string event = g_killed ? "DONE" : kill ? "KILL" : initial ? "INITIAL" : (check && when) ? "REBALANCE"
                  : g_slices_left > 0 ? "TRANCHE" : "HOLD";
   bool trade = event == "INITIAL" || event == "REBALANCE" || event == "KILL" || event == "TRANCHE";
   if(event == "TRANCHE")
      RblPlanSlice();                  // a slice of an earlier decision (`trade over N bars`)
   else if(trade)
     {
      g_slices_left = 0;               // a new decision replaces the slices left
      RblChooseTraded(initial, kill);
      RblPlanOrders();
      if(RBL_TRANCHES > 1 && !kill)
        {
         g_slices_left = RBL_TRANCHES;
         g_slice_part = 0;
         g_slice_decision = bar;
         RblPlanSlice();
        }
     }
   Print(StringFormat("RBL %s %s check=%d when=%d max_drift=%s targets=%s orders=%s why=\"%s\"",
                      RblDate(bar), event, check ? 1 : 0, when ? 1 : 0, RblF6(drift), RblTargetsText(),
                      RblOrdersText(), RblWhy(event, check, when, drift)));
   RblCloseDecision(bar, trade, kill);
  }
