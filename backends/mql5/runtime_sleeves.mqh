//--- rbl runtime, part 5: the decision bar of a strategy with sleeves (hand-written, inlined once)
// Holding h's value q_h P_h at the close or at the execution prices; cash counts at 1.
double RblHeldValue(const int h, const bool at_execution)
  {
   if(h >= RBL_ASSETS)
      return g_cash;
   double price = at_execution ? g_px[h] : RblClose(h, RBL_DECISION_SHIFT);
   return g_lots[h] * g_upl[h] * price;
  }

// V_s^P: what sleeve k holds, at the close or at the execution prices.
double RblSleeveValue(const int k, const bool at_execution)
  {
   double value = 0.0;
   for(int h = 0; h < RBL_HOLDINGS; h++)
      if(g_owner[h] == k)
         value += RblHeldValue(h, at_execution);
   return value;
  }

// V_s, u_s and the mix x_i inside each sleeve at the decision bar's close.
void RblSleeveBook(void)
  {
   for(int k = 0; k < RBL_SLEEVES; k++)
     {
      g_sval[k] = RblSleeveValue(k, false);
      g_su[k] = g_sval[k] / g_nav;
     }
   for(int h = 0; h < RBL_HOLDINGS; h++)
     {
      int k = g_owner[h];
      g_x[h] = (k < 0 || g_sval[k] == 0.0) ? 0.0 : RblHeldValue(h, false) / g_sval[k];
     }
  }

bool RblSleeveFires(const int k)
  {
   return g_scheck[k] && g_swhen[k];
  }

bool RblAnySleeveFires(void)
  {
   for(int k = 0; k < RBL_SLEEVES; k++)
      if(RblSleeveFires(k))
         return true;
   return false;
  }

double RblSleeveMaxDrift(void)
  {
   double most = 0.0;
   for(int k = 0; k < RBL_SLEEVES; k++)
      most = MathMax(most, MathAbs(g_su[k] - g_share[k]));
   return most;
  }

string RblSleevesText(void)
  {
   string text = "";
   for(int k = 0; k < RBL_SLEEVES; k++)
     {
      string item = StringFormat("%s:%d%d", g_sleeve[k], g_scheck[k] ? 1 : 0, g_swhen[k] ? 1 : 0);
      text = k > 0 ? StringFormat("%s,%s", text, item) : item;
     }
   return text;
  }

// y_i: the sleeve's targets when it fires, else its current mix at the execution prices.
double RblKeptMix(const int h)
  {
   int k = g_owner[h];
   double value = RblSleeveValue(k, true);
   if(RblSleeveFires(k) || value == 0.0)
      return g_m[h];
   return RblHeldValue(h, true) / value;
  }

// The strategy's own rule fired: money moves between sleeves, omega_i = W_s y_i on every holding.
void RblPlanBetweenSleeves(void)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_in_s[a] = true;
      g_omega[a] = g_owner[a] >= 0 ? g_share[g_owner[a]] * RblKeptMix(a) : 0.0;
     }
   RblPlanOrders();
  }

// Only sleeves fired: each is rebalanced as a portfolio of its own, from this bar's holdings
// before any order, paying its own costs; the orders are merged. A sleeve's own policy trades only
// its breached assets, or to the edge of each one's band on the side it drifted to. What other sleeves
// have left to slice (g_rest) is kept.
void RblPlanInsideSleeves(void)
  {
   double kept[RBL_ASSETS];
   for(int a = 0; a < RBL_ASSETS; a++)
      kept[a] = g_rest[a];
   for(int k = 0; k < RBL_SLEEVES; k++)
     {
      if(!RblSleeveFires(k))
         continue;
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         g_in_s[a] = g_owner[a] == k && (!g_sbreached_only[k] || g_sbreached[a]);
         g_omega[a] = g_m[a];
         if(g_in_s[a] && g_sedge[k] && g_x[a] != g_m[a])
            g_omega[a] = g_m[a] + (g_x[a] > g_m[a] ? 1.0 : -1.0) * g_sband[a];
        }
      RblPlanFrom(RblSleeveValue(k, true));
      for(int a = 0; a < RBL_ASSETS; a++)
         if(g_owner[a] == k)
            kept[a] = g_rest[a];
     }
   for(int a = 0; a < RBL_ASSETS; a++)
      g_rest[a] = kept[a];
  }

