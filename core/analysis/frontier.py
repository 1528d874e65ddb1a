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

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.analysis.budget_problem import Point, Problem
from core.analysis.mix_requests import FrontierRequest, TargetRequest
from core.analysis.optimizer import OptimizationResult, Progress, result_of, solve_many
from core.model.scenario import ScenarioBase

FRONTIER_GRID_STEPS = 12
FRONTIER_STARTS = 2
TARGET_SCAN = 8
"""Budgets scanned to bracket a target before the root search."""
TARGET_GRID_STEPS = 8
TARGET_RELATIVE_TOLERANCE = 1e-5
"""brentq stops when the budget is known to this share of ``max_budget``."""
PEAK_TOLERANCE = 1e-3
"""The highest reachable value is searched to this share of the budget."""
CLOSE = 1e-4
"""A budget whose best value exceeds the target by at most this share of it answers it."""
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
    """best(B) for one problem: each budget solved once, warm-started from the best splits
    of the nearest budgets already solved on either side (and their interpolation)."""

    def __init__(self, problem: Problem, target: float) -> None:
        self.problem = problem
        self.target = target
        self.found: dict[float, Point] = {}

    def best(self, budget: float) -> Point:
        if budget not in self.found:
            below = [b for b in self.found if b < budget]
            above = [b for b in self.found if b > budget]
            hints = [
                self.found[b].amounts
                for b in (max(below, default=None), min(above, default=None))
                if b is not None
            ]
            if below and above:
                low, high = max(below), min(above)
                weight = (budget - low) / (high - low)
                hints.append(
                    (1 - weight) * self.found[low].amounts + weight * self.found[high].amounts
                )
            self.found[budget] = solve_many(
                self.problem,
                [budget],
                grid_steps=0 if hints else TARGET_GRID_STEPS,
                starts=1,
                hints=hints,
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
    scan = solve_many(
        problem,
        budgets,
        grid_steps=TARGET_GRID_STEPS,
        starts=1,
        progress=None if progress is None else lambda done: progress(0.5 * done),
    )
    seeker = _Seeker(problem, request.target)
    seeker.found.update(zip(budgets, scan, strict=True))
    reaching = [b for b in budgets if seeker.gap(b) >= 0.0]
    if not reaching:
        peak = _peak(seeker, budgets)
        if seeker.gap(peak) < 0.0:
            if progress is not None:
                progress(1.0)
            return TargetResult(request, False, result_of(problem, peak, seeker.best(peak)))
        reaching = [peak]
    answer = _crossing(seeker, reaching, request.metric in RATIO_METRICS)
    if progress is not None:
        progress(1.0)
    return TargetResult(request, True, result_of(problem, answer, seeker.best(answer)))


class _Close(Exception):  # noqa: N818 (a signal, not an error)
    """Stops a scipy search early: a solved budget already answers the question."""


def _crossing(seeker: _Seeker, reaching: list[float], ratio: bool) -> float:
    """The budget where the best value crosses the target, next to the smallest (money) or
    largest (ratio) budget known to reach it: brentq between that budget and its nearest
    solved neighbour that does not reach, stopped early once a budget reaches the target
    within :data:`CLOSE`; then the solved budget nearest the crossing that reaches it."""
    from scipy.optimize import brentq  # a heavy import, paid on first use

    edge = max(reaching) if ratio else min(reaching)
    short = [b for b in seeker.found if seeker.gap(b) < 0.0 and (b > edge if ratio else b < edge)]
    if not short:
        return edge
    other = min(short) if ratio else max(short)
    low, high = sorted((edge, other))

    def gap(budget: float) -> float:
        value = seeker.gap(budget)
        if 0.0 <= value <= CLOSE * abs(seeker.target):
            raise _Close
        return value

    with contextlib.suppress(_Close):
        brentq(gap, low, high, xtol=TARGET_RELATIVE_TOLERANCE * max(high, 1.0))
    inside = [b for b in seeker.found if low <= b <= high and seeker.gap(b) >= 0.0]
    return max(inside) if ratio else min(inside)


def _peak(seeker: _Seeker, budgets: list[float]) -> float:
    """The budget with the highest best value, or the first found to reach the target: the
    scan's top point, refined by a bounded scalar search between its neighbours. At either
    end of the scan, a probe 1 % of a step inside decides whether the end is the top."""
    from scipy.optimize import minimize_scalar  # a heavy import, paid on first use

    top = max(range(len(budgets)), key=lambda i: seeker.gap(budgets[i]))
    low, high = budgets[max(top - 1, 0)], budgets[min(top + 1, len(budgets) - 1)]
    if top in (0, len(budgets) - 1) and high > low:
        step = 0.01 * (high - low)
        probe = budgets[top] + (step if top == 0 else -step)
        if seeker.gap(probe) <= seeker.gap(budgets[top]):
            return budgets[top]

    def loss(budget: float) -> float:
        value = seeker.gap(budget)
        if value >= 0.0:
            raise _Close
        return -value

    if high > low:
        with contextlib.suppress(_Close):
            minimize_scalar(
                loss,
                bounds=(low, high),
                method="bounded",
                options={"xatol": PEAK_TOLERANCE * high},
            )
    return max(seeker.found, key=seeker.gap)
