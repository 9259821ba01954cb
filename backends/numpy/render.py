"""Terminal tables and JSON for backtest and sweep results (the manifest of conventions included)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from rbl.backends.numpy.overfitting import SIGNIFICANT
from rbl.backends.numpy.params import written

LOWER_IS_BETTER = {"volatility", "max_drawdown", "max_drawdown_bars", "max_drawdown_days", "turnover",
                   "costs", "costs_bps_per_year", "tracking_error", "orders", "rebalances"}

_ROWS = [  # (metric, label, format)
    ("total_return", "Total return", "pct"), ("cagr", "CAGR", "pct"), ("volatility", "Volatility (ann.)", "pct"),
    ("sharpe", "Sharpe (rf 0)", "num"), ("sortino", "Sortino", "num"), ("calmar", "Calmar", "num"),
    ("max_drawdown", "Max drawdown", "pct"), ("max_drawdown_days", "Longest drawdown (days)", "int"),
    ("turnover", "Turnover (one-sided, /yr)", "pct"), ("rebalances", "Rebalances", "int"),
    ("orders", "Orders (at rebalances)", "int"), ("costs", "Costs", "money"), ("costs_bps_per_year", "Costs (bps/yr)", "num"),
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
        lines.insert(1, "params: " + ", ".join(f"{k}={written(s.param(k), v, s.currency)}" for k, v in result.params.items()))
    nav = result.nav.to_numpy()
    lines.append(f"  {'Final NAV':<28}{nav[-1]:>16,.2f} {s.currency}")
    lines += [f"  {label:<28}{fmt(metrics[key], kind):>16}" for key, label, kind in _ROWS]
    lines += ["", "conventions:"] + [f"  {k}: {v if not isinstance(v, list) else ', '.join(v)}"
                                     for k, v in man.items()]
    return "\n".join(lines)


def number(value):
    """A metric as JSON: counts stay integers (`24`, never `24.0`), NaN is null."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    return None if value is None or math.isnan(value) else float(value)


def backtest_json(result) -> dict:
    clean = {k: number(v) for k, v in result.metrics.items()}
    return {"strategy": result.strategy.name, "params": result.params, "final_nav": float(result.nav.iloc[-1]),
            "metrics": clean, "manifest": result.run.manifest}


_EXTRA_ROWS = [("max_drawdown_bars", "Longest drawdown (bars)", "int")]
_TRIAL_ROWS = [("psr", "PSR (vs Sharpe 0)", "num"), ("dsr", "DSR (deflated Sharpe)", "num")]
METRICS = [key for key, _, _ in _ROWS + _EXTRA_ROWS + _TRIAL_ROWS]
DEFAULT_BEST = "sharpe"

_SWEEP_COLUMNS = [  # (metric, header, format)
    ("cagr", "CAGR", "pct"), ("volatility", "Volatility", "pct"), ("sharpe", "Sharpe", "num"),
    ("max_drawdown", "Max DD", "pct"), ("turnover", "Turnover/yr", "pct"), ("rebalances", "Rebalances", "int"),
    ("costs_bps_per_year", "Costs bps/yr", "num"), ("tracking_error", "Tracking err", "pct"), ("dsr", "DSR", "num"),
]
MAX_TEXT_ROWS = 50          # a terminal table of a larger sweep shows its best rows; --csv/--json have all


def sweep_table(sweep, sort: str | None) -> pd.DataFrame:
    """The variants as the trader reads them: params as written (`3pp`), sorted by `sort` when given,
    and a `best` column marking the best row by `sort` (Sharpe when no sort is asked for). The index is
    each row's variant number in the sweep."""
    table = sweep.table.copy()
    if sort is not None:
        table = table.sort_values(sort, ascending=sort in LOWER_IS_BETTER or sort in sweep.grid, kind="stable")
    table.insert(len(sweep.grid), "best", _best_mask(table[best_metric(sort)], best_metric(sort)))
    for name in sweep.grid:
        param = sweep.strategy.param(name)
        table[name] = [written(param, v, sweep.strategy.currency) for v in table[name]]
    return table


def _best_mask(values: pd.Series, metric: str) -> np.ndarray:
    scores = values.to_numpy(dtype=float) * (-1.0 if metric in LOWER_IS_BETTER else 1.0)
    mask = np.zeros(len(scores), dtype=bool)
    if not np.isnan(scores).all():
        mask[int(np.nanargmax(scores))] = True
    return mask


def best_metric(sort: str | None) -> str:
    return sort if sort in METRICS else DEFAULT_BEST


