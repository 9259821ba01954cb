"""Diagnostics, formatting and the two previews (explanation, MQL5): pure functions of the text."""

from __future__ import annotations

from lsprotocol import types

from rbl.dsl.diagnostics import Diagnostic, Severity
from rbl.dsl.lsp.document import PARSER_LOCK, Document
from rbl.dsl.lsp.positions import range_of, whole

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


def diagnostics(doc: Document) -> list[types.Diagnostic]:
    """What `rbl check` reports, code for code and range for range, with help and notes in the message."""
    return [_lsp_diagnostic(doc, d) for d in sorted(doc.result.diagnostics, key=Diagnostic.sort_key)]


def _lsp_diagnostic(doc: Document, d: Diagnostic) -> types.Diagnostic:
    lines = [d.message, *(f"note: {n}" for n in d.notes)] + ([f"help: {d.help}"] if d.help else [])
    return types.Diagnostic(range=range_of(doc.source, d.span), message="\n".join(lines), code=d.code,
                            severity=_SEVERITY[d.severity], source="rbl",
                            data={"message": d.message, "help": d.help, "notes": list(d.notes)})


class NotFormatted(Exception):
    """The formatter refuses the text; the message says why, in one line."""


def formatting(doc: Document) -> list[types.TextEdit]:
    """One edit replacing the whole document with `rbl fmt`'s text; none when it is already canonical.
    Raises NotFormatted when the file has errors the formatter cannot print around (it never guesses)."""
    from rbl.dsl.diagnostics import CompileError
    from rbl.dsl.fmt import format_source
    try:
        with PARSER_LOCK:
            text = format_source(doc.source)
    except CompileError as err:
        raise NotFormatted(_first_problem(doc, err.diagnostics)) from None
    return [] if text == doc.text else [types.TextEdit(range=whole(doc.source), new_text=text)]


def _first_problem(doc: Document, found: list[Diagnostic]) -> str:
    first = min(found, key=Diagnostic.sort_key)
    where = f"line {doc.source.line_col(first.span.start)[0]}: " if first.span else ""
    return f"not formatted: {where}{first.message} [{first.code}]"


def explanation(doc: Document) -> dict:
    """`rbl explain` of the whole file: {'text': ...} or {'error': ...} when it does not check."""
    from rbl.dsl.explain import explain
    checked = doc.result.checked if doc.result.ok else None
    if checked is None:
        return {"error": _not_checked(doc)}
    return {"text": explain(checked.strategy)}


def mql5(doc: Document) -> dict:
    """`rbl compile --target mql5` of the whole file: {'text': ...} or {'error': ...}."""
    from rbl.backends.mql5.emit import Unsupported, emit_mql5
    if not doc.result.ok:
        return {"error": _not_checked(doc)}
    try:
        return {"text": emit_mql5(doc.result.checked, doc.source)}
    except Unsupported as err:
        return {"error": f"not compiled: {err}"}


def _not_checked(doc: Document) -> str:
    errors = [d for d in doc.result.diagnostics if d.severity is Severity.ERROR]
    return _first_problem(doc, errors).replace("not formatted", "the file has errors") + \
        (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
