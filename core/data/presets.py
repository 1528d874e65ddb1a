"""Business presets: a whole scenario for a kind of business, filled from the benchmark table.

A preset (``data/presets.json``) names a business size, a product category and the
platform(s) it sells on. Applying it:

1. starts from the defaults of its size and category (:func:`core.data.profiles.
   profile_scenario`) — so two presets in a row equal the second alone, and nothing of an
   earlier scenario leaks in;
2. fills every field the field map names with the table's evidence for those platforms
   and that category (:func:`core.data.evidence.choose`: basis rule, then platform ×
   category → platform × all → any platform × category → any × all; outliers left out;
   solid and medium rows preferred over vague ones and recent over old, flagged when
   not). A default is replaced only by evidence a seller could trust: not resting on
   vague rows only; for a category field (margin, order values, return rates, repeat
   buying: the fields of ``data/profiles/categories.csv``) only rows of the preset's own
   category; for other fields the platform's rows across categories too, but not rows
   that average across platforms and categories. A platform average must not overwrite
   what the category knows, and one undated Q&A figure must not overwrite anything;
3. records, for every field, where its value came from: benchmark rows (with level and
   flags) or the size/category default (with that default's source) and why.

Copying chosen rows from the Benchmarks page (:func:`values_from_rows`) uses the same basis
rule: a row feeds a field only when the field map allows its metric, unit, basis and
market; each field gets the median of its rows' point estimates.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from core.data.evidence import Evidence, benchmark_unit, choose
from core.data.profiles import (
    FALLBACK_CATEGORY,
    ProfileValue,
    category_table,
    profile_scenario,
    profile_values,
)
from core.data.store import DATA_DIR, DataStore
from core.model.paths import clipped, driver_spec, driver_spec_map, with_values
from core.model.scenario import ScenarioBase
from core.model.vocab import BusinessSize, Category, Platform

PRESETS_JSON: Path = DATA_DIR / "presets.json"
CATEGORY_LEVELS = frozenset({"platform_category", "any_category"})
"""Evidence levels that belong to the preset's category."""


class Preset(BaseModel):
    """One business preset as written in ``data/presets.json``; labelled ``preset.<key>``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    size: BusinessSize
    category: Category
    platforms: tuple[Platform, ...] = Field(min_length=1)

    @field_validator("platforms")
    @classmethod
    def _real_platforms(cls, platforms: tuple[Platform, ...]) -> tuple[Platform, ...]:
        if "global" in platforms:
            raise ValueError("name real platforms; 'global' is the fallback level")
        return platforms

    @property
    def label_key(self) -> str:
        """i18n catalog key of the preset's name."""
        return f"preset.{self.key}"


Origin = Literal["benchmark", "default"]
DefaultReason = Literal["no_rows", "vague_only", "other_category", "too_general"]


@dataclass(frozen=True)
class FieldOrigin:
    """Where one field of an applied preset came from.

    ``benchmark``: ``evidence`` from the table. ``default``: the size/category default, or
    the field's own default (``default`` with its source), because the table has no
    usable row (``no_rows``), only vague rows (``vague_only``), rows of other categories
    only for a category field (``other_category``), or only rows that average across
    platforms and categories (``too_general``). The evidence is kept for reading.
    """

    path: str
    origin: Origin
    value: float
    evidence: Evidence | None = None
    default: ProfileValue | None = None
    reason: DefaultReason | None = None


@dataclass(frozen=True)
class PresetResult:
    """A preset's scenario and the origin of every field it set."""

    preset: Preset
    scenario: ScenarioBase
    fields: Mapping[str, FieldOrigin]

    @property
    def from_benchmarks(self) -> tuple[FieldOrigin, ...]:
        """Fields filled from the table."""
        return tuple(f for f in self.fields.values() if f.origin == "benchmark")

    @property
    def from_defaults(self) -> tuple[FieldOrigin, ...]:
        """Fields that kept the size/category default, with the reason."""
        return tuple(f for f in self.fields.values() if f.origin == "default")

    @property
    def flagged(self) -> tuple[FieldOrigin, ...]:
        """Fields filled from the table whose evidence carries a warning (one row only,
        old rows only): to be checked before deciding on them."""
        return tuple(f for f in self.from_benchmarks if f.evidence and f.evidence.flags)


def load_presets(path: Path = PRESETS_JSON) -> tuple[Preset, ...]:
    """The presets in ``path`` (validated; ``ValueError`` on a repeated key)."""
    presets = TypeAdapter(tuple[Preset, ...]).validate_json(path.read_bytes())
    keys = [preset.key for preset in presets]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"{path}: repeated preset keys {repeated}")
    return presets


def preset_by_key(key: str) -> Preset:
    """The shipped preset ``key``; ``KeyError`` if there is none."""
    for preset in load_presets():
        if preset.key == key:
            return preset
    raise KeyError(key)


