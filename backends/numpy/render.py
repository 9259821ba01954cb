"""Terminal tables and JSON for backtest and sweep results (the manifest of conventions included)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from backends.numpy.params import written

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
        lines.insert(1, "params: " + ", ".join(f"{k}={written(s.param(k), v)}" for k, v in result.params.items()))
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


_EXTRA_ROWS = [("max_drawdown_bars", "Longest drawdown (bars)", "int")]
METRICS = [key for key, _, _ in _ROWS + _EXTRA_ROWS]
DEFAULT_BEST = "sharpe"

_SWEEP_COLUMNS = [  # (metric, header, format)
    ("cagr", "CAGR", "pct"), ("volatility", "Volatility", "pct"), ("sharpe", "Sharpe", "num"),
    ("max_drawdown", "Max DD", "pct"), ("turnover", "Turnover/yr", "pct"), ("rebalances", "Rebalances", "int"),
    ("costs_bps_per_year", "Costs bps/yr", "num"), ("tracking_error", "Tracking err", "pct"),
]


def sweep_table(sweep, sort: str | None) -> pd.DataFrame:
    """The variants as the trader reads them: params as written (`3pp`), sorted by `sort` when given,
    and a `best` column marking the best row by `sort` (Sharpe when no sort is asked for). The index is
    each row's variant number in the sweep."""
    table = sweep.table.copy()
    if sort is not None:
        table = table.sort_values(sort, ascending=sort in LOWER_IS_BETTER or sort in sweep.grid, kind="stable")
    table.insert(len(sweep.grid), "best", _best_mask(table[sort if sort in METRICS else DEFAULT_BEST],
                                                     sort if sort in METRICS else DEFAULT_BEST))
    for name in sweep.grid:
        param = sweep.run.strategy.param(name)
        table[name] = [written(param, v) for v in table[name]]
    return table


def _best_mask(values: pd.Series, metric: str) -> list[bool]:
    scores = values.to_numpy(dtype=float) * (-1.0 if metric in LOWER_IS_BETTER else 1.0)
    if np.isnan(scores).all():
        return [False] * len(scores)
    best = int(np.nanargmax(scores))
    return [i == best for i in range(len(scores))]


def best_metric(sort: str | None) -> str:
    return sort if sort in METRICS else DEFAULT_BEST


def sweep_columns(sort: str | None) -> list[tuple[str, str, str]]:
    """The metric columns of a sweep table; the --sort metric is added when it is not among them."""
    metric = best_metric(sort)
    if any(c == metric for c, _, _ in _SWEEP_COLUMNS):
        return _SWEEP_COLUMNS
    label, kind = next((label, kind) for key, label, kind in _ROWS + _EXTRA_ROWS if key == metric)
    return [*_SWEEP_COLUMNS, (metric, label, kind)]


def sweep_text(sweep, table: pd.DataFrame, sort: str | None) -> str:
    params = list(sweep.grid)
    widths = {p: max(len(p), *(len(v) for v in table[p])) + 2 for p in params}
    cells = [(c, h, k, max(len(h), 8) + 2) for c, h, k in sweep_columns(sort)]
    header = "  " + "".join(f"{p:>{widths[p]}}" for p in params) + "".join(f"{h:>{w}}" for _, h, _, w in cells)
    rows = [("* " if row["best"] else "  ") + "".join(f"{row[p]:>{widths[p]}}" for p in params) +
            "".join(f"{fmt(row[c], k):>{w}}" for c, _, k, w in cells) for _, row in table.iterrows()]
    man, metric = sweep.run.manifest, best_metric(sort)
    direction = "lowest" if metric in LOWER_IS_BETTER else "highest"
    return "\n".join([f"{sweep.run.strategy.name}: {len(table)} variants in one pass, "
                      f"{man['first_decision']} .. {man['last_bar']}", header, *rows,
                      f"*: the {direction} {metric}" + ("" if sort else " (choose another with --sort)"), "",
                      f"periods per year: {man['periods_per_year']:g} ({man['periods_per_year_source']}); "
                      f"{man['execution']}; {man['open_prices']}; turnover: {man['turnover']}"])
