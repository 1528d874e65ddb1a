"""Efficient frontier and target seeking, on top of the optimiser.

**Frontier**: the best value of an objective at each of P monthly budgets (yuan per month)
evenly spaced from the smallest budget the bounds allow to ``max_budget``, every budget
split at its best under the same constraints. All budgets are solved together
(:func:`core.analysis.optimizer.solve_many`): one engine batch holds every budget's grid
(steps of 1/12), then SLSQP runs from the best two grid points of each budget, all
searches in lockstep.

**Target seeking**: which monthly budget, split at its best, makes a metric reach a target.

* Money metrics (``npv``, ``npv_horizon``, ``contribution``, ``net_revenue``): the smallest
  budget whose best split reaches Y; more is not needed.
* ``gmv_roas``: GMV ÷ marketing spend falls as spend saturates the audience, so the answer
  is the largest budget whose best split still reaches Z.

A frontier of :data:`TARGET_SCAN` points brackets the crossing, then
:func:`scipy.optimize.brentq` over the budget solves best(B) = target, each best(B) an
optimisation warm-started from the splits at both ends of the bracket. When no budget
reaches the target (saturation caps revenue, fixed costs cap NPV) the result says so and
gives the closest reachable value: the frontier's highest point, refined by a bounded
scalar search between its neighbours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.analysis.budget_problem import Point, Problem
from core.analysis.mix_requests import FrontierRequest, TargetRequest
from core.analysis.optimizer import OptimizationResult, Progress, result_of, solve_many
from core.model.scenario import ScenarioBase

FRONTIER_GRID_STEPS = 12
FRONTIER_STARTS = 2
TARGET_SCAN = 16
"""Frontier points that bracket a target before the root search."""
TARGET_RELATIVE_TOLERANCE = 1e-5
"""brentq stops when the budget is known to this share of ``max_budget``."""
RATIO_METRICS = frozenset({"gmv_roas"})


@dataclass(frozen=True)
class FrontierPoint:
    """The best split of one budget: budget and allocation in yuan per month, objective in
    yuan (a multiple for ``gmv_roas``); ``feasible`` false when no split met the
    constraints (the point then shows the split that breaks them least)."""

    budget: float
    objective: float
    feasible: bool
    allocation: Mapping[str, float]


@dataclass(frozen=True)
class Frontier:
    """The frontier's points, smallest budget first."""

    request: FrontierRequest
    points: tuple[FrontierPoint, ...]

    def best(self) -> FrontierPoint | None:
        """The feasible point with the highest objective (``None`` when none is feasible)."""
        feasible = [p for p in self.points if p.feasible]
        return max(feasible, key=lambda p: p.objective) if feasible else None


def _budgets(problem: Problem, max_budget: float, count: int) -> list[float]:
    low, high = problem.budget_range
    return [float(b) for b in np.linspace(low, min(max_budget, high), count)]


def _frontier_points(
    problem: Problem, budgets: list[float], progress: Progress | None
) -> list[Point]:
    return solve_many(
        problem,
        budgets,
        grid_steps=FRONTIER_GRID_STEPS,
        starts=FRONTIER_STARTS,
        progress=progress,
    )


def efficient_frontier(
    scenario: ScenarioBase, request: FrontierRequest, progress: Progress | None = None
) -> Frontier:
    """The best ``request.objective`` at each budget (module docstring)."""
    problem = Problem.build(scenario, request.objective, request.constraints)
    budgets = _budgets(problem, request.max_budget, request.points)
    found = _frontier_points(problem, budgets, progress)
    return Frontier(
        request,
        tuple(
            FrontierPoint(
                budget,
                p.objective,
                p.feasible,
                {k: float(p.amounts[j]) for j, k in enumerate(problem.keys)},
            )
            for budget, p in zip(budgets, found, strict=True)
        ),
    )


