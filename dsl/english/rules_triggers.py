"""Offline translator rules for when to rebalance: drift bands, ranges, regimes, and the trade policy."""

from __future__ import annotations

import re
from decimal import Decimal

from rbl.dsl.english.phrases import CALENDAR, OTHERS_LEFT_ALONE, TO_BAND_EDGE, TRADE_BREACHED
from rbl.dsl.english.reader import ASSET, MASK, BAND_UNIT, CALENDAR_RE, NUM, WINDOW, Reader, calendar_of, window
from rbl.dsl.english.rules_bands import FRACTIONS, ITS_BAND, read_bands
from rbl.dsl.english.rules_schedules import CHECK_VERB, calendar_and_band_related, read_schedules
from rbl.dsl.english.rules_signals import switch_target

MARKETS = r"(?:the )?markets? (?:are|is)"
# What a drift is measured from: 'its target', 'the target weight', 'its policy weight', 'policy' (an endowment's word).
TARGET_NOUN = (r"(?:(?:its |their |the )?(?:own )?(?:(?:policy|target|strategic) (?:weights?|allocations?)|targets?(?: weights?)?)"
               r"|policy(?: weights?)?"
               # the target said as the asset's part: 'from its share', 'off its slice', 'away from its allotted weight'
               r"|(?:its|their) (?:own )?(?:(?:intended|allotted|assigned|planned|set|chosen|normal|usual|fixed) )?"
               r"(?:shares?|slices?|allocations?|weights?|portions?|pieces?|cut)"
               r"|the (?:intended|allotted|assigned|planned) (?:shares?|slices?|allocations?|weights?|portions?))")
# the -ing forms too ('when a line is deviating of more than 20%', 'an asset drifting over 5 points')
DRIFT_VERB = (r"(?:drifts?|drift|deviates?|deviation|moves?|(?:has |have )?moved|strays?|wanders?|(?:is |are )?(?:drifting|deviating|straying|wandering)|(?:is |gets |goes |it'?s |are |they'?re )?off|"
              r"is more than|is over|(?:has |have )?(?:drifted|strayed|wandered|deviated)|differs?|(?:is |are )?different|(?:is |are )?(?:going|goes|gets|get|moves?|moving) (?:out|away)"
              r"|go|goes)")


def read_triggers(r: Reader) -> None:
    """Run the band rules, most specific first, then the schedules and the policy."""
    # the method named with its size: 'threshold rebalancing at 5 percentage points', 'threshold-based rebalancing, 5pp'
    r.text = re.sub(r"\b(?:threshold|tolerance|band)(?:[- ]based)? rebalanc(?:ing|e)(?: at|,| of| with)?(?= (?:an? )?\d)",
                    "threshold", r.text)
    for rule in (calendar_and_band_related, _spacing, read_bands, _band_sweep, _named_vol_state, _regimes, _scaled_band, _total_drift, _count_of, _five_25,
                 _range_band, _relative_band, _absolute_band, _ratio_scaled_band, _widened_band, _vague_band, read_schedules, _spaced_rule,
                 _longest_gap, _policy, _drift_subject, _band_said_again, _few_trades_wished):
        rule(r)


OVER = (r"(?:is |gets |goes |climbs |rises |comes? to |adds? up to )?(?:more than|over|above|beyond|exceeds?|greater than|passes|tops|"
        r"hits|reaches)")


# A total drift said by what it is, beside its name or alone: half the sum of the absolute drifts ('half the sum of the
# absolute deviations', 'the sum of the absolute drifts, halved', 'divided by two', 'i.e. one-way turnover').
_DRIFTS = r"(?:all (?:of )?the |the |all )?(?:absolute )?(?:weight )?(?:drifts?|deviations?|diffs?|differences?)(?: from (?:the |their )?targets?)?"
_HALVED = r"(?:,? (?:over|divided by) 2|,? halved| ?/ ?2)"
_TURNOVER = (r"(?:the )?(?:overall |total )?(?:one-way |1-way )?turnover(?: (?:needed|required)| (?:a|the) full rebalance "
             r"(?:would )?(?:needs?|requires?))?(?: to rebalance| to (?:get |go |come )?back to (?:the )?targets?)?")
# ... or said as the arithmetic: 'all the deviations from target, added up and halved'
# ... or said as the money a full rebalance moves: 'the total amount that would have to move to get back to target'
_AMOUNT_TO_MOVE = (r"(?:the )?(?:total )?(?:amount|value|money|dollar amount|sum)(?: of money)? (?:that )?(?:would (?:have|need) to|has to|"
                   r"needs to|must) (?:move|be (?:moved|traded|shifted)|change hands|trade)(?: in total)? to (?:get |go |come )?back to "
                   r"(?:the |its |their )?targets?(?: weights?)?")
_HALF_SUM = (rf"(?:half (?:of )?the sum of {_DRIFTS}|(?:the )?sum of {_DRIFTS}{_HALVED}|{_TURNOVER}|{_AMOUNT_TO_MOVE}"
             rf"|{_DRIFTS},? (?:added up|summed) and (?:halved|divided by 2))")
_PLAIN_SUM = rf"(?:the )?sum of {_DRIFTS}(?!{_HALVED})"
_SAYING = r",?(?: (?:=|i\.e\.|ie|that is|meaning|namely|defined as|computed as),?)? "
# what a total drift measures, said beside it: '(= how much a full rebalance would have to move)'
_FULL_MOVE = (r"(?:how much|what) (?:a |the )?full rebalance would (?:have to |need to )?(?:move|trade|turn over)"
              r"(?: to get back(?: to (?:the )?targets?)?)?")
# the size said after the definition: 'total drift = half the sum of ... . if that's over 2 points'
_IF_THAT = r"(?:[.,;]? (?:and )?(?:if|when|once|whenever) (?:that|it|this)(?: total| number)? |,? )"


# 'otherwise skip the month': what a gate on a check cadence does when it does not fire, no fact of its own
_GATE_ELSE = (r"[.,;]? ?(?:otherwise|else|if not|if (?:it'?s|it is|that'?s|that is) (?:less|lower|smaller) than (?:that|this)),? "
              r"(?:just )?(?:(?:we |i )?skip (?:the|that|this) (?:month|week|quarter|check)"
              r"|do nothing(?: (?:that|this) (?:month|week|quarter))?)(?![\w-])")


def _total_drift(r: Reader) -> None:
    """'the total drift exceeds 3pp' (the one-way turnover a full rebalance needs: half the sum of the drifts, as
    docs/language.md names it), its definition said beside it or instead of it; 'the sum of the absolute drifts
    exceeds 10pp' (the sum itself). A total drift defined as the sum itself is a question."""
    if not re.search(r"\b(?:total|overall|aggregate|combined|portfolio[- ]level|turnover|sum|summed|added up|amount|money)\b", r.text):
        return          # the definitions below are slow to try at every word
    total = (rf"(?:the )?(?:total|overall|aggregate|combined|portfolio[- ]level) (?:portfolio )?(?:one-way |1-way )?(?:drift|deviation)"
             rf"(?: of (?:the |my |our )?portfolio| across (?:all )?(?:\d+|the (?:assets|holdings|portfolio)|them|everything))?"
             rf"(?: from (?:the |its )?targets?)?")
    m = r.take_one(rf"(?:(?:{total})(?:{_SAYING}(?:{_HALF_SUM}|{_FULL_MOVE}))*|{_HALF_SUM}(?:{_SAYING}(?:{_HALF_SUM}|{_FULL_MOVE}))*)"
                   rf"{_IF_THAT}{OVER} {NUM}{BAND_UNIT}")
    if m:
        _set_when(r, f"sum of drift / 2 > {r.band(m.group(1), m.group(2))}")
        r.take(rf"(?<={MASK}) of (?:the |my |our )?(?:account|portfolio|book|fund)(?: value)?(?![\w-])")
        r.take(rf"(?<={MASK}){_SAYING}{_HALF_SUM}")        # its definition after its size: '..., (sum of abs diffs / 2)'
        whole_sum = r.take_one(rf"(?<={MASK}){_SAYING}{_PLAIN_SUM}")
        if whole_sum:
            r.ask(f"Is the total drift half the sum of the drifts (the one-way turnover, rbl's total drift) or the whole "
                  f"sum, as '{whole_sum.group().strip(' ,')}' says?", phrase=whole_sum.group())
        # the gate said as when trades are placed: 'only place trades if the total amount ... is more than 3%'
        r.take(rf"(?:(?:but |and )?(?:only )?(?:place|make|execute|send|do) (?:the |any )?(?:trades|orders)(?: only)? (?:if|when|once|whenever))"
               rf"(?= ?{MASK})")
        r.assume("total drift: half the sum of every asset's drift from target, the one-way turnover a full "
                 "rebalance needs")
        r.take(_GATE_ELSE)
        r.take(_total_named(total))
        r.take(_ONE_IS_NOT_ENOUGH)      # 'do not rebalance on the drift of a single line': what a total drift is for
        r.take(r"[-,;]? ?(?:(?:our|the|my) (?:adviser|advisor|consultant|manager) calls? it|(?:we|they|i) call it|known as|a\.k\.a\.?) "
               r"(?:the |a )?(?:1-way |one-way )?turnover(?: (?:test|rule|trigger|gate))?")
        return
    named_sum = r.take_one(rf"(?:{total}){_SAYING}{_PLAIN_SUM},? {OVER} {NUM}{BAND_UNIT}")
    if named_sum:
        r.ask(f"Is the total drift in '{named_sum.group()}' half the sum of the drifts (the one-way turnover, rbl's total "
              "drift) or the whole sum?", phrase=named_sum.group())
        return
    m = r.take_one(rf"{_PLAIN_SUM} {OVER} {NUM}{BAND_UNIT}")
    if m:
        _set_when(r, f"sum of drift > {r.band(m.group(1), m.group(2))}")
        return
    _unsized_total(r, total)


def _total_named(total: str) -> str:
    """The total drift named again without its size ('I look at total portfolio drift rather than per-fund bands',
    'we replace per-asset bands with a portfolio-level gate')."""
    per_asset = r"(?:the )?(?:per[- ](?:fund|asset|holding|position)|individual|separate|single[- ]asset) bands"
    return (rf"(?<![\w-])(?:(?:we |i )?replace {per_asset} with )?(?:{total}|(?:an? |the )?portfolio[- ]level "
            rf"(?:gate|trigger|rule|band|threshold))(?:(?: rather than| instead of| vs\.?| versus|,? not) {per_asset})?")


