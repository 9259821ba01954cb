//--- rbl runtime, learned regimes (hand-written, inlined once when the strategy declares a regime):
// a Gaussian hidden Markov model with diagonal or full covariance, Baum-Welch and the forward filter. Every
// operation runs in the order of backends/numpy/hmm.py, so the EA reaches the backtest's bits
// (docs/semantics.md, *Learned regimes*). Bars are counted from the oldest joint bar loaded: the
// EA loads its whole history (RBL_DEPTH) on each decision, so a restart refits the same models.
#define RBL_HMM_LOG_2PI 1.8378770664093453
#define RBL_HMM_MAX_ITER 100
#define RBL_HMM_TOL 1e-06
#define RBL_HMM_VAR_FLOOR 1e-06
#define RBL_HMM_STAY 0.9

// the workspace of one fit, shared by the regimes (one fit at a time)
double g_hx[RBL_DEPTH][RBL_HMM_D];     // the fit window's observations, oldest first
double g_hb[RBL_DEPTH][RBL_HMM_K];     // emission densities, scaled per bar by the largest
double g_hm[RBL_DEPTH];                // that largest log density per bar
double g_ha[RBL_DEPTH][RBL_HMM_K];     // forward probabilities, normalised per bar
double g_hbe[RBL_DEPTH][RBL_HMM_K];    // backward, scaled alike
double g_hg[RBL_DEPTH][RBL_HMM_K];     // posteriors
double g_hc[RBL_DEPTH];                // the forward pass's normaliser per bar
int    g_hord[RBL_DEPTH];              // rows sorted by the first observation (the initialisation)
int    g_htmp[RBL_DEPTH];
double g_wst[RBL_HMM_K];
double g_wtr[RBL_HMM_K][RBL_HMM_K];
double g_wmu[RBL_HMM_K][RBL_HMM_D];
double g_wvar[RBL_HMM_K][RBL_HMM_D];
double g_wxi[RBL_HMM_K][RBL_HMM_K];
double g_wfloor[RBL_HMM_D];
double g_wcov[RBL_HMM_K][RBL_HMM_D][RBL_HMM_D];   // full covariance: the matrices,
double g_wl[RBL_HMM_K][RBL_HMM_D][RBL_HMM_D];     // their lower Cholesky factors,
double g_wld[RBL_HMM_K];                          // and their log-determinants
double g_wy[RBL_HMM_D];                           // the forward substitution's solution
double g_wz[RBL_HMM_D];                           // one density's input: the observation minus the mean,
double g_wlow[RBL_HMM_D][RBL_HMM_D];              // and the state's Cholesky factor (MQL5 passes no array rows)
// each regime: its settings (RblRegimeSettings), observations per bar, model and filtered state
int    g_rk[RBL_REGIMES];
int    g_rw[RBL_REGIMES];
int    g_rr[RBL_REGIMES];
int    g_rfirst[RBL_REGIMES];
int    g_rd[RBL_REGIMES];
bool   g_rexp[RBL_REGIMES];
bool   g_rfull[RBL_REGIMES];           // full covariance (else diagonal)
double g_rx[RBL_REGIMES][RBL_DEPTH][RBL_HMM_D];
int    g_rseen[RBL_REGIMES];           // observations are stored for bars before this one
int    g_rfit[RBL_REGIMES];            // the bar of the model in use (0: none yet; a first fit is never on bar 0)
int    g_rlo[RBL_REGIMES];             // the first bar of its fit window
int    g_rfilt[RBL_REGIMES];           // the last bar filtered
double g_rst[RBL_REGIMES][RBL_HMM_K];
double g_rtr[RBL_REGIMES][RBL_HMM_K][RBL_HMM_K];
double g_rmu[RBL_REGIMES][RBL_HMM_K][RBL_HMM_D];
double g_rvar[RBL_REGIMES][RBL_HMM_K][RBL_HMM_D];
double g_rl[RBL_REGIMES][RBL_HMM_K][RBL_HMM_D][RBL_HMM_D];   // full covariance: each state's Cholesky factor
double g_rld[RBL_REGIMES][RBL_HMM_K];                        // and log-determinant
double g_rp[RBL_REGIMES][RBL_HMM_K];   // the filtered probabilities at the last bar filtered

double RblHmmVariance(const int T, const int d)
  {
   double s = 0.0;
   for(int t = 0; t < T; t++)
      s += g_hx[t][d];
   double m = s / T;
   double v = 0.0;
   for(int t = 0; t < T; t++)
      v += (g_hx[t][d] - m) * (g_hx[t][d] - m);
   return v / T;
  }

