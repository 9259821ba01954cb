"""Chatter: the words of a trader's message that carry no strategy fact (who writes, why, thanks).

A word no rule placed is *meaningful* when it could change what the strategy trades: a number, a
trading, market, schedule, risk, cost or instrument word, a negation or a limit. Everything else is
chatter: skipped, and the clauses it came from listed under the assumptions, so the trader sees what
was not read. The lexicon errs towards meaning: a meaningful word costs a question, a meaningful word
read as chatter could cost a wrong strategy.
"""

from __future__ import annotations

import re

from rbl.dsl.english.reader import MASK

# Stems: a word starting with one of these is meaningful (trading, market, risk, cost, instrument, mode words).
_STEMS = tuple("""
rebal trad buy bought sell sold short exit liquidat hedg lever margin borrow lend option futur swap dividend
reinvest harvest taxes taxab wash rotat switch shift moving increas decreas reduc rais trim scal boost contribut
deposit withdraw inflow outflow redistribut realloc remov replac exclud ignor skip drop paus wait delay halt freez suspend
weigh allocat overweight underweight tilt split equal percent proportion ratio fraction
daily weekly monthly quarter annual yearly biweekly fortnight semiannual day week month year hour
monday tuesday wednesday thursday friday saturday sunday weekday weekend holiday
january february march april june july august september october november december
calendar schedul period regular occasional often frequen interval
volat drawdown stop loss lose losing crash bear bull turbul calm panic protect defens aggress
fall fell drop rise rising rall jump dip declin gain surges surged surging spike plung tank soar slump recover rebound
higher lower above below beneath exceed beyond outside inside within between
trend momentum average median revers return perform peak trough bottom strong weak smooth
winner loser outperform underperform beats beating
maxim minim limit ceiling floor never unless except avoid forbid prohibit
restrict allow permit threshold toleran band range drift deviat breach
commission slippage expens ticket round
capital equit bond stock gold silver commodit reit estate treasur crypto bitcoin coin
fund etf index indice sector growth emerging international domestic foreign
global developed currenc forex yield credit corporate municipal duration inflation
approv alert confirm notif manual signal score sentiment indicator regime hmm correlat sharpe
screen subject esg condition provided requir constrain relativ absolut percentile
order execut price ticker column benchmark
""".split())
# Short words, meaningful as written: as stems they would catch 'office', 'address', 'mind', 'topic', 'ethics'.
_WORDS = frozenset("""
no not nor none without up down half third double triple twice end start begin until since before after
during last next previous early late immediately instead low high safe off away apart add adds added adding
cap caps capped min max most least more less fewer ban tax fee fees bps bp basis cent cents dollar dollars usd
eur gbp lot lots odd share shares cash tips bill bills t-bill tbill btc eth intl fx nav vix rsi macd atr beta
top best worst mid value risk move moves moved fill open close bid state states rose mean
under spread spreads vol surge beat broke break breaks breaking broken alone solely individually separately
halfway partway partially partly
reverse reversed reversing invert inverted opposite vice versa
gradually gradual slowly incrementally increments installments instalments stages phases chunks pieces
midpoint middle aside
bigger smaller larger wider narrower tighter looser longer shorter extra
safer riskier nudge nudged halve halved halving gentle gently settle
""".split())
# A heading holds no negation ('no-leverage spec:' is a rule, not a heading).
_UNNEGATED = r"(?![^:.;!?]*\b(?:no|not|never|without|don't|do not)\b)"
# A day of the calendar as a letter dates itself ('14 March', 'Nov 2', 'Tuesday').
_DATE = (r"(?:\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?|"
         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
# People whose titles start like a meaningful stem ('treasur' for treasuries).
_PEOPLE = frozenset("treasurer treasurers".split())
_YEAR = re.compile(r"\b(?:19[5-9]|20[0-3])\d\b")
_NEGATION = re.compile(r"n't$|^(?:dont|doesnt|didnt|cant|wont|shouldnt|wouldnt|isnt|arent|neednt|never|no|not|nor|without)$")
# The rest of a chatty clause, up to a number, an asset, or a word that starts another instruction.
_TAIL = r"(?:(?! and | but | please | also | so | then | or | except | unless )[^.;:!?,\d@])*"
# Time spent, as traders tell their background ('for years', 'a few months ago'): not a schedule.
# An amount of money as the normalized text writes it ('120000 usd', '80k', '40 grand', '4 hundred bucks').
_MONEY = r"\d+(?:\.\d+)?(?: ?k| grand| hundred| thousand)?(?: usd| bucks| dollars)?"
_ACCOUNTS = (r"(?:[a-z0-9()'-]+ ){0,2}?(?:accounts?|iras?|roth(?: iras?)?|401\(?k\)?s?|403\(?b\)?s?|brokerages?|isas?|sipps?"
             r"|pensions?|hsas?)\b")
_BACKGROUND = tuple(re.compile(p) for p in (
    r"\b(?:for|over) (?:(?:many|several|a few|some|the past few|a couple of) )?years\b",
    r"\bbeen (?:[^.;:!?,\d#]|#\d+){0,40}for (?:about |around |almost |nearly |over )?(?:\d+|many|several|a few|some) (?:years|months)\b",
    r"\b(?:after|for) (?:many |several |a few )?(?:years|months|weeks) of\b", r"\bpull(?:ing|ed)? the trigger\b",
    r"\b(?:(?:i|we) )?hope (?:you|your|all|everyone|the team|this (?:finds|email|message)|it finds|you'?re)" + _TAIL,
    r"\b(?:for|on|in|during|after|before|since|from) (?:our |my |the |your |this |that |today's |yesterday's |[a-z]+day's )?"
    r"(?:call|meeting|chat|conversation|phone call|catch-up|catchup|email|message|note)\b",
    r"\b(?:i'?m|i am|we'?re|we are) (?:not|no) (?:an? |really an? |much of an? )?(?:expert|pro|professional|quant|programmer|coder|finance person)s?(?: (?:of|in|at) [a-z]+)?\b",
    r"\b(?:\d+ )?(?:years|months|weeks|days) ago\b", r"\b(?:last|this|next) (?:year|month|week|summer|winter|spring|autumn|fall|night|time)\b",
    r"\b(?:in|since|back in|during) (?:19|20)\d\d\b", r"\bi'?m (?:\d+|retired|\d+ years old)\b", r"\b\d+ years old\b",
    r"\b\d+ (?:client|clients|accounts|customers|households|families|people|kids|children|employees|staff)\b",
    r"\b(?:low|moderate|medium|high|conservative|aggressive)[- ]risk (?:clients?|investors?|profiles?|tolerance|appetite|folks)\b",
    r"\brisk (?:tolerance|appetite|profile|questionnaire)\b",
    r"\blong[- ]time\b", r"\ba while\b", r"\bin order to\b", r"\bbear with me\b", r"\bstop by\b",
    r"\bmove (?:went|is done|was)\b", r"\bthank(?:s| you) (?:for|again)" + _TAIL, r"\bforgot to mention\b",
    r"\b(?:to|in order to|so as to) (?:limit|reduce|avoid|minimi[sz]e|keep down|save on|cut|lower) (?:the |our |my )?"
    r"(?:transaction |trading )?(?:costs?|fees|turnover|taxes|churn|slippage|commissions?)\b",
    # why a limit is there, said after it ('otherwise we churn fees in chop', 'or else we just bleed commissions'): the
    # cost of trading too often, no rule of its own
    r"\b(?:otherwise|or else|else) (?:we|you|it|i|we'?d|you'?d|it'?d|we would|it would) (?:just |only )?(?:churn|bleed|burn|waste|"
    r"pay|rack up|throw away) (?:away )?(?:(?:fees|costs|commissions|money|spread) ?)+(?:in (?:the )?(?:chop|choppy markets|"
    r"sideways markets|noise|whipsaws?))?",
    # where the account sits or how long the chore takes ('in a taxable account', 'in my Roth IRA', 'takes 10 seconds'):
    # rbl models no tax, so the account's kind changes no trade
    r"\b(?:in|inside|within|held in) (?:a|an|my|our|the|his|her|their) (?:taxable|tax-advantaged|tax-deferred|tax-free|"
    r"brokerage|retirement|roth|roth ira|traditional ira) (?:account|ira|brokerage account)\b",
    r"\b(?:it )?takes (?:me |us )?(?:about |like |maybe |around |under |less than )?\d+ (?:seconds|secs|minutes|mins)\b",
    # a bad experience that sent the writer here ('after getting wrecked by a "proven" options course', 'after being
    # burned by meme stocks'): its nouns name the past, not this strategy; the clause after it is read as usual
    r"\bafter (?:getting|being|i got|we got) (?:absolutely |totally |completely |utterly |badly |properly )?(?:wrecked|burned|burnt|"
    r"rekt|destroyed|hammered|crushed|wiped out|cleaned out) (?:(?:in|during|back in) (?:(?:19|20)\d\d|the (?:gfc|crash|"
    r"financial crisis|dot-?com (?:bust|crash)))\b|"
    r"(?:by|in|on|with) (?:an? |the |my |our |some |that )?(?:\"[a-z -]+\" )?(?:[a-z-]+ ){0,2}?(?:course|guru|newsletter|scheme|"
    r"trades?|bets?|plays?|options|crypto|meme stocks?|leverage|margin|day-?trading|signals? group|discord|system|bot)\b)",
    r"\b(?:i'?m |we'?re |i am |we are )?(?:going|getting|went|got) back to (?:the )?basics\b",
    r"\bnext round'?s on me\b", r"\bgood (?:day|morning|afternoon|evening)\b", r"\bhave a (?:good|great|nice) (?:day|week|weekend)\b",
    r"\bminutes of (?:the |our )?[a-z ]*?(?:meeting|call|board|committee)\b|^minutes\b|\bminutes$",
    r"\b(?:row|cell|tab|sheet|page|section|item|ref|para(?:graph)?)\.? ?\d+(?:\.\d+)*\b",
    r"\b1 (?:more |last |small |other |quick |(?:very |really )?(?:important|key|big|crucial|critical|major) )?(?:thing|question|worry|"
    r"concern|request|note|point|caveat)\b",
    # a settings page's switches for what rbl does not do, set off ('tax-loss harvesting: off'), and dividends reinvested
    # (the bundled data are total-return series, which reinvest them already); harvesting switched on is asked about
    r"(?:\b(?:(?:automatic |auto[- ])?tax[- ]loss harvesting|tlh|cash sweep|fractional shares|margin|securities lending)|@CASH sweep)"
    r"\s*:\s*"
    r"(?:off|no|none|disabled|n/a)\b",
    r"\b(?:(?:automatic |auto[- ])?dividend reinvestment|drip|reinvest dividends)\s*:\s*(?:on|yes|enabled|off|no|disabled)\b",
    # an EA's identifier for its own orders ('magic number 1234'): no fact of the strategy
    r"\b(?:(?:the |its |ea )?magic(?: number)?|magic no\.?)\s*[:=]?\s*\d+\b",
    # what a new version replaces, and how the old one was ('replacing the 1 from last week that had 11 names'): the old
    # version trades nothing
    r"\b(?:replacing|replaces|which replaces|superseding|supersedes|instead of) (?:the|my|our) (?:old |previous |last |earlier )?"
    r"(?:1|version|model|setup|list|v\d+)(?: (?:from|of) (?:last|this) (?:week|month|year)| i posted (?:last|this) (?:week|month))?"
    r"(?: (?:that|which) had \d+ (?:names|stocks|funds|etfs|assets|holdings|tickers|sectors))?(?= ?[.;,:]|$)",
    # a rule announced before it is said ("so i'm adding a rule:", "we'll add 1 more condition:"): the rule itself follows
    # and is read where it stands (a heading naming the rule's kind, 'regime rule:', is offline.py's _take_labels)
    r"\b(?:so |and |also )?(?:i'?m|we'?re|i am|we are|i'?ll|we'?ll|let'?s|i want to|i'?d like to) (?:add|adding|put(?:ting)? in|"
    r"throw(?:ing)? in|introduc(?:e|ing)) (?:a|an|1|another|1 more|the following) (?:new |extra |simple |small |2nd |second )?"
    rf"(?:rule|condition|tweak|twist)(?= ?[:,]| ?{MASK}| (?:never|always|only|if|when|whenever|don'?t|do not|no)\b)",
    r"\bnext question\b", r"\bno exceptions\b", r"\b(?:ok |okay )?ship it\b", r"\blgtm\b", r"\bdon'?t @ ?me\b(?: (?:about|over|re|for) (?:the |this |that |my |these |those )?[a-z-]+)?",
    r"\b(?:risk|compliance|investment|board|trading|desk|research|client) (?:memo|note|notice|minute)s?\b",
    r"\b(?:memo|note|ref(?:erence)?|notice|ticket|policy|doc(?:ument)?|homework|exercise|assignment|problem set|question|"
    r"letter|report|proposal|minutes|item|section|appendix|exhibit|annex|figure|table|case|q)\.? (?:no\.? )?#?[a-zA-Z]{0,4}-?\d+(?:[-/.]\d+)*\b",
    r"\b(?:further to|following|re:?|regarding|with reference to|as per|in reply to|in response to|as discussed (?:in|on|at)) "
    r"(?:my|our|your|the) (?:telephone |phone |video |zoom |recent |last )?(?:letter|e-?mail|call|conversation|meeting|discussion|"
    r"note|message|request)(?: (?:of|on|from|dated) (?:the )?(?:\d{1,2}(?:st|nd|rd|th)? [a-z]+|[a-z]+ \d{1,2}(?:st|nd|rd|th)?|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last week))?\b",
    r"\bafter (?:some |much |long |careful |lengthy |a long |a lot of |lots of |a great deal of )?(?:discussion|deliberation|"
    r"consideration|debate|reading|research|thought|thinking|tinkering)\b",
    r"\bany other business\b[^.;!?]*", r"\b(?:i'?m|i am|we'?re|we are) an? (?:retired |busy |practising |practicing )?(?:dentist|doctor|"
    r"nurse|teacher|engineer|lawyer|student|retiree|physician|surgeon|pilot|accountant|farmer|professor|developer|programmer|"
    r"designer|writer|artist|musician|mum|mom|dad|parent|widow|widower|veteran|pensioner|(?:small )?business owner)\b",
    r"\b(?:i'?ve|i have|we'?ve|we have) (?:just |recently |finally )?sold (?:my|our) (?:practice|house|home|business|company|flat|"
    r"apartment|car|shop|firm|farm)\b", r"\b[#a-z0-9-]+ (?:guy|gal|person|investor|fan|nerd|kid) here\b(?: since forever| for years)?", r"\b(?:col|column) [a-z]\b(?![\w_])", r'\b(?:tab|sheet) "[^"]*"', r"\b[a-z0-9.]+ tabs\b",
    r"\b(?:please )?do not (?:edit|modify|share|forward|distribute)(?: (?:this|the) (?:sheet|file|tab|doc(?:ument)?|email|message))?\b",
    r"\bto confirm\b(?= ?[:,])",
    # the platform named as a heading ('MT5: SPY.US 60% ...', 'metatrader 5 setup:')
    r"(?:^|(?<=[.;] ))(?:mt5|mt4|metatrader(?: ?[45])?)(?: (?:setup|settings|config|account|ea))?(?= ?:)",
    # the EA asked for, as a heading or the frame of the request ('EA for MT5:', 'i want an expert advisor for mt5 that')
    r"(?:^|(?<=[.;] ))(?:an? )?(?:ea|expert advisor)(?: (?:for|on) (?:mt5|mt4|metatrader(?: ?[45])?))?(?= ?:)",
    r"\b(?:i|we) (?:need|want|'d like|would like) an? (?:mt5 |mt4 )?(?:ea|expert advisor)(?: (?:for|on) (?:mt5|mt4|"
    r"metatrader(?: ?[45])?))? (?:that|which)(?= (?:holds|keeps|trades|rebalances|owns|buys)\b)",
    # what the writer wants set up, announced before the list ('to confirm what i want set up on the new account:')
    r"\b(?:just )?to confirm what (?:i|we)(?: want| would like|'d like| need)(?: (?:set up|done|in place|running))?(?: (?:on|for|in) "
    r"(?:the|my|our) (?:new |joint |main )?(?:account|portfolio|mandate))?(?= ?:)", r"\bi (?:hereby )?confirm (?:hereby )?(?:my|our|the|this) (?:order|instructions?|request|mandate)\b",
    r"\bcan you (?:add|put|wire|plug|code|build|set) (?:it|this|that)(?: up)?(?: (?:in|into|to) (?:the )?(?:config|code|system|bot|ea|"
    r"model|spreadsheet|sheet))?\b",
    r"\b(?:1|my only|the only) (?:condition|requirement|request|ask|rule)(?: (?:i'?m|we'?re) firm on)?(?:,? and i mean it)?(?:,? is)?(?=,? ?[:,]|$)",
    rf"(?:^|(?<=[.;!?,] )){_UNNEGATED}(?:to: )?(?:[a-z&'-]+ ){{0,3}}(?:desk|team|policy|requirements?|memo|notes?|update|spec|"
    r"specification|summary|proposal|instructions?|guidelines|rules|plan|overview|minutes|config|configuration|protocol|addendum|"
    r"settings|set-?up)(?: (?:for|of|on) (?:the |my |our |this |next )?[a-z0-9&' -]{1,30}?)?"
    r"(?: ?, ?(?:effective|ref\.?|dated|as of) [^:,]{1,20})?(?=,? ?:)",
    rf"(?:^|(?<=[.;!?] ))(?:re|subject|subj) ?:{_UNNEGATED}[^.;!?]*",     # a memo's subject line: what it is about
    r"\b\d+\+? (?:years|months) (?:on|in|at|of|with) (?:the |this |my |our )?[a-z#0-9 -]{0,30}?"
    r"(?:forum|sub|subreddit|board|group|markets?|investing|trading|experience|industry|job|field|game)\b(?: here| now)?",
    r"\b(?:i'?ve |we'?ve )?been (?:doing|running|using) (?:it|this|that) (?:for )?(?:\d+|a few|several|many) (?:years|months|weeks)(?: now)?\b",
    r"\b(?:to make a )?long story short\b", r"\b(?:i|we) (?:don'?t|do not|never) (?:try to )?time the market\b",
    r"\bstay the course\b" + _TAIL, r"\bnote to self\b" + _TAIL, r"\bfor (?:my |our )?peace of mind\b",
    r"\b(?:great|awesome|nice|amazing|excellent|fantastic) (?:video|post|breakdown|write-?up|thread|content|channel)\b",
    r"\b(?:would love|please do|can you do|make) an? (?:video|post|follow-up|part 2|tutorial|deep dive) (?:on|about)\b" + _TAIL,
    r"\bcan you (?:build|set up|code|make|do|implement|program|create|wire up) (?:this|it|that)(?: 1| thing| one)?(?: for [a-z]+)?\b",
    r"\bon (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? [^.;:!?]{0,40}? wrote\b",
    r"\b(?:i'?m|we'?re|i am|we are) (?:moving|transferring|rolling) (?:my|our) [a-z0-9 ]{0,30}?(?:over )?(?:to|into) (?:you|your)\b" + _TAIL, r"\b(?:version|rev(?:ision)?|v)\.? ?\d+(?:\.\d+)*\b",
    r"\bplease confirm (?:receipt|implementation|(?:that )?(?:this|it) (?:is|has been) (?:set up|done|implemented)|by (?:reply|return))[^.;!?]*",
    r"\b(?:[a-z]+ )?(?:requirements|guidelines|parameters|params|specifications|details|notes)(?= ?:)", r"(?:^|(?<=[.;:!?] ))\d+(?:\.\d+)+ (?=(?:the|we|it|our|any|a|an|i|mr|ms|dr|notwithstanding|subject|where|each|all) )",
    # a policy's numbered heading ('4.1 strategic asset allocation.', '9.3 tolerance bands.'): the clause after it holds the
    # fact; a heading with a number, a calendar word, 'only' or a negation in it is not furniture
    r"(?:^|(?<=[.;!?] ))\d{1,2}(?:\.\d{1,2})+ (?![^.;!?]*\b(?:no|not|never|without|only|daily|weekly|monthly|quarterly|annual|"
    rf"annually|yearly|day|week|month|quarter|year)\b)(?:[a-z&/'{MASK}-]+ ){{0,3}}[a-z&/'{MASK}-]+(?=\.)",
    r"\bnotwithstanding (?:section |clause |paragraph |item )?\d{1,2}(?:\.\d{1,2})+,?",
    r"\b(?:account|acct|a/c|client|policy|case|ticket|mandate)\.? (?:no\.? |number |#)?\d{3,}\b",
    r"\bfor (?:the|this|our|my) (?:\d+-(?:name|stock|fund|asset|etf|coin|bond) )?[a-z -]{0,25}?(?:mandate|account|client|household|book|model|ladder)\b",
    r"\b(?:which|what) (?:its|the|their) (?:designers|authors|creators|inventors?|fans|users) call\b" + _TAIL,
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december) (?:of )?(?:19|20)\d\d\b",
    r"\b(?:i|we) (?:have|got|had) no time\b", r"\bat your (?:earliest )?convenience\b",
    r"\bsign and return\b" + _TAIL, r"\bquick (?:thing|question|note|one|q)\b(?: before (?:the )?(?:stand-?up|meeting|call|lunch))?" + _TAIL,
    # a hand-over note's opening ('quick handover b4 i fly out:', 'short hand-off before i leave')
    r"\b(?:quick|short|brief) (?:handover|hand-?off|update|brain ?dump)(?: (?:before|b4) (?:i|we) (?:fly out|leave|go|head off|"
    r"log off|disappear))?\b",
    # the writer's or the client's absence ("i'm travelling until the 14th", 'mr. hargreaves, who is travelling until the 14th')
    r"\b(?:i'?m|i am|we'?re|we are|i'?ll be|i will be|we'?ll be|who is|who'?s|who will be|he is|he'?s|she is|she'?s|they are|"
    r"they'?re) (?:travell?ing|away|out of (?:the )?office|on (?:holiday|vacation|"
    r"leave)|abroad|offline|unavailable)(?: (?:until|till|from|for|over|this|next) [^.;!?,]{1,25})?",
    r"\b(?:so )?no need to (?:call|ring|reply|phone|e-?mail|write|get back)(?: me| us)?\b",
    r"\b(?:please )?let (?:me|us) know if (?:anything|you) needs? (?:any |my |our |a |further |more )*(?:signatures?|paperwork|"
    r"forms?|documents?|details|id|information|info)(?: from (?:me|us))?\b",
    r"\b(?:i|we) (?:would like|'d like|want|wish) to confirm (?:the following|that|our|what)\b",
    r"\bthe plan for (?:the |my |our )?[a-z' ]{0,20}account\b", r"\bfor any ?one (?:wondering|curious|interested)\b" + _TAIL,
    r"\b(?:i'?d|i would|we'?d|we would) (?:be (?:very |most )?grateful|appreciate it) if (?:you|your team|your firm) could "
    r"(?:set (?:this |it |me )?up|help(?: me)?|run (?:this|it)|(?:take|have) a look)\b",
    r"\b(?:because|owing to|due to)(?: of)?" + _TAIL,
    r"\b(?:want|like|love|curious|keen) to (?:see|know|test|backtest|check|find out) (?:how|what|whether|if)\b" + _TAIL,
    r"\bbefore (?:i|we) commit (?:any |real |the )?(?:money|capital|cash|funds)\b",
    # where the trader trades ('i trade through an mt5 broker', 'we run it on a cfd account'): the symbols say the rest
    r"\b(?:i|we) (?:trade|run (?:it|this)|execute|am trading|'m trading|are trading) (?:through|via|with|on|at) (?:an? |my |our )?"
    r"(?:(?:mt5 |mt4 |metatrader(?: 5)? |cfd |fx |forex )(?:broker|account|platform|terminal)|mt5|mt4|metatrader(?: 5)?)\b",
    # the account it is for: 'can you set this up for my mt5 account', 'for my metatrader terminal'
    r"\b(?:(?:can|could|would) you |please )?(?:(?:set|code|build) (?:this|it)(?: up)? )?(?:for|on|in) (?:my|our|the|an?) "
    r"(?:mt5|mt4|metatrader(?: 5)?)(?: (?:broker|account|platform|terminal))?\b",
    # why the trader tests first: 'test a simple version before putting real money in', 'paper trade it before i go live',
    # 'on a demo account first': how the strategy is tried, never what it trades
    r"(?:\b(?:(?:a |the |my |our )?(?:simple|simpler|small|smaller|basic|toy|quick|rough|first|cheap|minimal) )?"
    r"(?:version|prototype|sketch|cut|draft|variant) )?(?:\b(?:on|in) (?:a |my |our |the )?(?:demo|paper|practice|test|sim) "
    r"(?:account|money|mode)(?: first)?,? )?(?:\bfirst,? )?\bbefore (?:i |we )?(?:put(?:ting)?|commit(?:ting)?|risk(?:ing)?|"
    r"invest(?:ing)?|throw(?:ing)?|us(?:e|ing)|mov(?:e|ing)|allocat(?:e|ing)) (?:any |real |actual |live |my |our |the |serious )*"
    r"(?:money|capital|cash|@CASH|funds|dollars|savings)(?: (?:in|into it|on it|behind it|at it|to work))?\b"
    r"|(?:\b(?:on|in) (?:a |my |our |the )?(?:demo|paper|practice|test|sim) (?:account|money|mode)(?: first)?,? )?(?:\bfirst,? )?"
    r"\bbefore (?:i |we )?(?:go(?:ing)?|take|taking) (?:it )?live\b"
    r"|\b(?:on|in) (?:a |my |our |the )?(?:demo|paper|practice) (?:account|money|mode)(?: first)?\b",
    r"\b(?:whenever|when|once) you (?:get|have|find) a (?:minute|chance|moment|sec(?:ond)?)(?: (?:is|would be) (?:fine|ok|okay|great|perfect))?\b",
    r"\b(?:last|this|next|on) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)? (?:call|meeting|chat|catch-up)\b",
    r"\b(?:the )?(?:call|meeting|chat|talk|lunch) (?:we had |on )?(?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    # a deadline for replies to a note: 'comments to the allocation committee by friday', 'feedback by eod'
    r"\b(?:please (?:send |share )?)?(?:comments?|feedback|questions|thoughts|objections)(?: (?:to|for) [a-z ]{1,30}?)? (?:by|before) "
    r"(?:(?:next |this |the end of |end of )?(?:monday|tuesday|wednesday|thursday|friday|week|month|eod|cob|close of business)"
    r"|the \d{1,2}(?:st|nd|rd|th)?)\b",
    r"\bend of (?:memo|note|message|email)\b", r"\b(?:is |as )?a dirty word\b", r"\b(?:small |large |multi-?)?family office\b",
    r"\b(?:ping|message|text|call|email|dm|tell) me (?:only )?if\b" + _TAIL,
    # who to call when the plumbing fails ('ping priya if the broker feed dies again like it did in october'): no trade
    r"\b(?:ping|call|text|e-?mail|tell|message|phone) [a-z]+ if (?:the |our |my )?(?:broker|data|price|market data|exchange|api|"
    r"platform)? ?(?:feed|connection|api|server|platform|link|bridge|terminal|vps)s? (?:dies|goes down|breaks|fails|drops|"
    r"disconnects|crashes|is down)(?: again)?(?: like it did (?:in|last) [a-z]+)?",
    # a loss told as a story: 'i lost 40% in 2008', 'watching my bond fund drop 15% and swore never again'
    r"\b(?:i|we|my|our)\b[^.;:!?,\d@]{0,30}?\b(?:lost|dropped|fell|crashed|tanked|was down|were down|went down) \d+(?:\.\d+)?% "
    r"(?:in|during|back in) (?:19|20)\d\d\b(?: (?:sitting|being|invested) in [a-z ]{1,30}?(?=[.;,]| and swore))?",
    r"\bwatch(?:ed|ing) (?:my|our|the) [a-z ]{1,30}?(?:drop|fall|lose|crash|tank) \d+(?:\.\d+)?%(?:,? and swore never again)?",
    r"\b(?:and )?swore never(?: again)?\b",
    # how the trader came to a strategy: 'after a lot of reading (Antonacci's book, mostly)'
    r"\bafter (?:a lot of|lots of|much|some|years of|months of) (?:reading|research|thinking|backtesting|testing)"
    r"(?:,? [a-z' ]{1,30}, (?:mostly|mainly|largely),?)?",
    # a review's subject line naming the model: 'memo - compliance review of proposed model "sector rotation a"'
    r"\b(?:memo ?-? ?)?(?:compliance |risk |investment |model )?review of (?:the )?(?:proposed |new )?(?:model|strategy|portfolio|"
    r"mandate)(?: \"[^\"]*\")?",
    r"\bapproved,? (?:subject to|on condition of|conditional on) (?:that|this|the above|these|those) (?:conditions?|changes?)\b",
    # what a strategy did, told as history: 'my band strategy traded 11 times in 2020'
    r"\b(?:my|our|the|this|that)\b[^.;:!?,\d@]{0,40}?\b(?:traded|rebalanced|fired|triggered|churned) \d+ times in (?:19|20)\d\d\b",
    r"\b(?:i'?m|i am|we'?re|we are) (?:in|at) (?:a )?(?:meetings?|calls?|lunch|training|the dentist)(?: (?:till|until|all) [a-z0-9:]+)?\b",      # 'ping me if the backtest looks weird'
    # a strategy said to go against a forum's creed: 'momentum isn't very Boglehead', 'this is heresy on this forum'
    r"\b(?:[a-z-]+ )?[a-z-]+ (?:isn'?t|is not|is) (?:very |really |exactly |a bit |kind of )?(?:boglehead|bogle|heresy|heretical|blasphemy|"
    r"sacrilege)s?(?:[- ]approved)?(?: (?:on|in|around) (?:this|the|here) (?:forum|sub|subreddit|board|group))?\b",
    # a document's furniture: when it was written or meets next, who was there, what it replaces
    rf"\b(?:minutes|meeting|call|memo|notes?|letter|e-?mail|extract|session|committee|sub-committee)\b[^.;:!?]{{0,50}}?,? (?:of |on |"
    rf"dated )?(?:the )?{_DATE}",
    rf"\b(?:last )?(?:edited|updated|modified|revised|written|sent|dated|signed)(?: on| by [a-z]+)?,? (?:the )?{_DATE}",
    # a note's heading dated in figures, with whom it is about ('client notes 11/18 - r. & j. okafor', 'call notes 3/4:'); the
    # date right after the word and before the heading ends (a '5/25' elsewhere may be a band, and is read or asked)
    r"\b(?:(?:client|meeting|call|review|planning|session) )?(?:notes|minutes|memo) (?:of |from |dated |for )?(?:0?[1-9]|1[0-2])/"
    r"(?:0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d\d)?(?:(?= ?[:,.]|$)| ?- ?(?:[a-z]\. ?(?:(?:&|and) [a-z]\. ?)?)?[a-z'-]+(?= ?[.,:]|$))",
    r"\bnext (?:meeting|call|review|catch-up|session|update)\b[^.;!?]*",
    # when a meeting takes something up ('shall take place at the november meeting', 'will be revisited at the spring
    # session'): the subject before it stays, and is read or asked about
    r"\b(?:shall|will|is to|are to) (?:take place|be held|be discussed|be revisited|be reconsidered|be taken up) (?:at|in|during) "
    r"(?:the|its|our|their) (?:(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|"
    r"summer|autumn|fall|winter|next|following|upcoming|annual general) )?(?:meeting|session|agm)\b",
    r"\b(?:the )?(?:meeting|call|session) (?:closed|ended|adjourned|finished)(?: at \d{1,2}(?:[.:]\d\d)?(?: ?[ap]\.?m\.?)?)?",
    r"\bfor \d+ years of (?:loyal |dedicated )?(?:service|work)\b",
    r"(?:^|(?<=[.;!?] ))(?:memo|memorandum|notice|note) ?- ?[a-z&' ]{1,60}?(?:, (?:account |a/c |acct )?(?:no\.? )?\d{3,})?(?=\s*[.:,])",
    # a document's subject line opening the text, a name and a topic ('growth model - drawdown limit', 'mandate schedule b -
    # tactical sleeve'): the facts follow and are read where they stand
    rf"^{_UNNEGATED}(?![^.]*\b(?:sell|buy|stop|exit|liquidat\w*|hedge|short|close|halt|pause|only|never)\b)"
    r"[a-z&'/ ]{1,40}? - [a-z&'/ ]{1,40}(?=\. ?\S)",
    # a limit announced before a colon, the rule read right after it ('is subject to a hard loss limit: should the account
    # fall 20% ...'): the announcement adds nothing to the rule
    rf"\b(?:is|are|shall be|will be) subject to (?:a |an |the )?(?:hard |strict |firm |soft |standing )?(?:(?:[a-z]+ )?(?:limit|cap|"
    rf"rule|constraint|stop|restriction|condition)s?|{MASK}+)(?= ?: ?{MASK})",
    rf"\b(?:is|are|shall be|will be) subject to(?= {MASK})",
    # a model's name before its holdings ('the growth model (QQQ 50%, SPY 30%, ...)', 'your "conservative" portfolio holds'):
    # the holdings say what it is
    rf"\b(?:the|our|my|your|this) (?:\"[^\"]{{1,30}}\"|[a-z-]+(?: [a-z-]+)?) (?:model|portfolio|mix)(?=,? (?:@[A-Z]|{MASK})"
    rf"| (?:holds|is) [\d@{MASK}])",
    r"\b(?:present|attendees|apologies|absent|in attendance)\b ?:[^.;!?]*",
    r"\b(?:acknowledge|confirm) receipt\b[^.;!?]*",
    r"\b(?:this|the) (?:memo|note|policy|document|letter|version|minute) (?:supersedes|replaces|amends) (?:(?:memo|note|notice|"
    r"policy|version|ref\.?|no\.?) )*#?[a-z]{0,4}-?\d+(?:[-/.]\d+)*(?=\s*[.;!?]|$)",    # by reference code only
    r"\b(?:homework|exercise|assignment|problem set|quiz|exam)\.? ?\d*,? q(?:uestion)?\.? ?\d+\b",
    # what a letter confirms, and the document a limit comes from: the facts follow and are read where they stand
    r"\b(?:(?:(?:i|we) (?:would like|'d like|want|wish) |just )to confirm(?: (?:the|my|our))?|to confirm (?:the |my |our )?"
    r"(?=[a-z]))(?: ?(?:following|contents?|details|instructions?|rules?|arrangement|set-?up|plan))?"
    rf"(?: (?:for|of) (?:my|our|the) (?:account|portfolio|mandate|depot))?(?= ?[:.,;{MASK}]|$)",
    r"\b(?:per|under|in line with|as required by|according to) (?:the|our|my|its|this) (?:[a-z']+ ){0,3}(?:agreement|limits?|policy|"
    r"prospectus|mandate|guidelines|statement|documents?|terms|restrictions|requirements|instructions|wishes|preferences)(?: ?,? ?section [\d.]+(?: of the [a-z]+)?)?\b",
    # a forum poster's disclaimer ('not asking for approval, just sharing'): nobody approves any order
    r"\b(?:i'?m |i am )?not (?:asking|looking) for (?:approval|advice|permission|validation|feedback|opinions)"
    r"(?:,? just sharing)?\b",
    # a setting from a former job, told as history ('was a 12% vol target at my old desk, way too hot')
    r"\b(?:it |that )?(?:was|used to be) (?:an? )?[^.;:!?@]{0,30}? at my (?:old|previous|last|former) (?:desk|job|firm|shop|fund|bank|"
    r"employer)(?:,? (?:way |much |far )?too (?:hot|risky|aggressive|tight|loose|much))?",
    # a question raised in minutes and left for later ('a member asked whether a 12% target had been considered; it was
    # noted for a future meeting'): not adopted
    r"\b(?:an?|1|another|the) (?:member|trustee|director|attendee|participant|governor) asked (?:whether|if) [^.;!?]{1,60}?"
    r"(?:had been|has been|was|were|could be) considered(?:; ?it was (?:noted|parked|deferred|left) (?:for|to|until) (?:a|the) "
    r"(?:future|later|next) (?:meeting|session|review))?",
    # the backtest disclaimer ('past performance etc', 'past performance is no guarantee of future results')
    r"\b(?:but |and )?past performance(?: (?:is|isn'?t) (?:no|not a) (?:guarantee|indication|guide)(?: of future (?:results|returns))?"
    r"| etc\.?| and all that| blah blah| disclaimer)?(?=\s*[.;!?]|$)",
    # who sets the weights, conceded beside a limit on them ('while i'm happy for the formula to decide'): the scheme
    # already says it
    r"\b(?:while |although |though )?(?:i'?m|i am|we'?re|we are) (?:happy|fine|ok|okay|content) (?:for|to let) the "
    r"(?:formula|model|algorithm|maths|math|system|scheme|rule) (?:to )?decide\b",
    # what someone else went through, as the reason for a rule ('following the losses reported by a neighbouring
    # cooperative', 'after the problems suffered by a friend's fund'): a story, not a fact of this strategy
    r"\b(?:following|after|given) (?:the |recent )?(?:losses|crash|problems|difficulties|turmoil) (?:reported|suffered|seen|"
    r"experienced) (?:by|at) (?:a |an |the )?[a-z' -]{1,40}?(?=[,.;:]|$)",
    # a request for opinions on what was said ('feedback welcome, especially on the thresholds'): no new fact
    r"\b(?:feedback|comments|thoughts|criticism|critique|input|suggestions)(?: are| is)? (?:very |most )?(?:welcome|appreciated)"
    r",? (?:especially|particularly|mainly) (?:on|about) (?:the |my )?[a-z ]{1,30}?(?=[.;!?]|$)",
    # why costs are charged in a backtest ('so we're not fooling ourselves'): honesty, not a rule
    r"\bso (?:that )?(?:we|i)(?:'re| are|'m| am)? (?:not|aren'?t) (?:fooling|kidding) (?:ourselves|myself)\b",
    # the mix introduced as the one agreed ('the approved model is 60% SPY / 40% AGG'): who agreed it is no rule
    r"\bthe (?:approved|agreed|adopted|selected|chosen) (?=(?:model|mix|portfolio|allocation|strategy) (?:is|will be)\b)",
    # which document replaces which ('this notice supersedes the notice of 3 june'): filing, not a rule; a replaced
    # document named by anything but a date keeps its words for the reader
    r"\b(?:this|the present|the above) (?:notice|note|memo|instruction|letter|e-?mail|message|mandate|version) (?:supersedes|replaces|"
    r"overrides|cancels) (?:the|our|my|any) (?:previous |earlier |prior |last )?(?:notice|note|memo|instruction|letter|e-?mail|"
    r"message|mandate|version)s?(?: (?:of|dated|from) (?:the )?(?:\d{1,2}(?:st|nd|rd|th)? [a-z]+|[a-z]+ \d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,? (?:19|20)\d\d)?)?(?=\s*[.;!?]|$)",
    # hand-over and life context: 'handing the balanced book over while i'm out on paternity leave, back 3rd feb',
    # "i'm off 2 weeks from monday", "i've sat on this board 22 years", "we're not 25 anymore", 'sorry if this is a dumb
    # question', 'people hate when i say this', 'my late wife'
    r"\b(?:i'?m |we'?re |i am )?(?:handing|passing|handed|passed) (?:the |my |our |this )?(?:[a-z]+ ){0,2}?(?:book|portfolio|account|"
    r"mandate|strategy|desk|model|fund)s? over(?: to [a-z]+)?\b",
    # a hand-over's addressee and the writer's absence ('for jonas while i'm out (back the 14th)', 'for priya while i'm away')
    r"\b(?:(?:(?:handover|hand-over|hand-off) )?notes )?(?:for [a-z]+ )?(?:while|whilst) (?:i'?m|i am|we'?re|we are|i'?ll be|i will be) (?:out|off|away)(?: of (?:the )?office)?"
    r"(?:,? back (?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th))?(?= ?[,.;:!?]|$)",
    r"\b(?:while |whilst )?(?:i'?m|i am|we'?re|we are|i'?ll be|i will be) (?:out|off|away) (?:on (?:(?:paternity|maternity|parental|sick|"
    r"annual|garden|study|medical|compassionate) )?(?:leave|holiday|vacation|sabbatical)|(?:for )?(?:\d+|a few|a couple of) (?:days|weeks|"
    r"months))(?: (?:from|starting|until|till) [a-z0-9 ]{1,20}?(?=[,.;:!?]|$))?",
    rf"\b(?:i'?m |i'?ll be |i will be )?back (?:on )?(?:the )?{_DATE}",
    # the writer's return said as a sentence of its own ('back on the 14th.', "i'm back the 3rd."): no schedule
    r"(?:^|(?<=[.;!?] ))(?:i'?m |i'?ll be |i will be |we'?re )?back (?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)(?= ?[.;!?]|$)",
    r"\b(?:i'?ve|i have|we'?ve|we have) (?:sat|served|been|worked) (?:on|at|with|in|for) (?:this|the|our|my) (?:board|committee|desk|"
    r"firm|fund|team|scheme|trust|council)(?: for)? (?:\d+|many|several|a few) years\b",
    r"\b(?:and )?(?:we|i) (?:have |'ve )?never (?:once )?missed (?:it|one|a (?:single )?(?:rebalance|review|date|quarter|year))\b",
    r"\b(?:i'?m|i am|we'?re|we are) (?:not |no longer )?\d{2}(?: (?:any ?more|now|years old))?(?![\d/%]|\.\d| ?(?:\d|/|%|pp|points|in |of |@))",
    r"\b(?:sorry|apologies) (?:if|for) (?:this is |this |my )?(?:a |such a )?(?:dumb|stupid|silly|basic|naive|newbie|noob|obvious)"
    r" question\b",
    r"\b(?:people|everyone|everybody|folks|most people|my [a-z]+) (?:hate|hates|laugh|laughs|cringe|cringes|groan|groans|"
    r"roll their eyes) (?:at me )?when i (?:say|tell them|admit|mention) (?:this|that|it)\b",
    r"\b(?:my|our|his|her) late (?:wife|husband|father|mother|dad|mum|mom|partner|spouse|brother|sister)\b",
    # the writer's life: 'i am 81', 'was a schoolteacher for 40 years', "i'm still figuring out what 'rebalancing' even
    # means", 'i lived through 1987 and 2008, when i lost nearly half', 'i am from brazil'
    r"\b(?:i|we) am (?:\d{2}|retired)(?![\d/%]|\.\d| ?(?:\d|/|%|pp|points|in |of |@))",
    r"\b(?:(?:and )?(?:i|we) )?(?:was|were|worked as|have been|'ve been) an? [a-z]+ for \d+ years\b",
    r"\b(?:i'?m |i am |we'?re |we are )?(?:still )?(?:figuring|working|finding) out what [^.;!?]{1,30}? (?:even )?means\b",
    r"\b(?:i|we) (?:lived|sat|went|have been|'ve been) through (?:the )?(?:(?:19|20)\d\d|[a-z-]+ crash|gfc|financial crisis)"
    r"(?:(?:,? and |, )(?:(?:19|20)\d\d|[a-z-]+ crash|gfc|financial crisis))*(?:,? when (?:i|we) lost (?:nearly |almost |about |"
    r"over |more than )?(?:half|a third|a quarter|\d+%)(?: of (?:it|everything|my [a-z]+))?)?",
    rf"(?:(?<=(?:19|20)\d\d)|(?<={MASK})),? when (?:i|we) lost (?:nearly |almost |about |over |more than )?(?:half|a third|a quarter|"
    r"\d+%)(?: of (?:it|everything|my [a-z]+))?(?=[.;,]|$)",
    r"\b(?:i'?m|i am|we'?re|we are) (?:originally )?from [a-z]+(?: [a-z]+)?(?= and |[,.;]|$)",
    r"\b(?:and )?(?:i|we) (?:invest|trade) (?:mostly |mainly )?in (?:etfs?|funds|shares)(?: (?:in|from) (?:the )?[a-z]+)?(?=[.;,]|$)",
    # a cost read, then asked to be counted ('my bank charges 1 usd an order; please allow for that'): the cost says it all
    rf"(?<={MASK}[;,.] )(?:please )?(?:allow|account|make allowance) for (?:that|this|it|those|them)(?= ?[.;!?]|$)",
    # what a letter or a minute is ('this letter confirms the terms of your discretionary mandate', 'the trustees approved the
    # following:', 'mandate schedule b - tactical sleeve', 'execution instructions, model "balanced 55"'): the facts follow
    r"\b(?:this|the present|the following) (?:letter|memo|note|e-?mail|document|schedule|notice|agreement) (?:confirms|sets out|"
    r"sets forth|records|summari[sz]es|describes|outlines|documents) (?:the )?(?:terms|details|arrangements?|instructions|basis|"
    r"rules|particulars) (?:of|for) (?:your|our|the|my|this) (?:[a-z]+ ){0,2}?(?:mandate|account|portfolio|agreement|arrangement|"
    r"relationship|management)\b",
    r"\b(?:the )?(?:[a-z']+ ){0,5}?(?:trustees|board|committee|directors|council|client|partners) (?:has |have )?(?:approved|agreed|"
    r"adopted|resolved|signed off on|endorsed) the following(?= ?[:.])",
    # who adopts the mix, said before it ('the committee approves a 50/50 allocation to VTI and BND', 'the board adopted
    # the 60/40 mix'): the mix follows; trades held for someone's approval are read elsewhere (approval mode)
    r"\b(?:the )?(?:[a-z']+ ){0,3}?(?:trustees|board|committee|directors|council|partners) (?:has |have |hereby )?(?:approves?|"
    r"approved|adopts?|adopted|endorses?|endorsed|ratifies|ratified)(?= (?:a|an|the) (?:[\w/%.-]+ ){0,3}?(?:allocation|mix|"
    rf"portfolio|model|policy|split|weights?|targets?)\b| (?:a |an |the )?(?:[\w/%.-]+ ){{0,2}}?{MASK})",
    rf"(?:^|(?<=[.;!?] )){_UNNEGATED}(?:[a-z]+ )?(?:schedule|appendix|annex|exhibit|part|section|article) (?:[a-z]|\d{{1,2}})"
    r"(?: ?- ?[a-z&' -]{1,40})?(?=\s*[.:])",
    r"(?:^|(?<=[.;!?] ))(?:execution|trading|rebalancing|investment|client|model) (?:instructions|notes|guidelines|brief)"
    r"(?=\s*[.:,])",
    r"\b(?:model|portfolio|strategy|mandate|for) \"[^\"]{1,30}\"",
    # a temper, not a rule: 'i would rather not trade unless i must', "we'd rather not fiddle with it unless we have to"
    r"\b(?:but )?(?:i|we)(?:'d| would) rather not (?:trade|touch it|fiddle(?: with it)?|tinker(?: with it)?|do anything) "
    r"(?:unless|until) (?:i|we|it) (?:must|have to|need to|really must)\b",
    # chat around the holdings: 'so i bought QQQ, GLD and TLT finally', 'running an mt5 basket:', 'the bands thing is fine'
    # (agreeing to what was proposed), 'last march it would have traded 4 times in 2 weeks' (what an idea would have done)
    r"\b(?:(?:so )?(?:i|we)(?:'ve| have)? )?(?:just |finally )?(?:bought|purchased|picked up)(?= @[A-Z])",
    r"(?:^|(?<=[.;!?] ))(?:running|trading|i run|we run|i trade|we trade) (?:an? |my |our |this )?(?:mt[45] |fx |forex |crypto |"
    r"majors )?(?:basket|book|portfolio)(?= ?:)",
    r"(?:^|(?<=[.;!?] ))(?:the )?[a-z]+ (?:thing|idea|plan|approach|bit|part) is (?:fine|ok|okay|good|great|agreed)(?: by me| with me)?"
    r"(?=[.;!?,]|$)",
    r"\b(?:but )?(?:last [a-z]+|in (?:19|20)\d\d|back in [a-z]+) (?:it|that|this|the [a-z]+) would have (?:traded|rebalanced|fired|"
    r"triggered|churned) (?:like |about |around )?\d+ times(?: in (?:\d+ )?[a-z]+)?",
    # an old allocation told as history, then retired ('prior to 2019 the fund used a 70/30 mix; that allocation is superseded
    # and shall not be used'): right after the skipped story, it says only that the story's split is not the strategy's
    rf"(?<={MASK}[;,.] )(?:that|this|the (?:old|previous|former|prior)) (?:allocation|mix|split|policy|schedule|model) (?:is|was|has "
    r"been) (?:superseded|retired|replaced|abandoned|discontinued|withdrawn)(?: and (?:shall|should|will|must|may) not be used"
    r"(?: again| any ?more)?)?(?=[.;!?]|$)",
    # a document's date of review ('client file note, j. okafor, reviewed 14 march'): filing, not a check
    rf"\b(?:reviewed|checked|seen|approved|signed)(?: by [a-z. ]{{1,20}}?)?,? (?:on )?(?:the )?{_DATE}(?=\s*[.;,]|$)",
    # a grumble about execution the writer waves off ('spreads on aud are awful after 5pm ny but whatever', 'fills on gld
    # are terrible at the open, oh well'): no rule is asked for
    r"(?:^|(?<=[.;!?] ))(?:the )?(?:spreads?|fills?|slippage|liquidity|execution|quotes?)[^.;!?,]{0,40}? (?:are|is|get|gets|were|was) "
    r"(?:awful|terrible|bad|horrible|wide|crap|brutal|nasty|ugly|a joke)(?:(?! so | and | then | but )[^.;!?,]){0,30}?,? (?:but )?(?:whatever|oh well|meh|"
    r"it is what it is|nothing to do about it)(?=\s*[.;!?]|$)",
    # a post's slogan, a sentence of its own ('execution matters.', 'boring wins.', 'discipline is everything.'): no rule
    r"(?:^|(?<=[.;!?] ))(?:[a-z]+ ){0,2}[a-z]+ (?:matters|matter|wins|win|is king|is everything|always wins)(?= ?[.;!?]|$)",
    # who does the check ('staff review positions daily but ...', 'the desk monitors the weights weekly'): the check is read
    rf"(?:^|(?<=[.;!?,] ))(?:the |our |investment |operations )*(?:staff|desk|ops|operations team|investment team|back office)"
    rf"(?= (?:will |shall |must |should |to )?(?:review|monitor|check|look|watch|{MASK}))",
    # why the exposure is there, in an insurer's words ('to close part of the duration gap (currently 2.1 years)'): the
    # exposure itself is read; the gap's size sets nothing
    r"\b(?:in order )?to (?:close|narrow|reduce|fill|shrink|cover) (?:part of |some of |most of |half of )?(?:the |our |its )?"
    r"(?:duration|funding|liability|surplus) gap(?:,? (?:currently|now|today|at present) (?:about |around |roughly )?"
    r"\d+(?:\.\d+)? years?,?)?",
    # time gone by, marvelled at ("i still can't believe it's been 20 years"): no lookback
    r"\b(?:(?:i )?(?:still )?can'?t believe )?(?:it'?s|it has) (?:already )?been (?:\d+|so many|many) (?:years|decades)\b",
    # the evening the note follows ('following up from sunday dinner', 'further to our coffee last week')
    r"\b(?:following up|follow-?up|further to) (?:from |on |after |to )?(?:our |the |my |last |yesterday'?s |[a-z]+day'?s? )*"
    r"(?:dinner|lunch|breakfast|call|meeting|chat|conversation|coffee|drinks|catch-?up|bbq|party|reunion|round of golf)"
    r"(?: last [a-z]+)?\b",
    # a loss mourned in passing ('rip my 2021 growth stocks'): a story, its year no lookback
    r"\b(?:rip|r\.i\.p\.?) (?:my|our|the) [a-z0-9 ]{1,30}?(?=[.;!?,]|$)",
    # what a rule did for its author, reported ('a rule he says saved him from over-trading during the 2020 crash')
    r"\b(?:a rule|an approach|a habit|a discipline|which|that) (?:he|she|they|the manager|its creator) (?:says |claims )?"
    r"(?:saved|kept|protected|spared|stopped) (?:him|her|them|the fund|investors) from [^.;!?,]{1,50}",
    # humility before a plain scheme ("i've concluded that i'm not smarter than 1/n", "i'm not smarter than the market")
    r"\b(?:(?:i'?ve|i have|we'?ve|we have) (?:concluded|accepted|realised|realized|learned) (?:that )?)?(?:i'?m|i am|we'?re|we are) "
    r"not (?:smarter|cleverer|better) than (?:1/n|the (?:market|index|crowd|average))\b",
    # a chat group's header ('⚡ signal group update ⚡', 'signals channel:'): where the post appears, no rule
    r"\b(?:signal|signals|trading|alpha|crypto) (?:group|channel|room|chat|server)(?: (?:update|alert|post|announcement))?\b",
    r"\b(?:new|updated|revised|latest) (?:model|portfolio|allocation|mix)(?=:? (?:\d|@))",
    # a chat's mention of a colleague ('@dev ok so ...'; a ticker is written in capitals)
    r"(?<![\w@])@[a-z][\w.-]*",
    # what a journalist says sets the fund apart ('what sets the fund apart is its use of a news-sentiment score'): the
    # score itself is read where it is named
    r"\bwhat (?:sets|makes|distinguishes) (?:the|this|its) (?:fund|strategy|manager|portfolio|approach) (?:apart|different|"
    r"unusual|special) is (?:its|the)(?: use of)?",
    # a signature's age ('dorothy, age 74'): no figure of the strategy's
    r"(?:,|\bi'?m|\bi am) (?:aged?|age:) \d{2}(?=[,.;!?]|$)",
    # a backtest's verdict told ('wondering if this is overfit', 'backtested 2000-2024, sharpe 0.71 vs 0.68'): no rule
    r"\b(?:(?:i'?m|just) )?wondering (?:if|whether) (?:this|it) is (?:overfit(?:ted)?|curve-?fit(?:ted)?|data-?mined|too good to be "
    r"true)\b",
    rf"(?:\bbacktest|{MASK})ed (?:from |over )?(?:19|20)\d\d ?(?:-|to) ?(?:19|20)\d\d\b",     # 'backtest' is the report rule's
    r"\bsharpe (?:ratio )?(?:of )?\d+(?:\.\d+)?(?: (?:vs\.?|versus) \d+(?:\.\d+)?)?",
    # why a day suits the writer ('gives me the weekend to not care'), beside the rule that names it
    r"\b(?:it |that |which )?(?:gives|leaves|lets) (?:me|us) (?:the|a) (?:weekend|evening|day off|holiday)s? (?:to|for) (?:not care|"
    r"forget(?: about it)?|relax|unwind|switch off|recover)\b",
    # what the writer would like to try, said before the rule that says it ('something a little more active in the small
    # account:')
    r"\b(?:try |want |like )?something (?:a little |a bit |slightly |much )?(?:more |less )?(?:active|hands-on|interesting|fun|"
    r"different)(?: (?:in|for|with) (?:the|my|our) [a-z ]{1,20}?(?:account|portfolio|pot|book))?(?= ?:)",
    # the account's size, said in passing ("my account isn't big but ..."): no figure
    r"\b(?:my|our) (?:account|portfolio|pot|stack)(?: is| isn'?t|'s)(?: not)? (?:very |that |really )?(?:big|huge|large|small|tiny)\b",
    # a question to the forum ('anyone else spread their rebalances?', 'curious if people here use 5 or something wider'):
    # what others do; the writer's own rule is said apart
    r"(?:^|(?<=[.;!?] ))(?:does |do )?(?:any ?one|any ?body|others) (?:else |here )?[^.;!?\d@]{1,60}\?",
    r"\b(?:(?:i'?m|just) )?curious (?:if|whether|what|how) (?:people|others|any ?one|you guys|folks|y'?all)(?: here| on here)? "
    r"(?:use|do|run|pick|think|prefer)\b[^.;!?]{0,40}(?=[.;!?]|$)",
    # what a rule saves ('just nudge it to the edge of the band, saves fees'): why, not a rule
    r",? (?:it |which |that |this )?saves (?:on )?(?:fees|costs|commissions|turnover|trading|money)\b",
    # ... or keeps down ('- keeps turnover down', 'which minimises trading costs', '-- fewer trades'): why, not a rule
    r"\b(?:(?:it|that|this|which) )?(?:keeps|holds) (?:the |our |my )?(?:turnover|(?:transaction |trading )?costs|fees|trading|churn|"
    r"trades|commissions) (?:down|low|minimal|small|to a minimum|in check|under control)\b",
    r"\b(?:(?:it|that|this|which) )?(?:minimi[sz]es|reduces|lowers|cuts(?: down on)?) (?:the |our |my )?(?:turnover|(?:transaction |"
    r"trading )?costs|fees|churn|trades|trading|commissions)(?= ?[.;!?,)]|$)",
    r"(?:(?<=[-(,;] )|(?<=[-(,;]))(?:(?:it |that )?means )?(?:less|lower|fewer|minimal|reduced) (?:turnover|trades|trading|costs|fees|"
    r"churn|commissions)(?: that way)?(?= ?[.;!?,)]|$)",
    # why a minimum trade is there ('my broker charges a flat fee and tiny trades just eat my money'): the minimum is read
    r"\b(?:because |since |as )?(?:my|our|the) (?:broker|exchange|platform) charges (?:a )?flat fee(?: per (?:trade|order))? and "
    r"(?:tiny|small) (?:trades|orders) (?:just )?(?:eat|eats|kill|burn|waste) (?:my|our|the) (?:money|returns|account)\b",
    # why the cash is kept, before the cash rule that sizes it ('my accountant insists i keep some powder dry for the tax
    # bill, so please always hold 5% in cash')
    rf"\b(?:my|our) (?:accountant|adviser|advisor|wife|husband|partner|cpa) (?:insists|says|wants|thinks) (?:that )?(?:i|we) "
    rf"(?:keep|have|hold) some (?:powder dry|@CASH (?:on hand|aside)|money aside)(?: for [a-z ]{{1,25}}?)?(?=,? so (?:please )?"
    rf"(?:always )?(?:(?:hold|keep) \d+(?:\.\d+)?% (?:in )?@CASH|{MASK}))",     # the cash rule, read or not yet
    # a chat's aside on the costs, said before them ('fee check before u backtest:')
    rf"\b(?:fee|cost)s? check before (?:u|you) (?:backtest|test|run (?:it|this)|{MASK}+)(?= ?:)",    # 'backtest': the report rule's
    # a ticket's note on a client's calls ('nb cl. called 3x re q3 stmt, ignore'): service, not the strategy
    r"\b(?:nb:? )?(?:cl|client|clt)\.? called (?:\d+x|\d+ times|twice|again|repeatedly) (?:re|about|regarding|asking about) "
    r"(?:[a-z0-9]+ ){0,3}?(?:stmt|statement|login|password|fees?|tax forms?|paperwork)(?:,? ignore)?",
    # a committee's heading with its date ('risk sub-committee, 2 october.')
    rf"(?:^|(?<=[.;!?] ))(?:[a-z&-]+ ){{0,2}}(?:committee|sub-committee|board|council)(?: meeting)?,? (?:of |on |dated )?(?:the )?"
    rf"{_DATE}(?= ?[.;:!?])",
    # weights restated as unchanged ('held 60% in SPY and 40% in IEF as before'): the weights are read where they stand
    r"\bas (?:before|previously|agreed|discussed|today)(?= ?[,.;!?]|$)",
    # a journalist's way into the mix ('starts from a plain 60/40 mix of SPY and AGG')
    rf"\b(?:starts|begins|is built) (?:from|with|on) (?:a |the )?(?:plain|simple|classic|basic|standard|vanilla)?(?= [\d{MASK}])",
    # who rebalances ('the desk rebalances on the second trading day')
    rf"(?:^|(?<=[.;!?,] ))(?:the |our )(?:desk|operations team|ops team|back office|trading desk)(?= (?:rebalanc|{MASK}))",
    # the split left to the reader ("i'll leave the split between them to you for now", 'you pick the split', 'idk the
    # split, whatever u think is normal'): no weights given, so the reader asks for them
    r"\b(?:i'?ll |i will |we'?ll |we will )?leave the (?:split|weights|allocation|mix|percentages)(?: between them)? (?:up )?to "
    r"(?:you|u)(?: for now)?\b",
    r"\b(?:you|u) (?:pick|choose|decide|set) the (?:split|weights|allocation|mix|percentages)\b",
    r"\b(?:idk|i don'?t know|not sure (?:about|of)) the (?:split|weights|allocation|mix)(?:,? whatever (?:you|u) think is "
    r"(?:normal|best|sensible|standard|right))?",
    # a decision put off ("i'll think about it over the weekend", 'let me get back to you on the split')
    r"\b(?:i'?ll|we'?ll|i will|we will|let me|let us) (?:think about|decide|sort out|get back to you on|come back to you on) "
    r"(?:it|that|the split|the weights)(?: (?:over the weekend|later|next week|tomorrow|soon))?\b",
    # a request to hear back ("let me know when it's done")
    r"\blet (?:me|us) know when (?:it'?s|it is|that'?s|that is|this is|everything is) (?:done|set up|live|in place|running)\b",
    # the debate before the decision ('after all that debate last night')
    r"\bafter (?:all )?(?:that|the|this|our) (?:debate|discussion|argument|back and forth|arguing)(?: (?:last night|yesterday|"
    r"today|this morning|at dinner))?\b",
    # how long the writer ran something else first ("20 years of the 3-fund before i got curious about antonacci's book")
    r"\b\d+ years (?:of|in|with|on) (?:the |a |my )?(?:#\d+|[a-z-]+(?: [a-z-]+)?)(?: portfolio| fund)? before (?:i|we) (?:got|became|"
    r"started|was|were) (?:curious|interested|hooked|reading)(?: (?:about|in|on|into) [^.;!?,]{1,40})?",
    # a compliance note's enforcement and history ('any trading outside this process will be reported under policy c-12',
    # '1 such case occurred in 2023, with no client loss', 'past breaches, see memo of 11/2024, a 1250 usd settlement, arose
    # from a manual override')
    r"\bany (?:trading|trades?|orders?) outside (?:this|the) (?:process|policy|procedure|system) (?:will|shall|must) be reported"
    r"(?: (?:under|per|to) (?:policy |the )?[a-z0-9-]{1,20})?",
    r"\b(?:1|\d+|no) such (?:case|breach|incident|event)s? (?:has |have )?(?:occurred|happened|was recorded|were recorded)"
    r"(?: in (?:19|20)\d\d)?(?:,? with no (?:client |investor )?loss(?:es)?)?",
    r"\bpast (?:breaches|incidents|violations|overrides)(?:,? see (?:memo|note|report) (?:of |dated )?[\d/]+)?(?:,? an? \d+(?:\.\d+)? usd "
    r"(?:settlement|fine|penalty))?,? (?:arose|came|resulted|stemmed) from (?:an? )?[a-z -]{1,30}?(?:; ?none (?:is|are) permitted"
    r"(?: here)?)?(?=[;.]|$)",
    # a fund's number or a ticket's opening ('fund 12:', 'effective immediately')
    r"\bfund (?:no\.? |#)?\d+(?= ?:)", r"\beffective immediately\b,?",
    # a spreadsheet's column headings ('column a ticker, column b weight:')
    r"\b(?:col|column) [a-z] (?:ticker|symbol|weight|target|name|asset)s?\b",
    r"\bignore the (?:red|yellow|green|grey|gray|highlighted|shaded|blue|old) (?:cells|rows|columns)(?:,? (?:those|they) (?:were|are) "
    r"[a-z']+ tests?)?",
    # the summed drift announced before its rule ("let's gate on l1: ... only trade if sum of drift / 2 > 3pp")
    rf"\blet'?s gate (?:it )?on (?:the )?(?:l1|total drift|sum of drifts?)(?= ?: ?[a-z ]{{0,40}}{MASK})",
    # the writer's wish to try a model, before the model ('want to try 1.')
    rf"\b(?:want|like|going|decided|'d like|would like) to (?:try|build|test|fit|{MASK}+) (?:1|one)\b(?= ?[.;!?,]|$)",
    # a letter's last request ('please kindly confirm.'): the sentence holds nothing else, so no order waits on it
    r"(?:^|(?<=[.;!?] ))(?:please )?(?:kindly )?confirm(?: (?:receipt|it|this|by return))?(?= ?[.!]|$)",
    # a thesis's or a prompt's furniture ('chapter 4 introduces ...', 'act as a quant assistant.')
    r"(?:^|(?<=[.;!?] ))(?:chapter|section|part) \d+(?:\.\d+)* (?:introduces|presents|describes|proposes|develops|studies)\b",
    r"^(?:please )?act as an? [a-z -]{1,30}?(?= ?[.:])",
    # a voice memo's musing ('thinking about the crypto thing again.'), dropped by the writer in the next breath
    r"(?:^|(?<=[.;!?] ))(?:i'?m |been )?thinking about (?:the |that |my )?[a-z -]{1,25}? (?:thing|idea|stuff)s? again(?= ?[.;!?])",
    # a social post's hashtags ('#investing #discipline', '#trading #markets'): tags, no rule ('#3' counts assets)
    r"(?<![\w#])#[a-z][a-z0-9_]*(?: #[a-z][a-z0-9_]*)*",
    # where a lesson comes from ('lesson from managing a 400m usd book', 'takeaways from 10 years of running a prop desk'):
    # the writer's career; the lesson itself is read after it
    r"\b(?:(?:a|1|my|the|our|big|biggest|hard|key) )*(?:lessons?|takeaways?|tips?)(?: (?:i'?ve |we'?ve )?(?:learned|learnt))? "
    r"(?:from|after) (?:\d+ (?:years|decades) (?:of |in )?)?(?:managing|running|trading|working (?:on|at)|sitting on|advising) "
    r"(?:an? |the |my |our )?[a-z0-9 ]{0,30}?(?:book|fund|desk|portfolios?|money|aum|pension|endowment|clients?)\b",
    # an options trader's trades told as background ('30-delta, 45 DTE', 'a 16 delta put'): rbl trades no options
    r"\b\d+[- ]?(?:delta|dte)\b(?: (?:puts?|calls?|strangles?|straddles?|spreads?))?", r"\byou know the drill\b",
    # what the writer does all day instead, said to ask for something plain ('instead of delta-hedging all day i want
    # something mechanical'): the plain thing is described after it
    r"\binstead of [a-z-]+ing(?: [a-z-]+){0,3}? (?:all day|all the time|constantly|every day|by hand|manually),? (?:i|we) ?"
    r"(?:want|need|'d like| would like| am after|'m after) (?:something|a (?:system|rule|process|setup|strategy))(?: (?:more|fully|"
    r"purely|totally|simple|boring|mechanical|systematic|rules-based|automatic|automated|hands-off|passive|lazy|and))+\b",
    # a forwarded message's separator and a reply's one-word opening ('---- forwarded ----', 'confirmed: VTI 70 / BNDX 30')
    r"-{2,} ?(?:begin )?(?:forwarded|original)(?: message| e-?mail| note)? ?-{2,}",
    r"(?:^|(?<=[.;!?] )|(?<=-- ))(?:confirmed|agreed|noted|done|understood)(?= ?:)",
    # a chat's opener naming the book it is about ('thinking out loud on the sector sleeve', 'musing about the bond bucket'):
    # the holdings and rules follow
    r"(?:^|(?<=[.;!?] ))(?:just |some )?(?:(?:thinking )?out loud|musing|brainstorming|random thoughts?|half-baked idea) (?:on|about|re:?|"
    r"for) (?:the |my |our )?(?:[a-z-]+ ){0,2}(?:sleeve|bucket|book|portfolio|account|allocation|mix)(?= ?[,:(]|$)",
    # a blog's nod to its readers and the writer's temper ('regular readers know i don't fiddle'): no rule
    r"\b(?:regular|long-?time|loyal|longtime|old) readers (?:know|will know|will remember|may remember|have heard)(?: (?:that )?"
    r"(?:i|we) (?:don'?t|do not|never|rarely) (?:fiddle|tinker|meddle|trade much|do much))?(?= ?[.;!?,]|$)",
    # what an old habit cost, told ('i used to rebalance every month, which meant lots of small pointless trades')
    r",? which meant (?:lots of|a lot of|loads of|too many|many|endless|more) (?:small |tiny |pointless |useless |needless |unnecessary )*"
    r"(?:trades|fees|costs|turnover|churn|commissions|tickets)(?= ?[.;!?,]|$)",
    # a past trigger told as what happened ('in march, after the tariff wobble, it came to 4.1 and i rebalanced')
    r"\b(?:in|last|back in) (?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:,? after [^.;!?,\d]{1,30},)? (?:it|the (?:number|total|drift|sum|gap)) (?:came to|hit|reached|got to|was) \d+(?:\.\d+)?"
    r"(?:%|pp| points)? and (?:i|we) (?:rebalanced|traded|acted|did)(?= ?[.;!?,]|$)",
    # a minute's item heading, a sentence of its own ('rebalancing ranges.', 'tolerance bands.'): the rule follows
    r"(?:^|(?<=[.;!?] ))(?:rebalancing|rebalance|tolerance|drift|policy) (?:ranges|bands|tolerances|policy|rules|procedure)"
    r"(?= ?[.:])",
    # a minute's item heading the weights it confirms ('policy portfolio confirmed: ACWI 55%, ...')
    r"(?:^|(?<=[.;!?] ))(?:the )?(?:policy|target|strategic|long-term) (?:portfolio|allocation|weights|mix) (?:confirmed|agreed|"
    r"approved|adopted|reaffirmed|unchanged)(?= ?:)",
    # a post's edit note about its own spelling ('edit: typo in the ticker list, fixed XLY', 'edit 2: formatting'): a
    # ticker it names is read where the list holds it; an edit that adds or changes a rule is read as usual
    r"(?:^|(?<=[.;!?] ))(?:edit|edited|update|eta)(?: ?\d)? ?: ?(?:fixed (?:a |the |my )?)?(?:typos?|formatting|spelling|a typo)"
    r"(?: in (?:the |my )?(?:ticker list|tickers|title|list|post|table))?(?:,? (?:fixed|corrected) (?:it|that|@[A-Z][A-Z0-9_]*))?"
    r"(?= ?[.;!?]|$)",
    # figures told about the person or the account, not the strategy: money spread across several accounts ('about 120000 usd
    # across a roth and a taxable account'), income and contributions per month ('needs ~4000 usd/mo income', 'contributing
    # 1500 usd/mo to the 401k; no change there'), what trading cost in the past ('i think i paid 4 hundred bucks'), a plan's
    # actuarial rates ('the 5.25% discount rate adopted in 2024'), money elsewhere ('that is 40 grand just sitting there'); rbl
    # sizes no account by them (an adviser's fee on the assets is rules_money's _management_fee)
    rf"\b(?:(?:about|around|roughly|approximately|approx\.?|nearly|almost|just (?:over|under)) |~ ?)?{_MONEY} (?:across|spread "
    rf"(?:over|across|between)|split (?:between|across)|between) (?:my |our |her |his |their |both |\d+ |a |an |the )?{_ACCOUNTS}"
    rf"(?:,? and (?:a |an |my |our |the )?{_ACCOUNTS})?",
    rf"\b(?:still |currently |also )?(?:needs?|needing|draws?|drawing|lives? on|living on|spends?|spending|contribut(?:es?|ing)"
    rf"|saves?|saving|puts? away|putting away) (?:about |around |roughly |like )?~? ?{_MONEY} ?(?:/ ?|a |an |per |each |every )"
    rf"(?:mo|month|yr|year|week|wk|paycheck|paycheque)\b(?: (?:of |in )?income)?(?: (?:to|into|in) (?:the |my |our |her |his |their )?"
    rf"{_ACCOUNTS})?(?:[;,] no change (?:there|to (?:that|it|those|them))(?: for now)?)?",
    r"\bno change to (?:the |her |his |their |my |our )?(?:withdrawals|contributions|income|savings rate)(?: for now)?\b",
    rf"\b(?:(?:i|we) (?:think|guess|reckon) )?(?:i|we|it) (?:paid|spent|cost (?:me|us)) (?:like |about |around |roughly |maybe |almost "
    rf"|nearly |over |close to |~ ?)?{_MONEY}(?: in (?:fees|commissions|costs|trading costs|taxes|spreads|slippage))?"
    rf"(?: (?:last|this) year| in (?:19|20)\d\d| in (?:a|one|1) (?:month|week|year|quarter)| last (?:month|week|quarter))?",
    # ... said without its subject, in brackets after the story ('the fees killed me (paid like $1,900 in a month)'):
    # only with the time it was paid in, never 'paid 5 usd per trade'
    rf"(?<![\w-])paid (?:like |about |around |roughly |nearly |over |~ ?)?{_MONEY}(?: in (?:fees|commissions|costs|spreads|slippage))?"
    rf" (?:in (?:a|one|1|the last|the first) (?:month|week|year|quarter)|last (?:month|week|year|quarter))\b",
    r"\b(?:(?:including|incl\.?) )?(?:the |a |an |our |its )?\d+(?:\.\d+)?% (?:discount|interest|mortgage|hurdle|actuarial|valuation)"
    r" rates?(?: (?:adopted|assumed|set|used|agreed)(?: (?:in|since|for) (?:19|20)\d\d)?)?",
    rf"\b(?:that'?s|that is|it'?s|it is) (?:like |about |around |roughly )?{_MONEY} (?:just )?(?:sitting|lying|parked)"
    r" (?:there|around|idle|doing nothing)\b"))


