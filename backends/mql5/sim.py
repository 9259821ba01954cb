"""Running an EA in the simulated broker: the config it reads, the cached broker object, the run."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from dsl import ir
from backends.mql5.gxx import FLAGS, gxx, package_dir
from backends.mql5.lower import CLOSE_WINDOW_MINUTES

SIM_SOURCES = ("prelude.h", "sim_broker.hpp")
DAY = 86400


@dataclass(frozen=True)
class SymbolSpec:
    """One broker symbol. units per lot = tick_value / tick_size (account currency per price unit)."""

    name: str
    contract: float = 1.0
    tick_size: float = 0.01
    tick_value: float = 0.01
    vmin: float = 1e-8
    vstep: float = 1e-8
    vmax: float = 1e9
    filling: int = 3            # SYMBOL_FILLING_FOK | SYMBOL_FILLING_IOC
    exemode: int = 2            # market execution
    margin_rate: float = 0.0    # 0: no margin needed
    weekend_closed: bool = False
    session_open: int = 0       # seconds after midnight when trading opens
    zero_tick_calls: int = 0    # SYMBOL_TRADE_TICK_VALUE reads 0 for the first N timer calls
    session_close: int = DAY    # seconds after midnight when trading ends (0: no session defined)


@dataclass(frozen=True)
class Account:
    deposit: float
    margin_mode: int = 0        # ACCOUNT_MARGIN_MODE_RETAIL_NETTING
    calls_per_bar: int = 3      # timer events per bar (60 s apart)
    cost_rate: float = 0.0      # per unit of notional: commission + spread/2 + slippage
    fee: float = 0.0
    close_at: int = -1          # seconds after midnight of the close-window timer calls (-1: none)
    skip_close: tuple[int, ...] = ()   # bars whose close-window calls are left out (a tick gap)


def default_specs(strategy: ir.Strategy) -> list[SymbolSpec]:
    """One lot = one data unit; the volume step is the asset's `lot` (or 1e-8 when none)."""
    return [SymbolSpec(a.symbol, vmin=a.lot or 1e-8, vstep=a.lot or 1e-8) for a in strategy.assets]


def default_account(strategy: ir.Strategy) -> Account:
    c = strategy.costs
    bps = lambda q: q.value if q else 0.0  # noqa: E731
    rate = bps(c.commission) + bps(c.spread) / 2 + bps(c.slippage)
    close_at = DAY - 60 * CLOSE_WINDOW_MINUTES if strategy.execution.trade_at is ir.TradeAt.CLOSE else -1
    return Account(strategy.capital.value, cost_rate=rate, fee=c.per_order.value if c.per_order else 0.0,
                   close_at=close_at)


def config_text(specs: list[SymbolSpec], account: Account, dates: np.ndarray, close: np.ndarray,
                stop_after: int | None = None, state_out: str | None = None, stop_call: int = -1) -> str:
    """`stop_after` bar (after its `stop_call` first timer calls, -1: all) the EA is stopped and
    the broker's state written to `state_out`, to be resumed by `run(..., state_in)`."""
    lines = [f"account {account.deposit!r} {account.margin_mode} {account.calls_per_bar}",
             f"cost {account.cost_rate!r} {account.fee!r}", f"close_at {account.close_at}"]
    if account.skip_close:
        lines.append("skip_close " + " ".join(str(b) for b in account.skip_close))
    for s in specs:
        lines.append(f"symbol {s.name} {s.contract!r} {s.tick_size!r} {s.tick_value!r} {s.vmin!r} {s.vstep!r} "
                     f"{s.vmax!r} {s.filling} {s.exemode} {s.margin_rate!r} {int(s.weekend_closed)} "
                     f"{s.session_open} {s.zero_tick_calls} {s.session_close}")
    if stop_after is not None:
        lines += [f"stop_after {stop_after} {stop_call}", f"state_out {state_out}"]
    seconds = dates.astype("datetime64[D]").astype(np.int64) * 86400
    lines += [f"bar {t} " + " ".join(repr(float(x)) for x in row) for t, row in zip(seconds, close)]
    return "\n".join(lines) + "\n"


def _cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "rbl-mql5-cache"
    path.mkdir(exist_ok=True)
    return path


def broker_object() -> Path:
    """The simulated broker compiled once per version of its sources (cached in the temp folder)."""
    digest = hashlib.sha256(b"".join((package_dir() / n).read_bytes() for n in SIM_SOURCES)).hexdigest()[:16]
    obj = _cache_dir() / f"sim-{digest}.o"
    if not obj.exists():
        src = _cache_dir() / f"sim-{digest}.cpp"
        src.write_text('#include "sim_broker.hpp"\n')
        partial = obj.with_suffix(f".{digest}.tmp")
        subprocess.run([gxx(), *FLAGS, "-I", str(package_dir()), "-c", str(src), "-o", str(partial)],
                       check=True, capture_output=True, text=True)
        partial.replace(obj)
    return obj


def link(ea_object: Path, output: Path) -> Path:
    subprocess.run([gxx(), str(ea_object), str(broker_object()), "-o", str(output)], check=True,
                   capture_output=True, text=True)
    return output


def run(binary: Path, config: str, work: Path, state_in: Path | None = None) -> str:
    """The EA's journal (Print lines) and the broker's `SIM` lines of one run."""
    path = work / "sim.cfg"
    path.write_text(config)
    cmd = [str(binary), str(path)] + ([str(state_in)] if state_in else [])
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the simulated run failed ({done.returncode}): {done.stdout[-500:]}{done.stderr[-500:]}")
    return done.stdout


__all__ = ["SymbolSpec", "Account", "default_specs", "default_account", "config_text", "broker_object", "link",
           "run", "replace"]
