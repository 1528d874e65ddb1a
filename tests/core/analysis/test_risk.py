"""Risk events, stress tests and quantified impact against hand calculations."""

import numpy as np
import pytest

from core.analysis.risk import (
    assess_risks,
    band,
    event_paths,
    hit_probability,
    mitigation_balance,
    mitigation_costs,
    stress_test,
)
from core.model.risks import SHIPPED_REGISTER, Risk, impact_score
from tests.conftest import ads_only

STOCKOUT = Risk(
    id="stockout",
    category="supply",
    strategies=("ads",),
    likelihood=3,
    residual_likelihood=2,
    mitigation_cost=12_000.0,
    mitigation_effect=0.5,
    shock="stockout",
)


def with_register(*risks, size="large"):
    """The ads-only scenario with ``risks``, for a large business by default: one-off
    losses then are the documents' amounts (¥1m stock-out, ¥5m fine)."""
    scenario = ads_only()
    business = scenario.business.model_copy(update={"size": size})
    return scenario.model_copy(update={"risks": tuple(risks), "business": business})


def test_probability_scale():
    # p = 25 % a year (likelihood 3): within three years 1 − 0.75³.
    assert hit_probability(3, 36) == pytest.approx(1 - 0.75**3)
    assert hit_probability(5, 12) == pytest.approx(0.80)


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected"),
    [(1, 4, "low"), (5, 1, "medium"), (3, 3, "medium"), (2, 5, "high"), (4, 4, "high"),
     (4, 5, "critical")],
)  # fmt: skip
def test_matrix_bands(likelihood, impact, expected):
    assert band(likelihood, impact) == expected


def test_impact_bands_grow_with_the_business():
    assert impact_score(49_999, "sme") == 1
    assert impact_score(600_000, "sme") == 4
    assert impact_score(600_000, "mid") == 2
    assert impact_score(-5.0, "sme") == 1


def test_events_hit_as_often_as_the_likelihood_says():
    scenario = with_register(STOCKOUT)
    paths = event_paths(scenario, "inherent", 40_000, np.random.default_rng(7))
    hit = (paths.losses["ads"] > 0).any(axis=1).mean()
    assert hit == pytest.approx(hit_probability(3, 36), abs=0.01)


def test_residual_events_are_rarer_smaller_and_pay_for_the_mitigation():
    scenario = with_register(STOCKOUT)
    paths = event_paths(scenario, "residual", 40_000, np.random.default_rng(7))
    fines = paths.losses["ads"][paths.losses["ads"] > 0]
    assert np.unique(fines) == pytest.approx([500_000.0])  # ¥1m × (1 − 0.5)
    assert fines.size / 40_000 == pytest.approx(hit_probability(2, 36), abs=0.01)
    assert paths.mitigation["ads"] == pytest.approx(np.full((1, 36), 1_000.0))
    assert mitigation_costs(scenario) == {"ads": 1_000.0}


def test_closed_risks_are_not_drawn():
    closed = STOCKOUT.model_copy(update={"status": "closed"})
    paths = event_paths(with_register(closed), "inherent", 100, np.random.default_rng(1))
    assert not paths.losses
    assert assess_risks(with_register(closed)) == []


def test_a_stress_test_reports_npv_payback_and_peak_cash():
    rows = stress_test(with_register(), [("fine", ("stockout",)), ("fees", ("commission_hike",))])
    fine, fees = rows
    assert fine.npv_change("ads") == pytest.approx(-1_000_000.0)
    assert fine.npv_change("total") == pytest.approx(-1_000_000.0)
    assert fine.base["ads"].payback_month == 1  # linear ads earn from month 1
    assert fine.shocked["ads"].payback_month is None
    assert fine.shocked["ads"].peak_cash_need == pytest.approx(1_000_000.0 - 1_250.0)
    assert fees.npv_change("ads") == pytest.approx(-0.10 * 22_500 * 36)