def carries_meaning(word: str) -> bool:
    """Could `word` change what the strategy trades? Numbers, tickers, trading words, negations, limits."""
    word = word.strip(".,;:!?\"'").lower()
    if _YEAR.fullmatch(word) or word in _PEOPLE:      # a year told in a story ('in 2008', '2022 losses')
        return False
    if not word or re.search(r"[\d%$@#]", word) or _NEGATION.search(word):
        return True
    if "-" in word.strip("-"):         # 'mid-month', 'turn-of-month': any part with meaning gives the word meaning
        return any(carries_meaning(part) for part in word.split("-") if part)
    return word in _WORDS or word.startswith(_STEMS) or word.rstrip("s") in _WORDS


# Words with meaning only beside a stronger one: a time, a quantity, a direction, a negation ('i'm in surgery most
# days so please don't ring me', 'away for most of may'). A clause of these alone, with no rule reading in it, is chatter.
_WEAK = frozenset("""no not nor none without never up down half third double triple twice end start begin until
since before after during last next previous early late immediately instead low high safe off away apart most least
more less fewer mean under mid value open close move moves moved moving above below beneath within between outside
inside beyond higher lower strong weak day days week weeks month months year years hour hours""".split())
# A period said as a frequency or a point of the calendar ('once a month', 'every few weeks', 'end of the month').
_PERIOD_SAID = re.compile(r"\b(?:a|an|per|every|each|once|twice|few|several|couple of|other|\d+)\s+(?:days?|weeks?|months?|years?|hours?)\b"
                          r"|\b(?:end|start|beginning|turn|close|middle) of (?:the |each |every |a )?(?:day|week|month|year)\b"
                          r"|\b(?:day|week|month|year)[- ](?:end|start)\b"
                          # a count of times in a period ('twice in the first month')
                          r"|\b(?:once|twice|thrice|\d+ times)\b[^.;:!?]{0,30}?\b(?:days?|weeks?|months?|quarters?|years?)\b")


