"""Budget optimiser: the split of a monthly budget across the strategies' spend levers that
maximises an objective under constraints.

Problem. The active strategies k = 1..n are those enabled in the scenario and not switched
off by the request; x_k is the monthly amount on k's spend lever (yuan per month,
:func:`core.model.engine.lever_path`):

    maximise    f(x)
    subject to  Σ_k x_k = B                   the whole monthly budget B is split
                lo_k ≤ x_k ≤ hi_k             bounds per strategy (default 0 .. ¥100M)
                payback month ≤ M, peak cash need ≤ P, ROI ≥ r, GMV ÷ marketing ≥ z

Objectives f (:data:`core.analysis.mix_requests.OBJECTIVES`): ``npv`` (headline NPV, with
the terminal value when the scenario includes it), ``npv_horizon`` (without it),
``contribution`` (Σ_t contribution_t over the horizon, undiscounted), ``net_revenue``
(Σ_t net revenue) and ``gmv_roas`` (horizon GMV ÷ marketing spend, a multiple).

Non-smooth constraints. A payback month is an integer and the peak cash need a maximum over
months; neither is differentiable in x. Both are rewritten exactly as one smooth inequality
per month on the cumulative cash path (:mod:`core.analysis.budget_problem`), so SLSQP sees
only smooth functions. SLSQP is asked for a margin of :data:`MARGIN` × B × H yuan on every
slack, so rounding cannot tip a binding constraint (a payback month exactly at M) over; an
end point that still breaks one is pulled back along the segment to its feasible start.

Method (grid plus refine), for one or many budgets at once:

1. a grid of splits for each budget, the amount above the lower bounds in steps of 1/m
   (m = 24: 325 splits of three strategies), plus hints (the scenario's own split scaled
   to the budget), all in one engine batch;
2. SLSQP in shares s = x / B from up to ``starts`` of the best feasible grid points (two
   grid steps apart, to reach separate optima of S-shaped responses), gradients and
   constraint jacobians by central differences (a point and its 2n neighbours, one batch);
   all searches run in lockstep (:mod:`core.analysis.lockstep`), one engine call a round;
3. the best feasible point wins. A budget with no feasible grid split first gets a local
   grid four times finer around its least infeasible splits (one batch for all budgets);
   when nothing feasible is found, the result is the split that breaks the constraints
   least (``feasible`` false, the broken constraints named).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.analysis.budget_problem import (
    Point,
    Problem,
    better,
    grid_splits,
    points,
    project,
)
from core.analysis.lockstep import Ask, run_lockstep
from core.analysis.mix import allocation_of, with_allocation
from core.analysis.mix_requests import ConstraintName, Objective, OptimizationRequest
from core.model.scenario import ScenarioBase

FloatArray = NDArray[np.float64]
Progress = Callable[[float], None]
"""Called with the share of the work done (0..1)."""

GRID_STEPS = 24
"""The optimiser's grid: the budget above the lower bounds in steps of 1/24."""
STARTS = 3
"""SLSQP searches per budget, from the best grid points."""
FD_STEP = 1e-6
"""Finite-difference step in shares of the budget (¥0.10 of a ¥100,000 budget)."""
MARGIN = 1e-9
"""Slack SLSQP keeps on every constraint, in units of B × H yuan (¥0.002 at ¥63k × 36)."""
SLSQP_OPTIONS: Mapping[str, float] = {"maxiter": 100, "ftol": 1e-11}
RESCUE_STEPS = 4
"""A budget with no feasible grid split gets a local grid 4 times finer, within one grid
step of its least infeasible splits."""
SHARE_TOLERANCE = 1e-10
"""An SLSQP end whose shares add up to 1 within this is taken as it is."""
PULL_BACK_STEPS = 24
"""Points tried on the segment from a feasible start to an infeasible SLSQP end."""


