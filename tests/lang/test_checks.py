"""Each check pass, one behaviour per test: the strategy a trader would write, and what rbl says."""

from __future__ import annotations

from tests.lang.helpers import HEAD, SIXTY_FORTY, codes, diagnose, rebalance


def test_a_bare_percent_band_is_ambiguous_and_help_offers_both_readings():
    [d] = diagnose(rebalance("check daily", "when drift > 5%"))
    assert d.code == "E0301"
    assert "'5pp'" in d.help and "'5% of target'" in d.help


def test_percentage_points_and_relative_bands_are_accepted():
    assert codes(rebalance("when drift > 5pp")) == []
    assert codes(rebalance("when drift > min(5pp, 25% of target)")) == []


def test_a_percent_valued_parameter_used_as_a_band_is_ambiguous():
    assert codes("param band = 5% from 1% to 10% step 1%\n" + rebalance("when drift > band")) == ["E0301"]


def test_a_weight_level_may_be_a_bare_percent():
    assert codes(rebalance("when weight < 15% or weight > 35%")) == []


def test_a_band_in_bps_is_a_unit_error():
    [d] = diagnose(rebalance("when drift > 50 bps"))
    assert d.code == "E0302" and "0.5pp" in d.help


def test_a_price_compared_with_a_return_is_a_unit_error():
    assert codes(rebalance("when SPY > return(SPY, 20 days)")) == ["E0302"]


def test_a_price_compared_with_its_moving_average_is_fine():
    assert codes(rebalance("when SPY > sma(SPY, 200 days)")) == []


def test_adding_a_price_and_a_weight_is_a_unit_error():
    assert codes(rebalance("when SPY + weight > 1")) == ["E0302"]


def test_a_condition_must_be_true_or_false():
    assert codes(rebalance("when vol(SPY, 20 days)")) == ["E0303"]
    assert codes(rebalance("when drift > 5pp and 3")) == ["E0303"]


def test_a_window_needs_a_unit():
    assert codes(rebalance("when SPY > sma(SPY, 200)")) == ["E0304"]


def test_a_plain_number_band_needs_a_unit():
    assert codes(rebalance("when drift > 0.05")) == ["E0304"]


def test_a_weight_needs_a_unit():
    assert codes("target:\n    SPY 0.6\n    AGG 40%\n") == ["E0304"]


def test_check_must_be_one_value_per_bar():
    assert codes(rebalance("check drift > 5pp", "when monthly")) == ["E0206"]


def test_check_through_a_per_asset_let_is_reported():
    assert codes("let off = drift > 5pp\n" + rebalance("check off")) == ["E0206"]


def test_exposure_must_be_a_ratio():
    assert codes(SIXTY_FORTY + "exposure 5 bps\n") == ["E0302"]


def test_costs_need_their_units():
    assert codes(SIXTY_FORTY + "costs:\n    commission 10\n    minimum trade 5 bps\n") == ["E0304", "E0302"]


def test_function_arities_are_checked():
    for call in ("sma(SPY)", "clamp(1, 2)", "min(SPY)", "abs(SPY, SPY)", "drawdown(SPY)",
                 "drawdown(SPY, 1 year, 2)"):
        assert "E0204" in codes(f"let x = {call}\n" + SIXTY_FORTY), call


def test_drawdown_takes_the_portfolio_or_a_series_and_window():
    assert codes("let a = drawdown(portfolio) > 10%\nlet b = drawdown(SPY, 1 year) > 10%\n" + SIXTY_FORTY) == []


def test_weights_that_do_not_sum_to_100_are_an_error():
    [d] = diagnose("target:\n    SPY 60%\n    AGG 30%\n")
    assert d.code == "E0401" and "90%" in d.message


def test_the_branch_that_does_not_sum_is_named():
    body = "let up = SPY > sma(SPY, 200 days)\ntarget:\n    if up:\n        SPY 60%\n        AGG 40%\n" \
           "    else:\n        SPY 50%\n        AGG 40%\n"
    [d] = diagnose(body)
    assert d.code == "E0401" and d.notes == ("on the branch where 'up' does not hold",)


def test_an_if_inside_a_weight_is_checked_on_each_outcome():
    body = "let up = SPY > sma(SPY, 200 days)\ntarget:\n    SPY if up then 60% else 50%\n    AGG 40%\n"
    [d] = diagnose(body)
    assert d.code == "E0401" and d.notes == ("when 'up' is false",)