def only_weak_words(clause: str) -> bool:
    """Is every meaningful word of `clause` (no rule read in it, background blanked) one that needs a stronger word
    beside it?"""
    if MASK in clause or _PERIOD_SAID.search(clause):
        return False
    words = (w.strip(".,;:!?\"'()").lower() for w in re.findall(r"@?[\w'%$#.-]+", clause))
    return not any(carries_meaning(w) and w not in _WEAK and not _NEGATION.search(w) for w in words if w)


# Trading words the reader treats as filler once a rule has read the phrase around them.
_TRADING = frozenset("rebalance rebalanced rebalancing rebal trade trades trading traded buy sell hold keep put invest "
                     "allocate weight target own touch leverage".split())


# A clause: words between punctuation, a decimal point or a thousands comma inside a number not breaking it.
CLAUSE = r"(?:[^.;:!?,\n]|(?<=\d)[.,](?=\d))+"

# A clause these open states a condition: whatever it holds decides when the strategy trades.
CONDITION = re.compile(r"\b(?:when|whenever|if|unless|while|until|once|as soon as|in case|provided)\b")


def negated(clause: str) -> bool:
    """Does `clause` hold a negation ('no need to approve', "don't", 'without approval')?"""
    return any(_NEGATION.search(w) for w in re.findall(r"[\w']+", clause.lower()))


