"""The mix: how much a month goes to each strategy's spend lever, and what the whole is
worth next to the sum of its parts.

* The **allocation** of a scenario maps each enabled strategy's key to the monthly amount
  on its spend lever (yuan per month: ``ads.monthly_budget``, ``content.monthly_budget``,
  ``private_domain.monthly_acquisition_budget``); the **total budget** is their sum. One-off
  setup costs are part of the mix too but are not split: they are paid once when a
  strategy is in the plan.
* A split given as **shares** w_k of a total T becomes amounts x_k = T · w_k / Σ_j w_j
  (equal parts when every weight is 0).
* **Sum of its parts**: each enabled strategy's NPV when it runs alone (every other one
  switched off) against the plan's NPV with all of them. The difference is what running
  them together adds: the public → private flow (buyers won by ads and content who join
  the member programme), equal to the engine's ``flow_value``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.model.engine import evaluate_batch, lever_path
from core.model.paths import value_at, with_values
from core.model.scenario import ScenarioBase

Allocation = Mapping[str, float]
"""Strategy key → monthly amount on its spend lever (yuan per month)."""


def allocation_of(scenario: ScenarioBase) -> dict[str, float]:
    """The monthly lever amount of every enabled strategy, in registry order (yuan/month)."""
    return {key: float(value_at(scenario, lever_path(key))) for key in scenario.enabled_keys()}


def split_budget(total: float, weights: Mapping[str, float]) -> dict[str, float]:
    """Amounts x_k = total · w_k / Σ w (equal parts when Σ w = 0); weights must be ≥ 0."""
    if total < 0 or any(w < 0 for w in weights.values()):
        raise ValueError("a budget and its weights must not be negative")
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        return {key: total / len(weights) for key in weights} if weights else {}
    return {key: total * w / weight_sum for key, w in weights.items()}


def shares_of(allocation: Allocation) -> dict[str, float]:
    """Each strategy's share of the total (fractions summing to 1; equal when all are 0)."""
    return split_budget(1.0, allocation)


def with_allocation(
    scenario: ScenarioBase, allocation: Allocation, switched_off: Iterable[str] = ()
) -> ScenarioBase:
    """A validated copy of ``scenario`` with the lever amounts of ``allocation`` set and the
    strategies in ``switched_off`` taken out of the plan.

    Raises ``KeyError`` for an unknown strategy and ``pydantic.ValidationError`` for an
    amount the lever does not accept (negative, above ¥100M a month).
    """
    values: dict[str, object] = {lever_path(key): float(v) for key, v in allocation.items()}
    values.update({f"{key}.enabled": False for key in switched_off})
    return with_values(scenario, values)


@dataclass(frozen=True)
class MixValue:
    """Plan NPV with every enabled strategy (``together``) and each strategy's NPV when it
    runs alone (``alone``), yuan."""

    together: float
    alone: Mapping[str, float]

    @property
    def parts(self) -> float:
        """Σ of the strategies' NPVs when each runs alone (yuan)."""
        return float(sum(self.alone.values()))

    @property
    def synergy(self) -> float:
        """together − parts: what running them together adds (the flow), yuan."""
        return self.together - self.parts


def mix_value(scenario: ScenarioBase) -> MixValue:
    """The plan's NPV next to the sum of its parts (see the module docstring)."""
    keys = scenario.enabled_keys()
    alone = {}
    for key in keys:
        solo = with_values(scenario, {f"{k}.enabled": k == key for k in keys})
        alone[key] = float(evaluate_batch(solo).npv()[0])
    return MixValue(together=float(evaluate_batch(scenario).npv()[0]), alone=alone)
