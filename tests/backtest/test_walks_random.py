"""Seeded random strategies (assets, targets with or without cash, calendar or band rules, >= or >,
trade at close or next open, costs up to 500 bps, a fee per order or a minimum trade): the compiled walk
agrees with the general engine to 1e-12 on every NAV, with the same trades, events and `when`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from backends.numpy import api, compiled_walk, fastwalk
from dsl.compiler import compile_text


def _case(seed: int):
    rng = np.random.default_rng(seed)
    n, bars = int(rng.integers(2, 6)), int(rng.integers(60, 500))
    close = 50 * np.exp(np.cumsum(rng.normal(0.0003, rng.uniform(0.005, 0.04), (bars, n)), axis=0))
    names = [f"A{i}" for i in range(n)]
    frame = pd.DataFrame(close, index=pd.bdate_range("2010-01-04", periods=bars), columns=names)
    shares = rng.integers(1, 10, n).astype(float)
    risky = int(rng.choice([100, 80, 65]))
    weights = np.floor(shares / shares.sum() * risky * 10) / 10
    weights[-1] = round(risky - weights[:-1].sum(), 1)
    lines = "".join(f"    {a} {w:.1f}%\n" for a, w in zip(names, weights))
    cash = risky < 100
    banded = seed % 2 == 0
    rule = (f"    check {rng.choice(['daily', 'weekly on monday'])}\n    when drift {rng.choice(['>', '>='])} band\n"
            if banded else f"    when {rng.choice(['monthly', 'quarterly', 'weekly on monday'])}\n")
    text = ('rbl 1\nstrategy "random"\n' + "".join(f'asset {a} column "{a}" symbol "{a}"\n' for a in names)
            + ("cash USD\n" if cash else "")
            + f"execution decide at close, {rng.choice(['trade at close', 'trade at next open'])}\n"
            + ("param band = 3pp from 1pp to 6pp step 1pp\n" if banded else "")
            + "target:\n" + lines + (f"    USD {100 - risky}%\n" if cash else "") + "rebalance:\n" + rule
            + f"costs:\n    commission {int(rng.choice([0, 5, 30, 500]))} bps\n"
            + str(rng.choice(["", "    commission 2 USD per order\n", "    minimum trade 500 USD\n"])))
    return compile_text(text), frame, banded


@pytest.mark.parametrize("seed", range(16))
def test_random_strategies_agree_with_the_general_engine(seed, monkeypatch):
    checked, frame, banded = _case(seed)
    runs = [lambda: api.backtest(checked, frame)] + ([lambda: api.sweep(checked, frame)] if banded else [])
    for run in runs:
        taken = []
        with monkeypatch.context() as patch:
            walk = compiled_walk.CompiledWalk
            patch.setattr(walk, "run", lambda self, _run=walk.run: taken.append(_run(self)) or taken[-1])
            fast = run().run.sim
        assert taken == [True]                              # the walk under test produced the result
        with monkeypatch.context() as patch:
            patch.setattr(fastwalk, "applies", lambda engine: False)
            general = run().run.sim
        np.testing.assert_allclose(fast.nav, general.nav, rtol=1e-12, atol=0)
        assert [(t.variant, t.bar) for t in fast.trades] == [(t.variant, t.bar) for t in general.trades]
        np.testing.assert_array_equal(fast.event, general.event)
        np.testing.assert_array_equal(np.asarray(fast.when), general.when)
