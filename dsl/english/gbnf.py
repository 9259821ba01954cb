"""GBNF (llama.cpp's grammar format) generated from grammar/rbl.lark, ASCII character classes only.

Each lark rule becomes a GBNF rule; each terminal's regex is translated through Python's own regex
parser. Left-recursive rules (lark's own expansion of `x*` and of
left-associative operators) are rewritten as a base followed by a repetition, since llama.cpp refuses
left recursion; only the escapes llama.cpp's grammar parser reads are emitted (tests/english/gbnf_llama.py
checks both by llama.cpp's rules). GBNF is context-free, so it cannot count indentation: the layout tokens accept any line
break with any indentation, and the real parser still checks every answer. The result accepts a
superset of rbl (never less), which is what constraining a model needs.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:                                    # Python 3.11+: the parser moved to re._parser
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
except ImportError:                     # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

WS = 'ws ::= ([ \\t] | "#" [^\\n]*)*'
LAYOUT = {"_INDENT": "", "_DEDENT": ""}


@lru_cache(maxsize=1)
def rbl_gbnf() -> str:
    """The GBNF text for rbl: `root` is a whole .rbl file."""
    from lark import Lark

    from rbl.grammar import grammar_text

    lark = Lark(grammar_text(), parser="lalr", lexer="contextual")
    lines = ["root ::= ws r-start", WS]
    lines += [_rule_line(name, alts) for name, alts in _rules(lark).items()]
    lines += [f"{_name(t.name)} ::= ({_pattern(t.pattern)}) ws" for t in lark.terminals
              if t.name not in LAYOUT]
    text = "\n".join(lines) + "\n"
    assert text.isascii(), "GBNF must be ASCII"
    return text


def _rules(lark) -> dict[str, list[list]]:
    rules: dict[str, list[list]] = {}
    for rule in lark.rules:
        rules.setdefault(rule.origin.name, []).append(rule.expansion)
    return rules


def _rule_line(name: str, alternatives: list[list]) -> str:
    """One GBNF rule; left recursion (lark's `a: b | a c`, which llama.cpp refuses) becomes `(b) (c)*`."""
    looping = [e[1:] for e in alternatives if e and e[0].name == name]
    bases = [e for e in alternatives if not (e and e[0].name == name)]
    if not looping:
        return f"{_name(name)} ::= {_alternatives(bases)}"
    return f"{_name(name)} ::= ({_alternatives(bases)}) ({_alternatives(looping)})*"


def _alternatives(expansions: list[list]) -> str:
    return " | ".join(" ".join(_symbol(s) for s in expansion) or '""' for expansion in expansions)


def _symbol(symbol) -> str:
    if symbol.name in LAYOUT:
        return '""'
    return _name(symbol.name)


def _name(name: str) -> str:
    """GBNF rule names are lowercase letters, digits and dashes; terminals get a 't-' prefix."""
    prefix = "t-" if name.lstrip("_").isupper() else "r-"
    return prefix + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _pattern(pattern) -> str:
    if pattern.type == "str":
        return _literal(pattern.value)
    return _regex(sre_parse.parse(pattern.value))


def _literal(text: str) -> str:
    return '"' + "".join(_string_char(ord(ch)) for ch in text) + '"'


# The only escapes llama.cpp's grammar parser reads (parse_char): \x \u \U \t \r \n \\ \" \[ \];
# anything else is 'unknown escape'. Every other control or special character is written as \xHH.
_NAMED = {9: "\\t", 10: "\\n", 13: "\\r", 92: "\\\\"}


def _string_char(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if code == 34:
        return '\\"'
    return chr(code) if 32 <= code < 127 else _hex(code)


def _hex(code: int) -> str:
    if code > 0xFF:
        raise ValueError(f"non-ASCII character {code} in the grammar")
    return f"\\x{code:02X}"


def _regex(parsed) -> str:
    """A parsed regex as a GBNF sequence; runs of literal characters become one string."""
    pieces, run = [], ""
    for op, av in parsed:
        if op is sre_constants.LITERAL:
            run += chr(av)
            continue
        if run:
            pieces, run = pieces + [_literal(run)], ""
        pieces.append(_node(op, av))
    if run:
        pieces.append(_literal(run))
    return " ".join(filter(None, pieces)) or '""'


def _node(op, av) -> str:
    c = sre_constants
    if op is c.LITERAL:
        return _literal(chr(av))
    if op is c.AT:                      # \b and anchors: no text to match
        return ""
    if op is c.IN:
        return _char_class(av)
    if op is c.CATEGORY:
        return _char_class([(op, av)])
    if op is c.SUBPATTERN:
        return f"({_regex(av[-1])})"
    if op is c.BRANCH:
        return "(" + " | ".join(_regex(b) for b in av[1]) + ")"
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        return _repeat(*av)
    if op is c.NOT_LITERAL:
        return f"[^{_class_char(av)}]"
    if op is c.ANY:
        return "[^\\n]"
    raise ValueError(f"regex construct {op} has no GBNF translation")


def _repeat(low: int, high, item) -> str:
    body = f"({_regex(item)})"
    if (low, high) == (0, 1):
        return body + "?"
    if low == 0 and high is sre_constants.MAXREPEAT:
        return body + "*"
    if low == 1 and high is sre_constants.MAXREPEAT:
        return body + "+"
    raise ValueError(f"repeat {{{low},{high}}} has no GBNF translation")


_CATEGORIES = {"CATEGORY_DIGIT": "0-9", "CATEGORY_SPACE": " \\t\\n\\r\\x0C\\x0B",
               "CATEGORY_WORD": "a-zA-Z0-9_"}


def _char_class(items) -> str:
    c, negate, parts = sre_constants, False, []
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            parts.append(_class_char(av))
        elif op is c.RANGE:
            parts.append(f"{_class_char(av[0])}-{_class_char(av[1])}")
        elif op is c.CATEGORY:
            parts.append(_CATEGORIES[str(av)])
        else:
            raise ValueError(f"character class item {op} has no GBNF translation")
    return f"[{'^' if negate else ''}{''.join(parts)}]"


def _class_char(code: int) -> str:
    """One character inside [...]: '-' and '^' as hex (a range or a negation otherwise), ']' '[' escaped."""
    if code in _NAMED:
        return _NAMED[code]
    if code in (91, 93):
        return "\\" + chr(code)
    if code in (45, 94) or not 32 <= code < 127:
        return _hex(code)
    return chr(code)
