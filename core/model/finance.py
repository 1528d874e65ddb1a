"""Discounting, payback and the summary metrics every strategy and mix shares.

Conventions (the whole product uses them):

* cash flows fall at the end of month t = 1..H; setup costs fall at t = 0;
* contribution_t = gross profit_t − that month's strategy costs;
* net_profit = Σ_t contribution_t − setup;
* investment = Σ_t costs_t + setup (every cost of the strategy over the horizon);
* ROI = net_profit / investment; ROAS = Σ_t net revenue_t / investment;
* monthly rate r_m = (1 + annual rate)^(1/12) − 1;
  NPV = −setup + Σ_t contribution_t / (1 + r_m)^t;
* payback month = first t with −setup + Σ_{s≤t} contribution_s ≥ 0, or none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def monthly_rate(annual_rate: float) -> float:
    """Monthly discount rate equivalent to ``annual_rate``: (1 + a)^(1/12) − 1."""
    return float((1.0 + annual_rate) ** (1.0 / 12.0) - 1.0)


def discount_factors(horizon: int, annual_rate: float) -> FloatArray:
    """1 / (1 + r_m)^t for t = 1..horizon."""
    months = np.arange(1, horizon + 1, dtype=np.float64)
    return np.asarray((1.0 + monthly_rate(annual_rate)) ** -months, dtype=np.float64)


def cumulative_cash(contribution: FloatArray, setup_cost: float) -> FloatArray:
    """Cash position at the end of months 0..H: −setup, then −setup + Σ_{s≤t} contribution_s."""
    return np.concatenate(([-setup_cost], np.cumsum(contribution) - setup_cost))


def npv(contribution: FloatArray, setup_cost: float, annual_rate: float) -> float:
    """NPV = −setup + Σ_t contribution_t / (1 + r_m)^t, in yuan."""
    factors = discount_factors(contribution.size, annual_rate)
    return float(contribution @ factors - setup_cost)


def payback_month(contribution: FloatArray, setup_cost: float) -> int | None:
    """First month t (1-based) whose cumulative cash is ≥ 0, or ``None`` within the horizon.

    Month 0 never counts: a strategy without setup cost pays back in the first month whose
    running sum of contribution is non-negative.
    """
    reached = np.flatnonzero(np.cumsum(contribution) - setup_cost >= 0.0)
    return int(reached[0]) + 1 if reached.size else None


@dataclass(frozen=True)
class Metrics:
    """Horizon totals for one strategy or a mix. Money in yuan; ``roi``/``roas`` are ratios.

    ``roi`` and ``roas`` are ``None`` when nothing is invested (division by zero).
    """

    investment: float
    orders: float
    gmv: float
    net_revenue: float
    gross_profit: float
    contribution: float
    setup_cost: float
    net_profit: float
    roi: float | None
    roas: float | None
    npv: float
    payback_month: int | None


def summarize(
    *,
    orders: FloatArray,
    gmv: FloatArray,
    net_revenue: FloatArray,
    gross_profit: FloatArray,
    costs: FloatArray,
    setup_cost: float,
    annual_rate: float,
) -> Metrics:
    """Horizon metrics from monthly series, following the module's conventions."""
    contribution = gross_profit - costs
    investment = float(costs.sum() + setup_cost)
    net_profit = float(contribution.sum() - setup_cost)
    total_net_revenue = float(net_revenue.sum())
    return Metrics(
        investment=investment,
        orders=float(orders.sum()),
        gmv=float(gmv.sum()),
        net_revenue=total_net_revenue,
        gross_profit=float(gross_profit.sum()),
        contribution=float(contribution.sum()),
        setup_cost=setup_cost,
        net_profit=net_profit,
        roi=net_profit / investment if investment > 0 else None,
        roas=total_net_revenue / investment if investment > 0 else None,
        npv=npv(contribution, setup_cost, annual_rate),
        payback_month=payback_month(contribution, setup_cost),
    )
