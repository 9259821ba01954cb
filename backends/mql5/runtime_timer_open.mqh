//--- rbl runtime, part 7: decide the last closed bar at the next bar's open (hand-written)
// The decision bar is the newest closed bar every symbol has; a bar one symbol lacks (a holiday
// on its exchange) is not a decision bar, and a late one is decided when it arrives.
void OnTimer(void)
  {
   datetime bar = RblDecisionBar(1);
   if(bar > g_last_bar && RblReady(1))
      RblDecide(bar);
   RblExecute();
  }
