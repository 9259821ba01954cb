"""English text -> one lowercase form the offline translator reads, with assets tagged as `@NAME`."""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass, field

from rbl.dsl.english.phrases import ASSET_CLASSES, CASH_NAME
from rbl.dsl.english.spelling import respell
from rbl.dsl.english.tickers import STAND_INS

# Upper-case words that are not tickers: currencies, platforms, acronyms traders use.
GROUP_NICKNAMES = ("FAANG", "FANG", "FAAMG", "MAMAA", "FANGMAN", "MAG7", "BRICS")
NOT_TICKERS = frozenset({
    "US", "USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "USDT", "EA", "ETF", "ETFS", "MOC", "MT5", "MT4",
    "OK", "I", "A", "AND", "OR", "THE", "RBL", "NAV", "RSI", "SMA", "EMA", "FX", "ERC", "AUM", "CAGR",
    "DSL", "MQL5", "MQL", "IF", "NOT", "ALL", "ANY", "BPS", "BP", "PP", "NO", "IR", "JSON", "API", "EW",
    "TBD", "TBA", "NA", "IRA", "ROTH", "HSA", "ISA", "SIPP", "TFSA", "RRSP", "HMM", "HODL", "GEM", "YOLO", "DCA", "ATH", "TLDR", "FYI", "IMO", "ASAP", "EOD", "EOM", "EOQ", "EOY", "YTD", "MTD", "QTD",
    # words written in capitals for emphasis ('fix ONLY that one', 'NEVER use margin', "DON'T"): never tickers
    "ONLY", "NEVER", "ALWAYS", "MUST", "JUST", "EVERY", "EACH", "NOTHING", "EVERYTHING", "NONE", "PLEASE", "NOTE",
    "IMPORTANT", "BEFORE", "AFTER", "MONTHLY", "WEEKLY", "DAILY", "QUARTERLY", "ANNUALLY", "DON", "CAN", "WON", "ISN",
    "DOESN", "SHOULDN", "DONT", "CANT", "WONT", "AUTO", "TOTAL", "BOTH", "EITHER", "AT", "LEAST", "MOST", "MAX", "MIN", "OFF", "OUT", "UP", "DOWN",
    "STOP", "SELL", "BUY", "HOLD", "KEEP", "ZERO", "NEW", "THAT", "THIS", "THEN", "WHEN", "ONE", "TWO", "BUT", "ASK",
    # an investment policy statement, named before the weights it sets ('IPS target: SPY 40%')
    "IPS",
    # a rebalance written in a ticket's capitals ('RBAL TLT/SPY 40/60')
    "RBAL", "REBAL",
    # chat and forum acronyms
    "PSA", "FWIW", "IMHO", "AFAIK", "BTW", "LOL", "LMK", "DYOR", "NFA", "FOMO", "GM", "GN", "WAGMI", "NGMI", "IIRC",
    "AKA", "PS", "CEO", "CFO", "CIO", "USA", "UK", "EU", "ETA", "TBH", "IDK", "OP", "AMA", "ELI5", "PM", "AM",
    "RIP", "SMH", "NGL", "IYKYK",
    # market episodes told in stories ('it dodged most of the GFC')
    "GFC",
    # a strategy's initials ('leaving you the RP book': risk parity)
    "RP",
    # who speaks in a transcript ('GUEST: we let the data tell us the regime. HOST: fascinating.')
    "GUEST", "HOST", "INTERVIEWER", "MODERATOR", "CALLER", "ANALYST", "ANCHOR", "SPEAKER", "PANELIST", "TRANSCRIPT",
    # the capitals of minutes, memos and headings ('it was RESOLVED that', 'INTERNAL', 'RE:'), quarters and halves
    "RESOLVED", "FURTHER", "WHEREAS", "THEREFORE", "AGREED", "NOTED", "APPROVED", "ACTION", "INTERNAL", "CONFIDENTIAL", "DRAFT", "FINAL", "UPDATE",
    "URGENT", "RE", "FW", "FWD", "NB", "TODO", "WIP", "AOB", "COMPLIANCE", "RISK", "MEMO", "NOTICE", "POLICY",
    "SUMMARY", "STRATEGY", "PORTFOLIO", "RULES", "RULE", "SETUP", "EDIT", "EDITED",
    "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY",
    # an options trader's shorthand for the trades told as background ('30-delta, 45 DTE', 'sold OTM puts'): rbl trades
    # no options, and chatter.py lists those words as skipped
    "DTE", "OTM", "ITM", "ATM", "IV", "IVR",
    # a ticket's account field ('ACCT 88213')
    "ACCT",
    # who gives advice ('my CPA says ...')
    "CPA", "CFA", "CFP", "CRO", "COO", "CTO", "CCO",
    # a memo's capitals ('compliance REMINDER') and a distance's name ('gate on L1': the summed drift)
    "REMINDER", "L1", "L2",
    # an insurer's asset-liability management ('the ALM committee')
    "ALM",
    # a market's clock ('after 5pm NY', '4pm EST', '16:00 UTC')
    "NY", "NYC", "EST", "EDT", "UTC", "GMT", "CET", "CEST", "BST",
    # a report's file format ('email me a PDF summary', 'a CSV of the trades')
    "PDF", "CSV", "XLS", "XLSX", "PNG",
    # a group of stocks by its nickname ('equal-weight FAANG (META, AAPL, ...)'): the names, never one ticker
    *GROUP_NICKNAMES,
})
TICKER = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90}
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"[\u2018\u2019]", "'"), (r"[\u201c\u201d]", '"'), (r"[\u2013\u2014]", "-"), (r"\u00d7", "x"),
    # a comma after the amount ends it ('under $40, skip it'); only ',ddd' groups are thousands
    (r"\$\s?(\d+(?:,\d{3})*(?:\.\d+)?)", r"\1 usd"),
    (r"\b(\d+(?:\.\d+)?) usd ?([km])\b", lambda m: _thousands(m.group(1), m.group(2))),
    (r"\b(\d+(?:\.\d+)?) ?([kKmM]) (?=usd\b|USD\b)", lambda m: _thousands(m.group(1), m.group(2).lower()).removesuffix(" usd") + " "),
    # an amount in thousands after what it is ('starting capital 50k', 'account size 250K'): dollars
    (r"(?i)\b(capital|balance|account size|equity)( of| is|:)? (\d+(?:\.\d+)?) ?([km])\b",
     lambda m: f"{m.group(1)}{m.group(2) or ''} {_thousands(m.group(3), m.group(4).lower())}"), (r"(\d),(\d{3})\b", r"\1\2"), (r"(\d),(\d{3})\b", r"\1\2"),
    (r"\s*(?:percent|per cent)\b", "%"), (r"\bbasis[- ]points?\b", "bps"), (r"(\d)[\s-]*bps?\b", r"\1 bps"),
    (r"(\d) ?(?:dollars?|bucks)\b", r"\1 usd"),
    (r"\bpercentage points?\b", "pp"), (r"(?<=\d) ?(?:pct\.?|per ?cent(?:age)?) ?(?:pts?|points?)\b", "pp"),  # '5 pct pts'
    (r"(\d)\s*pp\b", r"\1pp"), (r"(\d)\s*%", r"\1%"),
    (r"(\d(?:\.\d+)?)\s*x\b", r"\1x"), (r"\s*\(\s*", ", "), (r"\s*\)", ","), (r"(\d%) ?(?:\u00b1|\+/-|\+-|plus or minus) ?", r"\1 plus or minus "),
    # 'SPY +/-5': the asset's own band (the weight is said elsewhere)
    (r"(@[A-Z][A-Z0-9_]*):? ?(?:\u00b1|\+/-|\+-) ?(?=\d)", r"\1 plus or minus "),
    (r"(?:\u00b1|\+/-|\+-)\s*", ""),
    (r"\b(?:business|market|working) (days?)\b", r"trading \1"),
    (r"\s+", " "), (r" ?, ?(?=[,.;:])", ""),
)
# Windows as a trader writes them -> "N-unit" ("90-day vol", "over the last 12 months", "200dma").
_WINDOWS: tuple[tuple[str, str], ...] = (
    (r"\b(\d+)[- ]?dma\b", r"\1-day moving average"), (r"\b(\d+)[- ]?d\b", r"\1-day"),
    (r"\b(\d+)[- ]?mo\b", r"\1-month"),
    # '10m SMA', '12m momentum': a month before an indicator (never a million there)
    (r"\b(\d+)m (?=(?:sma|ma|ema|dma|moving average|average|return|momentum|mom|vol|volatility)\b)", r"\1-month "), (r"\b(\d+) trading[- ]days?\b", r"\1-day"),
    # 'over the previous 60 trading days' is '60-day' by now: the hyphen too
    (r"\b(?:over|in|during|across|for|from) the (?:last|past|trailing|prior|previous|preceding) (\d+)[- ]"
     r"(day|week|month|year)s?\b", r"over \1-\2"),
    (r"\b(?:over|in|during|across|for|from) the (?:last|past|trailing|prior|previous|preceding) "
     r"(day|week|month|year)\b", r"over 1-\1"),
    (r"\b(?:trailing|past|last|lookback of|look-back of) (\d+)[- ](day|week|month|year)s?\b", r"\1-\2"),
)
# Chat around the strategy: greetings and sign-offs carry no fact.
# ('Hello traders,', 'Hi fellow investors!', 'Hello MQL5 community,', 'Good evening everybody': the group addressed)
_ADDRESSED = (r"(?:(?:fellow|dear|my|all(?: you)?|you) )?(?:traders|investors|coders|devs|developers|programmers|quants|community|"
              r"forum|people|friends|everybody|y'?all|members|experts|gurus|redditors|reddit|mates|pros|gentlemen|ladies|"
              r"(?:ea |mql5? |mt5 |algo )(?:coders|devs|developers|programmers|traders|community|experts|users))")
GREETING = re.compile(r"^(?i:hi|hello|hey|yo|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening|day))\b"      # not 'high vol: ...'
                       r"(?: (?i:there|team|all|folks|guys|everyone|sir(?: or madam)?|madam|broker|advisor|adviser)"
                       rf"(?: (?i:{_ADDRESSED}))?| (?i:{_ADDRESSED})(?= *[,.!:-]|$)"
                       r"| [A-Z][A-Za-z0-9]+ (?i:community|forum|team|folks|users|coders|traders|members)(?= *[,.!:-])"
                       r"| [A-Z][a-z]+)?\s*[,.!:-]*\s*")
# 'Thanks, John', 'Kind regards, Maria', 'Yours faithfully, K. Tanaka': a closing and up to three words of a name.
_CLOSING = (r"(?:thanks?(?: you)?|thx|ty|cheers|(?:with )?(?:kind |best |warm )?regards|(?:best|warm) wishes|all the best|with thanks|best|"
            r"(?:with )?many thanks|ta|yours (?:faithfully|sincerely|truly)|sincerely|warmly|respectfully|take care|talk soon|all best|"
            r"(?:with )?(?:best|kind|friendly|warm|many) greetings|"
            r"wagmi|lfg|nfa|dyor|gl|good luck|peace|ciao|tia)(?: (?:a lot|a ton|tons|so much|in advance|again))?")
# (a whole word only: ', GLD and BIL' is no 'gl' signed by 'D and BIL')
_SIGN_OFF = re.compile(rf"(?i)(?:[.!?;,]\s*|^){_CLOSING}(?![\w'])(?:,? (?:and|&) {_CLOSING}(?![\w']))?"
                       r"(?:,? (?:u r|you'?re|ur|you are) (?:the best|awesome|a star|amazing|great|a legend))?(?:[,!.]*\s*(?P<name>(?:[A-Za-z][\w'-]*\.?\s*){0,3}))?[.!]*\s*$")
# A closing question asking for an opinion carries no fact ('Any thoughts?', 'Is that reasonable?').
_OPINION = re.compile(r"(?i)(?:(?<=[.!?;,])|^)\s*(?:any thoughts|thoughts|is (?:that|this) (?:reasonable|ok|okay|sensible|"
                      r"doable|possible|fine|right)|does (?:that|this) make sense|what do you think|makes sense|any ideas|"
                      r"can (?:you|rbl|it|this) do (?:that|this|it)|right|ok|okay|is (?:that|this|it) (?:too )?[a-z]+(?: [a-z]+)?|"
                      r"(?:has )?any ?(?:one|body) (?:tried|done|used|backtested) (?:this|that|it|something similar))\s*\?+\s*$")


# Chat shorthand and common typos -> the words the rules read ('rebal every qtr pls', 'eq wt', '10bps comm').
_CHAT: tuple[tuple[str, str], ...] = (
    (r"\b(?:rebal|rbal|rebl)\b", "rebalance"),
    (r"\b(?:every|each|per|a|once a) qtr\b", "quarterly"), (r"\b(?:qtrly|qtly)\b", "quarterly"),
    (r"\bqtr\b", "quarter"), (r"\b(?:mthly|monthy|montly)\b", "monthly"), (r"\bwkly\b", "weekly"),
    (r"\b(?:yrly|annualy)\b", "annually"), (r"\byrs?\b", "year"), (r"\bwk\b", "week"),
    (r"\b(?:eq|equal)[- ]?(?:wt|wgt|weight|w)(?:ed)?\b", "equal weight"), (r"\beqwt\b", "equal weight"),
    # '1/N across SPY, EFA, EEM': the naive equal split, said before what it splits ('not smarter than 1/N' is no scheme)
    (r"(?<![\d/.])1/n(?:[- ]weight(?:ed|ing|s)?)?(?= (?:across|between|among|over|of|on|in|into|split|portfolio|basket|mix|"
     r"allocation|weighting)\b)", "equal weight"),
    (r"\b(?:wt|wgt)\b", "weight"), (r"\bwtd\b", "weighted"),
    (r"\btop(\d+)\b", r"top \1"), (r"\b(\d+)m (?=ret|return|momentum|mom|vol|perf)", r"\1-month "),
    (r"\b(\d+)y\b", r"\1 year"), (r"\bmom\b", "momentum"), (r"\brets?\b", "return"), (r"\bperf\b", "performance"),
    (r"\b(?:comms?|commish)\b", "commission"), (r"\bslip\b", "slippage"), (r"\btgt\b", "target"), (r"\blvg\b", "leverage"),
    (r"\bdont\b", "don't"), (r"\bdoesnt\b", "doesn't"), (r"\bcant\b", "can't"), (r"\bisnt\b", "isn't"),
    (r"\b(the|my|our|whole|entire) port\b", r"\1 portfolio"),
    (r"\b(?:pls|plz|pleas)\b", "please"), (r"\bsmth\b", "something"),
    (r"\[\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?\]", ""), (r"\bevry\b", "every"),
    # typos spelling.respell leaves (short, two edits away, or near two words: 'mondy' is 'monday' or 'money'):
    # 'wendsday', 'chek it', 'i wnat', 'sumthing is off'
    (r"\b(?:wendsday|wensday)\b", "wednesday"), (r"\bmondy\b", "monday"),
    (r"\b(?:chek|chck)\b", "check"), (r"\b(?:wnat|wnt|watn)\b", "want"), (r"\balway\b", "always"),
    (r"\b(?:sumthing|smthing)\b", "something"), (r"\bwight\b", "weight"),
    (r"\b(?:each|every|the) calendar (month|quarter|year)\b", r"each \1"),      # 'each calendar quarter' (not 'calendar days')
    (r"\b(\d+(?:st|nd|rd|th)) tds?\b", r"\1 trading day"), (r"\b(?:mth|mnth)\b", "month"), (r"\bchk\b", "check"), (r"\bdly\b", "daily"),
    (r"\b(?:calender|calander)\b", "calendar"), (r"\bteh\b", "the"),
    (r"\bfy ?((?:19|20)\d\d)\b", r"fiscal year \1"),          # 'in FY2009': a year the stories date themselves by
    (r"\bcomision\b", "commission"), (r"\b(?:trdng|tradin)\b", "trading"), (r"\b(?:busines|biz)\b", "business"),
    (r"\bover (\d+)m\b", r"over \1-month"),
    (r"\b(anything|something|everything|nothing|any asset|any holding|any position|either|which|that)'s\b", r"\1 is"),
    (r"(?<=\d)-(?=points?\b|percentage[- ]points?\b)", " "),
    (r"\b(?:cuz|coz|'cause|cos)\b", "because"),
    (r"\btrig\b", "trigger"),
    # weekdays in a ticket's shorthand ('review weds only', 'check thurs'); not the three letters of a mail header
    # ('On Thu, Dr. Weiss wrote'), which names no schedule
    # a count of rebalances a year that is a calendar ('2x a year', '4 times per yr'); not a limit ('at most 4 times a year')
    (r"(?<!than )(?<!most )(?<!to )\b(?:2x|2 times|two times) ?(?:a|per|/) ?(?:year|yr)\b", "twice a year"),
    (r"(?<!than )(?<!most )(?<!to )\b(?:4x|4 times|four times) ?(?:a|per|/) ?(?:year|yr)\b", "quarterly"),
    (r"(?<!than )(?<!most )(?<!to )\b(?:12x|12 times|twelve times) ?(?:a|per|/) ?(?:year|yr)\b", "monthly"),
    (r"\bweds\b", "wednesday"), (r"\btues\b", "tuesday"), (r"\bthurs\b", "thursday"),
    (r"\b(every|each) mon\b", r"\1 monday"), (r"\b(every|each) tue\b", r"\1 tuesday"), (r"\b(every|each) wed\b", r"\1 wednesday"),
    (r"\b(every|each) thu(?:r)?\b", r"\1 thursday"), (r"\b(every|each) fri\b", r"\1 friday"),
    # a month in a date's shorthand ('first trading day of jan', 'every dec'); never 'may' or 'mar' as a word, nor 'in dec'
    # (a story's date: 'will post results in dec')
    (r"\b(of|every|each) jan\b\.?", r"\1 january"), (r"\b(of|every|each) dec\b\.?", r"\1 december"),
    (r"(?<=[a-z])\(s\)", "s"),      # 'the asset(s) that broke it': the plural said as optional is the plural
    (r"\bcol\b", "column"), (r"(?<=\d) ?pts?\b", " points"), (r"(?<!the )(?<!each )(?<!every )\b(trading day|day) of (month|quarter|year)\b", r"\1 of each \2"), (r"\bw/o\b", "without"), (r"\bw/(?=\s|\w)", "with "),
)
# Well-known fund tickers that are no English word, read as tickers when written in lowercase ('50/50 spy tlt').
KNOWN_LOWER = frozenset("""
spy qqq tlt agg bnd vti vxus voo ief gld iau shy bil efa eem vnq dbc iwm vea veu shv lqd hyg ivv vgk vwo
schd bndx btc eth sol xrp ltc bnb avax ada doge matic trx xlm
eurusd gbpusd usdjpy audusd usdcad usdchf nzdusd eurgbp eurjpy gbpjpy xauusd xagusd
aapl msft nvda amzn googl tsla
xlk xlf xle xlv xli xly xlp xlu xlb xlre xlc bndw iwd iwf vig dgro vym arkk smh soxx vtv vug ijh ijr gdx slv uso
tqqq sqqq upro vgsh vglt vgit vcit vcsh bsv edv zroz tmf iei sgov acwi acwx ixus iefa iemg itot splv usmv mtum vxf
vtwo iwb iwn rsp qqqm vgt vht vnqi vss scz
jnj unh mrk lly xom cvx jpm wmt bac pfe bby amd mtum qual usmv vlue
""".split())


