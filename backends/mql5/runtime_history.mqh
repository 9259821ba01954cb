//--- rbl runtime, part 0: the joint price history every decision reads (hand-written, inlined once)
// Symbols keep their own calendars (a US holiday when gold trades, a symbol listed later). A
// decision reads only the bars every symbol has, newest first: the joint calendar. g_jt[k] is the
// time of its k-th bar and g_jc[a][k] symbol a's close on it; shift k of every series expression
// is entry k. Entry 0 is the bar being formed (trading at the close) or, deciding at the next
// open, today's bar, whose time only the calendar rules read.
datetime g_jt[RBL_DEPTH];              // joint bar times, newest first
double   g_jc[RBL_ASSETS][RBL_DEPTH];  // each symbol's close on the joint bars
int      g_have = 0;                   // joint bars loaded
int      g_at[RBL_ASSETS];             // each symbol's shift while walking the joint calendar
int      g_logged[RBL_ASSETS + 1];     // faults already logged (bit per kind; the last slot: account)

void RblFault(const int a, const int kind, const string text)
  {
   int slot = a < 0 ? RBL_ASSETS : a;
   if((g_logged[slot] & (1 << kind)) != 0)
      return;
   g_logged[slot] |= (1 << kind);
   Print(StringFormat("rbl: %s: %s", a < 0 ? "account" : g_sym[a], text));
  }

void RblClearFaults(void)
  {
   for(int a = 0; a <= RBL_ASSETS; a++)
      g_logged[a] = 0;
  }

// A bar's date as the trace prints it; on intraday bars with its time, as the backtester prints it.
string RblDate(const datetime t)
  {
   MqlDateTime d;
   TimeToStruct(t, d);
   if(RBL_INTRADAY)
      return StringFormat("%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.mon, d.day, d.hour, d.min, d.sec);
   return StringFormat("%04d-%02d-%02d", d.year, d.mon, d.day);
  }

// The start of the RBL_TIMEFRAME bar the server clock is in (TimeCurrent freezes when no quote
// arrives); MetaTrader's bars up to D1 start at whole multiples of their length.
datetime RblToday(void)
  {
   datetime now = TimeTradeServer();
   return now - now % RBL_BAR_SECONDS;
  }

double RblClose(const int a, const int s)
  {
   if(s < 0 || s >= g_have)
      return 0.0;
   return g_jc[a][s];
  }

datetime RblBarTime(const int s)
  {
   if(s < 0 || s >= g_have)
      return 0;
   return g_jt[s];
  }

int RblHistory(void)
  {
   return g_have;
  }

// Symbol a's bar time at shift `at`, or 0 past its history.
datetime RblSymbolTime(const int a, const int at)
  {
   if(at >= iBars(g_sym[a], RBL_TIMEFRAME))
      return 0;
   return iTime(g_sym[a], RBL_TIMEFRAME, at);
  }

// Fills entries `from`.. with the bars all symbols have, walking each symbol's own bars back from
// its shift g_at[a] (merging calendars: a time one symbol lacks is skipped), at most `count`.
void RblJointWalk(const int from, const int count)
  {
   g_have = from;
   while(g_have < from + count)
     {
      datetime candidate = 0;          // the oldest of the symbols' current bars
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         datetime t = RblSymbolTime(a, g_at[a]);
         if(t <= 0)
            return;
         candidate = (a == 0 || t < candidate) ? t : candidate;
        }
      bool joint = true;
      for(int a = 0; a < RBL_ASSETS; a++)
        {
         while(RblSymbolTime(a, g_at[a]) > candidate)
            g_at[a]++;
         joint = joint && RblSymbolTime(a, g_at[a]) == candidate;
        }
      if(joint)
        {
         g_jt[g_have] = candidate;
         for(int a = 0; a < RBL_ASSETS; a++)
            g_jc[a][g_have] = iClose(g_sym[a], RBL_TIMEFRAME, g_at[a]);
         g_have++;
        }
      for(int a = 0; a < RBL_ASSETS; a++)
         if(RblSymbolTime(a, g_at[a]) == candidate)
            g_at[a]++;
     }
  }

bool RblSynchronised(void)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
      if(SeriesInfoInteger(g_sym[a], RBL_TIMEFRAME, SERIES_SYNCHRONIZED) == 0)
        {
         RblFault(a, 1, "price history not synchronised yet; waiting");
         return false;
        }
   return true;
  }

// Loads `count` joint bars. shift 0: entry 0 is today's bar, which every symbol must have (the
// bar being formed); shift 1: entry 0 is today's time and entries 1.. are closed bars.
bool RblLoadHistory(const int shift, const int count)
  {
   if(!RblSynchronised())
      return false;
   datetime today = RblToday();
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_at[a] = 0;
      while(RblSymbolTime(a, g_at[a]) >= today + (shift == 0 ? RBL_BAR_SECONDS : 0))
         g_at[a]++;
     }
   if(shift == 0)
     {
      RblJointWalk(0, count);
      return g_have > 0 && g_jt[0] == today;
     }
   g_jt[0] = today;
   for(int a = 0; a < RBL_ASSETS; a++)
      g_jc[a][0] = 0.0;
   RblJointWalk(1, count - 1);
   return g_have > 1;
  }

// The newest joint bar a decision at `shift` would read (0: none yet).
datetime RblDecisionBar(const int shift)
  {
   if(!RblLoadHistory(shift, shift + 1))
      return 0;
   return g_jt[shift];
  }

// Every decision needs RBL_WARMUP bars before the decision bar on the joint calendar, and a
// positive close on each of them: a missing price is never used (0 would rank first).
bool RblHistoryReady(const int shift)
  {
   if(!RblLoadHistory(shift, RBL_DEPTH))
      return false;
   int need = shift + RBL_WARMUP + 1;
   if(g_have < need)
     {
      RblFault(-1, 8, StringFormat("waiting for history: %d of the %d bars the strategy reads are on every symbol",
                                   g_have - shift, RBL_WARMUP + 1));
      return false;
     }
   for(int a = 0; a < RBL_ASSETS; a++)
      for(int k = shift; k < need; k++)
         if(!(g_jc[a][k] > 0.0) || !MathIsValidNumber(g_jc[a][k]))
           {
            RblFault(a, 9, StringFormat("no valid close on %s; waiting", RblDate(g_jt[k])));
            return false;
           }
   return true;
  }
