"""A sleeve whose only rule is a calendar is written `check CAL` with no `when`, as examples/core_satellite.rbl
writes it; a calendar beside a band keeps its form, and a strategy without sleeves is unchanged."""

from __future__ import annotations

import pytest

import rbl
from rbl.dsl.english.equivalence import backtest_equivalent
from rbl.dsl.english.offline import translate_offline


def sleeve_rules(english: str) -> dict[str, list[str]]:
    """Each sleeve's `rebalance:` lines, by sleeve name."""
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    rbl.load(translation.rbl)                       # the checks accept it
    rules: dict[str, list[str]] = {}
    name, in_rebalance = None, False
    for line in translation.rbl.splitlines():
        if line.startswith("sleeve "):
            name, rules[line.split()[1]] = line.split()[1], []
        elif not line.startswith(" "):
            name = None
        elif line.startswith("    ") and not line.startswith(" " * 8):
            in_rebalance = line.strip() == "rebalance:"
        elif name and in_rebalance:
            rules[name].append(line.strip())
    return rules


@pytest.mark.parametrize("english, core, satellite", [
    ("Split the money 80/20 between a core and a satellite. The core holds VTI 70% and BND 30% and is rebalanced "
     "once a year. The satellite holds the top 2 of QQQ, IWM, EFA by 3-month return, reviewed every month. Move "
     "money between the sleeves when either drifts 5pp.", "annually", "monthly"),
    ("Core (75%): VTI 50%, VXUS 25%, BND 25%, rebalanced quarterly. Satellite (25%): equal weight GLD and DBC, "
     "rebalanced annually. Rebalance the sleeves monthly.", "quarterly", "annually"),
    ("I want a 60% core bucket in SPY 60% / TLT 40% that I rebalance every quarter, and a 40% satellite in the top 3 "
     "of XLK, XLV, XLE, XLF, XLI by 6-month momentum, rebalanced each month. Bring the sleeves back to 60/40 when "
     "either drifts 4pp.", "quarterly", "monthly"),
])
def test_a_sleeve_rebalanced_on_a_calendar_alone_is_checked_on_it(english, core, satellite):
    rules = sleeve_rules(english)
    assert rules == {"core": [f"check {core}"], "satellite": [f"check {satellite}"]}


def test_a_sleeve_on_a_trading_day_calendar_is_checked_on_it():
    rules = sleeve_rules("Core (70%): SPY 60%, AGG 40%, rebalanced on the 3rd trading day of each month. Satellite "
                         "(30%): equal weight QQQ and GLD, rebalanced at each quarter-end. Rebalance the sleeves "
                         "annually.")
    assert rules == {"core": ["check 3rd trading day of month"], "satellite": ["check last trading day of quarter"]}


def test_a_sleeve_checked_on_a_calendar_trades_as_when_it_fires_on_it():
    """The decision's proof, on the forms the reader writes beyond the dev set's: the same NAV on every bar."""
    def sleeved(rule: str) -> str:
        return ("rbl 1\nstrategy \"s\"\nasset SPY\nasset AGG\nasset QQQ\nasset GLD\nsleeve core 70%:\n"
                f"    target:\n        SPY 60%\n        AGG 40%\n    rebalance:\n        {rule} 3rd trading day of month\n"
                "sleeve satellite 30%:\n    target: top 1 by return(price, 3 months) of QQQ, GLD\n    rebalance:\n"
                f"        {rule} last trading day of quarter\nrebalance:\n    check daily\n    when drift > 5pp\n")
    assert backtest_equivalent(rbl.load(sleeved("when")), rbl.load(sleeved("check"))) is True


def test_a_calendar_beside_a_band_in_a_sleeve_keeps_its_form():
    rules = sleeve_rules("Core (70%): SPY 60%, AGG 40%, checked monthly, rebalanced when any holding drifts 5pp. "
                         "Satellite (30%): equal weight QQQ and GLD, every quarter. Rebalance the sleeves annually.")
    assert rules["core"] == ["check monthly", "when drift > 5pp"]


def test_a_calendar_without_sleeves_is_still_a_when():
    rbl_text = translate_offline("Keep SPY at 60% and AGG at 40%, rebalanced once a year.").rbl
    assert "rebalance:\n    when annually\n" in rbl_text and "check" not in rbl_text
