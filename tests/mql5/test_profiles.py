"""Broker profiles: the bundled ones load and map to the simulated broker, profile mistakes are errors
that say where and what, and the backtest runs on the symbols' joint calendar under the broker's terms."""

from __future__ import annotations

import numpy as np
import pytest

from rbl.backends.mql5 import sim
from rbl.backends.mql5.profiles import ProfileError, UnknownProfile, bundled_names, load_profile
from rbl.backends.mql5.verify import prices_for
from rbl.backends.mql5.verify_broker import broker_strategy, ea_cost_inputs, joint_panel, order_steps
from rbl.backends.numpy.api import panel_for
from rbl.dsl.compiler import compile_file
from tests.conftest import ROOT

THRESHOLD = ROOT / "examples" / "threshold_60_40.rbl"


@pytest.fixture(scope="module")
def threshold():
    checked = compile_file(THRESHOLD)
    return checked, prices_for(checked)[0]


def write(tmp_path, text: str):
    path = tmp_path / "broker.toml"
    path.write_text(text)
    return load_profile(str(path))


def error_of(tmp_path, text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        write(tmp_path, text)
    return caught.value


def test_the_six_profiles_of_the_issue_are_bundled():
    assert bundled_names() == ["exchange-return-only", "flaky", "fx-ecn", "ideal", "shared-account",
                               "stocks-cfd-unleveraged"]


@pytest.mark.parametrize("name", bundled_names())
def test_every_bundled_profile_maps_to_the_strategys_symbols_and_an_account(name, threshold):
    checked, dates = threshold
    setup = load_profile(name).for_strategy(checked, dates)
    assert [spec.name for spec in setup.specs] == ["SPY.US", "IEF.US"]
    assert setup.account.deposit == 100_000


@pytest.mark.parametrize("name", bundled_names())
def test_every_bundled_profile_says_what_broker_it_models(name):
    from rbl.backends.mql5.profiles import PROFILE_DIR
    assert (PROFILE_DIR / f"{name}.toml").read_text().startswith(f"# {name}: ")


def test_the_ideal_profile_is_the_broker_verify_always_simulated(threshold):
    checked, dates = threshold
    setup = load_profile("ideal").for_strategy(checked, dates)
    assert setup.specs == sim.default_specs(checked.strategy)
    assert setup.account == sim.default_account(checked.strategy)
    assert broker_strategy(checked, load_profile("ideal"), setup.specs) is checked


def test_the_unleveraged_stock_profile_states_the_brokers_terms(threshold):
    checked, dates = threshold
    setup = load_profile("stocks-cfd-unleveraged").for_strategy(checked, dates)
    spy = setup.specs[0]
    assert (spy.vmin, spy.vstep, spy.margin_rate, spy.spread_bps) == (1.0, 1.0, 1.0, 2.0)
    assert (setup.account.leverage, setup.account.cost_rate) == (1.0, 5e-4)


def test_return_only_filling_has_no_fok_or_ioc_flag(threshold):
    checked, dates = threshold
    spec = load_profile("exchange-return-only").for_strategy(checked, dates).specs[0]
    assert (spec.filling, spec.exemode) == (0, 3)


def test_foreign_volume_sits_on_the_first_symbol_of_a_shared_account(threshold):
    checked, dates = threshold
    specs = load_profile("shared-account").for_strategy(checked, dates).specs
    assert [s.foreign_lots for s in specs] == [10.0, 0.0]


def test_the_flaky_disconnect_covers_the_three_data_days(threshold):
    checked, dates = threshold
    account = load_profile("flaky").for_strategy(checked, dates).account
    [(first, last)] = account.disconnect
    assert [str(d) for d in dates[[first, last]]] == ["2008-10-06", "2008-10-08"]
    assert (account.requote_rate, account.partial_fill_rate, account.seed) == (0.05, 0.1, 7)


def test_a_bundled_profiles_date_outside_the_data_is_skipped_with_a_note():
    checked = compile_file(ROOT / "examples" / "crypto_pair.rbl")
    setup = load_profile("flaky").for_strategy(checked, prices_for(checked)[0])
    if setup.account.disconnect:
        pytest.skip("the crypto data covers October 2008")
    assert any("2008-10-06" in note and "skipped" in note for note in setup.notes)


def test_fx_ecn_converts_the_usdjpy_tick_value_at_its_own_rate():
    checked = compile_file(ROOT / "examples" / "fx_gold_basket.rbl")
    setup = load_profile("fx-ecn").for_strategy(checked, prices_for(checked)[0])
    jpy = next(s for s in setup.specs if s.name == "USDJPY")
    assert (jpy.tick_value_symbol, jpy.tick_value_inverse, jpy.tick_value) == ("USDJPY", True, 100.0)
    eur = next(s for s in setup.specs if s.name == "EURUSD")
    assert eur.vstep * eur.tick_value / eur.tick_size == pytest.approx(1000.0)   # the .rbl's `lot 1000`


def test_a_syntax_error_names_the_file_and_line(tmp_path):
    err = error_of(tmp_path, "[account]\ndeposit = \n")
    assert "broker.toml:2: invalid TOML: invalid value (column 11)" in str(err)


def test_an_unknown_key_gets_a_did_you_mean_and_its_line(tmp_path):
    err = error_of(tmp_path, "[account]\nleverage = 1\n\n[defaults]\nvolume_stpe = 1\n")
    assert err.message == "[defaults]: unknown key volume_stpe"
    assert (err.line, err.help) == (5, "did you mean volume_step?")


def test_an_unknown_table_is_named(tmp_path):
    err = error_of(tmp_path, "[acount]\nleverage = 1\n")
    assert (err.message, err.line, err.help) == ("the profile: unknown key acount", 1, "did you mean account?")


@pytest.mark.parametrize("text, message", [
    ("[defaults]\nvolume_step = -1", "[defaults].volume_step: expected a number > 0, got -1"),
    ("[faults]\nrequote_rate = 1.5", "[faults].requote_rate: expected a number in [0, 1], got 1.5"),
    ('[account]\nmargin_mode = "hedge"', '[account].margin_mode: expected one of netting, hedging, got "hedge"'),
    ('[defaults]\nfilling = ["fok", "ioc", "retrun"]',
     '[defaults].filling[2]: expected one of fok, ioc, return, got "retrun"'),
    ("[defaults]\nvolume_min = 5\nvolume_max = 1", "[defaults]: volume_min 5 is above volume_max 1"),
    ('[defaults]\nfilling = ["return"]\nexecution = "market"',
     '[defaults].filling: market execution needs "fok" or "ioc"'),
    ('[symbols."SPY.US"]\nmissing_dates = ["2005-13-01"]',
     '[symbols."SPY.US"].missing_dates[0]: expected a date "YYYY-MM-DD", got "2005-13-01"'),
    ("[account]\ncash_flows = [ { amount = 5 } ]", "[account].cash_flows[0]: needs exactly one of bar or date"),
    ("[faults]\ndisconnect = [ { from = 2008-10-08, to = 2008-10-06 } ]",
     "[faults].disconnect[0]: from 2008-10-08 is after to 2008-10-06"),
])
def test_a_bad_value_says_what_was_expected(tmp_path, text, message):
    assert error_of(tmp_path, text + "\n").message == message


def test_a_missing_date_the_data_does_not_have_is_an_error_naming_it(tmp_path, threshold):
    checked, dates = threshold
    profile = write(tmp_path, '[symbols."SPY.US"]\nmissing_dates = ["2005-07-04"]\n')   # a US holiday
    with pytest.raises(ProfileError) as caught:
        profile.for_strategy(checked, dates)
    assert "2005-07-04 is not a date of the data" in str(caught.value)
    assert caught.value.line == 2 and "the data runs 1993-" in caught.value.help


def test_an_unknown_bundled_name_lists_the_bundled_profiles():
    with pytest.raises(UnknownProfile) as caught:
        load_profile("fx-ecm")
    assert caught.value.help.startswith("did you mean fx-ecn? the bundled profiles are exchange-return-only, flaky")


def test_a_symbol_table_the_strategy_does_not_trade_is_a_note(tmp_path, threshold):
    checked, dates = threshold
    notes = write(tmp_path, '[symbols."SPY"]\nvolume_step = 1\n').for_strategy(checked, dates).notes
    assert notes == ('[symbols."SPY"] is not used: the strategy trades no symbol SPY (did you mean SPY.US?)',)


def test_the_backtest_runs_on_the_rows_where_every_symbol_has_a_bar(tmp_path):
    checked = compile_file(ROOT / "examples" / "volatility_targeting.rbl")      # a 60-bar warm-up
    dates = prices_for(checked)[0]
    profile = write(tmp_path, '[symbols."IEF.US"]\nhistory_bars = 10\nmissing_dates = ["2005-07-05"]\n'
                              '[symbols."SPY.US"]\nmissing_dates = ["2005-07-01"]\n')
    specs = profile.for_strategy(checked, dates).specs
    first = checked.warmup_bars - 10
    assert (specs[0].first_bar, specs[1].first_bar) == (0, first)
    panel = joint_panel(panel_for(checked.strategy, None), specs)
    assert panel.dates[0] == dates[first]
    assert len(panel.dates) == len(dates) - first - 2
    assert not {"2005-07-01", "2005-07-05"} & {str(d) for d in panel.dates}


def test_the_backtest_takes_the_brokers_costs_and_volume_steps(tmp_path, threshold):
    checked, dates = threshold
    profile = write(tmp_path, "[account]\ncommission_bps = 5\nfee_per_order = 1.5\n"
                              "[defaults]\nspread_bps = 2\nvolume_step = 0.01\ntick_size = 0.01\n"
                              "tick_value = 1\n")
    specs = profile.for_strategy(checked, dates).specs
    s = broker_strategy(checked, profile, specs).strategy
    assert (s.costs.commission.value, s.costs.spread.value, s.costs.per_order.value) == (5e-4, 2e-4, 1.5)
    assert [a.lot for a in s.assets] == [1.0, 1.0]           # 0.01 lot of 100 shares
    assert order_steps(s, specs, prices_for(checked)[1], profile) == {"SPY": 1.0, "AGG": 1.0}
    assert ea_cost_inputs(profile) == {"InpCommissionBps": "5.0", "InpSpreadBps": "2.0", "InpFeePerOrder": "1.5"}


def test_a_cash_flow_by_date_lands_on_the_first_bar_on_or_after_it(tmp_path, threshold):
    checked, dates = threshold
    profile = write(tmp_path, '[account]\ncash_flows = [ { date = "2005-07-02", amount = -20000 }, '
                              '{ bar = 1500, amount = 5000 } ]\n')
    flows = profile.for_strategy(checked, dates).account.cash_flows
    assert flows == ((int(np.searchsorted(dates, np.datetime64("2005-07-05"))), -20000.0), (1500, 5000.0))


def test_the_inputs_table_sets_the_eas_inputs_as_a_trader_would(tmp_path):
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.verify import broker_inputs
    profile = write(tmp_path, "[account]\ncommission_bps = 5\n[inputs]\nInpMinTrade = 50.0\n")
    mq5 = broker_inputs(emit_mql5(compile_file(THRESHOLD)), profile)
    assert "InpMinTrade = 50.0;" in mq5 and "InpCommissionBps = 5.0;" in mq5


def test_an_input_the_ea_does_not_have_is_a_profile_error(tmp_path):
    from rbl.backends.mql5.emit import emit_mql5
    from rbl.backends.mql5.verify import broker_inputs
    profile = write(tmp_path, "[inputs]\nInpNoSuchThing = true\n")
    with pytest.raises(ProfileError) as caught:
        broker_inputs(emit_mql5(compile_file(THRESHOLD)), profile)
    assert (caught.value.message, caught.value.line) == ("[inputs].InpNoSuchThing: the EA has no input "
                                                         "InpNoSuchThing", 2)


def test_an_inputs_key_that_is_no_input_name_is_refused(tmp_path):
    assert error_of(tmp_path, "[inputs]\nMagic = 5\n").message == "[inputs]: Magic is not an EA input"
