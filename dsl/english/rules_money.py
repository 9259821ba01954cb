"""Offline translator rules for costs, constraints, settings (mode, execution, capital, data columns)."""

from __future__ import annotations

import re

from rbl.dsl.english.chatter import CLAUSE, carries_meaning, negated
from rbl.dsl.english.phrases import MODE_ALERT
from rbl.dsl.english.reader import ASSET, MASK, NUM, Reader
from rbl.dsl.english.rules_risk import EXCESS_HELD_AS_CASH, ONE_OVER_TO_OTHERS, WHY_LIMITED, read_risk
from rbl.dsl.english.tickers import STAND_INS

CRYPTO = frozenset({"BTC", "ETH", "SOL", "XRP", "ADA", "DOGE", "LTC", "BNB", "DOT", "AVAX"})
FEE = r"(?:(?:transaction |brokerage |exchange |trading )?(?:fees?|commissions?|costs?)|trading costs?)"


def read_money(r: Reader) -> None:
    """Run the rules for everything that is not the weights or the trigger."""
    read_risk(r)
    for rule in (_mode, _report, _columns, _cash_buffer, _management_fee, _commission, _per_order, _spread_slippage, _bare_cost, _min_trade,
                 _max_weight, _long_only, _execution, _capital, _annualize, _kinds_not_held):
        rule(r)


# 'no order shall be transmitted without the approval of the adviser', 'no automated order may be executed without prior
# sign-off by the desk', 'no order may be sent to the market automatically': approval said by what may not happen
_NONE_WITHOUT = (r"(?:no|never an?) (?:automated |automatic )?(?:order|trade|rebalance)s? (?:(?:shall|may|can|will|should|must|is to|"
                 r"are to) )?(?:be |go )?(?:(?:transmitted|sent|placed|executed|submitted|made|done|out)(?: to the (?:market|broker))? )?"
                 r"(?:automatically|without (?:the |my |our |your |his |her |their )?(?:prior |explicit |written )?(?:approval|sign-?off|consent|"
                 r"ok|okay)(?: (?:of|by|from) (?:the |my |our )?(?:@[A-Z][A-Z0-9_]* )?[a-z' -]{1,30}?(?=[.,;:!?]|$))?)"
                 r"|(?:therefore )?propose (?:the )?orders and wait for (?:my |our |the )?(?:sign-?off|approval|ok|okay|go-ahead)"
                 r"(?: rather than (?:execute|executing|place|placing) them)?"
                 r"|(?:before (?:anything|any asset|any order|any trade) is (?:executed|placed|sent|traded)\W+)?(?:please )?(?:just )?"
                 r"send me the list(?: of (?:orders|trades))?(?: first)?"
                 # automatic execution refused: 'do NOT auto-execute overnight', 'never auto-trade the orders'
                 r"|(?:do not|don'?t|never|must not|should not|shall not|cannot|can'?t) auto[- ]?(?:execute|trade|submit|place)"
                 r"(?: (?:anything|the orders|orders|trades|them))?(?: overnight| by itself| on its own)?(?![\w-])")


# Why a trader wants to approve ('we're not comfortable with a robot trading our money'): read only beside approval.
_WHY_APPROVE = (r"(?:(?:i'?m|we'?re|i am|we are) not (?:comfortable|happy|ok|okay) with (?:a |the )?(?:robot|bot|algo(?:rithm)?|"
                r"computer|machine|program|software|ea)(?: (?:trading|touching|running|managing|handling) (?:our|my|the) "
                r"(?:money|account|portfolio|savings))?|(?:but )?(?:do not|don'?t|never) (?:execute|trade|place|send) anything "
                r"(?:on (?:your|its) own|automatically|by itself|yourself|without (?:me|us|asking)))")


def _mode(r: Reader) -> None:
    # both readings run: a trader often says approval twice ('nothing executes without me seeing it; send me the list
    # and I'll approve it'), and each saying must be taken, not left for a question
    in_own_clause = _approval_where_it_stands(r)
    in_phrases = r.take("|".join(MODE_ALERT.variants) + "|" + _NONE_WITHOUT)
    for m in in_phrases:
        _not_an_asset(r, m.group())      # 'without prior approval of the ALM committee': a committee, not a ticker
    if in_own_clause or in_phrases:
        r.draft.settings.append("mode alert")
        r.take(_WHY_APPROVE)
        # beside approval, being told of a drift is being sent its orders: 'notify me when something drifts 4pp'
        r.take(r"(?:just )?(?:notify|tell|ping|email|e-mail|message|text) me(?= (?:when|if|whenever|as soon as) )")
        r.take(_REFUSAL_BESIDE_APPROVAL)
        r.take(_ORDERS_TO_APPROVER)


# A bare refusal right beside the approval ('send me the orders, don't trade'; 'don't execute - just alert me'), or a
# clause of its own in a text that asks for approval ('alert me when drift > 5pp, don't trade'): it says the same, that
# the EA does not trade by itself. Only where it ends the clause: 'don't trade more than ...' is a different rule.
_BARE_REFUSAL = r"(?:but |and |just )?(?:don'?t|do not|never) (?:trade|execute|place (?:orders|trades))(?: (?:it|them|anything))?"
_REFUSAL_BESIDE_APPROVAL = (rf"(?<={MASK})\s*[,;:-]?\s*{_BARE_REFUSAL}(?=\s*[.,;:!)]|\s*$)"
                            rf"|(?:(?<=^)|(?<=[.,;:!(] )){_BARE_REFUSAL}(?:\s*[,;:-]?\s*(?={MASK})|(?=\s*[.,;:!)]|\s*$))")


# Beside approval, where the orders go and what is not done with them ('so send the proposed orders to her (via me)',
# 'instead of executing them'): the same approval said again, read only beside it.
_ORDERS_TO_APPROVER = (r"(?:so )?(?:send|forward|pass|give) the (?:proposed |suggested )?(?:orders|trades|order list) to (?:her|him|them|me|us|"
                       r"the client)(?:,? (?:via|through) (?:me|us|the (?:assistant|adviser|advisor|office))(?=[,.;: ]|$),?)?"
                       r"(?: for (?:my |our |her |his |their )?(?:sign-?off|approval|ok|okay|review)(?: first)?)?"
                       r"|,? ?(?:instead of|rather than) (?:executing|placing|sending|making) (?:them|the orders|the trades)")


# Approval said in a clause of its own words: someone approves (confirms, signs off) the trades before they go, in
# any order ('all trades require pre-approval by the client', 'he wants to confirm every order himself before it
# goes'). A negation in the clause ('no need to approve', 'without approval') leaves it to a question.
_APPROVES = r"\b(?:pre-?approv\w*|approv\w*|confirm\w*|sign(?:s|ed)?[- ]off|authori[sz]\w*|okay|ok)\b"
_ORDERS = r"\b(?:trades?|orders?|rebalances?|rebalancing|executions?|buys?|sells?)\b"
_FIRST = (r"\b(?:before|first|every|each|all|any|require[sd]?|requiring|himself|herself|myself|themselves|pending|prior|"
          r"i'?ll|we'?ll|wait|list)\b")


