"""`rbl explain`: a strategy in plain canonical English, a paragraph then one bullet per rule."""

from __future__ import annotations

import re

from rbl.dsl import ir
from rbl.dsl.english.bands_english import band_range, fixed_targets, unbanded, uses_own_band
from rbl.dsl.english.phrases import (
    EXECUTION_ENGLISH,
    MODE_ALERT,
    TO_BAND_EDGE,
    TRADE_BREACHED,
    english_quantity,
)
from rbl.dsl.english.speak import Speaker
from rbl.dsl.english.speak import calendar_english as _calendar_words
from rbl.dsl.ir.analysis import is_per_asset, lets_of
from rbl.dsl.ir.walk import walk


def calendar_english(rule: ir.CalendarRule) -> str:
    """A calendar rule in words; blocks of hours (intraday bars) are said here."""
    if rule.rule == "hours":
        block = "hour" if rule.n == 1 else f"block of {rule.n} hours from midnight"
        return f"on the first bar of each {block} (intraday bars)"
    return _calendar_words(rule)


_AGGREGATE_WORDS = {ir.AggregateOp.SUM: "the sum over {over} of {x}",
                    ir.AggregateOp.MEAN: "the mean over {over} of {x}",
                    ir.AggregateOp.MAX: "the largest over {over} of {x}",
                    ir.AggregateOp.MIN: "the smallest over {over} of {x}",
                    ir.AggregateOp.COUNT: "the number of {each} where {x}"}
# what an aggregate ranges over and `since rebalance` counts from, by the rule that reads it: a strategy
# without sleeves, a sleeve's own rule, the strategy's rule between sleeves (docs/semantics.md, *Sleeves*)
_RANGES = {None: ("the holdings", "holdings", "the last rebalance"),
           "sleeve": ("the sleeve's holdings", "the sleeve's holdings", "the sleeve's last rebalance"),
           "sleeves": ("the sleeves", "sleeves", "the last trade of any sleeve")}


_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


class _Speaker(Speaker):
    scope: str | None = None        # a key of _RANGES: the rule being said

    def _calendar(self, node: ir.CalendarRule) -> str:
        return calendar_english(node)

    def _aggregate(self, node: ir.Aggregate) -> str:
        operand = re.sub(r"\bits\b", "their", self._grouped(node.operand))   # said of every holding
        over, each, _ = _RANGES[self.scope]
        if node.assets:
            over = _join(list(node.assets))
            each = f"{'sleeves' if self.scope == 'sleeves' else 'holdings'} among {over}"
        return _AGGREGATE_WORDS[node.op].format(over=over, each=each, x=operand)

    def _since(self, node: ir.SinceRebalance) -> str:
        unit = "bars" if node.unit == "bars" else "calendar days"
        return f"the number of {unit} since {_RANGES[self.scope][2]}"

    def _grouped(self, node: ir.Expr) -> str:
        text = super()._grouped(node)
        return f"({text})" if isinstance(node, ir.Aggregate) else text


