"""The GBNF generated from grammar/rbl.lark: ASCII only, accepts every example, rejects non-rbl."""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput

from rbl.dsl.english.gbnf import rbl_gbnf
from tests.english import gbnf_llama
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
    from rbl.dsl.english.repair import translate_with_model

    with FakeLLM([Reply(content=GOOD)]) as fake:
        translation = translate_with_model("60% SPY, 40% AGG. Rebalance when any asset drifts over 5%.",
                                           env_for(fake, RBL_LLM_CONSTRAIN="grammar"))
    assert translation.rbl == GOOD
    assert fake.requests[0].body["grammar"] == rbl_gbnf()


# ---- what llama.cpp's own grammar parser accepts (tests/english/gbnf_llama.py) ------------------

def test_the_gbnf_parses_under_llama_cpps_rules():
    """llama.cpp answered HTTP 400 'unknown escape at \\f])+) ws', then 'left recursion detected'."""
    grammar = gbnf_llama.parse(rbl_gbnf())
    assert "root" in grammar.rules and "r-start" in grammar.rules


@pytest.mark.parametrize("text, error", [
    ('root ::= [ \\t\\f]+\n', "unknown escape"),
    ('root ::= "a\\-b"\n', "unknown escape"),
    ('root ::= x\nx ::= "a" | x "b"\n', "left recursion"),
    ('root ::= x\nx ::= y? x "b" | "a"\ny ::= "c"\n', "left recursion"),
    ('root ::= nothing\n', "undefined rule"),
])
def test_the_checker_refuses_what_llama_cpp_refuses(text, error):
    with pytest.raises(gbnf_llama.GbnfError, match=error):
        gbnf_llama.parse(text)


@pytest.mark.parametrize("text", [
    'root ::= [ \\t\\x0C\\n\\r] [^"\\\\\\x7F\\x00-\\x1F] "\\u00e9" [a-z-]\n',
    'root ::= x\nx ::= "a" x | "b"\n',
    'root ::= ("a" | "b"){2,5} [\\[\\]]* # comment\n',
])
def test_the_checker_accepts_what_llama_cpp_accepts(text):
    gbnf_llama.parse(text)


def test_a_400_is_not_retried_and_its_body_is_shown():
    from rbl.dsl.english.repair import translate_with_model

    reason = '{"error":{"code":400,"message":"error parsing grammar: unknown escape","type":"invalid_request_error"}}'
    with FakeLLM([Reply(status=400, body=reason)]) as fake:
        translation = translate_with_model("60% SPY, 40% AGG. Rebalance when any asset drifts over 5%.",
                                           env_for(fake, RBL_LLM_CONSTRAIN="grammar"))
    assert len(fake.requests) == 1
    assert "HTTP 400" in translation.error and "error parsing grammar: unknown escape" in translation.error
    assert "attempts" not in translation.error
