"""The scenario file: a public contract that users save, share and feed to the CLI.

A scenario is JSON with ``schema_version``, ``name``, ``horizon_months``,
``annual_discount_rate``, ``business``, the risk register ``risks``
(:mod:`core.model.risks`), the drivers' uncertainty ``ranges`` the user set or calibrated
(:mod:`core.model.stored_ranges`) and one object per registered strategy (``ads``, ``content``,
``private_domain``, …). The strategy fields are generated from the registry,
so a new strategy module appears here without edits. Unknown keys, NaN / infinite numbers
and out-of-range values are rejected with a message naming the field.

Reading a file: bytes are decoded (:func:`decode_scenario_bytes`), parsed as JSON,
migrated from older schema versions (:mod:`core.model.migrations`), then validated.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator
from pydantic_core import PydanticCustomError

from core.model.business import Business
from core.model.fields import DriverSpec, Provenance, driver, driver_specs
from core.model.migrations import migrate
from core.model.risks import MAX_RISKS, Risk, shipped_register
from core.model.sources import SEED_003
from core.model.stored_ranges import MAX_STORED_RANGES, StoredRange
from core.model.strategies import REGISTRY, StrategyAssumptions

SCHEMA_VERSION = 5
"""Version 2: economics with responses, lifetimes and unit costs; 3: the risk register;
4: the fit profile in ``business``; 5: the uncertainty ``ranges`` (see migrations)."""


class ScenarioBase(BaseModel):
    """Fields every scenario has besides its strategies."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    schema_version: int = Field(
        SCHEMA_VERSION,
        ge=1,
        le=SCHEMA_VERSION,
        strict=True,
        description="Version of the scenario file format.",
    )
    name: str = Field(
        "",
        max_length=200,
        description="Scenario name; empty for the unnamed example (shown as such in the "
        "user's language).",
    )
    horizon_months: int = Field(
        36,
        ge=1,
        le=120,
        strict=True,
        description="Months projected, 1..120. Unit: months. Default 36: the seeds put a "
        "programme's payback at about two years (seed 000 §5.3.3), so three years show it.",
    )
    annual_discount_rate: float = driver(
        0.10,
        unit="fraction_per_year",
        description="Yearly discount rate for NPV (cost of capital).",
        provenance=Provenance(
            f"{SEED_003} §6.3: ROI with NPV; 10% cost of capital assumed", 2024, "vague"
        ),
        ui=(0.0, 0.30, 0.01),
        bounds=(0.0, 1.0),
        bound_note="SME cost of capital rarely above 30% a year; up to 100% allowed",
    )
    include_terminal_value: bool = Field(
        True,
        strict=True,
        description="Add the value of the customers and members left at the end of the "
        "horizon to NPV (shown separately as terminal_value).",
    )
    business: Business = Field(default_factory=Business, description="The business itself.")
    risks: tuple[Risk, ...] = Field(
        default_factory=shipped_register,
        max_length=MAX_RISKS,
        description="The risk register (core.model.risks): one row per risk, unique ids.",
    )

    ranges: dict[str, StoredRange] = Field(
        default_factory=dict,
        max_length=MAX_STORED_RANGES,
        description="Uncertainty ranges by driver path (core.model.stored_ranges); a "
        "driver without one takes the default range.",
    )

    @field_validator("ranges")
    @classmethod
    def _known_drivers(cls, ranges: dict[str, StoredRange]) -> dict[str, StoredRange]:
        specs = driver_spec_map()
        for path, stored in ranges.items():
            spec = specs.get(path)
            if spec is None:
                raise PydanticCustomError(
                    "range_unknown_driver", "{path} is not a driver", {"path": path}
                )
            if not (spec.accepts(stored.low) and spec.accepts(stored.high)):
                raise PydanticCustomError(
                    "range_outside_bounds",
                    "{path}: range outside {lower}..{upper}",
                    {"path": path, "lower": spec.lower, "upper": spec.upper},
                )
        return ranges

    @field_validator("risks")
    @classmethod
    def _unique_ids(cls, risks: tuple[Risk, ...]) -> tuple[Risk, ...]:
        seen: set[str] = set()
        for risk in risks:
            if risk.id in seen:
                raise PydanticCustomError(
                    "risk_duplicate_id", "risk id {id} is used twice", {"id": risk.id}
                )
            seen.add(risk.id)
        return risks

    def strategy(self, key: str) -> StrategyAssumptions:
        """The assumptions of the strategy registered as ``key``."""
        return cast(StrategyAssumptions, getattr(self, key))

    def enabled_keys(self) -> tuple[str, ...]:
        """Keys of the strategies switched on, in registry order."""
        return tuple(spec.key for spec in REGISTRY if self.strategy(spec.key).enabled)


@cache
def driver_spec_map() -> Mapping[str, DriverSpec]:
    """Every numeric driver of the scenario by dotted path (computed once)."""
    specs = {s.name: s for s in driver_specs(ScenarioBase)}
    specs.update({f"business.{s.name}": s for s in driver_specs(Business)})
    for strategy in REGISTRY:
        specs.update({f"{strategy.key}.{s.name}": s for s in driver_specs(strategy.assumptions)})
    return specs


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


class ScenarioFileError(ValueError):
    """A scenario file that is not readable JSON text.

    ``kind`` names the problem for the text layer: ``encoding`` (not UTF-8, UTF-16 or
    GB18030 text; ``where`` = {"byte": offset}), ``json`` (not valid JSON; ``where`` =
    {"line": n, "column": m}) or ``structure`` (JSON that Python will not read: arrays
    nested thousands deep, a number of thousands of digits).
    """

    def __init__(self, kind: str, **where: int) -> None:
        self.kind = kind
        self.where = where
        super().__init__(f"{kind} error at {where}")


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_scenario_bytes(data: bytes) -> str:
    """Text of a scenario file: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 / GBK.

    Raises :class:`ScenarioFileError` (``encoding``) when none of these decodes the bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ScenarioFileError("encoding", byte=exc.start) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise ScenarioFileError("encoding", byte=utf8_error.start) from utf8_error


def scenario_from_json(text: str | bytes) -> ScenarioBase:
    """Read, migrate and validate a scenario file.

    Raises :class:`ScenarioFileError` for undecodable bytes or invalid JSON and
    ``pydantic.ValidationError`` for a JSON document that is not a valid scenario.
    """
    if isinstance(text, bytes):
        text = decode_scenario_bytes(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioFileError("json", line=exc.lineno, column=exc.colno) from exc
    except (RecursionError, ValueError) as exc:  # nested too deep, or a number too long
        raise ScenarioFileError("structure") from exc
    return scenario_from_dict(data)


def scenario_from_dict(data: Any) -> ScenarioBase:
    """Migrate and validate a scenario given as plain data; raises ``ValidationError``."""
    return cast(ScenarioBase, Scenario.model_validate(migrate(data, SCHEMA_VERSION)))


def scenario_to_json(scenario: ScenarioBase) -> str:
    """The scenario as indented JSON (UTF-8 text, non-ASCII kept readable)."""
    return json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False, indent=2)


def scenario_json_schema() -> dict[str, Any]:
    """JSON schema of the scenario file."""
    return cast(dict[str, Any], Scenario.model_json_schema())
