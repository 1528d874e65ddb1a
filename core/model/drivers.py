"""Driver values for a batch of scenario variants.

The engine evaluates N variants of one scenario at once: each numeric driver is a column
of shape (N, 1) when the batch varies it, or (1, 1) when every variant shares the
scenario's value, so that it broadcasts against monthly series of shape (N, H). Optional
drivers that are switched off (``None``) read as +∞ (e.g. no saturation ceiling).
Switches and choices (booleans, strings) are shared by the whole batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


@lru_cache(maxsize=4096)
def _shared(value: float) -> FloatArray:
    """A read-only (1, 1) column holding ``value`` (shared by every batch that uses it)."""
    column = np.full((1, 1), value)
    column.flags.writeable = False
    return column


class DriverBatch:
    """The drivers of one part of a scenario (the business or one strategy) for N variants.

    ``values`` are the scenario's values by field name; ``overrides`` maps field name →
    array of N values (already validated by the caller). Every driver is an attribute.
    """

    def __init__(self, values: Mapping[str, Any], overrides: Mapping[str, FloatArray]) -> None:
        unknown = set(overrides) - set(values)
        if unknown:
            raise KeyError(sorted(unknown))
        self._values = dict(values)
        for name, value in values.items():
            if name in overrides:
                column: Any = np.asarray(overrides[name], dtype=np.float64).reshape(-1, 1)
            elif value is None:
                column = _shared(np.inf)
            elif isinstance(value, bool | str):
                column = value
            else:
                column = _shared(float(value))
            setattr(self, name, column)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)

    def value(self, name: str) -> Any:
        """The scenario's own value of ``name`` (not overridden)."""
        return self._values[name]
