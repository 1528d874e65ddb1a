"""Content and live-stream selling (内容变现): content cost + commission → views → orders.

Views build up with carry-over: content keeps drawing views after the month it is made.
For month t = 1..H (g = views growth per month, c = carry-over):

* fresh views  F_t = monthly_views × (1 + g)^(t − 1)   (views a month's new content draws
  in its first month; g models a growing audience);
* total views  V_t = F_t + c × V_{t−1}, V_0 = 0   (geometric adstock: a month's content
  earns F, c·F, c²·F, … in later months; steady state F / (1 − c));
* clicks_t = V_t × click_rate; orders_t = clicks_t × cvr; GMV_t = orders_t × aov;
* costs: production cost + fixed streamer / slot fees each month, plus
  commission_t = GMV_t × commission_rate.

With c = 0 and g = 0 this is views × click_rate × cvr × aov every month.
"""

from __future__ import annotations

import numpy as np

from core.model.fields import Provenance, driver
from core.model.recurrence import decaying_stock
from core.model.sources import SEED_003
from core.model.strategies.base import StrategyAssumptions, StrategyFlows, StrategySpec


class ContentAssumptions(StrategyAssumptions):
    """Drivers of short-video and live-stream selling."""

    monthly_production_cost: float = driver(
        30_000.0,
        unit="yuan_per_month",
        description="Content production cost per month (team, studio, editing).",
        provenance=Provenance(
            f"{SEED_003} §6.1: variable content costs; sized for an SME studio",
            2024,
            "vague",
        ),
        ui=(0.0, 300_000.0, 5_000.0),
        ge=0.0,
    )
    monthly_streamer_fee: float = driver(
        0.0,
        unit="yuan_per_month",
        description="Fixed streamer / slot fees per month (坑位费), on top of commission.",
        provenance=Provenance("Design assumption: own streamers, no slot fee", 2024, "vague"),
        ui=(0.0, 200_000.0, 5_000.0),
        ge=0.0,
    )
    commission_rate: float = driver(
        0.20,
        unit="fraction",
        description="Commission paid on GMV to streamers, KOLs and MCNs.",
        provenance=Provenance(
            f"{SEED_003} §1.2: head streamers ≥ 50%; ordinary creators assumed lower",
            2024,
            "vague",
        ),
        ui=(0.0, 0.60, 0.01),
        ge=0.0,
        le=1.0,
    )
    monthly_views: float = driver(
        300_000.0,
        unit="count_per_month",
        description="Views that one month of new content draws in its first month.",
        provenance=Provenance(
            f"{SEED_003} §3.1: a food brand's tutorial series drew 500k+ views a day",
            2024,
            "vague",
        ),
        ui=(0.0, 5_000_000.0, 10_000.0),
        ge=0.0,
    )
    views_growth_monthly: float = driver(
        0.02,
        unit="fraction_per_month",
        description="Monthly growth of the views new content draws (audience building).",
        provenance=Provenance(
            f"{SEED_003} §1.3: targets of +100k fans in 3 months; taken conservatively",
            2024,
            "vague",
        ),
        ui=(-0.10, 0.20, 0.005),
        gt=-1.0,
    )
    carryover: float = driver(
        0.30,
        unit="fraction",
        description="Share of last month's views that recur this month (content's long tail).",
        provenance=Provenance("Design assumption: geometric decay of content views", 2024, "vague"),
        ui=(0.0, 0.90, 0.05),
        ge=0.0,
        lt=1.0,
    )
    click_rate: float = driver(
        0.17,
        unit="fraction",
        description="Share of views that click through to a product.",
        provenance=Provenance(
            f"{SEED_003} §2.2: views-to-order 1:200 for ordinary merchants, with CVR 3%",
            2024,
            "vague",
        ),
        ui=(0.01, 0.50, 0.01),
        ge=0.0,
        le=1.0,
    )
    cvr: float = driver(
        0.03,
        unit="fraction",
        description="Conversion rate: orders / product clicks.",
        provenance=Provenance(
            f"{SEED_003} §1.2: live-stream conversion ≈ 3% (classic e-commerce 5%)",
            2024,
            "medium",
        ),
        ui=(0.002, 0.15, 0.001),
        ge=0.0,
        le=1.0,
    )
    aov: float = driver(
        200.0,
        unit="yuan_per_order",
        description="Average order value (GMV per order).",
        provenance=Provenance(f"{SEED_003} §1.3: AOV ¥200 before optimisation", 2024, "medium"),
        ui=(10.0, 2_000.0, 10.0),
        ge=0.0,
    )


def views_with_carryover(
    monthly_views: float, growth: float, carryover: float, horizon: int
) -> np.ndarray:
    """V_t = F_t + c × V_{t−1} with F_t = monthly_views × (1 + g)^(t − 1), V_0 = 0."""
    fresh = monthly_views * (1.0 + growth) ** np.arange(horizon, dtype=np.float64)
    return decaying_stock(fresh, carryover)


def project_content(a: ContentAssumptions, horizon: int) -> StrategyFlows:
    """Monthly content flows over ``horizon`` months (see the module docstring)."""
    views = views_with_carryover(a.monthly_views, a.views_growth_monthly, a.carryover, horizon)
    clicks = views * a.click_rate
    orders = clicks * a.cvr
    gmv = orders * a.aov
    return StrategyFlows(
        funnel={"views": views, "clicks": clicks, "orders": orders},
        orders=orders,
        gmv=gmv,
        cost_lines={
            "production": np.full(horizon, a.monthly_production_cost),
            "streamer_fee": np.full(horizon, a.monthly_streamer_fee),
            "commission": gmv * a.commission_rate,
        },
    )


STRATEGY = StrategySpec(
    key="content",
    order=2,
    assumptions=ContentAssumptions,
    project=project_content,
    key_drivers=("monthly_views", "cvr", "commission_rate"),
    headline_drivers=("monthly_production_cost", "commission_rate", "monthly_views", "cvr"),
)
