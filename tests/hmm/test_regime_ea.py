"""The EA's learned regimes (runtime_hmm.mqh) make the backtest's decisions on every bar in the
simulated broker (`rbl verify`): targets switched by the regime (diagonal and full covariance),
exposure by a rolling-window regime, and across restarts, after which the EA refits from its history
to the same models."""

from __future__ import annotations

import pytest

from rbl.backends.mql5.profiles import load_profile
from rbl.backends.mql5.verify import verify
from tests.hmm.regime_run import DATA, checked

RESTARTS = DATA / "restarts.toml"


@pytest.mark.slow
@pytest.mark.parametrize("name, profile", [("regime_targets.rbl", "ideal"), ("regime_rolling.rbl", "ideal"),
                                           ("regime_targets.rbl", RESTARTS), ("regime_full.rbl", "ideal"),
                                           ("regime_full.rbl", RESTARTS)])
def test_the_ea_decides_as_the_backtest_on_every_bar(name, profile):
    report = verify(checked(name), profile=load_profile(str(profile)))
    assert report.ok, report.first_divergence or report.compiler or report.lint
    assert report.bars > 5000 and report.deals > 100


def test_an_ea_with_a_regime_is_deterministic():
    from rbl.backends.mql5.emit import emit_mql5
    strategy = checked("regime_targets.rbl")
    assert emit_mql5(strategy) == emit_mql5(strategy)
    assert "RblRegimes();" in emit_mql5(strategy)

