"""Offline translator rules for learned regimes: a hidden Markov model of the market, and rules that switch on
its state ('when the HMM says turbulent, rebalance weekly, otherwise monthly')."""

from __future__ import annotations

import re

from rbl.dsl.english.reader import ASSET, BAND_UNIT, CALENDAR_RE, MASK, NUM, Reader, calendar_of
from rbl.dsl.english.rules_signals import switch_target

REGIME = "market"
MODEL = r"(?:the |a |an |my |our )?(?:hmm|hidden markov model|markov model|regime model|model)(?: regime model)?"
MENTIONED = r"\b(?:hmm|hidden markov|markov model|regime model)\b"
# English words for a state -> (state, the assumption that reading says, or None when it is the state's name).
STATE_WORDS = (
    (r"turbulent|high[- ]volatility|high[- ]vol|volatile|stressed|crisis|most turbulent|stormiest", "turbulent", None),
    (r"calm|low[- ]volatility|low[- ]vol|quiet|tranquil|calmest|quietest", "calm", None),
    (r"normal|middle|medium[- ]volatility", "normal", None),
    (r"bear(?:ish)?(?: market)?", "turbulent", "'{}' read as the turbulent state (the highest volatility): the "
                                               "model's states are ordered by volatility, not by direction"),
    (r"bull(?:ish)?(?: market)?", "calm", "'{}' read as the calm state (the lowest volatility): the model's "
                                          "states are ordered by volatility, not by direction"),
)
STATE = "(?:" + "|".join(sorted((w for words, _, _ in STATE_WORDS for w in words.split("|")), key=len, reverse=True)) + \
    r"|sideways(?: market)?|[a-z]+ish)"
KIND = r"(?: (?:regime|state|market|markets|1|one))?"
# how the state is decided, said after it: 'when the HMM says turbulent (most probable state):'
LIKELIEST = r"(?:,? \(?(?:the |its )?(?:most (?:probable|likely)|likeliest)(?: (?:state|regime))?\)?,?)?"
SAYS = (r"(?:says|say|shows|signals|reports|is in|is|calls|flags|detects|sees|identifies|indicates|predicts|finds|puts us in)"
        r"(?: a| an| the)?")
SAYS_IT = (r"(?:says|say|shows|signals|reports|flags|detects|sees|identifies|indicates|predicts|finds)(?: a| an| the)?")
STATE_IS = (rf"(?:(?:(?:when|if|while|whenever) )?(?:(?:{MODEL}|the regime) {SAYS}|it {SAYS_IT}) (?P<s1>{STATE}){KIND}{LIKELIEST}"
            rf"|(?:when|if|while|whenever|in|during) (?:the |a |an |its |our |their )?(?P<s2>{STATE}) (?:regime|state)(?: holds| prevails| is on"
            rf"| is (?:the )?most (?:probable|likely))?"
            rf"|(?:when|while|whenever) (?:it'?s |it is |markets? (?:is|are) )?(?P<s6>calm|turbulent)(?= ?[,;.]|$)"
            rf"|(?:(?<=^)|(?<=[.;] ))(?:in )?(?P<s7>calm|turbulent)(?: (?:regime|state))?(?=:)"     # 'calm: 70 SPY / 30 IEF.'
            rf"|(?:(?:when|if|while|whenever) )?{MODEL} {SAYS_IT} (?:that )?(?:the market|we|it) (?:is|are|'s|'re) (?:in )?(?:a |an |the )?"
            rf"(?P<s5>{STATE}){KIND}"
            rf"|(?:when|if|while|whenever) (?:the )?(?:probability|chance|odds) (?:of|for|that the model is in) (?:the )?"
            rf"(?P<s3>{STATE})(?:, [a-z-]+,)?{KIND} (?:is (?:above|over|more than|greater than)|exceeds|goes above|is higher than) "
            rf"(?P<p3>\d+(?:\.\d+)?)%"
            rf"|(?:when|if|while|whenever) {MODEL} (?:puts|gives|assigns|sees) (?:more than|over|above) (?P<p4>\d+(?:\.\d+)?)% "
            rf"(?:odds|probability|chance) (?:on|to|of) (?:the )?(?P<s4>{STATE}){KIND}"
            # the state as the subject: 'while turbulent is the most likely state', 'when calm is the likeliest regime'
            rf"|(?:when|if|while|whenever|as long as) (?:the )?\"?(?P<s10>{STATE})\"?(?: (?:regime|state))? is (?:the )?(?:most (?:probable|likely)|"
            rf"likeliest)(?: (?:state|regime|1))?"
            # written as code: 'if regime == calm:', 'when state = turbulent'
            rf"|(?:when|if|while) (?:the )?(?:regime|state) ?(?:==|=|is|equals) ?(?P<s8>{STATE})(?=[:,])"
            # as notation: 'if P(turbulent) > 50%' (read as 'if p, turbulent, more than 50%')
            rf"|(?:when|if|while) p,? ?\(?(?P<s9>{STATE})\)?,? (?:is )?(?:>|more than|above|over|exceeds) (?P<p9>\d+(?:\.\d+)?)%)")