def sweep_columns(sort: str | None) -> list[tuple[str, str, str]]:
    """The metric columns of a sweep table; the --sort metric is added when it is not among them."""
    metric = best_metric(sort)
    if any(c == metric for c, _, _ in _SWEEP_COLUMNS):
        return _SWEEP_COLUMNS
    label, kind = next((label, kind) for key, label, kind in _ROWS + _EXTRA_ROWS + _TRIAL_ROWS if key == metric)
    return [*_SWEEP_COLUMNS, (metric, label, kind)]


def shown_rows(table: pd.DataFrame, sort: str | None, limit: int) -> pd.DataFrame:
    """All rows of a small table; of a larger one the `limit` best by the best metric, in table order."""
    if len(table) <= limit:
        return table
    metric = best_metric(sort)
    order = table[metric].rank(ascending=metric in LOWER_IS_BETTER, method="first", na_option="bottom")
    return table[order.to_numpy() <= limit]


def verdict(sweep, table: pd.DataFrame, sort: str | None) -> list[str]:
    """The trial-aware statistics in words: the best row against noise (DSR), the expected maximum
    Sharpe of this many trials, MinBTL and PBO."""
    st, best = sweep.statistics, table[table["best"]]
    lines = []
    if len(best):
        row = best.iloc[0]
        label = ", ".join(f"{p}={row[p]}" for p in sweep.grid)
        lines.append(f"best ({label}): Sharpe {fmt(row['sharpe'], 'num')}, DSR {fmt(row['dsr'], 'num')}: "
                     + _noise_words(row["dsr"], st.trials))
    lines.append(f"trials {st.trials:,}; expected maximum Sharpe of {_count(st.trials, 'zero-Sharpe trial')} with this "
                 f"spread: {fmt(st.expected_max_sharpe_annual, 'num')} (annual; cross-variant stdev of Sharpe "
                 f"{fmt(np.sqrt(st.sharpe_variance * sweep.periods_per_year), 'num')})")
    lines.append(f"minimum backtest length for the best Sharpe {fmt(st.best_sharpe_annual, 'num')} among "
                 f"{_count(st.trials, 'trial')}: {_years(st.min_backtest_years)} (the data has {st.years:.1f} years)")
    lines.append(pbo_words(st))
    return lines


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} " + (noun if n == 1 else plural or noun + "s")


def _years(value: float) -> str:
    return "n/a (one trial or no positive Sharpe)" if math.isnan(value) else f"{value:.1f} years"


def _noise_words(dsr: float, trials: int) -> str:
    if not dsr >= SIGNIFICANT:
        return (f"no variant beats the others beyond what {_count(trials, 'trial')} on one path produce by chance "
                f"(DSR below {SIGNIFICANT})")
    return (f"distinguishable from noise: above what {_count(trials, 'zero-Sharpe trial')} on one path produce by "
            f"chance (DSR >= {SIGNIFICANT}); that is, the strategy earns more than nothing after "
            f"{_count(trials, 'try', 'tries')}; whether the best beats the other variants is PBO's question below")


def pbo_words(st) -> str:
    if st.pbo is None:
        return "PBO: n/a (too few bars or variants for the blocks of CSCV)"
    p = st.pbo
    splits = len(p.logits)
    tail = ("the in-sample winner is no better than a coin flip out of sample: which variant is best is noise"
            if p.pbo >= 0.5 else "the in-sample winner tends to stay above the median out of sample")
    return (f"PBO {p.pbo:.2f} (CSCV, {p.blocks} blocks, {splits:,} splits): in {p.pbo:.0%} of the splits "
            f"the in-sample best variant ranks at or below the out-of-sample median; {tail}")


def statistics_json(sweep) -> dict:
    st = sweep.statistics
    number = (lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v))
    return {
        "trials": st.trials, "sharpe_variance_per_bar": number(st.sharpe_variance),
        "expected_max_sharpe": number(st.expected_max_sharpe_annual),
        "best_sharpe": number(st.best_sharpe_annual), "min_backtest_years": number(st.min_backtest_years),
        "years": number(st.years), "significance": SIGNIFICANT,
        "pbo": None if st.pbo is None else number(st.pbo.pbo),
        "pbo_blocks": None if st.pbo is None else st.pbo.blocks,
        "pbo_logits": None if st.pbo is None else [number(v) for v in st.pbo.logits],
    }


