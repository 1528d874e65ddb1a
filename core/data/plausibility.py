"""The plausible ranges of headline outputs (``data/benchmarks/plausibility.csv``).

Each row names a check of :mod:`core.analysis.plausibility`, its low and high, the
benchmark rows behind the range (checked to exist) and a note on how they support it.
"""

from __future__ import annotations

import csv
from functools import cache

from core.data.store import DATA_DIR, DataStore
from core.model.plausible import PlausibleRange

PLAUSIBILITY_CSV = DATA_DIR / "benchmarks" / "plausibility.csv"


@cache
def plausible_ranges() -> dict[str, PlausibleRange]:
    """Check → range (read once)."""
    with PLAUSIBILITY_CSV.open(encoding="utf-8", newline="") as file:
        return {
            row["check"]: PlausibleRange(
                row["check"],
                float(row["low"]),
                float(row["high"]),
                tuple(row["rows"].split()),
                row["note"],
            )
            for row in csv.DictReader(file)
        }


def missing_rows(store: DataStore) -> list[str]:
    """Row ids the ranges cite that the benchmark table does not hold."""
    known = set(store.benchmarks()["id"])
    return sorted({rid for r in plausible_ranges().values() for rid in r.row_ids} - known)
