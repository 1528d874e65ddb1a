"""Shared fixtures: scenarios built from the default with overrides."""

from __future__ import annotations

import os
from typing import Any

import pytest

# Users see no tracebacks (.streamlit/config.toml); tests need them to say what broke.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

from core.model.scenario import ScenarioBase, default_scenario, scenario_from_dict


def make_scenario(**overrides: Any) -> ScenarioBase:
    """The default scenario with nested overrides, e.g. ``ads={"cpc": 3.0}``."""
    data = default_scenario().model_dump()
    for key, value in overrides.items():
        if isinstance(value, dict):
            data[key].update(value)
        else:
            data[key] = value
    return scenario_from_dict(data)


PLAIN_BUSINESS: dict[str, Any] = {
    "gross_margin": 0.5,
    "fulfilment_cost_per_order": 0.0,
    "payment_fee_rate": 0.0,
    "cost_per_return": 0.0,
    "repeat_orders_per_customer_month": 0.0,
    "customer_retention_monthly": 0.0,
}
"""A business whose orders carry no per-order cost and no repeat buying."""

LINEAR_ADS: dict[str, Any] = {
    "buying_model": "cpc",
    "monthly_budget": 10_000.0,
    "cpc": 2.0,
    "ctr": 0.02,
    "cvr": 0.05,
    "aov": 100.0,
    "cpc_growth_annual": 0.0,
    "saturation_clicks": None,
    "response_shape": 1.0,
    "carryover": 0.0,
    "agency_fee_rate": 0.0,
    "monthly_team_cost": 0.0,
    "return_rate": 0.1,
    "platform_fee_rate": 0.0,
}
"""Ads that buy clicks at list price: 5,000 clicks, 250 orders, ¥25,000 GMV a month."""


def ads_only(**overrides: Any) -> ScenarioBase:
    """Plain business, linear ads, the other strategies off, no discounting."""
    return make_scenario(
        annual_discount_rate=0.0,
        include_terminal_value=False,
        business=PLAIN_BUSINESS,
        ads={**LINEAR_ADS, **overrides},
        content={"enabled": False},
        private_domain={"enabled": False},
    )


@pytest.fixture
def default() -> ScenarioBase:
    return default_scenario()


@pytest.fixture(scope="session", autouse=True)
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Saved scenarios go to a temporary directory, never the user's home (also for the
    app servers the browser tests start: they inherit the environment)."""
    os.environ["MONETIZATION_STUDIO_HOME"] = str(tmp_path_factory.mktemp("data-home"))