def _model_default(path: str) -> ProfileValue | None:
    spec = driver_spec(path)
    if spec.default is None:
        return None
    p = spec.provenance
    return ProfileValue(path, spec.default, p.quality, p.source)


def _origin(
    path: str, evidence: Evidence | None, default: ProfileValue | None, *, category_field: bool
) -> FieldOrigin | None:
    if default is None:
        return (
            FieldOrigin(path, "benchmark", evidence.value, evidence=evidence)
            if evidence is not None
            else None
        )
    reason: DefaultReason | None = None
    if evidence is None:
        reason = "no_rows"
    elif "vague_only" in evidence.flags:
        reason = "vague_only"
    elif category_field and evidence.level not in CATEGORY_LEVELS:
        reason = "other_category"
    elif evidence.level == "any_all":
        reason = "too_general"
    if reason is None and evidence is not None:
        return FieldOrigin(path, "benchmark", evidence.value, evidence=evidence)
    return FieldOrigin(path, "default", default.value, evidence, default, reason)


def apply_preset(preset: Preset, store: DataStore) -> PresetResult:
    """The preset's whole scenario (see the module docstring)."""
    category = "all" if preset.category == "other" else preset.category
    defaults = profile_values(preset.size, preset.category)
    category_fields = set(category_table().get(FALLBACK_CATEGORY, {}))
    mapped = {p for p in store.mapped_fields() if p in driver_spec_map()}
    fields: dict[str, FieldOrigin] = {}
    for path in sorted(mapped | set(defaults)):
        evidence = (
            choose(path, store.field_rows(path), category=category, platforms=preset.platforms)
            if path in mapped
            else None
        )
        default = defaults.get(path) or _model_default(path)
        origin = _origin(path, evidence, default, category_field=path in category_fields)
        if origin is not None:
            fields[path] = origin
    base = profile_scenario(preset.size, preset.category)
    values = clipped({path: f.value for path, f in fields.items()})
    return PresetResult(preset, with_values(base, values), fields)


def point_estimate(value: float | None, low: float | None, high: float | None) -> float | None:
    """A row's point figure: ``value``, else the midpoint of a two-sided range, else None."""
    if value is not None and not math.isnan(value):
        return value
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return None
    return (low + high) / 2


@dataclass(frozen=True)
class FieldMap:
    """The field map as lookups: (metric, unit, basis, market) → model fields."""

    fields_for: Mapping[tuple[str, str, str, str], tuple[str, ...]]

    @classmethod
    def from_store(cls, store: DataStore) -> FieldMap:
        """Every mapped field's allowed (metric, unit, basis, market), from the table."""
        keys: dict[tuple[str, str, str, str], list[str]] = {}
        for path in store.mapped_fields():
            if path not in driver_spec_map():
                continue
            unit = benchmark_unit(driver_spec(path).unit)
            for row in store.field_rows(path).itertuples():
                if row.unit == unit:
                    key = (str(row.metric), str(row.unit), str(row.basis), str(row.market))
                    keys.setdefault(key, []).append(path)
        return cls({key: tuple(sorted(set(paths))) for key, paths in keys.items()})

    def field_for(self, row: pd.Series | object, strategy_hint: str | None = None) -> str | None:
        """The model field a row feeds, or ``None`` (measured differently from every field).

        When several fields share a definition (a return rate of shelf orders feeds ads),
        the one of the row's own strategy wins.
        """
        key = tuple(str(getattr(row, name)) for name in ("metric", "unit", "basis", "market"))
        paths = self.fields_for.get(key, ())  # type: ignore[call-overload]
        own = [p for p in paths if strategy_hint and p.startswith(f"{strategy_hint}.")]
        return (own or list(paths) or [None])[0]


def values_from_rows(
    rows: pd.DataFrame, field_map: FieldMap
) -> tuple[dict[str, float], dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Scenario values from chosen benchmark rows: the median point per field, the row ids
    behind each field, and the ids of rows that feed no field (another basis, or no point
    figure)."""
    by_field: dict[str, list[float]] = {}
    ids: dict[str, list[str]] = {}
    unused: list[str] = []
    for row in rows.itertuples(index=False):
        path = field_map.field_for(row, str(row.strategy))
        point = point_estimate(_number(row.value), _number(row.low), _number(row.high))
        if path is None or point is None:
            unused.append(str(row.id))
            continue
        by_field.setdefault(path, []).append(point)
        ids.setdefault(path, []).append(str(row.id))
    values = {path: statistics.median(points) for path, points in by_field.items()}
    return values, {p: tuple(v) for p, v in ids.items()}, tuple(unused)


def apply_values(scenario: ScenarioBase, values: Mapping[str, float | str]) -> ScenarioBase:
    """A validated copy of ``scenario`` with ``values`` set, numbers clipped into bounds."""
    return with_values(scenario, clipped(values))


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