bool RblHmmBefore(const int i, const int j)
  {
   return g_hx[i][0] < g_hx[j][0] || (g_hx[i][0] == g_hx[j][0] && i < j);
  }

// g_hord: the rows in order of the first observation, ties by row (bottom-up merge sort)
void RblHmmSort(const int T)
  {
   for(int t = 0; t < T; t++)
      g_hord[t] = t;
   for(int w = 1; w < T; w *= 2)
     {
      for(int lo = 0; lo < T; lo += 2 * w)
        {
         int mid = lo + w < T ? lo + w : T;
         int hi = lo + 2 * w < T ? lo + 2 * w : T;
         int i = lo, j = mid, k = lo;
         while(i < mid && j < hi)
           {
            if(RblHmmBefore(g_hord[j], g_hord[i]))
               g_htmp[k] = g_hord[j++];
            else
               g_htmp[k] = g_hord[i++];
            k++;
           }
         while(i < mid)
            g_htmp[k++] = g_hord[i++];
         while(j < hi)
            g_htmp[k++] = g_hord[j++];
        }
      for(int t = 0; t < T; t++)
         g_hord[t] = g_htmp[t];
     }
  }

// The fixed start: rows sorted by the first observation cut into K equal runs, each state's means
// its run's; every state's variances the window's; stay with probability RBL_HMM_STAY.
void RblHmmInitial(const int T, const int D, const int K)
  {
   RblHmmSort(T);
   for(int k = 0; k < K; k++)
     {
      int lo = k * T / K;
      int hi = (k + 1) * T / K;
      for(int d = 0; d < D; d++)
        {
         double s = 0.0;
         for(int r = lo; r < hi; r++)
            s += g_hx[g_hord[r]][d];
         g_wmu[k][d] = s / (hi - lo);
         g_wvar[k][d] = RblHmmVariance(T, d);
        }
      g_wst[k] = 1.0 / K;
      for(int j = 0; j < K; j++)
         g_wtr[k][j] = j == k ? RBL_HMM_STAY : (1.0 - RBL_HMM_STAY) / (K - 1);
     }
  }

void RblHmmEmissions(const int T, const int D, const int K)
  {
   for(int t = 0; t < T; t++)
     {
      double top = -DBL_MAX;
      for(int k = 0; k < K; k++)
        {
         double lp = 0.0;
         for(int d = 0; d < D; d++)
           {
            double z = g_hx[t][d] - g_wmu[k][d];
            lp += -0.5 * (RBL_HMM_LOG_2PI + MathLog(g_wvar[k][d]) + z * z / g_wvar[k][d]);
           }
         g_hb[t][k] = lp;
         if(lp > top)
            top = lp;
        }
      g_hm[t] = top;
      for(int k = 0; k < K; k++)
         g_hb[t][k] = MathExp(g_hb[t][k] - top);
     }
  }

double RblHmmForward(const int T, const int K)
  {
   double loglik = 0.0;
   for(int t = 0; t < T; t++)
     {
      double c = 0.0;
      for(int j = 0; j < K; j++)
        {
         double a = 0.0;
         if(t == 0)
            a = g_wst[j];
         else
            for(int i = 0; i < K; i++)
               a += g_ha[t - 1][i] * g_wtr[i][j];
         g_ha[t][j] = a * g_hb[t][j];
         c += g_ha[t][j];
        }
      for(int j = 0; j < K; j++)
         g_ha[t][j] /= c;
      g_hc[t] = c;
      loglik += MathLog(c) + g_hm[t];
     }
   return loglik;
  }

void RblHmmBackward(const int T, const int K)
  {
   for(int i = 0; i < K; i++)
      g_hbe[T - 1][i] = 1.0;
   for(int t = T - 2; t >= 0; t--)
      for(int i = 0; i < K; i++)
        {
         double s = 0.0;
         for(int j = 0; j < K; j++)
            s += g_wtr[i][j] * g_hb[t + 1][j] * g_hbe[t + 1][j];
         g_hbe[t][i] = s / g_hc[t + 1];
        }
  }

