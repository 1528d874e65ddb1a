"""The decision in one object: scores, the ranked recommendations, the recommended mix and
a verdict — what the executive summary, the exports and ``recommend`` show.

The recommended mix is the most valuable of the optimiser's split (when one is given and
worth recommending), the current plan with the best budget move and the current plan
with the best switch-off (:mod:`core.analysis.recommendations`); else the current plan.
Verdict (on the recommended mix):

* ``empty`` — no strategy is switched on;
* ``idle`` — strategies are on but nothing happens: no cost, no setup and no order (every
  budget and team at 0), so there is nothing to judge;
* ``stop`` — its NPV is ≤ 0;
* ``caution`` — a tier-0 warning (cash above what the business can fund, payback after
  the horizon, the plan resting on one fragile driver) or P(loss) above
  :data:`CAUTION_P_LOSS`;
* ``go`` — otherwise.

Risk figures come from ``risk_of`` (scenario → figures per strategy and ``total``): the
app, the exports and the CLI pass the Monte Carlo and register figures
(:func:`core.analysis.risk_figures.simulated_risk`); without it, the deterministic
fallback :func:`core.analysis.scores.fallback_risk` on the benchmark ranges. ``register``
carries the register's top risks for the summary and the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from core.analysis.plausibility import Finding
from core.analysis.recommendations import (
    ModelFacts,
    OptimiserAnswer,
    Recommendation,
    model_facts,
    recommend,
    switch_off,
    with_move,
)
from core.analysis.risk import RiskAssessment
from core.analysis.scores import TOTAL, RiskFigures, Score, Weights, fallback_risk, score_all
from core.model.engine import ScenarioResult, evaluate
from core.model.paths import with_values
from core.model.scenario import ScenarioBase

Verdict = Literal["go", "caution", "stop", "empty", "idle"]
CAUTION_P_LOSS = 0.30
"""A plan losing money in more than 30 % of cases is not a plain "go"."""
RiskSource = Callable[[ScenarioBase], Mapping[str, RiskFigures]]


@dataclass(frozen=True)
class Decision:
    """Current and recommended plan, their scores, the ranked list and the verdict."""

    scenario: ScenarioBase
    result: ScenarioResult
    scores: Mapping[str, Score]
    recommended: ScenarioBase
    recommended_result: ScenarioResult
    recommended_scores: Mapping[str, Score]
    recommendations: Sequence[Recommendation]
    verdict: Verdict
    register: Sequence[RiskAssessment] = ()

    @property
    def changed(self) -> bool:
        """Whether the recommended mix differs from the current plan."""
        return self.recommended != self.scenario

    def actions(self) -> list[Recommendation]:
        """Actions and guidance, in rank order."""
        return [r for r in self.recommendations if r.kind != "warning"]

    def warnings(self) -> list[Recommendation]:
        """Warnings (guardrails, fragile drivers), in rank order."""
        return [r for r in self.recommendations if r.kind == "warning"]


def _verdict(
    result: ScenarioResult, scores: Mapping[str, Score], items: Sequence[Recommendation]
) -> Verdict:
    if not result.strategies:
        return "empty"
    if not result.total.metrics.active:
        return "idle"
    if result.total.metrics.npv <= 0:
        return "stop"
    urgent = any(r.kind == "warning" and r.tier == 0 for r in items)
    if urgent or scores[TOTAL].risk.p_loss > CAUTION_P_LOSS:
        return "caution"
    return "go"


def _recommended(
    scenario: ScenarioBase,
    facts: ModelFacts,
    items: Sequence[Recommendation],
    optimiser: OptimiserAnswer | None,
) -> ScenarioBase:
    """The most valuable of the optimiser's split (when recommended), the best budget move
    and the best switch-off; the current plan when there is none."""
    options: list[tuple[float, ScenarioBase]] = []
    for item in items:
        if optimiser is not None and item.key == "optimiser" and item.value is not None:
            options.append((item.value, optimiser.scenario))
    if facts.best_move is not None:
        options.append((facts.best_move.npv_change, with_move(scenario, facts.best_move)))
    if (off := switch_off(facts)) is not None:
        options.append((off[1], with_values(scenario, {f"{off[0]}.enabled": False})))
    return max(options, key=lambda option: option[0])[1] if options else scenario


def decide(
    scenario: ScenarioBase,
    weights: Weights,
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    checked: Mapping[str, tuple[float, float]] | None = None,
    findings: Sequence[Finding] = (),
    risk_of: RiskSource | None = None,
    optimiser: OptimiserAnswer | None = None,
    facts: ModelFacts | None = None,
    register: Sequence[RiskAssessment] = (),
) -> Decision:
    """The decision for ``scenario`` (module docstring). ``facts`` may be passed when
    already computed (they do not depend on the weights). ``ranges`` are the benchmark
    ranges (the fallback risk reads them); ``checked`` the ranges the user's inputs are
    held to (``guard.assumption``; default: ``ranges``)."""
    facts = facts or model_facts(scenario)
    risk_source = risk_of or (lambda s: fallback_risk(s, ranges))
    scores = score_all(scenario, facts.result, weights, risk_source(scenario))
    held_to = ranges if checked is None else checked
    items = recommend(
        scenario, facts, scores, ranges=held_to, findings=findings, optimiser=optimiser
    )
    recommended = _recommended(scenario, facts, items, optimiser)
    if recommended == scenario:
        rec_result, rec_scores = facts.result, scores
    else:
        rec_result = evaluate(recommended)
        rec_scores = score_all(recommended, rec_result, weights, risk_source(recommended))
    return Decision(
        scenario=scenario,
        result=facts.result,
        scores=scores,
        recommended=recommended,
        recommended_result=rec_result,
        recommended_scores=rec_scores,
        recommendations=items,
        verdict=_verdict(rec_result, rec_scores, items),
        register=tuple(register),
    )
