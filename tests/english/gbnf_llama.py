"""A small, independent reader of GBNF that follows llama.cpp's own grammar parser (grammar-parser.cpp):
its escapes, its character classes, its rule references and its refusal of left recursion.

Written from llama.cpp's `parse_char` (escapes \\x \\u \\U \\t \\r \\n \\\\ \\" \\[ \\] only; anything else
is "unknown escape at ..."), `parse_sequence` (a class is `[` `^`? then chars, `c-d` a range unless
`-` is right before `]`), its name rule (letters, digits, `-`), `{m,n}` repetitions, and
`detect_left_recursion` (a rule reached again through its alternatives' first symbols, skipping
nullable ones, is refused). Used by the tests only; it never imports rbl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ESCAPES = {"t": "\t", "r": "\r", "n": "\n", "\\": "\\", '"': '"', "[": "[", "]": "]"}
HEX = {"x": 2, "u": 4, "U": 8}


class GbnfError(Exception):
    """What llama.cpp would answer 'error parsing grammar: ...' for."""


@dataclass
class Grammar:
    # rule -> alternatives; an alternative is a list of items: ("ref", name), ("str", empty), ("char", False)
    # (a class), ("group", nullable, [alternatives])
    rules: dict[str, list[list[tuple]]] = field(default_factory=dict)


def parse_char(src: str, pos: int) -> tuple[str, int]:
    """One character of a string or class, as llama.cpp's parse_char reads it."""
    if src[pos] != "\\":
        return src[pos], pos + 1
    kind = src[pos + 1:pos + 2]
    if kind in HEX:
        digits = src[pos + 2:pos + 2 + HEX[kind]]
        if len(digits) != HEX[kind] or not re.fullmatch(r"[0-9a-fA-F]+", digits):
            raise GbnfError(f"expecting {HEX[kind]} hex chars at {src[pos:pos + 12]!r}")
        return chr(int(digits, 16)), pos + 2 + HEX[kind]
    if kind in ESCAPES:
        return ESCAPES[kind], pos + 2
    raise GbnfError(f"unknown escape at {src[pos:pos + 12]!r}")


def _space(src: str, pos: int, newlines: bool) -> int:
    while pos < len(src):
        if src[pos] == "#":
            while pos < len(src) and src[pos] not in "\r\n":
                pos += 1
        elif src[pos] in " \t" or (newlines and src[pos] in "\r\n"):
            pos += 1
        else:
            break
    return pos


def _sequence(src: str, pos: int, nested: bool) -> tuple[list[tuple], int]:
    items: list[tuple] = []
    while pos < len(src):
        c = src[pos]
        if c == '"':
            start = pos = pos + 1
            while pos < len(src) and src[pos] != '"':
                _, pos = parse_char(src, pos)
            if pos >= len(src):
                raise GbnfError("unexpected end of input in a string")
            items.append(("str", pos == start))       # "" matches nothing: nullable
            pos += 1
        elif c == "[":
            pos += 1
            if src[pos:pos + 1] == "^":
                pos += 1
            while pos < len(src) and src[pos] != "]":
                _, pos = parse_char(src, pos)
                if src[pos:pos + 1] == "-" and src[pos + 1:pos + 2] != "]":
                    _, pos = parse_char(src, pos + 1)
            if pos >= len(src):
                raise GbnfError("unexpected end of input in a character class")
            items.append(("char", False))
            pos += 1
        elif re.match(r"[a-zA-Z0-9-]", c):
            name = re.match(r"[a-zA-Z0-9-]+", src[pos:]).group()
            items.append(("ref", name))
            pos += len(name)
        elif c == "(":
            alts, pos = _alternatives(src, pos + 1, nested=True)
            if src[pos:pos + 1] != ")":
                raise GbnfError(f"expecting ')' at {src[pos:pos + 12]!r}")
            items.append(("group", False, alts))
            pos += 1
        elif c in "*?+{":
            if not items:
                raise GbnfError(f"expecting preceding item to {c} at {src[pos:pos + 12]!r}")
            low = 1
            if c == "{":
                m = re.match(r"\{(\d+)(,(\d*))?\}", src[pos:])
                if m is None:
                    raise GbnfError(f"expecting a repetition count at {src[pos:pos + 12]!r}")
                low, pos = int(m.group(1)), pos + m.end() - 1
            items[-1] = ("group", c in "*?" or low == 0, [[items[-1]]])
            pos += 1
        else:
            break
        pos = _space(src, pos, nested)
    return items, pos