@dataclass(frozen=True)
class TargetResult:
    """The answer to a target request.

    ``reached``: a budget up to ``max_budget`` reaches the target; then ``result`` is the
    best split of that budget (smallest budget for money metrics, largest for
    ``gmv_roas``). Otherwise ``result`` is the split with the closest reachable value.
    ``result.objective`` is the metric's value there.
    """

    request: TargetRequest
    reached: bool
    result: OptimizationResult


class _Seeker:
    """best(B) for one problem, warm-started from known splits."""

    def __init__(self, problem: Problem, target: float) -> None:
        self.problem = problem
        self.target = target
        self.hints: list[np.ndarray] = []
        self.found: dict[float, Point] = {}

    def best(self, budget: float) -> Point:
        if budget not in self.found:
            self.found[budget] = solve_many(
                self.problem,
                [budget],
                grid_steps=FRONTIER_GRID_STEPS,
                starts=FRONTIER_STARTS,
                hints=self.hints,
            )[0]
        return self.found[budget]

    def gap(self, budget: float) -> float:
        """best(B) − target, or −(1 + |target|) when no split of B is feasible."""
        point = self.best(budget)
        return point.objective - self.target if point.feasible else -(1.0 + abs(self.target))


def seek_target(
    scenario: ScenarioBase, request: TargetRequest, progress: Progress | None = None
) -> TargetResult:
    """The budget and split that reach ``request.target`` (module docstring)."""
    problem = Problem.build(scenario, request.metric, request.constraints)
    budgets = _budgets(problem, request.max_budget, TARGET_SCAN)
    scan = _frontier_points(
        problem, budgets, None if progress is None else lambda done: progress(0.6 * done)
    )
    seeker = _Seeker(problem, request.target)
    seeker.found.update(zip(budgets, scan, strict=True))
    reached = [p.feasible and p.objective >= request.target for p in scan]
    if any(reached):
        answer = _crossing(seeker, budgets, reached, request.metric in RATIO_METRICS)
    else:
        answer = _closest(seeker, budgets)
    if progress is not None:
        progress(1.0)
    return TargetResult(request, any(reached), result_of(problem, answer, seeker.best(answer)))


def _crossing(seeker: _Seeker, budgets: list[float], reached: list[bool], ratio: bool) -> float:
    """The budget where the best value crosses the target: brentq inside the scan's bracket,
    then the evaluated budget nearest the crossing that reaches the target (smallest for
    money metrics, largest for ratios)."""
    from scipy.optimize import brentq  # a heavy import, paid on first use

    index = len(reached) - 1 - reached[::-1].index(True) if ratio else reached.index(True)
    other = index + 1 if ratio else index - 1
    if 0 <= other < len(budgets):
        seeker.hints = [seeker.best(budgets[index]).amounts, seeker.best(budgets[other]).amounts]
        low, high = sorted((budgets[index], budgets[other]))
        brentq(seeker.gap, low, high, xtol=TARGET_RELATIVE_TOLERANCE * max(high, 1.0))
    reaching = [b for b in seeker.found if seeker.gap(b) >= 0.0]
    return max(reaching) if ratio else min(reaching)


def _closest(seeker: _Seeker, budgets: list[float]) -> float:
    """The budget with the highest best value: the scan's top point, refined by a bounded
    scalar search between its neighbours."""
    from scipy.optimize import minimize_scalar  # a heavy import, paid on first use

    top = max(range(len(budgets)), key=lambda i: seeker.gap(budgets[i]))
    seeker.hints = [seeker.best(budgets[top]).amounts]
    low, high = budgets[max(top - 1, 0)], budgets[min(top + 1, len(budgets) - 1)]
    if high > low:
        minimize_scalar(
            lambda b: -seeker.gap(b),
            bounds=(low, high),
            method="bounded",
            options={"xatol": TARGET_RELATIVE_TOLERANCE * max(high, 1.0)},
        )
    return max(seeker.found, key=seeker.gap)
