"""Shared fixtures: scenarios built from the default with overrides."""

from __future__ import annotations

import os
from typing import Any

# Users see no tracebacks (.streamlit/config.toml); tests need them to say what broke.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

import pytest

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


LINEAR_ADS: dict[str, Any] = {
    "monthly_budget": 10_000.0,
    "cpc": 2.0,
    "ctr": 0.02,
    "cvr": 0.05,
    "aov": 100.0,
    "cpc_growth_annual": 0.0,
    "saturation_spend": None,
    "agency_fee_rate": 0.0,
}


@pytest.fixture
def default() -> ScenarioBase:
    return default_scenario()
