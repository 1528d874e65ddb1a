"""The optimiser on hand-computed mixes, its constraints, and its requests."""

import math

import pytest

from core.analysis.mix_requests import (
    Constraints,
    FrontierRequest,
    OptimizationRequest,
    RequestError,
    TargetRequest,
    metric_value,
    widened,
)
from core.analysis.optimizer import optimize
from core.model.engine import evaluate
from tests.conftest import ads_only
from tests.core.analysis.mix_cases import CONTENT_MARGIN, ads_and_content

BUDGET = 10_000.0
# Ads that sell a lot but keep little: cpc ¥0.5 buys 0.1 orders per yuan (¥9 net revenue),
# and a 40 % platform fee leaves −¥0.10 of contribution per yuan (investment ¥4.60 per yuan:
# the spend plus ¥3.60 of fees). Content: ¥4.50 net revenue, +¥1.25 contribution, ¥1 of
# investment per yuan.
GREEDY_ADS = {"cpc": 0.5, "platform_fee_rate": 0.4}


def solve(scenario, objective="contribution", budget=BUDGET, **constraints):
    return optimize(scenario, OptimizationRequest(objective, budget, Constraints(**constraints)))


@pytest.mark.parametrize("objective", ["contribution", "npv", "npv_horizon", "net_revenue"])
def test_linear_mix_puts_everything_on_the_better_strategy(objective):
    result = solve(ads_and_content(), objective, budget=20_000.0)
    assert result.feasible
    assert result.allocation["ads"] == pytest.approx(0.0, abs=1e-6)
    assert result.allocation["content"] == pytest.approx(20_000.0)
    expected = 36 * (CONTENT_MARGIN if objective != "net_revenue" else 4.5) * 20_000
    assert result.objective == pytest.approx(expected, rel=1e-9)


def test_saturating_ads_get_the_amount_where_marginal_returns_meet():
    # Ads at cpc ¥0.5 buy L = 2B clicks at list price, C = K·L/(K + L) with K = 10,000, each
    # click worth 0.05 × ¥45 = ¥2.25: the marginal contribution 4.5·K²/(K + L)² − 1 equals
    # content's 1.25 at L = K(√2 − 1), i.e. B_ads = 5,000 (√2 − 1) = ¥2,071.07 a month.
    scenario = ads_and_content({"cpc": 0.5, "saturation_clicks": 10_000.0})
    result = solve(scenario, budget=20_000.0)
    ads = 5_000.0 * (math.sqrt(2.0) - 1.0)
    assert result.allocation["ads"] == pytest.approx(ads, rel=1e-4)
    assert result.allocation["content"] == pytest.approx(20_000.0 - ads, rel=1e-5)
    clicks = 10_000.0 * 2 * ads / (10_000.0 + 2 * ads)
    monthly = 2.25 * clicks - ads + CONTENT_MARGIN * (20_000.0 - ads)
    assert result.objective == pytest.approx(36 * monthly, rel=1e-9)


def test_roi_floor_limits_the_greedy_strategy():
    # ROI = (−0.1a + 1.25c) / (4.6a + c) ≥ 0.5 with a + c = B  ⟺  a ≤ 0.75B / 3.15
    scenario = ads_and_content(GREEDY_ADS)
    free = solve(scenario, "net_revenue")
    assert free.allocation["ads"] == pytest.approx(BUDGET)
    floored = solve(scenario, "net_revenue", min_roi=0.5)
    ads = 0.75 * BUDGET / 3.15
    assert floored.feasible
    assert floored.allocation["ads"] == pytest.approx(ads, rel=1e-6)
    assert floored.objective == pytest.approx(36 * (9 * ads + 4.5 * (BUDGET - ads)), rel=1e-6)
    assert evaluate(floored.scenario).total.metrics.roi >= 0.5


def test_payback_limit_with_a_setup_cost():
    # Content's ¥100,000 setup is back by month 12 when 12·(1.25c − 0.1a) ≥ 100,000
    # ⟺ a ≤ (12,500 − 8,333.33) / 1.35 = ¥3,086.42
    scenario = ads_and_content(GREEDY_ADS, setup_cost=100_000.0)
    result = solve(scenario, "net_revenue", max_payback_month=12)
    ads = (12_500.0 - 100_000.0 / 12) / 1.35
    assert result.allocation["ads"] == pytest.approx(ads, rel=1e-6)
    assert result.objective == pytest.approx(2_120_000.0, rel=1e-6)
    assert evaluate(result.scenario).total.metrics.payback_month == 12


def test_no_cash_need_at_all():
    # Peak cash need 0: monthly contribution 1.25c − 0.1a ≥ 0 ⟺ a ≤ 1.25B / 1.35
    scenario = ads_and_content(GREEDY_ADS)
    result = solve(scenario, "net_revenue", max_peak_cash=0.0)
    assert result.allocation["ads"] == pytest.approx(1.25 * BUDGET / 1.35, rel=1e-6)
    assert result.objective == pytest.approx(3_120_000.0, rel=1e-6)
    assert evaluate(result.scenario).total.metrics.peak_cash_need == 0.0


def test_impossible_constraints_are_named():
    # Content's setup cannot come back within a month at ¥10,000 a month.
    scenario = ads_and_content(GREEDY_ADS, setup_cost=100_000.0)
    result = solve(scenario, max_payback_month=1, min_roi=0.1)
    assert not result.feasible
    assert result.violated == ("payback",)
    assert result.allocation["content"] == pytest.approx(BUDGET)  # breaks it least


