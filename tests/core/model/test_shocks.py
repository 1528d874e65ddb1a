"""Shocks on the engine: no shock changes nothing; each shock matches a hand calculation."""

import numpy as np
import pytest

from core.model.engine import evaluate_batch
from core.model.shocks import SHOCKS, ShockEvent, ShockPaths, shock_paths
from tests.conftest import LINEAR_ADS, PLAIN_BUSINESS, ads_only, make_scenario

H = 36
# Linear ads (tests/conftest.py): 5,000 clicks, 250 orders a month; contribution per order
# u = ¥100 × (1 − 10 %) × 50 % = ¥45, so ¥11,250 a month against a ¥10,000 budget.
ORDERS, U, NET_SALES = 250.0, 45.0, 22_500.0


def shocked(scenario, *events):
    paths = shock_paths(list(events), scenario.horizon_months, scenario.enabled_keys())
    return evaluate_batch(scenario, shocks=paths)


def event(shock, start, severity=1.0):
    return ShockEvent(SHOCKS[shock], start, severity)


def test_without_shocks_nothing_changes(default):
    plain = evaluate_batch(default)
    empty = evaluate_batch(default, shocks=ShockPaths())
    for key in (*plain.strategies, None):
        assert np.array_equal(plain.npv(key), empty.npv(key))
    assert np.array_equal(plain.total.cumulative_cash, empty.total.cumulative_cash)


def test_a_shock_that_never_starts_changes_nothing(default):
    base = evaluate_batch(default).npv()
    never = shocked(default, *(event(s, 0) for s in SHOCKS)).npv()
    assert never == pytest.approx(base, rel=1e-12)


@pytest.mark.parametrize("start", [1, 13, 36])
def test_a_stockout_costs_one_million_in_its_month(start):
    scenario = ads_only()
    loss = evaluate_batch(scenario).npv() - shocked(scenario, event("stockout", start)).npv()
    assert loss == pytest.approx([1_000_000.0])


def test_a_one_off_loss_is_discounted_to_its_month():
    scenario = ads_only().model_copy(update={"annual_discount_rate": 0.10})
    loss = evaluate_batch(scenario).npv() - shocked(scenario, event("stockout", 13)).npv()
    assert loss == pytest.approx([1_000_000.0 / 1.10 ** (13 / 12)])


def test_severity_scales_the_shock():
    scenario = ads_only()
    half = evaluate_batch(scenario).npv() - shocked(scenario, event("stockout", 1, 0.4)).npv()
    assert half == pytest.approx([400_000.0])


def test_a_commission_hike_takes_ten_points_of_net_sales_from_its_month():
    scenario = ads_only()
    loss = evaluate_batch(scenario).npv() - shocked(scenario, event("commission_hike", 13)).npv()
    assert loss == pytest.approx([0.10 * NET_SALES * 24])  # months 13..36


def test_dearer_media_buy_fewer_clicks_by_hand():
    scenario = ads_only()
    loss = evaluate_batch(scenario).npv() - shocked(scenario, event("cpc_surge", 25)).npv()
    months_in = np.arange(1, 13)  # months 25..36 are months 1..12 of the shock
    price = (1.40 / 1.15) ** (months_in / 12)  # ad share of sales 25 % → 35 %, less the plan's 15 %
    expected = (ORDERS * U * (1.0 - 1.0 / price)).sum()
    assert loss == pytest.approx([expected])


CONTENT_ONLY = {
    "streamer_model": "own",
    "monthly_budget": 10_000.0,
    "promotion_share": 0.0,
    "views_per_kyuan": 10_000.0,
    "view_ceiling": None,
    "audience_multiple": 1.0,
    "live_share": 1.0,
    "carryover": 0.0,
    "click_rate": 0.02,
    "cvr": 0.05,
    "aov": 100.0,
    "setup_cost": 0.0,
    "monthly_team_cost": 0.0,
    "monthly_streamer_pay": 0.0,
    "return_rate": 0.1,
    "platform_fee_rate": 0.0,
}
"""100,000 views → 2,000 clicks → 100 orders a month, ¥45 each."""


def content_only():
    return make_scenario(
        annual_discount_rate=0.0,
        include_terminal_value=False,
        business=PLAIN_BUSINESS,
        ads={"enabled": False},
        content=CONTENT_ONLY,
        private_domain={"enabled": False},
    )


