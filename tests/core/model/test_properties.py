"""Invariants of the economics over random scenarios (hypothesis)."""

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.model.engine import evaluate, evaluate_batch, lever_path
from core.model.finance import payback_months
from core.model.paths import with_values
from core.model.strategies import REGISTRY
from tests.scenario_strategies import scenarios

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.sampled_from([spec.key for spec in REGISTRY])


def _enabled(scenario, key):
    return with_values(scenario, {f"{key}.enabled": True})


@SETTINGS
@given(scenarios(wide=False), KEYS)
def test_more_money_never_buys_less_volume(scenario, key):
    scenario = _enabled(scenario, key)
    levels = np.linspace(0.0, 500_000.0, 11)
    batch = evaluate_batch(scenario, {lever_path(key): levels})
    volume = batch.strategies[key].totals["orders"]
    assert np.all(np.diff(volume) >= -1e-9 * np.maximum(1.0, volume[1:]))


@SETTINGS
@given(scenarios(wide=False), KEYS)
def test_marginal_return_never_rises_with_spend_when_the_response_is_concave(scenario, key):
    """Holds when what the money buys is worth something (a customer's value ≥ 0): then
    NPV = value × concave volume − spend is concave in spend."""
    scenario = with_values(_enabled(scenario, key), {"ads.response_shape": 1.0})
    levels = np.linspace(0.0, 400_000.0, 21)
    batch = evaluate_batch(scenario, {lever_path(key): levels})
    assume(float(np.nan_to_num(batch.strategies[key].ltv[0])) >= 0.0)
    npv = batch.npv()
    steps = np.diff(npv)
    assert np.all(np.diff(steps) <= 1e-7 * np.maximum(1.0, np.abs(npv).max()))


@SETTINGS
@given(scenarios(wide=False), st.floats(0.0, 300_000.0))
def test_without_the_flow_the_strategies_are_independent(scenario, budget):
    scenario = with_values(scenario, {"private_domain.public_to_private_flow": False})
    scenario = with_values(scenario, {f"{s.key}.enabled": True for s in REGISTRY})
    other = with_values(scenario, {"ads.monthly_budget": budget})
    a, b = evaluate_batch(scenario), evaluate_batch(other)
    for key in ("content", "private_domain"):
        np.testing.assert_allclose(a.strategies[key].contribution, b.strategies[key].contribution)
    assert a.flow_value()[0] == 0.0


@SETTINGS
@given(scenarios())
def test_terminal_value_switched_off_is_zero(scenario):
    result = evaluate(with_values(scenario, {"include_terminal_value": False}))
    for p in [*result.strategies.values(), result.total]:
        assert p.metrics.terminal_value == 0.0
        assert p.metrics.npv == p.metrics.npv_horizon


@SETTINGS
@given(scenarios())
def test_payback_semantics(scenario):
    result = evaluate(scenario)
    for p in [*result.strategies.values(), result.total]:
        cash = p.cumulative_cash
        month = p.metrics.payback_month
        if month is not None:
            assert np.all(cash[month:] >= 0.0)
            assert cash[month - 1] < 0.0 or (month == 1 and np.all(cash[1:] >= 0.0))
        else:
            # nothing to pay back: no spend, or negative costs (members who order less than
            # they would have anyway make the flow's order-driven costs negative)
            assert cash[-1] < 0.0 or p.metrics.investment <= 0.0


@SETTINGS
@given(scenarios())
def test_every_result_is_finite(scenario):
    result = evaluate(scenario)
    for p in [*result.strategies.values(), result.total]:
        for name, value in vars(p.metrics).items():
            assert value is None or np.isfinite(value), name
        assert np.all(np.isfinite(p.cumulative_cash))


@given(scenarios())
def test_gross_profit_less_operating_costs_is_net_profit(scenario):
    # The tables list gross profit, operating costs (all but the cost of goods) and net
    # profit one under the other: the arithmetic must hold for every strategy and the plan.
    result = evaluate(scenario)
    for p in [*result.strategies.values(), result.total]:
        m = p.metrics
        scale = max(1.0, abs(m.gross_profit), abs(m.investment))
        assert abs(m.gross_profit - m.investment - m.net_profit) <= 1e-9 * scale


def test_doing_nothing_pays_nothing_back(default):
    idle = with_values(default, {f"{s.key}.enabled": False for s in REGISTRY})
    total = evaluate(idle).total.metrics
    assert (total.payback_month, total.roi, total.gmv_roas) == (None, None, None)
    silent_ads = with_values(default, {"ads.monthly_budget": 0.0, "ads.monthly_team_cost": 0.0})
    ads = evaluate(silent_ads).strategies["ads"].metrics
    assert (ads.payback_month, ads.roi, ads.cac) == (None, None, None)


def test_payback_on_one_variant_matches_the_batch(default):
    batch = evaluate_batch(default, {"ads.cpc": [0.5, 1.0, 3.0]})
    cash = batch.total.cumulative_cash
    payback, _ = payback_months(cash)
    for i, cpc in enumerate([0.5, 1.0, 3.0]):
        single = evaluate(with_values(default, {"ads.cpc": cpc})).total.metrics.payback_month
        assert (single or 0) == int(payback[i])
