"""The small model of an MQL5 program that lowering builds and the printer writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class Unsupported(Exception):
    """A construct this backend does not lower; the message names it and its .rbl line."""


@dataclass(frozen=True)
class Stmt:
    """One statement line; `depth` is its indent inside the function body."""

    text: str
    depth: int = 0
    rbl_line: int | None = None


@dataclass(frozen=True)
class Input:
    group: str
    type: str
    name: str
    value: str
    comment: str
    static: bool = False
    rbl_line: int | None = None


@dataclass(frozen=True)
class Function:
    """A function; `params` are (type, name) pairs, kept only when the body uses them."""

    returns: str
    name: str
    params: tuple[tuple[str, str], ...]
    body: tuple[Stmt, ...]
    comment: str = ""
    rbl_line: int | None = None

    def call(self, **args: str) -> str:
        return f"{self.name}({', '.join(args[name] for _, name in self.params)})"


def used_params(body: list[Stmt], candidates: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The candidate parameters a body mentions, so the emitted code has no unused parameter."""
    text = "\n".join(stmt.text for stmt in body)
    return tuple((t, n) for t, n in candidates if re.search(rf"\b{n}\b", text))


@dataclass
class Program:
    title: str
    defines: list[tuple[str, str, str]] = field(default_factory=list)   # name, value, why
    inputs: list[Input] = field(default_factory=list)
    globals: list[Stmt] = field(default_factory=list)
    functions: list[Function] = field(default_factory=list)              # expressions, then hooks
    sleeves: bool = False                                                 # the sleeves runtime is inlined
    regimes: bool = False                                                 # the learned regimes' runtime is inlined
    signals: bool = False                                                 # the signals runtime is inlined
    close_window: bool = False                                            # trade at close: the close-window timer
    timeframe: str = "D1"                                                 # the bars it decides on (timeframe.py)

    def add(self, function: Function) -> Function:
        self.functions.append(function)
        return function
