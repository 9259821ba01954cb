"""A sleeve's own partial policies in the EA (`trade breached assets`, `to band edge` in a sleeve's
`rebalance:`): `rbl verify` agrees with the backtest bar for bar, orders included, on the bundled data."""

from __future__ import annotations

from rbl.backends.mql5.verify import verify
from rbl.backends.trace import parse_trace
from rbl.dsl.compiler import compile_file
from tests.conftest import ROOT

EDGES = ROOT / "tests" / "backtest" / "data" / "sleeve_edges.rbl"


def test_sleeves_trading_breached_assets_to_the_band_edge_agree_with_the_backtest():
    report = verify(compile_file(EDGES))
    assert report.ok, report.divergence
    assert report.bars > 5000
    inside = [r for r in parse_trace(report.journal) if r.event == "REBALANCE" and not r.when]
    assert any("satellite:11" in r.sleeves and len(r.orders) < 6 for r in inside)   # a few assets only
