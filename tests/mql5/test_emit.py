"""The emitter: one EA per example, pinned by a .mq5 snapshot, deterministic and injection-safe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rbl.dsl.compiler import compile_text
from rbl.backends.mql5.emit import Unsupported, emit_mql5
from tests.conftest import EXAMPLES, ROOT
from tests.mql5.conftest import MQ5Snapshot

STEMS = [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("stem", STEMS)
def test_every_example_emits_an_ea_matching_its_snapshot(stem, emitted, snapshot):
    assert emitted[stem] == snapshot(extension_class=MQ5Snapshot)


def _emit_all_in_subprocess(seed: str) -> str:
    code = ("from tests.mql5.conftest import emit_path; from tests.conftest import EXAMPLES; "
            "import sys; sys.stdout.write(''.join(emit_path(p) for p in EXAMPLES))")
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def test_emitting_is_byte_identical_across_hash_seeds():
    assert _emit_all_in_subprocess("1") == _emit_all_in_subprocess("4242")


def test_output_has_no_paths_or_timestamps(emitted):
    for text in emitted.values():
        assert str(ROOT) not in text and "examples/" not in text
        assert "\r" not in text and text.endswith("\n")


STRATEGY = """rbl 1
strategy "{name}"
asset SPY column "SPY" symbol "{symbol}"
asset AGG column "UST10" symbol "IEF.US"
target:
    SPY 60%
    AGG 40%
rebalance:
    when monthly
"""


def test_a_trailing_backslash_in_the_name_cannot_end_the_string_literal():
    text = emit_mql5(compile_text(STRATEGY.format(name="a\\", symbol="SPY.US")))
    assert '#define RBL_STRATEGY_NAME "a\\\\"  //' in text


def test_a_symbol_with_a_backslash_stays_inside_its_string_literal():
    text = emit_mql5(compile_text(STRATEGY.format(name="n", symbol="SPY\\")))
    line = next(x for x in text.splitlines() if x.startswith("sinput string InpSymbol0"))
    assert line.startswith('sinput string InpSymbol0 = "SPY\\\\";')


def test_the_backend_accepts_only_a_checked_strategy():
    checked = compile_text(STRATEGY.format(name="n", symbol="S"))
    with pytest.raises(TypeError, match="CheckedStrategy"):
        emit_mql5(checked.strategy)


def test_lines_generated_from_the_source_point_back_to_it(emitted):
    classic = (ROOT / "examples" / "classic_60_40.rbl").read_text().splitlines()
    tagged = [x for x in emitted["classic_60_40"].splitlines() if "// rbl:" in x and "g_raw[0]" in x]
    line = int(tagged[0].rsplit("// rbl:", 1)[1])
    assert classic[line - 1].strip() == "SPY 60%"
