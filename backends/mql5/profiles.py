"""Broker profiles (docs/mql5.md, Broker profiles): bundled or read from a file, mapped to the simulated
broker's symbols and account for one strategy and its data."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import NamedTuple

import numpy as np

from rbl.backends.mql5 import sim
from rbl.backends.mql5.profile_schema import ProfileError, line_of, parse_sections
from rbl.dsl import ir
from rbl.dsl.ir.analysis import costs_at_defaults
from rbl.dsl.ir.checked import CheckedStrategy

PROFILE_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "ideal"

# profile key -> SymbolSpec field, for the keys that map one to one
SPEC_FIELDS = {"volume_min": "vmin", "volume_step": "vstep", "volume_max": "vmax", "volume_limit": "volume_limit",
               "spread_bps": "spread_bps", "execution": "exemode", "margin_rate": "margin_rate",
               "contract": "contract", "tick_size": "tick_size", "tick_value": "tick_value",
               "trade_mode": "trade_mode", "weekend_closed": "weekend_closed",
               "tick_value_symbol": "tick_value_symbol", "tick_value_inverse": "tick_value_inverse"}
ACCOUNT_FIELDS = {"currency": "currency", "deposit": "deposit", "margin_mode": "margin_mode",
                  "leverage": "leverage", "login": "login", "server": "server", "fee_per_order": "fee",
                  "timer_calls_per_bar": "calls_per_bar"}
FAULT_FIELDS = {"requote_rate": "requote_rate", "partial_fill_rate": "partial_fill_rate", "seed": "seed"}


class UnknownProfile(ProfileError):
    """A name that is no bundled profile, or a path to no file: a usage error."""


class BrokerSetup(NamedTuple):
    """What the simulated broker runs with for one strategy, and what of the profile it did not use."""

    specs: list[sim.SymbolSpec]
    account: sim.Account
    notes: tuple[str, ...]


@dataclass(frozen=True)
class BrokerProfile:
    """A broker's terms as a profile states them; a key left out keeps the ideal broker's value."""

    name: str
    path: str = ""
    bundled: bool = False
    account: dict = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    symbols: dict = field(default_factory=dict)
    faults: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)      # EA input -> MQL5 literal, as a trader sets them here
    text: str = field(default="", repr=False, compare=False)

    def terms(self, symbol: str) -> dict:
        """The defaults with the symbol's own table over them."""
        return {**self.defaults, **self.symbols.get(symbol, {})}

    def for_strategy(self, checked: CheckedStrategy, dates: np.ndarray) -> BrokerSetup:
        """The simulated broker's symbols (the strategy's, in declaration order) and account."""
        calendar = Calendar(self, np.asarray(dates).astype("datetime64[D]"))
        specs = [self._spec(i, base, checked, calendar)
                 for i, base in enumerate(sim.default_specs(checked.strategy))]
        account = self._account(checked.strategy, calendar)
        return BrokerSetup(specs, account, tuple(calendar.notes + self._unused(checked.strategy)))

    def error(self, message: str, help: str | None = None) -> ProfileError:
        return ProfileError(message, self.path, line_of(self.text, message), help)

    def _spec(self, i: int, base: sim.SymbolSpec, checked: CheckedStrategy, calendar: "Calendar") -> sim.SymbolSpec:
        terms = self.terms(base.name)
        changes = {SPEC_FIELDS[k]: v for k, v in terms.items() if k in SPEC_FIELDS}
        if "filling" in terms:
            changes["filling"] = reduce(lambda a, b: a | b, terms["filling"], 0)
        spec = sim.replace(base, **changes)
        spec = sim.replace(spec, **self._volumes_in_lots(base, spec, terms))
        spec = sim.replace(spec, **self._rate(spec, terms, checked.strategy))
        return sim.replace(spec, **self._calendar(spec.name, terms, checked.warmup_bars, calendar),
                           **self._foreign(i, spec.name))

    @staticmethod
    def _volumes_in_lots(base: sim.SymbolSpec, spec: sim.SymbolSpec, terms: dict) -> dict:
        """The ideal volume step is the asset's lot in data units; a profile that changes the units per
        lot without stating the volumes keeps that step in data units."""
        units = spec.tick_value / spec.tick_size
        if units == base.tick_value / base.tick_size:
            return {}
        return {name: getattr(base, name) / units for name, key in (("vmin", "volume_min"), ("vstep", "volume_step"))
                if key not in terms}

    def _rate(self, spec: sim.SymbolSpec, terms: dict, strategy: ir.Strategy) -> dict:
        """The symbol whose price converts the tick value from the profit currency, and which way."""
        traded = [a.symbol for a in strategy.assets]
        if terms.get("tick_value_symbol", spec.name) not in traded:
            raise self.error(f'[symbols."{spec.name}"].tick_value_symbol: {terms["tick_value_symbol"]} is not a '
                             f"traded symbol", help=f"the simulated broker has prices for {', '.join(traded)}")
        profit = terms.get("profit_currency")
        if "tick_value_symbol" in terms or profit is None:
            return {}
        account = self.account.get("currency") or sim.Account(0.0).currency
        if profit == account:
            return {}
        for other in traded:
            pair = "".join(c for c in other.upper() if c.isalpha())[:6]
            if pair in (account + profit, profit + account):
                return {"tick_value_symbol": other, "tick_value_inverse": pair == account + profit}
        raise self.error(f'[symbols."{spec.name}"].profit_currency: no traded symbol quotes {profit} against '
                         f"{account}", help="name the rate's symbol with tick_value_symbol and tick_value_inverse")

    def _calendar(self, symbol: str, terms: dict, warmup: int, calendar: "Calendar") -> dict:
        where = f'[symbols."{symbol}"]'
        out = {}
        if "history_bars" in terms:
            out["first_bar"] = max(0, warmup - terms["history_bars"])
        if "missing_dates" in terms:
            found = (calendar.exact(d, f"{where}.missing_dates") for d in terms["missing_dates"])
            out["missing"] = tuple(sorted({i for i in found if i is not None}))
        return out

    def _foreign(self, i: int, symbol: str) -> dict:
        first = self.account.get("foreign_on_first_symbol", 0.0) if i == 0 else 0.0
        lots = self.account.get("foreign_positions", {}).get(symbol, first)
        return {"foreign_lots": lots} if lots else {}

    def _account(self, strategy: ir.Strategy, calendar: "Calendar") -> sim.Account:
        base = sim.default_account(strategy)
        changes = {ACCOUNT_FIELDS[k]: v for k, v in self.account.items() if k in ACCOUNT_FIELDS}
        changes |= {FAULT_FIELDS[k]: v for k, v in self.faults.items() if k in FAULT_FIELDS}
        if "account_switch_at_bar" in self.faults:
            switch = calendar.bar(self.faults["account_switch_at_bar"], "[faults].account_switch_at_bar")
            changes["account_switch_at"] = -1 if switch is None else switch
        changes |= self._costs(strategy) | self._events(calendar)
        return sim.replace(base, **changes)

    def _costs(self, strategy: ir.Strategy) -> dict:
        """The sim charges commission per unit of notional: the broker's commission where the profile
        states one, and the declared costs the broker does not take over (slippage always: the sim has
        no slippage model; the declared spread unless the broker quotes bid/ask with its own)."""
        if "commission_bps" not in self.account and "spread_bps" not in self.defaults:
            return {}
        c = costs_at_defaults(strategy)
        declared = lambda q: q.value if q else 0.0  # noqa: E731
        broker = self.account.get("commission_bps")
        commission = broker / 1e4 if broker is not None else declared(c.commission)
        spread = 0.0 if "spread_bps" in self.defaults else declared(c.spread) / 2
        return {"cost_rate": commission + spread + declared(c.slippage)}

    def _events(self, calendar: "Calendar") -> dict:
        out = {}
        flows = [(calendar.flow_bar(f, f"[account].cash_flows[{i}]"), f["amount"])
                 for i, f in enumerate(self.account.get("cash_flows", ()))]
        if flows:
            out["cash_flows"] = tuple((bar, amount) for bar, amount in flows if bar is not None)
        for key in ("disconnect", "autotrading_off"):
            if key in self.faults:
                spans = (calendar.span(s, f"[faults].{key}[{i}]") for i, s in enumerate(self.faults[key]))
                out[key] = tuple(s for s in spans if s is not None)
        if "restart_at_bars" in self.faults:
            bars = (calendar.bar(b, f"[faults].restart_at_bars[{i}]")
                    for i, b in enumerate(self.faults["restart_at_bars"]))
            out["restarts"] = tuple(b for b in bars if b is not None)
        return out

    def _unused(self, strategy: ir.Strategy) -> list[str]:
        traded = [a.symbol for a in strategy.assets]
        named = [(f'[symbols."{s}"]', s) for s in self.symbols]
        named += [(f'[account].foreign_positions."{s}"', s) for s in self.account.get("foreign_positions", {})]
        return [f"{where} is not used: the strategy trades no symbol {symbol}" + _guess(symbol, traded)
                for where, symbol in named if symbol not in traded]


