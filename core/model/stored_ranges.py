"""Uncertainty ranges saved with the scenario: the user's own, or calibrated from data.

A scenario's ``ranges`` maps a driver path (``ads.cpc``, ``business.gross_margin``) to
the low and high the Monte Carlo should draw that driver between, in the driver's own
units (fractions, yuan). ``source`` says who set it: ``user`` (typed on the Risk page) or
``data`` (the 10th–90th percentile of the user's orders or campaign results, with the
dates the data covers in ``first`` / ``last``). A driver without an entry takes the
default range (:func:`core.analysis.uncertainty.default_ranges`). Saving the ranges with
the scenario means a reload, a shared link, the summary's risk score, the exports and
``python -m core simulate`` all draw from the same ranges the Risk page shows.

The scenario model checks that every path names a numeric driver and that low and high
lie within its bounds (:class:`core.model.scenario.ScenarioBase`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

RangeOrigin = Literal["data", "user"]
MAX_STORED_RANGES = 200
"""Most ranges a scenario carries (there are fewer than 100 drivers)."""


class StoredRange(BaseModel):
    """One driver's range, low ≤ high in the driver's units, and where it came from."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    low: float = Field(strict=True, description="Lowest value drawn (driver units).")
    high: float = Field(strict=True, description="Highest value drawn (driver units).")
    source: RangeOrigin = Field(
        "user", description="Who set the range: 'user' (typed) or 'data' (calibrated)."
    )
    first: dt.date | None = Field(None, description="First day of the data (source 'data').")
    last: dt.date | None = Field(None, description="Last day of the data (source 'data').")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise PydanticCustomError(
                "range_order", "low above high", {"low": self.low, "high": self.high}
            )
        if self.first is not None and self.last is not None and self.first > self.last:
            raise PydanticCustomError("range_dates", "first day after last day")
        return self