def idle_negation(word: str, clause: str) -> bool:
    """A negation in a clause with no asset, number or trading word negates chatter ('can't find the link now')."""
    if not _NEGATION.search(word.strip(".,;:!?\"'").lower()):
        return False
    words = re.findall(r"@?[\w'%$#-]+", clause)
    return not any(w.startswith("@") or w in _TRADING or (carries_meaning(w) and not _NEGATION.search(w)) for w in words)


# A story or an opinion: a past-tense verb, or words that report what someone thinks or felt.
# ('did the winner beat T-bills?': a rule asked as a question, the subject after 'did', no story)
_NARRATIVE = re.compile(r"\b(?:was|were|had|did(?! (?:the winner|the leader|it|that|they|either|both) (?:beat|outperform|exceed|"
                        r"clear|top)\b)|got|ran|went|made|took|felt|thought|knew|said|told|saw|came|tried|lost|"
                        r"survived|swore|panicked|fell|rose|sank|slid|(?:i|we|he|she|they)(?: [a-z]+)? (?:sold|bought|dumped)|"
                        r"began|became|grew|learned|learnt|used to|been|agreed|concluded|read about|"
                        # ('decided at month-end', 'decided on the last trading day': when the signal is taken, no story)
                        r"decided(?! (?:at|on) (?:the |each |every )?(?:month[- ]end|quarter[- ]end|(?:monthly |month'?s )?close|"
                        r"last trading day|end of))|"
                        r"i think|i know|i feel|i believe|i guess|i hate|i love|honestly|in my experience|"
                        r"lesson learned|everyone says|people say|bugs? me|drives? me|swears? by|"
                        r"(?:is|are) (?:not |really |pretty |quite )?(?:great|terrible|awful|horrible|crazy|insane|ridiculous|annoying)|"
                        r"(?:is|are) (?:[a-z]+ly )?(?:simple|easy|straightforward|boring|elegant|clever|neat|obvious)|"
                        # why a day or a time is not chosen ('monday is too noisy after weekend news')
                        r"(?:is|are|gets|get) (?:way |much |far |just |a bit |often |usually )?too (?:noisy|volatile|choppy|busy|"
                        r"quiet|thin|illiquid|jumpy|crazy|wild|random|unpredictable)|"
                        r"my (?:buddy|friend|wife|husband|partner|dad|father|mother|mom|colleague|boss|brother|sister|"
                        r"neighbou?r|(?:old |previous |former )?(?:adviser|advisor|broker|planner)) (?:does|uses|runs|likes|says))\b"
                        r"|\b(?:i|we|he|she|they|it|(?:my|our)(?: [a-z]+){1,3}|the (?:committee|board|team|client|desk|trustees?|family|chair|chairman|chairwoman|secretary|treasurer|auditors?|"
                        r"siblings|adviser|advisor|broker|fund|manager))(?: [a-z]+ly)? [a-z]+[^e]ed\b")
