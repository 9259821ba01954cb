"""The GBNF and the JSON schemas under llama.cpp's own grammar engine (issue 17 item 5), opt-in.

Needs llama-cpp-python (`pip install llama-cpp-python`, which builds llama.cpp from its sdist) and
RBL_LLM_GGUF, the path of any GGUF file: only its vocabulary is loaded, to walk texts token by token through
the grammar sampler (tests/english/llama_cpp_grammar.py). Skipped otherwise (CI has neither).
The JSON schemas are turned into GBNF by llama-cpp-python's own converter, the one its server uses for
`response_format`.
"""

from __future__ import annotations

import json
import os

import pytest

llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")
GGUF = os.environ.get("RBL_LLM_GGUF")
pytestmark = pytest.mark.skipif(not GGUF, reason="RBL_LLM_GGUF (a GGUF file for its vocabulary) is not set")

from llama_cpp.llama_grammar import json_schema_to_gbnf  # noqa: E402

from rbl.dsl.english.evalset import load_cases  # noqa: E402
from rbl.dsl.english.gbnf import rbl_gbnf  # noqa: E402
from rbl.dsl.english.intent import INTENT_SCHEMA  # noqa: E402
from tests.english.llama_cpp_grammar import GrammarRefused, Vocabulary, accepts  # noqa: E402

DEV_RBL = [case for case in load_cases() if case.rbl][::40]       # every 40th intended strategy of the dev set


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(GGUF)


def test_llama_cpps_parser_reads_the_gbnf(vocabulary):
    vocabulary.grammar(rbl_gbnf())


@pytest.mark.parametrize("gbnf", ['root ::= [ \\t\\f]+\n', 'root ::= x\nx ::= "a" | x "b"\n'],
                         ids=["unknown escape", "left recursion"])
def test_llama_cpps_parser_refuses_what_the_first_real_run_hit(vocabulary, gbnf):
    """The two errors llama.cpp's server gave the GBNF before issue 17: the parser here refuses them too."""
    with pytest.raises(GrammarRefused):
        vocabulary.grammar(gbnf)


@pytest.mark.slow            # llama.cpp's grammar walks 5-50 tokens a second here: a text takes 2-60 s
def test_every_example_is_accepted_by_llama_cpps_grammar(vocabulary, example_path):
    text = example_path.read_text(encoding="utf-8")
    assert accepts(vocabulary, rbl_gbnf(), text) is None


@pytest.mark.slow
@pytest.mark.parametrize("case", DEV_RBL, ids=lambda case: case.id)
def test_intended_strategies_of_the_dev_set_are_accepted(vocabulary, case):
    assert accepts(vocabulary, rbl_gbnf(), case.rbl) is None


@pytest.mark.parametrize("text", [
    "rbl one\nstrategy \"x\"\n",
    "#include <Trade/Trade.mqh>\nvoid OnTick() {}\n",
    "import os\nos.system('x')\n",
    'rbl 1\nstrategy "x"\ntarget:\n    SPY 60% %\n',
])
def test_text_that_is_not_rbl_is_refused(vocabulary, text):
    assert accepts(vocabulary, rbl_gbnf(), text) is not None


# ---- response_format: the schemas as the server turns them into a grammar ---------------------------------

def intent_texts() -> list[tuple[str, str]]:
    from rbl.dsl.english.intent_build import intent_of

    intents = [(case.id, intent_of(case.rbl)) for case in load_cases() if case.rbl]
    return [(case_id, json.dumps(intent)) for case_id, intent in intents if intent is not None][::6]


def test_the_intent_schema_becomes_a_grammar_llama_cpp_reads(vocabulary):
    vocabulary.grammar(json_schema_to_gbnf(json.dumps(INTENT_SCHEMA)))


@pytest.mark.parametrize("case_id, text", intent_texts(), ids=lambda value: value if len(value) < 12 else "")
def test_the_intents_of_dev_cases_are_accepted(vocabulary, case_id, text):
    assert accepts(vocabulary, json_schema_to_gbnf(json.dumps(INTENT_SCHEMA)), text) is None


def test_an_intent_with_a_field_missing_or_a_unit_out_of_the_form_is_refused(vocabulary):
    from rbl.dsl.english.intent_build import intent_of

    intent = intent_of(next(case.rbl for case in load_cases() if case.rbl and intent_of(case.rbl)))
    grammar = json_schema_to_gbnf(json.dumps(INTENT_SCHEMA))
    assert accepts(vocabulary, grammar, json.dumps({k: v for k, v in intent.items() if k != "long_only"}))
    assert accepts(vocabulary, grammar, json.dumps({**intent, "band_unit": "percent"}))


def test_the_ir_schema_becomes_a_grammar_llama_cpp_reads(vocabulary):
    from rbl.dsl.ir import Strategy

    vocabulary.grammar(json_schema_to_gbnf(json.dumps(Strategy.model_json_schema())))


def in_schema_order(value, schema: dict, defs: dict):
    """`value` with each object's keys in the order llama.cpp's schema grammar writes them: the required
    properties first, then the others, each group in the schema's order (a model constrained by it does so)."""
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return in_schema_order(value, next(o for o in options if _fits(value, o, defs)), defs)
    if isinstance(value, list):
        items = schema.get("items", {})
        return [in_schema_order(v, items[i] if isinstance(items, list) else items, defs) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    properties, required = schema.get("properties", {}), schema.get("required", [])
    keys = [k for k in properties if k in required] + [k for k in properties if k not in required]
    return {k: in_schema_order(value[k], properties[k], defs) for k in keys if k in value}


def _fits(value, schema: dict, defs: dict) -> bool:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    kind = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return schema.get("type") in ("number", "integer") or "anyOf" in schema
    if kind != "object":
        return schema.get("type") == kind or "enum" in schema or "const" in schema or "anyOf" in schema
    properties = schema.get("properties", {})
    tags = [k for k, p in properties.items() if "const" in p or "enum" in p and len(p["enum"]) == 1]
    return (set(value) <= set(properties) and set(schema.get("required", [])) <= set(value)
            and all(value.get(k) == properties[k].get("const", properties[k].get("enum", [None])[0]) for k in tags))


@pytest.mark.parametrize("name", ["classic_60_40", "threshold_60_40"])
def test_the_ir_of_an_example_is_accepted_by_the_ir_schemas_grammar(vocabulary, name):
    from rbl.dsl.compiler import compile_file
    from rbl.dsl.ir import Strategy

    schema = Strategy.model_json_schema()
    strategy = json.loads(compile_file(f"examples/{name}.rbl").strategy.model_dump_json())
    text = json.dumps(in_schema_order(strategy, schema, schema.get("$defs", {})))
    assert accepts(vocabulary, json_schema_to_gbnf(json.dumps(schema)), text) is None


def test_an_ir_without_its_target_is_refused_by_the_ir_schemas_grammar(vocabulary):
    from rbl.dsl.compiler import compile_file
    from rbl.dsl.ir import Strategy

    schema = Strategy.model_json_schema()
    strategy = json.loads(compile_file("examples/classic_60_40.rbl").strategy.model_dump_json())
    del strategy["target"]
    text = json.dumps(in_schema_order(strategy, schema, schema.get("$defs", {})))
    assert accepts(vocabulary, json_schema_to_gbnf(json.dumps(schema)), text) is not None
