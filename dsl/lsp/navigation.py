"""Go to definition, find references and rename, for the declared names: assets, lets, params, states, sleeves."""

from __future__ import annotations

from lsprotocol import types

from rbl.dsl.lsp.document import Document, Occurrence
from rbl.dsl.lsp.positions import offset_at, range_of
from rbl.dsl.lsp.words import is_name


def _occurrence(doc: Document, position: types.Position) -> Occurrence | None:
    return doc.occurrence_at(offset_at(doc.source, position))


def definition(doc: Document, position: types.Position, uri: str) -> types.Location | None:
    occ = _occurrence(doc, position)
    found = doc.declarations().get(occ.name) if occ else None
    return types.Location(uri=uri, range=range_of(doc.source, found.span)) if found else None


def references(doc: Document, position: types.Position, uri: str, include_declaration: bool = True
               ) -> list[types.Location]:
    occ = _occurrence(doc, position)
    if occ is None:
        return []
    return [types.Location(uri=uri, range=range_of(doc.source, o.span)) for o in doc.occurrences
            if o.name == occ.name and (include_declaration or not o.declares)]


class RenameRefused(Exception):
    """The new name cannot be used; the message says why."""


def prepare_rename(doc: Document, position: types.Position) -> types.Range | None:
    occ = _occurrence(doc, position)
    if occ is None or occ.name not in doc.declarations():
        return None
    return range_of(doc.source, occ.span)


def rename(doc: Document, position: types.Position, new_name: str, uri: str) -> types.WorkspaceEdit | None:
    """Every occurrence of the declared name under the cursor, renamed; RenameRefused for a name that
    is a keyword, not a name, or already declared."""
    occ = _occurrence(doc, position)
    if occ is None or occ.name not in doc.declarations():
        return None
    if not is_name(new_name):
        raise RenameRefused(f"'{new_name}' is not a name rbl accepts (letters, digits and '_', not a keyword)")
    if new_name != occ.name and new_name in doc.declarations():
        raise RenameRefused(f"'{new_name}' is already declared")
    edits = [types.TextEdit(range=range_of(doc.source, o.span), new_text=new_name)
             for o in doc.occurrences if o.name == occ.name]
    return types.WorkspaceEdit(changes={uri: edits})