@dataclass
class Asset:
    """An asset the text named: its .rbl name, data column, broker symbol and how it was named."""

    name: str
    column: str
    symbol: str
    words: str


@dataclass
class Normalized:
    text: str
    assets: dict[str, Asset] = field(default_factory=dict)   # in order of first mention
    cash_mentioned: bool = False
    labels: list[tuple[str, list[str]]] = field(default_factory=list)  # 'my bond funds' -> the tickers after it
    lowered: list[tuple[str, str]] = field(default_factory=list)  # tickers said in lowercase or by name ('spy', 'bitcoin'), said back
    respelt: list[tuple[str, str]] = field(default_factory=list)   # ('secter', 'sector'): misspelt words, said back
    doubts: list[str] = field(default_factory=list)     # questions about words taken out here (broker symbols that do not fit)
    said: str = ""      # the text as written, lowercased: for a rule that weighs words the rewrites replace ('check if')


def _signed_off(english: str) -> str:
    """The text without its closing ('Thanks, John'); words after a closing that could be a rule ('Thanks, Tom. Skip
    December.') keep the closing where it is."""
    from rbl.dsl.english.chatter import carries_meaning

    m = _SIGN_OFF.search(english)
    said_before = set(re.findall(r"[a-z0-9]+", english[:m.start()].lower())) if m else set()
    # 'Thanks! Let QQQ run.': a ticker named before the closing makes what follows it a rule, not a name
    if m is None or any(carries_meaning(w) or (re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", w) and w.lower() in said_before)
                        for w in re.findall(r"[A-Za-z0-9%$'-]+", m.group("name") or "")):
        return english
    return english[:m.start()] + "." + english[m.end():]


# A list item's marker at the start of a line: '- ', '* ', '• ', '1. ', '2) ', or a thread's post number ('1/ my lazy
# portfolio', '2/ I dont rebalance'), a number and a slash before a space (a split is '60/40' or '60 / 40').
_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7]|\d{1,2}[.)]|\d{1,2}/(?=[ \t]+[A-Za-z])|#{1,6})[ \t]+")


# A chat log's line: '[09:12] ana: ...', 'kai: ...', '<ben> ...'.
_SPEAKER = re.compile(r"^[ \t]*(?:\[\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?\][ \t]*)?(?:<([A-Za-z][\w.-]{0,20})>|([A-Za-z][\w.-]{0,20}):)[ \t]+")


# A settings page's line: a short capitalised field name, a colon, its value ('Drift tolerance: 3 percentage points').
_FIELD = re.compile(r"^[ \t]*[A-Z][A-Za-z'/&()-]*(?: [A-Za-z'/&()-]+){0,3}[ \t]*:[ \t]+\S")


def _one_line(english: str) -> str:
    """The message on one line: quoted-reply markers ('> > I'd like ...') and a chat log's speakers dropped, each list
    item and chat line ended as a sentence (so '- SPY 50%' and '- rebalance monthly' do not run together); other line
    breaks are spaces (hard-wrapped text)."""
    lines = _unspoken([re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line) for line in english.splitlines()])
    # a closing on a line of its own ('wagmi', 'Kind regards,') ends the line before it, as an item does
    items = [bool(_ITEM.match(line) or re.fullmatch(rf"(?i)\s*{_CLOSING}[\s,.!]*", line)) for line in lines]
    # a settings page's fields, one a line ('Holdings: VTI 45% | ...', 'Rebalancing method: Threshold'): each its own item
    fields = [bool(_FIELD.match(line)) for line in lines]
    if sum(fields) >= 2:
        items = [item or field for item, field in zip(items, fields)]
    out = []
    for i, line in enumerate(lines):
        line = _ITEM.sub("", line).rstrip()
        ends_item = items[i] or (i + 1 < len(lines) and items[i + 1])
        if line and (ends_item or (i == 0 and _is_title(lines))) and not line.endswith((".", ",", ";", ":", "!", "?")):
            line += "."
        out.append(line)
    return " ".join(line for line in out if line)


# A word a hard-wrapped sentence may break after ('rebalance when it drifts more than / 5 points'): the line goes on.
_RUNS_ON = re.compile(r"(?i)(?:\b(?:a|an|the|and|or|but|of|to|in|on|at|by|for|with|than|from|into|if|when|is|are|my|our|"
                      r"every|each|per|about|over|under|above|below)|[\d%&/+-])$")


def _is_title(lines: list[str]) -> bool:
    """Is the first line a title ('[Strategy] Simple momentum rotation I've been paper trading for 18 months')? Short, with
    no end mark and no word that runs on, above a line that opens a new sentence with a word."""
    rest = [line for line in lines[1:] if line.strip()]
    first = lines[0].strip() if lines else ""
    return bool(first and rest and len(first) <= 80 and not _RUNS_ON.search(first)
                and re.match(r"[ \t]*[A-Z][a-z]", _ITEM.sub("", rest[0])))


_MEMO_HEADERS = frozenset("to from re cc bcc attn subject subj date".split())


def _unspoken(lines: list[str]) -> list[str]:
    """A chat log's lines without their speakers, each ended as an item is; other text as it was. A log is two lines or
    more spoken by names that are no words of a strategy ('costs:', 'core:' head sections, not speakers)."""
    from rbl.dsl.english.chatter import carries_meaning

    spoken = [_SPEAKER.match(line) for line in lines]
    names = {(m.group(1) or m.group(2)).lower() for m in spoken if m}
    if names and names <= _MEMO_HEADERS:     # a memo's header ('To: ...', 'Re: ...'): kept, each line ended as an item is
        return [f"- {line}" if m else line for line, m in zip(lines, spoken)]
    if sum(m is not None for m in spoken) < 2 or any(carries_meaning(n) or re.search(_SECTION_WORDS, n) for n in names):
        return lines
    return [f"- {line[m.end():]}" if m else line for line, m in zip(lines, spoken)]


# A trader correcting what was just said: '20-day window, no wait, make it 40 days', '60/40, sorry, 70/30',
# 'every Sunday... sorry, Monday'. The corrected value takes the first one's place; the rest of the first stays.
_CORRECTION = (r"\s*(?:[,;\u2026-]+\s*|\.{2,}\s*|\s)(?:no wait|wait,? no|sorry|oops|scratch that|correction|or rather)"
               r"(?:,? i mean)?[,:]?\s+(?:i mean,? )?(?:make (?:it|that) |let'?s say |let'?s do |every |on )?")
_UNIT = r"(?:[- ]?(?:day|week|month|year)s?|%|pp| ?bps)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# A whole list of holdings corrected ('SCHD 40, VIG 20, BND 40 - no wait, sorry, we changed it in september: SCHD 45, VIG
# 15, BND 40'): the second list replaces the first when it names the same assets. A split in its place ('BTC 70 ETH 30,
# no wait make it 60/40') gives the same assets their new numbers, in order, when it has as many parts.
_HOLDING = r"@[A-Z][A-Z0-9_]* \d+(?:\.\d+)?%?"
_HOLDING_NUMBER_FIRST = r"\d+(?:\.\d+)?%? @[A-Z][A-Z0-9_]*"      # '60 QQQ 40 SCHD'
_HOLDINGS = (rf"(?<![\d.])(?:{_HOLDING}(?:(?:,? and |, ?| ?/ ?| ){_HOLDING})+"
             rf"|{_HOLDING_NUMBER_FIRST}(?:(?:,? and |, ?| ?/ ?| ){_HOLDING_NUMBER_FIRST})+)(?!\d|\.\d)")
_SPLIT = r"\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+(?![\d/%])"
_LISTED = r"@[A-Z][A-Z0-9_]*(?:(?: ?/ ?| |,? and |,? & |, )@[A-Z][A-Z0-9_]*)+"     # '60/40 SPY and TLT'
_LIST_CORRECTION = re.compile(
    rf"({_HOLDINGS}|{_SPLIT}(?: (?:of |in |between |across )?{_LISTED})?)\s*(?:[,;\u2026-]+\s*|[.!]+\s*|\s)(?:(?:no,? )?wait,?(?: no)?|sorry|oops|scratch that|correction|"
    r"or rather|actually|hmm+|on second thought)"
    r"(?:,? (?:sorry|oops))?(?:,? (?:we|i) (?:changed|updated|moved) (?:it|that|them|the (?:split|weights|mix))"
    rf"(?: (?:in|on|last) [a-z0-9 ]{{1,15}}?)?)?[,:]?\s+(?:(?:no,? |just )?(?:make (?:it|that)|let'?s (?:say|do|go)(?: with)?|go with|"
    rf"change (?:it|that) to),? )?({_HOLDINGS}|{_SPLIT})(?![\d/%]|\.\d| ?@)")


def _list_corrected(m: re.Match) -> str:
    names = lambda listing: sorted(re.findall(r"@[A-Z][A-Z0-9_]*", listing))
    if re.fullmatch(_SPLIT, m[2]) and sum(Decimal(p) for p in m[2].split("/")) != 100:
        return m[0]                           # not weights ('SPY 60 TLT 40, actually 5/25 bands'): left as said
    if not m[1].startswith("@") and "/" in m[1].split()[0]:    # a split corrected by a split ('60/40. no wait, 65/35')
        split = m[1].split()[0]
        return m[1].replace(split, m[2], 1) if re.fullmatch(_SPLIT, m[2]) and split.count("/") == m[2].count("/") else m[0]
    if re.fullmatch(_SPLIT, m[2]):
        ticker_first = m[1].startswith("@")
        holdings = (re.findall(r"(@[A-Z][A-Z0-9_]*) \d+(?:\.\d+)?(%?)", m[1]) if ticker_first
                    else [(name, percent) for percent, name in re.findall(r"\d+(?:\.\d+)?(%?) (@[A-Z][A-Z0-9_]*)", m[1])])
        parts = m[2].split("/")
        if len(parts) != len(holdings):
            return m[0]
        if not ticker_first:
            return " ".join(f"{part}{percent} {name}" for (name, percent), part in zip(holdings, parts))
        return " ".join(f"{name} {part}{percent}" for (name, percent), part in zip(holdings, parts))
    return m[2] if names(m[1]) == names(m[2]) else m[0]


# A list of weights with the % sign said on some only ('Fifty percent VTI, thirty VXUS, twenty BND', 'VTI 60%, BND 40'):
# when the numbers add up to 100 every one is a percent.
_PAIR_NUMBER_FIRST = r"(?<![\w.])\d+(?:\.\d+)?%? @[A-Z][A-Z0-9_]*"
_PAIR_TICKER_FIRST = (r"@[A-Z][A-Z0-9_]* \d+(?:\.\d+)?%?(?![\w%/]|\.\d"
                      r"| ?(?:bps|usd|days?|weeks?|months?|years?|pp|points?|x)\b)")
_PAIR_SEP = r"(?:,? and |, | ?/ ?| )"


def _percent_said_once(text: str) -> str:
    def percents(m: re.Match) -> str:
        numbers = re.findall(r"(\d+(?:\.\d+)?)(%?)", re.sub(r"@[A-Z][A-Z0-9_]*", "", m[0]))
        if {percent for _, percent in numbers} != {"", "%"} or sum(Decimal(n) for n, _ in numbers) != 100:
            return m[0]
        return re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\d%]|\.\d)", r"\1%", m[0])

    for pair in (_PAIR_NUMBER_FIRST, _PAIR_TICKER_FIRST):
        text = re.sub(rf"{pair}(?:{_PAIR_SEP}{pair})+", percents, text)
    return text


# A split written without its slash beside its assets ('70 30 VTI BND', '50 50 BTC and ETH', 'SPY/AGG 60 40', 'SPY TLT GLD
# 40 30 30'): as many numbers as assets, adding up to 100, are the split; other numbers stay as they are, to be asked about.
_TICKERS = r"@[A-Z][A-Z0-9_]*(?:(?: ?/ ?| |,? and |,? & |, )@[A-Z][A-Z0-9_]*)+"
_SLASHED_TICKERS = r"@[A-Z][A-Z0-9_]*(?:(?: ?/ ?| )@[A-Z][A-Z0-9_]*)+"
# (a dash or a spaced slash joins them too: 'btc/eth 50-50', 'XLE XLU XLP 40 / 30 / 30'; a range says 'between' or '%')
_SPACED_NUMBERS = r"\d+(?:\.\d+)?(?:(?: |-| / )\d+(?:\.\d+)?)+"
_NO_UNIT = r"(?![\w%/-]|\.\d| ?(?:bps|usd|days?|weeks?|months?|years?|pp|points?|x)\b)"


def _unslashed_splits(text: str) -> str:
    def split(numbers: str, tickers: str) -> str | None:
        parts = re.split(r" / |[ -]", numbers)
        if len(parts) != len(re.findall(r"@[A-Z]", tickers)) or sum(Decimal(p) for p in parts) != 100:
            return None
        return "/".join(parts)

    def numbers_first(m: re.Match) -> str:
        parts = split(m[1], m[2])
        return f"{parts} {m[2]}" if parts else m[0]

    def tickers_first(m: re.Match) -> str:
        parts = split(m[2], m[1])
        return f"{m[1]} {parts}" if parts else m[0]

    text = re.sub(rf"(?<![\w/.%])({_SPACED_NUMBERS}) ({_TICKERS})\b", numbers_first, text)
    return re.sub(rf"(?<![\w/])({_SLASHED_TICKERS}),? ({_SPACED_NUMBERS}){_NO_UNIT}", tickers_first, text)