# A story that tells its numbers: dated ('in 2008', 'two years ago') or lived through ('i lost 40%', "i've been burned by a
# 35% drawdown"). Its numbers are what happened, not the strategy's.
_TOLD_WITH_NUMBERS = re.compile(r"\b(?:19[5-9]|20[0-3])\d\b|\bago\b|\b(?:i|we)(?:'ve| have)? (?:been burned|been through|"
                                r"sat through|lost|went through|survived|watched|saw)\b")
# 'one' said as 'a' ('moving every client onto one simple model'): a count of one thing, no figure of the strategy's; in a
# story of trading ('i rebalanced one fund at a time') the count could be how the strategy trades, and it stays a number
_TRADED = re.compile(r"\b(?:rebalanc|trad|buy|bought|sell|sold)\w*")
_A_ONE = re.compile(r"\b1 (?!(?:%|pp|x|bps?|points?|days?|weeks?|months?|quarters?|years?|bars?|times?|per)\b)(?=[a-z])")
# A condition that could be told in the past tense ('if we lost 30% since 2020'): never a story.
_IF = re.compile(r"\b(?:if|unless|when|whenever|in case|provided)\b")
# Words that make a clause an instruction or a wish: never a story, whatever its tense.
_WISH = re.compile(r"\b(?:want|wants|wanted|would like|'d like|like to|please|should|shall|must|need|needs|let'?s|skip|avoid|"
                   r"can you|could you|make sure|set|keep|use|hold|switch|switching|propose|plan|going to|gonna|"
                   r"will|'ll|wish|prefer|rather|instead|only|except|unless|"
                   # a rule passed on in someone's words ('my wife says we shouldn't rebalance more than once a quarter')
                   r"shouldn'?t|mustn'?t|can'?t|cannot|"
                   # a negated instruction in the present ('don't touch SPY', 'never sell VNQ'); 'never sold' is told
                   r"(?:don'?t|do not|never) (?:touch|sell|buy|trade|rebalance|rebal|trim|let)\b|"
                   # an instruction drawn from the story: '... are awful so trade at the close'
                   r"(?:so|therefore|hence|thus|which is why),? (?:we |i |it |let'?s )?(?:should |must |will |'ll )?(?:trade|rebalance|"
                   r"buy|sell|execute|fill|place|check|move|go))\b")


