"""Every IR node type has an evaluation rule in the NumPy backend, or is handled by the engine."""

from __future__ import annotations

import typing

from backends.numpy.evaluate import RULES
from dsl.ir.expr import Expr


def test_every_expression_node_has_a_rule():
    union = typing.get_args(typing.get_args(Expr)[0])
    assert union, "the Expr union should list its node classes"
    assert [cls.__name__ for cls in union if cls not in RULES] == []


def test_the_rolling_stdev_is_numpys_two_pass_stdev_of_each_window():
    """vol() and inverse volatility read it: the same values as NumPy's ddof-1 std of every window,
    without the (T, H, n) copy of the windows (1.2 GB for 500 assets x 5,000 bars x 60)."""
    from numpy.lib.stride_tricks import sliding_window_view
    from backends.numpy import indicators as ind
    rng = np.random.default_rng(3)
    x = 50 * np.exp(np.cumsum(rng.normal(0, 0.02, (2, 700, 5)), axis=1))
    r = ind.simple_returns(x)[:, 1:]
    expected = np.full(x.shape, np.nan)
    expected[:, 30:] = sliding_window_view(r, 30, axis=1).std(axis=-1, ddof=1)
    np.testing.assert_allclose(ind.stdev_of_returns(x, 30), expected, rtol=1e-14, atol=0)
