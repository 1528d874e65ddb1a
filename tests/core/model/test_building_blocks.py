"""Response curves, the recurrence and per-order economics (hand-computed)."""

import numpy as np
import pytest

from core.model.drivers import DriverBatch
from core.model.economics import OrderStream, UnitEconomics, stream_pnl
from core.model.recurrence import decaying_stock, stock_path
from core.model.response import reach_ramp, saturate


def test_saturation_halves_at_the_ceiling_and_is_linear_without_one():
    assert saturate(100.0, 100.0) == pytest.approx(50.0)  # K·x/(K + x) = 100·100/200
    assert saturate(10.0, 1e9) == pytest.approx(10.0, rel=1e-7)  # far below K: list price
    assert saturate(300.0, np.inf) == 300.0  # no ceiling: no diminishing returns
    # S-shaped (s = 2): K·x²/(K² + x²) = 100·2,500/12,500 = 20 at x = 50
    assert saturate(50.0, 100.0, 2.0) == pytest.approx(20.0)


def test_reach_ramp_starts_at_today_and_levels_off():
    ramp = reach_ramp(3.0, 2.0, 4)
    # R_t = 3 − 2·exp(−(t − 1)/2)
    np.testing.assert_allclose(
        ramp, [1.0, 3 - 2 * np.exp(-0.5), 3 - 2 * np.exp(-1.0), 3 - 2 * np.exp(-1.5)]
    )
    assert reach_ramp(1.0, 5.0, 3).tolist() == [1.0, 1.0, 1.0]


def test_decaying_stock_by_hand():
    # x_t = 0.5·x_{t−1} + u_t, x_0 = 8: 4 + 1 = 5, 2.5 + 1 = 3.5, 1.75 + 2 = 3.75
    np.testing.assert_allclose(decaying_stock([1.0, 1.0, 2.0], 0.5, 8.0), [5.0, 3.5, 3.75])
    np.testing.assert_allclose(decaying_stock([1.0, 1.0, 2.0], 0.5, 8.0, lag=1), [8.0, 5.0, 3.5])
    start, end = stock_path(np.array([[1.0, 1.0, 2.0]]), 0.5, 8.0)
    np.testing.assert_allclose(start, [[8.0, 5.0, 3.5]])
    np.testing.assert_allclose(end, [[3.75]])


def test_decaying_stock_is_the_same_per_variant_and_in_a_batch():
    rng = np.random.default_rng(3)
    inflow = rng.random((100, 12))
    factor = rng.uniform(0.1, 0.9, (100, 1))
    batch = decaying_stock(inflow, factor, 2.0)
    for i in (0, 50, 99):
        np.testing.assert_allclose(batch[i], decaying_stock(inflow[i], float(factor[i, 0]), 2.0))


def test_one_orders_pnl_by_hand():
    business = DriverBatch(
        {
            "gross_margin": 0.5,
            "fulfilment_cost_per_order": 8.0,
            "payment_fee_rate": 0.01,
            "cost_per_return": 10.0,
        },
        {},
    )
    economics = UnitEconomics(
        np.full((1, 1), 200.0), np.full((1, 1), 0.3), np.full((1, 1), 0.05), np.full((1, 1), 0.2)
    )
    # net sales 200 × 0.7 = 140; margin 70; fees (0.05 + 0.01 + 0.2) × 140 = 36.4;
    # fulfilment 8; returns 0.3 × 10 = 3 → u = 70 − 36.4 − 8 − 3 = 22.6
    assert economics.contribution_per_order(business).item() == pytest.approx(22.6)
    pnl = stream_pnl(OrderStream(np.array([[10.0, 20.0]]), economics), business)
    np.testing.assert_allclose(pnl.gmv, [[2_000.0, 4_000.0]])
    np.testing.assert_allclose(pnl.net_revenue, [[1_400.0, 2_800.0]])
    np.testing.assert_allclose(pnl.per_order_costs["commission"], [[280.0, 560.0]])
    np.testing.assert_allclose(pnl.per_order_costs["returns"], [[30.0, 60.0]])
    costs = sum(pnl.per_order_costs.values())
    np.testing.assert_allclose(pnl.gross_profit - costs, [[226.0, 452.0]])
