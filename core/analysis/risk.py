"""Risks on the model: random events from the register, stress tests, quantified impact.

* **Events** (Monte Carlo): a register risk with a shock (:mod:`core.model.shocks`) and a
  likelihood score L happens in a month with probability q = 1 − (1 − p)^(1/12), p the
  annual probability of L (:data:`core.model.risks.LIKELIHOOD_PROBABILITY`); its first
  month is drawn (geometric), so it hits within H months with probability
  1 − (1 − p)^(H/12). At most one event per risk and run is drawn. ``closed`` risks are
  not drawn.
* **Basis**: ``inherent`` uses the likelihood and the shock at full size; ``residual``
  (after mitigation) uses the residual likelihood, the shock scaled by
  1 − mitigation effect, and charges every mitigation's yearly cost (÷ 12 a month) to the
  first enabled strategy the risk affects.
* **Stress test**: a shock, or a combination, applied for certain from a chosen month;
  the change in NPV, payback and peak cash need per strategy and for the plan. Every
  variant runs in one batch.
* **Quantified impact**: a risk's loss is the plan's NPV without it minus with it, given
  that it happens within the horizon — the mean over its possible first months 1..H
  weighted by the event's timing (the same geometric law), computed exactly in one
  batch (base + one variant per month and basis). Expected loss = that loss × the
  probability it happens within the horizon. The impact score is the loss's band
  (:func:`core.model.risks.impact_score`), unless the register gives a score.
* **Matrix bands**: score = likelihood × impact: 1–4 low, 5–9 medium, 10–16 high,
  20–25 critical.
* **Mitigation balance** (:func:`mitigation_balance`): what the mitigations cost over the
  horizon, Σ_t d_t × the monthly costs (d_t the discount factors), against what they save,
  Σ over risks with a shock of expected loss inherent − residual. When they cost more,
  the view after mitigation loses money more often than the view before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray

from core.model.engine import BatchProjection, BatchResult, evaluate_batch, paid_back
from core.model.finance import discount_factors, peak_cash_need
from core.model.risks import LIKELIHOOD_PROBABILITY, Risk, impact_score
from core.model.scenario import ScenarioBase
from core.model.shocks import ShockEvent, ShockId, ShockPaths, shock_paths, sized_shock

FloatArray = NDArray[np.float64]
Basis = Literal["inherent", "residual"]
BASES: tuple[Basis, ...] = get_args(Basis)
Band = Literal["low", "medium", "high", "critical"]
BANDS: tuple[Band, ...] = get_args(Band)
BAND_LIMITS: tuple[int, ...] = (4, 9, 16)
"""Highest likelihood × impact of the low, medium and high bands (above: critical)."""
TOTAL = "total"
"""Key of the plan in per-strategy results."""


def band(likelihood: int, impact: int) -> Band:
    """Matrix band of a cell (module docstring)."""
    score = likelihood * impact
    return BANDS[sum(score > limit for limit in BAND_LIMITS)]


def annual_probability(score: int) -> float:
    """The annual probability the simulation uses for likelihood ``score``."""
    return LIKELIHOOD_PROBABILITY[score]


def monthly_hazard(score: int) -> float:
    """Probability of the event in any one month: 1 − (1 − p)^(1/12)."""
    return float(1.0 - (1.0 - annual_probability(score)) ** (1.0 / 12.0))


def hit_probability(score: int, horizon: int) -> float:
    """Probability that the event happens within ``horizon`` months: 1 − (1 − p)^(H/12)."""
    return float(1.0 - (1.0 - annual_probability(score)) ** (horizon / 12.0))


def live_risks(scenario: ScenarioBase) -> tuple[Risk, ...]:
    """The register's rows that still apply (every status but ``closed``)."""
    return tuple(risk for risk in scenario.risks if risk.status != "closed")


def likelihood_of(risk: Risk, basis: Basis) -> int:
    """The likelihood score on ``basis``."""
    return risk.likelihood if basis == "inherent" else risk.residual_likelihood


def severity_of(risk: Risk, basis: Basis) -> float:
    """Share of the shock's documented size on ``basis`` (1 − mitigation effect after)."""
    return 1.0 if basis == "inherent" else 1.0 - risk.mitigation_effect