def _other_facts(clause: str) -> bool:
    """Words of `clause` that could change the trades besides who approves which orders when."""
    rest = re.sub("|".join((_APPROVES, _ORDERS, _FIRST)), " ", clause)
    return any(carries_meaning(w) for w in re.findall(r"[@\w'-]+", rest))


def _approval_where_it_stands(r: Reader) -> bool:
    found = False
    for clause in re.finditer(CLAUSE, r.text):
        words = clause.group()
        if (re.search(_APPROVES, words) and re.search(_ORDERS, words) and re.search(_FIRST, words)
                and not negated(words) and not re.search(r"\d", words) and not _other_facts(words)):
            r.mask(clause)
            found = True
    return found


# The daily-rebalanced copy the strategy is compared with: 'the same 60/40 rebalanced every day', 'the targets, daily-rebalanced'
_SAME = (r"(?:a |the )?(?:same )?(?:(?:mix|portfolio|weights|targets?|target weights|allocation|\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)"
         r"(?: portfolio| mix)?,? )?")
_DAILY = r"(?:daily[- ]rebalanced|rebalanced (?:every (?:trading )?day|daily|each day))"
# Why it is compared, said after it ('so we can see what the band costs us', 'to measure what the rule adds'): the
# comparison is the benchmark read, no rule of its own.
_BENCHMARK_PURPOSE = (r",? ?(?:so (?:that )?(?:we|i|you|the client) (?:can|could) |(?:in order )?to |which (?:will )?(?:shows?|tells?) "
                      r"(?:us |me )?)(?:see |measure |know |judge |tell |gauge |quantify |show |check )?(?:what|how much) (?:the |our |my |"
                      r"this |that )?(?:band|bands|threshold|drift rule|rule|rebalancing rule|rebalancing|strategy|approach) "
                      r"(?:costs?|saves?|adds?|gains?|loses?|is worth|buys?|gives?)(?: us| me| them)?(?= ?[.;,!?]|$)"
                      # 'so I can see the tracking error'
                      r"|,? ?(?:so (?:that )?(?:we|i|you) (?:can |could )?|(?:in order )?to |and )(?:see|get|measure|track|check|"
                      r"report|watch) (?:the |its |my |our )?(?:tracking error|relative performance|excess returns?|active returns?)"
                      r"(?= ?[.;,!?]|$)")


# One asset the strategy is compared with: 'benchmark it against SPY', 'benchmark: AGG', 'compare it to plain SPY',
# 'use QQQ as the benchmark', 'see how it does against just holding SPY', 'measure tracking error against SPY' (never the
# first of several: 'against SPY and AGG')
_PLAIN = (r"(?:(?:plain|just|simply|only|pure|a plain|buy[- ]and[- ]hold|passive)(?: old)? )?(?:(?:just )?(?:holding|buying(?: and holding)?) )?"
          rf"{ASSET}(?![A-Z0-9_])(?: alone| by itself| on its own| buy[- ]and[- ]hold)?(?! ?(?:and|&|,|/|\d) ?[@\d])")
_BENCHMARK_ASSET = (rf"(?:(?:and )?benchmark(?:ed)? (?:it |this |the (?:strategy|portfolio) )?(?:against|to|vs\.?|versus|with) "
                    rf"|(?:with )?(?:an? |the )?benchmark(?: of| is| =)? ?[:=]? ){_PLAIN}"
                    rf"|(?:(?:and )?(?:compare|measure|track)d? (?:(?:it|this|the (?:strategy|portfolio)|(?:the |its )?tracking error) )?"
                    rf"(?:against|to|vs\.?|versus|with) "
                    rf"|(?:(?:i|we) (?:want|'d like|would like) to )?see how (?:it|this|the (?:strategy|portfolio)) (?:does|performs|"
                    rf"compares|stacks up) (?:against|vs\.?|versus|relative to|next to) ){_PLAIN}(?= ?[.;,!?]|$| so | to see )"
                    rf"|(?:and )?(?:use|using) {ASSET} as (?:the |a |my |our )?benchmark")


def _report(r: Reader) -> None:
    """Words about the backtest report are not part of the strategy; a benchmark is."""
    if r.take(rf"(?:(?:(?:compare(?:d)?|benchmark(?:ed)?|measure(?:d)?) (?:it |this |that )?)?(?:tracking error )?"
              rf"(?:against|to|with|versus|vs\.?) |(?:the |a |my |our )?benchmark(?: is| =| being)?:? ){_SAME}{_DAILY}"
              rf"(?: (?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+|portfolio|mix|targets?|version|benchmark|copy)(?: portfolio| mix)?)?"
              rf"(?:,? as (?:the |a |my |our )?benchmark)?"):
        r.draft.settings.append("benchmark targets daily")
        r.take(_BENCHMARK_PURPOSE)
    bench = r.take_one(_BENCHMARK_ASSET)
    if bench:
        name = next(g for g in bench.groups() if g)
        r.draft.settings.append(f"benchmark {name}")
        r.take(_BENCHMARK_PURPOSE)
        if len(re.findall(rf"@{name}\b", r.norm.text)) == 1:     # named only as the yardstick: held at no weight
            r.signals.add(name)
    metric = r"(?:returns?|volatility|turnover|costs|tracking error|drawdowns?|sharpe(?: ratio)?)"
    r.take(rf"(?:and )?(?:show|report|give) me (?:the )?{metric}(?:(?:,? and |, ){metric})*")
    _later_comparison(r)
    _delivered_report(r)
    r.take(r"\b(?:back)?test(?: it| this| the| out)?(?: with)?|\b(?:try|simulate)(?: it| this| the)?(?= )")


# A report sent to the writer ('after each run please email me a pdf summary with a pie chart', 'can you send us a monthly
# report of the weights'): how results reach them, which changes no trade. Orders sent for approval are the alert mode's.
_SENT = r"(?:e-?mail|send|mail|text|message|dm|post|whatsapp|slack)"
_REPORT_KIND = r"(?:summary|summaries|report|reports|recap|chart|graph|snapshot|statement|dashboard|screenshot|overview|factsheet)"
_SHOWING = r"(?:chart|graph|table|breakdown|plot|visual)s?"
_DELIVERED_REPORT = (rf"(?:(?:after|with|following) (?:each|every) (?:run|rebalance|trade|backtest|update),? )?(?:(?:and )?(?:please|"
                     rf"can you|could you|kindly|also) )*{_SENT} (?:me|us|it to me|it to us) (?:an? |the )?(?:[a-z]+ ){{0,2}}?"
                     rf"{_REPORT_KIND}(?: (?:with|showing|of) (?:an? |the )?(?:[a-z]+ ){{0,2}}?(?:{_SHOWING}|weights|holdings|"
                     rf"trades|positions|performance))?(?: (?:after|with|following) (?:each|every) (?:run|rebalance|trade|backtest|"
                     rf"update))?"
                     # how it should look ('(dark mode if possible)', 'in colour please')
                     rf"(?:,? (?:in )?(?:dark mode|light mode|colou?r|landscape|black and white)(?:,? if possible| please)?"
                     rf"(?: [^\w\s.,;:!?]+)?(?=[,.;!?]|$))?")


