"""Each strategy's mechanisms, computed by hand (arithmetic written in the tests)."""

import numpy as np
import pytest

from core.model.engine import evaluate, evaluate_batch
from core.model.paths import with_values
from tests.conftest import PLAIN_BUSINESS, ads_only, make_scenario

H = 3


def test_linear_ads_by_hand():
    s = ads_only().model_copy(update={"horizon_months": H})
    p = evaluate(s).strategies["ads"]
    # 10,000 / ¥2 = 5,000 clicks; × 5 % = 250 orders; × ¥100 = ¥25,000 GMV a month
    np.testing.assert_allclose(p.funnel["clicks"], [5_000.0] * H)
    np.testing.assert_allclose(p.orders, [250.0] * H)
    np.testing.assert_allclose(p.gmv, [25_000.0] * H)
    # net sales 25,000 × 0.9 = 22,500; margin 50 % = 11,250; minus ad spend 10,000
    np.testing.assert_allclose(p.contribution, [1_250.0] * H)
    m = p.metrics
    assert m.net_profit == pytest.approx(3 * 1_250.0)
    assert m.roi == pytest.approx(3_750.0 / 30_000.0)
    assert m.gmv_roas == pytest.approx(2.5)  # GMV 25,000 per ¥10,000 of ad spend
    assert m.payback_month == 1
    assert m.peak_cash_need == 0.0
    assert m.new_customers == pytest.approx(750.0)
    assert m.cac == pytest.approx(40.0)  # 30,000 / 750
    assert m.ltv == pytest.approx(45.0)  # one order: 100 × 0.9 × 0.5, no repeat buying
    # +¥1,000 a month: +500 clicks, +25 orders, +¥1,125 margin − ¥1,000 = +¥125 a month
    assert m.marginal_roi == pytest.approx(0.125)


def test_buying_per_mille_prices_clicks_through_ctr():
    # CPM ¥40 at 2 % CTR: ¥40 / (1,000 × 0.02) = ¥2 a click — the same as CPC ¥2
    cpc = evaluate(ads_only().model_copy(update={"horizon_months": H}))
    cpm = evaluate(
        ads_only(buying_model="cpm", cpm=40.0, cpc=9.0).model_copy(update={"horizon_months": H})
    )
    np.testing.assert_allclose(cpm.strategies["ads"].orders, cpc.strategies["ads"].orders)
    higher_ctr = ads_only(buying_model="cpm", cpm=40.0, ctr=0.04).model_copy(
        update={"horizon_months": H}
    )
    np.testing.assert_allclose(
        evaluate(higher_ctr).strategies["ads"].funnel["clicks"], [10_000.0] * H
    )


def test_media_price_growth_and_saturation_and_carryover():
    grown = ads_only(cpc_growth_annual=0.2).model_copy(update={"horizon_months": 13})
    clicks = evaluate(grown).strategies["ads"].funnel["clicks"]
    assert clicks[12] == pytest.approx(10_000 / 2.4)  # month 13: CPC 2 × 1.2
    saturated = ads_only(saturation_clicks=5_000.0).model_copy(update={"horizon_months": H})
    # K·L/(K + L) = 5,000 × 5,000 / 10,000 = 2,500 clicks
    np.testing.assert_allclose(
        evaluate(saturated).strategies["ads"].funnel["clicks"], [2_500.0] * H
    )
    carried = ads_only(carryover=0.5).model_copy(update={"horizon_months": H})
    # E_t = 5,000 + 0.5 × E_{t−1}: 5,000, 7,500, 8,750
    np.testing.assert_allclose(
        evaluate(carried).strategies["ads"].funnel["clicks"], [5_000.0, 7_500.0, 8_750.0]
    )


