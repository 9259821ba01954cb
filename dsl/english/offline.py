"""The offline translator: English -> checked .rbl by the shared phrase table, no model, milliseconds."""

from __future__ import annotations

import re
from decimal import Decimal

from rbl.dsl.english.chatter import (CLAUSE, CONDITION, background_spans, carries_meaning, furniture_spans,
                                     idle_negation, only_weak_words, story_spans, told_figure_spans)
from rbl.dsl.english.draft import Draft
from rbl.dsl.english.normalize import GREETING, LOWER_LISTING, Normalized, normalize
from rbl.dsl.english.parts import find_parts
from rbl.dsl.english.reader import MASK, Reader
from rbl.dsl.english.rules_bands import settle_bands
from rbl.dsl.english.rules_money import annualize_crypto, read_money
from rbl.dsl.english.rules_conditions import read_conditions
from rbl.dsl.english.rules_regimes import read_regimes
from rbl.dsl.english.rules_signals import read_signals
from rbl.dsl.english.rules_tranches import read_tranches
from rbl.dsl.english.rules_triggers import read_triggers
from rbl.dsl.english.rules_weights import WEIGHTS_QUESTION, read_weights
from rbl.dsl.english.spelling import is_word
from rbl.dsl.english.tickers import column_note
from rbl.dsl.english.translation import Translation

# Words that carry no fact of their own once the rules have taken the phrases around them.
_FRAME = frozenset("""
a an the and or but of to in on at by for with from into as so that this these those than then it its
their them they is are be being been was were will would should could can do does please i we my our me
you your want like let's lets just also only each every any all one some something anything
asset assets holding holdings position positions portfolio strategy class classes sleeve
rebalance rebalanced rebalancing rebalances rebal trade trades trading traded invest invested
hold holds keep put buy own allocate allocated allocation allocations weight weighted weights
target targets targeted when whenever once if else otherwise back again always still which
time times comes first data etc either both across set up run make go goes get gets markets market decide decided
rule where rotate rotating stay staying pick choose select model modelled modeled assume assuming use using apply applied
shall must maintain money trigger triggers triggered plus whole ever costs cost following happen happens have has figure about around roughly approximately configure configured
""".split())
# Words of chat and of the account's setting: filler wherever they stand.
_CHAT = frozenset("""
hi hello hey thanks thank thx cheers regards folks guys team everyone there basically pretty really ok okay
so um uh well actually honestly simple simply straightforward plain vanilla thing stuff idea here here's
i'd i'm i'll we'd we're we'll that's it's how about would love need needs wanna gonna quick quickly
account accounts client clients client's savings setup running trying testing done recommend recommended propose
proposed suggest suggested following review purposes backtest backtesting lazy classic standard basic traditional
strategic timing wish maintained weighting take rotates structure structured ira roth hsa isa
sipp tfsa rrsp 401k everything question experts obviously um uh guess yeah okay know kinda sorta wishes distribution
desired effected composed reporting orders version generated system held fund funds scheme book bot build
""".split())
FILLER = _FRAME | _CHAT


def translate_offline(english: str) -> Translation:
    """Read `english` with the phrase table; return .rbl, one question, or the words not understood."""
    norm = normalize(english)
    layout = find_parts(norm.text)
    if layout is not None:
        from rbl.dsl.english.sleeves import translate_sleeves

        return translate_sleeves(norm, layout, Draft(name=_name_of(english)))
    reader = read(norm, _name_of(english))
    unplaced = unplaced_words(reader)
    if reader.questions:     # a recognised topic missing its number: ask before naming loose words
        check_universe(reader)
        return reader.asking()
    if unplaced and not reader.universe():      # no asset at all: that is the first thing to ask
        check_universe(reader)
        return reader.asking()
    if unplaced:
        return refuse_or_ask(reader, unplaced)
    _complete(reader)
    if reader.questions:
        return reader.asking()
    return Translation(rbl=reader.draft.render(), assumptions=reader.assumptions)


def read(norm: Normalized, name: str = "Translated strategy") -> Reader:
    """Every rule over the text, in order: the draft holds what was read, the text what was not."""
    reader = Reader(norm, draft=Draft(name=name))
    for doubt in norm.doubts:
        reader.ask(doubt)
    skip_stories(reader)
    for rule in (read_tranches, read_signals, read_regimes):     # not inside sleeves (E0411): there they stay unplaced
        rule(reader)
    read_conditions(reader)
    read_money(reader)
    read_triggers(reader)
    read_weights(reader)
    settle_bands(reader)
    _take_labels(reader)
    return reader


