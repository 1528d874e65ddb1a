"""No split on a fine grid beats the optimiser by more than 0.1 % of the objective.

Random scenarios (``tests/scenario_strategies.py``), budgets, objectives and constraints;
the grid's splits are judged with the engine's own metrics (payback month, peak cash need,
ROI and GMV ÷ spend as :mod:`core.model.finance` defines them), not with the optimiser's
rewriting of its constraints.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analysis.budget_problem import simplex_grid
from core.analysis.mix_requests import OBJECTIVES, Constraints, OptimizationRequest
from core.analysis.optimizer import optimize
from core.model.engine import evaluate_batch, lever_path
from core.model.finance import payback_months, peak_cash_need
from core.model.scenario import ScenarioBase
from tests.scenario_strategies import scenarios

GRID_STEPS = {1: 1, 2: 400, 3: 40}
"""Fine grid per number of strategies: 401 splits of two, 861 of three."""
TOLERANCE = 1e-3
LEVER_LIMIT = 100_000_000.0


@dataclass(frozen=True)
class Judged:
    objective: np.ndarray
    feasible: np.ndarray


def judge(scenario: ScenarioBase, amounts: np.ndarray, objective: str, c: Constraints) -> Judged:
    keys = scenario.enabled_keys()
    batch = evaluate_batch(scenario, {lever_path(k): amounts[:, j] for j, k in enumerate(keys)})
    t = batch.total
    profit = t.contribution.sum(axis=1) - t.setup_cost
    investment = t.totals["costs"] + t.setup_cost
    gmv, marketing = t.totals["gmv"], t.totals["marketing_spend"]
    with np.errstate(all="ignore"):
        values = {
            "npv": batch.npv(),
            "npv_horizon": t.contribution @ batch.discount - t.setup_cost,
            "contribution": t.contribution.sum(axis=1),
            "net_revenue": t.totals["net_revenue"],
            "gmv_roas": np.where(marketing > 0, gmv / np.where(marketing > 0, marketing, 1), 0),
        }
    ok = np.ones(len(amounts), dtype=bool)
    if c.max_payback_month is not None:
        payback, _ = payback_months(t.cumulative_cash)
        ok &= (payback > 0) & (payback <= c.max_payback_month)
    if c.max_peak_cash is not None:
        ok &= peak_cash_need(t.cumulative_cash) <= c.max_peak_cash
    if c.min_roi is not None:
        ok &= profit >= c.min_roi * investment
    if c.min_gmv_roas is not None:
        ok &= gmv >= c.min_gmv_roas * marketing
    return Judged(values[objective], ok)


@st.composite
def cases(draw: st.DrawFn) -> tuple[ScenarioBase, OptimizationRequest]:
    scenario = draw(scenarios(wide=False))
    keys = scenario.enabled_keys()
    current = sum(float(getattr(scenario.strategy(k), lever_path(k).split(".")[1])) for k in keys)
    # at most one lever's limit, so that every split on the grid is a valid scenario
    budget = min(draw(st.floats(0.1, 3.0)) * max(current, 20_000.0), LEVER_LIMIT)
    objective = draw(st.sampled_from(OBJECTIVES))
    here = evaluate_batch(scenario).total
    kind = draw(st.sampled_from(["none", "none", "payback", "peak", "roi", "gmv_roas"]))
    constraints = Constraints()
    if kind == "payback":
        constraints = Constraints(max_payback_month=draw(st.integers(1, scenario.horizon_months)))
    elif kind == "peak":
        peak = float(peak_cash_need(here.cumulative_cash)[0])
        constraints = Constraints(max_peak_cash=draw(st.floats(0.3, 1.5)) * peak)
    elif kind == "roi":
        constraints = Constraints(min_roi=draw(st.floats(-0.5, 0.5)))
    elif kind == "gmv_roas":
        constraints = Constraints(min_gmv_roas=draw(st.floats(0.5, 6.0)))
    return scenario, OptimizationRequest(objective, budget, constraints)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(case=cases())
def test_no_split_on_a_fine_grid_beats_the_optimum(case):
    scenario, request = case
    keys = scenario.enabled_keys()
    if not keys:
        return
    result = optimize(scenario, request)
    grid = request.total_budget * simplex_grid(len(keys), GRID_STEPS[len(keys)])
    judged = judge(scenario, grid, request.objective, request.constraints)
    found = judge(
        scenario,
        np.array([[result.allocation[k] for k in keys]]),
        request.objective,
        request.constraints,
    )
    assert found.objective[0] == pytest.approx(result.objective, rel=1e-12, abs=1e-9)
    assert bool(found.feasible[0]) == result.feasible
    if not result.feasible:
        assert not judged.feasible.any(), "a grid split meets the constraints the optimiser missed"
        return
    best_on_grid = judged.objective[judged.feasible].max(initial=-np.inf)
    slack = TOLERANCE * abs(result.objective) + (1e-9 if request.objective == "gmv_roas" else 1e-3)
    assert best_on_grid <= result.objective + slack, (best_on_grid, result.objective)
