"""Paid performance ads (广告变现): spend → impressions → clicks → orders → GMV.

Formulas, for month t = 1..H (B = monthly budget, S = saturation spend):

* CPC_t = cpc × (1 + cpc_growth_annual)^((t − 1) / 12)      (seeds: +15–18 % a year)
* effective spend E = S × (1 − exp(−B / S)), or E = B when S is null (no saturation);
  E ≤ B, and E → B as S → ∞, so the linear case is the limit.
* clicks_t = E / CPC_t; the average CPC paid is B / clicks_t = CPC_t × B / E, which
  rises with spend (diminishing returns).
* impressions_t = clicks_t / ctr (CTR shapes the funnel view, not the money: ads are
  bought per click);
* orders_t = clicks_t × cvr; GMV_t = orders_t × aov;
* costs: ad spend B plus the agency / operator fee B × agency_fee_rate.
"""

from __future__ import annotations

import numpy as np

from core.model.fields import Provenance, driver
from core.model.sources import SEED_000, SEED_002, SEED_003
from core.model.strategies.base import StrategyAssumptions, StrategyFlows, StrategySpec


class AdsAssumptions(StrategyAssumptions):
    """Drivers of the paid-ads strategy (CPC-bought performance ads)."""

    monthly_budget: float = driver(
        50_000.0,
        unit="yuan_per_month",
        description="Ad spend per month.",
        provenance=Provenance(
            f"{SEED_000} §2.2.2: SME ad spend ≈ 28% of revenue; budget sized for an SME",
            2024,
            "vague",
        ),
        ui=(0.0, 500_000.0, 5_000.0),
        ge=0.0,
    )
    cpc: float = driver(
        2.0,
        unit="yuan_per_click",
        description="Cost per click in month 1.",
        provenance=Provenance(
            f"{SEED_002} part 3: Baidu SEM CPC under ¥1, competitive keywords over ¥10",
            2024,
            "vague",
        ),
        ui=(0.2, 15.0, 0.1),
        gt=0.0,
    )
    ctr: float = driver(
        0.02,
        unit="fraction",
        description="Click-through rate: clicks / impressions.",
        provenance=Provenance(f"{SEED_002} part 3: WeChat Moments ads CTR 1–3%", 2024, "medium"),
        ui=(0.002, 0.10, 0.001),
        gt=0.0,
        le=1.0,
    )
    cvr: float = driver(
        0.03,
        unit="fraction",
        description="Conversion rate: orders / clicks.",
        provenance=Provenance(
            f"{SEED_002} part 3: Moments conversion 1–5%, Baidu SEM conversion 3%", 2024, "medium"
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
    cpc_growth_annual: float = driver(
        0.15,
        unit="fraction_per_year",
        description="Yearly growth of CPC, applied month by month.",
        provenance=Provenance(
            f"{SEED_000} §1.1.1: average CPC +15% vs 2023 (head platforms +18%, §2.1.1)",
            2024,
            "medium",
        ),
        ui=(-0.20, 0.50, 0.01),
        gt=-1.0,
    )
    saturation_spend: float | None = driver(
        300_000.0,
        unit="yuan_per_month",
        description=(
            "Spend scale S of diminishing returns: effective spend = S × (1 − exp(−budget / S)). "
            "null = no diminishing returns."
        ),
        provenance=Provenance(
            "Design assumption: audience saturation for an SME account", 2024, "vague"
        ),
        ui=(20_000.0, 2_000_000.0, 10_000.0),
        gt=0.0,
    )
    agency_fee_rate: float = driver(
        0.0,
        unit="fraction",
        description="Agency or operator fee as a share of ad spend.",
        provenance=Provenance("Design assumption: in-house buying, no agency", 2024, "vague"),
        ui=(0.0, 0.30, 0.01),
        ge=0.0,
        le=1.0,
    )


def cpc_path(cpc: float, growth_annual: float, horizon: int) -> np.ndarray:
    """CPC_t = cpc × (1 + g)^((t − 1) / 12) for t = 1..horizon (yuan per click)."""
    months = np.arange(horizon, dtype=np.float64)
    return np.asarray(cpc * (1.0 + growth_annual) ** (months / 12.0), dtype=np.float64)


def effective_spend(budget: float, saturation_spend: float | None) -> float:
    """Spend that buys clicks at list CPC: S × (1 − exp(−B / S)); B itself when S is None."""
    if saturation_spend is None:
        return budget
    return float(-saturation_spend * np.expm1(-budget / saturation_spend))


def project_ads(a: AdsAssumptions, horizon: int) -> StrategyFlows:
    """Monthly ads flows over ``horizon`` months (see the module docstring)."""
    clicks = effective_spend(a.monthly_budget, a.saturation_spend) / cpc_path(
        a.cpc, a.cpc_growth_annual, horizon
    )
    orders = clicks * a.cvr
    spend = np.full(horizon, a.monthly_budget)
    return StrategyFlows(
        funnel={"impressions": clicks / a.ctr, "clicks": clicks, "orders": orders},
        orders=orders,
        gmv=orders * a.aov,
        cost_lines={"ad_spend": spend, "agency_fee": spend * a.agency_fee_rate},
    )


STRATEGY = StrategySpec(
    key="ads",
    order=1,
    assumptions=AdsAssumptions,
    project=project_ads,
    key_drivers=("cpc", "cvr", "aov"),
    headline_drivers=("monthly_budget", "cpc", "cvr", "aov"),
)