@dataclass(frozen=True)
class OptimizationResult:
    """The best split found for one budget.

    ``allocation``: monthly amount per active strategy (yuan per month, Σ = ``budget``);
    ``objective``: the objective there (yuan, or a multiple for ``gmv_roas``);
    ``feasible``: every constraint met, else ``allocation`` breaks them least and
    ``violated`` names the ones it breaks; ``scenario``: the scenario with the split set
    and the switched-off strategies out of the plan; ``variants``: splits evaluated.
    """

    objective_name: Objective
    budget: float
    allocation: Mapping[str, float]
    objective: float
    feasible: bool
    violated: tuple[ConstraintName, ...]
    scenario: ScenarioBase
    variants: int


class _Search:
    """One SLSQP search in shares s = x / B, asking for its points through ``ask``."""

    def __init__(self, problem: Problem, budget: float, scale: float, start: Point) -> None:
        self.problem = problem
        self.budget = budget
        self.scale = scale
        self.cash_scale = max(budget * problem.scenario.horizon_months, 1.0)
        self.start = start
        self.lower = problem.lower / budget
        self.upper = problem.upper / budget
        self.memo: dict[bytes, tuple[float, FloatArray, FloatArray, FloatArray]] = {}
        self.seen: dict[bytes, Point] = {}

    def _at(self, s: FloatArray, ask: Ask) -> tuple[float, FloatArray, FloatArray, FloatArray]:
        """Scaled objective, gradient, slacks − margin and their jacobian at ``s``; the
        point itself is kept (unscaled) in ``seen``."""
        key = s.tobytes()
        if key not in self.memo:
            n = s.size
            plus = np.minimum(s + FD_STEP, self.upper)
            minus = np.maximum(s - FD_STEP, self.lower)
            rows = np.tile(s, (2 * n + 1, 1))
            rows[1 : n + 1][np.diag_indices(n)] = plus
            rows[n + 1 :][np.diag_indices(n)] = minus
            objective, slack = ask(rows * self.budget)
            f = objective / self.scale
            g = slack / self.cash_scale - MARGIN
            width = np.where(plus > minus, plus - minus, 1.0)
            grad = (f[1 : n + 1] - f[n + 1 :]) / width
            jac = ((g[1 : n + 1] - g[n + 1 :]) / width[:, None]).T
            self.memo[key] = (float(f[0]), grad, g[0], jac)
            amounts = self.problem.inside(s * self.budget)
            self.seen[key] = Point(amounts, float(objective[0]), slack[0])
        return self.memo[key]

    def __call__(self, ask: Ask) -> Point:
        """Run SLSQP from the start; the point it ends at (already evaluated when SLSQP ends
        on a point it asked for and the shares add up to 1)."""
        from scipy.optimize import minimize  # a heavy import, paid on first use

        ones = np.ones(self.lower.size)
        constraints: list[dict[str, object]] = [
            {"type": "eq", "fun": lambda s: s.sum() - 1.0, "jac": lambda s: ones}
        ]
        if self.start.slack.size:
            constraints.append(
                {
                    "type": "ineq",
                    "fun": lambda s: self._at(s, ask)[2],
                    "jac": lambda s: self._at(s, ask)[3],
                }
            )
        found = minimize(
            lambda s: -self._at(s, ask)[0],
            self.start.amounts / self.budget,
            jac=lambda s: -self._at(s, ask)[1],
            bounds=list(zip(self.lower, self.upper, strict=True)),
            constraints=constraints,
            method="SLSQP",
            options=dict(SLSQP_OPTIONS),
        )
        end = np.asarray(found.x, dtype=np.float64)
        if abs(end.sum() - 1.0) <= SHARE_TOLERANCE and end.tobytes() in self.seen:
            return self.seen[end.tobytes()]
        amounts = project(end * self.budget, self.problem.lower, self.problem.upper, self.budget)
        objective, slack = ask(amounts[None])
        return Point(amounts, float(objective[0]), slack[0])


