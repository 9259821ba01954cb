"""Session 17 (w17-a): weights, bands, tickers and symbols read by family: an equal weighting said as a noun before its
list ('an equal split across ...'), a portfolio named by its count ('a four-bucket mix'), per-asset bands in a run (a
class word or the cash among them, plus/minus rows beside a relative one, bands listed 'respectively'), a drift 'from its
share', tickers listed with spaces (one-letter ones too), and broker symbols said as a list in the order of the assets.
Every phrasing here is in neither the dev set nor the matched sets."""

from __future__ import annotations

import pytest

from tests.english.reading import question_of, rbl_of


# ---- an equal weighting said as a noun before its list ------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "I hold an equal split across XLK, XLV, XLF and XLE, rebalance quarterly.",
    "Running an equal-weight spread of XLK, XLV, XLF and XLE; quarterly rebal.",
    "my book is an even mix of XLK / XLV / XLF / XLE, rebalanced every quarter",
    "1/N across XLK, XLV, XLF, XLE; rebalance each quarter.",
])
def test_an_equal_weighting_said_as_a_noun_before_the_list(english):
    rbl = rbl_of(english)
    assert "target: equal weight XLK, XLV, XLF, XLE" in rbl
    assert "when quarterly" in rbl


@pytest.mark.parametrize("english", [
    "Run a 1/3 each split of IWM, EFA, GLD, rebalanced yearly.",
    "a third each split across IWM, EFA and GLD, annual rebalance",
])
def test_a_fraction_each_said_as_a_split(english):
    assert "target: equal weight IWM, EFA, GLD" in rbl_of(english)


def test_one_over_n_alone_in_a_story_is_no_scheme():
    text = "I'm not smarter than 1/N. 60% VTI, 40% BND, rebalance yearly."
    assert "equal weight" not in rbl_of(text)


# ---- a portfolio named by its count --------------------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "a simple four-bucket mix: 50% SPY, 30% AGG, 10% GLD and 10% in cash, rebalanced quarterly.",
    "My 4 bucket allocation: 50% SPY, 30% AGG, 10% GLD, 10% cash. Rebalance every quarter.",
    "it's a four-holding portfolio - 50% SPY, 30% AGG, 10% GLD, 10% cash - rebalanced quarterly",
])
def test_a_count_of_buckets_counts_a_cash_sleeve(english):
    rbl = rbl_of(english)
    assert "    SPY 50%\n    AGG 30%\n    GLD 10%\n    CASH 10%\n" in rbl


@pytest.mark.parametrize("english", [
    "a five-bucket mix: 40% SPY, 30% TLT, 30% GLD, rebalance monthly",
    "My 3 position portfolio: 60% VTI, 40% BND, rebalance yearly.",
])
def test_a_count_the_assets_do_not_make_is_asked(english):
    assert "assets" in question_of(english)


# ---- per-asset bands in a run: a class word, 'the cash' ------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "50% VTI, 30% IEF, 20% GLD. Each one has its own tolerance: VTI can wander 6 points either way, IEF 4 and gold 3. "
    "If any single one of them goes outside its range, rebalance everything.",
    "VTI 50, IEF 30, GLD 20. VTI may drift 6 points, IEF 4, the gold 3; full rebalance on any breach.",
])
def test_a_band_given_to_the_class_word_of_a_named_fund(english):
    rbl = rbl_of(english)
    assert "bands:\n    VTI 6pp\n    IEF 4pp\n    GLD 3pp\n" in rbl
    assert "asset GOLD" not in rbl


def test_a_class_word_band_beside_two_funds_of_that_class_is_asked():
    text = "VTI 50, GLD 30, IAU 20. VTI may drift 6 points, GLD 4, gold 3; full rebalance on any breach."
    question_of(text)


@pytest.mark.parametrize("english", [
    "45% QQQ, 45% IEF and 10% cash. QQQ can move 5 points either way, IEF 3 and the cash 1. Rebalance all when one "
    "breaks its band.",
    "QQQ 45% / IEF 45% / cash 10%; QQQ may wander 5 points, IEF 3 and the cash 1, then everything back to target.",
])
def test_the_cash_said_with_the_in_a_band_run(english):
    assert "bands:\n    QQQ 5pp\n    IEF 3pp\n    CASH 1pp\n" in rbl_of(english)


# ---- per-asset bands with plus/minus signs, a relative row among them ---------------------------------------------
@pytest.mark.parametrize("english", [
    "60% VTI, 25% VXUS, 15% BND. Bands: VTI +/-5pp, VXUS +/- 4 points, BND 20% of its target. Rebalance all on a breach.",
    "VTI 60 / VXUS 25 / BND 15 with bands VTI +-5 pts, VXUS \u00b1 4 pts, BND 20% relative; rebalance everything on a breach.",
])
def test_plus_minus_bands_with_a_relative_row(english):
    assert "bands:\n    VTI 5pp\n    VXUS 4pp\n    BND 20% of target\n" in rbl_of(english)


