"""Hover: what the word under the cursor means, in the compiler's own words."""

from __future__ import annotations

from lark import Token
from lsprotocol import types

from rbl.dsl import ir
from rbl.dsl.ir.walk import walk
from rbl.dsl.lsp.document import Document, Occurrence
from rbl.dsl.lsp.positions import offset_at, range_of
from rbl.dsl.lsp.words import function_help, unit_meaning
from rbl.dsl.source import Span

_SETTINGS = ("execution", "mode", "capital", "annualize", "benchmark")


def hover(doc: Document, position: types.Position) -> types.Hover | None:
    offset = offset_at(doc.source, position)
    token = doc.token_at(offset)
    if token is None:
        return None
    text = _hover_text(doc, token, offset)
    if not text:
        return None
    span = Span(start=token.start_pos, end=token.end_pos)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=range_of(doc.source, span))


def _hover_text(doc: Document, token: Token, offset: int) -> str | None:
    if token.type == "NAME":
        occ = doc.occurrence_at(offset)
        return name_help(doc, occ.name) if occ else None
    if token.type == "FUNC":
        return function_help(token.value)
    if token.type in ("NUMBER", "UNIT", "CURRENCY"):      # a lot size or the capital: the statement's words
        return quantity_help(doc, offset) or rule_help(doc, offset)
    if token.type == "SERIES":
        return series_help(token.value)
    return rule_help(doc, offset)


# ---- names ---------------------------------------------------------------------------------
def name_help(doc: Document, name: str) -> str | None:
    """An asset's column and symbol; a let, param or state's definition and value range."""
    occ = doc.declarations().get(name)
    if occ is None:
        return f"`{name}`: not declared in this file"
    strategy = doc.strategy
    head = f"```rbl\n{declaration_text(doc, occ)}\n```"
    detail = _detail(doc, strategy, occ) if strategy is not None else None
    return head + (f"\n\n{detail}" if detail else "")


def _detail(doc: Document, strategy: ir.Strategy, occ: Occurrence) -> str | None:
    kind, name = occ.declares, occ.name
    if kind == "asset" and (asset := strategy.asset(name)) is not None:
        lot = f"; traded in steps of {asset.lot:g}" if asset.lot else ""
        return f"asset **{name}**: data column `{asset.column}`, MetaTrader 5 symbol `{asset.symbol}`{lot}"
    if kind == "param" and (param := strategy.param(name)) is not None:
        q = _english
        return (f"parameter **{name}**: {q(param.default, strategy)} by default; "
                f"range {q(param.lo, strategy)} to {q(param.hi, strategy)} in steps of {q(param.step, strategy)}")
    if kind == "let":
        return f"let **{name}**: {let_range(strategy, name)}" + _sentence(doc, f"let {name}")
    if kind == "state":
        return f"state **{name}**: true or false, kept from bar to bar" + _sentence(doc, f"state {name}")
    if kind == "sleeve":
        return f"sleeve **{name}**" + _sentence(doc, f"sleeve {name}")
    if kind == "cash":
        return f"cash sleeve **{name}**: earns nothing; weights that are not held go to it"
    if kind == "signal" and (signal := strategy.signal(name)) is not None:
        gap = f"a gap is carried over {signal.stale_bars} bars at most" if signal.stale_bars else "every bar needs a value"
        return (f"signal **{name}**: data column `{signal.column}`, read, never traded; {gap}, else the decision "
                f"waits; in MetaTrader 5, read from a file in the common data folder")
    return None


def let_range(strategy: ir.Strategy, name: str) -> str:
    """What a let measures (the checker's type), and whether it is one value per asset."""
    from rbl.dsl.check.context import CheckContext
    from rbl.dsl.check.infer import Inferrer
    found = Inferrer(CheckContext(strategy)).let_type(name)
    return found.kind.value + (", one value per asset" if found.per_asset else "")


def declaration_text(doc: Document, occ: Occurrence) -> str:
    """The declaration's line, with the indented block under it (a state's rules, a sleeve's sections)."""
    line, _ = doc.source.line_col(occ.span.start)
    lines = [doc.source.line_text(line)]
    for number in range(line + 1, min(line + 12, len(doc.source.line_starts)) + 1):
        text = doc.source.line_text(number)
        if text.strip() and not text.startswith((" ", "\t")):
            break
        lines.append(text)
    return "\n".join(lines).rstrip()


# ---- quantities and series -----------------------------------------------------------------
def quantity_help(doc: Document, offset: int) -> str | None:
    strategy = doc.strategy
    if strategy is None:
        return None
    found = [n for n in walk(strategy) if isinstance(n, ir.Quantity) and n.span is not None
             and n.span.start <= offset <= n.span.end]
    if not found:
        return None
    q = min(found, key=lambda n: n.span.end - n.span.start)
    return f"**{_english(q, strategy)}**: {unit_meaning(q.unit)}"


def _english(q: ir.Quantity, strategy: ir.Strategy) -> str:
    from rbl.dsl.english.phrases import english_quantity
    return english_quantity(q.value, q.unit, strategy.currency)


def series_help(word: str) -> str | None:
    from rbl.dsl.english.phrases import SERIES_ENGLISH
    series = next((s for s in ir.Series if s.value == word or (word == "its band" and s is ir.Series.BAND)), None)
    return f"`{word}`: {SERIES_ENGLISH[series]}" if series is not None else None


# ---- rules -----------------------------------------------------------------------------------
def rule_help(doc: Document, offset: int) -> str | None:
    """The `rbl explain` sentences of the rule (or section) the cursor is in."""
    if doc.strategy is None or not doc.result.ok:
        return None
    keys = part_keys(doc, offset)
    if keys and keys[0].startswith(("asset ", "let ", "param ", "state ", "cash ")):
        return name_help(doc, keys[0].split()[1])
    from rbl.dsl.explain import explain, explain_parts
    if keys == ["strategy"]:
        return explain(doc.strategy).split("\n\n")[0]          # the summary paragraph
    parts = explain_parts(doc.strategy)
    return "\n".join(f"- {b}" for key in keys for b in parts.get(key, [])) or None


_REBALANCE_RULES = ("check", "when", "trade")


def part_keys(doc: Document, offset: int) -> list[str]:
    """The parts of the strategy the cursor is in, as `dsl.explain.explain_parts` names them: the
    statement that starts at the nearest unindented line above, and the rule of a `rebalance:` block."""
    source = doc.source
    line, _ = source.line_col(offset)
    top = line
    while top > 1 and (not source.line_text(top).strip() or source.line_text(top)[:1] in (" ", "\t", "#")):
        top -= 1
    head, words = source.line_text(top).split(), source.line_text(line).split()
    if not head:
        return []
    first = head[0].rstrip(":")
    if first in ("rbl", "strategy"):
        return ["strategy"]
    if first in ("asset", "let", "param", "state", "sleeve", "cash") and len(head) > 1:
        return [f"{first} {head[1]}"]
    if first == "rebalance":
        rule = {"to": "trade"}.get(words[0], words[0]) if line != top and words else None
        return [rule] if rule in _REBALANCE_RULES else list(_REBALANCE_RULES)
    return ["settings" if first in _SETTINGS else first]


def _sentence(doc: Document, key: str) -> str:
    """The explanation's sentence, once the file checks (explaining half-checked IR would guess)."""
    from rbl.dsl.explain import explain_parts
    if not doc.result.ok:
        return ""
    return "".join(f"\n\n{b}" for b in explain_parts(doc.strategy).get(key, []))
