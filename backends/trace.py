"""The decision trace (docs/trace.md): one record per decision bar, printed, parsed and compared
identically for the backtester and the Expert Advisor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EVENTS = ("INITIAL", "REBALANCE", "HOLD", "KILL", "DONE", "WAIT", "TRANCHE")
_LINE = re.compile(
    r"^RBL (?P<date>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?) (?P<event>[A-Z]+) check=(?P<check>[01]) when=(?P<when>[01]) "
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


@dataclass(frozen=True)
class Divergence:
    """The first bar where the traces differ: the backtest's value, the EA's, and why in words."""

    date: str
    expected: str
    got: str
    reason: str

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


DID = {"INITIAL": "traded into the targets", "REBALANCE": "rebalanced", "HOLD": "held",
       "KILL": "closed everything (kill switch)", "DONE": "stayed out after the kill switch",
       "WAIT": "waited for a signal", "TRANCHE": "traded a slice of an earlier decision"}


def _because(rec: TraceRecord) -> str:
    """The record's own reason, with the max drift when the reason does not state it."""
    drift = f"max drift {rec.max_drift * 100:.2f}pp"
    if not rec.why:
        return f"check {int(rec.check)}, when {int(rec.when)}, {drift}"
    return rec.why if "drift" in rec.why else f"{rec.why}; {drift}"


def _event(exp: TraceRecord, act: TraceRecord) -> Divergence:
    return Divergence(exp.date, exp.event, act.event, f"the backtest {DID.get(exp.event, exp.event)} "
                      f"({_because(exp)}) but the EA {DID.get(act.event, act.event)} ({_because(act)})")


def _rule(name: str, exp: TraceRecord, act: TraceRecord) -> Divergence:
    said = lambda rec: "true" if getattr(rec, name) else "false"  # noqa: E731
    return Divergence(exp.date, f"{name}={int(getattr(exp, name))}", f"{name}={int(getattr(act, name))}",
                      f"the {name} rule is {said(exp)} in the backtest ({_because(exp)}) but {said(act)} "
                      f"in the EA ({_because(act)})")


def _order_tolerance(name: str, quantity: float, lot_steps: dict[str, float]) -> float:
    step = lot_steps.get(name)
    return step * (1 + 1e-9) if step else max(1e-6, 1e-6 * abs(quantity))


def _apart(name: str, lot_steps: dict[str, float]) -> str:
    step = lot_steps.get(name)
    return f"more than one volume step ({step:g}) apart" if step else "more than 1e-6 (relative) apart"


def _targets(exp: TraceRecord, act: TraceRecord) -> Divergence | None:
    if exp.targets.keys() != act.targets.keys():
        mine, theirs = ",".join(exp.targets), ",".join(act.targets)
        return Divergence(exp.date, mine, theirs, f"the targets name different assets: backtest {mine}, EA {theirs}")
    for name, w in exp.targets.items():
        if abs(w - act.targets[name]) > 1e-6 + 1e-12:
            w_ea = act.targets[name]
            return Divergence(exp.date, _f6(w), _f6(w_ea), f"target of {name}: backtest {_f6(w)}, EA {_f6(w_ea)}")
    return None


def _orders(exp: TraceRecord, act: TraceRecord, lot_steps: dict[str, float]) -> Divergence | None:
    for name in sorted(set(exp.orders) | set(act.orders)):
        q, r = exp.orders.get(name, 0.0), act.orders.get(name, 0.0)
        if abs(q - r) > _order_tolerance(name, q, lot_steps):
            return Divergence(exp.date, _signed(q), _signed(r), f"order of {name}: backtest {_signed(q)}, "
                              f"EA {_signed(r)}, {_apart(name, lot_steps)}")
    return None


def compare_records(expected: TraceRecord, actual: TraceRecord, lot_steps: dict[str, float]) -> Divergence | None:
    """How two records of the same bar disagree, or None when they agree."""
    if expected.event != actual.event:
        return _event(expected, actual)
    for name in ("check", "when"):
        if getattr(expected, name) != getattr(actual, name):
            return _rule(name, expected, actual)
    if expected.sleeves != actual.sleeves:
        return Divergence(expected.date, expected.sleeves, actual.sleeves, f"the sleeves' check and when "
                          f"differ: backtest {expected.sleeves or '-'}, EA {actual.sleeves or '-'}")
    return _targets(expected, actual) or _orders(expected, actual, lot_steps)


def _one_sided(rec: TraceRecord, side: str, other: str, later: list[TraceRecord],
               whole: list[TraceRecord]) -> Divergence:
    """`side` decided `rec`'s bar and `other` did not; `later`: other's records after it."""
    if later:
        then = f"next {other} decision {later[0].date}"
    else:
        then = f"the {other}'s trace ends on {whole[-1].date}" if whole else f"the {other} made no decision"
    values = (rec.event, "no decision") if side == "backtest" else ("no decision", rec.event)
    return Divergence(rec.date, *values, f"the {side} decided this bar ({DID.get(rec.event, rec.event)}); "
                      f"the {other} has no decision for it ({then})")


def compare_traces(expected: list[TraceRecord], actual: list[TraceRecord],
                   lot_steps: dict[str, float] | None = None) -> Divergence | None:
    """The first bar where the backtest's trace and the EA's differ, and why; None when they agree bar
    for bar. A bar one side decided and the other did not is named as such."""
    lot_steps = lot_steps or {}
    i = j = 0
    while i < len(expected) and j < len(actual):
        exp, act = expected[i], actual[j]
        if exp.date < act.date:
            return _one_sided(exp, "backtest", "EA", actual[j:], actual)
        if act.date < exp.date:
            return _one_sided(act, "EA", "backtest", expected[i:], expected)
        problem = compare_records(exp, act, lot_steps)
        if problem:
            return problem
        i, j = i + 1, j + 1
    if i < len(expected):
        return _one_sided(expected[i], "backtest", "EA", [], actual)
    if j < len(actual):
        return _one_sided(actual[j], "EA", "backtest", [], expected)
    return None
