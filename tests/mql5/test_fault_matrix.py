"""The fault matrix: every example's EA on every bundled broker profile makes the backtest's
decisions under that broker's terms (docs/mql5.md, *What parity means on a broker*), or differs
exactly where the documented difference says it must."""

from __future__ import annotations

import pytest

from rbl.backends.mql5.profiles import bundled_names, load_profile
from rbl.backends.mql5.verify import verify
from rbl.dsl import ir
from rbl.dsl.compiler import compile_file
from tests.conftest import EXAMPLES

# On an account with 100% margin, margin is priced at the ask and equity at the bid: a fully
# invested strategy cannot hold its targets there. Traders declare a cash buffer; so does the matrix.
MARGIN_BOUND = {"stocks-cfd-unleveraged"}
BUFFER = ir.Quantity(value=0.01, unit=ir.Unit.PERCENT)

# (example, profile) -> why the broker's margin must refuse what the backtest buys on credit there
# (after that decision only the decision bars are compared; docs/mql5.md)
MARGIN_REFUSES = {
    ("crypto_pair", "stocks-cfd-unleveraged"): "one whole ETH is 13% of the 10,000 account: more than the buffer",
    ("fx_gold_basket", "stocks-cfd-unleveraged"): "2x exposure on an unleveraged account",
    ("volatility_targeting", "stocks-cfd-unleveraged"): "exposure up to 1.5x on an unleveraged account",
    ("per_asset_bands", "stocks-cfd-unleveraged"): "trading only breached assets spends the buffer",
    ("core_satellite", "stocks-cfd-unleveraged"): "a sleeve rebalanced inside itself spends the buffer",
    ("sentiment_sleeves", "stocks-cfd-unleveraged"): "a sleeve rebalanced inside itself spends the buffer",
    ("sleeve_cooldown", "stocks-cfd-unleveraged"): "a sleeve rebalanced inside itself spends the buffer",
    ("sleeve_tranches", "stocks-cfd-unleveraged"): "a sleeve rebalanced inside itself spends the buffer",
}


def with_cash_buffer(checked):
    s = checked.strategy
    if s.constraints.cash_buffer is not None:
        return checked
    constraints = s.constraints.model_copy(update={"cash_buffer": BUFFER})
    return checked.model_copy(update={"strategy": s.model_copy(update={"constraints": constraints})})


@pytest.mark.slow
@pytest.mark.parametrize("profile", bundled_names())
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_agrees_with_its_backtest_on_every_bundled_broker(path, profile):
    checked = compile_file(path)
    if profile in MARGIN_BOUND:
        checked = with_cash_buffer(checked)
    report = verify(checked, profile=load_profile(profile))
    assert report.lint == [] and report.compiler == "" and report.bars > 0
    margin_refuses = (path.stem, profile) in MARGIN_REFUSES
    assert ("margin" in report.departure) == margin_refuses, MARGIN_REFUSES.get((path.stem, profile), "")
    assert report.first_divergence is None, report.first_divergence
    assert "SIM reject" not in report.journal or profile == "flaky"


def test_a_fully_invested_strategy_on_a_100_percent_margin_account_is_told_to_keep_a_cash_buffer():
    report = verify(compile_file(EXAMPLES[0].parent / "threshold_60_40.rbl"),
                    profile=load_profile("stocks-cfd-unleveraged"))
    assert any("cash buffer" in note for note in report.notes)
