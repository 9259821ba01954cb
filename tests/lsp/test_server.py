"""The real server over stdio, as VS Code drives it: pytest-lsp starts `python -m rbl lsp --stdio` (what the
extension runs) with VS Code's client capabilities and checks every answer against them (LspSpecificationWarning)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'rbl[lsp]' or the test extra)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed (the test extra)")

import pytest_asyncio
from lsprotocol import types as t
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

from tests.lsp.helpers import CASES, EXAMPLES, ROOT, at

pytestmark = pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning")
asyncio_test = pytest.mark.asyncio(loop_scope="module")

VOL_BANDS = (ROOT / "examples" / "volatility_scaled_bands.rbl").read_text()
MISSPELLED = (ROOT / "tests" / "cases" / "e0101_misspelled_keyword.rbl").read_text()
URI, BAD = "file:///work/vol.rbl", "file:///work/my%20strategies/bad.rbl"
SERVER = [sys.executable, "-m", "rbl", "lsp"]
VS_CODE_STARTS = [*SERVER, "--stdio"]      # vscode-languageclient appends --stdio to the extension's command
TIMEOUT = 60
SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning}


def _client() -> LanguageClient:
    """pytest-lsp's client, which also keeps every publishDiagnostics in order (it keeps only the last
    per document): a test waits for the one of its document and version."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def published(client: LanguageClient, params: t.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published})
    return client


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=VS_CODE_STARTS, client_factory=_client))
async def lsp(lsp_client: LanguageClient):
    params = t.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    lsp_client.initialized_with = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def diagnostics_of(client: LanguageClient, uri: str, version: int | None = None) -> t.PublishDiagnosticsParams:
    """The first publishDiagnostics not yet read for `uri` (of `version`, if given); earlier ones of that
    document are dropped."""
    async def arrived():
        while True:
            for i, params in enumerate(client.published):
                if params.uri == uri and (version is None or params.version == version):
                    client.published[: i + 1] = [p for p in client.published[:i] if p.uri != uri]
                    return params
            await asyncio.sleep(0.005)
    return await asyncio.wait_for(arrived(), TIMEOUT)


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id="rbl", version=version, text=text)))


def change(client: LanguageClient, uri: str, version: int, change: t.TextDocumentContentChangeEvent) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))


def pos(marker: str, shift: int = 0, text: str = VOL_BANDS) -> t.Position:
    line, char = at(text, marker, shift)
    return t.Position(line=line, character=char)


def doc(uri: str = URI) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri)


def rng(l1: int, c1: int, l2: int, c2: int) -> t.Range:
    return t.Range(start=t.Position(line=l1, character=c1), end=t.Position(line=l2, character=c2))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def vol(lsp: LanguageClient) -> LanguageClient:
    """The client with the volatility-scaled bands example open and checked."""
    open_doc(lsp, URI, VOL_BANDS)
    await diagnostics_of(lsp, URI)
    return lsp


@asyncio_test
async def test_initialize_announces_every_feature(lsp: LanguageClient):
    caps = lsp.initialized_with.capabilities
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.completion_provider and caps.signature_help_provider and caps.document_formatting_provider
    assert caps.rename_provider == t.RenameOptions(prepare_provider=True)


@asyncio_test
async def test_an_error_file_gets_its_diagnostic_on_open(lsp: LanguageClient):
    open_doc(lsp, BAD, MISSPELLED)
    (d,) = (await diagnostics_of(lsp, BAD)).diagnostics
    assert (d.code, d.severity, d.source) == ("E0101", t.DiagnosticSeverity.Error, "rbl")
    assert d.range == rng(9, 0, 9, 9)
    assert d.message == "unknown keyword 'rebalence'\nhelp: did you mean 'rebalance'?"


@asyncio_test
async def test_every_example_opens_without_diagnostics(lsp: LanguageClient):
    for path in EXAMPLES:
        uri = f"file:///work/examples/{path.name}"
        open_doc(lsp, uri, path.read_text())
        assert not (await diagnostics_of(lsp, uri)).diagnostics, path.name


