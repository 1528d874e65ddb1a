"""Helpers for the risk analyses' tests."""

from __future__ import annotations

from core.analysis.uncertainty import DriverRange, uncertain_paths
from core.model.paths import value_at
from core.model.scenario import ScenarioBase


def fixed_ranges(scenario: ScenarioBase) -> dict[str, DriverRange]:
    """Every uncertain driver with a range of one value (its own)."""
    ranges = {}
    for path in uncertain_paths(scenario):
        value = float(value_at(scenario, path))
        ranges[path] = DriverRange(value, value, value, "pert", "user")
    return ranges