# A split joined by dashes or spaced slashes ('a 60-40 mix', 'SPY and TLT 55-45', 'weights 40 / 30 / 30'): written as
# '60/40' when its parts add up to 100; a range ('between 40-60', '16-24%', 'a 40-60 range') or odds ('50-50 chance') stay.
_RANGE_BEFORE = "".join(rf"(?<!{word} )" for word in (
    "between", "from", "outside", "inside", "within", "of", "range", "ranges", "ranging", "stay", "stays", "sit", "sits",
    "wander", "wanders", "float", "floats", "swing", "swings", "move", "moves", "drift", "drifts", "anywhere", "band",
    "corridor", "zone", "keep it", "keep them"))
_DASHED_SPLIT = re.compile(rf"(?<![\w/.%$-]){_RANGE_BEFORE}"
                           r"(\d+(?:\.\d+)?(?:(?:-| / )\d+(?:\.\d+)?){1,4})"
                           r"(?![\w%/-]|\.\d| ?(?:bps|usd|days?|weeks?|months?|years?|pp|points?|x|range|band|corridor|zone|"
                           r"chance|shot|odds|percentile)\b)")


def _dashed_splits(text: str) -> str:
    def split(m: re.Match) -> str:
        parts = re.split(r"-| / ", m[1])
        return "/".join(parts) if sum(Decimal(p) for p in parts) == 100 else m[0]

    return _DASHED_SPLIT.sub(split, text)


_CORRECTED = (
    (rf"(\d+(?:\.\d+)?)({_UNIT})([^.;!?\d]{{0,40}}?){_CORRECTION}(\d+(?:\.\d+)?){_UNIT}?\b", lambda m: m[4] + m[2] + m[3]),
    (rf"(\d+(?:/\d+)+)()([^.;!?\d]{{0,40}}?){_CORRECTION}(\d+(?:/\d+)+)", lambda m: m[4] + m[3]),
    (rf"({_DAY})()([^.;!?\d]{{0,40}}?){_CORRECTION}({_DAY})\b", lambda m: m[4] + m[3]),
)


# A word corrected as it is written ('re-hedge, i mean rebalance, every day', 'monthly or rather quarterly'): the word the
# trader meant takes the first one's place. Only a trading verb or a calendar word corrects: 'monthly, i mean, that is
# standard' corrects nothing.
_WORD_CORRECTION = re.compile(r"\b[a-z][a-z-]*(,)? (?:i mean|i meant|or rather),? (rebalanc\w*|trad(?:e|es|ing)|check\w*|buy|sell|"
                              r"daily|weekly|monthly|quarterly|annually|yearly)\b(?(1),?)")


def _self_corrected(text: str) -> str:
    text = _WORD_CORRECTION.sub(r"\2", text)
    text = _LIST_CORRECTION.sub(_list_corrected, text)
    for pattern, corrected in _CORRECTED:
        text = re.sub(pattern, corrected, text)
    return text


# A weight with its own band after it: 'SPY 40% (band 5pp)', 'IEF 30 (tolerance: 4 points)', 'VTI 60 band 5, BND 40 band 3'.
_BAND_BESIDE_WEIGHT = re.compile(r"(@[A-Z][A-Z0-9_]*) (\d+(?:\.\d+)?)%? (?:\( ?)?(?:band|tolerance)(?: of|:)? (\d+(?:\.\d+)?)"
                                 r"(?:pp| points?)?(?: ?\))?(?=[,;.(]| @| \(|$)")


def _bands_beside_weights(text: str) -> str:
    """Each weight's own band; one band said once after the last weight ('VTI 60 BND 40 band 5pp') is every asset's."""
    found = list(_BAND_BESIDE_WEIGHT.finditer(text))
    if len(found) == 1 and not re.search(r"@[A-Z][A-Z0-9_]* \d", text[found[0].end():]):
        return text
    return _BAND_BESIDE_WEIGHT.sub(r"\1 \2% plus or minus \3", text)


_UNIT_LETTERS = {"d": "day", "w": "week", "wk": "week", "m": "month", "mo": "month"}


# The money the strategy is for, said as moved to it at a sentence's start ("we'd like to move the endowment's liquid
# sleeve to equal risk contribution across ...", 'switch my IRA over to a 60/40 ...'): what follows is the strategy, the
# opener no fact. Not where the sentence sets a condition ('move the portfolio to TLT if ...') nor a move to cash.
_MOVED_TO = re.compile(
    r"(?:^|(?<=[.;!?] ))(?:(?:i|we)(?:'d like| would like| want| wish| plan|'re looking|'re planning|'m looking|'m planning) to "
    r"|please |let'?s |(?:i'?m|we'?re) going to )?(?:move|switch|convert|transition|shift|migrate|change)(?: over)? "
    r"(?:the |my |our |this |his |her |their )?(?:[a-z]+'s )?(?:(?:liquid|core|main|equity|whole|entire|taxable|retirement|"
    r"long-term|remaining) )?(?:sleeve|portfolio|account|ira|roth ira|roth|401k|book|money|savings|fund|assets|holdings|"
    r"capital)(?: over)? (?:to|into|onto) (?!@CASH)(?![^.;!?]*\b(?:if|when|whenever|once|while|unless|until|whichever)\b)")


