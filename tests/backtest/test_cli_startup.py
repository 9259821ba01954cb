"""`rbl --help` stays fast: registering the plugin commands imports no heavy library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "pydantic", "lark", "pyarrow")


def test_importing_the_cli_with_every_plugin_loads_no_heavy_library():
    code = ("import sys, rbl.cli; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == ""


def test_every_plugin_command_is_registered():
    from rbl.cli import app
    names = {c.name for c in app.registered_commands}
    assert {"fmt", "backtest", "sweep", "compile", "verify", "explain", "translate"} <= names


def test_the_package_still_exports_backtest_and_sweep_lazily():
    import rbl.backends.numpy as package
    from rbl.backends.numpy import api
    assert package.backtest is api.backtest and package.sweep is api.sweep