// Re-estimates from the posteriors and the transition counts; transitions read the old ones, so
// they are replaced last.
// Posteriors, start and transitions (both covariances).
void RblHmmTransitions(const int T, const int K)
  {
   for(int t = 0; t < T; t++)
     {
      double g = 0.0;
      for(int k = 0; k < K; k++)
        {
         g_hg[t][k] = g_ha[t][k] * g_hbe[t][k];
         g += g_hg[t][k];
        }
      for(int k = 0; k < K; k++)
         g_hg[t][k] /= g;
     }
   for(int i = 0; i < K; i++)
      for(int j = 0; j < K; j++)
         g_wxi[i][j] = 0.0;
   for(int t = 0; t < T - 1; t++)
      for(int i = 0; i < K; i++)
         for(int j = 0; j < K; j++)
            g_wxi[i][j] += g_ha[t][i] * g_wtr[i][j] * g_hb[t + 1][j] * g_hbe[t + 1][j] / g_hc[t + 1];
   for(int k = 0; k < K; k++)
     {
      g_wst[k] = g_hg[0][k];
      double row = 0.0;
      for(int j = 0; j < K; j++)
         row += g_wxi[k][j];
      for(int j = 0; j < K; j++)
         g_wtr[k][j] = g_wxi[k][j] / row;
     }
  }

void RblHmmMaximise(const int T, const int D, const int K)
  {
   RblHmmTransitions(T, K);
   for(int k = 0; k < K; k++)
     {
      double w = 0.0;
      for(int t = 0; t < T; t++)
         w += g_hg[t][k];
      for(int d = 0; d < D; d++)
        {
         double s = 0.0;
         for(int t = 0; t < T; t++)
            s += g_hg[t][k] * g_hx[t][d];
         double mu = s / w;
         double v = 0.0;
         for(int t = 0; t < T; t++)
            v += g_hg[t][k] * (g_hx[t][d] - mu) * (g_hx[t][d] - mu);
         g_wmu[k][d] = mu;
         g_wvar[k][d] = g_wfloor[d] > v / w ? g_wfloor[d] : v / w;
        }
     }
  }

// ---- full covariance: the same passes with a Cholesky-factorised density (hmm.py, the same order) ----

// Every state's covariance: the window's (population, summed in bar order) plus the floor on the diagonal.
void RblHmmInitialFull(const int T, const int D, const int K)
  {
   double m[RBL_HMM_D];
   for(int d = 0; d < D; d++)
     {
      double s = 0.0;
      for(int t = 0; t < T; t++)
         s += g_hx[t][d];
      m[d] = s / T;
     }
   for(int d = 0; d < D; d++)
      for(int e = 0; e < D; e++)
        {
         double v = 0.0;
         for(int t = 0; t < T; t++)
            v += (g_hx[t][d] - m[d]) * (g_hx[t][e] - m[e]);
         v = v / T;
         if(d == e)
            v = v + g_wfloor[d];
         for(int k = 0; k < K; k++)
            g_wcov[k][d][e] = v;
        }
  }

// g_wl[k] = the lower factor of g_wcov[k] (row by row); g_wld[k] = log det = 2 * sum of log diagonal.
void RblHmmCholesky(const int D, const int k)
  {
   double logdet = 0.0;
   for(int i = 0; i < D; i++)
     {
      for(int j = 0; j <= i; j++)
        {
         double s = g_wcov[k][i][j];
         for(int p = 0; p < j; p++)
            s -= g_wl[k][i][p] * g_wl[k][j][p];
         if(i == j)
            g_wl[k][i][i] = MathSqrt(s);
         else
            g_wl[k][i][j] = s / g_wl[k][j][j];
        }
      for(int j = i + 1; j < D; j++)
         g_wl[k][i][j] = 0.0;
     }
   for(int d = 0; d < D; d++)
      logdet += MathLog(g_wl[k][d][d]);
   g_wld[k] = 2.0 * logdet;
  }

// log N(x; mu, L L') from g_wz = x - mu and g_wlow = L: forward substitution L y = x - mu, then the
// squared norm of y.
double RblHmmLogDensityFull(const double logdet, const int D)
  {
   double maha = 0.0;
   for(int i = 0; i < D; i++)
     {
      double s = g_wz[i];
      for(int p = 0; p < i; p++)
         s -= g_wlow[i][p] * g_wy[p];
      g_wy[i] = s / g_wlow[i][i];
      maha += g_wy[i] * g_wy[i];
     }
   return -0.5 * (D * RBL_HMM_LOG_2PI + logdet + maha);
  }