def test_repeat_buying_of_the_customers_ads_win():
    s = with_values(
        ads_only(),
        {
            "horizon_months": H,
            "include_terminal_value": True,
            "business.repeat_orders_per_customer_month": 0.1,
            "business.customer_retention_monthly": 0.5,
        },
    )
    p = evaluate(s).strategies["ads"]
    # A_t = 0.5 A_{t−1} + 250: 250, 375, 437.5; repeat R_t = 0.1 × 0.5 × A_{t−1}: 0, 12.5, 18.75
    np.testing.assert_allclose(p.orders, [250.0, 262.5, 268.75])
    # value beyond month 3 (no discounting): A_H·f·u·q/(1 − q) = 437.5 × 0.1 × 45 × 1
    assert p.metrics.terminal_value == pytest.approx(437.5 * 4.5)
    assert p.metrics.npv == pytest.approx(p.metrics.npv_horizon + 437.5 * 4.5)
    # LTV = u + f·u·q/(1 − q) = 45 + 0.1 × 45 × 1 = 49.5
    assert p.metrics.ltv == pytest.approx(49.5)


CONTENT = {
    "enabled": True,
    "streamer_model": "own",
    "monthly_budget": 10_000.0,
    "promotion_share": 0.5,
    "views_per_kyuan": 20_000.0,
    "promotion_cpm": 10.0,
    "view_ceiling": None,
    "audience_multiple": 1.0,
    "ramp_months": 6.0,
    "live_share": 1.0,
    "carryover": 0.0,
    "click_rate": 0.1,
    "cvr": 0.1,
    "aov": 100.0,
    "setup_cost": 0.0,
    "monthly_team_cost": 500.0,
    "monthly_streamer_pay": 1_000.0,
    "commission_rate": 0.2,
    "monthly_slot_fee": 2_000.0,
    "return_rate": 0.0,
    "platform_fee_rate": 0.0,
}


def content_only(**overrides):
    return make_scenario(
        horizon_months=H,
        annual_discount_rate=0.0,
        include_terminal_value=False,
        business=PLAIN_BUSINESS,
        ads={"enabled": False},
        content={**CONTENT, **overrides},
        private_domain={"enabled": False},
    )


def test_content_by_hand_with_own_streamers():
    p = evaluate(content_only()).strategies["content"]
    # production ¥5,000 × 20 views per yuan = 100,000; promotion ¥5,000 / ¥10 per mille
    # = 500,000 views: 600,000 views → 60,000 clicks → 6,000 orders → ¥600,000 GMV
    np.testing.assert_allclose(p.funnel["views"], [600_000.0] * H)
    np.testing.assert_allclose(p.orders, [6_000.0] * H)
    # margin 300,000 − budget 10,000 − streamer pay 1,000 − team 500
    np.testing.assert_allclose(p.contribution, [288_500.0] * H)
    assert "slot_fee" not in p.cost_lines
    assert p.cost_lines["commission"].sum() == 0.0


def test_affiliates_take_commission_on_net_sales_and_a_slot_fee():
    p = evaluate(content_only(streamer_model="affiliate", return_rate=0.5)).strategies["content"]
    # GMV 600,000, net 300,000: commission 20 % × 300,000 = 60,000 (none on refunds)
    np.testing.assert_allclose(p.cost_lines["commission"], [60_000.0] * H)
    np.testing.assert_allclose(p.cost_lines["slot_fee"], [2_000.0] * H)
    # margin 150,000 − 60,000 − 10,000 − 2,000 − 500
    np.testing.assert_allclose(p.contribution, [77_500.0] * H)


def test_short_video_carries_over_and_live_does_not():
    short = evaluate(content_only(live_share=0.0, carryover=0.5)).strategies["content"]
    np.testing.assert_allclose(short.funnel["views"], [600_000.0, 900_000.0, 1_050_000.0])
    live = evaluate(content_only(live_share=1.0, carryover=0.5)).strategies["content"]
    np.testing.assert_allclose(live.funnel["views"], [600_000.0] * H)


def test_the_audience_ramps_up_and_levels_off():
    p = evaluate(content_only(audience_multiple=2.0, ramp_months=1.0)).strategies["content"]
    # organic 100,000 × (2 − e^{−(t−1)}) plus 500,000 promoted
    expected = [100_000.0 * (2 - np.exp(-t)) + 500_000.0 for t in range(H)]
    np.testing.assert_allclose(p.funnel["views"], expected)


