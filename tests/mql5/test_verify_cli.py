"""`rbl verify --broker ... --json`: profile mistakes are user errors with exit codes, the JSON report
has the documented keys, the human report names the profile and the broker's figures."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rbl.cli.mql5 import _render
from rbl.backends.mql5.verify import VerifyReport
from rbl.backends.trace import Divergence
from rbl.cli import app
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "threshold_60_40.rbl")


def verify(*args: str):
    return CliRunner().invoke(app, ["verify", EXAMPLE, *args])


def test_an_unknown_profile_name_is_a_usage_error_listing_the_bundled_ones():
    out = verify("--broker", "stocks")
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "unknown broker profile stocks" in out.output
    assert "the bundled profiles are exchange-return-only, flaky, fx-ecn, ideal" in out.output


def test_a_profile_path_with_no_file_is_a_usage_error(tmp_path):
    out = verify("--broker", str(tmp_path / "absent.toml"))
    assert out.exit_code == 2 and "absent.toml: no such file" in out.output


def test_a_mistake_in_a_profile_file_exits_1_with_its_line_and_no_traceback(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[defaults]\nvolume_step = 0\n")
    out = verify("--broker", str(path))
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert f"error: {path}:2: [defaults].volume_step: expected a number > 0, got 0" in out.output


def test_a_date_the_data_does_not_have_exits_1_before_any_compile(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[symbols."SPY.US"]\nmissing_dates = ["2030-01-02"]\n')
    out = verify("--broker", str(path))
    assert out.exit_code == 1 and "2030-01-02 is not a date of the data" in out.output
    assert "Traceback" not in out.output


def test_json_prints_one_object_with_the_documented_keys():
    out = verify("--json")
    [line] = out.stdout.splitlines()
    report = json.loads(line)
    assert {"agree", "profile", "decision_bars", "deals", "rejects", "first_divergence"} <= report.keys()
    assert report["profile"] == "ideal" and report["decision_bars"] > 5000
    assert out.exit_code == (0 if report["agree"] else 1)
    assert report["agree"] == (report["first_divergence"] is None)


def test_the_human_report_names_the_profile_and_the_brokers_figures(capsys):
    _render(VerifyReport(profile="flaky", bars=5915, deals=52, rejects={"10004": 3, "10031": 2}))
    assert capsys.readouterr().out == ("ok (profile flaky): lint clean, g++ clean, 5,915 decision bars agree "
                                       "with the backtest; 52 deals, rejects 10004×3, 10031×2\n")


def test_a_divergence_is_reported_in_words_with_the_brokers_figures(capsys):
    why = Divergence("2005-07-05", "HOLD", "REBALANCE", "the backtest held (a) but the EA rebalanced (b)")
    _render(VerifyReport(profile="fx-ecn", bars=10, deals=3, first_divergence=why, notes=["one note"]))
    err = capsys.readouterr().err
    assert "note (profile fx-ecn): one note" in err
    assert ("traces diverge (profile fx-ecn): 2005-07-05: the backtest held (a) but the EA rebalanced (b)\n"
            "  the simulated broker: 3 deals, no rejects") in err


def test_an_ea_that_refuses_to_start_is_a_divergence_saying_why():
    from rbl.backends.mql5.verify import stop_reason
    journal = "SIM foreign SPY.US +10.0 lots\nrbl: SPY.US: +10 lots are not this EA's\nSIM init failed\n"
    assert stop_reason(journal) == "rbl: SPY.US: +10 lots are not this EA's"
    assert stop_reason("RBL 1993-10-01 INITIAL ...\n") == ""


def test_each_broker_gets_one_json_line_and_any_disagreement_exits_1(monkeypatch):
    import rbl.backends.mql5.verify as verify_module

    def fake(checked, source, data, profile):
        bars = 0 if profile.name == "flaky" else 10
        why = Divergence("1993-10-01", "INITIAL", "no decision", "the EA made no decision") if not bars else None
        return VerifyReport(profile=profile.name, bars=bars, first_divergence=why)

    monkeypatch.setattr(verify_module, "verify", fake)
    out = verify("--json", "--broker", "ideal", "--broker", "flaky")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["profile"], r["agree"]) for r in lines] == [("ideal", True), ("flaky", False)]
    assert lines[1]["first_divergence"]["got"] == "no decision"
    assert out.exit_code == 1


def test_a_profile_whose_smallest_order_exceeds_every_position_says_why_nothing_traded():
    # fx-ecn states no SPY.US or IEF.US: its forex defaults apply, 0.01 lot = 1,000 units of a 100 USD ETF
    out = verify("--broker", "fx-ecn")
    assert "0 deals" in out.stdout
    assert ("warning (profile fx-ecn): nothing traded: SPY.US's smallest order (0.01 lot of 100,000 units, "
            "from [defaults]: the profile has no [symbols.\"SPY.US\"]) is 100,000 USD on 1993-10-01, more than "
            "its target of 60,000 USD") in out.stderr
