"""The `bands:` section: a band per asset, read per asset as `its band` in a drift rule."""

from __future__ import annotations

from rbl.dsl.compiler import compile_source
from rbl.dsl.fmt import format_strategy
from rbl.dsl.source import SourceFile
from tests.lang.helpers import HEAD, codes, diagnose, rebalance


def bands(*rows: str) -> str:
    return "bands:\n" + "".join(f"    {r}\n" for r in rows)


def test_each_asset_may_have_its_own_band_in_pp_or_relative():
    assert codes(bands("SPY 3pp", "AGG 25% of target") + rebalance("when drift > its band")) == []


def test_a_bare_percent_band_row_is_ambiguous():
    [d] = diagnose(bands("SPY 3%") + rebalance("when drift > its band"))
    assert d.code == "E0301" and "'3pp'" in d.help


def test_a_band_row_out_of_range_is_an_error():
    assert codes(bands("SPY 150pp") + rebalance("when drift > its band")) == ["E0403"]


def test_a_band_row_for_an_undeclared_asset_is_an_unknown_asset():
    [d] = diagnose(bands("SPYY 3pp") + rebalance("when drift > its band"))
    assert d.code == "E0203" and d.help == "did you mean 'SPY'?"


def test_two_rows_for_one_asset_are_a_duplicate():
    assert codes(bands("SPY 3pp", "SPY 4pp") + rebalance("when drift > its band")) == ["E0201"]


def test_its_band_without_a_bands_section_says_what_to_add():
    [d] = diagnose(rebalance("when drift > its band"))
    assert d.code == "E0205" and "'bands:'" in d.message


def test_its_band_is_per_asset_so_check_cannot_use_it():
    assert "E0206" in codes(bands("SPY 3pp") + rebalance("check drift > its band"))


def test_bands_print_back_as_written_and_parse_to_the_same_ir():
    text = HEAD + "target:\n    SPY 60%\n    AGG 40%\n\n" + bands("SPY 3pp", "AGG 25% of target") + \
        "\n" + rebalance("when drift > its band", target="")
    strategy = compile_source(SourceFile("t.rbl", text)).strategy
    printed = format_strategy(strategy)
    assert "bands:\n    SPY 3pp\n    AGG 25% of target\n" in printed
    reparsed = compile_source(SourceFile("t.rbl", printed)).strategy
    assert reparsed.model_dump() == strategy.model_dump()