// `trade over N bars` in a sleeve (docs/semantics.md, Tranches): whether a sleeve has slices left.
bool RblAnySleeveSlices(void)
  {
   for(int k = 0; k < RBL_SLEEVES; k++)
      if(g_sleft[k] >= 1.0)
         return true;
   return false;
  }

// The first decision, a move between sleeves and the kill switch trade at once and end every slice.
void RblEndSleeveSlices(void)
  {
   for(int k = 0; k < RBL_SLEEVES; k++)
      g_sleft[k] = 0.0;
  }

// The next slice of every sleeve with slices left, over its own assets: what is left of each order over
// the slices left, lots toward zero, dropped under the size floor at the portfolio's value (it stays in
// g_rest: the last slice trades all that is left).
void RblPlanSleeveSlices(void)
  {
   double value = RblBookValue();
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      int k = g_owner[a];
      if(k < 0 || g_sleft[k] < 1.0)
         continue;
      double lots = RblFloorLots(a, g_rest[a] / g_sleft[k] / g_upl[a]);
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
   for(int k = 0; k < RBL_SLEEVES; k++)
      if(g_sleft[k] >= 1.0)
         g_sleft[k] -= 1.0;
  }

// A firing sleeve that trades over N bars keeps its whole orders (g_rest) for N slices, replacing what
// was left of its own; then every sleeve with slices left trades its next one.
void RblStartSleeveSlices(const datetime bar)
  {
   for(int k = 0; k < RBL_SLEEVES; k++)
      if(RblSleeveFires(k) && g_stranches[k] > 1)
        {
         g_sleft[k] = (double)g_stranches[k];
         g_sdecided[k] = (double)bar;
        }
   if(RblAnySleeveSlices())
      RblPlanSleeveSlices();
  }

string RblSleeveWhy(const string event, const bool parent, const double drift)
  {
   if(event == "INITIAL" || event == "KILL" || event == "DONE")
      return RblWhyFixed(event);
   if(parent)
      return StringFormat("the sleeves drifted from their shares (max drift %.2fpp)", drift * 100.0);
   if(event == "REBALANCE")
      return "a sleeve's own rules hold: it is rebalanced inside itself";
   if(event == "TRANCHE")
      return "a slice of a sleeve's earlier decision (trade over N bars)";
   return StringFormat("no rule holds (max sleeve drift %.2fpp)", drift * 100.0);
  }

void RblDecide(const datetime bar)
  {
   if(!g_killed && RblSignalsStale())
     {
      RblWaitDecision(bar);            // a stale signal in any sleeve holds every sleeve (docs/semantics.md)
      return;
     }
   bool initial = RblOpenDecision();
   RblSleeveBook();
   RblSleeveRules();
   bool check = g_check;
   bool when = RblWhen();
   double drift = RblSleeveMaxDrift();
   bool kill = RblKillNow();
   bool parent = check && when;
   string event = g_killed ? "DONE" : kill ? "KILL" : initial ? "INITIAL"
                  : (parent || RblAnySleeveFires()) ? "REBALANCE" : RblAnySleeveSlices() ? "TRANCHE" : "HOLD";
   if(event == "INITIAL" || event == "KILL")
     {
      RblEndSleeveSlices();
      RblChooseTraded(initial, kill);
      RblPlanOrders();
     }
   else if(event == "REBALANCE" && parent)
     {
      RblEndSleeveSlices();
      RblPlanBetweenSleeves();
     }
   else if(event == "REBALANCE")
     {
      RblPlanInsideSleeves();
      RblStartSleeveSlices(bar);
     }
   else if(event == "TRANCHE")
      RblPlanSleeveSlices();
   bool trade = event == "INITIAL" || event == "REBALANCE" || event == "KILL" || event == "TRANCHE";
   Print(StringFormat("RBL %s %s check=%d when=%d max_drift=%s targets=%s orders=%s sleeves=%s why=\"%s\"",
                      RblDate(bar), event, check ? 1 : 0, when ? 1 : 0, RblF6(drift), RblTargetsText(),
                      RblOrdersText(), RblSleevesText(), RblSleeveWhy(event, parent, drift)));
   RblCloseDecision(bar, trade, kill);
  }