# A comparison the writer will make with another policy ('i want to compare turnover with the full rebalance later'): a
# question for the report, not a rule (read before the policy rules, so 'full rebalance' is not the strategy's)
_LATER_COMPARISON = (r"(?:(?:i|we) (?:want|would like|'d like|plan|intend) to |(?:i|we)'?ll |to )?compare (?:the )?(?:turnover|costs?|"
                     r"returns?|results?|performance|it|this|that|them) (?:with|to|against|versus|vs\.?) (?:the |a )?(?:full|plain|"
                     r"calendar|monthly|quarterly|daily|threshold|band) rebalanc\w*(?: (?:version|approach|strategy|one|case))?"
                     r"(?: later| afterwards| next| too| as well)?(?= ?[.;!?]|$)")


def _later_comparison(r: Reader) -> None:
    for m in r.take(_LATER_COMPARISON):
        r.assume(f"'{m.group().strip()}' not read: a comparison for the report, not a rule (run it as a second "
                 "strategy or a sweep)")


def _delivered_report(r: Reader) -> None:
    if not r.find(r"\b(?:orders?|approv\w*)\b"):       # a report that carries the orders may be the alert mode's
        for m in r.take(_DELIVERED_REPORT):
            r.assume(f"'{m.group().strip(' ,')}' not read: rbl prints its backtest report and sends nothing")


def _cash_buffer(r: Reader) -> None:
    # first 'a liquidity reserve of 5% is to be held in cash at all times' (else 'a cash reserve of 5%' is taken alone)
    m = (r.take_one(rf"(?:an? )?(?:liquidity |@CASH )?(?:reserve|buffer|cushion) of {NUM}% (?:is to be |shall be |must be |should be |will be |is )?"
                    rf"(?:held|kept|maintained) (?:in|as) @CASH(?: at all times| always)?")
         or r.take_one(rf"(?:keep|hold|leave|hold back|keep back|set aside|reserve) (?:always )?(?:at least )?{NUM}% (?:uninvested |unallocated |idle )?"
                    rf"(?:in |as )?@CASH(?: at all times| always)?")
         or r.take_one(rf"there (?:must|should|shall|has to) (?:always )?be (?:always )?(?:at least )?{NUM}% (?:in|as) @CASH(?: at all times)?")
         or r.take_one(rf"(?:an? )?(?:permanent |constant |fixed )?{NUM}% @CASH (?:buffer|reserve|cushion|allocation)"
                       rf"(?: held outside the target weights)?|@CASH (?:buffer|reserve|cushion) of {NUM}%")
         # not the last item of a list of weights ('50% VOO, 30% BND and 20% kept in cash'): a target weight
         or r.take_one(rf"(?:with |(?<! and )(?<!, )(?<![\d.])){NUM}% (?:held back|kept back|kept|set aside|reserved|left|held) (?:in|as) @CASH")
         # a floor under the cash: 'never let the cash drop below 2%', 'cash must never fall under 3%'
         or r.take_one(rf"(?:(?:never|don'?t|do not) let (?:the )?@CASH|(?:the )?@CASH (?:should |must |may |can |will )?never) "
                       rf"(?:balance |position )?(?:drop|fall|go|dip|sink|get)s? (?:below|under|lower than) {NUM}%")
         or r.take_one(rf"(?:always )?(?:have|keep) (?:at least )?{NUM}% (?:sitting|parked|held|kept|left) (?:in|as) @CASH")
         # the cash said as where a share stays: '5% stays in cash', '5% always sits in cash' (weights short of 100% by
         # just that much make it the cash sleeve's weight, later)
         or r.take_one(rf"(?<![\d.]){NUM}% (?:always )?(?:stays|sits|remains|stays parked|sits idle)(?: always)? (?:in|as) @CASH"
                       rf"(?: at all times)?")
         # 'with 5% cash on the side', '10% on the sidelines in cash'
         or r.take_one(rf"(?:with |keep |and )?(?:an? )?{NUM}% @CASH (?:on the side(?:lines)?|to the side|aside)"
                       rf"|(?:with |keep |and )?(?:an? )?{NUM}% (?:on the side(?:lines)?|to the side|aside) (?:in|as) @CASH")
         or r.take_one(rf"(?:a )?minimum of {NUM}% (?:of the (?:account|portfolio|fund) )?(?:(?:shall|should|must|will|is to) )?"
                       rf"(?:be )?(?:held|kept) (?:in|as) @CASH")
         # a share of the whole kept in cash, after 'a minimum of' above: 'that 4% of the fund be kept in cash at all times'
         or r.take_one(rf"{NUM}% of the (?:fund|account|portfolio|money) (?:(?:be|is|to be|should be|must be|shall be) )?"
                       rf"(?:held back|kept back|kept|set aside|reserved|held) (?:in|as) @CASH(?: at all times)?"))
    if m:
        r.draft.cash = True
        r.draft.constraints.append(f"cash buffer {m.group(1) or m.group(2)}%")
        while r.take(_WHY_CASH):
            pass
        # 'the rest: equal weight ...', 'and the rest in 60% SPY, 40% IEF': the weights are of what is not cash
        r.take(r"(?:(?:,|\.) ?(?:and )?)?\bthe rest(?: (?:in|into|goes (?:in|into|to)|is|:)(?= |$)|:)?")


# What the cash is for, or how firmly it stays, said right after the buffer ('for the fees and the odd withdrawal', 'as a
# buffer', 'no matter what though', 'just to sleep well'): no new fact about the buffer, and read only beside it.
_CASH_USE = (r"(?:the |my |our |any |an? )?(?:odd |occasional |monthly |yearly )?(?:fees|withdrawals?|tax(?:es| bills?)?|bills|"
             r"expenses|emergenc(?:y|ies)|margin calls?|redemptions|benefit payments|liquidity|rainy days?|school fees|nanny|"
             r"claims(?: volatility| payments| outflows)?|payouts|outflows)")
_WHY_CASH = (rf"(?<={MASK})(?:,? (?:no matter what|whatever happens|come what may)(?: though)?"
             rf"|,? (?:just )?(?:for|to cover|to meet|to pay(?: for)?|in case of) {_CASH_USE}(?:,? (?:and|or) {_CASH_USE})*"
             rf"|,? (?:just )?(?:to|so i can) sleep (?:well|at night|better)|,? as a (?:buffer|reserve|cushion)"
             # where it is kept: 'always keep 5% cash on the side', 'in reserve'
             rf"| (?:on the side|to the side|aside|in reserve|on hand|as dry powder))")


# 'per trade', 'for each trade', 'on every order'
EACH = r"(?:per(?: 1)?|a|each|for each|for every|on each|on every|with each|with every|of each|of every|an?)"
# what a fee is charged on: a trade, an order, a fill ('0.1% per fill'), a transaction ('0.1% per 1 transaction')
DEAL = r"(?:trade|order|fill|transaction)"
# 'my broker charges', 'the broker take', 'they charge': a fee said as what someone charges
CHARGES = r"(?:(?:my |the |our )?broker(?:age)? |they |it )?(?:charges?|takes?|bills?|costs?)"


# 'commission at my broker is', 'slippage with this broker runs': where the cost is charged, said in passing
_AT_BROKER = (r"(?: (?:at|with|on|from|of) (?:my|the|our|this|that) (?:broker|brokerage|securities (?:company|firm|house)|bank|"
              r"platform|account|exchange|venue|desk))?")


