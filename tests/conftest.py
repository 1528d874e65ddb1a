"""Shared fixtures: scenarios built from the default with overrides; Spark settings.

Spark: tests marked ``spark`` share one local SparkSession (``spark_settings``: started on
first use, stopped at the end of the session). Without pyspark or Java they are skipped —
except under ``CI=true``, where that is an error, so CI never silently skips them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Users see no tracebacks (.streamlit/config.toml); tests need them to say what broke.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

from core.data.orders.engines import EngineSettings, stop_spark
from core.model.paths import with_values
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


IDLE_MONEY: tuple[str, ...] = (
    "ads.monthly_budget", "ads.monthly_team_cost", "content.monthly_budget",
    "content.monthly_slot_fee", "content.monthly_streamer_pay",
    "content.monthly_team_cost", "content.setup_cost",
    "private_domain.initial_members", "private_domain.monthly_acquisition_budget",
    "private_domain.monthly_fixed_cost", "private_domain.setup_cost",
)  # fmt: skip
"""Every budget, team, fee, setup and the member base: at 0, nothing happens."""


def idle_scenario() -> ScenarioBase:
    """The default scenario, every strategy on, with :data:`IDLE_MONEY` at 0."""
    return with_values(default_scenario(), dict.fromkeys(IDLE_MONEY, 0.0))


@pytest.fixture
def default() -> ScenarioBase:
    return default_scenario()


@pytest.fixture(scope="session", autouse=True)
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Saved scenarios go to a temporary directory, never the user's home (also for the
    app servers the browser tests start: they inherit the environment)."""
    os.environ["MONETIZATION_STUDIO_HOME"] = str(tmp_path_factory.mktemp("data-home"))


def _spark_available() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -r requirements-spark.txt)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (Spark needs Java 17)"
    return None


@pytest.fixture(scope="session")
def spark_settings() -> Iterator[EngineSettings]:
    """Spark local[2] settings; the SparkSession is shared and stopped at session end."""
    reason = _spark_available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests must run in CI: {reason}")
        pytest.skip(reason)
    yield EngineSettings(engine="spark", spark_shuffle_partitions=1)
    stop_spark()