void RblHmmEmissionsFull(const int T, const int D, const int K)
  {
   for(int k = 0; k < K; k++)
      RblHmmCholesky(D, k);
   for(int t = 0; t < T; t++)
     {
      double top = -DBL_MAX;
      for(int k = 0; k < K; k++)
        {
         for(int i = 0; i < D; i++)
           {
            g_wz[i] = g_hx[t][i] - g_wmu[k][i];
            for(int p = 0; p < D; p++)
               g_wlow[i][p] = g_wl[k][i][p];
           }
         double lp = RblHmmLogDensityFull(g_wld[k], D);
         g_hb[t][k] = lp;
         if(lp > top)
            top = lp;
        }
      g_hm[t] = top;
      for(int k = 0; k < K; k++)
         g_hb[t][k] = MathExp(g_hb[t][k] - top);
     }
  }

// The M-step of full covariance: posteriors and transitions as RblHmmMaximise, then each state's means
// and covariance matrix, the floor added to its diagonal.
void RblHmmMaximiseFull(const int T, const int D, const int K)
  {
   RblHmmTransitions(T, K);
   for(int k = 0; k < K; k++)
     {
      double w = 0.0;
      for(int t = 0; t < T; t++)
         w += g_hg[t][k];
      for(int d = 0; d < D; d++)
        {
         double s = 0.0;
         for(int t = 0; t < T; t++)
            s += g_hg[t][k] * g_hx[t][d];
         g_wmu[k][d] = s / w;
        }
      for(int d = 0; d < D; d++)
         for(int e = 0; e < D; e++)
           {
            double v = 0.0;
            for(int t = 0; t < T; t++)
               v += g_hg[t][k] * (g_hx[t][d] - g_wmu[k][d]) * (g_hx[t][e] - g_wmu[k][e]);
            v = v / w;
            if(d == e)
               v = v + g_wfloor[d];
            g_wcov[k][d][e] = v;
           }
     }
  }

// Baum-Welch on rows 0..T-1 of g_hx from the fixed start: an E-step then an M-step per iteration,
// until RBL_HMM_MAX_ITER or a gain below RBL_HMM_TOL.
void RblHmmFit(const int T, const int D, const int K, const bool full)
  {
   for(int d = 0; d < D; d++)
      g_wfloor[d] = RBL_HMM_VAR_FLOOR * RblHmmVariance(T, d);
   RblHmmInitial(T, D, K);
   if(full)
      RblHmmInitialFull(T, D, K);
   double prev = -DBL_MAX;
   for(int n = 0; n < RBL_HMM_MAX_ITER; n++)
     {
      if(full)
         RblHmmEmissionsFull(T, D, K);
      else
         RblHmmEmissions(T, D, K);
      double loglik = RblHmmForward(T, K);
      RblHmmBackward(T, K);
      if(full)
         RblHmmMaximiseFull(T, D, K);
      else
         RblHmmMaximise(T, D, K);
      if(loglik - prev < RBL_HMM_TOL)
         break;
      prev = loglik;
     }
  }

// The fitted model into regime r, its states in the documented order: by the mean of the first
// observation, lowest first, ties in fitted order (a stable insertion sort). Full covariance stores
// each state's Cholesky factor and log-determinant, as the backtest's filter computes them.
void RblRegimeStore(const int r, const int D, const int K)
  {
   if(g_rfull[r])
      for(int k = 0; k < K; k++)
         RblHmmCholesky(D, k);
   int order[RBL_HMM_K];
   for(int k = 0; k < K; k++)
     {
      int at = k;
      while(at > 0 && g_wmu[order[at - 1]][0] > g_wmu[k][0])
        {
         order[at] = order[at - 1];
         at--;
        }
      order[at] = k;
     }
   for(int k = 0; k < K; k++)
     {
      g_rst[r][k] = g_wst[order[k]];
      for(int j = 0; j < K; j++)
         g_rtr[r][k][j] = g_wtr[order[k]][order[j]];
      for(int d = 0; d < D; d++)
        {
         g_rmu[r][k][d] = g_wmu[order[k]][d];
         g_rvar[r][k][d] = g_wvar[order[k]][d];
         for(int e = 0; e < D && g_rfull[r]; e++)
            g_rl[r][k][d][e] = g_wl[order[k]][d][e];
        }
      g_rld[r][k] = g_rfull[r] ? g_wld[order[k]] : 0.0;
     }
  }

