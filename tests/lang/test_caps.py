"""`max weight M, excess to other assets` and per-asset caps `max weight SPY 60%`: parsing, canonical
text, and the errors of caps that cannot work."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.dsl.compiler import compile_source
from rbl.dsl.fmt import format_source
from rbl.dsl.source import SourceFile
from tests.lang.helpers import HEAD, SIXTY_FORTY, codes

THREE = HEAD + 'asset GLD column "GLD" symbol "GLD"\n'
EQUAL = "target: equal weight SPY, AGG, GLD\n"


def compiled(body: str, head: str = THREE):
    return compile_source(SourceFile("t.rbl", head + body))


def test_the_clause_and_the_asset_caps_reach_the_ir():
    c = compiled(EQUAL + "constraints:\n    max weight 40%, excess to other assets\n    max weight SPY 35%\n"
                 ).strategy.constraints
    assert c.excess is ir.CapExcess.OTHERS and c.max_weight.value == 0.4
    assert [(cap.asset, cap.weight.value) for cap in c.asset_caps] == [("SPY", 0.35)]


def test_without_the_clause_the_excess_goes_to_cash_and_the_ir_dump_is_unchanged():
    c = compiled(EQUAL + "constraints:\n    max weight 40%\n").strategy.constraints
    assert c.excess is ir.CapExcess.CASH
    assert set(c.model_dump(mode="json")) == {"long_only", "max_weight", "max_leverage", "cash_buffer", "max_drawdown"}


def test_the_canonical_text_says_the_clause_once_on_the_first_cap():
    for body in ["constraints:\n    max weight SPY 35%, excess to other assets\n    max weight 40%\n",
                 "constraints:\n    long only\n    max weight AGG 50%\n    max weight 40%, excess to cash\n",
                 "constraints:\n    max drawdown 30%\n    max weight GLD 20%, excess to other assets\n"]:
        result = compiled(EQUAL + body)
        assert result.ok, [d.message for d in result.diagnostics]
        once = format_source(result.source)
        again = compile_source(SourceFile("t.rbl", once))
        assert again.strategy.model_dump(mode="json") == result.strategy.model_dump(mode="json")
        assert format_source(SourceFile("t.rbl", once)) == once
    text = format_source(compiled(EQUAL + "constraints:\n    max weight SPY 35%, excess to other assets\n"
                                          "    max weight 40%\n").source)
    assert "    max weight 40%, excess to other assets\n    max weight SPY 35%\n" in text


def test_caps_that_cannot_hold_the_weights_are_refused_when_spreading():
    assert codes(EQUAL + "constraints:\n    max weight 30%, excess to other assets\n", THREE) == ["E0412"]
    assert codes(EQUAL + "constraints:\n    max weight 30%\n", THREE) == []            # the rest is cash
    assert codes("target: top 2 by return(price, 20 days) of SPY, AGG, GLD\nconstraints:\n"
                 "    max weight 45%, excess to other assets\n", THREE) == ["E0412"]
    assert codes(SIXTY_FORTY + "constraints:\n    max weight 50%, excess to other assets\n"
                 "    max weight AGG 30%\n") == ["E0412"]


def test_a_branch_that_cannot_be_held_is_the_one_reported():
    body = ("target:\n    if SPY > sma(SPY, 20 days):\n        SPY 50%\n        AGG 50%\n    else:\n"
            "        SPY 100%\nconstraints:\n    max weight 60%, excess to other assets\n")
    result = compiled(body, HEAD)
    (d,) = result.diagnostics
    assert d.code == "E0412" and "of the 100% these 1 assets" in d.message
    assert result.source.text[d.span.start:d.span.end] == "SPY 100%\n"[:d.span.end - d.span.start]


def test_misused_caps_are_refused():
    assert codes(EQUAL + "constraints:\n    max weight SPY 40%\n    max weight SPY 50%\n", THREE) == ["E0201"]
    assert codes(EQUAL + "constraints:\n    max weight 40%, excess to other assets\n"
                         "    max weight SPY 35%, excess to cash\n", THREE) == ["E0201"]
    assert codes(EQUAL + "constraints:\n    max weight QQQ 40%\n", THREE) == ["E0203"]
    assert codes(EQUAL + "constraints:\n    max weight SPY 140%\n", THREE) == ["E0402"]
    assert codes(EQUAL + "constraints:\n    max weight SPY 5pp\n", THREE) == ["E0302"]
    assert codes("cash CASH\n" + EQUAL + "constraints:\n    max weight CASH 10%\n", THREE) == ["E0409"]


def test_caps_are_refused_with_sleeves():
    body = ("sleeve core 70%:\n    target:\n        SPY 60%\n        AGG 40%\n    rebalance:\n        check monthly\n"
            "sleeve rest 30%:\n    target:\n        GLD 100%\n    rebalance:\n        check monthly\n"
            "constraints:\n    max weight GLD 40%\n")
    assert codes(body, THREE) == ["E0411"]
