"""The decision trace line format (docs/trace.md): print, parse and compare."""

from rbl.backends.trace import Divergence, TraceRecord, compare_traces, format_record, parse_trace

REC = TraceRecord(date="2020-03-02", event="REBALANCE", check=True, when=True, max_drift=0.053012,
                  targets={"SPY": 0.6, "AGG": 0.4}, orders={"SPY": -12.3456, "AGG": 45.0},
                  why="max drift 5.30pp > band 5.00pp")


def test_format_matches_the_documented_line():
    assert format_record(REC) == (
        'RBL 2020-03-02 REBALANCE check=1 when=1 max_drift=0.053012 targets=SPY:0.600000,AGG:0.400000 '
        'orders=SPY:-12.345600,AGG:+45.000000 why="max drift 5.30pp > band 5.00pp"')


def test_a_line_round_trips_through_parse():
    [parsed] = parse_trace("2020.03.02 00:00 journal: " + format_record(REC))
    assert parsed == TraceRecord(**{**REC.__dict__, "orders": {"SPY": -12.3456, "AGG": 45.0}})


def test_no_orders_print_as_a_dash_and_negative_zero_as_zero():
    hold = TraceRecord(date="2020-03-03", event="HOLD", check=True, when=False, max_drift=-0.0,
                       targets={"SPY": 0.6}, orders={})
    assert "max_drift=0.000000" in format_record(hold) and "orders=-" in format_record(hold)


def test_identical_traces_agree():
    assert compare_traces([REC], [REC]) is None


def test_the_first_divergent_bar_is_reported():
    other = TraceRecord(**{**REC.__dict__, "event": "HOLD"})
    found = compare_traces([REC], [other])
    assert (found.date, found.expected, found.got) == ("2020-03-02", "REBALANCE", "HOLD")


def test_orders_within_one_lot_step_agree_and_beyond_it_diverge():
    near = TraceRecord(**{**REC.__dict__, "orders": {"SPY": -12.3456, "AGG": 44.0}})
    assert compare_traces([REC], [near], {"AGG": 1.0}) is None
    assert "order of AGG" in compare_traces([REC], [near], {"AGG": 0.5}).reason


def test_a_trace_that_stops_early_is_reported():
    later = TraceRecord(**{**REC.__dict__, "date": "2020-03-03"})
    assert str(compare_traces([REC, later], [REC])) == (
        "2020-03-03: the backtest decided this bar (rebalanced); the EA has no decision for it "
        "(the EA's trace ends on 2020-03-02)")


def test_a_sleeved_record_carries_each_sleeves_check_and_when_through_print_and_parse():
    sleeved = TraceRecord(**{**REC.__dict__, "sleeves": "core:10,satellite:11"})
    line = format_record(sleeved)
    assert " sleeves=core:10,satellite:11 why=" in line
    assert parse_trace(line) == [sleeved]


def test_sleeve_decisions_that_differ_diverge():
    ours = TraceRecord(**{**REC.__dict__, "sleeves": "core:10,satellite:11"})
    theirs = TraceRecord(**{**REC.__dict__, "sleeves": "core:11,satellite:11"})
    found = compare_traces([ours], [theirs])
    assert (found.expected, found.got) == ("core:10,satellite:11", "core:11,satellite:11")


def hold(date: str, drift: float, **changes) -> TraceRecord:
    rec = TraceRecord(date=date, event="HOLD", check=True, when=False, max_drift=drift,
                      targets={"SPY": 0.6, "AGG": 0.4}, why=f"max drift {drift * 100:.2f}pp <= band 5.00pp")
    return TraceRecord(**{**rec.__dict__, **changes})


def test_an_event_divergence_says_what_each_side_did_and_why():
    ea = TraceRecord(**{**REC.__dict__, "date": "2005-07-05", "max_drift": 0.0502,
                        "why": "max drift 5.02pp > band 5.00pp"})
    found = compare_traces([hold("2005-07-05", 0.0498)], [ea])
    assert found == Divergence("2005-07-05", "HOLD", "REBALANCE",
                               "the backtest held (max drift 4.98pp <= band 5.00pp) but the EA rebalanced "
                               "(max drift 5.02pp > band 5.00pp)")


def test_a_reason_without_the_drift_gets_the_max_drift_added():
    calendar = hold("2005-07-05", 0.031, why="not the last trading day of the month")
    ea = TraceRecord(**{**REC.__dict__, "date": "2005-07-05", "why": "last trading day of the month"})
    assert "(not the last trading day of the month; max drift 3.10pp)" in compare_traces([calendar], [ea]).reason


def test_a_rule_that_differs_under_the_same_event_is_named():
    found = compare_traces([hold("2005-07-05", 0.01)], [hold("2005-07-05", 0.01, check=False)])
    assert (found.expected, found.got) == ("check=1", "check=0")
    assert found.reason.startswith("the check rule is true in the backtest (max drift 1.00pp")


def test_a_bar_only_the_backtest_decided_names_the_eas_next_decision():
    found = compare_traces([hold("2005-07-01", 0.01), hold("2005-07-05", 0.01)], [hold("2005-07-05", 0.01)])
    assert str(found) == ("2005-07-01: the backtest decided this bar (held); the EA has no decision for it "
                          "(next EA decision 2005-07-05)")
    assert (found.expected, found.got) == ("HOLD", "no decision")


def test_a_bar_only_the_ea_decided_is_named():
    found = compare_traces([hold("2005-07-05", 0.01)], [hold("2005-07-04", 0.01), hold("2005-07-05", 0.01)])
    assert str(found) == ("2005-07-04: the EA decided this bar (held); the backtest has no decision for it "
                          "(next backtest decision 2005-07-05)")


def test_a_target_divergence_gives_both_weights():
    found = compare_traces([hold("2005-07-05", 0.01)], [hold("2005-07-05", 0.01, targets={"SPY": 0.65, "AGG": 0.35})])
    assert found == Divergence("2005-07-05", "0.600000", "0.650000", "target of SPY: backtest 0.600000, EA 0.650000")


def test_an_order_divergence_names_the_volume_step():
    near = TraceRecord(**{**REC.__dict__, "orders": {"SPY": -12.3456, "AGG": 44.0}})
    assert compare_traces([REC], [near], {"AGG": 0.5}).reason == (
        "order of AGG: backtest +45.000000, EA +44.000000, more than one volume step (0.5) apart")
