"""Benchmark ranges of the model's drivers: default sensitivity and uncertainty ranges.

For every driver the field map names, :func:`driver_ranges` gives the table's evidence
(:func:`core.data.evidence.choose` for the business's category, any platform): the median
as the most likely value and min(low) .. max(high) as the range. A driver without usable
rows has no entry: sensitivity then moves it ±20 % and the risk analysis uses its
documented default width.
"""

from __future__ import annotations

from core.data.evidence import Evidence, choose
from core.data.store import DataStore
from core.model.paths import driver_spec_map


def driver_ranges(store: DataStore, category: str) -> dict[str, Evidence]:
    """Evidence by driver path for a business of ``category`` (``other`` uses ``all`` rows)."""
    table_category = "all" if category == "other" else category
    ranges: dict[str, Evidence] = {}
    for path in store.mapped_fields():
        if path not in driver_spec_map():
            continue
        evidence = choose(path, store.field_rows(path), category=table_category)
        if evidence is not None and evidence.high > evidence.low:
            ranges[path] = evidence
    return ranges


def range_bounds(evidence: dict[str, Evidence]) -> dict[str, tuple[float, float]]:
    """``(low, high)`` per driver path of :func:`driver_ranges`: what the tornado, the
    Monte Carlo's default uncertainty and the guardrails read."""
    return {path: (e.low, e.high) for path, e in evidence.items()}


def trusted_bounds(evidence: dict[str, Evidence]) -> dict[str, tuple[float, float]]:
    """:func:`range_bounds` of the ranges that rest on at least one solid or medium row:
    what the user's inputs are held to (``guard.assumption``). A range resting only on
    vague rows (a design placeholder, one operator's pay for a whole team) is flagged
    where it is shown, not used to flag the user's inputs (:mod:`core.data.evidence`)."""
    return {path: (e.low, e.high) for path, e in evidence.items() if "vague_only" not in e.flags}