def test_a_cash_sleeve_entry_counts_toward_100():
    head = HEAD + "asset GLD column \"GOLD\" symbol \"XAUUSD\"\ncash CASH\n"
    assert codes("target:\n    SPY 25%\n    AGG 25%\n    GLD 25%\n    CASH 25%\n", head) == []


def test_schemes_sum_to_100_by_construction_and_hold_filters_move_weight():
    assert codes("target: equal weight SPY, AGG while price > sma(price, 10 months)\n") == []
    assert codes("target: top 1 by return(price, 6 months) of SPY, AGG\n") == []


def test_risk_parity_on_a_window_no_longer_than_its_asset_count_is_an_error_unless_shrunk():
    """E0414: 2 bars give 1 independent return, a singular covariance of 2 assets."""
    assert codes("target: risk parity(2 days) SPY, AGG\n") == ["E0414"]
    assert codes("target: risk parity(2 days, shrunk) SPY, AGG\n") == []
    assert codes("target: risk parity(3 days) SPY, AGG\n") == []


def test_risk_parity_on_a_swept_window_is_checked_at_its_shortest():
    param = "param n = 60 days from 2 days to 60 days step 2 days\n"
    assert codes(param + "target: risk parity(n) SPY, AGG\n") == ["E0414"]
    assert codes(param + "target: risk parity(n, shrunk) SPY, AGG\n") == []


def test_a_window_is_a_quantity_or_a_param_as_both_backends_read_it():
    """A `let` or an expression as a window passed the checker and stopped both backends ('a window must
    be a number of bars ... or a param'), and the warm-up counted it as 0 bars."""
    lets = "let w = 60 days\n"
    assert codes(lets + "target: risk parity(w) SPY, AGG\n") == ["E0204"]
    assert codes(lets + "target: inverse volatility(w) SPY, AGG\n") == ["E0204"]
    assert codes(lets + SIXTY_FORTY + "rebalance:\n    check SPY > sma(SPY, w)\n") == ["E0204"]
    assert codes(SIXTY_FORTY + "rebalance:\n    check SPY > sma(SPY, 1 month + 5 days)\n") == ["E0204"]
    param = "param n = 60 days from 20 days to 120 days step 20 days\n"
    assert codes(param + "target: risk parity(n) SPY, AGG\n") == []


def test_a_cash_buffer_is_separate_from_the_weights():
    assert codes(SIXTY_FORTY + "constraints:\n    cash buffer 2%\n") == []


def test_a_selection_cannot_pick_more_assets_than_listed():
    assert codes("target: top 3 by return(price, 6 months) of SPY, AGG\n") == ["E0406"]


def test_weights_and_limits_out_of_range():
    assert codes("target:\n    SPY 120%\n    AGG -20%\n") == ["E0402", "E0402"]
    assert codes(SIXTY_FORTY + "constraints:\n    max weight 0%\n") == ["E0402"]


def test_a_band_out_of_range():
    assert codes(rebalance("when drift > 150pp")) == ["E0403"]
    assert codes(rebalance("when drift > 0pp")) == ["E0403"]


def test_a_parameter_default_outside_its_range():
    assert codes("param band = 12pp from 1pp to 10pp step 1pp\n" + rebalance("when drift > band")) == ["E0404"]


def test_a_parameter_range_must_be_valid():
    for decl in ("5pp from 10pp to 1pp step 1pp", "5pp from 1pp to 10pp step 0pp", "5pp from 1% to 10pp step 1pp"):
        assert codes(f"param band = {decl}\n" + rebalance("when drift > band")) == ["E0405"], decl


def test_a_calendar_rule_that_never_fires():
    assert codes(rebalance("when 25th trading day of week")) == ["E0601"]
    assert codes(rebalance("when 70th trading day of quarter")) == ["E0601"]
    assert codes(rebalance("when 20th trading day of month")) == []


def test_a_seven_day_market_has_longer_periods():
    assert codes("annualize 365 days\n" + rebalance("when 70th trading day of quarter")) == []


def test_an_unreachable_branch_is_a_warning():
    body = "target:\n    if true:\n        SPY 60%\n        AGG 40%\n    else:\n        SPY 100%\n"
    assert codes(body) == ["W0701"]