# 'check', 'the fund rebalances its 60/40 SPY/TLT mix only', 'we check the book': the mix named in between is read
# by the weights rules (`_cadence` leaves it unmasked)
VERB = (r"(?:(?:we |it |they |the (?:fund|model|strategy|desk|manager|portfolio) )?(?P<v>check|rebalance|trade)(?:s|d|ed)?"
        r"(?: it| them| (?:its|the|our|their|my) (?P<mix>[^,;.:]{0,40}?)(?:mix|book|portfolio|holdings|allocation|weights))?"
        r"(?: only)? "
        # in the passive: 'the 60/40 SPY/IEF portfolio is checked monthly'
        r"|(?:it|(?:its|the|our|their|my) (?P<pmix>[^,;.:]{0,40}?)(?:mix|book|portfolio|holdings|allocation)) (?:is|gets|will be) "
        r"(?P<pv>check|rebalanc|trad)e?d (?:only )?)?")
def _band_of(k: int) -> str:
    # 'with a 5pp band', or said as the trade it triggers: 'and rebalance if a position is more than 2.5pp off'
    return (rf"(?: (?:(?P<bw{k}>with|using) an? |and rebalance (?:if|when|whenever) (?:any asset|anything|something|an? (?:asset|position|"
            rf"holding|fund)) (?:is |drifts |gets |moves )?(?:more than |over |by more than ))(?P<b{k}>\d+(?:\.\d+)?)"
            rf"(?P<u{k}>%|pp| points?| percentage points?)(?(bw{k}) band| (?:off|out|away)(?: (?:from )?(?:its |the )?targets?)?))?")
# 'otherwise', 'otherwise it does so', 'else we do it'
ELSE = (r"[,;:.]? ?(?:and )?(?:otherwise|else|if not)(?: it| we| they)?(?: (?:does|do) (?:so|it|that)| (?:is|gets|will be) "
        r"(?:checked|rebalanced|traded))?,?")


def read_regimes(r: Reader) -> None:
    """A regime model is read only where the text names one (an HMM, a regime model)."""
    r.take(rf"\b(?:no |not an? |without (?:an? |any )?)(?:hmms?|hidden markov models?|regime models?)(?: (?:nonsense|stuff|magic|"
           rf"needed|required))?")          # 'my rule is simple, no HMM nonsense': no model
    if not r.find(MENTIONED):
        return
    _other_state_is_otherwise(r)
    used = [_cadence(r), _band(r), switch_target(r, STATE_IS, lambda m: _state(r, m))]
    if r.questions:
        return
    if not any(used):
        mention = r.find(STATE_IS)
        words = f"'{mention.group().strip()}'" if mention else "the regime model"
        r.ask(f"What should {words} change (for example 'when the HMM says turbulent, rebalance weekly, otherwise "
              "monthly', or 'in the turbulent regime hold 30% SPY and 70% AGG, otherwise 60% SPY and 40% AGG')?",
              phrase=mention.group().strip() if mention else None)
        return
    _model(r)


def _other_state_after_its_weights(r: Reader) -> None:
    """In a 2-state model, '70/30 SPY/IEF when calm, 30/70 when turbulent': the weights of the other state, said after the
    first state's, are its otherwise."""
    from rbl.dsl.english.rules_signals import PAIRS

    first = r.find(r"\b(?:when|while|whenever) (calm|turbulent)(?= ?[,;])")
    if first is None:
        return
    other = "turbulent" if first.group(1) == "calm" else "calm"
    weights = rf"(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+|{PAIRS})"
    r.text = r.text[:first.end()] + re.sub(rf"([,;] ?(?:and )?){weights} (?:when|while|whenever) {other}(?= ?[,;.]|$)",
                                           r", otherwise \2", r.text[first.end():], count=1)


