"""The real server over stdio, driven with JSON-RPC messages as an editor sends them."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'rbl[lsp]' or the test extra)")

from tests.lsp.client import LspClient
from tests.lsp.helpers import CASES, EXAMPLES, ROOT, at

VOL_BANDS = (ROOT / "examples" / "volatility_scaled_bands.rbl").read_text()
MISSPELLED = (ROOT / "tests" / "cases" / "e0101_misspelled_keyword.rbl").read_text()
URI, BAD = "file:///work/vol.rbl", "file:///work/my%20strategies/bad.rbl"


@pytest.fixture(scope="module")
def lsp():
    client = LspClient()
    client.capabilities = client.initialize()["capabilities"]
    client.open(URI, VOL_BANDS)
    client.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == URI)
    yield client
    if client.proc.poll() is None:
        client.proc.kill()


def _doc(uri: str, marker: str, shift: int = 0, text: str = VOL_BANDS) -> dict:
    line, char = at(text, marker, shift)
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": char}}


def test_initialize_announces_every_feature(lsp):
    caps = lsp.capabilities
    for feature in ("hoverProvider", "completionProvider", "definitionProvider", "referencesProvider",
                    "renameProvider", "documentFormattingProvider"):
        assert caps.get(feature), feature


def test_an_error_file_gets_its_diagnostic_on_open(lsp):
    lsp.open(BAD, MISSPELLED)
    params = lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == BAD)
    (d,) = params["diagnostics"]
    assert (d["code"], d["severity"], d["source"]) == ("E0101", 1, "rbl")
    assert d["range"] == {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 9}}
    assert d["message"] == "unknown keyword 'rebalence'\nhelp: did you mean 'rebalance'?"


def test_every_case_file_gets_rbl_checks_diagnostics_and_every_example_none(lsp):
    """Code for code and range for range `rbl check --format json` (1-based there, 0-based in LSP)."""
    import json

    from rbl.dsl.compiler import compile_source
    from rbl.dsl.diagnostics import to_json
    from rbl.dsl.source import SourceFile
    for path in [*CASES, *EXAMPLES]:
        uri, text = f"file:///work/all/{path.name}", path.read_text()
        lsp.open(uri, text)
        got = lsp.notification("textDocument/publishDiagnostics", where=lambda p, u=uri: p["uri"] == u)
        source = SourceFile(str(path), text)
        expected = json.loads(to_json(source, compile_source(source).diagnostics))
        assert [d["code"] for d in got["diagnostics"]] == [e["code"] for e in expected], path.name
        for d, e in zip(got["diagnostics"], expected):
            assert d["data"]["message"] == e["message"] and d["data"]["help"] == e["help"]
            if "line" in e:
                start, end = d["range"]["start"], d["range"]["end"]
                assert (start["line"] + 1, start["character"] + 1, end["line"] + 1, end["character"] + 1) == \
                    (e["line"], e["column"], e["end_line"], e["end_column"]), path.name
        assert (path in CASES) == bool(expected)


def test_changes_are_debounced_into_one_publish_of_the_last_text(lsp):
    uri = "file:///work/typing.rbl"
    lsp.open(uri, VOL_BANDS)
    lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    for version, typed in enumerate(["when drift > b", "when drift > ba", "when drift > ban", "when drift > bnd"], 2):
        text = VOL_BANDS.replace("when drift > band", typed)
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": text}]})
    params = lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    assert params["version"] == 5 and [d["code"] for d in params["diagnostics"]] == ["E0202"]
    assert "did you mean 'band'?" in params["diagnostics"][0]["message"]


def test_an_incremental_change_is_applied_before_checking(lsp):
    uri = "file:///work/incremental.rbl"
    lsp.open(uri, VOL_BANDS)
    lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    line, char = at(VOL_BANDS, "AGG 40%", 4)
    change = {"range": {"start": {"line": line, "character": char}, "end": {"line": line, "character": char + 2}},
              "text": "30"}
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]})
    params = lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    assert [d["code"] for d in params["diagnostics"]] == ["E0401"]


def test_hover(lsp):
    result = lsp.request("textDocument/hover", _doc(URI, "SPY 60%"))["result"]
    assert "MetaTrader 5 symbol `SPY.US`" in result["contents"]["value"]
    assert result["range"] == {"start": {"line": 11, "character": 4}, "end": {"line": 11, "character": 7}}


def test_completion(lsp):
    uri = "file:///work/complete.rbl"
    text = VOL_BANDS.replace("when drift > band", "when drift > 5")
    lsp.open(uri, text)
    items = lsp.request("textDocument/completion", _doc(uri, "> 5", 3, text))["result"]["items"]
    assert {"pp", "%", "bps"} <= {i["label"] for i in items}
    call = VOL_BANDS.replace("when drift > band", "when drift > sma(SPY, ")
    lsp.open("file:///work/call.rbl", call)
    found = lsp.request("textDocument/signatureHelp", _doc("file:///work/call.rbl", "sma(SPY, ", 9, call))["result"]
    assert found["signatures"][0]["label"] == "sma(series, window)" and found["activeParameter"] == 1


def test_definition_references_and_rename(lsp):
    found = lsp.request("textDocument/definition", _doc(URI, "> band", 2))["result"]
    assert found == {"uri": URI, "range": {"start": {"line": 8, "character": 4}, "end": {"line": 8, "character": 8}}}
    refs = lsp.request("textDocument/references", {**_doc(URI, "SPY 60%"), "context": {"includeDeclaration": True}})
    assert len(refs["result"]) == 4
    assert lsp.capabilities["renameProvider"] == {"prepareProvider": True}
    assert lsp.request("textDocument/prepareRename", _doc(URI, "check"))["result"] is None
    assert lsp.request("textDocument/prepareRename", _doc(URI, "SPY 60%"))["result"] == \
        {"start": {"line": 11, "character": 4}, "end": {"line": 11, "character": 7}}
    edit = lsp.request("textDocument/rename", {**_doc(URI, "SPY 60%"), "newName": "STOCKS"})["result"]
    assert [e["newText"] for e in edit["changes"][URI]] == ["STOCKS"] * 4
    refused = lsp.request("textDocument/rename", {**_doc(URI, "SPY 60%"), "newName": "when"})
    assert "not a name rbl accepts" in refused["error"]["message"] and "data" not in refused["error"]


def test_formatting_and_its_refusal(lsp):
    uri = "file:///work/messy.rbl"
    lsp.open(uri, VOL_BANDS.replace("check daily", "check    daily"))
    options = {"tabSize": 4, "insertSpaces": True}
    (edit,) = lsp.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": options})["result"]
    assert edit["newText"] == VOL_BANDS
    answer = lsp.request("textDocument/formatting", {"textDocument": {"uri": BAD}, "options": options})
    assert answer["result"] is None
    shown = lsp.notification("window/showMessage", where=lambda p: "not formatted" in p["message"])
    assert shown["message"] == "not formatted: line 10: unknown keyword 'rebalence' [E0101]"


def test_a_quick_fix_and_the_outline(lsp):
    lsp.open("file:///work/fix.rbl", MISSPELLED)
    (d,) = lsp.notification("textDocument/publishDiagnostics",
                            where=lambda p: p["uri"] == "file:///work/fix.rbl")["diagnostics"]
    (fix,) = lsp.request("textDocument/codeAction", {"textDocument": {"uri": "file:///work/fix.rbl"},
                                                     "range": d["range"], "context": {"diagnostics": [d]}})["result"]
    assert fix["kind"] == "quickfix" and fix["edit"]["changes"]["file:///work/fix.rbl"] == \
        [{"range": d["range"], "newText": "rebalance"}]
    outline = lsp.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})["result"]
    assert [s["name"] for s in outline] == ["Volatility-scaled bands", "SPY", "AGG", "band", "target", "rebalance"]


def test_the_explain_and_mql5_requests(lsp):
    explained = lsp.request("rbl/explain", {"textDocument": {"uri": URI}})["result"]
    assert explained["text"].startswith('"Volatility-scaled bands" holds SPY and AGG.')
    mql5 = lsp.request("rbl/mql5", {"textDocument": {"uri": URI}})["result"]
    assert "OnTick" in mql5["text"] or "OnTimer" in mql5["text"]
    assert "E0101" in lsp.request("rbl/mql5", {"textDocument": {"uri": BAD}})["result"]["error"]


def test_positions_are_utf16_code_units(lsp):
    """A character outside the BMP counts two UTF-16 units: the range after it is shifted by one more."""
    uri = "file:///work/emoji.rbl"
    text = VOL_BANDS.replace('symbol "SPY.US"', 'symbol "SPY.US\U0001F600" zz')
    lsp.open(uri, text)
    (d,) = lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)["diagnostics"]
    line, char = at(text, "zz")
    assert d["range"]["start"] == {"line": line, "character": char + 1}
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": line, "character": char + 1}})
    assert hover["result"]["contents"]["value"] == "`zz`: not declared in this file"
    assert hover["result"]["range"]["start"] == {"line": line, "character": char + 1}
    before = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},   # the space before zz, in UTF-16
                                                "position": {"line": line, "character": char}})["result"]
    assert before is None or "zz" not in before["contents"]["value"]


def test_an_internal_error_is_one_line_and_the_server_lives_on(lsp):
    answer = lsp.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere/missing.rbl"},
                                                "position": {"line": 0, "character": 0}})
    assert answer["error"]["message"].startswith("internal error of rbl: ") and "data" not in answer["error"]
    assert lsp.request("textDocument/hover", _doc(URI, "SPY 60%"))["result"] is not None


def test_a_request_with_malformed_params_is_answered(lsp):
    answer = lsp.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": "x"}})
    assert answer["error"] == {"code": -32602, "message": "invalid params for textDocument/hover"}
    assert lsp.request("textDocument/hover", _doc(URI, "SPY 60%"))["result"] is not None


def test_python_dash_m_rbl_lsp_is_the_same_server():
    """What the VS Code extension starts when rbl.pythonPath is set."""
    client = LspClient([sys.executable, "-m", "rbl", "lsp"])
    assert client.initialize()["serverInfo"]["name"] == "rbl"
    assert client.close() == 0


def test_random_edits_never_break_the_session(lsp):
    """Seeded random edits of an example, each followed by hover, completion and formatting requests: every
    one is answered with a result (never an error), and the diagnostics of the last text arrive."""
    import random
    rng = random.Random(16)
    uri, text = "file:///work/fuzz.rbl", VOL_BANDS
    lsp.open(uri, text)
    lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri)
    pieces = ["\n", "    ", ":", "(", ")", "5pp", "%", "if ", "else:", "drift", "\t", '"', "#", "é", "\U0001F600", ""]
    for version in range(2, 42):
        start = rng.randrange(len(text) + 1)
        text = text[:start] + rng.choice(pieces) + text[start + rng.randrange(4):]
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": text}]})
        line = rng.randrange(text.count("\n") + 2)
        where = {"textDocument": {"uri": uri}, "position": {"line": line, "character": rng.randrange(40)}}
        for method, params in [("textDocument/hover", where), ("textDocument/completion", where),
                               ("textDocument/formatting", {"textDocument": {"uri": uri},
                                                             "options": {"tabSize": 4, "insertSpaces": True}})]:
            answer = lsp.request(method, params)
            assert "result" in answer, (method, answer)
    last = lsp.notification("textDocument/publishDiagnostics", where=lambda p: p["uri"] == uri and p["version"] == 41)
    assert all(d["code"] != "internal" for d in last["diagnostics"])


def test_shutdown_and_exit(lsp):
    assert lsp.close() == 0
    assert all(chunk.startswith((b"Content-Length", b"{")) for chunk in lsp.raw_stdout)
