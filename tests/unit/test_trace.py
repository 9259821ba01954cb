"""The decision trace line format (docs/trace.md): print, parse and compare."""

from backends.trace import TraceRecord, compare_traces, format_record, parse_trace

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
    assert compare_traces([REC], [other]) == "2020-03-02: event: expected REBALANCE, got HOLD"


def test_orders_within_one_lot_step_agree_and_beyond_it_diverge():
    near = TraceRecord(**{**REC.__dict__, "orders": {"SPY": -12.3456, "AGG": 44.0}})
    assert compare_traces([REC], [near], {"AGG": 1.0}) is None
    assert "order of AGG" in compare_traces([REC], [near], {"AGG": 0.5})


def test_a_trace_that_stops_early_is_reported():
    assert "1 more bars" in compare_traces([REC, REC], [REC])


def test_a_sleeved_record_carries_each_sleeves_check_and_when_through_print_and_parse():
    sleeved = TraceRecord(**{**REC.__dict__, "sleeves": "core:10,satellite:11"})
    line = format_record(sleeved)
    assert " sleeves=core:10,satellite:11 why=" in line
    assert parse_trace(line) == [sleeved]


def test_sleeve_decisions_that_differ_diverge():
    ours = TraceRecord(**{**REC.__dict__, "sleeves": "core:10,satellite:11"})
    theirs = TraceRecord(**{**REC.__dict__, "sleeves": "core:11,satellite:11"})
    assert "sleeves: expected core:10,satellite:11" in compare_traces([ours], [theirs])
