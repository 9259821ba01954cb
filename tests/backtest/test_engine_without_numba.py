"""Without numba the engine runs the same loop as plain Python, says so once on stderr, and gives the
same results as the compiled loop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rbl.backends.numpy import backtest

ROOT = Path(__file__).resolve().parents[2]
RUN = """
import json, sys
sys.modules["numba"] = None          # an import of numba fails as on a machine without it
from rbl.backends.numpy import backtest
result = backtest(sys.argv[1], start="2012-01-01", end="2014-12-31")
print(json.dumps({"nav": result.nav.tolist(), "bars": [t.bar for t in result.trades]}))
"""


@pytest.mark.parametrize("example", ["threshold_60_40.rbl", "drawdown_circuit_breaker.rbl", "per_asset_bands.rbl"])
def test_without_numba_the_plain_python_loop_gives_the_same_results(example):
    path = ROOT / "examples" / example
    done = subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("numba could not be loaded") == 1
    assert "plain Python" in done.stderr
    plain = json.loads(done.stdout)
    compiled = backtest(path, start="2012-01-01", end="2014-12-31")
    np.testing.assert_array_equal(np.array(plain["nav"]), compiled.nav.to_numpy())
    assert plain["bars"] == [t.bar for t in compiled.trades]