# A strategy's name for a construct the rules read elsewhere ('I'd like a momentum portfolio', 'the rotation idea',
# 'dual momentum:'): a label, no fact of its own. Each label goes with the .rbl its construct writes.
_LABELS = (
    (r"(?:dual |relative |absolute |cross-sectional |time-series )?momentum|(?:sector |etf |momentum )?rotation", r"\btop \d+ by|return\("),
    (r"(?:short[- ]term )?mean[- ]reversion|contrarian", r"\bbottom \d+ by"),      # buying the losers: a bottom N
    (r"risk[- ]parity|equal[- ]risk(?: contribution)?|erc", r"risk parity"),
    (r"inverse[- ]vol(?:atility)?|vol(?:atility)?[- ](?:weighted|weighting|parity)", r"inverse volatility"),
    (r"vol(?:atility)?(?:[- ](?:regime|switch|filter))?|regime", r"percentile\(vol\("),
    # 'volatility overlay:', 'the vol-targeting sleeve': the exposure scaled to a volatility target
    (r"vol(?:atility)?(?:[- ](?:target(?:ing)?|managed|scaling|control))?", r"% / vol\("),
    (r"trend(?:[- ]following)?|moving[- ]average|200[- ]?day", r"sma\("),
    (r"(?:threshold|band|drift|tolerance)s?(?:[- ]based)?|(?:a |the )?total[- ]drift(?: trigger| rule)?", r"drift"),
    # 'rebalancing method: calendar' beside the schedule it names ('frequency: quarterly')
    (r"calendar(?:[- ]based)?|periodic|time[- ]based", r"(?m)^    when (?:daily|weekly|monthly|quarterly|semiannually|annually)"),
    (r"kill[- ]switch|hard stop|stop[- ]loss|drawdown (?:brake|protocol|rule)|brake", r"max drawdown|drawdown\("),
    # 'duration extension overlay.', 'leverage overlay:': a heading for the exposure the text sets
    (r"(?:duration|leverage|exposure)[- ]extension|leverage(?=[ -]overlay)", r"(?m)^exposure "),
    # 'regime-aware rebalancing', 'regime-conditioned tolerance': a rule that switches on a regime or a named state
    (r"(?:vol(?:atility)?[- ])?regime[- ](?:aware|dependent|conditioned|conditional|based|switching|driven|sensitive)"
     r"(?: rebalancing| rebalance| tolerances?| bands?| allocation| schedule)?", r"\bregime \w+ = |\bif \w+(?: is \w+)? then "),
)
_LABEL_NOUNS = (r"(?:[ -](?:portfolio|take|strategy|strategie|strat|approach|idea|rule|model|thing|setup|set-up|system|book|variant|version|"
                r"plan|overlay|filter|trigger|policy|protocol|logic|scheme|allocation|mandate|sleeve|"
                # who the writer is ("i'm a mean-reversion guy", "we're a momentum shop"): the construct said as an identity
                r"guy|gal|person|trader|investor|fan|nerd|type|purist|shop|desk))?"
                # a working title's version ('sector rotation v2,', 'momentum book version 3:')
                r"(?: (?:v|version |rev\.? ?)\d+(?:\.\d+)?)?")
_IDENTITY = r"(?:i'?m|i am|we'?re|we are)(?: (?:more of|kind of|sort of|basically|always been|mostly))?"
# the construct the writer runs, said after it ('momentum rotation i'm running this year:'): still only a label
_RUNNING = (r"(?: (?:i'?m|we'?re|i am|we are|i'?ve been|we'?ve been) (?:running|using|(?:paper[- ])?trading|doing|testing|"
            r"backtesting|tracking)(?: (?:this|next|last) year| now| currently| these days| at the moment| for a while|"
            # 'simple momentum rotation i've been paper trading for 18 months'
            r" for (?:about |around |almost |over )?(?:\d+|a few|several) (?:weeks|months|years))?)?")


def _take_labels(r: Reader) -> None:
    rendered = r.draft.render() + (r.draft.hold or "")    # a hold filter before its weights are known ('hold SPY if ...')
    for label, construct in _LABELS:
        if re.search(construct, rendered):
            # not a measure something is done by ('weighted by momentum', 'ranked on momentum'): no label
            r.take(rf"(?<![\w-])(?<!by )(?<!on )(?:(?:i'?d like|i want|we want|i run|we run|i use|we use|let'?s (?:do|use|try|move to|switch to|go with)"
                   rf"|(?:build|make|write|code|create|design) me"
                   rf"|(?:i'?m |we'?re |i am |we are )?(?:switching|moving|going|changing) (?:over )?to|go(?:ing)? with|(?:i |we )?settled on"
                   rf"|{_IDENTITY}"
                   # a settings page's field naming the construct ('rebalancing method: threshold')
                   rf"|(?:rebalanc(?:ing|e) )?(?:method|approach|type|mode|style|trigger)\s*:)? ?(?:an? |the |my |our |this |that )?"
                   rf"(?:(?:simple|classic|plain|basic|standard|textbook|pure) )?"
                   rf"(?P<quote>\"?)(?:{label})(?P=quote){_LABEL_NOUNS}(?: (?:he|she|i|we|they) (?:read|heard) about"
                   # 'momentum rotation i'm running this year:'
                   rf"|,? (?:that |which )?(?:i'?m|we'?re|i am|we are|i|we) (?:running|using|trading|testing|trying|doing|run|use|trade)"
                   rf"(?: (?:this|next|for the) (?:year|month|quarter))?)?{_RUNNING}(?: with (?:these|the following) rules)?"
                   rf"(?:(?= ?[:.,;!?{MASK}]|$)|{_OVER_UNIVERSE}))")


# 'a simple rotation on XLK, XLE, ...', 'a momentum strategy across SPY, EFA': the label names the assets it runs on
# next; the assets stay for the rule that ranks them.
# ('regime rule for the 70/30 SPY/IEF:', 'trend-following take on an equal-weight portfolio': the mix it runs on, read
# already, after 'the' or 'an')
_OVER_UNIVERSE = rf" (?:on|across|among|over|between|with|using|for)(?= @[A-Z]| (?:(?:the|my|our|an?) )?{MASK})(?: (?:the|my|our|an?))?"


def skip_stories(r: Reader) -> None:
    """A story or an opinion, or a meeting named by its calendar, is not read at all, so a schedule it mentions
    ('everyone says annually is enough', 'the quarterly meeting') is not taken for the strategy's; it is listed as
    skipped."""
    stories = sorted(story_spans(r.text) + furniture_spans(r.text))
    for start, end in stories:
        r.text = r.text[:start] + MASK * (end - start) + r.text[end:]
    for start, end in told_figure_spans(r.norm.text):
        for name in re.findall(r"@([A-Z][A-Z0-9_]*)", r.norm.text[start:end]):
            if not re.search(rf"@{name}\b", r.text) and name != "CASH":      # named nowhere else
                r.norm.assets.pop(name, None)
    if stories:
        r.assume("not read as part of the strategy (a story, an opinion, a meeting or a schedule it replaces): "
                 + "; ".join(f"'{r.norm.text[a:b].strip().replace('@', '')}'" for a, b in stories))


