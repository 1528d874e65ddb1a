"""Private-domain operations (私域流量): members in own channels who buy again and again.

Members come from three sources, each a pool that loses a share c (monthly churn) a
month: existing customers invited at launch (M^base_0 = initial members), paid member
acquisition (J^paid_t = saturate(A / cost per member, K): A = monthly acquisition budget,
K = acquisition ceiling), and — the public → private flow the seeds stress — buyers won
by ads and content who opt in (J^flow_t = opt-in rate × new customers of the acquisition
strategies in month t, when the flow is switched on):

    M^x_t = (1 − c)·M^x_{t−1} + J^x_t.

(A shock may remove a share of every pool at once: :mod:`core.model.shocks`.)

Members who join in month t buy from month t + 1: member orders O^x_t = o × M^x_{t−1}
(o = orders per member-month). The programme is credited only with the orders it adds:

* existing customers: a share σ (incremental share) of their orders;
* paid members (new people): all their orders;
* flow members: their orders minus what they would have bought anyway as ordinary
  customers — baseline_t = f·q·A^j_{t−1} with A^j_t = q·A^j_{t−1} + J^flow_t (business
  repeat drivers f, q). That baseline stays with the ads or content customer who joined,
  so no order is counted twice and switching the flow off leaves ads and content alone.

Costs: setup at t = 0; a fixed part (staff, tools) and a part per member
(cost per member-month × members at the start of the month) every month; the paid
acquisition budget. Member orders carry this strategy's AOV, return and platform fee.
"""

from __future__ import annotations

import numpy as np

from core.model.drivers import DriverBatch
from core.model.economics import OrderStream, UnitEconomics
from core.model.fields import Provenance, driver
from core.model.lifetime import pool_terminal_value, repeat_terminal_value
from core.model.recurrence import stock_path
from core.model.response import saturate
from core.model.sources import BENCH, DESIGN, SEED_000, SEED_002
from core.model.strategies.base import (
    ProjectionContext,
    StrategyAssumptions,
    StrategyFlows,
    StrategySpec,
)


