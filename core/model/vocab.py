"""Every vocabulary of the product, defined once.

The model, the data layer, the demo-store generator, the catalog tests and the benchmark
table's checks all take their word lists from here. Strategy keys are the one exception:
they come from the strategy registry (:data:`core.model.strategies.STRATEGY_KEYS`), so a
new strategy module brings its own key.
"""

from __future__ import annotations

from typing import Literal, get_args

BusinessSize = Literal["sme", "mid", "large"]
"""Business size: small / medium enterprise, mid-size, large."""

TeamSize = Literal["solo", "small", "dedicated"]
"""People who can run content and a community: the owner alone, a small team (2–5) doing
several jobs, or a dedicated team per channel (fit profile of the scores)."""

DataMaturity = Literal["basic", "some", "advanced"]
"""How far the business uses its own data: platform reports only, customer lists and a
CRM / SaaS tool, or its own tags, segments and tested targeting (fit profile)."""

Category = Literal[
    "apparel",
    "beauty",
    "food",
    "fresh",
    "mother_baby",
    "home",
    "electronics",
    "agri",
    "fmcg",
    "other",
]
"""Product category of a business (``other``: none of the named ones)."""

BenchmarkCategory = Literal[
    "apparel",
    "beauty",
    "food",
    "fresh",
    "mother_baby",
    "home",
    "electronics",
    "agri",
    "fmcg",
    "all",
]
"""Category of a benchmark row: a product category, or ``all`` for cross-category figures."""

Platform = Literal[
    "taobao", "jd", "douyin", "kuaishou", "pinduoduo", "wechat", "baidu", "xiaohongshu", "global"
]  # fmt: skip
"""Platform of a benchmark row; ``global`` = cross-platform figures."""

Channel = Literal["ads", "content", "private_domain", "organic"]
"""Channel an order came through: a strategy key, or ``organic`` (no strategy)."""

Quality = Literal["solid", "medium", "vague"]
"""How far a figure can be trusted (see data/benchmarks/README.md)."""

Unit = Literal[
    # Money
    "yuan",
    "yuan_bn",
    "yuan_per_month",
    "yuan_per_year",
    "yuan_per_click",
    "yuan_per_mille",
    "yuan_per_order",
    "yuan_per_member",
    "yuan_per_member_month",
    # Rates and ratios
    "fraction",
    "fraction_per_year",
    "fraction_per_month",
    "ratio",
    # Counts and time
    "count",
    "count_per_month",
    "per_month",
    "orders_per_member_month",
    "orders_per_customer_month",
    "members_per_month",
    "views_per_kyuan",
    "clicks_per_month",
    "views_per_month",
    "multiple",
    "months",
]
"""Units of driver fields and benchmark rows. Rates are fractions (0.03 = 3%)."""

Metric = Literal[
    # The brief's list (data/benchmarks/README.md, "Metrics").
    "cpc", "cpm", "ctr", "cvr", "aov", "commission_rate", "return_rate", "repurchase_rate",
    "monthly_churn", "community_monthly_cost", "cpc_growth", "ad_spend_share_of_revenue",
    "gross_margin", "views_to_order_ratio", "interaction_rate", "member_aov_uplift",
    "saas_annual_cost", "content_production_cost", "streamer_fee", "roi", "market_size",
    "market_growth", "traffic_share", "retention_rate", "platform_fee_rate",
    "conversion_uplift",
    # Metrics added because the sources needed them.
    "avg_watch_minutes", "budget_share", "cac_growth", "channel_sales_share",
    "complaint_change", "compliance_fine", "content_cost_growth", "conversion_multiple",
    "cost_reduction", "ctr_uplift", "efficiency_uplift", "exposure_uplift", "follower_gain",
    "forced_ad_aversion_share", "gmv_growth", "gmv_per_session", "incident_loss",
    "kol_fee_per_follower", "loss_reduction", "market_share", "member_count",
    "member_spend_uplift", "monthly_spend_per_user", "payback_months",
    "product_lifecycle_months", "repurchase_cycle_days", "repurchase_uplift",
    "retention_uplift", "revenue_change", "revenue_growth", "roi_uplift", "spend_multiple",
    "tech_project_cost", "top_user_share", "top_user_value_share", "traffic_change",
    "traffic_growth", "user_count", "user_loss_rate",
    # Metrics added for the model's new drivers (2025 benchmark audit).
    "fulfilment_cost_per_order", "payment_fee_rate", "cost_per_return",
    "repeat_orders_per_customer_month", "staff_monthly_cost", "agency_fee_rate",
    "annual_revenue", "monthly_marketing_budget", "cost_per_member_month", "opt_in_rate",
    "cost_per_new_member", "setup_cost", "orders_per_member_month", "incremental_share",
    "organic_views_per_kyuan", "carryover",
]  # fmt: skip
"""Benchmark metrics (data/benchmarks/README.md documents each)."""

