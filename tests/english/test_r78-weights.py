"""Issue 17, session 14 (r78-weights): weights said without a % sign or in words beside tickers, equal splits said as
counts, and splits corrected as they are said. Each family is read only where the list makes it the one reading."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- a split written without its slash beside its assets ---------------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("VTI/BND 70 30, rebalance every quarter.", "target:\n    VTI 70%\n    BND 30%\n"),
    ("IWM TLT GLD 40 30 30 and rebalance monthly.", "target:\n    IWM 40%\n    TLT 30%\n    GLD 30%\n"),
    ("Seventy thirty QQQ and IEF, rebalanced every month.", "target:\n    QQQ 70%\n    IEF 30%\n"),
])
def test_spaced_numbers_as_many_as_the_assets_adding_up_to_100_are_the_split(english, expected):
    assert expected in rbl_of(english)


@pytest.mark.parametrize("english", [
    "VTI/BND 70 30 5, rebalance every quarter.",
    "VTI/BND 60 30, rebalance every quarter.",
])
def test_spaced_numbers_not_matching_the_assets_are_asked_about(english):
    assert "VTI/BND" in question_of(english)


# ---- a % sign said on some weights of a list only ----------------------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("Sixty percent VOO, twenty five VEA, fifteen BND. Rebalance yearly.", "target:\n    VOO 60%\n    VEA 25%\n    BND 15%\n"),
    ("IVV 55%, EFA 25, AGG 20. Rebalance quarterly.", "target:\n    IVV 55%\n    EFA 25%\n    AGG 20%\n"),
])
def test_a_percent_said_once_in_a_list_adding_up_to_100_is_every_weight_s(english, expected):
    assert expected in rbl_of(english)


def test_a_list_with_a_percent_said_once_not_adding_up_to_100_is_asked_about():
    assert "EFA 25" in question_of("IVV 55%, EFA 25, AGG 10. Rebalance quarterly.")


# ---- a split corrected as it is said -----------------------------------------------------------------------------

@pytest.mark.parametrize("english, expected", [
    ("IVV/IEF 50 50. no wait, make it 55/45. rebalance every month.", "target:\n    IVV 55%\n    IEF 45%\n"),
    ("VOO 80 BND 20. Actually 75/25. Rebalance every quarter.", "target:\n    VOO 75%\n    BND 25%\n"),
    ("50 VOO 50 IEF, scratch that, 65/35. Rebalance yearly.", "target:\n    VOO 65%\n    IEF 35%\n"),
    ("60/40 IWM and TLT. Actually, let's do 70/30. Rebalance yearly.", "target:\n    IWM 70%\n    TLT 30%\n"),
])
def test_a_split_corrected_as_it_is_said_takes_the_new_numbers(english, expected):
    assert expected in rbl_of(english)


def test_a_correction_with_the_wrong_number_of_parts_is_asked_about():
    question_of("VOO 80 BND 20. Actually 50/30/20. Rebalance every quarter.")


# ---- an equal split said by its count ----------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "A three-way split between VOO, IEF and GLD, rebalanced each quarter.",
    "VOO, IEF, GLD - 3 way even split. Rebalance quarterly.",
])
def test_an_n_way_split_naming_n_assets_is_equal_weight(english):
    assert "target: equal weight VOO, IEF, GLD" in rbl_of(english)


def test_an_n_way_split_beside_equal_weights_is_the_same_split():
    assert "target:\n    VOO 20%\n    IEF 20%\n    GLD 20%\n    EFA 20%\n    CASH 20%\n" in rbl_of(
        "5-way split, 20 each in VOO, IEF, GLD, EFA and cash. Rebalance monthly.")


@pytest.mark.parametrize("english", [
    "A three-way split between VOO and IEF, rebalanced each quarter.",
    "Five way split: VOO, IEF, GLD. Rebalance quarterly.",
])
def test_an_n_way_split_naming_another_count_of_assets_is_asked_about(english):
    assert "way split" in question_of(english)


# ---- figures told about the person or the account ----------------------------------------------------------------

BASE = "Hold 60% VTI and 40% BND, rebalanced every quarter."


@pytest.mark.parametrize("told", [
    "I'm 52 with roughly $300k split between a 401k and a Roth IRA.",
    "We have around 85k spread across two brokerage accounts.",
])
def test_money_spread_across_accounts_is_background(told):
    assert "capital" not in rbl_of(f"{told} {BASE}")


@pytest.mark.parametrize("told", [
    "She is retired and draws about $3,500/month of income.",
    "Still putting away $800 a month into the Roth; no change there.",
])
def test_income_and_contributions_per_month_are_background(told):
    assert "target:\n    VTI 60%\n    BND 40%\n" in rbl_of(f"{BASE} {told}")


@pytest.mark.parametrize("told", [
    "Last year the churn was silly, I reckon I spent about 250 bucks in commissions.",
    "It cost me like $600 in fees in 2023.",
])
def test_what_trading_cost_in_the_past_is_background(told):
    assert "costs:" not in rbl_of(f"{BASE} {told}")


@pytest.mark.parametrize("told", [
    "Management fee stays at 1.1% of assets under management.",
    "Advisory fees still 0.9% of AUM.",
    "The planning fee is 0.5% per annum.",
    "Wrap fee remains 1% a year.",
])
def test_an_advisers_fee_on_the_assets_is_no_trading_cost(told):
    assert "costs:" not in rbl_of(f"{BASE} {told}")


@pytest.mark.parametrize("told", [
    "The trustees noted the 6% hurdle rate agreed in 2021.",
    "The 4.75% valuation rate used in 2025 is unchanged.",
])
def test_a_plans_actuarial_rate_is_no_weight_or_band(told):
    assert "VTI 60%" in rbl_of(f"{BASE} {told}")


def test_an_adviser_charge_said_as_what_they_charge_is_still_asked_about():
    """'charges 1%' reads as a cost; the rest of the clause is asked about, never skipped."""
    question_of(f"{BASE} My advisor charges 1% of assets a year.")


@pytest.mark.parametrize("told", ["That's roughly 30 grand just sitting there.", "It is about $12k lying around idle."])
def test_money_held_elsewhere_is_background(told):
    assert "capital" not in rbl_of(f"{BASE} {told}")


# ---- the money the strategy runs with, said as what the writer has where it trades --------------------------------

@pytest.mark.parametrize("english, amount", [
    ("I have $15,000 in my brokerage account and want SPY 60% TLT 40%, rebalance monthly.", "capital 15000 USD"),
    ("we got 8000 dollars on the exchange, keep BTC 50% ETH 50%, rebalance weekly.", "capital 8000 USD"),
])
def test_an_exact_amount_the_writer_has_where_it_trades_is_the_capital(english, amount):
    assert amount in rbl_of(english)


def test_an_amount_said_as_about_is_asked_about():
    assert "about 15000 usd" in question_of("We have about $15,000 in my brokerage account and want SPY 60% TLT 40%, "
                                            "rebalance monthly.")


# ---- discourse labels and a document's furniture ---------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "VTI 50 / BND 50, 3pp band, checked daily. So we're adding a rule: never rebalance twice within 20 days.",
    "VTI 50 / BND 50, 3pp band, checked daily. I'd like to add 1 more condition, never rebalance twice within 20 days.",
])
def test_a_rule_announced_before_it_is_said_is_no_fact(english):
    assert "days since rebalance >= 20" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% VOO and 40% BND, rebalanced monthly. 1 key thing: never use leverage.",
    "60% VOO and 40% BND, rebalanced monthly. One really important point: never use leverage.",
])
def test_one_important_thing_announcing_a_rule_is_no_fact(english):
    assert "VOO 60%" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "momentum rotation v3, universe is XLK XLF XLE. hold the top 1 by 6-month return, rerank monthly.",
    "Sector rotation version 2: XLK XLF XLE, hold the top 1 by 6-month return, rerank monthly.",
])
def test_a_working_title_with_its_version_is_a_label_of_the_construct_read(english):
    assert "target: top 1 by return(price, 6 months) of XLK, XLF, XLE" in rbl_of(english)


def test_a_title_with_a_version_and_no_construct_read_is_asked_about():
    assert "rotation v3" in question_of("rotation v3: XLK XLF XLE, rebalance monthly.")


@pytest.mark.parametrize("english", [
    "For my four ETF setup (VOO 30, QQQ 20, VEA 30, BND 20) rebalance every month.",
    "for our 4-fund lineup: VOO 30, QQQ 20, VEA 30, BND 20. rebalance every month.",
])
def test_a_setup_counted_beside_its_holdings_is_the_count_of_them(english):
    assert "target:\n    VOO 30%\n    QQQ 20%\n    VEA 30%\n    BND 20%\n" in rbl_of(english)


def test_a_setup_counted_otherwise_than_its_holdings_is_asked_about():
    assert "Which 4 assets" in question_of("For my four ETF setup (VOO 30, QQQ 20, VEA 50) rebalance every month.")


@pytest.mark.parametrize("where", ["on the side", "in reserve"])
def test_where_a_cash_buffer_is_kept_is_no_fact(where):
    assert "cash buffer 5%" in rbl_of(f"equal weight AAPL MSFT NVDA, always keep 5% cash {where}, rebalance yearly")


@pytest.mark.parametrize("heading", ["Call notes 12/02 - Hendersons.", "Meeting notes 3/4:", "Client notes 1/9 - T. & M. Ruiz."])
def test_a_notes_heading_dated_in_figures_is_furniture(heading):
    assert "VTI 60%" in rbl_of(f"{heading} 60% VTI 40% BND rebalance monthly.")


def test_a_resolution_and_the_meeting_that_takes_up_a_plan_rate_are_furniture():
    english = ("RESOLVED, that the Trust's core portfolio shall be invested 50% in VTI, 30% in BND and 20% in VXUS;\n"
               "FURTHER RESOLVED, that the Treasurer shall restore the portfolio to these weights on the last trading day "
               "of each calendar quarter;\nFURTHER RESOLVED, that the review of the actuarial assumptions (including the 6% "
               "hurdle rate adopted in 2022) will be taken up at the spring meeting.")
    rbl = rbl_of(english)
    assert "VTI 50%" in rbl and "FURTHER" not in rbl


def test_a_meeting_taking_up_a_rebalance_leaves_the_rebalance_asked_about():
    question_of("60% VTI 40% BND. Rebalancing shall take place at the november meeting.")


# ---- a settings page, one field a line -----------------------------------------------------------------------------

THRESHOLD_PAGE = """Account settings
Target mix: VOO 50% | VXUS 30% | BND 20%
Rebalancing method: Threshold
Drift tolerance: 4 percentage points (any holding)
Drift check: Daily
{extra}"""


@pytest.mark.parametrize("extra", ["Tax-loss harvesting: Off", "Dividend reinvestment: On\nCash sweep: Off"])
def test_a_settings_page_is_read_field_by_field(extra):
    rbl = rbl_of(THRESHOLD_PAGE.format(extra=extra))
    assert "target:\n    VOO 50%\n    VXUS 30%\n    BND 20%\n" in rbl and "when drift > 4pp" in rbl


@pytest.mark.parametrize("method, schedule", [("Calendar", "Frequency: Quarterly"), ("Time-based", "Frequency: Monthly")])
def test_a_rebalancing_method_naming_the_schedule_read_is_a_label(method, schedule):
    rbl = rbl_of(f"Target mix: VOO 50% | VXUS 30% | BND 20%\nRebalancing method: {method}\n{schedule}")
    assert "when quarterly" in rbl or "when monthly" in rbl


def test_a_rebalancing_method_naming_what_is_not_read_is_asked_about():
    assert "calendar" in question_of("Target mix: VOO 50% | VXUS 30% | BND 20%\nRebalancing method: Calendar\n"
                                     "Drift tolerance: 3 percentage points")


def test_tax_loss_harvesting_switched_on_is_asked_about():
    assert "tax-loss harvesting" in question_of(
        "Target mix: VOO 50% | VXUS 30% | BND 20%\nRebalancing method: Calendar\nFrequency: Quarterly\nTax-loss harvesting: On")


# ---- a resolution naming the weights -------------------------------------------------------------------------------

@pytest.mark.parametrize("english", [
    "RESOLVED, that the Foundation's strategic allocation shall be 70% VTI and 30% BND; FURTHER RESOLVED, that staff shall "
    "restore these weights on the last trading day of each year.",
    "The endowment's policy weights are 70% VTI, 30% BND, rebalanced on the last trading day of each year.",
])
def test_a_named_allocation_of_a_body_introduces_its_weights(english):
    rbl = rbl_of(english)
    assert "target:\n    VTI 70%\n    BND 30%\n" in rbl and "when last trading day of year" in rbl


# ---- what a new version replaces; a top N's equal split said as a split ------------------------------------------

@pytest.mark.parametrize("english", [
    "momentum book v4, replaces the old version which had 9 funds. universe XLK XLF XLE, hold the top 1 by 6-month "
    "return, rerank monthly.",
    "rotation v3, replacing the one from last month that had 12 sectors. universe XLK XLF XLE, hold the top 1 by 6-month "
    "return, rerank monthly.",
])
def test_what_a_new_version_replaces_is_no_fact_and_its_count_no_count(english):
    assert "target: top 1 by return(price, 6 months) of XLK, XLF, XLE" in rbl_of(english)


def test_a_count_the_writer_had_before_is_asked_about():
    question_of("I had 5 funds before, now I hold 60% SPY 40% TLT, rebalance monthly.")


@pytest.mark.parametrize("split", ["even split", "an equal split", "split evenly"])
def test_a_top_ns_equal_split_said_as_a_split_is_its_equal_weights(split):
    assert "target: top 2 by return(price, 6 months) of XLK, XLF, XLE, XLV" in rbl_of(
        f"universe XLK XLF XLE XLV, hold the top 2 by 6-month return, {split}, rerank monthly")


def test_a_top_ns_split_of_other_shares_is_asked_about():
    question_of("universe XLK XLF XLE XLV, hold the top 3 by 6-month return, split 50/50, rerank monthly")


@pytest.mark.parametrize("english", ["SPY 60 TLT 40, actually 5/25 bands. check monthly",
                                     "60 SPY 40 TLT, actually use 5/25 bands. check monthly"])
def test_a_split_after_actually_not_adding_up_to_100_corrects_no_weights(english):
    assert "target:\n    SPY 60%\n    TLT 40%\n" in rbl_of(english)


def test_a_bare_number_with_a_unit_is_no_weight_said_without_its_percent():
    assert "GLD 10 days" in question_of("SPY 60% TLT 30% GLD 10 days. rebalance monthly")
