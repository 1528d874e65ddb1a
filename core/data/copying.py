"""Copying chosen benchmark rows into a scenario: what would change, and the warnings.

The rows go through the same basis rule as presets (:func:`core.data.presets.
values_from_rows`): each model field gets the median point estimate of the chosen rows
that may feed it, clipped into the field's bounds. Each changed field carries the flags of
its rows (vague, old, undated, outlier among the field's rows: :mod:`core.data.evidence`)
so the user sees them before applying.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.data.evidence import RowFlag, outlier_ids, row_flags
from core.data.presets import FieldMap, values_from_rows
from core.data.store import DataStore
from core.model.paths import driver_spec, value_at
from core.model.scenario import ScenarioBase


@dataclass(frozen=True)
class CopyLine:
    """One field copying would set: its value before and after (model units), the rows
    behind the new value and their warnings."""

    path: str
    before: float
    after: float
    row_ids: tuple[str, ...]
    flags: frozenset[RowFlag]


@dataclass(frozen=True)
class CopyPlan:
    """Values to set (already clipped), one line per field, and ids of rows that feed no
    field (measured on another basis, or without a point figure)."""

    values: dict[str, float]
    lines: tuple[CopyLine, ...]
    unused: tuple[str, ...]

    @property
    def warned(self) -> bool:
        """Whether any row behind a change is vague, old, undated or an outlier."""
        return any(line.flags for line in self.lines)


def copy_plan(
    scenario: ScenarioBase, rows: pd.DataFrame, store: DataStore, field_map: FieldMap
) -> CopyPlan:
    """What copying benchmark ``rows`` into ``scenario`` would change (module docstring)."""
    values, ids, unused = values_from_rows(rows, field_map)
    lines = []
    clipped: dict[str, float] = {}
    for path, new in values.items():
        field_rows = store.field_rows(path)
        outliers = outlier_ids(field_rows)
        chosen = field_rows[field_rows["id"].isin(ids[path])]
        flags: frozenset[RowFlag] = frozenset().union(
            *(row_flags(row, outliers) for _, row in chosen.iterrows())
        )
        clipped[path] = driver_spec(path).clip(new)
        before = float(value_at(scenario, path))
        lines.append(CopyLine(path, before, clipped[path], ids[path], flags))
    return CopyPlan(clipped, tuple(lines), unused)
