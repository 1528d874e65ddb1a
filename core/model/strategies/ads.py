"""Paid performance ads (广告变现): budget → impressions → clicks → orders from new customers.

For month t = 1..H (B = monthly budget, g = yearly media price growth):

* price index P_t = (1 + g)^((t − 1)/12)   (seeds: CPC +15–18% a year);
* cost per click c_t = cpc × P_t when buying per click, or cpm × P_t / (1000 × ctr)
  when buying per thousand impressions (oCPM), so CTR matters there;
* clicks at list price L_t = B / c_t; clicks bought C_t = saturate(L_t, K, s)
  (:func:`core.model.response.saturate`: K = saturation_clicks, the most clicks a month
  the audience gives, half of them at L = K; s = response_shape, 1 = concave, > 1 =
  S-shaped). The scale is in clicks, so a dearer click moves along the curve instead of
  being counted twice;
* carry-over: effective clicks E_t = C_t + λ·E_{t−1} (λ = carryover, 0 = none: the
  month's ads sell that month only);
* orders O_t = E_t × cvr, all first purchases of new customers (their repeat buying is
  added by the engine from the business's repeat drivers);
* impressions = E_t / ctr;
* costs: ad spend B, agency fee B × agency_fee_rate, ad team monthly_team_cost; per
  order: the shared unit economics with this strategy's AOV, return and platform fee.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from core.model.drivers import DriverBatch
from core.model.economics import OrderStream, UnitEconomics
from core.model.fields import Provenance, driver
from core.model.recurrence import decaying_stock
from core.model.response import saturate
from core.model.sources import BENCH, DESIGN, SEED_000, SEED_002, SEED_003
from core.model.strategies.base import (
    ProjectionContext,
    StrategyAssumptions,
    StrategyFlows,
    StrategySpec,
)

BuyingModel = Literal["cpc", "cpm"]


class AdsAssumptions(StrategyAssumptions):
    """Drivers of paid performance ads."""

    buying_model: BuyingModel = "cpc"
    monthly_budget: float = driver(
        30_000.0,
        unit="yuan_per_month",
        description="Ad spend per month (the money a budget split moves).",
        provenance=Provenance(
            f"{BENCH}: ads-monthly-marketing-budget-sme-2024-all (SME ¥23k–117k a month "
            f"of marketing); {SEED_000} §2.2.2 SME ad spend ≈ 28% of revenue",
            2024,
            "vague",
        ),
        ui=(0.0, 500_000.0, 5_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="large sellers spend ¥2M+ a month (benchmark table); room to ¥100M",
    )
    cpc: float = driver(
        1.0,
        unit="yuan_per_click",
        description="Cost per paid click in month 1 (when buying per click).",
        provenance=Provenance(
            f"{BENCH}: ads-cpc-wechat-ads-2025-all (¥0.5–5), ads-cpm-qianchuan-ecommerce-"
            "2025-all (¥10–30 CPM at 2% CTR ≈ ¥0.5–1.5 a click); Taobao/JD ¥1–10 design",
            2025,
            "vague",
        ),
        ui=(0.1, 15.0, 0.1),
        bounds=(0.01, 200.0),
        bound_note="¥0.2–10+ in the table (competitive keywords > ¥10); room to ¥200",
    )
    cpm: float = driver(
        20.0,
        unit="yuan_per_mille",
        description="Cost per thousand paid impressions in month 1 (when buying per mille).",
        provenance=Provenance(
            f"{BENCH}: ads-cpm-qianchuan-ecommerce-2025-all (Douyin Qianchuan ¥10–30), "
            "ads-cpm-wechat-ads-2025-all (¥20–100)",
            2025,
            "vague",
        ),
        ui=(1.0, 200.0, 1.0),
        bounds=(0.1, 2_000.0),
        bound_note="¥4–180 in the table; room to ¥2,000",
    )
    ctr: float = driver(
        0.02,
        unit="fraction",
        description="Paid clicks per paid impression.",
        provenance=Provenance(
            f"{BENCH}: ads-ctr-wechat-moments-2022-all (1–3%), marketplace rows 1–5%; "
            f"{SEED_002} part 3",
            2022,
            "medium",
        ),
        ui=(0.002, 0.10, 0.001),
        bounds=(0.0001, 0.5),
        bound_note="1–9% in the table; room to 50%",
    )
    cvr: float = driver(
        0.025,
        unit="fraction",
        description="Orders per paid ad click.",
        provenance=Provenance(
            f"{BENCH}: ads-cvr-baidu-sem-2022-all (3%), ads-cvr-wechat-moments-2022-all and "
            f"ads-cvr-douyin-ad-clicks-2024-all (1–5%; apparel below the middle); "
            f"{SEED_002} part 3",
            2024,
            "medium",
        ),
        ui=(0.002, 0.15, 0.001),
        bounds=(0.0, 0.5),
        bound_note="1–5% per paid click in the table; room to 50%",
    )
    aov: float = driver(
        200.0,
        unit="yuan_per_order",
        description="Average order value of orders from ads (GMV per order).",
        provenance=Provenance(
            f"{BENCH}: ads-aov-2024-all (¥100–300 design); {SEED_003} §1.3 AOV ¥200",
            2024,
            "vague",
        ),
        ui=(10.0, 2_000.0, 10.0),
        bounds=(1.0, 100_000.0),
        bound_note="¥100–300 in the table; appliances and luxury goods far higher",
    )
    cpc_growth_annual: float = driver(
        0.15,
        unit="fraction_per_year",
        description="Yearly growth of media prices (CPC or CPM), applied month by month.",
        provenance=Provenance(
            f"{SEED_000} §1.1.1: average CPC +15% vs 2023 (head platforms +18%, §2.1.1)",
            2024,
            "medium",
        ),
        ui=(-0.20, 0.50, 0.01),
        bounds=(-0.5, 1.0),
        bound_note="+15–18% a year in the seeds; −50% to +100% allowed",
    )
    saturation_clicks: float | None = driver(
        100_000.0,
        unit="clicks_per_month",
        description="Most paid clicks a month the audience can give (half of them are bought "
        "at list price at this many); null = no diminishing returns.",
        provenance=Provenance(f"{DESIGN}: audience of an SME account", 2024, "vague"),
        ui=(5_000.0, 2_000_000.0, 5_000.0),
        bounds=(100.0, 1_000_000_000.0),
        bound_note="no public figure; from a niche account to a national audience",
    )
    response_shape: float = driver(
        1.0,
        unit="multiple",
        description="Hill shape of the response: 1 = each yuan buys less than the last; "
        "above 1 = S-shaped (a threshold spend before ads work).",
        provenance=Provenance(
            f"{DESIGN}: concave response (Hill exponent 1, as in Robyn and Meridian defaults)",
            2024,
            "vague",
        ),
        ui=(0.5, 3.0, 0.1),
        bounds=(0.5, 5.0),
        bound_note="Hill exponents of 0.5–5 cover the shapes MMM tools fit",
    )
    carryover: float = driver(
        0.0,
        unit="fraction",
        description="Share of a month's ad effect that recurs the next month (brand recall).",
        provenance=Provenance(f"{DESIGN}: performance ads sell in the month", 2024, "vague"),
        ui=(0.0, 0.6, 0.05),
        bounds=(0.0, 0.9),
        bound_note="no public figure; below 0.9 so effects fade",
    )
    agency_fee_rate: float = driver(
        0.0,
        unit="fraction",
        description="Agency or operator fee as a share of ad spend.",
        provenance=Provenance(f"{DESIGN}: in-house buying, no agency", 2024, "vague"),
        ui=(0.0, 0.30, 0.01),
        bounds=(0.0, 0.5),
        bound_note="no public schedule; up to half the spend allowed",
    )
    monthly_team_cost: float = driver(
        4_000.0,
        unit="yuan_per_month",
        description="The ad team's cost per month (ad buyer / operator).",
        provenance=Provenance(
            f"{DESIGN}: half of one operator: at ¥30k a month the shop's operator buys the ads "
            "besides running the shop (ads-staff-monthly-cost-ad-operator-2024-all ¥7,000–15,000; "
            "e-commerce operator pay ¥5,300–8,800)",
            2024,
            "vague",
        ),
        ui=(0.0, 100_000.0, 1_000.0),
        bounds=(0.0, 10_000_000.0),
        bound_note="one operator ¥5–15k in the table; large teams far more",
    )
    return_rate: float = driver(
        0.30,
        unit="fraction",
        description="Share of orders from ads refunded (returns and cancellations).",
        provenance=Provenance(
            f"{BENCH}: ads-return-rate-apparel-online-china-2020-apparel (30%); women's "
            "wear online 50–60%, one Taobao shop 70%",
            2024,
            "vague",
        ),
        ui=(0.0, 0.80, 0.01),
        bounds=(0.0, 0.95),
        bound_note="up to 80% in the table (women's wear); room to 95%",
    )
    platform_fee_rate: float = driver(
        0.05,
        unit="fraction",
        description="Platform commission / technical service fee (扣点) on net sales.",
        provenance=Provenance(
            f"{BENCH}: content-platform-fee-rate-douyin-2024-apparel (Douyin apparel 5%); "
            "platform rows 1–10%",
            2024,
            "vague",
        ),
        ui=(0.0, 0.20, 0.005),
        bounds=(0.0, 0.5),
        bound_note="1–10% in the table; room to 50%",
    )


def cost_per_click(a: DriverBatch, horizon: int) -> np.ndarray:
    """c_t in yuan per click: cpc × P_t, or cpm × P_t / (1000 × ctr) when buying per mille."""
    months = np.arange(horizon, dtype=np.float64)
    index = (1.0 + a.cpc_growth_annual) ** (months / 12.0)
    base = a.cpc if a.buying_model == "cpc" else a.cpm / (1_000.0 * a.ctr)
    return np.asarray(base * index, dtype=np.float64)


def project_ads(a: DriverBatch, ctx: ProjectionContext) -> StrategyFlows:
    """Monthly ads flows (see the module docstring)."""
    horizon = ctx.horizon
    budget = a.monthly_budget * np.ones((1, horizon))
    price = cost_per_click(a, horizon)
    if (shocked := ctx.shock("media_price")) is not None:
        price = price * shocked  # dearer media (core.model.shocks)
    linear = budget / price
    clicks = decaying_stock(saturate(linear, a.saturation_clicks, a.response_shape), a.carryover)
    orders = clicks * a.cvr
    economics = UnitEconomics(a.aov, a.return_rate, a.platform_fee_rate, np.zeros((1, 1)))
    return StrategyFlows(
        funnel={"impressions": clicks / a.ctr, "clicks": clicks, "orders": orders},
        streams={"first": OrderStream(orders, economics)},
        cost_lines={
            "ad_spend": budget,
            "agency_fee": budget * a.agency_fee_rate,
            "team": a.monthly_team_cost * np.ones((1, horizon)),
        },
        marketing_lines=("ad_spend", "agency_fee"),
        setup_cost=np.zeros((1, 1)),
        new_customers=orders,
    )


def inactive_ads_drivers(a: AdsAssumptions) -> frozenset[str]:
    """CPM does not matter when buying per click, CPC not when buying per mille."""
    return frozenset({"cpm"} if a.buying_model == "cpc" else {"cpc"})


STRATEGY = StrategySpec(
    key="ads",
    order=1,
    role="acquisition",
    assumptions=AdsAssumptions,
    project=project_ads,
    spend_lever="monthly_budget",
    key_drivers=("cpc", "cvr", "aov"),
    headline_drivers=("monthly_budget", "cpc", "cpm", "cvr", "aov"),
    inactive_drivers=inactive_ads_drivers,
)
