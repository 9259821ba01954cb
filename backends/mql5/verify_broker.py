"""What `rbl verify` compares under a broker profile (docs/mql5.md, Broker profiles): the backtest on the
symbols' joint calendar with the broker's costs and volume steps, the EA with its cost inputs set to them."""

from __future__ import annotations

import numpy as np

from backends.mql5 import sim
from backends.mql5.profiles import BrokerProfile
from backends.mql5.writer import mql_double
from backends.numpy.panel import Panel
from dsl import ir
from dsl.ir.base import Unit
from dsl.ir.checked import CheckedStrategy


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


def broker_costs(costs: ir.Costs, profile: BrokerProfile) -> ir.Costs:
    """The declared costs with the broker's commission, spread and fee per order where it states them."""
    account, update = profile.account, {}
    if "commission_bps" in account:
        update["commission"] = _bps(account["commission_bps"])
    if "spread_bps" in profile.defaults:
        update["spread"] = _bps(profile.defaults["spread_bps"])
    if "fee_per_order" in account:
        fee = account["fee_per_order"]
        update["per_order"] = ir.Quantity(value=fee, unit=Unit.MONEY) if fee else None
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


def ea_cost_inputs(profile: BrokerProfile) -> dict[str, str]:
    """The EA's cost inputs set to the broker's terms, as a trader configures them for that broker."""
    account, out = profile.account, {}
    if "commission_bps" in account:
        out["InpCommissionBps"] = mql_double(account["commission_bps"])
    if "spread_bps" in profile.defaults:
        out["InpSpreadBps"] = mql_double(profile.defaults["spread_bps"])
    if "fee_per_order" in account:
        out["InpFeePerOrder"] = mql_double(account["fee_per_order"])
    return out


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


LATE_FILL_SLACK = 0.05


def fill_slack(account: sim.Account) -> float:
    """How far apart orders may be, as a share of a bar's orders, when the broker's faults can fill an
    order later than its decision (at other prices, so the NAVs part by the price move)."""
    late = account.requote_rate or account.partial_fill_rate or account.disconnect or account.autotrading_off
    return LATE_FILL_SLACK if late or account.cash_flows else 0.0


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
