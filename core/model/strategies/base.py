"""What every strategy module provides: assumptions, a pure projection, and metadata.

A strategy is one module in :mod:`core.model.strategies` that defines ``STRATEGY``, a
:class:`StrategySpec` (and a ``<key>.toml`` with its labels next to it). The spec wraps a
pure function ``project(drivers, context)`` that turns the strategy's money into monthly
volumes and order streams for a batch of variants (:class:`StrategyFlows`); the engine
(:mod:`core.model.engine`) turns streams into P&L with the shared unit economics
(:mod:`core.model.economics`), adds repeat buying to the customers an acquisition
strategy wins (:mod:`core.model.lifetime`) and computes the metrics
(:mod:`core.model.finance`).

Roles: an ``acquisition`` strategy wins new customers (its flows carry
``new_customers``); a ``retention`` strategy receives the customers that acquisition
strategies won (``context.acquired``) — the public → private flow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from core.model.drivers import DriverBatch
from core.model.economics import OrderStream

if TYPE_CHECKING:
    from core.model.shocks import ShockPaths

FloatArray = NDArray[np.float64]
Role = Literal["acquisition", "retention"]


class StrategyAssumptions(BaseModel):
    """Base of every strategy's assumptions: an on/off switch plus the strategy's drivers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    enabled: bool = Field(True, description="Whether the strategy is part of the plan.")


@dataclass(frozen=True)
class ProjectionContext:
    """What a projection may read besides its own drivers.

    ``horizon`` in months; ``business`` the business drivers; ``rate`` the monthly
    discount rate ρ; ``acquired`` the new customers per month (N|1, H) that the enabled
    acquisition strategies won (zeros when there are none); ``shocks`` the shock paths
    of the run (:mod:`core.model.shocks`), if any.
    """

    horizon: int
    business: DriverBatch
    rate: float
    acquired: FloatArray
    shocks: ShockPaths | None = None

    def shock(self, name: str) -> FloatArray | None:
        """The shock path ``name`` (``media_price``, ``content_views``, ``member_keep``;
        (N|1, H)), or ``None`` when no shock moves it."""
        return None if self.shocks is None else getattr(self.shocks, name)


@dataclass(frozen=True)
class StrategyFlows:
    """Monthly flows of one strategy for a batch of variants (arrays (N|1, H) or (N|1, 1)).

    * ``funnel``: stage → monthly volume, in funnel order (shown as horizon totals);
    * ``streams``: order streams by name, each with its unit economics;
    * ``cost_lines``: the strategy's own costs per month other than per-order costs;
      ``marketing_lines`` names those that are marketing spend (GMV ÷ marketing spend),
      ``acquisition_lines`` those that buy new customers (CAC; default: marketing);
    * ``setup_cost``: paid once at t = 0;
    * ``new_customers``: first-time buyers won per month (acquisition strategies; the
      engine adds their repeat buying), ``None`` otherwise;
    * ``customers_won``: the people the strategy brought in, for CAC (defaults to
      ``new_customers``);
    * ``terminal_value``: value at month H of what the strategy leaves behind (yuan);
    * ``ltv``: discounted value of one customer the strategy won, when the strategy
      computes its own (the engine computes it for acquisition strategies);
    * ``flow_contribution`` / ``flow_terminal_value``: the part of contribution and
      terminal value that comes from the public → private flow (retention strategies);
    * ``joiner_uplift``: what the flow adds per new customer of the acquisition
      strategies (opt-in × a member's value over what they buy anyway), added to those
      strategies' LTV.
    """

    funnel: Mapping[str, FloatArray]
    streams: Mapping[str, OrderStream]
    cost_lines: Mapping[str, FloatArray]
    marketing_lines: tuple[str, ...]
    setup_cost: FloatArray
    acquisition_lines: tuple[str, ...] | None = None
    new_customers: FloatArray | None = None
    customers_won: FloatArray | None = None
    terminal_value: FloatArray = field(default_factory=lambda: np.zeros((1, 1)))
    ltv: FloatArray | None = None
    flow_contribution: FloatArray | None = None
    flow_terminal_value: FloatArray | None = None
    joiner_uplift: FloatArray | None = None


A = TypeVar("A", bound=StrategyAssumptions)


@dataclass(frozen=True)
class StrategySpec(Generic[A]):
    """Registry entry of one strategy.

    * ``key`` — field name in the scenario file (``ads``, ``content``, ...);
    * ``order`` — position in the UI and reports;
    * ``role`` — ``acquisition`` or ``retention`` (see the module docstring);
    * ``assumptions`` — the pydantic model of its drivers;
    * ``project`` — pure function (drivers, context) → flows;
    * ``spend_lever`` — the driver (yuan per month) that a budget split moves;
    * ``key_drivers`` — drivers whose break-even value is reported;
    * ``headline_drivers`` — drivers the dashboard shows first;
    * ``inactive_drivers`` — drivers that do not affect the result given the strategy's
      choices (e.g. CPM when buying per click): hidden in the dashboard and left out of
      sensitivity and risk.
    """

    key: str
    order: int
    role: Role
    assumptions: type[A]
    project: Callable[[DriverBatch, ProjectionContext], StrategyFlows]
    spend_lever: str
    key_drivers: tuple[str, ...]
    headline_drivers: tuple[str, ...]
    inactive_drivers: Callable[[A], frozenset[str]] = lambda _: frozenset()
