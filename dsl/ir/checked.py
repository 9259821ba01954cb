"""The checked IR: what backends accept. Only the checker builds it, after every pass is clean."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from rbl.dsl.ir.strategy import Strategy


class CheckedStrategy(BaseModel):
    """A strategy that passed every check, with facts the checker derived for the backends."""

    model_config = ConfigDict(frozen=True)

    strategy: Strategy
    warmup_bars: int          # bars of history every lookback needs before the first decision
