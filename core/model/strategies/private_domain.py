"""Private-domain operations (私域流量): members in own channels who buy again and again.

For month t = 1..H (c = monthly churn, n = new members per month):

* members at month end  M_t = M_{t−1} × (1 − c) + n,  M_0 = initial_members
  (steady state n / c);
* orders_t = M_t × orders_per_member_month; GMV_t = orders_t × aov;
* costs: setup cost once at t = 0; operating cost every month; acquisition
  n × cost_per_new_member every month.
"""

from __future__ import annotations

import numpy as np

from core.model.fields import Provenance, driver
from core.model.recurrence import decaying_stock
from core.model.sources import SEED_000, SEED_002
from core.model.strategies.base import StrategyAssumptions, StrategyFlows, StrategySpec


class PrivateDomainAssumptions(StrategyAssumptions):
    """Drivers of a membership / WeChat-community programme."""

    setup_cost: float = driver(
        80_000.0,
        unit="yuan",
        description="One-off setup: mini-program, CRM / SaaS onboarding, launch campaign.",
        provenance=Provenance(
            f"{SEED_000} §7.1.2: ¥10k/year tools vs millions in-house; launch work assumed",
            2024,
            "vague",
        ),
        ui=(0.0, 1_000_000.0, 10_000.0),
        ge=0.0,
    )
    monthly_operating_cost: float = driver(
        10_000.0,
        unit="yuan_per_month",
        description="Community upkeep, content and staff per month.",
        provenance=Provenance(
            f"{SEED_000} §3.3.2: SMEs spend about ¥10k a month on community upkeep",
            2024,
            "medium",
        ),
        ui=(0.0, 200_000.0, 1_000.0),
        ge=0.0,
    )
    initial_members: float = driver(
        1_000.0,
        unit="count",
        description="Members at launch (existing customers invited in).",
        provenance=Provenance("Design assumption: an SME's existing buyers", 2024, "vague"),
        ui=(0.0, 100_000.0, 500.0),
        ge=0.0,
    )
    monthly_new_members: float = driver(
        300.0,
        unit="count_per_month",
        description="Members added each month.",
        provenance=Provenance(
            f"{SEED_000} §2.1.3: private-domain traffic +25%/year; SME scale assumed",
            2024,
            "vague",
        ),
        ui=(0.0, 20_000.0, 50.0),
        ge=0.0,
    )
    cost_per_new_member: float = driver(
        5.0,
        unit="yuan_per_member",
        description="Acquisition cost per new member (coupon, gift, referral reward).",
        provenance=Provenance("Design assumption: small add-to-WeChat incentive", 2024, "vague"),
        ui=(0.0, 100.0, 1.0),
        ge=0.0,
    )
    monthly_churn: float = driver(
        0.05,
        unit="fraction_per_month",
        description="Share of members lost each month.",
        provenance=Provenance(
            f"{SEED_002} part 4: lifecycle ends in decline; rate assumed", 2024, "vague"
        ),
        ui=(0.0, 0.50, 0.005),
        ge=0.0,
        lt=1.0,
    )
    orders_per_member_month: float = driver(
        0.08,
        unit="orders_per_member_month",
        description="Orders per member per month (repurchase frequency).",
        provenance=Provenance(
            f"{SEED_002} part 4: high-value users repurchase every 28 days; average member "
            "assumed far lower",
            2024,
            "vague",
        ),
        ui=(0.0, 1.5, 0.01),
        ge=0.0,
    )
    aov: float = driver(
        236.0,
        unit="yuan_per_order",
        description="Average order value of members.",
        provenance=Provenance(
            f"{SEED_000} §2.1.3: AOV 18% higher with repurchase > 30% (¥200 × 1.18)",
            2024,
            "medium",
        ),
        ui=(10.0, 2_000.0, 10.0),
        ge=0.0,
    )


def members_path(initial: float, new_per_month: float, churn: float, horizon: int) -> np.ndarray:
    """M_t = M_{t−1} × (1 − churn) + new for t = 1..horizon, M_0 = ``initial``."""
    return decaying_stock(np.full(horizon, new_per_month), 1.0 - churn, initial)


def project_private_domain(a: PrivateDomainAssumptions, horizon: int) -> StrategyFlows:
    """Monthly private-domain flows over ``horizon`` months (see the module docstring)."""
    members = members_path(a.initial_members, a.monthly_new_members, a.monthly_churn, horizon)
    orders = members * a.orders_per_member_month
    return StrategyFlows(
        funnel={"members": members, "orders": orders},
        orders=orders,
        gmv=orders * a.aov,
        cost_lines={
            "operating": np.full(horizon, a.monthly_operating_cost),
            "acquisition": np.full(horizon, a.monthly_new_members * a.cost_per_new_member),
        },
        setup_cost=a.setup_cost,
    )


STRATEGY = StrategySpec(
    key="private_domain",
    order=3,
    assumptions=PrivateDomainAssumptions,
    project=project_private_domain,
    key_drivers=("monthly_churn", "orders_per_member_month", "aov"),
    headline_drivers=(
        "monthly_operating_cost",
        "monthly_new_members",
        "monthly_churn",
        "orders_per_member_month",
    ),
)
