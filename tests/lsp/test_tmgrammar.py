"""editors/vscode/test/grammar: annotated samples of the TextMate grammar, run by vscode-tmgrammar-test (npm,
the extension's dev dependency) as VS Code's own tokenizer reads the grammar; the samples are real strategies
(`rbl check` passes) and between them assert every scope the grammar can give.

The npm tool runs from editors/vscode/node_modules (`cd editors/vscode && npm ci`); without it, or without
node, those tests skip, saying why: a test never installs from the registry, and CI's fresh checkout has no
node_modules. The checks that need no node run everywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from rbl.dsl.compiler import compile_file
from tests.lsp.helpers import ROOT

VSCODE = ROOT / "editors" / "vscode"
SAMPLES = sorted((VSCODE / "test" / "grammar").glob("*.rbl"))
TOOL = VSCODE / "node_modules" / ".bin" / "vscode-tmgrammar-test"
GRAMMAR = VSCODE / "syntaxes" / "rbl.tmLanguage.json"

needs_tool = pytest.mark.skipif(
    shutil.which("node") is None or not TOOL.exists(),
    reason="node or editors/vscode/node_modules is missing (cd editors/vscode && npm ci): not installed in CI")


def _run(*samples) -> subprocess.CompletedProcess:
    return subprocess.run([str(TOOL), "-c", "-g", str(GRAMMAR), *map(str, samples)], cwd=VSCODE,
                          capture_output=True, text=True, timeout=60, check=False)


def test_there_are_samples_and_each_is_a_strategy_rbl_accepts():
    assert len(SAMPLES) >= 3
    for sample in SAMPLES:
        assert sample.read_text().startswith('# SYNTAX TEST "source.rbl"')
        compile_file(sample)        # raises on any error


def test_the_samples_assert_every_scope_of_the_grammar():
    grammar = json.loads(GRAMMAR.read_text())
    scopes = {p.get("name") for p in grammar["patterns"]} | {
        c["name"] for p in grammar["patterns"] for c in p.get("captures", {}).values()}
    asserted = {m.group(1) for s in SAMPLES for m in re.finditer(r"^#\s*(?:<-+|\^+)\s+([a-z.\-]+)$",
                                                                   s.read_text(), re.M)}
    assert scopes - {None} <= asserted


@needs_tool
def test_the_samples_pass_vscode_tmgrammar_test():
    done = _run(*SAMPLES)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_tool
def test_a_wrong_scope_fails(tmp_path):
    """The tool does fail: 'check' asserted as a calendar word."""
    text = (VSCODE / "test" / "grammar" / "declarations.rbl").read_text()
    wrong = text.replace("#   ^^^^^ keyword.other.rbl\n#         ^^^^^ constant.other.calendar.rbl",
                         "#   ^^^^^ constant.other.calendar.rbl\n#         ^^^^^ constant.other.calendar.rbl")
    assert wrong != text
    sample = tmp_path / "wrong.rbl"
    sample.write_text(wrong)
    done = _run(sample)
    assert done.returncode != 0 and "constant.other.calendar.rbl" in done.stdout + done.stderr
