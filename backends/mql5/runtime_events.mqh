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
   if(!RblSetFilling(a))
     {
      Print(StringFormat("rbl: symbol %s allows no filling mode a market order can use (market execution without FOK or IOC)", g_sym[a]));
      return false;
     }
   return true;
  }

// On a netting account one position per symbol sums every EA's and every manual trade's volume:
// volume that is not this EA's on one of its symbols is refused, unless accepted knowingly.
bool RblForeignVolumeOk(void)
  {
   for(int a = 0; a < RBL_ASSETS; a++)
     {
      double foreign = RblAccountLots(a) - g_own[a];
      if(MathAbs(foreign) < SymbolInfoDouble(g_sym[a], SYMBOL_VOLUME_STEP) / 2.0)
         continue;
      if(InpAcceptForeignVolume)
        {
         Print(StringFormat("rbl: %s: %s lots are not this EA's (other EAs or manual trades); it manages only its own volume",
                            g_sym[a], RblSignedF6(foreign)));
         continue;
        }
      Print(StringFormat("rbl: %s: %s lots on this netting account are not this EA's (other EAs or manual trades); "
                         "close them, use another account, or set InpAcceptForeignVolume=true and InpCapital",
                         g_sym[a], RblSignedF6(foreign)));
      return false;
     }
   return true;
  }

int OnInit(void)
  {
   RblInitSymbols();
   g_prefix = RblStatePrefix();
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
   RblResetBook();
   RblScanDeals();
   if(!RblForeignVolumeOk())
      return INIT_FAILED;
   g_retry_after = 0;
   g_attempts = 0;
   RblClearFaults();
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
