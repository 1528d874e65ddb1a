"""Business presets: scenario values looked up in the benchmark table for a kind of business.

A preset (``data/presets.json``) names a business size, a product category, the
platform(s) it sells on, and the scenario fields it fills. Its values are not stored:
:func:`preset_assumptions` queries them through :class:`core.data.store.DataStore`.

For each field, :data:`FIELD_SOURCES` names the benchmark metric (and strategy) it comes
from; the rows must be in the benchmark unit that matches the field's unit
(:data:`BENCHMARK_UNIT_OF`), so rates stay fractions and money stays yuan. The value is
the median of the matching rows' point estimates (a row's ``value``, or the midpoint
``(low + high) / 2`` of a range-only row; rows with only a floor or only a ceiling are
skipped), the range is min(low) .. max(high) of those rows (a point figure counts as its
own low and high), and the provenance is the list of their ids.

Rows are searched from the most to the least specific level and the first level with
any usable row wins:

1. ``platform_category`` — the preset's platform(s) and its category;
2. ``platform_all`` — the preset's platform(s), rows for every category (``all``);
3. ``global_category`` — cross-platform rows (``global``) for the category;
4. ``global_all`` — cross-platform rows for every category.

The product category ``other`` has no benchmark rows of its own and uses ``all`` (levels
2 and 4 only). Benchmarks carry no business size: the size only sets ``business.size``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from core.data.store import DATA_DIR, DataStore
from core.model.paths import clipped, driver_spec_map, with_values
from core.model.scenario import ScenarioBase
from core.model.vocab import BenchmarkCategory, BusinessSize, Category, Metric, Platform, Unit

PRESETS_JSON: Path = DATA_DIR / "presets.json"

FallbackLevel = Literal["platform_category", "platform_all", "global_category", "global_all"]
FALLBACK_LEVELS: tuple[FallbackLevel, ...] = get_args(FallbackLevel)


@dataclass(frozen=True)
class FieldSource:
    """The benchmark metric a scenario field is filled from.

    ``strategy`` restricts the rows to one strategy; ``None`` searches all of them (the
    README files ``gross_margin`` and generic ``return_rate`` once, under ``ads``, and says
    to ignore the strategy when looking them up).
    """

    metric: Metric
    strategy: str | None


FIELD_SOURCES: Mapping[str, FieldSource] = {
    "ads.cpc": FieldSource("cpc", "ads"),
    "ads.ctr": FieldSource("ctr", "ads"),
    "ads.cvr": FieldSource("cvr", "ads"),
    "ads.aov": FieldSource("aov", "ads"),
    "ads.cpc_growth_annual": FieldSource("cpc_growth", "ads"),
    "content.commission_rate": FieldSource("commission_rate", "content"),
    "content.cvr": FieldSource("cvr", "content"),
    "private_domain.monthly_churn": FieldSource("monthly_churn", "private_domain"),
    "private_domain.monthly_fixed_cost": FieldSource("community_monthly_cost", "private_domain"),
    "private_domain.aov": FieldSource("aov", "private_domain"),
    "ads.return_rate": FieldSource("return_rate", "ads"),
    "content.return_rate": FieldSource("return_rate", "content"),
    "business.gross_margin": FieldSource("gross_margin", None),
}
"""Scenario fields a preset can fill (dotted paths) and where their values come from."""

BENCHMARK_UNIT_OF: Mapping[str, Unit] = {
    "fraction": "fraction",
    # The metric names the period: ``monthly_churn`` is per month, ``cpc_growth`` per year.
    "fraction_per_month": "fraction",
    "fraction_per_year": "fraction",
    "yuan_per_click": "yuan_per_click",
    "yuan_per_order": "yuan",
    "yuan_per_month": "yuan_per_month",
}
"""Scenario field unit → the benchmark unit its rows must have."""


def benchmark_unit(path: str) -> Unit:
    """Benchmark unit of the rows that may fill field ``path`` (``KeyError`` if none)."""
    return BENCHMARK_UNIT_OF[driver_spec_map()[path].unit]


class Preset(BaseModel):
    """One business preset as written in ``data/presets.json``; labelled ``preset.<key>``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    size: BusinessSize
    category: Category
    platforms: tuple[Platform, ...] = Field(min_length=1)
    fields: tuple[str, ...] = Field(min_length=1)

    @field_validator("platforms")
    @classmethod
    def _real_platforms(cls, platforms: tuple[Platform, ...]) -> tuple[Platform, ...]:
        if "global" in platforms:
            raise ValueError("name real platforms; 'global' is the fallback level")
        return platforms

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [path for path in fields if path not in FIELD_SOURCES]
        if unknown:
            raise ValueError(f"no benchmark source for {unknown}; known: {list(FIELD_SOURCES)}")
        return fields

    @property
    def label_key(self) -> str:
        """i18n catalog key of the preset's name."""
        return f"preset.{self.key}"


