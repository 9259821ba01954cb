//--- rbl runtime, part 1: prices, calendar, weights, trace (hand-written, inlined once)
double g_raw[RBL_HOLDINGS];            // weights of the scheme, before constraints
bool   g_in[RBL_HOLDINGS];             // members of the scheme being evaluated
double g_score[RBL_HOLDINGS];          // ranking scores of `top`/`bottom`
double g_cov[RBL_ASSETS][RBL_ASSETS];  // the covariance a risk parity scheme solves
double g_tgt[RBL_HOLDINGS];            // final target weights: the targets in effect (persisted)
bool   g_check = false;                // this decision's `check`, known before its targets
bool   g_evaluate_all = false;         // the first decision (or no saved targets): every target is evaluated
double g_w[RBL_HOLDINGS];              // current weights at the decision bar's close
bool   g_breached[RBL_HOLDINGS];       // holdings where a per-asset `when` holds
double g_nav = 0.0;                    // NAV at the decision bar's close
double g_peak = 0.0;                   // NAV peak since the first decision bar (persisted)
string g_prefix = "";                  // terminal global variables: "rbl.<magic>.<name>"
string g_sig_why = "";                 // why a decision waits for a signal (runtime_signals.mqh)

void RblSave(const string name, const double value)
  {
   GlobalVariableSet(g_prefix + name, value);
  }

double RblLoad(const string name, const double fallback)
  {
   string key = g_prefix + name;
   if(!GlobalVariableCheck(key))
      return fallback;
   return GlobalVariableGet(key);
  }

double RblDiv(const double a, const double b)
  {
   if(b != 0.0)
      return a / b;
   if(a == 0.0)
      return 0.0;
   return a > 0.0 ? DBL_MAX : -DBL_MAX;
  }

double RblPrice(const int s, const int h)
  {
   if(h >= RBL_ASSETS)
      return 1.0;
   return RblClose(h, s);
  }

int RblBars(const double bars)
  {
   int n = (int)MathRound(bars);
   return n < 1 ? 1 : n;
  }

int RblPeriodKey(const datetime t, const int period)
  {
   MqlDateTime d;
   TimeToStruct(t, d);
   if(period == RBL_WEEK)
      return (int)((t / 86400 + 3) / 7);
   if(period == RBL_MONTH)
      return d.year * 12 + d.mon;
   if(period == RBL_QUARTER)
      return d.year * 4 + (d.mon - 1) / 3;
   return d.year;
  }

int RblWeekday(const datetime t)
  {
   MqlDateTime d;
   TimeToStruct(t, d);
   return d.day_of_week == 0 ? 7 : d.day_of_week;
  }

bool RblSamePeriod(const int s1, const int s2, const int period)
  {
   datetime t2 = RblBarTime(s2);
   if(t2 <= 0)
      return false;
   return RblPeriodKey(RblBarTime(s1), period) == RblPeriodKey(t2, period);
  }

bool RblNthOfPeriod(const int period, const int n, const int s)
  {
   int k = 1;
   while(k <= n && RblSamePeriod(s, s + k, period))
      k++;
   return k == n;
  }

bool RblLastOfPeriod(const int period, const int s)
  {
   if(s < 1)
      return false;
   return !RblSamePeriod(s, s - 1, period);
  }

bool RblWeekdayRule(const int weekday, const int s)
  {
   if(RblWeekday(RblBarTime(s)) < weekday)
      return false;
   return !RblSamePeriod(s, s + 1, RBL_WEEK) || RblWeekday(RblBarTime(s + 1)) < weekday;
  }

double RblAssetReturn(const int a, const int s)
  {
   return RblDiv(RblClose(a, s), RblClose(a, s + 1)) - 1.0;
  }

