"""Default drivers by business size and product category (``data/profiles/*.csv``).

Size and category are inputs because they choose defaults: ``categories.csv`` holds what
varies by category (margin, order values, return rates, repeat buying, member orders,
content conversion, per-order costs) and ``sizes.csv`` what varies by size (budgets,
teams, fixed costs, members, audience ceilings). Each value names its source: benchmark
row ids (and a test checks that the value lies within those rows' spread; a value derived
from a row, such as a team of several people, is a design note that names the row in
words) or a design note. Where the table holds trusted rows of a category, the category's
value is their estimate (:func:`core.data.evidence.choose`). A category without its own
row for a field uses the ``other`` category's value; ``other`` has every category field.

:func:`profile_scenario` is the scenario a business of that size and category starts
from; the model's own defaults are the ``sme`` × ``apparel`` profile (tested).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.data.store import DATA_DIR
from core.model.paths import driver_spec, with_values
from core.model.scenario import ScenarioBase, default_scenario
from core.model.vocab import BusinessSize, Category, Quality, TeamSize

PROFILES_DIR: Path = DATA_DIR / "profiles"
FALLBACK_CATEGORY = "other"


@dataclass(frozen=True)
class ProfileValue:
    """One default: the driver path, its value (model units), quality and source."""

    path: str
    value: float
    quality: Quality
    source: str


def _read(name: str, key: str) -> dict[str, dict[str, ProfileValue]]:
    table: dict[str, dict[str, ProfileValue]] = {}
    with (PROFILES_DIR / name).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            spec = driver_spec(row["field"])
            value = float(row["value"])
            if not spec.accepts(value):
                raise ValueError(f"{name}: {row['field']} = {value} is outside its bounds")
            entry = ProfileValue(row["field"], value, row["quality"], row["source"])  # type: ignore[arg-type]
            table.setdefault(row[key], {})[row["field"]] = entry
    return table


@cache
def category_table() -> dict[str, dict[str, ProfileValue]]:
    """Category → path → value (read once)."""
    return _read("categories.csv", "category")


@cache
def size_table() -> dict[str, dict[str, ProfileValue]]:
    """Size → path → value (read once)."""
    return _read("sizes.csv", "size")


def profile_values(size: BusinessSize, category: Category) -> dict[str, ProfileValue]:
    """Every default the size and category set (category falls back to ``other``)."""
    categories = category_table()
    values = dict(categories.get(FALLBACK_CATEGORY, {}))
    values.update(categories.get(category, {}))
    values.update(size_table()[size])
    return values


TEAM_BY_SIZE: dict[BusinessSize, TeamSize] = {
    "sme": "small",
    "mid": "dedicated",
    "large": "dedicated",
}
"""The team a business of each size has (design: the size rows' team costs pay three to
twenty people per channel beyond an SME's; the fit score reads it)."""


def profile_scenario(
    size: BusinessSize, category: Category, base: ScenarioBase | None = None
) -> ScenarioBase:
    """``base`` (default: the default scenario) with the size, the category and every
    default they set."""
    values: dict[str, object] = {
        "business.size": size,
        "business.category": category,
        "business.team": TEAM_BY_SIZE[size],
    }
    values.update({path: v.value for path, v in profile_values(size, category).items()})
    return with_values(base or default_scenario(), values)
