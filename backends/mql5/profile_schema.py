"""The broker profile TOML: allowed keys per table, value checks, and errors that say where and what."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from typing import Any, Callable

from rbl.backends.mql5.writer import mql_double

MARGIN_MODES = {"netting": 0, "hedging": 2}
EXECUTIONS = {"request": 0, "instant": 1, "market": 2, "exchange": 3}
TRADE_MODES = {"disabled": 0, "longonly": 1, "shortonly": 2, "closeonly": 3, "full": 4}
FILLINGS = {"fok": 1, "ioc": 2, "return": 0}      # SYMBOL_FILLING_MODE flags; RETURN has none


class ProfileError(Exception):
    """A user error in a broker profile: where (file:line), what, and how to fix it."""

    def __init__(self, message: str, path: str = "", line: int | None = None, help: str | None = None):
        self.message, self.path, self.line, self.help = message, path, line, help
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}" if where else self.message
        return text + (f"\n  = help: {self.help}" if self.help else "")


Check = Callable[[Any, str], Any]        # (value, key path) -> the value as the mapping uses it


def _bad(where: str, expected: str, value: Any, help: str | None = None) -> ProfileError:
    shown = f'"{value}"' if isinstance(value, str) else value
    return ProfileError(f"{where}: expected {expected}, got {shown}", help=help)


def number(lo: float | None = None, hi: float | None = None, above: bool = False,
           integer: bool = False) -> Check:
    """A number (an integer when `integer`) >= lo (> lo when `above`) and <= hi."""
    expected = f"{'an integer' if integer else 'a number'}{_bounds(lo, hi, above)}"

    def check(value: Any, where: str) -> float | int:
        ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            raise _bad(where, expected, value)
        low_ok = lo is None or (value > lo if above else value >= lo)
        if not low_ok or (hi is not None and value > hi):
            raise _bad(where, expected, value)
        return value if integer else float(value)
    return check


def _bounds(lo: float | None, hi: float | None, above: bool) -> str:
    if hi is not None:
        return f" in [{lo:g}, {hi:g}]"
    return "" if lo is None else f" {'>' if above else '>='} {lo:g}"


def choice(options: dict[str, int]) -> Check:
    def check(value: Any, where: str) -> int:
        if not isinstance(value, str) or value.lower() not in options:
            raise _bad(where, f"one of {', '.join(options)}", value, help=_did_you_mean(str(value), options))
        return options[value.lower()]
    return check


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad(where, "a non-empty string", value)
    return value.strip()


def currency(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value):
        raise _bad(where, "a three-letter currency code such as \"USD\"", value)
    return value.upper()


def flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(where, "true or false", value)
    return value


def date(value: Any, where: str) -> str:
    """A date as "YYYY-MM-DD" text or a TOML date; kept as ISO text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _bad(where, "a date \"YYYY-MM-DD\"", value)


def list_of(item: Check, non_empty: bool = False) -> Check:
    def check(value: Any, where: str) -> tuple:
        if not isinstance(value, list) or (non_empty and not value):
            raise _bad(where, "a non-empty list" if non_empty else "a list", value)
        return tuple(item(v, f"{where}[{i}]") for i, v in enumerate(value))
    return check


