"""The scenario file: a public contract that users save, share and feed to the CLI.

A scenario is JSON with ``name``, ``horizon_months``, ``annual_discount_rate``,
``business`` and one object per registered strategy (``ads``, ``content``,
``private_domain``, …). The strategy fields are generated from the registry, so a new
strategy module appears here without edits. Unknown keys, NaN / infinite numbers and
out-of-range values are rejected with a message naming the field.
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, create_model

from core.business import Business
from core.fields import Provenance, driver
from core.strategies import REGISTRY, StrategyAssumptions

SCHEMA_VERSION = 1


class ScenarioBase(BaseModel):
    """Fields every scenario has besides its strategies."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    schema_version: int = Field(
        SCHEMA_VERSION,
        ge=1,
        le=SCHEMA_VERSION,
        description="Version of the scenario file format.",
    )
    name: str = Field("Demo SME store", max_length=200, description="Scenario name.")
    horizon_months: int = Field(
        24, ge=1, le=120, description="Months projected, 1..120. Unit: months."
    )
    annual_discount_rate: float = driver(
        0.10,
        unit="fraction_per_year",
        description="Yearly discount rate for NPV (cost of capital).",
        provenance=Provenance(
            "Seed 003 §6.3 (Live-stream E-commerce Traffic Operation Plan): ROI with NPV; "
            "10% cost of capital assumed",
            2024,
            "vague",
        ),
        ui=(0.0, 0.30, 0.01),
        ge=0.0,
        le=1.0,
    )
    business: Business = Field(default_factory=Business, description="The business itself.")

    def strategy(self, key: str) -> StrategyAssumptions:
        """The assumptions of the strategy registered as ``key``."""
        return cast(StrategyAssumptions, getattr(self, key))

    def enabled_keys(self) -> tuple[str, ...]:
        """Keys of the strategies switched on, in registry order."""
        return tuple(spec.key for spec in REGISTRY if self.strategy(spec.key).enabled)


_strategy_fields: dict[str, Any] = {
    spec.key: (
        spec.assumptions,
        Field(default_factory=spec.assumptions, description=f"Assumptions of '{spec.key}'."),
    )
    for spec in REGISTRY
}

Scenario = create_model(  # type: ignore[call-overload]
    "Scenario",
    __base__=ScenarioBase,
    __doc__="A complete monetization scenario (see the module docstring).",
    **_strategy_fields,
)
"""The scenario model: :class:`ScenarioBase` plus one field per registered strategy."""


def default_scenario() -> ScenarioBase:
    """The shipped default scenario, every value from the seed documents or marked assumed."""
    return cast(ScenarioBase, Scenario())


def scenario_from_json(text: str | bytes) -> ScenarioBase:
    """Parse and validate a scenario file; raises ``pydantic.ValidationError``."""
    return cast(ScenarioBase, Scenario.model_validate_json(text))


def scenario_from_dict(data: dict[str, Any]) -> ScenarioBase:
    """Validate a scenario given as a dict; raises ``pydantic.ValidationError``."""
    return cast(ScenarioBase, Scenario.model_validate(data))


def scenario_to_json(scenario: ScenarioBase) -> str:
    """The scenario as indented JSON (UTF-8 text, non-ASCII kept readable)."""
    return json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False, indent=2)


def scenario_json_schema() -> dict[str, Any]:
    """JSON schema of the scenario file."""
    return cast(dict[str, Any], Scenario.model_json_schema())
