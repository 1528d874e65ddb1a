"""Scores: hand-computed components, monotonicity, weights and the explanation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.analysis.scores import (
    COMPONENTS,
    TOTAL,
    RiskFigures,
    Score,
    Weights,
    cash_component,
    explain,
    fallback_risk,
    return_component,
    risk_component,
    score_all,
    speed_component,
    squash,
)
from core.model.engine import evaluate
from core.model.paths import with_values
from core.model.scenario import default_scenario

MONEY = st.floats(-1e9, 1e9, allow_nan=False)
ROI = st.one_of(st.none(), st.floats(-1.0, 50.0, allow_nan=False))
CASH = st.floats(0.0, 1e9, allow_nan=False)


def test_hand_computed_components():
    assert squash(0.0) == 0.5
    assert squash(1.0) == 0.75
    assert squash(-1.0) == 0.25
    # NPV = F and ROI = 0: (0.75 + 0.5) / 2 = 62.5
    assert return_component(500_000, 0.0, 500_000) == pytest.approx(62.5)
    assert return_component(-500_000, -1.0, 500_000) == pytest.approx(25.0)
    assert speed_component(1) == 100.0
    assert speed_component(25) == pytest.approx(50.0)
    assert speed_component(None) == 0.0
    assert cash_component(0.0, 100.0) == 100.0
    assert cash_component(100.0, 100.0) == pytest.approx(50.0)
    assert cash_component(300.0, 100.0) == 0.0
    assert cash_component(1.0, 0.0) == 0.0
    risk = RiskFigures(p_loss=0.2, expected_shortfall=-50.0, register_exposure=25.0, basis="ranges")
    # penalties 0.2, 0.5, 0.25 → 100 · (1 − 0.95 / 3)
    assert risk_component(risk, 100.0) == pytest.approx(100 * (1 - 0.95 / 3))
    no_register = risk.model_copy(update={"register_exposure": None})
    assert risk_component(no_register, 100.0) == pytest.approx(100 * (1 - 0.7 / 2))


@given(npv=MONEY, more=st.floats(0.0, 1e9), roi=ROI, cash=CASH)
def test_better_npv_never_lowers_the_return_component(npv, more, roi, cash):
    assert return_component(npv + more, roi, cash) >= return_component(npv, roi, cash) - 1e-9


@given(month=st.integers(1, 120), later=st.integers(0, 60))
def test_later_payback_never_raises_speed(month, later):
    assert speed_component(month + later) <= speed_component(month)


@given(need=CASH, more=CASH, fundable=CASH)
def test_more_cash_need_never_raises_the_cash_component(need, more, fundable):
    assert cash_component(need + more, fundable) <= cash_component(need, fundable)


@given(p=st.floats(0, 1), q=st.floats(0, 1), es=st.floats(-1e8, 1e8), fundable=CASH)
def test_a_likelier_loss_never_raises_the_risk_component(p, q, es, fundable):
    low, high = sorted((p, q))
    a = RiskFigures(p_loss=low, expected_shortfall=es, basis="ranges")
    b = RiskFigures(p_loss=high, expected_shortfall=es, basis="ranges")
    assert risk_component(b, fundable) <= risk_component(a, fundable) + 1e-9


def test_weights_scale_to_one_and_zero_weights_are_equal():
    assert sum(Weights().normalised().values()) == pytest.approx(1.0)
    zero = Weights.model_validate(dict.fromkeys(COMPONENTS, 0))
    assert set(zero.normalised().values()) == {0.2}


def _scores(scenario, weights=None):
    return score_all(scenario, evaluate(scenario), weights or Weights(), fallback_risk(scenario))


def test_scores_are_weighted_sums_within_0_and_100():
    scores = _scores(default_scenario())
    assert set(scores) == {"ads", "content", "private_domain", TOTAL}
    for score in scores.values():
        total = sum(score.weights[c] * score.components[c] for c in COMPONENTS)
        assert score.score == pytest.approx(total)
        assert 0 <= score.score <= 100


def test_only_return_weight_gives_the_return_component():
    weights = Weights.model_validate({"return": 1, "speed": 0, "cash": 0, "risk": 0, "fit": 0})
    for score in _scores(default_scenario(), weights).values():
        assert score.score == pytest.approx(score.components["return"])


def test_fit_follows_the_profile():
    base = default_scenario()
    solo = with_values(base, {"business.team": "solo", "business.data_maturity": "basic"})
    team = with_values(base, {"business.team": "dedicated", "business.data_maturity": "advanced"})
    assert _scores(solo)["content"].components["fit"] < _scores(team)["content"].components["fit"]
    agri = with_values(base, {"business.category": "agri"})
    assert _scores(agri)["content"].components["fit"] > _scores(base)["content"].components["fit"]


def test_more_fundable_cash_raises_the_cash_component():
    base = default_scenario()
    rich = with_values(base, {"business.fundable_cash": 5_000_000})
    assert _scores(rich)[TOTAL].components["cash"] > _scores(base)[TOTAL].components["cash"]


def test_explanation_names_the_component_that_moved_the_score():
    weights = dict.fromkeys(COMPONENTS, 0.2)
    risk = RiskFigures(p_loss=0, expected_shortfall=0, basis="ranges")
    a = Score(
        key="x", score=50, components=dict.fromkeys(COMPONENTS, 50.0), weights=weights, risk=risk
    )
    b = a.model_copy(update={"components": {**a.components, "cash": 90.0}})
    name, pull = explain(b, a)[0]
    assert name == "cash"
    assert pull == pytest.approx(8.0)
    assert explain(b)[0] == ("cash", pytest.approx(8.0))
