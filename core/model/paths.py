"""Drivers addressed by dotted path: the one way to read and change a scenario's values.

A path names a scenario field: ``horizon_months``, ``business.gross_margin``,
``ads.cpc``. :func:`flatten` gives every editable value by path; :func:`unflatten` and
:func:`with_values` build a scenario from paths and always validate it, so no caller can
produce a scenario the file contract would reject.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from core.model.fields import DriverSpec
from core.model.scenario import ScenarioBase, driver_spec_map, scenario_from_dict
from core.model.strategies import REGISTRY

SCENARIO_FIELDS: tuple[str, ...] = (
    "name",
    "horizon_months",
    "annual_discount_rate",
    "include_terminal_value",
    "risks",
    "ranges",
)
"""Top-level fields a person edits (``schema_version`` is not one); ``risks`` is the
register as a whole (a tuple of frozen rows), ``ranges`` the uncertainty ranges as a
whole (path → :class:`core.model.stored_ranges.StoredRange`)."""


def driver_spec(path: str) -> DriverSpec:
    """The numeric driver at ``path``; ``KeyError`` if the path is not a numeric driver."""
    return driver_spec_map()[path]


def strategy_driver_paths(key: str) -> tuple[str, ...]:
    """Paths of strategy ``key``'s own numeric drivers, in declaration order."""
    prefix = f"{key}."
    return tuple(path for path in driver_spec_map() if path.startswith(prefix))


def flatten(scenario: ScenarioBase) -> dict[str, Any]:
    """The scenario's editable values by dotted path (model units: fractions, yuan)."""
    data = scenario.model_dump(mode="python")
    values: dict[str, Any] = {name: getattr(scenario, name) for name in SCENARIO_FIELDS}
    values.update({f"business.{k}": v for k, v in data["business"].items()})
    for strategy in REGISTRY:
        values.update({f"{strategy.key}.{k}": v for k, v in data[strategy.key].items()})
    return values


def value_at(scenario: ScenarioBase, path: str) -> Any:
    """The value of the field at ``path`` (``KeyError`` for an unknown path)."""
    owner: Any = scenario
    head, _, leaf = path.partition(".")
    if leaf:
        owner = getattr(scenario, head)
        path = leaf
    if path not in type(owner).model_fields:
        raise KeyError(path)
    return getattr(owner, path)


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


def with_values(scenario: ScenarioBase, values: Mapping[str, Any]) -> ScenarioBase:
    """A validated copy of ``scenario`` with ``values`` (path → value) set.

    Raises ``KeyError`` for an unknown path and ``pydantic.ValidationError`` for a value
    the field does not accept.
    """
    flat = flatten(scenario)
    unknown = [path for path in values if path not in flat]
    if unknown:
        raise KeyError(f"unknown scenario paths: {unknown}")
    flat.update(values)
    return unflatten(flat)


def clipped(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with each numeric driver clamped into its validation bounds."""
    specs = driver_spec_map()
    return {
        path: specs[path].clip(float(value))
        if path in specs and isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for path, value in values.items()
    }


@dataclass(frozen=True)
class EditableField:
    """One field a person edits: ``kind`` is ``driver`` (numeric), ``choice`` (one of
    ``options``) or ``switch`` (on/off)."""

    path: str
    kind: Literal["driver", "choice", "switch"]
    options: tuple[str, ...] = ()


def editable_fields(owner: str, model: type[BaseModel]) -> tuple[EditableField, ...]:
    """The fields of ``model`` (the business or a strategy's assumptions) in declaration
    order, except a strategy's ``enabled`` switch."""
    fields: list[EditableField] = []
    for name, info in model.model_fields.items():
        path = f"{owner}.{name}"
        if name == "enabled":
            continue
        if path in driver_spec_map():
            fields.append(EditableField(path, "driver"))
        elif info.annotation is bool:
            fields.append(EditableField(path, "switch"))
        elif get_origin(info.annotation) is Literal:
            fields.append(EditableField(path, "choice", tuple(get_args(info.annotation))))
    return tuple(fields)
