"""What `rbl verify` compares under a broker profile (docs/mql5.md, Broker profiles): the backtest on the
symbols' joint calendar with the broker's costs and volume steps, the EA with its cost inputs set to them."""

from __future__ import annotations

import re

import numpy as np

from rbl.backends.mql5 import sim
from rbl.backends.mql5.profiles import BrokerProfile
from rbl.backends.mql5.writer import mql_double
from rbl.backends.numpy.panel import Panel
from rbl.dsl import ir
from rbl.dsl.ir.base import Unit
from rbl.dsl.ir.checked import CheckedStrategy


def joint_rows(specs: list[sim.SymbolSpec], bars: int) -> np.ndarray:
    """The data rows where every symbol has a bar, from the latest start of a symbol's history on."""
    keep = np.zeros(bars, dtype=bool)
    keep[max((s.first_bar for s in specs), default=0):] = True
    for spec in specs:
        keep[list(spec.missing)] = False
    return keep


def joint_panel(panel: Panel, specs: list[sim.SymbolSpec]) -> Panel:
    """The backtest's prices: the rows of the joint calendar (the panel itself when that is every row)."""
    keep = joint_rows(specs, len(panel.dates))
    if keep.all():
        return panel
    return Panel(panel.dates[keep], panel.close[keep], panel.columns, panel.sources)


def step_units(spec: sim.SymbolSpec) -> float:
    """One volume step in data units, at the symbol's own tick value."""
    return float(f"{spec.vstep * spec.tick_value / spec.tick_size:.12g}")


def _bps(value: float | None) -> ir.Quantity | None:
    return ir.Quantity(value=value / 1e4, unit=Unit.BPS) if value else None


def broker_terms(profile: BrokerProfile) -> dict[str, float]:
    """What the broker charges where the profile states it: commission and spread in bps, fee per order."""
    stated = {"commission": profile.account.get("commission_bps"), "spread": profile.defaults.get("spread_bps"),
              "per_order": profile.account.get("fee_per_order")}
    return {name: value for name, value in stated.items() if value is not None}


def broker_costs(costs: ir.Costs, profile: BrokerProfile) -> ir.Costs:
    """The declared costs with the broker's commission, spread and fee per order where it states them."""
    money = lambda v: ir.Quantity(value=v, unit=Unit.MONEY) if v else None  # noqa: E731
    update = {name: money(v) if name == "per_order" else _bps(v) for name, v in broker_terms(profile).items()}
    return costs.model_copy(update=update)


def _lot(asset: ir.Asset, spec: sim.SymbolSpec, profile: BrokerProfile) -> ir.Asset:
    """The asset's lot, or the symbol's volume step in data units when that is coarser (constant tick
    values only: a step that follows an exchange rate has no one size in data units)."""
    if "volume_step" not in profile.terms(spec.name) or spec.tick_value_symbol:
        return asset
    step = step_units(spec)
    return asset.model_copy(update={"lot": step}) if step > (asset.lot or 0.0) else asset


def broker_strategy(checked: CheckedStrategy, profile: BrokerProfile,
                    specs: list[sim.SymbolSpec]) -> CheckedStrategy:
    """The strategy as the backtest runs it under the broker's terms (the checked strategy itself when
    the profile changes none)."""
    s = checked.strategy
    update = {"costs": broker_costs(s.costs, profile),
              "assets": tuple(_lot(a, spec, profile) for a, spec in zip(s.assets, specs))}
    if "deposit" in profile.account:
        update["capital"] = ir.Quantity(value=profile.account["deposit"], unit=Unit.MONEY)
    strategy = s.model_copy(update=update)
    return checked if strategy == s else checked.model_copy(update={"strategy": strategy})


EA_COST_INPUTS = {"commission": "InpCommissionBps", "spread": "InpSpreadBps", "per_order": "InpFeePerOrder"}


def ea_cost_inputs(profile: BrokerProfile) -> dict[str, str]:
    """The EA's cost inputs set to the broker's terms, as a trader configures them for that broker."""
    return {EA_COST_INPUTS[name]: mql_double(value) for name, value in broker_terms(profile).items()}


