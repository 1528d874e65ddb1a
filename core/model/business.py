"""The business a scenario describes: size, category, margin and returns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from core.model.fields import Provenance, driver
from core.model.sources import DESIGN
from core.model.vocab import BusinessSize, Category


class Business(BaseModel):
    """Who is deciding: size and category steer guidance; margin and returns drive profit.

    gross profit = net revenue × gross_margin; net revenue = GMV × (1 − return_rate).
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)

    size: BusinessSize = "sme"
    category: Category = "apparel"
    gross_margin: float = driver(
        0.40,
        unit="fraction",
        description="Share of net revenue left after cost of goods sold.",
        provenance=Provenance(DESIGN, 2024, "vague"),
        ui=(0.05, 0.90, 0.01),
        ge=0.0,
        le=1.0,
    )
    return_rate: float = driver(
        0.10,
        unit="fraction",
        description="Share of GMV refunded (returns and cancellations).",
        provenance=Provenance(DESIGN, 2024, "vague"),
        ui=(0.0, 0.60, 0.01),
        ge=0.0,
        le=1.0,
    )
