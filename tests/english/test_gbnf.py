"""The GBNF generated from grammar/rbl.lark: ASCII only, accepts every example, rejects non-rbl."""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput

from dsl.english.gbnf import rbl_gbnf
from tests.english.fake_llm import FakeLLM, Reply
from tests.english.gbnf_to_lark import recognizer
from tests.english.test_model import GOOD, env_for

RECOGNIZER = recognizer(rbl_gbnf())


def test_the_gbnf_is_ascii_with_a_root_rule():
    text = rbl_gbnf()
    assert text.isascii()
    assert text.startswith("root ::= ")


def test_every_example_is_accepted(example_path):
    RECOGNIZER.parse(example_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "rbl one\nstrategy \"x\"\n",
    "#include <Trade/Trade.mqh>\nvoid OnTick() {}\n",
    "import os\nos.system('x')\n",
    'rbl 1\nstrategy "x"\ntarget:\n    SPY 60% %\n',
])
def test_text_that_is_not_rbl_is_rejected(text):
    with pytest.raises(UnexpectedInput):
        RECOGNIZER.parse(text)


def test_the_grammar_is_sent_when_enabled():
    from dsl.english.repair import translate_with_model

    with FakeLLM([Reply(content=GOOD)]) as fake:
        translation = translate_with_model("60% SPY, 40% AGG. Rebalance when any asset drifts over 5%.",
                                           env_for(fake, RBL_LLM_CONSTRAIN="grammar"))
    assert translation.rbl == GOOD
    assert fake.requests[0].body["grammar"] == rbl_gbnf()
