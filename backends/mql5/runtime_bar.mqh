//--- rbl runtime, part 4: what every decision bar does before and after its own rules (hand-written)
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
   RblClearFaults();
  }

// Orders of an earlier decision not filled by this one (a lost connection, a closed market): said
// once, since from their fill on the NAV parts from the backtest's by the price move meanwhile.
void RblSayLateOrders(void)
  {
   if(!g_has_pending)
      return;
   for(int a = 0; a < RBL_ASSETS; a++)
      if(!g_blocked[a] && RblStillToTrade(a) != 0.0)
        {
         Print(StringFormat("rbl: account: orders of an earlier decision are still pending at the decision of %s; "
                            "it reads them as filled at their planned prices", RblDate(RblBarTime(RBL_DECISION_SHIFT))));
         return;
        }
  }

// Deposits and withdrawals are not returns: the NAV peak moves with them in proportion, so the
// drawdown is the same just before and just after the cash flow.
void RblApplyFlows(void)
  {
   double flow = RblOwnFlows() - g_flows_seen;
   if(flow != 0.0 && g_started && g_nav - flow > 0.0)
      g_peak *= g_nav / (g_nav - flow);
   g_flows_seen = RblOwnFlows();
  }

// The book was read by RblReady; moves the NAV peak, updates the states, reads `check` and
// evaluates the targets on the first decision bar and on check bars (docs/semantics.md, *Targets in
// effect*: between them the targets of the last check bar are kept, persisted across restarts);
// true on the first decision bar.
bool RblOpenDecision(void)
  {
   RblWeights(RBL_DECISION_SHIFT);
   RblSayLateOrders();
   RblStartDecision();
   RblApplyFlows();
   bool initial = !g_started;
   if(initial || g_nav > g_peak)
      g_peak = g_nav;
   RblStatesUpdate();
   g_check = RblCheck();
   g_evaluate_all = initial || !g_targets_known;
   if(!initial && !g_targets_known)
      Print("rbl: the saved state has no targets in effect (an EA of an earlier rbl): they are evaluated on this bar");
   RblTargets();
   g_targets_known = true;
   return initial;
  }

// Everything a decision at `shift` reads is there: the joint history with its warm-up, every
// symbol's quotes and tick value, and a positive own capital.
bool RblReady(const int shift)
  {
   if(!RblHistoryReady(shift))
      return false;
   for(int a = 0; a < RBL_ASSETS; a++)
      if(!RblSymbolReady(a))
         return false;
   return RblBookReady(shift);
  }

// The kill switch closes everything (RblChooseTraded sends every holding to 0); the trace still
// prints the strategy's targets, as the backtester does.
bool RblKillNow(void)
  {
   return !g_killed && RBL_KILL_DRAWDOWN > 0.0 && 1.0 - g_nav / g_peak >= RBL_KILL_DRAWDOWN;
  }

string RblWhyFixed(const string event)
  {
   if(event == "INITIAL")
      return "first decision bar: trade into the targets";
   if(event == "KILL")
      return "drawdown reached the kill switch: close everything";
   return "the kill switch fired earlier: no more trading";
  }

// Persists the decision and hands its orders to RblExecute (or to the trader in alert mode).
void RblCloseDecision(const datetime bar, const bool trade, const bool kill)
  {
   g_killed = g_killed || kill;
   g_started = true;
   g_last_bar = bar;
   // orders still pending from an earlier decision stay pending: its holdings are committed
   g_has_pending = g_has_pending || (trade && RblOrdersText() != "-");
   RblSaveAll();
   if(trade && RblOrdersText() != "-" && RBL_MODE_ALERT)
      RblNotify(StringFormat("rbl %s %s: orders %s; approve with global variable %sapprove = %s",
                             RBL_STRATEGY_NAME, RblDate(bar), RblOrdersText(), g_prefix, IntegerToString((long)bar)));
  }

// The kill switch on a bar that waits: everything closed, the targets in effect kept in the trace.
void RblKillWaiting(const datetime bar)
  {
   RblSayLateOrders();
   RblStartDecision();
   g_slices_left = 0;
   RblChooseTraded(false, true);
   RblPlanOrders();
   Print(StringFormat("RBL %s KILL check=0 when=0 max_drift=%s targets=%s orders=%s why=\"%s\"", RblDate(bar),
                      RblF6(0.0), RblTargetsText(), RblOrdersText(), RblWhyFixed("KILL")));
   RblCloseDecision(bar, true, true);
  }

// A bar whose decision waits for a signal (RblSignalsStale): nothing is decided but the kill switch,
// which reads no signal; the NAV peak still moves and the bar is done, as the backtester's WAIT.
void RblWaitDecision(const datetime bar)
  {
   RblWeights(RBL_DECISION_SHIFT);
   RblApplyFlows();
   if(g_started && g_nav > g_peak)
      g_peak = g_nav;
   if(g_started && RblKillNow())
     {
      RblKillWaiting(bar);
      return;
     }
   Print(StringFormat("RBL %s WAIT check=0 when=0 max_drift=%s targets= orders=- why=\"%s\"", RblDate(bar),
                      RblF6(0.0), g_sig_why));
   g_last_bar = bar;
   RblSaveAll();
  }