def _guess(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else f" (it trades {', '.join(names)})"


class Calendar:
    """Profile dates and bars as data indices. A date or bar the data does not have is an error in a
    profile file; in a bundled profile, written for no particular data, it is skipped with a note."""

    def __init__(self, profile: BrokerProfile, dates: np.ndarray):
        self.profile, self.dates, self.notes = profile, dates, []

    def _outside(self, where: str, what: str) -> None:
        if not self.profile.bundled:
            first, last = self.dates[0], self.dates[-1]
            raise self.profile.error(f"{where}: {what}", help=f"the data runs {first} .. {last}")
        self.notes.append(f"{where}: {what}; skipped")

    def exact(self, day: str, where: str) -> int | None:
        i = int(np.searchsorted(self.dates, np.datetime64(day, "D")))
        if i < len(self.dates) and self.dates[i] == np.datetime64(day, "D"):
            return i
        return self._outside(where, f"{day} is not a date of the data")

    def span(self, span: dict, where: str) -> tuple[int, int] | None:
        lo = int(np.searchsorted(self.dates, np.datetime64(span["from"], "D")))
        hi = int(np.searchsorted(self.dates, np.datetime64(span["to"], "D"), side="right")) - 1
        if lo > hi:
            return self._outside(where, f"no bar of the data from {span['from']} to {span['to']}")
        return lo, hi

    def bar(self, bar: int, where: str) -> int | None:
        if bar < len(self.dates):
            return bar
        return self._outside(where, f"bar {bar} is past the data's last bar ({len(self.dates) - 1})")

    def flow_bar(self, flow: dict, where: str) -> int | None:
        """A cash flow's bar: as given, or the first bar on or after its date."""
        if "bar" in flow:
            return self.bar(flow["bar"], f"{where}.bar")
        i = int(np.searchsorted(self.dates, np.datetime64(flow["date"], "D")))
        return i if i < len(self.dates) else self._outside(f"{where}.date", f"{flow['date']} is after the data")


def bundled_names() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def is_path(spec: str) -> bool:
    """`--broker` takes a path when the text has a `/` or ends in `.toml`, else a bundled name."""
    return "/" in spec or "\\" in spec or spec.endswith(".toml")


def load_profile(spec: str | Path = DEFAULT_PROFILE) -> BrokerProfile:
    """A bundled profile by name, or a profile file by path."""
    text_spec = str(spec)
    bundled = not is_path(text_spec)
    path = PROFILE_DIR / f"{text_spec}.toml" if bundled else Path(text_spec)
    if bundled and not path.is_file():
        raise UnknownProfile(f"unknown broker profile {text_spec}", help=_bundled_help(text_spec))
    if not path.is_file():
        raise UnknownProfile(f"--broker {text_spec}: no such file")
    text = path.read_text(encoding="utf-8")
    label = path.name if bundled else text_spec
    return BrokerProfile(name=text_spec, path=label, bundled=bundled, text=text, **parse_sections(text, label))


def _bundled_help(name: str) -> str:
    names = bundled_names()
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    guess = f"did you mean {close[0]}? " if close else ""
    return f"{guess}the bundled profiles are {', '.join(names)}; or give a path to a .toml file"


__all__ = ["BrokerProfile", "BrokerSetup", "ProfileError", "UnknownProfile", "load_profile", "bundled_names",
           "DEFAULT_PROFILE", "PROFILE_DIR", "is_path"]