def _plain(value):
    """A cell as JSON writes it exactly: NaN as null, NumPy scalars as Python numbers (repr round-trips)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    return value


def _records(table: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in table.to_dict("records")]


def sweep_json(sweep, table: pd.DataFrame) -> str:
    rows = _records(table)
    best = [row for row in rows if row["best"]]
    verdict = None if not best else {**{p: best[0][p] for p in sweep.grid}, "dsr": best[0]["dsr"],
                                     "distinguishable_from_noise": bool((best[0]["dsr"] or 0.0) >= SIGNIFICANT)}
    return json.dumps({"variants": rows, "statistics": {**statistics_json(sweep), "best": verdict}}, indent=2)


def sweep_text(sweep, table: pd.DataFrame, sort: str | None) -> str:
    params, shown = list(sweep.grid), shown_rows(table, sort, MAX_TEXT_ROWS)
    widths = {p: max(len(p), *(len(v) for v in shown[p])) + 2 for p in params}
    cells = [(c, h, k, max(len(h), 8) + 2) for c, h, k in sweep_columns(sort)]
    header = "  " + "".join(f"{p:>{widths[p]}}" for p in params) + "".join(f"{h:>{w}}" for _, h, _, w in cells)
    rows = [("* " if row["best"] else "  ") + "".join(f"{row[p]:>{widths[p]}}" for p in params) +
            "".join(f"{fmt(row[c], k):>{w}}" for c, _, k, w in cells) for _, row in shown.iterrows()]
    man, metric = sweep.manifest, best_metric(sort)
    direction = "lowest" if metric in LOWER_IS_BETTER else "highest"
    cut = [] if len(shown) == len(table) else [f"the {len(shown)} best of {len(table):,} rows by {metric}; "
                                               "--csv or --json has every row"]
    chunks = sweep.plan.chunks()
    passes = "in one pass" if len(chunks) == 1 else f"in {len(chunks):,} chunks of up to {sweep.plan.per_chunk:,}"
    return "\n".join([f"{sweep.strategy.name}: {len(table):,} variants {passes}, "
                      f"{man['first_decision']} .. {man['last_bar']}", header, *rows, *cut,
                      f"*: the {direction} {metric}" + ("" if sort else " (choose another with --sort)"), "",
                      *verdict(sweep, table, sort), "",
                      f"periods per year: {man['periods_per_year']:g} ({man['periods_per_year_source']}); "
                      f"{man['execution']}; {man['open_prices']}; turnover: {man['turnover']}; "
                      f"PSR, DSR, MinBTL, PBO: docs/backtest.md"])


# ---- walk-forward --------------------------------------------------------------------------------------
_WF_ROWS = [("cagr", "CAGR", "pct"), ("sharpe", "Sharpe", "num"), ("volatility", "Volatility", "pct"),
            ("max_drawdown", "Max DD", "pct"), ("costs_bps_per_year", "Costs bps/yr", "num")]


def _written_params(strategy, params: dict[str, float]) -> str:
    return ", ".join(f"{k}={written(strategy.param(k), v, strategy.currency)}" for k, v in params.items())


def walk_forward_text(strategy, wf) -> str:
    """Each window's choice with in-sample and out-of-sample Sharpe, then the stitched out-of-sample
    metrics beside the full-period winner's."""
    kind = "anchored (expanding train)" if wf.anchored else "rolling"
    extra = wf.metric != "sharpe"           # the sort metric's own column when it is not Sharpe
    head = (f"{'train':<25}{'test':<25}{'chosen':<22}" + (f"{'IS ' + wf.metric:>18}" if extra else "")
            + f"{'IS Sharpe':>11}{'OOS Sharpe':>12}{'OOS return':>12}")
    rows = [f"{c.train_from + ' .. ' + c.train_to:<25}{c.test_from + ' .. ' + c.test_to:<25}"
            f"{_written_params(strategy, c.params):<22}"
            + (f"{fmt(c.in_sample, _kind(wf.metric)):>18}" if extra else "")
            + f"{fmt(c.in_sample_sharpe, 'num'):>11}{fmt(c.out_of_sample_sharpe, 'num'):>12}"
            f"{fmt(c.out_of_sample_return, 'pct'):>12}" for c in wf.choices]
    span = f"{wf.dates[0]} .. {wf.dates[-1]}"
    winner = _written_params(strategy, wf.winner_params)
    table = [f"  {'':<28}{'walk-forward OOS':>18}{'winner, same bars':>19}{'winner, all data':>18}"] + [
        f"  {label:<28}{fmt(wf.stitched[key], k):>18}{fmt(wf.winner_same_span[key], k):>19}"
        f"{fmt(wf.winner_full[key], k):>18}" for key, label, k in _WF_ROWS]
    windows = _count(len(wf.choices), "window")
    return "\n".join([f"{strategy.name}: walk-forward, {kind}, {windows}, best by {wf.metric} "
                      "on each train part", head, *rows, "",
                      f"stitched out-of-sample curve {span} against the full-period winner ({winner}, chosen "
                      "with all the data: look-ahead)", *table, "",
                      "the out of sample is one path: each window's choice decides from the last train bar's "
                      "close, and holdings carry over the switch (nothing is traded because the params "
                      "changed), as a trader who changes the EA's inputs lives it; docs/backtest.md"])