# A yearly fee on the assets ('client pays 25 bps/yr mgmt, not a trading cost', 'the annual management fee is 0.60%,
# invoiced quarterly'): charged on holdings, not on trades, so no cost rbl's backtest charges; said, never dropped.
# (a share of the assets, 'of AUM', is charged yearly too)
_PER_YEAR = r"(?: ?/ ?year| a year| per year| per annum| p\.?a\.?| annually| of (?:aum|(?:the )?assets(?: under management)?))"
_FEE_KIND = r"(?:mgmt|management|advisory|advisor'?s?|adviser'?s?|planning|aum|wrap|custody|platform)"
_MANAGEMENT_FEE = (rf"(?:(?:the )?(?:client|i|we) (?:pays?|is charged|am charged|are charged|declined|refused|turned down|"
                   rf"(?:was|were|am|are) paying|paid) (?:the |an? )?)?{NUM}(?:%| bps)(?:{_PER_YEAR}| annual| yearly)? {_FEE_KIND}(?: wrap)?"
                   rf"(?: fee)?{_PER_YEAR}?"
                   rf"|(?:the |my |our |her |his |their )?(?:annual |yearly )?{_FEE_KIND} fees? (?:(?:is|are|stays|remains|will be|"
                   rf"still|unchanged) )*(?:of |at )?{NUM}(?:%| bps){_PER_YEAR}?"
                   # the custodian's schedule, noted in minutes ('the custodian's fee schedule (1.5 bps) was noted')
                   rf"|(?:the )?(?:custodian'?s?|custody) fees?(?: schedule)?(?:,| of| at| is)? {NUM}(?:%| bps){_PER_YEAR}?,?"
                   rf"(?: (?:was|were|is) (?:noted|tabled|received))?")
# what the writer says of the yearly fee: 'not a trading cost', 'which is why i'm moving, so please don't include that one'
_FEE_TAIL = (r"(?:[,;]? (?:(?:and )?not a trading cost|(?:invoiced|billed|charged|paid) (?:quarterly|monthly|annually|yearly)"
             r"|which is why (?:i'?m|we'?re|i am|we are) (?:moving|leaving|switching)"
             r"|(?:so )?(?:please )?(?:don'?t|do not) (?:include|model|charge|count) (?:that|this|it)(?: 1| one| fee)?))*")


def _management_fee(r: Reader) -> None:
    for m in r.take(rf"(?:{_MANAGEMENT_FEE}){_FEE_TAIL}"):
        r.assume(f"'{m.group().strip()}' is a yearly fee on the assets, not a cost of trading: the backtest does not "
                 "charge it")


# 'of the amount traded', 'of notional', 'of each trade's value', 'of the dollar amount traded': the fee's base is the trade
_OF_THE_AMOUNT_TRADED = (r"of (?:the )?(?:(?:dollar |usd )?(?:amount|value)|notional|size) (?:traded|of (?:the |each |every |a )?"
                         r"(?:trades?|orders?|transactions?))|of (?:the )?notional(?: traded| value)?(?![\w-])"
                         r"|of (?:each|every|the|a) (?:trade|order|transaction)'?s? (?:value|amount|size|notional)"
                         r"|of (?:the )?turnover")
# a fee on what is held ('my advisor charges 1% of the assets', '0.5% of my portfolio'): a yearly fee, never a commission
_NOT_ON_ASSETS = (r"(?! of (?:the |my |our |your |their |his |her )?(?:assets|aum|portfolio|account|balance|holdings|capital|money|"
                  r"savings|fund)| (?:a|per) year| annually| yearly| p\.?a\.?)")


def _commission(r: Reader) -> None:
    # what the fee is charged on: 'of the traded value', 'on whatever is traded', 'on each trade'
    traded = (r"(?: (?:of (?:the )?(?:traded|trade|transaction) (?:value|notional|amount)|on (?:whatever|what|everything|all|anything) "
              r"(?:is |gets |that is |that gets )?traded|on (?:the )?(?:traded|trade) (?:value|amount|notional)"
              # 'on every dollar traded', 'per dollar traded'
              r"|(?:on|for|per|of) (?:every |each |a )?(?:dollar|usd|euro|unit) (?:traded|of (?:notional|turnover|trades?))"
              rf"|{_OF_THE_AMOUNT_TRADED}))?")
    # each trade pays it: 'per trade', 'each way', 'per side' (a commission is charged on every buy and every sell)
    per_trade = rf"(?: {EACH} {DEAL}| each way| per side| a side)"
    # not the size of a spread or slippage said before it ('spread 3bps each way')
    for m in r.take(rf"(?<!spread )(?<!slippage )(?:execution at )?{NUM}(%| bps){traded} (?:(?:{EACH} {DEAL} )?(?:in |of )?"
                    rf"(?:{FEE}{per_trade}?|each way|per side|a side){traded}"
                    rf"|{EACH} {DEAL}(?! (?:in |of )?(?:spread|slippage)))|{FEE}{_AT_BROKER}(?: here)?(?: as usual| as always| as before)?,?(?: of| at| =|:| is| are| runs| comes to| is assumed at| is taken as)?(?: about| around| roughly| approximately| ~)? {NUM}(%| bps)"
                    rf"(?! {FEE}| (?:of )?(?:spread|slippage)){traded}"
                    # ('my broker takes a 0.1% cut on every trade')
                    rf"{per_trade}?|{CHARGES} (?:an? )?{NUM}(%| bps){_NOT_ON_ASSETS}(?: cut| fee| charge)?{traded}(?: (?:of |in )?{FEE})?{per_trade}?"
                    # 'I pay 0.05% of the amount traded', 'I'm charged 0.05% on everything traded': paying is a commission
                    # only on what is traded
                    rf"|(?:i|we) pay {NUM}(%| bps) {_OF_THE_AMOUNT_TRADED}"
                    rf"|(?:i'?m|i am|we'?re|we are) charged {NUM}(%| bps)(?:{traded.removesuffix('?')}|{per_trade})"
                    # the trade as the subject: 'each trade costs me 0.05%' (not '... of my portfolio')
                    rf"|(?:{EACH}|every) {DEAL} (?:costs?|is charged|pays)(?: me| us)? {NUM}(%| bps){_NOT_ON_ASSETS}(?: in {FEE})?"):
        number, unit = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5, 7, 9, 11) if m.group(i))
        bps = number if unit == " bps" else f"{float(number) * 100:g}"
        if unit == "%":
            r.assume(f"{number}% fee read as a commission of {bps} bps of traded notional")
        r.draft.costs.append(f"commission {bps} bps")


def _per_order(r: Reader) -> None:
    m = r.take_one(rf"(?:{CHARGES} )?(?:an? )?{NUM} usd (?:{FEE} )?{EACH} (?:order|trade)(?: (?:in )?{FEE})?"
                   rf"|(?:an? )?{NUM} usd (?:ticket|per[- ]trade|per[- ]order|flat|fixed) (?:fee|charge|commission)"
                   rf"(?: {EACH} (?:order|trade))?"
                   rf"|{FEE}{_AT_BROKER}(?: ?:| (?:of|is|at|=))? {NUM} usd {EACH} (?:order|trade)"
                   # the trade as the subject: 'each trade costs a flat $1 commission', 'every order costs 2 usd'
                   rf"|(?:{EACH}|every) (?:order|trade) (?:costs?|is charged|pays) (?:an? )?(?:flat |fixed )?{NUM} usd(?: (?:in )?{FEE})?")
    if m:
        r.draft.costs.append(f"commission {next(g for g in m.groups() if g)} USD per order")