PRIVATE = {
    "enabled": True,
    "public_to_private_flow": False,
    "setup_cost": 5_000.0,
    "monthly_fixed_cost": 2_000.0,
    "cost_per_member_month": 1.0,
    "initial_members": 1_000.0,
    "opt_in_rate": 0.2,
    "monthly_acquisition_budget": 0.0,
    "cost_per_new_member": 6.0,
    "acquisition_ceiling": None,
    "monthly_churn": 0.1,
    "orders_per_member_month": 0.2,
    "aov": 100.0,
    "incremental_share": 0.5,
    "return_rate": 0.0,
    "platform_fee_rate": 0.0,
}


def private_only(business=PLAIN_BUSINESS, ads=None, **overrides):
    return make_scenario(
        horizon_months=H,
        annual_discount_rate=0.0,
        include_terminal_value=False,
        business=business,
        ads=ads or {"enabled": False},
        content={"enabled": False},
        private_domain={**PRIVATE, **overrides},
    )


def test_existing_members_are_credited_with_their_incremental_share():
    p = evaluate(private_only()).strategies["private_domain"]
    # members at the start of months 1..3: 1,000, 900, 810; credited 50 % × 0.2 orders
    np.testing.assert_allclose(p.orders, [100.0, 90.0, 81.0])
    # margin ¥50 an order − ¥1 per member − ¥2,000 fixed
    np.testing.assert_allclose(p.contribution, [2_000.0, 1_600.0, 1_240.0])
    np.testing.assert_allclose(p.cumulative_cash, [-5_000.0, -3_000.0, -1_400.0, -160.0])
    assert p.metrics.payback_month is None
    assert p.metrics.peak_cash_need == 5_000.0


def test_paid_members_buy_from_the_month_after_they_join():
    p = evaluate(private_only(monthly_acquisition_budget=600.0, initial_members=0.0))
    orders = p.strategies["private_domain"].orders
    # ¥600 / ¥6 = 100 members a month; at the start of months 1..3: 0, 100, 190
    np.testing.assert_allclose(orders, [0.0, 20.0, 38.0])


def test_the_flow_credits_only_what_joiners_add_over_their_baseline():
    business = PLAIN_BUSINESS | {
        "repeat_orders_per_customer_month": 0.1,
        "customer_retention_monthly": 0.5,
    }
    ads = {
        "enabled": True,
        "buying_model": "cpc",
        "monthly_budget": 10_000.0,
        "cpc": 2.0,
        "cvr": 0.05,
        "aov": 100.0,
        "cpc_growth_annual": 0.0,
        "saturation_clicks": None,
        "return_rate": 0.1,
        "platform_fee_rate": 0.0,
        "monthly_team_cost": 0.0,
    }
    on = evaluate(private_only(business, ads, initial_members=0.0, public_to_private_flow=True))
    off = evaluate(private_only(business, ads, initial_members=0.0))
    # 250 new ads customers a month, 20 % join: 50; flow members at the start: 0, 50, 95
    # member orders 0.2 × those: 0, 10, 19; their baseline as ordinary customers
    # f·q·A^j_{t−1} = 0.05 × (0, 50, 75) = 0, 2.5, 3.75 stays with ads
    np.testing.assert_allclose(on.strategies["private_domain"].orders, [0.0, 7.5, 15.25])
    np.testing.assert_allclose(off.strategies["private_domain"].orders, [0.0, 0.0, 0.0])
    # switching the flow leaves ads exactly as it was
    np.testing.assert_allclose(on.strategies["ads"].orders, off.strategies["ads"].orders)
    # flow value (no discounting) = ¥50 × (7.5 + 15.25) − ¥1 × (50 + 95) member-months
    assert on.flow_value == pytest.approx(50 * 22.75 - 145.0)
    assert off.flow_value == 0.0


def test_batch_variants_match_single_evaluations():
    base = make_scenario()
    values = np.array([0.5, 1.0, 1.7])
    batch = evaluate_batch(base, {"ads.cpc": values})
    for i, value in enumerate(values):
        single = evaluate_batch(
            base.model_copy(update={"ads": base.ads.model_copy(update={"cpc": value})})
        )
        assert batch.npv()[i] == pytest.approx(single.npv()[0], rel=1e-12)
        assert batch.npv("ads")[i] == pytest.approx(single.npv("ads")[0], rel=1e-12)