def record(fields: dict[str, Check], one_of: tuple[str, ...] = ()) -> Check:
    """An inline table with exactly the given keys, except that exactly one of `one_of` is required."""
    def check(value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise _bad(where, "a table { " + ", ".join(f"{k} = ..." for k in fields) + " }", value)
        _no_unknown(value, fields, where)
        absent = [k for k in fields if k not in one_of and k not in value]
        if absent:
            raise ProfileError(f"{where}: needs {absent[0]}")
        if one_of and sum(k in value for k in one_of) != 1:
            raise ProfileError(f"{where}: needs exactly one of {' or '.join(one_of)}")
        return {k: fields[k](v, f"{where}.{k}") for k, v in value.items()}
    return check


def volumes_by_symbol(value: Any, where: str) -> dict[str, float]:
    """Lots per symbol; a negative volume is a short position."""
    if not isinstance(value, dict):
        raise _bad(where, "a table { \"SYMBOL\" = lots, ... }", value)
    return {name: number()(lots, f'{where}."{name}"') for name, lots in value.items()}


def date_range(value: Any, where: str) -> dict[str, str]:
    span = record({"from": date, "to": date})(value, where)
    if span["from"] > span["to"]:
        raise ProfileError(f"{where}: from {span['from']} is after to {span['to']}")
    return span


RATE = number(0.0, 1.0)
POSITIVE = number(0.0, above=True)
NON_NEGATIVE = number(0.0)
BAR = number(0, integer=True)


ACCOUNT: dict[str, Check] = {
    "currency": currency, "deposit": POSITIVE, "margin_mode": choice(MARGIN_MODES), "leverage": POSITIVE,
    "commission_bps": NON_NEGATIVE, "fee_per_order": NON_NEGATIVE, "foreign_positions": volumes_by_symbol,
    "foreign_on_first_symbol": number(), "login": number(1, integer=True), "server": text,
    "cash_flows": list_of(record({"bar": BAR, "date": date, "amount": number()}, one_of=("bar", "date"))),
    "timer_calls_per_bar": number(1, integer=True),
}
DEFAULTS: dict[str, Check] = {
    "volume_min": POSITIVE, "volume_step": POSITIVE, "volume_max": POSITIVE, "volume_limit": NON_NEGATIVE,
    "spread_bps": NON_NEGATIVE, "filling": list_of(choice(FILLINGS), non_empty=True),
    "execution": choice(EXECUTIONS), "margin_rate": NON_NEGATIVE, "contract": POSITIVE, "tick_size": POSITIVE,
    "tick_value": POSITIVE, "trade_mode": choice(TRADE_MODES), "weekend_closed": flag, "history_bars": BAR,
}
SYMBOL: dict[str, Check] = {
    **DEFAULTS, "profit_currency": currency, "tick_value_symbol": text, "tick_value_inverse": flag,
    "missing_dates": list_of(date),
}
FAULTS: dict[str, Check] = {
    "requote_rate": RATE, "partial_fill_rate": RATE, "seed": BAR, "disconnect": list_of(date_range),
    "autotrading_off": list_of(date_range), "restart_at_bars": list_of(BAR), "account_switch_at_bar": BAR,
}
TABLES = {"account": ACCOUNT, "defaults": DEFAULTS, "symbols": None, "faults": FAULTS, "inputs": None}


def _did_you_mean(name: str, allowed) -> str | None:
    close = difflib.get_close_matches(name.lower(), list(allowed), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None


def _no_unknown(table: dict, allowed: dict, where: str) -> None:
    for key in table:
        if key not in allowed:
            hint = _did_you_mean(key, allowed) or f"the keys of {where} are: {', '.join(allowed)}"
            raise ProfileError(f"{where}: unknown key {key}", help=hint)


def _table(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise _bad(where, "a table", value)
    return value


def _checked_table(raw: dict, allowed: dict[str, Check], where: str) -> dict:
    _no_unknown(_table(raw, where), allowed, where)
    return {key: allowed[key](value, f"{where}.{key}") for key, value in raw.items()}


def input_value(value: Any, where: str) -> str:
    """An EA input's value as an MQL5 literal: true/false, a number, or a quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return mql_double(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise _bad(where, "true, false, a number or a string", value)


def _inputs_table(raw: Any) -> dict[str, str]:
    for name in _table(raw, "[inputs]"):
        if not re.fullmatch(r"Inp\w+", name):
            raise ProfileError(f"[inputs]: {name} is not an EA input", help="the EA's inputs are named Inp...")
    return {name: input_value(value, f"[inputs].{name}") for name, value in raw.items()}


def _symbol_tables(raw: Any) -> dict[str, dict]:
    return {name: _checked_table(table, SYMBOL, f'[symbols."{name}"]')
            for name, table in _table(raw, "[symbols]").items()}


def _consistent(terms: dict, where: str) -> None:
    """Checks across keys of one table: min <= max, a filling mode that the execution mode allows."""
    if terms.get("volume_min", 0) > terms.get("volume_max", float("inf")):
        raise ProfileError(f"{where}: volume_min {terms['volume_min']:g} is above volume_max "
                           f"{terms['volume_max']:g}", help="volume_min must be <= volume_max")
    filling, market = terms.get("filling"), terms.get("execution") == EXECUTIONS["market"]
    if filling is not None and market and not any(filling):
        raise ProfileError(f'{where}.filling: market execution needs "fok" or "ioc"',
                           help='RETURN is the policy of exchange execution: set execution = "exchange"')


def parse_sections(source: str, path: str) -> dict[str, Any]:
    """The four tables of a profile, every value checked; errors carry the file and, when known, the line."""
    try:
        raw = tomllib.loads(source)
        return _sections(raw)
    except tomllib.TOMLDecodeError as err:
        raise _syntax_error(err, path) from None
    except ProfileError as err:
        raise ProfileError(err.message, path, err.line or line_of(source, err.message), err.help) from None


def _sections(raw: dict) -> dict[str, Any]:
    _no_unknown(raw, TABLES, "the profile")
    sections = {name: _checked_table(raw.get(name, {}), TABLES[name], f"[{name}]")
                for name in ("account", "defaults", "faults")}
    sections["symbols"] = _symbol_tables(raw.get("symbols", {}))
    sections["inputs"] = _inputs_table(raw.get("inputs", {}))
    merged = [("[defaults]", sections["defaults"])] + [
        (f'[symbols."{n}"]', {**sections["defaults"], **t}) for n, t in sections["symbols"].items()]
    for where, terms in merged:
        _consistent(terms, where)
    return sections


def _syntax_error(err: tomllib.TOMLDecodeError, path: str) -> ProfileError:
    text = str(err)
    found = re.search(r"\(at line (\d+), column (\d+)\)", text)
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    message = message[:1].lower() + message[1:]
    column = f" (column {found.group(2)})" if found else ""
    return ProfileError(f"invalid TOML: {message}{column}", path, int(found.group(1)) if found else None)


_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_.\-]+)\"?\s*=")


def line_of(source: str, message: str) -> int | None:
    """The line of the key a message names (`[defaults].volume_step: ...`), found in the text."""
    found = re.match(r'^(\[[^\]]+\])(?:\.([A-Za-z0-9_]+))?', message)
    if not found:
        unknown = re.match(r"^the profile: unknown key (\S+)", message)
        return _header_line(source, unknown.group(1)) if unknown else None
    table = found.group(1)[1:-1]
    key = found.group(2) or (re.search(r"unknown key (\S+)", message) or [None, None])[1]
    return _key_line(source, table, key) if key else _header_line(source, table)


def _plain(header: str) -> str:
    return header.replace('"', "").replace("'", "").replace(" ", "")


def _header_line(source: str, table: str) -> int | None:
    for number_, line in enumerate(source.splitlines(), 1):
        header = _HEADER.match(line)
        if header and _plain(header.group(1)) == _plain(table):
            return number_
    return None


def _key_line(source: str, table: str, key: str) -> int | None:
    start = _header_line(source, table)
    if start is None:
        return None
    for number_, line in enumerate(source.splitlines()[start:], start + 1):
        if _HEADER.match(line):
            return None
        found = _KEY.match(line)
        if found and found.group(1) == key:
            return number_
    return None