def partial_reading(english: str) -> Reader | None:
    """The reader's draft of a one-part description, with the assets declared, whatever else it lacks."""
    norm = normalize(english)
    if find_parts(norm.text) is not None:
        return None
    reader = read(norm)
    declare_assets(reader)
    return reader


def _name_of(english: str) -> str:
    first = re.split(r"(?<=[.;!?])\s", GREETING.sub("", english.strip(), count=1), maxsplit=1)[0]
    return first.rstrip(".;!?") if len(first) <= 60 else first[:57].rstrip() + "..."


# Phrases of words each filler alone that restrict or change the trades: never skipped, always asked about.
_RESTRICTIONS = (
    # a word to the trader before trading ('send me an email before anything happens'): a notice, or an approval?
    r"\b(?:send|e-?mail|text|message|ping|call|tell|notify|warn|alert) (?:me|us)(?: (?:an?|the) (?:e-?mail|message|text|note|"
    r"heads[- ]up|notice|call))? (?:before|prior to) (?:anything (?:happens|trades|is traded)|any (?:trade|order|rebalance)s?|"
    r"(?:it|you|the bot|the ea) (?:trades?|rebalances?|acts?)|trading|rebalancing|each (?:trade|rebalance))\b",
    # 'just that asset', 'only the ones', 'trades are made only for the asset'
    r"\b(?:just|only|solely|exclusively) (?:(?:for|in|on|of|with|into) )?"
    r"(?:that|this|those|the (?:1|ones?|assets?|holdings?|positions?|funds?|breached|offending|drifting))"
    r"(?: (?:asset|1|position|holding|fund)s?)?\b",
    r"\b(?:back|only|just) as far as\b",      # 'only go back as far as the band': the band edge, not the target
    # the same said as a wish, before the asset it names ('i only want to trade that position', 'just need to fix those')
    r"\b(?:just|only|solely) (?:(?:want|wants|need|needs|like|intend|wish|plan) to |wanna )(?:trade|rebalance|touch|fix|move|adjust|"
    r"correct|trim|sell|buy) (?:that|this|those|it|them)\b",
    # the one asset a trade touches, after any verb ('only bring the offending asset', 'just nudge the breached one')
    r"\b(?:just|only|solely) (?:[a-z']+ ){1,3}?(?:the (?:breached|offending|drifting)|that|those) (?:1|asset|position|holding|fund|"
    r"name|line|leg|etf|stock|coin)s?\b",
    # a window of time the strategy trades in ('only in the first year')
    r"\bonly (?:in|during|for|until|till|before|after|within) (?:the |its |a |my |our )?"
    r"(?:first|last|next|initial|coming|opening|early|\d+)\b",
    r"\bevery (?:other|second|third|2nd|3rd)\b",      # 'only every other time': a schedule no rule read
    # the weights turned round, a pace, a point of the day or the month, a part kept back
    r"\b(?:the )?other way (?:a)?round\b",
    r"\bflip(?:ped)? (?:it|them|that|those|the (?:weights|split|mix|allocation|ratio))\b",
    r"\b(?:a )?(?:bit|little|step|piece) (?:at a time|by (?:bit|little|step|piece))\b",
    r"\b(?:near|around|toward|towards|into|approaching) the (?:close|open|end|middle|start|beginning)\b",
    r"\bon the side\b",
    # a trigger on all the assets, on the whole, or on one side ('when all of them are 5 points off', 'the portfolio as
    # a whole', '5 points over target'): 'any asset' would trade differently
    r"\b(?:when|if|once|whenever|until) (?:all|every|each|both|none)\b",
    r"\bas a whole\b",
    r"\b(?:over|under) (?:its |the |their )?targets?\b",
    # one asset kept out of the trades, or traded one way ('SPY stays as is', 'leave SPY out of it', 'only buy SPY',
    # 'using TLT only'), and a trade part of the way back ('not all the way', 'most of the way')
    r"\b(?:leave|leaving|keep|keeping) @[A-Z][A-Z0-9_.]* (?:out|alone|as is|untouched|where it is)\b",
    r"@[A-Z][A-Z0-9_.]* (?:stays|remains|is left|is kept) (?:as is|as it is|put|where it is|untouched|fixed)\b",
    r"\b(?:only|just) (?:buy|sell|trade|add to|top up|trim)(?:s|ing)? @[A-Z][A-Z0-9_.]*",
    r"\b(?:using|use|trade|trading|buy|buying|sell|selling|with) @[A-Z][A-Z0-9_.]* only\b",
    r"@[A-Z][A-Z0-9_.]* only (?:gets?|is|will|should|may)\b",
    r"\bnot all the way\b",
    r"\b(?:most|part|some|half) of the way\b",
    # the whole made more or less risky, or the size of its trades ('a bit more cautious', 'only small trades')
    r"\b(?:more|less|a bit|a little|slightly|somewhat) (?:cautious|careful|conservative|aggressive|risky|defensive)\b",
    r"\b(?:only|just) (?:small|smaller|big|bigger|large|larger|tiny|huge)(?: [a-z]+)? (?:trades?|orders?)\b",
    # a day or a time of day ('the day after payday', 'only in the morning session'), and a day of the schedule said to
    # be bad ('the 1st trading day is busy for me', read as a schedule just before)
    r"\b(?:on|after|before|around) (?:the )?(?:day (?:after|before) )?pay ?day\b",
    r"\b(?:morning|afternoon|evening|overnight|opening|closing) session\b",
    r"\b(?:is|are) (?:always |usually |often |too |very |really |just )*(?:busy|hectic|chaotic|chaos|inconvenient|"
    r"difficult|a bad day) for (?:me|us)\b",
    r"\b(?:new|fresh|incoming) (?:money|cash|contributions?|deposits?)\b",
    # an order about a ranking no rule read ('lean a little harder into whichever region is cheaper')
    r"\b(?:buy|sell|overweight|underweight|tilt|lean|favou?r|fade|trim|add to)\b[^.;]{0,30}\b(?:whichever|whatever)\b",
    r"\bbefore (?:acting|trading|rebalancing|doing anything|it acts|we act|i act)\b",
    # coming back in after a stop ('sell everything, but buy back later'): no rule reads a re-entry
    r"\bbuy(?:ing)? (?:it |them |everything )?(?:back|again)\b",
    r"\bre-?(?:enter|entry|buy)\w*",
    r"\b(?:get(?:ting)?|go(?:ing)?|come|coming|step(?:ping)?|jump(?:ing)?) back in(?:to)?\b",
    r"\d% of (?:its|their|the|that|each)(?: own)? targets?\b",     # a relative size no rule took
    # a broker's symbol said to differ without saying it ('the broker calls it something else'): the EA would trade a
    # symbol the broker does not have
    r"\b(?:calls?|lists?|names?|has) (?:it|them|those|these|@[A-Z][A-Z0-9_.]*) (?:something else|differently|by (?:an)?other names?)\b",
    r"\b(?:(?:under|with|by|uses?|using) (?:a |an )?|(?:a|an) )(?:different|other) (?:names?|symbols?|tickers?)\b"
    r"|\banother (?:name|symbol|ticker)\b|\bdifferent (?:symbols|tickers)\b",
    r"\b(?:names?|symbols?|tickers?) (?:are|is) (?:different|not the same)\b",
)
_RESTRICTION = "|".join(_RESTRICTIONS)