def test_a_relative_row_before_the_plus_minus_rows():
    rbl = rbl_of("VTI 70%, BND 30%; bands VTI 20% of target, BND \u00b15pp. Rebalance all on a breach.")
    assert "bands:\n    VTI 20% of target\n    BND 5pp\n" in rbl


def test_a_bare_number_after_plus_minus_rows_is_asked():
    question_of("IWM 60 / IEF 40, bands IWM \u00b15pp, IEF 10; rebalance on any breach.")


@pytest.mark.parametrize("english", [
    "60% IWM, 40% IEF, bands IWM 5pp, IEF 4pp; any breach means a full rebalance back to target.",
    "60% IWM, 40% IEF, bands IWM 5pp, IEF 4pp. A breach of any band calls for a full rebal.",
])
def test_a_breach_meaning_a_full_rebalance(english):
    rbl = rbl_of(english)
    assert "when drift > its band\n    to target\n    trade all assets" in rbl


# ---- bands listed in order, 'respectively', a cash sleeve's among them --------------------------------------------
@pytest.mark.parametrize("english", [
    "40% IWM, 30% IEF, 20% GLD, 10% cash with tolerances of 5/4/3/2 points respectively; full rebalance on a breach.",
    "IWM 40 / IEF 30 / GLD 20 / cash 10, bands of 5/4/3/2pp respectively, and a breach rebalances everything.",
])
def test_bands_listed_respectively_with_the_cash_sleeve(english):
    assert "bands:\n    IWM 5pp\n    IEF 4pp\n    GLD 3pp\n    CASH 2pp\n" in rbl_of(english)


def test_bands_listed_respectively_one_short_are_not_read():
    text = "40% IWM, 30% IEF, 30% GLD with tolerances of 5/4 points respectively; full rebalance on a breach."
    question_of(text)


# ---- a drift measured from the asset's share ----------------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "Equal weight XLE, XLU and XLP; rebalance when any of them moves more than 4 points from its share.",
    "XLE, XLU, XLP equally weighted, rebalance whenever one strays over 4 points from its intended share",
    "equal weight XLE XLU XLP, rebal once a fund is 4 points off its allocation",
])
def test_a_drift_from_its_share(english):
    rbl = rbl_of(english)
    assert "when drift > 4pp" in rbl
    assert "target: equal weight XLE, XLU, XLP" in rbl


# ---- tickers listed with spaces, one-letter ones among them --------------------------------------------------------
@pytest.mark.parametrize("english, names", [
    ("equal weight F GM TSLA, rebalance quarterly", "F, GM, TSLA"),
    ("equal weight T VZ TMUS monthly", "T, VZ, TMUS"),
    ("equal weight V MA PYPL AXP, rebalance every quarter", "V, MA, PYPL, AXP"),
    ("hold KO PEP T equally, rebalanced quarterly", "KO, PEP, T"),
])
def test_a_spaced_ticker_list_with_one_letter_tickers(english, names):
    assert f"target: equal weight {names}\n" in rbl_of(english)


def test_the_article_and_i_are_never_tickers_in_a_spaced_list():
    rbl = rbl_of("equal weight SPY TLT GLD. I rebalance monthly. A friend said so.")
    assert "target: equal weight SPY, TLT, GLD\n" in rbl
    assert "asset A " not in rbl and "asset I " not in rbl


# ---- broker symbols as a list in the order of the assets ----------------------------------------------------------
SYMBOLS_3 = ('asset IWM column "IWM" symbol "US2000"', 'asset IEF column "UST10" symbol "IEF.US"',
             'asset GLD column "GOLD" symbol "XAUUSD"')


@pytest.mark.parametrize("english", [
    "50% IWM, 30% IEF, 20% GLD, rebalance quarterly. My broker has them as US2000, IEF.US and XAUUSD.",
    "IWM 50 / IEF 30 / GLD 20, quarterly. Broker symbols are US2000 / IEF.US / XAUUSD respectively.",
    "50% IWM, 30% IEF, 20% GLD, rebalance every quarter. At my broker they trade as US2000, IEF.US, XAUUSD.",
])
def test_broker_symbols_listed_in_the_order_of_the_assets(english):
    rbl = rbl_of(english)
    for line in SYMBOLS_3:
        assert line in rbl


@pytest.mark.parametrize("english", [
    "50% IWM, 30% IEF, 20% GLD, rebalance quarterly. My broker has them as US2000 and XAUUSD.",
    "60% IWM, 40% gold, quarterly. On my broker they're called US2000, IEF.US and XAUUSD.",
])
def test_broker_symbols_that_do_not_match_the_assets_are_asked(english):
    question_of(english)