def test_an_algorithm_shock_takes_forty_percent_of_three_months():
    scenario = content_only()
    base = evaluate_batch(scenario).npv()
    loss = base - shocked(scenario, event("content_traffic_drop", 5)).npv()
    assert loss == pytest.approx([0.4 * 100 * 45 * 3])
    late = base - shocked(scenario, event("content_traffic_drop", 36)).npv()
    assert late == pytest.approx([0.4 * 100 * 45 * 1])  # only month 36 is in the horizon


def test_affiliate_income_falls_thirty_percent_to_the_end():
    scenario = content_only()
    loss = (
        evaluate_batch(scenario).npv() - shocked(scenario, event("affiliate_income_cut", 7)).npv()
    )
    assert loss == pytest.approx([0.3 * 100 * 45 * 30])


def test_a_data_breach_fines_and_takes_a_fifth_of_the_members():
    m0, churn, rate, share = 10_000.0, 0.05, 0.1, 0.2
    scenario = make_scenario(
        annual_discount_rate=0.0,
        include_terminal_value=False,
        business=PLAIN_BUSINESS,
        ads={"enabled": False},
        content={"enabled": False},
        private_domain={
            "public_to_private_flow": False,
            "initial_members": m0,
            "monthly_churn": churn,
            "orders_per_member_month": rate,
            "incremental_share": share,
            "monthly_acquisition_budget": 0.0,
            "cost_per_member_month": 0.0,
            "aov": 100.0,
            "return_rate": 0.1,
            "platform_fee_rate": 0.0,
        },
    )
    start = 10
    loss = evaluate_batch(scenario).npv() - shocked(scenario, event("data_breach", start)).npv()
    # Members at the start of month t are M0 (1 − c)^(t−1); from month s + 1 a fifth fewer.
    months = np.arange(start + 1, H + 1)
    lost_orders = 0.2 * share * rate * m0 * (1 - churn) ** (months - 1)
    assert loss == pytest.approx([5_000_000.0 + (lost_orders * U).sum()])


def test_shocks_on_strategies_that_are_off_do_nothing_but_losses_still_land():
    scenario = ads_only()
    base = evaluate_batch(scenario).npv()
    assert shocked(scenario, event("content_traffic_drop", 1)).npv() == pytest.approx(base)
    # The breach's fine falls on ads when the private domain is off.
    paths = shock_paths([event("data_breach", 1)], H, scenario.enabled_keys())
    assert set(paths.losses) == {"ads"}
    assert paths.member_keep is None


def test_each_variant_has_its_own_shock():
    scenario = ads_only()
    paths = shock_paths([event("stockout", [0, 1, 5], [1.0, 1.0, 0.5])], H, ("ads",))
    loss = evaluate_batch(scenario).npv()[0] - evaluate_batch(scenario, shocks=paths).npv()
    assert loss == pytest.approx([0.0, 1_000_000.0, 500_000.0])


def test_strategy_npvs_still_add_up_to_the_plan(default):
    result = shocked(default, *(event(s, 6) for s in SHOCKS))
    parts = sum(result.npv(key) for key in result.strategies)
    assert parts == pytest.approx(result.npv())


def test_a_fee_rise_in_force_at_the_end_also_lowers_the_value_beyond_it():
    """Repeat customers left at month H keep paying the shock's fee: their terminal value
    is valued at u − 10 % × net sales per order = 45 − 0.10 × 90 = ¥36, i.e. × 0.8."""
    business = {**PLAIN_BUSINESS, "repeat_orders_per_customer_month": 0.1}
    scenario = make_scenario(
        annual_discount_rate=0.0,
        business={**business, "customer_retention_monthly": 0.5},
        ads=LINEAR_ADS,
        content={"enabled": False},
        private_domain={"enabled": False},
    )
    base = evaluate_batch(scenario).strategies["ads"].terminal_value
    hiked = shocked(scenario, event("commission_hike", 13)).strategies["ads"].terminal_value
    assert base[0] > 0
    assert hiked == pytest.approx(base * (45.0 - 0.10 * 90.0) / 45.0)
    # a shock that never starts leaves the value beyond H alone
    assert shocked(scenario, event("commission_hike", 0)).strategies["ads"].terminal_value == (
        pytest.approx(base)
    )
