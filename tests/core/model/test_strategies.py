"""Hand-computed projections of each strategy."""

import numpy as np
import pytest

from core.model.engine import evaluate, project_strategy
from core.model.strategies.ads import cpc_path, effective_spend
from core.model.strategies.content import views_with_carryover
from core.model.strategies.private_domain import members_path
from tests.conftest import LINEAR_ADS, make_scenario

BUSINESS = {"gross_margin": 0.4, "return_rate": 0.1}


def test_ads_linear_case_by_hand():
    s = make_scenario(ads=LINEAR_ADS, business=BUSINESS, horizon_months=3)
    p = project_strategy(s, "ads")
    # clicks = 10 000 / 2 = 5 000; orders = 5 000 × 0.05 = 250; GMV = 250 × 100 = 25 000
    assert p.funnel["clicks"].tolist() == pytest.approx([5_000.0] * 3)
    assert p.funnel["impressions"][0] == pytest.approx(5_000 / 0.02)
    assert p.orders[0] == pytest.approx(250.0)
    assert p.gmv[0] == pytest.approx(25_000.0)
    # net revenue = 25 000 × 0.9 = 22 500; gross profit = 22 500 × 0.4 = 9 000
    assert p.net_revenue[0] == pytest.approx(22_500.0)
    assert p.gross_profit[0] == pytest.approx(9_000.0)
    # contribution = 9 000 − 10 000 = −1 000 a month; three months → −3 000
    assert p.contribution.tolist() == pytest.approx([-1_000.0] * 3)
    assert p.metrics.investment == pytest.approx(30_000.0)
    assert p.metrics.roi == pytest.approx(-3_000 / 30_000)
    assert p.metrics.roas == pytest.approx(67_500 / 30_000)
    assert p.metrics.payback_month is None


def test_cpc_grows_month_by_month():
    # CPC_t = 2 × 1.15^((t−1)/12): month 13 is exactly one year later
    path = cpc_path(2.0, 0.15, 13)
    assert path[0] == pytest.approx(2.0)
    assert path[12] == pytest.approx(2.3)
    assert path[6] == pytest.approx(2.0 * 1.15**0.5)


def test_saturation_by_hand():
    # S = B: effective spend = B × (1 − e^−1) ≈ 0.632 B
    assert effective_spend(10_000.0, 10_000.0) == pytest.approx(10_000 * (1 - np.exp(-1)))
    assert effective_spend(10_000.0, None) == 10_000.0


def test_agency_fee_is_a_share_of_spend():
    s = make_scenario(ads={**LINEAR_ADS, "agency_fee_rate": 0.1}, horizon_months=2)
    p = project_strategy(s, "ads")
    assert p.cost_lines["agency_fee"].tolist() == pytest.approx([1_000.0, 1_000.0])
    assert p.costs.tolist() == pytest.approx([11_000.0, 11_000.0])


CONTENT = {
    "monthly_production_cost": 20_000.0,
    "monthly_streamer_fee": 5_000.0,
    "commission_rate": 0.2,
    "monthly_views": 100_000.0,
    "views_growth_monthly": 0.0,
    "carryover": 0.0,
    "click_rate": 0.1,
    "cvr": 0.05,
    "aov": 200.0,
}


def test_content_without_carryover_reduces_to_views_x_click_x_cvr_x_aov():
    s = make_scenario(content=CONTENT, business=BUSINESS, horizon_months=4)
    p = project_strategy(s, "content")
    # GMV = 100 000 × 0.1 × 0.05 × 200 = 100 000 every month
    assert p.gmv.tolist() == pytest.approx([100_000.0] * 4)
    # costs = 20 000 + 5 000 + 0.2 × 100 000 = 45 000
    assert p.costs.tolist() == pytest.approx([45_000.0] * 4)
    # contribution = 100 000 × 0.9 × 0.4 − 45 000 = −9 000
    assert p.contribution.tolist() == pytest.approx([-9_000.0] * 4)


def test_content_carryover_by_hand():
    # V1 = 100; V2 = 110 + 0.5 × 100 = 160; V3 = 121 + 0.5 × 160 = 201
    views = views_with_carryover(100.0, 0.1, 0.5, 3)
    assert views.tolist() == pytest.approx([100.0, 160.0, 201.0])


def test_content_carryover_reaches_steady_state():
    views = views_with_carryover(1_000.0, 0.0, 0.75, 120)
    assert views[-1] == pytest.approx(1_000.0 / (1 - 0.75))


def test_members_recurrence_by_hand():
    # M0 = 1 000, churn 10 %, 200 new: M1 = 900 + 200 = 1 100; M2 = 990 + 200 = 1 190
    members = members_path(1_000.0, 200.0, 0.1, 3)
    assert members.tolist() == pytest.approx([1_100.0, 1_190.0, 1_271.0])


def test_private_domain_costs_and_setup():
    s = make_scenario(
        private_domain={
            "setup_cost": 50_000.0,
            "monthly_operating_cost": 10_000.0,
            "initial_members": 1_000.0,
            "monthly_new_members": 200.0,
            "cost_per_new_member": 5.0,
            "monthly_churn": 0.1,
            "orders_per_member_month": 0.5,
            "aov": 100.0,
        },
        business=BUSINESS,
        horizon_months=2,
    )
    p = project_strategy(s, "private_domain")
    # orders: 1 100 × 0.5 = 550, 1 190 × 0.5 = 595; GMV × 100
    assert p.gmv.tolist() == pytest.approx([55_000.0, 59_500.0])
    # costs: 10 000 + 200 × 5 = 11 000 a month; setup once
    assert p.costs.tolist() == pytest.approx([11_000.0, 11_000.0])
    assert p.setup_cost == 50_000.0
    # contribution: 55 000 × 0.36 − 11 000 = 8 800; 59 500 × 0.36 − 11 000 = 10 420
    assert p.contribution.tolist() == pytest.approx([8_800.0, 10_420.0])
    assert p.metrics.net_profit == pytest.approx(8_800 + 10_420 - 50_000)
    assert p.metrics.investment == pytest.approx(22_000 + 50_000)
    assert p.cumulative_cash.tolist() == pytest.approx([-50_000.0, -41_200.0, -30_780.0])


def test_total_is_the_sum_of_enabled_strategies(default):
    result = evaluate(default)
    parts = result.strategies.values()
    assert result.total.metrics.npv == pytest.approx(sum(p.metrics.npv for p in parts))
    assert result.total.metrics.investment == pytest.approx(
        sum(p.metrics.investment for p in parts)
    )
    assert sum(s.net_revenue for s in result.shares.values()) == pytest.approx(1.0)
    roi = result.total.metrics.net_profit / result.total.metrics.investment
    assert result.total.metrics.roi == pytest.approx(roi)


def test_disabled_strategies_are_left_out():
    s = make_scenario(ads={"enabled": False}, content={"enabled": False})
    result = evaluate(s)
    assert list(result.strategies) == ["private_domain"]
    assert result.total.metrics.npv == pytest.approx(
        result.strategies["private_domain"].metrics.npv
    )


def test_nothing_enabled_gives_an_empty_total():
    s = make_scenario(
        ads={"enabled": False}, content={"enabled": False}, private_domain={"enabled": False}
    )
    result = evaluate(s)
    assert result.strategies == {}
    assert result.total.metrics.investment == 0.0
    assert result.total.metrics.roi is None
