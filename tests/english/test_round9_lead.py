"""Session 14 (round 9): readings found by the lead, each reproduced first."""

from pathlib import Path

from rbl.dsl.english.offline import translate_offline

DATA = Path(__file__).parent / "data"


def test_no_blind_modifier_said_with_tickers_returns_a_strategy():
    """The 57 blind modifiers that name an asset class ('only the stocks get rebalanced, bonds just ride'), with each
    class word replaced by the line's own ticker of that class ('only SPY get rebalanced, BND just ride'). At the
    session's start 6 of them returned the plain strategy, the modifier dropped: the asset named again was taken as
    read."""
    lines = [line.strip() for line in (DATA / "modifiers_blind_tickers.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    returned = [line for line in lines if translate_offline(line).rbl is not None]
    assert len(lines) == 57 and returned == []