def _other_state_said_next(r: Reader) -> None:
    """In a 2-state model, 'when it says calm, then 70/30, when turbulent, then 30/70': the other state, said right
    after the first state's weights, is its otherwise."""
    from rbl.dsl.english.rules_signals import PAIRS

    says = rf"(?:(?:it|the regime|{MODEL}) {SAYS_IT} |(?:it'?s|it is|markets? (?:is|are)) )?"
    weights = rf"(?:\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+|{PAIRS})"
    m = r.find(rf"\b(?:when|if|while|whenever) {says}(calm|turbulent)(?: (?:regime|state))?[,:]? (?:then )?{weights}")
    if m is None:
        return
    other = "turbulent" if m.group(1) == "calm" else "calm"
    r.text = r.text[:m.end()] + re.sub(rf"^[,;.]? ?(?:and )?(?:when|if|while|whenever) {says}{other}(?: (?:regime|state))?[,:]?",
                                       ", otherwise", r.text[m.end():], count=1)


# 'in the calm state hold 90/10; in any other state, 50% each': every state but the one named is the otherwise
_ANY_OTHER_STATE = (r"[,;.] ?(?:and )?(?:in|during) (?:any|every|all|each) other (?:states?|regimes?)"
                    r"|[,;.] ?(?:and )?(?:in|during) the other (?:states|regimes|(?:2|two)(?: states| regimes)?)(?![\w-])")


def _other_state_is_otherwise(r: Reader) -> None:
    """In a 2-state model, 'in the calm regime ..., in the turbulent one ...': the other state is the otherwise.
    With three states it is not, and stays unread; 'in any other state' is the otherwise with any number of states."""
    r.text = re.sub(rf"(?:{_ANY_OTHER_STATE}),?", ", otherwise", r.text, count=1)
    if not r.find(r"(?<![\w-])(?:2|two)[- ]states?(?![\w-])"):
        return
    first = r.find(r"\bin the (calm|turbulent) (?:regime|state)\b")
    if first is None:
        _other_state_after_its_weights(r)
        _other_state_said_next(r)
        return
    other = "turbulent" if first.group(1) == "calm" else "calm"
    r.text = r.text[:first.end()] + re.sub(rf"[,;] ?(?:and )?in the {other}(?: (?:1|one|regime|state))?,?", ", otherwise",
                                           r.text[first.end():], count=1)


def _state(r: Reader, m: re.Match) -> str | None:
    """'market is turbulent' or 'market.probability(turbulent) > 70%' for a matched STATE_IS; None after a question."""
    words = next(m.group(g) for g in ("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10") if m.groupdict().get(g))
    for pattern, state, note in STATE_WORDS:
        if re.fullmatch(pattern, words):
            if note:
                r.assume(note.format(words))
            share = m.group("p3") or m.group("p4") or m.group("p9")
            return f"{REGIME}.probability({state}) > {share}%" if share else f"{REGIME} is {state}"
    r.ask(f"Which state of the regime model does '{words}' mean: calm (the lowest volatility), normal (the middle "
          "one of three) or turbulent (the highest)?", phrase=words)
    return None


def _cadence(r: Reader) -> bool:
    """'if the model says turbulent, rebalance weekly, else monthly', or the calendar first."""
    first = rf"(?P<c1>{CALENDAR_RE})"
    second = rf"(?:check |rebalance )?(?P<c2>{CALENDAR_RE})"
    m = (r.find(rf"{STATE_IS}[,:]? (?:then )?{VERB}{first}{_band_of(1)}{ELSE} {second}{_band_of(2)}")
         or r.find(rf"{VERB}{first}{_band_of(1)},? {STATE_IS}{ELSE} {second}{_band_of(2)}")
         # 'rebalance weekly when it says turbulent, monthly otherwise'
         or r.find(rf"{VERB}{first}{_band_of(1)},? {STATE_IS}(?:[,;] ?(?:and )?| and ){second}{_band_of(2)} "
                   rf"(?:otherwise|else|the rest of the time)"))
    if m is None:
        return False
    condition = _state(r, m)
    if condition is None:
        return True
    r.mask(m)
    mix = "mix" if m.group("mix") else "pmix" if m.group("pmix") else None
    if mix:
        r.text = r.text[:m.start(mix)] + m.group(mix) + r.text[m.end(mix):]
    # the band said for both: 'in both cases it is rebalanced when ...'
    r.take(r"\b(?:in|for) (?:both|all|either|every|each) (?:cases?|states?|regimes?),?(?= )")
    calendars = [calendar_of(m.group("c1")), calendar_of(m.group("c2"))]
    rule = f"if {condition} then {calendars[0]} else {calendars[1]}"
    if m.group("b1") and m.group("b2"):
        r.draft.when = (f"drift > (if {condition} then {r.band(m.group('b1'), m.group('u1'))} "
                        f"else {r.band(m.group('b2'), m.group('u2'))})")
        r.draft.check = rule
    elif m.group("v") == "check" or m.group("pv") == "check":
        r.draft.check = rule
    else:
        r.draft.when = rule
    return True


