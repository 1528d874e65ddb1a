"""Invariants of the engine, checked over generated inputs (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model.engine import evaluate, project_strategy
from core.model.finance import npv
from core.model.strategies.ads import effective_spend
from tests.conftest import make_scenario

money = st.floats(min_value=1.0, max_value=1e6, allow_nan=False)
rate = st.floats(min_value=0.001, max_value=1.0)
cpc = st.floats(min_value=0.05, max_value=50.0)
churn = st.floats(min_value=0.0, max_value=0.95)
horizon = st.integers(min_value=1, max_value=60)


@given(cpc=cpc, cvr=rate, aov=money, months=horizon)
def test_zero_budget_means_zero_revenue(cpc, cvr, aov, months):
    s = make_scenario(
        ads={"monthly_budget": 0.0, "cpc": cpc, "cvr": cvr, "aov": aov}, horizon_months=months
    )
    p = project_strategy(s, "ads")
    assert p.net_revenue.sum() == 0.0
    assert p.metrics.investment == 0.0


@given(low=cpc, factor=st.floats(min_value=1.0, max_value=10.0), budget=money, growth=rate)
def test_higher_cpc_never_raises_ads_roi(low, factor, budget, growth):
    def roi(value):
        s = make_scenario(ads={"cpc": value, "monthly_budget": budget, "cpc_growth_annual": growth})
        return project_strategy(s, "ads").metrics.roi

    assert roi(low * factor) <= roi(low) + 1e-12


@given(budget=money)
def test_saturation_converges_to_the_linear_case(budget):
    linear = effective_spend(budget, None)
    gaps = [abs(effective_spend(budget, budget * k) - linear) / linear for k in (10, 1e3, 1e6)]
    assert gaps[0] >= gaps[1] >= gaps[2]
    assert gaps[2] < 1e-6


@given(budget=money, saturation=money)
def test_saturation_never_buys_more_than_linear(budget, saturation):
    assert effective_spend(budget, saturation) <= budget * (1 + 1e-12)


@given(
    flows=st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60),
    setup=st.floats(min_value=0, max_value=1e6),
)
def test_npv_with_zero_discount_is_the_sum_of_cash_flows(flows, setup):
    contribution = np.array(flows)
    assert npv(contribution, setup, 0.0) == pytest.approx(contribution.sum() - setup, abs=1e-6)


@settings(max_examples=60)
@given(low=churn, delta=st.floats(min_value=0.0, max_value=0.5), months=horizon)
def test_more_churn_never_raises_private_domain_npv(low, delta, months):
    high = min(low + delta, 0.99)

    def pd_npv(value):
        s = make_scenario(private_domain={"monthly_churn": value}, horizon_months=months)
        return project_strategy(s, "private_domain").metrics.npv

    assert pd_npv(high) <= pd_npv(low) + 1e-6


@given(months=horizon, rate_=st.floats(min_value=0.0, max_value=1.0))
def test_total_cash_curve_ends_at_net_profit(months, rate_):
    result = evaluate(make_scenario(horizon_months=months, annual_discount_rate=rate_))
    total = result.total
    assert total.cumulative_cash[-1] == pytest.approx(total.metrics.net_profit)
    assert total.cumulative_cash.size == months + 1