double RblAssetVol(const int a, const int n, const int s)
  {
   double mean = 0.0;
   for(int j = 0; j < n; j++)
      mean += RblAssetReturn(a, s + j);
   mean /= n;
   double ss = 0.0;
   for(int j = 0; j < n; j++)
     {
      double d = RblAssetReturn(a, s + j) - mean;
      ss += d * d;
     }
   return n > 1 ? MathSqrt(ss / (n - 1)) : 0.0;
  }

double RblAssetCov(const int a, const int b, const int n, const int s)
  {
   double ma = 0.0, mb = 0.0;
   for(int j = 0; j < n; j++)
     {
      ma += RblAssetReturn(a, s + j);
      mb += RblAssetReturn(b, s + j);
     }
   ma /= n;
   mb /= n;
   double acc = 0.0;
   for(int j = 0; j < n; j++)
      acc += (RblAssetReturn(a, s + j) - ma) * (RblAssetReturn(b, s + j) - mb);
   return n > 1 ? acc / (n - 1) : 0.0;
  }

double RblBasket(const int s)
  {
   double level = 1.0;
   for(int k = RBL_DECISION_SHIFT; k < s; k++)
     {
      double r = 0.0;
      for(int a = 0; a < RBL_ASSETS; a++)
         r += g_basket_w[a] * RblAssetReturn(a, k);
      level = RblDiv(level, 1.0 + r);
     }
   return level;
  }

void RblClearRaw(void)
  {
   for(int h = 0; h < RBL_HOLDINGS; h++)
     {
      g_raw[h] = 0.0;
      g_in[h] = false;
     }
  }

void RblInverseVol(const int n, const int s)
  {
   double total = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_in[a])
        {
         g_raw[a] = 1.0 / MathMax(RblAssetVol(a, n, s), 1e-12);
         total += g_raw[a];
        }
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_in[a])
         g_raw[a] /= total;
  }

// docs/semantics.md, *Targets*: Ledoit-Wolf's intensity d of `risk parity(n, shrunk)`, computed on
// the members' standardized returns from g_cov (the sample covariance, ddof 1); a member with no
// variance (a price that stood still) has no correlation to estimate and is left out
bool RblRisky(const int a)
  {
   return g_in[a] && g_cov[a][a] > 0.0;
  }

double RblShrinkage(const int n, const int s)
  {
   double mean[RBL_ASSETS];
   double corr_sq = 0.0;
   int risky = 0;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      mean[a] = 0.0;
      if(!RblRisky(a))
         continue;
      risky++;
      for(int j = 0; j < n; j++)
         mean[a] += RblAssetReturn(a, s + j);
      mean[a] /= n;
      for(int b = 0; b < RBL_ASSETS; b++)
         if(RblRisky(b))
            corr_sq += g_cov[a][b] * g_cov[a][b] / (g_cov[a][a] * g_cov[b][b]);
     }
   if(risky == 0)
      return 0.0;
   double fourth = 0.0;                // sum over bars of (sum over members of z^2)^2
   for(int j = 0; j < n; j++)
     {
      double line = 0.0;
      for(int a = 0; a < RBL_ASSETS; a++)
         if(RblRisky(a))
           {
            double c = RblAssetReturn(a, s + j) - mean[a];
            line += c * c / ((n - 1.0) / n * g_cov[a][a]);
           }
      fourth += line * line;
     }
   double off = (corr_sq - risky) / risky;
   double b = MathMin((fourth / n - corr_sq) / (n * risky), off);
   return b > 0.0 ? b / off : 0.0;
  }

