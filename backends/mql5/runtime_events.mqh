//--- rbl runtime, part 6: the event handlers (hand-written, inlined once)
bool RblSymbolUsable(const int a)
  {
   if(!SymbolSelect(g_sym[a], true))
     {
      Print(StringFormat("rbl: symbol %s is not available at this broker (check the symbol inputs)", g_sym[a]));
      return false;
     }
   double step = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP);
   double least = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MIN);
   double most = SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_MAX);
   if(step <= 0.0 || least <= 0.0 || most < least)
     {
      Print(StringFormat("rbl: symbol %s has unusable volume limits (step %g, min %g, max %g)", g_sym[a], step, least, most));
      return false;
     }
   return true;
  }

int OnInit(void)
  {
   g_prefix = StringFormat("rbl.%s.", IntegerToString((long)InpMagic));
   RblInitSymbols();
   if(AccountInfoInteger(ACCOUNT_MARGIN_MODE) == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING)
     {
      Print("rbl: this EA needs a netting account; hedging accounts are not supported");
      return INIT_FAILED;
     }
   for(int a = 0; a < RBL_ASSETS; a++)
      if(!RblSymbolUsable(a))
         return INIT_FAILED;
   g_trade.SetExpertMagicNumber(InpMagic);
   g_trade.SetDeviationInPoints(InpDeviationPoints);
   RblLoadAll();
   if(!EventSetTimer(InpTimerSeconds))
     {
      Print("rbl: cannot start the timer");
      return INIT_FAILED;
     }
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(reason != REASON_CHARTCHANGE)
      RblSaveAll();
  }

void OnTick(void)
  {
  }
