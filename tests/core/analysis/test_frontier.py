"""Efficient frontier and target seeking on the default scenario and hand-computed mixes."""

import itertools

import pytest

from core.analysis.frontier import efficient_frontier, seek_target
from core.analysis.mix_requests import (
    Constraints,
    FrontierRequest,
    OptimizationRequest,
    TargetRequest,
)
from core.analysis.optimizer import optimize
from core.model.engine import evaluate
from tests.core.analysis.mix_cases import ads_and_content

MAX_BUDGET = 300_000.0


@pytest.fixture(scope="module")
def npv_frontier():
    from core.model.scenario import default_scenario

    return efficient_frontier(default_scenario(), FrontierRequest("npv", MAX_BUDGET))


def test_frontier_points_are_the_optimiser_s_best(default, npv_frontier):
    points = npv_frontier.points
    assert len(points) == 50
    assert points[0].budget == 0.0
    assert points[-1].budget == MAX_BUDGET
    for point in points[5::11]:
        best = optimize(default, OptimizationRequest("npv", point.budget)).objective
        assert point.objective == pytest.approx(best, rel=1e-3)
        assert sum(point.allocation.values()) == pytest.approx(point.budget)
    top = npv_frontier.best()
    assert top is not None
    assert 0.0 < top.budget < MAX_BUDGET  # more money stops paying: saturation


def test_more_money_never_buys_less_net_revenue(default):
    frontier = efficient_frontier(default, FrontierRequest("net_revenue", MAX_BUDGET, points=20))
    values = [p.objective for p in frontier.points]
    assert all(b >= a * (1 - 1e-3) for a, b in itertools.pairwise(values))


def test_linear_frontier_is_a_straight_line():
    frontier = efficient_frontier(
        ads_and_content(), FrontierRequest("contribution", 50_000.0, points=6)
    )
    for point in frontier.points:
        assert point.objective == pytest.approx(36 * 1.25 * point.budget, rel=1e-9, abs=1e-6)


def test_frontier_starts_at_the_lower_bounds_and_reports_progress(default):
    seen = []
    frontier = efficient_frontier(
        default,
        FrontierRequest(
            "npv",
            100_000.0,
            points=5,
            constraints=Constraints(bounds={"ads": (20_000.0, 60_000.0)}),
        ),
        progress=seen.append,
    )
    assert frontier.points[0].budget == 20_000.0
    assert all(p.allocation["ads"] >= 20_000.0 for p in frontier.points)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


@pytest.mark.parametrize(
    ("metric", "budget"), [("npv", 60_000.0), ("net_revenue", 150_000.0), ("gmv_roas", 120_000.0)]
)
def test_target_round_trip_within_a_tenth_of_a_percent(default, metric, budget):
    target = optimize(default, OptimizationRequest(metric, budget)).objective
    found = seek_target(default, TargetRequest(metric, target, MAX_BUDGET))
    assert found.reached
    reached = getattr(evaluate(found.result.scenario).total.metrics, metric)
    assert reached == pytest.approx(target, rel=1e-3)
    if metric == "gmv_roas":  # the most that still keeps the multiple
        assert found.result.budget == pytest.approx(budget, rel=1e-2)
    else:  # the least that reaches the value
        assert found.result.budget <= budget * (1 + 1e-3)


def test_smallest_budget_for_a_linear_mix():
    # ¥1.25 of contribution a month per yuan of content: ¥900,000 over 36 months needs ¥20,000
    found = seek_target(ads_and_content(), TargetRequest("contribution", 900_000.0, 100_000.0))
    assert found.reached
    assert found.result.budget == pytest.approx(20_000.0, rel=1e-4)
    assert found.result.allocation["content"] == pytest.approx(found.result.budget)


def test_unreachable_target_gives_the_closest_value(default, npv_frontier):
    found = seek_target(default, TargetRequest("npv", 1e9, MAX_BUDGET))
    assert not found.reached
    top = npv_frontier.best()
    assert found.result.objective >= top.objective * (1 - 1e-3)
    assert found.result.objective < 1e9
    saturated = seek_target(default, TargetRequest("net_revenue", 1e10, MAX_BUDGET))
    assert not saturated.reached
    assert saturated.result.budget == pytest.approx(MAX_BUDGET)  # revenue still grows, slowly


def test_a_target_met_with_no_money_at_all():
    found = seek_target(ads_and_content(), TargetRequest("npv", -5.0, 10_000.0))
    assert found.reached
    assert found.result.budget == 0.0