# ---- equal parts said by their pieces or their count ---------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "equal slices of IWM, EFA and GLD, rebalance monthly",
    "IWM, EFA and GLD in equal pieces, monthly rebal",
    "equal thirds in IWM, EFA and GLD; rebalance every month",
    "one third each: IWM, EFA, GLD. rebalance monthly",
    "each of IWM, EFA and GLD gets the same weight, monthly rebalance",
    "Going with an equally split portfolio of IWM, EFA and GLD, monthly rebalancing.",
])
def test_equal_parts_said_by_their_pieces(english):
    rbl = rbl_of(english)
    assert "target: equal weight IWM, EFA, GLD\n" in rbl
    assert "when monthly" in rbl


@pytest.mark.parametrize("english", [
    "equal quarters in IWM, EFA and GLD, rebalance monthly",
    "a four-way equal split of IWM, EFA, GLD; rebalance monthly",
])
def test_equal_parts_whose_count_the_list_does_not_make_are_asked(english):
    assert "3" in question_of(english)


@pytest.mark.parametrize("english", [
    "Tickers: IWM, EFA, GLD | weighting: equal | rebalance: monthly",
    "Assets IWM, EFA, GLD. Weights = equal. Rebalanced monthly.",
])
def test_an_equal_weighting_said_as_a_spec_field(english):
    assert "target: equal weight IWM, EFA, GLD\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "Permanent-style: 25% each IWM, IEF, GLD and cash, rebalance yearly.",
    "25% each: IWM, IEF, GLD, cash. Yearly rebalance.",
])
def test_a_percent_each_before_the_list_without_a_preposition(english):
    assert "    IWM 25%\n    IEF 25%\n    GLD 25%\n    CASH 25%\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "I split the money three ways between VTI, VXUS and BND, rebalanced yearly.",
    "divide the pot 3 ways evenly: VTI, VXUS, BND. Rebalance every year.",
])
def test_an_equal_split_said_as_n_ways(english):
    assert "target: equal weight VTI, VXUS, BND\n" in rbl_of(english)


def test_n_ways_the_list_does_not_make_is_asked():
    assert "3 parts" in question_of("split it 3 ways: VTI, VXUS, BND, GLD, rebalance yearly")


# ---- a band run's unit said once, a band in brackets, a breach said as '=' ----------------------------------------
@pytest.mark.parametrize("english", [
    "Targets IWM 60, IEF 30, GLD 10. Bands (pp): IWM 5, IEF 4, GLD 2. Rebalance everything on a breach.",
    "60% IWM, 30% IEF, 10% GLD. tolerances: IWM 5, IEF 4, GLD 2 (points). Full rebalance on any breach.",
])
def test_a_band_runs_unit_said_once(english):
    assert "bands:\n    IWM 5pp\n    IEF 4pp\n    GLD 2pp\n" in rbl_of(english)


def test_a_band_run_with_no_unit_is_asked():
    assert "percentage points" in question_of("60% IWM, 40% IEF. bands: IWM 5, IEF 4. Full rebalance on any breach.")


@pytest.mark.parametrize("english", [
    "IWM 60% (\u00b15), IEF 30% (\u00b14), GLD 10% (\u00b12); rebalance everything when one is out.",
    "IWM 60% (+/- 5pp), IEF 30% (+/- 4pp), GLD 10% (+/- 2pp), rebalance all if any asset goes out of range",
])
def test_a_weights_band_in_brackets(english):
    assert "bands:\n    IWM 5pp\n    IEF 4pp\n    GLD 2pp\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "60% IWM, 40% IEF. IWM gets 5 points of room, IEF 3; breach = full rebalance.",
    "IWM 60 / IEF 40, bands IWM 5pp, IEF 3pp; 1 breach = full rebal back to target",
])
def test_a_breach_said_with_an_equals_sign(english):
    assert "to target\n    trade all assets" in rbl_of(english)


# ---- a list that says there are more assets than it names ----------------------------------------------------------
@pytest.mark.parametrize("english", [
    "I want equal weight in AAPL MSFT and a few others, monthly",
    "equal weight NVDA, AMD, etc., rebalance quarterly",
    "equal weight JPM, BAC and several other banks names, monthly",
])
def test_a_list_with_more_assets_not_named_is_asked(english):
    assert "besides" in question_of(english) or "mean here" in question_of(english)


# ---- a one-letter ticker beside one other: a list's first or last item ---------------------------------------------
@pytest.mark.parametrize("english, names", [
    ("equal weight C JPM, monthly", "C, JPM"),
    ("equal weight WFC and C, rebalance monthly", "WFC, C"),
])
def test_a_one_letter_ticker_opening_or_closing_a_two_item_list(english, names):
    assert f"target: equal weight {names}\n" in rbl_of(english)