_SECOND_BAND = r"(?P<n2>\d+(?:\.\d+)?)(?P<u2>%|pp| points?| percentage points?)"
# The band in the regime, said first: 'use a 3% band', 'the rebalancing band is 3pp', 'rebalanced when any asset drifts
# more than 3pp'.
_FIRST_BAND = (rf"(?:use |with )?an? {NUM}{BAND_UNIT} band",
               rf"(?<![\w-])band (?:of |at )?{NUM}{BAND_UNIT}",          # 'band 3pp if ...'

               rf"(?:the )?(?:rebalancing |drift |tolerance )?band is {NUM}{BAND_UNIT}",
               rf"(?:(?:is |are )?rebalanced? )?when (?:any|an|one) (?:asset|holding|weight) drifts (?:by )?(?:more than|over) {NUM}{BAND_UNIT}")
# and the other band after the state: 'otherwise a 6% band', 'and 6 points otherwise'
_THEN_OTHER = (rf"{ELSE} (?:use )?(?:an? )?{_SECOND_BAND}(?: band)?",
               rf",? (?:and )?(?:an? |more than |over |by more than )?{_SECOND_BAND}(?: band)? otherwise")


def _band(r: Reader) -> bool:
    """'use a 3% band when the probability of the turbulent state is above 50%, otherwise a 6% band', 'the rebalancing
    band is 3 percentage points when ..., and 6 points otherwise'."""
    m = next(filter(None, (r.find(rf"{first},? {STATE_IS}{other}") for first in _FIRST_BAND for other in _THEN_OTHER)), None)
    if m is None:
        return False
    condition = _state(r, m)
    if condition is None:
        return True
    r.mask(m)
    r.draft.when = (f"drift > (if {condition} then {r.band(m.group(1), m.group(2))} "
                    f"else {r.band(m.group('n2'), m.group('u2'))})")
    if r.draft.check is None:
        r.draft.check = "daily"
    return True


def _model(r: Reader) -> None:
    """The model's declaration: observations (volatility first), states, fit window and refit period."""
    states = (r.find(r"(?<![\w-])(\d+)[- ]state(?![\w-])")
              or r.take_one(r",? ?(?:with )?(\d+) states(?![\w-])"))
    count = int(next(g for g in states.groups() if g)) if states else None
    observations = _observations(r)
    if observations is None:
        return
    covariance = _covariance(r)
    fit = _fit(r)
    refit = _refit(r)
    if count is None:
        count = 3
        r.assume("a 3-state model (calm, normal, turbulent)")
    if count < 3 and "normal" in f"{r.draft.when} {r.draft.check}":
        r.ask(f"A {count}-state model has no normal state (only calm and turbulent); which is meant, or should it "
              "have 3 states?", phrase="normal")
        return
    r.draft.regimes.append(model_line(observations, count, covariance, fit, refit))
    # what the model does already, said: 'the states are ordered by mean volatility', 'fitted to 2 observations'
    # ('states ordered by mean vol, so "turbulent" is the high-vol state': the state named by that order)
    r.take(r"(?:the |its )?states (?:are )?(?:ordered|sorted|ranked|labell?ed) by (?:their )?(?:mean |average )?(?:volatility|vol)\b"
           r"(?:,? so (?:that )?(?:\"(?:turbulent|calm)\"|turbulent|calm) (?:is|means) the (?:high|low)(?:est)?[- ]vol(?:atility)? "
           r"(?:state|regime)|,? (?:so (?:that )?)?(?:from )?calm(?:est)? (?:to|through) turbulent"
           # the order said by position: 'so the high-vol state is the second one' (of 2), 'the low-vol state is the first'
           rf"|,? so (?:that )?(?:the )?(?:high(?:est)?[- ]vol(?:atility)? (?:state|regime) is the (?:last|{_ORDINAL_OF.get(count, 'last')})"
           rf"|low(?:est)?[- ]vol(?:atility)? (?:state|regime) is the (?:first|1st))(?: 1| state| regime)?)?"
           rf"|(?:(?:is |are )?(?:fit|fitted|trained|estimated) (?:to|on) ){len(observations)} (?:observations|series|inputs|features)"
           rf"(?= ?{MASK})")
    # the states named as rbl names them: 'the higher-vol state is "turbulent"', 'the lowest-vol state is called calm'
    r.take(r"(?:the )?(?:high(?:er|est)?[- ]vol(?:atility)? (?:state|regime) is (?:called |named |labell?ed )?\"?turbulent\"?"
           r"|low(?:er|est)?[- ]vol(?:atility)? (?:state|regime) is (?:called |named |labell?ed )?\"?calm\"?)(?=[.;,]|$)")
    r.take(rf"(?<![\w-])(?:(?:use|fit|fitted|build|train|with|on|and) )?(?:the |a |an )?(?:\d+[- ]state )?(?:gaussian )?{MODEL}s?(?: (?:to (?:find|detect|read|tell) (?:the )?"
           rf"(?:regime|market state)s?))?|\b(?:hmm|regime)\b(?!-)")      # 'regime-conditioned ...' is a label, taken with its noun


