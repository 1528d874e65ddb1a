"""The risk register: the risks a scenario carries, scored 1–5 and linked to the model.

Each row (:class:`Risk`) names a risk of the source documents (the digest's risk table,
"3. Risks named"), the strategies it affects, how likely it is and how bad, who owns it,
the mitigation, what the mitigation costs and removes, the scores after mitigation, its
status and source section, and the shock that quantifies it (:mod:`core.model.shocks`).
The register is part of the scenario file (``risks``), so it is saved, shared and
compared with the scenario.

Scales (documented once, used by the matrix and the Monte Carlo):

* **likelihood** 1–5 → an annual probability band (:data:`LIKELIHOOD_BANDS`); the
  simulation uses the band's representative value (:data:`LIKELIHOOD_PROBABILITY`);
* **impact** 1–5 → a band of money lost (NPV, yuan; :data:`IMPACT_BANDS_SME`, × 10 for
  a mid-size and × 100 for a large business). A risk with a shock takes its impact from
  the simulated loss (``impact`` left empty = "from the model"); a risk without one
  keeps the impact people give it.

Texts: ``name``, ``description``, ``owner`` and ``mitigation`` left empty mean the
shipped text of the risk ``id`` in the reader's language (the catalog,
``risk.<id>.<field>``); typed text is the user's own and is shown as it is.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from core.model.shocks import ShockId
from core.model.strategies import STRATEGY_KEYS

RiskCategory = Literal["market", "technology", "operations", "compliance", "supply"]
"""Risk families of the documents: market, technology and operations (000 §6.1–6.3),
compliance (003 §8) and supply (003 §8.2)."""
RiskStatus = Literal["open", "mitigating", "mitigated", "accepted", "closed"]
"""Where the response stands; a ``closed`` risk no longer applies and is not simulated."""
RISK_CATEGORIES: tuple[RiskCategory, ...] = get_args(RiskCategory)
RISK_STATUSES: tuple[RiskStatus, ...] = get_args(RiskStatus)

Score = Annotated[int, Field(ge=1, le=5, strict=True)]

LIKELIHOOD_BANDS: dict[int, tuple[float, float]] = {
    1: (0.0, 0.05),
    2: (0.05, 0.15),
    3: (0.15, 0.35),
    4: (0.35, 0.65),
    5: (0.65, 1.0),
}
"""Likelihood score → annual probability band [low, high): rare, unlikely, possible,
likely, almost certain (a design scale; the documents give no probabilities)."""
LIKELIHOOD_PROBABILITY: dict[int, float] = {1: 0.03, 2: 0.10, 3: 0.25, 4: 0.50, 5: 0.80}
"""The annual probability the simulation draws events with, one inside each band."""
IMPACT_BANDS_SME: tuple[float, ...] = (50_000.0, 200_000.0, 500_000.0, 2_000_000.0)
"""NPV lost (yuan) from which impact is 2, 3, 4 and 5 for a small business: below ¥5万
minor, ¥5万–20万 moderate, ¥20万–50万 major, ¥50万–200万 severe, from ¥200万 critical."""
IMPACT_SCALE_BY_SIZE: dict[str, float] = {"sme": 1.0, "mid": 10.0, "large": 100.0}
"""The impact bands grow with the business: × 10 for mid-size, × 100 for large."""
MAX_RISKS = 60
MAX_TEXT = 500


class Risk(BaseModel):
    """One row of the register (module docstring). Money in yuan, shares as fractions."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$", description="Stable id (a–z, 0–9, _).")
    category: RiskCategory
    strategies: tuple[str, ...] = Field(description="Strategies the risk affects (keys).")
    name: str = Field("", max_length=100, description="Short name; empty = shipped text.")
    description: str = Field("", max_length=MAX_TEXT, description="Empty = shipped text.")
    likelihood: Score = Field(description="1–5, see LIKELIHOOD_BANDS.")
    impact: Score | None = Field(
        None, description="1–5, see IMPACT_BANDS_SME; empty = from the simulated loss."
    )
    owner: str = Field("", max_length=100, description="Who answers for it; empty = shipped.")
    mitigation: str = Field("", max_length=MAX_TEXT, description="Empty = shipped text.")
    mitigation_cost: float = Field(
        0.0, ge=0.0, le=1e9, description="What the mitigation costs, yuan per year."
    )
    mitigation_effect: float = Field(
        0.0, ge=0.0, le=1.0, description="Share of the shock's damage the mitigation removes."
    )
    residual_likelihood: Score = Field(description="Likelihood after mitigation, 1–5.")
    residual_impact: Score | None = Field(
        None, description="Impact after mitigation; empty = from the simulated loss."
    )
    status: RiskStatus = "open"
    source: str = Field("", max_length=100, description="Seed document and section.")
    shock: ShockId | None = Field(None, description="The shock that quantifies it, if any.")

    @field_validator("strategies")
    @classmethod
    def _known_strategies(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [key for key in value if key not in STRATEGY_KEYS]
        if unknown:
            raise PydanticCustomError(
                "risk_strategy", "unknown strategies {keys}", {"keys": ", ".join(unknown)}
            )
        return tuple(key for key in STRATEGY_KEYS if key in value)

    @model_validator(mode="after")
    def _consistent(self) -> Risk:
        if self.shock is None and (self.impact is None or self.residual_impact is None):
            raise PydanticCustomError(
                "risk_impact_needed", "a risk without a shock needs an impact score"
            )
        if self.residual_likelihood > self.likelihood:
            raise PydanticCustomError(
                "risk_residual_above", "residual likelihood above the likelihood"
            )
        if (
            self.impact is not None
            and self.residual_impact is not None
            and self.residual_impact > self.impact
        ):
            raise PydanticCustomError("risk_residual_above", "residual impact above the impact")
        return self


def _risk(  # noqa: PLR0917 (one row of the table below)
    risk_id: str,
    category: RiskCategory,
    strategies: tuple[str, ...],
    scores: tuple[int, int | None, int, int | None],
    mitigation: tuple[float, float],
    source: str,
    shock: ShockId | None = None,
) -> Risk:
    likelihood, impact, residual_likelihood, residual_impact = scores
    return Risk(
        id=risk_id,
        category=category,
        strategies=strategies,
        likelihood=likelihood,
        impact=impact,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        mitigation_cost=mitigation[0],
        mitigation_effect=mitigation[1],
        source=source,
        shock=shock,
    )


ALL = STRATEGY_KEYS
SHIPPED_REGISTER: tuple[Risk, ...] = (
    # scores: (likelihood, impact, residual likelihood, residual impact); None = model.
    # mitigation: (yuan a year, share of the shock's damage removed). Scores, costs and
    # effects are judgements from what the documents stress (design figures), except the
    # 60% loss cut of a prepared crisis plan (003 §6.4).
    _risk("traffic_cost", "market", ("ads",), (4, None, 3, None), (0.0, 0.3), "000 §6.1.1",
          "cpc_surge"),
    _risk("preference_shift", "market", ALL, (4, 3, 3, 2), (20_000.0, 0.0), "000 §6.1.2"),
    _risk("platform_rules", "market", ("content", "ads"), (3, None, 2, None),
          (20_000.0, 0.5), "000 §6.1.3", "commission_hike"),
    _risk("algorithm_shock", "market", ("content",), (3, None, 3, None), (20_000.0, 0.3),
          "000 §3.2.1", "content_traffic_drop"),
    _risk("tech_cost", "technology", ALL, (3, 3, 2, 2), (0.0, 0.0), "000 §6.2.1"),
    _risk("data_breach", "compliance", ("private_domain", "ads"), (2, None, 1, None),
          (60_000.0, 0.5), "000 §6.2.2", "data_breach"),
    _risk("tech_obsolete", "technology", ALL, (3, 2, 2, 2), (0.0, 0.0), "000 §6.2.3"),
    _risk("talent", "operations", ("content", "private_domain"), (3, 3, 2, 2),
          (30_000.0, 0.0), "000 §6.3.1"),
    _risk("execution", "operations", ALL, (3, 3, 2, 2), (10_000.0, 0.0), "000 §6.3.2"),
    _risk("customer_experience", "operations", ("ads", "private_domain"), (3, 3, 2, 2),
          (10_000.0, 0.0), "000 §6.3.3"),
    _risk("streamer_crisis", "operations", ("content",), (2, None, 2, None),
          (10_000.0, 0.6), "003 §6.4", "affiliate_income_cut"),
    _risk("stockout", "supply", ("content",), (2, None, 1, None), (30_000.0, 0.5),
          "003 §8.2", "stockout"),
)  # fmt: skip
"""The twelve risks of the documents (the digest's risk table), in its order."""


def shipped_register() -> tuple[Risk, ...]:
    """The register every new scenario starts with (:data:`SHIPPED_REGISTER`)."""
    return SHIPPED_REGISTER


def shipped_register_data() -> list[dict[str, object]]:
    """The shipped register as plain JSON data (for migrations)."""
    return [risk.model_dump(mode="json") for risk in SHIPPED_REGISTER]


def impact_bands(size: str) -> tuple[float, ...]:
    """The loss thresholds (yuan) of impact 2..5 for a business of ``size``."""
    return tuple(limit * IMPACT_SCALE_BY_SIZE.get(size, 1.0) for limit in IMPACT_BANDS_SME)


def impact_score(loss: float, size: str) -> int:
    """Impact 1–5 of an NPV loss (yuan; gains and no loss are 1)."""
    return 1 + sum(loss >= limit for limit in impact_bands(size))
