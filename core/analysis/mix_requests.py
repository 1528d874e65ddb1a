"""What the budget optimiser is asked: validated request objects.

Every request checks itself when it is made (``__post_init__``) and raises
:class:`RequestError` naming the option and the problem, so an impossible request never
reaches the engine. Money is in yuan (budgets and bounds per month), ratios are fractions
(ROI) or multiples (GMV ÷ marketing spend), months count from 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from core.model.engine import lever_path
from core.model.finance import Metrics
from core.model.paths import driver_spec
from core.model.strategies import STRATEGY_KEYS

Objective = Literal["npv", "npv_horizon", "contribution", "net_revenue", "gmv_roas"]
OBJECTIVES: tuple[Objective, ...] = get_args(Objective)
"""What a split may maximise (see :mod:`core.analysis.optimizer`)."""
ConstraintName = Literal["payback", "peak_cash", "roi", "gmv_roas"]
MAX_FRONTIER_POINTS = 200
WIDEN_FACTOR = 3.0
"""How much :func:`widened` widens each strategy's range (Robyn's allocator shows ×3)."""


def metric_value(metrics: Metrics, objective: Objective) -> float:
    """The value of ``objective`` for a plan's metrics (GMV ÷ spend 0 when nothing is spent)."""
    if objective == "gmv_roas":
        return metrics.gmv_roas or 0.0
    return float(getattr(metrics, objective))


class RequestError(ValueError):
    """A request that cannot be met as asked: ``field`` names the option, ``problem`` is a
    code the text layer words (``negative``, ``unknown_strategy``, ``bounds_order``,
    ``not_finite``, ``too_large``, ``budget_outside_bounds``, ``no_strategy``,
    ``switched_off_bounds``, ``unknown_objective``, ``not_integer``)."""

    def __init__(self, field_name: str, problem: str) -> None:
        self.field = field_name
        self.problem = problem
        super().__init__(f"{field_name}: {problem}")


def lever_upper(key: str) -> float:
    """Largest amount strategy ``key``'s spend lever accepts (yuan per month)."""
    return driver_spec(lever_path(key)).upper


def _finite(name: str, value: float, *, low: float = 0.0) -> None:
    if isinstance(value, bool) or not math.isfinite(value):
        raise RequestError(name, "not_finite")
    if value < low:
        raise RequestError(name, "negative")


@dataclass(frozen=True)
class Constraints:
    """What every split must respect.

    * ``bounds``: strategy key → (lowest, highest) monthly lever amount (yuan per month);
      a strategy without bounds may get anything from 0 to the lever's limit;
    * ``switched_off``: strategies taken out of the plan (their setup and running costs
      go too);
    * ``max_payback_month``: the plan must pay back by this month (1..120);
    * ``max_peak_cash``: the deepest cumulative cash position may not exceed this (yuan);
    * ``min_roi``: net profit ÷ investment at least this (fraction, ≥ −1);
    * ``min_gmv_roas``: GMV ÷ marketing spend at least this (multiple, ≥ 0).
    """

    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    switched_off: tuple[str, ...] = ()
    max_payback_month: int | None = None
    max_peak_cash: float | None = None
    min_roi: float | None = None
    min_gmv_roas: float | None = None

    def __post_init__(self) -> None:
        bounds = {}
        for key, (low, high) in self.bounds.items():
            if key not in STRATEGY_KEYS:
                raise RequestError(f"bounds.{key}", "unknown_strategy")
            _finite(f"bounds.{key}", low)
            _finite(f"bounds.{key}", high)
            if low > high:
                raise RequestError(f"bounds.{key}", "bounds_order")
            if high > lever_upper(key):
                raise RequestError(f"bounds.{key}", "too_large")
            bounds[key] = (float(low), float(high))
        off = tuple(self.switched_off)
        for key in off:
            if key not in STRATEGY_KEYS:
                raise RequestError("switched_off", "unknown_strategy")
            if key in bounds:
                raise RequestError(f"bounds.{key}", "switched_off_bounds")
        object.__setattr__(self, "bounds", bounds)
        object.__setattr__(self, "switched_off", tuple(k for k in STRATEGY_KEYS if k in off))
        month = self.max_payback_month
        if month is not None and (isinstance(month, bool) or not isinstance(month, int)):
            raise RequestError("max_payback_month", "not_integer")
        if month is not None and not 1 <= month <= 120:
            raise RequestError("max_payback_month", "negative" if month < 1 else "too_large")
        if self.max_peak_cash is not None:
            _finite("max_peak_cash", self.max_peak_cash)
        if self.min_roi is not None:
            _finite("min_roi", self.min_roi, low=-1.0)
        if self.min_gmv_roas is not None:
            _finite("min_gmv_roas", self.min_gmv_roas)

    @property
    def limits_cash_or_ratios(self) -> bool:
        """Whether any constraint besides the bounds applies."""
        return any(
            value is not None
            for value in (
                self.max_payback_month,
                self.max_peak_cash,
                self.min_roi,
                self.min_gmv_roas,
            )
        )

    @property
    def lower_total(self) -> float:
        """Σ of the lower bounds given (yuan per month): no budget may be smaller."""
        return float(sum(low for low, _ in self.bounds.values()))


