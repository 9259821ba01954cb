"""The decision trace (docs/trace.md): one record per decision bar, printed, parsed and compared
identically for the backtester and the Expert Advisor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EVENTS = ("INITIAL", "REBALANCE", "HOLD", "KILL", "DONE")
_LINE = re.compile(
    r"^RBL (?P<date>\d{4}-\d{2}-\d{2}) (?P<event>[A-Z]+) check=(?P<check>[01]) when=(?P<when>[01]) "
    r"max_drift=(?P<max_drift>-?\d+\.\d+) targets=(?P<targets>\S*) orders=(?P<orders>\S+) "
    r"(?:sleeves=(?P<sleeves>\S+) )?"
    r'why="(?P<why>[^"]*)"$'
)


@dataclass(frozen=True)
class TraceRecord:
    date: str
    event: str
    check: bool
    when: bool
    max_drift: float
    targets: dict[str, float] = field(default_factory=dict)
    orders: dict[str, float] = field(default_factory=dict)
    why: str = ""
    sleeves: str = ""        # 'core:10,satellite:11' for a strategy with sleeves, else empty


def _f6(value: float) -> str:
    text = f"{value:.6f}"
    return "0.000000" if text == "-0.000000" else text


def _signed(value: float) -> str:
    text = _f6(value)
    return text if text.startswith("-") else "+" + text


def format_record(rec: TraceRecord) -> str:
    """One trace line, exactly as docs/trace.md specifies."""
    targets = ",".join(f"{name}:{_f6(w)}" for name, w in rec.targets.items())
    orders = ",".join(f"{name}:{_signed(q)}" for name, q in rec.orders.items()) or "-"
    why = rec.why.replace('"', "'")
    sleeves = f"sleeves={rec.sleeves} " if rec.sleeves else ""
    return (f"RBL {rec.date} {rec.event} check={int(rec.check)} when={int(rec.when)} "
            f"max_drift={_f6(rec.max_drift)} targets={targets} orders={orders} {sleeves}why=\"{why}\"")


def _pairs(text: str) -> dict[str, float]:
    if text in ("", "-"):
        return {}
    return {name: float(value) for name, value in (item.rsplit(":", 1) for item in text.split(","))}


def parse_line(line: str) -> TraceRecord | None:
    """A record from a line that contains one (a journal prefix before 'RBL ' is skipped)."""
    start = line.find("RBL ")
    match = _LINE.match(line[start:].rstrip()) if start >= 0 else None
    if match is None:
        return None
    g = match.groupdict()
    return TraceRecord(date=g["date"], event=g["event"], check=g["check"] == "1", when=g["when"] == "1",
                       max_drift=float(g["max_drift"]), targets=_pairs(g["targets"]),
                       orders=_pairs(g["orders"]), why=g["why"], sleeves=g["sleeves"] or "")


def parse_trace(text: str) -> list[TraceRecord]:
    """Every trace record in a log, in order; other lines are ignored."""
    return [rec for rec in map(parse_line, text.splitlines()) if rec is not None]


def _order_tolerance(name: str, quantity: float, lot_steps: dict[str, float]) -> float:
    step = lot_steps.get(name)
    return step * (1 + 1e-9) if step else max(1e-6, 1e-6 * abs(quantity))


def compare_records(expected: TraceRecord, actual: TraceRecord, lot_steps: dict[str, float]) -> str | None:
    """Why two records of the same bar disagree, or None when they agree."""
    for name in ("date", "event", "check", "when", "sleeves"):
        if getattr(expected, name) != getattr(actual, name):
            return f"{name}: expected {getattr(expected, name)}, got {getattr(actual, name)}"
    if expected.targets.keys() != actual.targets.keys():
        return f"targets name different assets: {sorted(expected.targets)} vs {sorted(actual.targets)}"
    for name, w in expected.targets.items():
        if abs(w - actual.targets[name]) > 1e-6 + 1e-12:
            return f"target of {name}: expected {_f6(w)}, got {_f6(actual.targets[name])}"
    for name in sorted(set(expected.orders) | set(actual.orders)):
        q, r = expected.orders.get(name, 0.0), actual.orders.get(name, 0.0)
        if abs(q - r) > _order_tolerance(name, q, lot_steps):
            return f"order of {name}: expected {_signed(q)}, got {_signed(r)}"
    return None


def compare_traces(expected: list[TraceRecord], actual: list[TraceRecord],
                   lot_steps: dict[str, float] | None = None) -> str | None:
    """The first bar where two traces diverge, in words; None when they agree bar for bar."""
    lot_steps = lot_steps or {}
    for exp, act in zip(expected, actual):
        problem = compare_records(exp, act, lot_steps)
        if problem:
            return f"{exp.date}: {problem}"
    if len(expected) != len(actual):
        shorter, longer = sorted((expected, actual), key=len)
        which = "backtest" if longer is expected else "EA"
        return f"{longer[len(shorter)].date}: the {which} trace goes on for {len(longer) - len(shorter)} more bars"
    return None
