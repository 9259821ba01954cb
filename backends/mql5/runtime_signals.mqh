//--- rbl runtime, signals: series read from files another program keeps current (hand-written, inlined once)
// Each signal is a text file in the terminal's common data folder (FILE_COMMON), one `date,value` row per
// line in date order (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM`), appended as values arrive; a row counts from
// the first bar at or after its date. The EA keeps the newest RBL_SIGNAL_ROWS rows dated up to the
// decision bar and reads on from where it stopped while the file is unchanged; a file whose size or
// modification time changed (appended, rewritten, a value corrected) is read again from its start, so
// each decision reads the latest value of each date (a decision taken is not redone).
string   g_sig_file[RBL_SIGNALS];                   // each signal's file (its input)
string   g_sig_name[RBL_SIGNALS];                   // its name in the .rbl
int      g_sig_stale[RBL_SIGNALS];                  // `stale after N bars`
int      g_sig_reach[RBL_SIGNALS];                  // bars before the decision bar its windows and lags read
datetime g_sig_t[RBL_SIGNALS][RBL_SIGNAL_ROWS];     // kept rows, a ring: times
double   g_sig_v[RBL_SIGNALS][RBL_SIGNAL_ROWS];     // kept rows, a ring: values
int      g_sig_n[RBL_SIGNALS];                      // rows kept
int      g_sig_head[RBL_SIGNALS];                   // where the next row goes
long     g_sig_pos[RBL_SIGNALS];                    // bytes of the file read so far
long     g_sig_size[RBL_SIGNALS];                   // its size when last read
long     g_sig_mtime[RBL_SIGNALS];                  // its modification time when last read
string   g_sig_said = "";                           // the reason logged last: each is logged once a spell

// `YYYY-MM-DD` or `YYYY.MM.DD`, optionally ` HH:MM[:SS]`, as a time; 0 when it is not one.
datetime RblSignalDate(const string text)
  {
   if(StringLen(text) < 10)
      return 0;
   MqlDateTime d;
   d.year = (int)StringToInteger(StringSubstr(text, 0, 4));
   d.mon = (int)StringToInteger(StringSubstr(text, 5, 2));
   d.day = (int)StringToInteger(StringSubstr(text, 8, 2));
   d.hour = StringLen(text) >= 16 ? (int)StringToInteger(StringSubstr(text, 11, 2)) : 0;
   d.min = StringLen(text) >= 16 ? (int)StringToInteger(StringSubstr(text, 14, 2)) : 0;
   d.sec = StringLen(text) >= 19 ? (int)StringToInteger(StringSubstr(text, 17, 2)) : 0;
   d.day_of_week = 0;
   d.day_of_year = 0;
   if(d.year < 1970 || d.mon < 1 || d.mon > 12 || d.day < 1 || d.day > 31)
      return 0;
   return StructToTime(d);
  }