class PrivateDomainAssumptions(StrategyAssumptions):
    """Drivers of a membership / WeChat-community programme."""

    public_to_private_flow: bool = True
    setup_cost: float = driver(
        15_000.0,
        unit="yuan",
        description="One-off setup: mini-program, CRM / SCRM onboarding, launch campaign.",
        provenance=Provenance(
            f"{BENCH}: pd-setup-cost-sme-2024-all (SME ¥10,000–20,000, design)",
            2024,
            "vague",
        ),
        ui=(0.0, 1_000_000.0, 5_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="SME ¥10–20k in the table; in-house systems cost millions (seed 000 §7.1.2)",
    )
    monthly_fixed_cost: float = driver(
        10_000.0,
        unit="yuan_per_month",
        description="Fixed running cost per month: community staff, content, tools.",
        provenance=Provenance(
            f"{BENCH}: pd-community-monthly-cost-sme-2024-all ({SEED_000} §3.3.2: SMEs spend "
            "about ¥10k a month on community upkeep)",
            2024,
            "medium",
        ),
        ui=(0.0, 200_000.0, 1_000.0),
        bounds=(0.0, 10_000_000.0),
        bound_note="SME ¥10k in the table; large programmes far more",
    )
    cost_per_member_month: float = driver(
        2.0,
        unit="yuan_per_member_month",
        description="Running cost per member per month: coupons, messages, SCRM seats.",
        provenance=Provenance(
            f"{DESIGN}: enterprise-WeChat contact fee alone is ¥0.008 a month "
            "(pd-cost-per-member-month-wecom-contact-fee-2024-all); coupons and messages added",
            2024,
            "vague",
        ),
        ui=(0.0, 20.0, 0.5),
        bounds=(0.0, 500.0),
        bound_note="no full public figure; room for rich member benefits",
    )
    initial_members: float = driver(
        2_000.0,
        unit="count",
        description="Existing customers who join at launch.",
        provenance=Provenance(f"{DESIGN}: part of an SME's past buyers", 2024, "vague"),
        ui=(0.0, 100_000.0, 500.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="JD has 50M paid members (seed 000 §2.1.3)",
    )
    opt_in_rate: float = driver(
        0.15,
        unit="fraction",
        description="Share of the new customers won by ads and content who join (加粉率).",
        provenance=Provenance(
            f"{DESIGN}: no public follower-add rate (benchmark field map); package cards and WeCom "
            "invitations",
            2024,
            "vague",
        ),
        ui=(0.0, 0.6, 0.01),
        bounds=(0.0, 1.0),
        bound_note="a share of new customers",
    )
    monthly_acquisition_budget: float = driver(
        3_000.0,
        unit="yuan_per_month",
        description="Paid member acquisition per month (the money a budget split moves).",
        provenance=Provenance(f"{DESIGN}: a small referral and gift budget", 2024, "vague"),
        ui=(0.0, 200_000.0, 1_000.0),
        bounds=(0.0, 100_000_000.0),
        bound_note="no public figure; room for large programmes",
    )
    cost_per_new_member: float = driver(
        60.0,
        unit="yuan_per_member",
        description="Paid acquisition cost per new member at small scale.",
        provenance=Provenance(
            f"{DESIGN}: no public figure; a member who buys costs about what a customer "
            f"from ads costs (CAC ≈ ¥50–70 here); referral rewards ({SEED_002} part 4)",
            2024,
            "vague",
        ),
        ui=(1.0, 200.0, 1.0),
        bounds=(0.1, 10_000.0),
        bound_note="no public figure; room to ¥10,000",
    )
    acquisition_ceiling: float | None = driver(
        500.0,
        unit="members_per_month",
        description="Most new members a month paid acquisition can bring (half of them at "
        "this many at list cost); null = no diminishing returns.",
        provenance=Provenance(f"{DESIGN}: an SME's reachable audience", 2024, "vague"),
        ui=(100.0, 100_000.0, 100.0),
        bounds=(1.0, 100_000_000.0),
        bound_note="no public figure",
    )
    monthly_churn: float = driver(
        0.05,
        unit="fraction_per_month",
        description="Share of members who leave or go inactive each month.",
        provenance=Provenance(
            f"{BENCH}: pd-monthly-churn-community-2024-all (communities 2–8%, design)",
            2024,
            "vague",
        ),
        ui=(0.001, 0.30, 0.005),
        bounds=(0.001, 0.99),
        bound_note="2–8% in the table; members do leave: at least 0.1% a month keeps a "
        "member's value finite; up to 99%",
    )
    orders_per_member_month: float = driver(
        0.10,
        unit="orders_per_member_month",
        description="Orders per member per month.",
        provenance=Provenance(
            f"{DESIGN}: members buy about three times as often as active ordinary customers "
            "(3 × 0.034: about 1.2 orders a year; JD PLUS members +120% frequency, "
            "deep-interaction users 4× conversion); pd-orders-per-member-month-2024-all's "
            f"0.25–1.07 describes the high-frequency segment ({SEED_002} part 4: every 28 days)",
            2024,
            "vague",
        ),
        ui=(0.0, 2.0, 0.01),
        bounds=(0.0, 10.0),
        bound_note="0.25–1.07 in the table; daily fresh-food buyers more",
    )
    aov: float = driver(
        236.0,
        unit="yuan_per_order",
        description="Average order value of members.",
        provenance=Provenance(
            f"{BENCH}: pd-aov-members-2024-all ({SEED_000} §2.1.3: AOV 18% higher with "
            "repurchase > 30%: ¥200 × 1.18)",
            2024,
            "vague",
        ),
        ui=(10.0, 2_000.0, 10.0),
        bounds=(1.0, 100_000.0),
        bound_note="¥200–300 in the table; room for expensive goods",
    )
    incremental_share: float = driver(
        0.2,
        unit="fraction",
        description="Share of existing customers' member orders that would not happen "
        "without the programme.",
        provenance=Provenance(
            f"{BENCH}: pd-incremental-share-loyalty-2024-all (loyalty programmes 5–30%, design)",
            2024,
            "vague",
        ),
        ui=(0.0, 1.0, 0.05),
        bounds=(0.0, 1.0),
        bound_note="a share",
    )
    return_rate: float = driver(
        0.15,
        unit="fraction",
        description="Share of member orders refunded (repeat buyers know size and quality).",
        provenance=Provenance(
            f"{DESIGN}: no private-domain figure (benchmark field map); about half the shop's rate",
            2024,
            "vague",
        ),
        ui=(0.0, 0.80, 0.01),
        bounds=(0.0, 0.95),
        bound_note="no public figure; room to 95%",
    )
    platform_fee_rate: float = driver(
        0.01,
        unit="fraction",
        description="Platform fee on member orders' net sales (mini-program / Channels shop).",
        provenance=Provenance(
            f"{BENCH}: content-platform-fee-rate-wechat-channels-2023-all (1–5%)",
            2023,
            "medium",
        ),
        ui=(0.0, 0.10, 0.005),
        bounds=(0.0, 0.5),
        bound_note="1–5% in the table; room to 50%",
    )


def project_private_domain(p: DriverBatch, ctx: ProjectionContext) -> StrategyFlows:
    """Monthly private-domain flows (see the module docstring)."""
    horizon = ctx.horizon
    b = ctx.business
    keep = 1.0 - p.monthly_churn
    month = np.ones((1, horizon))
    # the same joins every month: saturated once per variant, then spread over the months
    paid_joins = (
        saturate(p.monthly_acquisition_budget / p.cost_per_new_member, p.acquisition_ceiling)
        * month
    )
    flow_on = bool(p.public_to_private_flow)
    flow_joins = p.opt_in_rate * ctx.acquired if flow_on else np.zeros((1, horizon))
    lost = ctx.shock("member_keep")  # members who leave at once (core.model.shocks)
    base_start, base_end = stock_path(np.zeros((1, horizon)), keep, p.initial_members, lost)
    paid_start, paid_end = stock_path(paid_joins, keep, hit=lost)
    flow_start, flow_end = stock_path(flow_joins, keep, hit=lost)
    joiners_start, joiners_end = stock_path(flow_joins, b.customer_retention_monthly)
    baseline = b.repeat_orders_per_customer_month * b.customer_retention_monthly * joiners_start
    rate = p.orders_per_member_month
    members_start = base_start + paid_start + flow_start
    owned = p.incremental_share * rate * base_start + rate * paid_start
    flow_orders = rate * flow_start - baseline
    economics = UnitEconomics(p.aov, p.return_rate, p.platform_fee_rate, np.zeros((1, 1)))
    per_order = economics.contribution_per_order(b)
    per_member = rate * per_order - p.cost_per_member_month
    terminal_flow = pool_terminal_value(
        flow_end, per_member, p.monthly_churn, ctx.rate
    ) - repeat_terminal_value(
        joiners_end,
        b.repeat_orders_per_customer_month,
        b.customer_retention_monthly,
        per_order,
        ctx.rate,
    )
    terminal_owned = pool_terminal_value(
        paid_end, per_member, p.monthly_churn, ctx.rate
    ) + pool_terminal_value(
        base_end,
        p.incremental_share * rate * per_order - p.cost_per_member_month,
        p.monthly_churn,
        ctx.rate,
    )
    joined = paid_joins + flow_joins
    joined = np.concatenate((joined[..., :1] + p.initial_members, joined[..., 1:]), axis=-1)
    return StrategyFlows(
        funnel={"joined": joined, "orders": owned + flow_orders},
        streams={
            "members": OrderStream(owned, economics),
            "flow": OrderStream(flow_orders, economics),
        },
        cost_lines={
            "fixed": p.monthly_fixed_cost * month,
            "per_member": p.cost_per_member_month * members_start,
            "acquisition": p.monthly_acquisition_budget * month,
        },
        marketing_lines=("acquisition", "per_member", "fixed"),
        acquisition_lines=("acquisition",),
        setup_cost=p.setup_cost,
        customers_won=paid_joins,
        terminal_value=terminal_owned + terminal_flow,
        ltv=per_member / (ctx.rate + p.monthly_churn),
        flow_contribution=flow_orders * per_order - p.cost_per_member_month * flow_start,
        flow_terminal_value=terminal_flow,
        joiner_uplift=p.opt_in_rate
        * (
            per_member / (ctx.rate + p.monthly_churn)
            - b.repeat_orders_per_customer_month
            * per_order
            * b.customer_retention_monthly
            / (1.0 + ctx.rate - b.customer_retention_monthly)
        )
        if flow_on
        else None,
    )


def inactive_private_drivers(p: PrivateDomainAssumptions) -> frozenset[str]:
    """Without the public → private flow the opt-in rate does not matter."""
    return frozenset() if p.public_to_private_flow else frozenset({"opt_in_rate"})


STRATEGY = StrategySpec(
    key="private_domain",
    order=3,
    role="retention",
    assumptions=PrivateDomainAssumptions,
    project=project_private_domain,
    spend_lever="monthly_acquisition_budget",
    key_drivers=("monthly_churn", "orders_per_member_month", "aov"),
    headline_drivers=(
        "monthly_fixed_cost",
        "opt_in_rate",
        "monthly_churn",
        "orders_per_member_month",
    ),
    inactive_drivers=inactive_private_drivers,
)
