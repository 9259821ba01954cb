"""`rbl lsp` without the lsp extra: one line naming it, exit 2, no traceback (runs with or without pygls)."""

from __future__ import annotations

import subprocess
import sys

from tests.lsp.helpers import ROOT


def test_without_pygls_rbl_lsp_names_the_extra_and_exits_2():
    code = "import sys; sys.modules['pygls'] = None; from rbl.cli import run; sys.argv = ['rbl', 'lsp']; run()"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ["error: rbl lsp needs pygls; install it with: pip install 'rbl[lsp]'"]
