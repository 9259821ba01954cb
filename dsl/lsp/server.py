"""`rbl lsp`: the pygls wiring over stdio. Thin: every feature is a pure function of the text in this package;
here only documents, debouncing, the client's position encoding and error reporting live."""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInternalError,
    JsonRpcInvalidParams,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from rbl.dsl import __version__
from rbl.dsl.lsp import actions, features, navigation
from rbl.dsl.lsp import completion as completion_
from rbl.dsl.lsp import hover as hover_
from rbl.dsl.lsp.document import Document, analyse

log = logging.getLogger("rbl.lsp")

# Diagnostics after a change wait this long for the next change: enough to merge the didChange bursts of
# one editor action (a paste, a multi-cursor edit, an accepted completion), short beside the 200 ms budget.
# Typing faster than checks finish costs no pile-up: one check per document runs at a time (_start).
DEBOUNCE_SECONDS = 0.05
EXPLAIN, MQL5 = "rbl/explain", "rbl/mql5"

class _Protocol(LanguageServerProtocol):
    """pygls drops a request whose params do not fit the protocol's types, and the client waits for ever:
    answer it with an InvalidParams error first."""

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException:
            if "jsonrpc" in data and "id" in data and "method" in data:
                error = JsonRpcInvalidParams(f"invalid params for {data['method']}")
                self._send_response(data["id"], error=error.to_response_error())
            raise


server = LanguageServer("rbl", __version__, protocol_cls=_Protocol)
_pending: dict[str, asyncio.TimerHandle] = {}
_checking: dict[str, asyncio.Task] = {}     # the check under way per document (the loop keeps only weak refs)
_again: set[str] = set()                    # documents changed while their check ran: check once more after


class NoDocument(Exception):
    """The request names a document that is neither open nor readable on disk."""


def guarded(handler: Callable) -> Callable:
    """A request that fails answers with a one-line JSON-RPC error; the traceback goes to stderr only.
    A request on a document the server cannot read (never opened, its file gone) has no result: null,
    which every request of the protocol allows, rather than an error the editor shows as a failure."""
    @functools.wraps(handler)
    def run(params):
        try:
            return handler(params)
        except NoDocument:
            return None
        except JsonRpcException:
            raise
        except Exception as err:
            log.exception("%s failed", handler.__name__)
            raise JsonRpcInternalError(f"internal error of rbl: {type(err).__name__}: {err}") from None
    return run


# ---- documents and positions -----------------------------------------------------------------
def _document(uri: str) -> tuple[Document, Any]:
    """The analysis of `uri`: the open document's text, else the file on disk (pygls reads it lazily)."""
    text_doc = server.workspace.get_text_document(uri)
    try:
        source = text_doc.source
    except (OSError, UnicodeDecodeError) as err:
        raise NoDocument(f"cannot read {uri}: {type(err).__name__}") from None
    return analyse(source, text_doc.path or uri), text_doc


def _open_document(uri: str):
    """The open document of `uri`, or None once closed (pygls keys documents by the unquoted URI)."""
    documents = server.workspace.text_documents
    return documents.get(uri) or documents.get(unquote(uri))


def _position_in(text_doc, position: types.Position) -> types.Position:
    """The client's position (UTF-16 units by default) as a Python character column."""
    lines = text_doc.lines
    if position.line >= len(lines):
        return position
    line, units, column = lines[position.line], 0, 0
    codec = text_doc.position_codec
    while column < len(line) and units < position.character:
        units += codec.client_num_units(line[column])
        column += 1
    return types.Position(line=position.line, character=column)


def _range_out(text_doc, r: types.Range) -> types.Range:
    codec, lines = text_doc.position_codec, text_doc.lines
    ends = [codec.position_to_client_units(lines, p) if p.line < len(lines) else p for p in (r.start, r.end)]
    return types.Range(start=ends[0], end=ends[1])


def _uri_of(params: Any) -> str:
    """The document of a custom request: {'textDocument': {'uri': ...}} (pygls gives named tuples)."""
    document = params["textDocument"] if isinstance(params, dict) else params.textDocument
    return document["uri"] if isinstance(document, dict) else document.uri


# ---- diagnostics -------------------------------------------------------------------------------
async def publish(uri: str) -> None:
    """Check the document's current text in a worker thread and publish, unless a newer change arrived
    meanwhile (that one publishes). The loop keeps reading messages while a long file compiles; requests
    on a text already analysed are answered at once, others wait for the parser (dsl.lsp.document)."""
    text_doc = _open_document(uri)
    if text_doc is None:            # closed before its turn came
        return
    version, text, path = text_doc.version, text_doc.source, text_doc.path or uri
    try:
        found = await asyncio.get_running_loop().run_in_executor(None, _diagnostics, text, path)
    except Exception:  # never let a compiler bug end the session; the editor keeps the last diagnostics
        log.exception("diagnostics failed for %s", uri)
        return
    current = _open_document(uri)
    if current is None or current.version != version or current.source != text:
        return
    for d in found:
        d.range = _range_out(current, d.range)
    server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found,
                                                                            version=version))


def _diagnostics(text: str, path: str) -> list[types.Diagnostic]:
    return features.diagnostics(analyse(text, path))


def _publish_later(uri: str) -> None:
    if (handle := _pending.pop(uri, None)) is not None:
        handle.cancel()
    loop = asyncio.get_running_loop()
    _pending[uri] = loop.call_later(DEBOUNCE_SECONDS, _start, uri)