// Only digits, one sign, a point and an exponent: StringToDouble reads "n/a" as 0.
bool RblIsNumber(const string text)
  {
   int digits = 0;
   for(int i = 0; i < StringLen(text); i++)
     {
      ushort c = StringGetCharacter(text, i);
      if(c >= '0' && c <= '9')
         digits++;
      else if(c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E')
         return false;
     }
   return digits > 0;
  }

void RblSignalSay(const string text)
  {
   if(text != g_sig_said)
      Print(StringFormat("rbl: %s", text));
   g_sig_said = text;
  }

// One `date,value` line into signal m's ring; false at a row dated after `upto` (read again later).
bool RblSignalRow(const int m, const string line, const datetime upto)
  {
   int comma = StringFind(line, ",");
   if(comma < 0)
      return true;                                  // a header or a blank line
   string day = StringSubstr(line, 0, comma);
   string value = StringSubstr(line, comma + 1);
   StringTrimLeft(day);                             // 'YYYY-MM-DD, 0.53': the cells as the backtest reads them
   StringTrimRight(day);
   StringTrimLeft(value);
   StringTrimRight(value);
   datetime t = RblSignalDate(day);
   if(t == 0 || !RblIsNumber(value))
      return true;                                  // the header, or an empty value (a gap)
   if(t > upto)
      return false;
   int last = (g_sig_head[m] + RBL_SIGNAL_ROWS - 1) % RBL_SIGNAL_ROWS;
   if(g_sig_n[m] > 0 && t == g_sig_t[m][last])
     {
      g_sig_v[m][last] = StringToDouble(value);     // a second row for a date: the later one is its value
      return true;
     }
   if(g_sig_n[m] > 0 && t < g_sig_t[m][last])
      return true;                                  // before the row before: rows go in date order
   g_sig_t[m][g_sig_head[m]] = t;
   g_sig_v[m][g_sig_head[m]] = StringToDouble(value);
   g_sig_head[m] = (g_sig_head[m] + 1) % RBL_SIGNAL_ROWS;
   g_sig_n[m] = g_sig_n[m] < RBL_SIGNAL_ROWS ? g_sig_n[m] + 1 : RBL_SIGNAL_ROWS;
   return true;
  }

// Whether signal m's file ends with a line end: a last line without one is a row still being written,
// read at a later decision once it ends.
bool RblSignalEnds(const int m)
  {
   int h = FileOpen(g_sig_file[m], FILE_READ | FILE_BIN | FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_COMMON);
   if(h == INVALID_HANDLE)
      return false;
   bool ends = FileSize(h) == 0;
   if(!ends && FileSeek(h, -1, SEEK_END))
      ends = FileReadInteger(h, CHAR_VALUE) == '\n';
   FileClose(h);
   return ends;
  }

// Reads signal m's new rows dated up to `upto`; false when its file cannot be opened.
bool RblSignalRead(const int m, const datetime upto)
  {
   int h = FileOpen(g_sig_file[m], FILE_READ | FILE_TXT | FILE_ANSI | FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_COMMON);
   if(h == INVALID_HANDLE)
     {
      g_sig_why = StringFormat("signal %s: cannot open %s in the common data folder: wait", g_sig_name[m],
                               g_sig_file[m]);
      RblSignalSay(StringFormat("%s (error %d); no decision until it can", g_sig_why, GetLastError()));
      return false;
     }
   long size = (long)FileSize(h);
   long stamp = FileGetInteger(h, FILE_MODIFY_DATE);
   if(size != g_sig_size[m] || stamp != g_sig_mtime[m])
     {
      g_sig_pos[m] = 0;                             // changed since last read: read it all again
      g_sig_n[m] = 0;
      g_sig_head[m] = 0;
      g_sig_size[m] = size;
      g_sig_mtime[m] = stamp;
     }
   bool ends = RblSignalEnds(m);
   FileSeek(h, g_sig_pos[m], SEEK_SET);
   while(!FileIsEnding(h))
     {
      long at = (long)FileTell(h);
      string line = FileReadString(h);
      if((FileIsEnding(h) && !ends) || !RblSignalRow(m, line, upto))
        {
         g_sig_pos[m] = at;
         break;
        }
      g_sig_pos[m] = (long)FileTell(h);
     }
   FileClose(h);
   return true;
  }

// The kept row of signal m for the bar at shift s: the newest dated at or before it (-1: none kept).
int RblSignalRowAt(const int m, const int s)
  {
   datetime bar = RblBarTime(s);
   for(int k = 1; k <= g_sig_n[m]; k++)
     {
      int i = (g_sig_head[m] + RBL_SIGNAL_ROWS - k) % RBL_SIGNAL_ROWS;
      if(g_sig_t[m][i] <= bar)
         return i;
     }
   return -1;
  }

double RblSignal(const int m, const int s)
  {
   int i = RblSignalRowAt(m, s);
   return i < 0 ? 0.0 : g_sig_v[m][i];
  }

// Bars of the joint calendar from the row's bar to the bar at shift s (0: a row of that bar); more than
// `limit` when older than that or than the history loaded. A row dated between two bars (a weekend's, or
// a time of day between bars) belongs to the first bar at or after it, as in the backtest.
int RblSignalAge(const int m, const int s, const int limit)
  {
   int i = RblSignalRowAt(m, s);
   if(i < 0)
      return limit + 1;
   for(int k = 0; k <= limit + 1; k++)
     {
      datetime t = RblBarTime(s + k);
      if(t == 0)
         return limit + 1;
      if(t == g_sig_t[m][i])
         return k;
      if(t < g_sig_t[m][i])
         return k - 1;                              // dated after this bar: the row of the bar after it
     }
   return limit + 1;
  }

// True when a decision at shift s would read a missing or stale value: each signal's file is read, then
// every bar from s back to its reach needs a row no older than its staleness (docs/semantics.md, Signals).
bool RblSignalsWait(const int s)
  {
   for(int m = 0; m < RBL_SIGNALS; m++)
     {
      if(g_sig_reach[m] < 0)
         continue;                                  // nothing reads it
      if(!RblSignalRead(m, RblBarTime(s)))
         return true;
      for(int j = 0; j <= g_sig_reach[m]; j++)
         if(RblSignalAge(m, s + j, g_sig_stale[m]) > g_sig_stale[m])
           {
            g_sig_why = StringFormat("signal %s: no value within %d bars of %s: wait", g_sig_name[m],
                                     g_sig_stale[m], RblDate(RblBarTime(s + j)));
            RblSignalSay(StringFormat("signal %s: %s has no row within %d bars of the bars the strategy reads; "
                                      "no decision until it has", g_sig_name[m], g_sig_file[m], g_sig_stale[m]));
            return true;
           }
     }
   g_sig_said = "";
   return false;
  }
