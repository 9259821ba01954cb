"""The reports in a real browser (issue 13): headless Chromium, driven by playwright, loads the backtest
tearsheet (a 2-asset, a 10-asset and a 20-asset strategy) and the sweep pages (one parameter, two parameters,
walk-forward); each page logs nothing to the console, raises nothing, requests nothing but itself, draws every
chart with a visible box, keeps every label of a chart inside it and apart from the others, and is
screenshotted (RBL_SCREENSHOTS=DIR keeps the PNGs for a person to look at; docs/backtest.md).

Needs Chromium (`apt-get install -y chromium`; RBL_CHROMIUM=PATH for another binary) and the `test` extra's
playwright; never `playwright install` (it downloads browsers). Without them the tests skip, saying why."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy import api, render
from rbl.backends.numpy import walkforward as wf
from rbl.backends.numpy.params import grid_of
from rbl.backends.numpy.report import backtest_report, sweep_report, walk_forward_report
from rbl.dsl.compiler import compile_file, compile_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHROMIUM = Path(os.environ.get("RBL_CHROMIUM", "/usr/bin/chromium"))
# the closed network refuses Chromium's own background connections; without these flags it logs them
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"no Chromium at {CHROMIUM} (apt-get install -y "
                                "chromium, or RBL_CHROMIUM=PATH): the reports are checked by html.parser only")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

# every text of each chart with its box, in the page's pixels; the chart's own box
_TEXTS = """svg => { const box = svg.getBoundingClientRect();
  return {box: [box.left, box.top, box.right, box.bottom],
          shapes: svg.querySelectorAll('polyline, polygon, circle, rect, line').length,
          texts: [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
                  return [t.textContent, r.left, r.top, r.right, r.bottom]; })}; }"""


def twenty_assets() -> str:
    names = [f"S{i:02d}" for i in range(20)]
    text = "rbl 1\nstrategy \"Twenty\"\n\n" + "".join(f"asset {n} column \"{n}\" symbol \"{n}\"\n" for n in names) + (
        "\ntarget: equal weight " + ", ".join(names) + "\n\nrebalance:\n    when monthly\n")
    rng = np.random.default_rng(7)
    dates = pd.bdate_range("2015-01-01", periods=800)
    prices = pd.DataFrame(100 * np.exp(np.cumsum(rng.normal(0, 0.01, (800, 20)), axis=0)), index=dates, columns=names)
    return backtest_report(api.backtest(compile_text(text), prices))


def band_sweep() -> str:
    sweep = api.sweep(EXAMPLES / "band_sweep.rbl", band=("2pp", "6pp", "1pp"))
    return sweep_report(sweep, render.sweep_table(sweep, None))


def two_params() -> str:
    from tests.backtest.test_sweep_table import TWO_PARAMS
    sweep = api.sweep(compile_text(TWO_PARAMS), start="2010-01-01", lookback=("20days", "100days", "20days"),
                      band=("2pp", "8pp", "2pp"))
    return sweep_report(sweep, render.sweep_table(sweep, "sharpe"), "sharpe")


def walk_forward() -> str:
    checked = compile_file(EXAMPLES / "band_sweep.rbl")
    grid = grid_of(checked.strategy, {"band": ("2pp", "6pp", "1pp")})
    panel, gaps = api.load_prices(api._columns(checked.strategy), None, None, None, 0)
    result = wf.walk_forward(checked, panel, gaps, grid, *wf.spans("5y:2y"), False, "sharpe", 2**29)
    return walk_forward_report(checked.strategy, result)


PAGES = {
    "threshold_60_40": lambda: backtest_report(api.backtest(EXAMPLES / "threshold_60_40.rbl")),
    "momentum_rotation": lambda: backtest_report(api.backtest(EXAMPLES / "momentum_rotation.rbl")),
    "twenty_assets": twenty_assets,
    "band_sweep": band_sweep,
    "two_params": two_params,
    "walk_forward": walk_forward,
}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    keep = os.environ.get("RBL_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """One page opened from a file: what the console, the page and the network said while it loaded."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1000, "height": 900})
        self.console, self.errors, self.failed, self.requests = [], [], [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")

    def charts(self) -> list[dict]:
        return [svg.evaluate(_TEXTS) for svg in self.page.locator("svg").all()]


def _overlaps(a, b, slack: float = 1.0) -> bool:
    return a[1] < b[3] - slack and b[1] < a[3] - slack and a[2] < b[4] - slack and b[2] < a[4] - slack


def _label_problems(chart: dict) -> list[str]:
    left, top, right, bottom = chart["box"]
    texts = [t for t in chart["texts"] if t[0].strip()]
    out = [f"{t[0]!r} outside the chart" for t in texts
           if t[1] < left - 0.5 or t[2] < top - 0.5 or t[3] > right + 0.5 or t[4] > bottom + 0.5]
    out += [f"{a[0]!r} over {b[0]!r}" for i, a in enumerate(texts) for b in texts[i + 1:] if _overlaps(a, b)]
    return out


@pytest.mark.parametrize("name", PAGES)
def test_the_report_in_headless_chromium(name, browser, shots, tmp_path):
    path = tmp_path / f"{name}.html"
    path.write_text(PAGES[name](), encoding="utf-8")
    visit = Visit(browser, path)
    try:
        assert visit.console == [] and visit.errors == [] and visit.failed == []
        assert visit.requests == [path.as_uri()], "the page asked for something besides itself"
        charts = visit.charts()
        assert charts, "no chart on the page"
        for i, chart in enumerate(charts):
            left, top, right, bottom = chart["box"]
            assert right - left > 100 and bottom - top > 50 and chart["shapes"] > 0, f"chart {i} is empty"
            assert _label_problems(chart) == [], f"chart {i}"
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1000, f"the page is {width}px wide in a 1000px window: something overflows"
        shot = shots / f"{name}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    finally:
        visit.page.close()


def test_the_harness_sees_what_a_broken_chart_logs(browser, tmp_path):
    """The checks above can fail: Chromium logs an SVG attribute it cannot read (the sweep report's old
    cx='nan'), a missing file is a failed request, and overlapping labels are found."""
    path = tmp_path / "broken.html"
    path.write_text("<!DOCTYPE html><html><body><svg width='300' height='100' xmlns='http://www.w3.org/2000/svg'>"
                    "<circle cx='nan' cy='5' r='2'/><text x='10' y='50'>label one</text>"
                    "<text x='14' y='52'>label two</text><text x='290' y='50'>outside</text></svg>"
                    "<img src='missing.png'></body></html>")
    visit = Visit(browser, path)
    try:
        assert any("cx" in line and "nan" in line for line in visit.console), visit.console
        assert visit.failed == [(tmp_path / "missing.png").as_uri()]
        problems = _label_problems(visit.charts()[0])
        assert "'label one' over 'label two'" in problems and "'outside' outside the chart" in problems
    finally:
        visit.page.close()