def _unsized_total(r: Reader, total: str) -> None:
    """A total drift with no size anywhere: the size is asked, and the answer completes a sentence of its own."""
    if r.draft.when or not r.take(_total_named(total)):
        return
    r.band_topic = True
    r.ask("How far may the portfolio drift in total from its targets before it rebalances (for example 3 "
          "percentage points)?", frame="Rebalance when the total drift exceeds {}.")


# How many assets must be out of band: 'at least 2', '2 or more', '2+', of them ('of the 5', 'of my 4 funds').
_AT_LEAST = (r"(?:at least (\d+)|(\d+) or more|(\d+)\+)(?: of (?:them|those|these|the \d+|(?:the |my )?#\d+|(?:the |my )?(?:\d+ )?"
             r"(?:assets|holdings|positions|funds|names)))?(?: (?:assets|holdings|positions|funds|names))?")
# How far each is: 'are more than 3pp off target', 'are off target by more than 2pp', 'are out of a 3pp band'.
_EACH_OFF = (rf"(?: (?:are|drift|have drifted|get|go|move|is|sit))?(?: each)?(?: (?:off|away from) (?:its |their |the )?targets?)? (?:by )?"
             rf"(?:more than|over|beyond|above) {NUM}{BAND_UNIT}(?: (?:off|away|out|far(?: away)?)(?: (?:from |of )?"
             rf"(?:its |their |the )?targets?)?)?")
_EACH_OUT = rf"(?: (?:are|is|go|get|move))? (?:out of|outside(?: of)?) (?:an? |the |their )?{NUM}{BAND_UNIT} bands?"


def _count_of(r: Reader) -> None:
    """'at least 2 assets are more than 3pp off target', 'at least 3 of the 5 are off target by more than 2pp',
    '2 or more are out of a 3pp band' -> count of (drift > 3pp) >= 2."""
    m = r.take_one(rf"{_AT_LEAST}(?:{_EACH_OFF}|{_EACH_OUT})")
    if m:
        count = next(g for g in m.groups()[:3] if g)
        number, unit = [g for g in m.groups()[3:] if g is not None][:2]
        _set_when(r, f"count of (drift > {r.band(number, unit)}) >= {count}")
        if int(count) > 1:
            r.take(_ONE_IS_NOT_ENOUGH)
        if unit != "%":
            r.take(_points_again(number))
        r.take(rf"(?<![\w-])(?:at least {count}|{count} or more)(?= ?[,.;!?]| ?$)")     # the count said again alone
        # 'are off target by more than 3pp at the same time': what a count of assets out of band is
        r.take(rf"(?<={MASK}) ?(?:at the same time|simultaneously|at once|together)(?![\w-])")


# Beside a count of 2 or more, that one drifting asset alone does not trigger it says the count again: 'a single
# outlier doesn't count', 'don't rebalance on one noisy fund', '1 alone isn't worth the ticket'.
_ONE = (r"(?<![\w-])(?:a single|1|one|just 1)(?: noisy| lone| stray)?(?: outliers?| assets?| funds?| holdings?| positions?| names?| lines?"
        r"| legs?)?(?: (?:drifting|moving|straying|wandering|going)(?: off| out| away)?| off| out)?")
_ONE_IS_NOT_ENOUGH = (rf"(?:[-,;:(] ?)?(?:(?:but )?(?:don'?t|do not|never) (?:rebalance|trade|touch (?:it|the book|anything)|act) "
                      rf"(?:on|for|because of|over) "
                      rf"(?:the (?:drift|move|deviation) of )?{_ONE}"
                      rf"|{_ONE}(?: (?:alone|by itself|on its own))? (?:doesn'?t|does not|isn'?t|is not|won'?t|will not|shouldn'?t|"
                      rf"should not|must not) (?:count|trigger(?: it| a rebalance| anything)?|enough|worth (?:it|the (?:ticket|trade|"
                      rf"trouble|cost|fees?))))\)?(?:,? (?:too|that'?s too|it'?s too) noisy)?"
                      # "i don't want to trade if just one fund wanders", '1 name out = ignore', 'one fund off: no trade'
                      rf"|(?:[-,;:(] ?)?(?:(?:i |we )?(?:don'?t|do not) want to|(?:i |we )?won'?t|never) (?:trade|rebalance) (?:just )?"
                      rf"(?:if|when|because) {_ONE} (?:wanders|drifts|strays|moves|is off|is out)(?: of (?:its |the )?band)?"
                      rf"|\(?{_ONE} (?:out|off)(?: of (?:its |the )?band)? ?(?:=|:|->|means) ?(?:ignore|do nothing|nothing|no trade|"
                      rf"skip|wait)\)?")


# 'don't trade more than once a month' beside a drift band: a cap on a daily check, or the check itself (monthly)
# when no check cadence is said.
_CAP_OR_CADENCE = (r"(?:but |and )?(?:i |we )?(?:never|don'?t|do not)(?: ever)? (?:trade|rebalance) more (?:often )?than once "
                   r"(?:a|per|every|each|in a) (week|month|quarter|year)")
# 'never twice within 20 trading days', 'at most once a month', 'at least 10 trading days between rebalances'.
# 'N trading days' (normalized 'N-day') and bars count decision bars; plain 'N days' are calendar days.
_SPAN = r"(\d+)(?: calendar(?= days?))?(-day| days?| weeks?| months?| bars?)"
_REBALANCES = r"(?:(?:2 )?rebalances|rebalancing|trades|rebalance|each rebalance|a rebalance)"
SPACINGS = (rf"(?:but |and )?(?:never|not|don'?t|do not) (?:rebalance |trade )?(?:twice|more than once) (?:with)?in {_SPAN}",
            rf"(?:but |and )?(?:i |we )?(?:never|don'?t|do not) (?:rebalance|trade) more (?:(?:often|frequently) )?than (?:once )?"
            rf"(?:every|each) {_SPAN}",
            rf"(?:but |and )?(?:(?:never|not|no) more (?:often )?than|at most) (?:once|1 rebalanc\w*) (?:a|per|every|each|in a) "
            rf"(week|month|quarter|year)",
            rf"(?:and )?wait (?:at least )?{_SPAN} (?:between|after) {_REBALANCES}",
            rf"(?:with |and |give it |allow |leave )?(?:at least|a minimum of|minimum(?: of)?|min\.?) {_SPAN} (?:between|apart|since the last|after)"
            rf"(?: {_REBALANCES})?",
            # 'never within 10 trading days of the last rebalance', 'not more than once every 3 weeks'
            rf"(?:but |and )?(?:never|not|no|don'?t|do not) (?:rebalance |trade )?(?:again )?within {_SPAN} (?:of|after|since|from) "
            rf"(?:the |a |its )?(?:last|previous|prior|latest)(?: rebalanc\w*| trade| 1)?",
            # 'no more than one rebalance in any 20 trading days', 'at most 1 trade within any 4 weeks'
            rf"(?:but |and |however,? )?(?:(?:never|not|no) more (?:often |frequently )?than|at most) (?:once |(?:1|one) (?:rebalanc\w*|trade) )?"
            rf"(?:every|each|per|in|within)(?: any| a| the same)? {_SPAN}",
            # 'never 2 rebalances within 20 trading days of each other'
            rf"(?:but |and )?(?:never|no) (?:2|two) {_REBALANCES} (?:with)?in {_SPAN}(?: of each other)?",
            # 'consecutive rebalances must be separated by at least 30 calendar days', 'between 2 rebalancings there must
            # lie at least 30 calendar days', 'provided at least 30 days have passed since the last rebalance'
            rf"(?:consecutive |successive |any 2 |2 )?{_REBALANCES} (?:must|should|need to|have to|are to|will) be (?:separated|spaced) "
            rf"by (?:at least|a minimum of|minimum) {_SPAN}",
            rf"(?:however,? )?between (?:2|any 2|consecutive|successive) rebalanc\w* (?:there )?(?:must|should|has to|needs to|have to|"
            rf"need to) (?:lie|be|pass|elapse) (?:at least|a minimum of) {_SPAN}",
            rf",? ?(?:provided(?: that)?|as long as|only if|if) (?:at least|a minimum of) {_SPAN} (?:have|has) (?:passed|elapsed|gone by) "
            rf"since (?:the )?(?:last|previous|prior) (?:rebalanc\w*|trade)",
            _CAP_OR_CADENCE,
            rf"{_REBALANCES} (?:(?:must|should|need to|have to|are to) be |(?:are )?(?:kept |spaced )?)(?:at least )?{_SPAN} apart",
            # 'cooldown is 20 bars', 'the cool-down period is 10 trading days', 'cooldown: 5 days', 'cooldown 5 bars'
            rf"(?:the |a |my )?cool-?down(?: period)?(?: (?:is|of)| ?[=:])? ?{_SPAN}",
            # 'put in a 63-trading-day cooldown between rebalances', 'a 5 day cooldown'
            rf"(?:(?:put in|add|with|and|plus) )?(?:a |an )?(\d+)(?:-trading(?=-day))?(-day|-week|-month| days?| bars?) cool-?down"
            rf"(?: period)?(?: between {_REBALANCES})?",
            # 'do not start another rebalance for 20 trading days' (the time a tranched rebalance needs)
            # 'we also won't start a new rebalance within 20 trading days of the last one', 'no new rebalance may be
            # initiated within 20 trading days of the previous one'
            rf"(?:but |and )?(?:(?:we |i |it )?(?:also )?(?:never|not|don'?t|do not|won'?t|will not) (?:start|begin|open|initiate) "
            rf"(?:another|a new|the next) (?:rebalanc\w*|trade)|(?:no|never an?) (?:new |further |other )?(?:rebalanc\w*|trade)"
            rf"(?: (?:may|can|will|shall|should|is to) be (?:initiated|started|begun|triggered|made|done|run))?) (?:for|within) {_SPAN}"
            rf"(?: (?:of|after|since|from) (?:the |a |its )?(?:last|previous|prior|latest)(?: rebalanc\w*| trade| 1)?)?",
            # 'after any rebalance don't do another one for at least 30 trading days, even if it breaches again'
            rf"(?:but |and )?(?:after|following) (?:any|a|each|every|the) (?:rebalanc\w*|trade),? (?:don'?t|do not|never) (?:do|make|run|"
            rf"allow|start|place) (?:another|a new|a second|the next)(?: 1| one| rebalanc\w*| trade)? (?:for|within) (?:at least |a minimum of )?"
            rf"{_SPAN}(?:,? even if (?:it|they|an asset|anything|the band) (?:breaches|breaks|drifts|is breached)(?: again)?)?")


