"""editors/vscode: the TextMate grammar is generated from the lark grammar and covers every keyword; the
language configuration and the extension's manifest agree; the extension runs against stand-ins of VS Code."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from rbl.dsl.lsp.textmate import render, textmate_grammar
from rbl.dsl.lsp.words import keywords, terminal_words
from tests.lsp.helpers import ROOT

VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "rbl.tmLanguage.json"


def _scopes_of(sample: str) -> set[str]:
    """The scopes of the patterns that match `sample` whole (Python's re reads these simple Oniguruma regexes)."""
    found = set()
    for pattern in json.loads(GRAMMAR.read_text())["patterns"]:
        match = re.fullmatch(pattern["match"], sample)
        if match:
            found.add(pattern.get("name") or pattern["captures"]["2"]["name"])
    return found


def test_the_committed_textmate_grammar_is_the_generated_one():
    assert GRAMMAR.read_text() == render(), \
        "the grammar changed: python -m rbl.dsl.lsp.textmate > editors/vscode/syntaxes/rbl.tmLanguage.json"


def test_the_shipped_function_docs_are_the_indicator_section_of_docs_semantics():
    """Hover reads functions.md, package data, since an installed wheel has no docs/ folder."""
    from rbl.dsl.lsp.functions import FUNCTIONS_MD, section
    assert FUNCTIONS_MD.read_text(encoding="utf-8") == section((ROOT / "docs" / "semantics.md").read_text()), \
        "docs/semantics.md's indicators changed: python -m rbl.dsl.lsp.functions > dsl/lsp/functions.md"


@pytest.mark.parametrize("word", sorted(keywords()))
def test_every_keyword_of_the_grammar_is_highlighted(word):
    units = set(terminal_words()["UNIT"])
    sample = f"5 {word}" if word in units else word
    scopes = _scopes_of(sample) - {"variable.other.rbl"}
    assert scopes, f"{word!r} is not highlighted as a word of the language"


@pytest.mark.parametrize("sample, scope", [
    ("5pp", "keyword.other.unit.rbl"), ("60%", "keyword.other.unit.rbl"), ("25% of target", "keyword.other.unit.rbl"),
    ("20 days", "keyword.other.unit.rbl"), ("1.5x", "keyword.other.unit.rbl"), ("100000 USD", None),
    ("2nd", "constant.other.calendar.rbl"), ("monthly", "constant.other.calendar.rbl"),
    ("friday", "constant.other.calendar.rbl"), ('"SPY.US"', "string.quoted.double.rbl"),
    ("# a comment", "comment.line.number-sign.rbl"), ("sma", "support.function.rbl"),
    ("its band", "variable.language.rbl"),
    ("when", "keyword.control.rbl"), ("asset", "storage.type.rbl"), ("band edge", "constant.language.rbl"),
])
def test_highlighting_samples(sample, scope):
    if scope is None:
        assert "constant.numeric.rbl" in _scopes_of("100000")
        assert "support.constant.currency.rbl" in _scopes_of("USD")
    else:
        assert scope in _scopes_of(sample)


def test_a_name_that_starts_with_a_keyword_is_a_name():
    scopes = [p.get("name") for p in textmate_grammar()["patterns"] if re.search(p["match"], "max_drift")
              and re.search(p["match"], "max_drift").group() == "max_drift"]
    assert scopes == ["variable.other.rbl"]


def test_the_manifest_registers_the_language_grammar_and_settings():
    manifest = json.loads((VSCODE / "package.json").read_text())
    contributes = manifest["contributes"]
    assert contributes["languages"][0]["extensions"] == [".rbl"]
    assert (VSCODE / contributes["languages"][0]["configuration"]).is_file()
    assert (VSCODE / contributes["grammars"][0]["path"]).resolve() == GRAMMAR
    assert contributes["grammars"][0]["scopeName"] == textmate_grammar()["scopeName"]
    assert {"rbl.pythonPath", "rbl.serverCommand"} <= set(contributes["configuration"]["properties"])
    assert "vscode-languageclient" in manifest["dependencies"] and "@vscode/vsce" in manifest["devDependencies"]
    assert not (VSCODE / "node_modules").exists() or "node_modules/" in (VSCODE / ".gitignore").read_text()


def test_the_language_configuration_indents_after_a_colon():
    config = json.loads((VSCODE / "language-configuration.json").read_text())
    assert config["comments"]["lineComment"] == "#"
    indent = re.compile(config["indentationRules"]["increaseIndentPattern"])
    assert indent.search("rebalance:") and indent.search("    if vol(SPY, 20 days) > 20%:  # calm")
    assert not indent.search('asset SPY column "SPY"') and not indent.search("# note: a comment")
    words = re.compile(config["wordPattern"])
    assert [m.group() for m in words.finditer("when drift > 5pp")] == ["when", "drift", "5", "pp"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_extension_against_stand_ins_of_vscode():
    done = subprocess.run(["node", "test/extension.test.js"], cwd=VSCODE, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "extension.test.js: ok"
