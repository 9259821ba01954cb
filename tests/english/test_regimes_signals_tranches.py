"""The offline translator on learned regimes (issue 15), signals and tranches (issue 12): what it reads, what it
assumes out loud, and where it asks instead of guessing."""

from __future__ import annotations

from rbl.dsl.compiler import compile_text
from rbl.dsl.english.offline import translate_offline


def _strategy(english: str):
    translation = translate_offline(english)
    assert translation.rbl is not None, translation.question or translation.error
    return translation, compile_text(translation.rbl).strategy


def test_bear_market_is_read_as_the_turbulent_state_and_said_so():
    translation, strategy = _strategy("60/40 SPY/AGG. When the HMM says bear market, rebalance weekly, otherwise monthly.")
    assert "if market is turbulent then weekly on monday else monthly" in translation.rbl
    assert any("'bear market' read as the turbulent state" in a for a in translation.assumptions)


def test_the_volatility_observation_is_put_first_whatever_the_order_of_the_english():
    translation, strategy = _strategy("60% SPY, 40% TLT. A 2-state hidden Markov model of SPY's daily return and "
                                      "20-day volatility. If the model says calm, rebalance monthly, else weekly.")
    assert "hmm(vol(SPY, 20 days), return(SPY, 1 day), states 2" in translation.rbl
    assert any("volatility listed first" in a for a in translation.assumptions)


def test_full_covariance_is_read_and_diagonal_is_the_default_left_out():
    full, _ = _strategy("60% SPY, 40% AGG. A 3-state HMM with full covariance on SPY's 20-day volatility and daily "
                        "return. When the HMM says turbulent, rebalance weekly, otherwise monthly.")
    diagonal, _ = _strategy("60% SPY, 40% AGG. A 3-state HMM with diagonal covariance on SPY's 20-day volatility and "
                            "daily return. When the HMM says turbulent, rebalance weekly, otherwise monthly.")
    assert "states 3, covariance full, fit" in full.rbl
    assert "covariance" not in diagonal.rbl


def test_a_model_of_returns_only_is_a_question_not_states_ordered_by_return():
    translation = translate_offline("60% SPY, 40% AGG. A 2-state HMM of SPY's daily return. When the HMM says "
                                    "turbulent rebalance weekly, otherwise monthly.")
    assert translation.rbl is None
    assert "which volatility should it read first" in translation.question


def test_a_state_word_that_names_no_state_is_asked_about_by_name():
    translation = translate_offline("60/40 SPY/AGG, rebalance weekly when the HMM says sideways market, else monthly.")
    assert translation.rbl is None and "'sideways market'" in translation.question


def test_a_regime_model_that_changes_nothing_is_a_question():
    translation = translate_offline("60% SPY, 40% AGG, rebalance monthly. Use a hidden Markov model.")
    assert translation.rbl is None and "What should the regime model change" in translation.question


def test_a_signal_is_declared_with_its_column_and_staleness_and_never_held():
    translation, strategy = _strategy("Use the sentiment score in column news_sentiment; if its 5-day average is "
                                      "positive hold 70% SPY and 30% AGG, otherwise 30% SPY and 70% AGG. Rebalance "
                                      "monthly. Ignore the signal if it is more than 3 days old.")
    assert [(s.name, s.column, s.stale_bars) for s in strategy.signals] == [("NEWS_SENTIMENT", "news_sentiment", 3)]
    assert [a.name for a in strategy.assets] == ["SPY", "AGG"]
    assert "if sma(NEWS_SENTIMENT, 5 days) > 0:" in translation.rbl


def test_a_signal_without_staleness_waits_on_a_gap_and_says_so():
    translation, strategy = _strategy("Read the model's prediction from column ml_signal. If it is above 0, "
                                      "100% QQQ, otherwise 100% TLT. Check weekly.")
    assert strategy.signals[0].stale_bars == 0
    assert any("a missing one means no decision" in a for a in translation.assumptions)


def test_a_score_with_no_column_is_a_question():
    translation = translate_offline("Use the sentiment score; if it is positive hold 70% SPY and 30% AGG, "
                                    "otherwise 30% SPY and 70% AGG. Rebalance monthly.")
    assert translation.rbl is None and "Which data column" in translation.question


def test_tranches_are_read_as_trading_days():
    translation, strategy = _strategy("50% QQQ, 50% TLT, quarterly. Spread the trades over a week.")
    assert strategy.rebalance.tranches == 5
    assert any("1 week read as 5 trading days" in a for a in translation.assumptions)


def test_tranches_with_no_count_or_too_many_days_are_questions():
    assert "how many" in translate_offline("60% SPY, 40% AGG, rebalance monthly in tranches.").question
    assert "at most 250" in translate_offline("60/40 SPY/AGG monthly, trades spread over 300 days.").question


def test_weekly_tranches_are_a_question_not_daily_ones():
    translation = translate_offline("60% SPY, 40% AGG, rebalance quarterly in 4 weekly tranches.")
    assert translation.rbl is None and "daily" in translation.question


def test_tranches_inside_sleeves_are_never_dropped_silently():
    translation = translate_offline("70% core in SPY rebalanced monthly, 30% satellite in QQQ rebalanced monthly; "
                                    "rebalance in 5 daily tranches.")
    assert translation.rbl is None or "trade over" in translation.rbl


def test_steps_and_parts_are_never_read_as_tranches():
    for english in ("60% SPY, 40% AGG, rebalance monthly in 5 steps.", "60% SPY, 40% AGG, monthly, in 3 pieces."):
        translation = translate_offline(english)
        assert translation.rbl is None or "trade over" not in translation.rbl


def test_the_model_grammar_card_names_signals_regimes_and_tranches():
    from rbl.dsl.english.prompt import CARD

    assert 'signal NAME column "COL"' in CARD and "= hmm(vol(" in CARD and "trade over N bars" in CARD


def test_a_target_switches_on_the_regime_like_on_a_signal():
    translation, strategy = _strategy("When the HMM says turbulent hold 30% SPY and 70% AGG, otherwise 60% SPY and "
                                      "40% AGG. Rebalance monthly.")
    assert "    if market is turbulent:\n        SPY 30%\n        AGG 70%\n    else:\n        SPY 60%" in translation.rbl


def test_a_regime_phrase_no_rule_takes_is_named_in_the_question():
    translation = translate_offline("80/20 QQQ/TLT, but 40/60 in the high-vol regime of a 2-state hmm on QQQ's "
                                    "20-day vol. rebalance weekly")
    assert translation.rbl is None and translation.phrase == "in the high-vol regime"
