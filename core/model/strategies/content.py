"""Content and live-stream selling (内容变现): content money → views → product clicks → orders.

For month t = 1..H (B = monthly content budget, π = promotion share):

* production P = B × (1 − π), paid promotion Q = B × π (DOU+, Qianchuan for live rooms);
* audience build-up R_t = M − (M − 1)·exp(−(t − 1)/τ) (:func:`core.model.response.
  reach_ramp`): organic reach grows and levels off at M times today's instead of
  compounding without bound;
* views at list price L_t = v × P/1000 × R_t + Q/cpm_p × 1000 (v = organic views per
  ¥1,000 of production, cpm_p = promotion CPM); fresh views F_t = saturate(L_t, K) with
  K = view_ceiling (the audience's limit, half reached at L = K);
* live sessions (share ℓ of views) sell that month only; short video has a long tail:
  S_t = (1 − ℓ)·F_t + λ·S_{t−1}; views V_t = ℓ·F_t + S_t;
* product clicks = V_t × click_rate; orders = clicks × cvr, first purchases of new
  customers (repeat buying comes from the engine);
* costs: production P and promotion Q; a one-off studio setup; the content team
  (editing, operations) every month; and who sells on camera — own streamers
  (``streamer_model = own``: their monthly pay) or affiliates (``affiliate``: a slot fee
  坑位费 per month plus commission on net sales, refunded sales carry none).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from core.model.drivers import DriverBatch
from core.model.economics import OrderStream, UnitEconomics
from core.model.fields import Provenance, driver
from core.model.recurrence import decaying_stock
from core.model.response import reach_ramp, saturate
from core.model.sources import BENCH, DESIGN, SEED_001, SEED_003
from core.model.strategies.base import (
    ProjectionContext,
    StrategyAssumptions,
    StrategyFlows,
    StrategySpec,
)

StreamerModel = Literal["own", "affiliate"]


class ContentAssumptions(StrategyAssumptions):
    """Drivers of short-video and live-stream selling."""

    streamer_model: StreamerModel = "own"
    monthly_budget: float = driver(
        30_000.0,
        unit="yuan_per_month",
        description="Content money per month: production plus paid promotion of content.",
        provenance=Provenance(
            f"{BENCH}: ads-monthly-marketing-budget-sme-2024-all (SME ¥23k–117k a month "
            f"of marketing); {SEED_003} §6.1 variable content costs",
            2024,
            "vague",
        ),
        ui=(0.0, 500_000.0, 5_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="large sellers spend ¥2M+ a month (benchmark table); room to ¥100M",
    )
    promotion_share: float = driver(
        0.6,
        unit="fraction",
        description="Share of the content budget spent on paid promotion (投流) of content.",
        provenance=Provenance(
            f"{DESIGN}: SME live rooms buy most of their traffic (Qianchuan, DOU+)", 2024, "vague"
        ),
        ui=(0.0, 1.0, 0.05),
        bounds=(0.0, 1.0),
        bound_note="a share of the budget",
    )
    views_per_kyuan: float = driver(
        20_000.0,
        unit="views_per_kyuan",
        description="Organic views per ¥1,000 of production with today's audience.",
        provenance=Provenance(
            f"{DESIGN}: no public figure relates organic views to production spend "
            "(benchmark field map); set so content returns GMV ≈ 3–4 × its spend, as "
            f"{SEED_001} §3.3 (ROI 1:3) and {SEED_003} §7.2 (1:3 → 1:5) report",
            2024,
            "vague",
        ),
        ui=(0.0, 200_000.0, 1_000.0),
        bounds=(0.0, 10_000_000.0),
        bound_note="no public figure; room for viral accounts",
    )
    promotion_cpm: float = driver(
        30.0,
        unit="yuan_per_mille",
        description="Cost per thousand views bought by promoting content or a live room.",
        provenance=Provenance(
            f"{BENCH}: content-cpm-dou-plus-2024-douyin (DOU+ ¥20), ads-cpm-qianchuan-"
            "ecommerce-2025-all (¥10–30)",
            2025,
            "vague",
        ),
        ui=(1.0, 200.0, 1.0),
        bounds=(0.1, 2_000.0),
        bound_note="¥10–30 in the table; room to ¥2,000",
    )
    view_ceiling: float | None = driver(
        3_000_000.0,
        unit="views_per_month",
        description="Most fresh views a month the audience gives (half reached at this many "
        "views at list price); null = no diminishing returns.",
        provenance=Provenance(f"{DESIGN}: reach of an SME account", 2024, "vague"),
        ui=(100_000.0, 50_000_000.0, 100_000.0),
        bounds=(1_000.0, 10_000_000_000.0),
        bound_note="no public figure; from a niche account to a national audience",
    )
    audience_multiple: float = driver(
        2.0,
        unit="multiple",
        description="How many times today's organic reach the audience levels off at.",
        provenance=Provenance(
            f"{SEED_003} §1.3: +100k fans in 3 months as a target; taken as a doubling",
            2024,
            "vague",
        ),
        ui=(1.0, 5.0, 0.1),
        bounds=(1.0, 20.0),
        bound_note="1 = no growth; up to 20× for an account built from scratch",
    )
    ramp_months: float = driver(
        6.0,
        unit="months",
        description="Months for the audience to cover 63% of its growth.",
        provenance=Provenance(f"{SEED_003} §1.3: 3–6 month growth targets", 2024, "vague"),
        ui=(1.0, 24.0, 1.0),
        bounds=(0.5, 120.0),
        bound_note="half a month to ten years",
    )
    live_share: float = driver(
        0.6,
        unit="fraction",
        description="Share of views from live sessions (no long tail); the rest short video.",
        provenance=Provenance(
            f"{BENCH}: content-market-share-live-douyin-gmv-2024-all (live ≈ 60% of Douyin GMV)",
            2024,
            "medium",
        ),
        ui=(0.0, 1.0, 0.05),
        bounds=(0.0, 1.0),
        bound_note="a share",
    )
    carryover: float = driver(
        0.3,
        unit="fraction",
        description="Share of last month's short-video views that recur this month.",
        provenance=Provenance(f"{DESIGN}: long tail of short video", 2024, "vague"),
        ui=(0.0, 0.9, 0.05),
        bounds=(0.0, 0.95),
        bound_note="no public figure; below 0.95 so views fade",
    )
    click_rate: float = driver(
        0.02,
        unit="fraction",
        description="Product clicks per view (商品点击率).",
        provenance=Provenance(
            f"{DESIGN}: no public figure (benchmark field map); with CVR 5% gives 1 order per "
            f"1,000 views, below the 1:200 of ordinary merchants in {SEED_003} §2.2, which "
            "counts engaged viewers",
            2024,
            "vague",
        ),
        ui=(0.001, 0.20, 0.001),
        bounds=(0.0, 0.8),
        bound_note="no public figure; room to 80%",
    )
    cvr: float = driver(
        0.05,
        unit="fraction",
        description="Orders per product click (点击转化率), not per viewer or follower.",
        provenance=Provenance(
            f"{DESIGN}: no public click-level figure; live conversion ≈ 3% per viewer in "
            f"{SEED_003} §1.2 is another measure",
            2024,
            "vague",
        ),
        ui=(0.002, 0.30, 0.002),
        bounds=(0.0, 0.8),
        bound_note="no public figure; room to 80%",
    )
    aov: float = driver(
        200.0,
        unit="yuan_per_order",
        description="Average order value of content and live orders.",
        provenance=Provenance(
            f"{BENCH}: content-aov-live-baseline-2024-all ({SEED_003} §1.3: AOV ¥200)",
            2024,
            "medium",
        ),
        ui=(10.0, 2_000.0, 10.0),
        bounds=(1.0, 100_000.0),
        bound_note="¥200–300 in the table; room for expensive goods",
    )
    setup_cost: float = driver(
        10_000.0,
        unit="yuan",
        description="One-off studio setup: camera, lights, room.",
        provenance=Provenance(f"{DESIGN}: a small live-stream studio", 2024, "vague"),
        ui=(0.0, 500_000.0, 5_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="no public figure; room for a professional studio",
    )
    monthly_team_cost: float = driver(
        6_000.0,
        unit="yuan_per_month",
        description="Content team per month (editing, live-room operations).",
        provenance=Provenance(
            f"{BENCH}: e-commerce operator pay ¥5,300–8,800 a month "
            "(ads-staff-monthly-cost-ecommerce-operator-nanchang-2024-all)",
            2024,
            "vague",
        ),
        ui=(0.0, 200_000.0, 1_000.0),
        bounds=(0.0, 10_000_000.0),
        bound_note="one operator ¥5–9k in the table; large teams far more",
    )
    monthly_streamer_pay: float = driver(
        12_000.0,
        unit="yuan_per_month",
        description="Own streamers' pay per month (when streamer_model is own).",
        provenance=Provenance(
            f"{BENCH}: content-staff-monthly-cost-taobao-streamer-2023-taobao (¥10,000–20,000)",
            2023,
            "vague",
        ),
        ui=(0.0, 200_000.0, 1_000.0),
        bounds=(0.0, 10_000_000.0),
        bound_note="¥10–20k for one streamer in the table; teams far more",
    )
    commission_rate: float = driver(
        0.20,
        unit="fraction",
        description="Affiliate commission on net sales (when streamer_model is affiliate).",
        provenance=Provenance(
            f"{BENCH}: content-commission-rate-douyin-select-alliance-2024-all (10–30%); "
            f"head streamers ≥ 50% ({SEED_003} §1.2)",
            2024,
            "vague",
        ),
        ui=(0.0, 0.60, 0.01),
        bounds=(0.0, 0.9),
        bound_note="10–50% in the table; room to 90%",
    )
    monthly_slot_fee: float = driver(
        10_000.0,
        unit="yuan_per_month",
        description="Affiliate slot fees (坑位费) per month (when streamer_model is affiliate).",
        provenance=Provenance(
            f"{DESIGN}: no public slot-fee figure (benchmark field map); a few small sessions",
            2024,
            "vague",
        ),
        ui=(0.0, 500_000.0, 5_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="no public figure; head streamers charge far more",
    )
    return_rate: float = driver(
        0.40,
        unit="fraction",
        description="Share of content and live orders refunded.",
        provenance=Provenance(
            f"{BENCH}: content-return-rate-live-womens-wear-2020-apparel (women's wear "
            "50–60%), content-return-rate-live-commerce-2025-all (up to 50%); all apparel "
            "assumed lower",
            2025,
            "vague",
        ),
        ui=(0.0, 0.90, 0.01),
        bounds=(0.0, 0.95),
        bound_note="up to 80%+ in the table (women's wear live); room to 95%",
    )
    platform_fee_rate: float = driver(
        0.05,
        unit="fraction",
        description="Platform technical service fee (扣点) on net sales.",
        provenance=Provenance(
            f"{BENCH}: content-platform-fee-rate-douyin-2024-apparel (5%); rows 1–10%",
            2024,
            "vague",
        ),
        ui=(0.0, 0.20, 0.005),
        bounds=(0.0, 0.5),
        bound_note="1–10% in the table; room to 50%",
    )


def fresh_views(c: DriverBatch, horizon: int) -> np.ndarray:
    """F_t = saturate(v × P/1000 × R_t + Q/cpm_p × 1000, K) (module docstring)."""
    production = c.monthly_budget * (1.0 - c.promotion_share)
    promotion = c.monthly_budget * c.promotion_share
    reach = reach_ramp(c.audience_multiple, c.ramp_months, horizon)
    linear = c.views_per_kyuan * production / 1_000.0 * reach + promotion / c.promotion_cpm * 1e3
    return saturate(linear, c.view_ceiling)


def project_content(c: DriverBatch, ctx: ProjectionContext) -> StrategyFlows:
    """Monthly content flows (see the module docstring)."""
    horizon = ctx.horizon
    fresh = fresh_views(c, horizon)
    if (shocked := ctx.shock("content_views")) is not None:
        fresh = fresh * shocked  # traffic or affiliate income lost (core.model.shocks)
    short_video = decaying_stock((1.0 - c.live_share) * fresh, c.carryover)
    views = c.live_share * fresh + short_video
    clicks = views * c.click_rate
    orders = clicks * c.cvr
    affiliate = c.streamer_model == "affiliate"
    commission = c.commission_rate if affiliate else np.zeros((1, 1))
    month = np.ones((1, horizon))
    lines = {
        "production": c.monthly_budget * (1.0 - c.promotion_share) * month,
        "promotion": c.monthly_budget * c.promotion_share * month,
        "team": c.monthly_team_cost * month,
    }
    if affiliate:
        lines["slot_fee"] = c.monthly_slot_fee * month
    else:
        lines["streamer_pay"] = c.monthly_streamer_pay * month
    return StrategyFlows(
        funnel={"views": views, "clicks": clicks, "orders": orders},
        streams={
            "first": OrderStream(
                orders, UnitEconomics(c.aov, c.return_rate, c.platform_fee_rate, commission)
            )
        },
        cost_lines=lines,
        marketing_lines=("production", "promotion", "slot_fee", "streamer_pay", "commission"),
        setup_cost=c.setup_cost,
        new_customers=orders,
    )


def inactive_content_drivers(c: ContentAssumptions) -> frozenset[str]:
    """Own streamers take pay, not commission or slot fees; affiliates the other way round."""
    if c.streamer_model == "own":
        return frozenset({"commission_rate", "monthly_slot_fee"})
    return frozenset({"monthly_streamer_pay"})


STRATEGY = StrategySpec(
    key="content",
    order=2,
    role="acquisition",
    assumptions=ContentAssumptions,
    project=project_content,
    spend_lever="monthly_budget",
    key_drivers=("views_per_kyuan", "cvr", "return_rate"),
    headline_drivers=("monthly_budget", "promotion_share", "cvr", "return_rate"),
    inactive_drivers=inactive_content_drivers,
)