def _kind(metric: str) -> str:
    return next((k for key, _, k in _ROWS + _EXTRA_ROWS + _TRIAL_ROWS if key == metric), "num")


def walk_forward_json(strategy, wf) -> str:
    clean = (lambda d: {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in d.items()})
    windows = [clean({**c.__dict__, "params": {k: written(strategy.param(k), v, strategy.currency) for k, v in c.params.items()}})
               for c in wf.choices]
    return json.dumps({"windows": windows, "metric": wf.metric, "anchored": wf.anchored,
                       "out_of_sample": clean(wf.stitched),
                       "winner": {"params": {k: written(strategy.param(k), v, strategy.currency) for k, v in wf.winner_params.items()},
                                  "same_bars": clean(wf.winner_same_span), "all_data": clean(wf.winner_full)}},
                      indent=2)


# ---- timing luck ---------------------------------------------------------------------------------------
def timing_table(strategy, luck) -> pd.DataFrame:
    """Per variant: min, median and max CAGR and Sharpe over the offsets, and at how many offsets it is
    the best by the sort metric; params as written."""
    grid, metrics = luck.grid, luck.metrics
    table = pd.DataFrame({name: [written(strategy.param(name), v, strategy.currency) for v in values] for name, values in grid.items()})
    for key in ("cagr", "sharpe"):
        table[f"{key}_min"] = np.nanmin(metrics[key], axis=0)
        table[f"{key}_median"] = np.nanmedian(metrics[key], axis=0)
        table[f"{key}_max"] = np.nanmax(metrics[key], axis=0)
    table["best_at"] = np.bincount(luck.best, minlength=len(table))
    return table


def timing_text(strategy, luck, table: pd.DataFrame) -> str:
    params = list(luck.grid)
    shown = table if len(table) <= MAX_TEXT_ROWS else table.nlargest(MAX_TEXT_ROWS, "sharpe_median").sort_index()
    widths = {p: max(len(p), *(len(v) for v in shown[p])) + 2 for p in params}
    heads = TIMING_HEADS
    header = "".join(f"{p:>{widths[p]}}" for p in params) + "".join(f"{h:>12}" for _, h, _ in heads) + f"{'best at':>9}"
    rows = ["".join(f"{row[p]:>{widths[p]}}" for p in params) + "".join(f"{fmt(row[c], k):>12}" for c, _, k in heads)
            + f"{row['best_at']:>9}" for _, row in shown.iterrows()]
    summary = timing_summary(luck, table)
    cut = [] if len(shown) == len(table) else [
        f"the {len(shown)} rows with the highest median Sharpe of {len(table):,}"]
    last = luck.offsets - 1
    return "\n".join([f"{strategy.name}: timing luck, {luck.offsets} offsets (the rebalance bar shifted 0..{last} "
                      "bars after the one its calendar rule picks)", header, *rows, *cut, "", summary,
                      "offset 0 is the plain run; offset k trades k bars after the rule's bar and starts k bars "
                      "later (its first k bars are not used); docs/backtest.md"])


TIMING_HEADS = [("cagr_min", "CAGR min", "pct"), ("cagr_median", "median", "pct"), ("cagr_max", "max", "pct"),
                ("sharpe_min", "Sharpe min", "num"), ("sharpe_median", "median", "num"), ("sharpe_max", "max", "num")]


def timing_summary(luck, table: pd.DataFrame) -> str:
    """Whether the best variant by the sort metric is the same at every offset, in words."""
    params = list(luck.grid)
    picked = table[table["best_at"] > 0].sort_values("best_at", ascending=False, kind="stable")
    winners = ", ".join(f"{', '.join(f'{p}={row[p]}' for p in params)} at {row['best_at']}"
                        for _, row in picked.iterrows())
    if len(picked) == 1:
        return f"the best by {luck.metric} is the same variant at every offset ({winners})"
    return f"the best by {luck.metric} changes with the rebalance day: {winners} of {luck.offsets} offsets"


def timing_json(strategy, luck, table: pd.DataFrame) -> str:
    per_offset = {key: [[None if math.isnan(v) else float(v) for v in row] for row in luck.metrics[key]]
                  for key in ("cagr", "sharpe")}
    return json.dumps({"offsets": luck.offsets, "metric": luck.metric, "variants": _records(table),
                       "best": luck.best.tolist(), "per_offset": per_offset}, indent=2)
