"""Running an EA in the simulated broker: the config it reads, the cached broker object, the run."""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path

import numpy as np

from rbl.dsl import ir
from rbl.dsl.ir.analysis import costs_at_defaults
from rbl.backends.mql5.gxx import FLAGS, gxx, package_dir
from rbl.backends.mql5.lower import CLOSE_WINDOW_MINUTES

SIM_SOURCES = ("prelude.h", "sim_book.hpp", "sim_broker.hpp")
DAY = 86400


@dataclass(frozen=True)
class SymbolSpec:
    """One broker symbol. units per lot = tick_value / tick_size (account currency per price unit).
    Every default is the ideal broker: the data's calendar, bid = ask = the data price, no limits."""

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
    spread_bps: float = 0.0     # bid = mid (1 - s/20000), ask = mid (1 + s/20000); buys fill at the ask
    volume_limit: float = 0.0   # SYMBOL_VOLUME_LIMIT: max |position| in an order's direction (10034); 0: none
    trade_mode: int = 4         # SYMBOL_TRADE_MODE: 0 disabled 10017, 1 long only 10042, 2 short only 10043,
                                # 3 close only 10044, 4 full
    first_bar: int = 0          # the symbol's history starts at this data index (no bars, market closed before)
    missing: tuple[int, ...] = ()   # data indices without a bar: market closed (10018), price stays
    tick_value_symbol: str = ""     # tick value = tick_value x mid(this symbol) (or / with tick_value_inverse)
    tick_value_inverse: bool = False
    foreign_lots: float = 0.0   # volume held by others (magic 0) before the EA starts, bought from the deposit


@dataclass(frozen=True)
class Account:
    deposit: float
    margin_mode: int = 0        # ACCOUNT_MARGIN_MODE_RETAIL_NETTING
    calls_per_bar: int = 3      # timer events per bar (60 s apart)
    cost_rate: float = 0.0      # per unit of notional: commission + spread/2 + slippage
    fee: float = 0.0
    close_at: int = -1          # seconds after midnight of the close-window timer calls (-1: none)
    skip_close: tuple[int, ...] = ()   # bars whose close-window calls are left out (a tick gap)
    leverage: float = 1.0       # ACCOUNT_LEVERAGE: margin = |lots| units/lot price margin_rate / leverage
    login: int = 1001
    server: str = "Sim-Live"
    currency: str = "USD"
    tester: bool = False        # MQLInfoInteger(MQL_TESTER)
    cash_flows: tuple[tuple[int, float], ...] = ()   # (data index, amount): a DEAL_TYPE_BALANCE deal at its midnight
    requote_rate: float = 0.0   # share of market orders answered 10004 (nothing filled)
    partial_fill_rate: float = 0.0   # share answered 10010 with about half the volume filled
    seed: int = 7               # the fault generator's seed: same seed, same faults
    disconnect: tuple[tuple[int, int], ...] = ()       # inclusive data-index ranges: no connection (10031)
    autotrading_off: tuple[tuple[int, int], ...] = ()  # ranges with AutoTrading off in the terminal (10027)
    account_switch_at: int = -1  # at this data index: OnDeinit(REASON_ACCOUNT), login + 1, fresh account, OnInit
    restarts: tuple[int, ...] = ()   # terminal restarts before these data indices (run_with_restarts only)


def default_specs(strategy: ir.Strategy) -> list[SymbolSpec]:
    """One lot = one data unit; the volume step is the asset's `lot` (or 1e-8 when none)."""
    return [SymbolSpec(a.symbol, vmin=a.lot or 1e-8, vstep=a.lot or 1e-8) for a in strategy.assets]