_ORDINAL_OF = {2: "second|2nd", 3: "third|3rd", 4: "fourth|4th"}


def model_line(observations: list[str], count: int, covariance: str, fit: str, refit: str) -> str:
    """The regime's declaration (the offline reader's and intent mode's)."""
    return f"regime {REGIME} = hmm({', '.join(observations)}, states {count}{covariance}, {fit}, refit every {refit})"


S_AND_P_FUNDS = ("SPY", "VOO", "IVV", "SPLG")
OBSERVATION = r"(?:daily returns?|1-day returns?|(?P<vol>\d+)-day (?:realized |realised )?(?:volatility|vol)|(?P<ret>\d+)-day returns?)"


def _observations(r: Reader) -> list[str] | None:
    """'of SPY's daily return and 20-day volatility' -> the volatility first (the states are ordered by it)."""
    one = rf"(?:daily returns?|1-day returns?|\d+-day (?:realized |realised )?(?:volatility|vol)|\d+-day returns?)"
    # the asset may be named again, or be 'its': 'on SPY 20d vol and SPY daily returns', 'SPY's 20-day volatility and its
    # daily return'
    # 'the S&P 500 ETF's 20-day volatility' where the text holds one S&P 500 fund: that fund
    sp500 = [n for n in r.held() if n in S_AND_P_FUNDS]
    if len(sp500) == 1:
        r.text = re.sub(r"\b(of|on|to|from|over|using) (?:the )?s&p(?: 500)? (?:etf|fund|tracker|index fund)(?='s )",
                        rf"\1 @{sp500[0]}", r.text)
    # each named with it, as a list of inputs: 'obs: 20d vol of SPY, 1d return of SPY'
    m = r.take_one(rf"(?:(?:obs|observations?|features?|inputs?):? |(?:of|on|over|using|from|to) |(?<=^)|(?<=[.;:#] ))(?P<list>{one} of {ASSET}"
                   rf"(?:(?:,| and|, and|,? \+) {one} of @\2)+)")
    m = m or r.take_one(rf"(?:of|on|over|using|from|to) {ASSET}'?s?,? (?P<list>(?:its )?{one}(?:(?:,| and|, and|,? \+) (?:its |@\1'?s? )?{one})*)")
    # or the asset after them: 'fitted to the 20-day volatility and daily return of SPY'
    m = m or r.take_one(rf"(?:of|on|over|using|from|to) (?:the )?(?P<list>{one}(?:(?:,| and|, and|,? \+) (?:the )?{one})*) "
                        rf"of {ASSET}(?:'s)?")
    if m is None:
        ref = r.held()[0] if r.held() else "SPY"
        r.assume(f"the model reads {ref}'s 20-day volatility and daily return (the volatility first, so 'calm' is "
                 "the lowest-volatility state)")
        return [f"vol({ref}, 20 days)", f"return({ref}, 1 day)"]
    asset = next(g for g in m.groups() if g and re.fullmatch(r"[A-Z][A-Z0-9_]*", g))
    vols, returns = [], []
    for part in re.finditer(OBSERVATION, m.group("list")):
        if part.group("vol"):
            vols.append(f"vol({asset}, {part.group('vol')} days)")
        else:
            returns.append(f"return({asset}, {part.group('ret') or 1} day{'s' if part.group('ret') else ''})")
    if not vols:
        r.ask("The regime's states are ordered by its first observation; which volatility should it read first (for "
              f"example {asset}'s 20-day volatility)?")
        return None
    if returns and m.group("list").index("return") < m.group("list").index("vol"):
        r.assume("the volatility listed first: the states are ordered by the first observation, so 'calm' is the "
                 "lowest-volatility state")
    return vols + returns


