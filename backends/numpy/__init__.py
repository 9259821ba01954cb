"""The NumPy backtester: lowers a checked rbl strategy to vectorized array code."""

__all__ = ["backtest", "sweep"]


def __getattr__(name: str):
    # Lazy so that registering `rbl backtest` on the CLI does not import pandas (`rbl --help` < 300 ms).
    if name in __all__:
        from rbl.backends.numpy import api
        return getattr(api, name)
    raise AttributeError(f"module 'rbl.backends.numpy' has no attribute {name!r}")
