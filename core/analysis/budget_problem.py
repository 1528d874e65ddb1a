"""One budget-split problem evaluated over batches of splits, and the geometry of splits.

A split is a row of monthly amounts x_k (yuan per month) for the active strategies (enabled
in the scenario and not switched off). :meth:`Problem.evaluate` runs the engine once for N
splits and returns the objective (N,) and the constraint slacks (N, m): every constraint
is met when every slack is ≥ 0. The slacks rewrite the non-smooth constraints exactly as
smooth inequalities on the plan's cumulative cash C_t (months t = 0..H, yuan):

* payback month ≤ M      ⟺  C_t ≥ 0        for t = M..H  (one column per month);
* peak cash need ≤ P     ⟺  C_t + P ≥ 0    for t = 0..H;
* ROI ≥ r                ⟺  net profit − r · investment ≥ 0;
* GMV ÷ marketing ≥ z    ⟺  GMV − z · marketing spend ≥ 0.

(Payback month m means C_t ≥ 0 for every t ≥ m, :mod:`core.model.finance`.)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.analysis.mix_requests import (
    ConstraintName,
    Constraints,
    Objective,
    RequestError,
    lever_upper,
)
from core.model.engine import BatchResult, evaluate_batch, lever_path
from core.model.finance import ratio
from core.model.paths import with_values
from core.model.scenario import ScenarioBase

FloatArray = NDArray[np.float64]
SNAP = 1e-12
"""Relative distance below which an amount counts as its bound."""


@dataclass(frozen=True)
class Evaluation:
    """Objective values (N,) and constraint slacks (N, m) of N splits."""

    objective: FloatArray
    slack: FloatArray


@dataclass
class Problem:
    """The scenario with the switched-off strategies out of the plan, the active keys and
    their bounds (yuan per month), the objective and the constraints. ``variants`` counts
    the splits evaluated so far."""

    scenario: ScenarioBase
    keys: tuple[str, ...]
    lower: FloatArray
    upper: FloatArray
    objective: Objective
    constraints: Constraints
    variants: int = 0

    @classmethod
    def build(
        cls, scenario: ScenarioBase, objective: Objective, constraints: Constraints
    ) -> Problem:
        """The problem for ``scenario``; ``RequestError`` when no strategy is active."""
        base = with_values(scenario, {f"{k}.enabled": False for k in constraints.switched_off})
        keys = base.enabled_keys()
        if not keys:
            raise RequestError("switched_off", "no_strategy")
        bounds = constraints.bounds
        lower = np.array([bounds[k][0] if k in bounds else 0.0 for k in keys])
        upper = np.array([bounds[k][1] if k in bounds else lever_upper(k) for k in keys])
        return cls(base, keys, lower, upper, objective, constraints)

    @property
    def budget_range(self) -> tuple[float, float]:
        """Smallest and largest budget the bounds allow (yuan per month)."""
        return float(self.lower.sum()), float(self.upper.sum())

    def check_budget(self, budget: float) -> None:
        """``RequestError`` when the bounds cannot add up to ``budget``."""
        low, high = self.budget_range
        if not low <= budget <= high:
            raise RequestError("total_budget", "budget_outside_bounds")

    def inside(self, amounts: FloatArray) -> FloatArray:
        """``amounts`` held within the bounds, an amount within rounding of a bound set to it
        (¥9,999.999999999995 under a ¥10,000 maximum is ¥10,000)."""
        held = np.clip(amounts, self.lower, self.upper)
        for bound in (self.lower, self.upper):
            held = np.where(np.isclose(held, bound, rtol=SNAP, atol=0.0), bound, held)
        return np.asarray(held, dtype=np.float64)

    def evaluate(self, amounts: FloatArray) -> Evaluation:
        """Objective and slacks of the splits in the rows of ``amounts`` (N, n), each held
        :meth:`inside` the bounds."""
        amounts = self.inside(amounts)
        overrides = {lever_path(k): amounts[:, j] for j, k in enumerate(self.keys)}
        result = evaluate_batch(self.scenario, overrides)
        self.variants += amounts.shape[0]
        return Evaluation(self._objective(result), self._slack(result)[1])

    def _objective(self, result: BatchResult) -> FloatArray:
        t = result.total
        if self.objective == "npv":
            return result.npv()
        if self.objective == "npv_horizon":
            return np.asarray(t.contribution @ result.discount - t.setup_cost)
        if self.objective == "contribution":
            return np.asarray(t.contribution.sum(axis=1))
        if self.objective == "net_revenue":
            return np.asarray(t.totals["net_revenue"])
        return np.nan_to_num(ratio(t.totals["gmv"], t.totals["marketing_spend"]))

    def _slack(self, result: BatchResult) -> tuple[list[tuple[ConstraintName, int]], FloatArray]:
        """The constraint blocks (name, columns) and the slacks (N, m)."""
        c, t = self.constraints, result.total
        cash = t.cumulative_cash
        blocks: list[tuple[ConstraintName, FloatArray]] = []
        if c.max_payback_month is not None:
            blocks.append(("payback", cash[:, min(c.max_payback_month, cash.shape[1] - 1) :]))
        if c.max_peak_cash is not None:
            blocks.append(("peak_cash", cash + c.max_peak_cash))
        if c.min_roi is not None:
            profit = t.contribution.sum(axis=1) - t.setup_cost
            investment = t.totals["costs"] + t.setup_cost
            blocks.append(("roi", (profit - c.min_roi * investment)[:, None]))
        if c.min_gmv_roas is not None:
            floor = t.totals["gmv"] - c.min_gmv_roas * t.totals["marketing_spend"]
            blocks.append(("gmv_roas", floor[:, None]))
        layout = [(name, int(block.shape[1])) for name, block in blocks]
        if not blocks:
            return layout, np.zeros((cash.shape[0], 0))
        return layout, np.concatenate([block for _, block in blocks], axis=1)

    def violated(self, amounts: FloatArray) -> tuple[ConstraintName, ...]:
        """Names of the constraints the split ``amounts`` (n,) breaks."""
        amounts = self.inside(amounts)
        overrides = {lever_path(k): amounts[j : j + 1] for j, k in enumerate(self.keys)}
        layout, slack = self._slack(evaluate_batch(self.scenario, overrides))
        names, start = [], 0
        for name, width in layout:
            if slack[0, start : start + width].min() < 0.0:
                names.append(name)
            start += width
        return tuple(names)


@dataclass(frozen=True)
class Point:
    """A split (yuan per month), its objective and its slacks."""

    amounts: FloatArray
    objective: float
    slack: FloatArray

    @property
    def feasible(self) -> bool:
        """Whether every constraint is met."""
        return bool(self.slack.size == 0 or self.slack.min() >= 0.0)

    @property
    def violation(self) -> float:
        """How far the split breaks its constraints: Σ of the negative slacks (yuan)."""
        return float(np.maximum(-self.slack, 0.0).sum())


def points(problem: Problem, amounts: FloatArray) -> list[Point]:
    """The splits in the rows of ``amounts``, evaluated in one batch."""
    held = problem.inside(amounts)
    value = problem.evaluate(held)
    return [Point(held[i], float(value.objective[i]), value.slack[i]) for i in range(len(held))]


def better(a: Point, b: Point) -> Point:
    """The feasible one; between two feasible ones the higher objective; else the one that
    breaks the constraints less."""
    if a.feasible != b.feasible:
        return a if a.feasible else b
    if a.feasible:
        return a if a.objective > b.objective else b
    return a if a.violation < b.violation else b


def project(target: FloatArray, lower: FloatArray, upper: FloatArray, budget: float) -> FloatArray:
    """The point of {lower ≤ x ≤ upper, Σ x = budget} nearest ``target`` (Euclidean), for
    Σ lower ≤ budget ≤ Σ upper: x = clip(target − λ, lower, upper), where
    φ(λ) = Σ clip(target − λ, lower, upper) is piecewise linear and falling, with kinks at
    target − upper and target − lower; λ is interpolated between the two kinks whose
    φ values enclose the budget."""
    kinks = np.sort(np.concatenate([target - upper, target - lower]))
    sums = np.clip(target[None, :] - kinks[:, None], lower, upper).sum(axis=1)
    if budget >= sums[0]:
        shift = kinks[0]
    elif budget <= sums[-1]:
        shift = kinks[-1]
    else:
        k = int(np.searchsorted(-sums, -budget))
        span = sums[k - 1] - sums[k]
        fraction = (sums[k - 1] - budget) / span if span > 0 else 0.0
        shift = kinks[k - 1] + fraction * (kinks[k] - kinks[k - 1])
    x = np.clip(target - shift, lower, upper)
    free = (x > lower) & (x < upper)
    if free.any():  # the last rounding error goes where it fits
        x[free] += (budget - x.sum()) / free.sum()
    return np.asarray(np.clip(x, lower, upper), dtype=np.float64)


def simplex_grid(n: int, steps: int) -> FloatArray:
    """Every split of 1 into n shares that are multiples of 1/steps: C(steps + n − 1, n − 1)
    rows of n shares (stars and bars)."""
    rows = []
    for bars in itertools.combinations(range(steps + n - 1), n - 1):
        edges = (-1, *bars, steps + n - 1)
        rows.append([edges[i + 1] - edges[i] - 1 for i in range(n)])
    return np.asarray(rows, dtype=np.float64) / steps


def grid_splits(problem: Problem, budget: float, steps: int) -> FloatArray:
    """Grid splits of ``budget`` (N, n): the lower bounds plus the rest split on the grid,
    rows above an upper bound dropped, the projected centre always included."""
    spare = budget - problem.lower.sum()
    grid = problem.lower + spare * simplex_grid(len(problem.keys), steps)
    grid = grid[(grid <= problem.upper + 1e-9 * max(budget, 1.0)).all(axis=1)]
    centre = problem.lower + spare / len(problem.keys)
    return np.vstack([grid, project(centre, problem.lower, problem.upper, budget)])