def _start(uri: str) -> None:
    """Check the document now, or, while a check of it is under way, once that one ends: at most one
    check per document runs, and the one after it reads the newest text."""
    if (handle := _pending.pop(uri, None)) is not None:
        handle.cancel()
    if uri in _checking:
        _again.add(uri)
        return
    task = asyncio.get_running_loop().create_task(publish(uri))
    _checking[uri] = task
    task.add_done_callback(lambda _: _finished(uri))


def _finished(uri: str) -> None:
    _checking.pop(uri, None)
    if uri in _again:
        _again.discard(uri)
        _start(uri)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(params: types.DidOpenTextDocumentParams) -> None:
    _start(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(params: types.DidChangeTextDocumentParams) -> None:
    _publish_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(params: types.DidSaveTextDocumentParams) -> None:
    _start(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(params: types.DidCloseTextDocumentParams) -> None:
    if (handle := _pending.pop(params.text_document.uri, None)) is not None:
        handle.cancel()
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


# ---- requests ------------------------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded
def hover(params: types.HoverParams) -> types.Hover | None:
    doc, text_doc = _document(params.text_document.uri)
    found = hover_.hover(doc, _position_in(text_doc, params.position))
    if found is not None and found.range is not None:
        found.range = _range_out(text_doc, found.range)
    return found


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[" ", "(", ","]))
@guarded
def completion(params: types.CompletionParams) -> types.CompletionList:
    doc, text_doc = _document(params.text_document.uri)
    return completion_.completion(doc, _position_in(text_doc, params.position))


@server.feature(types.TEXT_DOCUMENT_SIGNATURE_HELP, types.SignatureHelpOptions(trigger_characters=["(", ","]))
@guarded
def signature_help(params: types.SignatureHelpParams) -> types.SignatureHelp | None:
    doc, text_doc = _document(params.text_document.uri)
    return completion_.signature_help(doc, _position_in(text_doc, params.position))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@guarded
def definition(params: types.DefinitionParams) -> types.Location | None:
    doc, text_doc = _document(params.text_document.uri)
    found = navigation.definition(doc, _position_in(text_doc, params.position), params.text_document.uri)
    if found is not None:
        found.range = _range_out(text_doc, found.range)
    return found


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@guarded
def references(params: types.ReferenceParams) -> list[types.Location]:
    doc, text_doc = _document(params.text_document.uri)
    found = navigation.references(doc, _position_in(text_doc, params.position), params.text_document.uri,
                                  params.context.include_declaration)
    for location in found:
        location.range = _range_out(text_doc, location.range)
    return found


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
@guarded
def prepare_rename(params: types.PrepareRenameParams) -> types.Range | None:
    doc, text_doc = _document(params.text_document.uri)
    found = navigation.prepare_rename(doc, _position_in(text_doc, params.position))
    return _range_out(text_doc, found) if found is not None else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
@guarded
def rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
    doc, text_doc = _document(params.text_document.uri)
    try:
        edit = navigation.rename(doc, _position_in(text_doc, params.position), params.new_name,
                                 params.text_document.uri)
    except navigation.RenameRefused as refused:
        raise JsonRpcInvalidParams(str(refused)) from None
    for edits in (edit.changes or {}).values() if edit else ():
        for e in edits:
            e.range = _range_out(text_doc, e.range)
    return edit


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
@guarded
def formatting(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    doc, text_doc = _document(params.text_document.uri)
    try:
        edits = features.formatting(doc)
    except features.NotFormatted as refused:
        server.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=str(refused)))
        return None
    for e in edits:
        e.range = _range_out(text_doc, e.range)
    return edits


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
@guarded
def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
    """The client's diagnostics come back with their ranges in its units: the fixes reuse them as they are."""
    return actions.quick_fixes(params.context.diagnostics, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded
def document_symbol(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    doc, text_doc = _document(params.text_document.uri)
    found = actions.symbols(doc)
    for symbol in found:
        symbol.range = _range_out(text_doc, symbol.range)
        symbol.selection_range = _range_out(text_doc, symbol.selection_range)
    return found


@server.feature(EXPLAIN)
@guarded
def explain_request(params: Any) -> dict:
    """{'textDocument': {'uri'}} -> {'text': the file's `rbl explain`} or {'error': why not}."""
    return _preview(features.explanation, _uri_of(params))


@server.feature(MQL5)
@guarded
def mql5_request(params: Any) -> dict:
    """{'textDocument': {'uri'}} -> {'text': the generated EA} or {'error': why not}."""
    return _preview(features.mql5, _uri_of(params))


def _preview(make: Callable[[Document], dict], uri: str) -> dict:
    try:
        return make(_document(uri)[0])
    except NoDocument as missing:
        return {"error": str(missing)}


WARM_UP = 'rbl 1\nstrategy "warm-up"\nasset SPY column "SPY" symbol "SPY"\ntarget:\n    SPY 100%\n'


def prepare() -> None:
    """Check a small strategy once, so the first document does not wait for the parser's tables (~0.5 s),
    then hide everything loaded so far (~88,000 objects) from the garbage collector. A check of a long file
    allocates well over 100,000 objects, enough for many collections, and each full one walked all those
    start-up objects again: gc.freeze() and a larger first generation cut a third of the CPU time of a
    500-line check of 14,500 tokens (bench/bench_lsp.py)."""
    features.diagnostics(Document(WARM_UP))
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def serve() -> None:
    """Serve one client over stdin/stdout; everything else (logs, stray prints) goes to stderr."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="rbl lsp: %(levelname)s %(message)s")
    prepare()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr          # a print anywhere must not corrupt the protocol stream
    server.start_io(stdin, stdout)
