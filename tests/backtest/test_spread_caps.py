"""`max weight M, excess to other assets` and `max weight ASSET M`: hand-computed targets on both engine
paths (static targets and targets that read the path), and the engine against the reference simulator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy import backtest
from rbl.dsl.compiler import compile_text
from tests.backtest.reference_sim import ReferenceSim, load_columns
from tests.backtest.tiny import run

ASSETS = 'asset A column "A" symbol "A"\nasset B column "B" symbol "B"\nasset C column "C" symbol "C"\n' \
         "capital 1000 USD\n"
FLAT = dict(A=[100.0] * 3, B=[100.0] * 3, C=[100.0] * 3)


def targets(body: str, **prices) -> list[float]:
    record = run(ASSETS + body, **(prices or FLAT)).trace_records()[0]
    return [record.targets[a] for a in "ABC"]


def fixed(a: str, b: str, c: str) -> str:
    return f"target:\n    A {a}\n    B {b}\n    C {c}\n"


# A path-dependent target (a state picks the branch): the loop's own constraint code runs
def dynamic(a: str, b: str, c: str) -> str:
    return ("state on = true:\n    false when drawdown(portfolio) > 50%\ntarget:\n    if on:\n"
            f"        A {a}\n        B {b}\n        C {c}\n    else:\n        A 30%\n        B 30%\n        C 40%\n")


@pytest.mark.parametrize("shape", [fixed, dynamic])
def test_one_round_spreads_the_excess_pro_rata(shape):
    # A 70% over a 40% cap: 30% goes to B and C as 20:10, so B 40%, C 20%
    body = shape("70%", "20%", "10%") + "constraints:\n    max weight 40%, excess to other assets\n"
    assert targets(body) == pytest.approx([0.4, 0.4, 0.2], abs=1e-15)


@pytest.mark.parametrize("shape", [fixed, dynamic])
def test_rounds_repeat_until_no_asset_is_above_its_cap(shape):
    # 60/30/10 at 35%: A's 25 -> B 48.75, C 16.25; then B's 13.75 -> C 30
    body = shape("60%", "30%", "10%") + "constraints:\n    max weight 35%, excess to other assets\n"
    assert targets(body) == pytest.approx([0.35, 0.35, 0.30], abs=1e-15)


@pytest.mark.parametrize("shape", [fixed, dynamic])
def test_per_asset_caps_send_the_excess_to_cash_by_default(shape):
    body = shape("70%", "20%", "10%") + "cash CASH\nconstraints:\n    max weight A 50%\n"
    record = run(ASSETS + body, **FLAT).trace_records()[0]
    assert [record.targets[a] for a in "ABC"] == pytest.approx([0.5, 0.2, 0.1], abs=1e-15)


@pytest.mark.parametrize("shape", [fixed, dynamic])
def test_the_smaller_of_the_global_and_the_asset_cap_holds(shape):
    # A at 30% (its own cap): 40 to spread over B 20 and C 10 -> B 46.7 > 45 -> B 45, C 25
    body = shape("70%", "20%", "10%") + \
        "constraints:\n    max weight 45%, excess to other assets\n    max weight A 30%\n"
    assert targets(body) == pytest.approx([0.30, 0.45, 0.25], abs=1e-15)


def test_an_asset_with_no_weight_receives_none():
    body = fixed("80%", "20%", "0%") + "cash CASH\nconstraints:\n    max weight 50%, excess to other assets\n"
    record = run(ASSETS + body, **FLAT).trace_records()[0]
    # A's 30 goes to B alone (C holds 0): B 50%; nothing is left over for cash
    assert [record.targets[h] for h in "ABC"] == pytest.approx([0.5, 0.5, 0.0], abs=1e-15)


def test_with_nowhere_to_go_the_excess_is_cash():
    body = ("cash CASH\ntarget:\n    A 60% while A > 1000\n    B 40%\nconstraints:\n"
            "    max weight 30%, excess to other assets\n")
    record = run(ASSETS + body, **FLAT).trace_records()[0]
    # A's hold filter moves its 60% to cash; B's 10% over the cap has no uncapped asset to go to
    assert [record.targets[h] for h in "AB"] == pytest.approx([0.0, 0.3], abs=1e-15)     # cash: 70%


REFERENCE_CASES = {
    "risk_parity_spread": "target: risk parity(60 days) SPY, UST5, UST10, UST20\nrebalance:\n    check monthly\n"
                          "constraints:\n    max weight 35%, excess to other assets\n    max weight UST5 25%\n",
    "inverse_vol_asset_caps": "target: inverse volatility(60 days) SPY, UST5, UST10, UST20\nrebalance:\n"
                              "    check monthly\nconstraints:\n    max weight UST5 20%\n",
    "select_spread": "target: top 3 by return(price, 3 months) of SPY, UST5, UST10, UST20\nrebalance:\n"
                     "    check monthly\nconstraints:\n    max weight 40%, excess to other assets\n"
                     "    max weight SPY 20%\n",
}


@pytest.mark.parametrize("name", sorted(REFERENCE_CASES))
def test_engine_matches_the_reference_simulator(name):
    head = "".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in ("SPY", "UST5", "UST10", "UST20"))
    checked = compile_text('rbl 1\nstrategy "ref"\n' + head + REFERENCE_CASES[name])
    dates, closes = load_columns([a.column for a in checked.strategy.assets])
    dates, closes = dates[:1200], closes[:1200]
    expected = np.array(ReferenceSim(checked, dates, closes).run())
    frame = pd.DataFrame(closes, columns=[a.column for a in checked.strategy.assets], index=pd.DatetimeIndex(dates))
    np.testing.assert_allclose(backtest(checked, frame).nav.to_numpy(), expected, rtol=1e-9, atol=0)
