"""The risk component's figures from the Monte Carlo and the risk register.

For each enabled strategy and the plan (``total``):

* ``p_loss`` and ``expected_shortfall`` — from :func:`core.analysis.uncertainty.simulate`
  over the scenario's uncertainty (the ranges saved with it, else the benchmark table's
  driver ranges, else ±20 %: :func:`core.analysis.uncertainty.scenario_ranges`, the same
  ranges the Risk page draws from), :data:`DECISION_DRAWS` draws with the
  Risk page's fixed seed and its default basis (inherent, risk events drawn), so the same
  scenario always gives the same figures;
* ``register_exposure`` — Σ over the register's live risks that name the strategy (all of
  them for the plan) of probability × loss on the residual basis (yuan of plan NPV,
  :meth:`core.analysis.risk.RiskAssessment.expected_loss`); ``None`` without a register.

:func:`top_register_risks` ranks the register for the summary by that expected loss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.analysis.risk import TOTAL, RiskAssessment, assess_risks
from core.analysis.scores import RiskFigures
from core.analysis.uncertainty import SimulationSetup, scenario_ranges, simulate
from core.model.scenario import ScenarioBase

DECISION_DRAWS = 2_000
"""Draws behind the scores' risk component: P(loss) to about ±1 point (binomial standard
error √(p(1−p)/2000) ≤ 1.1 %), at a tenth of a second per plan."""


def _exposure(assessments: Sequence[RiskAssessment], key: str) -> float | None:
    if not assessments:
        return None
    losses = (
        a.expected_loss("residual") or 0.0
        for a in assessments
        if key == TOTAL or key in a.risk.strategies
    )
    return max(0.0, float(sum(losses)))


def simulated_risk(
    scenario: ScenarioBase, benchmark: Mapping[str, tuple[float, float]]
) -> dict[str, RiskFigures]:
    """Risk figures per enabled strategy and for ``total`` (module docstring);
    ``benchmark``: driver path → (low, high) from the benchmark table."""
    ranges = scenario_ranges(scenario, benchmark)
    simulation = simulate(scenario, ranges, SimulationSetup(draws=DECISION_DRAWS))
    assessments = assess_risks(scenario)
    out: dict[str, RiskFigures] = {}
    for key in simulation.keys:
        stats = simulation.stats(key)
        out[key] = RiskFigures(
            p_loss=stats.p_loss,
            expected_shortfall=stats.expected_shortfall,
            register_exposure=_exposure(assessments, key),
            basis="simulation",
            median_npv=stats.p50,
        )
    return out


def top_register_risks(scenario: ScenarioBase, count: int = 3) -> list[RiskAssessment]:
    """The register's live risks with the largest residual expected loss (ties: the
    higher residual likelihood × impact score first, then the register order)."""
    assessments = assess_risks(scenario)

    def rank(item: tuple[int, RiskAssessment]) -> tuple[float, int, int]:
        index, a = item
        loss = a.expected_loss("residual") or 0.0
        return (-loss, -a.likelihood["residual"] * a.impact["residual"], index)

    return [a for _, a in sorted(enumerate(assessments), key=rank)[:count]]
