"""Issue 12's front-end defects, each reproduced first: fused keywords were accepted ('checkdaily' read
as 'check daily'); a sleeved strategy with no top-level 'rebalance:' rescaled its sleeves every bar."""

from __future__ import annotations

import pytest

from rbl.backends.numpy import backtest
from rbl.dsl import ir
from rbl.dsl.compiler import compile_source
from rbl.dsl.fmt import format_source
from rbl.dsl.source import SourceFile
from tests.backtest.tiny import prices
from tests.lang.helpers import HEAD, SIXTY_FORTY, codes, diagnose, rebalance


@pytest.mark.parametrize("body", [
    rebalance("checkdaily"),
    rebalance("check daily", "whendrift > 5pp"),
    rebalance("when drift > 5pp", "trade breachedassets"),
    rebalance("when drift > 5pp", "tobandedge"),
    "execution decide at close, trade atclose\n" + SIXTY_FORTY,
    "modealert\n" + SIXTY_FORTY,
    rebalance("when drift > 25% oftarget"),
    "target: equalweight SPY, AGG\n",
])
def test_a_keyword_fused_with_the_next_word_is_a_syntax_error(body):
    assert codes(body) == ["E0101"]


def test_the_help_splits_the_fused_words():
    (d,) = diagnose(rebalance("checkdaily"))
    assert d.help == "a keyword is a whole word: write 'check daily'"


def test_names_that_begin_with_a_keyword_are_still_names():
    body = "let checked = true\nlet whenever = SPY > 1\nlet target_mix = 1\n" + \
        rebalance("check checked", "when whenever and target_mix > 0")
    assert codes(body) == []


SLEEVES = ('asset GLD column "GLD" symbol "GLD"\n'
           "sleeve core 60%:\n    target:\n        SPY 60%\n        AGG 40%\n    rebalance:\n        check annually\n"
           "sleeve gold 40%:\n    target:\n        GLD 100%\n    rebalance:\n        check annually\n")


def test_without_a_top_level_rebalance_the_sleeves_are_never_rescaled():
    checked = compile_source(SourceFile("t.rbl", HEAD + SLEEVES)).checked
    assert checked.strategy.rebalance.when == ir.BoolLit(value=False)
    frame = prices(SPY=[100.0 + i for i in range(30)], UST10=[100.0] * 30, GLD=[100.0 - i for i in range(30)])
    result = backtest(checked, frame)
    assert [r.event for r in result.trace_records()].count("REBALANCE") == 0
    assert len(result.trades) == 1                                # the initial purchase only


def test_fmt_keeps_a_missing_top_level_rebalance_missing():
    source = SourceFile("t.rbl", HEAD + SLEEVES)
    text = format_source(source)
    assert "\nrebalance:" not in text
    again = compile_source(SourceFile("t.rbl", text)).strategy
    assert again.model_dump(mode="json") == compile_source(source).strategy.model_dump(mode="json")


def test_a_written_top_level_rebalance_still_moves_money_between_sleeves():
    body = SLEEVES + "rebalance:\n    check monthly\n"
    assert compile_source(SourceFile("t.rbl", HEAD + body)).strategy.rebalance.when == ir.BoolLit(value=True)


def test_a_huge_line_is_refused_in_bounded_time_with_a_short_message():
    import time

    from rbl.dsl.diagnostics import render_all
    line = "    when " + " + ".join(["drift"] * 200_000) + " > 5pp )\n"        # 1.6 MB on one line
    source = SourceFile("big.rbl", HEAD + SIXTY_FORTY + "rebalance:\n" + line)
    started = time.perf_counter()
    diagnostics = compile_source(source).diagnostics
    assert time.perf_counter() - started < 2.0
    (d,) = diagnostics
    assert d.code == "E0106" and "characters" in d.message
    assert len(render_all(source, diagnostics)) < 1_000


PARAM = "param fee = 10 bps from 0 bps to 50 bps step 5 bps\nparam ticket = 1 USD from 0 USD to 5 USD step 1 USD\n"


def test_a_parameter_can_set_a_cost_and_prints_back_as_written():
    body = PARAM + SIXTY_FORTY + "costs:\n    commission fee\n    commission ticket per order\n    spread fee\n"
    result = compile_source(SourceFile("t.rbl", HEAD + body))
    assert result.ok and result.strategy.costs.commission.model_dump() == {"kind": "ref", "name": "fee"}
    text = format_source(result.source)
    assert "    commission fee\n    commission ticket per order\n    spread fee\n" in text
    assert compile_source(SourceFile("t.rbl", text)).strategy.model_dump(mode="json") == \
        result.strategy.model_dump(mode="json")


@pytest.mark.parametrize("costs, code", [("commission ticket", "E0302"), ("minimum trade fee", "E0302"),
                                         ("commission calm", "E0409"), ("commission nothing", "E0202")])
def test_a_cost_that_is_not_a_parameter_of_its_unit_is_refused(costs, code):
    body = PARAM + "let calm = 10 bps\n" + SIXTY_FORTY + f"costs:\n    {costs}\n"
    assert code in codes(body)