def _spread_slippage(r: Reader) -> None:
    for kind in ("spread", "slippage"):
        # 'slippage is assumed 2 bps', 'spread cost i model at 5 bps': the size as the writer models it
        modelled = r"(?: is (?:assumed|modell?ed|modeled|taken|set)(?: at| to be| as)?| (?:i|we) (?:model|assume|set|put) (?:it )?at)"
        # slippage is paid on each trade, so 'a side' says nothing more; a spread 'each way' may be half of it or all of it
        per = rf"(?: {EACH} {DEAL}| per side| a side| each way)?" if kind == "slippage" else rf"(?: {EACH} {DEAL})?"
        # ('0.02% slippage': a percentage of the traded value, said in bps)
        m = r.take_one(rf"{NUM}(%| bps) (?:of )?{kind}{per}|(?:(?:a |the )?bid[- ](?:ask|offer) )?{kind}(?: costs?)?{_AT_BROKER}"
                       rf"(?: ?:| (?:of|is|at|=|runs|comes to)|{modelled})?(?: about| around| roughly| ~)? {NUM}(%| bps){per}")
        if m:
            number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            bps = number if unit == " bps" else f"{float(number) * 100:g}"
            if unit == "%":
                r.assume(f"{number}% {kind} read as {bps} bps of traded notional")
            r.draft.costs.append(f"{kind} {bps} bps")


# A terse list's item that is only a cost ('top 5 by 6-month return, monthly, 5 bps.', 'SPY/TLT 60/40; quarterly; 3bp'):
# the cost of trading, read as the commission the other cost rules write; after them, so a spread or slippage keeps its kind.
_BARE_COST = rf"(?:(?<=^)|(?<=[,;] )|(?<={MASK} ))(?:(?:cost model|costs?|tcost|tc|t-cost)(?: ?[:=])? )?{NUM} bps(?= ?[.;!,]|$)"


def _bare_cost(r: Reader) -> None:
    m = r.take_one(_BARE_COST)
    if m:
        r.draft.costs.append(f"commission {m.group(1)} bps")
        r.assume(f"'{m.group().strip()}' read as a commission of {m.group(1)} bps of traded notional")


def _min_trade(r: Reader) -> None:
    m = r.take_one(rf"(?:(?:it |the bot )?(?:skips?|ignores?|suppress(?:es)?|drops?)|filter out|(?:(?:i|we) )?(?:don'?t|do not|never) (?:(?:want|need|care) to |wanna )?(?:place|bother with|send|make)|no|nothing"
                   rf"|(?:don'?t|do not|never) (?:trade|buy or sell|place|make|send)(?: anything)?(?= (?:under|below|smaller|of less|less|worth)))"
                   rf"(?: (?:any )?(?:(?:dust|tiny|small|little|mini) )?(?:trades?|orders?)| anything)? (?:under|below|smaller than|of less than|less than|worth less than) {NUM} usd"
                   rf"|(?:minimum|min\.?|smallest) (?:trade|order|ticket)(?: size| value)?(?: of| is|:| =)? {NUM} usd"
                   # the amount first: '10 usd minimum order', '$500 min trade size'
                   rf"|{NUM} usd (?:minimum|min\.?) (?:trade|order|ticket)(?: size| value)?"
                   # the condition first: 'if the trade is small, less than 50 dollars, do not do it'
                   rf"|(?:if|when) (?:the|a) (?:trade|order) is (?:(?:small|tiny),? )?(?:less than|under|below|smaller than) {NUM} usd,? "
                   rf"(?:(?:then )?(?:do not|don'?t|never) (?:do|place|make|send) (?:it|them)|(?:then )?skip (?:it|them))"
                   rf"(?:,? because (?:it is|it'?s) not worth(?: it)?)?")
    if m:
        r.draft.costs.append(f"minimum trade {next(g for g in m.groups() if g)} USD")
        # and why, right after it ('- tiny trades aren't worth the fee'): no fact of its own
        r.take(rf"(?<={MASK})\s*[-,;(]\s*(?:tiny|small|little|dust) (?:trades|orders) (?:aren'?t|are not) worth (?:the |it|paying )?"
               r"(?:fees?|commissions?|costs?|it)?\)?"
               # 'because the exchange rejects dust anyway': the venue's own minimum, the same floor
               rf"|(?<={MASK})\s*,?\s*(?:because|since|as) (?:the |my |our )?(?:exchange|broker|venue|platform) (?:rejects|refuses|won'?t "
               r"(?:take|accept)|doesn'?t (?:take|accept)|does not (?:take|accept)) (?:them|it|dust|tiny orders|small orders|those)"
               r"(?: anyway)?")
    elif r.take(r"(?:(?:and |with )?no|without an?) minimum (?:trade|order)(?: size| value| amount)?"):
        r.assume("no minimum trade size (the default)")
    if r.take(r"\b(?:fees?|commissions?|(?:trading )?costs?)(?: (?:are|is))? (?:n/a|none|nil|zero|waived|free)\b"
              # the costs set aside for now: 'ignore costs for now', 'leave fees out', 'skip trading costs and slippage'
              rf"|\b(?:and )?(?:ignore|ignoring|skip|skipping|disregard|disregarding|forget(?: about)?|leave out|leaving out|no) "
              rf"(?:the |all )?{_COSTS}(?: and {_COSTS})?(?: out)?{_FOR_NOW}(?= ?[,.;!]|$)"
              rf"|\b(?:leave|leaving) (?:the |all )?{_COSTS}(?: and {_COSTS})? out{_FOR_NOW}(?= ?[,.;!]|$)"):
        r.assume("no trading costs (the default)")


_COSTS = r"(?:trading |transaction )?(?:costs?|fees?|commissions?|slippage|frictions?)"
_FOR_NOW = r"(?: (?:for now|for the moment|for the time being|entirely|completely|altogether|in the backtest|initially))?"


_OTHERS = (r"(?:over|to|among|across|between|into|onto) (?:the )?(?:(?:other|remaining|uncapped)(?: \d+)? (?:assets|holdings|positions|"
           r"names|funds|ones|stocks|@STOCKS|etfs)|other \d+(?![\w%-]|\.\d)|others|rest(?: of the (?:assets|holdings|portfolio))?)")
# the excess said by what the cap does to it: 'whatever gets cut off', 'anything trimmed off'
_EXCESS = (r"(?:(?:the |any )?(?:excess|overflow|surplus|extra)(?: weight)?(?: (?:above|over) (?:the |that |this )?(?:cap|limit))?|(?:anything|whatever)(?: is)? (?:over|above) (?:that|this|it|"
           r"(?:the |its |that )?(?:cap|limit|level)|\d+(?:\.\d+)?%?(?= (?:just |simply )?(?:sits?|stays?|goes|is|waits?|should|will|must|gets?)))|(?:anything|whatever|what'?s|what) (?:gets |is )?(?:cut|clipped|trimmed|chopped|shaved)(?: off)?"
           # ('whatever is cut off a capped position', 'anything trimmed from a capped name')
           r"(?:(?<= off)|(?: from))?(?: (?:a|the|any|each) (?:capped )?(?:position|asset|holding|name|fund|stock|etf)"
           r"|(?: (?:it|them)))?)")
