// The custom optimisation criterion ("Custom max" in the Strategy Tester): net profit divided by
// one plus the largest relative equity drawdown in percent, so deep drawdowns rank low.
double OnTester(void)
  {
   return TesterStatistics(STAT_PROFIT) / (1.0 + TesterStatistics(STAT_EQUITY_DDREL_PERCENT));
  }