def unplaced_words(r: Reader) -> list[str]:
    """The words no rule took that could change the strategy; the clauses of chatter are listed as assumptions."""
    leftover = r.text.replace(MASK, " ")
    restricted = [w for m in re.finditer(_RESTRICTION, leftover) for w in m.group().split()]
    background = background_spans(r.text, r.norm.text)
    restricted += [w for clause in _trading_conditions(r.text, background) for w in clause.split()]
    loose = [(m.start(), m.group().strip(".")) for m in re.finditer(r"@?[a-z0-9#][\w'.%/-]*|@[A-Z][A-Z0-9_]*", leftover)]
    # '#3' (a count of assets) is checked against the assets named by check_universe, not placed
    loose = [(at, w) for at, w in loose if w and (w == "@CASH" or not w.startswith("@") or _said_again(r, at, w))
             and (w.strip("'") not in FILLER or _listed_item(r, at, w))
             and not re.fullmatch(r"#\d+", w.strip(",")) and not re.fullmatch(r"[a-z]+-(?:style|like|ish)", w)]
    meaningful = [(at, w) for at, w in loose if _meaningful_here(r, at, w, background)]
    # a clause no rule read in, of filler words alone ('the other way around'), is listed too: it may still matter
    unread = [clause.start() + m.start() for clause in re.finditer(CLAUSE, r.text) if MASK not in clause.group()
              for m in re.finditer(r"[a-z][\w'-]*", clause.group())
              if m.group() not in _CHAT and not any(a <= clause.start() + m.start() < b for a, b in background)]
    _note_chatter(r, [at for at, _ in loose] + unread, [at for at, _ in meaningful])
    r.loose_at = meaningful
    return restricted + [w for _, w in meaningful]


_TRADING_WORD = re.compile(r"\b(?:rebalanc\w*|trad(?:e|es|ed|ing)|buy(?:s|ing)?|sell(?:s|ing)?|hold(?:s|ing)?)\b")


def _said_again(r: Reader, at: int, token: str) -> bool:
    """'SPY 60 BND 40 monthly, only SPY gets rebalanced': an asset named again, in words no rule read, is said to trade
    some other way; so is an asset named first in such words when they hold more than filler ('lighter on VTI in the
    summer: VTI 60 BND 40'), and a class word in such words, beside its fund ('pull gold back harder' and GLD 20) or
    alone."""
    name = token[1:]
    if name not in r.norm.assets or not _unread_run(r, at):
        return False
    class_word, more = r.norm.assets[name].words != name, _more_than_filler(r, at)
    if class_word and more:
        return True        # 'buy the bonds first then everything else': a class word said only there would join the strategy
    elsewhere = r.norm.text[:at] + " " + (r.norm.text[at + len(token):] if class_word or more else "")
    return any(re.search(rf"@{other}\b", elsewhere) for other in r.norm.assets if r.read_same_data(name, other))


def _more_than_filler(r: Reader, at: int) -> bool:
    words = re.findall(r"[a-z][\w'-]*", _run_at(r.text, at))
    return any(w not in FILLER or w in ("only", "first", "never") for w in words)


def _run_at(text: str, at: int) -> str:
    """The words around `at` up to punctuation or a phrase a rule read."""
    return next(m.group() for m in re.finditer(rf"[^.;:!?,\n{MASK}]+", text) if m.start() <= at < m.end())


# Words that name the strategy by its assets ('the gold trade', 'the gold and stocks thing'): no rule of their own.
_NAMING_WORDS = frozenset("the my our this that a an and or & either thing trade mix idea plan setup book portfolio "
                          "strategy combo split".split())


