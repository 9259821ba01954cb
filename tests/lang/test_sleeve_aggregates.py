"""Aggregates and `bars/days since rebalance` in a strategy with sleeves, as the checker sees them: a
sleeve's `when` ranges over its own holdings and counts from its own trades, the strategy's `when` over
the sleeves (docs/semantics.md, *Sleeves*)."""

from __future__ import annotations

from rbl.dsl.compiler import compile_text
from rbl.dsl.fmt import format_strategy
from tests.lang.helpers import HEAD, diagnose

THIRD = 'asset MSFT column "MSFT" symbol "MSFT.US"\n'


def sleeved(core_when: str = "drift > 5pp", sat_when: str = "drift > 5pp", top: str = "when drift > 5pp",
            core_check: str = "monthly", share: str = "70%") -> str:
    return (HEAD + THIRD + f"sleeve core {share}:\n    target:\n        SPY 60%\n        AGG 40%\n"
            f"    rebalance:\n        check {core_check}\n        when {core_when}\n"
            f"sleeve sat 30%:\n    target:\n        MSFT 100%\n    rebalance:\n        check daily\n"
            f"        when {sat_when}\nrebalance:\n    check daily\n    {top}\n")


def problems(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnose(text[len(HEAD):])]


def test_aggregates_and_since_rebalance_in_the_whens_of_sleeves_and_strategy_check():
    text = sleeved("sum of drift / 2 > 2pp and bars since rebalance >= 20", "days since rebalance > 30",
                   "when max of drift > 5pp and count of (weight > target) in core, sat >= 1")
    assert problems(text) == []


def test_a_let_read_by_a_sleeve_when_may_hold_an_aggregate():
    text = sleeved("gap > 2pp").replace("sleeve core", "let gap = mean of drift\nsleeve core", 1)
    assert problems(text) == []


def test_in_names_a_holding_of_the_sleeve_whose_rule_reads_it():
    (found,) = problems(sleeved("sum of drift in SPY, MSFT > 2pp"))
    assert found == ("E0411", "'MSFT' is not a holding of sleeve 'core': its rules range over SPY, AGG")


def test_in_names_sleeves_in_the_strategys_rules():
    (found,) = problems(sleeved(top="when max of drift in core, SPY > 5pp"))
    assert found == ("E0411", "'SPY' is not a sleeve: the strategy's rules range over the sleeves core, sat")


def test_a_sleeve_name_is_not_a_holding_inside_a_sleeve():
    (found,) = problems(sleeved("sum of drift in core > 2pp"))
    assert found[0] == "E0411" and "'core' is not a holding of sleeve 'core'" in found[1]


def test_aggregates_are_refused_in_a_check_with_sleeves_and_since_rebalance_is_not():
    found = problems(sleeved(core_check="monthly and bars since rebalance > 5").replace(
        "check daily\n    when", "check sum of drift > 1pp\n    when"))
    assert found == [("E0411", "'sum of' is read only in 'when' in a strategy with sleeves")]


def test_aggregates_stay_refused_in_a_share_or_a_state():
    found = problems(sleeved(share="if bars since rebalance > 5 then 70% else 60%"))
    assert ("E0411", "'bars since rebalance' is read only in 'check' and 'when' in a strategy with sleeves") \
        in found


def test_fmt_prints_sleeved_aggregates_back_to_the_same_ir():
    text = sleeved("sum of drift / 2 > 2pp and bars since rebalance >= 20", "days since rebalance > 30",
                   "when max of drift > 5pp and (count of (weight > target) in core, sat) >= 1")
    strategy = compile_text(text).strategy
    again = compile_text(format_strategy(strategy)).strategy
    assert again.model_dump() == strategy.model_dump()
    assert format_strategy(again) == format_strategy(strategy)


# ---- partial policies inside a sleeve (docs/semantics.md, *Sleeves*) ----------------------------
def with_policy(core: str = "", top: str = "", core_when: str = "drift > 5pp") -> str:
    text = sleeved(core_when)
    text = text.replace(f"        when {core_when}\n", f"        when {core_when}\n" + "".join(
        f"        {line}\n" for line in core.split(";") if line), 1)
    return text + "".join(f"    {line}\n" for line in top.split(";") if line)


def test_a_sleeves_own_rule_may_trade_its_breached_assets_to_the_band_edge():
    assert problems(with_policy("to band edge;trade breached assets")) == []


def test_between_the_sleeves_the_policies_stay_refused():
    found = problems(with_policy(top="to band edge;trade breached assets"))
    assert [code for code, _ in found] == ["E0411", "E0411"]
    assert "between the sleeves" in found[0][1]


def test_a_sleeves_band_edge_needs_its_band_and_breached_scope_a_per_asset_when():
    found = problems(with_policy("to band edge;trade breached assets", core_when="bars since rebalance > 5"))
    assert [code for code, _ in found] == ["E0407", "E0408"]


def test_explain_says_what_a_sleeve_with_its_own_policy_trades():
    from rbl.dsl.explain import explain
    text = explain(compile_text(with_policy("to band edge;trade breached assets")).strategy)
    assert "trading within the sleeve only the assets that broke their band, each back to the edge of its band" \
        in text