def _covariance(r: Reader) -> str:
    """'with full covariance' -> ', covariance full'; 'diagonal covariance' is the default, left out."""
    # ('diagonal covariance is fine': the choice said as allowed)
    m = r.take_one(r"(?:(?:with|using) )?(?:an? )?(?P<kind>full|diagonal)[- ]covariance(?: matrix| matrices)?"
                   r"(?: (?:is|would be|will be) (?:fine|ok|okay|enough|good enough|sufficient))?")
    return ", covariance full" if m and m.group("kind") == "full" else ""


YEARS = r"(\d+)[- ](year|month|week|day)s?"


def _fit(r: Reader) -> str:
    """'on all data so far once 3 years are known' -> fit expanding 3 years; 'rolling 2 years'."""
    fitted = r"(?:fit|fitted|trained|estimated)"
    rolling = r.take_one(rf"(?:{fitted} )?(?:on )?(?:a )?rolling(?: window)?(?: of)? {YEARS}(?: window)?|{fitted} (?:on|over) the (?:last )?{YEARS}"
                         rf"|(?:on |over )?the last {YEARS}|{YEARS} rolling(?: window)?")
    if rolling:
        groups = [g for g in rolling.groups() if g]
        return f"fit rolling {_span(groups[0], groups[1])}"
    # ('on an expanding window that starts once 3 years of data are available')
    start = r.take_one(rf"(?:(?:first )?(?:fit|fitted) )?(?:(?:on |using )?(?:an? )?expanding window,? (?:that |which )?(?:starts|begins) )?"
                       rf"(?:(?:once|after|when|from) {YEARS}(?: (?:of data |of it )?(?:are|is|exists?) "
                       rf"(?:known|available)| of (?:it|data|history) exists?| of (?:data|history))?|expanding(?: window)?(?: of)?,? {YEARS}(?: to (?:start|begin)(?: with)?| burn-in| warm-?up)?"
                       rf"|{YEARS} (?:of data )?to (?:start|begin)(?: with)?|{YEARS} (?:burn-in|warm-?up|training period)"
                       rf"|(?:the )?first fit (?:needs|requires|uses|takes|waits for) {YEARS})")
    r.take_one(r"(?:(?:fit|fitted|refit|refitted|trained|estimated) )?(?:(?:on|using) )?(?:all (?:the )?(?:data|history)"
               r"(?: (?:so far|available|since the (?:start|beginning)|from the (?:start|beginning)))?|an expanding window|expanding window)")
    if start:
        n, unit = [g for g in start.groups() if g]
        return f"fit expanding {_span(n, unit)}"
    r.assume("first fitted once 3 years of data are known")
    return "fit expanding 3 years"


def _refit(r: Reader) -> str:
    m = r.take_one(r"(?:(?:and |, )?(?:is )?(?:re-?fit(?:ted|ting)?|re-?train(?:ed|ing)|re-?estimat(?:ed|ing)|updated|updating)) (?:(?:(?:every|each|once a|once "
                   r"per) )?(?:(?P<n>\d+)[- ]?)?(?P<unit>year|month|quarter|week|(?:trading[- ])?day|bar)s?(?![a-z])"
                   r"|(?P<adv>annually|yearly|monthly|quarterly))")
    if m is None:
        m = r.take_one(r",? ?(?:an? )?(?P<adv>annual|yearly|monthly|quarterly) re-?fit(?:ting|s)?")
    if m is None:
        r.assume("refitted every year")
        return "1 year"
    if m.group("adv"):
        return {"annually": "1 year", "annual": "1 year", "yearly": "1 year", "monthly": "1 month",
                "quarterly": "3 months"}[m.group("adv")]
    if m.group("unit") == "quarter":
        return _span(str(3 * int(m.group("n") or 1)), "month")
    if m.group("unit").endswith(("day", "bar")):          # 'every 63 days': trading days, the bars the model sees
        r.assume(f"refit every {m.group('n') or 1} days read as trading days (bars)")
        return _span(m.group("n") or "1", "bar")
    return _span(m.group("n") or "1", m.group("unit"))


def _span(n: str, unit: str) -> str:
    return f"{n} {unit}{'s' if n != '1' else ''}"
