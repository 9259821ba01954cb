"""The NumPy backtester: lowers a checked rbl strategy to vectorized array code."""

from backends.numpy.api import backtest, sweep  # noqa: F401
