"""Quick fixes and the outline: a diagnostic's "did you mean 'x'?" applied in one click; the statements
of the file as document symbols."""

from __future__ import annotations

import re

from lsprotocol import types

from rbl.dsl.lsp.document import Document
from rbl.dsl.lsp.positions import position_of, range_of
from rbl.dsl.source import Span

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_SYMBOL_KINDS = {"asset": types.SymbolKind.Constant, "cash": types.SymbolKind.Constant,
                 "let": types.SymbolKind.Variable, "param": types.SymbolKind.Property,
                 "state": types.SymbolKind.Boolean, "sleeve": types.SymbolKind.Namespace,
                 "strategy": types.SymbolKind.File}


def quick_fixes(diagnostics: list[types.Diagnostic], uri: str) -> list[types.CodeAction]:
    """One fix per diagnostic whose help suggests a word: replace the underlined text with it."""
    actions = []
    for d in diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        found = _DID_YOU_MEAN.search(data.get("help") or d.message or "")
        if found is None:
            continue
        edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=d.range, new_text=found.group(1))]})
        actions.append(types.CodeAction(title=f"Change to '{found.group(1)}'", kind=types.CodeActionKind.QuickFix,
                                        diagnostics=[d], edit=edit, is_preferred=True))
    return actions


def symbols(doc: Document) -> list[types.DocumentSymbol]:
    """Each top-level statement (a token at column 1 starts one): declarations by name, sections by keyword."""
    starts = [i for i, t in enumerate(doc.tokens) if t.column == 1 and t.type not in ("_NL", "RBL")]
    out = []
    for n, i in enumerate(starts):
        first = doc.tokens[i]
        end = doc.tokens[starts[n + 1]].start_pos if n + 1 < len(starts) else len(doc.text)
        after = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else None
        named = after if after is not None and after.type in ("NAME", "STRING") else None
        kind = first.value if named is not None and first.value in _SYMBOL_KINDS else None
        label = named if kind else first
        whole = Span(start=first.start_pos, end=_trim(doc.text, first.start_pos, end))
        out.append(types.DocumentSymbol(
            name=label.value.strip('"') or first.value, detail=kind or "",
            kind=_SYMBOL_KINDS.get(kind, types.SymbolKind.Module),
            range=range_of(doc.source, whole),
            selection_range=types.Range(start=position_of(doc.source, label.start_pos),
                                        end=position_of(doc.source, label.end_pos))))
    return out


def _trim(text: str, start: int, end: int) -> int:
    """The end of a statement without the blank lines and comments before the next one."""
    body = text[start:end].rstrip()
    while "\n" in body and body.rsplit("\n", 1)[1].lstrip().startswith("#"):
        body = body.rsplit("\n", 1)[0].rstrip()
    return start + len(body)
