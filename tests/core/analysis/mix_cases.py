"""Hand-computable mixes: linear content next to the linear ads of ``tests.conftest``.

LINEAR_CONTENT buys promoted views only, at list price: ¥1 buys 1000/20 = 50 views,
1 product click, 0.05 orders, ¥5 GMV, ¥4.50 net revenue, ¥2.25 gross profit, so each yuan
a month adds ¥1.25 of contribution. LINEAR_ADS (cpc ¥2) buys 0.025 orders per yuan:
¥2.25 net revenue, ¥1.125 gross profit, ¥0.125 of contribution per yuan.
"""

from __future__ import annotations

from typing import Any

from core.model.scenario import ScenarioBase
from tests.conftest import LINEAR_ADS, PLAIN_BUSINESS, make_scenario

LINEAR_CONTENT: dict[str, Any] = {
    "streamer_model": "own",
    "monthly_budget": 10_000.0,
    "promotion_share": 1.0,
    "promotion_cpm": 20.0,
    "view_ceiling": None,
    "audience_multiple": 1.0,
    "live_share": 1.0,
    "carryover": 0.0,
    "click_rate": 0.02,
    "cvr": 0.05,
    "aov": 100.0,
    "setup_cost": 0.0,
    "monthly_team_cost": 0.0,
    "monthly_streamer_pay": 0.0,
    "return_rate": 0.1,
    "platform_fee_rate": 0.0,
}
CONTENT_MARGIN = 1.25
"""Contribution per yuan of content money (see the module docstring)."""
ADS_MARGIN = 0.125


def ads_and_content(ads: dict[str, Any] | None = None, **content: Any) -> ScenarioBase:
    """Plain business, linear ads and content, no private domain, no discounting, 36 months."""
    return make_scenario(
        annual_discount_rate=0.0,
        include_terminal_value=False,
        horizon_months=36,
        business=PLAIN_BUSINESS,
        ads={**LINEAR_ADS, **(ads or {})},
        content={**LINEAR_CONTENT, **content},
        private_domain={"enabled": False},
    )
