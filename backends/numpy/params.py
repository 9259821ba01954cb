"""Parameter values from the command line (`band=3pp`, `band=1pp:10pp:1pp`) and back to the language."""

from __future__ import annotations

import math
import re

import numpy as np

from rbl.backends.numpy.chunks import DEFAULT_BUDGET, gib, kept_bytes
from rbl.dsl import ir
from rbl.dsl.fmt import quantity

_UNITS = {  # what a user may type -> (unit, scale from the typed number to the stored value)
    "%": (ir.Unit.PERCENT, 0.01), "pp": (ir.Unit.PP, 0.01), "bps": (ir.Unit.BPS, 1e-4),
    "bp": (ir.Unit.BPS, 1e-4), "x": (ir.Unit.TIMES, 1.0), "days": (ir.Unit.BARS, 1.0),
    "day": (ir.Unit.BARS, 1.0), "bars": (ir.Unit.BARS, 1.0), "bar": (ir.Unit.BARS, 1.0),
    "weeks": (ir.Unit.WEEKS, 1.0), "week": (ir.Unit.WEEKS, 1.0), "months": (ir.Unit.MONTHS, 1.0),
    "month": (ir.Unit.MONTHS, 1.0), "years": (ir.Unit.YEARS, 1.0), "year": (ir.Unit.YEARS, 1.0),
}
_SCALE_OF = {ir.Unit.PERCENT: 0.01, ir.Unit.PP: 0.01, ir.Unit.BPS: 1e-4}
_WHOLE = {ir.Unit.BARS, ir.Unit.WEEKS, ir.Unit.MONTHS, ir.Unit.YEARS}
_NUMBER = re.compile(r"\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*([a-z%]*)\s*", re.IGNORECASE)


class ParamError(ValueError):
    """A --set or --param the strategy cannot take: unknown name, wrong unit, outside the range."""


def written(param: ir.Param, value: float, currency: str = "USD") -> str:
    """A stored value as the language writes it in the param's unit: 0.03 -> '3pp', 60 -> '60 days',
    an amount in the account's `currency`."""
    return quantity(ir.Quantity(value=float(np.round(value, 12)), unit=param.default.unit), currency)


def declared_range(param: ir.Param, currency: str = "USD") -> str:
    return f"{quantity(param.lo, currency)}..{quantity(param.hi, currency)}"


def param_value(param: ir.Param, value, currency: str = "USD") -> float:
    """A value as stored in the IR: '3pp' -> 0.03, '5 USD' -> 5 (an amount in the account's `currency`);
    a bare number is read in the param's unit."""
    if not isinstance(value, str):
        return float(value)
    match = _NUMBER.fullmatch(value)
    example = written(param, param.default.value, currency)
    units = {**_UNITS, currency.lower(): (ir.Unit.MONEY, 1.0)}
    if match is None or match.group(2).lower() not in {"", *units}:
        raise ParamError(f"cannot read '{value}' as a value of param '{param.name}' (e.g. {example})")
    number, typed = float(match.group(1)), match.group(2).lower()
    unit = param.default.unit
    if typed and units[typed][0] is not unit:
        raise ParamError(f"param '{param.name}' is written in {_unit_name(unit)} (e.g. {example}), "
                         f"not '{typed}'")
    if unit in _WHOLE and number != int(number):
        raise ParamError(f"param '{param.name}' takes a whole number of {_unit_name(unit)}, got '{value}'")
    return number * _SCALE_OF.get(unit, 1.0)


def _unit_name(unit: ir.Unit) -> str:
    return {ir.Unit.NONE: "plain numbers", ir.Unit.PERCENT: "%", ir.Unit.BARS: "days"}.get(unit, unit.value)


def check_in_range(param: ir.Param, value: float, flag: str, currency: str = "USD") -> None:
    """The declared `from .. to` bounds every value a run may use."""
    if not param.lo.value - 1e-12 <= value <= param.hi.value + 1e-12:
        raise ParamError(f"{flag} {param.name}={written(param, value, currency)} is outside the declared range "
                         f"{declared_range(param, currency)} of param '{param.name}'")