def explain(strategy: ir.Strategy) -> str:
    """The back-translation the English front end shows: a summary paragraph, then the rules."""
    words = _Explainer(strategy)
    bullets = "\n".join(f"- {b}" for b in words.bullets())
    return f"{words.paragraph()}\n\n{bullets}\n"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Explainer:
    """Builds the sentences of one strategy; one method per section of the IR."""

    def __init__(self, strategy: ir.Strategy) -> None:
        self.s = strategy
        self.speaker = _Speaker(strategy.currency)
        self.speaker.scope = "sleeves" if isinstance(strategy.target, ir.SleeveWeights) else None
        self.say = self.speaker.expr

    # ---- the paragraph ---------------------------------------------------------------------
    def paragraph(self) -> str:
        s = self.s
        holdings = _join([a.name for a in s.assets] + ([f"a cash sleeve {s.cash}"] if s.cash else []))
        sentences = [f'"{s.name}" holds {holdings}.', self.target_sentence(s.target),
                     *map(self._sleeve_sentence, self.sleeves), self.rebalance_sentence(s.rebalance)]
        if s.execution.mode is ir.Mode.ALERT:
            sentences.append(MODE_ALERT.english[0].upper() + MODE_ALERT.english[1:] + ".")
        return " ".join(sentences)

    def target_sentence(self, weights: ir.Weights) -> str:
        return getattr(self, f"_target_{weights.kind}")(weights)

    def _target_fixed(self, w: ir.FixedWeights) -> str:
        parts = [f"{e.asset} {self.say(e.weight)}" + self._hold(e.hold, ", ") for e in w.entries]
        return f"Its target weights are {_join(parts)}."

    def _target_equal(self, w: ir.EqualWeights) -> str:
        return f"It weights {_join(list(w.assets))} equally, 1/{len(w.assets)} each.{self._hold(w.hold)}"

    def _target_inverse_vol(self, w: ir.InverseVolWeights) -> str:
        window = english_quantity(w.lookback.value, w.lookback.unit, adjective=True) \
            if isinstance(w.lookback, ir.Quantity) else self.say(w.lookback)
        return (f"It weights {_join(list(w.assets))} in inverse proportion to their {window} "
                f"volatility.{self._hold(w.hold)}")

    def _target_risk_parity(self, w: ir.RiskParityWeights) -> str:
        shrunk = (", its correlations shrunk toward zero (Ledoit-Wolf) so that the answer exists even "
                  "with more assets than days") if w.shrunk else ""
        return (f"It weights {_join(list(w.assets))} so that each contributes the same risk, "
                f"from the covariance of the last {self.say(w.lookback)} of returns{shrunk}."
                f"{self._hold(w.hold)}")

    def _target_select(self, w: ir.SelectWeights) -> str:
        side = "highest" if w.side is ir.RankSide.TOP else "lowest"
        count = "the one" if w.n == 1 else f"the {w.n}"
        split = "" if w.n == 1 else ", equally weighted"
        return (f"It holds {count} of {_join(list(w.assets))} with the {side} {self._ranking(w.by)}"
                f"{split} (ties go to the asset declared first).{self._hold(w.hold)}")

    def _ranking(self, by: ir.Expr) -> str:
        text = self.say(by)
        return text[4:] if text.startswith("the ") else text

    def _target_sleeves(self, w: ir.SleeveWeights) -> str:
        shares = _join([f"{x.name} with {self.say(x.weight)}" for x in w.sleeves])
        return (f"It splits the portfolio into {len(w.sleeves)} sleeves, {shares}; each sleeve keeps its "
                "own targets (shares of the sleeve) and its own schedule.")

    def _sleeve_sentence(self, sleeve: ir.Sleeve) -> str:
        target = self.target_sentence(sleeve.target)
        n = sleeve.rebalance.tranches
        over = (f" in {n} equal slices, on the decision bar and the {n - 1} bar{'s' if n > 2 else ''} after it (a "
                "new decision of the sleeve replaces the slices left; its first purchase and the moves between "
                "sleeves trade at once)") if n > 1 else ""
        self.speaker.scope = "sleeve"
        try:
            rule = self.rebalance_sentence(sleeve.rebalance, "holding of the sleeve",
                                           self._sleeve_trading(sleeve.rebalance) + over)
        finally:
            self.speaker.scope = "sleeves"
        return f"Sleeve {sleeve.name}: {target[0].lower()}{target[1:-1]}; {rule[0].lower()}{rule[1:]}"

    def _target_branch(self, w: ir.BranchWeights) -> str:
        then = self.target_sentence(w.then).rstrip(".")
        otherwise = self.target_sentence(w.otherwise).rstrip(".")
        return f"When {self.say(w.cond)}: {then[0].lower()}{then[1:]}; otherwise {otherwise[0].lower()}{otherwise[1:]}."

    def _hold(self, hold: ir.HoldFilter | None, lead: str = " ") -> str:
        if hold is None:
            return ""
        fallback = hold.fallback or "cash"
        each = "Each" if lead == " " else "each"
        return (f"{lead}{each} asset keeps its weight only while {self.say(hold.cond)}; "
                f"otherwise its weight goes to {fallback}" + ("." if lead == " " else ""))

    @property
    def sleeves(self) -> tuple[ir.Sleeve, ...]:
        return self.s.target.sleeves if isinstance(self.s.target, ir.SleeveWeights) else ()

    def rebalance_sentence(self, r: ir.Rebalance, unit: str = "", trading: str = "") -> str:
        unit = unit or ("sleeve" if self.sleeves else "holding")
        trading = trading or ("every sleeve back to its share" if self.sleeves else self.policy())
        if isinstance(r.when, ir.CalendarRule):
            return f"It rebalances {calendar_english(r.when)}, trading {trading}."
        check = f"It checks {self.say(r.check)}"
        if isinstance(r.when, ir.BoolLit) and r.when.value:
            return f"{check} and rebalances on every check, trading {trading}."
        if self.sleeves and r.when == ir.BoolLit(value=False) and unit == "sleeve":
            return "It never moves money between the sleeves: each trades by its own rule only."
        scope = f", for any {unit}," if self._for_any(r.when) else ""
        return (f"{check} and rebalances when{scope} {self.say(r.when)}{self._own_bands(r.when)}, "
                f"trading {trading}.")

    def _for_any(self, when: ir.Expr) -> bool:
        """'for any holding' is said of a per-asset rule; a rule over the whole portfolio (an aggregate,
        the bars since the last rebalance) is said without it (older rules keep their wording)."""
        whole = any(isinstance(n, (ir.Aggregate, ir.SinceRebalance)) for n in walk(when))
        return is_per_asset(when, lets_of(self.s)) or not whole

    def _own_bands(self, when: ir.Expr) -> str:
        """' (5 percentage points for SPY, ...; TLT has none)' when the rule reads each asset's own band."""
        if not self.s.bands or not uses_own_band(when):
            return ""
        rows = _join([f"{self.say(b.band)} for {b.asset}" for b in self.s.bands])
        none = unbanded(self.s)
        return f" ({rows}" + (f"; {_join(none)} {'has' if len(none) == 1 else 'have'} none" if none else "") + ")"

    def policy(self) -> str:
        r = self.s.rebalance
        n = r.tranches
        over = (f" in {n} equal slices, on the decision bar and the {n - 1} bar{'s' if n > 2 else ''} after it "
                "(a new decision replaces the slices left)") if n > 1 else ""
        return self._policy(r) + over

    def _sleeve_trading(self, r: ir.Rebalance) -> str:
        """What a sleeve firing on its own trades: all of it back to its targets, or its own policy."""
        if r.scope is ir.TradeScope.ALL and r.to is ir.RebalanceTo.TARGET:
            return "the sleeve back to its targets"
        return f"within the sleeve {self._policy(r)}"

    def _policy(self, r: ir.Rebalance) -> str:
        scope = TRADE_BREACHED.english if r.scope is ir.TradeScope.BREACHED else "all assets"
        to = TO_BAND_EDGE.english if r.to is ir.RebalanceTo.BAND_EDGE else "back to target"
        if r.scope is ir.TradeScope.BREACHED and r.to is ir.RebalanceTo.BAND_EDGE:
            return f"{scope}, each {to}"
        return f"{scope} {to}"

    # ---- the bullets -----------------------------------------------------------------------
    def bullets(self) -> list[str]:
        s = self.s
        out = [f"Asset {a.name}: data column {a.column}, MetaTrader 5 symbol {a.symbol}"
               + (f", traded in steps of {english_quantity(a.lot, ir.Unit.NONE)}" if a.lot else "")
               for a in s.assets]
        out += [self._signal(x) for x in s.signals]
        if s.cash:
            out.append(f"Cash sleeve {s.cash}: earns nothing")
        out += [self._param(p) for p in s.params]
        out += [self._regime(r) for r in s.regimes]
        out += [f"{let.name} means {self.say(let.value)}" for let in s.lets]
        out += [self._state(state) for state in s.states]
        target = self.target_sentence(s.target).rstrip(".")
        out.append(f"Target: {target[0].lower()}{target[1:]}")
        out += [self._sleeve_sentence(sleeve).rstrip(".") for sleeve in self.sleeves]
        if s.exposure is not None:
            out.append(f"Exposure: the risky weights are scaled by {self.say(s.exposure)}; "
                       "the rest is cash")
        out += self._band_bullets()
        out += self._rebalance_bullets() + self._cost_bullets() + self._constraint_bullets()
        return out + self._setting_bullets()

    def _signal(self, x: ir.Signal) -> str:
        gap = (f"a missing value is carried over at most {x.stale_bars} bar{'s' if x.stale_bars != 1 else ''}"
               if x.stale_bars else "every bar needs a value")
        return (f"Signal {x.name}: data column {x.column}, read but never traded; {gap}, else the decision "
                "waits; the Expert Advisor reads it from a file another program keeps current")

    def _regime(self, r: ir.Regime) -> str:
        """'market is a three-state hidden Markov model of ..., refitted every year on all data so far'."""
        states = _COUNT_WORDS.get(r.states.value, f"{r.states.value:g}") + "-state" \
            if isinstance(r.states, ir.Quantity) else f"{r.states.name}-state"
        window = self._amount(r.window)
        data = f"all data so far (first fitted once {window} are known)" if r.fit == "expanding" \
            else f"the last {window}"
        every = self._amount(r.refit)
        every = every[2:] if every.startswith("1 ") else every
        names = ", ".join(ir.regime_state_names(int(r.states.value))) if isinstance(r.states, ir.Quantity) \
            else "calm, ..., turbulent"
        model = "hidden Markov model (full covariance)" if r.full else "hidden Markov model"
        return (f"{r.name} is a {states} {model} of {_join([self.say(x) for x in r.observations])}, "
                f"refitted every {every} on {data} and read on each bar from data up to that bar; its states, "
                f"by their mean of {self.say(r.observations[0])}, lowest first: {names}")

    def _amount(self, amount: ir.Quantity | ir.Ref) -> str:
        return self.say(amount) if isinstance(amount, ir.Quantity) else f"{amount.name} (a parameter)"

    def _band_bullets(self) -> list[str]:
        targets = fixed_targets(self.s)
        out = [f"Band of {b.asset}: {self.say(b.band)}{band_range(b.band, targets.get(b.asset))}"
               for b in self.s.bands]
        return out + [f"No band for {name}: its drift alone never triggers a rebalance" for name in unbanded(self.s)]

    def _param(self, p: ir.Param) -> str:
        q = lambda x: self.say(x)  # noqa: E731 - a short alias keeps the sentence readable
        return (f"Parameter {p.name}: {q(p.default)} by default, swept from {q(p.lo)} to {q(p.hi)} "
                f"in steps of {q(p.step)}")

    def _state(self, state: ir.State) -> str:
        rules = "; ".join(f"it becomes {str(r.becomes).lower()} when {self.say(r.when)}" for r in state.rules)
        return f"State {state.name} starts {str(state.initial).lower()} and persists across days: {rules}"

    def _rebalance_bullets(self) -> list[str]:
        r = self.s.rebalance
        out = [f"Check: {self.say(r.check)}"]
        if isinstance(r.when, ir.CalendarRule):
            out.append(f"Rebalance: {calendar_english(r.when)}")
        elif self.sleeves and r.when == ir.BoolLit(value=False):
            return ["Between the sleeves: never (each sleeve trades by its own rule only)"]
        elif isinstance(r.when, ir.BoolLit) and r.when.value:
            out.append("Rebalance: on every check")
        else:
            scope = f", for any {'sleeve' if self.sleeves else 'holding'}," if self._for_any(r.when) else ""
            out.append(f"Rebalance when{scope} {self.say(r.when)}")
        out.append(f"Trade: {'every sleeve back to its share' if self.sleeves else self.policy()}")
        return out

    def _cost_bullets(self) -> list[str]:
        c, say = self.s.costs, self.say
        items = [(c.commission, "Commission: {} of traded notional"), (c.per_order, "Fee: {} per order"),
                 (c.spread, "Spread: {} of traded notional (half paid on each trade)"),
                 (c.slippage, "Slippage: {} of traded notional"),
                 (c.min_trade, "Minimum trade: orders under {} are skipped")]
        return [text.format(say(q)) for q, text in items if q is not None]

    def _constraint_bullets(self) -> list[str]:
        c, say = self.s.constraints, self.say
        out = ["Long only: negative weights become 0"] if c.long_only else ["Short positions allowed"]
        spread = c.excess is ir.CapExcess.OTHERS
        excess = ("the excess is spread over the other assets in proportion to their weights, until none "
                  "is above its cap") if spread else "the excess goes to cash"
        out += [f"Maximum weight of {cap.asset}: {say(cap.weight)}" + ("" if c.max_weight else f"; {excess}")
                for cap in c.asset_caps]
        items = [(c.max_weight, "Maximum weight per asset: {}; " + excess),
                 (c.cash_buffer, "Cash buffer: at least {} stays in cash"),
                 (c.max_leverage, "Maximum leverage: {}"),
                 (c.max_drawdown, "Kill switch: close everything and stop once the drawdown reaches {}")]
        return out + [text.format(say(q)) for q, text in items if q is not None]

    def _setting_bullets(self) -> list[str]:
        s = self.s
        timing = EXECUTION_ENGLISH.get((s.execution.decide_at.value, s.execution.trade_at.value),
                                       f"decides at the {s.execution.decide_at.value} and trades at "
                                       f"the {s.execution.trade_at.value.replace('_', ' ')}")
        out = [f"Execution: {timing}"]
        if s.execution.mode is ir.Mode.ALERT:
            out.append(f"Mode: {MODE_ALERT.english}")
        out.append(f"Capital: {english_quantity(s.capital.value, ir.Unit.MONEY, s.currency)}")
        if s.annualize_days:
            out.append(f"Volatility is annualised over {s.annualize_days} days a year")
        if s.benchmark.asset:
            out.append(f"Benchmark: {s.benchmark.asset}")
        return out