void RblRiskParity(const int n, const int s, const bool shrunk)
  {
   double x[RBL_ASSETS];
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      x[a] = 0.0;
      for(int b = 0; b < RBL_ASSETS; b++)
         g_cov[a][b] = (g_in[a] && g_in[b]) ? RblAssetCov(a, b, n, s) : 0.0;
      if(g_in[a])
         x[a] = 1.0 / MathMax(MathSqrt(g_cov[a][a]), 1e-12);
     }
   if(shrunk)
     {
      double keep = 1.0 - RblShrinkage(n, s);
      for(int a = 0; a < RBL_ASSETS; a++)
         for(int b = 0; b < RBL_ASSETS; b++)
            if(a != b)
               g_cov[a][b] *= keep;
     }
   int members = 0;
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_in[a])
         members++;
   for(int sweep = 0; sweep < 1000; sweep++)
     {
      double moved = 0.0;
      for(int i = 0; i < RBL_ASSETS; i++)
        {
         if(!g_in[i] || !(g_cov[i][i] > 0.0))
            continue;                  // a flat price has no risk to budget: keep its start weight
         double c = 0.0;
         for(int j = 0; j < RBL_ASSETS; j++)
            if(g_in[j] && j != i)
               c += g_cov[i][j] * x[j];
         double b = 1.0 / members;
         double xi = (-c + MathSqrt(c * c + 4.0 * g_cov[i][i] * b)) / (2.0 * g_cov[i][i]);
         moved = MathMax(moved, MathAbs(xi - x[i]) / MathMax(MathAbs(x[i]), 1e-300));
         x[i] = xi;
        }
      if(moved <= 1e-12)
         break;
     }
   double total = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
      total += x[a];
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_in[a])
         g_raw[a] = RblDiv(x[a], total);
  }

bool RblRanksBefore(const int a, const int b, const bool top)
  {
   bool va = MathIsValidNumber(g_score[a]);
   bool vb = MathIsValidNumber(g_score[b]);
   if(va != vb)
      return va;
   if(!va || g_score[a] == g_score[b])
      return a < b;
   return top ? g_score[a] > g_score[b] : g_score[a] < g_score[b];
  }

void RblSelect(const int k, const bool top)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      if(!g_in[a])
         continue;
      int better = 0;
      for(int b = 0; b < RBL_ASSETS; b++)
         if(g_in[b] && b != a && RblRanksBefore(b, a, top))
            better++;
      g_raw[a] = better < k ? 1.0 / k : 0.0;
     }
  }

void RblHoldMove(const int a, const int fallback)
  {
   if(fallback == a)
      return;
   if(fallback >= 0)
      g_raw[fallback] += g_raw[a];
   g_raw[a] = 0.0;
  }

double RblRiskySum(void)
  {
   double total = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
      total += g_tgt[a];
   return total;
  }

void RblScaleRisky(const double factor)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
      g_tgt[a] *= factor;
  }

void RblConstrain(const double max_weight, const double buffer, const double exposure,
                  const double max_leverage, const bool long_only)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
      g_tgt[a] = (max_weight >= 0.0) ? MathMin(g_raw[a], max_weight) : g_raw[a];
   if(buffer >= 0.0 && RblRiskySum() > 1.0 - buffer)
      RblScaleRisky((1.0 - buffer) / RblRiskySum());
   RblScaleRisky(exposure);
   double gross = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
      gross += MathAbs(g_tgt[a]);
   if(max_leverage >= 0.0 && gross > max_leverage)
      RblScaleRisky(max_leverage / gross);
   for(int a = 0; a < RBL_ASSETS && long_only; a++)
      g_tgt[a] = MathMax(g_tgt[a], 0.0);
   if(RBL_CASH_SLEEVE)
      g_tgt[RBL_HOLDINGS - 1] = 1.0 - RblRiskySum();
  }

string RblF6(const double v)
  {
   string text = StringFormat("%.6f", v);
   if(text == "-0.000000")
      return "0.000000";
   return text;
  }

string RblSignedF6(const double v)
  {
   string text = StringFormat("%+.6f", v);
   if(text == "-0.000000")
      return "+0.000000";
   return text;
  }

string RblTargetsText(void)
  {
   string text = "";
   for(int h = 0; h < RBL_TRACE_HOLDINGS; h++)
     {
      string item = StringFormat("%s:%s", g_name[h], RblF6(g_tgt[h]));
      text = h > 0 ? StringFormat("%s,%s", text, item) : item;
     }
   return text;
  }