# the case the excess is for, said first: 'if something hits the cap, hand the excess to the others', 'when a fund
# reaches its limit, spread the extra over the rest'
_AT_THE_CAP = (r"(?:(?:if|when|whenever|once|should) (?:something|anything|any (?:asset|fund|name|holding|position|stock|etf)|an? "
               r"(?:asset|fund|name|holding|position|stock|etf)|one|it) (?:hits|reaches|is at|runs into|bumps (?:into|against)|"
               r"gets capped at|is capped at|goes over|exceeds|breaches) (?:the|its|that) (?:cap|limit|ceiling),? (?:then )?)?")
# 'spread the excess over the other assets', 'with any excess redistributed to the other assets'
EXCESS_TO_OTHERS = (rf",? (?:and |with )?{_AT_THE_CAP}(?:(?:spread|redistribute|reallocate|distribute|give|send|move|pass|push|hand|share"
                    # the verb's -ing form after the cap: 'cap any one at 35%, spreading whatever is cut over the other 3'
                    rf"|spreading|redistributing|reallocating|distributing|giving|sending|moving|passing|pushing|handing|sharing) {_EXCESS}"
                    rf"|{_EXCESS} (?:is |gets |being |is to be |will be |shall be |should be |must be |can |may |should |will |must |shall )?(?:redistributed|spread|reallocated|distributed|"
                    rf"going|goes|go|moved|passed|pushed)"
                    # a spec's shorthand with no verb: 'cap 40% per asset, extra to the rest', 'excess to the others'
                    rf"|(?<![\w-])(?:the |any )?(?:excess|overflow|surplus|extra)(?: weight)?(?= (?:to|over|among|across) ))"
                    rf" {_OTHERS}(?: (?:in proportion|pro rata|proportionally))?(?:,? (?:and )?(?:not (?:held|kept|parked) in|instead of (?:sitting|staying|"
                    rf"being (?:held|kept|parked)|going) in|rather than (?:sit(?:ting)?|stay(?:ing)?|wait(?:ing)?|be(?:ing)? (?:held|kept|parked)|park(?:ing)? (?:it|them)) in|"
                    rf"rather than (?:going|go) (?:to|in|into)"
                    # ('rather than held as cash', 'and not left in cash')
                    rf"|(?:but )?(?:rather than|not|instead of) (?:being |be )?(?:held|kept|parked|left|sitting) (?:in|as)) @CASH)?"
                    rf"|,? excess to other assets")
EXCESS_TO_CASH = (rf"[,;]? ?(?:and |with )?{_EXCESS} (?:goes |going |to go |is sent |sent |(?:should |will |must |can )?(?:just )?"
                  rf"(?:sits?|stays?|waits?|be held|be kept|be parked) )?(?:to|in|into) @CASH"
                  # ('whatever is cut off a capped position is held as cash', '... is left in cash')
                  rf"|[,;]? ?(?:and |with )?{_EXCESS} (?:is|gets|should be|will be|must be|is to be) (?:just )?(?:held|kept|left|parked) "
                  rf"(?:in|as) @CASH")


# Why a cap is wanted, said before it ('problem is TLT and GLD get huge when stocks get jumpy'): read only beside the cap.
_WHY_CAPPED = (r"(?:the )?(?:problem|issue|trouble|worry|thing) is (?:that )?(?:@[A-Z][A-Z0-9_]*|some (?:assets|funds|names))"
               r"(?:(?:,? and |,? or |, )@[A-Z][A-Z0-9_]*)* (?:gets?|becomes?|grows?|ends? up) (?:huge|too big|too large|very big|"
               r"enormous|massive|too heavy|way too big)(?: when [a-z@A-Z ]{1,40}?)?(?=[.;]|$)")


def _max_weight(r: Reader) -> None:
    m = r.take_one(rf"(?:no|never (?:put|hold|have)) (?:single |one )?(?:asset|holding|position|name|stock|ticker|etf|fund)"
                   rf"(?: (?:should|may|can|must|will)(?: (?:be|go|weigh))?)? (?:above|over|more than|bigger than|larger than|"
                   rf"exceeds?) {NUM}%"
                   rf"|max(?:imum)? weight (?:of )?{NUM}%|cap(?:ped)? (?:each|every)(?: asset| holding| position)? at {NUM}%"
                   rf"|(?:each|every|any) (?:single )?(?:asset|holding|position|name) (?:is )?capped at {NUM}%"
                   rf"|(?:max(?:imum)?|at most|no more than|up to) {NUM}% (?:(?:per|any|in any|in each|in a single|in one|for any|"
                   rf"for each|on any) (?:single )?(?:asset|holding|position|name|stock|ticker|etf|fund)|each|apiece)"
                   # the limit after its figure: '35% max per position', '35% cap per name', '35% max in any one fund'
                   rf"|{NUM}% (?:max(?:imum)?|cap|limit) (?:per|in any|in each|for any|for each|on any) (?:single )?"
                   rf"(?:asset|holding|position|name|stock|ticker|etf|fund)"
                   # 'i never want more than 40% in one only asset', 'shall not hold more than 35% in any single position'
                   rf"|(?:(?:i |we )?(?:never|don'?t|do not) want|(?:shall|should|must|may|will|can) not (?:hold|have|put)|never "
                   rf"(?:hold|have|put)) more than {NUM}% in (?:any|each|a|1|one)(?: single| only)? (?:asset|holding|position|name|"
                   rf"stock|ticker|etf|fund|line)"
                   # the cap named, then its level: 'i want a cap: nothing above 40%', 'a limit, so nothing is over 25%'
                   rf"|(?:an? |the )?(?:cap|limit|ceiling)(?::|,? so(?: that)?|,) nothing (?:is |gets |goes |ends up )?(?:above|over|"
                   rf"more than|bigger than|heavier than) {NUM}%(?! (?:drift|drawdown|loss|of (?!the (?:portfolio|account|book))))")
    if not m:
        return
    cap = next(g for g in m.groups() if g)
    for why in r.take(_WHY_CAPPED):
        _not_an_asset(r, why.group())       # 'when stocks get jumpy': the market, not a holding
    if take_excess_to_others(r):
        r.draft.constraints.append(f"max weight {cap}%, excess to other assets")
        r.assume("the weight above the cap is spread over the uncapped assets in proportion to their weights")
        return
    if not r.take(EXCESS_TO_CASH):
        r.assume(EXCESS_HELD_AS_CASH)
    r.draft.constraints.append(f"max weight {cap}%")


def take_excess_to_others(r: Reader) -> bool:
    """Where the excess above a cap goes; 'the other stocks' there names the capped assets' peers, not the STOCKS
    class (said with its case first, 'if one is over, the extra ...', or alone)."""
    m = r.take_one(ONE_OVER_TO_OTHERS) or r.take_one(EXCESS_TO_OTHERS)
    if m:
        _not_an_asset(r, m.group())
    return m is not None


def _not_an_asset(r: Reader, phrase: str) -> None:
    """A name read as an asset inside a phrase a rule took, and nowhere else in the text, names no asset."""
    for name in re.findall(r"@([A-Z][A-Z0-9_]*)", phrase):
        if r.norm.text.count(f"@{name}") == 1 and name != "CASH":
            r.norm.assets.pop(name, None)
            r.norm.text = r.norm.text.replace(f"@{name}", name.lower())


