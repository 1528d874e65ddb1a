"""What every strategy module provides: assumptions, a pure projection, and metadata.

A strategy is one module in :mod:`core.model.strategies` that defines ``STRATEGY``, a
:class:`StrategySpec`. The spec wraps a pure function ``project(assumptions, horizon)``
that returns the strategy's monthly :class:`StrategyFlows`; shared code turns flows into
net revenue, gross profit, contribution and metrics, so every strategy follows the same
conventions (see :mod:`core.model.finance`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from core.model.finance import FloatArray


class StrategyAssumptions(BaseModel):
    """Base of every strategy's assumptions: an on/off switch plus the strategy's drivers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    enabled: bool = Field(True, description="Whether the strategy is part of the plan.")


@dataclass(frozen=True)
class StrategyFlows:
    """Monthly flows a strategy produces before margin and returns (arrays of length H).

    ``funnel`` maps stage name → monthly volume (e.g. impressions, clicks, orders), in
    funnel order, last stage = orders. ``cost_lines`` maps cost name → yuan per month;
    ``setup_cost`` is paid once at t = 0 (yuan).
    """

    funnel: Mapping[str, FloatArray]
    orders: FloatArray
    gmv: FloatArray
    cost_lines: Mapping[str, FloatArray]
    setup_cost: float = 0.0


A = TypeVar("A", bound=StrategyAssumptions)


@dataclass(frozen=True)
class StrategySpec(Generic[A]):
    """Registry entry of one strategy.

    * ``key`` — field name in the scenario file (``ads``, ``content``, ...);
    * ``order`` — position in the UI and reports;
    * ``assumptions`` — the pydantic model of its drivers;
    * ``project`` — pure function (assumptions, horizon in months) → flows;
    * ``key_drivers`` — drivers whose break-even value is reported;
    * ``headline_drivers`` — drivers the dashboard shows first (the rest sit behind
      "more assumptions");
    """

    key: str
    order: int
    assumptions: type[A]
    project: Callable[[A, int], StrategyFlows]
    key_drivers: tuple[str, ...]
    headline_drivers: tuple[str, ...]