def check_objective(objective: str) -> None:
    """``RequestError`` unless ``objective`` is one of :data:`OBJECTIVES`."""
    if objective not in OBJECTIVES:
        raise RequestError("objective", "unknown_objective")


@dataclass(frozen=True)
class OptimizationRequest:
    """Split ``total_budget`` (yuan per month) to maximise ``objective`` under
    ``constraints``."""

    objective: Objective
    total_budget: float
    constraints: Constraints = field(default_factory=Constraints)

    def __post_init__(self) -> None:
        check_objective(self.objective)
        _finite("total_budget", self.total_budget)
        if self.total_budget < self.constraints.lower_total:
            raise RequestError("total_budget", "budget_outside_bounds")


@dataclass(frozen=True)
class FrontierRequest:
    """The best ``objective`` at ``points`` monthly budgets evenly spaced from the smallest
    the bounds allow to ``max_budget`` (yuan per month)."""

    objective: Objective
    max_budget: float
    points: int = 50
    constraints: Constraints = field(default_factory=Constraints)

    def __post_init__(self) -> None:
        check_objective(self.objective)
        _finite("max_budget", self.max_budget)
        if self.max_budget < self.constraints.lower_total:
            raise RequestError("max_budget", "budget_outside_bounds")
        if isinstance(self.points, bool) or not isinstance(self.points, int):
            raise RequestError("points", "not_integer")
        if not 2 <= self.points <= MAX_FRONTIER_POINTS:
            raise RequestError("points", "negative" if self.points < 2 else "too_large")


@dataclass(frozen=True)
class TargetRequest:
    """Which monthly budget up to ``max_budget`` (yuan per month), split at its best, makes
    ``metric`` reach ``target`` (yuan, or a multiple for ``gmv_roas``)."""

    metric: Objective
    target: float
    max_budget: float
    constraints: Constraints = field(default_factory=Constraints)

    def __post_init__(self) -> None:
        check_objective(self.metric)
        _finite("target", self.target, low=0.0 if self.metric == "gmv_roas" else -math.inf)
        _finite("max_budget", self.max_budget)
        if self.max_budget < self.constraints.lower_total:
            raise RequestError("max_budget", "budget_outside_bounds")


def widened(constraints: Constraints, factor: float = WIDEN_FACTOR) -> Constraints:
    """``constraints`` with each strategy's range widened ``factor`` times: its minimum
    divided by ``factor``, its maximum multiplied by it (capped at the lever's limit). The
    other constraints stay; a strategy without a range keeps none. (Robyn's allocator
    widens ranges set relative to current spend by the same factor around it; here ranges
    are amounts, so they widen on both sides whatever today's split.)"""
    bounds = {
        key: (low / factor, min(lever_upper(key), high * factor))
        for key, (low, high) in constraints.bounds.items()
    }
    return replace(constraints, bounds=bounds)
