void OnTimer(void)
  {
   datetime bar = RblBarTime(RBL_DECISION_SHIFT);
   if(bar > g_last_bar && RblReady(bar))
      RblDecide(bar);
   RblExecute();
  }