def _long_only(r: Reader) -> None:
    if r.take(r"long[- ]only|no short(?:ing|s| selling| sales)?(?: (?:of )?any (?:leg|asset|position|pair|holding))?|(?:don'?t|do not|never|can'?t|cannot|may not|must not) "
              r"(?:ever )?(?:go )?short(?: anything| selling)?|"
              r"(?<=\u00a6 )(?:and|or) short[- ]selling(?! (?:is|are|would be|will be) (?:allowed|ok|okay|fine|permitted|possible))|(?:prohibits?|forbids?|bans?|rules? out) (?:any )?short[- ]selling"
              r"|(?:is |are )?(?:(?:prohibited|forbidden|barred|banned) from (?:holding|taking|having|opening)|(?:not allowed|not "
              r"permitted) to (?:hold|take|have|open)) (?:any )?short positions"
              # 'the trustees will not permit short positions of any kind', "we don't allow any short sales"
              r"|(?:will not|won'?t|do not|don'?t|does not|doesn'?t|may not|must not|never|shall not) (?:permit|allow|hold|take|"
              r"accept) (?:any )?short (?:positions?|sales|selling)(?: of any kind| at all| whatsoever)?"
              # the short positions as the subject: 'short positions are not permitted', 'short selling is prohibited'
              r"|short (?:positions|sales|selling) (?:are |is |shall be |will be )?(?:not (?:permitted|allowed)|prohibited|forbidden|banned)"
              r"(?! (?:to|for|unless|except))"):
        r.draft.constraints.insert(0, "long only")
        r.take(WHY_LIMITED)
        r.take(_NEGATIVE_ANYWAY)
        r.take(rf"(?<={MASK})[,:]? (?:period|full stop|no exceptions|whatever happens)(?![\w-])")


# Beside long only, the case it still covers ('even if some rounding makes a weight slightly negative', 'even when the
# optimiser spits out a small negative weight'): long only said again, no fact of its own.
_NEGATIVE_ANYWAY = (r",? ?(?:even|also) (?:if|when) (?:some |a |any |the )?(?:rounding|optimi[sz](?:er|ation)|math|maths|model|"
                    r"calculation|numerical noise|noise)(?: error)? (?:makes|turns|gives|produces|pushes|spits out|comes out with) "
                    r"(?:a |any |some )?(?:(?:weights?|positions?) )?(?:(?:slightly|a (?:little|bit)|marginally|tiny|small) )?"
                    r"negative(?: weights?| positions?)?(?![\w-])")


# Execution said as when the trades happen: a verb of trading ('trade', 'execute', 'fill', 'the trades done', 'orders go
# in'), then the close or the next open as the bar's time ('the close of the rebalance day', "thursday's close", 'the
# open of the next day', "the next morning's open"), the other time often ruled out after it ('not at the next open').
_TRADES_HAPPEN = (r"(?:(?:i want |we want |i'?d like |please have )?(?:the |all |my |our )?(?:trades|orders|fills|rebalancing trades) "
                  r"(?:to be |are |get |will be |should be |should |must |to )?(?:done|made|executed|filled|placed|sent|put in|happen|go in|going in"
                  r"|go through|goes through|get done)"
                  r"|trad(?:e|es|ing)|execut(?:e|es|ed|ing)|executions?|fill(?:s|ed|ing)?|get filled|transact"
                  # 'fill the orders at that same close', 'execute the trades on the close'
                  r"|(?:fill|execute|send|place) (?:the |my |our |all )?(?:orders|trades)"
                  r"|place (?:the )?(?:trades|orders)|(?:market )?orders?(?: go in| (?:are |get )?(?:filled|executed|placed|sent)| fill)?)")
_DAY_OF_DECISION = (r"(?:same[- ]day |(?:that |the |this )?same(?: bar'?s?| day'?s?)? |that |that day'?s |the same day'?s |today'?s |the day'?s |the rebalance day'?s |"
                    r"(?:mon|tues|wednes|thurs|fri)day(?:'?s)? )")
# the decision said before the trades: 'decide and trade at the close', 'signal at the close, trade the next open'
# ('decide on the daily close': the daily bar's close, no schedule of its own; 'decide on that day's close': the fill's day)
_DECIDED = (r"(?:(?:decide|signal|signals|compute|calculate|evaluate|check)(?: and |(?: it| the signals?)? (?:at|on) (?:the |that day'?s |the same day'?s |each day'?s )?(?:daily )?close,? (?:and )?)"
            r"(?:then )?"
            # the decision's time said after its schedule: 'rebalance every friday on the close, execute at next bar open'
            r"|(?<=[a-z] )(?:on|at) the close,? (?:and )?(?:then )?)?")
_SAME_CLOSE = (rf"(?:at|on|into|in) (?:the )?{_DAY_OF_DECISION}?(?:close|closing price|closing auction|closing bell)"
               r"(?: (?:of|on) (?:the |that )?(?:same |rebalance |rebalancing |decision |signal |trading )?(?:day|bar|session)"
               r"| that day| the same day| on the same (?:day|bar))?"
               # 'at the close on the day the signal fires': the decision's own bar
               r"(?:(?<=day|bar) (?:the |our |my )?(?:signal|rule|rebalance|decision) (?:fires|triggers|is made|is given))?"
               # 'at the close, same day as the signal'
               r"(?:,? (?:on )?(?:the )?same (?:day|bar) as the (?:signal|decision|rebalance|check))?")
_NEXT_OPEN = (r"(?:(?:at|on|into|in) )?(?:the )?(?:(?:next|following) (?:day'?s |morning'?s |session'?s |bar(?:'?s)? |trading day'?s )?"
              r"(?:open|opening price|opening auction|morning|session)|next[- ]day open"
              r"|open(?:ing price)? (?:of|on) the (?:next|following) (?:day|bar|session|morning|trading day)"
              r"|(?:(?<=the )|(?<=at ))open(?![\w-]| (?:positions?|trades?|orders?)))")


