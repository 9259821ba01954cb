"""The backtest tearsheet and the sweep page: well-formed, self-contained HTML (Python's html.parser: no
headless browser exists on this machine), no n/a leaking into SVG as 'nan', no local paths, no URLs; and
every number on the page recomputed here from the NAV and the prices with plain Python."""

from __future__ import annotations

import math
import re
import statistics
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rbl.backends.numpy import api, render
from rbl.backends.numpy import metrics as m
from rbl.backends.numpy.report import backtest_report, sweep_report
from rbl.backends.numpy.tearsheet import Curves
from rbl.dsl.compiler import compile_text

ROOT = Path(__file__).resolve().parents[2]
CLASSIC = ROOT / "examples" / "classic_60_40.rbl"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr"}
SVG_EMPTY = {"line", "polyline", "polygon", "circle", "rect", "path"}
SECTIONS = ["Metrics", "Equity (NAV)", "Equity (NAV) (log scale)", "Drawdown", "Worst drawdowns", "Monthly returns",
            "Yearly returns", "Rolling 12-month Sharpe", "Rolling 12-month volatility", "Weights", "Trades",
            "Conventions"]


class Page(HTMLParser):
    """Checks nesting as it reads; collects the h2 titles, every attribute and the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.attrs, self.titles, self.text = [], [], [], [], []
        self._in_h2 = False
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed {self.stack}")

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag not in VOID:
            self.stack.append(tag)
        self._in_h2 = tag == "h2"
        if tag == "h2":
            self.titles.append("")

    def handle_startendtag(self, tag, attrs):
        self.attrs += [(tag, k, v or "") for k, v in attrs]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h2:
            self.titles[-1] += data


def validate(text: str, *local: str) -> Page:
    page = Page(text)
    assert page.errors == []
    assert text.startswith("<!DOCTYPE html>") and text.count("<html") == 1
    bad = [(t, k, v) for t, k, v in page.attrs if re.search(r"\b(nan|inf|NaN|Infinity)\b", v)]
    assert bad == []
    urls = [(t, k, v) for t, k, v in page.attrs if re.search(r"(https?:|//|file:)", v) and k != "xmlns"]
    assert urls == [] and "<script" not in text and "src=" not in text and "@import" not in text
    for path in local:
        assert path not in text
    assert not re.search(r"(?<![\w.])/(home|tmp|work|root|Users|usr)/", text)
    return page


@pytest.fixture(scope="module")
def classic():
    result = api.backtest(CLASSIC)
    return result, backtest_report(result)


def test_the_tearsheet_is_well_formed_and_has_every_section(classic):
    _, text = classic
    page = validate(text, str(ROOT))
    assert page.titles == SECTIONS


def structure(text: str) -> list[dict]:
    """Sections and what each holds (charts, tables, lines, areas, dots), not pixels or values."""
    return [{"section": p.split("</h2>")[0], "charts": p.count("<svg"), "tables": p.count("<table"),
             "lines": "<polyline" in p, "areas": "<polygon" in p, "dots": "<circle" in p}
            for p in re.split(r"<h2>", text)[1:]]


def test_the_report_structure_snapshot(classic, snapshot):
    _, text = classic
    assert structure(text) == snapshot


def test_the_sweep_report_structure_snapshot(snapshot):
    sweep = api.sweep(ROOT / "examples" / "band_sweep.rbl", start="2014-01-01", band=("2pp", "6pp", "1pp"))
    text = sweep_report(sweep, render.sweep_table(sweep, None))
    validate(text, str(ROOT))
    assert structure(text) == snapshot


def test_the_conventions_name_the_data_file_not_its_folder(classic):
    _, text = classic
    assert "<td>bundled us_multi_asset_1993_2017.csv</td>" in text and "backends/numpy/data" not in text


def _by_period(nav, dates, key):
    """Plain Python: each period's last NAV over the previous period's last (the first: over nav[0])."""
    out, last_key, prev_end, end = {}, None, float(nav[0]), None
    for value, date in zip(nav.tolist(), dates.astype("datetime64[D]").tolist()):
        k = key(date)
        if last_key is not None and k != last_key:
            out[last_key] = end / prev_end - 1
            prev_end = end
        last_key, end = k, value
    out[last_key] = end / prev_end - 1
    return out


def test_monthly_returns_in_the_heatmap_are_the_navs(classic):
    result, text = classic
    c = Curves.of(result)
    expected = _by_period(c.nav, c.dates, lambda d: (d.year, d.month))
    got = {(1970 + i // 12, i % 12 + 1): r for i, r in m.period_returns(c.nav, c.dates, "M")}
    assert got.keys() == expected.keys()
    assert all(math.isclose(got[k], expected[k], rel_tol=1e-12, abs_tol=1e-15) for k in expected)
    heat = text.split("<h2>Monthly returns</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><th>(\d{4})</th>(.*?)</tr>", heat)
    for year, cells in rows:
        values = re.findall(r"<td[^>]*>([^<]*)</td>", cells)
        assert len(values) == 13
        for month, shown in enumerate(values[:12], 1):
            want = expected.get((int(year), month))
            assert shown == ("" if want is None else f"{want:.1%}".replace("-0.0%", "0.0%"))


def test_yearly_returns_beside_the_benchmark_recomputed_from_the_prices(classic):
    """The benchmark of classic 60/40: its targets (60% SPY, 40% UST10) rebalanced every bar, no costs."""
    result, text = classic
    c = Curves.of(result)
    t0, close = result.run.sim.t0, result.run.close
    bench = [float(c.nav[0])]
    for t in range(t0, len(close) - 1):
        bench.append(bench[-1] * (1 + 0.6 * (close[t + 1, 0] / close[t, 0] - 1) + 0.4 * (close[t + 1, 1] / close[t, 1] - 1)))
    years = _by_period(c.nav, c.dates, lambda d: d.year)
    bench_years = _by_period(np.array(bench), c.dates, lambda d: d.year)
    table = text.split("<h2>Yearly returns</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><th>(\d{4})</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table)
    assert [int(y) for y, *_ in rows] == sorted(years)
    for year, mine, theirs, diff in rows:
        y = int(year)
        assert (mine, theirs) == (_pct(years[y]), _pct(bench_years[y]))
        assert float(diff.rstrip("%")) == pytest.approx((years[y] - bench_years[y]) * 100, abs=0.006)


def _pct(value: float) -> str:
    return f"{value:.2%}".replace("-0.00%", "0.00%")


def _worst_drawdowns(nav, top=5):
    """Plain Python: walk the NAV, a period from the last bar at a peak to the first bar back at it."""
    periods, peak_bar, trough_bar, inside = [], 0, 0, False
    for t, value in enumerate(nav):
        if value >= nav[peak_bar]:
            if inside:
                periods.append((peak_bar, trough_bar, t, 1 - nav[trough_bar] / nav[peak_bar]))
                inside = False
            peak_bar = t
        else:
            if not inside or value < nav[trough_bar]:
                trough_bar = t if not inside or value < nav[trough_bar] else trough_bar
            inside = True
    if inside:
        periods.append((peak_bar, trough_bar, None, 1 - nav[trough_bar] / nav[peak_bar]))
    return sorted(periods, key=lambda p: -p[3])[:top]


def test_the_five_worst_drawdowns_recomputed_from_the_nav(classic):
    result, text = classic
    c = Curves.of(result)
    nav = c.nav.tolist()
    expected = _worst_drawdowns(nav)
    assert [(a, b, r) for a, b, r, _ in m.drawdown_periods(c.nav)] == [(a, b, r) for a, b, r, _ in expected]
    assert expected[0][3] == pytest.approx(result.metrics["max_drawdown"], rel=1e-12)
    day = lambda t: str(c.dates[t].astype("datetime64[D]"))
    table = text.split("<h2>Worst drawdowns</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", table)
    for (start, trough, back, depth, bars, days), (a, b, r, d) in zip(rows, expected, strict=True):
        end = r if r is not None else len(nav) - 1
        assert (start, trough, back) == (day(a), day(b), day(r) if r is not None else "not recovered")
        assert depth == f"{-d:.2%}" and bars == f"{end - a:,}"
        assert days == f"{(c.dates[end] - c.dates[a]).astype('timedelta64[D]').astype(int):,}"


def test_rolling_sharpe_and_volatility_against_statistics_stdev(classic):
    result, _ = classic
    c = Curves.of(result)
    r, window, P = m.returns(c.nav), 252, c.periods_per_year
    sharpe, vol = m.rolling_sharpe_volatility(r, window, P)
    assert np.isnan(sharpe[:window - 1]).all() and np.isnan(vol[:window - 1]).all()
    for end in (window - 1, 1000, 3000, len(r) - 1):
        chunk = r[end - window + 1:end + 1].tolist()
        sd = statistics.stdev(chunk)
        assert vol[end] == pytest.approx(sd * math.sqrt(P), rel=1e-8)
        assert sharpe[end] == pytest.approx(statistics.fmean(chunk) / sd * math.sqrt(P), rel=1e-8)


def test_the_equity_chart_has_the_benchmark_final_values_rebalances_and_round_money_ticks(classic):
    result, text = classic
    equity = text.split("<h2>Equity (NAV)</h2>")[1].split("</svg>")[0]
    c = Curves.of(result)
    assert "benchmark (the targets, rebalanced every bar, no costs)" in equity
    assert equity.count("<circle") == result.metrics["rebalances"] == len(c.rebalances)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", equity)
    assert f"{c.nav[-1] / 1e3:.3g}k USD" in labels and f"{c.benchmark[-1] / 1e3:.3g}k USD" in labels
    ticks = [t for t in labels if t.endswith("USD")][:-2]
    assert ticks == ["100k USD", "200k USD", "300k USD", "400k USD", "500k USD"]


def test_twenty_assets_stay_readable_as_seven_and_other():
    names = [f"S{i:02d}" for i in range(20)]
    text = "rbl 1\nstrategy \"Twenty\"\n\n" + "".join(f"asset {n} column \"{n}\" symbol \"{n}\"\n" for n in names) + (
        "\ntarget: equal weight " + ", ".join(names) + "\n\nrebalance:\n    when monthly\n")
    rng = np.random.default_rng(7)
    import pandas as pd
    dates = pd.bdate_range("2015-01-01", periods=800)
    prices = pd.DataFrame(100 * np.exp(np.cumsum(rng.normal(0, 0.01, (800, 20)), axis=0)), index=dates, columns=names)
    result = api.backtest(compile_text(text), prices)
    page = validate(backtest_report(result))
    weights = backtest_report(result).split("<h2>Weights</h2>")[1].split("</svg>")[0]
    # 7 assets, 'other' and cash (all cash on the first decision bar, before its orders fill at the next open)
    assert weights.count("<polygon") == 9 and ">other</span>" in weights and "the other 13" in weights
    assert weights.count("<span style='display:inline-block") == 9
    assert "Weights" in page.titles


def test_the_sweep_report_drops_na_tracking_errors_with_a_note():
    sweep = api.sweep(ROOT / "examples" / "band_sweep.rbl", start="2014-01-01", band=("2pp", "6pp", "1pp"))
    table = render.sweep_table(sweep, None)
    table.loc[table.index[:2], "tracking_error"] = np.nan
    text = sweep_report(sweep, table)
    validate(text, str(ROOT))
    frontier = text.split("<h2>Turnover versus tracking error</h2>")[1].split("</svg>")[0]
    assert frontier.count("<circle") == 3 and "2 variants with tracking error or turnover n/a not drawn" in frontier
    table["tracking_error"] = np.nan
    text = sweep_report(sweep, table)
    validate(text)
    assert "not drawn: tracking error or turnover is n/a for every variant" in text


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.rbl")))
def test_every_example_report_is_valid_and_its_counts_agree(example):
    """Each example's page validates; the rebalances circled on the equity curve are the Rebalances metric
    and the trade list's rows of REBALANCE decisions (with their later slices, `trade over N bars`) are
    the Orders metric."""
    result = api.backtest(ROOT / "examples" / example)
    page = validate(backtest_report(result), str(ROOT))
    assert page.titles == SECTIONS
    table = result.trade_table
    own = table[table["event"] != "TRANCHE"]
    decisions = dict(zip(own["decided"], own["event"]))
    of_a_rebalance = table["decided"].map(lambda day: decisions.get(day) == "REBALANCE")
    assert len(Curves.of(result).rebalances) == result.metrics["rebalances"]
    assert int(of_a_rebalance.sum()) == result.metrics["orders"]


def test_a_two_param_heatmap_of_an_all_na_metric_says_so(tmp_path):
    from tests.backtest.test_sweep_table import TWO_PARAMS
    sweep = api.sweep(compile_text(TWO_PARAMS), start="2012-01-01", lookback=("20days", "40days", "20days"),
                      band=("3pp", "5pp", "2pp"))
    sweep.table["tracking_error"] = np.nan
    text = sweep_report(sweep, render.sweep_table(sweep, "tracking_error"), "tracking_error")
    validate(text, str(ROOT))
    assert "not drawn: tracking_error is n/a for every variant" in text


def _mantissa(step: float) -> float:
    return round(step / 10 ** math.floor(math.log10(step) + 1e-9), 4)


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e9, 1e9), st.floats(1e-6, 1e9))
def test_axis_ticks_are_round_and_inside_the_range(lo, span):
    from rbl.backends.numpy.charts import nice_ticks
    assume(span > abs(lo) * 1e-6)          # a chart's span is never below float precision of its values
    hi = lo + span
    ticks = nice_ticks(lo, hi)
    assert 2 <= len(ticks) <= 6
    assert all(lo - span * 1e-9 <= t <= hi + span * 1e-9 for t in ticks)
    step = ticks[1] - ticks[0]
    assert _mantissa(step) in (1.0, 2.0, 2.5, 5.0)
    assert all(abs(t / step - round(t / step)) < 1e-6 * max(1.0, abs(t) / step) for t in ticks)


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-2, 1e9), st.floats(1.5, 1e4))
def test_log_ticks_are_one_two_five_times_powers_of_ten(lo, ratio):
    from rbl.backends.numpy.charts import log_ticks
    hi = lo * ratio
    ticks = log_ticks(math.log10(lo), math.log10(hi))
    assert len(ticks) >= 2 and all(lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) for t in ticks)
    round_ones = [t for t in ticks if _mantissa(t) in (1.0, 2.0, 5.0)]
    assert len(round_ones) == len(ticks) or len(ticks) <= 6