def _alternatives(src: str, pos: int, nested: bool) -> tuple[list[list[tuple]], int]:
    pos = _space(src, pos, nested)
    alts = []
    while True:
        items, pos = _sequence(src, pos, nested)
        alts.append(items)
        if src[pos:pos + 1] != "|":
            return alts, pos
        pos = _space(src, pos + 1, True)


def parse(src: str) -> Grammar:
    """The rules of `src`; raises GbnfError where llama.cpp's parser would."""
    grammar, pos = Grammar(), _space(src, 0, True)
    while pos < len(src):
        m = re.match(r"([a-zA-Z0-9-]+)[ \t]*::=", src[pos:])
        if m is None:
            raise GbnfError(f"expecting name ::= at {src[pos:pos + 20]!r}")
        alts, pos = _alternatives(src, pos + m.end(), nested=False)
        grammar.rules[m.group(1)] = alts
        if pos < len(src) and src[pos] not in "\r\n":
            raise GbnfError(f"expecting newline or end at {src[pos:pos + 20]!r}")
        pos = _space(src, pos, True)
    _check_refs(grammar)
    _check_left_recursion(grammar)
    return grammar


def _refs(alts) -> set[str]:
    out = set()
    for alt in alts:
        for item in alt:
            if item[0] == "ref":
                out.add(item[1])
            elif item[0] == "group":
                out |= _refs(item[2])
    return out


def _check_refs(g: Grammar) -> None:
    if "root" not in g.rules:
        raise GbnfError("grammar does not contain a 'root' symbol")
    for name, alts in g.rules.items():
        for ref in _refs(alts) - g.rules.keys():
            raise GbnfError(f"undefined rule identifier '{ref}' in {name}")


def _nullable_rules(g: Grammar) -> set[str]:
    nullable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, alts in g.rules.items():
            if name not in nullable and any(_seq_nullable(alt, nullable) for alt in alts):
                nullable.add(name)
                changed = True
    return nullable


def _item_nullable(item: tuple, nullable: set[str]) -> bool:
    if item[0] == "ref":
        return item[1] in nullable
    if item[0] == "group":
        return item[1] or any(_seq_nullable(alt, nullable) for alt in item[2])
    return item[0] == "str" and item[1]


def _seq_nullable(alt: list[tuple], nullable: set[str]) -> bool:
    return all(_item_nullable(item, nullable) for item in alt)


def _first_refs(alts, nullable: set[str]) -> set[str]:
    """The rules an alternative can start with (past nullable items)."""
    out: set[str] = set()
    for alt in alts:
        for item in alt:
            if item[0] == "ref":
                out.add(item[1])
            elif item[0] == "group":
                out |= _first_refs(item[2], nullable)
            if not _item_nullable(item, nullable):
                break
    return out


def _check_left_recursion(g: Grammar) -> None:
    nullable = _nullable_rules(g)
    first = {name: _first_refs(alts, nullable) for name, alts in g.rules.items()}
    for start in g.rules:
        seen, todo = set(), list(first[start])
        while todo:
            name = todo.pop()
            if name == start:
                raise GbnfError(f"unsupported grammar, left recursion detected for nonterminal {start}")
            if name not in seen and name in first:
                seen.add(name)
                todo += first[name]