def background_spans(text: str, unmasked: str | None = None) -> list[tuple[int, int]]:
    """Where `text` (masked where rules read; `unmasked` as normalized) tells time spent or chat idiom ('for years',
    'long time'), a story or an analogy."""
    return ([m.span() for pattern in _BACKGROUND for m in pattern.finditer(text)] + story_spans(text, unmasked)
            + analogy_spans(text))


# An analogy opening its clause ('think of it like a short strangle with wide wings', 'like selling premium into a spike',
# "it's like rolling the untested side"): what the strategy resembles, not what it does. A clause holding a number, an
# asset, a negation, a condition or a calendar word is read as usual ('like 5%', 'like never on mondays').
_ANALOGY = re.compile(r"(?:^|(?<=[.;!?,] ))(?:(?:think of it|treat it|picture it|see it) (?:like|as)|(?:it'?s|it is|this is|that'?s)"
                      r"(?: (?:just|basically|kind of|sort of|a bit))? like|(?:kind of |sort of |just |basically )?like) "
                      r"(?:an? |the )?[a-z]" + CLAUSE)
_NOT_AN_ANALOGY = re.compile(rf"[\d@{MASK}]|\b(?:no|not|never|nor|without|only|except|unless|when|whenever|if|once|while|until|"
                             r"daily|weekly|monthly|quarterly|annually|yearly|every|each)\b|n't\b")


def analogy_spans(text: str) -> list[tuple[int, int]]:
    """The clauses of `text` that open with an analogy and hold nothing a rule could read."""
    return [m.span() for m in _ANALOGY.finditer(text) if not _NOT_AN_ANALOGY.search(m.group())]


# A calendar word that dates a meeting or a document ('minutes of the quarterly meeting', 'our monthly call'): no schedule
# of the strategy's. Not 'review', which traders use for the check itself ('at the quarterly review').
_DATED_FURNITURE = re.compile(r"\b(?:daily|weekly|monthly|quarterly|annual|yearly|semi-?annual)"
                              r" (?:meeting|call|catch-?up|newsletter|report|statement|letter|minutes|committee meeting|board meeting)s?\b")


# The schedule or split a trader moves away from ('move my account away from the monthly schedule', 'switch from
# monthly to weekly', 'weekly instead of monthly', 'we no longer rebalance quarterly', 'replace the static 60/40 with'):
# the old one, never the strategy's.
_CALENDAR_WORD = r"(?:daily|weekly|monthly|quarterly|annual(?:ly)?|yearly|semi-?annual(?:ly)?)"
_OLD_THING = rf"(?:{_CALENDAR_WORD}|\d{{1,3}}(?:/\d{{1,3}})+(?![\d/]))"
_MOVING = (r"(?:(?:i'?d like to |i want to |we(?:'d like| want) to |let'?s |please |we'?re |i'?m )?(?:move|moving|switch|switching|"
           r"change|changing|go|going|get|getting|shift|shifting)(?: (?:my|the|our) (?:account|portfolio|book|strategy|model))? )?")
_LEAVING = (r"(?:away from|off|instead of|rather than|drop(?:ping)?|replac(?:e|ing)|swap(?:ping)?|ditch(?:ing)?|scrap(?:ping)?|"
            r"retir(?:e|ing)|move on from)")
# (not after a hyphen: 'risk-off 30/70' names a state's weights, not a split left behind)
_REPLACED = re.compile(rf"(?<![\w-]){_MOVING}(?:{_LEAVING} (?:the |my |our |a |an )?"
                       rf"(?:(?:old|current|existing|usual|static|classic|traditional|plain),? )*{_OLD_THING}"
                       rf"|from (?:the |a )?{_OLD_THING}(?= to )"
                       rf"|no longer (?:rebalanc\w* |check\w* |trad\w* )?{_CALENDAR_WORD}"
                       rf"|stop(?:ping)? (?:rebalancing |checking |trading )?{_CALENDAR_WORD})"
                       rf"(?: (?:rebalanc\w*|schedule|calendar|approach|rhythm|cadence|checks?|portfolio|mix|allocation|split))*"
                       rf"(?![\w/])")


# Someone else's rule the writer does not take ('my cousin is telling 10% band but i am preferring this only', 'mr. yoon
# dissenting, preferring a 10-point absolute band', 'mr. adeyemi preferred quarterly while ms. ruiz argued for annual'):
# their rule, never the strategy's. Only a preference set against the writer's (a dissent, 'but i prefer this'), not a
# rule the writer takes from an adviser ('my adviser recommends 60/40').
_SOMEONE = (r"(?:(?:my|our) (?:cousin|friend|buddy|brother|sister|wife|husband|partner|dad|father|mother|mom|uncle|colleague|"
            r"boss|neighbou?r|accountant|adviser|advisor|broker)|(?:mr|ms|mrs|dr)\.? [a-z]+)")