def _unread_run(r: Reader, at: int) -> bool:
    """The words around `at`, up to punctuation or a phrase a rule read, say more than the assets' names, or than
    every asset held named in a condition ('whenever VTI or BND' before the band read is any asset)."""
    run = _run_at(r.text, at)
    words = [w for w in re.findall(r"[\w'&]+", re.sub(r"@[A-Z][A-Z0-9_]*", " ", run)) if w not in _NAMING_WORDS]
    if len(words) == 1 and words[0] in ("whenever", "when", "if", "once"):
        return set(re.findall(r"@([A-Z][A-Z0-9_]*)", run)) != set(r.held())
    return words != []


def _trading_conditions(text: str, background: list[tuple[int, int]]) -> list[str]:
    """Clauses no rule read in that restrict trading to a condition ('only rebalance if i'd make money on the trade'),
    even when every word of them is filler alone."""
    return [m.group() for m in re.finditer(CLAUSE, text)
            if MASK not in m.group() and CONDITION.search(m.group()) and _TRADING_WORD.search(m.group())
            and re.search(r"\bonly\b", m.group())
            and not any(a <= m.start() < b for a, b in background)]


# Verbs that only introduce the fact a rule read right after them ('add 2 bps slippage', 'include a 5% cash buffer').
_INTRODUCERS = frozenset("add added include including included assume assuming apply applying charge model factor split "
                         "divided".split())


def _introduces(text: str, at: int, word: str) -> bool:
    """`word` at `at` introduces a phrase some rule read: what follows it (filler aside) is masked."""
    if word not in _INTRODUCERS:
        return False
    rest = text[at + len(word):].lstrip()
    while (m := re.match(r"([a-z']+)\s+", rest)) and m.group(1) in FILLER:
        rest = rest[m.end():]
    return rest.startswith(MASK)


def _meaningful_here(r: Reader, at: int, word: str, background: list[tuple[int, int]]) -> bool:
    """Could `word`, unplaced at `at`, change the trades? Words qualifying a read number always; background and
    words introducing a read fact never; anything in a condition's clause; else the word itself (chatter.py)."""
    if _qualifies_a_number(r, at):
        return True
    if _in_a_ticker_list(r, at, word):
        return True
    if any(a <= at < b for a, b in background) or _introduces(r.text, at, word):
        return False
    clause = _clause_at(r.text, at)
    if CONDITION.search(clause):
        return True
    return (carries_meaning(word) and not idle_negation(word, _clause_at(r.norm.text, at))
            and not only_weak_words(_clause_at(_blank(r.text, background), at)))


def _in_a_ticker_list(r: Reader, at: int, word: str) -> bool:
    """A short word unread among tickers ('equal weight btc eth sol ada', 'hd, pg, UNH, pep, MRK'): a ticker the reader
    does not know, never chatter to skip (dropping it would hold the others alone)."""
    if _listed_item(r, at, word):
        return True
    if not re.fullmatch(r"[a-z]{2,5}", word):
        return False
    before, after = r.norm.text[:at], r.norm.text[at + len(word):]
    next_to_tickers = (re.search(r"@[A-Z][A-Z0-9_]*,? (?:and |& )?$", before) is not None
                       and re.match(r"(?:[,;.!?]|$| (?:and |& )?@|,? (?:and |& )?@)", after) is not None)
    if is_word(word):
        # an English word elsewhere is asked about only by its clause; ending a run of tickers ('spy qqq iwm dia,') or
        # between two it may be one more (DIA), unless it is a word of chat ('too', 'please', 'lol') or a label in
        # brackets ('VTI (US) and VEU')
        run_before = re.search(r"@[A-Z][A-Z0-9_]*,? (?:and |& )?@[A-Z][A-Z0-9_]*,? (?:and |& )?$", before)
        ticker_after = re.match(r",? (?:and |& )?@", after)
        return (next_to_tickers and (run_before is not None or ticker_after is not None)
                and word not in FILLER | _LISTING_GLUE | _CHAT_AFTER_TICKERS
                and not re.search(rf"\(\s*{word}\s*\)", r.norm.said))
    if any(m.start() <= at < m.end() and "@" in m.group() for m in _LISTING.finditer(r.norm.text)):
        return True
    return next_to_tickers


# Words of chat that close a sentence of tickers ('equal weight SPY QQQ IWM too, lol') and are never one.
_CHAT_AFTER_TICKERS = frozenset("lol pls plz imo tbh asap btw fyi thx ty now today here ok yes no yep nope etc".split())


def _listed_item(r: Reader, at: int, word: str) -> bool:
    """A whole item of a listing of assets with a ticker ('equal weight xle, xlu, cost, wmt'), English word or not: COST may
    be the ticker, so it is asked, never skipped as filler (dropping it would hold the others alone). Only a listing
    right after what opens one: 'the book (SPY, IEF, GLD)' and 'VTI (US) and VEU' list no 'book' nor 'us'."""
    if word in _LISTING_GLUE or not re.fullmatch(r"[a-z]{1,5}", word):
        return False
    if re.search(rf"\(\s*{word}\s*\)", r.norm.said):      # 'VTI (US) and VEU': a label in brackets, made a comma item
        return False
    return any(m.start("items") <= at < m.end("items") and "@" in m.group("items")
               for m in LOWER_LISTING.finditer(r.norm.text))


# Words that join or close a listing, never an item of it ('SPY, TLT, then rebalance', 'SPY, TLT, etc.')
_LISTING_GLUE = frozenset("and or then also etc too plus each all both only just so but the a i".split())


