"""Properties of spreading capped weight (`max weight M, excess to other assets`): the vectorised form
the backtester uses on static targets equals the loop's and the reference simulator's, no asset ends
above its cap, the total is kept when the caps can hold it, and the uncapped keep their proportions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rbl.backends.numpy.path_loop import _spread_caps
from rbl.backends.numpy.weights import spread_caps
from tests.backtest.reference_sim import spread_excess

weights = st.lists(st.one_of(st.just(0.0), st.floats(1e-6, 1.0)), min_size=1, max_size=8)   # no denormals


@st.composite
def cases(draw):
    w = np.array(draw(weights))
    w = w / w.sum() if w.sum() > 0 else w
    caps = np.array([draw(st.sampled_from([0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, np.inf])) for _ in w])
    return w, caps


@settings(max_examples=300, deadline=None)
@given(cases())
def test_three_implementations_agree_and_the_result_is_a_capped_projection(case):
    w, caps = case
    vectorised = spread_caps(w[None, None, :], caps)[0, 0]
    regs, consts = np.array([w.copy()]), np.concatenate([[0.0] * 6, caps])
    _spread_caps(regs, 0, consts, 6, len(w))
    names = [f"a{i}" for i in range(len(w))]
    reference = spread_excess(dict(zip(names, w)), dict(zip(names, caps)), names)
    assert np.array_equal(vectorised, regs[0])
    assert np.array_equal(vectorised, np.array([reference[n] for n in names]))
    assert np.all(vectorised <= caps + 1e-15)
    room = np.minimum(caps, 1.0)[w > 0].sum()
    if room >= w.sum() + 1e-9:
        assert abs(vectorised.sum() - w.sum()) < 1e-12
    free = (vectorised < caps) & (w > 0)
    if free.sum() >= 2:
        ratio = vectorised[free] / w[free]
        assert np.allclose(ratio, ratio[0], rtol=1e-12)