def mitigation_costs(scenario: ScenarioBase) -> dict[str, float]:
    """Yuan a month each enabled strategy pays for the live risks' mitigations."""
    enabled = scenario.enabled_keys()
    costs: dict[str, float] = {}
    for risk in live_risks(scenario):
        payer = next((k for k in (*risk.strategies, *enabled) if k in enabled), None)
        if payer is not None and risk.mitigation_cost:
            costs[payer] = costs.get(payer, 0.0) + risk.mitigation_cost / 12.0
    return costs


def event_paths(
    scenario: ScenarioBase, basis: Basis, n: int, rng: np.random.Generator
) -> ShockPaths:
    """Random risk events for ``n`` draws (module docstring), with the mitigation costs
    on the residual basis."""
    events = []
    for risk in live_risks(scenario):
        if risk.shock is None:
            continue
        start = rng.geometric(monthly_hazard(likelihood_of(risk, basis)), size=n)
        shock = sized_shock(risk.shock, scenario.business.size)
        events.append(ShockEvent(shock, start, severity_of(risk, basis)))
    costs = mitigation_costs(scenario) if basis == "residual" else None
    return shock_paths(events, scenario.horizon_months, scenario.enabled_keys(), costs)


# --- stress tests ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """NPV (yuan), payback month (None = not paid back) and peak cash need (yuan)."""

    npv: float
    payback_month: int | None
    peak_cash_need: float


@dataclass(frozen=True)
class StressRow:
    """One stress case: its shocks and, per strategy and for the plan (``total``), the
    outcome without and with them."""

    label: str
    shocks: tuple[ShockId, ...]
    base: Mapping[str, Outcome]
    shocked: Mapping[str, Outcome]

    def npv_change(self, key: str) -> float:
        """Shocked minus base NPV of ``key`` (yuan; negative = a loss)."""
        return self.shocked[key].npv - self.base[key].npv


def _outcome(p: BatchProjection, npv: FloatArray, i: int) -> Outcome:
    payback, _ = paid_back(p)
    return Outcome(
        npv=float(npv[i]),
        payback_month=int(payback[i]) if payback[i] > 0 else None,
        peak_cash_need=float(peak_cash_need(p.cumulative_cash[i : i + 1])[0]),
    )


def _outcomes(batch: BatchResult, i: int) -> dict[str, Outcome]:
    parts = {**batch.strategies, TOTAL: batch.total}
    return {
        key: _outcome(p, batch.npv(None if key == TOTAL else key), i) for key, p in parts.items()
    }


def stress_test(
    scenario: ScenarioBase, cases: Sequence[tuple[str, tuple[ShockId, ...]]], start: int = 1
) -> list[StressRow]:
    """Each case (label, shock ids) applied for certain from month ``start`` at full size
    (module docstring); all cases and the base in one batch."""
    if not cases or not scenario.enabled_keys():
        return []
    n = len(cases) + 1
    events = [
        ShockEvent(
            sized_shock(shock, scenario.business.size), np.where(np.arange(n) == i + 1, start, 0)
        )
        for i, (_, shocks) in enumerate(cases)
        for shock in shocks
    ]
    paths = shock_paths(events, scenario.horizon_months, scenario.enabled_keys())
    batch = evaluate_batch(scenario, _variants(scenario, n), shocks=paths)
    base = _outcomes(batch, 0)
    return [
        StressRow(label, tuple(shocks), base, _outcomes(batch, i + 1))
        for i, (label, shocks) in enumerate(cases)
    ]


def _variants(scenario: ScenarioBase, n: int) -> dict[str, FloatArray]:
    """Overrides that make the batch exactly ``n`` copies of ``scenario`` (one row per
    case, even when no shock moves anything)."""
    return {"business.gross_margin": np.full(n, scenario.business.gross_margin)}


# --- quantified impact -------------------------------------------------------------------