Basis = Literal[
    "as_defined", "paid_search_ads", "paid_feed_ads", "paid_display_ads", "paid_brand_ads",
    "paid_ads_mixed", "content_promotion", "organic_search", "content_product_click",
    "per_paid_click", "per_product_click", "per_live_viewer", "per_content_view",
    "per_follower", "per_site_visit", "per_store_visit", "per_referred_user",
    "per_offline_scan", "orders_paid_ads", "orders_shelf", "orders_live_stream",
    "orders_content", "orders_member", "orders_all_online", "sales_all_retail",
    "wholesale_to_live_sellers", "company_reported", "segment_reported", "industry_aggregate",
    "seller_estimate", "affiliate_creator", "top_creator_negotiated", "platform_commission",
    "payment_processing", "share_of_ad_spend", "community_members", "paid_subscription",
    "paid_membership_renewal", "customers_monthly", "customers_annual",
    "customers_other_period", "customers_period_unspecified", "segment_high_value",
    "followers", "fans", "members_active", "loyalty_programme_incrementality",
    "express_parcel", "pick_pack_express", "return_shipping", "all_in",
    "community_ops_and_content", "saas_tool", "analytics_tool", "scrm_tool",
    "wecom_contact_fee", "all_member_costs", "paid_member_acquisition",
    "buyers_join_community", "buyers_add_wecom", "buyers_join_membership", "per_video",
    "per_series", "monthly_budget", "per_sponsored_video", "slot_fee_per_session",
    "organic_views", "content_carryover", "live_share_of_platform_gmv",
    "shelf_share_of_platform_gmv", "ad_operator", "ecommerce_operator", "streamer",
    "live_operations_team", "community_operator", "sme_seller", "mid_seller", "large_seller",
]  # fmt: skip
"""What a benchmark row measured: denominator, channel, population or cost scope
(data/benchmarks/README.md, "Bases"). Rows of one metric with different bases differ."""

Market = Literal["cn", "us", "eu", "global", "other"]
"""Where a benchmark figure was measured (data/benchmarks/README.md, "Markets")."""

BUSINESS_SIZES: tuple[BusinessSize, ...] = get_args(BusinessSize)
TEAM_SIZES: tuple[TeamSize, ...] = get_args(TeamSize)
DATA_MATURITIES: tuple[DataMaturity, ...] = get_args(DataMaturity)
CATEGORIES: tuple[Category, ...] = get_args(Category)
BENCHMARK_CATEGORIES: tuple[BenchmarkCategory, ...] = get_args(BenchmarkCategory)
PLATFORMS: tuple[Platform, ...] = get_args(Platform)
STORE_PLATFORMS: tuple[Platform, ...] = tuple(p for p in PLATFORMS if p not in ("baidu", "global"))
"""Platforms where a store sells (the demo store's platforms, in vocabulary order)."""
CHANNELS: tuple[Channel, ...] = get_args(Channel)
QUALITIES: tuple[Quality, ...] = get_args(Quality)
UNITS: tuple[Unit, ...] = get_args(Unit)
METRICS: tuple[Metric, ...] = get_args(Metric)
BASES: tuple[Basis, ...] = get_args(Basis)
MARKETS: tuple[Market, ...] = get_args(Market)
PERCENT_UNITS: frozenset[Unit] = frozenset({"fraction", "fraction_per_year", "fraction_per_month"})
"""Units people read as percentages."""
MONEY_UNITS: frozenset[Unit] = frozenset(u for u in UNITS if u.startswith("yuan"))
"""Units in yuan."""

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "size": BUSINESS_SIZES,
    "team": TEAM_SIZES,
    "data_maturity": DATA_MATURITIES,
    "category": (*BENCHMARK_CATEGORIES, "other"),
    "platform": PLATFORMS,
    "channel": CHANNELS,
    "quality": QUALITIES,
    "unit": UNITS,
    "metric": METRICS,
    "basis": BASES,
    "market": MARKETS,
}
"""Catalog prefix → values: every value has a label ``<prefix>.<value>`` in both languages."""
