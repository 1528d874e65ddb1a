"""The business a scenario describes: size, category, product margin, per-order costs and
how ordinary customers buy again.

Per order of a strategy (AOV a, return rate r, platform fee φ, commission κ; see
:mod:`core.model.economics`) the business drivers give

    net sales = a × (1 − r);  gross profit = net sales × gross_margin;
    per-order costs = fulfilment + r × cost_per_return + (φ + payment_fee_rate + κ) × net sales.

The fit profile (``fundable_cash``, ``team``, ``data_maturity``, with size and category)
says what the business can carry; it changes no projection, only the scores and the
guardrails of :mod:`core.analysis.scores` and :mod:`core.analysis.recommendations`.

Repeat buying of ordinary (non-member) customers: a customer won in month s is still
active in month s + k with probability q^k (q = customer_retention_monthly) and an active
customer places f orders a month (f = repeat_orders_per_customer_month): f·q/(1 − q)
repeat orders over a lifetime.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from core.model.fields import Provenance, driver
from core.model.sources import BENCH
from core.model.vocab import BusinessSize, Category, DataMaturity, TeamSize

FUNDABLE_CASH_BY_SIZE: dict[str, float] = {
    "sme": 500_000.0,
    "mid": 3_000_000.0,
    "large": 30_000_000.0,
}
"""Default cash a business can put into a plan before it pays back, by size (yuan).
Design values: about a year of an SME's marketing budget (¥2.3万–11.7万 a month in the
benchmark table, ads-monthly-marketing-budget-sme-2024-all) and ten times more per size
step. The scores and the cash guardrail compare the plan's peak cash need with it."""


class Business(BaseModel):
    """Who is deciding, and the economics every order shares."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    size: BusinessSize = "sme"
    category: Category = "apparel"
    gross_margin: float = driver(
        0.474,
        unit="fraction",
        description="Product margin: share of net sales left after the cost of goods.",
        provenance=Provenance(
            f"{BENCH}: median of the Chinese apparel rows 41.9–57.3% "
            "(ads-gross-margin-bosideng-2024-apparel 57.3%, ads-gross-margin-semir-2024-apparel "
            "41.9%, ads-gross-margin-semir-online-h1-2024-apparel 47.4%); listed brands, not "
            "SME resellers",
            2024,
            "medium",
        ),
        ui=(0.05, 0.90, 0.01),
        bounds=(0.0, 0.95),
        bound_note="listed Chinese sellers 13–71% (benchmark table); room to 95%",
    )
    fulfilment_cost_per_order: float = driver(
        8.02,
        unit="yuan_per_order",
        description="Pick, pack and outbound express per shipped order (returned ones too).",
        provenance=Provenance(
            f"{BENCH}: ads-fulfilment-cost-per-order-express-parcel-2024-all (express revenue "
            "per parcel ¥8.02, all shippers): pick and pack not included, bulk e-commerce "
            "contracts pay less; all-in design rows ¥4–11",
            2024,
            "medium",
        ),
        ui=(0.0, 60.0, 0.5),
        bounds=(0.0, 500.0),
        bound_note="parcels ¥4–11 in the table; bulky goods (furniture, appliances) far more",
    )
    payment_fee_rate: float = driver(
        0.006,
        unit="fraction",
        description="Payment processing fee as a share of net sales.",
        provenance=Provenance(
            f"{BENCH}: ads-payment-fee-rate-wechat-pay-2025-all (WeChat Pay 0.6–1%)",
            2025,
            "vague",
        ),
        ui=(0.0, 0.02, 0.001),
        bounds=(0.0, 0.05),
        bound_note="merchant rates 0.6–1% in the table; room to 5%",
    )
    cost_per_return: float = driver(
        14.0,
        unit="yuan_per_order",
        description="Seller's cost of one returned order: return freight, handling, write-off.",
        provenance=Provenance(
            f"{BENCH}: ads-cost-per-return-2024-all (all-in ¥10–18; return freight ¥8–13)",
            2024,
            "vague",
        ),
        ui=(0.0, 100.0, 1.0),
        bounds=(0.0, 2_000.0),
        bound_note="parcels ¥8–18 in the table; bulky or perishable goods far more",
    )
    repeat_orders_per_customer_month: float = driver(
        0.034,
        unit="orders_per_customer_month",
        description="Orders per month of an active ordinary (non-member) customer after the "
        "first purchase.",
        provenance=Provenance(
            f"{BENCH}: the derivation of pd-repeat-orders-per-customer-month-2024-all "
            "(0.02–0.06, design: 1.5 repeat orders per repeat buyer over 12 months) applied to "
            "apparel's 25–30% (pd-repurchase-rate-shopify-2025-apparel): 1.5 × 0.275 ÷ 12",
            2025,
            "vague",
        ),
        ui=(0.0, 0.5, 0.01),
        bounds=(0.0, 4.0),
        bound_note="0.02–0.06 in the table; weekly fresh-food buyers reach about 4",
    )
    customer_retention_monthly: float = driver(
        0.898,
        unit="fraction_per_month",
        description="Share of active ordinary customers still buying the next month.",
        provenance=Provenance(
            f"{BENCH}: the derivation of pd-retention-rate-customers-monthly-2024-all "
            "(0.87–0.92, design: r^12 = the share who buy again within a year) applied to "
            "apparel's 25–30% (pd-repurchase-rate-shopify-2025-apparel): 0.275^(1/12)",
            2025,
            "vague",
        ),
        ui=(0.5, 0.98, 0.01),
        bounds=(0.0, 0.99),
        bound_note="0.87–0.92 in the table; 0.99 keeps a lifetime finite (100 months)",
    )
    fundable_cash: float = driver(
        FUNDABLE_CASH_BY_SIZE["sme"],
        unit="yuan",
        description="Cash the business can put into the plan before it pays back (own cash "
        "and credit it can draw). Compared with the plan's peak cash need.",
        provenance=Provenance(
            "design: about a year of an SME's marketing budget (ads-monthly-marketing-budget-"
            "sme-2024-all, ¥23k–117k a month); mid-size ¥3M, large ¥30M",
            2024,
            "vague",
        ),
        ui=(0.0, 20_000_000.0, 50_000.0),
        bounds=(0.0, 1e11),
        bound_note="any amount the business states; ¥1,000亿 caps typing errors",
    )
    team: TeamSize = "small"
    data_maturity: DataMaturity = "some"
