"""Driver fields: a pydantic ``Field`` that also carries unit, provenance and UI range.

Every assumption in a scenario is declared with :func:`driver`, so that the JSON schema,
the dashboard widgets and the provenance shown next to each default all come from one
place. Rates are fractions (0.03 = 3 %), money is in yuan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast, get_args

from pydantic import BaseModel, Field

from core.model.vocab import MONEY_UNITS, PERCENT_UNITS, Quality, Unit


@dataclass(frozen=True)
class Provenance:
    """Where a default value comes from: a seed section or public source, its year, quality."""

    source: str
    year: int
    quality: Quality


@dataclass(frozen=True)
class DriverSpec:
    """What the UI and the sensitivity analysis need to know about one numeric driver.

    ``ui_min``/``ui_max``/``ui_step`` are in the field's own unit (fractions, yuan);
    ``lower``/``upper`` are the hard validation bounds (``None`` = unbounded) and
    ``upper_inclusive`` says whether ``upper`` itself is allowed.
    """

    name: str
    unit: Unit
    default: float | None
    provenance: Provenance
    ui_min: float
    ui_max: float
    ui_step: float
    lower: float | None
    upper: float | None
    upper_inclusive: bool
    nullable: bool

    @property
    def is_percent(self) -> bool:
        """True when the value is a fraction that people read as a percentage."""
        return self.unit in PERCENT_UNITS

    @property
    def is_money(self) -> bool:
        """True when the value is an amount of yuan."""
        return self.unit in MONEY_UNITS

    def clip(self, value: float) -> float:
        """Clamp ``value`` into the field's validation bounds (exclusive upper: 1e-9 below)."""
        if self.lower is not None:
            value = max(value, self.lower)
        if self.upper is not None:
            ceiling = self.upper if self.upper_inclusive else self.upper - 1e-9
            value = min(value, ceiling)
        return value


def driver(
    default: float | None,
    *,
    unit: Unit,
    description: str,
    provenance: Provenance,
    ui: tuple[float, float, float],
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    lt: float | None = None,
) -> Any:
    """Declare a numeric assumption.

    ``ui`` is ``(min, max, step)`` for the dashboard slider, in the field's unit; values
    outside it remain valid (a scenario file may go beyond the slider's range).
    """
    extra: dict[str, Any] = {
        "unit": unit,
        "source": provenance.source,
        "year": provenance.year,
        "quality": provenance.quality,
        "ui_min": ui[0],
        "ui_max": ui[1],
        "ui_step": ui[2],
    }
    full = (
        f"{description} Unit: {unit}. Default from {provenance.source} "
        f"({provenance.year}, quality: {provenance.quality})."
    )
    return Field(default, description=full, ge=ge, gt=gt, le=le, lt=lt, json_schema_extra=extra)


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None, bool]:
    lower: float | None = None
    upper: float | None = None
    inclusive = True
    for item in metadata:
        for attr in ("ge", "gt"):
            bound = getattr(item, attr, None)
            if bound is not None:
                lower = float(bound) if attr == "ge" else float(bound) + 1e-9
        if getattr(item, "le", None) is not None:
            upper, inclusive = float(item.le), True
        if getattr(item, "lt", None) is not None:
            upper, inclusive = float(item.lt), False
    return lower, upper, inclusive


def driver_specs(model: type[BaseModel]) -> tuple[DriverSpec, ...]:
    """Every field of ``model`` declared with :func:`driver`, in declaration order."""
    specs: list[DriverSpec] = []
    for name, info in model.model_fields.items():
        if not isinstance(info.json_schema_extra, dict) or "unit" not in info.json_schema_extra:
            continue
        extra = cast(dict[str, Any], info.json_schema_extra)
        lower, upper, inclusive = _bounds(list(info.metadata))
        default = info.default
        specs.append(
            DriverSpec(
                name=name,
                unit=extra["unit"],
                default=None if default is None else float(default),
                provenance=Provenance(
                    source=str(extra["source"]),
                    year=int(extra["year"]),
                    quality=extra["quality"],
                ),
                ui_min=float(extra["ui_min"]),
                ui_max=float(extra["ui_max"]),
                ui_step=float(extra["ui_step"]),
                lower=lower,
                upper=upper,
                upper_inclusive=inclusive,
                nullable=type(None) in get_args(info.annotation),
            )
        )
    return tuple(specs)
