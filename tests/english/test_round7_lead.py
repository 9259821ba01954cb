"""Issue 17, round 7 (session 12): defects the lead found by trying the reader, each reproduced here before the fix."""

from __future__ import annotations

import pytest

from rbl.dsl.english.offline import translate_offline


def _trades_every_asset(english: str) -> bool:
    translation = translate_offline(english)
    return translation.rbl is not None and "breached" not in translation.rbl


@pytest.mark.parametrize("english", [
    "60% SPY and 40% TLT, rebalanced monthly. The trades are made only for the asset outside its 5 point band.",
    "70/30 VTI/BND, checked monthly; orders go out only for the holding that is more than 5 points off target.",
    "SPY 50 / IEF 50, monthly checks, 5pp band; trade exclusively in the drifting asset.",
])
def test_trading_restricted_to_the_breached_asset_is_never_a_full_rebalance(english):
    """Found by trying: 'the trades are made only for the asset' was all filler words, so it was skipped as chatter
    and the band traded every asset back to target."""
    assert not _trades_every_asset(english)