@dataclass(frozen=True)
class RiskAssessment:
    """A live risk on both bases: likelihood and impact scores, the probability it
    happens within the horizon, and — for a risk with a shock — its loss given that it
    happens and its expected loss (yuan of plan NPV). ``modelled`` says whether the
    impact score came from the loss (True) or from the register."""

    risk: Risk
    likelihood: Mapping[Basis, int]
    impact: Mapping[Basis, int]
    probability: Mapping[Basis, float]
    loss: Mapping[Basis, float] | None
    modelled: Mapping[Basis, bool]

    def expected_loss(self, basis: Basis) -> float | None:
        """Probability × loss on ``basis`` (None for a risk without a shock)."""
        return None if self.loss is None else self.probability[basis] * self.loss[basis]


def _timing_weights(score: int, horizon: int) -> FloatArray:
    """P(first event in month m | it happens within the horizon), m = 1..H."""
    q = monthly_hazard(score)
    weights = (1.0 - q) ** np.arange(horizon) * q
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def _loss_curves(
    scenario: ScenarioBase, keys: Sequence[tuple[ShockId, float]]
) -> dict[tuple[ShockId, float], FloatArray]:
    """Plan NPV lost when shock ``id`` at ``severity`` starts in month m = 1..H, for each
    (id, severity) in ``keys``; one batch."""
    horizon = scenario.horizon_months
    if not keys or not scenario.enabled_keys():
        return {key: np.zeros(horizon) for key in keys}
    n = 1 + len(keys) * horizon
    months = np.arange(n)
    events = []
    for j, (shock, severity) in enumerate(keys):
        block = (months - 1) // horizon == j
        start = np.where(block & (months > 0), (months - 1) % horizon + 1, 0)
        events.append(ShockEvent(sized_shock(shock, scenario.business.size), start, severity))
    paths = shock_paths(events, horizon, scenario.enabled_keys())
    npv = evaluate_batch(scenario, _variants(scenario, n), shocks=paths).npv()
    lost = npv[0] - npv[1:]
    return {key: lost[j * horizon : (j + 1) * horizon] for j, key in enumerate(keys)}


def assess_risks(scenario: ScenarioBase) -> list[RiskAssessment]:
    """Every live risk on both bases (module docstring)."""
    risks = live_risks(scenario)
    horizon = scenario.horizon_months
    wanted = sorted(
        {(r.shock, severity_of(r, b)) for r in risks if r.shock is not None for b in BASES}
    )
    curves = _loss_curves(scenario, wanted)
    size = scenario.business.size
    assessed = []
    for risk in risks:
        likelihood = {b: likelihood_of(risk, b) for b in BASES}
        given = {"inherent": risk.impact, "residual": risk.residual_impact}
        loss = None
        if risk.shock is not None:
            loss = {
                b: float(
                    _timing_weights(likelihood[b], horizon)
                    @ curves[(risk.shock, severity_of(risk, b))]
                )
                for b in BASES
            }
        impact = {
            b: given[b] if given[b] is not None else impact_score(loss[b] if loss else 0.0, size)
            for b in BASES
        }
        assessed.append(
            RiskAssessment(
                risk=risk,
                likelihood=likelihood,
                impact=impact,
                probability={b: hit_probability(likelihood[b], horizon) for b in BASES},
                loss=loss,
                modelled={b: given[b] is None for b in BASES},
            )
        )
    return assessed


@dataclass(frozen=True)
class MitigationBalance:
    """The live risks' mitigations in yuan of plan NPV (module docstring): ``per_year``
    what they cost a year, ``cost`` the present value of that over the horizon, ``saved``
    the expected loss they remove from the risks with a shock."""

    per_year: float
    cost: float
    saved: float


def mitigation_balance(
    scenario: ScenarioBase, assessed: Sequence[RiskAssessment]
) -> MitigationBalance:
    """Cost and saving of the mitigations of ``scenario``'s live risks (module docstring);
    ``assessed`` from :func:`assess_risks`."""
    monthly = sum(mitigation_costs(scenario).values())
    discount = discount_factors(scenario.horizon_months, scenario.annual_discount_rate)
    saved = sum(
        (a.expected_loss("inherent") or 0.0) - (a.expected_loss("residual") or 0.0)
        for a in assessed
    )
    return MitigationBalance(monthly * 12.0, monthly * float(discount.sum()), saved)
