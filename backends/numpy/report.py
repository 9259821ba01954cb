"""Self-contained HTML reports (inline SVG): equity, drawdown, weights, trades; a sweep's frontier."""

from __future__ import annotations


def backtest_report(result) -> str:
    raise NotImplementedError


def sweep_report(sweep) -> str:
    raise NotImplementedError
