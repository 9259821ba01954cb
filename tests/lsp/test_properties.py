"""No edit of an example crashes a feature: diagnostics may be errors, never an exception (hypothesis)."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'rbl[lsp]' or the test extra)")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol.types import Position

from rbl.dsl.lsp import actions, features, navigation
from rbl.dsl.lsp.completion import completion, signature_help
from rbl.dsl.lsp.document import Document
from rbl.dsl.lsp.hover import hover
from tests.lsp.helpers import EXAMPLES

TEXTS = [p.read_text() for p in EXAMPLES]
# Pieces a person types: words of the language, names, numbers with units, layout and stray characters.
PIECES = st.sampled_from(["\n", "    ", ":", "(", ")", ",", "5pp", "60%", "20 days", "if ", "else", "when ",
                          "drift", "SPY", "vol(", "sma(SPY, ", " > ", "#", '"', "let x = ", "target:", "\t",
                          "rebalance:\n    ", "é", "\U0001F600", "[1]", "asset ", "sleeve s 50%:\n", "and"])


@st.composite
def edited(draw):
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 12)))
        piece = draw(st.one_of(PIECES, st.text(max_size=4)))
        text = text[:start] + piece + text[end:]
    return text


def _positions(text: str, draw) -> list[Position]:
    lines = text.split("\n")
    out = []
    for _ in range(4):
        line = draw(st.integers(0, len(lines)))
        width = len(lines[line]) if line < len(lines) else 0
        out.append(Position(line=line, character=draw(st.integers(0, width + 2))))
    return out


@settings(max_examples=int(os.environ.get("RBL_LSP_EXAMPLES", "120")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=edited(), data=st.data())
def test_no_edit_crashes_any_feature(text, data):
    doc = Document(text, "edited.rbl")
    found = features.diagnostics(doc)
    for d in found:
        assert d.code and not d.message.startswith("internal error of rbl"), d.message
    actions.quick_fixes(found, "u")
    actions.symbols(doc)
    try:
        features.formatting(doc)
    except features.NotFormatted as refused:
        assert str(refused).startswith("not formatted: ")
    assert set(features.explanation(doc)) in ({"text"}, {"error"})
    for position in _positions(text, data.draw):
        hover(doc, position)
        completion(doc, position)
        signature_help(doc, position)
        navigation.definition(doc, position, "u")
        navigation.references(doc, position, "u")
        try:
            navigation.rename(doc, position, "renamed_x", "u")
        except navigation.RenameRefused:
            pass