def default_account(strategy: ir.Strategy) -> Account:
    c = costs_at_defaults(strategy)
    bps = lambda q: q.value if q else 0.0  # noqa: E731
    rate = bps(c.commission) + bps(c.spread) / 2 + bps(c.slippage)
    close_at = DAY - 60 * CLOSE_WINDOW_MINUTES if strategy.execution.trade_at is ir.TradeAt.CLOSE else -1
    return Account(strategy.capital.value, cost_rate=rate, fee=c.per_order.value if c.per_order else 0.0,
                   close_at=close_at)


def _word(value) -> str:
    """A config value: bools 0/1, floats by repr, tuples "a,b", pairs "a:b"; no spaces."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, tuple):
        return ",".join(":".join(_word(v) for v in x) if isinstance(x, tuple) else _word(x) for x in value)
    text = repr(float(value)) if isinstance(value, float) else str(value)
    if not text or any(c.isspace() or c == "=" for c in text):
        raise ValueError(f"a config value cannot be empty or hold spaces or '=': {text!r}")
    return text


def _settings(obj, skip: tuple[str, ...]) -> str:
    """key=value for every field but `skip`; empty tuples and strings are left to the defaults."""
    values = ((f.name, getattr(obj, f.name)) for f in fields(obj) if f.name not in skip)
    return " ".join(f"{k}={_word(v)}" for k, v in values if v not in ((), ""))


def config_text(specs: list[SymbolSpec], account: Account, dates: np.ndarray, close: np.ndarray,
                stop_after: int | None = None, state_out: str | None = None, stop_call: int = -1,
                common: Path | None = None, common_from: tuple[tuple[int, Path], ...] = ()) -> str:
    """The broker's config: `account key=value ...` (the Account fields but server and restarts),
    `server NAME` (the rest of the line), one `symbol NAME key=value ...` per spec (the SymbolSpec
    fields), then `bar SECONDS CLOSE...` per data row (nan allowed where a symbol has no bar).
    Lists are written "a,b,c" and pairs "a:b". `stop_after` bar (after its `stop_call` first timer
    calls, -1: all) the EA is stopped and the broker's state written to `state_out`, to be resumed
    by `run(..., state_in)`. `common`: the folder FileOpen(..., FILE_COMMON) reads (signal files);
    `common_from` (data index, folder): from that bar on it reads that folder instead (the files as
    another program rewrote them)."""
    lines = [f"account {_settings(account, ('server', 'restarts'))}", f"server {account.server}"]
    lines += [f"common {common}"] if common is not None else []
    lines += [f"common_from {at} {folder}" for at, folder in sorted(common_from)]
    lines += [f"symbol {_word(s.name)} {_settings(s, ('name',))}" for s in specs]
    if stop_after is not None:
        lines += [f"stop_after {stop_after} {stop_call}", f"state_out {state_out}"]
    seconds = dates.astype("datetime64[s]").astype(np.int64)      # daily bars open at midnight
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
        # each process and thread writes its own file: two may compile the same sources at once
        partial = obj.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
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


def run_with_restarts(binary: Path, specs: list[SymbolSpec], account: Account, dates: np.ndarray,
                      close: np.ndarray, work: Path, restarts: tuple[int, ...] | None = None,
                      common: Path | None = None) -> str:
    """One run cut by terminal restarts before each data index of `restarts` (default
    `account.restarts`): each part ends after the bar before it (OnDeinit, state saved) and the
    next process resumes from the state file. The journals of all parts, concatenated."""
    cuts = sorted({r for r in (account.restarts if restarts is None else restarts) if 0 < r < len(dates)})
    journal, state_in = [], None
    for k, at in enumerate(cuts):
        state = work / f"restart-{k}.state"
        config = config_text(specs, account, dates, close, stop_after=at - 1, state_out=str(state), common=common)
        journal.append(run(binary, config, work, state_in))
        state_in = state
    journal.append(run(binary, config_text(specs, account, dates, close, common=common), work, state_in))
    return "".join(journal)


__all__ = ["SymbolSpec", "Account", "default_specs", "default_account", "config_text", "broker_object", "link",
           "run", "run_with_restarts", "replace"]
