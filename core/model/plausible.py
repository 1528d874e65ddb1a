"""A plausible range of a headline output, as the benchmark table supports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlausibleRange:
    """What the table supports for one check, with the rows behind it; ``vague_only``
    when every one of those rows is of vague quality (a warning, not a standard);
    ``sources`` the rows' distinct sources as stored (design assumptions left out)."""

    check: str
    low: float
    high: float
    row_ids: tuple[str, ...]
    note: str
    vague_only: bool = False
    sources: tuple[str, ...] = ()
