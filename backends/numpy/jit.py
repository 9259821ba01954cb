"""numba's `njit`, or the same functions as plain Python where numba cannot load (say so: `MISSING`)."""

from __future__ import annotations

try:
    from numba import njit
    MISSING = ""
except Exception as err:        # numba missing or unable to load here: the same code as plain Python
    MISSING = f"{type(err).__name__}: {err}"

    def njit(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda fn: fn

__all__ = ["njit", "MISSING"]