@dataclass(frozen=True)
class _Candidates:
    """Evaluated splits of one budget: amounts (k, n), objective (k,), slacks (k, m)."""

    amounts: FloatArray
    objective: FloatArray
    slack: FloatArray

    def point(self, i: int) -> Point:
        return Point(self.amounts[i], float(self.objective[i]), self.slack[i])

    def violation(self) -> FloatArray:
        """Σ of the negative slacks per split (yuan); 0 where every constraint holds."""
        return np.asarray(np.maximum(-self.slack, 0.0).sum(axis=1))

    def ranked(self) -> list[int]:
        """Indices, best first: feasible by objective, then the rest by violation."""
        violation = self.violation()
        return [int(i) for i in np.lexsort((-self.objective, violation, violation > 0.0))]

    def seeds(self, count: int, distance: float) -> list[Point]:
        """Up to ``count`` of the best feasible splits, at least ``distance`` apart (L∞)."""
        chosen: list[Point] = []
        violation = self.violation()
        for i in self.ranked():
            if violation[i] > 0.0 or len(chosen) == count:
                break
            if all(np.abs(self.amounts[i] - c.amounts).max() >= distance for c in chosen):
                chosen.append(self.point(i))
        return chosen

    def merged(self, other: _Candidates) -> _Candidates:
        return _Candidates(
            np.vstack([self.amounts, other.amounts]),
            np.concatenate([self.objective, other.objective]),
            np.vstack([self.slack, other.slack]),
        )


def _evaluated(problem: Problem, grids: Sequence[FloatArray]) -> list[_Candidates]:
    """The splits of every grid, evaluated in one batch."""
    held = [problem.inside(grid) for grid in grids]
    value = problem.evaluate(np.vstack(held))
    edges = np.cumsum([0, *(len(g) for g in held)])
    return [
        _Candidates(grid, value.objective[a:b], value.slack[a:b])
        for grid, a, b in zip(held, edges[:-1], edges[1:], strict=True)
    ]


def _neighbourhood(problem: Problem, centre: FloatArray, budget: float, step: float) -> FloatArray:
    """Splits around ``centre``: up to one ``step`` moved from any strategy to any other,
    in quarters, projected onto the bounds."""
    rows = []
    for i, j in itertools.permutations(range(centre.size), 2):
        for k in range(1, RESCUE_STEPS + 1):
            moved = centre.copy()
            moved[i] += k * step / RESCUE_STEPS
            moved[j] -= k * step / RESCUE_STEPS
            rows.append(project(moved, problem.lower, problem.upper, budget))
    return np.asarray(rows)


def _spare(problem: Problem, budget: float) -> float:
    """The budget above the lower bounds when there is a choice to make (0 when not)."""
    if len(problem.keys) == 1 or float(problem.upper.sum() - problem.lower.sum()) <= 0.0:
        return 0.0
    return max(budget - float(problem.lower.sum()), 0.0)


def _rescued(
    problem: Problem,
    budgets: Sequence[float],
    found: list[_Candidates],
    grid_steps: int,
    starts: int,
) -> list[_Candidates]:
    """Every budget without a feasible split gets the neighbourhoods of its ``starts`` least
    infeasible splits added (one batch for all of them)."""
    need = [
        i
        for i, (budget, c) in enumerate(zip(budgets, found, strict=True))
        if _spare(problem, budget) > 0.0 and c.violation().min() > 0.0
    ]
    if not need:
        return found
    rows = []
    for i in need:
        step = _spare(problem, budgets[i]) / max(grid_steps, RESCUE_STEPS)
        centres = [found[i].amounts[j] for j in found[i].ranked()[:starts]]
        rows.append(np.vstack([_neighbourhood(problem, c, budgets[i], step) for c in centres]))
    merged = list(found)
    for i, extra in zip(need, _evaluated(problem, rows), strict=True):
        merged[i] = found[i].merged(extra)
    return merged


