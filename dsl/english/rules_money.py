"""Offline translator rules for costs, constraints, exposure, drawdown states and settings."""

from __future__ import annotations

from dsl.english.phrases import MODE_ALERT
from dsl.english.reader import NUM, WINDOW, Reader, window

CRYPTO = frozenset({"BTC", "ETH", "SOL", "XRP", "ADA", "DOGE", "LTC", "BNB", "DOT", "AVAX"})
FEE = r"(?:fees?|commissions?|trading costs?|costs?)"


def read_money(r: Reader) -> None:
    """Run the rules for everything that is not the weights or the trigger."""
    for rule in (_mode, _report, _leverage, _vol_target, _exposure, _drawdown_state, _cash_buffer,
                 _commission, _per_order, _spread_slippage, _min_trade, _max_weight, _long_only,
                 _execution, _capital, _annualize):
        rule(r)


def _mode(r: Reader) -> None:
    if r.take("|".join(MODE_ALERT.variants)):
        r.draft.settings.append("mode alert")


def _report(r: Reader) -> None:
    """Words about the backtest report are not part of the strategy; a benchmark is."""
    if r.take(r"(?:tracking error )?against (?:a |the )?daily[- ]rebalanced (?:60/40|portfolio|mix|targets?|version)"):
        r.draft.settings.append("benchmark targets daily")
    metric = r"(?:returns?|volatility|turnover|costs|tracking error|drawdowns?|sharpe(?: ratio)?)"
    r.take(rf"(?:and )?show me (?:the )?{metric}(?:(?:,? and |, ){metric})*")
    r.take(r"\bbacktest(?: it| this)?(?: with)?")


def _leverage(r: Reader) -> None:
    m = (r.take_one(rf"(?:with )?(?:at most|max(?:imum)?|up to|no more than) {NUM}x(?: leverage)?")
         or r.take_one(rf"(?:max(?:imum)? )?leverage (?:of |cap(?:ped)? at )?(?:at most |up to )?{NUM}x"))
    if m:
        r.leverage = f"{m.group(1)}x"
        r.draft.constraints.append(f"max leverage {r.leverage}")


def _vol_target(r: Reader) -> None:
    m = r.take_one(rf"scale the (?:whole )?portfolio so (?:that )?its {WINDOW} (?:realized |realised )?"
                   rf"volatility targets {NUM}% (?:a|per) year")
    if not m:
        return
    scale = f"{m.group(3)}% / vol(basket, {window(m.group(1), m.group(2))})"
    r.draft.exposure = f"min({scale}, {r.leverage})" if r.leverage else scale
    r.assume("portfolio volatility: that of the target mix, annualised")
    r.take(r"(?:with )?the rest in @CASH")


def _exposure(r: Reader) -> None:
    m = r.take_one(rf"(?:total|gross|overall) exposure (?:of |at )?{NUM}x(?: (?:the |of )?(?:equity|nav|capital))?")
    if not m:
        return
    r.draft.exposure = f"{m.group(1)}x"
    if not r.leverage:
        r.leverage = f"{m.group(1)}x"
        r.draft.constraints.append(f"max leverage {r.leverage}")
        r.assume(f"leverage capped at the stated exposure, {r.leverage}")


def _drawdown_state(r: Reader) -> None:
    m = r.take_one(rf"if the portfolio (?:falls|drops|declines|is down) {NUM}% from its (?:peak|high),? "
                   rf"(?:move|put|shift) (half|{NUM}%) of it (?:to|into|in) @CASH;?,? (?:and )?(?:go back|return) "
                   rf"to (?:full|100%) (?:allocation|exposure|investment) (?:once|when) the drawdown recovers to {NUM}%")
    if not m:
        return
    moved = 50.0 if m.group(2) == "half" else float(m.group(3))
    r.draft.cash = True
    r.draft.states.append(f"state defensive = false:\n    true when drawdown(portfolio) >= {m.group(1)}%\n"
                          f"    false when drawdown(portfolio) <= {m.group(4)}%")
    r.draft.exposure = f"if defensive then {100 - moved:g}% else 100%"


def _cash_buffer(r: Reader) -> None:
    m = (r.take_one(rf"(?:keep|hold|leave) (?:at least )?{NUM}% (?:in|as) @CASH")
         or r.take_one(rf"(?:an? )?{NUM}% @CASH buffer|@CASH buffer of {NUM}%"))
    if m:
        r.draft.cash = True
        r.draft.constraints.append(f"cash buffer {m.group(1) or m.group(2)}%")


def _commission(r: Reader) -> None:
    for m in r.take(rf"{NUM}(%| bps) {FEE}|{FEE} of {NUM}(%| bps)"):
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        bps = number if unit == " bps" else f"{float(number) * 100:g}"
        if unit == "%":
            r.assume(f"{number}% fee read as a commission of {bps} bps of traded notional")
        r.draft.costs.append(f"commission {bps} bps")


def _per_order(r: Reader) -> None:
    m = r.take_one(rf"{NUM} usd (?:per|a|each) (?:order|trade)(?: {FEE})?|{FEE} of {NUM} usd (?:per|a) (?:order|trade)")
    if m:
        r.draft.costs.append(f"commission {m.group(1) or m.group(2)} USD per order")


def _spread_slippage(r: Reader) -> None:
    for kind in ("spread", "slippage"):
        m = r.take_one(rf"{NUM} bps (?:of )?{kind}|{kind} of {NUM} bps")
        if m:
            r.draft.costs.append(f"{kind} {m.group(1) or m.group(2)} bps")


def _min_trade(r: Reader) -> None:
    m = r.take_one(rf"(?:skip|ignore|don'?t place|no) (?:trades|orders) (?:under|below|smaller than|of less than) {NUM} usd"
                   rf"|minimum trade (?:size )?(?:of )?{NUM} usd")
    if m:
        r.draft.costs.append(f"minimum trade {m.group(1) or m.group(2)} USD")


def _max_weight(r: Reader) -> None:
    m = r.take_one(rf"no (?:single )?(?:asset|holding|position) (?:above|over|more than) {NUM}%"
                   rf"|max(?:imum)? weight (?:of )?{NUM}%|cap(?:ped)? (?:each|every) (?:asset|holding) at {NUM}%")
    if m:
        r.draft.constraints.append(f"max weight {next(g for g in m.groups() if g)}%")


def _long_only(r: Reader) -> None:
    if r.take(r"long[- ]only|no short(?:ing|s)?"):
        r.draft.constraints.insert(0, "long only")


def _execution(r: Reader) -> None:
    if r.take(r"(?:decide and )?trade (?:at|on) the close"):
        r.draft.execution = "execution decide at close, trade at close"
    elif r.take(r"trade (?:at|on) the next open"):
        r.draft.execution = "execution decide at close, trade at next open"


def _capital(r: Reader) -> None:
    m = r.take_one(rf"(?:with|capital of|starting (?:capital )?(?:of|with)|start with) {NUM} usd(?: capital)?"
                   rf"|{NUM} usd (?:of )?capital")
    if m:
        r.draft.settings.append(f"capital {m.group(1) or m.group(2)} USD")


def _annualize(r: Reader) -> None:
    explicit = r.take_one(r"(?:a )?365[- ]day (?:calendar|year)(?: for annuali[sz]ation)?|trades? every day")
    crypto = [a for a in r.universe() if a in CRYPTO]
    if explicit or crypto:
        r.draft.settings.append("annualize 365 days")
    if crypto and not explicit:
        r.assume(f"{' and '.join(crypto)} trade every day: volatility annualised over 365 days")