# Three or more one-word items parted by commas ('hd, pg, @UNH, pep and @MRK'): a listing of assets when one is a ticker.
_ITEM = r"(?:@[A-Z][A-Z0-9_]*|[a-z]{2,5})"
_LISTING = re.compile(rf"(?<![\w@]){_ITEM}(?:, (?:and |& )?{_ITEM}){{2,}}(?:,? (?:and|&) {_ITEM})?(?![\w@])"
                      rf"|(?<![\w@]){_ITEM}, {_ITEM},? (?:and|&) {_ITEM}(?![\w@])")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the characters of `spans` made spaces (same length, so positions hold)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _qualifies_a_number(r: Reader, at: int) -> bool:
    """The word at `at` is in words that qualify a number a rule read ('25% ... of its own weight', '5 per side'):
    whatever they say changes that number's meaning."""
    start = max([r.text.rfind(c, 0, at) for c in f".;:!?,{MASK}"]) + 1
    if start == 0 or r.text[start - 1] != MASK:
        return False
    after, before = r.text[start:], r.norm.text[:start]
    # what a cost is paid on: 'spread 3 bps each way', '3 bps spread per side', '10 bps round trip', '5 bps fee of aum',
    # '1 usd per order per contract' (not where: '2bps commission on the prime')
    sides = r"\s*(?:per|each|a side|round|one way|both ways|in and out|total)\b"
    if re.search(r"\d\s*(?:(?:bps|%)\s*(?:spread|slippage|commissions?|fees?|costs?)|usd(?: (?:per|each|a) (?:order|trade))?"
                 r"(?: (?:commissions?|fees?))?)\s*$", before):
        return re.match(rf"{sides}|\s*of\b", after) is not None
    # a band said 'in total', 'net', 'intraday' or 'in a row' is another rule than the drift of each asset at the close
    how = r"\s*(?:in total|total|cumulative(?:ly)?|net|gross|intraday|in a row|consecutive(?:ly)?)\b"
    if re.search(r"[\d%]\s*(?:pp|points?|%)?\s*(?:band|drift|threshold|tolerance|deviation)s?\s*$", before):
        return re.match(how, after) is not None
    return (re.match(rf"\s*(?:of|on|relative|in relative|as a|against|versus|vs)\b|{sides}|{how}", after) is not None
            and re.search(r"[\d%]\s*(?:pp|bps|points?|x)?\s*$", before) is not None)


def _clause_at(text: str, at: int) -> str:
    """The clause of `text` holding position `at`."""
    return next((m.group() for m in re.finditer(CLAUSE, text) if m.start() <= at < m.end()), "")


def _note_chatter(r: Reader, loose: list[int], meaningful: list[int]) -> None:
    """List each clause whose unplaced words are all chatter, as written, so the trader sees what was skipped."""
    skipped = []
    for clause in re.finditer(CLAUSE, r.text):
        inside = [at for at in loose if clause.start() <= at < clause.end()]
        if inside and not any(clause.start() <= at < clause.end() for at in meaningful) \
                and not _names_held_assets(r, clause.group()):
            words = re.sub(rf"\s*{MASK}+\s*", " ... ", clause.group()).strip(" ,")
            skipped.append(words.removeprefix("... ").removesuffix(" ...").strip(" ,"))
    if skipped:
        # a class word read as its fund ('the gold trade') is an asset in a skipped clause: say no more than is true
        why = "no rule reads it" if any("@" in w for w in skipped) else \
            "no number, asset, schedule, trading or risk word in it"
        r.assume(f"not read as part of the strategy ({why}): " + "; ".join(f"'{_as_said(r, w)}'" for w in skipped))


def _names_held_assets(r: Reader, clause: str) -> bool:
    """'TLT and GLD' after 'inverse volatility ... for SPY,': a clause of held assets' names alone is the rule's list."""
    rest = re.sub(r"@([A-Z][A-Z0-9_]*)", lambda m: " " if m.group(1) in r.held() else m.group(), clause)
    return "@" in clause and re.fullmatch(r"[\s,&]*(?:(?:and|or)[\s,&]*)*", rest.replace(MASK, " ")) is not None


def _as_said(r: Reader, words: str) -> str:
    """`words` with each asset tag ('@GOLD') put back as the trader said it ('gold')."""
    def said(m: re.Match) -> str:
        asset = r.norm.assets.get(m.group(1))
        return asset.words if asset else m.group(1)
    return re.sub(r"@([A-Z][A-Z0-9_]*)", said, words)


def refuse_or_ask(r: Reader, unplaced: list[str]) -> Translation:
    loose = [w for w in unplaced if re.fullmatch(r"\d+(\.\d+)?%", w)]
    named = _named_share(r, loose[0]) if loose else None
    if named:
        return named
    if loose:
        phrase = _one_phrase(r, loose[:1])
        where = f" ('{phrase}')" if phrase and phrase != loose[0] else ""
        return Translation(question=f"What is the {loose[0]} for{where}: a target weight (say which asset), a drift "
                                    f"band (say '{loose[0][:-1]} percentage points' or '{loose[0]} of its target'), "
                                    f"or a cost?", phrase=phrase if where else None, assumptions=r.assumptions)
    phrase = _one_phrase(r, unplaced)
    if phrase:
        return Translation(question=f"What should '{phrase}' mean here? Say it as a rule rbl reads "
                                    "(see docs/english.md), or answer 'drop it' to leave it out.",
                           phrase=phrase, assumptions=r.assumptions)
    words = ", ".join(f"'{w}'" for w in dict.fromkeys(unplaced))
    return Translation(error=f"could not place: {words}; rephrase them or write the .rbl by hand "
                             "(see docs/english.md for the phrasings the offline translator reads)",
                       assumptions=r.assumptions)


