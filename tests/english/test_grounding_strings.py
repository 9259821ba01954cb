"""Grounding covers the strings a strategy carries (issue 17): a model answer may not point an asset at a
data column or broker symbol the trader never named (SPY traded as TSLA.US was accepted)."""

from __future__ import annotations

import pytest

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.grounding import ungrounded
from tests.english.fake_llm import Reply
from tests.english.test_model import GOOD, run

ENGLISH = "60% SPY, 40% AGG. Rebalance when any asset drifts over 5%."


def _with_assets(lines: str) -> str:
    return GOOD.replace("asset SPY\nasset AGG\n", lines)


@pytest.mark.parametrize("assets, refused", [
    ('asset SPY symbol "TSLA.US"\nasset AGG\n', 'symbol "TSLA.US"'),
    ('asset SPY column "QQQ"\nasset AGG\n', 'column "QQQ"'),
    ('asset SPY column "UST10" symbol "IEF.US"\nasset AGG\n', 'column "UST10"'),
])
def test_a_column_or_symbol_the_english_never_named_is_refused(assets, refused):
    translation, _ = run([Reply(content=_with_assets(assets))])
    assert translation.rbl is None and refused in translation.error


@pytest.mark.parametrize("english, assets", [
    (ENGLISH, 'asset SPY column "SPY" symbol "SPY.US"\nasset AGG column "UST10" symbol "AGG"\n'),   # documented defaults
    ("60% SPY, 40% AGG (AGG = the UST5 column, symbol AGG.X). Rebalance when any asset drifts over 5%.",
     'asset SPY\nasset AGG column "UST5" symbol "AGG.X"\n'),                                        # said in the English
])
def test_columns_and_symbols_from_the_english_or_the_defaults_are_kept(english, assets):
    rbl = _with_assets(assets)
    assert ungrounded(english, compile_text(rbl).strategy, rbl) == []