def _execution(r: Reader) -> None:
    close = rf"{_DECIDED}{_TRADES_HAPPEN} {_SAME_CLOSE}"
    # 'fills next open as usual' (a desk's shorthand: no 'at'); 'market orders at the open': decided at a close, the only
    # open left to trade at is the next one (deciding at the open is no execution rbl has)
    next_open = rf"{_TRADES_HAPPEN} {_NEXT_OPEN}(?:,? (?:as usual|as always|like always))?"
    # a market-on-close order fills at the close it is sent for ('using MOC orders', 'market-on-close')
    close = (rf"(?:{close}|(?:(?:using|with|via|as|through|by|send|place|execute|executing|trade|trading) )?"
             rf"(?:market[- ]on[- ](?:the[- ])?close|moc)(?: orders?)?"
             # 'same-bar fills', 'same-close execution': the fill on the bar that decided
             rf"|(?:with |using )?same[- ](?:bar|close)(?: fills?| execution| trading)(?:,? please)?)")
    not_other = r",? (?:not|rather than|instead of|never|than) (?:at |on |in )?(?:the )?"
    later = rf"(?:{_NEXT_OPEN}|(?:mon|tues|wednes|thurs|fri)day'?s (?:open|morning)|(?:next|following) (?:day|morning|session|bar))"
    m = r.find(rf"{close}(?:{not_other}{later})?")
    # the decision a bar before the fill ('trades executed on the close, decision made the previous close'): no execution
    # rbl has (it decides at a close and fills at that close or the next open), so asked
    # (looked for in the whole text: a rule that skips a story may have masked it already)
    earlier = re.search(r"\b(?:previous|prior|yesterday'?s|preceding) (?:day'?s |bar'?s |session'?s |trading day'?s )?close\b",
                        r.norm.text)
    if m and earlier:
        r.ask(f"The text decides at '{earlier.group()}' and trades at a later close; rbl decides at a close and trades at "
              "that close or the next open: which is meant?")
        r.mask(m)
    elif m and _weekday_said_elsewhere(r, m.group()):
        r.mask(m)
        r.draft.execution = "execution decide at close, trade at close"
    elif r.take(rf"{_DECIDED}{next_open}(?:{not_other}(?:same[- ]day )?close)?"):
        r.draft.execution = "execution decide at close, trade at next open"


def _weekday_said_elsewhere(r: Reader, said: str) -> bool:
    """"the trades done at thursday's close" names the rebalance day's close only when the schedule says that day too."""
    day = re.search(r"(mon|tues|wednes|thurs|fri)day(?:'?s)? close", said)
    return not day or len(re.findall(rf"\b{day.group(1)}days?\b", r.norm.text)) > 1


def _columns(r: Reader) -> None:
    """'TLT = the UST20 column': the asset reads another data column (the column is not an asset)."""
    for m in r.take(rf"{ASSET} (?:=|is|means|maps to|uses|reads|is in) (?:the )?(?:data )?{ASSET} column"
                    rf"|(?:use )?(?:the )?{ASSET} column (?:for|as) {ASSET}"):
        name, column = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        r.norm.assets.pop(column, None)
        r.norm.text = r.norm.text.replace(f"@{column}", column.lower())
        if name in r.norm.assets:
            r.norm.assets[name].column = column


def _capital(r: Reader) -> None:
    m = r.take_one(rf"(?:with|capital of|starting (?:capital )?(?:of|with)|start with|starting (?:capital|equity|balance):?) {NUM} usd(?: capital)?"
                   rf"(?: to (?:start|begin)(?: with)?)?"
                   # the amount named by what it is, the currency left out: 'starting capital 50k', 'account size: 25000'
                   rf"|(?:starting|initial|start) (?:capital|equity|balance|amount)(?: of| is|:)? {NUM}(?: usd)?(?![\w%]|\.\d)"
                   rf"|account size(?: of| is|:)? {NUM}(?: usd)?(?![\w%]|\.\d)"
                   rf"|(?<![\w-])(?<!risk )capital(?: of| is|:|=)? {NUM}(?: usd)?(?![\w%]|\.\d)"     # 'capital 100000'
                   # 'i'm putting $40k into this'
                   rf"|(?:i'?m|we'?re|i am|we are|i'?ll be|we'?ll be|i will be) (?:putting|investing|allocating|committing|starting "
                   rf"with) {NUM} usd(?: (?:into|in|to|on) (?:this|it|the strategy|this strategy))?(?= ?[,;.!]|$)"
                   rf"|{NUM} usd (?:of )?capital|(?:with |on |for )?(?:an? )?{NUM} usd (?:account|portfolio|capital|balance)"
                   rf"(?! (?:fees?|minimum|charges?|costs?))"
                   # the money the strategy runs with, said exactly as what the writer has where it trades ('i have 20000 usd
                   # on the exchange'); an amount said as about or spread across accounts is background (chatter.py)
                   rf"|(?:i|we) (?:have|'ve got|have got|got|hold) {NUM} usd (?:on|in|at|with) (?:the|my|our|this) "
                   rf"(?:exchange|account|broker|brokerage|brokerage account|trading account|portfolio)")
    if m:
        r.draft.settings.append(f"capital {next(g for g in m.groups() if g)} USD")


def _annualize(r: Reader) -> None:
    explicit = r.take_one(r"(?:a )?365[- ]day (?:calendar|year)(?: for annuali[sz]ation)?|trades? every day|a year of 365 days"
                          r"|(?:(?:it'?s |it is |a )?(?:24/7|24x7|around[- ]the[- ]clock)(?: markets?| trading)?(?:,? so|,)? )?"
                          # not a span of time ('rebalancing in any case after 365 days')
                          r"(?<!after )(?<!every )(?<!within )(?<!than )(?<!for )365 (?:trading )?days(?: a year| per year)?(?= ?[.;,]|$)"
                          # 'crypto never sleeps so annualize on 365 days'
                          r"|(?:(?:crypto|it|the market|markets?) never sleeps?,? so )?annuali[sz]e (?:on|over|with|using|by) "
                          r"365 (?:calendar |trading )?days")
    if explicit:
        r.draft.settings.append("annualize 365 days")


# What a 365-day year changes: volatility's scale. Elsewhere the line trades nothing (the report's periods per year come
# from the bars), so it is written only where it counts.
_READS_VOLATILITY = re.compile(r"\bvol\(|inverse volatility|risk parity")


def annualize_crypto(r: Reader) -> None:
    """Coins trade every day: a strategy holding them that reads volatility counts 365 days a year."""
    crypto = [a for a in r.universe() if a in CRYPTO]
    if crypto and "annualize 365 days" not in r.draft.settings and _READS_VOLATILITY.search(r.draft.render()):
        r.draft.settings.append("annualize 365 days")
        r.assume(f"{' and '.join(crypto)} trade every day: volatility annualised over 365 days")


# A kind of holding ruled out beside assets named one by one ('so no single stocks please', 'no stock picking, no options,
# no crypto'): rbl holds only the assets the text names, so the ban adds no rule. Said in the assumptions, so a named
# asset of that kind is seen; a ban that one of the named crypto assets breaks is asked about.
_KIND = (r"(?:(?:single|individual) (?:stocks?|shares|names|companies)|stock[- ]picking|penny stocks|options|derivatives|"
         r"crypto(?:currenc(?:y|ies))?|coins|meme stocks)")
_KINDS_BANNED = (rf"(?:(?:and |so |but )?(?:please )?(?:no|without) {_KIND}(?: please)?(?:(?:,| and|, and) (?:no )?(?=[a-z]){_KIND})*"
                 rf"(?: please)?)(?=[.;!?,]|$)")


_KNOWN_FUNDS = frozenset(STAND_INS) | {column for column, _ in STAND_INS.values()}


def _kinds_not_held(r: Reader) -> None:
    named = r.universe()
    if not named or (any(a in CRYPTO for a in named) and r.find(r"\bcrypto|\bcoins\b")):
        return
    # only a fund the bundled data stands in for is known not to be a single stock ('AAPL 50% ... no single stocks')
    if not set(named) <= _KNOWN_FUNDS and r.find(r"\bstock|\bshares\b|\bnames\b|\bcompanies\b"):
        return
    for m in r.take(_KINDS_BANNED):
        r.assume(f"'{m.group().strip(' ,')}' read as holding only the assets named ({', '.join(named)}): rbl adds no other")