def test_a_strategy_with_nothing_to_do_has_no_payback_under_stress():
    """An enabled strategy with no budget, team or setup: nothing happens, so no payback
    (the rule of core.model.finance), in the stress test as in the evaluation."""
    idle = with_register().model_copy(
        update={"ads": ads_only().ads.model_copy(update={"monthly_budget": 0.0})}
    )
    (row,) = stress_test(idle, [("fees", ("commission_hike",))])
    assert row.base["ads"].payback_month is None
    assert row.shocked["ads"].payback_month is None


def test_the_loss_of_a_risk_is_its_npv_loss_given_it_happens():
    scenario = with_register(STOCKOUT)
    (assessed,) = assess_risks(scenario)
    # No discounting: ¥1m whatever the month, half of it after mitigation.
    assert assessed.loss == pytest.approx({"inherent": 1_000_000.0, "residual": 500_000.0})
    assert assessed.modelled == {"inherent": True, "residual": True}
    assert assessed.expected_loss("inherent") == pytest.approx(hit_probability(3, 36) * 1e6)


def test_the_impact_score_is_the_band_of_the_modelled_loss():
    breach = STOCKOUT.model_copy(update={"id": "data_breach", "shock": "data_breach"})
    (assessed,) = assess_risks(with_register(breach))
    # An ads-only plan has no members: the loss is the ¥5m fine, ¥2.5m after mitigation.
    # A large business's impact bands start at ¥5m (impact 2): ¥2.5m is minor (1).
    assert assessed.loss == pytest.approx({"inherent": 5_000_000.0, "residual": 2_500_000.0})
    assert assessed.impact["residual"] == 1
    assert assessed.impact == {b: impact_score(assessed.loss[b], "large") for b in assessed.loss}


@pytest.mark.parametrize(("size", "loss"), [("sme", 10_000.0), ("mid", 100_000.0),
                                            ("large", 1_000_000.0)])  # fmt: skip
def test_one_off_losses_scale_with_the_business(size, loss):
    # The documents' ¥1m stock-out is a large business's; a mid-size one bears a tenth of
    # it and a small one a hundredth, as the impact bands scale.
    (row,) = stress_test(with_register(size=size), [("stockout", ("stockout",))])
    assert row.npv_change("total") == pytest.approx(-loss)


def test_a_given_impact_score_wins_over_the_model():
    scenario = with_register(STOCKOUT.model_copy(update={"impact": 2, "residual_impact": 1}))
    (assessed,) = assess_risks(scenario)
    assert assessed.impact == {"inherent": 2, "residual": 1}
    assert assessed.modelled == {"inherent": False, "residual": False}
    assert assessed.loss["inherent"] == pytest.approx(1e6)


def test_the_shipped_register_is_assessed_on_the_default(default):
    assessed = {a.risk.id: a for a in assess_risks(default)}
    assert set(assessed) == {r.id for r in SHIPPED_REGISTER}
    for a in assessed.values():
        assert 1 <= a.impact["inherent"] <= 5
        assert (a.loss is None) == (a.risk.shock is None)
    # A small business's breach: a ¥5万 fine (the documents' ¥5m platform fine ÷ 100) and
    # a fifth of its members, more than the fine alone and a moderate loss (impact 2).
    breach = assessed["data_breach"]
    assert breach.loss["inherent"] > 50_000.0
    assert breach.impact["inherent"] == 2


def test_the_mitigation_balance_is_what_the_register_costs_and_saves(default):
    """After mitigation the default plan lost money more often (P(loss) 72 % → 79 %) with
    no word why: its mitigations cost more than the expected loss they remove."""
    assessed = assess_risks(default)
    balance = mitigation_balance(default, assessed)
    # 20k + 20k + 20k + 60k + 30k + 10k + 10k + 10k + 30k a year (the shipped register)
    assert balance.per_year == pytest.approx(210_000.0)
    monthly_rate = 1.10 ** (1 / 12) - 1.0
    annuity = sum((1.0 + monthly_rate) ** -t for t in range(1, 37))
    assert balance.cost == pytest.approx(210_000.0 / 12.0 * annuity)
    saved = sum(
        a.probability["inherent"] * a.loss["inherent"]
        - a.probability["residual"] * a.loss["residual"]
        for a in assessed
        if a.loss is not None
    )
    assert balance.saved == pytest.approx(saved)
    assert 0.0 < balance.saved < balance.cost
