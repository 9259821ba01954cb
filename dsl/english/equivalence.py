"""When two strategies mean the same: IR equality (mappings aside) and identical backtests."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from rbl.dsl import ir

# What English does not state: the strategy's title, its sleeves' and states' names (labels: a state is compared by its
# rules and where it is used) and where each asset's data and orders go.
IGNORED_ASSET_FIELDS = ("column", "symbol")


def comparable(strategy: ir.Strategy, rename: dict[str, str] | None = None,
               ignore: tuple[str, ...] = ()) -> dict[str, Any]:
    """The IR as plain data without its name and asset mappings; assets optionally renamed."""
    data = strategy.model_dump(mode="json")
    data.pop("name")
    for key in ignore:
        data.pop(key, None)
    for asset in data["assets"]:
        for key in IGNORED_ASSET_FIELDS:
            asset.pop(key)
    data["assets"] = sorted(data["assets"], key=lambda asset: asset["name"])     # declared in any order, the same assets
    if data.get("cash") and f'"{data["cash"]}"' not in json.dumps({**data, "cash": None}):
        data["cash"] = None     # a cash asset nothing refers to (a buffer's, declared as catalogue C6 does) trades nothing
    _unname_sleeves(data)
    _unname_states(data)
    return _renamed(data, rename) if rename else data


def _unname_sleeves(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("kind") == "sleeves":
            for sleeve in node["sleeves"]:
                sleeve["name"] = None
        for value in node.values():
            _unname_sleeves(value)
    elif isinstance(node, list):
        for item in node:
            _unname_sleeves(item)


def _unname_states(data: dict[str, Any]) -> None:
    """Each state named by its place ('brake' and 'defensive' alike), in its declaration and every reference to it."""
    names = {state["name"]: f"state {i}" for i, state in enumerate(data.get("states") or [])}
    for state in data.get("states") or []:
        state["name"] = names[state["name"]]

    def rename(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("kind") == "ref" and node.get("name") in names:
                node["name"] = names[node["name"]]
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for item in node:
                rename(item)
    for key, value in data.items():
        if key != "states":
            rename(value)
    for state in data.get("states") or []:
        rename(state["rules"])


def _renamed(node: Any, rename: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {k: _renamed(v, rename) for k, v in node.items()}
        for key in ("name", "asset", "fallback"):
            if isinstance(out.get(key), str):
                out[key] = rename.get(out[key], out[key])
        return out
    if isinstance(node, list):
        return [_renamed(item, rename) for item in node]
    return rename.get(node, node) if isinstance(node, str) and node.isupper() else node


def ir_equivalent(a: ir.Strategy, b: ir.Strategy) -> bool:
    return comparable(a) == comparable(b)


def synthetic_prices(names: list[str], bars: int = 900, seed: int = 7):
    """A fixed-seed random-walk panel with one column per asset name (business days from 2015)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    returns = rng.normal(0.0003, 0.012, size=(bars, len(names)))
    prices = 100.0 * np.cumprod(1.0 + returns, axis=0)
    index = pd.bdate_range("2015-01-02", periods=bars)
    return pd.DataFrame(prices, index=index, columns=names)


def backtest_equivalent(a, b) -> bool | None:
    """Same NAV on every bar of a synthetic panel (both read each asset by its name); None when
    the backtester is not available."""
    try:
        from rbl.backends.numpy.api import backtest
    except ImportError:
        return None
    a, b = _by_name(a), _by_name(b)
    names = sorted({x.name for x in a.strategy.assets} | {x.name for x in b.strategy.assets})
    prices = synthetic_prices(names, max(900, a.warmup_bars + 250, b.warmup_bars + 250))   # past the warm-up
    signals = sorted({x.name for x in a.strategy.signals} | {x.name for x in b.strategy.signals})
    for number, name in enumerate(signals):        # a signal takes any sign: a centred random series
        prices[name] = np.random.default_rng(100 + number).normal(0.0, 1.0, size=len(prices))
    nav_a, nav_b = backtest(a, prices).nav.to_numpy(), backtest(b, prices).nav.to_numpy()
    return nav_a.shape == nav_b.shape and bool(np.allclose(nav_a, nav_b, rtol=1e-9, atol=1e-9))


def _by_name(checked):
    """The checked strategy with every asset and signal reading the data column named after it."""
    assets = tuple(a.model_copy(update={"column": a.name}) for a in checked.strategy.assets)
    signals = tuple(s.model_copy(update={"column": s.name}) for s in checked.strategy.signals)
    strategy = checked.strategy.model_copy(update={"assets": assets, "signals": signals})
    return checked.model_copy(update={"strategy": strategy})