def test_bounds_and_switched_off_strategies(default):
    result = solve(
        default,
        "npv",
        budget=50_000.0,
        bounds={"ads": (20_000.0, 25_000.0)},
        switched_off=("private_domain",),
    )
    assert set(result.allocation) == {"ads", "content"}
    assert 20_000.0 <= result.allocation["ads"] <= 25_000.0
    assert sum(result.allocation.values()) == pytest.approx(50_000.0)
    assert result.scenario.enabled_keys() == ("ads", "content")


def test_npv_objective_is_what_evaluate_reports(default):
    result = solve(default, "npv", budget=80_000.0)
    assert evaluate(result.scenario).total.metrics.npv == pytest.approx(result.objective, rel=1e-12)
    current = evaluate(default).total.metrics.npv  # ¥63,000 split 30k / 30k / 3k
    assert solve(default, "npv", budget=63_000.0).objective >= current


def test_binding_floors_are_met_exactly(default):
    free = solve(default, "npv", budget=63_000.0)
    floored = solve(default, "npv", budget=63_000.0, min_gmv_roas=4.45)
    assert evaluate(free.scenario).total.metrics.gmv_roas < 4.45
    m = evaluate(floored.scenario).total.metrics
    assert m.gmv_roas == pytest.approx(4.45, rel=1e-7)
    assert m.gmv_roas >= 4.45
    assert floored.objective < free.objective


def test_one_strategy_and_a_zero_budget():
    assert solve(ads_only(), budget=20_000.0).objective == pytest.approx(90_000.0)
    zero = solve(ads_only(), budget=0.0)
    assert zero.allocation == {"ads": 0.0}
    assert zero.objective == 0.0


@pytest.mark.parametrize(
    ("make", "field", "problem"),
    [
        (lambda: OptimizationRequest("profit", 1.0), "objective", "unknown_objective"),
        (lambda: OptimizationRequest("npv", -1.0), "total_budget", "negative"),
        (lambda: OptimizationRequest("npv", math.nan), "total_budget", "not_finite"),
        (lambda: Constraints(bounds={"tv": (0.0, 1.0)}), "bounds.tv", "unknown_strategy"),
        (lambda: Constraints(bounds={"ads": (2.0, 1.0)}), "bounds.ads", "bounds_order"),
        (lambda: Constraints(bounds={"ads": (0.0, 1e9)}), "bounds.ads", "too_large"),
        (lambda: Constraints(switched_off=("tv",)), "switched_off", "unknown_strategy"),
        (
            lambda: Constraints(bounds={"ads": (0.0, 1.0)}, switched_off=("ads",)),
            "bounds.ads",
            "switched_off_bounds",
        ),
        (lambda: Constraints(max_payback_month=0), "max_payback_month", "negative"),
        (lambda: Constraints(max_payback_month=2.5), "max_payback_month", "not_integer"),
        (lambda: Constraints(max_peak_cash=-5.0), "max_peak_cash", "negative"),
        (lambda: Constraints(min_roi=-2.0), "min_roi", "negative"),
        (
            lambda: OptimizationRequest(
                "npv", 1_000.0, Constraints(bounds={"ads": (5_000.0, 9_000.0)})
            ),
            "total_budget",
            "budget_outside_bounds",
        ),
        (lambda: FrontierRequest("npv", 1e5, points=1), "points", "negative"),
        (lambda: TargetRequest("gmv_roas", -1.0, 1e5), "target", "negative"),
    ],
)
def test_requests_check_themselves(make, field, problem):
    with pytest.raises(RequestError) as caught:
        make()
    assert (caught.value.field, caught.value.problem) == (field, problem)


def test_a_budget_the_bounds_cannot_reach_and_no_strategy(default):
    capped = Constraints(
        bounds={"ads": (0.0, 1.0), "content": (0.0, 1.0), "private_domain": (0.0, 1.0)}
    )
    with pytest.raises(RequestError, match="budget_outside_bounds"):
        optimize(default, OptimizationRequest("npv", 10.0, capped))
    everything_off = Constraints(switched_off=("ads", "content", "private_domain"))
    with pytest.raises(RequestError, match="no_strategy"):
        optimize(default, OptimizationRequest("npv", 10.0, everything_off))


def test_widened_ranges_divide_minimums_and_multiply_maximums():
    asked = Constraints(
        bounds={"ads": (9_000.0, 12_000.0), "content": (0.0, 5e7)}, max_peak_cash=1e5
    )
    wide = widened(asked)
    assert wide.bounds == {"ads": (3_000.0, 36_000.0), "content": (0.0, 1e8)}  # ≤ the limit
    assert wide.max_peak_cash == 1e5
    assert widened(Constraints()) == Constraints()


def test_metric_value_reads_the_objective_off_the_metrics(default):
    result = solve(default, "net_revenue", budget=63_000.0)
    m = evaluate(result.scenario).total.metrics
    assert metric_value(m, "net_revenue") == pytest.approx(result.objective, rel=1e-12)
    assert metric_value(m, "npv") == m.npv
    assert metric_value(evaluate(ads_only(monthly_budget=0.0)).total.metrics, "gmv_roas") == 0.0