def _rbl_check_json(paths) -> list[list[dict]]:
    """`rbl check --format json` on every path in one run: one JSON array per file, in order."""
    done = subprocess.run([sys.executable, "-m", "rbl", "check", "--format", "json", *map(str, paths)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    decoder, text, arrays, end = json.JSONDecoder(), done.stdout, [], 0
    while (start := len(text) - len(text[end:].lstrip())) < len(text):     # the next array's first character
        found, end = decoder.raw_decode(text, start)
        arrays.append(found)
    return arrays


@asyncio_test
async def test_every_case_file_gets_the_diagnostics_of_rbl_check_json(lsp: LanguageClient):
    """Code for code and range for range the JSON of `rbl check` (1-based there, 0-based in LSP)."""
    expected_all = _rbl_check_json(CASES)
    assert len(expected_all) == len(CASES)
    for path, expected in zip(CASES, expected_all):
        uri = f"file:///work/cases/{path.name}"
        open_doc(lsp, uri, path.read_text())
        got = (await diagnostics_of(lsp, uri)).diagnostics
        assert expected and [d.code for d in got] == [e["code"] for e in expected], path.name
        for d, e in zip(got, expected):
            assert (d.data["message"], d.data["help"], d.data["notes"]) == (e["message"], e["help"], e["notes"])
            assert d.severity == SEVERITY[e["severity"]]
            if "line" in e:
                r = d.range
                assert (r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1) == \
                    (e["line"], e["column"], e["end_line"], e["end_column"]), path.name


@asyncio_test
async def test_quick_changes_are_checked_once_at_the_last_text(lsp: LanguageClient):
    uri = "file:///work/typing.rbl"
    open_doc(lsp, uri, VOL_BANDS)
    await diagnostics_of(lsp, uri)
    for version, typed in enumerate(["when drift > b", "when drift > ba", "when drift > ban", "when drift > bnd"], 2):
        text = VOL_BANDS.replace("when drift > band", typed)
        change(lsp, uri, version, t.TextDocumentContentChangeWholeDocument(text=text))
    params = await diagnostics_of(lsp, uri)
    assert params.version == 5 and [d.code for d in params.diagnostics] == ["E0202"]
    assert "did you mean 'band'?" in params.diagnostics[0].message


@asyncio_test
async def test_an_incremental_change_is_applied_before_checking(lsp: LanguageClient):
    uri = "file:///work/incremental.rbl"
    open_doc(lsp, uri, VOL_BANDS)
    await diagnostics_of(lsp, uri)
    start = pos("AGG 40%", 4)
    end = t.Position(line=start.line, character=start.character + 2)
    change(lsp, uri, 2, t.TextDocumentContentChangePartial(range=t.Range(start=start, end=end), text="30"))
    assert [d.code for d in (await diagnostics_of(lsp, uri, 2)).diagnostics] == ["E0401"]


@asyncio_test
async def test_hover(vol: LanguageClient):
    found = await vol.text_document_hover_async(t.HoverParams(text_document=doc(), position=pos("SPY 60%")))
    assert "MetaTrader 5 symbol `SPY.US`" in found.contents.value
    assert found.range == rng(11, 4, 11, 7)
    function = await vol.text_document_hover_async(t.HoverParams(text_document=doc(), position=pos("vol(SPY, 2")))
    assert function.contents.value == "```rbl\nvol(series, window)\n```\n- `vol(x, n)`: sample stdev (ddof 1) of " \
                                      "the last n simple returns of x, times `sqrt(P)`\n- `P` (periods per year " \
                                      "for `vol`) is `annualize N days` when declared, else 252."


@asyncio_test
async def test_completion_of_units_and_signature_help(vol: LanguageClient):
    uri = "file:///work/complete.rbl"
    text = VOL_BANDS.replace("when drift > band", "when drift > 5")
    open_doc(vol, uri, text)
    found = await vol.text_document_completion_async(
        t.CompletionParams(text_document=doc(uri), position=pos("> 5", 3, text)))
    assert {"pp", "%", "bps"} <= {i.label for i in found.items}
    uri, call = "file:///work/call.rbl", VOL_BANDS.replace("when drift > band", "when drift > sma(SPY, ")
    open_doc(vol, uri, call)
    found = await vol.text_document_signature_help_async(
        t.SignatureHelpParams(text_document=doc(uri), position=pos("sma(SPY, ", 9, call)))
    assert found.signatures[0].label == "sma(series, window)" and found.active_parameter == 1


@asyncio_test
async def test_completion_in_a_rebalance_block_offers_its_rules(vol: LanguageClient):
    uri, text = "file:///work/rules.rbl", VOL_BANDS + "    "
    open_doc(vol, uri, text)
    end = t.Position(line=text.count("\n"), character=4)
    found = await vol.text_document_completion_async(t.CompletionParams(text_document=doc(uri), position=end))
    assert {"check", "when", "to", "trade"} <= {i.label for i in found.items}


@asyncio_test
async def test_definition_and_references(vol: LanguageClient):
    found = await vol.text_document_definition_async(t.DefinitionParams(text_document=doc(), position=pos("> band", 2)))
    assert found == t.Location(uri=URI, range=rng(8, 4, 8, 8))
    refs = await vol.text_document_references_async(t.ReferenceParams(
        text_document=doc(), position=pos("SPY 60%"), context=t.ReferenceContext(include_declaration=True)))
    assert len(refs) == 4


@asyncio_test
async def test_rename_and_its_refusals(vol: LanguageClient):
    at_keyword = t.PrepareRenameParams(text_document=doc(), position=pos("check"))
    assert await vol.text_document_prepare_rename_async(at_keyword) is None
    at_spy = t.PrepareRenameParams(text_document=doc(), position=pos("SPY 60%"))
    assert await vol.text_document_prepare_rename_async(at_spy) == rng(11, 4, 11, 7)
    edit = await vol.text_document_rename_async(t.RenameParams(text_document=doc(), position=pos("SPY 60%"),
                                                               new_name="STOCKS"))
    assert [e.new_text for e in edit.changes[URI]] == ["STOCKS"] * 4
    with pytest.raises(JsonRpcInvalidParams, match="not a name rbl accepts") as refused:
        await vol.text_document_rename_async(t.RenameParams(text_document=doc(), position=pos("SPY 60%"),
                                                            new_name="when"))
    assert refused.value.data is None


@asyncio_test
async def test_formatting_and_its_refusal(vol: LanguageClient):
    uri, options = "file:///work/messy.rbl", t.FormattingOptions(tab_size=4, insert_spaces=True)
    open_doc(vol, uri, VOL_BANDS.replace("check daily", "check    daily"))
    (edit,) = await vol.text_document_formatting_async(t.DocumentFormattingParams(text_document=doc(uri),
                                                                                  options=options))
    assert edit.new_text == VOL_BANDS
    open_doc(vol, BAD, MISSPELLED)
    assert await vol.text_document_formatting_async(t.DocumentFormattingParams(text_document=doc(BAD),
                                                                               options=options)) is None
    await asyncio.sleep(0.2)      # the showMessage notification follows the answer
    assert vol.messages[-1].message == "not formatted: line 10: unknown keyword 'rebalence' [E0101]"


@asyncio_test
async def test_a_quick_fix_and_the_outline(vol: LanguageClient):
    uri = "file:///work/fix.rbl"
    open_doc(vol, uri, MISSPELLED)
    (d,) = (await diagnostics_of(vol, uri)).diagnostics
    (fix,) = await vol.text_document_code_action_async(t.CodeActionParams(
        text_document=doc(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
    assert fix.kind == t.CodeActionKind.QuickFix
    assert list(fix.edit.changes[uri]) == [t.TextEdit(range=d.range, new_text="rebalance")]
    outline = await vol.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc()))
    assert [s.name for s in outline] == ["Volatility-scaled bands", "SPY", "AGG", "band", "target", "rebalance"]


async def _custom(client: LanguageClient, method: str, uri: str) -> dict:
    answer = await client.protocol.send_request_async(method, {"textDocument": {"uri": uri}})
    return {name: getattr(answer, name) for name in ("text", "error") if hasattr(answer, name)}


@asyncio_test
async def test_the_explain_and_mql5_requests(vol: LanguageClient):
    from rbl.dsl.compiler import compile_text
    from rbl.dsl.explain import explain
    assert await _custom(vol, "rbl/explain", URI) == {"text": explain(compile_text(VOL_BANDS).strategy)}
    mql5 = (await _custom(vol, "rbl/mql5", URI))["text"]
    assert "OnTick" in mql5 and "#property" in mql5
    open_doc(vol, BAD, MISSPELLED)
    assert "E0101" in (await _custom(vol, "rbl/mql5", BAD))["error"]
    assert (await _custom(vol, "rbl/explain", BAD))["error"].startswith("the file has errors: line 10: ")


@asyncio_test
async def test_positions_are_utf16_code_units(lsp: LanguageClient):
    """A character outside the BMP counts two UTF-16 units: the range after it is shifted by one more."""
    uri = "file:///work/emoji.rbl"
    text = VOL_BANDS.replace('symbol "SPY.US"', 'symbol "SPY.US\U0001F600" zz')
    open_doc(lsp, uri, text)
    (d,) = (await diagnostics_of(lsp, uri)).diagnostics
    line, char = at(text, "zz")
    assert d.range.start == t.Position(line=line, character=char + 1)
    found = await lsp.text_document_hover_async(t.HoverParams(text_document=doc(uri),
                                                              position=t.Position(line=line, character=char + 1)))
    assert found.contents.value == "`zz`: not declared in this file"
    assert found.range.start == t.Position(line=line, character=char + 1)
    before = await lsp.text_document_hover_async(t.HoverParams(text_document=doc(uri),     # the space, in UTF-16
                                                               position=t.Position(line=line, character=char)))
    assert before is None or "zz" not in before.contents.value


@asyncio_test
async def test_requests_on_a_document_never_opened_and_missing_on_disk_answer_null(vol: LanguageClient):
    """Editors send hover for a tab whose file was deleted, or before didOpen: no result, not an error."""
    missing, at0 = doc("file:///nowhere/missing.rbl"), t.Position(line=0, character=0)
    assert await vol.text_document_hover_async(t.HoverParams(text_document=missing, position=at0)) is None
    assert await vol.text_document_definition_async(t.DefinitionParams(text_document=missing, position=at0)) is None
    assert await vol.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=missing)) is None
    assert (await _custom(vol, "rbl/explain", "file:///nowhere/missing.rbl"))["error"].startswith("cannot read ")
    assert await vol.text_document_hover_async(t.HoverParams(text_document=doc(), position=pos("SPY 60%")))


@asyncio_test
async def test_a_document_never_opened_is_read_from_disk(vol: LanguageClient):
    path = ROOT / "examples" / "volatility_scaled_bands.rbl"
    found = await vol.text_document_hover_async(t.HoverParams(text_document=doc(path.as_uri()), position=pos("SPY 60%")))
    assert "MetaTrader 5 symbol `SPY.US`" in found.contents.value


def test_an_internal_error_is_one_line_with_the_traceback_on_stderr_only(caplog):
    from rbl.dsl.lsp.server import guarded

    @guarded
    def broken(params):
        return {}["missing"]
    with pytest.raises(JsonRpcInternalError, match="^internal error of rbl: KeyError: 'missing'$") as failed:
        broken(None)
    assert failed.value.data is None and "Traceback" in caplog.text


@asyncio_test
async def test_random_edits_never_break_the_session(lsp: LanguageClient):
    """Seeded random edits of an example, each followed by hover, completion and formatting requests: every
    one is answered with a result (never an error), and the diagnostics of the last text arrive."""
    import random
    rng_ = random.Random(16)
    uri, text = "file:///work/fuzz.rbl", VOL_BANDS
    open_doc(lsp, uri, text)
    await diagnostics_of(lsp, uri)
    pieces = ["\n", "    ", ":", "(", ")", "5pp", "%", "if ", "else:", "drift", "\t", '"', "#", "é", "\U0001F600", ""]
    options = t.FormattingOptions(tab_size=4, insert_spaces=True)
    for version in range(2, 42):
        start = rng_.randrange(len(text) + 1)
        text = text[:start] + rng_.choice(pieces) + text[start + rng_.randrange(4):]
        change(lsp, uri, version, t.TextDocumentContentChangeWholeDocument(text=text))
        where = t.Position(line=rng_.randrange(text.count("\n") + 2), character=rng_.randrange(40))
        await lsp.text_document_hover_async(t.HoverParams(text_document=doc(uri), position=where))
        await lsp.text_document_completion_async(t.CompletionParams(text_document=doc(uri), position=where))
        await lsp.text_document_formatting_async(t.DocumentFormattingParams(text_document=doc(uri), options=options))
    last = await diagnostics_of(lsp, uri, 41)
    assert all(d.code != "internal" for d in last.diagnostics)


def _framed(out: bytes) -> list[dict]:
    """The messages of a stdout stream, asserting it holds nothing else: header lines up to a blank line,
    one of them Content-Length, then that many bytes of JSON."""
    messages = []
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        out = rest[length:]
    return messages


def test_rbl_lsp_writes_only_protocol_messages_answers_malformed_params_and_exits_0():
    """Bytes in, bytes out, no client library (which would refuse to send malformed params): everything on
    stdout is a framed JSON-RPC message (a stray print would corrupt the stream), a request whose params do
    not fit the protocol is answered with InvalidParams (pygls alone drops it and the editor waits for ever),
    and `shutdown` then `exit` ends the process with 0."""
    messages = [{"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
                {"method": "initialized", "params": {}},
                {"method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": URI, "languageId": "rbl", "version": 1, "text": VOL_BANDS}}},
                {"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI},
                                                                     "position": {"line": 11, "character": 5}}},
                {"id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI},
                                                                     "position": {"line": "x"}}},
                {"id": 4, "method": "shutdown"}, {"method": "exit"}]
    bodies = [json.dumps({"jsonrpc": "2.0", **m}).encode() for m in messages]
    stdin = b"".join(b"Content-Length: %d\r\n\r\n" % len(b) + b for b in bodies)
    done = subprocess.run(SERVER, input=stdin, capture_output=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0
    answers = {m["id"]: m for m in _framed(done.stdout) if "id" in m}
    assert "SPY.US" in answers[2]["result"]["contents"]["value"]
    assert answers[3]["error"] == {"code": -32602, "message": "invalid params for textDocument/hover"}
    assert answers[4]["result"] is None
