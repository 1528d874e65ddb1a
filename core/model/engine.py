"""The engine: a scenario → monthly projections and metrics per strategy and in total.

For each enabled strategy, its pure ``project`` gives orders, GMV and cost lines; then,
month by month (yuan):

* refunds = GMV × return_rate; net revenue = GMV − refunds;
* gross profit = net revenue × gross_margin;
* contribution = gross profit − costs (spend, production, commissions, fees, operating);
* cumulative cash at month t = −setup + Σ_{s≤t} contribution_s.

The total is the month-by-month sum of the enabled strategies; its metrics are computed
from the summed series (so total NPV = Σ strategy NPVs, total ROI = Σ net profit /
Σ investment). Shares are each strategy's part of the total net revenue, contribution and
investment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.model.business import Business
from core.model.finance import FloatArray, Metrics, cumulative_cash, summarize
from core.model.scenario import ScenarioBase
from core.model.strategies import REGISTRY, StrategyFlows, get_strategy


@dataclass(frozen=True)
class Projection:
    """Monthly series (arrays of length H, yuan unless noted) and their horizon metrics."""

    funnel: Mapping[str, FloatArray]
    orders: FloatArray
    gmv: FloatArray
    refunds: FloatArray
    net_revenue: FloatArray
    gross_profit: FloatArray
    cost_lines: Mapping[str, FloatArray]
    costs: FloatArray
    contribution: FloatArray
    setup_cost: float
    cumulative_cash: FloatArray
    metrics: Metrics

    @property
    def horizon(self) -> int:
        """Number of projected months."""
        return int(self.orders.size)


def _finish(
    *,
    funnel: Mapping[str, FloatArray],
    orders: FloatArray,
    gmv: FloatArray,
    cost_lines: Mapping[str, FloatArray],
    setup_cost: float,
    business: Business,
    annual_rate: float,
) -> Projection:
    refunds = gmv * business.return_rate
    net_revenue = gmv - refunds
    gross_profit = net_revenue * business.gross_margin
    costs = np.sum(list(cost_lines.values()), axis=0) if cost_lines else np.zeros(orders.size)
    contribution = gross_profit - costs
    return Projection(
        funnel=funnel,
        orders=orders,
        gmv=gmv,
        refunds=refunds,
        net_revenue=net_revenue,
        gross_profit=gross_profit,
        cost_lines=cost_lines,
        costs=costs,
        contribution=contribution,
        setup_cost=setup_cost,
        cumulative_cash=cumulative_cash(contribution, setup_cost),
        metrics=summarize(
            orders=orders,
            gmv=gmv,
            net_revenue=net_revenue,
            gross_profit=gross_profit,
            costs=costs,
            setup_cost=setup_cost,
            annual_rate=annual_rate,
        ),
    )


def project_strategy(scenario: ScenarioBase, key: str) -> Projection:
    """Projection of one strategy, whether or not it is enabled."""
    spec = get_strategy(key)
    flows: StrategyFlows = spec.project(scenario.strategy(key), scenario.horizon_months)
    return _finish(
        funnel=flows.funnel,
        orders=flows.orders,
        gmv=flows.gmv,
        cost_lines=flows.cost_lines,
        setup_cost=flows.setup_cost,
        business=scenario.business,
        annual_rate=scenario.annual_discount_rate,
    )


@dataclass(frozen=True)
class Shares:
    """A strategy's share of the total (fractions; ``None`` where the total is zero)."""

    net_revenue: float | None
    contribution: float | None
    investment: float | None


@dataclass(frozen=True)
class ScenarioResult:
    """Projections of the enabled strategies, their total, and each one's share of it."""

    strategies: Mapping[str, Projection]
    total: Projection
    shares: Mapping[str, Shares]


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole != 0 else None


def _total(projections: Mapping[str, Projection], scenario: ScenarioBase) -> Projection:
    horizon = scenario.horizon_months
    parts = list(projections.values())

    def add(attr: str) -> FloatArray:
        return np.sum([getattr(p, attr) for p in parts], axis=0) if parts else np.zeros(horizon)

    cost_lines: dict[str, FloatArray] = {}
    for part in parts:
        for name, line in part.cost_lines.items():
            cost_lines[name] = cost_lines.get(name, np.zeros(horizon)) + line
    orders = add("orders")
    return _finish(
        funnel={"orders": orders},
        orders=orders,
        gmv=add("gmv"),
        cost_lines=cost_lines,
        setup_cost=float(sum(p.setup_cost for p in parts)),
        business=scenario.business,
        annual_rate=scenario.annual_discount_rate,
    )


def evaluate(scenario: ScenarioBase) -> ScenarioResult:
    """Project every enabled strategy and the total (see the module docstring)."""
    projections = {
        spec.key: project_strategy(scenario, spec.key)
        for spec in REGISTRY
        if scenario.strategy(spec.key).enabled
    }
    total = _total(projections, scenario)
    shares = {
        key: Shares(
            net_revenue=_share(p.metrics.net_revenue, total.metrics.net_revenue),
            contribution=_share(p.metrics.contribution, total.metrics.contribution),
            investment=_share(p.metrics.investment, total.metrics.investment),
        )
        for key, p in projections.items()
    }
    return ScenarioResult(strategies=projections, total=total, shares=shares)
