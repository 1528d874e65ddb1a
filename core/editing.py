"""What the dashboard edits: a scenario as flat ``path → value`` pairs, and unit display.

Pages keep one widget per path (``ads.cpc``, ``business.gross_margin``, …); these helpers
turn a scenario into those values and back (validated), and convert between a field's
unit and what a widget shows (rates as percentages: shown = fraction × 100).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from core.business import Business
from core.fields import DriverSpec, driver_specs
from core.scenario import ScenarioBase, scenario_from_dict
from core.strategies import REGISTRY

SCENARIO_FIELDS: tuple[str, ...] = ("name", "horizon_months", "annual_discount_rate")


@cache
def driver_spec_map() -> Mapping[str, DriverSpec]:
    """Every numeric driver of the scenario by dotted path (computed once)."""
    specs = {f"business.{s.name}": s for s in driver_specs(Business)}
    specs.update({s.name: s for s in driver_specs(ScenarioBase)})
    for strategy in REGISTRY:
        specs.update({f"{strategy.key}.{s.name}": s for s in driver_specs(strategy.assumptions)})
    return specs


def flatten(scenario: ScenarioBase) -> dict[str, Any]:
    """The scenario's editable values by dotted path (model units: fractions, yuan)."""
    data = scenario.model_dump(mode="python")
    values: dict[str, Any] = {name: data[name] for name in SCENARIO_FIELDS}
    values.update({f"business.{k}": v for k, v in data["business"].items()})
    for strategy in REGISTRY:
        values.update({f"{strategy.key}.{k}": v for k, v in data[strategy.key].items()})
    return values


def unflatten(values: Mapping[str, Any]) -> ScenarioBase:
    """Build and validate a scenario from dotted-path values; raises ``ValidationError``."""
    nested: dict[str, Any] = {}
    for path, value in values.items():
        head, _, leaf = path.partition(".")
        if leaf:
            nested.setdefault(head, {})[leaf] = value
        else:
            nested[head] = value
    return scenario_from_dict(nested)


def display_scale(spec: DriverSpec) -> float:
    """Factor from the field's unit to what a widget shows: 100 for rates, else 1."""
    return 100.0 if spec.is_percent else 1.0


def to_display(spec: DriverSpec, value: float) -> float:
    """Model value → widget value (0.03 → 3.0 for a rate)."""
    return value * display_scale(spec)


def from_display(spec: DriverSpec, shown: float) -> float:
    """Widget value → model value (3.0 → 0.03 for a rate)."""
    return shown / display_scale(spec)


def widget_range(spec: DriverSpec, value: float) -> tuple[float, float]:
    """Slider range in widget units: the spec's UI range, widened to include ``value``."""
    shown = to_display(spec, value)
    return min(to_display(spec, spec.ui_min), shown), max(to_display(spec, spec.ui_max), shown)