# A time between rebalances asked for without its length ("don't let it rebalance again too soon after the last one",
# 'never rebalance too often'): the length is asked, never guessed.
_UNSIZED_SPACING = (r"(?:but |and )?(?:(?:don'?t|do not|never) let (?:it|the bot|the strategy|the ea) |(?:don'?t|do not|never) )"
                    r"(?:rebalance|trade) (?:again )?too (?:soon|often|frequently|quickly)"
                    r"(?: after (?:the )?(?:last|previous|prior) (?:1|one|rebalanc\w*|trade))?")
# A wish for time between trades ('i want a break between trades', 'we need some breathing room between rebalances'):
# the spacing its length comes with, or asked.
_WISHED_SPACING = (r"(?:(?:i|we)(?:'d like| want| need| would like)|give (?:it|me|us)|(?:there )?(?:should|must) be) (?:a |some )?"
                   r"(?:break|pause|gap|breather|breathing room|rest|space) between (?:trades|rebalances|rebalancing)")
# Beside a spacing, who asks for it and why ('client insists on ..., as she dislikes the contract notes'): no fact of its own.
_WHO_WANTS_SPACING = (r"(?:but |and )?(?:the )?(?:client|she|he|they|i|we|my wife|my husband) (?:insists?|insisted) (?:on|that)(?= ?\u00a6)"
                      r"|(?<=\u00a6),? ?(?:as|because|since) (?:she|he|they|i|we|the client) (?:dislikes?|hates?|(?:does not|doesn'?t|do not|"
                      r"don'?t) (?:like|want)|(?:is|are) (?:annoyed|bothered) by) (?:all )?(?:the |those |these )?(?:contract notes|"
                      r"confirmations|trade confirmations|paperwork|tickets|emails|notifications|trades|churn|fees|costs)(?![\w-])")
# 'add a cooldown: ...', 'with a cooldown of at least 20 trading days between rebalances': the name of the spacing.
_COOLDOWN = r"(?:(?:but |and )?(?:add|with|plus|and|any) )?(?:a |an |the )?cool-?down(?: period| rule)?(?: of)?(?: ?[:?,])?"


def _spacing(r: Reader) -> None:
    """A minimum time between rebalances, kept until the rule it spaces out is known (_spaced_rule); a cooldown said
    with no length is a question."""
    for pattern in SPACINGS:
        m = r.take_one(pattern)
        if not m:
            continue
        r.take(_COOLDOWN)
        groups = [g for g in m.groups() if g]
        if len(groups) == 1:                            # 'once a month'
            n, unit = {"quarter": ("3", "month")}.get(groups[0], ("1", groups[0]))
            r.spacing = f"bars since rebalance >= {window(n, unit)}"
        elif groups[1] == "-day" or groups[1].strip().startswith("bar"):
            r.spacing = f"bars since rebalance >= {groups[0]}"
        elif groups[1].strip().startswith("day"):
            r.spacing = f"days since rebalance >= {groups[0]}"
            r.assume(f"{groups[0]} days between rebalances read as calendar days (say 'trading days' to count bars)")
        else:
            r.spacing = f"bars since rebalance >= {window(groups[0], groups[1].strip(' -').rstrip('s'))}"
        r.take(_WISHED_SPACING)
        r.take(_WHO_WANTS_SPACING)
        _spacing_explained(r, groups)
        return
    if r.take(rf"{_COOLDOWN}(?: between (?:2 )?(?:rebalances|rebalancing|trades))?|{_UNSIZED_SPACING}|{_WISHED_SPACING}"):
        r.ask("How many days should pass between rebalances at least (for example 'at least 20 trading days between "
              "rebalances')?")


def _spacing_explained(r: Reader, groups: list[str]) -> None:
    """The spacing said again as what it does ('cooldown is 20 bars, meaning after it rebalances it won't rebalance
    again for at least 20 trading days even if the trigger fires'): only with the same length, in the same kind of days."""
    if len(groups) != 2 or not groups[1].strip(" -").startswith(("day", "bar")):
        return
    same = r"(?:-day| bars?)" if groups[1] == "-day" or groups[1].strip().startswith("bar") else r"(?: calendar)? days?"
    r.take(rf"(?<={MASK}),? (?:meaning|i\.e\.|that is|so)?,? ?(?:after (?:it|a|each|any) rebalanc\w*,? )?(?:it )?(?:won'?t|will not|"
           rf"doesn'?t|does not|can'?t|cannot|never) (?:rebalance|trade)(?: again)? (?:for|within) (?:at least )?{groups[0]}{same}"
           rf"(?:,? even if (?:the trigger fires|it breaches(?: again)?|the band is (?:hit|breached)))?")


def _spaced_rule(r: Reader) -> None:
    if not r.spacing:
        return
    if not r.draft.when:
        r.ask("What should make it rebalance, at most that often (for example 'when any asset drifts more than 5 "
              "percentage points')?")
        return
    if r.draft.when in CALENDAR_RULES:
        _calendar_spacing(r)
        return
    cap = re.search(_CAP_OR_CADENCE, r.norm.text)
    if cap and r.draft.check is None:
        r.ask(f"Does '{cap.group().strip()}' mean checking the band once a {cap.group(1)} (say 'check {_PERIODIC[cap.group(1)]}'), or "
              f"checking daily with at least a {cap.group(1)} between rebalances (say 'check daily')?", phrase=cap.group().strip())
        return
    when = f"({r.draft.when})" if " or " in r.draft.when else r.draft.when
    r.draft.when = f"{when} and {r.spacing}"


# The longest a drift rule may go without trading: 'rebalancing in any case after 182 days', 'notwithstanding 5.1, the
# portfolio shall be rebalanced if 365 calendar days pass without a rebalance'.
_LONGEST_GAP = (rf"(?:notwithstanding (?:\d+(?:\.\d+)?|the above|that),? )?(?:the portfolio |it )?(?:shall|will|must|should|is to) be "
                rf"rebalanced(?: anyway| in any case| regardless)? (?:if|once|when) {NUM} calendar days (?:pass|have passed|elapse|have elapsed|"
                rf"go by) without (?:a|any) rebalanc\w*"
                rf"|(?:and )?rebalanc(?:e|ing) (?:in any case|anyway|regardless) (?:after|every) {NUM} (?:calendar )?days"
                # 'and if six months (182 days) go by without a rebalance, do one anyway': the days said, the months beside them
                rf"|(?:and )?(?:if|once|when) (?:\d+ (?:months?|weeks?|years?),? )?{NUM} (?:calendar )?days,? (?:go by|pass|have passed|elapse|"
                rf"have elapsed) without (?:a|any) rebalanc\w*,? (?:do|run|make|force) (?:1|a rebalance|one) (?:anyway|regardless|in any case)")


def _longest_gap(r: Reader) -> None:
    """A drift rule with the longest time it may go without a rebalance: 'or days since rebalance >= N' (calendar
    days, as said)."""
    m = r.take_one(_LONGEST_GAP)
    if not m:
        return
    days = next(g for g in m.groups() if g)
    if not r.draft.when or "drift" not in r.draft.when:
        r.ask(f"What should make it rebalance before the {days} days are up (for example 'when any asset drifts more "
              "than 5 percentage points')?")
        return
    r.draft.when = f"{r.draft.when} or days since rebalance >= {days}"


