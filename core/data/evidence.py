"""What the benchmark table says about one model field: the basis rule, then quality, age
and outlier rules, then a value with its range and the rows behind it.

1. **Basis**: only rows whose metric, unit, basis and market the field map
   (``data/benchmarks/field_basis.csv``) allows for the field count
   (:meth:`core.data.store.DataStore.field_rows`); the others stay in the table for reading.
2. **Level**: the most specific rows first — the platform(s) and category asked for, then
   the platform(s) across categories (``all``), then any platform for the category, then
   any platform across categories. The first level with a usable row wins.
3. **Outliers**: with four or more point estimates, a row outside Q1 − 1.5·IQR ..
   Q3 + 1.5·IQR is an outlier; with three, a row more than 3× or less than a third of the
   median is; with one or two nothing can be called an outlier. Outliers are left out
   while other rows remain.
4. **Quality**: solid and medium rows are used when there are any; otherwise the vague
   rows are used and the estimate is flagged ``vague_only``.
5. **Age**: rows measured in :data:`OLD_BEFORE_YEAR` or later are used when there are
   any; otherwise the estimate is flagged ``old_only``. Rows whose year is inferred or
   unknown count as dated by their ``year`` column (``year_status`` is shown).
6. A level whose estimate is both ``vague_only`` and ``old_only`` gives way to the next
   level that does better (e.g. an undated 2020 Q&A figure for one platform gives way to
   recent cross-platform rows); when none does, the most specific one is kept, flagged.

The value is the median of the chosen rows' point estimates (a row's value, or the
midpoint of its range); the range is min(low) .. max(high) of the chosen rows' spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import pandas as pd

from core.data.store import DataStore
from core.model.paths import driver_spec
from core.model.vocab import Quality

OLD_BEFORE_YEAR = 2021
"""Rows measured before 2021 — more than four years before the 2025 audit — are old."""
BENCHMARK_UNITS_FOR: dict[str, str] = {
    "yuan_per_order": "yuan",
    "yuan_per_member": "yuan",
    "fraction_per_month": "fraction",
    "fraction_per_year": "fraction",
    "orders_per_member_month": "per_month",
    "orders_per_customer_month": "per_month",
}
"""Model unit → the benchmark unit of rows that may feed it (others: the same name)."""
IQR_FENCE = 1.5
FEW_ROWS_FACTOR = 3.0

Level = Literal["platform_category", "platform_all", "any_category", "any_all"]
LEVELS: tuple[Level, ...] = get_args(Level)
EstimateFlag = Literal["vague_only", "old_only", "single_row"]
RowFlag = Literal["vague", "old", "outlier", "undated"]


@dataclass(frozen=True)
class Evidence:
    """A field's estimate from the table (model units) and how far it can be trusted."""

    field: str
    value: float
    low: float
    high: float
    row_ids: tuple[str, ...]
    level: Level
    flags: frozenset[EstimateFlag]
    quality: Quality
    newest_year: int


Record = Mapping[str, object]
"""One basis-matched row as a mapping (``DataFrame.to_dict("records")``): the rules run on
plain records, a few rows per field, instead of a pandas filter per level."""


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _points(records: list[Record]) -> list[Record]:
    return [r for r in records if not _missing(r["point"])]


def _outliers(records: list[Record]) -> frozenset[str]:
    points = _points(records)
    values = np.array([float(r["point"]) for r in points])  # type: ignore[arg-type]
    if len(values) >= 4:
        q1, q3 = np.percentile(values, [25, 75])
        fence = IQR_FENCE * (q3 - q1)
        far = (values < q1 - fence) | (values > q3 + fence)
    elif len(values) == 3:
        median = float(np.median(values))
        with np.errstate(divide="ignore", invalid="ignore"):
            far = (values > FEW_ROWS_FACTOR * median) | (values < median / FEW_ROWS_FACTOR)
        far &= median > 0
    else:
        return frozenset()
    return frozenset(str(r["id"]) for r, is_far in zip(points, far, strict=True) if is_far)


def outlier_ids(rows: pd.DataFrame) -> frozenset[str]:
    """Ids of rows whose point estimate is an outlier among ``rows`` (module docstring)."""
    return _outliers(rows.to_dict("records"))


