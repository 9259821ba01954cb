//--- rbl runtime, part 0b: calendar rules on intraday bars (hand-written; inlined below D1 only)
// A trading day is a day with at least one joint bar; a rule about days picks the day's first bar,
// as the backtester does (docs/semantics.md, *Calendar rules*). Bar times are the server's clock.
long RblDayKey(const datetime t)
  {
   return (long)(t / 86400);
  }

// The bar at `s` opens its day: the bar before it (s + 1) is on an earlier day, or there is none.
bool RblFirstOfDay(const int s)
  {
   datetime older = RblBarTime(s + 1);
   return older <= 0 || RblDayKey(older) != RblDayKey(RblBarTime(s));
  }

// `every N hours`: the bar at `s` opens a block of N clock hours counted from midnight.
bool RblHoursRule(const int hours, const int s)
  {
   long block = 3600 * (long)hours;
   datetime older = RblBarTime(s + 1);
   return older <= 0 || (long)older / block != (long)RblBarTime(s) / block;
  }

// The first bar of the n-th trading day of its period: the days of the period counted back from
// the bar at `s` to the period's start.
bool RblNthDayOfPeriod(const int period, const int n, const int s)
  {
   if(!RblFirstOfDay(s))
      return false;
   int days = 1;
   for(int k = s + 1; RblSamePeriod(s, k, period); k++)
     {
      if(RblFirstOfDay(k))
         days++;
      if(days > n)
         return false;
     }
   return days == n;
  }