_THEIR_RULE = r"(?:an? |the )?[\w%.-]+(?: [\w%.-]+){0,4}?"
_OTHERS_RULE = re.compile(rf"\b{_SOMEONE},? (?:is telling|keeps telling|is saying|says|suggests|wants|likes) (?:me |us )?{_THEIR_RULE} "
                          rf"but (?:i|we) (?:am |are )?(?:prefer|preferring|want|stick (?:to|with)|sticking (?:to|with)|like) "
                          rf"(?:this|mine|my (?:way|rule|band|version))(?: only| 1)?(?![\w-])"
                          rf"|\b(?:(?:while|whereas) )?{_SOMEONE},? (?:dissenting,? preferring|dissented,? preferring|preferred|argued for|argues for|"
                          rf"pushed for) {_THEIR_RULE}(?=[,;.)]| while\b| but\b|$)"
                          # a colleague named, then the team's own choice ('jens still thinks 60 days is better but we're going
                          # with 120 for now'): the choice is read where the rule states it
                          rf"|\b[a-z]+ (?:still )?(?:thinks|prefers|wants|argues|likes) {_THEIR_RULE} (?:is|would be) (?:better|"
                          rf"safer|best),? but (?:we'?re|we are|i'?m|i am) (?:going|sticking|staying) with [\w%.-]+(?: [\w%.-]+){{0,2}}?"
                          rf"(?: for now)?(?=[,;.)]|$)"
                          # someone's advice, then the writer keeping their own ('my buddy says use 12 months instead of 6 but
                          # i'm sticking with 6 for now'): the writer's setting is read where the rule states it
                          rf"|\b{_SOMEONE},? (?:says|said|keeps telling me|tells me|told me|suggests|suggested) (?:to |i should |"
                          rf"we should )?(?:use|go|try|switch to|do|make it) {_THEIR_RULE}(?: [\w%.-]+)?,? but (?:i'?m|i am|we'?re|"
                          rf"we are|i'?ll|we'?ll) (?:sticking|staying|keeping|stick|stay|keep)(?: it)? (?:with|at|to) [\w%.-]+"
                          rf"(?: [\w%.-]+){{0,2}}?(?: for now)?(?=[,;.)]|$)")


# A vote recorded in minutes ('the motion passed 4-1', 'the resolution was carried unanimously'): its numbers are votes.
_VOTE = re.compile(r"\bthe (?:motion|resolution|proposal) (?:passed|carried|was (?:carried|adopted|passed|approved))"
                   r"(?: (?:by )?\d+[-–]\d+| unanimously)?(?![\w-])"
                   # a proposal the next sentence adopts ('the chair proposed moving to equal weights ... agreed
                   # unanimously'): who proposed it is no rule; the proposal is then the decision, read by the rules.
                   # Without the adoption the words stay, and the reader asks about them.
                   r"|\bthe (?:chair|chairman|chairwoman|chairperson|cio|board|committee|trustees?|adviser|advisor|treasurer) "
                   r"(?:proposed|suggested|recommended|moved) (?:moving|switching|changing|going|a (?:move|switch|change)) to"
                   r"(?= [^.;!?]*[.;] (?:this was |the proposal was |it was |motion )?(?:agreed|approved|adopted|carried|"
                   r"accepted)(?: unanimously| by all| nem\.? con\.?)?[.;])")

# A minutes item's topic said before what was said on it ('on frequency, mr. adeyemi preferred quarterly ...', 'as to
# timing:'): a heading, no rule; what follows is read (or asked) on its own.
_MINUTES_TOPIC = re.compile(r"(?:^|(?<=[.;!?] ))(?:on|as to|as for|as regards|regarding|concerning|turning to) (?:the )?"
                            r"(?:question of )?(?:the )?(?:rebalancing |review |trading )?(?:frequency|timing|schedule|cadence)"
                            r"(?=,| -|:)")


# A figure told as history, refused or disowned ('prior manager charged 1.25%', 'last broker was 7 usd a trade', 'client
# declined the 1% aum wrap', 'was a 12% vol target at my old desk', '... is 1.1% but this is not of the strategy'): someone
# else's price or a past setting. Masked before the rules read, so a cost or target rule never takes its number.
# Trades the writer keeps out of the strategy's reach ("don't touch the GLD calls, they're on a separate book"): options on
# a ticker, held elsewhere; rbl trades no options, and the ticker named there is no asset of the strategy. Likewise money
# paid before and a book's name in a heading.
_OTHER_BOOKS = tuple(re.compile(p) for p in (
    r"\b(?:(?:and |but |please )?(?:don'?t|do not|never) (?:touch|trade|close|sell|roll|hedge) (?:the |my |our |any )?@[A-Z][A-Z0-9_]* "
    r"(?:calls|puts|options|call options|put options|covered calls|call spreads|put spreads|leaps)"
    r"(?:,? (?:they'?re|they are|those are|which are|as they are|as those are) (?:on|in|held (?:on|in)) (?:a |the )?(?:separate|"
    r"different|other|another) (?:book|account|desk|strategy|portfolio))?)(?= ?[.;!?,]|$)",
    # the book a hand-over note is about, named in its heading ('handover notes, rates/commodities sleeve,'): an asset class
    # in the book's name is no holding; the holdings follow
    r"^(?:handover|hand-over|hand-off|cover|desk|trading) notes?,? (?:(?:[a-z&-]+|@[A-Z][A-Z0-9_]*)(?:/| |/ )){0,3}?(?:sleeve|book|"
    r"desk|portfolio|account)(?=[,.:])",
    # money the desk paid told as history ('last quarter we paid ~40k in costs on this sleeve alone')
    r"\b(?:last|this|past) (?:quarter|year|month|week) (?:we|i) (?:paid|spent|racked up|burned|lost) (?:~|about |around |roughly |"
    r"over |almost |nearly )?\d+(?:\.\d+)?(?:k|m| usd)? (?:usd )?(?:in|on) (?:trading |transaction )?(?:costs|fees|commissions|"
    r"slippage|spread)(?: on (?:this|the|that) [a-z/ ]{1,25}?)?(?: alone)?(?= ?[.;!?,]|$)"))
# Relatives and friends: their money is not the writer's ('my brother-in-law', 'my uncle', 'a friend of mine').
_KIN = (r"(?:(?:older |younger |big |little |kid )?(?:brother|sister|cousin|uncle|aunt|auntie|nephew|niece|grand(?:father|mother|"
        r"pa|ma|dad|mum|mom))|(?:brother|sister|father|mother|son|daughter)[- ]in[- ]law|(?:best )?(?:friend|buddy|mate|pal)|"
        r"(?:dad|father|mum|mom|mother|parents|in-laws|neighbou?r|colleague|coworker|co-worker|boss))")
_SENTENCE_ON = r"(?:[^.;!?]|(?<=\d)\.(?=\d))"       # the sentence's words, a decimal point inside a number not ending it
_CLAUSE_ON = r"(?:[^.;!?,]|(?<=\d)\.(?=\d))"
_TOLD_FIGURES = tuple(re.compile(p) for p in (
    # what a year did to the writer's book ('max drawdown in 2020 was only ~12% for me, which sold me on it'): a past
    # year's figure, never a limit
    r"\b(?:(?:my |the |its )?(?:max(?:imum)? )?drawdown|(?:my |the |its )?(?:returns?|cagr|loss|gain|performance))"
    r" (?:in|during|for|over|through) (?:(?:19|20)\d\d|last year|the (?:covid|2008|2022|gfc|rate|dot-?com) (?:crash|selloff|sell-off|"
    r"drawdown|crisis))(?: (?:was|were|came to|hit|reached|got to|topped out at)) (?:only |just |about |around |roughly |~ ?)*"
    r"-?\d+(?:\.\d+)?%(?: for (?:me|us))?(?:,? which (?:sold|convinced) (?:me|us)(?: on it)?)?",
    # a backtest's result against a baseline's ('in-sample sharpe was 0.9 against 0.8 for the plain 5pp band', 'cagr of 7%
    # vs 6.5% with the static mix'): the baseline is the one compared against, not a rule of this strategy
    r"\b(?:(?:in|out[- ]of)[- ]sample |backtested |historical |realized |realised )?(?:sharpe(?: ratio)?|cagr|annual(?:ized)? return|"
    r"returns?|(?:max(?:imum)? )?drawdown|volatility|vol|turnover)(?: was| is| of| came (?:out|in) at| came to)? -?\d+(?:\.\d+)?%? "
    r"(?:against|vs\.?|versus|compared (?:to|with)) -?\d+(?:\.\d+)?%? (?:for|with|from|on|under) (?:the |a |an )?(?:plain|simple|"
    r"static|vanilla|fixed|naive|usual|standard|old|baseline|benchmark|calendar|buy[- ]and[- ]hold)\b[^.;!?@]{0,30}?(?=[.;!?,]|$)"
    r"(?:,? so (?:the )?(?:gain|edge|improvement|difference|benefit) is (?:modest|small|marginal|real|meaningful|tiny|slim|"
    r"notable))?",
    r"\b(?:(?:my|our|the|their|client'?s?) )?(?:prior|previous|former|old|last|past) (?:manager|adviser|advisor|broker|custodian|"
    rf"platform|bank|provider|firm|planner|robo)s? (?:[a-z]+ )?(?:charged|charges|took|used to charge|was|were|wanted)\b{_CLAUSE_ON}*"
    r"(?:,? (?:which is why|that'?s why|so) (?:they|we|i|he|she) (?:moved|left|switched)|,? glad (?:that'?s|that is|thats|it'?s) over)?",
    r"\b(?:i|we) (?:paid|used to pay|was paying|were paying) (?:an? )?\d+(?:\.\d+)?% (?:a year |annual |yearly )?(?:fee )?(?:to|for) "
    r"(?:my|our) (?:old|previous|former|last) (?:adviser|advisor|broker|manager|planner|bank)(?: for (?:years|decades|a decade))?"
    r"(?:,? so (?:i am|i'?m|we are|we'?re) (?:glad|happy|pleased) to (?:be )?(?:doing|do|run|running|manage|managing) "
    r"(?:this|it) (?:myself|ourselves))?",
    r"\b(?:the )?(?:client|customer|household|trustees?|board|committee|we|i|he|she|they) (?:declined|rejected|refused|turned down|"
    r"passed on|opted out of) (?:the |a |an |our |your )?(?:\d+(?:\.\d+)?% )?(?:aum |advisory |management |annual |wrap |flat )*"
    r"(?:wrap(?: fee| account| program)?|fee|fees|fee schedule|pricing|plan|advice service)\b",
    r"\b(?:was|were|used to be|used to run|ran) (?:an? |the )?[^.;!?,@]{0,30}? (?:at|in|on) (?:my|our) (?:old|previous|last|former|first) "
    r"(?:desk|job|firm|shop|fund|bank|employer|place|team)\b",
    # a fee paid on a former account, disowned ('on the old account i was paying a 0.25% annual wrap fee, which is why i'm
    # moving, so please don't include that one'): the account being left, not this strategy's cost
    rf"\b(?:on|in|with|at) (?:the|my|our) (?:old|previous|former|last) (?:account|broker|platform|bank|adviser|advisor|"
    rf"provider) (?:i|we) (?:was paying|were paying|paid|used to pay)\b{_CLAUSE_ON}*"
    r"(?:,? (?:which is why|that'?s why|and that'?s why) (?:i'?m|we'?re|i am|we are) (?:moving|leaving|switching|here))?"
    r"(?:,? so (?:please )?(?:don'?t|do not) (?:include|model|count|add|charge|use) (?:that|it|this|that fee)(?: 1| fee)?)?",
    # a fee a relative or a friend pays for their own money ('my brother-in-law pays an advisor 1% a year for basically this
    # lol', 'my dad is paying his bank 1.5% for a balanced fund'): their account, not this strategy's cost
    rf"\b(?:my|our) (?:{_KIN}) (?:pays|paid|is paying|was paying|has been paying|used to pay|gets charged|got charged|is charged|"
    rf"was charged)\b{_CLAUSE_ON}*",
    # a disclaimer that a figure is not the strategy's ('the iof tax i pay is 1.1% but this is not of the strategy',
    # 'not relevant to the mandate'): the clause holding it says so itself, and only that clause is skipped
    rf"(?:^|(?<=[.;!?,] )){_CLAUSE_ON}*? ?(?:but )?(?:this|that|it|which) (?:is|'s) not (?:part )?(?:of|for|in|relevant to) (?:the|my|our) "
    r"(?:strategy|mandate|model|backtest|portfolio)\b",
    rf"(?:^|(?<=[.;!?] ))(?:{_SENTENCE_ON}*?[;,] ?)?not (?:relevant|applicable|related) to (?:the|this|my|our) "
    r"(?:strategy|mandate|model|backtest|portfolio)\b",
    # money the fund pays out, a policy of its own ('the 4.5% spending rate is also unchanged', 'the 5% draw for operations is
    # unchanged', 'our payout rate stays at 4%'): rbl trades the portfolio, not its spending, so the figure sets no rule
    r"\b(?:the |our |its |an? )?(?:\d+(?:\.\d+)?% )?(?:annual |yearly )?(?:spending|payout|distribution) (?:rate|policy|rule)"
    r"(?:,? (?:of |at )?\d+(?:\.\d+)?%,?)? (?:is|remains|stays|will (?:remain|stay|be))(?: also| still)? (?:unchanged|the same|as before|"
    r"(?:at |)\d+(?:\.\d+)?%)(?= ?[.;!?]|$)",
    r"\b(?:the |our |its |an? )?\d+(?:\.\d+)?% (?:annual |yearly )?draw (?:for|on|to fund) (?:the )?[a-z ]{1,25}? (?:is|remains|stays|"
    r"will (?:remain|stay))(?: also| still)? (?:unchanged|the same|as before)(?= ?[.;!?]|$)",
    # a performance told ('the fund returned 8.4% last year', 'pnl ytd +3.2%', 'results: up 14% vs spy's 11%', 'i was 100%
    # in bank stocks back then'): what happened, said at the clause's start, so a condition's figure ('if the fund is down
    # 20%') is never one
    rf"(?:^|(?<=[.;!?,:(] ))(?:(?:the )?(?:committee|board|trustees|chair|cio|members|we) (?:noted|heard|observed|recorded|were told|"
    rf"was told|reported) (?:that )?)?(?:the |our |my |its )?(?:fund|portfolio|endowment|account|book|strategy|model|plan|sleeve|it) "
    rf"(?:returned|gained|earned|made|lost|did|was up|was down|came in at) [+-]?\d+(?:\.\d+)?%{_CLAUSE_ON}*",
    r"(?:^|(?<=[.;!?,:(] ))(?:(?:paper|backtest(?:ed)?|live|past|recent) )?(?:pnl|p&l|p/l|results?|returns?|performance)"
    r"(?: (?:ytd|mtd|qtd|so far|this year|last year|since inception))?:? ?(?:(?:is |was )?(?:up |down )?[+-]?\d+(?:\.\d+)?%"
    r"(?: (?:a|per) year)?)(?: (?:vs\.?|versus|against|compared (?:to|with)) [^.;!?,]*)?"
    # the result's sample doubted in the same breath ('though with only 18 months i know that's noise')
    r"(?:,? (?:though|but|although) (?:with |over |after )?(?:only |just )?\d+ (?:months|years|weeks|trades)(?: of data)?,? (?:i know |i guess |so )?"
    r"(?:that'?s|that is|it'?s|it is) (?:probably |likely |mostly )?(?:noise|luck|not much|meaningless|a small sample|not significant))?"
    r"(?= ?[.;!?,]|$)",
    r"(?:^|(?<=[.;!?,:(] ))(?:i|we) (?:was|were) \d+% in [a-z ]{1,30}?(?: back then| at the time| in \d{4})?(?:,? (?:down|up) "
    r"(?:like |about |around )?\d+%)?(?= ?[.;!?,)]|$)",
    # a setting someone suggested and the writer keeps aside ('my supervisor suggested also trying 60 days, but that is in
    # the appendix, not the main model')
    r"\b(?:my|our) (?:supervisor|advisor|adviser|boss|professor|colleague|manager|reviewer|examiner) (?:suggested|proposed|"
    r"recommended) (?:also )?(?:trying|testing|using) [^.;!?,]{1,30}?,? but (?:that|this|it) (?:is|goes|stays) (?:in|for) (?:the |an )?"
    r"(?:appendix|robustness checks?|footnotes?|a later chapter)(?:,? not (?:in )?the main (?:model|strategy|results?))?",
    # someone's feelings about how often it trades ('my accountant hates seeing 20 trades a year lol'): no limit set
    r"\bmy (?:accountant|tax (?:guy|person|adviser|advisor)|wife|husband|partner|spouse|adviser|advisor|broker|boss|dad|mum|mom|"
    r"cpa) (?:hates|loves|likes|complains about|moans about|grumbles about|freaks out (?:at|about|over)) (?:seeing|getting|filing|"
    r"doing|all) [^.;!?,]{1,40}?(?: lol| haha| lmao)?(?=[.;!?,]|$)",
    # a customer's question opening the text, answered after it ('do i pay anything when you rebalance?', 'why is some of
    # my money always in cash?'): the answer holds the facts; the question's words are not read as a rule
    # ('can you rebalance it monthly?' is a request, and a question naming a calendar is read)
    r"^(?:do|does|did|why|how|what|when|is|are) (?=[^.;!?]*\b(?:i|my|me|you|your|model|portfolio|account)\b)(?![^.;!?]*\b(?:daily|weekly|monthly|quarterly|"
    r"annually|yearly|every|each)\b)[^.;!?\d]{1,80}\?(?= ?\S)",
    # the other side's question in a reply chain ('which day of the week did you want for the rebalance?', 'what split would
    # you like?'): the writer's answer holds the fact; a question naming a number or an asset is left to be read
    r"(?:^|(?<=[.;!?,] ))(?:which|what|when|how often|how much)\b[^.;!?\d@]{0,60}?\b(?:do|did|would|will) you (?:want|like|prefer|"
    r"need)\b[^.;!?\d@]{0,40}\?"))