CALENDAR_RULES = {p.rbl for p in CALENDAR}
_PERIODIC = {"week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "annually"}
_PERIOD_OF = {"monthly": "1 month", "last trading day of month": "1 month", "weekly": "1 week",
              "annually": "1 year", "last trading day of year": "1 year"}


def _calendar_spacing(r: Reader) -> None:
    """A calendar already spaces its rebalances: 'monthly, never more than once a month' says nothing more; a
    different spacing on a calendar would skip some of its dates, so it is asked about."""
    period = _PERIOD_OF.get(r.draft.when) or ("1 week" if r.draft.when.startswith("weekly") else None)
    if period and r.spacing.endswith(f">= {period}"):
        r.assume(f"'at most once per {period.removeprefix('1 ')}' already holds for a {r.draft.when} rebalance")
        return
    r.ask(f"The rebalance already follows a calendar ({r.draft.when}); should the minimum time between rebalances "
          "apply instead to a drift band (say which), or be left out (answer 'drop it')?")


def _set_when(r: Reader, when: str) -> None:
    if r.draft.when == ITS_BAND and when.startswith("drift > "):
        if r.shared_band and r.shared_band != when[len("drift > "):]:
            r.ask(f"The text gives the assets without a band of their own two bands ({r.shared_band} and "
                  f"{when[len('drift > '):]}); which one is meant?")
        r.shared_band = when[len("drift > "):]     # the band of the assets without their own
        return
    if r.draft.when and r.draft.when != when:
        r.ask("The text gives two rebalancing rules; should either one be enough (or), or both (and)?")
    r.draft.when = when


# The band swept for a backtest: 'with a band from 1pp to 10pp in 1pp steps', 'try widths 1pp to 10pp in 1pp steps'
_SWEEP = (rf"(?:(?:with )?(?:a )?bands? (?:from|of)|(?:(?:try|test|sweep|vary)(?: the)? )?(?:band )?(?:widths?|band sizes?)(?: from| of)?"
          rf"|(?:try|test|sweep|vary)(?: the)? bands?(?: from| of)?) "
          rf"{NUM}{BAND_UNIT} (?:to|-) {NUM}{BAND_UNIT} (?:in|with|by) (?:steps of )?{NUM}{BAND_UNIT}(?: steps?)?")
# the value a backtest uses when none is swept: ', default 4pp', '(default: 4 points)'
_SWEEP_DEFAULT = rf"(?<={MASK})[,;]? ?\(?(?:with )?(?:a |the )?default(?: of| is|:| =)? {NUM}{BAND_UNIT}\)?"


def _band_sweep(r: Reader) -> None:
    m = r.take_one(_SWEEP)
    if not m:
        return
    lo, hi, step = (r.band(m.group(i), m.group(i + 1)) for i in (1, 3, 5))
    low, high, size = (float(x[:-2]) for x in (lo, hi, step))
    said = r.take_one(_SWEEP_DEFAULT)
    if said:
        default_text = r.band(said.group(1), said.group(2))
        if not low <= float(default_text[:-2]) <= high:
            r.ask(f"The default band {default_text} is outside the sweep from {lo} to {hi}; which default is meant?")
            return
    else:
        default_text = f"{low + size * int((high - low) / size / 2):g}pp"
        r.assume(f"the band is a parameter swept from {lo} to {hi}; its default is the middle step, {default_text}")
    r.draft.params.append(f"param band = {default_text} from {lo} to {hi} step {step}")
    _set_when(r, "drift > band")


_TURBULENT = (rf"(?:(?:when|while|if) (?:the )?markets? (?:are|is|get|gets|become|becomes|turn|turns)|in|during) turbulent"
              rf"(?: markets| times| periods| conditions)?")
_CALM = (rf"(?:otherwise|else|(?:in|during) (?:normal|calm|quiet) (?:markets|times|periods|conditions)|(?:when|while|if) {MARKETS} "
         rf"(?:calm|normal|quiet))"
         # the other state named: 'otherwise it's low vol:'
         rf"(?:,? (?:it'?s|it is|that'?s|that is|we'?re|we are) (?:a |the |in )?(?:low[- ]vol(?:atility)?|calm|normal|quiet)"
         rf"(?: regime| state| market| mode)?)?:?")
# Turbulence said by what it is: 'when SPY's 20-day vol is in the top 20% of its trailing one-year range'
_TOP_VOL = (r"(?:when|while|if) "
            # the state named, then defined: 'when markets are turbulent, defined as VTI's 20-day volatility being in ...'
            r"(?:(?:the )?markets? (?:are|is) turbulent,? (?:defined as|meaning|i\.e\.|that is),? )?"
            r"@(?P<ref>[A-Z][A-Z0-9_]*)'?s? (?P<days>\d+)-day (?:realized |realised )?(?:vol|volatility) (?:is|being) in "
            r"(?:the |its )?top (?:(?P<top>\d+)%|(?P<tile>quintile|decile|quartile)) (?:of|over|in|within) (?:where it'?s been over |what it'?s been over )?(?:its |the )?"
            r"(?:own )?(?:past |last |trailing )?(?:1-year|1 year|year|last year)(?: range)?"
            r"(?:,? (?P<pct>\d+)(?:th|st|nd|rd) percentile,?)?"      # the same said as a percentile: '(80th percentile)'

            # the state named after it: ", it's a high-vol regime:"
            r"(?:,? (?:it'?s|it is|that'?s|that is|we'?re|we are) (?:a |the |in )?(?:high[- ]vol(?:atility)?|turbulent|stressed|stormy)"
            r"(?: regime| state| market| mode)?:?)?")
_VERB = (r"(?:then,? )?(?:(?:um|uh|so),? )?(?:we |i )?(?:(?:want|need|would like|have) to )?(?:please )?"
         # in the passive: 'the portfolio is checked weekly'
         r"(?:(?:the portfolio|the mix|it) (?:is|gets) )?"
         r"(?:check|control|review|monitor|look|rebalance)?(?:s|ed)?,? ?")


_TILES = {"quintile": "20", "decile": "10", "quartile": "25"}


def _top_of(r: Reader, m: re.Match) -> str | None:
    """The share of the year counted as turbulent ('the top 20%', 'the top quintile'); a percentile said beside it that
    is not the same cut is a question."""
    top = m.group("top") or _TILES[m.group("tile")]
    if m.group("pct") and int(m.group("pct")) != 100 - int(top):
        r.ask(f"Turbulent from which percentile of the year's volatility: the {100 - int(top)}th or the "
              f"{m.group('pct')}th?")
        return None
    return top


def _band_at(k: int) -> str:
    # ('with a 3pp band', 'and rebalance on a 3 points band', 'and use a 6 points band')
    return (rf",?(?: (?:with|and (?:rebalance|rebalanced|trade|traded) (?:on|at|with)|and use|using) (?:an? )?(?:(?:tight|tighter|wide|wider|narrow|loose) )?"
            rf"(?:band of |band,? )?"
            rf"(?P<n{k}>\d+(?:\.\d+)?)(?P<u{k}>%|pp| points?| percentage[- ]points?)(?: band)?)?")


def _regimes(r: Reader) -> None:
    """'in turbulent markets check weekly with a 3pp band; otherwise (in normal conditions) monthly with a 6pp band';
    'when SPY's 20-day vol is in the top 20% of its last year, check weekly ...' (turbulence said by what it is)."""
    m = r.take_one(rf"(?:{_TURBULENT}|{_TOP_VOL}),? {_VERB}(?P<c1>{CALENDAR_RE}){_band_at(1)}[;,.]? ?(?:and )?{_CALM},? "
                   rf"{_VERB}(?P<c2>{CALENDAR_RE}){_band_at(2)}")
    if not m:
        if _band_when_top_vol(r):
            return
        # 'when SPY's 20-day vol is in the top 20% of its one-year range, go 40/60 SPY/TLT; otherwise 70/30'
        switch_target(r, _TOP_VOL, lambda t: (top := _top_of(r, t)) and turbulence(r, *t.group("ref", "days"), top))
        return
    if bool(m.group("n1")) != bool(m.group("n2")):
        r.ask("What band should it use in the other market state (for example 6 percentage points)?")
        return
    top = _top_of(r, m) if m.group("ref") else None
    if m.group("ref") and top is None:
        return
    turbulence(r, *((*m.group("ref", "days"), top) if m.group("ref") else ()))
    rule = f"if turbulent then {calendar_of(m.group('c1'))} else {calendar_of(m.group('c2'))}"
    if not m.group("n1"):
        _set_when(r, rule)
        return
    r.draft.check = rule
    _set_when(r, f"drift > (if turbulent then {r.band(m.group('n1'), m.group('u1'))} "
                 f"else {r.band(m.group('n2'), m.group('u2'))})")


def _band_when_top_vol(r: Reader) -> bool:
    """'(will move to) a 3pp band when SPY's 20-day volatility is in the top quintile of the past year, and a 6pp band
    otherwise': only the band switches."""
    m = r.take_one(rf"(?:(?:will )?(?:move|switch|go|shift)s? to |use )?an? (?P<n1>\d+(?:\.\d+)?)(?P<u1>{BAND_UNIT[1:-1]}) band "
                   rf"{_TOP_VOL},? (?:and )?(?:an? )?(?P<n2>\d+(?:\.\d+)?)(?P<u2>{BAND_UNIT[1:-1]})(?: band)? (?:otherwise|else)")
    if m is None:
        return False
    top = _top_of(r, m)
    if top is None:
        return True
    turbulence(r, *m.group("ref", "days"), top)
    _set_when(r, f"drift > (if turbulent then {r.band(m.group('n1'), m.group('u1'))} else {r.band(m.group('n2'), m.group('u2'))})")
    return True


# A state named and defined by its volatility: 'define "stressed" as SPY's 20-day realized vol sitting above the 80th
# percentile of its own trailing 1-year history', 'a "stressed" regime is defined as ...'
# ('call it stressed when SPY's 20d vol is above the 90th percentile of its own last 2 years': the name given to the
# state when it holds; the history any number of years)
_NAMED_VOL_STATE = (r"(?:(?:(?:define |call )?(?:an? |the )?\" ?|(?:,? (?:and )?(?:i |we ))?(?:define|call) (?:an? |the )?\"? ?)(?P<name>[a-z]+) ?\"?(?: (?:regime|state|market))?(?: is defined)? as "
                    r"|(?:(?:i |we )?(?:call|label|flag|mark) (?:it|the market|the regime) |it'?s |it is )\"?(?P<name_when>[a-z]+)\"? (?:when|whenever|if) )"
                    # whose volatility, before or after it: 'SPY's 20-day realized vol', 'the 20-day volatility of SPY',
                    # 'the SPY 20-day volatility'
                    r"(?:@(?P<ref>[A-Z][A-Z0-9_]*)'?s? (?P<days>\d+)-day (?:realized |realised )?(?:vol|volatility)"
                    r"|the @(?P<ref3>[A-Z][A-Z0-9_]*) (?P<days3>\d+)-day (?:realized |realised )?(?:vol|volatility)"
                    r"|the (?P<days2>\d+)-day (?:realized |realised )?(?:vol|volatility) of @(?P<ref2>[A-Z][A-Z0-9_]*)) "
                    r"(?:sitting |being |staying |that is |is )?above (?:(?:the|its) (?P<pct>\d+)(?:th|st|nd|rd) percentile "
                    r"(?:of its (?:own )?|over (?:the |its )?(?:past |last |trailing )?)"
                    r"(?:trailing )?(?:(?P<years>\d+)[- ]years?|year|last year)(?: history| range)?"
                    # the percentile said as a share of its values: 'above the 80% of its values of the last year'
                    r"|the (?P<pct2>\d+)% of its (?:own )?(?:values|readings|history|range) (?:of|over|in|from) the (?:last|past) "
                    r"(?:(?P<years2>\d+)[- ]years?|year))")
# a named state's calendar: one the phrase table knows, or 'every week on monday'
_STATE_CALENDAR = (rf"(?:(?P<c{{k}}>{CALENDAR_RE})|every week on (?P<d{{k}}>monday|tuesday|wednesday|thursday|friday))"
                   rf"(?:,? (?:on )?the first trading day(?: of the (?:month|week))?(?=,))?")


def _state_calendar(m: re.Match, k: int) -> str:
    return calendar_of(m.group(f"c{k}")) if m.group(f"c{k}") else f"weekly on {m.group(f'd{k}')}"


# What a regime-switched rule does, said before it: 'we propose that the monitoring frequency and tolerance depend on the
# market regime'. No fact of its own once the rule is read.
DEPENDS_ON_REGIME = (r"(?:(?:we |i )?(?:propose|suggest|recommend) that )?the (?:monitoring |checking |rebalancing |review )?"
                     r"(?:frequency|schedule|cadence)(?: and (?:the )?(?:tolerance|band)s?)? (?:should )?depends? on the "
                     r"(?:market )?(?:regime|state)")


def _named_vol_state(r: Reader) -> None:
    """The named state's rule: 'when stressed: check weekly on mondays with a 3pp band. otherwise: check monthly with a
    6pp band'; the state keeps the text's name."""
    state = r.find(_NAMED_VOL_STATE)
    if state is None:
        return
    name = state.group("name") or state.group("name_when")
    unread = r.text
    r.mask(state)     # the definition may stand inside the rule: 'when the market is nervous, and i define nervous as ..., ...'
    # ('when the market is calm i check only monthly': the other state named instead of 'otherwise')
    # ('stressed -> check every monday ...': the state's name alone before its rule, normalized 'stressed, then')
    m = r.find(rf"(?:(?:when|while|if|in) (?:the )?(?:markets? (?:is|are) )?|(?<![\w-])){name}(?: regimes?| markets?| periods?| times)?[:,]?"
               rf"(?: ?{MASK}+,?)?(?: then)? {_VERB}(?:only )?{_STATE_CALENDAR.format(k=1)}{_band_at(1)}"
               rf"[;,.]? ?(?:and )?(?:otherwise|else|when (?:the )?markets? (?:is|are) (?:calm|normal|quiet))[:,]? "
               rf"{_VERB}(?:only )?{_STATE_CALENDAR.format(k=2)}{_band_at(2)}")
    if m is None:
        r.text = unread
        return
    if bool(m.group("n1")) != bool(m.group("n2")):
        r.text = unread
        r.ask("What band should it use in the other market state (for example 6 percentage points)?")
        return
    r.mask(m)
    ref = state.group("ref") or state.group("ref2") or state.group("ref3")
    days = state.group("days") or state.group("days2") or state.group("days3")
    years = state.group("years") or state.group("years2") or "1"
    r.draft.lets.append(f"let {name} = percentile(vol({ref}, {days} days), {window(years, 'year')}) > "
                        f"{state.group('pct') or state.group('pct2')}%")
    rule = f"if {name} then {_state_calendar(m, 1)} else {_state_calendar(m, 2)}"
    if not m.group("n1"):
        _set_when(r, rule)
        return
    r.draft.check = rule
    _set_when(r, f"drift > (if {name} then {r.band(m.group('n1'), m.group('u1'))} else {r.band(m.group('n2'), m.group('u2'))})")
    r.take(DEPENDS_ON_REGIME)


def turbulence(r: Reader, ref: str | None = None, days: str = "20", top: str = "20") -> str:
    """The `turbulent` series (the first asset's volatility high in its own year, unless the text says whose and how
    high), declared once and said."""
    ref = ref or _reference_asset(r)
    let = f"let turbulent = percentile(vol({ref}, {days} days), 1 year) > {100 - int(top)}%"
    if let not in r.draft.lets:
        r.draft.lets.append(let)
    r.assume(f"turbulent: {ref}'s {days}-day volatility is in the top {top}% of its trailing one-year range")
    return "turbulent"


def _reference_asset(r: Reader) -> str:
    held = r.held()
    if not held:
        return "SPY"
    r.assume(f"market volatility is measured on {held[0]}, the first asset")
    return held[0]


def _scaled_band(r: Reader) -> None:
    m = r.take_one(rf"use an? {NUM}{BAND_UNIT} band,? but widen it when {MARKETS} calm and tighten it "
                   rf"when (?:they are|it is|{MARKETS}) volatile")
    if not m:
        return
    ref = _reference_asset(r)
    band = r.band(m.group(1), m.group(2))
    r.draft.lets.append(f"let band = {band} * clamp(vol({ref}, 250 days) / vol({ref}, 20 days), 0.5, 2)")
    r.assume(f"calm or volatile: {ref}'s 250-day volatility over its 20-day volatility, "
             "keeping the band between 0.5x and 2x its base")
    _set_when(r, "drift > band")


# What a volatility-scaled band does: 'wider when markets are calm and tighter when volatile'
WIDER_WHEN_CALM = (rf"(?:but |and )?(?:use )?(?:wider|widen(?: (?:it|them|the bands?))?)(?: bands?)? when {MARKETS} calm,? "
                   rf"and (?:tighter|tighten(?: (?:it|them))?)(?: (?:ones|bands?))? when (?:they are |it is |{MARKETS} )?"
                   rf"(?:volatile|turbulent|choppy)",
                   rf"(?:that |which )?(?:gets |goes |is |grows )?(?:wider|widens?) (?:in|during|when) (?:calm|quiet) "
                   rf"(?:markets?|times|periods)(?: are calm)?,? and (?:narrower|tighter|tightens?|narrows?|shrinks?) "
                   rf"(?:in|during|when) (?:volatile|turbulent|choppy) (?:ones|markets?|times|periods)")
_VOL_OF = r"(?:realized |realised |trailing )?vol(?:atility)?"
# The volatility-scaled band written as its formula: 'the base band is 5 points, scaled by the ratio of SPY's 250-day
# realised volatility to its 20-day realised volatility, with the ratio clamped between 0.5 and 2'
_RATIO_SCALED = (rf",? (?:and )?(?:is |are )?(?:scaled|multiplied|adjusted) by the ratio of {ASSET}(?:'s)? {WINDOW} {_VOL_OF} "
                 rf"(?:to|over) (?:its|the) {WINDOW} {_VOL_OF},? (?:with |and )?(?:the ratio |it )?(?:is )?(?:clamped|bounded|kept|"
                 rf"limited|capped) (?:between|to|within) (?:\[)?{NUM}(?: and |, ?| to ){NUM}\]?")


def _ratio_scaled_band(r: Reader) -> None:
    """The band times a ratio of one asset's volatilities, clamped: every number said, each one kept."""
    m = r.take_one(_RATIO_SCALED)
    if not m:
        return
    base = (r.draft.when or "").removeprefix("drift > ")
    if not base.endswith("pp") or "(" in base:
        r.ask("How wide should the band be before it is scaled (for example 5 percentage points)?")
        return
    name, long_n, long_unit, short_n, short_unit, low, high = m.groups()
    r.draft.lets.append(f"let band = {base} * clamp(vol({name}, {window(long_n, long_unit)}) / "
                        f"vol({name}, {window(short_n, short_unit)}), {low}, {high})")
    r.draft.when = "drift > band"
    for pattern in WIDER_WHEN_CALM:         # what it does, said after it: the same fact
        r.take(rf"(?:,? so (?:that )?(?:the band |it )?)?{pattern}")
    # its name: 'dynamic tolerance bands.'
    r.take(rf"\b(?:dynamic|adaptive|vol(?:atility)?[- ](?:scaled|adjusted))(?: (?:tolerance|drift|rebalancing))?(?: bands?)?"
           rf"(?= ?[{MASK}.:,;]|$)")


def _widened_band(r: Reader) -> None:
    """'5 point bands; wider when markets are calm and tighter when volatile': the volatility-scaled band."""
    m = r.take_one(WIDER_WHEN_CALM[0]) or r.take_one(WIDER_WHEN_CALM[1])
    if not m:
        return
    base = (r.draft.when or "").removeprefix("drift > ")
    if not base.endswith("pp") or "(" in base:
        r.ask("How wide should the band be when markets are neither calm nor volatile (for example 5 percentage "
              "points)?")
        return
    ref = _reference_asset(r)
    r.draft.lets.append(f"let band = {base} * clamp(vol({ref}, 250 days) / vol({ref}, 20 days), 0.5, 2)")
    r.assume(f"calm or volatile: {ref}'s 250-day volatility over its 20-day volatility, "
             "keeping the band between 0.5x and 2x its base")
    r.draft.when = "drift > band"


def _five_25(r: Reader) -> None:
    relative = r"% (?:of (?:its |their |the )?(?:own )?(?:policy |strategic )?(?:target|weight)(?: weights?)?|relative)"
    # 'off its target by 5pp': the target named right after the verb, with or without 'from'
    drifts = (rf"(?:(?:the )?drift (?:is |gets |goes |hits |reaches |exceeds )?|{DRIFT_VERB}(?: (?:from )?{TARGET_NOUN})? |(?:it is |is )?off |equal to )?(?:by )?(?:either )?"
              rf"(?:more than |over |above )?")
    # 'the lesser of' first: its 'N points or M% of target' would otherwise be taken alone
    m = (r.take_one(rf"{drifts}the (?:smaller|lesser|tighter) of {NUM}{BAND_UNIT}"
                    rf"(?: absolute)? (?:and|or) {NUM}{relative}")
         # 'is 5pp away from the target, or 25% of its target away, what comes first'
         # the relative part said as a share in words too: 'off its target by 5pp, or by a quarter of its own target'
         or r.take_one(rf"{drifts}{NUM}{BAND_UNIT}(?: absolute)?(?: (?:away from|off from|from|off) (?:the |its )?target)?,? "
                       rf"or (?:(?:it is |is )?off )?(?:by )?(?:more than |over |above )?(?:{NUM}{relative}|{_SHARE}{_OF_TARGET})(?: away| off)?"
                       rf"(?:,? (?:whichever|what|which)(?:ever)? (?:threshold |limit |one )?(?:comes first|is (?:coming first|first|smaller|less|"
                       rf"tighter|hit first|reached first|breached first)|hits first|happens first|occurs first))?"))
    if m:
        said = m.groups() + (None,)
        share = said[2] or FRACTIONS[said[3]]
        _set_when(r, f"drift > min({r.band(m.group(1), m.group(2))}, {share}% of target)")
    # the rule by its name: 'the 5/25 rule', 'the 5/25 approach you described', 'rebal rule: 5/25'
    if r.take_one(r"(?:use |using |follow |following |with |per |by |(?:move|switch|change|go)(?: us| me| it| the account)? to |go with )?(?:the )?5/25 (?:rule|bands?|band rule|"
                  r"approach|method|policy|framework)(?: (?:you|we|they) (?:described|mentioned|suggested|discussed|recommended))?,?"
                  r"|(?:rebalance|band|drift) rule:? 5/25(?![\d/])"
                  # by its author, before its definition: "the rule i give most clients is larry swedroe's 5/25:"
                  r"|(?:(?:the|my|our) (?:rule|approach|method) (?:i|we) (?:give|recommend to|suggest to|use with) (?:most |my |all |our )?"
                  r"clients is )?(?:[a-z]+ ){0,2}?[a-z]+(?:'s|s') 5/25(?= ?:)"):
        _set_when(r, "drift > min(5pp, 25% of target)")
        r.assume("the 5/25 rule: an asset is out of band when it drifts more than 5 percentage points or 25% of its target")


# The asset whose weight the range is, said right before it ('if VTI falls below 50% or rises above 70%', "VTI's weight
# goes outside 40 to 60"): that asset's range, never every asset's.
_RANGE_OWNER = r"@([A-Z][A-Z0-9_]*)(?:'s?)?(?: (?:weight|allocation|share|position))?(?: (?:goes|falls|drops|gets|moves|is|weighs))? ?$"


def _one_asset_range(r: Reader, owner: re.Match, m: re.Match) -> None:
    """Read as that asset's range around its target (settle_bands), as 'keep SPY between 50% and 70%' is."""
    r.mask(owner)
    low, high = sorted((Decimal(m.group(1)), Decimal(m.group(2))))
    r.ranges.append((owner.group(1), low, high))
    r.band_topic = True
    if r.draft.when and r.draft.when != ITS_BAND:
        r.ask("The text gives two rebalancing rules; should either one be enough (or), or both (and)?")
    r.draft.when = ITS_BAND


def _range_band(r: Reader) -> None:
    # 'less of 15% or more of 35%' (a Spanish speaker's 'menos de'), 'lower than 15% or higher than 35%'
    m = (r.take_one(rf"(?:goes |falls |drops |gets |is |weighs )?(?:below|under|less (?:than|of)|lower than|smaller than) {NUM}% "
                    rf"or (?:goes |rises |gets |is )?(?:above|over|more (?:than|of)|higher than|bigger than|greater than) {NUM}%")
         or r.take_one(rf"(?:outside|leaves|exits) (?:of )?(?:an? |the |its )?(?:range |band )?(?:of )?(?:between )?"
                       rf"{NUM}%? ?(?:to|-|and) ?{NUM}%(?: range| band)?")
         or r.take_one(rf"(?:outside|leaves|exits) (?:of )?(?:an? |the |its )?(?:interval|corridor|channel|range|band) (?:of )?"
                       rf"(?:between |from )?{NUM}%? ?(?:to|-|and) ?{NUM}%")
         # after 'weight' the numbers are percents: "VTI's weight goes outside 40 to 60"
         or r.take_one(rf"(?<=weight )(?:goes |moves |gets |is )?(?:outside|out of) (?:of )?(?:the )?(?:range )?(?:of )?(?:between |from )?"
                       rf"{NUM}%? ?(?:to|-|and) ?{NUM}%?(?!\.?\d|%)"))
    if not m:
        return
    owner = re.search(_RANGE_OWNER, r.text[:m.start()])
    if owner:
        _one_asset_range(r, owner, m)
    # 'I do nothing unless ...': the range said as the only reason to trade
    r.take(rf"(?:(?:i|we) )?(?:do nothing|don'?t (?:trade|rebalance|touch it)|never (?:trade|rebalance)) unless(?= ?{MASK})")
    if not owner:
        _set_when(r, f"weight < {m.group(1)}% or weight > {m.group(2)}%")
        r.take(rf"(?<={MASK}) of the (?:fund|portfolio|account|book|total)(?![\w-])")
        # who leaves the range, and that nothing is done inside it
        r.take(rf"\b(?:when|if|once|whenever) (?:any|either|1|an?|some)(?: of (?:the )?(?:\d+|them|assets|holdings|funds|positions|parts))?"
               rf"(?: (?:asset|holding|fund|position|part|piece|sleeve)s?)?(?= ?{MASK})")
        r.take(rf"(?<={MASK})[;,.]? ?otherwise,? (?:no action is taken|nothing (?:is done|happens)|do nothing)(?![\w-])")


# A share of the target: 'a quarter of its target', 'a fifth of its weight' (the share said in words).
_SHARE = r"(a quarter|a fifth|a tenth|a half|half)"
_OF_TARGET = r" of (?:its |their |the |that |this )?(?:own )?(?:target(?: weights?)?|(?:target )?(?:weights?|allocations?))"
_OVER = r"(?:more than |over |beyond |above |exceeds? |is over |is more than |is above |goes over |goes above )"
# After a relative band, the word that says so again: ', relative, not points', '(relative)', 'in relative terms',
# '(relative drift)'.
_RELATIVE_AGAIN = (r"^,? ?\(?(?:(?:relative|relatively|in relative terms)(?:,? (?:and )?not (?:in )?(?:absolute(?: terms)?|"
                   r"(?:percentage )?points|pp|pts))?(?: (?:drift|deviation|band|threshold))?|(?:and )?not (?:in )?(?:absolute(?: terms)?|(?:percentage )?points|pp|pts))\)?(?=[,.;:!?)\u00a6]| ?$| (?:and|but|so|checked|check)\b)")


def _relative_band(r: Reader) -> None:
    relative = (r"(?:% of (?:its |their |the |that |this )?(?:own )?(?:target(?: weights?)?|(?:target |policy |strategic )?(?:weights?|allocations?))|% relative(?:ly)?(?: (?:to|from|off) (?:its |their |the )?targets?(?: weights?)?)?"
                r"(?: (?:deviation|drift|band|threshold))?(?:,? not (?:in )?absolute(?: terms)?)?|% (?:off|away from|from) (?:its |their |the )?targets? "
                r"(?:in relative terms|relative|relatively))")
    away = r" (?:away|off)(?: from (?:it|them|(?:its |their |the )?targets?))?"
    # 'by more than', or 'of more than' as a French or Spanish speaker says it
    # the target named after the verb ('deviates from its policy weight by more than 20% of that weight')
    m = (r.take_one(rf"{DRIFT_VERB}(?: (?:from |of )?{TARGET_NOUN})?(?: by| of)? {_OVER}?{NUM}{relative}(?:{away})?")
         or r.take_one(rf"(?:an? )?{NUM}{relative} (?:band|threshold|tolerance)")
         # 'rebalance on a 20% relative drift', 'upon any 25% relative deviation'
         or r.take_one(rf"(?:on|upon|after|by) (?:an? |any )?{NUM}% (?:relative|relatively) (?:drift|deviation)"
                       rf"(?: (?:from|off) (?:its |the |their )?targets?)?")
         or r.take_one(rf"(?:band|threshold|tolerance|trigger)(?: of| at| is|:)? (?:plus or minus |\+/- ?|±)?{NUM}{relative}")
         # 'is more than 20% away from its own target weight (relative, ...)': the relative word after it
         or r.take_one(rf"(?:is |are |gets |goes )?{_OVER}?{NUM}% (?:off|away from) (?:its |their |the )?(?:own )?targets?(?: weights?)?"
                       rf",? \(?(?:in relative terms|relative|relatively)(?:,? not (?:in )?absolute(?: terms)?)?\)?")
         # ... with no target named: 'when any weight is 10% off, relative'
         or r.take_one(rf"(?:is |are |gets |goes )?{_OVER}?{NUM}% (?:off|away|out),? \(?(?:in relative terms|relative|relatively)"
                       rf"(?:,? not (?:in )?absolute(?: terms)?)?\)?(?![\w-])")
         # 'is 25% of its target away from it', 'deviates relatively by more than 20% from its target weight'
         or r.take_one(rf"(?:is |are |it'?s |it is |gets |goes |moves? )?{_OVER}?{NUM}{relative}{away}")
         or r.take_one(rf"{DRIFT_VERB} (?:relatively|in relative terms) (?:by )?{_OVER}?{NUM}%"
                       rf"(?: (?:from|of) (?:its |their |the )?targets?(?: weights?)?)?")
         # 'is off by more than a quarter of its target', 'drifts by a fifth of its weight'
         or r.take_one(rf"{DRIFT_VERB}(?: (?:from|of) (?:its |the )?targets?)?(?: by)? {_OVER}?{_SHARE}{_OF_TARGET}(?:{away})?"))
    if m:
        share = FRACTIONS.get(m.group(1), m.group(1))
        _set_when(r, f"drift > {share}% of target")
        again = re.match(_RELATIVE_AGAIN, r.text[m.end():])
        if again:
            r.text = r.text[:m.end()] + MASK * again.end() + r.text[m.end() + again.end():]
        r.take(r"(?:the )?(?:rebalanc\w* )?(?:trigger|band|threshold|tolerance|drift) (?:is|should be|must be|will be) "
               r"(?:relative|in relative terms)(?: this time| here| now)?(?:,? rather than absolute|,? not absolute)?\b")
        # what 'out' means, said before the band: 'a leg is out when it's more than 15% of its own target away'
        r.take(rf"(?:an? |any )(?:leg|asset|holding|fund|position|line|name) (?:is|counts as) (?:out|out of (?:its |the )?band|"
               rf"outside (?:its|the) band|breached) (?:when|if|once)(?: it| it'?s| it is)?(?= ?{MASK})")
        # the 5/25 rule's relative half alone: '5/25 style but only the relative leg' (with a 25% relative band only)
        if share == "25":
            r.take(r"\b5/25[- ](?:style|ish|like),? (?:but )?(?:only|just) (?:the )?relative (?:leg|part|half|side|bit)\b")


_NOT_RELATIVE = r"(?! of (?:its |their |the |that |each )?(?:own )?(?:policy |target |strategic )?(?:targets?|weights?|allocations?)| relative)"


def _absolute_band(r: Reader) -> None:
    # first 'when the difference from the target becomes more than 5 points' (before 'is over 5pp' takes its tail)
    patterns = (rf"(?:the )?(?:difference|deviation|distance|gap) (?:from|to|versus|against) (?:the |its |their )?targets?(?: weights?)? "
                rf"(?:becomes|gets|is|grows(?: to)?|exceeds) (?:more than |over |above |bigger than |larger than |greater than )?"
                rf"{NUM}{BAND_UNIT}{_NOT_RELATIVE}",
                # 'when drift hits 8%', 'once the deviation reaches 5 points': the band's edge said as where it is reached
                rf"{DRIFT_VERB}(?: from (?:its |the )?targets?)?(?: by)? (?:more than |over |above |beyond |"
                # (not the whole book moved into something: 'go 100% into the best of ...', 'goes 50% in @TLT')
                rf"exceeds? |past |by more than |hits |reaches |touches |gets to |crosses )?{NUM}{BAND_UNIT}{_NOT_RELATIVE}"
                rf"(?! (?:into|in the|in @|on the)\b)(?: or more)?(?: (?:absolute|(?:away |off )?from {TARGET_NOUN}"
                rf"|off(?: {TARGET_NOUN}| target)?|away|out))?",
                rf"(?:breaks?|breaches?|exceeds?|leaves?|outside) (?:of )?(?:its |the |a |an )?{NUM}{BAND_UNIT}{_NOT_RELATIVE} band",
                rf"(?:with |within |inside )?(?:an? )?{NUM}{BAND_UNIT}{_NOT_RELATIVE}(?: absolute)?(?: drift)?(?: tolerance| rebalancing)? "
                rf"(?:bands?|threshold|tolerance|trigger)(?: band)?",
                rf"(?:is |gets? |goes |go |it'?s |it is |are |they'?re )?(?:more than |over )?{NUM}{BAND_UNIT}{_NOT_RELATIVE} (?:or more )?"
                rf"(?:out of (?:its |the |their )?targets?|off|away|"
                rf"out of (?:line|whack|balance)|out(?! of))(?: (?:from )?(?:its |the |their )?(?:targets?|that))?",
                rf"(?:band|threshold|tolerance|(?:drift )?trigger)(?: band)?(?: (?:of|at|is|=)|:)? {NUM}{BAND_UNIT}{_NOT_RELATIVE}"
                rf"(?: (?:of )?(?:drift|deviation))?",
                # 'with a deviation of more than 5 percentage points is rebalanced' (a German writer's order)
                rf"(?:with |at |on )?an? (?:deviation|drift) of (?:more than |over |above )?{NUM}{BAND_UNIT}{_NOT_RELATIVE}"
                rf"(?: (?:is|it is|gets|will be|it gets) rebalanced)?",
                # the drift named after its size: 'any leg more than 2.5% drift', 'a holding with over 4 points of deviation',
                # 'rebalance at 5pp drift'
                rf"(?:is |has |with |shows )?(?:more than|over|above|at) (?:an? )?{NUM}{BAND_UNIT}{_NOT_RELATIVE} (?:of )?(?:drift|deviation)"
                rf"(?: (?:from|off) (?:its |the |their )?targets?)?",
                # the drift as what sets the rebalance off: 'rebalance on a 5pp drift', 'upon any 4 point deviation',
                # 'triggered by 5 points of drift'
                rf"(?:on|upon|after|by) (?:an? |any )?{NUM}{BAND_UNIT}{_NOT_RELATIVE}(?: absolute)? (?:of )?(?:drift|deviation)"
                rf"(?: (?:from|off) (?:its |the |their )?targets?)?")
    for pattern in patterns:
        m = r.take_one(pattern)
        if m:
            _set_when(r, f"drift > {r.band(m.group(1), m.group(2))}")
            if m.group(2) != "%":
                r.take(_points_again(m.group(1)))
            return


def _points_again(number: str) -> str:
    """A band in points said again against the relative reading it is not: '3 points, not 3% of the target',
    'points, not a percentage of the target'."""
    n = re.escape(number)
    return (rf"(?:{n} ?(?:percentage points?|points?|pp|pts),? |(?:percentage )?points,? )?(?:and )?not (?:in )?(?:{n}% "
            rf"(?:of (?:its |their |the )?targets?(?: weights?)?|relative)|(?:a )?percent(?:age)? of (?:its |their |the )?"
            rf"targets?|relative(?: terms)?)")


# A check cadence said with no band: 'check every day, rebalance when needed' (what 'needed' means is the band's size)
_CHECKED = r"\b(?:check|checked|monitor|monitored|review|reviewed|look at it)(?: it)? (?:every (?:trading |business )?day|daily|weekly|every week)\b"
_WHEN_NEEDED = r"\brebalanc\w* (?:when|as|if|whenever) (?:needed|necessary|required)\b"


def _vague_band(r: Reader) -> None:
    """A band with no size ('when it drifts too far') is a question, not a guess; so is a band with no unit."""
    if not (r.draft.when or "").startswith("drift") and re.search(_CHECKED, r.norm.text) and r.take(_WHEN_NEEDED):
        r.band_topic = True
        r.ask("How far may an asset drift from its target before it rebalances "
              "(for example 5 percentage points, or 20% of its target)?",
              frame="Rebalance when any asset drifts more than {}.")
        return
    bare = r.take_one(r"(?:(?:a |the )?band|threshold|tolerance)(?: of| at| is| =|:)? (\d+(?:\.\d+)?)(?![\d.%x]| ?pp| points?| percent)"
                      r"(?=[,;.]|$)")
    if bare:
        n = bare.group(1)
        r.band_topic = True
        r.ask(f"Is the band of {n} in percentage points ({n}pp) or a percentage of the target ({n}% of target)?")
        return
    if r.take(rf"(?:gets?|goes|is|drifts?|moves?) (?:too far|way) (?:off|away|out)(?: (?:from|of) (?:its |the )?targets?)?|"
              rf"(?:drifts?|moves?|goes) (?:beyond|outside|out of|past) (?:the|its) (?:tolerance |drift )?(?:band|threshold)|"
              # a band chosen with no size: 'use a "threshold" instead of a calendar', 'drift-trigger rebal', 'band tbd
              # with client, do not guess', 'what threshold should i use'
              rf"(?:(?:i |we )?(?:should |want to |would like to |'d like to )?use )?an? \"?(?:drift )?(?:threshold|band|tolerance)\"?"
              rf"(?: rule| trigger)? (?:instead of|rather than) (?:a |the )?(?:calendar|schedule)|"
              rf"(?:an? )?drift[- ]trigger(?:ed)? rebalanc\w*|"
              rf"(?:the )?(?:band|threshold|tolerance) (?:tbd|tba|to be (?:decided|determined|agreed|confirmed))(?: with (?:the )?client)?"
              rf"(?:,? (?:do not|don'?t) guess)?|"
              rf"what (?:threshold|band|tolerance) should (?:i|we) use|"
              # the size left for later: 'when a relative deviation from the target weight is exceeded ... the exact
              # threshold I will communicate to you separately'
              rf"(?:an? |the )?(?:relative |absolute )?(?:deviation|drift) (?:from (?:the |its )?targets?(?: weights?)? )?is exceeded|"
              rf"(?:the )?(?:exact |precise |actual )?(?:threshold|band|tolerance) (?:i|we) will (?:communicate|send|give|provide|confirm)"
              rf"(?: (?:to )?you)?(?: separately| later| in a separate (?:letter|e-?mail|note|message))?|"

              rf"{DRIFT_VERB} (?:from (?:its |the )?targets? )?in relative terms|"
              rf"(?:the )?(?:difference|deviation|drift|gap) (?:is|gets|got|becomes|became|grows|grew) \"?(?:too |very |really )?(?:big|large|high|significant|"
              rf"important|material|meaningful|excessive)\"?|"
              rf"{DRIFT_VERB}(?: apart| away)? (?:too far|too much|a lot|significantly|materially|meaningfully|enough)"
              r"(?: (?:from|off) (?:its |the )?targets?)?|"
              # a size said with no number: 'when off by a few points', 'a couple of percent away'
              r"(?:(?:is |gets |goes |drifts? |moves? )?(?:off|away|out) by )?(?:a few|a couple of|a couple|some|several) "
              r"?(?:points|pp|percent|percentage points|%)(?: (?:off|away|out))?(?: (?:from|of) (?:its |the )?targets?)?|"
              # not 'trade only the fund that is out of line': there it names the assets to trade (_policy)
              r"(?<!that )(?<!thats )(?<!that's )(?<!what's )(?<!which )(?:gets? |is |goes )?"
              r"(?<!that is )(?<!what is )(?<!which is )(?:out of (?:line|whack|balance)|off target)"):
        r.band_topic = True
        if not r.draft.when or "drift" not in r.draft.when:
            r.ask("How far may an asset drift from its target before it rebalances "
                  "(for example 5 percentage points, or 20% of its target)?",
                  frame="Rebalance when any asset drifts more than {}.")


def _drift_subject(r: Reader) -> None:
    """'when a coin ... is 10pp off': the subject of a drift rule a band rule read, left before it."""
    if r.draft.when and "drift" in r.draft.when:
        # 'rebalancing to policy weights is triggered whenever any asset class ...': the rule's name before its subject
        r.take(rf"\b(?:a )?(?:rebalanc\w*|a rebalance)(?: (?:back )?to (?:the )?(?:policy|target) weights)? (?:is|will be|shall be|gets) "
               rf"triggered(?= (?:when|whenever|if|once|as soon as) )")
        r.take(rf"\b(?:when|if|once|whenever|as soon as) (?:any|an?|1|each|either|anything|something|any single|a single)"
               rf"(?: of (?:them|the (?:assets|coins|holdings|funds|positions|tickers)))?"
               rf"(?: (?:asset class|asset|holding|position|coin|token|fund|stock|etf|name|leg|side|ticker|weight|allocation|line|bag)(?:s|es)?)?"
               rf"(?: (?:goes|go|gets|get|moves|move|is gone|has gone)(?: out)?)?(?= ?{MASK})")
        # the band's owner: 'each asset class (...) has a rebalancing threshold equal to ...'
        # (its weights may stand between, read later: only the words around them are taken)
        has_band = r"has an? (?:rebalancing |drift )?(?:threshold|band|tolerance)"
        if r.take(rf"{has_band}(?: equal to| of)?(?= ?{MASK})"):
            r.take(rf"\b(?:each|every) (?:asset class|asset|holding|fund|position)(?=,? [^.;]{{0,80}}?{MASK})")
        # the band's subject said as a definition: 'a position shall be considered out of tolerance when it ...'
        r.take(rf"\b(?:an?|any|each) (?:asset class|asset|holding|position|fund|line) (?:shall|will|should|is to|must) be (?:considered|deemed|"
               rf"treated as) (?:out of (?:tolerance|band|balance)|breached|in breach) (?:when|if|once|whenever) it(?= ?{MASK})")
        # 'an asset class shall be rebalanced when it ...': the drifting asset as the subject of the rebalance
        r.take(rf"\b(?:an?|any|each) (?:asset class|asset|holding|position|fund|line) (?:shall|will|should|is to|must) be rebalanced "
               rf"(?:when|if|once|whenever) it(?= ?{MASK})")


# The band said as what makes an asset 'out' ('an asset is out when it is 5pp away ...', 'a fund counts as breached if
# it is ...'): the words before a band already read.
_OUT_WHEN = (r"(?:an? |any )(?:asset|holding|fund|position|etf|stock|coin) (?:is|counts as|is considered) (?:out(?: of (?:its |the )?band)?|"
             r"breached|off) (?:when|if|once) (?:it is |it'?s )?(?=\u00a6)")


# A wish for few trades beside the rule that keeps them few ('they do not want frequent trading', 'so i do not like too
# many trades'): why the band or the calendar, no fact of its own. Without a rule it stays for a question.
_FEW_TRADES_WISHED = (r"(?:(?:and |so )?(?:they|she|he|i|we|the clients?) (?:do not|don'?t|does not|doesn'?t) (?:want|like|need)"
                      r"|(?:and |so )?no (?:need for|wish for)) (?:frequent|too many|lots of|a lot of|excessive|constant|much) "
                      r"(?:trading|trades|rebalancing|rebalances|turnover)(?![\w-])")


def _few_trades_wished(r: Reader) -> None:
    if r.draft.when:
        r.take(_FEW_TRADES_WISHED)


def _band_said_again(r: Reader) -> None:
    """The band's size said again alone in a restatement ('again, so nobody misreads it: 65/35, 6 points, every trading
    day'): only the same number, in points, between commas."""
    if r.draft.when and "drift" in r.draft.when:
        r.take(_OUT_WHEN)
    band = re.match(r"drift > (\d+(?:\.\d+)?)pp\b", r.draft.when or "")
    if band:
        n = re.escape(band.group(1))
        r.take(rf"(?<=[,:;] ){n} ?(?:percentage points?|points?|pp|pts)(?= ?[,.;]| ?$)")
        # the band named by its size: 'please keep the 3% rule', 'stick with your 5-point threshold'
        r.take(rf"(?:please )?(?:keep|use|stick with|stay with|retain|leave) (?:the |my |your |our |that |this )?(?:same )?"
               rf"{n} ?(?:%|percent|pp|pts|points?|percentage points?)[- ](?:rule|band|threshold|trigger|tolerance)(?![\w-])")


def rbl_policy(r: Reader) -> str:
    """The trade policy read so far, as .rbl ('to band edge, trade breached assets')."""
    return ", ".join(p for p in (r.draft.to, r.draft.scope) if p)


# 'only rebalance the assets that | drift more than 5pp': the band read right after is what picks the ones traded
_ONLY_THE_ONES_BANDED = (r"(?:(?:we |i )?(?:only|just|solely) (?:trade|rebalance|touch|fix|move|adjust|reset)|(?:trade|rebalance|touch|"
                         r"fix|move|adjust|reset) only) (?:the )?(?:assets|ones|holdings|positions|funds|names|etfs|legs)"
                         rf"(?: that| which)?(?: are| is)?(?= ?{MASK})")


def _policy(r: Reader) -> None:
    if r.take_one("|".join(TO_BAND_EDGE.variants)):
        r.draft.to = "to band edge"
        # 'not all the way to 60/40': the target said as its split
        r.take(r",? (?:but )?(?:not|rather than|instead of) (?:all the way )?(?:back )?(?:to |at )?(?:(?:the |its |their )?(?:full )?targets?|"
               r"\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+(?![\d/]))"
               r"|,? (?:but )?not all the way(?: back)?")
    if scope := r.take_one("|".join(TRADE_BREACHED.variants)):
        r.draft.scope = "trade breached assets"
        if r.draft.to == "to band edge" and re.search(r"back to (?:its |the |their )?(?:own )?target", scope.group()):
            r.ask(f"The text says '{scope.group()}' (back to the target) and also to trade only to the band's edge; which "
                  "one is meant?", phrase=scope.group())
        r.take(OTHERS_LEFT_ALONE)           # 'fix only that one, leave the rest alone': said apart from the variant
    elif r.draft.when and "drift" in r.draft.when and (r.take_one(OTHERS_LEFT_ALONE) or r.take_one(_ONLY_THE_ONES_BANDED)):
        # the others left alone beside an asset's band ('5pp bands; leave the others alone'): the others are the ones
        # still inside it, so only the breached assets trade; so do the ones the band was said of ('only rebalance the
        # assets that drift more than 5pp')
        r.draft.scope = "trade breached assets"
    r.take(r",? ?(?:when|if|once|whenever) (?:(?:it'?s|it is|it gets|the band is|a band is|they are|one is|any(?: asset)? (?:is|gets)) )?"
           r"(?:breached|broken|hit|crossed|tripped)|,? ?(?:when|if|once|whenever) (?:it|any asset|1|a band) (?:trips|fires),?(?: i| we)?"
           r"|,? ?(?:and )?(?:when|if|once|whenever) (?:it|any asset|1) (?:breaks|breaches|crosses|leaves) (?:a|the|its) (?:band|tolerance),?"
           # the band said as 'it' once a band is read: 'when one breaks it', 'if any fund crosses it'
           + (r"|,? ?(?:and )?(?:when|if|once|whenever) (?:any asset|1|a fund|any fund|an asset) (?:breaks|breaches|crosses) it(?![\w'])"
              if r.draft.when and "drift" in r.draft.when else "") +
           # 'when it breaches we only trade ...': the breach said alone before what is done about it
           r"|,? ?(?:and )?(?:when|if|once|whenever) (?:it|any asset|1) (?:breaks|breaches)(?=[,.;]| ?\u00a6| (?:we|i|only|just|don'?t|do not)\b),?"
           # the breach said as the asset being out: 'when a leg is out, trade only that leg'
           r"|,? ?(?:and )?(?:when|if|once|whenever) (?:an? |any |1 )?(?:leg|asset|holding|fund|position|line|name) is out"
           r"(?: of (?:its|the) band)?,?(?= ?\u00a6| (?:we|i|only|just|trade|sell|buy|rebalance|don'?t|do not)\b)"
           r"|,? ?(?<![\w'])(?:on|upon|after|at) (?:a |any )?breach(?![\w-]),?"
           # 'when the band breaks, please only trade ...'
           r"|,? ?(?:when|if|once|whenever) (?:the|a|any) band (?:breaks|is broken|is breached|is hit|trips)(?=[,.;]| (?:please|we|i|only|just)\b),?")
    # an equal-weight target, its target said as 'equal': 'then everything back to equal'
    back_to_equal = (r"|(?:,? (?:and )?then )?(?:everything|every asset|all assets|all of it|the whole (?:lot|book|portfolio)) "
                     r"(?:goes |gets |is )?(?:(?:put|brought|taken|reset) back|back|rebalanced(?: back)?) to equal(?: weights?)?(?=[.;,!]|$)"
                     if re.search(r"\bequal[- ]weight", r.norm.text) else "")
    # 'rebalance all 3 back to target': every asset only when the text names that many (else it stays unread, asked)
    named = len(set(re.findall(r"@([A-Z][A-Z0-9_]*)", r.norm.text)))
    if r.take_one(rf"(?:trade )?(?:everything|every asset|all assets|all {named}(?: assets| funds| holdings| positions)?) "
                  r"back to (?:the |their )?targets?" + back_to_equal +
                  r"|full rebalance(?: (?:back )?to (?:the |its |their )?targets?)?(?: (?:on|at|after|upon) (?:a |any )?breach|"
                  r" (?:when|once|if) (?:breached|a band is breached|it breaches|one breaches))?(?:,? all (?:legs|assets|positions|holdings|funds))?"
                  # 'a breach of any threshold triggers a rebalance of all asset classes to target'
                  r"|(?:a |any )?breach(?: of (?:any|a|the) (?:threshold|band|tolerance))? triggers a (?:full )?rebalance of all "
                  r"(?:asset classes|assets|holdings|positions|funds)(?: (?:back )?to (?:the |their )?targets?)?"
                  # 'any breach means a full rebal to target', 'a breach of a band calls for a full rebalance'
                  r"|(?:a |any |one |1 )?breach(?: of (?:any|a|the|its|one|1) (?:threshold|band|tolerance|range))? (?:means|triggers|sets off|"
                  r"calls for|gets|brings|=) (?:a )?full rebalance(?: (?:back )?to (?:the |its |their )?targets?)?"
                  r"|(?:a |any |1 )?breach (?:rebalances|resets|trades) (?:all|everything|every asset)(?: (?:back )?to (?:the )?targets?)?"
                  # 'the whole lot goes back to target', 'everything gets brought back to its target'
                  r"|(?:the whole (?:lot|portfolio|book|thing)|the lot|everything|all of it|all (?:the )?(?:assets|funds|holdings|positions)) "
                  r"(?:goes|go|gets|get|is|are)(?: (?:put|brought|taken|reset|restored|rebalanced))? back to (?:the |its |their )?targets?"
                  r"(?: weights?)?"
                  # 'and then the whole depot back to the target weighting'
                  r"|(?:,? and )?then (?:the whole|the entire|all the) (?:depot|portfolio|book|account)(?: is| gets| goes)?(?: (?:brought|put|taken))? "
                  r"back to (?:the |its )?target(?: weighting| weights?)?"
                  # 'in that event the entire portfolio is returned to policy weights'
                  r"|(?:[;,] ?)?(?:in that (?:event|case),? )?the (?:entire|whole) (?:portfolio|fund|pool|book) (?:is|shall be|will be|gets) "
                  r"(?:returned|rebalanced|brought back|restored|reset) to (?:its |the )?(?:policy|target) weights"):
        if r.draft.to == "to band edge" or r.draft.scope == "trade breached assets":
            r.ask("The text asks for a full rebalance (every asset back to its target) and also for "
                  f"'{rbl_policy(r)}'; which one is meant?")
        r.draft.to = r.draft.to or "to target"
        r.draft.scope = r.draft.scope or "trade all assets"
        # what a full rebalance is not, said beside it: ', not only the one asset', 'not just the breached fund'
        r.take(r"(?<=\u00a6),? (?:and )?not (?:only|just) (?:the |that )?(?:1|one|breached|offending)(?: (?:asset|holding|fund|position|etf|"
               r"stock|coin|name|1))?(?![\w-])")