def order_steps(strategy: ir.Strategy, specs: list[sim.SymbolSpec], close: np.ndarray,
                profile: BrokerProfile) -> dict[str, float]:
    """Asset -> how far apart the two traces' orders may be: one lot (the backtest's, after the broker's
    steps), or for a tick value that follows a rate, one step at the rate of the data least favourable."""
    steps = {a.name: a.lot for a in strategy.assets if a.lot}
    symbols = [spec.name for spec in specs]
    for asset, spec in zip(strategy.assets, specs):
        if spec.tick_value_symbol and "volume_step" in profile.terms(spec.name):
            rate = close[:, symbols.index(spec.tick_value_symbol)]
            factor = 1 / rate.min() if spec.tick_value_inverse else rate.max()
            steps[asset.name] = max(steps.get(asset.name, 0.0), step_units(spec) * factor)
    return steps


LATE = re.compile(r"orders of an earlier decision are still pending at the decision of (\d{4}-\d{2}-\d{2})")
MARGIN = "not enough free margin"


def first_departure(journal: str) -> tuple[str, str] | None:
    """(date, why) of the first decision after which the EA's NAV must part from the backtest's: it
    found orders of an earlier decision still unfilled (a disconnect, a closed market: they fill at a
    later price), or the broker's margin refused part of its orders (the backtest buys on credit).
    That decision itself still agrees (docs/semantics.md, *Parity on a real broker*)."""
    decided = None
    for line in journal.splitlines():
        if line.startswith("RBL "):
            decided = line.split()[1]
        elif (late := LATE.search(line)) is not None:
            return late.group(1), "orders of an earlier decision were still unfilled"
        elif MARGIN in line and decided:
            return decided, "the broker's margin refused part of the orders (the backtest buys on credit)"
    return None


def margin_notes(journal: str) -> list[str]:
    """A note when the EA had to resize orders for free margin (the backtest has no margin)."""
    count = journal.count(MARGIN)
    if not count:
        return []
    return [f"{count:,} orders were resized or not sent for lack of free margin: margin is priced at the ask "
            f"and equity at the bid, so on an account with 100% margin a fully invested strategy cannot hold "
            f"its targets; declare a cash buffer (constraints: cash buffer 1%)"]


def nothing_traded(strategy: ir.Strategy, specs: list[sim.SymbolSpec], profile: BrokerProfile,
                   expected: list, dates: np.ndarray, close: np.ndarray) -> list[str]:
    """Why a run with no deal traded nothing, in the trader's words: the assets whose smallest order is
    worth more than their target at the first decision (a profile written for other symbols, or lots
    too coarse for the capital); both traces agree on such a run, so agreement alone would read as ok."""
    first = next((r for r in expected if r.event == "INITIAL"), None)
    if first is None:
        return ["nothing traded: no decision bar decided (every one waited)"]
    t = min(int(np.searchsorted(dates, np.datetime64(first.date.replace(" ", "T")))), len(dates) - 1)
    currency = profile.account.get("currency") or sim.Account(0.0).currency
    reasons = [_too_small(spec, profile, close[t, i], first.targets.get(a.name, 0.0) * strategy.capital.value,
                          first.date, currency) for i, (a, spec) in enumerate(zip(strategy.assets, specs))]
    found = [r for r in reasons if r]
    return [f"nothing traded: {'; '.join(found) if found else 'the EA sent no order, nor did the backtest'}"]


def _too_small(spec: sim.SymbolSpec, profile: BrokerProfile, price: float, target: float, date: str,
               currency: str) -> str:
    units = spec.tick_value / spec.tick_size
    smallest = spec.vmin * units * price
    if not 0 < target < smallest or spec.tick_value_symbol:
        return ""
    where = (f'from [symbols."{spec.name}"]' if spec.name in profile.symbols else
             f'from [defaults]: the profile has no [symbols."{spec.name}"]')
    return (f"{spec.name}'s smallest order ({spec.vmin:g} lot of {units:,.0f} units, {where}) is "
            f"{smallest:,.0f} {currency} on {date}, more than its target of {target:,.0f} {currency}")


def broker_counts(journal: str) -> tuple[int, dict[str, int]]:
    """The simulated broker's deals, and its rejects per retcode (`SIM reject 10004 SYMBOL ...`)."""
    deals, rejects = 0, {}
    for line in journal.splitlines():
        if line.startswith("SIM deal "):
            deals += 1
        elif line.startswith("SIM reject "):
            code = line.split()[2]
            rejects[code] = rejects.get(code, 0) + 1
    return deals, dict(sorted(rejects.items()))
