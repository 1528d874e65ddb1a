"""Driver fields: a pydantic ``Field`` that also carries unit, bounds, provenance and UI range.

Every assumption in a scenario is declared with :func:`driver`, so that the JSON schema,
the dashboard widgets, the sensitivity and risk ranges and the provenance shown next to
each default all come from one place. Rates are fractions (0.03 = 3%), money is in yuan.

Every numeric driver has a documented lower and upper bound that a real business could
reach (``bounds`` with the reason in ``bound_note``); values outside are rejected with a
message naming the field, so every result computed inside the bounds is finite. Numbers
are strict: ``"5.5"`` or ``true`` for a numeric field is an error, not a conversion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast, get_args

from pydantic import BaseModel, Field

from core.model.vocab import MONEY_UNITS, PERCENT_UNITS, Quality, Unit

OPEN_EPSILON = 1e-9
"""How far inside an open bound (``gt`` / ``lt``) clipping puts a value."""


@dataclass(frozen=True)
class Provenance:
    """Where a default value comes from: a seed section or public source, its year, quality."""

    source: str
    year: int
    quality: Quality


@dataclass(frozen=True)
class DriverSpec:
    """What the UI, sensitivity and risk analyses need to know about one numeric driver.

    ``ui_min``/``ui_max``/``ui_step`` are in the field's own unit (fractions, yuan);
    ``lower``/``upper`` are the validation bounds, each inclusive unless ``lower_open`` /
    ``upper_open``; ``bound_note`` says where the bounds come from.
    """

    name: str
    unit: Unit
    default: float | None
    provenance: Provenance
    ui_min: float
    ui_max: float
    ui_step: float
    lower: float
    upper: float
    lower_open: bool
    upper_open: bool
    bound_note: str
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
        """Clamp ``value`` into the validation bounds (an open bound: just inside it)."""
        low = self.lower + OPEN_EPSILON if self.lower_open else self.lower
        high = self.upper - OPEN_EPSILON if self.upper_open else self.upper
        return min(max(value, low), high)

    def accepts(self, value: float) -> bool:
        """Whether ``value`` lies within the validation bounds."""
        above = value > self.lower if self.lower_open else value >= self.lower
        below = value < self.upper if self.upper_open else value <= self.upper
        return above and below


def driver(
    default: float | None,
    *,
    unit: Unit,
    description: str,
    provenance: Provenance,
    ui: tuple[float, float, float],
    bounds: tuple[float, float],
    bound_note: str,
    open_lower: bool = False,
    open_upper: bool = False,
) -> Any:
    """Declare a numeric assumption.

    ``ui`` is ``(min, max, step)`` for the dashboard slider, in the field's unit; values
    between ``bounds`` but outside ``ui`` remain valid (a scenario file may go beyond the
    slider's range, and the slider widens to show it).
    """
    lower, upper = bounds
    if not lower <= ui[0] <= ui[1] <= upper:
        raise ValueError(f"ui range {ui[:2]} must lie within bounds {bounds}")
    extra: dict[str, Any] = {
        "unit": unit,
        "source": provenance.source,
        "year": provenance.year,
        "quality": provenance.quality,
        "ui_min": ui[0],
        "ui_max": ui[1],
        "ui_step": ui[2],
        "bound_note": bound_note,
    }
    full = (
        f"{description} Unit: {unit}. Bounds: {lower:g}..{upper:g} ({bound_note}). "
        f"Default from {provenance.source} ({provenance.year}, quality: {provenance.quality})."
    )
    return Field(
        default,
        description=full,
        ge=None if open_lower else lower,
        gt=lower if open_lower else None,
        le=None if open_upper else upper,
        lt=upper if open_upper else None,
        strict=True,
        json_schema_extra=extra,
    )


def _bounds(metadata: list[Any]) -> tuple[float, float, bool, bool]:
    lower = upper = float("nan")
    lower_open = upper_open = False
    for item in metadata:
        if getattr(item, "ge", None) is not None:
            lower = float(item.ge)
        if getattr(item, "gt", None) is not None:
            lower, lower_open = float(item.gt), True
        if getattr(item, "le", None) is not None:
            upper = float(item.le)
        if getattr(item, "lt", None) is not None:
            upper, upper_open = float(item.lt), True
    return lower, upper, lower_open, upper_open


def driver_specs(model: type[BaseModel]) -> tuple[DriverSpec, ...]:
    """Every field of ``model`` declared with :func:`driver`, in declaration order."""
    specs: list[DriverSpec] = []
    for name, info in model.model_fields.items():
        if not isinstance(info.json_schema_extra, dict) or "unit" not in info.json_schema_extra:
            continue
        extra = cast(dict[str, Any], info.json_schema_extra)
        lower, upper, lower_open, upper_open = _bounds(list(info.metadata))
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
                lower_open=lower_open,
                upper_open=upper_open,
                bound_note=str(extra["bound_note"]),
                nullable=type(None) in get_args(info.annotation),
            )
        )
    return tuple(specs)