@pytest.mark.parametrize("english", [
    "My plan B: 60% IWM, 40% IEF, rebalance quarterly.",
    "Option A is simple: 60% IWM, 40% IEF, rebalance quarterly.",
])
def test_a_letter_naming_a_plan_is_no_ticker(english):
    rbl = rbl_of(english)
    assert "asset B " not in rbl and "asset A " not in rbl


# ---- broker symbols: their count must fit, more ways of saying them ------------------------------------------------
@pytest.mark.parametrize("english", [
    "50% IWM, 30% IEF, 20% GLD, rebalance quarterly. My broker has them as US2000 and XAUUSD.",
    "60% IWM, 40% gold, quarterly. On my broker they're called US2000, IEF.US and XAUUSD.",
])
def test_broker_symbols_that_do_not_fit_are_asked_by_name(english):
    assert "broker symbols" in question_of(english)


@pytest.mark.parametrize("english", [
    "60% IWM 40% GLD monthly, mt5 symbols US2000, XAUUSD",
    "My broker uses different names: US2000 for IWM and XAUUSD for GLD. 60% IWM 40% GLD monthly.",
])
def test_broker_symbols_said_another_way(english):
    rbl = rbl_of(english)
    assert 'asset IWM column "IWM" symbol "US2000"' in rbl
    assert 'asset GLD column "GOLD" symbol "XAUUSD"' in rbl


def test_a_symbols_line_naming_the_tickers_themselves_is_no_mapping():
    assert "target: equal weight IWM, EFA, GLD\n" in rbl_of("Symbols: IWM, EFA, GLD. equal weight, monthly")


# ---- a portfolio named by its count of ways, its weights unequal ---------------------------------------------------
@pytest.mark.parametrize("english", [
    "Four-way split, IWM 40 / EFA 20 / IEF 30 / GLD 10, rebalance yearly.",
    "a 4 way split: 40% IWM, 20% EFA, 30% IEF, 10% GLD. Yearly rebalance.",
])
def test_a_count_of_ways_beside_unequal_weights(english):
    assert "    IWM 40%\n    EFA 20%\n    IEF 30%\n    GLD 10%\n" in rbl_of(english)


def test_a_count_of_ways_the_weights_do_not_make_is_asked():
    question_of("Three-way split, IWM 40 / EFA 20 / IEF 30 / GLD 10, rebalance yearly.")


# ---- the cash as the last weight of a list, said after asset-first weights ------------------------------------------
@pytest.mark.parametrize("english", [
    "I hold IWM 50%, IEF 30% and 20% in cash. rebalance monthly",
    "IWM 50%, IEF 30%, and keep 20% in cash, rebalanced monthly",
    "IWM 50%, IEF 30% and keep 20% in cash as dry powder. Monthly rebalance.",
])
def test_a_cash_weight_closing_a_list_of_asset_first_weights(english):
    assert "    IWM 50%\n    IEF 30%\n    CASH 20%\n" in rbl_of(english)


def test_a_cash_buffer_beside_weights_of_100_stays_a_buffer():
    assert "cash buffer 5%" in rbl_of("IWM 60%, IEF 40%, and keep 5% in cash. Rebalance monthly.")


# ---- broker symbols said one by one after 'the symbols are' --------------------------------------------------------
@pytest.mark.parametrize("english", [
    "IWM 70% and GLD 30%, rebalanced yearly. The broker symbols are US2000.cash for IWM and XAUUSD for GLD.",
    "IWM 70% and GLD 30%, rebalanced yearly. My MT5 tickers are US2000.cash for IWM, XAUUSD for GLD.",
])
def test_broker_symbols_are_x_for_y(english):
    rbl = rbl_of(english)
    assert 'asset IWM column "IWM" symbol "US2000.cash"' in rbl
    assert 'asset GLD column "GOLD" symbol "XAUUSD"' in rbl


# ---- a band run's unit said once after its last item ---------------------------------------------------------------
@pytest.mark.parametrize("english", [
    "40% IWM, 30% IEF, 20% GLD, 10% cash. IWM may drift 5, IEF 4, GLD 3 and cash 2 points. Rebalance all on a breach.",
    "IWM 40 / IEF 30 / GLD 20 / cash 10; bands: IWM 5, IEF 4, GLD 3, cash 2pp; full rebalance on a breach",
])
def test_a_band_runs_unit_said_after_its_last_item(english):
    assert "bands:\n    IWM 5pp\n    IEF 4pp\n    GLD 3pp\n    CASH 2pp\n" in rbl_of(english)


def test_a_band_runs_last_unit_that_is_no_points_is_asked():
    question_of("60% IWM, 40% IEF. bands: IWM 5, IEF 20% of target. full rebalance on a breach.")