def row_flags(row: Record, outliers: frozenset[str]) -> frozenset[RowFlag]:
    """Warnings for one row: vague, old (before :data:`OLD_BEFORE_YEAR`), undated, outlier."""
    flags: set[RowFlag] = set()
    if row["quality"] == "vague":
        flags.add("vague")
    if int(row["year"]) < OLD_BEFORE_YEAR:  # type: ignore[call-overload]
        flags.add("old")
    if row.get("year_status") == "unknown":
        flags.add("undated")
    if str(row["id"]) in outliers:
        flags.add("outlier")
    return frozenset(flags)


def _at_level(
    records: list[Record], level: Level, platforms: tuple[str, ...], category: str
) -> list[Record]:
    def on_platform(r: Record) -> bool:
        return r["platform"] in platforms if platforms else not _missing(r["platform"])

    if level == "platform_category":
        return [r for r in records if on_platform(r) and r["category"] == category]
    if level == "platform_all":
        return [r for r in records if on_platform(r) and r["category"] == "all"]
    if level == "any_category":
        return [r for r in records if r["category"] == category]
    return [r for r in records if r["category"] == "all"]


def benchmark_unit(model_unit: str) -> str:
    """The benchmark unit rows must have to feed a field of ``model_unit``."""
    return BENCHMARK_UNITS_FOR.get(model_unit, model_unit)


def _estimate(field: str, found: list[Record], outliers: frozenset[str], level: Level) -> Evidence:
    kept = [r for r in found if str(r["id"]) not in outliers]
    chosen = kept or found
    flags: set[EstimateFlag] = set()
    trusted = [r for r in chosen if r["quality"] in ("solid", "medium")]
    if not trusted:
        flags.add("vague_only")
    else:
        chosen = trusted
    recent = [r for r in chosen if int(r["year"]) >= OLD_BEFORE_YEAR]  # type: ignore[call-overload]
    if not recent:
        flags.add("old_only")
    else:
        chosen = recent
    if len(chosen) == 1:
        flags.add("single_row")
    qualities = {r["quality"] for r in chosen}
    best: Quality = (
        "solid" if "solid" in qualities else "medium" if "medium" in qualities else "vague"
    )
    return Evidence(
        field=field,
        value=float(np.median([float(r["point"]) for r in chosen])),  # type: ignore[arg-type]
        low=min(float(r["span_low"]) for r in chosen),  # type: ignore[arg-type]
        high=max(float(r["span_high"]) for r in chosen),  # type: ignore[arg-type]
        row_ids=tuple(sorted(str(r["id"]) for r in chosen)),
        level=level,
        flags=frozenset(flags),
        quality=best,
        newest_year=max(int(r["year"]) for r in chosen),  # type: ignore[call-overload]
    )


def weakness(evidence: Evidence) -> int:
    """How many of "only vague rows" and "only old rows" apply (0–2)."""
    return len(evidence.flags & {"vague_only", "old_only"})


def choose(
    field: str, rows: pd.DataFrame, *, category: str, platforms: tuple[str, ...] = ()
) -> Evidence | None:
    """The estimate of ``field`` from its basis-matched ``rows`` (module docstring), or
    ``None`` when no level has a row with a point estimate. Rows in another unit than the
    field's (e.g. a yearly tool fee for a monthly cost) never count. A level whose rows
    are all vague *and* all old gives way to a less specific level with better rows."""
    unit = benchmark_unit(driver_spec(field).unit)
    records = [r for r in rows.to_dict("records") if r["unit"] == unit]
    outliers = _outliers(records)
    candidates: list[Evidence] = []
    for level in LEVELS:
        found = _points(_at_level(records, level, platforms, category))
        if not found:
            continue
        evidence = _estimate(field, found, outliers, level)
        if weakness(evidence) < 2:
            return evidence
        candidates.append(evidence)
    return candidates[0] if candidates else None


def field_outliers(store: DataStore) -> dict[str, frozenset[str]]:
    """Per mapped model field, the ids of its rows that are outliers among its rows."""
    return {path: outlier_ids(store.field_rows(path)) for path in store.mapped_fields()}


def table_flags(
    rows: pd.DataFrame, outliers: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[RowFlag]]:
    """Warnings per row id of ``rows`` (benchmark table columns): vague, old and undated
    from the row itself; outlier when it is one among the rows of any field it may feed
    (``outliers`` from :func:`field_outliers`)."""
    far = frozenset().union(*outliers.values()) if outliers else frozenset()
    return {str(row["id"]): row_flags(row, far) for _, row in rows.iterrows()}