# The day money reaches the writer ('i receive my pension on the 1st', 'after the pension has arrived') or a birthday ('the
# client's birthday is on the 19th, send a card'): a day of their life, masked before the rules so it is never taken for the strategy's schedule.
_PAY_DAYS = tuple(re.compile(p) for p in (
    r"\b(?:the )?(?:client'?s?|my|our|his|her|their) (?:birthday|anniversary|wedding|wedding anniversary) is (?:on )?(?:the )?"
    r"\d{1,2}(?:st|nd|rd|th)\b(?:,? (?:so )?(?:please )?send (?:a|them|him|her) (?:card|gift|note|flowers))?",
    r"\b(?:i|we) (?:receive|get|am paid|are paid|get paid|collect) (?:my|our) (?:pension|salary|paycheck|pay|wages|income|"
    r"social security|annuity)(?: payments?)? on the \d{1,2}(?:st|nd|rd|th)(?: of (?:the|each|every) month)?\b",
    r",? ?after (?:the|my|our) (?:pension|salary|paycheck|pay|wages|income|annuity) (?:has |have )?(?:arrived|come in|landed|cleared|"
    r"been paid)\b",
    # why that day: pay arrives, money may be added ('since our salaries arrive at the start of the month and we may add
    # money then'): the rebalance day is said apart, and rbl models no deposits
    r",? ?(?:since|because|as) (?:our|my) (?:salar(?:y|ies)|pay(?:checks?)?|wages|pensions?|income) (?:arrives?|comes? in|lands?|"
    r"(?:is|are) paid|hits?)(?: (?:at|on|around) the (?:start|beginning|end|middle) of (?:the|each|every) month| on the "
    r"\d{1,2}(?:st|nd|rd|th)| (?:just )?before(?:hand)?| by then)?(?: and (?:we|i) (?:may|might|will|usually|often) (?:add|top up|"
    r"deposit|put in)(?: (?:some )?(?:money|@CASH|funds))?(?: then)?)?"))


# A split set aside for the one meant ('not 70/30, make it 65/35', 'not 60/40 but 70/30'): the first split, and the
# holdings written with its numbers in the quoted message it corrects ('> > QQQ 70, TLT 30, rebalance quarterly'), are the
# superseded ones; the split meant is read where it stands.
_SET_ASIDE = re.compile(r"\bnot (\d{1,3}(?:/\d{1,3})+),? (?:make (?:it|that)|but|rather|it'?s|it should be|should be)"
                        r"(?= \d{1,3}(?:/\d{1,3})+(?![\d/]))")


# A schedule taken back ('rebalanced monthly. wait no, scratch monthly, ... quarterly it is'): the schedule scratched, and
# where it was said before, are superseded; the schedule meant is read where it stands.
_SCRATCHED = re.compile(rf"\b(?:(?:wait,? no|no wait|actually|hmm),? )?(?:scratch|forget|cancel) (?:the )?({_CALENDAR_WORD})\b"
                        r"(?: (?:schedule|rebalanc\w*))?")


def _superseded_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SCRATCHED.finditer(text):
        spans.append(m.span())
        spans += [said.span() for said in re.finditer(rf"\b(?:rebalanc\w* )?{m.group(1)}\b", text[:m.start()])]
    for m in _SET_ASIDE.finditer(text):
        spans.append(m.span())
        numbers = m.group(1).split("/")
        holdings = r"(?:,? and |, ?| ?/ ?| )".join(rf"@[A-Z][A-Z0-9_]* {n}%?" for n in numbers)
        spans += [h.span() for h in re.finditer(rf"(?<![\w@]){holdings}(?![\d.%/])", text)]
    return spans


# Why a day or a setting is chosen, masked before the rules, so the calendar words and figures in it are never the
# strategy's schedule or lookback.
_REASONS = (
    # the reason for a sweep ('to settle the 3% vs 5% argument with my brother-in-law once and for all')
    re.compile(r"\b(?:i want to |to |so i can |so we can )?settle the \d+(?:\.\d+)?(?:%|pp)? (?:vs\.?|versus|or) \d+(?:\.\d+)?(?:%|pp)? "
               r"(?:argument|debate|question|bet)(?: with [a-z' -]{1,30}?)?(?: once and for all)?(?=[.;!?,]|$)"),
    # a setting tried and dropped ('tried a 30-day window in v2, way too noisy, then dropped')
    re.compile(r"\b(?:(?:i|we) )?tried (?:an? |the )?\d+[- ](?:day|week|month)s? (?:window|lookback|band|filter)(?: in v\d+| (?:last|"
               r"before))?(?:,? (?:way |much |far )?too (?:noisy|slow|jumpy|laggy|tight|loose))?(?:,? (?:then |so )?(?:dropped|"
               r"abandoned|scrapped|reverted)(?: it)?)?"),
    # why trades are spread out, in a committee's words ("given the size of the foundation's positions relative to daily
    # volume in the long bond fund,"): 'daily' there is the market's volume, not a schedule
    re.compile(r"\bgiven (?:the )?size of (?:the |our |its |their )?(?:[a-z]+'s? )?(?:positions?|holdings?|orders?|trades?|book) "
               r"(?:relative to|compared (?:to|with)|versus) (?:the )?(?:average )?(?:daily |weekly )?(?:trading )?(?:volume|liquidity|"
               r"turnover)(?: (?:in|of) (?:the )?[a-z -]{1,30}?)?(?=,)"),
    # in a firm's words ('given the tax calendar and the operational workload at the start of a quarter')
    re.compile(r"\bgiven (?:the )?(?:[a-z-]+ ){0,2}(?:calendar|workload|holidays|schedule|logistics|cut-?offs?)(?: and (?:the )?"
               r"(?:[a-z-]+ ){0,2}(?:calendar|workload|holidays|schedule|logistics|cut-?offs?))?(?: (?:at|around) the (?:start|"
               r"end|beginning|turn) of (?:a|the|each|every) (?:month|quarter|year))?(?=,)"))


# When the writer pays their own bills ('i pay my taxes quarterly'): a day of their life, not the strategy's schedule.
_BILLS = (re.compile(r"\b(?:i|we) (?:pay|file) (?:my|our) (?:taxes|tax bills?|estimated taxes|rent|bills|school fees) (?:quarterly|"
                    r"monthly|annually|yearly|every quarter|each quarter|every month|once a year)\b"),
          # the employer's pay day as the reason for the day chosen ('because our payroll day is 28th'); a day said to be
          # avoided is rules_schedules' (it asks when that day is the schedule's own)
          re.compile(r"\bbecause (?:of )?(?:the |our |my )?(?:salary|pay|payroll|pension) ?day (?:of (?:our|my|the) (?:company|"
                     r"employer|firm) )?is (?:the )?\d{1,2}(?:st|nd|rd|th)\b"))


# A calendar that dates something other than trading: a figure told about the strategy ('estimated annual turnover', 'my
# annual bonus'), a review of the policy document ('the committee shall review this policy no less than once every 12
# months'), a meeting, or what is reported or paid ('performance is reported quarterly'). Not 'monthly returns' (a
# measure a rule reads) and not a fee (a cost is asked about), and never a review of the portfolio itself (the check).
_PERIODIC = r"(?:daily|weekly|monthly|quarterly|annual(?:ly)?|yearly|semi-?annual(?:ly)?)"
_EVERY_PERIOD = (rf"(?:(?:no less than |not less than |at least )?(?:once )?(?:a|per|each|every) (?:\d+ |other )?"
                 rf"(?:years?|months?|quarters?|weeks?)|{_PERIODIC})")
_OTHER_CALENDARS = tuple(re.compile(p) for p in (
    rf"\b(?:(?:expected|estimated|projected|average|typical|historical|target) {_PERIODIC} (?:turnover|returns?|income|yield)"
    rf"|{_PERIODIC} (?:turnover|bonus|salary|budget|audit|tax bill))\b"
    r"(?: (?:is|was|of|runs? at|comes? to)(?: (?:about|around|roughly|approximately|near))? ~?\d+(?:\.\d+)?%)?",
    rf"\b(?:(?:shall|will|must|should) )?(?:review|revisit|re-?examine|reconsider|re-?evaluate|update)[sd]?(?:ing)? "
    rf"(?:this|the|our) (?:investment )?(?:policy|mandate|ips|guidelines|policy statement)(?: statement)? {_EVERY_PERIOD}(?![\w-])",
    rf"\b(?:we|the (?:committee|board|trustees|team|partners|members))(?: will| shall)? meets? {_EVERY_PERIOD}(?![\w-])",
    rf"\b(?:performance|results|returns|statements?|reports?|taxes) (?:is |are |will be |gets? )?(?:reported|sent|paid|filed|"
    rf"published|mailed|emailed)(?: out)? {_EVERY_PERIOD}(?![\w-])",
))


# An order opening its clause, about a relative clause told in the past ('but buy more of whatever fell the most', 'tilt
# away from whatever lost the most'): an instruction, never a story ('clients lose 37% and then sell' is one).
# (after a closing with no stop: 'thanks buy more of whatever fell the most')
_ORDER = re.compile(r"(?:^[\s,;:]*|\b(?:and|but|just|please|so|thanks|thx|cheers|ty) )"
                    r"(?:buy|sell|overweight|underweight|tilt|lean|favou?r|fade|trim)\b")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names a meeting or a document by its calendar, the schedule or split it replaces, someone else's rule
    set against the writer's, a figure told as history or a day of the writer's life: read before the rules, so never the
    strategy's."""
    return [m.span() for pattern in (_DATED_FURNITURE, _REPLACED, _OTHERS_RULE, _VOTE, _MINUTES_TOPIC, *_TOLD_FIGURES,
                                     *_OTHER_BOOKS, *_PAY_DAYS, *_REASONS, *_BILLS, *_OTHER_CALENDARS)
            for m in pattern.finditer(text)] + _superseded_spans(text)


def told_figure_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` tells a figure as history or someone else's, or a position held elsewhere: a ticker named only there
    ('up 14% vs SPY's 11%', "don't touch the GLD calls") is never an asset of the strategy."""
    return [m.span() for pattern in (*_TOLD_FIGURES, *_OTHER_BOOKS) for m in pattern.finditer(text)]


# A limit set with a figure ('made me promise it can never be more than 20% of the account', 'at most 30%'): a rule,
# whatever the tense of the story around it.
_LIMIT = re.compile(r"\b(?:never|not|no)\b[^.;!?,\d]{0,25}\b(?:more|less|above|below|over|under|exceed|higher|lower)\b[^.;!?,\d]{0,12}\d"
                    r"|\b(?:at most|at least|max(?:imum)?|cap(?:ped)?(?: at)?|limit(?:ed)? to)\s+\d")


def story_spans(text: str, unmasked: str | None = None) -> list[tuple[int, int]]:
    """The clauses of `text` that tell a story or an opinion ('i got tired of my bonds doing nothing', 'my buddy
    does it weekly'): no rule read them, no number (years aside), a past-tense verb, a reported opinion or someone
    else's habit, no wish, instruction or limit, and no asset named before it (that clause says how the asset trades).
    Their words are not strategy facts, schedules included."""
    spans = []
    for clause in re.finditer(CLAUSE, text):
        words = clause.group()
        if MASK in words or not _NARRATIVE.search(words) or _WISH.search(words) or _IF.search(words) or _ORDER.search(words):
            continue
        before = (unmasked or text)[:clause.start()]
        if any(re.search(rf"{re.escape(t)}\b", before) for t in re.findall(r"@[A-Z][A-Z0-9_]*", words)) or _LIMIT.search(words):
            continue
        told = _YEAR.sub("", words) if _TRADED.search(words) else _A_ONE.sub("", _YEAR.sub("", words))
        if not re.search(r"\d", told) or _TOLD_WITH_NUMBERS.search(words):
            spans.append(clause.span())
    return spans
