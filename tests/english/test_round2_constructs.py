"""Issue 17, second session: constructs the first round could not place (spaced calendars, the nth weekday of a
month, drawdown brakes said after the action, the round-2 aggregates and spacing, caps whose excess is spread)
are read by construct, or end in a question naming the phrase. Each case failed before this change."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline
from tests.english.reading import rbl_of

WEIGHTS = "60% SPY, 40% TLT"


def test_biweekly_is_a_question_every_two_weeks_or_twice_a_week():
    # two dev-set writers read it both ways (r2-89, v5-069): a guess would trade on the wrong days
    assert "biweekly" in translate_offline(f"{WEIGHTS}, biweekly rebalance.").question


@pytest.mark.parametrize("english, expected", [
    # calendars that skip every other date, spaced by the calendar days since the last rebalance
    (f"{WEIGHTS}, rebalance every two weeks.", "when weekly on monday and days since rebalance >= 10"),
    (f"{WEIGHTS}, rebalanced every other week.", "when weekly on monday and days since rebalance >= 10"),
    (f"{WEIGHTS}, fortnightly rebalance.", "when weekly on monday and days since rebalance >= 10"),
    (f"{WEIGHTS}, rebalance every 2 weeks on Friday.", "when weekly on friday and days since rebalance >= 10"),
    (f"{WEIGHTS}, rebalance every other month.", "when monthly and days since rebalance >= 45"),
    (f"{WEIGHTS}, rebalance twice a year.", "when quarterly and days since rebalance >= 100"),
    (f"{WEIGHTS}, rebalanced semi-annually.", "when quarterly and days since rebalance >= 100"),
    (f"{WEIGHTS}, rebalance every 6 months.", "when quarterly and days since rebalance >= 100"),
    # aggregates over the holdings
    (f"{WEIGHTS}, check monthly, rebalance when the total drift exceeds 3pp.", "when sum of drift / 2 > 3pp"),
    (f"{WEIGHTS}; rebalance once the overall deviation from target is more than 4 points.",
     "when sum of drift / 2 > 4pp"),
    (f"{WEIGHTS}; rebalance when the sum of the absolute drifts exceeds 10 percentage points.",
     "when sum of drift > 10pp"),
    ("Equal weight SPY, EFA, TLT; rebalance when at least 2 assets are more than 3pp off target.",
     "when count of (drift > 3pp) >= 2"),
    ("Equal weight SPY, EFA, TLT; rebalance once 2 or more of them drift over 5 points.",
     "when count of (drift > 5pp) >= 2"),
    # a minimum time between rebalances
    (f"{WEIGHTS}, 5pp band, but never rebalance twice within 20 trading days.",
     "when drift > 5pp and bars since rebalance >= 20"),
    (f"{WEIGHTS}, 5pp band, never more than once a month.", "when drift > 5pp and bars since rebalance >= 1 month"),
    (f"{WEIGHTS}, 5pp band, and at least 10 trading days between rebalances.",
     "when drift > 5pp and bars since rebalance >= 10"),
    (f"{WEIGHTS}, 5pp band; rebalances must be at least 30 days apart.",
     "when drift > 5pp and days since rebalance >= 30"),
    (f"{WEIGHTS}, rebalance if either goes below 30% or above 70%, and wait at least 2 weeks between rebalances.",
     "when (weight < 30% or weight > 70%) and bars since rebalance >= 2 weeks"),
    # caps and their excess
    ("Inverse vol SPY, TLT, GLD, DBC over 60 days, monthly; cap each asset at 40% and spread the excess over the "
     "other assets.", "max weight 40%, excess to other assets"),
    ("Risk parity SPY, TLT, GLD, 120-day covariance, monthly, no asset above 50% and redistribute anything over "
     "the cap to the rest.", "max weight 50%, excess to other assets"),
    ("Top 3 of SPY, QQQ, IWM, EFA, EEM by 6-month return, monthly; no asset may exceed 40%, with any excess "
     "redistributed to the other assets.", "max weight 40%, excess to other assets"),
    ("Inverse vol SPY, TLT, GLD over 60 days, monthly. Max weight 45%, excess to cash.", "    max weight 45%\n"),
    # a drawdown brake said action first
    (f"{WEIGHTS} monthly. Cut exposure to 50% after a 10% drawdown, and go back to full exposure once the "
     "drawdown recovers to 5%.", "true when drawdown(portfolio) >= 10%"),
    # words around schemes and rules
    ("40% VTI, 20% VXUS, 30% BND, 10% VNQ, monthly check; use the 5/25 rule.", "when drift > min(5pp, 25% of target)"),
    ("An equally weighted basket of AAPL, MSFT and KO, monthly.", "target: equal weight AAPL, MSFT, KO"),
    ("Inverse vol SPY TLT GLD using 3 months, rebalanced monthly.", "inverse volatility(3 months) SPY, TLT, GLD"),
    ("50/50 SPY TLT, monthly.", "SPY 50%\n    TLT 50%"),
    ("Each of SPY, IEF and GLD should contribute the same risk, using a 120-day covariance; monthly.",
     "risk parity(120 days) SPY, IEF, GLD"),
    ("Equal risk contribution between SPY and TLT, covariance estimated over 250 days, monthly.",
     "risk parity(250 days) SPY, TLT"),
    ("Inverse-volatility weights over SPY, TLT and GLD, 20-day lookback, weekly.",
     "inverse volatility(20 days) SPY, TLT, GLD"),
    (f"{WEIGHTS}, monthly. Orders must be approved by me before execution.", "mode alert"),
    (f"{WEIGHTS}, monthly, but don't place anything, just send me the orders.", "mode alert"),
    ("Equal weight SPY, TLT at 2x total exposure, monthly; leverage must not exceed 2x.", "exposure 2x"),
    (f"{WEIGHTS} with a 3pp absolute tolerance band, checked weekly, full rebalance on breach.", "when drift > 3pp"),
    (f"{WEIGHTS} with a 5pp band; when it's breached, only trade back to the edge of the band.", "to band edge"),
    ("60/40 VTI/BND, 5 point bands, and when one breaks out just trade that one back to the edge of its band.",
     "trade breached assets"),
    ("I'd like to put 70% of my money into VOO and the other 30% into BND, yearly.", "VOO 70%\n    BND 30%"),
    ("My lazy portfolio: VTI 60%, BND 40%. Rebalance yearly.", "VTI 60%\n    BND 40%"),
    ("Just split my money evenly between BTC, ETH and SOL and rebalance every week.", "equal weight BTC, ETH, SOL"),
    # a third pass of dev descriptions, written without the reader in view
    ("Rebalance my 60/40 SPY/BND back to target whenever it's 5 points out of whack.", "when drift > 5pp"),
    ("Keep SPY at 60% and TLT at 40%. Rebalance on the first trading day of January each year.", "when annually"),
    ("50/50 SPY and TLT, rebalanced on the last trading day of each week.", "when last trading day of week"),
    ("80/20 stocks/bonds, rebalance when off by 10% relative.", "when drift > 10% of target"),
    ("Target 60/40 VTI/BND; tolerance band 5 percentage points; review monthly.", "check monthly\n    when drift > 5pp"),
    ("Inverse volatility of SPY, EFA, TLT using 30-day vol, weekly on Fridays, max 35% per asset.", "max weight 35%"),
    ("Dual momentum: SPY vs EFA by 12-month return, must beat BIL, else AGG. Monthly.",
     "top 1 by return(price, 12 months) of SPY, EFA while return(price, 12 months) > return(BIL, 12 months) else AGG"),
    ("Rebalance to 50% QQQ and 50% TLT at every quarter end.", "when last trading day of quarter"),
    ("Put 10% in GLD, 20% in TLT, and the rest in SPY. Monthly.", "GLD 10%\n    TLT 20%\n    SPY 70%"),
    ("I want 1/3 SPY, 1/3 TLT, 1/3 GLD, rebalanced yearly.", "equal weight SPY, TLT, GLD"),
    ("1/4 SPY, 3/4 TLT, rebalanced yearly.", "SPY 25%\n    TLT 75%"),
    ("Rebalance 60/40 SPY/TLT when SPY's drift exceeds 5pp or TLT's exceeds 4pp.", "SPY 5pp\n    TLT 4pp"),
    ("With a $100k account, hold 60% SPY 40% TLT, rebalance monthly.", "capital 100000 USD"),
    ("50/50 SPY and TLT, monthly; if the portfolio's drawdown exceeds 25%, liquidate.", "max drawdown 25%"),
    ("Rebalance QQQ/TLT 50/50 every 3 months.", "when quarterly"),
    ("Rebalance weekly (Fridays), 50/50 BTC/ETH.", "when weekly on friday"),
    ("Equal-weight SPY, TLT and GLD, and rebalance whenever any weight is outside 28%-38%.",
     "when weight < 28% or weight > 38%"),
    ("Each week hold the single best of SPY, QQQ, IWM and EFA over the last 4 weeks.",
     "top 1 by return(price, 4 weeks) of SPY, QQQ, IWM, EFA"),
    ("60/40 SPY/TLT, keep portfolio vol at 15% with a 20-day lookback, rebalance daily.",
     "exposure 15% / vol(basket, 20 days)"),
    ("Run a 60/40 SPY/TLT portfolio at 1.3x leverage, rebalanced monthly.", "exposure 1.3x"),
    ("All-weather: 30% VTI, 40% TLT, 15% IEI, 7.5% GLD, 7.5% DBC; rebalance annually.", "GLD 7.5%"),
    ("Buy SPY and TLT 50/50 and never rebalance.", "when false"),
    ("QQQ when above its 100-day EMA, else cash; evaluate daily.", "QQQ 100% while price > ema(price, 100 days) else CASH"),
    ("Maintain 70% VTI and 30% BND within a 5 percentage point band; on a breach, rebalance only to the band "
     "boundary.", "to band edge"),
    ("I don't want it to buy or sell anything by itself. Just tell me what to trade. 60/40 SPY/TLT monthly.",
     "mode alert"),
    ("3-fund (VTI 50 / VXUS 30 / BND 20): I only rebalance when total portfolio drift exceeds 5pp.",
     "when sum of drift / 2 > 5pp"),
    # a fourth pass
    ("70% BTC 30% ETH, rebalance when either is more than 10 points off, fees 0.2%.", "commission 20 bps"),
    ("ok so: SPY 40, QQQ 20, TLT 30, GLD 10. rebalance every quarter.", "GLD 10%"),
    ("Can you make it so that when my stocks (VTI) and bonds (BND), held 60/40, get more than 5 points away from "
     "that, it fixes them?", "when drift > 5pp"),
    ("SPY/TLT 60/40, rebalance when max abs drift > 3pp, evaluated daily.", "when drift > 3pp"),
    ("Equal weight SPY, EFA, EEM and VNQ, rebalanced at the start of every quarter.", "when quarterly"),
    ("60/40 SPY/IEF, monthly, manual approval required.", "mode alert"),
    ("50% VTI, 50% VXUS, rebalance monthly, but don't trade anything smaller than $100.", "minimum trade 100 USD"),
    ("60/40 SPY/TLT monthly; when we're 12% under the peak drop to half exposure, and go back to full once we're "
     "within 4% of the peak.", "exposure if defensive then 50% else 100%"),
    ("Vol-target the 60/40 SPY/TLT to 8% annualized using 60-day realized vol, leverage capped at 1.5x, monthly.",
     "exposure min(8% / vol(basket, 60 days), 1.5x)"),
    ("50/50 SPY and GLD, rebalance monthly, orders filled at the next day's open.", "trade at next open"),
    ("Each month, invest equally in the two of SPY, EFA, EEM, TLT and GLD with the highest 6-month total return.",
     "top 2 by return(price, 6 months) of SPY, EFA, EEM, TLT, GLD"),
    ("rotate monthly into whichever of QQQ, IWM, EFA did best over the past 3 months",
     "top 1 by return(price, 3 months) of QQQ, IWM, EFA"),
    ("momentum top 3 of XLK XLV XLF XLE XLI by 6-month return monthly, max 40% each, excess spread to the others",
     "max weight 40%, excess to other assets"),
    ("Equal weight SPY, TLT, GLD, DBC; check weekly and rebalance when the turnover needed to get back to target is "
     "more than 5pp.", "when sum of drift / 2 > 5pp"),
    ("2x leveraged 60/40 with SPY and TLT, rebalanced monthly.", "exposure 2x"),
    ("I use 5pp absolute bands on a 70/30 VTI/BND split and check once a week.", "check weekly on monday"),
    # a fifth pass: catalogue strategies in other words
    ("Sixty percent equities and forty percent bonds, reset to those weights at the beginning of each month.",
     "when monthly"),
    ("60 SPY / 40 AGG. Whenever one of them is more than 5pp away from where it should be, rebalance.",
     "SPY 60%\n    AGG 40%"),
    ("Swedroe-style 5/25 bands on 35% VTI, 15% VXUS, 40% BND, 10% VNQ.", "when drift > min(5pp, 25% of target)"),
    ("equal weight AAPL MSFT NVDA, hold back 2% as cash, rebalance every quarter", "cash buffer 2%"),
    ("Size SPY, TLT and GLD inversely to their 60-day volatility and rebalance monthly.",
     "inverse volatility(60 days) SPY, TLT, GLD"),
    ("ERC portfolio over SPY, IEF, GLD; 120d covariance; monthly rebalance.", "risk parity(120 days) SPY, IEF, GLD"),
    ("Hold SPY, EFA and IEF at a third each, but only while each is above its 10-month simple moving average; any "
     "asset below it goes to cash. Decide at month-end.", "while price > sma(price, 10 months) else CASH"),
    ("Every month, pick US stocks or international stocks, whichever has the higher 12-month return, provided it "
     "beats T-bills; otherwise hold bonds.", "top 1 by return(price, 12 months) of STOCKS, INTL"),
    ("Monthly, allocate equally to the 2 best-performing of SPY, QQQ, IWM, EFA over the trailing six months.",
     "top 2 by return(price, 6 months) of SPY, QQQ, IWM, EFA"),
    ("60/40 SPY/TLT with a 5 point band that gets wider in calm markets and narrower in volatile ones.",
     "let band = 5pp * clamp("),
    ("60/40 SPY/TLT: in turbulent markets check weekly with a 3pp band, otherwise check monthly with a 6pp band.",
     "check if turbulent then weekly on monday else monthly"),
    ("60% SPY and 40% TLT, monthly. Should the portfolio decline 15% from its peak, move half of it to cash, "
     "returning to full allocation once the drawdown recovers to 5%.", "false when drawdown(portfolio) <= 5%"),
    ("Maintain equal notional exposure to EURUSD, GBPUSD and USDJPY at twice equity, rebalancing when any position "
     "drifts by more than 2 points; do not trade automatically, send the orders to me for approval.", "exposure 2x"),
    ("scale SPY/TLT 60/40 so the whole thing runs at 10% vol a year (60-day realized), max 1.5x leverage, rest in "
     "cash, monthly", "exposure min(10% / vol(basket, 60 days), 1.5x)"),
    ("test the 60/40 SPY/TLT with bands from 1pp to 10pp in 1pp steps and compare it to a daily rebalanced 60/40",
     "param band = 5pp from 1pp to 10pp step 1pp"),
    ("My plan is 50% SPY and 50% BND and I'll rebalance every January.", "when annually"),
    ("Could you set up 70 percent in stocks and 30 percent in bonds, adjusted back every three months?", "when quarterly"),
    ("60/40 SPY/AGG monthly. Costs: 3 bps commission plus 1 bps slippage.", "commission 3 bps\n    slippage 1 bps"),
    ("60/40 SPY/TLT, monthly; decide on the close and execute at the same close.", "trade at close"),
    ("EW SPY QQQ IWM, monthly.", "target: equal weight SPY, QQQ, IWM"),
    ("80% VOO 20% BND, rebalance monthly, and if I'm ever 25% below my peak, get me out completely.",
     "max drawdown 25%"),
    ("70/30 VTI/BND and rebalance if either one drifts by a quarter of its target weight.", "when drift > 25% of target"),
    ("50% SPY, 30% TLT and 20% GLD; if any asset moves more than 5 points from its target, rebalance just that asset "
     "back to target.", "trade breached assets"),
    # a sixth pass
    ("Hi team, for the new account please set up the following: 45% VTI, 55% BND. Rebalancing should happen once per "
     "quarter. Let me know if anything is unclear. Best, Dana", "when quarterly"),
    ("VTI/BND 60/40, 5pp abs band, daily chk.", "check daily\n    when drift > 5pp"),
    ("I only want to be in QQQ when it's trading above its 50-day moving average. Otherwise just hold cash. Daily.",
     "QQQ 100% while price > sma(price, 50 days) else CASH"),
    ("Regime switch: if SPY's 50-day EMA > its 200-day EMA then 90/10 SPY/TLT else 50/50. Weekly.",
     "if ema(SPY, 50 days) > ema(SPY, 200 days):"),
    ("GEM: each month go with SPY or VEU, whichever did better over 12 months, as long as it beat BIL; if not, AGG.",
     "top 1 by return(price, 12 months) of SPY, VEU while return(price, 12 months) > return(BIL, 12 months) else AGG"),
    ("Allocate across SPY, TLT and GLD in proportion to the inverse of each one's 90-day volatility, monthly.",
     "inverse volatility(90 days) SPY, TLT, GLD"),
    ("risk parity between SPY, TLT and GLD, use 6 months of data for the covariance, rebalance monthly",
     "risk parity(6 months) SPY, TLT, GLD"),
    ("60/40 SPY/AGG monthly, but run it in alert mode so I can review the orders first.", "mode alert"),
    ("60/40 SPY/TLT monthly; gross leverage <= 1.5x.", "max leverage 1.5x"),
    ("Equal weight SPY, EFA, EEM; rebalance quarterly; assume 10 basis points per trade in costs.", "commission 10 bps"),
    ("SPY/TLT 60/40 monthly. Hard stop at -20% from peak.", "max drawdown 20%"),
    ("70% SPY, 30% TLT, monthly. If the drawdown reaches 20%, cut exposure to 40%; restore full exposure when the "
     "drawdown is back below 10%.", "exposure if defensive then 40% else 100%"),
    ("Target an annualized portfolio volatility of 12%, estimated over 40 days, on a 50/50 SPY/TLT mix, with leverage "
     "limited to 2x; rebalance weekly.", "exposure min(12% / vol(basket, 40 days), 2x)"),
    ("50% SPY, 30% TLT, 20% GLD. Give SPY a 5 point band, TLT a 3 point band and GLD a 2 point band.",
     "SPY 5pp\n    TLT 3pp\n    GLD 2pp"),
    ("equal weight BTC ETH SOL, rebalance when the total drift across all three passes 15 points",
     "when sum of drift / 2 > 15pp"),
    ("60/40 SPY/TLT with a 5 point band, but no more than one rebalance per month.",
     "when drift > 5pp and bars since rebalance >= 1 month"),
    ("Risk parity on SPY, TLT, GLD, DBC over 120 days, monthly, with each asset capped at 35% and the excess "
     "reallocated across the remaining assets.", "max weight 35%, excess to other assets"),
    ("The allocation of 60% SPY and 40% AGG is to be restored every six months.",
     "when quarterly and days since rebalance >= 100"),
    ("HODL basket: 60% BTC, 30% ETH, 10% SOL. I rebal monthly and ignore anything under $25.", "minimum trade 25 USD"),
    ("60/40 SPY/TLT monthly, and just trade at the close of the same day.", "trade at close"),
    # a seventh pass
    ("Hello! I'm just starting out. I'd like most of my money, 80%, in VOO and the remaining 20% in BND. Please "
     "rebalance it every year.", "VOO 80%\n    BND 20%"),
    ("Hold 65% VTI and 35% BND, and whenever VTI or BND wanders more than 4 points from its target, put everything "
     "back.", "when drift > 4pp"),
    ("Top 3 of SPY, QQQ, IWM by momentum - use the 12-month return. Monthly.",
     "top 3 by return(price, 12 months) of SPY, QQQ, IWM"),
    ("Inv-vol SPY/TLT/GLD, 20d vol, weekly.", "inverse volatility(20 days) SPY, TLT, GLD"),
    ("Maintain weights of 50% SPY, 30% IEF and 20% GLD; a rebalance is triggered when any weight deviates from its "
     "target by more than one quarter of that target.", "when drift > 25% of target"),
    ("60/40 SPY/TLT rebalanced monthly - don't execute anything, just alert me.", "mode alert"),
    ("SPY/TLT 60/40 monthly. Go 50% cash if the portfolio drops 10% off its high, and get back in fully when it's "
     "back within 5% of the high.", "false when drawdown(portfolio) <= 5%"),
    ("50/50 QQQ and TLT, quarterly, with a kill switch at a 35% drawdown.", "max drawdown 35%"),
    ("monthly 60/40 VTI/BND, figure on about 5 bps of slippage and a $1 commission per trade",
     "commission 1 USD per order"),
    ("60/40 SPY/IEF rebalanced monthly, scaled to a 10% volatility target using 60-day volatility, with a maximum "
     "leverage of 1.5x.", "exposure min(10% / vol(basket, 60 days), 1.5x)"),
    ("I want about 60% SPY and 40% TLT, and I'm fine as long as SPY stays between 50% and 70%; if it goes outside "
     "that, rebalance.", "bands:\n    SPY 10pp"),
    ("60/40 SPY/TLT, rebalance on the final trading day of every quarter.", "when last trading day of quarter"),
    ("60/40 SPY/TLT, rebalance when it's 10% out.", "when drift > 10pp"),
    ("Equal weights in VTI, VXUS and BND; rebalance when the aggregate deviation from target exceeds 6 percentage "
     "points, assessed monthly.", "check monthly\n    when sum of drift / 2 > 6pp"),
    ("60/40 SPY/TLT with 3pp bands, but give it at least 30 days between rebalances.",
     "when drift > 3pp and days since rebalance >= 30"),
    ("Hold 50% SPY and 50% IEF; rebalance on the first trading day of each month, executing at that day's close.",
     "trade at close"),
    ("Starting capital $50,000. 70% SPY, 30% AGG, rebalanced quarterly.", "capital 50000 USD"),
    ("SPY 60 / IEF 40; rebalance trigger: any |drift| above 4pp; check on Fridays.",
     "check weekly on friday\n    when drift > 4pp"),
    ("same amount in each of SPY, QQQ, DIA and IWM, rebalance quarterly", "equal weight SPY, QQQ, DIA, IWM"),
    ("I don't want to borrow any money. 60% VTI and 40% BND, rebalance yearly.", "max leverage 1x"),
    ("60/40 SPY/TLT with 5pp bands, and benchmark it against SPY.", "benchmark SPY"),
    # an eighth pass, most of it questions
    ("thinking 75% VT and 25% BNDW, rebalance once a year in January", "when annually"),
    ("The portfolio targets 55% equities (VTI) and 45% fixed income (BND); it is rebalanced whenever either "
     "allocation drifts more than 5 percentage points from target.", "VTI 55%\n    BND 45%"),
    ("Absolute momentum on SPY: hold it if its 12-month return exceeds that of SHV, else IEF. Monthly.",
     "SPY 100% while return(price, 12 months) > return(SHV, 12 months) else IEF"),
    ("Hold 40% SPY, 40% TLT and 20% GLD, scaled so that the portfolio's 20-day volatility targets 10% per year, up "
     "to 2x leverage; rebalance weekly.", "exposure min(10% / vol(basket, 20 days), 2x)"),
    ("equal weight QQQ SPY DIA, monthly; if the account ever falls 50% from its high, shut it all down.", "max drawdown 50%"),
    ("70/30 VTI/BND, 5pp bands, partial rebalance to band edge.", "to band edge"),
    ("Can you split my money into equal parts between SPY, QQQ and GLD and keep it that way every month?",
     "equal weight SPY, QQQ, GLD"),
    # a ninth pass: labels with colons, abbreviations
    ("Allocation: 50% IVV, 30% AGG, 20% IAU. Rebalancing frequency: quarterly.", "when quarterly"),
    ("60/40 SPY/AGG. Band: 5pp. Check: weekly.", "check weekly on monday\n    when drift > 5pp"),
    ("Own SPY while its price is above its 200-day moving average and move to TLT when it is not; review every Friday.",
     "SPY 100% while price > sma(price, 200 days) else TLT"),
    ("Please configure the strategy in alert mode: 70% VTI and 30% BND, rebalanced annually.", "mode alert"),
    ("60/40 SPY/TLT monthly but never go over 1x, no margin stuff", "max leverage 1x"),
    ("Cross-sectional momentum: long the top 2 of SPY, EFA, EEM, AGG, GLD on 6-month returns, equal-weighted, monthly.",
     "top 2 by return(price, 6 months) of SPY, EFA, EEM, AGG, GLD"),
    ("SPY/IEF 70/30 monthly. If drawdown > 15%, exposure 50%; back to 100% when drawdown < 5%.",
     "exposure if defensive then 50% else 100%"),
    ("50/50 SPY/TLT monthly. Trading costs: 0.1% per trade.", "commission 10 bps"),
    ("80/20 QQQ/TLT, rebalance if either is off by 20% of its own target", "when drift > 20% of target"),
    ("Equal-weight the Magnificent 7: AAPL, MSFT, GOOGL, AMZN, NVDA, META, TSLA. Monthly.", "equal weight AAPL, MSFT"),
    ("60% SPY, 40% IEF, rebalanced quarterly; trading halts permanently if the drawdown exceeds 25%.",
     "max drawdown 25%"),
    ("SPY/TLT 60/40, vol target 10% (60d), lev cap 1.5x, monthly.", "exposure min(10% / vol(basket, 60 days), 1.5x)"),
    ("60% SPY 30% TLT 10% GLD, rebalance when SPY or GLD drifts more than 2 points", "bands:\n    SPY 2pp\n    GLD 2pp"),
])
def test_a_construct_is_read(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english, words", [
    # rbl calendars have no weekday of the month: ask, naming the phrase
    (f"{WEIGHTS}, rebalance on the first Monday of each month.", "the first monday of each month"),
    (f"{WEIGHTS}, on the last Friday of each quarter.", "the last friday of each quarter"),
    # a brake with no way back is asked about, not made permanent
    (f"{WEIGHTS}, monthly. Cut exposure to 50% after a 10% drawdown.", "go back to full exposure"),
    # a spaced calendar cannot pace a band's checks; a spacing on a calendar would skip some of its dates
    (f"{WEIGHTS}, 5pp band, check every two weeks.", "cannot pace the checks"),
    (f"{WEIGHTS}, monthly, rebalances at least 30 days apart.", "already follows a calendar"),
    (f"{WEIGHTS}, wait at least 3 weeks between rebalances.", "at most that often"),
    # a scheme that would drop a named asset
    ("Inverse vol of SPY, TLT using 3 months, rebalanced monthly; and GLD.", "leaves out gld"),
    # rbl calendars have no month names
    ("SPY 60 / AGG 40, rebalance in January and July.", "in january and july"),
    # 'the rest' with nothing to be the rest of
    ("Equal weight SPY and TLT, and the rest in GLD, monthly.", "the rest"),
    # never rebalance, and a rule to rebalance
    (f"{WEIGHTS}, rebalance monthly, and never rebalance.", "never rebalance"),
    # no asset at all: asked before the words it could not place
    ("I want a balanced portfolio that I rebalance once a year.", "which assets"),
    ("I have SPY and TLT at 60/40. How should I rebalance?", "when should it rebalance"),
    ("hold SPY when it's above its 200 day average.", "where should the weight go"),
    ("60/40 SPY/TLT monthly and go defensive if things get ugly.", "how deep a fall"),
    ("50% in tech and 50% in TLT, rebalance monthly.", "tech"),
    ("60% SPY and 40% AGG; rebalance when the allocation gets too far off.", "how far may an asset drift"),
    ("SPY 60%, TLT 50%, monthly.", "add up to 110%"),
    ("60/40 SPY/TLT, monthly, volatility targeting with 1.5x max leverage.", "what annual volatility"),
])

def test_an_unplaced_construct_is_a_question_naming_it(english, words):
    translation = translate_offline(english)
    assert translation.rbl is None
    assert words in (translation.question or "").lower()


@pytest.mark.parametrize("english", [
    f"{WEIGHTS}, rebalance twice a month.",      # every two weeks, or twice on fixed dates?
    f"{WEIGHTS}, rebalance bimonthly.",          # twice a month, or every two months?
])
def test_an_ambiguous_frequency_is_never_a_strategy(english):
    assert translate_offline(english).rbl is None


def test_a_spaced_calendar_says_how_it_is_read():
    translation = translate_offline(f"{WEIGHTS}, rebalance twice a year.")
    assert any("every other quarter start" in a for a in translation.assumptions)


def test_total_drift_says_it_is_the_one_way_turnover():
    translation = translate_offline(f"{WEIGHTS}, rebalance when the total drift exceeds 3pp.")
    assert any("one-way turnover" in a for a in translation.assumptions)


def test_one_assets_weight_band_with_two_assets_is_either_assets_band():
    translation = translate_offline("Hold 60% stocks and 40% bonds but only rebalance when the stock weight moves "
                                    "more than 5 points from target.")
    assert "when drift > 5pp" in translation.rbl and "bands:" not in translation.rbl
    assert any("means BONDS does too" in a for a in translation.assumptions)


def test_one_assets_weight_band_among_three_is_its_own_band_and_the_others_have_none():
    translation = translate_offline("60% SPY 30% TLT 10% GLD, rebalance when the SPY weight drifts more than 5 points.")
    assert "bands:\n    SPY 5pp\n" in translation.rbl and "when drift > its band" in translation.rbl
    assert any("TLT, GLD have no band" in a for a in translation.assumptions)


def test_a_minimum_trade_said_as_dont_trade_anything_is_not_approval():
    rbl = rbl_of("50% VTI, 50% VXUS, rebalance monthly, but don't trade anything smaller than $100.")
    assert "mode alert" not in rbl


def test_leverage_beside_a_volatility_target_is_not_read_as_the_exposure():
    translation = translate_offline("60/40 SPY/TLT monthly, target 10% vol using 60-day vol, with 1.5x leverage.")
    assert translation.rbl is None or "exposure 1.5x" not in translation.rbl


def test_just_that_asset_is_a_restriction_never_filler():
    """'just' and 'that asset' are filler alone; together they restrict the trade: not read, never dropped."""
    translation = translate_offline("50% SPY, 50% TLT; if any asset moves more than 5 points from its target, "
                                    "sell just that asset down to zero.")
    assert translation.rbl is None


def test_twice_equity_after_total_exposure_is_not_said_twice():
    assert "exposure 2x" in rbl_of("Equal weight EURUSD, GBPUSD at total exposure 2x equity, rebalance monthly.")


@pytest.mark.parametrize("english, wrong", [
    # a relative size must never be read as points
    ("80/20 QQQ/TLT, rebalance if either is off by 20% of its own target", "when drift > 20pp"),
    # the assets named as drifting restrict the band: never read as any asset's
    ("60% SPY 30% TLT 10% GLD, rebalance when SPY or GLD drifts more than 2 points", "when drift > 2pp"),
    ("60% SPY 30% TLT 10% GLD, rebalance when GLD drifts more than 2 points", "when drift > 2pp"),
])
def test_a_narrower_rule_is_never_read_as_a_wider_one(english, wrong):
    translation = translate_offline(english)
    assert translation.rbl is None or wrong not in translation.rbl
