"""A plausible range of a headline output, as the benchmark table supports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlausibleRange:
    """What the table supports for one check, with the rows behind it."""

    check: str
    low: float
    high: float
    row_ids: tuple[str, ...]
    note: str