# Words that open a clause and carry nothing themselves: cut from the front of a phrase asked about.
_OPENERS = r"^(?:(?:and|but|so|then|also|please|just|though|plus|with|,)\s+)+"
_CLOSERS = r"(?:\s+(?:and|or|but|so|then|with|the|a|an|to|of|in|on|at|for|,))+$"
_MEANS_NOTHING = r"^(?:drop it|drop|leave it out|ignore it|ignore|nothing|none|skip it|skip)$"


def _one_phrase(r: Reader, unplaced: list[str]) -> str | None:
    """The run of words no rule took around the first meaningful one (at most 12 words), as the text says it."""
    placed = {at for at, w in r.loose_at if w in unplaced}      # where the words stand (a word may also be chatter)
    for run in re.finditer(rf"(?:[^.;:!?,\n{MASK}]|(?<=\d)[.,](?=\d))+", r.text):
        hits = [m for w in dict.fromkeys(unplaced) for m in re.finditer(rf"(?<![\w'@]){re.escape(w)}(?![\w'])", run.group())
                if not placed or run.start() + m.start() in placed]
        if not hits:
            continue
        start, end = min(m.start() for m in hits), max(m.end() for m in hits)
        words = run.group().split()
        phrase = " ".join(words) if len(words) <= 12 else _around(run.group(), start, end)
        phrase = re.sub(_CLOSERS, "", re.sub(_OPENERS, "", phrase.strip(" ,")))
        return phrase.replace("@", "").strip() or None
    return None


def _around(run: str, start: int, end: int, spare: int = 4) -> str:
    """The words from `start` to `end` of `run` with up to `spare` words on each side."""
    before, middle, after = run[:start].split(), run[start:end].split(), run[end:].split()
    return " ".join(before[-spare:] + middle + after[:spare])


def _named_share(r: Reader, share: str) -> Translation | None:
    """'60% in the growth bucket': a share given to words that name no asset -> ask what they hold."""
    m = re.search(rf"(?<![\d.]){re.escape(share)} (?:in|into|to|for|on) ((?:the |my |our |a |an )?(?:[a-z][a-z-]* ){{0,2}}"
                  r"[a-z][a-z-]*)", r.text)
    words = m.group(1).split() if m else []
    while words and words[-1] in FILLER:      # 'the growth bucket and' -> 'the growth bucket'
        words.pop()
    if not words or all(w in FILLER for w in words):
        return None
    words = " ".join(words)
    return Translation(question=f"What should '{words}' ({share}) hold: one asset (answer with its ticker, for example "
                                f"QQQ), or which assets at what weights?", phrase=words, assumptions=r.assumptions)


def means_nothing(answer: str) -> bool:
    """'drop it', 'ignore', 'nothing': the phrase asked about is left out."""
    return re.fullmatch(_MEANS_NOTHING, answer.strip().strip(".!").lower()) is not None


def original_words(english: str, phrase: str) -> str | None:
    """The words of `english` that a normalized `phrase` came from (case as written), or None."""
    pattern = r"\s+".join(re.escape(w.lstrip("@")) for w in phrase.split())
    m = re.search(pattern, english, re.I)
    return m.group() if m else None


def _complete(r: Reader) -> None:
    """Declare the assets, fill the defaults the text left out, and list each as an assumption."""
    merge_class_mentions(r)
    declare_assets(r)
    check_universe(r)
    check_weights(r)
    ask_schedule(r)
    ask_doubts(r)
    annualize_crypto(r)


def ask_doubts(r: Reader) -> None:
    """A fact said twice with other numbers: asked last, so a question naming a phrase comes first."""
    r.questions += [q for q in r.doubts if q not in r.questions]


def declare_assets(r: Reader) -> None:
    """One asset line per asset the text names, each mapping listed as an assumption."""
    draft = r.draft
    for name in r.universe():
        draft.assets.append(r.norm.assets[name])
        if r.norm.assets[name].words not in (name, "60/40"):
            asset = r.norm.assets[name]
            r.assume(f"'{asset.words}' read as {name} (data column {asset.column}, symbol {asset.symbol})")
    for words, ticker in r.norm.lowered:
        r.assume(f"'{words}' read as the ticker {ticker}")
    for typo, word in r.norm.respelt:
        r.assume(f"'{typo}' read as '{word}' (a spelling)")
    for words, names in r.norm.labels:
        listed = " and ".join(", ".join(names).rsplit(", ", 1)) if len(names) > 1 else names[0]
        r.assume(f"'{words}' read as {listed}, the tickers named with it")
    tickers = [a for a in draft.assets if a.words == a.name and a.column == a.name]
    for asset in tickers:
        asset.column, note = column_note(asset.name)
        if note:
            r.assume(note)
    tickers = [a for a in tickers if a.symbol == a.name]        # a symbol the text gives ('(TLT.US)') is no assumption
    if tickers:
        r.assume(f"MetaTrader 5 symbols named as written ({', '.join(a.name for a in tickers)}); "
                 "edit the asset lines if your broker names them differently")


def ask_schedule(r: Reader, question: str | None = None) -> None:
    """No rule at all is a question; a drift rule is checked daily and trades back to target."""
    draft = r.draft
    if draft.when is None:
        r.ask(question or "When should it rebalance: on a schedule (for example 'monthly') or when an asset drifts "
                          "from its target (for example 'when any asset drifts more than 5 percentage points')?")
    elif draft.check is None and ("drift" in draft.when or "weight" in draft.when):
        draft.check = "daily"
        r.assume("checked daily")
    if "weekly on monday" in f"{draft.when} {draft.check}" and not re.search(r"\bmondays?\b", r.norm.text):
        r.assume("'weekly' read as the first trading day of each week (Monday, or the next trading day); name a weekday "
                 "to change it")
    if draft.when and ("drift" in draft.when or "weight <" in draft.when) and draft.to is None and draft.scope is None:
        r.assume("full rebalance: a breach trades every asset back to target")


