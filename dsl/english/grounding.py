"""Grounding: a model's strategy may use only tickers and numbers the English mentioned."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rbl.dsl import ir
from rbl.dsl.english.normalize import normalize
from rbl.dsl.english.phrases import CASH_NAME

# Numbers the phrase table itself supplies as stated defaults (see docs/english.md): version 1,
# 100%, the volatility-scaled band's clamp (0.5, 2) and windows (20, 250 days), the turbulence
# percentile (80%), a year of 365 days, and "half" (50%).
DEFAULT_NUMBERS = frozenset(Decimal(n) for n in ("0", "1", "100", "0.5", "2", "20", "250", "80", "365", "50"))


def ungrounded(english: str, strategy: ir.Strategy, rbl: str, supplied: set[str] = frozenset()) -> list[str]:
    """What the strategy uses that the English never mentioned: tickers, data columns and broker
    symbols, then numbers (`supplied`: numbers rbl's own builder wrote for a slot left empty)."""
    return (_ungrounded_assets(english, strategy) + _ungrounded_strings(english, strategy)
            + _ungrounded_numbers(english, rbl, {Decimal(n) for n in supplied}))


def _ungrounded_strings(english: str, strategy: ir.Strategy) -> list[str]:
    """Each asset's column and symbol must be its own name, a word of the English, or the documented
    default for that asset: its asset-class mapping (phrases.ASSET_CLASSES), its bundled stand-in
    (tickers.STAND_INS), or NAME.US as a broker symbol. A model may not point SPY at TSLA.US."""
    said = {w.upper() for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z0-9]", english)}
    out = []
    for asset in strategy.assets:
        columns, symbols = _defaults(asset.name)
        if asset.column.upper() not in said | columns:
            out.append(f'column "{asset.column}" of {asset.name}')
        if asset.symbol.upper() not in said | symbols:
            out.append(f'symbol "{asset.symbol}" of {asset.name}')
    # a signal's column is a word of the English, always: there is no default mapping for a signal
    return out + [f'column "{s.column}" of signal {s.name}' for s in strategy.signals if s.column.upper() not in said]


def _defaults(name: str) -> tuple[set[str], set[str]]:
    from rbl.dsl.english.phrases import ASSET_CLASSES
    from rbl.dsl.english.tickers import STAND_INS

    columns, symbols = {name.upper()}, {name.upper(), f"{name.upper()}.US"}
    for _, class_name, column, symbol in ASSET_CLASSES:
        if class_name == name:
            columns.add(column.upper())
            symbols.add(symbol.upper())
    if name in STAND_INS:
        columns.add(STAND_INS[name][0])
    return columns, symbols


def _ungrounded_assets(english: str, strategy: ir.Strategy) -> list[str]:
    norm = normalize(english)
    words = {w.upper() for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", english)}
    known = words | set(norm.assets) | ({CASH_NAME} if norm.cash_mentioned else set())
    names = [a.name for a in strategy.assets] + ([strategy.cash] if strategy.cash else [])
    return [f"asset {n}" for n in names if n.upper() not in known]


def _ungrounded_numbers(english: str, rbl: str, supplied: set[Decimal]) -> list[str]:
    said = _numbers(normalize(english).text) | _numbers(english)
    allowed = said | {n * 100 for n in said} | {n / 100 for n in said} | DEFAULT_NUMBERS | supplied
    allowed |= {100 - n for n in said}
    body = "\n".join(line.split("#", 1)[0] for line in rbl.splitlines()
                     if not line.lstrip().startswith(("asset ", "strategy ")))
    return [f"number {n}" for n in dict.fromkeys(_ordered_numbers(body)) if Decimal(n) not in allowed]


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in _ordered_numbers(text)}


def _ordered_numbers(text: str) -> list[str]:
    out = []
    for n in re.findall(r"(?<![A-Za-z_])\d+(?:\.\d+)?", text):
        try:
            out.append(format(Decimal(n).normalize(), "f"))
        except InvalidOperation:
            continue
    return out


# The parts compared with the offline reader's reading: the facts English states plainly, and the rebalance rule (both
# write it with the same builder; a model that writes one meaning another way is refused, which is safe). Regime,
# signal and state declarations are left out: their defaults are the builder's, said as assumptions.
CHECKED_PARTS = ("assets", "cash", "capital", "execution", "target", "exposure", "bands", "costs", "constraints",
                 "rebalance")


def disagreements(english: str, strategy: ir.Strategy) -> list[str]:
    """The parts of a model's strategy (top-level IR fields: 'costs', 'constraints', ...) that differ from what the
    offline reader reads in the same English: its whole reading, or else each part its partial reading holds. A
    model that drops a fact the reader read (a slippage, 'no leverage', a per-asset band) is refused, never trusted."""
    from rbl.dsl.english.equivalence import comparable

    model, read = comparable(strategy), reader_parts(english)
    differ = [key for key, value in read.items() if key != "asset names" and model.get(key) != value]
    if "asset names" in read and {a["name"] for a in model["assets"]} != read["asset names"]:
        differ.insert(0, "assets")
    return differ


def reader_parts(english: str) -> dict:
    """The parts of the strategy the offline reader reads in `english`, as comparable IR: every checked part of a
    whole reading; of a partial one (a question pending) the asset names and each part the draft holds."""
    from rbl.dsl.compiler import compile_text
    from rbl.dsl.diagnostics import CompileError
    from rbl.dsl.english.equivalence import comparable
    from rbl.dsl.english.offline import partial_reading, translate_offline

    offline = translate_offline(english)
    if offline.rbl is not None:
        read = comparable(compile_text(offline.rbl).strategy)
        return {key: read.get(key) for key in CHECKED_PARTS}
    reader = partial_reading(english)
    if reader is None or not reader.draft.assets:
        return {}
    parts = {"asset names": {a.name for a in reader.draft.assets}}
    held = _parts_held(reader.draft)
    if held:
        try:
            read = comparable(compile_text(_completed(reader)).strategy)
        except CompileError:    # a draft the placeholders cannot complete: its asset names are still checked
            return parts
        parts |= {key: read.get(key) for key in held}
    return parts


def _parts_held(draft) -> list[str]:
    """The checked parts a partial draft has read (its placeholders are not readings)."""
    has = {"target": bool(draft.weights or draft.scheme or draft.branches), "costs": bool(draft.costs),
           "rebalance": bool(draft.when),
           "constraints": bool(draft.constraints), "exposure": bool(draft.exposure), "bands": bool(draft.bands),
           "execution": bool(draft.execution), "cash": draft.cash,
           "capital": any(s.startswith("capital") for s in draft.settings)}
    return [key for key in CHECKED_PARTS if has.get(key)]


def _completed(reader) -> str:
    """The partial draft made a compilable file: equal weights and a monthly rule where it has none."""
    from dataclasses import replace

    draft = replace(reader.draft)
    if not (draft.weights or draft.scheme or draft.branches):
        draft.scheme = "equal weight " + ", ".join(reader.held())
    draft.when = draft.when or "monthly"
    if draft.check is None and ("drift" in draft.when or "weight <" in draft.when):
        draft.check = "daily"       # the reader's stated default for a band, as in a whole reading
    return draft.render()


def disagreement_error(parts: list[str]) -> str:
    return (f"refused: the model's strategy differs from what the offline reader reads in the English, in: "
            f"{', '.join(parts)} (rbl translate --offline gives its reading)")