def normalize(english: str) -> Normalized:
    """Lowercase the text, keep tickers as `@TICKER`, tag asset-class words, spell numbers as digits."""
    result = Normalized(text="")
    english = _one_line(english)
    result.said = english.lower()
    english = re.sub(r"\*\*|__|`", "", english)                      # markdown's emphasis and code marks: the words inside are read
    # a spoken hesitation, anywhere ('ranked by, uh, six-month return'): no word of the strategy
    # (lower or capitalised only: 'HMM' and 'UH' may be a model or a ticker)
    english = re.sub(r"(?:,\s*|\s+|^)(?:[Uu]h+|[Uu]m+|[Uu]hm+|[Ee]rm+|[Ee]r(?=,))\b(?:,|\.\.\.|(?=\s))", "", english)
    # full-width stops end sentences as ASCII ones do ('よろしくお願いいたします。 Buy more of ...')
    english = english.translate(str.maketrans({"\u3002": ". ", "\uff0e": ". ", "\uff01": "! ", "\uff1f": "? ",
                                                "\uff1b": "; ", "\u3001": ", ", "\uff0c": ", "}))
    # an instruction capitalised after a word with no stop ('spread excess to the rest Overweight whichever ...', 'checked
    # daily Buy more ...'): a new sentence, so no rule or story of the one before runs over it
    english = re.sub(r"(?<=[a-z0-9%)])[ \t]+(?=(?:Buy|Sell|Rebalance|Rebal|Overweight|Underweight|Tilt|Trim|Keep|Hold|Never|Only|"
                     r"Don't|Dont|Do not|Skip|Let|Also|Please|Go|Put|Move)\b)", ". ", english)
    # a chat interjection ends its thought ('... 20 trades a year lol only rebalance SPY'): what follows is a new one
    english = re.sub(r"\b((?i:lol|lmao|rofl|haha(?:ha)*))\b(?=[ \t]+[\w@$])", r"\1.", english)
    english = re.sub(r"(?<=[.!?])\s+[-\u2014\u2013]{1,2}\s*[A-Z]{1,3}\.?\s*$", "", english)     # initials that sign a note: '... — JT'
    english = _OPINION.sub("", _signed_off(GREETING.sub("", english.strip(), count=1)))
    english = _signed_off(_OPINION.sub("", english))
    english = _DRAWDOWN_SAID_SHORT.sub(_drawdown_spelled, english)
    # 'its 10-month MA', 'the 200d MA': a window's moving average, never the ticker MA (tagged next)
    english = re.sub(r"\b(\d+)[- ]?(days?|d|weeks?|wk|w|months?|mo|m)[- ]?MAs?\b",
                     lambda m: f"{m.group(1)}-{_UNIT_LETTERS.get(m.group(2), m.group(2).rstrip('s'))} moving average", english)
    english = _bracketed_band_units(english)
    english, symbols = _broker_symbols(english, result.doubts)
    english = _TIMEFRAME_CLOSE.sub("the close", _TIMEFRAME_BAR.sub(r"daily \1", english))
    text = _tag_tickers(_upper_known_tickers(english, result), result)
    text, result.respelt = respell(_lowercase_weight_pairs(_lowercase_listing(text, result), result))
    for name, symbol in symbols.items():
        for asset in _assets_said_as(name, result):
            asset.symbol = symbol
    text = _split_by_class_then_tickers(text, result)
    text = _drop_nicknames(_drop_class_words(text, result), result)
    for pattern, replacement in _CHAT:
        text = re.sub(pattern, replacement, text)
    text = _MOVED_TO.sub("", text)
    text = _named_scores(text)
    text = re.sub(r"^\[[^\]@]{1,40}\]\s*", "", text)       # '[Strategy] ...' (a forum tag; '[SPY, EFA]' lists assets)
    # a list's name in brackets after it ('XLK, ..., XLU (the sector SPDRs)', 'AAPL, MSFT (all big tech names)'): the list says
    # what is held; a name with a number or a ticker in it ('(or 5% in QQQ)') is read
    text = re.sub(r"(@[A-Z][A-Z0-9_]*,? (?:and )?@[A-Z][A-Z0-9_]*) ?\((?:the |all |i\.e\.,? |aka )?(?:[a-z&'-]+ ){0,4}?"
                  r"(?:spdrs|etfs|funds|sectors|stocks|names|majors|coins|etcs|indices|indexes|trackers|shares)\)", r"\1", text)
    text = re.sub(r"\s*\|\|\s*", ". ", text)                                    # spreadsheet cells
    text = re.sub(r"\s+\|\s+", ", ", text)

    # chat: a signal's comparison after its column, then an arrow: 'signal col sent_z: >0 -> 80/20 SPY/TLT else 50/50'
    text = re.sub(r"(column [a-z][a-z0-9_]*): ?(>|<) ?(-?\d+(?:\.\d+)?) ?(?:->|=>|\u2192) ?",
                  lambda m: f"{m.group(1)}, when it is {'above' if m.group(2) == '>' else 'below'} {m.group(3)}, hold ", text)
    # chat arrows after a regime state: 'turbulent -> weekly rebal, else monthly'
    text = re.sub(r"(^|[.;] )(calm|turbulent|normal|high[- ]vol|low[- ]vol)(?: regime| state)? ?(?:->|=>|\u2192) ?",
                  r"\1when the model says \2, ", text)
    text = re.sub(r"\b(daily|weekly|monthly|quarterly|annually|yearly) (?:rebalance|rebalancing)(?=[,;.]|$)", r"rebalance \1", text)
    # a spec's field set off by an arrow ('Target allocation -> SPY: 60%', 'Rebalance threshold => 5pp'): a field
    text = re.sub(r"(?:^|(?<=[.;|] ))((?:target |rebalance |rebalancing )?(?:allocation|weights|targets?|threshold|band|tolerance|"
                  r"schedule|frequency|costs?|fees?|universe|assets)) ?(?:->|=>|\u2192) ?", r"\1: ", text)
    text = re.sub(r"\s*(?:->|=>|\u2192)\s*", ", then ", text)          # any other chat arrow: 'dd > 10% -> 50% exposure'
    # ('a one-year covariance' is a window, no thing)
    text = re.sub(r"\b(a|simple|quick) one\b(?![- ](?:year|month|week|day)s?\b)", r"\1 thing", text)
    text = re.sub(r"\b(?:the )?ones? (that|which)\b", r"the assets \1", text)
    # 'rebalance the lot back to target', 'rebalance the whole thing': every asset
    text = re.sub(r"\b(rebalanc(?:e|ing)|rebal|bring|put|reset) (?:the (?:whole )?lot|the whole (?:thing|book|portfolio|shebang))\b",
                  r"\1 everything", text)
    text = re.sub(r"\beach (?:one|asset|fund|holding)'s\b", "its", text)
    text = re.sub(r"\b(?:(?:any|either|each) (?:single )?one|one|any|either|some|each) of (?:them|those|these)\b", "any asset", text)
    text = re.sub(r"\b(?:either|any|each) (?:one|coin|fund|etf|holding|position|stock|name|ticker|bag|symbol|instrument|pair(?! of))\b",
                  "any asset", text)
    # "i'd like a different tolerance for each fund: VTI 5pp, EFA 3pp": a label before each asset's own band (a list after a colon)
    text = re.sub(r"(?:(?:i'?d like|i would like|i want|we want|we'?d like|please use|use|with) )?(?:an? )?(?:different|separate|"
                  r"individual|own) (?:tolerance|band|threshold)s? (?:for|per) any asset(?: of them)?:", "bands:", text)
    # ('if some holding is more than 3pp off target': any one of them)
    text = re.sub(r"\b(?:something|anything|a holding|a position|a fund|an etf|a stock|a ticker|some (?:holding|position|fund|asset|etf|name))\b"
                  r"(?= (?:is|gets|goes|go|get|drifts|drift|moves|move|breaks|breaches|leaves|crosses|has (?:drifted|moved)))",
                  "any asset", text)
    text = re.sub(r"\b(when|whenever|if|once|as soon as) one(?: of them| weight| asset| fund| holding| position)? "
                  r"(?=(?:is|gets|goes|drifts|moves|breaks|breaches|trips)\b)", r"\1 any asset ", text)
    tens, ones = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety", "one|two|three|four|five|six|seven|eight|nine"
    text = re.sub(rf"\b({tens})[- ]({ones})\b", lambda m: str(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)]), text)
    text = re.sub(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", lambda m: str(NUMBER_WORDS[m.group(1)]), text)
    text = _any_of_the_count(text, len(result.assets))
    text = re.sub(r"(?<!'d )(?<!would )(?<!\bi )(?<!\bwe )(?<!they )\blike (?=(?:more than |over |about |around )?\d)", "",
                  text)                                                           # 'gets like more than 5 points off'
    text = _unslashed_splits(text)
    text = _dashed_splits(text)
    text = _self_corrected(text)
    text = _adopted_holding(text)
    # 'risk parity 120 days across SPY, TLT': the window said right after the scheme is its covariance's
    text = re.sub(r"\b(risk parity|equal risk contribution|erc),? (\d+)[- ](day|week|month|year)s?\b(?! (?:covariance|window|lookback))",
                  r"\1 with a \2-\3 covariance", text)
    # the trader's own question about the schedule ('when do i rebalance tho?'): left for the reader to ask
    text = re.sub(r"\b(?:so |but )?(?:when|how often) (?:do|should|would) (?:i|we|you) rebalance\b[^.?!]{0,20}\?*", " ", text)
    text = re.sub(r"\b(\d+) and a half\b", r"\1.5", text)
    text = re.sub(r"\bhalf (?:of )?(?:(?:my|the|our) )?(?:(?:money|portfolio|capital|account|cash) )?(in|into|to) ",
                  r"50% \1 ", text)
    text = re.sub(r"\bhalf (@[A-Z][A-Z0-9_]*),? (?:and |\+ |& )?half (@[A-Z][A-Z0-9_]*)", r"50% \1, 50% \2", text)    # 'half SPY half GLD'
    text = re.sub(r"(?<=\d)(pp|%| points?) rebalanc(?:e|ing) (band|threshold|tolerance)\b", r"\1 \2", text)   # '5pp rebalance band'
    # 'realized vol (20-day)': the window said in brackets after the measure
    # ... after a level said 'annual' ('12% annual volatility (60-day)'): the window measures it, the year only annualises
    text = re.sub(r"\b((?:annuali[sz]ed|annual|yearly) (?:vol|volatility)) \((\d+)[- ]?(day|week|month)s?\)", r"\1 over \2 \3s", text)
    text = re.sub(r"\b((?:realized |realised |trailing )?(?:vol|volatility)) \((\d+)[- ]?(day|week|month)s?\)", r"\2-\3 \1", text)
    # '10% bands (relative to target)', '10% band, relative': the band's unit said after it
    text = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?)% (bands?|thresholds?|tolerances?)(?: \(|, | - )(?:relative(?: to (?:its |their |the )?"
                  r"targets?(?: weights?)?)?|of (?:its |their |the )?targets?(?: weights?)?)\)?", r"\1% relative \2", text)
    text = re.sub(r"\b(?:i'?m|i am|we'?re|we are) (?:just )?(?:new|a beginner|a newbie|starting out|getting started|just starting)"
                  r"(?: to (?:this|investing|trading|rbl))?(?: out)?\b", " ", text)
    text = re.sub(r"\b(?:most|some|part|the bulk|a big chunk) of (?:my|the|our) (?:money|portfolio|capital),? (\d+(?:\.\d+)? ?%),? "
                  r"(in|into|to)\b", r"\1 \2", text)
    text = re.sub(r"\b(\d+(?:\.\d+)?) ?% of (?:my|the|our) (?:money|portfolio|capital|funds|account|savings|assets)\b(?= (?:in|into|to|for) )",
                  r"\1%", text)
    text = re.sub(r"\bthe (?:other|remaining|last|rest,? ) ?(\d+(?:\.\d+)? ?%)", r"\1", text)
    text = re.sub(r"(?:^|(?<=[.,;:!] ))(?:nothing fancy|keep it simple|no bells and whistles|set (?:it )?and forget(?: it)?)"
                  r"(?=[.,;:!]|$)", " ", text)
    # an email's way into the allocation ('please find below the allocation for the smith account:'): the figures follow
    text = re.sub(r"(?:^|(?<=[.;!?] ))(?:please )?(?:find|see) (?:below|attached|enclosed|here)(?: the| our| my)? (?:allocation|weights|"
                  r"targets?|mix|portfolio|strategy|details|set-?up|plan)(?: (?:for|of) (?:the |our |my )?[a-z' -]{1,30}?"
                  r"(?:account|client|portfolio|fund|family|trust))?(?= ?:)", " ", text)
    text = _drop_title(text)
    text = re.sub(r"\s*<=\s*(?=\d)", " at most ", text)
    text = re.sub(r"\s+>\s+(?=[a-z@])", " is above ", text)
    text = re.sub(r"\s+<\s+(?=[a-z@])", " is below ", text)
    text = re.sub(r"(?:(?<=\s)|^)-(?=\d+(?:\.\d+)?%)", "", text)
    text = re.sub(r"\babs\b", "absolute", text)
    # a spec's weights listed apart from its assets ('assets SPY IEF GLD | weights 50 30 20'): the split, as '50/30/20'
    text = re.sub(r"\b(weights?:? )(\d+(?:\.\d+)?(?:,? \d+(?:\.\d+)?)+)(?![\d.%/-])",
                  lambda m: m.group(1) + "/".join(re.findall(r"\d+(?:\.\d+)?", m.group(2))), text)
    text = re.sub(r"\brel\.?(?= (?:band|drift|threshold|tolerance)s?\b)", "relative", text)    # not 'rel' elsewhere
    text = re.sub(r"\bdd\b", "drawdown", text)
    text = re.sub(r"\blev\b", "leverage", text)
    # a weight written with an equals sign ('SPY=60, TLT=40', 'QQQ = 50%'): the ticker's weight
    text = re.sub(r"(@[A-Z][A-Z0-9_]*) ?= ?(?=\d)", r"\1 ", text)
    # a spec's field set off by a dash ('Schedule - monthly', 'Weights - 60/40'): a field as with a colon
    text = re.sub(r"(?:^|(?<=[.;|] ))(universe|assets|tickers|weights|targets?|allocation|band|threshold|tolerance|check|schedule|"
                  r"costs?|fees?|min(?:imum)? trade) [-\u2013\u2014] (?=[\w@$])", r"\1: ", text)
    # a label of per-asset bands ('Tolerance per symbol: EURUSD 3%, ...', 'Bands by asset: ...'): a band label
    text = re.sub(r"\b(band|threshold|tolerance)s?(?: (?:per|by|for each|of each) (?:symbol|asset|holding|ticker|position|instrument|"
                  r"pair|fund|coin|name|leg))\s*:", r"\1:", text)
    text = re.sub(r"\b(?:max(?:imum)? |allowed )?(?:deviation|drift)s? (?:per|by|for each|of each) (?:symbol|asset|holding|ticker|position|"
                  r"instrument|pair|fund|coin|name|leg)\s*:", "tolerance:", text)
    # clauses of a one-line spec parted by slashes ('SPY 60 / TLT 40 / rebal 5pp / costs 2bps'): a slash before a field word
    # parts clauses ('60 / 40' and 'SPY / TLT' stay splits and lists)
    text = re.sub(r" / (?=(?:rebal\w*|costs?|fees?|commissions?|bands?|check\w*|notify|alerts?|min(?:imum)?|schedule|threshold|"
                  r"tolerance|slippage)\b)", "; ", text)
    # 'rebal 5pp', 'rebal: 6pp': chat for the band the rebalance waits for (points only: 'rebalance 5%' is asked)
    text = re.sub(r"\brebalance:? (\d+(?:\.\d+)?) ?(?:pp|points?|pts?)(?= ?[,;.|]|$)", r"band of \1pp", text)
    text = re.sub(r"\b(band)s\s*:(?=\s*(?:@|\+/-|\u00b1|\d))", r"\1:", text)
    text = re.sub(r"\b(band|threshold|tolerance|check|checks|schedule|frequency|rebalancing frequency|rebalance frequency)\s*:\s*",
                  lambda m: ("band of " if m.group(1) in ("band", "threshold", "tolerance") else
                             "check " if m.group(1).startswith("check") else "rebalance "), text)
    text = re.sub(r"\b(?:allocation|allocations|weights|targets?|holdings|assets|portfolio)\s*:\s*(?=\d|@)", "", text)
    # 'Threshold: 5% absolute', 'Band: 2pp absolute'
    text = re.sub(r"(?<=\bband of )(\d+(?:\.\d+)?) ?(?:%|pp|pts?|points?) (?:absolute|abs\.?)(?![\w-])", r"\1pp", text)
    # the band's kind said in brackets after it ('band 5 (relative)', 'threshold 4% (absolute)')
    text = re.sub(r"\b(band|threshold|tolerance)(?: of)? (\d+(?:\.\d+)?) ?%? \((relative|rel\.?|absolute|abs\.?)\)",
                  lambda m: f"band of {m[2]}% relative" if m[3].startswith("rel") else f"band of {m[2]}pp", text)
    # 'my 3: SPY, TLT, GLD' counts the assets; a year is no count ('new plan for 2027: SPY 70 / TLT 30'), nor a thing's
    # number ('fund 7: SPY 60% ...', 'model 2:')
    text = re.sub(r"\b(?:the )?(?!(?:fund|account|acct|model|portfolio|book|client|case|item|ticket|no|number|sleeve|version) )"
                  r"[a-z]+ (\d{1,3})\s*:\s*(?=@)", r"#\1 ", text)
    text = re.sub(r"\|\s*drift\s*\|", "drift", text)
    # 'any asset's absolute drift > 4pp', 'abs drift over 5 points': a drift in points is the absolute one (not in a
    # sum: 'the sum of the absolute drifts' is the total drift's definition)
    text = re.sub(r"(?<!of )(?<!of the )(?<!of all )(?<!of all the )(?<!mean )(?<!median )\babsolute (?=(?:weight )?(?:drift|deviation)\b"
                  r"(?! (?:of|from) (?:the )?(?:portfolio|basket|benchmark|index))"
                  # ('absolute drift over 20% of target' says two kinds: left for the reader to ask)
                  r"(?![^.;,:]*?(?:% of (?:its |their |the )?(?:own )?(?:target|weight|allocation)|relative)))", "", text)
    text = re.sub(r"\binv[- ]vol\b", "inverse vol", text)
    text = re.sub(r"\bfinal (?:(?:trading|business|market) day|(?:trading )?session)\b", "last trading day", text)
    # chat drops the article of a day of the period ('rebal on last day of month', 'on 1st of quarter'; 'of month' is
    # 'of each month' already)
    text = re.sub(r"\bon (1st|first|2nd|second|3rd|third|\d{1,2}th|last) ((?:trading |business )?day )?of (?:each |every |the )?"
                  r"(month|quarter|year)\b", r"on the \1 \2of the \3", text)
    text = re.sub(r"\bput (?:everything|it all|it|things|them) back\b", "rebalance", text)
    text = re.sub(r"\bkeep (?:it|things|them) (?:that way|like that|balanced|on target)\b", "rebalance", text)
    text = re.sub(r"^(?:i'?m |we'?re )?(?:thinking|considering)(?: of| about)? ", "", text)
    text = re.sub(r"^(?:i'?ve |we'?ve )?been (?:playing|experimenting|messing around|tinkering|testing) with ", "", text)
    text = re.sub(r"^(?:absolute|relative|time-series|cross-sectional) momentum(?: on| for| with)?(?= @| ?:)", "", text)
    text = re.sub(r"\b(?:gets|is|was) cut in half\b|\bhalves\b|\bloses half(?: (?:its|of its) value)?\b", "falls 50%", text)
    text = re.sub(r"\b(?:i'?m|i am|we'?re|we are) (?:fine|ok|okay|happy|good) (?:as long as|if|while)\b", " ", text)
    text = re.sub(r"\bchk\b", "check", text)
    text = re.sub(r"\beom\b", "month-end", text)
    text = re.sub(r"\beoq\b", "quarter-end", text)
    text = re.sub(r"\beoy\b", "year-end", text)
    text = re.sub(r"\b(?:it'?s|it is|is) trading (above|below|over|under)\b", r"it is \1", text)
    text = re.sub(r"\b(?:please )?(?:let me know|lmk) if (?:(?:anything|any asset) is unclear|you have (?:any )?questions|you need anything"
                  r"(?: else)?|(?:i'?m|i am) missing (?:something|anything)|(?:this|that|it) (?:makes sense|works|looks (?:ok|okay|right|good)))\b",
                  " ", text)
    text = re.sub(r"\b(?:for|in|on) (?:the|my|our|this) (?:new )?account\b", " ", text)
    text = re.sub(r"\b(?:is to be|should be|must be|will be|gets|is) (?:restored|reset|brought back)\b", "rebalanced", text)
    text = re.sub(r"\s*>\s*(?=\d)", " more than ", text)
    text = re.sub(r"\s*<\s*(?=\d)", " less than ", text)
    text = re.sub(r"\b(?:the )?max(?:imum)? (?:abs(?:olute)? )?drift\b", "drift", text)
    text = re.sub(r"\b(?:it )?fix(?:es)? (?:them|it|things)\b", "rebalance", text)
    text = re.sub(r"\b(drop|cut|go|move|scale|reduce)(?: down)? to half (?:the )?(?:exposure|allocation|risk|size)\b",
                  "cut exposure to 50%", text)
    text = re.sub(r"\bevery couple (?:of )?weeks\b", "every 2 weeks", text)
    text = re.sub(r"\bew\b", "equal weight", text)
    text = re.sub(r"^(?:my|our|the) (?:plan|idea|strategy|setup|portfolio) is:? ", "", text)
    text = re.sub(r"\b(?:reset|restored?|returned?|brought back|set back|adjusted back|put back)(?: (?:it|them|the portfolio|"
                  r"everything))? to (?:those|these|the|its|their)(?: target)? (?:weights|targets?|allocations?|mix)\b", "rebalanced", text)
    text = re.sub(r"\b(?:adjusted|set|put|brought) back(?: in(?:to)? (?:order|line))?\b", "rebalanced", text)
    # a letter's 'they should be set right again', 'put straight once a year'
    text = re.sub(r"\b(?:set|put) (?:(?:it|them|things|everything) )?(?:right|straight)(?: again)?\b", "rebalanced", text)
    # an equal-weight scheme restored: 'set them equal again', 'make them equal again'
    text = re.sub(r"\b(?:set|make|bring|put) (?:them|the (?:funds|holdings|weights|positions)) (?:back )?(?:to )?equal again\b",
                  "rebalance", text)
    text = re.sub(r"\b(?:from )?where (?:it|they|each 1|each) (?:should be|belongs?|is supposed to be)\b", "from target", text)
    text = re.sub(r"\b(while|as long as) (?:each|each asset|every asset|each 1|each of them) is\b", r"\1 it is", text)
    text = re.sub(r"\b(?:a quarter|1 quarter) of (?:my|the|our) (?:money|portfolio|capital|account|savings)\b", "25%", text)
    text = re.sub(r"\b(?:a quarter|1 quarter) of (its|their|the|that) target", r"25% of \1 target", text)
    text = re.sub(r"\b(?:a fifth|1 fifth) of (its|their|the) target", r"20% of \1 target", text)
    text = re.sub(r"\bhalf (?:of )?(its|their|the) target", r"50% of \1 target", text)
    text = re.sub(r"(?<!exposure )(?<!exposure of )\b(?:at )?(?:twice|double) (?:the )?(?:equity|account|nav|capital)\b",
                  "total exposure 2x", text)
    text = re.sub(r"\s+ever\b", "", text)
    text = re.sub(r"\b(\d+(?:\.\d+)?) times\b(?! (?:a|an|per|each|every|in|a year|yearly|monthly|annually|quarterly|weekly|daily|over|during))", r"\1x", text)
    text = re.sub(r"\b(?:as )?(?:per|following|according to) (?:the |my |our )?(?:client'?s'? |clients' )?"
                  r"(?:instructions|request|wishes|mandate)\b,?", " ", text)
    text = re.sub(r"\b(?:all |any |the )?(?:orders|trades) (?:arising|resulting|coming) from\b", " ", text)
    text = re.sub(r"\bmake sure (?:that )?", "", text)
    # 'the threshold approach we discussed is fine:': who agreed it carries no rule; the approach's name stays
    # (not after holdings: 'the bonds we discussed' points to a list given elsewhere, which is asked for)
    text = re.sub(r"(?<!stocks)(?<!bonds)(?<!equities)(?<!funds)(?<!etfs)(?<!names)(?<!shares)(?<!holdings)"
                  r" (?:that |which )?we (?:discussed|agreed(?: on)?|talked about|spoke about)(?: (?:earlier|yesterday|last week|"
                  r"on the call))?(?: is fine| works| is ok(?:ay)?| sounds good)?(?=[:,.;])", "", text)
    text = re.sub(r"\b(?:(?:is |are |to be )?maintained )?at all times\b", "", text)
    text = re.sub(r"\b(?:we |i )?check (?:whether|if) ", "when ", text)        # 'each day we check whether any ...'
    text = re.sub(r"\b(?:only )?(?:touch|adjust|change) (?:it|them|the portfolio|anything)(?= (?:when|if|whenever|once)\b)",
                  "rebalance", text)
    text = re.sub(r"\bhalf and half\b", "50/50", text)
    # '70 30 VTI BND', '60 40 SPY TLT': a split written without its slash (only when it adds up to 100)
    text = re.sub(r"\b(?:first|1st) (?:trading |business )?day of jan(?:uary)?[/, ]+apr(?:il)?[/, ]+jul(?:y)?[/, ]+(?:and )?"
                  r"oct(?:ober)?\b", "quarterly", text)
    text = re.sub(r"\b1/vol(?:atility)?\b", "inverse vol", text)
    text = re.sub(r"\b(?:weight|size|scale)(?:ed)? ((?:@[A-Z][A-Z0-9_]*(?:,? and |, | ))*@[A-Z][A-Z0-9_]*) by inverse (?:of )?"
                  r"vol(?:atility)?\b", r"inverse vol \1", text)
    text = re.sub(r"\b(\w+ly)-rebalanced\b", r"rebalanced \1", text)
    text = re.sub(r"\bat the (daily|weekly|monthly|quarterly) review\b", r"checked \1", text)
    text = re.sub(r"\b1 of the (?:2|them)\b", "any asset", text)
    text = re.sub(r"\b(?:a |the )?rebalanc(?:e|ing) (?:is|must be|should be|will be|has to be|is to be) (?:made|done|performed|"
                  r"carried out|triggered)\b", "rebalance", text)
    text = re.sub(r"\bfixed (?=(?:every|each|once) )", "rebalanced ", text)
    text = re.sub(r"\b(?:stop|stop[- ]loss|kill switch)(?:\s*:\s*(?:yes|on|true)|\s+(?:yes|true))\b", "with a stop-loss", text)
    text = re.sub(r"\b(?:are |is )?reset (?:(?:it|them|the (?:weights|portfolio|mix|allocation)) )?(?:to (?:target|the targets?) )?"
                  r"(?=(?:every|each|once|monthly|quarterly|weekly|annually|yearly|daily)\b)", "rebalanced ", text)
    text = re.sub(r"\brestoring (?:both|them|it|all|the weights|each) to (?:the |their |its )?targets?\b", "rebalance", text)
    text = re.sub(r",? and (@[A-Z][A-Z0-9_]*) otherwise\b", r", otherwise \1", text)
    # 'QQQ only when above its 100-day SMA, SHY otherwise': the other asset before its 'otherwise'
    text = re.sub(r", (@[A-Z][A-Z0-9_]*) otherwise(?=\s*(?:[.;!]|$))", r", otherwise \1", text)
    text = re.sub(r"^(?:my )?(?:dad|mom|father|mother|friend|advisor|adviser|brother|sister|wife|husband|boss|broker) (?:told|said|"
                  r"suggested|recommended|advised)(?: me)?(?: to)?(?: do)? ", "", text)
    text = re.sub(r"(?:^|(?<=[.;!] ))(?:nothing else|that'?s (?:it|all))[.!]?", "", text)
    text = re.sub(r"\bmoving avg\b", "moving average", text)
    text = re.sub(r"\bsimple moving average\b", "sma", text)
    # 'over the average of the last 100 days' (the window already '100-day'): its 100-day moving average
    text = re.sub(r"\bthe (?:moving )?average (?:price )?(?:of|over) (?:the )?(?:last |past )?(\d+)[- ](day|week|month)s?\b", r"its \1-\2 moving average", text)
    # 'while its above its moving average': 'its' for "it's"
    text = re.sub(r"\b(while|when|whenever|if|as long as) its (above|below|over|under)\b", r"\1 it is \2", text)
    text = re.sub(r"\bexponential moving average\b", "ema", text)
    text = re.sub(r"\s*\((?:in )?(?:percentage )?points\)", "", text)             # 'band 5, ... band 2 (points)'
    text = re.sub(r"\b(?:i )?want to (?:be|stay) in control\b", "", text)
    text = re.sub(r"\bthe (moving average|sma|ema) of (\d+) days\b", r"its \2-day \1", text)
    text = re.sub(r"\b(?:a quarter|1 quarter)(?= (?:away|off) (?:from )?(?:its|their|the) target)", "25%", text)
    text = re.sub(r"\b(?:with )?exposure (?:set|adjusted|scaled|sized) (each|every) (month|week|day) so\b",
                  r"rebalanced \1 \2, exposure scaled so", text)
    text = _bands_beside_weights(text)
    text = re.sub(r"\b(signal|rule)\s*:\s*", r"\1 ", text)
    text = re.sub(r"\b(\d+) ?\+(?= (?:are|of|assets|funds|holdings|positions|names)\b)", r"\1 or more", text)   # '2+ are off'
    # ('that asset's share goes to cash', "the fund's slice sits in cash": its share said by whose it is)
    text = re.sub(r"\b(?:that|its|the|each) (?:(?:asset|fund|holding|position|etf|name|one|1|ticker|sleeve)'s )?"
                  r"(?:slice|share|part|portion|piece|allocation|weight|money|\d+(?:\.\d+)?%) (?:sits|goes|moves|stays|is (?:held|"
                  r"parked|put|moved)) (?:in|into|to)\b", "move it to", text)
    # each asset's trend filter said as the ones that stay ('if an ETF closes above its 200-day SMA it stays in, otherwise ...')
    text = re.sub(r"\b(?:if|when|while) (?:an?|any|each) (?:etf|fund|asset|holding|position|name|one|ticker) (?:closes|is|trades|stays|sits) "
                  r"(?:above|over) (?:its|the) (\d+-(?:day|week|month) (?:sma|moving average|ma|dma|ema))\b,? it (?:stays|is held|is kept|"
                  r"remains|stays held|is bought|is owned)(?: in| invested)?", r"each asset only held above its \1", text)
    # the cash a filtered slot sits in until the next check: what the next check does anyway
    text = re.sub(r"(@CASH|\bcash) until (?:the )?next (?:month[- ]end|month|rebalance|rebalancing|check|review|quarter[- ]end|quarter)\b",
                  r"\1", text)
    # a calendar rebalance skipped when nothing has drifted far, said as its gate: 'unless drift < 2pp', 'skip the rebalance if
    # nothing is more than 2pp off', 'skip it if everything is within 3 points'
    size = r"(\d+(?:\.\d+)?(?:pp| points?| percentage points?|%))"
    text = re.sub(rf"\bunless (?:the |max |the max |the largest )?drift (?:is )?(?:less than|under|below) {size}", r"but only if something is "
                  r"more than \1 off", text)
    text = re.sub(rf"\b(?:but )?(?:skip|don'?t do|do not do) (?:the |that |this |a )?(?:rebalance|rebalancing|trade|trades|month|quarter|it) "
                  rf"(?:if|when) (?:nothing|no (?:asset|holding|fund|position)) (?:is|has drifted|drifts|moved|has moved) (?:more than|over|"
                  rf"beyond|by more than) {size}(?: off| away)?(?: (?:from )?(?:its |the )?target)?"
                  rf"|\b(?:but )?(?:skip|don'?t do|do not do) (?:the |that |this |a )?(?:rebalance|rebalancing|month|quarter|it) (?:if|when) "
                  rf"(?:everything|all (?:assets|holdings|funds|positions)|all) (?:is|are|stays?) within {size}(?: of (?:its |their |the )?targets?)?",
                  lambda m: f"but only if something is more than {m.group(1) or m.group(2)} off", text)
    text = re.sub(r",? and (?:in |into |to )?(@[A-Z][A-Z0-9_]*) (?:if not|when not)\b", r", otherwise \1", text)
    text = _other_asset_on_the_other_side(text)
    text = re.sub(r"\b(it|@[A-Z][A-Z0-9_]*) (?:has |had )?(?:done|performed|returned) better than (@[A-Z][A-Z0-9_]*) (?:over|in) "
                  r"(?:the (?:last|past) )?(\d+)[- ](day|week|month|year)s?\b",
                  lambda m: f"{'its' if m.group(1) == 'it' else m.group(1) + chr(39) + 's'} {m.group(3)}-{m.group(4)} return beats "
                            f"{m.group(2)}", text)
    text = re.sub(r"\b(?:with )?(?:the )?(?:positions|weights|holdings) (?:are )?(?:reset|restored|trued up)\b", "rebalanced", text)
    text = re.sub(r"\b(?:make|place|do|execute|send|put in) (?:the )?(orders|trades) (?:in|over|during) (\d+) (?:trading )?days\b",
                  r"spread the \1 over \2 trading days", text)
    text = re.sub(r"(@[A-Z][A-Z0-9_]*)'s(?=[,;.]|$)", r"\1", text)          # 'above BIL's, otherwise ...'
    text = re.sub(r"\b(?:make (?:it |them |everything )?(?:equal|even|balanced) again|make again (?:equal|even)|bring (?:it|them) "
                  r"back to equal)\b", "rebalance", text)
    # the band said as how far before a full rebalance or a trade, right after its size: 'let QQQ drift 6pp before a full
    # rebal' (the full rebalance is read), 'SPY may move 5 points before we trade' (not 'check with me before we trade')
    text = re.sub(r"(\d(?:pp| points?| pts|%)?(?: either way| each way)?),? before (?:a |any )?full rebalance\b", r"\1, full rebalance", text)
    text = re.sub(r"(\d(?:pp| points?| pts|%)?(?: either way| each way)?),? before (?:(?:we|i|it) (?:trade|trades|act|acts)|"
                  r"anything (?:happens|trades|gets traded))\b", r"\1", text)
    text = re.sub(r",? before (?:rebalancing|it rebalances|a rebalance|we rebalance|i rebalance)\b", "", text)
    # 'BND and GLD 3 points each': each asset of the list with its own band (points only: '25% each' is a weight)
    text = re.sub(r"((?:@[A-Z][A-Z0-9_]*(?:, | and |, and ))+@[A-Z][A-Z0-9_]*) (\d+(?:\.\d+)?(?:pp| points?)) each\b",
                  lambda m: " and ".join(f"{a} {m.group(2)}" for a in re.findall(r"@[A-Z][A-Z0-9_]*", m.group(1))), text)
    text = re.sub(r"\b(?:allow|let|permit) (@[A-Z][A-Z0-9_]*) (?:to )?(drift|move|deviate)\b", r"\1 may \2", text)
    # Why a rule is there carries no rule of its own: 'so we don't move the market', 'to limit market impact'.
    text = re.sub(r",? ?\b(?:so (?:that )?(?:we|i|it|you|they) (?:don'?t|do not|won'?t|will not) (?:move the market|eat the order ?book|"
                  r"move the price|spook the market|get front-?run)|(?:in order )?to "
                  r"(?:limit|reduce|minimi[sz]e|keep|cut) (?:the )?(?:market impact|impact|turnover|costs|trading costs|slippage)"
                  r"(?: (?:low|down|small))?|for (?:liquidity|flexibility|safety|simplicity)(?: reasons| purposes)?|(?:in order )?"
                  r"to manage (?:the )?downside(?: risk)?|as a (?:safeguard|precaution|backstop)|for (?:fees|costs|expenses|"
                  r"withdrawals|emergencies)|(?:in order )?to (?:balance|spread|diversify) (?:the )?risk(?: (?:across|among|"
                  r"between) (?:the )?(?:asset classes|assets|holdings))?|given the size of the (?:account|portfolio)|to keep (?:it|things) simple)\b",
                  "", text)
    text = re.sub(r"\b(?:our |the |my )?(?:recommended |proposed |suggested )?(?:approach|method|methodology|policy) is "
                  r"(?:threshold|calendar|band|tolerance|periodic)(?:[- ]based)? rebalancing\b:?", "", text)
    text = re.sub(r"\b(its|their) own target", r"\1 target", text)
    text = re.sub(r"\b(while|when|whenever|if|as long as) (above|below|over|under) (its|the)\b", r"\1 it is \2 \3", text)
    text = re.sub(r"\b(stock|equity|bond)( weight| allocation| share| side| portion)\b",
                  lambda m: {"stock": "stocks", "equity": "equities", "bond": "bonds"}[m.group(1)] + m.group(2), text)
    text = re.sub(r"\b(?:fix|reset|true up|tidy up|re-?align) (?:it|things|them|the weights)\b", "rebalance", text)
    # a rebalance and a check as a translation says them: 'please return the ratio to VT 80% and BNDW 20%', 'please return
    # all to the target', 'please confirm the balance every trading day', 'the desk executes the rebalance on ...'
    text = re.sub(r"\breturn (?:the )?(?:ratios?|weights|allocation|balance|mix|proportions?) to\b", "rebalance to", text)
    text = re.sub(r"\breturn (?:all|everything|it|them|the portfolio) to (?:the |its |their )?targets?\b", "rebalance", text)
    text = re.sub(r"\bconfirm (?:the )?(?:balance|ratios?|weights|allocation)\b", "check", text)
    text = re.sub(r"\b(?:executes|carries out|performs) the rebalanc(?:e|ing)\b", "rebalances", text)
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern, replacement, text)
    for pattern, replacement in _WINDOWS:
        text = re.sub(pattern, replacement, text)
    # 'hold SPY when above the 200-day SMA': the asset held is what is above ('it is')
    text = re.sub(r"\b(while|when|whenever|if|as long as) (above|below|under) (?=(?:its |the )?\d+-(?:day|week|month)\b)",
                  r"\1 it is \2 ", text)
    # a crossover said with bare windows ('SPY 50d > 200d', 'the 50-day sma is over the 200-day'): the right side is the
    # left's average (a moving average when neither names one)
    text = re.sub(r"\b(\d+-(?:day|week|month))( (?:sma|ema|moving average)\b)?((?: of @[A-Z][A-Z0-9_]*)? (?:is |stays |trades )?(?:more than|"
                  r"above|over|greater than|less than|below|under|crosses above|crosses below|crosses over|crosses under) "
                  r"(?:the |its )?)(\d+-(?:day|week|month))(?=\s*(?:[.,;:]|$)| (?:hold|run|go|i|we|then|else|otherwise|and|or|but|be|buy|own|stay|switch|move)\b)",
                  lambda m: f"{m.group(1)}{m.group(2) or ' moving average'}{m.group(3)}{m.group(4)}{m.group(2) or ' moving average'}",
                  text)
    # 'below its 200-day', 'under the 10-month': a window alone after a side is its moving average, as traders say it
    # ('over' only with 'its': 'over 9-month' is a lookback)
    text = re.sub(r"\b((?:(?:above|below|under) (?:its |the |their )?|over (?:its|their) )\d+-(?:day|week|month))(?![\w-]| (?:sma|ema|ma|dma|moving|"
                  r"average|simple|exponential|returns?|vol|volatility|realized|realised|annualized|high|low|momentum|rsi|mean|"
                  r"line|max|min|range|channel|band|window|lookback|drawdown|performance|trend|median|percentile|price|close|"
                  r"closing|level|peak|bottom|top|breakout|total)\b)", r"\1 moving average", text)
    text = _closes_the_month(text)
    text = _percent_said_once(text)
    # '60% in SPY and 40 in AGG': the second share takes the first one's unit
    text = re.sub(r"(\d+(?:\.\d+)?% (?:in|into|of|to) @[A-Z][A-Z0-9_]*,? and )(\d+(?:\.\d+)?) (?=(?:in|into|of|to) @)", r"\1\2% ", text)
    # ('in QQQ only above its 100-day SMA', 'long QQQ above the 100-day SMA': the bare filter below, said with where)
    text = re.sub(r"(^|[.;:] )(?:in|long|be in|be long) (@[A-Z][A-Z0-9_]*)(?: only)? (?=(?:above|over|below|under) (?:its |the )?\d+-(?:day|week|month) "
                  r"(?:moving average|sma|ema)\b)", r"\1\2 ", text)
    # a bare trend filter: 'SPY above 200dma else cash' -> 'hold SPY while it is above its 200-day moving average ...'
    text = re.sub(r"(^|[.;:] )(@[A-Z][A-Z0-9_]*) (?:(?:while|when|if) )?(?:it'?s |it is )?(above|over|below|under) (?:its |the )?"
                  # (not before weights after a colon or a 'then': 'SPY above its 200-day SMA: 80/20 ...' gives weights to a regime)
                  r"(?=\d+-(?:day|week|month) (?:moving average|sma|ema)\b(?!(?::|, then) (?:\d|@)))"
                  # (nor below it before what is then done: 'SPY below its 200d SMA -> its 60% to TLT' moves SPY's weight)
                  r"(?!(?:(?<=below its )|(?<=under its )|(?<=below the )|(?<=under the )|(?<=below )|(?<=under ))"
                  r"\d+-(?:day|week|month) (?:moving average|sma|ema),? then )", r"\1hold \2 while it is \3 its ", text)
    text = _drop_labels(text, result)
    text = _tag_counts(text)
    text = _tag_asset_classes(text, result)
    result.text = text.strip()
    return result


def _other_asset_on_the_other_side(text: str) -> str:
    """'hold SPY while it's above its 200-day SMA and TLT when it's below it': the other asset held on the other side of
    the same average is the filter's otherwise; the same side said twice stays as written (a question)."""
    average = r"(?:its|the) \d+-(?:day|week|month) (?:moving average|sma|ema)"
    for side, other in (("above|over", "below|under"), ("below|under", "above|over")):
        text = re.sub(rf"\b((?:{side}) {average}),? and (?:in |into )?(@[A-Z][A-Z0-9_]*) (?:when|if|while|whenever) "
                      rf"(?:it'?s|it is|it closes|it trades) (?:{other})(?: it| that| (?:its|the) average)?(?=\s*(?:[.;,]|$))",
                      r"\1, otherwise \2", text)
        # said bare: 'in QQQ above its 100-day SMA, in SHY below it', 'long QQQ above the 100-day SMA, flat below'
        text = re.sub(rf"\b((?:{side}) {average}),? (?:and )?(?:in |into )?(@[A-Z][A-Z0-9_]*|flat|out|in @CASH) (?:{other})"
                      rf"(?: it| that| (?:its|the) average)?(?=\s*(?:[.;,]|$))", r"\1, otherwise \2", text)
    return text


def _closes_the_month(text: str) -> str:
    """'only if it closes the month above its 150-day moving average': the price against its average on the month's
    last trading day, said as the comparison at month-end (which the schedule rules read)."""
    average = r"((?:above|below|over|under) (?:its |the )?\d+[- ]?(?:day|week|month) (?:simple |exponential )?(?:moving average|sma|ema)\b)"
    text = re.sub(rf"\b(?:closes|ends|finishes) (?:out )?(?:the|each|every) month {average}", r"closes \1 at month-end", text)
    # 'if its month-end close is above ...', 'while its monthly close is over ...'
    return re.sub(rf"\bits (?:month[- ]end|monthly|end-of-month) (?:close|closing price) (?:is |stays |sits )?{average}",
                  r"it closes \1 at month-end", text)


# A title before a colon ('All-weather:', 'My lazy portfolio:') names the strategy; words that open a section
# the rules read ('bands:', 'core-satellite:', 'costs:') are not titles.
_SECTION_WORDS = (r"band|core|satellite|sleeve|bucket|cost|constraint|rebalanc|target|weight|check|schedule|rule|note|"
                  r"leverage|drawdown|mode|exposure|vol|stop|execution|capital|benchmark|cash|fee|commission|trade|"
                  r"day|week|month|quarter|year|daily|annual|"
                  r"present|attendees|apologies|absent|next (?:meeting|call|review)")   # furniture: chatter.py skips it


_SCORE_UNITS = {"d": "day", "w": "week", "m": "month"}


def _named_scores(text: str) -> str:
    """Code-ish: 'score = ret(252d) ... hold top 4 by score' -> 'hold top 4 by 252-day return'. A score defined as a
    lookback return (a unit letter is required: 'mom12' alone could be days or months) takes its name's place."""
    m = re.search(r"\b([a-z_]+) ?= ?(?:return|momentum|roc)\( ?(\d+) ?([dwm])(?:ays?|eeks?|onths?)? ?\)", text)
    if m is None or not re.search(rf"\bby {m.group(1)}\b", text[m.end():]):
        return text
    measure = f"{m.group(2)}-{_SCORE_UNITS[m.group(3)]} return"
    return text[:m.start()] + re.sub(rf"\bby {m.group(1)}\b", f"by {measure}", text[m.end():])


# A holding told in the past, then adopted ('arthur always held the same 5 companies in equal amounts: JNJ, ... and MMM. i
# should like to keep them', "my dad had VTI 60% and BND 40%; we'd like to keep it that way"): the holding is the target.
_HOLDING_ITEM = r"(?:\d+(?:\.\d+)?% (?:in )?)?@[A-Z][A-Z0-9_]*(?: \d+(?:\.\d+)?%)?"
_ADOPTED = re.compile(
    r"(?:^|(?<=[.;!?] ))(?:(?:my|our) (?:late )?[a-z-]+ )?[a-z]+ (?:always |has always |had always |once |long )?(?:held|kept|owned|had) "
    r"(?:the same )?(?:\d+ )?(?:(?:companies|stocks|funds|shares|names|holdings|etfs|positions)\b)?"
    r"(?: ?(?P<how>in equal (?:amounts|weights|parts|shares|measure)|equally(?: weighted)?))?:? ?"
    rf"(?P<list>{_HOLDING_ITEM}(?:(?:,| and|, and) {_HOLDING_ITEM})+)(?: for (?:years|decades))?[.;,] "
    r"(?:i|we)(?: should| would|'d)? (?:like|want|wish|intend|plan) to keep (?:them|it|those|these|that)"
    r"(?: (?:that way|as they are|as it is|the same))?(?=[.;,!]| but\b| and\b|$)")


def _adopted_holding(text: str) -> str:
    return _ADOPTED.sub(lambda m: f"hold {m.group('list')}" + (f" {m.group('how')}" if m.group("how") else ""), text)


def _thousands(number: str, suffix: str) -> str:
    """'$100k' -> '100000 usd', '$1.5m' -> '1500000 usd'."""
    value = Decimal(number) * {"k": 1000, "m": 1000000}[suffix]
    return f"{value.normalize():f} usd"


def _drop_title(text: str) -> str:
    text = re.sub(r"^(?:(?:to|from|cc|attn) ?: [^.;!?:]*[.;] ?)+", "", text)    # a memo's address lines
    # 'All Weather: VTI 30 ...', 'Golden butterfly - 20% each ...' (a dash only before the figures or tickers it names)
    m = re.match(r"([a-z][a-z' -]{1,40}?) ?: |([a-z][a-z' ]{1,40}?) [-–—] (?=\d|@)", text)
    title = m and (m.group(1) or m.group(2))
    if title and not re.search(_SECTION_WORDS, title) and not re.search(_INSTRUCTION, title):
        return text[m.end():]
    return text


# Words that make a heading an instruction ('let winners run a bit:', 'sell only:', 'ease in:'): never a title to drop.
_INSTRUCTION = (r"\b(?:let(?! me\b|'s| us\b)|sell|buy|hold|never|only|don'?t|do not|no|avoid|stop|skip|wait|ease|go|move|put|tilt|lean|"
                r"favou?r|overweight|underweight|add|trim|cut|double|halve|run|leave|start|scale)\b")


def _upper_known_tickers(english: str, result: Normalized) -> str:
    """'spy' -> 'SPY' for the well-known tickers (listed back as an assumption)."""
    def upper(m: re.Match) -> str:
        ticker = COIN_NAMES.get(m.group().lower(), m.group().upper())
        if (m.group(), ticker) not in result.lowered:
            result.lowered.append((m.group(), ticker))
        return ticker
    english = re.sub(rf"(?i)(?<![\w@#$.-])(?:{'|'.join(COIN_NAMES)})(?![\w@-])(?! (?:etfs?|funds?|trusts?|futures|miners?|"
                     rf"stocks?|treasur(?:y|ies))\b)", upper, english)
    return re.sub(r"(?<![\w@#$.-])(?:" + "|".join(sorted(KNOWN_LOWER)) + r")(?![\w@-])", upper, english)


# MT5's daily timeframe said by its code ('on the D1 close', 'every D1 bar'): never a ticker.
_TIMEFRAME_CLOSE = re.compile(r"\b(?:the )?D1 (?:bar |candle )?close\b")
_TIMEFRAME_BAR = re.compile(r"\bD1 (bars?|candles?|chart|timeframe)\b")


# Coins said by name ('bitcoin and ethereum 60/40'): their tickers, said back. Not a fund of them ('a bitcoin ETF'); not
# 'ether', a common typo of 'either' ('wen ether is off by 4 pts').
COIN_NAMES = {"bitcoin": "BTC", "ethereum": "ETH", "solana": "SOL", "cardano": "ADA", "ripple": "XRP",
              "dogecoin": "DOGE", "litecoin": "LTC", "polkadot": "DOT", "chainlink": "LINK"}


# A drawdown said as 'DD' or 'MDD' beside its size ('if DD ever hits 25%', 'max dd 20%', 'a 15% DD'): never a ticker.
# ('DD 30%, DOW 30%' weights DuPont: a bare 'DD' is the drawdown only after 'max' or before what a drawdown does)
_DRAWDOWN_SAID_SHORT = re.compile(r"(?i)(?:(?<=max )|(?<=maximum ))?(?<![\w@$-])(m)?dd(?![\w-])"
                                  r"(?=(?:(?<=max dd)|(?<=maximum dd)|(?<=mdd))[^.;!?\n]{0,30}?\d+(?:\.\d+)? ?%"
                                  r"|(?: ever| has| is)?(?: (?:hits?|reach(?:es)?|exceeds?|goes (?:over|above|past|beyond)|gets to|tops?|"
                                  r"pass(?:es)?|breach(?:es)?|is (?:over|above|more than|at|under|below|less than|back under)|of|limit|cap|stop|above|over|beyond|"
                                  r"under|below|>=?|≥|<=?|≤)|:)"
                                  r"[^.;!?\n]{0,20}?\d+(?:\.\d+)? ?%)"
                                  # the depth first, said as one: 'at a 30% DD', 'on a 25% mdd' ('30% DD' alone may weight DuPont)
                                  r"|(?<=\ba \d\d%) (m)?dd(?![\w-])"
                                  # the drawdown said by how it feels: 'de-risk if the DD gets bad' (no weight is said so)
                                  r"|(?:(?<=\bthe )|(?<=\bmy )|(?<=\bour ))dd(?= (?:ever )?(?:gets?|is getting|goes|becomes|turns) "
                                  r"(?:too |really |very )?(?:bad|deep|big|ugly|nasty|large|hairy|rough|painful|scary)\b)")


def _drawdown_spelled(m: re.Match) -> str:
    return m.group()[:len(m.group()) - len(m.group().lstrip())] + ("max drawdown" if any(m.groups()) else "drawdown")


# A broker's own symbol for a fund, said in brackets after it ('SPY 60% (it's US500.cash on my account)', 'TLT 30% (TLT.US)',
# 'GLD (XAUUSD on my broker)'): the asset's MT5 symbol, no asset of its own. A plain ticker in brackets is one only when
# it is said to be the broker's or the text speaks of broker symbols ('(VOO)' alone may be a second fund: read as usual).
_SYMBOL_IN_BRACKETS = re.compile(
    r"\b(?P<ticker>[A-Z][A-Z0-9]{1,9})(?P<weight>:? \d+(?:\.\d+)? ?%)? ?\((?:(?:it'?s|it is|which is|that'?s|that is|=|aka|i\.e\.|"
    r"(?:mt5 |broker |my )?(?:symbol|ticker)(?: is)?:?) )?(?P<symbol>#?[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*)"
    r"(?P<where> (?:on|at|with|in|for) (?:my|our|the|your) (?:account|broker|platform|mt5|terminal|side)(?: account)?)?\)")
_SYMBOLS_SPOKEN_OF = re.compile(r"(?i)\b(?:mt5|mt4|metatrader|broker'?s? (?:symbols?|tickers?|names?)|(?:symbols?|tickers?) "
                                r"(?:aren'?t|are not|differ|don'?t match))\b")
# why the symbols differ, said once they are given ('so the symbols aren't the etf tickers'): no fact beyond them
_SYMBOLS_DIFFER = re.compile(r"(?i),? so (?:the )?(?:broker'?s? )?(?:symbols|tickers|names) (?:aren'?t|are not|differ from|don'?t match)"
                             r" (?:the )?(?:usual |normal |exchange |etf |us )*(?:tickers|symbols|names)")


# ... or said in a sentence about the broker ('at my MT5 broker SPY is listed as US500.cash and gold as XAUUSD', 'symbols
# at the broker: SPY=SPX500, GLD=XAUUSD', 'my broker calls SPY "US500"'): the fund first, then its symbol; a fund said by
# its class ('gold') is the one asset of that class the text holds.
_SYMBOL = r"[\"']?(?P<symbol>#?[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*)[\"']?"
_FUND_SAID = r"(?P<ticker>[A-Z][A-Z0-9]{1,9}|gold|bonds|stocks|equities|commodities|reits)"
_SYMBOL_AS = (rf"{_FUND_SAID} (?:(?:is|are) )?(?:(?:listed|quoted|called|named|traded|available|shown|offered|found) |trades |"
              rf"goes |appears )?(?:as|under)(?: the symbol| symbol)? {_SYMBOL}",
              rf"{_FUND_SAID} ?(?:=|->|\u2192) ?{_SYMBOL}",
              rf"(?:calls?|lists?|names?|has) {_FUND_SAID} (?:as |under )?{_SYMBOL}",
              # the symbol first: 'use US500 for SPY', 'map SPY to US500.cash', 'the ticker for SPY is SPX500'
              rf"(?:(?i:use|uses|using) |(?<=, )|(?<=and )|(?<=: )|(?<=(?i:symbols|tickers) are )){_SYMBOL} (?:for|in place of|instead of) {_FUND_SAID}",
              rf"(?i:map(?:s|ped)?|mapping) {_FUND_SAID} (?:to|onto|as) {_SYMBOL}",
              rf"(?<=, |d ){_FUND_SAID} (?:to|onto) {_SYMBOL}(?= (?:on|at|in|for) |[,.;]|$)",
              rf"{_FUND_SAID} (?:maps|is mapped|goes) (?:to|onto) {_SYMBOL}",
              rf"(?i:(?:(?:my|the|our) )?(?:broker'?s? |mt5 |mt4 )?)(?:symbol|ticker|name|code)s? (?:for|of) {_FUND_SAID} ?"
              rf"(?:is |= ?|: ?|-> ?){_SYMBOL}",
              rf"(?<=, )for {_FUND_SAID} ?(?:is |= ?|: ?|-> ?){_SYMBOL}",
              # the one fund the text holds: 'trade it as NAS100 on MT5'
              rf"(?:trade|trades|buy|hold|run) (?P<ticker>it) (?:as|under)(?: the symbol| symbol)? {_SYMBOL}",
              # the next one of a list, quoted: 'my broker calls SPY "US500" and GLD "XAUUSD"'
              rf"(?<=, |d ){_FUND_SAID} [\"'](?P<symbol>#?[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*)[\"']",
              # plain 'is' only before what cannot be a word: 'SPY is US500', 'GLD is XAUUSD'
              rf"{_FUND_SAID} is (?=[\"']?(?:[A-Z#]*\d|[A-Z]{{5}}|[^ ]*[.#])){_SYMBOL}")
_SYMBOL_SENTENCE = re.compile(r"(?i)(?:[^.;!?\n]|\.(?=[A-Za-z0-9]))*\b(?:broker|mt5|mt4|metatrader|symbols?)\b(?:[^.;!?\n]|\.(?=[A-Za-z0-9]))*")
# the words around such a sentence once its symbols are taken: where the account is, and that the EA trades them
_SYMBOL_FRAME = (r"(?i)(?:(?:the |my |our )?account is |i'?m |we'?re |i am |we are |i (?:trade|bank) )?(?:at|with|on) (?:an? |my |the |our )?"
                 r"(?:mt5 |mt4 |metatrader ?5? )?broker,? (?:where|that|which)\b"
                 r"|(?:,? ?so )?(?:the (?:ea|bot|robot|strategy|system) )?(?:has|needs|must|should|have|need) (?:to )?(?:trade|use) "
                 r"(?:those|these|the broker'?s?|its|their|them as|the mt5) ?(?:symbols|names|tickers)?"
                 r"|(?:,? ?so )?(?:please )?use (?:those|these|the broker'?s?|their|them)(?: symbols| names| tickers)?(?: instead)?"
                 r"|(?:my|the|our) (?:mt5 |mt4 )?broker (?:has|calls|lists|names|uses|shows)\b"
                 r"|(?:my |the |our )?(?:broker'?s? |mt5 )?(?:symbol|ticker|name|code)s? (?:for|of)\b"
                 r"|(?:on|at) the (?:broker|mt5) side\b"
                 r"|(?:(?:my|the|our) )?(?:broker'?s? |mt5 |mt4 )?(?:broker )?(?:symbols|tickers) (?:are|will be)\b:?"
                 r"|(?:(?:my|the|our) )?(?:broker'?s? |mt5 |mt4 )(?:broker )?(?:symbols|tickers):"
                 r"|(?:the )?symbols (?:at|on|with) (?:my |the |our )?(?:broker|mt5|platform)(?: are)?:?"
                 r"|(?:on|at|with) (?:my|the|our) (?:mt5 )?(?:broker|platform|account)\b(?: side)?"
                 r"|(?:on|in|at) (?:the )?(?:mt5|mt4|metatrader ?5?)\b")


# ... or as a list in the order the funds were named ('my MT5 broker lists them as US500, TLT.US and XAUUSD', "on my broker
# they're called SPX500 and GOLD", 'symbols are US500 / TLT.US / XAUUSD respectively', 'broker tickers: SPX500, GOLD')
_SYMBOL_ITEM = r"#?[A-Z0-9][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*"       # (a capital first: never ", so")
_SYMBOL_LIST = rf"(?P<symbols>{_SYMBOL_ITEM}(?:(?:,? and |,? & |, ?| ?/ ?){_SYMBOL_ITEM})+)(?:,? respectively)?"
_SYMBOLS_IN_ORDER = (
    rf"(?i:(?:(?:my|the|our) (?:mt5 |mt4 )?broker )?(?:lists|calls|names|has|shows|quotes|carries) (?:them|these|those|the (?:funds|"
    rf"assets|etfs|tickers|instruments|\w+ of them)) (?:as |under )?(?:the symbols? )?){_SYMBOL_LIST}",
    rf"(?i:(?:(?:on|at|with) (?:my|the|our) (?:mt5 |mt4 )?broker,? )?(?:they'?re|they are|these are|those are|these|they) (?:are )?"
    rf"(?:called|listed|named|quoted|traded|shown|trade) (?:as |under )?(?:the symbols? )?){_SYMBOL_LIST}",
    # ('on my broker they're NAS100 and XAUUSD': the broker named before, no verb)
    rf"(?i:(?:on|at|with) (?:my|the|our) (?:mt5 |mt4 )?broker,? (?:they'?re|they are|these are|those are) ){_SYMBOL_LIST}",
    rf"(?i:(?:(?:my|the|our) )?(?:mt5 |mt4 |broker'?s? |broker )(?:symbols|tickers)(?: (?:are|will be|to use)|:)? ?){_SYMBOL_LIST}",
    # (with no broker named, only in the order said: 'symbols are US500 / TLT.US / XAUUSD respectively')
    rf"(?i:(?:the )?(?:symbols|tickers)(?: (?:are|will be|to use)|:) ?){_SYMBOL_LIST}(?<=respectively)",
    rf"(?i:(?:please )?use (?:the )?(?:broker'?s? |mt5 |mt4 )?(?:symbols|tickers) ){_SYMBOL_LIST}(?i: (?:for|on) (?:them|these|those))?")


def _symbols_in_order(text: str, english: str, symbols: dict[str, str], doubts: list[str]) -> str:
    """The symbols of a list said in the order the funds were named: each the n-th ticker's, when the text names as many
    tickers as symbols and no asset by its class word (else a question names them)."""
    for pattern in _SYMBOLS_IN_ORDER:
        m = re.search(pattern, text)
        if not m:
            continue
        said = re.split(r",? and |,? & |, ?| ?/ ?", m.group("symbols"))
        rest = english.replace(m.group(), " ")
        tickers = list(dict.fromkeys(t for t in TICKER.findall(rest) if t not in NOT_TICKERS and t not in said))
        classes = [m.group() for c, name, _, _ in ASSET_CLASSES if name != CASH_NAME
                   for m in [re.search(rf"(?<![\w@])(?:{c})\b", rest.lower())] if m]
        if len(tickers) != len(said) or classes or not all(_is_symbol(t, s) for t, s in zip(tickers, said)):
            doubts.append(f"The text gives {len(said)} broker symbols ({', '.join(said)}) for the assets "
                          f"({', '.join(tickers + classes) or 'none named'}); which symbol is each asset's (for example "
                          f"'{tickers[0] if tickers else 'SPY'} is {said[0]}')?")
            return text[:m.start()] + text[m.end():]
        symbols.update(zip(tickers, said))
        return text[:m.start()] + text[m.end():]
    return text


def _symbols_said(english: str, symbols: dict[str, str], doubts: list[str]) -> str:
    """Each 'SPY is listed as US500.cash' in a sentence about the broker recorded; the sentence left without them."""
    def said(sentence: re.Match) -> str:
        text = sentence.group()
        found = False
        if not symbols:
            shorter = _symbols_in_order(text, english, symbols, doubts)
            text, found = shorter, shorter != text
        for pattern in _SYMBOL_AS:
            for m in reversed(list(re.finditer(pattern, text))):
                if _is_symbol(m.group("ticker"), m.group("symbol")) and _one_fund_said(m.group("ticker"), english, m.group("symbol")):
                    symbols[m.group("ticker")] = m.group("symbol")
                    text, found = text[:m.start()] + text[m.end():], True
        return re.sub(_SYMBOL_FRAME, "", text) if found else text
    return _SYMBOL_SENTENCE.sub(said, english)


def _one_fund_said(name: str, english: str, symbol: str) -> bool:
    """The fund a symbol is given to is one the text names: a ticker, 'it' where the text names one ticker, a class
    word ('gold') where it names one fund of that class; otherwise the words stay (a question names them)."""
    if name.isupper():
        return True
    tickers = set(re.findall(r"\b[A-Z][A-Z0-9]{1,9}\b", english)) - NOT_TICKERS - {symbol.split(".")[0].lstrip("#")}
    if name == "it":
        return len(tickers) == 1
    column = next((c for pattern, _, c, _ in ASSET_CLASSES if re.fullmatch(pattern, name)), None)
    return len([t for t in tickers if column in (t, STAND_INS.get(t, ("",))[0])]) == 1


def _is_symbol(ticker: str, symbol: str) -> bool:
    """A symbol is written in capitals (a broker's suffix aside: 'US500.cash'); a lowercase or plain word ('SPY is
    fine', 'gold as a hedge') never is one."""
    base = symbol.split(".")[0].lstrip("#")
    return (ticker not in NOT_TICKERS and symbol.upper() not in NOT_TICKERS and re.search(r"[A-Z]", base) is not None
            and (base == base.upper() or re.search(r"\d", base) is not None))     # 'SP500m': a broker's suffix


def _assets_said_as(name: str, result: Normalized) -> list[Asset]:
    """The asset a symbol was given to: its ticker, or the one asset of the class word it was said by ('gold')."""
    if name in result.assets:
        return [result.assets[name]]
    if name == "it":
        return list(result.assets.values()) if len(result.assets) == 1 else []
    column = next((c for pattern, _, c, _ in ASSET_CLASSES if re.fullmatch(pattern, name)), None)
    held = [a for a in result.assets.values() if column and column in (a.name, STAND_INS.get(a.name, ("",))[0])]
    return held if len(held) == 1 else []

# ... and the data said as the funds' own once the broker's symbols are given ('Backtest it on the normal SPY and GLD
# data', 'but use the regular ETF prices for the backtest'): each asset's data column, as it is without the symbols
_DATA_AS_USUAL = re.compile(r"(?i)(?:,? ?(?:but|and) )?(?:backtest(?:ed|ing)? (?:it |this |the strategy )?(?:on|with|using)|"
                            r"(?:the )?backtests? (?:should |can |will )?(?:use|uses|run on|runs on)|use) (?:the )?"
                            r"(?:normal|regular|usual|standard|plain|original|real|underlying|actual|etf'?s?'?) "
                            r"(?:[A-Z][A-Z0-9]{1,9}(?:,? (?:and |& )?[A-Z][A-Z0-9]{1,9})* )?(?:etf )?"
                            r"(?:data|prices|price data|history|price history|quotes|series)(?: for the backtest)?")


def _bracketed_band_units(english: str) -> str:
    """A band's unit or sign said in brackets, kept before brackets become commas: 'bands (pp): SPY 5, TLT 4', '..., cash 2
    (points)' (the unit of the whole run), 'SPY 60% (±5)' (the weight's band)."""
    english = re.sub(r"(?i)\b(bands?|tolerances?|thresholds?)\s*\(\s*(?:in\s+)?(?:pp|points?|pts|percentage points?)\s*\)\s*:?",
                     r"\1 in points:", english)
    english = re.sub(r"(?i)(\d)\s*\(\s*(?:in\s+)?(?:pp|points?|pts|percentage points?)\s*\)", r"\1, in points", english)
    return re.sub(r"(\d%)\s*\(\s*(\u00b1|\+/-|\+-)\s*(\d+(?:\.\d+)?\s*(?:pp|%|points?|pts)?)\s*\)", r"\1 \2\3", english)


def _broker_symbols(english: str, doubts: list[str]) -> tuple[str, dict[str, str]]:
    """The text without the bracketed broker symbols, and each fund's symbol."""
    symbols: dict[str, str] = {}
    spoken_of = bool(_SYMBOLS_SPOKEN_OF.search(english))

    def record(m: re.Match) -> str:
        symbol = m.group("symbol")
        if m.group("ticker") in NOT_TICKERS or symbol.upper() in NOT_TICKERS or re.fullmatch(r"\d+(?:\.\d+)?", symbol):
            return m.group()
        # a symbol has a capital, a digit or a broker's mark ('US500.cash', '#SPX500'); a lowercase word ('(approx)',
        # '(bonds)') is the writer's note on the fund, never a symbol
        if not re.search(r"[A-Z0-9._#]", symbol) or not (m.group("where") or spoken_of or re.search(r"[._#]", symbol)):
            return m.group()
        symbols[m.group("ticker")] = symbol
        return m.group("ticker") + (m.group("weight") or "")
    english, spot = _spot_stand_in(english, spoken_of)
    english = _symbols_said(_SYMBOL_IN_BRACKETS.sub(record, english), symbols, doubts)
    english = _SUFFIXED_TICKER.sub(lambda m: _suffixed(m, symbols), english)
    # ('on MT5 they're VTI.US and BND.US': the sentence said nothing but the symbols just recorded)
    english = _SYMBOLS_NAMED.sub(lambda m: "" if all(t in symbols for t in re.findall(r"[A-Z]{2,5}", m.group("listed")))
                                 else m.group(), english)
    for fund, metal in spot:
        if not re.search(_SPOT_SYMBOL[metal], symbols.get(fund, "")):
            doubts.append(f"The text trades spot {metal} for {fund}; which broker symbol is it (for example "
                          f"'{fund} is {'XAUUSD' if metal == 'gold' else 'XAGUSD'}')?")
    return (_DATA_AS_USUAL.sub("", _SYMBOLS_DIFFER.sub("", english)) if symbols else english), symbols


# A fund named by its broker symbol, its exchange's suffix on the ticker ('SPY.US 60% TLT.US 40%'): the ticker, with
# that symbol. Not where the text names the ticker with another symbol already.
_SUFFIXED_TICKER = re.compile(r"(?<![\w.@#$(])([A-Z]{2,5})\.(US|us|cash|CASH|m|r|pro|NYSE|NAS|ARCA)(?![\w.])")


_SYMBOLS_NAMED = re.compile(r"(?i:[,;.]? ?(?:and )?(?:on|in|at|with) (?:mt5|mt4|metatrader(?: ?5)?|my broker|the broker),? "
                            r"(?:they'?re|they are|these are|it'?s)(?: called| listed as| named)? )"
                            r"(?P<listed>[A-Z]{2,5}(?:(?:,| and|,? &) [A-Z]{2,5})*)\b")


def _suffixed(m: re.Match, symbols: dict[str, str]) -> str:
    ticker = m.group(1)
    if ticker in NOT_TICKERS or symbols.get(ticker, m.group()) != m.group():
        return m.group()
    symbols[ticker] = m.group()
    return ticker


# The broker's spot metal said to stand in for a fund of that metal ('I just use spot gold for the GLD part', 'spot gold
# stands in for GLD'): the fund's symbol, no fourth asset. Read only where broker symbols are spoken of.
_SPOT_STAND_IN = re.compile(
    r"(?i)\s*\(?(?:(?:i|we) (?:just |only |simply )?(?:use|trade|hold|buy)|using|with)? ?spot (?P<metal>gold|silver)"
    r"(?: \(?[A-Z]{3}USD\)?)? (?:is |as )?(?:for|in place of|instead of|stands in for|standing in for|replaces|covers) "
    r"(?:the |my |our )?(?P<fund>[A-Z]{2,5}|gold|silver)(?: (?:part|leg|slice|sleeve|bit|portion|allocation|position|piece|one))?"
    r"(?:\)|(?=[.;,!]|$))")
_SPOT_SYMBOL = {"gold": r"(?i)XAU|GOLD", "silver": r"(?i)XAG|SILVER"}


def _spot_stand_in(english: str, spoken_of: bool) -> tuple[str, list[tuple[str, str]]]:
    """The text without the spot-metal remarks whose fund is of that metal, and each (fund, metal) they name."""
    if not (spoken_of or re.search(r"(?i)\bbroker\b", english)):
        return english, []
    found: list[tuple[str, str]] = []

    def stand_in(m: re.Match) -> str:
        metal, fund = m.group("metal").lower(), m.group("fund")
        named = [t for t, (_, word) in STAND_INS.items() if word == metal and re.search(rf"\b{t}\b", english)]
        if fund.lower() == metal:
            fund = named[0] if len(named) == 1 else fund
        if fund not in named:
            return m.group()
        found.append((fund, metal))
        return ""
    return _SPOT_STAND_IN.sub(stand_in, english), found


# A one-letter ticker (C, F, T, V) said inside a list of tickers ('JPM, BAC, WFC, C and GS', 'F, GM and TSLA').
_ONE_LETTER = re.compile(r"(?<![\w&'./-])[A-Z](?![\w&'/-]|\.\w)")
_LISTED = r"[A-Z][A-Z0-9]{0,9}"
# (a list typed with spaces only: 'equal weight JPM BAC WFC C GS')
_LIST_SEP = r"(?:,? and |,? & |,? or |, ?| )"


def _one_letter_listed(english: str, match: re.Match) -> bool:
    """A single capital letter is a ticker only between tickers of a list, or beside two of them: never 'plan B'."""
    if match.group() in NOT_TICKERS:
        return False
    before = re.findall(rf"\b({_LISTED}){_LIST_SEP}(?=(?:{_LISTED}{_LIST_SEP})*$)", english[max(0, match.start() - 60):match.start()])
    after = re.match(rf"(?:{_LIST_SEP}({_LISTED})\b)(?:{_LIST_SEP}({_LISTED})\b)?", english[match.end():])
    listed_before = [t for t in before if _may_be_listed(t)]
    listed_after = [t for t in (after.groups() if after else ()) if t and _may_be_listed(t)]
    # beside one ticker only: a list's first item after what opens a list ('equal weight C JPM', 'hold: T, VZ'), or its
    # last after 'and' ('JPM and C')
    opens = re.search(r"(?i)(?:\bweight(?:ed|s)?|\bhold|\bbuy|\bown|\bbasket|\btickers|:)\s*$", english[:match.start()])
    closes = re.search(rf"\b{_LISTED},? (?:and|&) $", english[:match.start()])
    return (bool(listed_before and listed_after) or len(listed_before) >= 2 or len(listed_after) >= 2
            or bool(listed_after and opens) or bool(listed_before and closes))


def _may_be_listed(word: str) -> bool:
    return word not in NOT_TICKERS or word in _CHAT_ACRONYMS


def _ticker_words(english: str) -> list[re.Match]:
    """The ticker-shaped words in order: two or more capitals, or one capital listed among tickers."""
    words = list(TICKER.finditer(english)) + [m for m in _ONE_LETTER.finditer(english) if _one_letter_listed(english, m)]
    return sorted(words, key=lambda m: m.start())


def _tag_tickers(english: str, result: Normalized) -> str:
    pieces, last = [], 0
    for match in _ticker_words(english):
        # 'fee-free', 'SPY-like'; 'CR-118', 'ISO-9001': a reference code, not a ticker; 'owner: DK': a person's initials
        if ((match.group() in NOT_TICKERS and not _listed_with_tickers(english, match))
                or re.match(r"-(?:free|less|like|style|ish|based|heavy|light|lite)\b|-\d", english[match.end():])
                or re.search(r"\b(?:owner|author|editor|analyst|contact|initials|prepared by|signed)\s*:\s*$", english[:match.start()],
                             re.I)
                or re.fullmatch(r"FY\d{2,4}", match.group())):        # a fiscal year ('in FY2009')
            continue
        name = match.group()
        pieces += [english[last:match.start()].lower(), f"@{name}"]
        result.assets.setdefault(name, Asset(name, name, name, name))
        last = match.end()
    return "".join(pieces) + english[last:].lower()


def _any_of_the_count(text: str, count: int) -> str:
    """'whenever any of the 3 drifts' (number words are digits by now): any asset, when the 3 are all the assets named
    (else left to be asked)."""
    return re.sub(r"\b(?:any|either|each|1) of the (\d+)(?: (?:assets|funds|holdings|positions|etfs|names|coins|stocks))?"
                  r"(?![\w%.-])(?! of)", lambda m: "any asset" if int(m.group(1)) == count else m.group(), text)


# A word that may stand in a listing of lowercase tickers: two to five letters, no word a rule reads or a frame word.
_LOWER_ITEM = r"[a-z]{2,5}"
_TAGGED = r"@[A-Z][A-Z0-9_]*"


def _may_be_lower_ticker(word: str) -> bool:
    from rbl.dsl.english.chatter import carries_meaning
    from rbl.dsl.english.offline import FILLER

    return re.fullmatch(_LOWER_ITEM, word) is not None and word not in FILLER and not carries_meaning(word)


def _tag_lowered(words: list[str], result: Normalized) -> None:
    for word in words:
        ticker = word.upper()
        result.assets.setdefault(ticker, Asset(ticker, ticker, ticker, ticker))
        if (word, ticker) not in result.lowered:
            result.lowered.append((word, ticker))


# 'equal weight hd, pg, @UNH, pep, @MRK', 'the best 2 of @MTUM, @QUAL, @USMV, @VLUE, size': a comma listing of three items or
# more right after what opens a list of assets, one of them a known ticker.
_LISTING_ITEM = rf"(?:{_TAGGED}|[a-z]{{1,5}})"      # (one letter too: 't, vz' is asked, never read past)
LOWER_LISTING = re.compile(
    # (or the sentence's start: 'aapl, msft, cost and wmt, equal weight')
    r"(?P<opener>(?:^|(?<=[.;!?] ))|\b(?:equal(?:ly)?[- ]weight(?:ed|s)?|eq[- ]?wt|hold|own|buy|of|among|across|between|from|basket of|universe|"
    r"tickers|names|stocks)(?: (?:these|those|the following|following)(?: (?:stocks|names|tickers|funds|etfs))?)?(?: ?:)? )"
    rf"(?P<items>{_LISTING_ITEM}(?:, {_LISTING_ITEM})+(?:,? (?:and|&) {_LISTING_ITEM})?)(?![\w@'-])"
    # where the listing ends: a stop, or a word that goes on about the listing ('... size by 3-month return', '... mrk but')
    r"(?=\s*(?:[.,;:!?)]|$)| (?:by|but|on|at|with|equally|evenly|rebalanc\w*|monthly|quarterly|annually|yearly|weekly|daily|"
    r"every|each)\b)")


def _lowercase_listing(text: str, result: Normalized) -> str:
    """The lowercase words of a listing of tickers are tickers when it is safe: the whole listing typed in lowercase, every
    word short and no word a rule reads, a known ticker among them, and fewer English-looking words than others ('pg',
    'size' are words, 'hd' is none)."""
    from rbl.dsl.english.spelling import is_word

    def listing(m: re.Match) -> str:
        items = re.findall(_LISTING_ITEM, m.group("items"))
        items = [i for i in items if i not in ("and",)]
        lower = [i for i in items if not i.startswith("@")]
        english = [i for i in lower if is_word(i)]
        typed_lower = {ticker for _, ticker in result.lowered}
        if (len(items) < 3 or len(lower) == len(items) or not lower or not all(map(_may_be_lower_ticker, lower))
                or any(len(i) == 1 for i in lower)
                or len(english) * 2 >= len(items)
                # tickers typed in capitals beside one word in lowercase ('SPY, TLT, GLD, qzx'): that word is no ticker
                or any(i[1:] not in typed_lower for i in items if i.startswith("@"))):
            return m.group()
        _tag_lowered(lower, result)
        return m.group("opener") + re.sub(rf"(?<![\w@]){_LOWER_ITEM}(?![\w])",
                                          lambda w: w.group() if w.group() == "and" else f"@{w.group().upper()}",
                                          m.group("items"))
    return LOWER_LISTING.sub(listing, text)


# 'aapl 30 msft 30 jnj 20 ko 20': ticker-number pairs in a run whose numbers sum to 100 (no unit after a number).
_PAIR = rf"(?:{_TAGGED}|{_LOWER_ITEM}) \d+(?:\.\d+)?%?(?!\d|\.\d|/|[- ]?(?:days?|weeks?|months?|years?|bps|bp|pp|points?|x|k|m|usd)\b)"
# (never a run read the other way round: 'stays 60 SPY 40 IEF' is 60 SPY and 40 IEF, the number first)
_PAIR_RUN = re.compile(rf"(?<![\w@./-])(?<!\d )(?<!\d% ){_PAIR}(?:(?:,? (?:and )?| ?/ ?|; | ){_PAIR})+(?! ?@)")


def _lowercase_weight_pairs(text: str, result: Normalized) -> str:
    """In a run of ticker-number pairs summing to 100, a lowercase word before a weight is a ticker; an English-looking
    word only among more known tickers, and none when no known ticker is in the run."""
    from rbl.dsl.english.spelling import is_word

    def run(m: re.Match) -> str:
        pairs = re.findall(rf"({_TAGGED}|{_LOWER_ITEM}) (\d+(?:\.\d+)?)", m.group())
        lower = [word for word, _ in pairs if not word.startswith("@")]
        known = len(pairs) - len(lower)
        english = [word for word in lower if is_word(word)]
        if (not lower or sum(Decimal(n) for _, n in pairs) != 100 or not all(map(_may_be_lower_ticker, lower))
                or (not known and english) or len(english) * 2 >= len(pairs)):
            return m.group()
        _tag_lowered(lower, result)
        return re.sub(rf"(?<![\w@]){_LOWER_ITEM}(?= \d)", lambda w: f"@{w.group().upper()}", m.group())
    tagged = len(result.lowered)
    text = _PAIR_RUN.sub(run, text)
    return _said_again(text, [word for word, _ in result.lowered[tagged:]])


def _said_again(text: str, words: list[str]) -> str:
    """A word a run of weights made a ticker ('ko 20') is that ticker when said again ('3pp on jnj and ko'), unless it is
    an English word too."""
    from rbl.dsl.english.spelling import is_word

    for word in words:
        if not is_word(word):
            text = re.sub(rf"(?<![\w@'-]){word}(?![\w'-])", f"@{word.upper()}", text)
    return text


# 'ARKK, SMH, ICLN': a chat acronym (SMH, AMA, GM) between two tickers of a list is a ticker too.
_CHAT_ACRONYMS = frozenset({"SMH", "AMA", "GM", "OP", "PM", "IR", "EW", "RP", "GFC"})


def _listed_with_tickers(english: str, match: re.Match) -> bool:
    if match.group() not in _CHAT_ACRONYMS:
        return False
    before = re.search(r"\b([A-Z][A-Z0-9]{0,5}),? $", english[:match.start()])      # 'F, GM and TSLA', 'F GM TSLA' too
    after = re.match(r",? (?:and )?([A-Z][A-Z0-9]{1,5})\b", english[match.end():])
    # ... or the list's last item: 'equal weight QQQ and SMH, rebalanced monthly'
    last = re.search(r"\b([A-Z][A-Z0-9]{0,5}),? (?:and|&) $", english[:match.start()])
    if last and last.group(1) not in NOT_TICKERS and re.match(r"(?:[,.;:!?)]|$)", english[match.end():]):
        return True
    return bool(before and after and before.group(1) not in NOT_TICKERS and after.group(1) not in NOT_TICKERS)


_TICKERS = r"@[A-Z][A-Z0-9_]*(?:(?:,? and |,? or |, ?| & | )@[A-Z][A-Z0-9_]*)*"
# 'my bond funds: IEF, TLT and AGG', 'the tech names AAPL, MSFT', 'bonds (BND)': a group named by what it is,
# then by its tickers. The tickers say which assets; the label is only listed back as an assumption. 'weight' is the
# verb before a group ('equal weight these stocks: AAPL, MSFT'), never the group's name, and so are the verbs of a
# comparison or a holding ('compare US stocks (VTI) with ...', 'hold bond funds (BND)').
LABEL = (r"(?<![@\w-])(?:(?:my|our|the|these|those|a few|some) )?(?:(?P<count>\d+) )?(?P<label>(?:(?!(?:in|of|at|to|on|for|with|and|or|weight|weights|compare|compares|compared|comparing|vs|versus|than|hold|buy|own|rank|pick) )[a-z][a-z&-]*(?: 500)? ){0,2}"
         r"(?:funds?|etfs?|names|tickers|stocks?|equit(?:y|ies)|bonds?|holdings|positions|picks|spdrs|coins|tokens|securities|"
         r"instruments|sectors|income|treasuries|commodities|reits|gold|estate|index|tracker|property))(?: ?[:,-])? "
         rf"(?:(?:in|via|through|using) )?(?=(?P<tickers>{_TICKERS}))")
# 'VOO for stocks', 'BND as the bond part': a ticker, then the class it stands for.
_TICKER_FOR_CLASS = re.compile(r"(@[A-Z][A-Z0-9_]*) (?:for|as) (?:the |my |our )?(?P<label>(?:us |international |intl )?"
                               r"(?:stocks?|equit(?:y|ies)|bonds?|treasuries|gold|commodities|reits|real estate))"
                               r"(?: (?:part|side|portion|allocation|leg|bucket|piece|half|fund|etf))?\b")


# 'a 65/35 equity/bond model with ACWI and AGG', '60/40 stocks/bonds (VTI/BND)': a split over asset classes, then the
# funds that hold them, in the same order. A fund the bundled data knows as another class is no match: left to ask.
_CLASS_FAMILIES = {"stock": "equity", "stocks": "equity", "equity": "equity", "equities": "equity", "bond": "bond",
                   "bonds": "bond", "fixed income": "bond", "treasuries": "bond", "gold": "gold", "commodities": "commodities",
                   "reits": "reit", "real estate": "reit"}
_COLUMN_FAMILIES = {"SPY": "equity", "INTL": "equity", "UST5": "bond", "UST10": "bond", "UST20": "bond", "TBILL": "bond",
                    "GOLD": "gold", "COMMOD": "commodities", "REIT": "reit"}
_CLASS_WORD = "(?:" + "|".join(sorted(_CLASS_FAMILIES, key=len, reverse=True)) + ")"
_SPLIT_BY_CLASS = re.compile(
    rf"(?<![\d./])(\d+(?:\.\d+)?(?: ?/ ?\d+(?:\.\d+)?)+) ({_CLASS_WORD}(?: ?/ ?{_CLASS_WORD})+)"
    rf"(?: (?:model|portfolio|mix|split|allocation|port))?(?:,? (?:with|using|via|through|in|implemented with|held in|as) "
    rf"|,? ?\()(@[A-Z][A-Z0-9_]*(?:(?:,? and |, | ?/ ?| & )@[A-Z][A-Z0-9_]*)+)\)?")


def _split_by_class_then_tickers(text: str, result: Normalized) -> str:
    def funds(m: re.Match) -> str:
        numbers, words = re.split(r" ?/ ?", m.group(1)), re.split(r" ?/ ?", m.group(2))
        names = re.findall(r"@([A-Z][A-Z0-9_]*)", m.group(3))
        if not len(numbers) == len(words) == len(names):
            return m.group()
        for word, name in zip(words, names):
            column = STAND_INS.get(name, (name,))[0]
            if _COLUMN_FAMILIES.get(column, _CLASS_FAMILIES[word]) != _CLASS_FAMILIES[word]:
                return m.group()
        result.labels += [(word, [name]) for word, name in zip(words, names)]
        return f"{m.group(1)} " + "/".join(f"@{name}" for name in names)
    return _SPLIT_BY_CLASS.sub(funds, text)


def _drop_labels(text: str, result: Normalized) -> str:
    def drop(m: re.Match) -> str:
        words = m.group(0).rstrip(" :,-")
        result.labels.append((words, re.findall(r"@([A-Z][A-Z0-9_]*)", m.group("tickers"))))
        return f"#{m.group('count')} " if m.group("count") else ""   # a count is checked against the tickers

    def drop_after(m: re.Match) -> str:
        result.labels.append((m.group("label"), [m.group(1)[1:]]))
        return m.group(1)
    return _TICKER_FOR_CLASS.sub(drop_after, re.sub(LABEL, drop, text))


# 'T-bills (BIL)': the T-bill class's words with one ticker in brackets right after name that ticker, not a second
# asset; read while the brackets are still there, so a plain list ('T-bills, BIL') keeps both. The other classes'
# words ('government bonds (IEF)') are LABEL nouns, read with their adjectives there.
_CLASS_BEFORE_TICKER = re.compile(r"(?<![@\w-])(?:" + "|".join(pattern for pattern, name, *_ in ASSET_CLASSES if name == "TBILL")
                                  + r") ?\( ?(@[A-Z][A-Z0-9_]*) ?\)")


# 'BIL (T-bills)': the same said the other way round, for a ticker that is a T-bill fund.
_TICKER_BEFORE_CLASS = re.compile(r"(@(?:BIL|SHV|SGOV|TFLO)) ?\( ?(?:" + "|".join(pattern for pattern, name, *_ in ASSET_CLASSES
                                                                    if name == "TBILL") + r") ?\)", re.I)


# 'FAANG (META, AAPL, AMZN, NFLX, GOOGL)', 'META AAPL AMZN NFLX GOOGL (the FAANG names)': a group's nickname beside its
# tickers in brackets names them; alone it is asked about (which stocks?), never read as a ticker.
_NICKNAME = r"(?:the )?(?:" + "|".join(n.lower() for n in GROUP_NICKNAMES) + r")(?: stocks| names| group| basket)?"
_NICKNAME_BEFORE_LIST = re.compile(rf"(?<![@\w]){_NICKNAME} ?\( ?({_TICKERS}) ?\)")
_NICKNAME_AFTER_LIST = re.compile(rf"(@[A-Z][A-Z0-9_]*(?:(?:,? and |,? or |, ?| & | )@[A-Z][A-Z0-9_]*)+) ?\( ?{_NICKNAME} ?\)")


def _drop_nicknames(text: str, result: Normalized) -> str:
    def named(m: re.Match) -> str:
        nickname = re.sub(r"[(),]|@[A-Z][A-Z0-9_]*|\band\b|\bor\b", " ", m.group()).split()
        result.labels.append((" ".join(nickname), re.findall(r"@([A-Z][A-Z0-9_]*)", m.group(1))))
        return m.group(1)
    return _NICKNAME_AFTER_LIST.sub(named, _NICKNAME_BEFORE_LIST.sub(named, text))


def _drop_class_words(text: str, result: Normalized) -> str:
    def drop(m: re.Match) -> str:
        result.labels.append((m.group(0)[:m.group(0).index("(")].strip(), [m.group(1)[1:]]))
        return m.group(1)

    def drop_after(m: re.Match) -> str:
        result.labels.append((m.group(0)[m.group(0).index("(") + 1:-1].strip(), [m.group(1)[1:]]))
        return m.group(1)
    return _TICKER_BEFORE_CLASS.sub(drop_after, _CLASS_BEFORE_TICKER.sub(drop, text))


def _tag_counts(text: str) -> str:
    """'these 10 stocks' and '5 assets' count a universe; they are not the asset class 'stocks'."""
    # ('for my 5 etf setup': the count the holdings are checked against, the rest no fact)
    # ('a simple four-bucket mix', 'a 3 holding portfolio': what each part is called, the count the same)
    text = re.sub(r"\b(?:for (?:my|our|the|this) |an? )?(?:(?:simple|classic|plain|basic|standard|small|little) )?(\d+)"
                  r"(?:-(?:fund|asset|etf|stock|ticker|bucket|holding|position|component|instrument)s?(?: (?:portfolio|mix|strategy|"
                  r"allocation|setup|set-up|lineup|line-up|basket|split|blend|combo))?| (?:fund|asset|etf|stock|ticker|bucket|holding|"
                  r"position|component|instrument)s? (?:portfolio|mix|strategy|allocation|setup|set-up|lineup|line-up|basket|split|blend|"
                  r"combo)|[- ](?:fund|asset|etf|bucket|holding|position)s?(?=:? (?:\d|@)))\b", r"#\1", text)
    # 'five sleeves, 20% each: SPY, EFA, ...': sleeves counted right before their tickers are the assets, one each
    text = re.sub(r"\b(\d+) (?:equal )?sleeves(?=(?:,? (?:of )?\d+(?:\.\d+)?% each)?\s*[:,-]?\s*@)", r"#\1", text)
    # (not a count of what an old version had: 'replacing the one from last week that had 11 names')
    return re.sub(r"(?<!at least )(?<![/.])(?<!\bhad )\b(?:these |the |of )?(\d+) (?:stocks|assets|etfs|funds|names|holdings|symbols)\b",
                  r"#\1", text)


# Words that name a part of an asset class ('big tech stocks', 'corporate bonds', 'emerging market equities'): the
# class's bundled series (SPY, the 10-year) would trade something else, so the words stay for the reader to ask about.
_PART_OF_A_CLASS = re.compile(
    r"(?:tech|technology|growth|value|dividend|(?:small|mid|large|micro|mega)[- ]?caps?|penny|meme|blue[- ]chip|individual|"
    r"single|bank|energy|oil|pharma|biotech|ai|semiconductor|chip|chinese|china|european|europe|japanese|japan|uk|british|"
    r"german|indian|canadian|emerging(?:[- ]markets?)?|em|frontier|global|world|high[- ]yield|junk|corporate|municipal|muni|"
    r"inflation[- ](?:linked|protected|indexed)|short[- ]term|ultra[- ]short|green|esg|defensive|cyclical|quality|"
    r"momentum|hot|mining|utility|utilities|healthcare|financial|consumer|industrial|a few|several|certain|specific|"
    r"chosen|selected)[- ]$")


# Words after a class word that point to a list given elsewhere ('the stocks i told you about', 'the bonds we discussed',
# 'the stocks from my last email'): those holdings are not the whole class, and which they are is asked.
_SAID_ELSEWHERE = re.compile(r",? (?:that |which )?(?:i|we|you)(?:'ve| have)? (?:told you about|mentioned|discussed|talked about|"
                             r"sent(?: you)?|listed|picked|chose|showed you|emailed(?: you)?)\b"
                             r"|,? (?:from|on|in) (?:my|our|your|the) (?:last|previous|earlier|other|old) (?:e-?mail|message|list|"
                             r"call|note|chat|letter|meeting)\b")


def _tag_asset_classes(text: str, result: Normalized) -> str:
    for pattern, name, column, symbol in ASSET_CLASSES:
        def tag(match: re.Match, name=name, column=column, symbol=symbol) -> str:
            if (_PART_OF_A_CLASS.search(match.string[max(0, match.start() - 30):match.start()])
                    or _SAID_ELSEWHERE.match(match.string, match.end())):
                return match.group()
            result.assets.setdefault(name, Asset(name, column, symbol, match.group()))
            return f"@{name}"
        text = re.sub(rf"(?<![@\w])(?:{pattern})\b", tag, text)
    if re.search(r"(?<![@\w])cash\b", text):
        result.cash_mentioned = True
        text = re.sub(r"(?<![@\w])cash\b", f"@{CASH_NAME}", text)
    return text
