"""A sweep's memory plan: how many variants one pass may hold under a byte budget, and the refusal of a
grid whose kept rows alone would not fit, computed from its size before anything is allocated."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_BUDGET = 512 * 2**20          # bytes a sweep may hold at once (--memory)

# What one variant costs per bar while its chunk is in flight, in bytes. The pass records NAV,
# drift, band and drawdown (8 each), check, when and the event code (1 each); the walk keeps about as
# much again in its own per-bar facts; the metrics make about six (K, bars) float temporaries (returns,
# drawdowns, deviations, excess over the benchmark, the moments of the statistics). Trades are
# counted at their worst, one per bar: each row holds quantities and prices per holding and six
# scalars, and the walk's raw row holds its own copy of the quantities and five scalars.
_BAR_BYTES = 35 + 40 + 6 * 8
_TRADE_BYTES_PER_HOLDING = 3 * 8
_TRADE_BYTES = (6 + 5) * 8

# What a sweep keeps per variant once its chunk is done: the params, ~20 metric columns (and their
# copy in the table), the PSR inputs and two moments per CSCV block.
_METRICS_KEPT = 2 * 24


@dataclass(frozen=True)
class Plan:
    """Variants [a, b) of each chunk, and the numbers behind the chunk size (for the report)."""

    variants: int
    per_chunk: int
    variant_bytes: int
    kept_bytes: int
    budget: int

    def chunks(self) -> list[tuple[int, int]]:
        return [(a, min(a + self.per_chunk, self.variants)) for a in range(0, self.variants, self.per_chunk)]


def variant_bytes(bars: int, holdings: int) -> int:
    """Bytes one variant holds while its pass runs (see _BAR_BYTES)."""
    per_bar = _BAR_BYTES + _TRADE_BYTES + _TRADE_BYTES_PER_HOLDING * holdings
    return bars * per_bar


def kept_bytes(variants: int, params: int, blocks: int) -> int:
    """Bytes kept for the whole sweep: the grid and one row of metrics and statistics per variant."""
    return variants * 8 * (params + _METRICS_KEPT + 2 * blocks)


def plan(variants: int, bars: int, holdings: int, params: int, blocks: int, budget: int = DEFAULT_BUDGET) -> Plan:
    """Chunks as large as the budget allows once the kept rows are set aside (at least one variant)."""
    kept, each = kept_bytes(variants, params, blocks), variant_bytes(bars, holdings)
    per_chunk = max(1, min(variants, (budget - kept) // each))
    return Plan(variants, per_chunk, each, kept, budget)


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"
