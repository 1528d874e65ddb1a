"""The plausible ranges of headline outputs (``data/benchmarks/plausibility.csv``).

Each row names a check of :mod:`core.analysis.plausibility`, its low and high, the
benchmark rows behind the range (checked to exist) and a note on how they support it.
A range whose rows are all of ``vague`` quality is marked ``vague_only``: it is shown as
a warning to check, with that said, and is not a standard the tests hold defaults and
presets to — the same rule as for input ranges (:func:`core.data.ranges.trusted_bounds`).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from functools import cache

from core.data.store import DATA_DIR, DataStore
from core.model.plausible import PlausibleRange

PLAUSIBILITY_CSV = DATA_DIR / "benchmarks" / "plausibility.csv"
DESIGN_ASSUMPTION = "Design assumption"
"""How the source of a row the team reasoned out begins."""


@cache
def _read_ranges() -> dict[str, PlausibleRange]:
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


def plausible_ranges(store: DataStore) -> dict[str, PlausibleRange]:
    """Check → range, each marked ``vague_only`` when every row behind it is vague, with
    the distinct sources of its rows (a design assumption is reasoning, not a source)."""
    table = store.benchmarks()
    quality = dict(zip(table["id"], table["quality"], strict=True))
    source = dict(zip(table["id"], table["source"], strict=True))
    return {
        check: replace(
            bounds,
            vague_only=all(quality.get(r) == "vague" for r in bounds.row_ids),
            sources=tuple(
                dict.fromkeys(
                    source[r]
                    for r in bounds.row_ids
                    if r in source and not source[r].startswith(DESIGN_ASSUMPTION)
                )
            ),
        )
        for check, bounds in _read_ranges().items()
    }


def standard_checks(store: DataStore) -> frozenset[str]:
    """The checks whose range rests on at least one solid or medium row: the ones the
    defaults of every size and category and every preset are held to."""
    return frozenset(c for c, r in plausible_ranges(store).items() if not r.vague_only)


def missing_rows(store: DataStore) -> list[str]:
    """Row ids the ranges cite that the benchmark table does not hold."""
    known = set(store.benchmarks()["id"])
    return sorted({rid for r in _read_ranges().values() for rid in r.row_ids} - known)