class FieldEstimate(BaseModel):
    """A preset value with its range and provenance (units: the field's, see module doc)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: Metric
    unit: Unit
    value: float
    low: float
    high: float
    row_ids: tuple[str, ...] = Field(min_length=1)
    fallback_level: FallbackLevel


class PresetAssumptions(BaseModel):
    """What a preset fills: estimates by dotted path, and the fields no benchmark covers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: Preset
    values: dict[str, FieldEstimate]
    missing: tuple[str, ...]


def load_presets(path: Path = PRESETS_JSON) -> tuple[Preset, ...]:
    """The presets in ``path`` (validated; ``ValueError`` on a repeated key)."""
    presets = TypeAdapter(tuple[Preset, ...]).validate_json(path.read_bytes())
    keys = [preset.key for preset in presets]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"{path}: repeated preset keys {repeated}")
    return presets


def fallback_levels(
    preset: Preset,
) -> tuple[tuple[FallbackLevel, tuple[Platform, ...], BenchmarkCategory], ...]:
    """(level, platforms, benchmark category) to search, most specific first."""
    category: BenchmarkCategory = "all" if preset.category == "other" else preset.category
    levels: tuple[tuple[FallbackLevel, tuple[Platform, ...], BenchmarkCategory], ...] = (
        ("platform_category", preset.platforms, category),
        ("platform_all", preset.platforms, "all"),
        ("global_category", ("global",), category),
        ("global_all", ("global",), "all"),
    )
    if category == "all":
        return tuple(level for level in levels if not level[0].endswith("_category"))
    return levels


def field_estimate(preset: Preset, path: str, store: DataStore) -> FieldEstimate | None:
    """Benchmark estimate of field ``path`` for ``preset``; ``None`` if no level has rows."""
    source = FIELD_SOURCES[path]
    unit = benchmark_unit(path)
    for level, platforms, category in fallback_levels(preset):
        found = store.estimate(
            source.metric,
            unit=unit,
            platform=platforms,
            category=category,
            strategy=source.strategy,
        )
        if found is not None:
            return FieldEstimate(
                metric=source.metric,
                unit=unit,
                value=found.value,
                low=found.low,
                high=found.high,
                row_ids=found.row_ids,
                fallback_level=level,
            )
    return None


def preset_assumptions(preset: Preset, store: DataStore) -> PresetAssumptions:
    """Every field of ``preset`` looked up in the benchmarks (see the module docstring)."""
    found = {path: field_estimate(preset, path, store) for path in preset.fields}
    return PresetAssumptions(
        preset=preset,
        values={path: estimate for path, estimate in found.items() if estimate is not None},
        missing=tuple(path for path, estimate in found.items() if estimate is None),
    )


def apply_preset(scenario: ScenarioBase, result: PresetAssumptions) -> ScenarioBase:
    """A validated copy of ``scenario`` with the preset's size, category and values.

    Each value is clipped into its field's validation bounds; fields the preset does not
    fill (including ``result.missing``) keep their values.
    """
    values: dict[str, float | str] = {
        "business.size": result.preset.size,
        "business.category": result.preset.category,
    }
    values.update({path: estimate.value for path, estimate in result.values.items()})
    return apply_values(scenario, values)


def apply_values(scenario: ScenarioBase, values: Mapping[str, float | str]) -> ScenarioBase:
    """A validated copy of ``scenario`` with ``values`` set, numbers clipped into bounds."""
    return with_values(scenario, clipped(values))


def point_estimate(value: float | None, low: float | None, high: float | None) -> float | None:
    """A row's point figure: ``value``, else the midpoint of a two-sided range, else None."""
    if value is not None and not math.isnan(value):
        return value
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return None
    return (low + high) / 2


def field_for_row(metric: str, strategy: str, unit: str) -> str | None:
    """The scenario field (dotted path) a benchmark row can fill, or ``None``."""
    for path, source in FIELD_SOURCES.items():
        if (
            source.metric == metric
            and source.strategy in (None, strategy)
            and benchmark_unit(path) == unit
        ):
            return path
    return None


def values_from_rows(rows: pd.DataFrame) -> tuple[dict[str, float], tuple[str, ...]]:
    """Scenario values from chosen benchmark rows, and the ids of rows that fit no field.

    Each field gets the median of the point estimates (:func:`point_estimate`) of the rows
    that map to it (:func:`field_for_row`); rows without a point figure or field are
    returned as unused.
    """
    by_field: dict[str, list[float]] = {}
    unused: list[str] = []
    for row in rows.itertuples(index=False):
        path = field_for_row(str(row.metric), str(row.strategy), str(row.unit))
        point = point_estimate(_number(row.value), _number(row.low), _number(row.high))
        if path is None or point is None:
            unused.append(str(row.id))
            continue
        by_field.setdefault(path, []).append(point)
    return {path: statistics.median(points) for path, points in by_field.items()}, tuple(unused)


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
