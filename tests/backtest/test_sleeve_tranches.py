"""`trade over N bars` in a sleeve's `rebalance:` (docs/semantics.md, *Tranches*): the sleeve's own
rebalances are split over N bars; the first purchase and the strategy's moves between sleeves trade at
once and end every sleeve's slices. Hand-computed on a few bars."""

from __future__ import annotations

import pytest

from tests.backtest.tiny import run

FOUR = "".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in "ABCD")


def body(parent: str = "drift > 50pp") -> str:
    return (FOUR + "sleeve core 50%:\n    target:\n        A 50%\n        B 50%\n"
            + "    rebalance:\n        when drift > 8pp\n        trade over 2 bars\n"
            + "sleeve satellite 50%:\n    target:\n        C 50%\n        D 50%\n"
            + "    rebalance:\n        when drift > 90pp\n"
            + f"rebalance:\n    when {parent}\n")


def orders(result, bar: int) -> dict[str, float]:
    trade = next(t for t in result.trades if t.bar == bar)
    return {a: q for a, q in zip(result.assets, trade.quantities) if q != 0}


def test_a_sleeve_rebalance_is_split_over_its_bars_and_the_first_purchase_is_not():
    # bar 0: 250 of each at once. bar 1: A at 150, the core is 60/40 (10pp > 8pp): to 31,250 each,
    # A -41.667 and B +62.5, half now, half on bar 2 (where the core's drift is 5pp: no new decision)
    result = run(body(), A=[100, 150, 150, 150, 150], B=[100] * 5, C=[100] * 5, D=[100] * 5)
    assert [r.event for r in result.trace_records()] == ["INITIAL", "REBALANCE", "TRANCHE", "HOLD", "HOLD"]
    assert orders(result, 0) == pytest.approx({a: 250.0 for a in "ABCD"}, rel=1e-12)
    half = {"A": -125 / 6, "B": 31.25}
    assert orders(result, 1) == pytest.approx(half, rel=1e-12) and orders(result, 2) == pytest.approx(half, rel=1e-12)
    assert result.holdings.iloc[3][["A", "B"]].tolist() == pytest.approx([625 / 3, 312.5], rel=1e-12)
    record, trade = result.trace_records()[2], result.trades[2]
    assert record.sleeves == "core:10,satellite:10" and "a slice of a sleeve's earlier decision" in record.why
    assert (trade.decision, trade.part) == (1, 2)            # the second slice of the decision of bar 1


def test_a_new_decision_of_the_sleeve_replaces_what_is_left_of_its_slices():
    # bar 2: A at 225, the core is 64.7% A (14.7pp; 7.4pp after its first slice): new orders from its
    # holdings (A 229.167, B 281.25) to 39,843.75 each, A -52.083 and B +117.1875, half now and half on bar 3
    result = run(body(), A=[100, 150, 225, 225, 225], B=[100] * 5, C=[100] * 5, D=[100] * 5)
    assert [r.event for r in result.trace_records()] == ["INITIAL", "REBALANCE", "REBALANCE", "TRANCHE", "HOLD"]
    half = {"A": -625 / 24, "B": 117.1875 / 2}
    assert orders(result, 2) == pytest.approx(half, rel=1e-12) and orders(result, 3) == pytest.approx(half, rel=1e-12)


def test_the_strategys_move_between_sleeves_trades_at_once_and_ends_the_slices():
    # bar 2: C at 400, the satellite is 66.7% of the portfolio (16.7pp > 15pp; 11.5pp on bar 1): every
    # sleeve back to its share at once; the core's second slice is not traded
    result = run(body("drift > 15pp"), A=[100, 150, 150, 150, 150], B=[100] * 5, C=[100, 100, 400, 400, 400],
                 D=[100] * 5)
    assert [r.event for r in result.trace_records()] == ["INITIAL", "REBALANCE", "REBALANCE", "HOLD", "HOLD"]
    # neither sleeve fires on bar 2: each is scaled to its share keeping its mix, the core's half-way 55/45
    held, nav = result.holdings.iloc[3], result.nav.iloc[3]
    assert held["A"] * 150 == pytest.approx(nav / 2 * 0.55, rel=1e-12)
    assert held["C"] * 400 == pytest.approx(nav / 2 * 0.8, rel=1e-12)
    assert [t.bar for t in result.trades] == [0, 1, 2]


def test_a_bar_that_waits_for_a_signal_trades_no_slice_and_the_slices_resume_after_it():
    # the satellite reads S (stale after 0 bars); S has no value on bar 2: the whole strategy waits
    # there and the core's second slice is traded on bar 3
    text = body().replace("sleeve core", 'signal S column "S" stale after 0 bars\nsleeve core').replace(
        "        C 50%\n        D 50%\n", "        if S > 0:\n            C 50%\n            D 50%\n"
                                        "        else:\n            C 50%\n            D 50%\n")
    result = run(text, A=[100, 150, 150, 150, 150], B=[100] * 5, C=[100] * 5, D=[100] * 5,
                 S=[1.0, 1.0, float("nan"), 1.0, 1.0])
    assert [r.event for r in result.trace_records()] == ["INITIAL", "REBALANCE", "WAIT", "TRANCHE", "HOLD"]
    assert orders(result, 3) == pytest.approx({"A": -125 / 6, "B": 31.25}, rel=1e-12)
