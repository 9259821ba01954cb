//--- rbl runtime, sleeves part 1: each sleeve's targets and its state at the close (hand-written)
double g_share[RBL_SLEEVES];           // W_s: each sleeve's share of the portfolio
double g_m[RBL_HOLDINGS];              // m_i: target weights inside the owning sleeve
double g_x[RBL_HOLDINGS];              // x_i: current mix inside the owning sleeve, at the close
double g_sval[RBL_SLEEVES];            // V_s: each sleeve's value at the close
double g_su[RBL_SLEEVES];              // u_s = V_s / NAV: each sleeve's current weight
bool   g_scheck[RBL_SLEEVES];          // each sleeve's own `check`
bool   g_swhen[RBL_SLEEVES];           // each sleeve's own `when`
double g_sleft[RBL_SLEEVES];           // `trade over N bars` in a sleeve: its slices left (persisted)
double g_sdecided[RBL_SLEEVES];        // the bar of the decision they slice (persisted)

// Sleeve k's scheme weights (in g_raw) become the targets of its holdings; owned cash takes
// what its risky targets leave.
void RblSleeveMix(const int k)
  {
   double risky = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
      if(g_owner[a] == k)
        {
         g_m[a] = g_raw[a];
         risky += g_raw[a];
        }
   if(RBL_CASH_SLEEVE && g_owner[RBL_HOLDINGS - 1] == k)
      g_m[RBL_HOLDINGS - 1] = 1.0 - risky;
  }

// w*_i = W_s m_i; a holding in no sleeve targets 0, and unowned cash is the residual.
void RblComposeTargets(void)
  {
   double risky = 0.0;
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      g_tgt[a] = g_owner[a] >= 0 ? g_share[g_owner[a]] * g_m[a] : 0.0;
      risky += g_tgt[a];
     }
   if(!RBL_CASH_SLEEVE)
      return;
   int k = g_owner[RBL_HOLDINGS - 1];
   g_tgt[RBL_HOLDINGS - 1] = k >= 0 ? g_share[k] * g_m[RBL_HOLDINGS - 1] : 1.0 - risky;
  }
