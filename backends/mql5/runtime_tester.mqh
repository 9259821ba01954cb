// The custom optimisation criterion ("Custom max" in the Strategy Tester): net profit discounted
// by the largest relative equity drawdown in percent; a loss is made worse by it, so of two
// losers the deeper drawdown ranks lower.
double OnTester(void)
  {
   double profit = TesterStatistics(STAT_PROFIT);
   double drawdown = 1.0 + TesterStatistics(STAT_EQUITY_DDREL_PERCENT);
   return profit >= 0.0 ? profit / drawdown : profit * drawdown;
  }