def check_universe(r: Reader) -> None:
    # (not the count of a ranking's picks: 'the top 3 stocks of ...')
    count = re.search(r"(?<!top )(?<!best )(?<!bottom )(?<!worst )(?<!strongest )(?<!weakest )#(\d+)", r.norm.text)
    if not r.universe() and any(q.startswith("Which") for q in r.questions):
        return
    if not r.universe():
        which = f"Which {count.group(1)} assets" if count else "Which assets"
        r.questions.insert(0, f"{which} should it hold, and at what target weights? "
                              "(for example: 60% SPY, 40% AGG)")
        return
    held = r.held()
    # a cash sleeve with a target is one of the parts counted ('a four-bucket mix: 40% VTI, 30% TLT, 20% GLD, 10% cash')
    with_cash = len(held) + any(name == "CASH" for name, _ in r.draft.weights)
    if count and int(count.group(1)) not in (len(held), with_cash):
        r.ask(f"Which {count.group(1)} assets? The text names {len(held)}: {', '.join(held) or 'none'}.")
    _check_class_twins(r)


def merge_class_mentions(r: Reader) -> None:
    """'The gold trade: SPY 70%, GLD 30%': an asset class said in words beside its named fund, with no weight of its
    own while the fixed weights already add up to 100%, can only be that fund: it is no second asset."""
    weights = dict(r.draft.weights)
    if r.draft.scheme or r.draft.branches or sum(Decimal(w[:-1]) for w in weights.values()) != 100:
        return
    for name in r.universe():
        asset = r.norm.assets[name]
        twin = _class_twin(r, name)
        if twin in weights and name not in weights and not re.search(rf"\b{name}\b", r.draft.render()):
            del r.norm.assets[name]
            r.assume(f"'{asset.words}' read as {twin}, which the text names (it has no weight of its own)")


def _class_twin(r: Reader, name: str) -> str | None:
    """The fund the text names by ticker that asset `name`, said in words ('gold'), reads the data of (GLD)."""
    if r.norm.assets[name].words == name:
        return None
    named = [t for t in r.universe() if r.norm.assets[t].words == t]
    return next((t for t in named if t != name and r.read_same_data(t, name)), None)


def _check_class_twins(r: Reader) -> None:
    """An asset class said in words ('the gold sleeve') beside a named fund of that class (GLD) is most likely that
    fund, not a second asset reading the same data: ask, never hold both."""
    for name in r.universe():
        asset = r.norm.assets[name]
        twin = _class_twin(r, name)
        if twin:
            r.ask(f"Does '{asset.words}' mean {twin}, which the text names too, or another asset beside it?")


def check_weights(r: Reader) -> None:
    draft = r.draft
    if r.questions:
        return
    if draft.scheme:
        _check_scheme_members(r)
        if draft.hold and draft.hold_on:      # a scheme's filter is on each of its assets: one of them alone is not written
            r.ask(f"Only {draft.hold_on} is held{draft.hold}; what fixed weight should each asset have (a filter on one "
                  f"asset needs its own line)?")
        return
    if draft.branches:
        _check_branches(r)
        return
    held = r.held()
    if draft.hold and not draft.weights and len(held) == 1:
        draft.weights = [(held[0], "100%")]
        r.assume(f"all of the portfolio in {held[0]} while the condition holds")
    if not draft.weights:
        r.ask(WEIGHTS_QUESTION)
        return
    weighted = {name for name, _ in draft.weights}
    missing = [n for n in r.held() if n not in weighted]
    if missing:
        r.ask(f"What target weight should {', '.join(missing)} have?")
    total = sum(Decimal(w[:-1]) for _, w in draft.weights)
    _buffer_as_cash_weight(r, total)
    total = sum(Decimal(w[:-1]) for _, w in draft.weights)
    if total != 100 and not missing:
        r.ask(f"The target weights add up to {total}%, not 100%; what should the weights be?")


def _buffer_as_cash_weight(r: Reader, total: Decimal) -> None:
    """'SPY 50%, TLT 30% and keep 20% in cash': cash kept beside weights that fall short of 100% by just that much is the
    cash sleeve's target weight, not a buffer outside them."""
    buffers = [c for c in r.draft.constraints if c.startswith("cash buffer ")]
    if len(buffers) != 1 or any(name == "CASH" for name, _ in r.draft.weights):
        return
    share = Decimal(buffers[0].removeprefix("cash buffer ").rstrip("%"))
    if total + share == 100:
        r.draft.constraints.remove(buffers[0])
        r.draft.weights.append(("CASH", f"{share:g}%"))
        r.assume(f"the {share:g}% kept in cash read as the cash sleeve's target weight (the other weights add up to {total:g}%)")


def _check_scheme_members(r: Reader) -> None:
    """A scheme that leaves out an asset the text names would silently drop it: ask instead."""
    used = set(re.findall(r"\b([A-Z][A-Z0-9_]*)\b", f"{r.draft.scheme} {r.draft.hold or ''}"))
    missing = [name for name in r.held() if name not in used]
    if missing:
        r.ask(f"The target read ({r.draft.scheme}) leaves out {', '.join(missing)}, which the text names; which assets "
              "should it hold, and how?")


def _check_branches(r: Reader) -> None:
    for condition, weights in r.draft.branches:
        total = sum(Decimal(w[:-1]) for _, w in weights)
        if total != 100:
            where = f"when {condition}" if condition else "otherwise"
            r.ask(f"The target weights {where} add up to {total}%, not 100%; what should they be?")
