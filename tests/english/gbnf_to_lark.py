"""A GBNF recognizer for the tests: GBNF text converted back to a lark Earley grammar.

Only the GBNF subset the generator emits: `name ::= alternatives`, "strings", [classes],
rule names, groups and the ? * + quantifiers. A class directly followed by a quantifier becomes
one regex terminal, which keeps the Earley parse fast.
"""

from __future__ import annotations

import re

from lark import Lark

TOKEN = re.compile(r'\s*(?:("(?:\\.|[^"\\])*")|(\[(?:\\.|[^\]\\])*\])([*+?]?)|([a-z0-9-]+)|([()|*+?]))')


def _convert_body(body: str) -> str:
    out, pos = [], 0
    while pos < len(body.rstrip()):
        m = TOKEN.match(body, pos)
        if m is None:
            raise ValueError(f"cannot read GBNF at {body[pos:pos + 20]!r}")
        string, klass, quant, name, op = m.groups()
        if string is not None:
            out.append(string if string != '""' else "")
        elif klass is not None:
            slash = klass.replace("/", "\\/")
            # Earley's dynamic lexer refuses zero-width regexps: [c]* becomes an optional [c]+.
            out.append(f"/{slash}+/?" if quant == "*" else f"/{slash}{quant}/")
        elif name is not None:
            out.append(name.replace("-", "_"))
        else:
            out.append(op)
        pos = m.end()
    return " ".join(x for x in out if x)


def gbnf_to_lark(gbnf: str) -> str:
    rules = []
    for line in gbnf.strip().splitlines():
        name, body = line.split(" ::= ", 1)
        alternatives = [_convert_body(a) for a in _split_top(body)]
        rules.append(f"{name.replace('-', '_')}: " + " | ".join(a or "_empty" for a in alternatives))
    return "\n".join(rules) + "\n_empty: \n"


def _split_top(body: str) -> list[str]:
    """Split on '|' outside parentheses and strings."""
    parts, depth, current, in_string, escaped = [], 0, "", False, False
    for ch in body:
        if in_string:
            in_string = not (ch == '"' and not escaped)
            escaped = ch == "\\" and not escaped
        elif ch == '"':
            in_string = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return parts + [current]


def recognizer(gbnf: str) -> Lark:
    return Lark(gbnf_to_lark(gbnf), start="root", parser="earley", lexer="dynamic")
