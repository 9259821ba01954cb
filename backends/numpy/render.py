"""Terminal tables and JSON for backtest and sweep results (the manifest of conventions included)."""

from __future__ import annotations

import math

import pandas as pd

LOWER_IS_BETTER = {"volatility", "max_drawdown", "max_drawdown_bars", "max_drawdown_days", "turnover",
                   "costs", "costs_bps_per_year", "tracking_error", "orders", "rebalances"}

_ROWS = [  # (metric, label, format)
    ("total_return", "Total return", "pct"), ("cagr", "CAGR", "pct"), ("volatility", "Volatility (ann.)", "pct"),
    ("sharpe", "Sharpe (rf 0)", "num"), ("sortino", "Sortino", "num"), ("calmar", "Calmar", "num"),
    ("max_drawdown", "Max drawdown", "pct"), ("max_drawdown_days", "Longest drawdown (days)", "int"),
    ("turnover", "Turnover (one-sided, /yr)", "pct"), ("rebalances", "Rebalances", "int"),
    ("orders", "Orders", "int"), ("costs", "Costs", "money"), ("costs_bps_per_year", "Costs (bps/yr)", "num"),
    ("tracking_error", "Tracking error", "pct"), ("information_ratio", "Information ratio", "num"),
]


def fmt(value: float, kind: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return {"pct": f"{value * 100:.2f}%", "num": f"{value:.3f}", "int": f"{int(value):,}",
            "money": f"{value:,.2f}"}[kind]


def backtest_text(result) -> str:
    s, metrics, man = result.strategy, result.metrics, result.run.manifest
    lines = [f"{s.name}", f"{man['first_decision']} .. {man['last_bar']}  "
             f"({man['bars']} bars, warm-up {man['warmup_bars']})", ""]
    if result.params:
        lines.insert(1, "params: " + ", ".join(f"{k}={v:g}" for k, v in result.params.items()))
    nav = result.nav.to_numpy()
    lines.append(f"  {'Final NAV':<28}{nav[-1]:>16,.2f} {s.currency}")
    lines += [f"  {label:<28}{fmt(metrics[key], kind):>16}" for key, label, kind in _ROWS]
    lines += ["", "conventions:"] + [f"  {k}: {v if not isinstance(v, list) else ', '.join(v)}"
                                     for k, v in man.items()]
    return "\n".join(lines)


def backtest_json(result) -> dict:
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else float(v)) for k, v in result.metrics.items()}
    return {"strategy": result.strategy.name, "params": result.params, "final_nav": float(result.nav.iloc[-1]),
            "metrics": clean, "manifest": result.run.manifest}


_SWEEP_COLUMNS = [("cagr", "pct"), ("volatility", "pct"), ("sharpe", "num"), ("max_drawdown", "pct"),
                  ("turnover", "pct"), ("rebalances", "int"), ("costs_bps_per_year", "num"),
                  ("tracking_error", "pct")]


def sweep_text(sweep, table: pd.DataFrame) -> str:
    params = list(sweep.grid)
    header = "".join(f"{p:>10}" for p in params) + "".join(f"{c:>20}" for c, _ in _SWEEP_COLUMNS)
    rows = ["".join(f"{row[p]:>10.4g}" for p in params) +
            "".join(f"{fmt(row[c], kind):>20}" for c, kind in _SWEEP_COLUMNS) for _, row in table.iterrows()]
    man = sweep.run.manifest
    return "\n".join([f"{sweep.run.strategy.name}: {len(table)} variants in one pass, "
                      f"{man['first_decision']} .. {man['last_bar']}", header, *rows, "",
                      f"periods per year: {man['periods_per_year']:g} ({man['periods_per_year_source']}); "
                      f"{man['execution']}; {man['open_prices']}; turnover: {man['turnover']}"])
