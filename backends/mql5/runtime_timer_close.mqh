//--- rbl runtime, part 7: trade at close, in the close window of the D1 bar being formed (hand-written)
// Today's end of trading for one symbol: the latest end among its sessions of that weekday, in
// seconds after midnight server time; -1 when the symbol has no session that day.
int RblSessionEnd(const int a, const int weekday)
  {
   int end = -1;
   datetime from = 0, to = 0;
   for(uint i = 0; SymbolInfoSessionTrade(g_sym[a], (ENUM_DAY_OF_WEEK)weekday, i, from, to); i++)
      if((int)to > end)
         end = (int)to;
   return end;
  }

// Seconds after the bar's midnight when its close window opens: the earliest session end among
// the symbols (RBL_FALLBACK_SESSION_END when none has a session that day) minus the window.
int RblCloseWindowStart(const datetime bar)
  {
   MqlDateTime d;
   TimeToStruct(bar, d);
   int end = -1;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      int symbol_end = RblSessionEnd(a, d.day_of_week);
      if(symbol_end >= 0 && (end < 0 || symbol_end < end))
         end = symbol_end;
     }
   if(end < 0)
      end = RBL_FALLBACK_SESSION_END;
   return end - InpCloseWindowMinutes * 60;
  }

bool RblInCloseWindow(const datetime bar)
  {
   return TimeTradeServer() - bar >= RblCloseWindowStart(bar);
  }

// Decides `bar`, read at `shift` (0: the bar being formed, its current price as its close; 1: the
// last closed bar), once every symbol is ready.
void RblDecideAtShift(const int shift, const datetime bar)
  {
   g_decision_shift = shift;
   if(!RblReady(shift) || RblBarTime(shift) != bar)
      return;
   if(shift == 1)
      Print(StringFormat("rbl: no timer event in the close window of %s; deciding it from the closed bar at the current prices",
                         RblDate(bar)));
   RblDecide(bar);
  }

// The first timer event in the close window decides the bar being formed and sends its orders at
// once. A bar whose window had no timer event (the terminal off, a tick gap) is decided on the
// first event after it closed, from its closed bar, and trades at the prices of that moment.
void OnTimer(void)
  {
   datetime forming = RblDecisionBar(0);
   if(forming > g_last_bar && RblInCloseWindow(forming))
      RblDecideAtShift(0, forming);
   else
     {
      datetime closed = RblDecisionBar(1);
      if(closed > g_last_bar)
         RblDecideAtShift(1, closed);
     }
   RblExecute();
  }