def explain_parts(strategy: ir.Strategy) -> dict[str, list[str]]:
    """The bullets of `rbl explain` under the part of the source each explains, for an editor's hover:
    'param NAME', 'let NAME', 'state NAME', 'sleeve NAME', 'cash', 'target', 'exposure', 'bands',
    'check', 'when', 'trade', 'costs', 'constraints' and 'settings'."""
    words, s = _Explainer(strategy), strategy
    target = words.target_sentence(s.target).rstrip(".")
    check, when, trade = words._rebalance_bullets()
    parts = {f"param {p.name}": [words._param(p)] for p in s.params}
    parts |= {f"regime {x.name}": [words._regime(x)] for x in s.regimes}
    parts |= {f"let {x.name}": [f"{x.name} means {words.say(x.value)}"] for x in s.lets}
    parts |= {f"state {x.name}": [words._state(x)] for x in s.states}
    parts |= {f"sleeve {x.name}": [words._sleeve_sentence(x).rstrip(".")] for x in words.sleeves}
    parts |= {"cash": [f"Cash sleeve {s.cash}: earns nothing"] if s.cash else [],
              "target": [f"Target: {target[0].lower()}{target[1:]}"],
              "exposure": [f"Exposure: the risky weights are scaled by {words.say(s.exposure)}; the rest is cash"]
              if s.exposure is not None else [],
              "bands": words._band_bullets(), "check": [check], "when": [when], "trade": [trade],
              "costs": words._cost_bullets(), "constraints": words._constraint_bullets(),
              "settings": words._setting_bullets()}
    return parts
