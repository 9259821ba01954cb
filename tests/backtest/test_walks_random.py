"""Fifty seeded random strategies mixing every feature of the path (lots, band edges, breached scope,
per-asset bands, states with hysteresis, targets and exposure that read a state, the kill switch,
sleeves, cash, costs, fees, minimum trades, trade at close or next open): the engine agrees with the
independent reference simulator to 1e-9 on every NAV, with the same trade bars and events; every
variant of a sweep is its single run, bit for bit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rbl.backends.numpy import api
from rbl.dsl.compiler import compile_text
from tests.backtest.reference_sleeves import reference_for


def _pick(rng, *options):
    return options[int(rng.integers(len(options)))]


def _weights(rng, names, total):
    shares = rng.integers(1, 10, len(names)).astype(float)
    w = np.floor(shares / shares.sum() * total * 10) / 10
    w[-1] = round(total - w[:-1].sum(), 1)
    return w


def _prices(rng, n: int) -> tuple[list[str], pd.DataFrame]:
    bars = int(rng.integers(200, 700))
    close = 50 * np.exp(np.cumsum(rng.normal(0.0002, rng.uniform(0.005, 0.03), (bars, n)), axis=0))
    names = [f"A{i}" for i in range(n)]
    return names, pd.DataFrame(close, index=pd.bdate_range("2010-01-04", periods=bars), columns=names)


def _head(rng, seed, names, cash, stateful) -> list[str]:
    lines = ['rbl 1', f'strategy "random {seed}"']
    lines += [f'asset {a} column "{a}" symbol "{a}"' + _pick(rng, "", "", " lot 1", " lot 0.5") for a in names]
    if cash:
        lines.append("cash USD")
    lines.append(f"execution decide at close, {_pick(rng, 'trade at close', 'trade at next open')}")
    if stateful:
        high, low = _pick(rng, 6, 10, 15), _pick(rng, 1, 2, 4)
        lines += ["state defensive = false:", f"    true when drawdown(portfolio) >= {high}%",
                  f"    false when drawdown(portfolio) <= {low}%"]
    return lines


def _tail(rng) -> list[str]:
    lines = ["costs:", f"    commission {_pick(rng, 0, 5, 30, 200)} bps",
             _pick(rng, "", "    commission 2 USD per order", "    minimum trade 500 USD")]
    kill = _pick(rng, "", "", "    max drawdown 20%", "    max drawdown 12%")
    return lines + (["constraints:", kill] if kill else [])


def _sleeved(seed: int) -> tuple[str, pd.DataFrame, bool]:
    """Core-satellite: two sleeves with their own rules, a state that may steer the core, the cash owned
    by the satellite or by no one."""
    rng = np.random.default_rng(seed)
    names, frame = _prices(rng, int(rng.integers(3, 6)))
    cash, stateful = bool(rng.integers(2)), bool(rng.integers(2))
    core, satellite = names[:len(names) // 2 + 1], names[len(names) // 2 + 1:]
    share = int(_pick(rng, 50, 70, 80))
    fixed = [f"        {a} {w:.1f}%" for a, w in zip(core, _weights(rng, core, 100))]
    lines = _head(rng, seed, names, cash, stateful) + [f"sleeve core {share}%:", "    target:"]
    if stateful:
        lines += ["        if defensive:", f"            {core[0]} 100%", "        else:", *["    " + x for x in fixed]]
    else:
        lines += fixed
    lines += ["    rebalance:", f"        check {_pick(rng, 'monthly', 'quarterly', 'daily')}",
              _pick(rng, "", "        when drift > 3pp"), f"sleeve satellite {100 - share}%:", "    target:"]
    owned = satellite + (["USD"] if cash else [])
    lines += [f"        {a} {w:.1f}%" for a, w in zip(owned, _weights(rng, owned, 100))]
    lines += ["    rebalance:", f"        check {_pick(rng, 'monthly', 'weekly on monday')}",
              _pick(rng, "", "        when drift > 2pp"), "rebalance:",
              _pick(rng, "    check daily\n    when drift > 5pp", "    when quarterly", "    when drift > 4pp")]
    return "\n".join(x for x in lines + _tail(rng) if x) + "\n", frame, False


def _strategy(seed: int) -> tuple[str, pd.DataFrame, bool]:
    if seed % 5 == 4:
        return _sleeved(seed)
    rng = np.random.default_rng(seed)
    names, frame = _prices(rng, int(rng.integers(2, 6)))
    cash, stateful, banded = bool(rng.integers(2)), bool(rng.integers(2)), bool(rng.integers(3))
    lines = _head(rng, seed, names, cash, stateful)
    if banded:
        lines.append("param band = 4pp from 1pp to 8pp step 1pp")
    risky = 100 if not cash else int(_pick(rng, 100, 90, 70))
    fixed = [f"    {a} {w:.1f}%" for a, w in zip(names, _weights(rng, names, risky))]
    fixed += [f"    USD {100 - risky}%"] if cash and risky < 100 else []
    if stateful and rng.integers(2):
        lines += ["target:", "    if defensive:", *["    " + x for x in _defensive(names, cash)], "    else:",
                  *["    " + x for x in fixed]]
    else:
        lines += ["target:", *fixed]
    if stateful and rng.integers(2):
        lines.append(f"exposure if defensive then {_pick(rng, 40, 50, 80)}% else 100%")
    per_asset = banded and rng.integers(3) == 0
    if per_asset:
        lines += ["bands:", *[f"    {a} {_pick(rng, '3pp', '5pp', '30% of target', 'band')}" for a in names]]
    lines.append("rebalance:")
    if banded:
        lines += [f"    check {_pick(rng, 'daily', 'daily', 'weekly on monday')}",
                  f"    when drift {_pick(rng, '>', '>=')} {'its band' if per_asset else 'band'}"]
        if rng.integers(2):
            lines.append("    to band edge")
        if rng.integers(2):
            lines.append("    trade breached assets")
    else:
        lines.append(f"    when {_pick(rng, 'monthly', 'quarterly', 'weekly on monday')}")
    lines += _tail(rng)
    if rng.integers(3) == 0:
        lines += ["    max weight 60%"] if "constraints:" in lines else ["constraints:", "    max weight 60%"]
    return "\n".join(x for x in lines if x) + "\n", frame, banded


def _defensive(names, cash):
    if cash:
        return ["    USD 100%"]
    return [f"    {names[0]} 100%"]


def _reference(checked, frame, params=None):
    dates = [d.date() for d in frame.index]
    return reference_for(checked, dates, frame.to_numpy().tolist(), params)


@pytest.mark.parametrize("seed", range(50))
def test_random_strategies_agree_with_the_reference_simulator(seed):
    text, frame, _ = _strategy(seed)
    checked = compile_text(text)
    reference = _reference(checked, frame)
    expected = np.array(reference.run())
    result = api.backtest(checked, frame)
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0, err_msg=text)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades], text
    events = {t: r.event for t, r in zip(range(result.run.sim.t0, len(frame)), result.trace_records())}
    assert events == reference.events, text


@pytest.mark.parametrize("seed", [s for s in range(50) if _strategy(s)[2]][:12])
def test_every_sweep_variant_is_its_single_run_bit_for_bit(seed):
    text, frame, _ = _strategy(seed)
    checked = compile_text(text)
    swept = api.sweep(checked, frame, band=("1pp", "8pp", "1pp"))
    for k, band in enumerate(swept.grid["band"]):
        single = api.backtest(checked, frame, band=float(band))
        np.testing.assert_array_equal(swept.result(k).nav.to_numpy(), single.nav.to_numpy())
        assert [t.bar for t in swept.result(k).trades] == [t.bar for t in single.trades]


def test_the_random_strategies_exercise_every_feature():
    texts = "".join(_strategy(seed)[0] for seed in range(50))
    for feature in ("lot 1", "lot 0.5", "to band edge", "trade breached assets", "its band", "state defensive",
                    "if defensive:", "exposure if defensive", "max drawdown", "max weight", "trade at close",
                    "trade at next open", "per order", "minimum trade", "cash USD", "when drift >=",
                    "when monthly", "sleeve core", "        USD "):
        assert feature in texts, feature


def _scheme(rng, names, cash) -> str:
    listed, n, k = ", ".join(names), int(_pick(rng, 20, 40, 60)), int(rng.integers(1, len(names) + 1))
    shrunk = ", shrunk" if n == 20 else ""          # from n, not a new draw: the seeds' strategies stay
    return _pick(rng, f"inverse volatility({n} days) {listed}", f"risk parity({n} days{shrunk}) {listed}",
                 f"top {k} by return(price, {n} days) of {listed}",
                 f"equal weight {listed} while price > sma(price, {n} days)" + (" else USD" if cash else ""))


def _dynamic_sleeved(rng, seed, names, cash, stateful) -> list[str]:
    core, satellite = names[:len(names) // 2], names[len(names) // 2:]
    lines = _head(rng, seed, names, cash, stateful) + ["sleeve core 60%:", "    target:"]
    lines += [f"        {a} {w:.1f}%" for a, w in zip(core, _weights(rng, core, 100))] if rng.integers(2) else \
        [f"        {_scheme(rng, core, False)}"]
    lines += ["    rebalance:", f"        check {_pick(rng, 'quarterly', 'monthly', 'daily')}",
              _pick(rng, "", "        when drift > 3pp"), "sleeve satellite 40%:",
              f"    target: {_scheme(rng, satellite, False)}", "    rebalance:",
              f"        check {_pick(rng, 'monthly', 'weekly on monday')}", "rebalance:",
              _pick(rng, "    check daily\n    when drift > 5pp", "    check monthly\n    when drift > 4pp",
                    "    when quarterly")]
    return lines


def _dynamic(seed: int) -> tuple[str, pd.DataFrame]:
    """Targets that move with prices (inverse volatility, risk parity, top K, hold filters, a price-driven
    exposure; some behind a state), checked daily, weekly, monthly or quarterly: the targets in effect."""
    rng = np.random.default_rng([seed, 11])
    names, frame = _prices(rng, int(rng.integers(2, 6)))
    cash, stateful = bool(rng.integers(2)), bool(rng.integers(2))
    if len(names) >= 4 and rng.integers(4) == 0:
        return "\n".join(x for x in _dynamic_sleeved(rng, seed, names, cash, stateful) + _tail(rng) if x) + "\n", frame
    lines = _head(rng, seed, names, cash, stateful)
    scheme = _scheme(rng, names, cash)
    if stateful and rng.integers(2):
        lines += ["target:", "    if defensive:", *["    " + x for x in _defensive(names, cash)], "    else:",
                  f"        {scheme}"]
    else:
        lines.append(f"target: {scheme}")
    lines.append(_pick(rng, "", "", f"exposure min(10% / vol({names[0]}, 20 days), 1x)",
                       "exposure if defensive then 50% else 100%" if stateful else ""))
    when = _pick(rng, "", "    when drift > 3pp", "    when sum of drift / 2 > 2pp")
    lines += ["rebalance:", f"    check {_pick(rng, 'monthly', 'weekly on monday', 'quarterly', 'daily')}", when]
    if "drift > 3pp" in when:
        lines += [_pick(rng, "", "    to band edge"), _pick(rng, "", "    trade breached assets")]
    return "\n".join(x for x in lines + _tail(rng) if x) + "\n", frame


@pytest.mark.parametrize("seed", range(30))
def test_random_dynamic_targets_agree_with_the_reference_simulator(seed):
    """NAV, trade bars, events and the targets in effect on every decision bar."""
    text, frame = _dynamic(seed)
    checked = compile_text(text)
    reference = _reference(checked, frame)
    expected = np.array(reference.run())
    result = api.backtest(checked, frame)
    np.testing.assert_allclose(result.nav.to_numpy(), expected, rtol=1e-9, atol=0, err_msg=text)
    assert [t.bar for t in result.trades] == [bar for bar, _, _ in reference.trades], text
    t0 = result.run.sim.t0
    assert {t: r.event for t, r in zip(range(t0, len(frame)), result.trace_records())} == reference.events, text
    logged = getattr(reference, "composed", None) or reference.target_log
    bars, holdings = sorted(logged), list(logged[t0])          # the bars decided before any kill
    expected_targets = np.array([[logged[t][h] for h in holdings] for t in bars])
    np.testing.assert_allclose(result.run.sim.targets[0, bars, :len(holdings)], expected_targets, rtol=1e-9,
                               atol=1e-12, err_msg=text)


def test_the_random_dynamic_targets_exercise_every_scheme_and_check():
    texts = "".join(_dynamic(seed)[0] for seed in range(30))
    for feature in ("inverse volatility(", "risk parity(", "days, shrunk)", "top ", "while price > sma",
                    "exposure min(", "if defensive:", "check monthly", "check weekly on monday", "check quarterly", "check daily",
                    "when sum of drift", "to band edge", "sleeve satellite"):
        assert feature in texts, feature
