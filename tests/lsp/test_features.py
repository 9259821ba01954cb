"""The editor features as pure functions over source text, on the bundled examples and the case files."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'rbl[lsp]' or the test extra)")

from lsprotocol.types import Position

from rbl.dsl.diagnostics import to_json
from rbl.dsl.lsp import features
from rbl.dsl.lsp.document import Document
from tests.lsp.helpers import CASES, EXAMPLES, ROOT, at

VOL_BANDS = (ROOT / "examples" / "volatility_scaled_bands.rbl").read_text()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_has_no_diagnostics_and_formats_idempotently(path):
    doc = Document(path.read_text(), str(path))
    assert features.diagnostics(doc) == []
    edits = features.formatting(doc)
    once = edits[0].new_text if edits else doc.text
    assert features.formatting(Document(once)) == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_diagnostics_equal_rbl_check_json(path):
    """Code for code and range for range what `rbl check --format json` prints (1-based there, 0-based here)."""
    doc = Document(path.read_text(), str(path))
    expected = json.loads(to_json(doc.source, doc.result.diagnostics))
    got = features.diagnostics(doc)
    assert expected and len(got) == len(expected)
    for lsp, cli in zip(got, expected):
        assert (lsp.code, lsp.data["message"], lsp.data["help"]) == (cli["code"], cli["message"], cli["help"])
        assert lsp.severity.value == (1 if cli["severity"] == "error" else 2)
        if "line" in cli:
            r = lsp.range
            assert (r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1) == \
                (cli["line"], cli["column"], cli["end_line"], cli["end_column"])
        assert lsp.message.startswith(cli["message"]) and (not cli["help"] or f"help: {cli['help']}" in lsp.message)


def test_a_warning_is_a_warning():
    doc = Document((ROOT / "tests" / "cases" / "w0701_unreachable_branch.rbl").read_text())
    assert [(d.code, d.severity.value) for d in features.diagnostics(doc)] == [("W0701", 2)]


def test_formatting_rewrites_a_messy_file_and_refuses_a_syntax_error():
    messy = VOL_BANDS.replace("    SPY 60%", "    SPY   60 %").replace("check daily", "check   daily")
    edits = features.formatting(Document(messy))
    assert len(edits) == 1 and edits[0].new_text == VOL_BANDS
    with pytest.raises(features.NotFormatted, match=r"line 10: unknown keyword 'rebalence' \[E0101\]"):
        features.formatting(Document((ROOT / "tests" / "cases" / "e0101_misspelled_keyword.rbl").read_text()))


def test_the_previews_are_rbl_explain_and_rbl_compile():
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.dsl.explain import explain
    doc = Document(VOL_BANDS, "vol.rbl")
    assert features.explanation(doc) == {"text": explain(doc.result.checked.strategy)}
    assert features.mql5(doc) == {"text": emit_mql5(doc.result.checked, doc.source)}
    broken = Document(VOL_BANDS.replace("when drift > band", "when drift > bnd"))
    assert features.explanation(broken)["error"].startswith("the file has errors: line 17: ")
    assert "E0202" in features.mql5(broken)["error"]


def test_positions_count_python_characters_past_the_end_of_a_line():
    from rbl.dsl.lsp.positions import offset_at, range_of
    doc = Document('rbl 1\nstrategy "é"\n')
    assert offset_at(doc.source, Position(line=1, character=99)) == len('rbl 1\nstrategy "é"')
    assert offset_at(doc.source, Position(line=40, character=0)) == len(doc.text)
    r = range_of(doc.source, None)
    assert (r.start.line, r.start.character, r.end.character) == (0, 0, 1)


def test_at_helper():
    assert at("a\nbc", "c") == (1, 1)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_hover_sentence_is_a_bullet_of_rbl_explain(path):
    """rbl.dsl.explain.explain_parts (what hover shows) says nothing `rbl explain` does not say."""
    from rbl.dsl.explain import explain, explain_parts
    strategy = Document(path.read_text()).result.checked.strategy
    bullets = set(explain(strategy).split("\n- ")[1:])
    parts = explain_parts(strategy)
    assert parts["target"] and parts["when"] and parts["check"]
    for sentences in parts.values():
        assert {s.rstrip("\n") for s in sentences} <= {b.rstrip("\n") for b in bullets}


def test_checking_in_a_worker_thread_while_completion_parses_is_safe():
    """The parser's Indenter keeps its state on the shared instance: without dsl.lsp's lock a check in the
    server's worker thread and a completion on the main thread mix their indentation (AssertionError)."""
    import sys
    import threading

    from rbl.dsl.lsp.completion import expected_terminals
    base = (ROOT / "examples" / "core_satellite.rbl").read_text()
    bad = base.replace("rebalance:\n    check daily", "rebalance:\n    check daily daily")
    expected = [(d.code, d.message) for d in Document(bad).result.diagnostics]
    done, seen = threading.Event(), []

    def complete() -> None:
        while not done.is_set():
            expected_terminals(base[:700])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    worker = threading.Thread(target=complete)
    worker.start()
    try:
        seen = [[(d.code, d.message) for d in Document(bad).result.diagnostics] for _ in range(150)]
    finally:
        done.set()
        worker.join()
        sys.setswitchinterval(interval)
    assert expected[0][0] == "E0101" and all(s == expected for s in seen)