// One bar of the forward filter of regime r on its observation at bar b (`first`: the fit window's
// first bar, which starts from the start probabilities).
void RblRegimeStep(const int r, const int b, const bool first)
  {
   const int K = g_rk[r];
   double dens[RBL_HMM_K];
   double top = -DBL_MAX;
   for(int k = 0; k < K; k++)
     {
      double lp = 0.0;
      if(g_rfull[r])
        {
         for(int i = 0; i < g_rd[r]; i++)
           {
            g_wz[i] = g_rx[r][b][i] - g_rmu[r][k][i];
            for(int p = 0; p < g_rd[r]; p++)
               g_wlow[i][p] = g_rl[r][k][i][p];
           }
         lp = RblHmmLogDensityFull(g_rld[r][k], g_rd[r]);
        }
      else
         for(int d = 0; d < g_rd[r]; d++)
           {
            double z = g_rx[r][b][d] - g_rmu[r][k][d];
            lp += -0.5 * (RBL_HMM_LOG_2PI + MathLog(g_rvar[r][k][d]) + z * z / g_rvar[r][k][d]);
           }
      dens[k] = lp;
      if(lp > top)
         top = lp;
     }
   double next[RBL_HMM_K];
   double c = 0.0;
   for(int j = 0; j < K; j++)
     {
      double a = 0.0;
      if(first)
         a = g_rst[r][j];
      else
         for(int i = 0; i < K; i++)
            a += g_rp[r][i] * g_rtr[r][i][j];
      next[j] = a * MathExp(dens[j] - top);
      c += next[j];
     }
   for(int j = 0; j < K; j++)
      g_rp[r][j] = next[j] / c;
  }

// A regime's settings on each decision; a `states` input set past what the arrays hold (the top of
// its param range) is clamped there, and said once.
void RblRegimeSettings(const int r, const int states, const int window, const int refit, const int first,
                       const int observations, const bool expanding, const bool full)
  {
   if(states < 2 || states > RBL_HMM_K)
      RblFault(-1, 13, StringFormat("a regime's states must be 2 to %d (the param's range); using %d",
                                    RBL_HMM_K, states < 2 ? 2 : RBL_HMM_K));
   g_rk[r] = states < 2 ? 2 : (states > RBL_HMM_K ? RBL_HMM_K : states);
   g_rw[r] = window;
   g_rr[r] = refit;
   g_rfirst[r] = first;
   g_rd[r] = observations;
   g_rexp[r] = expanding;
   g_rfull[r] = full;
  }

// The decision bar, counted from the oldest joint bar loaded (the backtest's first bar in `rbl verify`).
int RblRegimeBar(void)
  {
   if(g_have >= RBL_DEPTH)
      RblFault(-1, 12, StringFormat("more than %d bars of history: regimes count bars from the oldest %d loaded",
                                    RBL_DEPTH, RBL_DEPTH));
   return g_have - 1 - RBL_DECISION_SHIFT;
  }

// The first bar whose observations regime r still has to store for a decision at bar t.
int RblRegimeSeen(const int r, const int t)
  {
   int from = g_rseen[r] > g_rfirst[r] ? g_rseen[r] : g_rfirst[r];
   g_rseen[r] = t + 1;
   return from;
  }

// Regime r at bar t: the model fitted at the last refit bar at or before t (fitted now if it is
// new), filtered from its window's first bar to t.
void RblRegimeAt(const int r, const int t)
  {
   const int f = g_rfirst[r] + g_rw[r] - 1;
   if(t < f)
      return;
   const int refit = f + ((t - f) / g_rr[r]) * g_rr[r];
   if(refit != g_rfit[r])
     {
      const int lo = g_rexp[r] ? g_rfirst[r] : refit - g_rw[r] + 1;
      for(int b = lo; b <= refit; b++)
         for(int d = 0; d < g_rd[r]; d++)
            g_hx[b - lo][d] = g_rx[r][b][d];
      RblHmmFit(refit - lo + 1, g_rd[r], g_rk[r], g_rfull[r]);
      RblRegimeStore(r, g_rd[r], g_rk[r]);
      g_rfit[r] = refit;
      g_rlo[r] = lo;
      g_rfilt[r] = lo - 1;
     }
   for(int b = g_rfilt[r] + 1; b <= t; b++)
      RblRegimeStep(r, b, b == g_rlo[r]);
   g_rfilt[r] = t > g_rfilt[r] ? t : g_rfilt[r];
  }

// The filtered probability of state k of regime r at the decision bar (0 before the first fit,
// which the warm-up never reaches).
double RblRegimeProbability(const int r, const int k)
  {
   return g_rfit[r] == 0 ? 0.0 : g_rp[r][k];
  }

// True when state k is regime r's most probable (ties to the lower state).
bool RblRegimeIs(const int r, const int k)
  {
   if(g_rfit[r] == 0)
      return false;
   int best = 0;
   for(int j = 1; j < g_rk[r]; j++)
      if(g_rp[r][j] > g_rp[r][best])
         best = j;
   return best == k;
  }