def known_param(s: ir.Strategy, name: str, flag: str) -> ir.Param:
    param = s.param(name)
    if param is None:
        declared = ", ".join(p.name for p in s.params) or "none"
        raise ParamError(f"{flag}: unknown param {name} (the strategy declares {declared})")
    return param


def settings(s: ir.Strategy, values: dict) -> dict[str, float]:
    """`--set` values (text or numbers), checked against each param's unit and declared range."""
    out = {}
    for name, value in values.items():
        param = known_param(s, name, "--set")
        out[name] = _read(param, value, f"--set {name}={value}", s.currency)
        check_in_range(param, out[name], "--set", s.currency)
    return out


def grid_of(s: ir.Strategy, ranges: dict[str, tuple], budget: int = DEFAULT_BUDGET,
            blocks: int = 16) -> dict[str, np.ndarray]:
    """The cartesian grid of the swept params (declared ranges when none are given), flattened to K
    (the first param varies slowest). Sweeps run in chunks, so only the rows kept per variant bound
    the grid: a grid whose kept rows exceed the memory budget is refused before anything is allocated."""
    if not s.params:
        raise ParamError(f"'{s.name}' declares no param to sweep (e.g. 'param band = 5pp from 1pp to 10pp step 1pp')")
    ranges = ranges or {p.name: (p.lo.value, p.hi.value, p.step.value) for p in s.params}
    specs = {name: _axis(known_param(s, name, "--param"), *_three(name, spec), s.currency)
             for name, spec in ranges.items()}
    count = math.prod(n for _, _, n in specs.values())
    need = kept_bytes(count, len(specs), blocks)
    if need > budget:
        sizes = " x ".join(f"{n:,} {name}" for name, (_, _, n) in specs.items())
        raise ParamError(f"--param: {sizes} makes {count:,} variants, whose rows alone need {gib(need)}, more "
                         f"than the memory budget of {gib(budget)}; use a coarser STEP, a narrower range "
                         "or a larger --memory")
    axes = [np.round(lo + step * np.arange(n), 12) for lo, step, n in specs.values()]
    mesh = np.meshgrid(*axes, indexing="ij")
    return {name: values.ravel() for name, values in zip(specs, mesh)}


def _read(param: ir.Param, value, flag: str, currency: str) -> float:
    try:
        return param_value(param, value, currency)
    except ParamError as err:
        raise ParamError(f"{flag}: {err}") from None


def _three(name: str, spec) -> tuple:
    """A range as the API takes it, (LO, HI, STEP); anything else says so (it reached `_axis` as a TypeError)."""
    if not isinstance(spec, (tuple, list)) or len(spec) != 3:
        raise ParamError(f"{name}={spec!r}: a swept range is (LO, HI, STEP), e.g. {name}=(\"1pp\", \"10pp\", \"1pp\")")
    return tuple(spec)


def _axis(param: ir.Param, lo, hi, step, currency: str) -> tuple[float, float, int]:
    """(LO, STEP, number of values) of one swept param, checked; the values are made by `grid_of`."""
    flag = f"--param {param.name}={lo}:{hi}:{step}"
    lo, hi, step = (_read(param, x, flag, currency) for x in (lo, hi, step))
    if step <= 0 or hi < lo:
        raise ParamError(f"--param {param.name}: the range needs LO <= HI and a positive STEP "
                         f"(e.g. {param.name}={written(param, param.lo.value, currency)}:"
                         f"{written(param, param.hi.value, currency)}:{written(param, param.step.value, currency)})")
    for bound in (lo, hi):
        check_in_range(param, bound, "--param", currency)
    steps = (hi - lo) / step
    if not math.isfinite(steps):            # a step so small the count overflows a float
        raise ParamError(f"{flag}: STEP is too small to count the values of the range")
    return lo, step, math.floor(steps + 1e-9) + 1