def test_cyclic_lets_are_an_error():
    assert codes("let a = b\nlet b = a\n" + SIXTY_FORTY) == ["E0207"]


def test_basket_needs_fixed_weights():
    # W0417 too: 10% / vol is unbounded when the volatility is near 0, and no 'max leverage' caps it
    assert codes("target: equal weight SPY, AGG\nexposure 10% / vol(basket, 60 days)\n") == ["W0417", "E0208"]
    assert codes(SIXTY_FORTY + "exposure min(10% / vol(basket, 60 days), 1.5x)\n") == []


def test_to_band_edge_needs_a_drift_band():
    assert codes(rebalance("when monthly", "to band edge")) == ["E0407"]
    assert codes(rebalance("when drift > 5pp", "to band edge")) == []


def test_trade_breached_assets_needs_a_per_asset_when():
    assert codes(rebalance("when monthly", "trade breached assets")) == ["E0408"]
    assert codes(rebalance("when drift > 5pp", "trade breached assets")) == []


def test_last_trading_day_needs_trade_at_next_open():
    body = "execution decide at close, trade at close\n" + rebalance("when last trading day of month")
    assert codes(body) == ["E0501"]
    assert codes(rebalance("when last trading day of month")) == []


def test_deciding_at_the_open_is_refused_with_the_supported_timing():
    assert codes("execution decide at open, trade at next open\n" + SIXTY_FORTY) == ["E0502"]


def test_deciding_at_the_close_cannot_trade_at_the_same_open():
    assert codes("execution decide at close, trade at open\n" + SIXTY_FORTY) == ["E0501"]


def test_an_unsupported_version():
    assert codes(HEAD.replace("rbl 1", "rbl 9") + SIXTY_FORTY, head="") == ["E0104"]


def test_a_misspelled_asset_gets_a_did_you_mean():
    [d] = diagnose("target:\n    SPYY 60%\n    AGG 40%\n")
    assert d.code == "E0203" and d.help == "did you mean 'SPY'?"


def test_an_asset_listed_twice_in_the_target_or_a_scheme_is_a_duplicate():
    assert codes("target:\n    SPY 60%\n    SPY 40%\n") == ["E0201"]
    assert codes("target: equal weight SPY, SPY\n") == ["E0201"]


def test_two_assets_on_one_broker_symbol_are_an_error_at_the_second():
    head = HEAD + 'asset CORE column "SPY_TR" symbol "SPY.US"\n'
    [d] = diagnose("target:\n    SPY 40%\n    AGG 40%\n    CORE 20%\n", head)
    assert d.code == "E0209" and d.message == "assets 'SPY' and 'CORE' both trade the broker symbol \"SPY.US\""
    assert (d.span.start, d.span.end) == (head.rindex("CORE"), head.rindex("CORE") + 4)
    assert "'SPY' is declared first" in d.notes[0]
    assert d.help.startswith("each asset needs its own broker symbol")


def test_broker_symbols_compare_as_written_and_default_to_the_asset_name():
    lower = HEAD + 'asset CORE column "SPY_TR" symbol "spy.us"\n'
    assert codes("target:\n    SPY 40%\n    AGG 40%\n    CORE 20%\n", lower) == []
    unnamed = HEAD + 'asset GLD\nasset GOLD column "GOLD" symbol "GLD"\n'
    assert codes("target:\n    SPY 40%\n    AGG 40%\n    GLD 10%\n    GOLD 10%\n", unnamed) == ["E0209"]


def test_every_later_asset_on_a_taken_symbol_names_the_first():
    head = HEAD + 'asset B column "B" symbol "SPY.US"\nasset C column "C" symbol "SPY.US"\n'
    found = diagnose("target:\n    SPY 40%\n    AGG 40%\n    B 10%\n    C 10%\n", head)
    assert [(d.code, d.message.split("'")[1:4:2]) for d in found] == [("E0209", ["SPY", "B"]), ("E0209", ["SPY", "C"])]


def test_an_asset_declared_twice_is_only_a_duplicate_name():
    assert codes(SIXTY_FORTY, HEAD + 'asset SPY column "SPY" symbol "SPY.US"\n') == ["E0201"]


def test_the_english_front_end_does_not_write_two_assets_on_one_symbol():
    from rbl.dsl.english.front import translate

    translation = translate("60% XAUUSD and 40% gold, rebalance monthly", offline=True)
    assert translation.rbl is None and "E0209" in translation.error
