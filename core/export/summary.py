"""The decision with the benchmark evidence it needs, for the CLI and the exports.

:func:`build_decision` reads the benchmark ranges of the business's category
(:func:`core.data.ranges.driver_ranges`) and the plausible output ranges, then calls
:func:`core.analysis.decision.decide` (risk from the deterministic fallback until the
Monte Carlo is merged).
"""

from __future__ import annotations

from core.analysis.decision import Decision, decide
from core.analysis.plausibility import findings
from core.analysis.scores import Weights
from core.data.plausibility import plausible_ranges
from core.data.ranges import driver_ranges
from core.data.store import DataStore
from core.model.engine import evaluate
from core.model.scenario import ScenarioBase


def build_decision(
    scenario: ScenarioBase, store: DataStore, weights: Weights | None = None
) -> Decision:
    """The decision for ``scenario`` with the table's ranges and plausibility findings."""
    evidence = driver_ranges(store, scenario.business.category)
    ranges = {path: (e.low, e.high) for path, e in evidence.items()}
    found = findings(evaluate(scenario), scenario, plausible_ranges())
    return decide(scenario, weights or Weights(), ranges=ranges, findings=found)