def _pull_back(problem: Problem, pairs: list[tuple[Point, FloatArray, float]]) -> list[Point]:
    """For each (feasible start, infeasible end, budget): the feasible point nearest the
    end on the segment between them (the start when there is none); one batch."""
    if not pairs:
        return []
    steps = 1.0 - 0.5 ** np.arange(PULL_BACK_STEPS)
    rows = [
        project(start.amounts + t * (end - start.amounts), problem.lower, problem.upper, budget)
        for start, end, budget in pairs
        for t in steps
    ]
    found = points(problem, np.asarray(rows))
    pulled = []
    for i, (start, _, _) in enumerate(pairs):
        ok = [p for p in found[i * PULL_BACK_STEPS : (i + 1) * PULL_BACK_STEPS] if p.feasible]
        pulled.append(ok[-1] if ok else start)
    return pulled


def solve_many(
    problem: Problem,
    budgets: Sequence[float],
    *,
    grid_steps: int = GRID_STEPS,
    starts: int = STARTS,
    hints: Sequence[FloatArray] = (),
    progress: Progress | None = None,
) -> list[Point]:
    """The best split of each budget (module docstring, steps 1–3). ``hints`` are more
    candidate splits, scaled to each budget and projected onto its bounds; with
    ``grid_steps`` 0 they are the only candidates (warm starts)."""
    lower, upper = problem.lower, problem.upper
    grids = []
    for budget in budgets:
        problem.check_budget(budget)
        extra = [project(h * budget / h.sum(), lower, upper, budget) for h in hints if h.sum() > 0]
        grid = [grid_splits(problem, budget, grid_steps)] if grid_steps or not extra else []
        grids.append(np.vstack([*grid, *extra]))
    found = _rescued(problem, budgets, _evaluated(problem, grids), grid_steps, starts)
    best = [c.point(c.ranked()[0]) for c in found]
    searches: list[_Search] = []
    owner: list[int] = []
    for i, (budget, candidates) in enumerate(zip(budgets, found, strict=True)):
        spare = _spare(problem, budget)
        if spare <= 0.0:
            continue
        scale = max(float(np.abs(candidates.objective).max()), 1e-12)
        for seed in candidates.seeds(starts, 2.0 * spare / max(grid_steps, 1)):
            searches.append(_Search(problem, budget, scale, seed))
            owner.append(i)
    if progress is not None:
        progress(0.1)
    ends = run_lockstep(
        lambda rows: _as_tuple(problem, rows),
        searches,
        None if progress is None else lambda done, total: progress(0.1 + 0.85 * done / total),
    )
    retry = [k for k, end in enumerate(ends) if not end.feasible]
    pulled = _pull_back(
        problem, [(searches[k].start, ends[k].amounts, searches[k].budget) for k in retry]
    )
    for k, point in zip(retry, pulled, strict=True):
        ends[k] = point
    for i, point in zip(owner, ends, strict=True):
        best[i] = better(point, best[i])
    if progress is not None:
        progress(1.0)
    return best


def _as_tuple(problem: Problem, rows: FloatArray) -> tuple[FloatArray, FloatArray]:
    value = problem.evaluate(rows)
    return value.objective, value.slack


def result_of(problem: Problem, budget: float, point: Point) -> OptimizationResult:
    """The public result for the split ``point`` of ``budget``."""
    allocation = {k: float(point.amounts[j]) for j, k in enumerate(problem.keys)}
    return OptimizationResult(
        objective_name=problem.objective,
        budget=budget,
        allocation=allocation,
        objective=point.objective,
        feasible=point.feasible,
        violated=() if point.feasible else problem.violated(point.amounts),
        scenario=with_allocation(problem.scenario, allocation),
        variants=problem.variants,
    )


def optimize(
    scenario: ScenarioBase, request: OptimizationRequest, progress: Progress | None = None
) -> OptimizationResult:
    """The best split of ``request.total_budget`` for ``scenario`` (module docstring)."""
    problem = Problem.build(scenario, request.objective, request.constraints)
    current = allocation_of(problem.scenario)
    hint = np.array([current[k] for k in problem.keys])
    point = solve_many(problem, [request.total_budget], hints=[hint], progress=progress)[0]
    return result_of(problem, request.total_budget, point)
